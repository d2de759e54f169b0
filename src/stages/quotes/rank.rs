//! Speaker attribution as a ranking: the rules propose a speaker for each statement; this
//! file adds the other actors who could have said it and lets a trained ranker
//! ([`super::model::SpeakerModel`]) choose.
//!
//! Candidates, each with the sources that proposed it (one actor may come from several):
//! the rules' speaker (the subject of the cue, the apposition, a pronoun resolved, a role
//! noun's holder), the speaker of the previous statement and of the previous direct
//! quote (continuations, `he added`), the person who is the subject of this or the
//! previous sentence, the nearest actor named before the cue in its sentence outside
//! quotations, and for a speaker phrase headed by a body or role noun (`the committee`,
//! `the chancellor`) the organization of that kind named before or the named holder of
//! the role. (The actor named right after the cue and the last person named outside
//! quotations were candidates too: they cost more than they gave in cross-validation,
//! and the article's most named person is no feature, since it pulled statements of
//! unnamed sources to the protagonist on unseen articles.)
//!
//! Features: the rule that found the statement, each source, the candidate's kind (and
//! the kind of the rules' speaker), the distance in tokens and sentences from the cue to
//! the candidate's nearest mention, whether that mention is inside a quotation or inside
//! the statement itself, the word before the cue (`he`, `she`, `the`, a name), gender
//! agreement with a pronoun subject, whether it spoke last, the paragraph position. Without a model the rules' speaker is kept.

use std::ops::Range;

use super::context::Cx;
use crate::learn::{FeatureBuf, hash};
use crate::lexicon::Gender;
use crate::stages::entities::{ActorRef, Actors};
use crate::stages::segment::TokenKind;
use crate::vocab::EntityKind;

/// Which rule found the statement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Rule {
    AfterFrame = 1,
    BeforeFrame,
    NextSentence,
    Continued,
    According,
    Trailing,
    SpeechVerb,
    StanceVerb,
    Noun,
    Linked,
}

const RULE: u16 = 1;
const LAST: u16 = 1 << 1;
const LAST_DIRECT: u16 = 1 << 2;
const SUBJECT_HERE: u16 = 1 << 3;
const SUBJECT_PREV: u16 = 1 << 4;
const NEAR_BEFORE: u16 = 1 << 5;
const BODY: u16 = 1 << 6;
const HOLDER: u16 = 1 << 7;
const SOURCES: u16 = 8;

/// Most candidates kept per statement.
const MAX_CANDIDATES: usize = 8;

/// One candidate speaker set and the sources that proposed it.
#[derive(Clone, Debug)]
pub(super) struct Cand {
    pub(super) actors: Vec<ActorRef>,
    src: u16,
}

/// One statement's candidates as training reads them: each candidate's actors by name
/// (name, aliases) and kind, and its features.
#[derive(Clone, Debug, Default)]
pub struct SpeakerChoice {
    /// The statement's text (its fragments joined by a space).
    pub text: String,
    pub candidates: Vec<CandidateInfo>,
}

#[derive(Clone, Debug)]
pub struct CandidateInfo {
    /// Per actor: its names (the name first) and kind.
    pub actors: Vec<(Vec<String>, EntityKind)>,
    /// The sources that proposed it (bits: the rules, the last speaker, the last direct
    /// quote's, the subject here, the subject before, the nearest actor before the cue,
    /// a body noun's organization, a role noun's holder).
    pub sources: u16,
    pub feats: Vec<u64>,
}

fn kind_id(k: EntityKind) -> u64 {
    match k {
        EntityKind::Person => 1,
        EntityKind::Organization => 2,
        EntityKind::Place => 3,
        EntityKind::Group => 4,
    }
}

fn bucket(d: usize) -> u64 {
    match d {
        0 => 0,
        1 => 1,
        2 => 2,
        3..=4 => 3,
        5..=8 => 4,
        9..=16 => 5,
        17..=32 => 6,
        _ => 7,
    }
}

impl<'a> Cx<'a> {
    /// The speakers of a statement found by `rule` with cue `cue` over tokens `stmt`:
    /// the rules' speakers `rule_sp`, or the candidate the model ranks first. Records the
    /// candidates for training when tracing.
    pub(super) fn choose_speakers(
        &mut self,
        ents: &mut Actors,
        rule_sp: Vec<ActorRef>,
        rule: Rule,
        cue: usize,
        stmt: Range<usize>,
    ) -> Vec<ActorRef> {
        self.pending = None;
        let tracing = self.trace.is_some();
        if (self.speaker_model.is_none() && !tracing) || rule_sp.is_empty() {
            return rule_sp;
        }
        let cands = self.candidates(ents, &rule_sp, cue, &stmt);
        if cands.len() < 2 && !tracing {
            return rule_sp;
        }
        let mut buf = FeatureBuf::new();
        let feats: Vec<Vec<u64>> = cands
            .iter()
            .map(|c| {
                self.cand_features(ents, c, &rule_sp, rule, cue, &stmt, &mut buf);
                buf.keys().to_vec()
            })
            .collect();
        if tracing {
            let infos = cands
                .iter()
                .zip(&feats)
                .map(|(c, f)| CandidateInfo {
                    actors: c
                        .actors
                        .iter()
                        .map(|&a| {
                            let mut names = vec![ents.name(a).to_string()];
                            if let ActorRef::Entity(e) = a {
                                names.extend(ents.entities[e].aliases.iter().cloned());
                            }
                            (names, ents.kind(a))
                        })
                        .collect(),
                    sources: c.src,
                    feats: f.clone(),
                })
                .collect();
            self.pending = Some(infos);
        }
        match self.speaker_model {
            // the rules read a coordination of speakers ("She and X, including Y and Z,
            // insisted"): every candidate but theirs is one actor, so no ranking can
            // choose the set
            Some(m) if cands.len() > 1 && rule_sp.len() < 2 => {
                m.best(&feats).map_or(rule_sp, |i| cands[i].actors.clone())
            }
            _ => rule_sp,
        }
    }

