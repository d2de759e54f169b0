//! Training the parser and the lemmatizer on a treebank, jackknifed tags, evaluation.
//!
//! The classifier of the three moves is an averaged perceptron of the learning core
//! trained with the arc-hybrid dynamic oracle ([`decode::train_oracle`] over [`Arcs`],
//! whose costs are the gold arcs a move makes unreachable): at each step the
//! best-scoring valid move is compared with the best-scoring move of least cost; from
//! epoch `explore_from` the parser follows its own mistakes with probability
//! `explore_percent`/100, so it learns to recover from them. A second perceptron learns
//! the label of every correct arc the parser makes, in the state the parser is in
//! (labels it predicts for wrong arcs stay, as at run time).
//!
//! Training is deterministic: integer updates, a seeded shuffle per epoch, sorted label
//! names and keys. The same data, tags and options give the same model bytes.

use super::clusters::Clusters;
use super::deprel::Deprel;
use super::lemma::Lemmatizer;
use super::model::label_groups;
use super::model::{Parser, SentenceParse};
use super::system::{Arcs, GROUPS, N_CLASSES, Sent, State, groups_used};
use crate::conllu;
use crate::learn::decode::{self, Learn};
use crate::learn::eval::{Accuracy, Attachment, LabelMatch};
use crate::learn::train::{Rng, folds, shuffle};
use crate::learn::{CompactWeights, FeatureBuf, LabelSet, Perceptron, SparseWeights};
use crate::tagger::{self, Upos};

/// Training settings; [`Options::default`] gives the settings of the shipped model but its
/// word classes, which `train_parser --clusters-from` learns (it also trains on each
/// sentence with gold tags beside the jackknifed ones: `--mix-gold`).
#[derive(Clone, Debug)]
pub struct Options {
    pub epochs: usize,
    pub seed: u64,
    /// Percent of the parser's own costly moves it follows (from epoch `explore_from`).
    pub explore_percent: u64,
    pub explore_from: usize,
    /// Averaged weights with a smaller absolute value are dropped.
    pub prune: f64,
    /// Word classes for the features (none by default; `train_parser` learns them).
    pub clusters: Clusters,
    /// Models trained side by side with seeds `seed`, `seed + 1`, …, (one thread each)
    /// whose averaged weights are averaged.
    pub seeds: usize,
    /// Train the seeds one after the other on this thread (the same model, for a machine
    /// whose other cores are busy).
    pub sequential: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            epochs: 15,
            seed: 1,
            explore_percent: 90,
            explore_from: 2,
            prune: 1.0,
            clusters: Clusters::default(),
            seeds: 1,
            sequential: false,
        }
    }
}

/// The gold heads of a sentence in the system's numbering (root = n); heads out of
/// range or missing also point to the root.
fn gold_heads(s: &conllu::Sentence) -> Vec<u32> {
    let n = s.words.len();
    s.words
        .iter()
        .map(|w| match w.head {
            Some(h) if h >= 1 && h <= n => (h - 1) as u32,
            _ => n as u32,
        })
        .collect()
}

/// Trains on `data` (gold heads and labels) with `tags` (one per word, the tags the
/// parser will see: jackknifed predicted tags, or gold ones).
pub fn train(data: &[conllu::Sentence], tags: &[Vec<Upos>], opts: &Options) -> Parser {
    learn(data, tags, opts).freeze(opts.prune)
}

/// A parser trained but not yet frozen: [`Trained::freeze`] makes the runtime model with
/// a pruning threshold (several can be tried on one training run).
pub struct Trained {
    labels: LabelSet,
    /// One pair of perceptrons per seed.
    moves: Vec<Perceptron>,
    arc_labels: Vec<Perceptron>,
    lemmatizer: Lemmatizer,
    opts: Options,
    sentences: usize,
}

impl Trained {
    /// The runtime parser, averaged weights below `prune` dropped.
    pub fn freeze(&self, prune: f64) -> Parser {
        let o = &self.opts;
        // the number of seeds only when there are several, so that a one-seed model keeps
        // the bytes of the models trained before ensembles; the word classes are in `CLUS`
        let seeds = if o.seeds > 1 {
            format!(" seeds={}", o.seeds)
        } else {
            String::new()
        };
        let meta = format!(
            "epochs={} seed={}{seeds} explore={}% from epoch {} prune={} sentences={}",
            o.epochs, o.seed, o.explore_percent, o.explore_from, prune, self.sentences,
        );
        Parser::from_parts(
            self.labels.clone(),
            CompactWeights::from_dense(&Perceptron::quantize_mean(
                &self.moves.iter().collect::<Vec<_>>(),
                prune,
            ))
            .unwrap_or_else(|_| unreachable!("a table of the move classes")),
            SparseWeights::from_dense(&Perceptron::quantize_mean(
                &self.arc_labels.iter().collect::<Vec<_>>(),
                prune,
            )),
            self.lemmatizer.clone(),
            self.opts.clusters.clone(),
            meta,
        )
    }
}

