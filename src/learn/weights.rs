//! [`Weights`]: the runtime form of a linear model — quantized `i16` weights of
//! `n_classes` per feature key, found through an open-addressing hash table.

use super::ModelError;
use super::codec::{Reader, unzigzag, write_varint, zigzag};

const EMPTY: u32 = u32::MAX;

/// A trained linear classifier over hashed features, for scoring at run time.
///
/// Made by [`Perceptron::quantize`](super::Perceptron::quantize) (or read from a model
/// file); scores are sums of `i16` weights in `i32`.
#[derive(Clone)]
pub struct Weights {
    n_classes: usize,
    /// Open-addressing slots `(high half of key, row)`, probed from the key's low bits;
    /// row `EMPTY` marks an empty slot. Length is a power of two. Matching 32 key bits
    /// on top of the probe position makes a false hit about a one-in-four-billion event
    /// per unknown feature, and keeps the table small (it stays in cache better).
    slots: Vec<(u32, u32)>,
    /// Full key of each row, sorted, for serialization.
    keys: Vec<u64>,
    /// `(rows + 1) × n_classes` weights; the last row, all zero, stands for unknown
    /// features.
    weights: Vec<i16>,
    /// The factor the averaged weights were multiplied by before rounding.
    scale: f32,
}

impl std::fmt::Debug for Weights {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Weights")
            .field("n_classes", &self.n_classes)
            .field("features", &self.keys.len())
            .field("scale", &self.scale)
            .finish()
    }
}

fn table_len(n: usize) -> usize {
    (n * 2).max(16).next_power_of_two()
}

impl Weights {
    /// A table without features: every score is 0.
    pub fn empty(n_classes: usize) -> Weights {
        Weights::from_sorted(n_classes, Vec::new(), Vec::new(), 1.0)
            .unwrap_or_else(|_| unreachable!("an empty table is valid"))
    }

    /// Builds the table from strictly increasing non-zero `keys` and their rows
    /// (`keys.len() × n_classes` weights, row-major).
    pub fn from_sorted(
        n_classes: usize,
        keys: Vec<u64>,
        mut weights: Vec<i16>,
        scale: f32,
    ) -> Result<Weights, ModelError> {
        if n_classes == 0 {
            return Err(ModelError::new("a classifier needs at least one class"));
        }
        if weights.len() != keys.len().saturating_mul(n_classes) || keys.len() >= EMPTY as usize {
            return Err(ModelError::new("weights do not match their keys"));
        }
        if keys.first() == Some(&0) || !keys.windows(2).all(|w| w[0] < w[1]) {
            return Err(ModelError::new("feature keys are not strictly increasing"));
        }
        let mut slots = vec![(0u32, EMPTY); table_len(keys.len())];
        let mask = slots.len() - 1;
        for (r, &k) in keys.iter().enumerate() {
            let mut s = (k as usize) & mask;
            while slots[s].1 != EMPTY {
                s = (s + 1) & mask;
            }
            slots[s] = ((k >> 32) as u32, r as u32);
        }
        // the row of unknown features
        weights.extend(std::iter::repeat_n(0, n_classes));
        Ok(Weights {
            n_classes,
            slots,
            keys,
            weights,
            scale,
        })
    }

    /// Number of classes (the length of a score vector).
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

    /// The features with a row, in increasing order.
    pub fn keys(&self) -> &[u64] {
        &self.keys
    }

    /// The quantization factor (informative).
    pub fn scale(&self) -> f32 {
        self.scale
    }

    /// Offset of `key`'s row in `weights`, or of the final all-zero row when the
    /// feature is unknown.
    #[inline]
    fn row_offset(&self, key: u64) -> usize {
        let mask = self.slots.len() - 1;
        let check = (key >> 32) as u32;
        let mut s = (key as usize) & mask;
        loop {
            let (k, r) = self.slots[s];
            if r == EMPTY {
                return self.keys.len() * self.n_classes;
            }
            if k == check {
                return r as usize * self.n_classes;
            }
            s = (s + 1) & mask;
        }
    }

