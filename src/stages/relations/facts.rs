//! The stage's working state ([`Extractor`]) and what one sentence yields before its
//! actors are settled: [`Fact`]s over [`Side`]s and [`Obj`]ects. Emitting a fact turns its
//! actors into [`ActorRef`]s (asking for countries and groups), merges repeated facts and
//! joins a meeting that repeats an earlier one.

use std::collections::HashMap;

use super::chunks::Sent;
use super::{MeetingFact, RelationFact, Relations, Target};
use crate::lexicon::RelationLexicon;
use crate::stages::entities::{ActorRef, Actors};
use crate::stages::parse::Syntax;
use crate::stages::roles::RoleFact;
use crate::stages::segment::Span;
use crate::stages::tokens::TokenView;
use crate::text::Date;
use crate::vocab::{EntityKind, Stance, Status};

/// An actor before it becomes an entity.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Actor {
    Ent(usize),
    Country(String),
    Group(String),
}

#[derive(Clone, Debug, PartialEq)]
pub(super) enum Obj {
    Actor(Actor),
    Proposal(String),
}

/// One participant or side, with how it was found.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Side {
    pub(super) actor: Actor,
    /// Found through a pronoun or an indefinite ("one", "some").
    pub(super) weak: bool,
}

#[derive(Clone, Debug, Default)]
pub(super) struct MeetingInfo {
    pub(super) place: Option<usize>,
    pub(super) when: Option<String>,
    pub(super) date: Option<String>,
}

/// A fact found in one sentence, before its actors become entities.
#[derive(Clone, Debug)]
pub(super) enum Fact {
    Rel {
        subj: Side,
        obj: Obj,
        relation: Stance,
        cue: String,
        confidence: f32,
        status: Status,
    },
    Meeting {
        parts: Vec<Side>,
        info: MeetingInfo,
        status: Status,
        confidence: f32,
        /// The meeting's predicate (sentence-relative): the pairs one predicate states
        /// ("A met B, C and D" read pair by pair) are one meeting.
        pred: usize,
        /// One body's own gathering ("the NATO summit"): one participant is enough.
        gathering: bool,
    },
}

/// The target of an emitted fact, for merging repeated facts: an actor, or a proposal by
/// its lowercase name.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(super) enum SeenTarget {
    Actor(ActorRef),
    Proposal(String),
}

/// A proposal named earlier in the document, for linking later mentions.
pub(super) struct KnownProposal {
    pub(super) name: String,
    pub(super) mods: Vec<String>,
}

pub(super) struct Extractor<'a> {
    pub(super) tok: TokenView<'a>,
    pub(super) lx: &'a RelationLexicon,
    pub(super) published: Option<Date>,
    /// Person → the affiliations of their roles ([`affiliations_of`]).
    pub(super) affiliations_of: HashMap<usize, Vec<usize>>,
    pub(super) out: Relations<ActorRef>,
    pub(super) proposals: Vec<KnownProposal>,
    /// Groups and countries asked for here.
    pub(super) cache: HashMap<(bool, String), ActorRef>,
    /// (source, relation, target) → index of the fact already emitted.
    pub(super) seen: HashMap<(ActorRef, Stance, SeenTarget), usize>,
    /// The titles of the article's named role holders: (lowercase title words, person,
    /// byte offset of the statement), in text order — "the Tory spokesman" later in the
    /// article is the person introduced with that title.
    pub(super) titles: Vec<(Vec<String>, usize, usize)>,
    /// Each title word → the indices of `titles` that hold it, in text order (a
    /// description is looked up by its head word, not by scanning every title).
    pub(super) titles_by_word: HashMap<String, Vec<usize>>,
    /// The dependency parse, if the syntax stage ran.
    pub(super) syntax: Option<&'a Syntax>,
    /// The predicate (document token) of each meeting of `out.meetings`.
    pub(super) meeting_preds: Vec<usize>,
}

/// How far back to look for a proposal or meeting that a new one repeats.
pub(super) const LOOKBACK: usize = 48;

