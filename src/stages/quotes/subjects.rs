//! The speaker phrase of a frame: the noun phrase before a cue (walking left over
//! coordination, possessives and post-modifiers), after an inverted cue, in a
//! comma-separated apposition, or at the sentence start.

use std::ops::Range;

use super::context::Cx;
use crate::lexicon::words::{WordClass, is};
use crate::stages::entities::{ActorRef, Actors, Entities};
use crate::stages::segment::TokenKind;
use crate::tagger::Upos;
use crate::vocab::EntityKind;

impl<'a> Cx<'a> {
    /// A noun phrase ending right before `end` (exclusive), not before `lo`: its start.
    pub(super) fn np_left(&self, ents: &Entities, end: usize, lo: usize) -> Option<usize> {
        let mut s = end;
        while s > lo && end - s < 16 {
            let t = s - 1;
            let lw = self.tok.lower(t);
            if self.quoted(t) || self.is_mark(t) {
                break;
            }
            if ents.mention_at(t).is_some() {
                s -= 1;
                continue;
            }
            if matches!(
                lw.as_str(),
                "that" | "which" | "what" | "who" | "whom" | "whose"
            ) {
                break;
            }
            if matches!(self.tok.word(t), "'s" | "’s") && t > lo {
                s -= 1;
                continue;
            }
            let pron = is_pronoun(&lw);
            if pron {
                // a pronoun heads the phrase or is the first conjunct
                if t + 1 == end || (t + 1 < end && matches!(self.tok.lower(t + 1).as_str(), "and"))
                {
                    s -= 1;
                }
                break;
            }
            if matches!(
                self.tok.tag(t),
                Upos::Propn | Upos::Noun | Upos::Adj | Upos::Num | Upos::Det
            ) || (self.tok.tag(t) == Upos::Pron
                && matches!(lw.as_str(), "his" | "her" | "their" | "its"))
                || (self.tok.tag(t) == Upos::Verb && ents.mention_at(t).is_some())
            {
                s -= 1;
                continue;
            }
            if matches!(lw.as_str(), "and" | "&" | "of") && s < end && t > lo {
                let prev = t - 1;
                let pl = self.tok.lower(prev);
                if ents.mention_at(prev).is_some()
                    || matches!(self.tok.tag(prev), Upos::Propn | Upos::Noun)
                    || is_pronoun(&pl)
                {
                    s -= 1;
                    continue;
                }
            }
            // `a spokesman for the ministry`, `the embassy in Cairo`
            if matches!(lw.as_str(), "for" | "at" | "from" | "in" | "with") && s < end && t > lo {
                let pl = self.tok.lower(t - 1);
                if self.is_speaker_noun(&pl) {
                    s -= 1;
                    continue;
                }
            }
            break;
        }
        // drop leading connectors
        while s < end && matches!(self.tok.lower(s).as_str(), "and" | "&" | "of") {
            s += 1;
        }
        if s >= end {
            return None;
        }
        // the object of a verb before it is not coordinated with the subject
        if s > lo && matches!(self.tok.tag(s - 1), Upos::Verb) {
            let mut last_and = None;
            for k in s..end {
                if self.tok.lower(k) == "and" && ents.mention_at(k).is_none() {
                    last_and = Some(k);
                }
            }
            if let Some(a) = last_and {
                s = a + 1;
            }
        }
        (s < end).then_some(s)
    }

    /// A noun phrase starting at `a` (the speaker after an inverted cue): (start, end).
    pub(super) fn np_right(&self, ents: &Entities, a: usize, hi: usize) -> Option<(usize, usize)> {
        let mut e = a;
        while e < hi && e < a + 12 {
            let lw = self.tok.lower(e);
            if self.is_mark(e) || self.is_terminal(e) || self.tok.word(e) == "," {
                break;
            }
            if ents.mention_at(e).is_some()
                || matches!(
                    self.tok.tag(e),
                    Upos::Propn | Upos::Noun | Upos::Adj | Upos::Num | Upos::Det
                )
                || matches!(self.tok.word(e), "'s" | "’s")
                || (e == a
                    && (is_pronoun(&lw) || matches!(lw.as_str(), "his" | "her" | "its" | "their")))
                || (is(WordClass::Postmodifier, lw.as_str())
                    && e > a
                    && !matches!(lw.as_str(), "who" | "which" | "that" | "to"))
                || lw == "and"
            {
                e += 1;
                continue;
            }
            break;
        }
        while e > a
            && matches!(
                self.tok.lower(e - 1).as_str(),
                "and" | "of" | "from" | "at" | "in" | "for" | "with" | "on"
            )
        {
            e -= 1;
        }
        (e > a).then_some((a, e))
    }

