//! The pipeline: runs the stages in order over one document and keeps their layers.
//!
//! ```text
//! Document → segment → tag → syntax → mentions → entities → roles → quotes → relations → Analysis
//! ```
//! Each stage reads what earlier stages produced and adds one layer ([`Analysis`]).
//! `Pipeline::extract`, which also builds the document's graph, lives with the graph
//! layer ([`crate::graph::build`]): the pipeline knows nothing of the output model.

pub mod actors;
mod analysis;
mod config;

pub use analysis::Analysis;
pub use config::{Config, Models};

use crate::stages::entities::{self, Staged};
use crate::stages::mentions;
use crate::stages::parse;
use crate::stages::quotes;
use crate::stages::relations::{self, Relations};
use crate::stages::roles::{self, RoleFact};
use crate::stages::segment;
use crate::tagging;
use crate::text::Document;

/// Runs the extraction stages.
#[derive(Clone, Debug, Default)]
pub struct Pipeline {
    pub config: Config,
}

impl Pipeline {
    pub fn new(config: Config) -> Pipeline {
        Pipeline { config }
    }

    /// Runs every stage and keeps their outputs. Each stage reads the earlier layers by
    /// `&`; the actors it asks for are added to the entities right after it ([`actors`]).
    pub fn analyze(&self, doc: &Document) -> Analysis {
        let mut a = self.analyze_before_relations(doc);
        let input = relations::Input {
            doc,
            seg: &a.seg,
            tags: &a.tags,
            ents: &a.entities,
            roles: &a.roles,
            statements: &a.statements,
            syntax: (!a.syntax.is_empty()).then_some(&a.syntax),
        };
        let model = match &self.config.models.relation {
            Some(m) => m.as_ref(),
            None => relations::RelationModel::embedded(),
        };
        let Staged { layer, requests } =
            relations::extract_with(&input, self.config.relation_lexicon.as_deref(), Some(model));
        let settled = actors::settle(&mut a.entities, &requests);
        a.relations = layer.map_actors(|a| settled.entity(a));
        a
    }

    /// Every stage but the relation stage, whose layer stays empty: what training the
    /// stance classifier reads (`crate::train`).
    pub fn analyze_before_relations(&self, doc: &Document) -> Analysis {
        let mut a = self.analyze_before_quotes(doc);
        let speaker = match self.config.models.speaker.as_deref() {
            Some(m) => Some(m),
            None => quotes::SpeakerModel::embedded(),
        };
        let Staged { layer, requests } =
            quotes::extract_with_model(doc, &a.seg, &a.tags, &a.entities, &a.roles, speaker);
        let settled = actors::settle(&mut a.entities, &requests);
        a.statements = layer
            .into_iter()
            .map(|s| s.map_actors(|a| settled.entity(a)))
            .collect();
        a
    }

    /// The stages before the quote stage (the statements and relations stay empty): what
    /// training the speaker ranker reads (`crate::train`).
    pub fn analyze_before_quotes(&self, doc: &Document) -> Analysis {
        let seg = segment::segment(doc);
        let tags = tagging::tag(doc, &seg);
        let syntax = if self.config.syntax {
            parse::parse(doc, &seg, &tags)
        } else {
            parse::Syntax::default()
        };
        let ms = mentions::detect(doc, &seg, &tags);
        // the trained typer drops the proposed mentions that name no actor
        let ms = match self.config.models.mention_typer.as_deref() {
            Some(t) => t.filter(doc, &seg, &tags, ms),
            None => match mentions::typer::MentionTyper::embedded() {
                Some(t) => t.filter(doc, &seg, &tags, ms),
                None => ms,
            },
        };
        let mut ents = entities::resolve(doc, &seg, ms);

        let Staged { layer, requests } = roles::attach(doc, &seg, &tags, &ents);
        let settled = actors::settle(&mut ents, &requests);
        let roles: Vec<RoleFact> = layer
            .into_iter()
            .map(|r| r.map_actors(|a| settled.entity(a)))
            .collect();

        Analysis {
            seg,
            tags,
            syntax,
            entities: ents,
            roles,
            statements: Vec::new(),
            relations: Relations::default(),
        }
    }
}
