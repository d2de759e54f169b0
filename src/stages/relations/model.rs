//! The stance classifier's model ([`RelationModel`]): an averaged perceptron over the
//! candidates of `candidates.rs`, its labels (`none` and the six stances), the predicate
//! stems it has seen as stance cues, and a calibration from score margin to confidence.
//!
//! Trained by [`RelationModel::train`] on labelled candidates (`crate::train` labels them
//! from annotated articles); the shipped model, `models/relation.bin`, is embedded and
//! read once ([`RelationModel::embedded`]). Training is deterministic: the same items in
//! the same order give the same bytes.

use std::sync::OnceLock;

use crate::learn::ModelError;
use crate::learn::calibrate::Calibration;
use crate::learn::codec::{Reader, write_str};
use crate::learn::labels::LabelSet;
use crate::learn::model_file::ModelFile;
use crate::learn::perceptron::Perceptron;
use crate::learn::train::{Rng, shuffle};
use crate::learn::weights::Weights;
use crate::vocab::Stance;

const KIND: &str = "newsgraph-relation";
const VERSION: u32 = 1;
const EMBEDDED: &[u8] = include_bytes!("../../../models/relation.bin");

/// The label names, `none` first; the others are [`Stance::as_str`] names.
pub const LABELS: [&str; 7] = [
    "none",
    "met-with",
    "warned",
    "proposed",
    "opposes",
    "supports",
    "criticized",
];

/// The stance of label `id` (`None` for `none`).
pub(crate) fn stance_of(id: usize) -> Option<Stance> {
    match id {
        1 => Some(Stance::MetWith),
        2 => Some(Stance::Warned),
        3 => Some(Stance::Proposed),
        4 => Some(Stance::Opposes),
        5 => Some(Stance::Supports),
        6 => Some(Stance::Criticized),
        _ => None,
    }
}

/// Whether a candidate may take `label`, by what its target is (ANNOTATION.md's signature of
/// each relation): an actor is met, warned, opposed, supported or criticized, never
/// proposed; a phrase (a proposal, a measure, a danger) is warned of, proposed, opposed
/// or supported, never met or criticized (`criticized` needs an actor named). In the
/// training articles every gold `met-with` and `criticized` object is an actor and every
/// `proposed` object a phrase. Applied where the model decides (extraction and the
/// held-out scores that set the threshold), not in the perceptron's updates: masking
/// those too lost 8 true stances in cross-validation (268/664/1,430 against 276/713/1,422).
pub(crate) fn allowed(label: usize, actor_target: bool) -> bool {
    match stance_of(label) {
        Some(Stance::MetWith | Stance::Criticized) => actor_target,
        Some(Stance::Proposed) => !actor_target,
        _ => true,
    }
}

/// The label id of a relation type name ("opposes"), `0` for anything else.
pub fn label_of(name: &str) -> usize {
    LABELS.iter().position(|l| *l == name).unwrap_or(0)
}

/// One labelled candidate for training: its features and its label id ([`label_of`]).
#[derive(Clone, Debug)]
pub struct TrainItem {
    pub feats: Vec<u64>,
    pub label: usize,
    /// The stem of the candidate's predicate (a stance cue when the label is not `none`).
    pub stem: String,
    /// The article the candidate comes from (inner cross-validation folds by article).
    pub doc: usize,
    /// Whether the target is an actor (else a phrase): see [`allowed`].
    pub actor_target: bool,
}

/// Articles a stem must be a stance cue in to be read as one.
const MIN_CUE_DOCS: usize = 2;

/// The trained stance classifier.
#[derive(Clone, Debug)]
pub struct RelationModel {
    pub(crate) weights: Weights,
    pub(crate) calibration: Calibration,
    /// Predicate stems seen with a stance in training: only these (and the relation
    /// lexicon's stance words) are candidates at extraction time.
    pub(crate) cues: rustc_hash::FxHashSet<String>,
    /// The margin a stance must exceed to be stated: the one that maximizes F1 on
    /// held-out training articles (see [`RelationModel::train`]).
    pub(crate) thresholds: Vec<i32>,
}

/// Training passes over the items.
const EPOCHS: usize = 8;
/// Averaged weights below this are dropped from the model file.
const PRUNE: f64 = 0.05;
/// Folds (by article) of the held-out scoring that sets the threshold and calibration.
const INNER_FOLDS: usize = 5;

/// Perceptrons trained one after the other on different orders of the items, whose averaged
/// weights are averaged (one perceptron's weights depend on the order it saw the items in).
const BAGS: usize = 4;

