//! Rules propose, a trained model decides: stance candidates and their features.
//!
//! For every predicate of a sentence (a verb, or a noun or adjective that the relation
//! lexicon or the model knows as a stance cue) the candidates are (source, predicate,
//! target) triples: sources are the actors of the sentence's noun phrases nearest the
//! predicate on either side and, inside a statement, its speaker (stances stated in a
//! quote are the speaker's); targets are the actors nearest the predicate and the noun
//! phrase after it as a proposal or position, extended over its `of`/`on`/`for`/`to`
//! complements ("the ban on arms exports to China"). Each candidate gets hashed features
//! ([`Extractor::features`]): the predicate's stem and lexicon sense, the shape of the
//! triple (who is left and right of the predicate), voice, negation, modality and
//! to-infinitive control, the words between, the prepositions, the kinds of the actors,
//! words of evaluation around the predicate (VADER valences) and whether the source is
//! the speaker of the statement the predicate sits in. [`super::model::RelationModel`]
//! scores them; `crate::train` labels them from annotated articles.

use super::chunks::{Np, Sent};
use super::facts::{Actor, Extractor, Obj, Side};
use crate::learn::features::FeatureBuf;
use crate::learn::hash::hash_bytes;
use crate::lexicon::lexicon as world;
use crate::lexicon::relations::{Pos, Sense};
use crate::lexicon::words::{WordClass, is};
use crate::stages::entities::Entities;
use crate::stages::parse::Syntax;
use crate::stages::segment::Span;
use crate::tagger::Upos;
use crate::vocab::EntityKind;

/// Nearest actors taken on each side of a predicate.
const PER_SIDE: usize = 2;
/// Longest proposal phrase, in tokens.
const MAX_PROPOSAL: usize = 12;
/// Words between two positions used as features, nearest the predicate first.
const BETWEEN: usize = 5;

/// Where a candidate's source was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum From {
    /// A noun phrase of the sentence, at this sentence-relative token.
    Np(usize),
    /// The speaker of the statement the predicate sits in.
    Speaker,
}

/// One candidate stance.
#[derive(Clone, Debug)]
pub(super) struct Cand {
    pub(super) subj: Side,
    pub(super) obj: Obj,
    /// The predicate, sentence-relative.
    pub(super) pred: usize,
    /// Where the source and target phrases are (sentence-relative; `None`: the speaker).
    pub(super) spos: Option<usize>,
    pub(super) tpos: usize,
    pub(super) feats: Vec<u64>,
}

/// A predicate's stem: lowercase, regular inflection stripped, a final `e` and a doubled
/// final consonant dropped, so that `urge`, `urged`, `urges` and `urging` share one
/// (`urg`). A feature key, not a lemma.
pub fn stem(lower: &str) -> String {
    let mut out = String::new();
    stem_into(lower, &mut out);
    out
}

/// [`stem`] into a reused buffer.
pub fn stem_into(lower: &str, out: &mut String) {
    let w = lower;
    out.clear();
    if let Some(x) = w.strip_suffix("ies").or_else(|| w.strip_suffix("ied"))
        && x.len() >= 2
    {
        out.push_str(x);
        out.push('y');
    } else if let Some(x) = w.strip_suffix("ing").filter(|x| x.len() >= 3) {
        out.push_str(x);
    } else if let Some(x) = w.strip_suffix("ed").filter(|x| x.len() >= 3) {
        out.push_str(x);
    } else if let Some(x) = w.strip_suffix("es").filter(|x| x.len() >= 3) {
        out.push_str(x);
    } else if let Some(x) = w
        .strip_suffix('s')
        .filter(|x| x.len() >= 3 && !x.ends_with('s'))
    {
        out.push_str(x);
    } else {
        out.push_str(w);
    }
    if out.len() >= 3 && out.ends_with('e') {
        out.pop();
    }
    let b = out.as_bytes();
    if b.len() >= 3 && b[b.len() - 1] == b[b.len() - 2] && !b[b.len() - 1].is_ascii_digit() {
        out.pop();
    }
}