/// Trains like [`train`], without freezing.
pub fn learn(data: &[conllu::Sentence], tags: &[Vec<Upos>], opts: &Options) -> Trained {
    learn_watching(data, tags, opts, |_, _| {})
}

/// Trains like [`learn`], calling `watch` with the epoch number and the model so far
/// after every epoch (to follow a learning curve).
pub fn learn_watching(
    data: &[conllu::Sentence],
    tags: &[Vec<Upos>],
    opts: &Options,
    mut watch: impl FnMut(usize, &Trained),
) -> Trained {
    let lemmatizer = Lemmatizer::learn(
        data.iter()
            .flat_map(|s| s.words.iter())
            .filter_map(|w| Some((w.form.as_str(), w.upos?, w.lemma.as_str()))),
    );
    let mut names: Vec<&str> = data
        .iter()
        .flat_map(|s| s.words.iter().map(|w| w.deprel.as_str()))
        .filter(|l| !l.is_empty())
        .collect();
    names.push("root");
    names.push("dep");
    names.sort_unstable();
    names.dedup();
    let labels = LabelSet::new(&names).unwrap_or_else(|_| unreachable!("names are distinct"));
    let n_labels = labels.len();
    let root_label = labels.id("root").unwrap_or(0);

    let golds: Vec<Vec<u32>> = data.iter().map(gold_heads).collect();
    let glabels: Vec<Vec<usize>> = data
        .iter()
        .map(|s| {
            s.words
                .iter()
                .map(|w| labels.id(&w.deprel).or(labels.id("dep")).unwrap_or(0))
                .collect()
        })
        .collect();

    let mut t = Trained {
        labels: labels.clone(),
        moves: vec![Perceptron::new(N_CLASSES); opts.seeds.max(1)],
        arc_labels: vec![Perceptron::new(n_labels); opts.seeds.max(1)],
        lemmatizer,
        opts: opts.clone(),
        sentences: data.len(),
    };
    let deprels: Vec<Deprel> = (0..n_labels)
        .map(|i| Deprel::parse(labels.name(i).unwrap_or("dep")))
        .collect();
    let (label_masks, groups) = label_groups(&deprels, root_label);
    let used = groups_used(&label_masks);
    let k = opts.seeds.max(1);
    // each seed its own generator (so its own order and exploration), state and buffers
    let mut rngs: Vec<Rng> = (0..k as u64).map(|i| Rng::new(opts.seed + i)).collect();
    let mut orders: Vec<Vec<usize>> = vec![(0..data.len()).collect(); k];
    let ctx = EpochData {
        data,
        tags,
        golds: &golds,
        glabels: &glabels,
        label_masks: &label_masks,
        groups: &groups,
        used,
        root: root_label,
        clusters: &opts.clusters,
    };
    for epoch in 0..opts.epochs {
        let explore = if epoch >= opts.explore_from {
            opts.explore_percent
        } else {
            0
        };
        let Trained {
            moves, arc_labels, ..
        } = &mut t;
        let seeds = moves
            .iter_mut()
            .zip(arc_labels.iter_mut())
            .zip(rngs.iter_mut())
            .zip(orders.iter_mut());
        let ctx = &ctx;
        let one_seed = move |(((m, l), rng), order): (((_, _), &mut Rng), &mut Vec<usize>)| {
            shuffle(order, rng);
            ctx.epoch(order, m, l, rng, explore);
        };
        if opts.sequential {
            seeds.for_each(one_seed);
        } else {
            std::thread::scope(|scope| {
                for seed in seeds {
                    scope.spawn(move || one_seed(seed));
                }
            });
        }
        watch(epoch, &t);
    }
    t
}

/// What every epoch of every seed reads.
struct EpochData<'a> {
    data: &'a [conllu::Sentence],
    tags: &'a [Vec<Upos>],
    golds: &'a [Vec<u32>],
    glabels: &'a [Vec<usize>],
    label_masks: &'a [Vec<bool>],
    groups: &'a [Vec<u8>; 2],
    used: [[bool; GROUPS]; 2],
    root: usize,
    clusters: &'a Clusters,
}

