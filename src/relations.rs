//! Relations: stances between actors (met-with, warned, proposed, opposes, supports,
//! criticized) and meetings.
//!
//! Entry point: [`extract`]. A first pass over verbs: an actor, a relation verb from
//! the lexicon, and the next actor in the same clause.

use crate::document::Document;
use crate::entities::Entities;
use crate::graph::{Relation, Status};
use crate::segment::{Segmentation, Span};
use crate::tagging::Tags;

/// The object of a relation: an actor or a proposal named by a noun phrase.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    Entity(usize),
    Proposal(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct RelationFact {
    pub source: usize,
    pub target: Target,
    pub relation: Relation,
    pub cue: String,
    pub evidence: Span,
    pub confidence: f32,
    pub status: Status,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MeetingFact {
    pub participants: Vec<usize>,
    pub place: Option<usize>,
    /// The article's words for the time ("Tuesday").
    pub when: Option<String>,
    /// Normalized against the publication date.
    pub date: Option<String>,
    pub status: Status,
    pub evidence: Span,
    pub confidence: f32,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Relations {
    pub relations: Vec<RelationFact>,
    pub meetings: Vec<MeetingFact>,
}

const VERBS: &[(&str, Relation)] = &[
    ("met", Relation::MetWith),
    ("meets", Relation::MetWith),
    ("warned", Relation::Warned),
    ("warns", Relation::Warned),
    ("threatened", Relation::Warned),
    ("proposed", Relation::Proposed),
    ("rejected", Relation::Opposes),
    ("rejects", Relation::Opposes),
    ("opposes", Relation::Opposes),
    ("opposed", Relation::Opposes),
    ("denounced", Relation::Opposes),
    ("supports", Relation::Supports),
    ("backed", Relation::Supports),
    ("backs", Relation::Supports),
    ("endorsed", Relation::Supports),
    ("criticized", Relation::Criticized),
    ("criticised", Relation::Criticized),
    ("accused", Relation::Criticized),
    ("blamed", Relation::Criticized),
    ("condemned", Relation::Criticized),
];

/// Finds relations and meetings.
pub fn extract(doc: &Document, seg: &Segmentation, tags: &Tags, ents: &mut Entities) -> Relations {
    let _ = tags;
    let text = doc.text.as_str();
    let w = |t: usize| &text[seg.tokens[t].span.range()];
    let mut out = Relations::default();
    for (_, s) in seg.body_sentences() {
        for t in s.tokens.clone() {
            let Some(&(_, rel)) = VERBS.iter().find(|(v, _)| *v == w(t)) else {
                continue;
            };
            // subject: the nearest actor before, in the same clause
            let mut subj = None;
            let mut k = t;
            while k > s.tokens.start {
                k -= 1;
                if matches!(w(k), "," | ";" | ":") {
                    break;
                }
                if let Some(e) = ents.entity_at(k) {
                    subj = Some(e);
                    break;
                }
            }
            let mut obj = None;
            let mut k = t + 1;
            while k < s.tokens.end && k < t + 8 {
                if matches!(w(k), "," | ";" | ":" | "that") {
                    break;
                }
                if let Some(e) = ents.entity_at(k) {
                    obj = Some(e);
                    break;
                }
                k += 1;
            }
            if let (Some(a), Some(b)) = (subj, obj)
                && a != b
            {
                out.relations.push(RelationFact {
                    source: a,
                    target: Target::Entity(b),
                    relation: rel,
                    cue: w(t).to_string(),
                    evidence: s.span,
                    confidence: 0.6,
                    status: Status::Held,
                });
                if rel == Relation::MetWith {
                    out.meetings.push(MeetingFact {
                        participants: vec![a, b],
                        place: None,
                        when: None,
                        date: None,
                        status: Status::Held,
                        evidence: s.span,
                        confidence: 0.6,
                    });
                }
            }
        }
    }
    out
}
