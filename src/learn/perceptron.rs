//! [`Perceptron`]: the averaged multiclass perceptron used for training (integer
//! weights, lazily updated sums for averaging), and its conversion to runtime
//! [`Weights`].

use super::train::KeyMap;
use super::weights::{Weights, argmax, argmax_masked};

/// An averaged multiclass perceptron over hashed features, during training.
///
/// Weights are integers and every update adds or subtracts 1, so training is exact and
/// deterministic. The averaging clock advances once per training example
/// ([`tick`](Perceptron::tick); [`train_one`](Perceptron::train_one) ticks for you); the
/// averaged weight of a feature is the mean of its weight over all ticks.
#[derive(Clone, Debug)]
pub struct Perceptron {
    n_classes: usize,
    index: KeyMap<u32>,
    keys: Vec<u64>,
    weights: Vec<i32>,
    /// Per weight, the sum of its values over the ticks before its row's stamp.
    totals: Vec<i64>,
    stamps: Vec<u64>,
    now: u64,
}

impl Perceptron {
    /// A perceptron over `n_classes` classes (at least one) with no features yet.
    pub fn new(n_classes: usize) -> Perceptron {
        Perceptron {
            n_classes: n_classes.max(1),
            index: KeyMap::default(),
            keys: Vec::new(),
            weights: Vec::new(),
            totals: Vec::new(),
            stamps: Vec::new(),
            now: 0,
        }
    }

    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Number of features seen in updates.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Ticks so far.
    pub fn examples(&self) -> u64 {
        self.now
    }

    /// Writes the current (not averaged) score of every class into `out`.
    pub fn scores(&self, feats: &[u64], out: &mut [i64]) {
        let n = self.n_classes;
        out[..n].fill(0);
        for k in feats {
            if let Some(&r) = self.index.get(k) {
                let r = r as usize * n;
                for (s, &w) in out.iter_mut().zip(&self.weights[r..r + n]) {
                    *s += i64::from(w);
                }
            }
        }
    }

    /// Advances the averaging clock by one example.
    pub fn tick(&mut self) {
        self.now += 1;
    }

    /// Adds `delta` to the weight of `class` for every feature of `feats`.
    pub fn add(&mut self, feats: &[u64], class: usize, delta: i32) {
        let n = self.n_classes;
        debug_assert!(class < n);
        for &k in feats {
            let base = self.touch(k);
            self.weights[base + class] += delta;
        }
    }

    /// The standard update: `feats` vote more for `gold` and less for `guess`.
    pub fn update(&mut self, feats: &[u64], gold: usize, guess: usize) {
        for &k in feats {
            let base = self.touch(k);
            self.weights[base + gold] += 1;
            self.weights[base + guess] -= 1;
        }
    }

    /// The row of `k` (created if new) with its sums brought up to now; returns its
    /// offset in `weights`.
    #[inline]
    fn touch(&mut self, k: u64) -> usize {
        let n = self.n_classes;
        let next = self.keys.len() as u32;
        let r = *self.index.entry(k).or_insert(next) as usize;
        if r == self.keys.len() {
            self.keys.push(k);
            self.weights.extend(std::iter::repeat_n(0, n));
            self.totals.extend(std::iter::repeat_n(0, n));
            self.stamps.push(self.now);
        }
        let elapsed = (self.now - self.stamps[r]) as i64;
        let base = r * n;
        if elapsed != 0 {
            for (t, &w) in self.totals[base..base + n]
                .iter_mut()
                .zip(&self.weights[base..base + n])
            {
                *t += elapsed * i64::from(w);
            }
        }
        self.stamps[r] = self.now;
        base
    }

    /// One online step: predicts the best class among `valid` ones (all when `None`),
    /// ticks, and updates towards `gold` when the prediction is wrong. Returns the
    /// prediction. `scratch` is reused between calls.
    pub fn train_one(
        &mut self,
        feats: &[u64],
        gold: usize,
        valid: Option<&[bool]>,
        scratch: &mut Vec<i64>,
    ) -> usize {
        scratch.resize(self.n_classes, 0);
        self.scores(feats, scratch);
        let guess = match valid {
            Some(v) => argmax_masked(scratch, v).unwrap_or(gold),
            None => argmax(scratch),
        };
        self.tick();
        if guess != gold {
            self.update(feats, gold, guess);
        }
        guess
    }

    /// The averaged weights of row `r` into `out`.
    fn averaged_row(&self, r: usize, out: &mut [f64]) {
        let n = self.n_classes;
        let now = self.now.max(1);
        let base = r * n;
        let elapsed = (now - self.stamps[r].min(now)) as i64;
        for (c, a) in out[..n].iter_mut().enumerate() {
            let total = self.totals[base + c] + elapsed * i64::from(self.weights[base + c]);
            *a = total as f64 / now as f64;
        }
    }

