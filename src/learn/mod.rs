//! The learning core: hashed features, linear classifiers trained as averaged
//! perceptrons, greedy and transition decoding, one model-file format, calibration
//! and evaluation. It knows nothing about language: components (the POS tagger, the
//! dependency parser, and the classifiers to come) bring their features and labels.
//!
//! # How a component plugs in
//!
//! - **Features.** Describe each decision by hashed features: push `(template, value)`
//!   pairs into a [`FeatureBuf`] — the template a small number naming what is measured,
//!   the value a hash ([`hash::hash_bytes`] of a word, [`hash::small`] of an id,
//!   [`hash::combine`] of several). Write this once, in a function both training and
//!   run time call (a [`Featurizer`] if you like).
//! - **Classes.** Name the outputs in a [`LabelSet`]; class ids are their positions.
//! - **Training.** A [`Perceptron`] over `n` classes learns online: `train_one` per
//!   example (or `tick` + `update`), in epochs over a seeded [`train::shuffle`] of the
//!   data. For a choice among candidates instead of fixed classes, use a [`Ranker`].
//!   For sequences and transition systems, let [`decode::greedy`] and
//!   [`decode::train_oracle`] run the loop.
//! - **Freezing.** [`Perceptron::quantize`] averages, prunes small weights and stores the
//!   rest as `i16` in [`Weights`], the compact runtime table.
//! - **Storing.** A [`ModelFile`] holds the kind, a version, the labels, the weights and
//!   any other section, with a checksum. Embed it with `include_bytes!` and read it once.
//! - **Run time.** [`Weights::scores`] / [`Weights::predict`], or [`decode::greedy`] /
//!   [`decode::run`] with a [`decode::Predict`]. For many classes of which each feature
//!   weighs few (a parser's labeled moves), [`SparseWeights`] reads the same bytes and
//!   keeps only the non-zero weights; for very few classes (a parser's three moves),
//!   [`CompactWeights`] probes an array of 16-bit key checks and reads weights only for
//!   a known feature.
//! - **Confidence and scores.** A [`Calibration`] maps scores to confidences, fitted on
//!   held-out data; [`eval`] counts accuracy, P/R/F1 and UAS/LAS.
//!
//! Training is deterministic: integer updates, seeded shuffles, keys sorted before
//! writing. The same data, settings and seed give the same model bytes.
//!
//! # Example
//!
//! ```
//! use newsgraph::learn::{FeatureBuf, LabelSet, ModelFile, Perceptron, hash, train};
//!
//! // A toy component: is a word a weekday or a month?
//! fn features(word: &str, out: &mut FeatureBuf) {
//!     out.clear();
//!     out.push(0, 0); // bias
//!     out.push(1, hash::hash_bytes(0, word.as_bytes()));
//!     let suffix = &word[word.len().saturating_sub(3)..];
//!     out.push(2, hash::hash_bytes(0, suffix.as_bytes()));
//! }
//! let labels = LabelSet::new(&["weekday", "month"]).unwrap();
//! let data = [("monday", 0), ("friday", 0), ("sunday", 0), ("march", 1), ("june", 1)];
//!
//! let mut p = Perceptron::new(labels.len());
//! let (mut buf, mut scratch) = (FeatureBuf::new(), Vec::new());
//! let mut rng = train::Rng::new(1);
//! train::epochs(data.len(), 5, &mut rng, |_, i| {
//!     features(data[i].0, &mut buf);
//!     p.train_one(buf.keys(), data[i].1, None, &mut scratch);
//! });
//!
//! let mut file = ModelFile::new("toy-dates", 1);
//! file.add_labels(&labels).add_weights(b"WGHT", &p.quantize(0.0));
//! let bytes = file.to_bytes(); // what goes into models/ and include_bytes!
//!
//! let file = ModelFile::from_bytes(&bytes, "toy-dates", 1).unwrap();
//! let (labels, weights) = (file.labels().unwrap(), file.weights(b"WGHT").unwrap());
//! features("tuesday", &mut buf);
//! let class = weights.predict(buf.keys(), &mut Vec::new());
//! assert_eq!(labels.name(class), Some("weekday"));
//! ```

pub mod calibrate;
pub mod cluster;
pub mod codec;
pub mod compact;
pub mod decode;
pub mod eval;
pub mod features;
pub mod hash;
pub mod labels;
pub mod model_file;
pub mod perceptron;
pub mod ranker;
pub mod sparse;
pub mod train;
pub mod weights;

pub use calibrate::Calibration;
pub use compact::CompactWeights;
pub use features::{FeatureBuf, Featurizer};
pub use labels::LabelSet;
pub use model_file::ModelFile;
pub use perceptron::Perceptron;
pub use ranker::Ranker;
pub use sparse::SparseWeights;
pub use weights::Weights;

/// A model that cannot be read or built: what was wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModelError(String);

impl ModelError {
    pub fn new(message: impl Into<String>) -> ModelError {
        ModelError(message.into())
    }

    pub fn message(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ModelError {}

impl From<ModelError> for String {
    fn from(e: ModelError) -> String {
        e.0
    }
}
