//! Word classes for the parser's features: each frequent word form (normalized as the
//! parser's word features are: lowercase, digits as `0`) with a fine and a coarse class
//! learned from raw text by [`crate::learn::cluster::exchange`] (`train_parser` builds
//! them from EWT train; `--clusters-from DIR` adds raw text).
//!
//! Stored in the model file's `CLUS` section: the number of words (varint), then per
//! word, in increasing order of its hash (`hash_bytes(1, form)`), the hash (8 bytes
//! little-endian) and the two classes (2 bytes each).

use super::system::{normalize, word_hash};
use crate::learn::ModelError;
use crate::learn::cluster::exchange;
use crate::learn::codec::{Reader, write_varint};
use crate::learn::train::KeyMap;

/// Word hash → (fine class, coarse class).
#[derive(Clone, Default)]
pub struct Clusters {
    map: KeyMap<(u16, u16)>,
}

impl std::fmt::Debug for Clusters {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Clusters({} words)", self.map.len())
    }
}

impl Clusters {
    /// From `(word hash, fine, coarse)` triples (a hash given twice keeps the first).
    pub fn new(entries: impl IntoIterator<Item = (u64, u16, u16)>) -> Clusters {
        let mut map = KeyMap::default();
        for (h, f, c) in entries {
            map.entry(h).or_insert((f, c));
        }
        Clusters { map }
    }

    /// Learns classes from `sentences` of word forms: the words seen at least
    /// `min_count` times get a class among `fine` and one among `coarse`
    /// ([`exchange`] with `passes` passes). Deterministic.
    pub fn learn<'a>(
        sentences: impl IntoIterator<Item = Vec<&'a str>>,
        fine: usize,
        coarse: usize,
        min_count: usize,
        passes: usize,
    ) -> Clusters {
        let mut ids: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
        let mut forms: Vec<String> = Vec::new();
        let mut counts: Vec<usize> = Vec::new();
        let mut text: Vec<Vec<u32>> = Vec::new();
        let mut norm = String::new();
        for s in sentences {
            let mut seq = Vec::with_capacity(s.len());
            for w in s {
                normalize(w, &mut norm);
                let id = match ids.get(norm.as_str()) {
                    Some(&id) => id,
                    None => {
                        let id = forms.len() as u32;
                        ids.insert(norm.clone(), id);
                        forms.push(norm.clone());
                        counts.push(0);
                        id
                    }
                };
                counts[id as usize] += 1;
                seq.push(id);
            }
            text.push(seq);
        }
        // ids by decreasing frequency, ties by form
        let mut order: Vec<u32> = (0..forms.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| {
            counts[b as usize]
                .cmp(&counts[a as usize])
                .then_with(|| forms[a as usize].cmp(&forms[b as usize]))
        });
        let mut rank = vec![0u32; forms.len()];
        for (r, &id) in order.iter().enumerate() {
            rank[id as usize] = r as u32;
        }
        for seq in &mut text {
            for w in seq.iter_mut() {
                *w = rank[*w as usize];
            }
        }
        let clustered = order
            .iter()
            .take_while(|&&id| counts[id as usize] >= min_count)
            .count();
        let f = exchange(&text, forms.len(), clustered, fine, passes);
        let c = exchange(&text, forms.len(), clustered, coarse, passes);
        Clusters::new(
            order[..clustered]
                .iter()
                .enumerate()
                .map(|(r, &id)| (word_hash(&forms[id as usize]), f[r], c[r])),
        )
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The classes of the word whose hash is `h`.
    #[inline]
    pub fn get(&self, h: u64) -> Option<(u16, u16)> {
        self.map.get(&h).copied()
    }

    /// Deterministic bytes (format in the module docs).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut e: Vec<(u64, (u16, u16))> = self.map.iter().map(|(&h, &c)| (h, c)).collect();
        e.sort_unstable();
        let mut b = Vec::with_capacity(e.len() * 12 + 4);
        write_varint(&mut b, e.len() as u64);
        for (h, (f, c)) in e {
            b.extend_from_slice(&h.to_le_bytes());
            b.extend_from_slice(&f.to_le_bytes());
            b.extend_from_slice(&c.to_le_bytes());
        }
        b
    }

    /// Reads [`Clusters::to_bytes`]; malformed input is an `Err`.
    pub fn from_bytes(bytes: &[u8]) -> Result<Clusters, ModelError> {
        let mut r = Reader::new(bytes);
        let n = r.count(bytes.len() / 12 + 1)?;
        let mut map = KeyMap::default();
        map.reserve(n);
        let mut prev = None;
        for _ in 0..n {
            let e = r.take(12)?;
            let h = u64::from_le_bytes(e[..8].try_into().unwrap_or_default());
            if prev.is_some_and(|p| p >= h) {
                return Err(ModelError::new("word classes are not in hash order"));
            }
            prev = Some(h);
            let f = u16::from_le_bytes([e[8], e[9]]);
            let c = u16::from_le_bytes([e[10], e[11]]);
            map.insert(h, (f, c));
        }
        r.finish("word classes")?;
        Ok(Clusters { map })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_garbage() {
        let c = Clusters::new([(9, 1, 2), (3, 4, 5), (9, 7, 7)]);
        assert_eq!(c.len(), 2);
        assert_eq!(c.get(9), Some((1, 2)));
        let b = c.to_bytes();
        let d = Clusters::from_bytes(&b).unwrap();
        assert_eq!(d.to_bytes(), b);
        assert_eq!(d.get(3), Some((4, 5)));
        for cut in 0..b.len() {
            assert!(Clusters::from_bytes(&b[..cut]).is_err());
        }
    }
}
