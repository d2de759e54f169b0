//! [`CompactWeights`]: the runtime form of a linear model with few classes (a parser's
//! moves): an open-addressing table whose slots hold only a 16-bit check of the key
//! (32 to a cache line, so the probes of a lookup touch one small array, mostly in
//! cache), and beside it, per slot, the `N` `i16` weights, read only when the key is
//! found. An unknown feature thus costs one access to a small array, a known one two.
//!
//! The table is filled to between a third and two thirds. The check tells a stored key
//! from an unknown one meeting it in the table (a false hit is a one-in-65,535 event per
//! probe of an unknown feature, and adds a small weight: harmless for a linear model).
//! The full keys are kept apart, only to write the model.
//!
//! It reads and writes the bytes of [`Weights::to_bytes`](super::Weights::to_bytes). A
//! key whose probe meets an earlier key with the same check can never be reached; it is
//! dropped when the table is built, so a table reads back from its own bytes exactly.

use super::ModelError;
use super::decode::Classifier;
use super::weights::{Weights, argmax, argmax_masked};

/// A linear classifier over hashed features with `N` classes.
#[derive(Clone)]
pub struct CompactWeights<const N: usize> {
    /// Per slot the key's check (`0` for an empty slot): probing reads only these
    /// (32 to a cache line; the array stays in cache), an unknown feature nothing else.
    checks: Vec<u16>,
    /// Per slot the weights (read only for a found key).
    rows: Vec<[i16; N]>,
    /// The full keys stored, sorted (for [`CompactWeights::to_bytes`]).
    keys: Vec<u64>,
    scale: f32,
}

impl<const N: usize> std::fmt::Debug for CompactWeights<N> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CompactWeights")
            .field("n_classes", &N)
            .field("features", &self.keys.len())
            .field("slots", &self.checks.len())
            .finish()
    }
}

/// The check of a key: its top 16 bits, never 0.
#[inline]
fn check_of(key: u64) -> u16 {
    ((key >> 48) as u16).max(1)
}

impl<const N: usize> CompactWeights<N> {
    /// The same model as a dense table of `N` classes (else an `Err`), less the keys
    /// that could never be reached.
    pub fn from_dense(w: &Weights) -> Result<CompactWeights<N>, ModelError> {
        if w.n_classes() != N || N == 0 {
            return Err(ModelError::new("the table has another number of classes"));
        }
        let n = w.len();
        // a load of 1/3 to 2/3: a probe past the first slot mostly stays in its cache
        // line of checks
        let len = (n + n / 2).max(16).next_power_of_two();
        let mask = len - 1;
        let mut checks = vec![0u16; len];
        let mut rows = vec![[0i16; N]; len];
        let mut keys = Vec::with_capacity(n);
        for (k, row) in w.rows() {
            let check = check_of(k);
            let mut s = (k as usize) & mask;
            let mut shadowed = false;
            while checks[s] != 0 {
                if checks[s] == check {
                    shadowed = true;
                    break;
                }
                s = (s + 1) & mask;
            }
            if shadowed {
                continue;
            }
            let mut ws = [0i16; N];
            ws.copy_from_slice(row);
            checks[s] = check;
            rows[s] = ws;
            keys.push(k);
        }
        Ok(CompactWeights {
            checks,
            rows,
            keys,
            scale: w.scale(),
        })
    }

    /// Number of features stored.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The weights of `key` (zeros when unknown).
    #[inline]
    fn lookup(&self, key: u64) -> [i16; N] {
        self.find(key, key as usize)
            .map_or([0; N], |s| self.rows[s])
    }

    /// The slot of `key`, probing from slot `from`.
    #[inline]
    fn find(&self, key: u64, from: usize) -> Option<usize> {
        let mask = self.checks.len() - 1;
        let check = check_of(key);
        let mut s = from & mask;
        loop {
            let c = self.checks[s];
            if c == check {
                return Some(s);
            }
            if c == 0 {
                return None;
            }
            s = (s + 1) & mask;
        }
    }

    /// The score of every class for `feats`.
    #[inline]
    pub fn scores(&self, feats: &[u64]) -> [i32; N] {
        let mut out = [0i32; N];
        for &k in feats {
            if let Some(s) = self.find(k, k as usize) {
                for (o, &w) in out.iter_mut().zip(&self.rows[s]) {
                    *o += i32::from(w);
                }
            }
        }
        out
    }