    /// The mean of the averaged weights of several perceptrons over the same classes
    /// (trained with different seeds, say: a cheap ensemble in weight space), quantized
    /// like [`Perceptron::quantize`]. A feature a perceptron lacks counts as zeros there.
    pub fn quantize_mean(ps: &[&Perceptron], prune: f64) -> Weights {
        let Some(first) = ps.first() else {
            return Weights::empty(1);
        };
        if ps.len() == 1 {
            return first.quantize(prune);
        }
        let n = first.n_classes;
        let mut keys: Vec<u64> = ps.iter().flat_map(|p| p.keys.iter().copied()).collect();
        keys.sort_unstable();
        keys.dedup();
        let k = ps.len() as f64;
        let mut row = vec![0f64; n];
        let mut sum = vec![0f64; n];
        let mean_row = |key: u64, sum: &mut Vec<f64>, row: &mut Vec<f64>| {
            sum.fill(0.0);
            for p in ps {
                if p.n_classes != n {
                    continue;
                }
                if let Some(&r) = p.index.get(&key) {
                    p.averaged_row(r as usize, row);
                    for (s, w) in sum.iter_mut().zip(row.iter()) {
                        *s += w / k;
                    }
                }
            }
        };
        let mut max = 0f64;
        for &key in &keys {
            mean_row(key, &mut sum, &mut row);
            max = sum.iter().fold(max, |m, w| m.max(w.abs()));
        }
        let scale = if max > 0.0 { 32767.0 / max } else { 1.0 };
        let mut out_keys = Vec::new();
        let mut weights = Vec::new();
        let mut q = vec![0i16; n];
        for &key in &keys {
            mean_row(key, &mut sum, &mut row);
            for (q, &w) in q.iter_mut().zip(&sum) {
                *q = if w.abs() >= prune {
                    (w * scale).round().clamp(-32767.0, 32767.0) as i16
                } else {
                    0
                };
            }
            if q.iter().any(|&q| q != 0) {
                out_keys.push(key);
                weights.extend_from_slice(&q);
            }
        }
        Weights::from_sorted(n, out_keys, weights, scale as f32)
            .unwrap_or_else(|_| unreachable!("keys are distinct, non-zero hashes, sorted"))
    }

    /// Averages the weights and quantizes them to `i16` with one global scale
    /// (the largest averaged weight maps to 32767). Averaged weights whose absolute
    /// value is below `prune` are dropped, and so are rows left without weights.
    pub fn quantize(&self, prune: f64) -> Weights {
        let n = self.n_classes;
        let mut order: Vec<usize> = (0..self.keys.len()).collect();
        order.sort_unstable_by_key(|&r| self.keys[r]);
        let mut row = vec![0f64; n];
        let mut max = 0f64;
        for &r in &order {
            self.averaged_row(r, &mut row);
            max = row.iter().fold(max, |m, w| m.max(w.abs()));
        }
        let scale = if max > 0.0 { 32767.0 / max } else { 1.0 };
        let mut keys = Vec::new();
        let mut weights = Vec::new();
        let mut q = vec![0i16; n];
        for &r in &order {
            self.averaged_row(r, &mut row);
            for (q, &w) in q.iter_mut().zip(&row) {
                *q = if w.abs() >= prune {
                    (w * scale).round().clamp(-32767.0, 32767.0) as i16
                } else {
                    0
                };
            }
            if q.iter().any(|&q| q != 0) {
                keys.push(self.keys[r]);
                weights.extend_from_slice(&q);
            }
        }
        Weights::from_sorted(n, keys, weights, scale as f32)
            .unwrap_or_else(|_| unreachable!("keys are distinct, non-zero hashes, sorted"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two classes told apart by one feature each, with a shared bias feature.
    #[test]
    fn learns_a_separable_problem_and_averages() {
        let mut p = Perceptron::new(3);
        let data = [(vec![1u64, 10], 0usize), (vec![1, 20], 1), (vec![1, 30], 2)];
        let mut scratch = Vec::new();
        for _ in 0..5 {
            for (f, gold) in &data {
                p.train_one(f, *gold, None, &mut scratch);
            }
        }
        assert_eq!(p.examples(), 15);
        let w = p.quantize(0.0);
        let mut s = Vec::new();
        for (f, gold) in &data {
            assert_eq!(w.predict(f, &mut s), *gold);
        }
        // the largest averaged weight is quantized to 32767
        let max = [10u64, 20, 30, 1]
            .iter()
            .filter_map(|&k| w.row(k))
            .flatten()
            .map(|w| w.abs())
            .max();
        assert_eq!(max, Some(32767));
    }

    #[test]
    fn masked_training_never_predicts_an_invalid_class() {
        let mut p = Perceptron::new(2);
        let mut scratch = Vec::new();
        p.add(&[7], 0, 5);
        assert_eq!(p.train_one(&[7], 1, Some(&[false, true]), &mut scratch), 1);
        // a correct prediction ticks but does not update
        assert_eq!(p.examples(), 1);
        let mut s = [0i64; 2];
        p.scores(&[7], &mut s);
        assert_eq!(s, [5, 0]);
    }

    #[test]
    fn the_mean_of_perceptrons() {
        let mut a = Perceptron::new(2);
        let mut b = Perceptron::new(2);
        a.add(&[3], 0, 4);
        a.tick();
        b.add(&[5], 1, 2);
        b.tick();
        let m = Perceptron::quantize_mean(&[&a, &b], 0.0);
        assert_eq!(m.len(), 2);
        // a's feature weighs 4 in a, so 2 in the mean; b's 1
        assert_eq!(m.row(3), Some(&[32767, 0][..]));
        assert_eq!(m.row(5), Some(&[0, 16384][..]));
        assert_eq!(
            Perceptron::quantize_mean(&[&a], 0.0).to_bytes(),
            a.quantize(0.0).to_bytes()
        );
    }

    #[test]
    fn average_is_the_mean_over_ticks() {
        let mut p = Perceptron::new(1);
        p.tick();
        p.add(&[3], 0, 4); // weight 4 from tick 1 on
        p.tick();
        p.tick();
        p.tick(); // 4 ticks; the weight held 4 for 3 of them
        let mut row = [0f64];
        p.averaged_row(0, &mut row);
        assert_eq!(row[0], 3.0);
        assert!(p.quantize(3.5).is_empty());
        assert_eq!(p.quantize(0.5).len(), 1);
    }
}
