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
}

/// The trained stance classifier.
#[derive(Clone, Debug)]
pub struct RelationModel {
    pub(crate) weights: Weights,
    pub(crate) calibration: Calibration,
    /// Predicate stems seen with a stance in training: only these (and the relation
    /// lexicon's stance words) are candidates at extraction time.
    pub(crate) cues: rustc_hash::FxHashSet<String>,
}

/// Training passes over the items.
const EPOCHS: usize = 8;
/// Averaged weights below this are dropped from the model file.
const PRUNE: f64 = 0.05;

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
    pub fn train(items: &[TrainItem]) -> RelationModel {
        let mut p = Perceptron::new(LABELS.len());
        let mut order: Vec<usize> = (0..items.len()).collect();
        let mut rng = Rng::new(0x05e1_a7e5);
        let mut scratch = Vec::new();
        for _ in 0..EPOCHS {
            shuffle(&mut order, &mut rng);
            for &i in &order {
                p.train_one(&items[i].feats, items[i].label, None, &mut scratch);
            }
        }
        let weights = p.quantize(PRUNE);
        // calibration: the margin of the best stance over `none` → P(the stance is right),
        // fitted on the training items themselves (an optimistic but monotone mapping)
        let mut samples = Vec::new();
        let mut s = vec![0; LABELS.len()];
        for it in items {
            weights.scores(&it.feats, &mut s);
            let (best, margin) = best_stance(&s);
            if margin > 0 {
                samples.push((f64::from(margin), best == it.label));
            }
        }
        let calibration = Calibration::fit(&samples);
        let cues = items
            .iter()
            .filter(|it| it.label != 0)
            .map(|it| it.stem.clone())
            .collect();
        RelationModel {
            weights,
            calibration,
            cues,
        }
    }

    /// The best stance label and its margin over `none` (may be ≤ 0).
    pub(crate) fn decide(&self, feats: &[u64], scratch: &mut Vec<i32>) -> (usize, i32) {
        scratch.resize(LABELS.len(), 0);
        self.weights.scores(feats, scratch);
        best_stance(scratch)
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
        Ok(RelationModel {
            weights,
            calibration,
            cues,
        })
    }
}

/// The best non-`none` label of `scores` and its margin over `none`.
fn best_stance(scores: &[i32]) -> (usize, i32) {
    let mut best = 1;
    for c in 2..scores.len() {
        if scores[c] > scores[best] {
            best = c;
        }
    }
    (best, scores[best] - scores[0])
}
