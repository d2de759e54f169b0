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
//! 2. **Predicates** come from the relation lexicon ([`lexicon`], `lexicon/relations.tsv`):
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

pub mod dates;

use std::collections::HashMap;

use crate::lexicon::{PlaceKind, lexicon as world};
use crate::stages::entities::{ActorRef, Actors, Entities, Staged};
use crate::stages::roles::RoleFact;
use crate::stages::segment::{Segmentation, Span};
use crate::stages::tokens::TokenView;
use crate::tagger::Upos;
use crate::tagging::Tags;
use crate::text::date::{is_month, is_weekday};
use crate::text::{Date, Document};
use crate::vocab::{EntityKind, Stance, Status};

pub use crate::lexicon::RelationLexicon;
use crate::lexicon::relations::{Entry, Pos, Sense};
use crate::lexicon::words::{WordClass, is};

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
        roles,
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

// ------------------------------------------------------------------ actors and facts

/// An actor before it becomes an entity.
#[derive(Clone, Debug, PartialEq)]
enum Actor {
    Ent(usize),
    Country(String),
    Group(String),
}

#[derive(Clone, Debug, PartialEq)]
enum Obj {
    Actor(Actor),
    Proposal(String),
}

/// One participant or side, with how it was found.
#[derive(Clone, Debug, PartialEq)]
struct Side {
    actor: Actor,
    /// Found through a pronoun or an indefinite ("one", "some").
    weak: bool,
}

#[derive(Clone, Debug, Default)]
struct MeetingInfo {
    place: Option<usize>,
    when: Option<String>,
    date: Option<String>,
}

/// A fact found in one sentence, before its actors become entities.
#[derive(Clone, Debug)]
enum Fact {
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
    },
}

struct Np {
    start: usize,
    /// Exclusive.
    end: usize,
}

impl Np {
    fn head(&self) -> usize {
        self.end - 1
    }
}

/// One sentence, chunked. Indices are relative to `lo`.
struct Sent<'a> {
    lo: usize,
    span: Span,
    words: Vec<&'a str>,
    lower: Vec<String>,
    tag: Vec<Upos>,
    /// Noun phrase of each token.
    np: Vec<Option<usize>>,
    nps: Vec<Np>,
}

impl Sent<'_> {
    fn n(&self) -> usize {
        self.words.len()
    }
    fn lw(&self, i: usize) -> &str {
        self.lower.get(i).map_or("", String::as_str)
    }
    fn np_at(&self, i: usize) -> Option<&Np> {
        self.np.get(i).copied().flatten().map(|j| &self.nps[j])
    }
    /// The noun phrase starting at `i`.
    fn np_starting(&self, i: usize) -> Option<&Np> {
        self.np_at(i).filter(|n| n.start == i)
    }
    fn is_be(&self, i: usize) -> bool {
        matches!(
            self.lw(i),
            "is" | "are" | "was" | "were" | "be" | "been" | "being" | "am" | "remain" | "remains"
        )
    }
}

/// A time word that heads a noun phrase: `TIME_HEADS`, a weekday or a month ("may" is
/// left out: it is far more often the modal).
fn is_time_head(w: &str) -> bool {
    is(WordClass::TimeHead, w) || is_weekday(w) || (is_month(w) && w != "may")
}

/// A proposal named earlier in the document, for linking later mentions.
struct KnownProposal {
    name: String,
    mods: Vec<String>,
}

struct Extractor<'a> {
    tok: TokenView<'a>,
    lx: &'a RelationLexicon,
    published: Option<Date>,
    roles: &'a [RoleFact],
    out: Relations<ActorRef>,
    proposals: Vec<KnownProposal>,
    /// Groups and countries asked for here.
    cache: HashMap<(bool, String), ActorRef>,
    /// (source, relation, target) → index of the fact already emitted.
    seen: HashMap<(ActorRef, Stance, String), usize>,
}

/// How far back to look for a proposal or meeting that a new one repeats.
const LOOKBACK: usize = 48;

impl<'a> Extractor<'a> {
    // -------------------------------------------------------------- chunking

