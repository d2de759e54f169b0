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
}
