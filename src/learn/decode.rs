//! Decoding: greedy left-to-right sequence labelling with a history of earlier
//! predictions, and a transition loop over a valid-move mask. The same loops serve
//! training (with a [`Perceptron`] that learns from each decision) and run time (with
//! [`Weights`]), so the two cannot drift apart.

use super::features::FeatureBuf;
use super::perceptron::Perceptron;
use super::train::Rng;
use super::weights::{Weights, argmax, argmax_masked};

/// What makes a decision: a trained table ([`Predict`]) or a perceptron in training
/// ([`Learn`]).
pub trait Classifier {
    fn n_classes(&self) -> usize;
    /// The class for `feats` among the `valid` ones (all when `None`). `gold`, the
    /// correct class, is given only while training.
    fn choose(&mut self, feats: &[u64], valid: Option<&[bool]>, gold: Option<usize>) -> usize;
}

/// Prediction with runtime weights.
pub struct Predict<'a> {
    weights: &'a Weights,
    scores: Vec<i32>,
}

impl<'a> Predict<'a> {
    pub fn new(weights: &'a Weights) -> Predict<'a> {
        Predict {
            weights,
            scores: vec![0; weights.n_classes()],
        }
    }

    /// The scores of the last decision.
    pub fn scores(&self) -> &[i32] {
        &self.scores
    }
}

impl Classifier for Predict<'_> {
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

/// Online learning: each decision with a gold class is a perceptron step
/// ([`Perceptron::train_one`]).
pub struct Learn<'a> {
    perceptron: &'a mut Perceptron,
    scores: Vec<i64>,
}

impl<'a> Learn<'a> {
    pub fn new(perceptron: &'a mut Perceptron) -> Learn<'a> {
        Learn {
            perceptron,
            scores: Vec::new(),
        }
    }
}

impl Classifier for Learn<'_> {
    fn n_classes(&self) -> usize {
        self.perceptron.n_classes()
    }

    fn choose(&mut self, feats: &[u64], valid: Option<&[bool]>, gold: Option<usize>) -> usize {
        match gold {
            Some(g) => self.perceptron.train_one(feats, g, valid, &mut self.scores),
            None => {
                self.scores.resize(self.perceptron.n_classes(), 0);
                self.perceptron.scores(feats, &mut self.scores);
                match valid {
                    Some(v) => argmax_masked(&self.scores, v).unwrap_or(0),
                    None => argmax(&self.scores),
                }
            }
        }
    }
}

/// A sequence to label left to right, one class per position.
pub trait Sequence {
    /// The class fixed in advance at position `i` (say, by a dictionary): it is taken
    /// as is, with no features and no training step.
    fn forced(&mut self, _i: usize) -> Option<usize> {
        None
    }
    /// The features of position `i`, given the classes predicted before it
    /// (`history[0]` is the previous one; start values stand in before the sequence).
    fn features(&mut self, i: usize, history: &[usize], out: &mut FeatureBuf);
}

/// Most recent predictions kept as history by [`greedy`].
pub const MAX_HISTORY: usize = 4;

/// Labels positions `0..len` greedily, left to right, appending the classes to `out`.
/// `start` (at most [`MAX_HISTORY`] values) is the history before position 0 and fixes
/// its length. With `gold`, the classifier learns from every decision, and the history
/// holds its predictions (as at run time).
pub fn greedy<S: Sequence, C: Classifier>(
    seq: &mut S,
    clf: &mut C,
    len: usize,
    start: &[usize],
    gold: Option<&[usize]>,
    buf: &mut FeatureBuf,
    out: &mut Vec<usize>,
) {
    let h = start.len().min(MAX_HISTORY);
    let mut history = [0usize; MAX_HISTORY];
    history[..h].copy_from_slice(&start[..h]);
    for i in 0..len {
        let c = match seq.forced(i) {
            Some(c) => c,
            None => {
                buf.clear();
                seq.features(i, &history[..h], buf);
                let g = gold.and_then(|g| g.get(i).copied());
                clf.choose(buf.keys(), None, g)
            }
        };
        out.push(c);
        if h > 0 {
            history.copy_within(0..h - 1, 1);
            history[0] = c;
        }
    }
}

/// A transition system: a state that moves step by step to an output (a parse, a
/// segmentation) through moves numbered `0..n_moves`.
pub trait Transitions {
    fn n_moves(&self) -> usize;
    /// Marks the moves allowed in the current state; `false` when none is (the state
    /// is final).
    fn valid(&self, valid: &mut [bool]) -> bool;
    /// The features of the current state.
    fn features(&mut self, out: &mut FeatureBuf);
    /// Makes a move (one that [`valid`](Transitions::valid) allowed).
    fn apply(&mut self, mv: usize);
}

/// A transition system that knows, while training, how much each move costs: how many
/// gold output parts (arcs) it makes unreachable. A dynamic oracle.
pub trait Oracle: Transitions {
    fn costs(&self, costs: &mut [u32]);
}

/// Runs the system to its final state with `clf` choosing among the valid moves; stops
/// after `max_steps` moves at the latest, so it ends even for a faulty system. Returns
/// the number of moves made.
pub fn run<T: Transitions, C: Classifier>(
    sys: &mut T,
    clf: &mut C,
    max_steps: usize,
    buf: &mut FeatureBuf,
) -> usize {
    let mut valid = vec![false; sys.n_moves()];
    let mut steps = 0;
    while steps < max_steps && sys.valid(&mut valid) {
        buf.clear();
        sys.features(buf);
        let mv = clf.choose(buf.keys(), Some(&valid), None);
        sys.apply(mv);
        steps += 1;
    }
    steps
}