impl<'a> Extractor<'a> {
    /// The working state for one document: its tokens, the lexicon (`lexicon` or the
    /// embedded one) and the affiliations of its role holders.
    pub(super) fn new(input: &super::Input<'a>, lexicon: Option<&'a RelationLexicon>) -> Self {
        let mut x = Extractor {
            tok: TokenView::tagged(&input.doc.text, input.seg, input.tags),
            lx: lexicon.unwrap_or_else(|| RelationLexicon::embedded()),
            published: input.doc.published,
            affiliations_of: affiliations_of(input.roles),
            out: Relations::default(),
            proposals: Vec::new(),
            cache: HashMap::new(),
            seen: HashMap::new(),
            titles_by_word: HashMap::new(),
            titles: title_holders(input.roles),
            syntax: input.syntax,
            meeting_preds: Vec::new(),
        };
        for (k, t) in x.titles.iter().enumerate() {
            for w in &t.0 {
                let v = x.titles_by_word.entry(w.clone()).or_default();
                if v.last() != Some(&k) {
                    v.push(k);
                }
            }
        }
        x
    }

    pub(super) fn entity(&mut self, a: &Actor, ents: &mut Actors) -> ActorRef {
        match a {
            Actor::Ent(e) => ActorRef::Entity(*e),
            Actor::Country(c) => *self
                .cache
                .entry((true, c.clone()))
                .or_insert_with(|| ents.request(EntityKind::Place, c, None)),
            Actor::Group(g) => *self
                .cache
                .entry((false, g.to_lowercase()))
                .or_insert_with(|| ents.request(EntityKind::Group, g, None)),
        }
    }

    pub(super) fn emit(
        &mut self,
        f: Fact,
        s: &Sent,
        ents: &mut Actors,
        dateline: Option<(usize, Option<usize>)>,
    ) {
        match f {
            Fact::Rel {
                subj,
                obj,
                relation,
                cue,
                confidence,
                status,
            } => {
                let source = self.entity(&subj.actor, ents);
                let (target, key) = match obj {
                    Obj::Actor(a) => {
                        let t = self.entity(&a, ents);
                        (Target::Entity(t), SeenTarget::Actor(t))
                    }
                    Obj::Proposal(p) => {
                        let key = SeenTarget::Proposal(p.to_lowercase());
                        (Target::Proposal(p), key)
                    }
                };
                if target == Target::Entity(source) {
                    return;
                }
                let key = if relation.is_symmetric() {
                    let Target::Entity(t) = target else { return };
                    (source.min(t), relation, SeenTarget::Actor(source.max(t)))
                } else {
                    (source, relation, key)
                };
                if let Some(&idx) = self.seen.get(&key) {
                    let r = &mut self.out.relations[idx];
                    if confidence > r.confidence {
                        r.confidence = confidence;
                    }
                    if status == Status::Held {
                        r.status = Status::Held;
                    }
                    return;
                }
                self.seen.insert(key, self.out.relations.len());
                self.out.relations.push(RelationFact {
                    source,
                    target,
                    relation,
                    cue,
                    evidence: s.span,
                    confidence,
                    status,
                });
            }
            Fact::Meeting {
                parts,
                mut info,
                status,
                confidence,
                pred,
                gathering,
            } => {
                let mut ps: Vec<ActorRef> = Vec::new();
                for p in &parts {
                    let e = self.entity(&p.actor, ents);
                    if !ps.contains(&e) {
                        ps.push(e);
                    }
                }
                if ps.len() < 2 && !(gathering && ps.len() == 1) {
                    return;
                }
                if info.place.is_none()
                    && status == Status::Held
                    && let Some((place, para)) = dateline
                    && para.is_some()
                    && self
                        .tok
                        .seg
                        .sentence_of(s.lo)
                        .map(|x| self.tok.seg.sentences[x].paragraph)
                        == para
                {
                    info.place = Some(place);
                }
                self.add_meeting(ps, info, status, s.span, confidence, s.lo + pred);
            }
        }
    }

