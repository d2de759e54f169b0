//! The layers of one analysed document, read-only once the pipeline returns them.

use crate::stages::entities::Entities;
use crate::stages::parse::Syntax;
use crate::stages::quotes::StatementFact;
use crate::stages::relations::Relations;
use crate::stages::roles::RoleFact;
use crate::stages::segment::Segmentation;
use crate::tagging::Tags;

/// Everything the stages found in one document.
#[derive(Clone, Debug)]
pub struct Analysis {
    /// Paragraphs, sentences, tokens.
    pub seg: Segmentation,
    /// A part-of-speech tag per token.
    pub tags: Tags,
    /// A dependency tree and a lemma per token (document-wide token indices); empty unless
    /// [`Config::syntax`](super::Config::syntax) is on.
    pub syntax: Syntax,
    /// Mentions and the actors they name, with the actors later stages asked for.
    pub entities: Entities,
    /// Titles and affiliations of people.
    pub roles: Vec<RoleFact>,
    /// Who said what.
    pub statements: Vec<StatementFact>,
    /// Stances between actors, proposals, meetings.
    pub relations: Relations,
}
