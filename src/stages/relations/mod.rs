//! Relations: stances between actors (met-with, warned, proposed, opposes, supports,
//! criticized), proposals, and meetings with participants, place and normalized time.
//!
//! Entry point: [`extract`] (or [`extract_with`] for a user lexicon). Clause-level rules
//! over the tagger's output, one sentence at a time:
//!
//! 1. **Chunks.** Noun phrases are runs of determiners, adjectives, numbers, nouns, proper
//!    nouns, possessive pronouns and `'s` (so `Mara Lind's adviser Tomas Reyes` is
//!    one phrase whose head is its last word). A phrase's *actor* is the entity at its head,
//!    a pronoun resolved by [`Entities::resolve_pronoun`], a country for a demonym with a
//!    state noun (`Ukrainian negotiators`, `the U.S. delegation`), or a Group for a
//!    collective noun (`European officials`, `members of Congress`). Other phrases can be
//!    objects as Proposals, named by their short noun phrase and linked to an earlier
//!    proposal they repeat (`the revised proposal`).
//! 2. **Predicates** come from the relation lexicon ([`RelationLexicon`], `lexicon/relations.tsv`):
//!    verbs (with voice, negation, modality and to-infinitive control: `refused to meet`,
//!    `is determined to prevent`), adjectives (`supportive of`, `unwilling to`), meeting
//!    nouns (`talks between X and Y`, `X's meeting with Y`, `U.S.-Ukraine negotiations`),
//!    proposal nouns with a proposer (`the U.S. peace plan`), demands whose negated
//!    content is opposed (`insists that Y never joins Z`) and conditional threats
//!    (`if X refuses, Y will …` → warned).
//! 3. **Subjects** are found by walking left over adverbs, prepositional phrases,
//!    parentheticals and reduced relatives; **objects** by the lexicon's pattern (direct
//!    object, a preposition, a that-clause, a to-infinitive). Coordination on either side
//!    gives one fact per pair; passive voice swaps subject and `by`-agent.
//! 4. **Meetings** take their place (`in Geneva`) and time (`on Tuesday`, normalized by
//!    [`dates`]) from the clause; `met in A and again … in B` is two meetings; a meeting
//!    that repeats an earlier one (same people, or a delegation of their country) joins it.
//!
//! Confidence reflects the rule: a direct verb with named actors on both sides is high;
//! passives, adjectives, groups and proposals lower; nominal, pronoun-resolved and
//! conditional readings lowest.
//!
//! Files: `chunks.rs` (the sentence and its noun phrases, with this stage's reading of the
//! tags), `actors.rs` (what a phrase stands for), `arguments.rs` (aux chains, subjects,
//! objects), `predicates.rs` (verbal, adjectival, nominal and conditional stances),
//! `meetings.rs`, `dates.rs` (time expressions), `facts.rs` (emitting and merging facts),
//! `confidence.rs` (the rules' confidences). Countries and groups no mention names are
//! requested actors (`stages::entities::requests`); the pipeline adds them.

mod actors;
mod arguments;
mod chunks;
mod confidence;
pub mod dates;
mod facts;
mod meetings;
mod predicates;

use std::collections::HashMap;

use crate::stages::entities::{ActorRef, Actors, Entities, Staged};
use crate::stages::roles::RoleFact;
use crate::stages::segment::{Segmentation, Span};
use crate::stages::tokens::TokenView;
use crate::tagging::Tags;
use crate::text::Document;
use crate::vocab::{EntityKind, Stance, Status};

use crate::lexicon::RelationLexicon;

use facts::Extractor;

/// The object of a relation: an actor or a proposal named by a noun phrase.
#[derive(Clone, Debug, PartialEq)]
pub enum Target<A = usize> {
    Entity(A),
    Proposal(String),
}

/// A stance of one actor towards another or a proposal. The stage returns its actors as
/// [`ActorRef`]s (a group or a country may be a requested actor); the pipeline settles
/// them into entity indices (`A = usize`).
#[derive(Clone, Debug, PartialEq)]
pub struct RelationFact<A = usize> {
    pub source: A,
    pub target: Target<A>,
    pub relation: Stance,
    pub cue: String,
    pub evidence: Span,
    pub confidence: f32,
    pub status: Status,
}

/// A meeting of two or more actors; its place is an entity (a place named in the text).
#[derive(Clone, Debug, PartialEq)]
pub struct MeetingFact<A = usize> {
    pub participants: Vec<A>,
    pub place: Option<usize>,
    /// The article's words for the time ("Tuesday").
    pub when: Option<String>,
    /// Normalized against the publication date.
    pub date: Option<String>,
    pub status: Status,
    pub evidence: Span,
    pub confidence: f32,
}

