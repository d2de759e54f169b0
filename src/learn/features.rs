//! [`FeatureBuf`]: the feature keys of one decision, and the [`Featurizer`] trait that
//! fills it.

use super::hash::key;

/// The hashed features of one decision: a reusable buffer of keys.
///
/// Push `(template, value)` pairs: the template is a small number naming what is
/// measured ("word of the stack top"), the value a hash of what was seen ("house").
#[derive(Clone, Debug, Default)]
pub struct FeatureBuf {
    keys: Vec<u64>,
}

impl FeatureBuf {
    pub fn new() -> FeatureBuf {
        FeatureBuf::default()
    }

    pub fn with_capacity(n: usize) -> FeatureBuf {
        FeatureBuf {
            keys: Vec::with_capacity(n),
        }
    }

    pub fn clear(&mut self) {
        self.keys.clear();
    }

    /// Adds the feature `template` = `value`.
    #[inline]
    pub fn push(&mut self, template: u64, value: u64) {
        self.keys.push(key(template, value));
    }

    /// Adds an already computed key.
    #[inline]
    pub fn push_key(&mut self, k: u64) {
        self.keys.push(k);
    }

    pub fn keys(&self) -> &[u64] {
        &self.keys
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

impl AsRef<[u64]> for FeatureBuf {
    fn as_ref(&self) -> &[u64] {
        &self.keys
    }
}

/// Something that describes an input of type `I` by hashed features. Training and run
/// time call the same featurizer, so the two cannot drift apart.
pub trait Featurizer<I: ?Sized> {
    /// Appends the features of `input` to `out` (not cleared first).
    fn features(&self, input: &I, out: &mut FeatureBuf);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learn::hash::hash_bytes;

    struct Words;
    impl Featurizer<str> for Words {
        fn features(&self, input: &str, out: &mut FeatureBuf) {
            for w in input.split_whitespace() {
                out.push(1, hash_bytes(0, w.as_bytes()));
            }
        }
    }

    #[test]
    fn a_featurizer_fills_the_buffer() {
        let mut b = FeatureBuf::new();
        Words.features("two words", &mut b);
        assert_eq!(b.len(), 2);
        assert_eq!(b.keys()[0], key(1, hash_bytes(0, b"two")));
        b.clear();
        assert!(b.is_empty());
    }
}