    /// The subject of a cue: (speakers, first token of the subject phrase).
    pub(super) fn subject_before(
        &mut self,
        ents: &mut Actors,
        cue: usize,
        lo: usize,
    ) -> Option<(Vec<ActorRef>, usize)> {
        let mut k = cue;
        while k > lo
            && (is(WordClass::BeforeCue, self.tok.lower(k - 1).as_str())
                || (self.tok.tag(k - 1) == Upos::Adv && self.tok.lower(k - 1).ends_with("ly")))
        {
            k -= 1;
        }
        // `X on Thursday said`, `X last week said`
        while k >= lo + 3 && self.time_before(k) {
            k -= 2;
        }
        if k <= lo {
            return None;
        }
        // `Tadeo Varela, who acknowledged …`: the name before the relative
        if k > lo + 2 && self.tok.lower(k - 1) == "who" && self.tok.word(k - 2) == "," {
            let s2 = self.np_left(ents, k - 2, lo)?;
            let sp = self.resolve_np(ents, s2, k - 2, cue);
            return (!sp.is_empty()).then_some((sp, s2));
        }
        if self.tok.word(k - 1) == "," {
            return self.comma_subject(ents, k - 1, lo, cue);
        }
        // `X - a senior official - said`: the name before the apposition in dashes
        if k > lo + 2
            && self.tok.kind(k - 1) == TokenKind::Dash
            && let Some(d) = (lo..k - 1)
                .rev()
                .take(12)
                .find(|&d| self.tok.kind(d) == TokenKind::Dash)
            && let Some(s2) = self.np_left(ents, d, lo)
        {
            let sp2 = self.resolve_np(ents, s2, d, cue);
            if !sp2.is_empty() {
                return Some((sp2, s2));
            }
        }
        let start = self.np_left(ents, k, lo)?;
        let sp = self.resolve_np(ents, start, k, cue);
        (!sp.is_empty()).then_some((sp, start))
    }

    /// `on Thursday`, `last week` right before token `k`.
    fn time_before(&self, k: usize) -> bool {
        let (a, b) = (self.tok.lower(k - 2), self.tok.lower(k - 1));
        (a == "on" && crate::text::date::is_weekday(&b))
            || (matches!(a.as_str(), "last" | "this" | "earlier")
                && matches!(b.as_str(), "week" | "month" | "year" | "night" | "weekend"))
    }