/// Feature templates.
mod t {
    pub const BIAS: u64 = 1;
    pub const STEM: u64 = 2;
    pub const STEM_POS: u64 = 3;
    pub const SENSE: u64 = 4;
    pub const STEM_TKIND: u64 = 5;
    pub const SKIND: u64 = 6;
    pub const TKIND: u64 = 7;
    pub const KINDS: u64 = 8;
    pub const SHAPE: u64 = 9;
    pub const STEM_SHAPE: u64 = 10;
    pub const SDIST: u64 = 11;
    pub const TDIST: u64 = 12;
    pub const SBETWEEN: u64 = 13;
    pub const TBETWEEN: u64 = 14;
    pub const TPREP: u64 = 15;
    pub const STEM_TPREP: u64 = 16;
    pub const NEG: u64 = 17;
    pub const STEM_NEG: u64 = 18;
    pub const PASSIVE: u64 = 19;
    pub const STEM_PASSIVE: u64 = 20;
    pub const AGENT: u64 = 21;
    pub const CONTROL: u64 = 22;
    pub const CONTROL_STEM: u64 = 23;
    pub const MODAL: u64 = 24;
    pub const VAL_PRED: u64 = 25;
    pub const VAL_CTX: u64 = 26;
    pub const STEM_VAL: u64 = 27;
    pub const SPEAKER: u64 = 28;
    pub const STEM_SPEAKER: u64 = 29;
    pub const NEAREST: u64 = 30;
    pub const SENSE_SHAPE: u64 = 31;
    pub const COND: u64 = 32;
    pub const QUESTION: u64 = 33;
    pub const REL_CLAUSE: u64 = 34;
    pub const COMMA: u64 = 35;
    pub const WEAK: u64 = 36;
    pub const PREV_WORD: u64 = 37;
    pub const NEXT_WORD: u64 = 38;
    pub const THEAD: u64 = 39;
    pub const STEM_THEAD: u64 = 40;
    pub const SENSE_TKIND: u64 = 41;
    pub const STEM_SKIND: u64 = 42;
    pub const POSS: u64 = 43;
    pub const SPATH: u64 = 44;
    pub const STEM_SPATH: u64 = 45;
    pub const TPATH: u64 = 46;
    pub const STEM_TPATH: u64 = 47;
    pub const SENSE_SPATH: u64 = 48;
    pub const SENSE_TPATH: u64 = 49;
    pub const TLEN: u64 = 50;
    pub const SENSE_TLEN: u64 = 51;
    pub const TFIRST: u64 = 52;
    pub const THEAD_TAG: u64 = 53;
}

fn h(s: &str) -> u64 {
    hash_bytes(0, s.as_bytes())
}

fn bucket(d: usize) -> u64 {
    match d {
        0..=1 => 1,
        2 => 2,
        3..=4 => 3,
        5..=8 => 4,
        _ => 5,
    }
}

fn kind_name(ents: &Entities, a: &Actor) -> &'static str {
    match a {
        Actor::Ent(e) => ents.entities[*e].kind.as_str(),
        Actor::Country(_) => EntityKind::Place.as_str(),
        Actor::Group(_) => EntityKind::Group.as_str(),
    }
}

/// What a candidate's target is, for features.
enum TargetAt {
    Actor(usize, &'static str),
    Proposal(usize, usize),
    Clause(usize, usize),
}

impl Extractor<'_> {
    /// Is token `i` a predicate worth scoring?
    fn is_predicate(
        &self,
        s: &Sent,
        i: usize,
        known: &dyn Fn(&str) -> bool,
        all: bool,
        buf: &mut String,
    ) -> bool {
        let w = s.lw(i);
        let mut known_stem = || {
            stem_into(w, buf);
            known(buf)
        };
        match s.tag[i] {
            Upos::Verb => {
                all || known_stem()
                    || self
                        .lx
                        .verb(w)
                        .iter()
                        .any(|e| matches!(e.sense, Sense::Stance(_)))
            }
            Upos::Noun | Upos::Adj => {
                known_stem()
                    || self
                        .lx
                        .exact(Pos::Noun, w)
                        .any(|e| matches!(e.sense, Sense::Stance(_)))
                    || self
                        .lx
                        .exact(Pos::Adj, w)
                        .any(|e| matches!(e.sense, Sense::Stance(_)))
            }
            _ => false,
        }
    }