    /// Records the pending candidates of the statement just pushed (`out`'s last).
    pub(super) fn record_choice(&mut self) {
        let Some(c) = self.pending.take() else {
            return;
        };
        let Some(st) = self.out.last() else { return };
        let text = st.text_in(self.tok.text);
        if let Some(t) = self.trace.as_mut() {
            t.push(SpeakerChoice {
                text,
                candidates: c,
            });
        }
    }

    fn candidates(
        &mut self,
        ents: &mut Actors,
        rule_sp: &[ActorRef],
        cue: usize,
        stmt: &Range<usize>,
    ) -> Vec<Cand> {
        let mut out: Vec<Cand> = Vec::new();
        let add = |out: &mut Vec<Cand>, actors: Vec<ActorRef>, src: u16| {
            if actors.is_empty() {
                return;
            }
            if let Some(c) = out.iter_mut().find(|c| c.actors == actors) {
                c.src |= src;
            } else if out.len() < MAX_CANDIDATES {
                out.push(Cand { actors, src });
            }
        };
        add(&mut out, rule_sp.to_vec(), RULE);
        if let Some((sp, si)) = &self.last
            && si + 4 >= self.sent(cue)
        {
            add(&mut out, sp.clone(), LAST);
        }
        if let Some((sp, _, _)) = &self.last_direct {
            add(&mut out, sp.clone(), LAST_DIRECT);
        }
        let si = self.sent(cue);
        let anchor = cue.min(stmt.start);
        // the subject of this sentence, of the previous one
        if let Some(p) = self.recent_subject_person(ents, anchor.max(cue), 0) {
            add(&mut out, vec![ActorRef::Entity(p)], SUBJECT_HERE);
        }
        if si > 0 {
            let prev_end = self.tok.seg.sentences[si - 1].tokens.end;
            if let Some(p) = self.recent_subject_person(ents, prev_end.saturating_sub(1), 0) {
                add(&mut out, vec![ActorRef::Entity(p)], SUBJECT_PREV);
            }
        }
        // the nearest actor named before the cue outside quotations, in this sentence
        let sr = self.sentence_range(cue);
        let n = ents.mentions.partition_point(|m| m.tokens.start < cue);
        for mi in (0..n).rev().take(12) {
            let m = &ents.mentions[mi];
            if m.tokens.start < sr.start {
                break;
            }
            if self.quoted(m.tokens.start) || stmt.contains(&m.tokens.start) {
                continue;
            }
            let e = ents.mention_entity[mi];
            if ents.entities[e].kind != EntityKind::Place {
                add(&mut out, vec![ActorRef::Entity(e)], NEAR_BEFORE);
                break;
            }
        }
        // a body or role noun: the organization of that kind named before, the holder
        if let [a] = rule_sp
            && ents.kind(*a) == EntityKind::Group
        {
            let name = ents.name(*a).to_lowercase();
            // the head noun: the last word before a post-modifier (`secretary of state`)
            let head_part = name
                .split([',', '('])
                .next()
                .unwrap_or("")
                .split(" of ")
                .next()
                .unwrap_or("")
                .split(" for ")
                .next()
                .unwrap_or("");
            if let Some(head) = head_part.split_whitespace().last() {
                let head = head.to_string();
                let generic = matches!(
                    head.as_str(),
                    "firm" | "company" | "group" | "bank" | "party" | "office" | "court"
                );
                if let Some(o) = self.recent_entity(ents, anchor, 12, |e| {
                    e.kind == EntityKind::Organization
                        && (generic || e.name.to_lowercase().split_whitespace().any(|w| w == head))
                }) {
                    add(&mut out, vec![ActorRef::Entity(o)], BODY);
                }
                if let Some(p) = self.person_with_role(ents, &head, None, anchor) {
                    add(&mut out, vec![ActorRef::Entity(p)], HOLDER);
                }
            }
        }
        out
    }

