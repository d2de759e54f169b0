//! The pipeline: runs the stages in order over one document and keeps their layers.
//!
//! ```text
//! Document → segment → tag → mentions → entities → roles → quotes → relations → Analysis
//! ```
//! Each stage reads what earlier stages produced and adds one layer ([`Analysis`]).
//! `Pipeline::extract`, which also builds the document's graph, lives with the graph
//! layer ([`crate::graph::build`]): the pipeline knows nothing of the output model.

use std::sync::Arc;

use crate::stages::entities::{self, Entities};
use crate::stages::mentions;
use crate::stages::quotes::{self, StatementFact};
use crate::stages::relations::{self, RelationLexicon, Relations};
use crate::stages::roles::{self, RoleFact};
use crate::stages::segment::{self, Segmentation};
use crate::tagging::{self, Tags};
use crate::text::Document;

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

/// Everything the stages found in one document.
#[derive(Clone, Debug)]
pub struct Analysis {
    pub seg: Segmentation,
    pub tags: Tags,
    pub entities: Entities,
    pub roles: Vec<RoleFact>,
    pub statements: Vec<StatementFact>,
    pub relations: Relations,
}

/// Runs the extraction stages.
#[derive(Clone, Debug, Default)]
pub struct Pipeline {
    pub config: Config,
}

impl Pipeline {
    pub fn new(config: Config) -> Pipeline {
        Pipeline { config }
    }

    /// Runs every stage and keeps their outputs.
    pub fn analyze(&self, doc: &Document) -> Analysis {
        let seg = segment::segment(doc);
        let tags = tagging::tag(doc, &seg);
        let ms = mentions::detect(doc, &seg, &tags);
        let mut ents = entities::resolve(doc, &seg, ms);
        let roles = roles::attach(doc, &seg, &mut ents);
        let statements = quotes::extract_with_roles(doc, &seg, &tags, &mut ents, &roles);
        let relations = relations::extract_with(
            doc,
            &seg,
            &tags,
            &mut ents,
            &roles,
            self.config.relation_lexicon.as_deref(),
        );
        Analysis {
            seg,
            tags,
            entities: ents,
            roles,
            statements,
            relations,
        }
    }
}