/// [`BAGS`] averaged perceptrons over `items`, averaged and quantized.
fn fit<'a>(items: impl Iterator<Item = &'a TrainItem> + Clone) -> Weights {
    let items: Vec<&TrainItem> = items.collect();
    let mut ps = Vec::with_capacity(BAGS);
    let mut scratch = Vec::new();
    for bag in 0..BAGS {
        let mut p = Perceptron::new(LABELS.len());
        let mut order: Vec<usize> = (0..items.len()).collect();
        let mut rng = Rng::new(0x05e1_a7e5 + bag as u64);
        for _ in 0..EPOCHS {
            shuffle(&mut order, &mut rng);
            for &i in &order {
                p.train_one(&items[i].feats, items[i].label, None, &mut scratch);
            }
        }
        ps.push(p);
    }
    let refs: Vec<&Perceptron> = ps.iter().collect();
    Perceptron::quantize_mean(&refs, PRUNE)
}

/// The margin threshold with the best F1 over held-out `(best label, margin, right
/// label, is a stance)` items, the same for every label (per-label thresholds fitted the
/// same way gained nothing in cross-validation: 0.210 against 0.209). A candidate is
/// stated when its margin exceeds the threshold, and is right when its best label is its
/// gold stance. Stored per label in the model file.
fn best_thresholds(held_out: &[(usize, i32, bool, bool)]) -> Vec<i32> {
    let gold = held_out.iter().filter(|h| h.3).count();
    if gold == 0 {
        return vec![0; LABELS.len()];
    }
    let mut items: Vec<(i32, bool)> = held_out.iter().map(|h| (h.1, h.2 && h.3)).collect();
    items.sort_by(|x, y| y.0.cmp(&x.0).then(y.1.cmp(&x.1)));
    let (mut tp, mut best_f1, mut best) = (0usize, 0.0f64, 0i32);
    for (k, h) in items.iter().enumerate() {
        tp += usize::from(h.1);
        // stating the first k + 1 items: the threshold just below this margin, unless
        // the next item has the same margin (it would be stated too)
        if items.get(k + 1).is_some_and(|n| n.0 == h.0) {
            continue;
        }
        let f1 = 2.0 * tp as f64 / ((k + 1) as f64 + gold as f64);
        if f1 > best_f1 {
            best_f1 = f1;
            best = h.0.saturating_sub(1);
        }
    }
    vec![best; LABELS.len()]
}

