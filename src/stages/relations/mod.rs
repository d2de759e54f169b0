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
mod candidates;
mod chunks;
mod confidence;
pub mod dates;
mod facts;
mod meetings;
pub mod model;
mod predicates;

use std::collections::HashMap;

use crate::stages::entities::{ActorRef, Actors, Entities, Staged};
use crate::stages::parse::Syntax;
use crate::stages::quotes::StatementFact;
use crate::stages::roles::RoleFact;
use crate::stages::segment::{Segmentation, Span};
use crate::tagging::Tags;
use crate::text::Document;
use crate::vocab::{EntityKind, Stance, Status};

use crate::lexicon::RelationLexicon;
use crate::lexicon::words::{WordClass, is};

pub use candidates::stem;
use facts::Extractor;
pub use model::{RelationModel, TrainItem};

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

/// A meeting of two or more actors, or one body's own gathering ("the NATO summit"); its
/// place is an entity (a place named in the text).
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

/// What the stage reads: the document and the layers of earlier stages.
#[derive(Clone, Copy)]
pub struct Input<'a> {
    pub doc: &'a Document,
    pub seg: &'a Segmentation,
    pub tags: &'a Tags,
    pub ents: &'a Entities,
    /// Roles let a delegation of a country join the meeting of that country's envoy.
    pub roles: &'a [RoleFact],
    /// Statements: a stance inside one is its speaker's.
    pub statements: &'a [StatementFact],
    /// The dependency parse, when the syntax stage ran ([`crate::Config::syntax`]): the
    /// stance candidates then carry the dependency paths between predicate and actors.
    pub syntax: Option<&'a Syntax>,
}

/// Finds relations and meetings with the embedded lexicon and model.
pub fn extract(
    doc: &Document,
    seg: &Segmentation,
    tags: &Tags,
    ents: &Entities,
) -> Staged<Relations<ActorRef>> {
    let input = Input {
        doc,
        seg,
        tags,
        ents,
        roles: &[],
        statements: &[],
        syntax: None,
    };
    extract_with(&input, None, Some(RelationModel::embedded()))
}

/// Finds relations and meetings: the rules' facts, and the stances the `model` finds
/// among the candidates (`candidates.rs`). `lexicon` replaces the embedded relation
/// lexicon; without a model the rules decide alone.
pub fn extract_with(
    input: &Input,
    lexicon: Option<&RelationLexicon>,
    model: Option<&RelationModel>,
) -> Staged<Relations<ActorRef>> {
    let Input {
        seg,
        ents,
        statements,
        ..
    } = *input;
    let mut actors = Actors::new(ents);
    let ents = &mut actors;
    let mut x = Extractor::new(input, lexicon);
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
    let speakers = speakers(statements);
    let mut scratch = Vec::new();
    for (_, s) in seg.body_sentences() {
        let sent = x.sentence(s.tokens.clone(), s.span, ents);
        let mut facts = Vec::new();
        x.sentence_facts(&sent, ents, &mut facts);
        if let Some(m) = model {
            learned_facts(&x, &sent, ents, &speakers, m, &mut scratch, &mut facts);
        }
        // a question states no stance ("Did X criticize Y?")
        let question = sent.words.last().is_some_and(|w| *w == "?");
        for f in facts {
            if question && matches!(f, facts::Fact::Rel { .. }) {
                continue;
            }
            x.emit(f, &sent, ents, dateline_place);
        }
    }
    let mut out = x.out;
    capitals_as_states(&mut out, ents);
    actors.finish(out)
}

/// (content span, speaker) of every statement with one speaker, sorted by start.
fn speakers(statements: &[StatementFact]) -> Vec<(Span, usize)> {
    let mut v: Vec<(Span, usize)> = statements
        .iter()
        .filter(|s| s.speakers.len() == 1)
        .map(|s| (s.text, s.speakers[0]))
        .collect();
    v.sort_by_key(|(sp, e)| (sp.start, sp.end, *e));
    v
}

