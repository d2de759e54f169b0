//! [`LabelSet`]: the classes of a classifier, as names in a fixed order. Class ids are
//! positions in that order; the set is stored in the model file, so a model says what
//! its outputs mean and a reader can check them against what it expects.

use std::collections::HashMap;

use super::ModelError;
use super::codec::{Reader, write_str, write_varint};

/// Ordered, distinct class names; a class id is an index into it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LabelSet {
    names: Vec<String>,
    ids: HashMap<String, u32>,
}

impl LabelSet {
    /// A set of `names` in the given order; `Err` on duplicates or too many names.
    pub fn new<S: AsRef<str>>(names: &[S]) -> Result<LabelSet, ModelError> {
        let mut set = LabelSet::default();
        for n in names {
            if set.ids.contains_key(n.as_ref()) {
                return Err(ModelError::new(format!("duplicate label {:?}", n.as_ref())));
            }
            set.push(n.as_ref())?;
        }
        Ok(set)
    }

    /// The id of `name`, adding it at the end if new (for collecting labels while
    /// reading training data).
    pub fn intern(&mut self, name: &str) -> usize {
        match self.ids.get(name) {
            Some(&i) => i as usize,
            None => {
                let i = self.names.len();
                // a set never grows near u32::MAX in practice; push checks anyway
                let _ = self.push(name);
                i
            }
        }
    }

    fn push(&mut self, name: &str) -> Result<(), ModelError> {
        let id = u32::try_from(self.names.len()).map_err(|_| ModelError::new("too many labels"))?;
        self.names.push(name.to_string());
        self.ids.insert(name.to_string(), id);
        Ok(())
    }

    /// Number of classes.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The id of `name`.
    pub fn id(&self, name: &str) -> Option<usize> {
        self.ids.get(name).map(|&i| i as usize)
    }

    /// The name of class `id`.
    pub fn name(&self, id: usize) -> Option<&str> {
        self.names.get(id).map(String::as_str)
    }

    /// The names in id order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Encodes the set (the `LABL` section of a model file).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut b = Vec::new();
        write_varint(&mut b, self.names.len() as u64);
        for n in &self.names {
            write_str(&mut b, n);
        }
        b
    }

    /// Decodes what [`LabelSet::to_bytes`] wrote.
    pub fn from_bytes(bytes: &[u8]) -> Result<LabelSet, ModelError> {
        let mut r = Reader::new(bytes);
        let n = r.count(bytes.len())?;
        let mut names = Vec::with_capacity(n);
        for _ in 0..n {
            names.push(r.str()?);
        }
        r.finish("label set")?;
        LabelSet::new(&names)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_keep_their_order_and_round_trip() {
        let mut s = LabelSet::new(&["nsubj", "obj"]).unwrap();
        assert_eq!(s.intern("obl"), 2);
        assert_eq!(s.intern("nsubj"), 0);
        assert_eq!(s.id("obj"), Some(1));
        assert_eq!(s.name(2), Some("obl"));
        assert_eq!(s.name(3), None);
        let t = LabelSet::from_bytes(&s.to_bytes()).unwrap();
        assert_eq!(t, s);
        assert!(LabelSet::new(&["a", "a"]).is_err());
        assert!(LabelSet::from_bytes(&[5, 1]).is_err());
    }
}