impl RelationModel {
    /// The model embedded in the binary (trained on every annotated article).
    pub fn embedded() -> &'static RelationModel {
        static M: OnceLock<RelationModel> = OnceLock::new();
        M.get_or_init(|| {
            RelationModel::from_bytes(EMBEDDED)
                .unwrap_or_else(|e| panic!("models/relation.bin: {e}"))
        })
    }

    /// Trains on `items` (deterministic for the same items in the same order).
    ///
    /// The decision threshold and the calibration come from held-out articles: the items
    /// are split into [`INNER_FOLDS`] folds by article, a model trained on the other folds
    /// scores each fold, and those held-out margins give the threshold that maximizes F1
    /// over the candidates (a model's margins on its own training items are far too
    /// confident: it fits them almost perfectly) and the logistic curve from margin to
    /// P(the stance is right). The shipped weights are then trained on every item.
    pub fn train(items: &[TrainItem]) -> RelationModel {
        let weights = fit(items.iter());
        let mut held_out: Vec<(usize, i32, bool, bool)> = Vec::new();
        let docs: std::collections::BTreeSet<usize> = items.iter().map(|it| it.doc).collect();
        if docs.len() >= INNER_FOLDS {
            let mut s = vec![0; LABELS.len()];
            for k in 0..INNER_FOLDS {
                let w = fit(items.iter().filter(|it| it.doc % INNER_FOLDS != k));
                for it in items.iter().filter(|it| it.doc % INNER_FOLDS == k) {
                    w.scores(&it.feats, &mut s);
                    let (best, margin) = best_stance(&s, it.actor_target);
                    held_out.push((best, margin, best == it.label, it.label != 0));
                }
            }
        } else {
            // too few articles to hold any out: the training items themselves
            let mut s = vec![0; LABELS.len()];
            for it in items {
                weights.scores(&it.feats, &mut s);
                let (best, margin) = best_stance(&s, it.actor_target);
                held_out.push((best, margin, best == it.label, it.label != 0));
            }
        }
        let thresholds = best_thresholds(&held_out);
        // the calibration reads the margin over the label's threshold
        let samples: Vec<(f64, bool)> = held_out
            .iter()
            .filter(|h| h.1 > thresholds[h.0])
            .map(|h| (f64::from(h.1 - thresholds[h.0]), h.2))
            .collect();
        let calibration = Calibration::fit(&samples);
        // a cue is a stem stated as a stance in two articles at least: one article's
        // wording ("put", "last") is no cue to read everywhere
        let mut cue_docs: std::collections::BTreeMap<&str, std::collections::BTreeSet<usize>> =
            std::collections::BTreeMap::new();
        for it in items.iter().filter(|it| it.label != 0) {
            cue_docs.entry(it.stem.as_str()).or_default().insert(it.doc);
        }
        let cues = cue_docs
            .into_iter()
            .filter(|(_, d)| d.len() >= MIN_CUE_DOCS)
            .map(|(c, _)| c.to_string())
            .collect();
        RelationModel {
            weights,
            calibration,
            cues,
            thresholds,
        }
    }

    /// The margin above which a stance of `label` is stated.
    pub(crate) fn threshold(&self, label: usize) -> i32 {
        self.thresholds.get(label).copied().unwrap_or(0)
    }

    /// The best stance label a candidate with this kind of target may take
    /// ([`allowed`]) and its margin over `none` (may be ≤ 0).
    pub(crate) fn decide(
        &self,
        feats: &[u64],
        actor_target: bool,
        scratch: &mut Vec<i32>,
    ) -> (usize, i32) {
        scratch.resize(LABELS.len(), 0);
        self.weights.scores(feats, scratch);
        best_stance(scratch, actor_target)
    }

    /// The calibrated confidence of a margin, rounded to the three decimals the outputs
    /// print (so that `--min-confidence` and the printed value agree) and capped at 0.99: a
    /// model fitted on a few hundred articles is never certain.
    pub(crate) fn confidence(&self, margin: i32) -> f32 {
        let c = self.calibration.confidence(f64::from(margin)).min(0.99);
        ((c * 1000.0).round() / 1000.0) as f32
    }

    pub(crate) fn is_cue(&self, stem: &str) -> bool {
        self.cues.contains(stem)
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut cues = Vec::new();
        crate::learn::codec::write_varint(&mut cues, self.cues.len() as u64);
        let mut sorted: Vec<&String> = self.cues.iter().collect();
        sorted.sort();
        for c in sorted {
            write_str(&mut cues, c);
        }
        let labels = LabelSet::new(&LABELS).unwrap_or_else(|_| unreachable!("distinct labels"));
        ModelFile::new(KIND, VERSION)
            .add_labels(&labels)
            .add_weights(b"WGHT", &self.weights)
            .add_calibration(&self.calibration)
            .add(b"CUES", cues)
            .add(b"THRS", {
                let mut b = Vec::new();
                for t in &self.thresholds {
                    b.extend_from_slice(&t.to_le_bytes());
                }
                b
            })
            .to_bytes()
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<RelationModel, ModelError> {
        let f = ModelFile::from_bytes(bytes, KIND, VERSION)?;
        let labels = f.labels()?;
        if labels.names() != LABELS {
            return Err(ModelError::new(
                "relation model labels differ from this build's",
            ));
        }
        let weights = f.weights(b"WGHT")?;
        let calibration = f
            .calibration()?
            .ok_or_else(|| ModelError::new("relation model without calibration"))?;
        let mut r = Reader::new(f.section(b"CUES")?);
        let n = r.count(1 << 20)?;
        let mut cues = rustc_hash::FxHashSet::default();
        for _ in 0..n {
            cues.insert(r.str()?.to_string());
        }
        r.finish("CUES")?;
        let mut r = Reader::new(f.section(b"THRS")?);
        let thresholds = (0..LABELS.len())
            .map(|_| r.u32().map(|t| t as i32))
            .collect::<Result<Vec<i32>, _>>()?;
        r.finish("THRS")?;
        Ok(RelationModel {
            weights,
            calibration,
            cues,
            thresholds,
        })
    }
}

/// The best non-`none` label of `scores` a candidate with this kind of target may take
/// ([`allowed`]) and its margin over `none`.
fn best_stance(scores: &[i32], actor_target: bool) -> (usize, i32) {
    let mut best = 0;
    for c in 1..scores.len() {
        if allowed(c, actor_target) && (best == 0 || scores[c] > scores[best]) {
            best = c;
        }
    }
    (best, scores[best] - scores[0])
}