    /// The token of `a`'s nearest mention to `cue` outside the statement (before it
    /// first), and whether it lies before the cue.
    fn nearest_mention(
        &self,
        ents: &Actors,
        a: ActorRef,
        cue: usize,
        stmt: &Range<usize>,
    ) -> Option<(usize, bool)> {
        let ActorRef::Entity(e) = a else { return None };
        let ms = &ents.entities[e].mentions;
        let starts = |i: usize| ents.mentions[ms[i]].tokens.start;
        let n = ms.partition_point(|&m| ents.mentions[m].tokens.start < cue);
        let before = (0..n).rev().take(8).map(starts).find(|t| !stmt.contains(t));
        let after = (n..ms.len())
            .take(8)
            .map(starts)
            .find(|t| !stmt.contains(t));
        match (before, after) {
            (Some(b), Some(f)) if f - cue < cue - b => Some((f, false)),
            (Some(b), _) => Some((b, true)),
            (None, Some(f)) => Some((f, false)),
            (None, None) => None,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn cand_features(
        &self,
        ents: &Actors,
        c: &Cand,
        rule_sp: &[ActorRef],
        rule: Rule,
        cue: usize,
        stmt: &Range<usize>,
        buf: &mut FeatureBuf,
    ) {
        buf.clear();
        let r = hash::small(rule as u64);
        let a = c.actors[0];
        let kind = if c.actors.len() > 1 {
            5
        } else {
            match a {
                ActorRef::Requested(_) => 5 + kind_id(ents.kind(a)),
                ActorRef::Entity(_) => kind_id(ents.kind(a)),
            }
        };
        let k = hash::small(kind);
        let rule_kind = hash::small(rule_sp.first().map_or(0, |&x| kind_id(ents.kind(x))));
        for b in 0..SOURCES {
            if c.src & (1 << b) != 0 {
                let bh = hash::small(b as u64);
                buf.push(1, hash::combine(bh, r));
                buf.push(2, bh);
                buf.push(3, hash::combine(bh, k));
                buf.push(17, hash::combine3(bh, rule_kind, k));
            }
        }
        buf.push(4, hash::small(c.src.count_ones() as u64));
        buf.push(5, hash::combine(k, r));
        buf.push(
            6,
            hash::combine3(k, rule_kind, hash::small((c.src & RULE) as u64)),
        );
        // the word before the cue (the subject's last word, or a pronoun)
        let wb = if cue > 0 && !self.quoted(cue - 1) {
            let lw = self.tok.lower(cue - 1);
            if self.tok.kind(cue - 1) != TokenKind::Word {
                "<p>".to_string()
            } else if ents.mention_at(cue - 1).is_some() {
                "<name>".to_string()
            } else {
                lw
            }
        } else {
            "<q>".to_string()
        };
        let wbh = hash::hash_bytes(0, wb.as_bytes());
        buf.push(
            7,
            hash::combine3(wbh, k, hash::small((c.src & RULE) as u64)),
        );
        // gender agreement with a pronoun subject
        let g = match wb.as_str() {
            "he" | "his" => Some(Gender::Male),
            "she" | "her" => Some(Gender::Female),
            _ => None,
        };
        if let Some(g) = g {
            let agree = match ents.gender(a) {
                Some(x) if x == g => 1,
                Some(_) => 2,
                None => 3,
            };
            buf.push(8, hash::combine(hash::small(agree), k));
        }
        // the nearest mention
        match self.nearest_mention(ents, a, cue, stmt) {
            Some((t, before)) => {
                let d = t.abs_diff(cue);
                let sd = self.sent(t).abs_diff(self.sent(cue));
                let side = hash::small(before as u64);
                buf.push(9, hash::combine3(hash::small(bucket(d)), side, r));
                buf.push(10, hash::combine(hash::small(bucket(sd)), side));
                buf.push(11, hash::small(self.quoted(t) as u64));
            }
            None => buf.push(9, 0),
        }
        // mentioned inside the statement itself
        if let ActorRef::Entity(e) = a {
            // the entity's mentions are in text order: a binary search to the statement
            // (a speaker with thousands of statements made a scan of all quadratic)
            let ms = &ents.entities[e].mentions;
            let lo = ms.partition_point(|&m| ents.mentions[m].tokens.start < stmt.start);
            let inside = ms[lo..]
                .iter()
                .map(|&m| ents.mentions[m].tokens.start)
                .take_while(|&t| t < stmt.end)
                .any(|t| t != cue);
            buf.push(12, hash::small(inside as u64));
        }
        // the paragraph position of the cue's sentence
        let si = self.sent(cue);
        let first = self
            .para_of_sentence(si)
            .is_some_and(|p| self.tok.seg.paragraphs[p].sentences.start == si);
        buf.push(
            14,
            hash::combine(hash::small(first as u64), hash::small(c.src as u64 & 0x6)),
        );
        // the rules' speaker phrase's head word, for body and role nouns
        if let [x] = rule_sp
            && ents.kind(*x) == EntityKind::Group
            && let Some(h) = ents.name(*x).split_whitespace().last()
        {
            let hh = hash::hash_bytes(1, h.to_lowercase().as_bytes());
            buf.push(15, hash::combine(hh, k));
        }
        buf.push(16, 0);
    }
}
