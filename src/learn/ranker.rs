//! Candidate ranking: choose one of several candidates (speakers of a quote, heads of
//! a mention), each described by its own feature vector. One weight per feature; a
//! candidate's score is the sum of its features' weights; training moves the weights
//! towards the gold candidate and away from the predicted one.
//!
//! A ranker is a one-class [`Perceptron`] while training and one-class [`Weights`] at
//! run time, so it is stored, averaged and quantized like any other classifier.

use super::perceptron::Perceptron;
use super::weights::Weights;

/// A candidate ranker during training.
#[derive(Clone, Debug)]
pub struct Ranker {
    p: Perceptron,
    scores: Vec<i64>,
}

impl Default for Ranker {
    fn default() -> Self {
        Ranker::new()
    }
}

impl Ranker {
    pub fn new() -> Ranker {
        Ranker {
            p: Perceptron::new(1),
            scores: vec![0],
        }
    }

    /// The current score of one candidate.
    pub fn score(&mut self, feats: &[u64]) -> i64 {
        self.p.scores(feats, &mut self.scores);
        self.scores[0]
    }

    /// The best candidate (the first of equals), `None` when there are none.
    pub fn best<F: AsRef<[u64]>>(&mut self, candidates: &[F]) -> Option<usize> {
        let mut best: Option<(usize, i64)> = None;
        for (i, c) in candidates.iter().enumerate() {
            let s = self.score(c.as_ref());
            if best.is_none_or(|(_, b)| s > b) {
                best = Some((i, s));
            }
        }
        best.map(|(i, _)| i)
    }

    /// One online step over a set of candidates whose correct one is `gold`: ticks,
    /// and updates when the best-scoring candidate is another one. Returns the
    /// prediction (`None` for no candidates).
    pub fn train_one<F: AsRef<[u64]>>(&mut self, candidates: &[F], gold: usize) -> Option<usize> {
        let guess = self.best(candidates)?;
        self.p.tick();
        if guess != gold
            && let (Some(g), Some(p)) = (candidates.get(gold), candidates.get(guess))
        {
            self.p.add(g.as_ref(), 0, 1);
            self.p.add(p.as_ref(), 0, -1);
        }
        Some(guess)
    }

    /// Averaged, pruned and quantized weights for run time (see
    /// [`Perceptron::quantize`]).
    pub fn quantize(&self, prune: f64) -> Weights {
        self.p.quantize(prune)
    }
}

/// The mean of several rankers' weights (each read back through its own scale),
/// quantized again: rankers trained on different orders of the same items disagree on
/// close choices, and their mean depends much less on the order than any one of them.
pub fn average(parts: &[Weights]) -> Weights {
    let mut keys: Vec<u64> = parts
        .iter()
        .flat_map(|w| w.keys().iter().copied())
        .collect();
    keys.sort_unstable();
    keys.dedup();
    let n = parts.len().max(1) as f64;
    let mean: Vec<f64> = keys
        .iter()
        .map(|&k| {
            parts
                .iter()
                .map(|w| {
                    w.row(k)
                        .map_or(0.0, |r| f64::from(r[0]) / f64::from(w.scale()))
                })
                .sum::<f64>()
                / n
        })
        .collect();
    let max = mean.iter().fold(0f64, |m, v| m.max(v.abs()));
    let scale = if max > 0.0 { 32767.0 / max } else { 1.0 };
    let (mut ks, mut ws) = (Vec::new(), Vec::new());
    for (&k, v) in keys.iter().zip(&mean) {
        let q = (v * scale).round().clamp(-32767.0, 32767.0) as i16;
        if q != 0 {
            ks.push(k);
            ws.push(q);
        }
    }
    Weights::from_sorted(1, ks, ws, scale as f32)
        .unwrap_or_else(|_| unreachable!("keys are distinct, non-zero and sorted"))
}

/// The runtime score of one candidate.
pub fn score(weights: &Weights, feats: &[u64]) -> i32 {
    let mut s = [0i32; 1];
    weights.scores(feats, &mut s);
    s[0]
}

/// The best-scoring candidate at run time (the first of equals), `None` for none.
pub fn best<F: AsRef<[u64]>>(weights: &Weights, candidates: &[F]) -> Option<usize> {
    let mut best: Option<(usize, i32)> = None;
    for (i, c) in candidates.iter().enumerate() {
        let s = score(weights, c.as_ref());
        if best.is_none_or(|(_, b)| s > b) {
            best = Some((i, s));
        }
    }
    best.map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The gold candidate is the one with feature 2 ("is a named person"), wherever it
    /// stands in the list.
    #[test]
    fn learns_which_candidate_is_right() {
        let sets: Vec<(Vec<Vec<u64>>, usize)> = vec![
            (vec![vec![1, 3], vec![2, 3], vec![1]], 1),
            (vec![vec![2], vec![1, 3]], 0),
            (vec![vec![3], vec![1], vec![2, 1]], 2),
        ];
        let mut r = Ranker::new();
        for _ in 0..4 {
            for (c, g) in &sets {
                r.train_one(c, *g);
            }
        }
        let w = r.quantize(0.0);
        for (c, g) in &sets {
            assert_eq!(best(&w, c), Some(*g));
        }
        assert_eq!(best::<Vec<u64>>(&w, &[]), None);
        assert!(score(&w, &[2]) > score(&w, &[1]));
    }

    /// The mean of rankers is taken on their real weights (each read through its own
    /// scale): a feature one of them lacks counts as 0 there, and a ranker quantized at
    /// another scale weighs the same.
    #[test]
    fn average_of_rankers() {
        let w = |keys: Vec<u64>, q: Vec<i16>, scale: f32| {
            Weights::from_sorted(1, keys, q, scale).expect("valid weights")
        };
        // real weights: a = {1: 30, 2: -30}, b = {2: 10, 3: 20}
        let a = w(vec![1, 2], vec![3000, -3000], 100.0);
        let b = w(vec![2, 3], vec![1000, 2000], 100.0);
        assert_eq!(best(&b, &[vec![1], vec![2], vec![3]]), Some(2));
        // the mean {1: 15, 2: -10, 3: 10}
        let m = average(&[a.clone(), b]);
        assert_eq!(m.keys(), &[1, 2, 3]);
        assert_eq!(best(&m, &[vec![3], vec![2], vec![1]]), Some(2));
        let (s1, s2, s3) = (score(&m, &[1]), score(&m, &[2]), score(&m, &[3]));
        assert_eq!(s1, 32767);
        assert!(
            (s2 + s3).abs() <= 1 && (2 * s1 - 3 * s3).abs() <= 3,
            "{s1} {s2} {s3}"
        );
        // the same real weights at twice the scale: the mean is a's own ranking
        let a2 = w(vec![1, 2], vec![6000, -6000], 200.0);
        let m = average(&[a.clone(), a2]);
        assert_eq!(score(&m, &[1]), -score(&m, &[2]));
        let one = average(std::slice::from_ref(&a));
        assert_eq!(best(&one, &[vec![2], vec![1]]), Some(1));
        assert!(average(&[]).is_empty());
    }
}
