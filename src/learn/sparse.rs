//! [`SparseWeights`]: the runtime form of a linear model with many classes of which
//! each feature weighs only a few (a parser's labeled moves): per feature only its
//! non-zero weights, as `(class, weight)` pairs.
//!
//! It reads and writes the very bytes of [`Weights::to_bytes`](super::Weights::to_bytes)
//! (per row a key delta, a class mask and the non-zero weights), so a model file does not
//! say which form it is read into; a dense table of 100 classes would hold mostly zeros
//! in memory and in cache.

use super::ModelError;
use super::codec::{Reader, unzigzag, write_varint, zigzag};
use super::decode::Classifier;
use super::weights::{Weights, argmax, argmax_masked};

const EMPTY: u32 = u32::MAX;

/// A linear classifier over hashed features storing non-zero weights only.
#[derive(Clone)]
pub struct SparseWeights {
    n_classes: usize,
    /// Open-addressing slots `(high half of key, offset of the row in entries)`, probed
    /// from the key's low bits as in [`Weights`]; offset `EMPTY` marks an empty slot.
    slots: Vec<(u32, u32)>,
    /// Full key of each row, sorted.
    keys: Vec<u64>,
    /// Row `r` starts at `entries[starts[r]]`: its length `m`, then its `m` weights, each
    /// `class << 16 | weight as u16` — one cache line away from its slot.
    starts: Vec<u32>,
    entries: Vec<u32>,
    scale: f32,
}

impl std::fmt::Debug for SparseWeights {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SparseWeights")
            .field("n_classes", &self.n_classes)
            .field("features", &self.keys.len())
            .field("weights", &self.entries.len())
            .field("scale", &self.scale)
            .finish()
    }
}

#[inline]
fn pack(class: usize, w: i16) -> u32 {
    (class as u32) << 16 | u32::from(w as u16)
}

impl SparseWeights {
    /// Builds the table from strictly increasing non-zero `keys` and, per key, its
    /// `(class, weight)` pairs (classes increasing, weights non-zero).
    fn build(
        n_classes: usize,
        keys: Vec<u64>,
        starts: Vec<u32>,
        entries: Vec<u32>,
        scale: f32,
    ) -> Result<SparseWeights, ModelError> {
        if n_classes == 0 || n_classes > 1 << 16 {
            return Err(ModelError::new("bad number of classes"));
        }
        if keys.first() == Some(&0) || !keys.windows(2).all(|w| w[0] < w[1]) {
            return Err(ModelError::new("feature keys are not strictly increasing"));
        }
        if keys.len() >= EMPTY as usize || starts.len() != keys.len() {
            return Err(ModelError::new("weights do not match their keys"));
        }
        let len = (keys.len() * 2).max(16).next_power_of_two();
        let mut slots = vec![(0u32, EMPTY); len];
        let mask = len - 1;
        for (r, &k) in keys.iter().enumerate() {
            let mut s = (k as usize) & mask;
            while slots[s].1 != EMPTY {
                s = (s + 1) & mask;
            }
            slots[s] = ((k >> 32) as u32, starts[r]);
        }
        Ok(SparseWeights {
            n_classes,
            slots,
            keys,
            starts,
            entries,
            scale,
        })
    }

    /// The same model as a dense table.
    pub fn from_dense(w: &Weights) -> SparseWeights {
        SparseWeights::from_bytes(&w.to_bytes())
            .unwrap_or_else(|_| unreachable!("a table reads what it writes"))
    }

    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Number of features with a row.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Number of non-zero weights.
    pub fn weights(&self) -> usize {
        self.entries.len() - self.keys.len()
    }

    /// The weights of row `r` (after its length).
    fn row(&self, r: usize) -> &[u32] {
        let a = self.starts[r] as usize;
        let m = self.entries[a] as usize;
        &self.entries[a + 1..a + 1 + m]
    }

    /// The offset of `key`'s row in `entries`.
    #[inline]
    fn row_of(&self, key: u64) -> Option<usize> {
        let mask = self.slots.len() - 1;
        let check = (key >> 32) as u32;
        let mut s = (key as usize) & mask;
        loop {
            let (k, r) = self.slots[s];
            if r == EMPTY {
                return None;
            }
            if k == check {
                return Some(r as usize);
            }
            s = (s + 1) & mask;
        }
    }

    /// Writes the score of every class for `feats` into `out` (which must hold
    /// [`n_classes`](SparseWeights::n_classes) values).
    #[inline]
    pub fn scores(&self, feats: &[u64], out: &mut [i32]) {
        let n = self.n_classes.min(out.len());
        let out = &mut out[..n];
        out.fill(0);
        // Each pass over a chunk makes independent loads with few branches, so the
        // cache misses of a chunk overlap: the first slot of every feature, then the
        // probes (mostly in cache by then), then the length of every row found, then
        // the weights (next to their length).
        let mask = self.slots.len() - 1;
        let mut slots = [(0u32, 0u32); 64];
        let mut rows = [0usize; 64];
        let mut lens = [0usize; 64];
        for chunk in feats.chunks(64) {
            for (s, &k) in slots.iter_mut().zip(chunk) {
                *s = self.slots[(k as usize) & mask];
            }
            let mut m = 0;
            for (&first, &k) in slots.iter().zip(chunk) {
                let row = if first.1 == EMPTY {
                    None
                } else if first.0 == (k >> 32) as u32 {
                    Some(first.1 as usize)
                } else {
                    self.row_of(k)
                };
                if let Some(r) = row {
                    rows[m] = r;
                    m += 1;
                }
            }
            for (l, &a) in lens.iter_mut().zip(&rows[..m]) {
                *l = self.entries.get(a).map_or(0, |&l| l as usize);
            }
            for (&a, &len) in rows[..m].iter().zip(&lens[..m]) {
                for &e in self.entries.get(a + 1..a + 1 + len).unwrap_or_default() {
                    if let Some(s) = out.get_mut((e >> 16) as usize) {
                        *s += i32::from(e as u16 as i16);
                    }
                }
            }
        }
    }