/// The stances the model finds among one sentence's candidates: every candidate whose
/// best stance beats `none`, and of the proposals one predicate's source might hold,
/// only the best.
fn learned_facts(
    x: &Extractor,
    sent: &chunks::Sent,
    ents: &Entities,
    speakers: &[(Span, usize)],
    m: &RelationModel,
    scratch: &mut Vec<i32>,
    out: &mut Vec<facts::Fact>,
) {
    let cands = x.candidates(sent, ents, speakers, &|st| m.is_cue(st), false);
    let mut best: Vec<(usize, usize, i32, &candidates::Cand)> = Vec::new();
    for c in &cands {
        let actor_target = matches!(c.obj, facts::Obj::Actor(_));
        let (label, margin) = m.decide(&c.feats, actor_target, scratch);
        let margin = margin - m.threshold(label);
        if margin <= 0 {
            continue;
        }
        if let facts::Obj::Proposal(_) = c.obj
            && let Some(b) = best.iter_mut().find(|b| {
                b.3.pred == c.pred
                    && b.3.subj.actor == c.subj.actor
                    && matches!(b.3.obj, facts::Obj::Proposal(_))
            })
        {
            if margin > b.2 {
                *b = (c.pred, label, margin, c);
            }
            continue;
        }
        best.push((c.pred, label, margin, c));
    }
    // one predicate's agent for one target stands on one side of it: where the best
    // source of a (predicate, target) pair is before the predicate, sources after it
    // are its objects ("X warned Y that ..." is no warning by Y), and the reverse
    // (the best margin on each side per (predicate, target): linear in the candidates, a
    // sentence of a hostile input may have thousands)
    let side = |c: &candidates::Cand| c.spos.map(|sp| sp < c.pred);
    let mut best_by_side: HashMap<(usize, usize, bool), i32> = HashMap::new();
    for b in &best {
        if let Some(left) = side(b.3) {
            let e = best_by_side
                .entry((b.3.pred, b.3.tpos, left))
                .or_insert(i32::MIN);
            *e = (*e).max(b.2);
        }
    }
    let keep: Vec<bool> = best
        .iter()
        .map(|b| {
            side(b.3).is_none_or(|left| {
                best_by_side
                    .get(&(b.3.pred, b.3.tpos, !left))
                    .is_none_or(|&other| other <= b.2)
            })
        })
        .collect();
    let best = best
        .into_iter()
        .zip(keep)
        .filter_map(|(b, k)| k.then_some(b));
    for (pred, label, margin, c) in best {
        let Some(relation) = model::stance_of(label) else {
            continue;
        };
        if !learned_stance_stated(x, sent, pred, c, relation) {
            continue;
        }
        let (_, _, modal, _) = x.aux_chain(sent, pred);
        let status = if modal { Status::Planned } else { Status::Held };
        let confidence = m.confidence(margin);
        // two actors who met held a meeting: with the place and time after the predicate
        if relation == Stance::MetWith
            && let facts::Obj::Actor(other) = &c.obj
        {
            let info = x
                .meeting_details(sent, pred + 1, status, ents)
                .into_iter()
                .next()
                .unwrap_or_default();
            let mut parts = vec![
                c.subj.clone(),
                facts::Side {
                    actor: other.clone(),
                    weak: false,
                },
            ];
            // the partner's list goes with it ("met with A, B and C"): the candidates
            // reach only the nearest actors, the list is one side of the meeting
            if c.tpos > pred
                && let Some(np) = sent.np_at(c.tpos)
            {
                let (list, _) = x.np_list(sent, np.start, ents, true);
                for j in list {
                    if let Some(side) = x.np_actor(sent, &sent.nps[j], ents)
                        && !parts.iter().any(|p| p.actor == side.actor)
                    {
                        out.push(facts::Fact::Rel {
                            subj: c.subj.clone(),
                            obj: facts::Obj::Actor(side.actor.clone()),
                            relation,
                            cue: sent.words[pred].to_string(),
                            confidence,
                            status,
                        });
                        parts.push(side);
                    }
                }
                // at a meeting of up to four named parties each pair met (ANNOTATION.md):
                // the partners of one list met each other too
                if parts.len() <= 4 {
                    for (a, pa) in parts.iter().enumerate().skip(1) {
                        for pb in &parts[a + 1..] {
                            out.push(facts::Fact::Rel {
                                subj: pa.clone(),
                                obj: facts::Obj::Actor(pb.actor.clone()),
                                relation,
                                cue: sent.words[pred].to_string(),
                                confidence,
                                status,
                            });
                        }
                    }
                }
            }
            out.push(facts::Fact::Meeting {
                parts,
                info,
                status,
                confidence,
                pred,
                gathering: false,
            });
        }
        out.push(facts::Fact::Rel {
            subj: c.subj.clone(),
            obj: c.obj.clone(),
            relation,
            cue: sent.words[pred].to_string(),
            confidence,
            status,
        });
    }
}

