//! [`InlineWeights`]: the runtime form of a linear model with very few classes (a
//! parser's three unlabeled moves): each feature's `N` weights stored inside its hash
//! slot, so that scoring a feature costs one memory access instead of two (slot, then
//! row), and the table is small enough to stay in the processor's caches.
//!
//! A slot is 16 bits of the key (a check) and `N` `i16` weights; with `N = 3` it is 8
//! bytes, eight to a cache line, and the table is filled to between a third and two thirds. The check tells a stored key from an unknown one
//! meeting it in the table (a false hit is a one-in-65,535 event per probe of an unknown
//! feature, and adds a small weight: harmless for a linear model). The full keys are
//! kept beside the table, only to write the model.
//!
//! It reads and writes the bytes of [`Weights::to_bytes`](super::Weights::to_bytes). A
//! key whose probe meets an earlier key with the same check can never be reached; it is
//! dropped when the table is built, so a table reads back from its own bytes exactly.

use super::ModelError;
use super::decode::Classifier;
use super::weights::{Weights, argmax, argmax_masked};

/// One slot: the key's check (`0` for an empty slot) and the weights.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(C)]
struct Slot<const N: usize> {
    check: u16,
    w: [i16; N],
}

/// A linear classifier over hashed features with `N` classes, weights inline.
#[derive(Clone)]
pub struct InlineWeights<const N: usize> {
    slots: Vec<Slot<N>>,
    /// The full keys stored, sorted (for [`InlineWeights::to_bytes`]).
    keys: Vec<u64>,
    scale: f32,
}

impl<const N: usize> std::fmt::Debug for InlineWeights<N> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("InlineWeights")
            .field("n_classes", &N)
            .field("features", &self.keys.len())
            .field("slots", &self.slots.len())
            .finish()
    }
}

/// The check of a key: its top 16 bits, never 0.
#[inline]
fn check_of(key: u64) -> u16 {
    ((key >> 48) as u16).max(1)
}

impl<const N: usize> InlineWeights<N> {
    /// The same model as a dense table of `N` classes (else an `Err`), less the keys
    /// that could never be reached.
    pub fn from_dense(w: &Weights) -> Result<InlineWeights<N>, ModelError> {
        if w.n_classes() != N || N == 0 {
            return Err(ModelError::new("the table has another number of classes"));
        }
        let n = w.len();
        // a load of 1/3 to 2/3: a probe past the first slot mostly stays in its cache
        // line (eight slots of three weights), so a fuller table costs little time and
        // keeps more of it in cache
        let len = (n + n / 2).max(16).next_power_of_two();
        let mask = len - 1;
        let mut slots = vec![
            Slot {
                check: 0,
                w: [0i16; N],
            };
            len
        ];
        let mut keys = Vec::with_capacity(n);
        for (k, row) in w.rows() {
            let check = check_of(k);
            let mut s = (k as usize) & mask;
            let mut shadowed = false;
            while slots[s].check != 0 {
                if slots[s].check == check {
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
            slots[s] = Slot { check, w: ws };
            keys.push(k);
        }
        Ok(InlineWeights {
            slots,
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
        let mask = self.slots.len() - 1;
        let check = check_of(key);
        let mut s = (key as usize) & mask;
        loop {
            let slot = self.slots[s];
            if slot.check == check {
                return slot.w;
            }
            if slot.check == 0 {
                return [0; N];
            }
            s = (s + 1) & mask;
        }
    }

    /// The score of every class for `feats`.
    #[inline]
    pub fn scores(&self, feats: &[u64]) -> [i32; N] {
        let mask = self.slots.len() - 1;
        let mut out = [0i32; N];
        // The first slot of each feature is read without a data-dependent branch, so the
        // loads of all features overlap; the rare longer probes come after.
        let mut later = [0u64; 32];
        let mut n_later = 0;
        for &k in feats {
            let slot = self.slots[(k as usize) & mask];
            let check = check_of(k);
            let hit = i32::from(slot.check == check);
            for (o, &w) in out.iter_mut().zip(&slot.w) {
                *o += hit * i32::from(w);
            }
            if slot.check != check && slot.check != 0 {
                if n_later < later.len() {
                    later[n_later] = k;
                    n_later += 1;
                } else {
                    let w = self.lookup(k);
                    for (o, &w) in out.iter_mut().zip(&w) {
                        *o += i32::from(w);
                    }
                }
            }
        }
        for &k in &later[..n_later] {
            // the first slot held another key: probe from the next one
            let w = self.lookup_after(k);
            for (o, &w) in out.iter_mut().zip(&w) {
                *o += i32::from(w);
            }
        }
        out
    }

    /// Like `lookup`, from the slot after the key's first one.
    #[inline]
    fn lookup_after(&self, key: u64) -> [i16; N] {
        let mask = self.slots.len() - 1;
        let check = check_of(key);
        let mut s = ((key as usize) + 1) & mask;
        loop {
            let slot = self.slots[s];
            if slot.check == check {
                return slot.w;
            }
            if slot.check == 0 {
                return [0; N];
            }
            s = (s + 1) & mask;
        }
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
    pub fn from_bytes(bytes: &[u8]) -> Result<InlineWeights<N>, ModelError> {
        InlineWeights::from_dense(&Weights::from_bytes(bytes)?)
    }
}

/// Prediction with an inline table (a [`Classifier`] for [`super::decode::run`]).
pub struct PredictInline<'a, const N: usize> {
    weights: &'a InlineWeights<N>,
}

impl<'a, const N: usize> PredictInline<'a, N> {
    pub fn new(weights: &'a InlineWeights<N>) -> PredictInline<'a, N> {
        PredictInline { weights }
    }
}

impl<const N: usize> Classifier for PredictInline<'_, N> {
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
            vec![5, 9, 21, 1 << 40, 0xffff_0000_0000_0005],
            vec![1, 0, -2, 0, 0, 7, 300, -300, 0, 4, 4, 4, 9, 9, 9],
            2.0,
        )
        .unwrap();
        let inline = InlineWeights::<3>::from_dense(&dense).unwrap();
        assert_eq!(inline.to_bytes(), dense.to_bytes());
        assert_eq!(inline.len(), 5);
        let mut feats = vec![5, 9, 77, 1 << 40, 5, 21, 0xffff_0000_0000_0005];
        // more keys probing past their first slot than the deferred list holds
        feats.extend(std::iter::repeat_n(21, 40));
        let mut a = [0i32; 3];
        dense.scores(&feats, &mut a);
        assert_eq!(inline.scores(&feats), a);
        let bytes = dense.to_bytes();
        assert!(InlineWeights::<3>::from_bytes(&bytes).is_ok());
        assert!(InlineWeights::<2>::from_bytes(&bytes).is_err());
        for cut in 0..bytes.len() {
            assert!(InlineWeights::<3>::from_bytes(&bytes[..cut]).is_err());
        }
        let mut p = PredictInline::new(&inline);
        assert_eq!(p.choose(&[9], Some(&[true, true, false]), None), 0);
        assert_eq!(p.choose(&[9], None, None), 2);
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
        let inline = InlineWeights::<3>::from_dense(&dense).unwrap();
        assert_eq!(inline.len(), 1);
        let again = InlineWeights::<3>::from_bytes(&inline.to_bytes()).unwrap();
        assert_eq!(again.to_bytes(), inline.to_bytes());
        assert_eq!(again.scores(&[0x1234_0000_0000_0007]), [1, 2, 3]);
    }
}