/// One training pass over a state with a dynamic oracle (the arc-hybrid dynamic oracle of the 2012 literature): at each
/// step the best-scoring valid move is compared with the best-scoring move of least
/// cost, and the perceptron is updated when the prediction costs more. The move made is
/// the prediction when it costs nothing extra; otherwise, with probability
/// `explore_percent`/100, still the prediction (so the model learns to recover from its
/// own errors), else the best move of least cost. Returns the moves made.
pub fn train_oracle<T: Oracle>(
    sys: &mut T,
    p: &mut Perceptron,
    explore_percent: u64,
    rng: &mut Rng,
    max_steps: usize,
    buf: &mut FeatureBuf,
) -> usize {
    let n = sys.n_moves();
    let mut valid = vec![false; n];
    let mut cheapest = vec![false; n];
    let mut costs = vec![0u32; n];
    let mut scores = vec![0i64; p.n_classes().max(n)];
    let mut steps = 0;
    while steps < max_steps && sys.valid(&mut valid) {
        buf.clear();
        sys.features(buf);
        sys.costs(&mut costs);
        p.scores(buf.keys(), &mut scores);
        let scores = &scores[..n];
        let min = (0..n)
            .filter(|&m| valid[m])
            .map(|m| costs[m])
            .min()
            .unwrap_or(0);
        for m in 0..n {
            cheapest[m] = valid[m] && costs[m] == min;
        }
        let Some(guess) = argmax_masked(scores, &valid) else {
            break;
        };
        let gold = argmax_masked(scores, &cheapest).unwrap_or(guess);
        p.tick();
        let mv = if costs[guess] == min {
            guess
        } else {
            p.update(buf.keys(), gold, guess);
            if explore_percent > 0 && rng.chance(explore_percent) {
                guess
            } else {
                gold
            }
        };
        sys.apply(mv);
        steps += 1;
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learn::hash::small;

    /// Label a 1 with 1 unless the previous label was 1 (runs of 1s alternate: 1 1 1 →
    /// 1 0 1), a 0 with 0: needs the history, and a wrong history is repaired at the
    /// next 0.
    struct Runs<'a>(&'a [usize]);
    impl Sequence for Runs<'_> {
        fn features(&mut self, i: usize, history: &[usize], out: &mut FeatureBuf) {
            out.push(0, small((self.0[i] * 2 + history[0]) as u64));
        }
    }

    fn gold_labels(bits: &[usize]) -> Vec<usize> {
        let mut prev = 0;
        bits.iter()
            .map(|&b| {
                prev = usize::from(b == 1 && prev == 0);
                prev
            })
            .collect()
    }

    #[test]
    fn greedy_learns_with_history() {
        let data: Vec<Vec<usize>> = vec![
            vec![1, 0, 1, 1],
            vec![0, 0, 1],
            vec![1, 1, 1, 0, 1],
            vec![0, 1, 0, 0, 1, 1],
        ];
        let mut p = Perceptron::new(2);
        let mut buf = FeatureBuf::new();
        let mut out = Vec::new();
        for _ in 0..10 {
            for bits in &data {
                out.clear();
                let g = gold_labels(bits);
                greedy(
                    &mut Runs(bits),
                    &mut Learn::new(&mut p),
                    bits.len(),
                    &[0],
                    Some(&g),
                    &mut buf,
                    &mut out,
                );
            }
        }
        let w = p.quantize(0.0);
        let bits = [0, 1, 1, 1, 0, 1, 0, 1, 1];
        out.clear();
        greedy(
            &mut Runs(&bits),
            &mut Predict::new(&w),
            bits.len(),
            &[0],
            None,
            &mut buf,
            &mut out,
        );
        assert_eq!(out, gold_labels(&bits));
    }

    /// Move a counter from 0 to a target with moves +1 (0) and +2 (1); the oracle
    /// says overshooting costs. The model learns to use +2 while the gap is ≥ 2.
    struct Counter {
        at: u32,
        target: u32,
    }
    impl Transitions for Counter {
        fn n_moves(&self) -> usize {
            2
        }
        fn valid(&self, valid: &mut [bool]) -> bool {
            valid[0] = self.at < self.target;
            valid[1] = self.at < self.target;
            valid[0]
        }
        fn features(&mut self, out: &mut FeatureBuf) {
            out.push(0, small(u64::from((self.target - self.at).min(2))));
        }
        fn apply(&mut self, mv: usize) {
            self.at += mv as u32 + 1;
        }
    }
    impl Oracle for Counter {
        fn costs(&self, costs: &mut [u32]) {
            let gap = self.target - self.at;
            costs[0] = u32::from(gap >= 2);
            costs[1] = u32::from(gap < 2);
        }
    }

    #[test]
    fn oracle_training_and_the_transition_loop() {
        let mut p = Perceptron::new(2);
        let mut rng = Rng::new(3);
        let mut buf = FeatureBuf::new();
        for t in [5, 2, 7, 1, 4] {
            train_oracle(
                &mut Counter { at: 0, target: t },
                &mut p,
                50,
                &mut rng,
                100,
                &mut buf,
            );
        }
        let w = p.quantize(0.0);
        let mut c = Counter { at: 0, target: 9 };
        let steps = run(&mut c, &mut Predict::new(&w), 100, &mut buf);
        assert_eq!((c.at, steps), (9, 5));
        // the step limit holds even when the system never ends
        let mut c = Counter {
            at: 0,
            target: u32::MAX,
        };
        assert_eq!(run(&mut c, &mut Predict::new(&w), 10, &mut buf), 10);
    }
}