    /// Every feature's key and weights, in key order.
    pub fn rows(&self) -> impl Iterator<Item = (u64, &[i16])> + '_ {
        self.keys
            .iter()
            .copied()
            .zip(self.weights.chunks_exact(self.n_classes))
    }

    /// The weights of one feature (`None` when it has none).
    pub fn row(&self, key: u64) -> Option<&[i16]> {
        let r = self.row_offset(key);
        (r < self.keys.len() * self.n_classes).then(|| &self.weights[r..r + self.n_classes])
    }

    /// Writes the score of every class for the features `feats` into `out` (which must
    /// hold [`n_classes`](Weights::n_classes) values; extra values are left alone).
    #[inline]
    pub fn scores(&self, feats: &[u64], out: &mut [i32]) {
        let n = self.n_classes.min(out.len());
        out[..n].fill(0);
        self.add_scores(feats, out);
    }

    /// Adds the scores of `feats` to `out`.
    #[inline]
    pub fn add_scores(&self, feats: &[u64], out: &mut [i32]) {
        let n = self.n_classes.min(out.len());
        let out = &mut out[..n];
        // Find all rows of a chunk first, then add them: the independent table lookups
        // overlap their cache misses.
        let mut rows = [0usize; 64];
        for chunk in feats.chunks(64) {
            for (r, &k) in rows.iter_mut().zip(chunk) {
                *r = self.row_offset(k);
            }
            for &r in &rows[..chunk.len()] {
                if let Some(w) = self.weights.get(r..r + n) {
                    for (s, &w) in out.iter_mut().zip(w) {
                        *s += i32::from(w);
                    }
                }
            }
        }
    }

    /// The best class for `feats` (the first of equals).
    pub fn predict(&self, feats: &[u64], scratch: &mut Vec<i32>) -> usize {
        scratch.resize(self.n_classes, 0);
        self.scores(feats, scratch);
        argmax(scratch)
    }

    /// Encodes the table (a weights section of a model file): `n_classes`, the number
    /// of rows and the scale, then per row, in key order, the varint difference from
    /// the previous key, a bit mask of the classes with a non-zero weight
    /// (`ceil(n_classes / 8)` bytes) and those weights as zigzag varints.
    pub fn to_bytes(&self) -> Vec<u8> {
        let n = self.n_classes;
        let mask_len = n.div_ceil(8);
        let mut b = Vec::with_capacity(self.keys.len() * (8 + mask_len + n) + 16);
        write_varint(&mut b, n as u64);
        write_varint(&mut b, self.keys.len() as u64);
        b.extend_from_slice(&self.scale.to_le_bytes());
        let mut prev = 0u64;
        let mut mask = vec![0u8; mask_len];
        for (r, &k) in self.keys.iter().enumerate() {
            write_varint(&mut b, k - prev);
            prev = k;
            let w = &self.weights[r * n..(r + 1) * n];
            mask.fill(0);
            for (c, _) in w.iter().enumerate().filter(|(_, w)| **w != 0) {
                mask[c / 8] |= 1 << (c % 8);
            }
            b.extend_from_slice(&mask);
            for &w in w.iter().filter(|w| **w != 0) {
                write_varint(&mut b, zigzag(i64::from(w)));
            }
        }
        b
    }

    /// Decodes what [`Weights::to_bytes`] wrote; any malformed input is an `Err`.
    pub fn from_bytes(bytes: &[u8]) -> Result<Weights, ModelError> {
        let mut r = Reader::new(bytes);
        let n = r.count(1 << 16)?;
        if n == 0 {
            return Err(ModelError::new("a classifier needs at least one class"));
        }
        let mask_len = n.div_ceil(8);
        // every row takes at least 1 + mask_len bytes: bound allocations by the size
        let rows = r.count(bytes.len() / (1 + mask_len))?;
        let scale = r.f32()?;
        let mut keys = Vec::with_capacity(rows);
        let mut weights = vec![0i16; rows * n];
        let mut key = 0u64;
        for row in 0..rows {
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
            for c in 0..n {
                if mask[c / 8] & (1 << (c % 8)) != 0 {
                    let v = unzigzag(r.varint()?);
                    weights[row * n + c] =
                        i16::try_from(v).map_err(|_| ModelError::new("weight out of range"))?;
                }
            }
        }
        r.finish("weights")?;
        Weights::from_sorted(n, keys, weights, scale)
    }
}

/// The index of the largest score (the first of equals; 0 for no scores).
#[inline]
pub fn argmax<T: PartialOrd + Copy>(scores: &[T]) -> usize {
    let mut best = 0;
    for (i, s) in scores.iter().enumerate() {
        if *s > scores[best] {
            best = i;
        }
    }
    best
}

/// The index of the largest score among the classes marked valid (the first of
/// equals), or `None` when none is valid.
#[inline]
pub fn argmax_masked<T: PartialOrd + Copy>(scores: &[T], valid: &[bool]) -> Option<usize> {
    let mut best: Option<usize> = None;
    for (i, (s, &ok)) in scores.iter().zip(valid).enumerate() {
        if ok && best.is_none_or(|b| *s > scores[b]) {
            best = Some(i);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Weights {
        Weights::from_sorted(
            3,
            vec![5, 9, 1 << 40],
            vec![1, 0, -2, 0, 0, 7, 300, -300, 0],
            2.0,
        )
        .unwrap()
    }

    #[test]
    fn scores_sum_rows_and_ignore_unknown_features() {
        let w = table();
        let mut s = [0i32; 3];
        w.scores(&[5, 9, 77, 1 << 40, 5], &mut s);
        assert_eq!(s, [302, -300, 3]);
        assert_eq!(w.row(9), Some(&[0, 0, 7][..]));
        assert_eq!(w.row(10), None);
        let mut scratch = Vec::new();
        assert_eq!(w.predict(&[1 << 40], &mut scratch), 0);
        let many: Vec<u64> = std::iter::repeat_n(9, 200).collect();
        w.scores(&many, &mut s);
        assert_eq!(s, [0, 0, 1400]);
    }

    #[test]
    fn encoding_round_trips_and_rejects_garbage() {
        let w = table();
        let b = w.to_bytes();
        let v = Weights::from_bytes(&b).unwrap();
        assert_eq!(v.to_bytes(), b);
        assert_eq!(v.scale(), 2.0);
        for cut in 0..b.len() {
            assert!(Weights::from_bytes(&b[..cut]).is_err());
        }
        let mut longer = b.clone();
        longer.push(0);
        assert!(Weights::from_bytes(&longer).is_err());
        assert!(Weights::from_sorted(2, vec![3, 3], vec![0; 4], 1.0).is_err());
        assert!(Weights::from_sorted(2, vec![0], vec![0; 2], 1.0).is_err());
        assert!(Weights::from_sorted(2, vec![1], vec![0; 3], 1.0).is_err());
    }

    #[test]
    fn argmax_takes_the_first_best() {
        assert_eq!(argmax(&[1, 3, 3]), 1);
        assert_eq!(argmax::<i32>(&[]), 0);
        assert_eq!(argmax_masked(&[9, 3, 3], &[false, true, true]), Some(1));
        assert_eq!(argmax_masked(&[9, 3], &[false, false]), None);
    }
}