    /// Encodes the table exactly as [`Weights::to_bytes`] encodes the same model.
    pub fn to_bytes(&self) -> Vec<u8> {
        let n = self.n_classes;
        let mask_len = n.div_ceil(8);
        let mut b = Vec::with_capacity(self.entries.len() * 2 + self.keys.len() * (8 + mask_len));
        write_varint(&mut b, n as u64);
        write_varint(&mut b, self.keys.len() as u64);
        b.extend_from_slice(&self.scale.to_le_bytes());
        let mut prev = 0u64;
        let mut mask = vec![0u8; mask_len];
        for (r, &k) in self.keys.iter().enumerate() {
            write_varint(&mut b, k - prev);
            prev = k;
            let row = self.row(r);
            mask.fill(0);
            for &e in row {
                let c = (e >> 16) as usize;
                mask[c / 8] |= 1 << (c % 8);
            }
            b.extend_from_slice(&mask);
            for &e in row {
                write_varint(&mut b, zigzag(i64::from(e as u16 as i16)));
            }
        }
        b
    }

    /// Decodes the bytes of [`Weights::to_bytes`]; any malformed input is an `Err`.
    pub fn from_bytes(bytes: &[u8]) -> Result<SparseWeights, ModelError> {
        let mut r = Reader::new(bytes);
        let n = r.count(1 << 16)?;
        if n == 0 {
            return Err(ModelError::new("a classifier needs at least one class"));
        }
        let mask_len = n.div_ceil(8);
        let rows = r.count(bytes.len() / (1 + mask_len))?;
        let scale = r.f32()?;
        let mut keys = Vec::with_capacity(rows);
        let mut starts = Vec::with_capacity(rows);
        let mut entries = Vec::new();
        let mut key = 0u64;
        for _ in 0..rows {
            let delta = r.varint()?;
            if delta == 0 {
                return Err(ModelError::new("feature keys are not strictly increasing"));
            }
            key = key
                .checked_add(delta)
                .ok_or_else(|| ModelError::new("feature key overflow"))?;
            keys.push(key);
            let mask = r.take(mask_len)?;
            if n % 8 != 0 && mask[mask_len - 1] >> (n % 8) != 0 {
                return Err(ModelError::new("class mask names a class beyond the last"));
            }
            let head = entries.len();
            let start = u32::try_from(head).map_err(|_| ModelError::new("too many weights"))?;
            starts.push(start);
            entries.push(0);
            for c in 0..n {
                if mask[c / 8] & (1 << (c % 8)) != 0 {
                    let v = unzigzag(r.varint()?);
                    let w = i16::try_from(v).map_err(|_| ModelError::new("weight out of range"))?;
                    if w == 0 {
                        return Err(ModelError::new("a stored weight is zero"));
                    }
                    entries.push(pack(c, w));
                }
            }
            entries[head] = (entries.len() - head - 1) as u32;
        }
        if u32::try_from(entries.len()).is_err() {
            return Err(ModelError::new("too many weights"));
        }
        r.finish("weights")?;
        SparseWeights::build(n, keys, starts, entries, scale)
    }
}

/// Prediction with a sparse table (a [`Classifier`] for [`super::decode::run`]).
pub struct PredictSparse<'a> {
    weights: &'a SparseWeights,
    scores: Vec<i32>,
}

impl<'a> PredictSparse<'a> {
    pub fn new(weights: &'a SparseWeights) -> PredictSparse<'a> {
        PredictSparse {
            weights,
            scores: vec![0; weights.n_classes()],
        }
    }
}

impl Classifier for PredictSparse<'_> {
    fn n_classes(&self) -> usize {
        self.weights.n_classes()
    }

    #[inline]
    fn choose(&mut self, feats: &[u64], valid: Option<&[bool]>, _gold: Option<usize>) -> usize {
        self.weights.scores(feats, &mut self.scores);
        match valid {
            Some(v) => argmax_masked(&self.scores, v).unwrap_or(0),
            None => argmax(&self.scores),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_and_bytes_equal_the_dense_table() {
        let dense = Weights::from_sorted(
            3,
            vec![5, 9, 1 << 40],
            vec![1, 0, -2, 0, 0, 7, 300, -300, 0],
            2.0,
        )
        .unwrap();
        let sparse = SparseWeights::from_dense(&dense);
        assert_eq!(sparse.to_bytes(), dense.to_bytes());
        assert_eq!((sparse.len(), sparse.weights()), (3, 5));
        let feats = [5, 9, 77, 1 << 40, 5];
        let (mut a, mut b) = ([0i32; 3], [0i32; 3]);
        dense.scores(&feats, &mut a);
        sparse.scores(&feats, &mut b);
        assert_eq!(a, b);
        let bytes = dense.to_bytes();
        for cut in 0..bytes.len() {
            assert!(SparseWeights::from_bytes(&bytes[..cut]).is_err());
        }
        let mut p = PredictSparse::new(&sparse);
        assert_eq!(p.choose(&[9], Some(&[true, true, false]), None), 0);
        assert_eq!(p.choose(&[9], None, None), 2);
    }
}