/// Does the sentence state the stance the model found at `pred`? The rules' own reading of
/// the predicate decides what the classifier's features only hint at: a negated predicate
/// ("did not oppose"), one under a condition or a modal of possibility ("if X refuses",
/// "would reject"), under a negating controller ("refused to meet"), or a meeting that its
/// clause denies states nothing; two actors coordinated before a meeting verb that has
/// its own object did not meet each other ("X and Y met with Z"); predicates the relation
/// lexicon lists as stance verbs are the rules' (`OWN_LEXICON_VERBS`).
fn learned_stance_stated(
    x: &Extractor,
    sent: &chunks::Sent,
    pred: usize,
    c: &candidates::Cand,
    relation: Stance,
) -> bool {
    use crate::lexicon::relations::Sense;
    let (_, neg, _, _) = x.aux_chain(sent, pred);
    if neg || x.hypothetical(sent, pred) || x.conditional_modal(sent, pred) {
        return false;
    }
    if pred >= 2
        && sent.lw(pred - 1) == "to"
        && (pred.saturating_sub(4)..pred - 1)
            .rev()
            .find_map(|k| x.controller(sent, k))
            == Some(Sense::Negate)
    {
        return false;
    }
    if OWN_LEXICON_VERBS
        && sent.tag[pred] == crate::tagger::Upos::Verb
        && x.lx
            .verb(sent.lw(pred))
            .iter()
            .any(|e| matches!(e.sense, Sense::Stance(_)))
    {
        return false;
    }
    if relation == Stance::MetWith {
        if x.denied(sent, pred) {
            return false;
        }
        // meeting one's family is no talks ("met his future wife X")
        let sp = c.spos.unwrap_or(pred);
        let a = pred.min(c.tpos).min(sp);
        let b = pred.max(c.tpos).max(sp);
        let b = sent.np_at(b).map_or(b + 1, |np| np.end);
        if (a..b).any(|k| is(WordClass::KinNoun, sent.lw(k))) {
            return false;
        }
        // "X and Y met with Z": X and Y did not meet each other
        if let Some(sp) = c.spos
            && (sp < pred) == (c.tpos < pred)
            && (pred + 1..sent.n())
                .take_while(|&k| sent.tag[k] != crate::tagger::Upos::Punct)
                .any(|k| sent.np_at(k).is_some_and(|np| np.head() == k))
        {
            return false;
        }
    }
    // "refused to meet": the embedded predicate is not held
    if pred >= 2
        && sent.lw(pred - 1) == "to"
        && matches!(
            (pred.saturating_sub(4)..pred - 1)
                .rev()
                .find_map(|k| x.controller(sent, k)),
            Some(Sense::Stance(Stance::Opposes))
        )
    {
        return false;
    }
    true
}

const OWN_LEXICON_VERBS: bool = false;

/// A candidate stance for training, its actors by name.
#[derive(Clone, Debug)]
pub struct TrainCandidate {
    /// The source's name and aliases, and its kind.
    pub source: Vec<String>,
    pub source_kind: EntityKind,
    /// The target's name and aliases (an actor) or its phrase (a proposal, one name).
    pub target: Vec<String>,
    pub target_kind: Option<EntityKind>,
    /// The predicate's bytes and its sentence's.
    pub predicate: Span,
    pub sentence: Span,
    pub stem: String,
    pub feats: Vec<u64>,
}

/// Every candidate of the document (every verb a predicate), for labelling from an
/// annotated article.
pub fn training_candidates(
    input: &Input,
    lexicon: Option<&RelationLexicon>,
) -> Vec<TrainCandidate> {
    let Input {
        seg,
        ents,
        statements,
        ..
    } = *input;
    let x = Extractor::new(input, lexicon);
    let speakers = speakers(statements);
    let names = |a: &facts::Actor| -> (Vec<String>, EntityKind) {
        match a {
            facts::Actor::Ent(e) => {
                let ent = &ents.entities[*e];
                let mut v = vec![ent.name.clone()];
                v.extend(ent.aliases.iter().cloned());
                (v, ent.kind)
            }
            facts::Actor::Country(c) => (vec![c.clone()], EntityKind::Place),
            facts::Actor::Group(g) => (vec![g.clone()], EntityKind::Group),
        }
    };
    let mut out = Vec::new();
    for (_, s) in seg.body_sentences() {
        let sent = x.sentence(s.tokens.clone(), s.span, ents);
        for c in x.candidates(&sent, ents, &speakers, &|_| false, true) {
            let (source, source_kind) = names(&c.subj.actor);
            let (target, target_kind) = match &c.obj {
                facts::Obj::Actor(a) => {
                    let (v, k) = names(a);
                    (v, Some(k))
                }
                facts::Obj::Proposal(p) => (vec![p.clone()], None),
            };
            out.push(TrainCandidate {
                source,
                source_kind,
                target,
                target_kind,
                predicate: seg.tokens[sent.lo + c.pred].span,
                sentence: s.span,
                stem: candidates::stem(sent.lw(c.pred)),
                feats: c.feats,
            });
        }
    }
    out
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