    /// Encodes the table exactly as [`Weights::to_bytes`] encodes the same model.
    pub fn to_bytes(&self) -> Vec<u8> {
        let weights: Vec<i16> = self.keys.iter().flat_map(|&k| self.lookup(k)).collect();
        Weights::from_sorted(N, self.keys.clone(), weights, self.scale)
            .unwrap_or_else(|_| unreachable!("the keys were read from a valid table"))
            .to_bytes()
    }

    /// Decodes the bytes of [`Weights::to_bytes`]; any malformed input, or another
    /// number of classes, is an `Err`.
    pub fn from_bytes(bytes: &[u8]) -> Result<CompactWeights<N>, ModelError> {
        CompactWeights::from_dense(&Weights::from_bytes(bytes)?)
    }
}

/// Prediction with a compact table (a [`Classifier`] for [`super::decode::run`]).
pub struct PredictCompact<'a, const N: usize> {
    weights: &'a CompactWeights<N>,
}

impl<'a, const N: usize> PredictCompact<'a, N> {
    pub fn new(weights: &'a CompactWeights<N>) -> PredictCompact<'a, N> {
        PredictCompact { weights }
    }
}

impl<const N: usize> Classifier for PredictCompact<'_, N> {
    fn n_classes(&self) -> usize {
        N
    }

    #[inline]
    fn choose(&mut self, feats: &[u64], valid: Option<&[bool]>, _gold: Option<usize>) -> usize {
        let s = self.weights.scores(feats);
        match valid {
            Some(v) => argmax_masked(&s, v).unwrap_or(0),
            None => argmax(&s),
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
            vec![
                0x0001_0000_0000_0005,
                0x0002_0000_0000_0009,
                // the same first slot as the first key
                0x0003_0000_0000_0015,
                0x0004_0100_0000_0000,
                0xffff_0000_0000_0005,
            ],
            vec![1, 0, -2, 0, 0, 7, 300, -300, 0, 4, 4, 4, 9, 9, 9],
            2.0,
        )
        .unwrap();
        let compact = CompactWeights::<3>::from_dense(&dense).unwrap();
        assert_eq!(compact.to_bytes(), dense.to_bytes());
        assert_eq!(compact.len(), 5);
        let mut feats = vec![
            0x0001_0000_0000_0005,
            0x0002_0000_0000_0009,
            77,
            0x0004_0100_0000_0000,
            0x0001_0000_0000_0005,
            0x0003_0000_0000_0015,
            0xffff_0000_0000_0005,
        ];
        feats.extend(std::iter::repeat_n(0x0003_0000_0000_0015, 70));
        let mut a = [0i32; 3];
        dense.scores(&feats, &mut a);
        assert_eq!(compact.scores(&feats), a);
        let bytes = dense.to_bytes();
        assert!(CompactWeights::<3>::from_bytes(&bytes).is_ok());
        assert!(CompactWeights::<2>::from_bytes(&bytes).is_err());
        for cut in 0..bytes.len() {
            assert!(CompactWeights::<3>::from_bytes(&bytes[..cut]).is_err());
        }
        let mut p = PredictCompact::new(&compact);
        let nine = [0x0002_0000_0000_0009];
        assert_eq!(p.choose(&nine, Some(&[true, true, false]), None), 0);
        assert_eq!(p.choose(&nine, None, None), 2);
    }

    #[test]
    fn unreachable_keys_are_dropped_and_the_table_reads_back() {
        // same low bits and same top 16 bits: the second can never be found
        let dense = Weights::from_sorted(
            3,
            vec![0x1234_0000_0000_0007, 0x1234_0000_0001_0007],
            vec![1, 2, 3, 4, 5, 6],
            1.0,
        )
        .unwrap();
        let compact = CompactWeights::<3>::from_dense(&dense).unwrap();
        assert_eq!(compact.len(), 1);
        let again = CompactWeights::<3>::from_bytes(&compact.to_bytes()).unwrap();
        assert_eq!(again.to_bytes(), compact.to_bytes());
        assert_eq!(again.scores(&[0x1234_0000_0000_0007]), [1, 2, 3]);
    }
}