/// The output of [`extract`].
#[derive(Clone, Debug, PartialEq)]
pub struct Relations<A = usize> {
    pub relations: Vec<RelationFact<A>>,
    pub meetings: Vec<MeetingFact<A>>,
}

impl<A> Default for Relations<A> {
    fn default() -> Self {
        Relations {
            relations: Vec::new(),
            meetings: Vec::new(),
        }
    }
}

impl<A> Relations<A> {
    /// The same relations and meetings with their actors mapped by `f`.
    pub fn map_actors<B>(self, mut f: impl FnMut(A) -> B) -> Relations<B> {
        Relations {
            relations: self
                .relations
                .into_iter()
                .map(|r| RelationFact {
                    source: f(r.source),
                    target: match r.target {
                        Target::Entity(t) => Target::Entity(f(t)),
                        Target::Proposal(p) => Target::Proposal(p),
                    },
                    relation: r.relation,
                    cue: r.cue,
                    evidence: r.evidence,
                    confidence: r.confidence,
                    status: r.status,
                })
                .collect(),
            meetings: self
                .meetings
                .into_iter()
                .map(|m| MeetingFact {
                    participants: m.participants.into_iter().map(&mut f).collect(),
                    place: m.place,
                    when: m.when,
                    date: m.date,
                    status: m.status,
                    evidence: m.evidence,
                    confidence: m.confidence,
                })
                .collect(),
        }
    }
}

/// Finds relations and meetings with the embedded lexicon.
pub fn extract(
    doc: &Document,
    seg: &Segmentation,
    tags: &Tags,
    ents: &Entities,
) -> Staged<Relations<ActorRef>> {
    extract_with(doc, seg, tags, ents, &[], None)
}

/// Finds relations and meetings. `roles` lets a delegation of a country join the meeting
/// of that country's envoy; `lexicon` replaces the embedded relation lexicon.
pub fn extract_with(
    doc: &Document,
    seg: &Segmentation,
    tags: &Tags,
    ents: &Entities,
    roles: &[RoleFact],
    lexicon: Option<&RelationLexicon>,
) -> Staged<Relations<ActorRef>> {
    let mut actors = Actors::new(ents);
    let ents = &mut actors;
    let lx = lexicon.unwrap_or_else(|| RelationLexicon::embedded());
    let mut x = Extractor {
        tok: TokenView::tagged(&doc.text, seg, tags),
        lx,
        published: doc.published,
        affiliations_of: facts::affiliations_of(roles),
        out: Relations::default(),
        proposals: Vec::new(),
        cache: HashMap::new(),
        seen: HashMap::new(),
    };
    let dateline_place = seg.dateline.clone().and_then(|r| {
        r.clone()
            .find_map(|t| ents.entity_at(t))
            .filter(|&e| ents.entities[e].kind == EntityKind::Place)
            .map(|e| {
                (
                    e,
                    seg.sentence_of(r.end).map(|s| seg.sentences[s].paragraph),
                )
            })
    });
    for (_, s) in seg.body_sentences() {
        let sent = x.sentence(s.tokens.clone(), s.span, ents);
        let mut facts = Vec::new();
        x.sentence_facts(&sent, ents, &mut facts);
        for f in facts {
            x.emit(f, &sent, ents, dateline_place);
        }
    }
    let mut out = x.out;
    capitals_as_states(&mut out, ents);
    actors.finish(out)
}

/// A capital city that takes or receives a stance acts for its state ("accusing Nairobi of
/// siding with …", "talks between Kyiv and Moscow"): cities do not accuse or negotiate.
fn capitals_as_states(out: &mut Relations<ActorRef>, ents: &mut Actors) {
    let lx = crate::lexicon::lexicon();
    let state = |ents: &mut Actors, e: ActorRef| -> ActorRef {
        if ents.kind(e) != EntityKind::Place {
            return e;
        }
        match lx.capital_country(ents.name(e)) {
            Some(country) => {
                let alias = ents.name(e).to_string();
                ents.request(EntityKind::Place, &country, Some(&alias))
            }
            None => e,
        }
    };
    for r in &mut out.relations {
        r.source = state(ents, r.source);
        if let Target::Entity(t) = r.target {
            r.target = Target::Entity(state(ents, t));
        }
    }
    for m in &mut out.meetings {
        let mut seen = Vec::with_capacity(m.participants.len());
        for &p in &m.participants {
            let p = state(ents, p);
            if !seen.contains(&p) {
                seen.push(p);
            }
        }
        m.participants = seen;
    }
    out.relations
        .retain(|r| r.target != Target::Entity(r.source));
}