    /// The lexicon sense of predicate `i`, as a feature value.
    fn sense(&self, s: &Sent, i: usize) -> &'static str {
        let w = s.lw(i);
        let verb;
        let senses: &mut dyn Iterator<Item = Sense> = match s.tag[i] {
            Upos::Verb => {
                verb = self.lx.verb(w);
                &mut verb.iter().map(|e| e.sense)
            }
            _ => &mut self
                .lx
                .exact(Pos::Noun, w)
                .chain(self.lx.exact(Pos::Adj, w))
                .map(|e| e.sense),
        };
        for sense in senses {
            if let Sense::Stance(st) = sense {
                return st.as_str();
            }
            match sense {
                Sense::Meeting => return "meeting",
                Sense::Proposal => return "proposal",
                Sense::Demand => return "demand",
                Sense::Negate => return "negate",
                Sense::Control | Sense::Plan => return "control",
                _ => {}
            }
        }
        "-"
    }

    /// The proposal phrase after predicate `p`: the first noun phrase within three words
    /// that names no actor, over its `of`/`on`/`for`/`to`/`against` complements.
    fn proposal_after(&self, s: &Sent, p: usize, ents: &Entities) -> Option<(usize, usize)> {
        let n = s.n();
        let mut k = p + 1;
        let mut np: Option<&Np> = None;
        while k < n && k <= p + 3 {
            if let Some(x) = s.np_starting(k) {
                np = Some(x);
                break;
            }
            if s.tag[k] == Upos::Punct {
                return None;
            }
            k += 1;
        }
        let np = np?;
        if self.np_actor(s, np, ents).is_some() {
            return None;
        }
        let mut a = np.start;
        while a < np.head() && is(WordClass::Determiner, s.lw(a)) {
            a += 1;
        }
        let hw = s.lw(np.head());
        if world().non_proposals.contains(hw) || s.tag[np.head()] == Upos::Pron {
            return None;
        }
        let end = complements_end(s, a, np.end);
        Some((a, end))
    }

    /// The clause after predicate `p` as a position ("denied that they conspired …",
    /// "urged them to conclude the talks"): from after `that`/`to`/the first object to the
    /// next punctuation, at most [`MAX_PROPOSAL`] words.
    fn clause_after(&self, s: &Sent, p: usize) -> Option<(usize, usize)> {
        let n = s.n();
        let mut a = p + 1;
        // skip an object actor and "that"/"to"/"for"/"on" before the clause
        if let Some(np) = s.np_starting(a)
            && matches!(s.lw(np.end), "to" | "that" | "of" | "for")
        {
            a = np.end;
        }
        if !matches!(
            s.lw(a),
            "that" | "to" | "of" | "for" | "on" | "against" | "about"
        ) {
            return None;
        }
        a += 1;
        let mut b = a;
        while b < n && b - a < MAX_PROPOSAL && s.tag[b] != Upos::Punct {
            b += 1;
        }
        let b = trim_function_words(s, a, b);
        (b > a + 1 && b - a < MAX_PROPOSAL).then_some((a, b))
    }

    /// The candidates of one sentence. `speakers` are the statements (content span,
    /// speaker entity) of the document; `known` tells the model's cue stems; `all` makes
    /// every verb a predicate (training).
    pub(super) fn candidates(
        &self,
        s: &Sent,
        ents: &Entities,
        speakers: &[(Span, usize)],
        known: &dyn Fn(&str) -> bool,
        all: bool,
    ) -> Vec<Cand> {
        let n = s.n();
        let mut out = Vec::new();
        // actors of the sentence's noun phrases, by head position
        let mut actors: Vec<(usize, Side)> = Vec::new();
        for np in &s.nps {
            if let Some(side) = self.np_actor(s, np, ents) {
                actors.push((np.head(), side));
            }
        }
        let question = s.words.last().is_some_and(|w| *w == "?");
        let cond = (0..n.min(3)).any(|k| matches!(s.lw(k), "if" | "unless" | "whether"));
        let mut fb = FeatureBuf::with_capacity(64);
        let mut stem_buf = String::new();
        self.possessive_candidates(s, ents, known, all, &mut fb, &mut out);
        for p in 0..n {
            if !self.is_predicate(s, p, known, all, &mut stem_buf) {
                continue;
            }
            let pstem = stem(s.lw(p));
            let sense = self.sense(s, p);
            let abs = self.tok.seg.tokens[s.lo + p].span;
            let speaker = speaker_at(speakers, abs);
            // sources: nearest actors left and right, and the speaker
            let mut sources: Vec<(From, Side)> = Vec::new();
            for (pos, side) in actors.iter().rev().filter(|(i, _)| *i < p).take(PER_SIDE) {
                sources.push((From::Np(*pos), side.clone()));
            }
            for (pos, side) in actors.iter().filter(|(i, _)| *i > p).take(PER_SIDE) {
                sources.push((From::Np(*pos), side.clone()));
            }
            if let Some(e) = speaker {
                sources.push((
                    From::Speaker,
                    Side {
                        actor: Actor::Ent(e),
                        weak: false,
                    },
                ));
            }
            // targets: nearest actors on each side, and the proposal after the predicate
            let mut targets: Vec<(TargetAt, Obj)> = Vec::new();
            for (pos, side) in actors.iter().filter(|(i, _)| *i > p).take(PER_SIDE) {
                targets.push((
                    TargetAt::Actor(*pos, kind_name(ents, &side.actor)),
                    Obj::Actor(side.actor.clone()),
                ));
            }
            for (pos, side) in actors.iter().rev().filter(|(i, _)| *i < p).take(1) {
                targets.push((
                    TargetAt::Actor(*pos, kind_name(ents, &side.actor)),
                    Obj::Actor(side.actor.clone()),
                ));
            }
            let np_prop = self.proposal_after(s, p, ents);
            if let Some((a, b)) = np_prop {
                let name = s.words[a..b].join(" ");
                targets.push((TargetAt::Proposal(a, b), Obj::Proposal(name)));
            }
            if let Some((a, b)) = self.clause_after(s, p)
                && np_prop.is_none_or(|(x, y)| (x, y) != (a, b))
            {
                let name = s.words[a..b].join(" ");
                targets.push((TargetAt::Clause(a, b), Obj::Proposal(name)));
            }
            for (from, subj) in &sources {
                for (at, obj) in &targets {
                    if let (Obj::Actor(a), b) = (obj, &subj.actor)
                        && a == b
                    {
                        continue;
                    }
                    if let (From::Np(sp), TargetAt::Actor(tp, _)) = (from, at)
                        && sp == tp
                    {
                        continue;
                    }
                    fb.clear();
                    self.features(
                        s, p, &pstem, sense, *from, subj, at, ents, speaker, cond, question,
                        &mut fb,
                    );
                    out.push(Cand {
                        subj: subj.clone(),
                        obj: obj.clone(),
                        pred: p,
                        spos: match from {
                            From::Np(i) => Some(*i),
                            From::Speaker => None,
                        },
                        tpos: match at {
                            TargetAt::Actor(i, _) => *i,
                            TargetAt::Proposal(a, _) | TargetAt::Clause(a, _) => *a,
                        },
                        feats: fb.keys().to_vec(),
                    });
                }
            }
        }
        out
    }

    /// "Mbeleko's VAT increase", "his plan to cut taxes": the possessor holds (proposed,
    /// opposes, …) what the rest of the phrase names; the phrase's head is the predicate.
    fn possessive_candidates(
        &self,
        s: &Sent,
        ents: &Entities,
        known: &dyn Fn(&str) -> bool,
        all: bool,
        fb: &mut FeatureBuf,
        out: &mut Vec<Cand>,
    ) {
        for np in &s.nps {
            let head = np.head();
            if !matches!(s.tag[head], Upos::Noun) || !(all || known(&stem(s.lw(head)))) {
                continue;
            }
            // the possessor: an actor before 's, or a possessive pronoun
            let mut found = None;
            for k in np.start..head {
                let w = s.lw(k);
                if matches!(w, "'s" | "’s" | "'" | "’") && k > np.start {
                    if let Some(e) = ents.entity_at(s.lo + k - 1) {
                        found = Some((e, k + 1));
                    }
                } else if k == np.start
                    && is(WordClass::Possessive, w)
                    && let Some(e) = ents.resolve_pronoun(self.tok.seg, self.tok.text, s.lo + k)
                {
                    found = Some((e, k + 1));
                }
            }
            let Some((e, a)) = found else { continue };
            if a > head || ents.entity_at(s.lo + head).is_some() {
                continue;
            }
            let end = complements_end(s, a, np.end);
            let subj = Side {
                actor: Actor::Ent(e),
                weak: false,
            };
            let pstem = stem(s.lw(head));
            fb.clear();
            fb.push(t::POSS, 1);
            fb.push(t::POSS, h(&pstem));
            self.features(
                s,
                head,
                &pstem,
                self.sense(s, head),
                From::Np(a.saturating_sub(2)),
                &subj,
                &TargetAt::Proposal(a, end),
                ents,
                None,
                false,
                false,
                fb,
            );
            out.push(Cand {
                subj,
                obj: Obj::Proposal(s.words[a..end].join(" ")),
                pred: head,
                spos: Some(a.saturating_sub(2)),
                tpos: a,
                feats: fb.keys().to_vec(),
            });
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn features(
        &self,
        s: &Sent,
        p: usize,
        pstem: &str,
        sense: &'static str,
        from: From,
        subj: &Side,
        at: &TargetAt,
        ents: &Entities,
        speaker: Option<usize>,
        cond: bool,
        question: bool,
        f: &mut FeatureBuf,
    ) {
        let hs = h(pstem);
        let pos = match s.tag[p] {
            Upos::Verb => "V",
            Upos::Noun => "N",
            _ => "A",
        };
        let skind = kind_name(ents, &subj.actor);
        let (tkind, tpos) = match at {
            TargetAt::Actor(i, k) => (*k, *i),
            TargetAt::Proposal(a, _) => ("Proposal", *a),
            TargetAt::Clause(a, _) => ("Clause", *a),
        };
        let spos = match from {
            From::Np(i) => Some(i),
            From::Speaker => None,
        };
        f.push(t::BIAS, 0);
        f.push(t::STEM, hs);
        f.push(t::STEM_POS, hs ^ h(pos));
        f.push(t::SENSE, h(sense));
        f.push(t::STEM_TKIND, hs ^ h(tkind));
        f.push(t::SENSE_TKIND, h(sense) ^ h(tkind).rotate_left(7));
        f.push(t::SKIND, h(skind));
        f.push(t::STEM_SKIND, hs ^ h(skind).rotate_left(3));
        f.push(t::TKIND, h(tkind));
        f.push(t::KINDS, h(skind) ^ h(tkind).rotate_left(11));
        // the triple's shape: S(ource), P(redicate), T(arget) in text order, Q = speaker
        let shape = match spos {
            None => {
                if tpos > p {
                    "Q:PT"
                } else {
                    "Q:TP"
                }
            }
            Some(sp) => match (sp < p, tpos > p, sp < tpos) {
                (true, true, _) => "SPT",
                (true, false, true) => "STP",
                (true, false, false) => "TSP",
                (false, true, true) => "PST",
                (false, true, false) => "PTS",
                (false, false, _) => "TPS",
            },
        };
        f.push(t::SHAPE, h(shape));
        f.push(t::STEM_SHAPE, hs ^ h(shape).rotate_left(5));
        f.push(t::SENSE_SHAPE, h(sense) ^ h(shape).rotate_left(9));
        if let Some(sp) = spos {
            f.push(t::SDIST, bucket(sp.abs_diff(p)));
            let (a, b) = if sp < p { (sp + 1, p) } else { (p + 1, sp) };
            for k in (a..b).rev().take(BETWEEN) {
                f.push(t::SBETWEEN, h(s.lw(k)));
            }
            if (a..b).any(|k| s.tag[k] == Upos::Punct && s.words[k] == ",") {
                f.push(t::COMMA, 1);
            }
            if (a..b).any(|k| matches!(s.lw(k), "who" | "which" | "that")) {
                f.push(t::REL_CLAUSE, 1);
            }
            let nearest = if sp < p {
                !(sp + 1..p).any(|k| s.np_at(k).is_some_and(|np| np.head() == k) && k != sp)
            } else {
                !(p + 1..sp).any(|k| s.np_at(k).is_some_and(|np| np.head() == k))
            };
            f.push(t::NEAREST, u64::from(nearest) + 1);
            if sp > 0 && s.lw(s.np_at(sp).map_or(sp, |np| np.start).saturating_sub(1)) == "by" {
                f.push(t::AGENT, 1);
                f.push(t::AGENT, hs);
            }
        } else {
            f.push(t::SPEAKER, 1);
            f.push(t::STEM_SPEAKER, hs);
        }
        if speaker.is_some() {
            f.push(t::SPEAKER, 2);
        }
        f.push(t::TDIST, bucket(tpos.abs_diff(p)));
        {
            let (a, b) = if tpos < p {
                (tpos + 1, p)
            } else {
                (p + 1, tpos)
            };
            for k in (a..b).take(BETWEEN) {
                f.push(t::TBETWEEN, h(s.lw(k)));
            }
        }
        let tstart = match at {
            TargetAt::Actor(i, _) => s.np_at(*i).map_or(*i, |np| np.start),
            TargetAt::Proposal(a, _) | TargetAt::Clause(a, _) => *a,
        };
        if tstart > 0 {
            let prep = s.lw(tstart - 1);
            f.push(t::TPREP, h(prep));
            f.push(t::STEM_TPREP, hs ^ h(prep).rotate_left(13));
        }
        if let TargetAt::Proposal(a, b) | TargetAt::Clause(a, b) = at {
            let head = stem(s.lw(b - 1));
            f.push(t::THEAD, h(&head));
            f.push(t::STEM_THEAD, hs ^ h(&head).rotate_left(17));
            // the phrase's size and shape: one bare content word ("vote", "document")
            // names a proposal less often than a phrase does ("a ban on arms exports")
            let content = (*a..*b)
                .filter(|&k| matches!(s.tag[k], Upos::Noun | Upos::Propn | Upos::Verb | Upos::Adj))
                .count();
            let len = bucket(content) + 8 * u64::from(*b - *a > content);
            f.push(t::TLEN, len);
            f.push(t::SENSE_TLEN, h(sense) ^ len.rotate_left(43));
            f.push(t::TFIRST, h(s.lw(*a)));
            f.push(t::THEAD_TAG, s.tag[*b - 1] as u64);
        }
        // negation, modality, voice and control before the predicate
        let lo = p.saturating_sub(4);
        let neg = (lo..p).any(|k| matches!(s.lw(k), "not" | "n't" | "never" | "no" | "nor"));
        if neg {
            f.push(t::NEG, 1);
            f.push(t::STEM_NEG, hs);
        }
        if let Some(k) = (lo..p).rev().find(|&k| s.tag[k] == Upos::Aux) {
            f.push(t::MODAL, h(s.lw(k)));
        }
        let passive = s.tag[p] == Upos::Verb
            && s.lw(p).ends_with("ed")
            && (p.saturating_sub(3)..p).any(|k| s.is_be(k));
        if passive {
            f.push(t::PASSIVE, 1);
            f.push(t::STEM_PASSIVE, hs);
        }
        if p >= 2
            && s.lw(p - 1) == "to"
            && let Some(k) = (p.saturating_sub(5)..p - 1)
                .rev()
                .find(|&k| matches!(s.tag[k], Upos::Verb | Upos::Adj | Upos::Noun))
        {
            let c = stem(s.lw(k));
            f.push(t::CONTROL, h(&c));
            f.push(t::CONTROL_STEM, h(&c) ^ hs.rotate_left(19));
        }
        if p > 0 {
            f.push(t::PREV_WORD, h(s.lw(p - 1)));
        }
        f.push(t::NEXT_WORD, h(s.lw(p + 1)));
        // words of evaluation
        let lx = world();
        if let Some(v) = lx.valence(s.lw(p)) {
            f.push(t::VAL_PRED, valence_bucket(v));
        }
        let (a, b) = (p.saturating_sub(3), (p + 8).min(s.n()));
        let ctx: f32 = (a..b)
            .filter(|&k| k != p)
            .filter_map(|k| lx.valence(s.lw(k)))
            .sum();
        let vb = valence_bucket(ctx);
        f.push(t::VAL_CTX, vb);
        f.push(t::STEM_VAL, hs ^ vb.rotate_left(23));
        if cond {
            f.push(t::COND, 1);
        }
        if question {
            f.push(t::QUESTION, 1);
        }
        if subj.weak {
            f.push(t::WEAK, 1);
        }
        // the dependency paths predicate–source and predicate–target, when parsed
        if let Some(syn) = self.syntax {
            let pd = s.lo + p;
            if let Some(sp) = spos {
                let path = h(&dep_path(syn, s.lo + sp, pd));
                f.push(t::SPATH, path);
                f.push(t::STEM_SPATH, hs ^ path.rotate_left(29));
                f.push(t::SENSE_SPATH, h(sense) ^ path.rotate_left(31));
            }
            let th = match at {
                TargetAt::Actor(i, _) => s.lo + i,
                TargetAt::Proposal(a, b) | TargetAt::Clause(a, b) => {
                    span_head(syn, s.lo + a, s.lo + b)
                }
            };
            let path = h(&dep_path(syn, pd, th));
            f.push(t::TPATH, path);
            f.push(t::STEM_TPATH, hs ^ path.rotate_left(37));
            f.push(t::SENSE_TPATH, h(sense) ^ path.rotate_left(41));
        }
    }
}

/// Longest dependency path written as a feature; longer ones are `far`.
const MAX_PATH: usize = 4;

/// The dependency path from token `a` up to the lowest common ancestor and down to `b`
/// (document-wide indices): relations going up end in `<`, going down start with `>`
/// ("nsubj<" is a subject of the predicate, ">obj" its object, "nsubj<>ccomp" a subject
/// whose clause complement holds the target).
fn dep_path(syn: &Syntax, a: usize, b: usize) -> String {
    let chain = |mut x: usize| {
        let mut v = vec![x];
        while v.len() <= 2 * MAX_PATH {
            match syn.head(x) {
                Some(h) => {
                    v.push(h);
                    x = h;
                }
                None => break,
            }
        }
        v
    };
    let (ua, ub) = (chain(a), chain(b));
    let Some((i, j)) = ua
        .iter()
        .enumerate()
        .find_map(|(i, x)| ub.iter().position(|y| y == x).map(|j| (i, j)))
    else {
        return "far".into();
    };
    if i + j > MAX_PATH {
        return "far".into();
    }
    let mut out = String::new();
    for &x in &ua[..i] {
        out.push_str(syn.deprel(x).as_str());
        out.push('<');
    }
    for &x in ub[..j].iter().rev() {
        out.push('>');
        out.push_str(syn.deprel(x).as_str());
    }
    out
}

/// The word of `lo..hi` whose head lies outside it (the first such word): the phrase's
/// syntactic head.
fn span_head(syn: &Syntax, lo: usize, hi: usize) -> usize {
    (lo..hi)
        .find(|&k| syn.head(k).is_none_or(|h| h < lo || h >= hi))
        .unwrap_or(lo)
}

/// The speaker of the statement whose content contains `span`: `speakers` are sorted by
/// start, so a binary search and a few steps back (statements rarely nest) find it in
/// logarithmic time, whatever the number of statements.
fn speaker_at(speakers: &[(Span, usize)], span: Span) -> Option<usize> {
    let n = speakers.partition_point(|(sp, _)| sp.start <= span.start);
    speakers[..n]
        .iter()
        .rev()
        .take(8)
        .find(|(sp, _)| span.end <= sp.end)
        .map(|(_, e)| *e)
}

/// The end of a phrase that starts at `a` and ends at `end`, extended over its
/// `of`/`on`/`for`/`to`/`against`/`over`/`into` complements ("the ban on arms exports to
/// China"), at most [`MAX_PROPOSAL`] tokens in all.
fn complements_end(s: &Sent, a: usize, mut end: usize) -> usize {
    while end < s.n()
        && matches!(
            s.lw(end),
            "of" | "on" | "for" | "to" | "against" | "over" | "into"
        )
        && let Some(x) = s.np_starting(end + 1)
        && x.end - a <= MAX_PROPOSAL
        && !is_time_phrase(s, x)
    {
        end = x.end;
    }
    end
}

/// `b` moved back over the function words (determiners, prepositions, `to`, conjunctions,
/// auxiliaries) that end `a..b`: a phrase cut in the middle ("the pair would have to")
/// names nothing.
fn trim_function_words(s: &Sent, a: usize, mut b: usize) -> usize {
    while b > a
        && matches!(
            s.tag[b - 1],
            Upos::Det | Upos::Adp | Upos::Part | Upos::Cconj | Upos::Sconj | Upos::Aux
        )
    {
        b -= 1;
    }
    b
}

/// "on Monday", "for two weeks", "in March 2024": a time adjunct, not a complement of
/// the proposal before it.
fn is_time_phrase(s: &Sent, np: &Np) -> bool {
    (np.start..np.end).any(|k| {
        let w = s.lw(k);
        crate::text::date::is_weekday(w) || crate::text::date::is_month(w)
    }) || is(WordClass::TimeHead, s.lw(np.head()))
}

fn valence_bucket(v: f32) -> u64 {
    if v <= -2.0 {
        1
    } else if v < -0.4 {
        2
    } else if v <= 0.4 {
        3
    } else if v < 2.0 {
        4
    } else {
        5
    }
}

#[cfg(test)]
mod tests {
    use super::{dep_path, span_head, stem};
    use crate::stages::parse::{Deprel, Syntax};

    /// "Kovac rejected the plan to cut taxes on fuel": heads and relations as a parser
    /// gives them.
    fn parsed() -> Syntax {
        let heads = [
            Some(1),
            None,
            Some(3),
            Some(1),
            Some(5),
            Some(3),
            Some(5),
            Some(8),
            Some(6),
        ];
        let rels = [
            "nsubj", "root", "det", "obj", "mark", "acl", "obj", "case", "nmod",
        ];
        let rels = rels.iter().map(|r| Deprel::parse(r)).collect();
        let lemmas = [
            "Kovac", "reject", "the", "plan", "to", "cut", "tax", "on", "fuel",
        ];
        Syntax::from_parts(&heads, rels, &lemmas)
    }

    #[test]
    fn dependency_paths_name_the_roles_of_source_and_target() {
        let syn = parsed();
        assert_eq!(dep_path(&syn, 0, 1), "nsubj<");
        assert_eq!(dep_path(&syn, 1, 3), ">obj");
        assert_eq!(dep_path(&syn, 0, 3), "nsubj<>obj");
        assert_eq!(dep_path(&syn, 0, 6), "nsubj<>obj>acl>obj");
        assert_eq!(dep_path(&syn, 6, 0), "obj<acl<obj<>nsubj");
        // five steps apart: too far to be a feature of its own
        assert_eq!(dep_path(&syn, 0, 8), "far");
        // a phrase's head is its word whose head lies outside it
        assert_eq!(span_head(&syn, 2, 9), 3);
        assert_eq!(span_head(&syn, 4, 9), 5);
    }

    #[test]
    fn inflections_share_a_stem() {
        for forms in [
            ["urge", "urged", "urges", "urging"],
            ["reject", "rejected", "rejects", "rejecting"],
            ["back", "backed", "backs", "backing"],
            ["criticize", "criticized", "criticizes", "criticizing"],
        ] {
            let s = stem(forms[0]);
            for f in forms {
                assert_eq!(stem(f), s, "{f}");
            }
        }
        assert_eq!(stem("denied"), stem("deny"));
        assert_ne!(stem("warn"), stem("want"));
    }
}
