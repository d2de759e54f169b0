//! Deterministic training helpers: a seeded generator, the shuffle of each epoch,
//! k-fold splits, and a hash map for feature keys.
//!
//! Nothing here depends on the time, the thread count or hash-map iteration order, so
//! the same data, settings and seed always give the same model bytes.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// SplitMix64: a tiny, well-known, seedable generator.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }
}

/// Shuffles `items` in place (Fisher–Yates, from the end).
pub fn shuffle<T>(items: &mut [T], rng: &mut Rng) {
    for i in (1..items.len()).rev() {
        items.swap(i, rng.below(i + 1));
    }
}

/// Runs `epochs` passes over `n` examples, each in a fresh shuffled order drawn from
/// `rng`; `f` gets the epoch number and the example index.
pub fn epochs(n: usize, epochs: usize, rng: &mut Rng, mut f: impl FnMut(usize, usize)) {
    let mut order: Vec<usize> = (0..n).collect();
    for e in 0..epochs {
        shuffle(&mut order, rng);
        for &i in &order {
            f(e, i);
        }
    }
}

/// The fold (`0..k`) of each of `n` examples, in contiguous blocks of nearly equal size:
/// for jackknifing, train on the other folds and predict this one.
pub fn folds(n: usize, k: usize) -> Vec<usize> {
    let k = k.max(1);
    (0..n).map(|i| i * k / n.max(1)).collect()
}

/// Feature keys are already well-mixed hashes: a map that uses them as they are.
#[derive(Default, Clone, Copy, Debug)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

/// A hash map keyed by feature keys.
pub type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<KeyHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generator_and_shuffle_are_fixed_by_the_seed() {
        // SplitMix64's published first output for seed 0
        assert_eq!(Rng::new(0).next_u64(), 0xe220_a839_7b1d_cdaf);
        let mut a: Vec<u32> = (0..50).collect();
        let mut b = a.clone();
        shuffle(&mut a, &mut Rng::new(7));
        shuffle(&mut b, &mut Rng::new(7));
        assert_eq!(a, b);
        assert_ne!(a, (0..50).collect::<Vec<_>>());
        let mut sorted = a.clone();
        sorted.sort();
        assert_eq!(sorted, (0..50).collect::<Vec<_>>());
    }

    #[test]
    fn epochs_visit_every_example_once_each() {
        let mut seen = vec![0; 10];
        epochs(10, 3, &mut Rng::new(1), |_, i| seen[i] += 1);
        assert_eq!(seen, vec![3; 10]);
    }

    #[test]
    fn folds_are_balanced_blocks() {
        let f = folds(10, 3);
        assert_eq!(f, [0, 0, 0, 0, 1, 1, 1, 2, 2, 2]);
        assert!(folds(0, 3).is_empty());
    }
}
