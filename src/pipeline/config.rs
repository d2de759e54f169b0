//! Extraction settings.

use std::sync::Arc;

use crate::lexicon::RelationLexicon;
use crate::stages::mentions::typer::MentionTyper;
use crate::stages::quotes::SpeakerModel;
use crate::stages::relations::RelationModel;

/// Extraction settings.
#[derive(Clone, Debug)]
pub struct Config {
    /// Stance edges below this confidence are dropped.
    pub min_confidence: f32,
    /// The relation lexicon (`--lexicon`): the embedded one when `None`.
    pub relation_lexicon: Option<Arc<RelationLexicon>>,
    /// The trained models of the learned stages.
    pub models: Models,
    /// Run the syntax stage (dependency parse and lemmas, `stages::parse`). Off by default:
    /// it costs about three times the rest of the pipeline (README "Performance"), and the
    /// one stage that reads it, the stance candidates' dependency paths, gained 0.01 stance
    /// F1 in cross-validation (the shipped models are trained without it); `newsgraph parse`
    /// and library users who want the layer turn it on.
    pub syntax: bool,
}

/// The trained models the stages decide with. Each field is one stage's model; `None`
/// means the model embedded in the binary (`models/`, trained on all annotated articles).
/// Cross-validation (`examples/cv.rs`) fills them with models trained on the other folds
/// ([`crate::train::train_all`]).
#[derive(Clone, Debug, Default)]
pub struct Models {
    /// The stance classifier (`models/relation.bin` when `None`).
    pub relation: Option<Arc<RelationModel>>,
    /// The mention typer (`stages::mentions::typer`): which proposed mentions name no actor.
    pub mention_typer: Option<Arc<MentionTyper>>,
    /// The speaker ranker of the quote stage (`models/speaker.bin` when `None`; the rules'
    /// speakers when that file is empty).
    pub speaker: Option<Arc<SpeakerModel>>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            min_confidence: 0.0,
            relation_lexicon: None,
            models: Models::default(),
            syntax: false,
        }
    }
}