    /// `X, who …, Y's deputy, said`: the comma-separated segments before the cue.
    pub(super) fn comma_subject(
        &mut self,
        ents: &mut Actors,
        comma: usize,
        lo: usize,
        cue: usize,
    ) -> Option<(Vec<ActorRef>, usize)> {
        let mut segs: Vec<Range<usize>> = Vec::new();
        let mut end = comma;
        loop {
            let mut start = end;
            while start > lo
                && self.tok.word(start - 1) != ","
                && end - start < 25
                && !self.is_mark(start - 1)
            {
                start -= 1;
            }
            if start == end || end - start >= 25 {
                break;
            }
            segs.push(start..end);
            if start == lo || self.tok.word(start - 1) != "," || segs.len() >= 5 {
                break;
            }
            end = start - 1;
        }
        let mut nps: Vec<Range<usize>> = Vec::new();
        let mut extra: Vec<ActorRef> = Vec::new();
        for s in &segs {
            let first = self.tok.lower(s.start);
            if matches!(
                first.as_str(),
                "who" | "which" | "whose" | "whom" | "where" | "when"
            ) {
                continue;
            }
            if matches!(
                first.as_str(),
                "including" | "among" | "notably" | "especially"
            ) {
                extra.extend(self.resolve_np(ents, s.start + 1, s.end, cue));
                continue;
            }
            let mut s = s.clone();
            // `But X, who …, said`: the connective is no part of the subject
            if s.start == lo
                && s.len() > 1
                && matches!(self.tok.tag(s.start), Upos::Cconj | Upos::Adv)
                && ents.mention_at(s.start).is_none()
            {
                s.start += 1;
            }
            let s = &s;
            let t = self.tok.tag(s.start);
            if matches!(t, Upos::Adp | Upos::Adv | Upos::Sconj | Upos::Cconj)
                || (t == Upos::Verb && ents.mention_at(s.start).is_none())
            {
                if s.start == lo {
                    break;
                }
                continue;
            }
            // a clause (a verb outside names) is not a subject
            if s.clone().any(|k| {
                matches!(self.tok.tag(k), Upos::Verb | Upos::Aux) && ents.mention_at(k).is_none()
            }) {
                break;
            }
            nps.push(s.clone());
        }
        // the leftmost phrase is the subject; a name in an apposition beats a role noun
        let mut best: Option<(Vec<ActorRef>, usize)> = None;
        for s in nps.iter().rev() {
            let Some(start) = self.np_left(ents, s.end, s.start) else {
                continue;
            };
            let sp = self.resolve_np(ents, start, s.end, cue);
            if sp.is_empty() {
                continue;
            }
            let named = sp.iter().any(|&e| ents.kind(e) != EntityKind::Group);
            if named {
                best = Some((sp, start));
                break;
            }
            if best.is_none() {
                best = Some((sp, start));
            }
        }
        let (mut sp, start) = best?;
        for e in extra {
            if !sp.contains(&e) {
                sp.push(e);
            }
        }
        Some((sp, start))
    }

    /// The first noun phrase of a sentence, before token `before`.
    pub(super) fn subject_of_sentence(
        &mut self,
        ents: &mut Actors,
        lo: usize,
        before: usize,
    ) -> Option<Vec<ActorRef>> {
        let mut k = lo;
        while k < before && k < lo + 8 {
            if ents.mention_at(k).is_some()
                || matches!(self.tok.tag(k), Upos::Propn | Upos::Noun | Upos::Pron)
            {
                let mut e = k;
                while e < before
                    && (ents.mention_at(e).is_some()
                        || matches!(self.tok.tag(e), Upos::Propn | Upos::Noun | Upos::Adj)
                        || matches!(self.tok.word(e), "'s" | "’s"))
                {
                    e += 1;
                }
                let e = e.max(k + 1);
                let sp = self.resolve_np(ents, k, e, before);
                return (!sp.is_empty()).then_some(sp);
            }
            k += 1;
        }
        None
    }

    /// An inverted speaker phrase and its apposition (`said the ministry's spokesman,
    /// Ana Ruiz`): the named person in the apposition wins over a role noun or group.
    pub(super) fn inverted_speaker(
        &mut self,
        ents: &mut Actors,
        a: usize,
        hi: usize,
        cue: usize,
    ) -> Option<(Vec<ActorRef>, usize)> {
        let (s, e) = self.np_right(ents, a, hi)?;
        let sp = self.resolve_np(ents, s, e, cue);
        let named = ents.entity_at(e - 1).is_some()
            && sp.iter().any(|&x| ents.kind(x) != EntityKind::Group);
        // the apposition after the next comma, a few words on
        let mut comma = e;
        while comma < hi && comma < e + 6 && self.tok.word(comma) != "," && !self.is_mark(comma) {
            comma += 1;
        }
        if !named
            && comma + 1 < hi
            && self.tok.word(comma) == ","
            && let Some((s2, e2)) = self.np_right(ents, comma + 1, hi)
        {
            let sp2 = self.resolve_np(ents, s2, e2, cue);
            if let [p] = sp2.as_slice()
                && ents.kind(*p) == EntityKind::Person
            {
                return Some((sp2, e2));
            }
        }
        (!sp.is_empty()).then_some((sp, e))
    }
}

pub(super) fn is_relative(lw: &str) -> bool {
    is(WordClass::RelativePronoun, lw)
}

pub(super) fn is_pronoun(lw: &str) -> bool {
    is(WordClass::SpeakerPronoun, lw)
}
