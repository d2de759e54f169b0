//! Extraction settings.

use std::sync::Arc;

use crate::lexicon::RelationLexicon;

/// Extraction settings.
#[derive(Clone, Debug)]
pub struct Config {
    /// Stance edges below this confidence are dropped.
    pub min_confidence: f32,
    /// The relation lexicon (`--lexicon`): the embedded one when `None`.
    pub relation_lexicon: Option<Arc<RelationLexicon>>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            min_confidence: 0.0,
            relation_lexicon: None,
        }
    }
}