impl EpochData<'_> {
    /// One pass over the sentences in `order`.
    fn epoch(
        &self,
        order: &[usize],
        moves: &mut Perceptron,
        arc_labels: &mut Perceptron,
        rng: &mut Rng,
        explore: u64,
    ) {
        let (mut sent, mut state, mut feats) =
            (Sent::default(), State::default(), FeatureBuf::new());
        let mut label_feats = FeatureBuf::new();
        let mut words: Vec<&str> = Vec::new();
        for &si in order {
            let s = &self.data[si];
            let n = s.words.len();
            if n == 0 || self.tags[si].len() != n {
                continue;
            }
            words.clear();
            words.extend(s.words.iter().map(|w| w.form.as_str()));
            sent.prepare(&words, &self.tags[si], self.clusters);
            state.reset(n);
            let mut labeler = Learn::new(arc_labels);
            let mut sys = Arcs {
                sent: &sent,
                state: &mut state,
                labeler: &mut labeler,
                label_feats: &mut label_feats,
                label_masks: self.label_masks,
                groups: self.groups,
                used: self.used,
                root: self.root,
                gold: Some((&self.golds[si], &self.glabels[si])),
            };
            decode::train_oracle(&mut sys, moves, explore, rng, 2 * n + 2, &mut feats);
        }
    }
}

/// The gold tags of each sentence (`X` where missing).
pub fn gold_tags(data: &[conllu::Sentence]) -> Vec<Vec<Upos>> {
    data.iter()
        .map(|s| s.words.iter().map(|w| w.upos.unwrap_or(Upos::X)).collect())
        .collect()
}

/// Tags every sentence with `tagger`.
pub fn predicted_tags(tagger: &tagger::Tagger, data: &[conllu::Sentence]) -> Vec<Vec<Upos>> {
    data.iter().map(|s| tagger.tag(&s.forms())).collect()
}

/// Jackknifed tags: the sentences in `k` contiguous folds, each fold tagged by a tagger
/// trained (with `opts`) on the other folds — the tags a parser sees at run time, on its
/// own training data.
pub fn jackknife_tags(
    data: &[conllu::Sentence],
    k: usize,
    opts: &tagger::train::Options,
) -> Vec<Vec<Upos>> {
    let fold = folds(data.len(), k);
    let as_tagger: Vec<tagger::train::Sentence> = data
        .iter()
        .map(|s| {
            (
                s.words.iter().map(|w| w.form.clone()).collect(),
                s.words.iter().map(|w| w.upos.unwrap_or(Upos::X)).collect(),
            )
        })
        .collect();
    let mut out = vec![Vec::new(); data.len()];
    for f in 0..k {
        let train: Vec<tagger::train::Sentence> = as_tagger
            .iter()
            .zip(&fold)
            .filter(|(_, g)| **g != f)
            .map(|(s, _)| s.clone())
            .collect();
        let t = tagger::train::train_with(&train, opts);
        for (i, s) in data.iter().enumerate() {
            if fold[i] == f {
                out[i] = t.tag(&s.forms());
            }
        }
    }
    out
}

/// Scores of a parser on a treebank.
#[derive(Clone, Copy, Debug, Default)]
pub struct Scores {
    /// Universal relations, every word (punctuation too), CoNLL 2018 style.
    pub attachment: Attachment,
    pub lemma: Accuracy,
    pub upos: Accuracy,
}

/// Parses `data` with `tags` and scores heads, labels and lemmas against the gold.
pub fn evaluate(p: &Parser, data: &[conllu::Sentence], tags: &[Vec<Upos>]) -> Scores {
    let mut sc = Scores::default();
    let mut out = SentenceParse::default();
    let (mut lower, mut lemma) = (String::new(), String::new());
    for (s, t) in data.iter().zip(tags) {
        let words = s.forms();
        p.parse_into(&words, t, &mut out);
        for (i, w) in s.words.iter().enumerate() {
            let gold_head = w.head.unwrap_or(0);
            let pred_head = out.heads[i].map_or(0, |h| h + 1);
            sc.attachment.add(
                (gold_head, w.deprel.as_str()),
                (pred_head, out.deprels[i].as_str()),
                LabelMatch::Universal,
            );
            lemma.clear();
            p.lemmatizer
                .lemma_into(&w.form, t[i], &mut lower, &mut lemma);
            sc.lemma.add(lemma == w.lemma);
            sc.upos.add(w.upos == Some(t[i]));
        }
    }
    sc
}

/// Checks that `heads` (sentence indices, `None` for the root) form one tree: exactly
/// one root, heads in range, no cycles.
pub fn is_tree(heads: &[Option<usize>]) -> bool {
    let n = heads.len();
    if n == 0 {
        return true;
    }
    if heads.iter().filter(|h| h.is_none()).count() != 1 {
        return false;
    }
    for i in 0..n {
        let mut at = i;
        let mut steps = 0;
        while let Some(h) = heads[at] {
            if h >= n || steps > n {
                return false;
            }
            at = h;
            steps += 1;
        }
    }
    true
}