    fn sentence(&self, toks: std::ops::Range<usize>, span: Span, ents: &Entities) -> Sent<'a> {
        let lo = toks.start;
        let words: Vec<&'a str> = toks.clone().map(|t| self.tok.word(t)).collect();
        let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
        let mut tag: Vec<Upos> = toks.clone().map(|t| self.tok.tag(t)).collect();
        let n = words.len();
        // repair tags that matter here
        for i in 0..n {
            let w = lower[i].as_str();
            let in_entity = ents.entity_at(lo + i).is_some();
            match tag[i] {
                Upos::Noun | Upos::Adj | Upos::Propn
                    if !in_entity
                        && (w.ends_with("ing") || w.ends_with("ed"))
                        && self.lx.exact(Pos::Noun, w).next().is_none()
                        && self
                            .lx
                            .verb(w)
                            .iter()
                            .any(|e| matches!(e.sense, Sense::Stance(_) | Sense::Demand)) =>
                {
                    tag[i] = Upos::Verb;
                }
                Upos::Verb
                    if w.ends_with("ed")
                        && (w.contains('-') || (i > 0 && tag[i - 1] == Upos::Det) || in_entity)
                        && i + 1 < n
                        && matches!(tag[i + 1], Upos::Noun | Upos::Propn | Upos::Adj) =>
                {
                    tag[i] = Upos::Adj;
                }
                _ => {}
            }
            if self.lx.exact(Pos::Adj, w).next().is_some() && tag[i] == Upos::Noun {
                tag[i] = Upos::Adj;
            }
        }
        // noun phrases
        let mut np = vec![None; n];
        let mut nps: Vec<Np> = Vec::new();
        let mut i = 0;
        while i < n {
            let w = lower[i].as_str();
            if is(WordClass::PersonalPronoun, w) && tag[i] == Upos::Pron {
                np[i] = Some(nps.len());
                nps.push(Np {
                    start: i,
                    end: i + 1,
                });
                i += 1;
                continue;
            }
            let starts = |k: usize| {
                let w = lower[k].as_str();
                let ent = ents.entity_at(lo + k).is_some();
                ent || matches!(
                    tag[k],
                    Upos::Det | Upos::Adj | Upos::Num | Upos::Noun | Upos::Propn
                ) && !matches!(w, "that" | "which" | "what" | "whose")
                    || (tag[k] == Upos::Pron && is(WordClass::Possessive, w))
            };
            if !starts(i) {
                i += 1;
                continue;
            }
            let start = i;
            let mut k = i + 1;
            while k < n {
                let w = lower[k].as_str();
                let poss = matches!(w, "'s" | "’s" | "'" | "’") && tag[k] != Upos::Punct;
                let ent = ents.entity_at(lo + k).is_some();
                let ok = poss
                    || ent
                    || (matches!(tag[k], Upos::Adj | Upos::Num | Upos::Noun | Upos::Propn)
                        && !(tag[k - 1] == Upos::Pron && is(WordClass::PersonalPronoun, lower[k - 1].as_str()))
                        || is(WordClass::Possessive, w))
                    // a determiner after a noun starts a new phrase; after 's it does not
                    || (tag[k] == Upos::Det && matches!(lower[k - 1].as_str(), "'s" | "’s"));
                // a new entity after a complete one of a different kind starts a new phrase
                if !ok || (tag[k] == Upos::Pron && is(WordClass::PersonalPronoun, w)) {
                    break;
                }
                // "On Monday Jane Roe met …", "In 2004 Jane Roe …": a name after a time word
                // starts the subject, it does not extend the time phrase
                let prev = lower[k - 1].as_str();
                if ent
                    && ents.entity_at(lo + k - 1).is_none()
                    && (is_time_head(prev) || tag[k - 1] == Upos::Num)
                {
                    break;
                }
                k += 1;
            }
            // never end on a possessive marker
            let mut end = k;
            while end > start + 1 && matches!(lower[end - 1].as_str(), "'s" | "’s") {
                end -= 1;
            }
            for slot in np.iter_mut().take(end).skip(start) {
                *slot = Some(nps.len());
            }
            nps.push(Np { start, end });
            i = end.max(start + 1);
        }
        Sent {
            lo,
            span,
            words,
            lower,
            tag,
            np,
            nps,
        }
    }

    // -------------------------------------------------------------- actors

    fn country_of_word(&self, w: &str) -> Option<String> {
        let lx = world();
        let w = w.trim_end_matches(['\'', '’']);
        if let Some((c, _)) = lx.demonyms.get(w) {
            return Some(c.clone());
        }
        lx.places
            .get(w)
            .filter(|p| p.kind == PlaceKind::Country)
            .map(|p| p.canonical.clone())
    }

    /// Countries named inside a hyphenated word: `U.S.-Ukraine`, `US-mediated`.
    fn hyphen_countries(&self, w: &str) -> Vec<String> {
        if !w.contains('-') {
            return Vec::new();
        }
        let mut out = Vec::new();
        for part in w.split('-') {
            if let Some(c) = self.country_of_word(part)
                && !out.contains(&c)
            {
                out.push(c);
            }
        }
        out
    }

    fn is_country_entity(&self, ents: &Entities, e: usize) -> bool {
        let en = &ents.entities[e];
        en.kind == EntityKind::Place
            && world()
                .places
                .get(&en.name)
                .is_some_and(|p| p.kind == PlaceKind::Country)
    }

    /// The group name of a phrase: its words without leading determiners, with a
    /// following `of` phrase (`members of Congress`).
    fn group_name(&self, s: &Sent, np: &Np) -> String {
        let mut a = np.start;
        while a < np.head() && is(WordClass::Determiner, s.lw(a)) {
            a += 1;
        }
        let mut end = np.end;
        if s.lw(end) == "of"
            && let Some(n2) = s.np_starting(end + 1)
        {
            end = n2.end;
        }
        let mut name = s.words[a..end].join(" ");
        if s.tag[a] == Upos::Noun
            && let Some(c) = name.chars().next()
            && c.is_uppercase()
        {
            name = c.to_lowercase().chain(name.chars().skip(1)).collect();
        }
        name
    }

    /// The actor a noun phrase stands for.
    fn np_actor(&self, s: &Sent, np: &Np, ents: &Entities) -> Option<Side> {
        let h = np.head();
        let hw = s.lw(h);
        if np.end - np.start == 1 && is(WordClass::PersonalPronoun, hw) {
            return ents
                .resolve_pronoun(self.tok.seg, self.tok.text, s.lo + h)
                .map(|e| Side {
                    actor: Actor::Ent(e),
                    weak: true,
                });
        }
        if let Some(e) = ents.entity_at(s.lo + h) {
            let kind = ents.entities[e].kind;
            // a hyphenated compound names no actor by itself (`U.S.-Ukraine`)
            if !(s.words[h].contains('-') && kind == EntityKind::Place) {
                return Some(Side {
                    actor: Actor::Ent(e),
                    weak: false,
                });
            }
        }
        // "Chilean and Peruvian negotiators": the demonym shares the next phrase's head
        if np.end - np.start == 1
            && let Some((c, false)) = world().demonyms.get(s.words[h])
            && matches!(s.lw(np.end), "and" | "or")
            && let Some(next) = s.np_starting(np.end + 1)
            && self
                .lx
                .exact(Pos::Actor, s.lw(next.head()))
                .any(|e| e.sense == Sense::State)
        {
            return Some(Side {
                actor: Actor::Country(c.clone()),
                weak: false,
            });
        }
        // demonym nouns: "the Americans"
        if let Some((c, true)) = world().demonyms.get(s.words[h]) {
            return Some(Side {
                actor: Actor::Country(c.clone()),
                weak: false,
            });
        }
        let senses: Vec<Sense> = self.lx.exact(Pos::Actor, hw).map(|e| e.sense).collect();
        if senses.is_empty() {
            return None;
        }
        if senses.contains(&Sense::State) {
            for k in np.start..h {
                if let Some(e) = ents.entity_at(s.lo + k)
                    && self.is_country_entity(ents, e)
                {
                    return Some(Side {
                        actor: Actor::Ent(e),
                        weak: false,
                    });
                }
                if let Some(c) = self.country_of_word(s.words[k]) {
                    return Some(Side {
                        actor: Actor::Country(c),
                        weak: false,
                    });
                }
            }
        }
        Some(Side {
            actor: Actor::Group(self.group_name(s, np)),
            weak: false,
        })
    }

    /// A short name for a non-actor phrase, linked to an earlier proposal it repeats.
    fn proposal_name(&mut self, s: &Sent, np: &Np) -> Option<String> {
        let mut a = np.start;
        // skip determiners and a possessor ("Russia 's", "his")
        for k in np.start..np.end {
            if matches!(s.lw(k), "'s" | "’s") {
                a = k + 1;
            }
        }
        while a < np.head() && is(WordClass::Determiner, s.lw(a)) {
            a += 1;
        }
        if a >= np.end
            || is_time_head(s.lw(np.head()))
            || !matches!(
                s.tag[np.head()],
                Upos::Noun | Upos::Propn | Upos::Adj | Upos::Num
            )
            || is(WordClass::Determiner, s.lw(np.head()))
        {
            return None;
        }
        let hw = s.lw(np.head()).to_string();
        if world().non_proposals.contains(hw.as_str()) {
            return None;
        }
        let mut end = np.end;
        if s.lw(end) == "of"
            && let Some(n2) = s.np_starting(end + 1)
            && n2.end - n2.start <= 4
        {
            end = n2.end;
        }
        let name = s.words[a..end].join(" ");
        let is_proposal_noun = self
            .lx
            .exact(Pos::Noun, &hw)
            .any(|e| e.sense == Sense::Proposal);
        if !is_proposal_noun {
            return Some(name);
        }
        let mods: Vec<String> = (a..np.head())
            .map(|k| s.lower[k].clone())
            .filter(|m| !is(WordClass::GenericModifier, m.as_str()))
            .collect();
        let definite = matches!(s.lw(np.start), "the" | "this" | "that" | "these" | "those")
            || is(WordClass::Possessive, s.lw(np.start));
        if !mods.is_empty() || definite {
            let lo = self.proposals.len().saturating_sub(LOOKBACK);
            if let Some(p) = self.proposals[lo..]
                .iter()
                .rev()
                .find(|p| mods.iter().all(|m| p.mods.contains(m)))
            {
                return Some(p.name.clone());
            }
        }
        let mut all_mods = mods;
        all_mods.push(hw);
        self.proposals.push(KnownProposal {
            name: name.clone(),
            mods: all_mods,
        });
        Some(name)
    }

    fn np_obj(&mut self, s: &Sent, np: &Np, ents: &Entities) -> Option<(Obj, bool)> {
        if let Some(side) = self.np_actor(s, np, ents) {
            return Some((Obj::Actor(side.actor), side.weak));
        }
        if np.end - np.start == 1 && s.tag[np.start] == Upos::Pron {
            return None;
        }
        self.proposal_name(s, np).map(|n| (Obj::Proposal(n), false))
    }

    // -------------------------------------------------------------- phrase lists

    /// Noun phrases coordinated with the one starting at `i` (`A, B and C`), appositions
    /// folded in (`her counterpart, Ines Varga,` → the named one). Returns phrase
    /// indices and the token after the list.
    fn np_list(
        &self,
        s: &Sent,
        i: usize,
        ents: &Entities,
        clause_break: bool,
    ) -> (Vec<usize>, usize) {
        let mut out = Vec::new();
        let Some(first) = s.np.get(i).copied().flatten() else {
            return (out, i);
        };
        let mut cur = first;
        let mut k;
        loop {
            k = s.nps[cur].end;
            // "members of Congress": the of-phrase belongs to the item
            if s.lw(k) == "of"
                && let Some(j) = s.np.get(k + 1).copied().flatten()
                && ents.entity_at(s.lo + s.nps[cur].head()).is_none()
            {
                k = s.nps[j].end;
            }
            // apposition: an unnamed phrase followed by ", Name"
            if s.lw(k) == ","
                && let Some(j) = s.np.get(k + 1).copied().flatten()
                && s.nps[j].start == k + 1
                && ents.entity_at(s.lo + s.nps[cur].head()).is_none()
                && ents.entity_at(s.lo + s.nps[j].head()).is_some()
                && matches!(s.lw(s.nps[j].end), "," | "." | "and" | "or" | "")
            {
                cur = j;
                k = s.nps[j].end;
                if s.lw(k) == "," && matches!(s.lw(k + 1), "and" | "or") {
                    k += 1;
                }
            }
            out.push(cur);
            let mut n = k;
            if s.lw(n) == "," {
                n += 1;
            }
            let conj = matches!(s.lw(n), "and" | "or");
            if conj {
                n += 1;
            }
            if !conj && s.lw(k) != "," {
                break;
            }
            if s.lw(n) == "other" || s.lw(n) == "also" {
                // "and other leaders" is still the list
            }
            match s.np.get(n).copied().flatten() {
                // "… and Howard may …": the subject of a new clause
                Some(j)
                    if clause_break
                        && s.nps[j].start == n
                        && s.tag
                            .get(s.nps[j].end)
                            .is_some_and(|t| matches!(t, Upos::Verb | Upos::Aux)) =>
                {
                    break;
                }
                Some(j) if s.nps[j].start == n && j != cur => {
                    // "A, B" without a conjunction only continues before a later "and"
                    if !conj
                        && !(s.nps[j].end..s.n().min(s.nps[j].end + 6)).any(|q| s.lw(q) == "and")
                    {
                        break;
                    }
                    cur = j;
                }
                _ => break,
            }
        }
        (out, k)
    }

    // -------------------------------------------------------------- verbs

    /// The auxiliary chain before token `v`: (first token, negated, modal, passive-be).
    fn aux_chain(&self, s: &Sent, v: usize) -> (usize, bool, bool, bool) {
        let mut k = v;
        let (mut neg, mut modal, mut be) = (false, false, false);
        let mut nearest = true;
        while k > 0 {
            let p = k - 1;
            let w = s.lw(p);
            let t = s.tag[p];
            let is_aux = t == Upos::Aux
                || matches!(w, "not" | "n't" | "never")
                || (t == Upos::Adv && !matches!(w, "then" | "where" | "when" | "again"));
            if !is_aux {
                break;
            }
            match w {
                "not" | "n't" | "never" | "cannot" => neg = true,
                "will" | "would" | "'ll" | "may" | "might" | "could" | "can" | "shall"
                | "should" => modal = true,
                _ => {}
            }
            if w == "cannot" || w == "won't" {
                neg = true;
                modal = true;
            }
            if t == Upos::Aux && nearest {
                nearest = false;
                be = s.is_be(p) || matches!(w, "get" | "got" | "gets");
            }
            k = p;
        }
        (k, neg, modal, be)
    }

    /// Is the predicate at `v` under a modal of possibility (would, could, might, may)?
    fn conditional_modal(&self, s: &Sent, v: usize) -> bool {
        let (first, _, _, _) = self.aux_chain(s, v);
        (first..v).any(|k| {
            matches!(
                s.lw(k),
                "would" | "could" | "might" | "may" | "should" | "can" | "'d"
            )
        })
    }

    /// Is token `v` inside an if/unless/whether clause?
    fn hypothetical(&self, s: &Sent, v: usize) -> bool {
        let mut k = v;
        while k > 0 {
            k -= 1;
            match s.lw(k) {
                "," | ";" | ":" => return false,
                "if" | "unless" | "whether" | "lest" => return true,
                _ => {}
            }
        }
        false
    }

    /// The subject phrases of a predicate whose first token (auxiliaries included) is
    /// `at`. `participle` lets an `-ing` form take the phrase right before it even after
    /// a preposition (`with critics accusing X`).
    fn subject_nps(&self, s: &Sent, at: usize, participle: bool, adj: bool) -> Vec<usize> {
        let mut k = at;
        let mut steps = 0;
        let mut first = true;
        while k > 0 && steps < 60 {
            steps += 1;
            let p = k - 1;
            let w = s.lw(p);
            let t = s.tag[p];
            if t == Upos::Adv && !matches!(w, "where" | "when") {
                k = p;
                continue;
            }
            if adj
                && (t == Upos::Aux
                    || matches!(w, "while" | "although" | "though")
                    || (w == "," && first && k < at + 2 && k != at))
            {
                k = p;
                continue;
            }
            if matches!(w, "who" | "which" | "that") && t != Upos::Det {
                k = p;
                if s.lw(k.saturating_sub(1)) == "," {
                    k -= 1;
                }
                first = false;
                continue;
            }
            if let Some(j) = s.np[p] {
                let np = &s.nps[j];
                if is_time_head(s.lw(np.head())) {
                    k = np.start;
                    continue;
                }
                let before = np.start.checked_sub(1);
                let in_pp = before.is_some_and(|b| s.tag[b] == Upos::Adp);
                if in_pp && !(participle && first) {
                    k = before.unwrap_or(0);
                    first = false;
                    continue;
                }
                // "members of Congress": go to the head phrase of an of-phrase
                let mut out = vec![j];
                let mut b = np.start;
                loop {
                    let mut q = b;
                    if q == 0 {
                        break;
                    }
                    let cw = s.lw(q - 1);
                    if cw != "and" && cw != "or" && cw != "," {
                        break;
                    }
                    q -= 1;
                    if q > 0 && s.lw(q - 1) == "," {
                        q -= 1;
                    }
                    match q.checked_sub(1).and_then(|r| s.np[r]) {
                        Some(j2) if s.nps[j2].end == q => {
                            let before2 = s.nps[j2].start.checked_sub(1);
                            if before2.is_some_and(|b2| s.tag[b2] == Upos::Adp) {
                                break;
                            }
                            out.push(j2);
                            b = s.nps[j2].start;
                        }
                        _ => break,
                    }
                }
                out.reverse();
                return out;
            }
            first = false;
            if w == "," {
                // a parenthetical or apposition between commas: skip it
                let Some(c) = (0..p).rev().take(30).find(|&q| s.lw(q) == ",") else {
                    return Vec::new();
                };
                let seg_start = c + 1;
                let opener = s.lw(seg_start);
                let appositive = (seg_start..p)
                    .all(|q| s.np[q].is_some() || matches!(s.lw(q), "and" | "of" | "'s" | "’s"));
                if matches!(
                    opener,
                    "who"
                        | "which"
                        | "while"
                        | "although"
                        | "though"
                        | "including"
                        | "whose"
                        | "like"
                        | "during"
                ) || appositive
                {
                    k = c;
                    continue;
                }
                return Vec::new();
            }
            // a reduced relative: "A draft leaked last month was denounced"
            if t == Upos::Verb
                && (w.ends_with("ed") || w.ends_with("en"))
                && p > 0
                && s.np[p - 1].is_some()
            {
                k = p;
                continue;
            }
            return Vec::new();
        }
        Vec::new()
    }

    /// The actors a predicate at `v` has as subject, following to-infinitive control and
    /// indefinite subjects. Returns (subjects, extra negation, planned, weak).
    fn subjects(
        &self,
        s: &Sent,
        v: usize,
        ents: &Entities,
        depth: usize,
    ) -> (Vec<Side>, bool, bool, bool) {
        let (first, neg, modal, _) = self.aux_chain(s, v);
        // to-infinitive: the controller's subject
        if first > 0 && s.lw(first - 1) == "to" && depth < 4 {
            let mut c = first - 1;
            while c > 0 && s.tag[c - 1] == Upos::Adv {
                c -= 1;
            }
            if c == 0 {
                return (Vec::new(), neg, modal, false);
            }
            let ctl = c - 1;
            let Some(sense) = self.controller(s, ctl) else {
                return (Vec::new(), neg, modal, false);
            };
            let (subj, cneg, cplan, weak) = self.subjects(s, ctl, ents, depth + 1);
            let negated = neg || cneg || matches!(sense, Sense::Negate | Sense::Stance(_));
            let planned = modal || cplan || sense == Sense::Plan;
            return (subj, negated, planned, weak);
        }
        let participle = first == v && s.lw(v).ends_with("ing");
        // "…, accusing X": a participle after a comma takes the main clause's subject
        if participle && first > 0 && s.lw(first - 1) == "," && depth < 4 {
            if let Some(m) = (0..first - 1).find(|&q| matches!(s.tag[q], Upos::Verb | Upos::Aux)) {
                let (subj, _, _, weak) = self.subjects(s, m, ents, depth + 1);
                return (subj, neg, modal, weak);
            }
            return (Vec::new(), neg, modal, false);
        }
        let adj = s.tag[v] == Upos::Adj;
        let nps = self.subject_nps(s, first, participle, adj);
        let mut out = Vec::new();
        let mut weak = false;
        for j in nps {
            let np = &s.nps[j];
            if np.end - np.start == 1 && is(WordClass::IndefiniteSubject, s.lw(np.start)) {
                // "with one questioning …": one of the main clause's subjects
                if depth < 4
                    && let Some(m) =
                        (0..np.start).find(|&q| matches!(s.tag[q], Upos::Verb | Upos::Aux))
                {
                    let (subj, _, _, _) = self.subjects(s, m, ents, depth + 1);
                    out.extend(subj);
                    weak = true;
                }
                continue;
            }
            if let Some(side) = self.np_actor(s, np, ents) {
                weak |= side.weak;
                out.push(side);
            }
        }
        (out, neg, modal, weak)
    }

    /// The sense of a controller (verb or adjective before `to`) at `c`.
    fn controller(&self, s: &Sent, c: usize) -> Option<Sense> {
        let w = s.lw(c);
        let from_adj = self
            .lx
            .exact(Pos::Adj, w)
            .find(|e| e.allows("to"))
            .map(|e| e.sense);
        if from_adj.is_some() {
            return from_adj;
        }
        if matches!(s.tag[c], Upos::Verb | Upos::Aux) {
            return self
                .lx
                .verb(w)
                .into_iter()
                .find(|e| e.allows("to"))
                .map(|e| e.sense);
        }
        None
    }

    /// Does the entry's particle list match after `v`? Returns the token after them.
    fn particles(&self, s: &Sent, v: usize, e: &Entry) -> Option<usize> {
        let mut k = v + 1;
        for p in &e.particles {
            while s.tag.get(k) == Some(&Upos::Adv) && s.lw(k) != *p {
                k += 1;
            }
            if s.lw(k) != *p {
                return None;
            }
            k += 1;
        }
        Some(k)
    }

    /// The clause after `that` at `i`: (subject phrase, negated, verb, token after verb).
    fn clause(&self, s: &Sent, i: usize) -> Option<(usize, bool, usize)> {
        let j = s.np.get(i).copied().flatten()?;
        if s.nps[j].start != i {
            return None;
        }
        let mut k = s.nps[j].end;
        let mut neg = false;
        while k < s.n() && matches!(s.tag[k], Upos::Aux | Upos::Adv | Upos::Part) {
            neg |= matches!(s.lw(k), "not" | "n't" | "never" | "cannot");
            k += 1;
        }
        (k < s.n() && s.tag[k] == Upos::Verb).then_some((j, neg, k))
    }

    /// A gerund phrase for a clause: "Ukraine will never join NATO" → "Ukraine joining NATO".
    fn gerund_name(&self, s: &Sent, subj: usize, v: usize) -> String {
        let np = &s.nps[subj];
        let mut a = np.start;
        while a < np.head() && is(WordClass::Determiner, s.lw(a)) {
            a += 1;
        }
        let mut parts: Vec<String> = s.words[a..np.end].iter().map(|w| w.to_string()).collect();
        let lemma = self
            .lx
            .verb(s.lw(v))
            .first()
            .map(|e| e.lemma.clone())
            .unwrap_or_else(|| s.lw(v).trim_end_matches('s').to_string());
        let stem = lemma
            .strip_suffix('e')
            .filter(|x| !x.ends_with('e'))
            .unwrap_or(&lemma);
        parts.push(format!("{stem}ing"));
        let end = self.vp_end(s, v + 1);
        parts.extend(s.words[v + 1..end].iter().map(|w| w.to_string()));
        parts.join(" ")
    }

    /// Where a verb phrase's complement ends: at a comma, conjunction + verb, relative
    /// pronoun or after 10 tokens.
    fn vp_end(&self, s: &Sent, from: usize) -> usize {
        let mut k = from;
        while k < s.n() && k < from + 10 {
            let w = s.lw(k);
            if matches!(
                w,
                "," | ";" | ":" | "." | "that" | "which" | "who" | "as" | "because"
            ) || s.tag[k] == Upos::Punct
                || s.tag[k] == Upos::Aux
                || (k > from && s.tag[k] == Upos::Verb && !matches!(s.lw(k - 1), "to" | "and"))
                || (w == "and" && s.tag.get(k + 1).is_some_and(|t| *t == Upos::Verb))
            {
                break;
            }
            k += 1;
        }
        k
    }

    /// Objects of a verb or adjective predicate at `v` (after its particles at `after`).
    /// Returns (objects, weak).
    fn objects(&mut self, s: &Sent, e: &Entry, after: usize, ents: &Entities) -> Vec<(Obj, bool)> {
        let mut k = after;
        while k < s.n() && s.tag[k] == Upos::Adv && s.np[k].is_none() {
            k += 1;
        }
        let w = s.lw(k).to_string();
        let relation = match e.sense {
            Sense::Stance(r) => Some(r),
            _ => None,
        };
        // a that-clause
        if w == "that" && e.allows("that") {
            if let Some((j, _, _)) = self.clause(s, k + 1) {
                let np = &s.nps[j];
                if let Some(o) = self.np_obj(s, np, ents) {
                    return vec![o];
                }
            }
            return Vec::new();
        }
        // a preposition
        if s.tag.get(k) == Some(&Upos::Adp) || matches!(w.as_str(), "with" | "of" | "about") {
            if !e.allows(&w) {
                // "met in Geneva": no object
                return Vec::new();
            }
            k += 1;
        } else if !e.allows("-") {
            return Vec::new();
        }
        // a gerund: "proposed holding the next round of talks" names a proposal
        if s.tag.get(k) == Some(&Upos::Verb) && s.lw(k).ends_with("ing") {
            if relation == Some(Stance::Criticized) || relation == Some(Stance::MetWith) {
                return Vec::new();
            }
            let end = match s.np_starting(k + 1) {
                Some(np) => {
                    let mut end = np.end;
                    if s.lw(end) == "of"
                        && let Some(n2) = s.np_starting(end + 1)
                    {
                        end = n2.end;
                    }
                    end
                }
                None => k + 1,
            };
            let name = s.words[k..end].join(" ");
            return vec![(Obj::Proposal(name), false)];
        }
        let (list, end) = self.np_list(s, k, ents, true);
        // "called for him to go": the object is an event, not the actor
        if s.lw(end) == "to"
            && s.tag.get(end + 1) == Some(&Upos::Verb)
            && !matches!(
                relation,
                Some(Stance::Warned) | Some(Stance::Criticized) | Some(Stance::MetWith)
            )
        {
            return Vec::new();
        }
        // "proposing the parties end the war": a clause, not an object
        if relation != Some(Stance::Warned)
            && s.tag
                .get(end)
                .is_some_and(|t| matches!(t, Upos::Verb | Upos::Aux))
            && !s.lw(end).ends_with("ing")
        {
            return Vec::new();
        }
        let mut out = Vec::new();
        for j in list {
            let np = &s.nps[j];
            // criticism is of actors: look through "the mandate of a negotiator like X"
            if relation == Some(Stance::Criticized) || relation == Some(Stance::MetWith) {
                if let Some(side) = self.np_actor(s, np, ents) {
                    out.push((Obj::Actor(side.actor), side.weak));
                    continue;
                }
                if relation == Some(Stance::Criticized) {
                    let stop = (np.end..s.n().min(np.end + 10))
                        .find(|&q| matches!(s.lw(q), "," | ";" | ".") || s.tag[q] == Upos::Verb)
                        .unwrap_or(s.n().min(np.end + 10));
                    if let Some(side) = (np.end..stop)
                        .filter_map(|q| s.np_starting(q))
                        .find_map(|n2| self.np_actor(s, n2, ents))
                    {
                        out.push((Obj::Actor(side.actor), true));
                        break;
                    }
                }
                continue;
            }
            if let Some(o) = self.np_obj(s, np, ents) {
                out.push(o);
            }
        }
        out
    }

    // -------------------------------------------------------------- facts

    fn sentence_facts(&mut self, s: &Sent, ents: &mut Actors, out: &mut Vec<Fact>) {
        let lx = self.lx;
        for i in 0..s.n() {
            let w = s.lower[i].as_str();
            match s.tag[i] {
                Upos::Verb => {
                    for e in lx.verb(w) {
                        if let Some(after) = self.particles(s, i, e) {
                            self.verb_predicate(s, i, after, e, ents, out);
                            break;
                        }
                    }
                }
                Upos::Noun => {
                    for e in lx.exact(Pos::Noun, w) {
                        match e.sense {
                            Sense::Meeting => self.nominal_meeting(s, i, ents, out),
                            Sense::Proposal if e.allows("-") => {
                                self.nominal_proposal(s, i, ents, out)
                            }
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
            for e in lx.exact(Pos::Adj, w) {
                if let Some(after) = self.particles(s, i, e) {
                    self.adj_predicate(s, i, after, e, ents, out);
                    break;
                }
            }
            if w == "if" {
                self.conditional_threat(s, i, ents, out);
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn push_rels(
        &self,
        out: &mut Vec<Fact>,
        subjects: &[Side],
        objects: &[(Obj, bool)],
        relation: Stance,
        cue: &str,
        confidence: f32,
        status: Status,
    ) {
        for sd in subjects {
            for (o, weak) in objects {
                if let Obj::Actor(a) = o
                    && *a == sd.actor
                {
                    continue;
                }
                let mut c = confidence;
                if sd.weak {
                    c -= 0.15;
                }
                if *weak {
                    c -= 0.1;
                }
                if matches!(sd.actor, Actor::Group(_)) {
                    c -= 0.05;
                }
                if matches!(o, Obj::Proposal(_)) {
                    c -= 0.05;
                }
                out.push(Fact::Rel {
                    subj: sd.clone(),
                    obj: o.clone(),
                    relation,
                    cue: cue.to_string(),
                    confidence: c.clamp(0.05, 1.0),
                    status,
                });
            }
        }
    }

    fn verb_predicate(
        &mut self,
        s: &Sent,
        v: usize,
        after: usize,
        e: &Entry,
        ents: &mut Actors,
        out: &mut Vec<Fact>,
    ) {
        if self.hypothetical(s, v) {
            return;
        }
        let (first, _, _, be) = self.aux_chain(s, v);
        let (mut subj, negated, planned, _) = self.subjects(s, v, ents, 0);
        if negated {
            return;
        }
        // "would reject", "could back": a possibility, not a stance (meetings stay planned)
        if e.sense != Sense::Stance(Stance::MetWith) && self.conditional_modal(s, v) {
            return;
        }
        let status = if planned {
            Status::Planned
        } else {
            Status::Held
        };
        let cue = s.words[v..after].join(" ");
        let passive = be && !s.lw(v).ends_with("ing");
        // a reduced passive: "the plan, backed by France,"
        let reduced_passive = first == v && s.lw(v).ends_with("ed") && s.lw(after) == "by";
        match e.sense {
            Sense::Stance(relation) => {
                // "refused to X": the embedded predicate is negated (it checks its
                // controller); a non-relation X is what is opposed
                if s.lw(after) == "to" && e.allows("to") {
                    let vv = after + 1;
                    if s.tag.get(vv) == Some(&Upos::Verb)
                        && relation == Stance::Opposes
                        && !world().cues.contains_key(s.lw(vv))
                        && !matches!(s.lw(vv), "comment" | "discuss" | "speculate" | "answer")
                        && self
                            .lx
                            .verb(s.lw(vv))
                            .iter()
                            .all(|x| !matches!(x.sense, Sense::Stance(_) | Sense::Demand))
                    {
                        let end = self.vp_end(s, vv + 1);
                        let name = s.words[vv..end].join(" ");
                        let conf = if passive { 0.6 } else { 0.7 };
                        self.push_rels(
                            out,
                            &subj,
                            &[(Obj::Proposal(name), false)],
                            relation,
                            &cue,
                            conf,
                            status,
                        );
                    }
                    return;
                }
                let mut conf = 0.85;
                let objects;
                if passive || reduced_passive {
                    // the grammatical subject is the object; the agent follows "by"
                    let mut k = after;
                    while s.tag.get(k) == Some(&Upos::Adv) {
                        k += 1;
                    }
                    if s.lw(k) != "by" {
                        return;
                    }
                    let (agents, _) = self.np_list(s, k + 1, ents, true);
                    let patients: Vec<usize> = if reduced_passive {
                        let mut q = v;
                        if q > 0 && s.lw(q - 1) == "," {
                            q -= 1;
                        }
                        q.checked_sub(1).and_then(|r| s.np[r]).into_iter().collect()
                    } else {
                        self.subject_nps(s, first, false, false)
                    };
                    let mut objs = Vec::new();
                    for j in patients {
                        let np = &s.nps[j];
                        if let Some(o) = self.np_obj(s, np, ents) {
                            objs.push(o);
                        }
                    }
                    subj = agents
                        .iter()
                        .filter_map(|&j| self.np_actor(s, &s.nps[j], ents))
                        .collect();
                    objects = objs;
                    conf = 0.8;
                } else {
                    objects = self.objects(s, e, after, ents);
                }
                if relation == Stance::MetWith {
                    // "met his future wife X": a first encounter, not talks
                    let kin = (after..(after + 4).min(s.words.len())).any(|k| {
                        crate::lexicon::lexicon().title(s.lw(k))
                            == Some(crate::lexicon::TitleClass::Kin)
                    });
                    if kin && is(WordClass::Possessive, s.lw(after)) {
                        return;
                    }
                    self.verbal_meeting(s, v, after, &subj, &objects, status, ents, out);
                    return;
                }
                let objects: Vec<(Obj, bool)> = objects
                    .into_iter()
                    .filter(|(o, _)| relation != Stance::Criticized || matches!(o, Obj::Actor(_)))
                    .collect();
                self.push_rels(out, &subj, &objects, relation, &cue, conf, status);
            }
            Sense::Demand => {
                // the content: "insist on a pledge that C", "demanded that C"
                let mut k = after;
                if s.lw(k) == "on" {
                    k += 1;
                    if let Some(np) = s.np_starting(k) {
                        k = np.end;
                    }
                }
                if s.lw(k) != "that" {
                    return;
                }
                let Some((cs, cneg, cv)) = self.clause(s, k + 1) else {
                    return;
                };
                let name = self.gerund_name(s, cs, cv);
                if cneg {
                    self.push_rels(
                        out,
                        &subj,
                        &[(Obj::Proposal(name), false)],
                        Stance::Opposes,
                        &cue,
                        0.6,
                        status,
                    );
                } else {
                    // a demand names a position later phrases may refer to
                    let np = &s.nps[cs];
                    let a = (np.start..np.head())
                        .find(|&q| !is(WordClass::Determiner, s.lw(q)))
                        .unwrap_or(np.start);
                    let end = self.vp_end(s, cv + 1);
                    let name = format!(
                        "{} {}",
                        s.words[a..np.end].join(" "),
                        s.words[cv..end].join(" ")
                    );
                    self.proposals.push(KnownProposal {
                        name,
                        mods: Vec::new(),
                    });
                }
            }
            _ => {}
        }
    }

    fn adj_predicate(
        &mut self,
        s: &Sent,
        a: usize,
        after: usize,
        e: &Entry,
        ents: &mut Actors,
        out: &mut Vec<Fact>,
    ) {
        let Sense::Stance(relation) = e.sense else {
            return;
        };
        if self.hypothetical(s, a) {
            return;
        }
        // an adjective predicate follows a copula, "while" or a comma
        let mut p = a;
        while p > 0 && s.tag[p - 1] == Upos::Adv {
            p -= 1;
        }
        let Some(prev) = p.checked_sub(1) else {
            return;
        };
        if !(s.is_be(prev) || matches!(s.lw(prev), "while" | "," | "although" | "though")) {
            return;
        }
        let (first, neg, modal, _) = self.aux_chain(s, p);
        let _ = first;
        if neg {
            return;
        }
        let nps = self.subject_nps(s, p, false, true);
        let subj: Vec<Side> = nps
            .iter()
            .filter_map(|&j| self.np_actor(s, &s.nps[j], ents))
            .collect();
        let status = if modal { Status::Planned } else { Status::Held };
        let cue = s.words[a..after].join(" ");
        let w = s.lw(after).to_string();
        if w == "to" && s.tag.get(after + 1) == Some(&Upos::Verb) {
            if !e.allows("to") {
                return;
            }
            let vv = after + 1;
            if self
                .lx
                .verb(s.lw(vv))
                .iter()
                .any(|x| matches!(x.sense, Sense::Stance(_) | Sense::Demand))
            {
                return; // "unwilling to meet": the embedded verb is negated
            }
            let end = self.vp_end(s, vv + 1);
            let name = s.words[vv..end].join(" ");
            self.push_rels(
                out,
                &subj,
                &[(Obj::Proposal(name), false)],
                relation,
                &cue,
                0.7,
                status,
            );
            return;
        }
        let objects = self.objects(s, e, after, ents);
        self.push_rels(out, &subj, &objects, relation, &cue, 0.75, status);
    }

    /// Place and time phrases after a meeting predicate, split into one item per event
    /// (`in Geneva and again this past weekend in Florida`).
    fn meeting_details(
        &self,
        s: &Sent,
        from: usize,
        status: Status,
        ents: &Entities,
    ) -> Vec<MeetingInfo> {
        let mut items = vec![MeetingInfo::default()];
        let planned = status == Status::Planned;
        let mut k = from;
        let limit = s.n().min(from + 25);
        while k < limit {
            let w = s.lw(k);
            if matches!(
                w,
                ";" | "." | "to" | "because" | "after" | "before" | "where"
            ) || matches!(s.tag[k], Upos::Verb | Upos::Aux)
            {
                break;
            }
            if w == "again" {
                let cur = items.last().expect("one item");
                if cur.place.is_some() || cur.when.is_some() {
                    items.push(MeetingInfo::default());
                }
                k += 1;
                continue;
            }
            if let Some(t) = dates::time_at(&s.words, k, self.published, planned) {
                let cur = items.last_mut().expect("one item");
                if cur.when.is_none() {
                    cur.when = Some(t.when);
                    cur.date = t.date;
                }
                k += t.len;
                continue;
            }
            if matches!(w, "in" | "at")
                && let Some(e) = ents.entity_at(s.lo + k + 1)
                && ents.entities[e].kind == EntityKind::Place
            {
                let cur = items.last_mut().expect("one item");
                if cur.place.is_none() {
                    cur.place = Some(e);
                }
                k += 1;
                while k < limit && ents.entity_at(s.lo + k) == Some(e) {
                    k += 1;
                }
                continue;
            }
            k += 1;
        }
        // time before the predicate: "On Tuesday, X met Y"
        if items.len() == 1 && items[0].when.is_none() {
            for q in 0..from.min(s.n()) {
                if matches!(
                    s.lw(q),
                    "on" | "in" | "last" | "this" | "earlier" | "yesterday"
                ) && let Some(t) = dates::time_at(&s.words, q, self.published, planned)
                    && !t.when.chars().next().is_some_and(|c| c.is_ascii_digit())
                {
                    items[0].when = Some(t.when);
                    items[0].date = t.date;
                    break;
                }
            }
        }
        items
    }

    #[allow(clippy::too_many_arguments)]
    fn verbal_meeting(
        &mut self,
        s: &Sent,
        v: usize,
        after: usize,
        subj: &[Side],
        objects: &[(Obj, bool)],
        status: Status,
        ents: &Entities,
        out: &mut Vec<Fact>,
    ) {
        let cue = s.words[v..after].join(" ");
        let objs: Vec<Side> = objects
            .iter()
            .filter_map(|(o, weak)| match o {
                Obj::Actor(a) => Some(Side {
                    actor: a.clone(),
                    weak: *weak,
                }),
                Obj::Proposal(_) => None,
            })
            .collect();
        // where the place and time phrases start: after the objects
        let mut from = after;
        while from < s.n()
            && (s.np[from].is_some() || matches!(s.lw(from), "with" | "and" | "," | "'s"))
            && !matches!(s.lw(from), "in" | "on" | "at")
        {
            if dates::time_at(&s.words, from, self.published, status == Status::Planned).is_some() {
                break;
            }
            from += 1;
        }
        let details = self.meeting_details(s, from, status, ents);
        let groups: Vec<Vec<Side>> = if objs.is_empty() {
            // co-subjects met each other only when no object follows ("A and B met in X")
            let mut k = after;
            while s.tag.get(k) == Some(&Upos::Adv) {
                k += 1;
            }
            let object_follows = s.np_starting(k).is_some()
                && dates::time_at(&s.words, k, self.published, false).is_none();
            if subj.len() < 2 || object_follows || !objects.is_empty() {
                return;
            }
            vec![subj.to_vec()]
        } else {
            objs.iter()
                .map(|o| {
                    let mut g = subj.to_vec();
                    g.push(o.clone());
                    g
                })
                .collect()
        };
        for g in &groups {
            let weak = g.iter().any(|x| x.weak);
            // one met-with per pair: subjects with each object, or co-subjects with each
            // other when no object is named ("A and B met")
            let firsts = if objs.is_empty() { g.len() } else { subj.len() };
            for (a, sa) in g.iter().enumerate().take(firsts) {
                for sb in &g[(a + 1).max(if objs.is_empty() { 0 } else { subj.len() })..] {
                    if sa.actor == sb.actor {
                        continue;
                    }
                    let mut c = 0.85;
                    if sa.weak || sb.weak {
                        c -= 0.15;
                    }
                    out.push(Fact::Rel {
                        subj: sa.clone(),
                        obj: Obj::Actor(sb.actor.clone()),
                        relation: Stance::MetWith,
                        cue: cue.clone(),
                        confidence: c,
                        status,
                    });
                }
            }
            for d in &details {
                out.push(Fact::Meeting {
                    parts: g.clone(),
                    info: d.clone(),
                    status,
                    confidence: if weak { 0.65 } else { 0.8 },
                });
            }
        }
    }

    /// `talks between X and Y`, `X's meeting with Y`, `U.S.-Ukraine negotiations`,
    /// `held talks with Y` (the holder is the clause's subject).
    fn nominal_meeting(&mut self, s: &Sent, i: usize, ents: &mut Actors, out: &mut Vec<Fact>) {
        if self.hypothetical(s, i) {
            return;
        }
        let Some(np) = s.np_at(i) else { return };
        if np.head() != i {
            return;
        }
        let mut side_a: Vec<Side> = Vec::new();
        let mut place = None;
        let push = |v: &mut Vec<Side>, a: Actor| {
            if !v.iter().any(|x| x.actor == a) {
                v.push(Side {
                    actor: a,
                    weak: false,
                });
            }
        };
        let mut planned = false;
        for k in np.start..i {
            let w = s.words[k];
            if matches!(
                s.lw(k),
                "next" | "upcoming" | "planned" | "future" | "proposed"
            ) {
                planned = true;
            }
            let hy = self.hyphen_countries(w);
            if !hy.is_empty() {
                for c in hy {
                    push(&mut side_a, Actor::Country(c));
                }
                continue;
            }
            if let Some(e) = ents.entity_at(s.lo + k) {
                let en = &ents.entities[e];
                if en.kind == EntityKind::Place && !self.is_country_entity(ents, e) {
                    place = Some(e);
                } else {
                    push(&mut side_a, Actor::Ent(e));
                }
                continue;
            }
            if is(WordClass::Possessive, s.lw(k))
                && k == np.start
                && let Some(e) = ents.resolve_pronoun(self.tok.seg, self.tok.text, s.lo + k)
            {
                push(&mut side_a, Actor::Ent(e));
                continue;
            }
            if let Some((c, false)) = world().demonyms.get(w) {
                push(&mut side_a, Actor::Country(c.clone()));
            }
        }
        // after the noun: "in Abu Dhabi", "between A and B", "with B"
        let mut with: Vec<Side> = Vec::new();
        let mut between = false;
        let mut k = i + 1;
        let limit = s.n().min(i + 16);
        while k < limit {
            let w = s.lw(k);
            if matches!(w, "in" | "at")
                && let Some(e) = ents.entity_at(s.lo + k + 1)
                && ents.entities[e].kind == EntityKind::Place
            {
                place.get_or_insert(e);
                k += 1;
                while k < limit && ents.entity_at(s.lo + k) == Some(e) {
                    k += 1;
                }
                continue;
            }
            if matches!(w, "between" | "with" | "among") {
                let (list, end) = self.np_list(s, k + 1, ents, w == "with");
                for j in list {
                    if let Some(side) = self.np_actor(s, &s.nps[j], ents) {
                        if w == "with" {
                            with.push(side);
                        } else {
                            between = true;
                            push(&mut side_a, side.actor);
                        }
                    }
                }
                k = end.max(k + 1);
                continue;
            }
            if dates::time_at(&s.words, k, self.published, planned).is_some() {
                k += 1;
                continue;
            }
            break;
        }
        let _ = between;
        let mut weak = false;
        if !with.is_empty() && side_a.is_empty() {
            // the one who holds the talks: the governing verb's subject, else the
            // subject of the main clause after a fronted phrase
            let gov = (0..np.start)
                .rev()
                .find(|&q| matches!(s.tag[q], Upos::Verb))
                .filter(|&q| !(q..np.start).any(|r| s.lw(r) == ","));
            let mut subj = Vec::new();
            if let Some(g) = gov {
                subj = self.subjects(s, g, ents, 0).0;
            }
            if subj.is_empty()
                && let Some(c) = (k..s.n()).find(|&q| s.lw(q) == ",")
                && let Some(m) = (c..s.n()).find(|&q| matches!(s.tag[q], Upos::Verb | Upos::Aux))
            {
                subj = self.subjects(s, m, ents, 0).0;
            }
            side_a = subj;
            weak = true;
        }
        // "A and B held talks (in X)": the co-subjects of a light verb met each other
        if side_a.is_empty() && with.is_empty() {
            let gov = (0..np.start)
                .rev()
                .find(|&q| matches!(s.tag[q], Upos::Verb))
                .filter(|&q| np.start - q <= 2 && is(WordClass::LightMeetingVerb, s.lw(q)));
            if let Some(g) = gov {
                let subj = self.subjects(s, g, ents, 0).0;
                if subj.len() >= 2 {
                    side_a = subj;
                    weak = true;
                }
            }
        }
        if side_a.is_empty() {
            return;
        }
        let status = if planned {
            Status::Planned
        } else {
            Status::Held
        };
        let mut details = self.meeting_details(s, i + 1, status, ents);
        for d in &mut details {
            d.place = d.place.or(place);
        }
        let groups: Vec<Vec<Side>> = if with.is_empty() {
            vec![side_a]
        } else {
            with.iter()
                .map(|w| {
                    let mut g = side_a.clone();
                    if !g.iter().any(|x| x.actor == w.actor) {
                        g.push(w.clone());
                    }
                    g
                })
                .collect()
        };
        let cue = s.words[i].to_string();
        for g in groups {
            if g.len() < 2 {
                continue;
            }
            for (a, sa) in g.iter().enumerate() {
                for sb in &g[a + 1..] {
                    out.push(Fact::Rel {
                        subj: sa.clone(),
                        obj: Obj::Actor(sb.actor.clone()),
                        relation: Stance::MetWith,
                        cue: cue.clone(),
                        confidence: if weak { 0.55 } else { 0.65 },
                        status,
                    });
                }
            }
            out.push(Fact::Meeting {
                parts: g,
                info: details[0].clone(),
                status,
                confidence: if weak { 0.55 } else { 0.65 },
            });
        }
    }

    /// `the U.S. peace plan`, `Russia's proposal`, `his bid`: the possessor or national
    /// modifier proposed it.
    fn nominal_proposal(&mut self, s: &Sent, i: usize, ents: &mut Actors, out: &mut Vec<Fact>) {
        let Some(np) = s.np_at(i) else { return };
        if np.head() != i {
            return;
        }
        let mut who: Option<Side> = None;
        for k in np.start..i {
            if let Some(e) = ents.entity_at(s.lo + k) {
                let en = &ents.entities[e];
                if en.kind != EntityKind::Place || self.is_country_entity(ents, e) {
                    who = Some(Side {
                        actor: Actor::Ent(e),
                        weak: false,
                    });
                }
            } else if k == np.start
                && is(WordClass::Possessive, s.lw(k))
                && s.lw(k) != "its"
                && let Some(e) = ents.resolve_pronoun(self.tok.seg, self.tok.text, s.lo + k)
            {
                who = Some(Side {
                    actor: Actor::Ent(e),
                    weak: true,
                });
            } else if let Some((c, false)) = world().demonyms.get(s.words[k]) {
                who = Some(Side {
                    actor: Actor::Country(c.clone()),
                    weak: false,
                });
            }
        }
        let Some(who) = who else { return };
        let Some(name) = self.proposal_name(s, np) else {
            return;
        };
        self.push_rels(
            out,
            &[who],
            &[(Obj::Proposal(name), false)],
            Stance::Proposed,
            s.words[i],
            0.6,
            Status::Held,
        );
    }

    /// `X stated that if Y refuses …, Z will …` → X warned Y; without a speaker, Z warned Y.
    fn conditional_threat(&mut self, s: &Sent, i: usize, ents: &mut Actors, out: &mut Vec<Fact>) {
        let Some(cnp) = s.np_starting(i + 1) else {
            return;
        };
        let Some(target) = self.np_actor(s, cnp, ents) else {
            return;
        };
        let Some(comma) = (i..s.n().min(i + 25)).find(|&q| s.lw(q) == ",") else {
            return;
        };
        // the consequence: a subject, then will/would
        let Some(bnp) = s.np_starting(comma + 1) else {
            return;
        };
        let mut k = bnp.end;
        let mut modal = false;
        while k < s.n() && matches!(s.tag[k], Upos::Aux | Upos::Adv) {
            modal |= matches!(s.lw(k), "will" | "would" | "'ll");
            k += 1;
        }
        // a consequence that acts: not "would be", "will have"
        if !modal || matches!(s.lw(k), "be" | "have" | "become") {
            return;
        }
        let cues = &world().cues;
        let speaker_verb = (0..i).rev().find(|&q| {
            matches!(s.tag[q], Upos::Verb) && cues.contains_key(s.lw(q))
                || self
                    .lx
                    .verb(s.lw(q))
                    .iter()
                    .any(|e| e.sense == Sense::Stance(Stance::Warned))
        });
        let warner: Vec<Side> = match speaker_verb {
            Some(q) => self.subjects(s, q, ents, 0).0,
            None => self.np_actor(s, bnp, ents).into_iter().collect(),
        };
        let cue = s.words[i].to_string();
        self.push_rels(
            out,
            &warner,
            &[(Obj::Actor(target.actor), target.weak)],
            Stance::Warned,
            &cue,
            0.55,
            Status::Held,
        );
    }

    // -------------------------------------------------------------- output

    fn entity(&mut self, a: &Actor, ents: &mut Actors) -> ActorRef {
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

    fn emit(
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
                        (Target::Entity(t), format!("e{t:?}"))
                    }
                    Obj::Proposal(p) => {
                        let key = format!("p{}", p.to_lowercase());
                        (Target::Proposal(p), key)
                    }
                };
                if target == Target::Entity(source) {
                    return;
                }
                let key = if relation.is_symmetric() {
                    let Target::Entity(t) = target else { return };
                    (source.min(t), relation, format!("e{:?}", source.max(t)))
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
            } => {
                let mut ps: Vec<ActorRef> = Vec::new();
                for p in &parts {
                    let e = self.entity(&p.actor, ents);
                    if !ps.contains(&e) {
                        ps.push(e);
                    }
                }
                if ps.len() < 2 {
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
                self.add_meeting(ps, info, status, s.span, confidence);
            }
        }
    }

    fn affiliations(&self, people: &[ActorRef]) -> Vec<ActorRef> {
        self.roles
            .iter()
            .filter(|r| people.contains(&ActorRef::Entity(r.person)))
            .filter_map(|r| r.affiliation.map(ActorRef::Entity))
            .collect()
    }

    fn add_meeting(
        &mut self,
        ps: Vec<ActorRef>,
        info: MeetingInfo,
        status: Status,
        evidence: Span,
        confidence: f32,
    ) {
        let lo = self.out.meetings.len().saturating_sub(LOOKBACK);
        for idx in (lo..self.out.meetings.len()).rev() {
            let m = &self.out.meetings[idx];
            if m.status != status {
                continue;
            }
            let place_ok = m.place.is_none() || info.place.is_none() || m.place == info.place;
            let date_ok = m.date.is_none() || info.date.is_none() || m.date == info.date;
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
            if same || delegation {
                let m = &mut self.out.meetings[idx];
                if m.place.is_none() {
                    m.place = info.place;
                }
                if m.when.is_none() {
                    m.when = info.when;
                    m.date = info.date;
                }
                return;
            }
        }
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