    /// The affiliations of the roles of `people` (through the index: walking every role
    /// for each meeting looked back at made a long text of meetings quadratic).
    pub(super) fn affiliations(&self, people: &[ActorRef]) -> Vec<ActorRef> {
        people
            .iter()
            .filter_map(|p| match p {
                ActorRef::Entity(e) => self.affiliations_of.get(e),
                _ => None,
            })
            .flatten()
            .map(|&a| ActorRef::Entity(a))
            .collect()
    }

    pub(super) fn add_meeting(
        &mut self,
        ps: Vec<ActorRef>,
        info: MeetingInfo,
        status: Status,
        evidence: Span,
        confidence: f32,
        pred: usize,
    ) {
        let lo = self.out.meetings.len().saturating_sub(LOOKBACK);
        for idx in (lo..self.out.meetings.len()).rev() {
            let m = &self.out.meetings[idx];
            // one sentence read twice (by the rules and by the model's met-with) with two
            // statuses is one meeting: the reading that saw the plan ("is due to meet",
            // "will hold talks") is right, and its date (next Monday, not last) with it
            let restated = m.status != status;
            if restated && m.evidence != evidence {
                continue;
            }
            let place_ok = m.place.is_none() || info.place.is_none() || m.place == info.place;
            let date_ok =
                restated || m.date.is_none() || info.date.is_none() || m.date == info.date;
            if !place_ok || !date_ok {
                continue;
            }
            let same =
                ps.len() == m.participants.len() && ps.iter().all(|p| m.participants.contains(p));
            let aff = self.affiliations(&m.participants);
            // "received the U.S. delegation" after "the U.S. envoy met X"
            let delegation = ps
                .iter()
                .all(|p| m.participants.contains(p) || aff.contains(p))
                && ps
                    .iter()
                    .any(|p| !m.participants.contains(p) && aff.contains(p));
            // a pair of one sentence's meeting already there ("A and B met with C": A–C)
            let part = m.evidence == evidence && ps.iter().all(|p| m.participants.contains(p));
            // another pair of the same predicate ("A met B, C and D": A–B, then A–C)
            let one_predicate = m.evidence == evidence
                && self.meeting_preds.get(idx) == Some(&pred)
                && ps.iter().any(|p| m.participants.contains(p));
            if same || delegation || part || one_predicate {
                let m = &mut self.out.meetings[idx];
                let planned_now = restated && status == Status::Planned;
                if planned_now {
                    m.status = Status::Planned;
                }
                for p in &ps {
                    if one_predicate && !m.participants.contains(p) {
                        m.participants.push(*p);
                    }
                }
                if m.place.is_none() {
                    m.place = info.place;
                }
                if m.when.is_none() || (planned_now && info.when.is_some()) {
                    m.when = info.when;
                    m.date = info.date;
                }
                return;
            }
        }
        self.meeting_preds.push(pred);
        self.out.meetings.push(MeetingFact {
            participants: ps,
            place: info.place,
            when: info.when,
            date: info.date,
            status,
            evidence,
            confidence,
        });
    }
}

/// The titles of the role facts, as lowercase words, with their holder and position.
fn title_holders(roles: &[RoleFact]) -> Vec<(Vec<String>, usize, usize)> {
    let mut v: Vec<(Vec<String>, usize, usize)> = roles
        .iter()
        .filter_map(|r| {
            let t = r.title.as_ref()?;
            let words: Vec<String> = t.split_whitespace().map(str::to_lowercase).collect();
            (!words.is_empty()).then_some((words, r.person, r.evidence.start))
        })
        .collect();
    v.sort_by_key(|x| x.2);
    v
}

/// Person → the affiliations of their roles, in role order.
pub(super) fn affiliations_of(roles: &[RoleFact]) -> HashMap<usize, Vec<usize>> {
    let mut map: HashMap<usize, Vec<usize>> = HashMap::new();
    for r in roles {
        if let Some(a) = r.affiliation {
            map.entry(r.person).or_default().push(a);
        }
    }
    map
}
