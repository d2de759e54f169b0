//! Indirect quotes, per sentence: `X said (that) CLAUSE`, `according to X`, trailing
//! attribution (`CLAUSE, X said`) and reporting nouns (`X's warning that CLAUSE`).

use std::ops::Range;

use super::StatementFact;
use super::complements::bare_clause_cue;
use super::confidence;
use super::context::{Cx, FRAME};
use super::rank::Rule;
use super::subjects::is_relative;
use crate::lexicon::words::{WordClass, is};
use crate::stages::entities::{ActorRef, Actors};
use crate::stages::segment::Span;
use crate::tagger::Upos;
use crate::vocab::QuoteKind;

impl<'a> Cx<'a> {
    /// Indirect statements of sentence `si`.
    pub(super) fn indirect(&mut self, si: usize, ents: &mut Actors) {
        let seg = self.tok.seg;
        self.covered.clear();
        {
            let toks = seg.sentences[si].tokens.clone();
            if toks.is_empty() {
                return;
            }
            let mut sent_speakers: Option<Vec<ActorRef>> = None;
            // trailing attribution and `according to` first, so cues inside their
            // clause count as nested
            self.according(si, toks.clone(), ents);
            self.trailing(si, toks.clone(), ents, &mut sent_speakers);
            for t in toks.clone() {
                if self.used[t] || self.quoted(t) {
                    continue;
                }
                if self.covered.iter().any(|c| c.contains(&t)) {
                    continue;
                }
                if let Some(strength) = self.verb_cue(t) {
                    self.verb_report(si, toks.clone(), t, strength, ents, &mut sent_speakers);
                } else if self.tok.tag(t) == Upos::Noun {
                    self.noun_report(toks.clone(), t, ents);
                }
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn push_indirect(
        &mut self,
        ents: &mut Actors,
        rule: Rule,
        speakers: Vec<ActorRef>,
        parts: Vec<Span>,
        cue: usize,
        cue_text: String,
        evidence: Span,
        confidence: f32,
        clause: Range<usize>,
    ) {
        let (Some(f), Some(l)) = (parts.first().copied(), parts.last().copied()) else {
            return;
        };
        if speakers.is_empty() {
            return;
        }
        // the statement's tokens (the clause range may hold the attribution)
        let toks = &self.tok.seg.tokens;
        let stmt = toks.partition_point(|t| t.span.end <= f.start)
            ..toks.partition_point(|t| t.span.start < l.end);
        let speakers = self.choose_speakers(ents, speakers, rule, cue, stmt);
        self.used[cue] = true;
        self.covered.push(clause);
        self.last = Some((speakers.clone(), self.sent(cue)));
        self.out.push(StatementFact {
            speakers,
            text: Span::new(f.start, l.end),
            parts: if parts.len() > 1 { parts } else { Vec::new() },
            kind: QuoteKind::Indirect,
            cue: cue_text,
            evidence,
            confidence,
        });
        self.record_choice();
    }

    /// `according to X, CLAUSE` / `CLAUSE, according to X` / `A, according to X, B` /
    /// `in X's words, CLAUSE`.
    pub(super) fn according(&mut self, si: usize, toks: Range<usize>, ents: &mut Actors) {
        let evidence = self.tok.seg.sentences[si].span;
        for t in toks.clone() {
            if self.quoted(t) || self.used[t] {
                continue;
            }
            let acc = self.tok.lower(t) == "according"
                && t + 1 < toks.end
                && self.tok.lower(t + 1) == "to";
            let words = self.tok.lower(t) == "in"
                && t + 3 < toks.end
                && (t + 2..(t + 6).min(toks.end)).any(|k| self.tok.lower(k) == "words")
                && !self.quoted(t + 1);
            if !acc && !words {
                continue;
            }
            let (np_start, np_end, cue_text) = if acc {
                // the speaker phrase runs to the next comma or the sentence end
                let mut e = t + 2;
                while e < toks.end
                    && e < t + 2 + FRAME
                    && self.tok.word(e) != ","
                    && !self.is_terminal(e)
                    && !self.is_mark(e)
                {
                    e += 1;
                }
                (t + 2, e, "according to".to_string())
            } else {
                let wk = (t + 2..(t + 6).min(toks.end))
                    .find(|&k| self.tok.lower(k) == "words")
                    .unwrap_or(t + 2);
                if wk + 1 >= toks.end || self.tok.word(wk + 1) != "," {
                    continue;
                }
                // "in X's words" or "in the words of X"
                if self.tok.lower(wk + 1) == "of" {
                    continue;
                }
                let mut e = wk;
                if e > t + 1 && matches!(self.tok.word(e - 1), "'s" | "’s" | "'" | "’") {
                    e -= 1;
                }
                (t + 1, e, format!("in {} words", self.tok.word(wk - 1)))
            };
            if np_start >= np_end {
                continue;
            }
            let sp = self.resolve_np(ents, np_start, np_end, t);
            if sp.is_empty() {
                continue;
            }
            let before = (toks.start, t.saturating_sub(1).max(toks.start));
            let before_end = if t > toks.start && self.tok.word(t - 1) == "," {
                t - 1
            } else {
                t
            };
            let after_end = if acc {
                np_end
            } else {
                (t + 2..(t + 6).min(toks.end))
                    .find(|&k| self.tok.lower(k) == "words")
                    .unwrap_or(np_end)
                    + 1
            };
            let after_start = if after_end < toks.end && self.tok.word(after_end) == "," {
                after_end + 1
            } else {
                after_end
            };
            let mut parts = Vec::new();
            let mut clause_lo = before.0;
            let mut clause_hi = toks.end;
            if self.word_count(before.0, before_end) >= 3 {
                // the part before may start after a clause boundary
                let mut s0 = before.0;
                for k in (before.0..before_end).rev() {
                    if self.is_terminal(k) {
                        s0 = k + 1;
                        break;
                    }
                }
                clause_lo = s0;
                parts.extend(self.span_of(s0, before_end));
            }
            let end = self.clause_end(after_start, toks.end);
            if after_start < toks.end && self.word_count(after_start, end) >= 3 {
                parts.extend(self.span_of(after_start, end));
                clause_hi = end;
            } else {
                clause_hi = clause_hi.min(before_end.max(after_end));
            }
            if parts.is_empty() {
                continue;
            }
            self.push_indirect(
                ents,
                Rule::According,
                sp,
                parts,
                t,
                cue_text,
                evidence,
                confidence::ACCORDING_TO,
                clause_lo..clause_hi,
            );
        }
    }

    /// `CLAUSE, X said.` / `CLAUSE, said X.` / `CLAUSE, X told reporters on Monday.`
    pub(super) fn trailing(
        &mut self,
        si: usize,
        toks: Range<usize>,
        ents: &mut Actors,
        sent_speakers: &mut Option<Vec<ActorRef>>,
    ) {
        let evidence = self.tok.seg.sentences[si].span;
        // the last comma outside quotes followed by an attribution to the sentence end
        let mut comma = None;
        for k in (toks.start..toks.end).rev() {
            if self.tok.word(k) == "," && !self.quoted(k) {
                comma = Some(k);
                break;
            }
            if toks.end - k > FRAME + 4 || self.is_mark(k) {
                break;
            }
        }
        let Some(comma) = comma else { return };
        if comma < toks.start + 3 {
            return;
        }
        let a = comma + 1;
        let end = toks.end;
        let cue = (a..end).find(|&k| self.verb_cue(k) == Some(1));
        let Some(cue) = cue else { return };
        if self.negated(cue, a) || self.is_participle_cue(cue) {
            return;
        }
        // after the cue: only its object (tell) and adverbials
        let rest = self.skip_object_and_adverbials(cue, end);
        if rest < end && !self.is_terminal(rest) {
            return;
        }
        let speakers = if cue == a {
            // `CLAUSE, said X`
            let Some((sp, _)) = self.inverted_speaker(ents, a + 1, end, cue) else {
                return;
            };
            sp
        } else {
            let mut k = cue;
            while k > a && is(WordClass::BeforeCue, self.tok.lower(k - 1).as_str()) {
                k -= 1;
            }
            let Some(start) = self.np_left(ents, k, a) else {
                return;
            };
            if start != a {
                return;
            }
            self.resolve_np(ents, start, k, cue)
        };
        if speakers.is_empty() {
            return;
        }
        // the clause: from the sentence start (or the preceding quotation) to the comma
        let mut lo = toks.start;
        for k in (toks.start..comma).rev() {
            if self.is_mark(k) || self.is_terminal(k) {
                lo = k + 1;
                break;
            }
        }
        if (lo..comma).any(|k| self.quoted(k) && self.used_run(k)) {
            return;
        }
        if self.word_count(lo, comma) < 3 {
            return;
        }
        let Some(span) = self.span_of(lo, comma) else {
            return;
        };
        *sent_speakers = Some(speakers.clone());
        let cue_text = self.tok.word(cue).to_string();
        self.push_indirect(
            ents,
            Rule::Trailing,
            speakers,
            vec![span],
            cue,
            cue_text,
            evidence,
            confidence::TRAILING_ATTRIBUTION,
            lo..end,
        );
    }

    /// `X said (that) CLAUSE` and its variants.
    pub(super) fn verb_report(
        &mut self,
        si: usize,
        toks: Range<usize>,
        cue: usize,
        strength: u8,
        ents: &mut Actors,
        sent_speakers: &mut Option<Vec<ActorRef>>,
    ) {
        let evidence = self.tok.seg.sentences[si].span;
        let lo = toks.start;
        if self.negated(cue, lo) {
            return;
        }
        // the speakers
        let mut k = cue;
        while k > lo && is(WordClass::BeforeCue, self.tok.lower(k - 1).as_str()) {
            k -= 1;
        }
        let coordinated = k > lo
            && (matches!(self.tok.lower(k - 1).as_str(), "and" | "but")
                || (self.tok.word(k - 1) == "," && self.is_participle_cue(cue)));
        let mut what = false;
        let mut object_relative = false;
        let speakers = if coordinated {
            let prev = sent_speakers.clone().or_else(|| {
                self.last
                    .as_ref()
                    .filter(|(_, s)| *s == si)
                    .map(|(v, _)| v.clone())
            });
            match prev {
                Some(p) => p,
                None => match self.subject_of_sentence(ents, lo, k) {
                    Some(p) => p,
                    None => return,
                },
            }
        } else {
            let Some((sp, start)) = self.subject_before(ents, cue, lo) else {
                return;
            };
            what = start > lo && self.tok.lower(start - 1) == "what";
            // `the man who he described as …`: an object relative, no report; but `costs,
            // which the agency says have risen`: the relative's verb phrase is reported
            object_relative = start > lo && is_relative(&self.tok.lower(start - 1));
            sp
        };
        // the complement
        let end = toks.end;
        let lemma = self
            .lx
            .cues
            .get(&self.tok.lower(cue))
            .map(|c| c.lemma.clone())
            .unwrap_or_default();
        if object_relative {
            let c = self.skip_adverbials(cue + 1, end);
            let finite = c < end
                && !self.quoted(c)
                && (self.tok.tag(c) == Upos::Aux
                    || (self.tok.tag(c) == Upos::Verb && !self.tok.lower(c).ends_with("ing")));
            if !finite || !bare_clause_cue(&lemma) {
                return;
            }
            let cend = self.clause_end(c, end);
            if self.word_count(c, cend) < 3 {
                return;
            }
            let Some(span) = self.span_of(c, cend) else {
                return;
            };
            let cue_text = self.tok.word(cue).to_string();
            self.push_indirect(
                ents,
                Rule::Linked,
                speakers,
                vec![span],
                cue,
                cue_text,
                evidence,
                confidence::LINKED_REPORT,
                c..cend,
            );
            return;
        }
        if let Some(range) = self.linked_complement(ents, cue, &lemma, end) {
            if self.quoted(range.start) && self.used_run(range.start) {
                return;
            }
            let Some(span) = self.span_of(range.start, range.end) else {
                return;
            };
            *sent_speakers = Some(speakers.clone());
            let cue_text = self.tok.word(cue).to_string();
            self.push_indirect(
                ents,
                Rule::Linked,
                speakers,
                vec![span],
                cue,
                cue_text,
                evidence,
                confidence::LINKED_REPORT,
                range,
            );
            return;
        }
        let mut c = self.skip_adverbials(cue + 1, end);
        let mut that = false;
        if lemma == "tell" || (c < end && self.tok.lower(c) != "that") {
            // `told reporters (on Monday) that`, `warned Europe that`
            let o = self.skip_object_and_adverbials(cue, end);
            if (o < end && self.tok.lower(o) == "that") || lemma == "tell" {
                c = o;
            }
        }
        let complementizer = c < end
            && self.tok.lower(c) == "that"
            && !(c + 1 < end && self.tok.tag(c + 1) == Upos::Aux);
        if complementizer || (c < end && self.tok.word(c) == ":") {
            that = true;
            c += 1;
        } else if c + 1 < end && self.tok.word(c) == "," && self.tok.lower(c + 1) == "that" {
            that = true;
            c += 2;
        }
        if what && c < end && matches!(self.tok.lower(c).as_str(), "was" | "is" | "were" | "are") {
            that = true;
            c += 1;
        }
        if !that && let Some(t) = self.distant_that(c, end) {
            that = true;
            c = t + 1;
        }
        if c >= end {
            return;
        }
        let bare = !that
            && bare_clause_cue(&lemma)
            && (lemma != "tell" || c > cue + 1)
            && self.loose_clause(c, self.clause_end(c, end));
        let describe_as = strength == 2
            && matches!(lemma.as_str(), "describe")
            && (c..(c + 10).min(end)).any(|k| self.tok.lower(k) == "as");
        if !that && !describe_as && !bare && (strength != 1 || !self.looks_like_clause(c, end)) {
            return;
        }
        // a direct quote right here is reported already
        if self.quoted(c) && self.used_run(c) {
            return;
        }
        let cend = self.clause_end(c, end);
        if self.word_count(c, cend) < 2 {
            return;
        }
        let Some(span) = self.span_of(c, cend) else {
            return;
        };
        *sent_speakers = Some(speakers.clone());
        let cue_text = self.tok.word(cue).to_string();
        let conf = if strength == 1 {
            confidence::SPEECH_VERB_REPORT
        } else {
            confidence::STANCE_VERB_REPORT
        };
        self.push_indirect(
            ents,
            if strength == 1 {
                Rule::SpeechVerb
            } else {
                Rule::StanceVerb
            },
            speakers,
            vec![span],
            cue,
            cue_text,
            evidence,
            conf,
            c..cend,
        );
    }

    /// `X's warning that CLAUSE`, `the claim by X that CLAUSE`.
    pub(super) fn noun_report(&mut self, toks: Range<usize>, t: usize, ents: &mut Actors) {
        let Some(c) = self
            .lx
            .cues
            .get(self.tok.word(t))
            .or_else(|| self.lx.cues.get(&self.tok.lower(t)))
        else {
            return;
        };
        if c.lemma == "according to" {
            return;
        }
        let end = toks.end;
        let mut k = t + 1;
        let mut speaker: Vec<ActorRef> = Vec::new();
        // `the warning by X that`
        if k < end
            && self.tok.lower(k) == "by"
            && let Some((s, e)) = self.np_right(ents, k + 1, end)
        {
            speaker = self.resolve_np(ents, s, e, t);
            k = e;
        }
        if k >= end || self.tok.lower(k) != "that" {
            return;
        }
        if speaker.is_empty() {
            // a possessor right before the noun (adjectives between)
            let mut p = t;
            while p > toks.start
                && t - p < 4
                && matches!(self.tok.tag(p - 1), Upos::Adj | Upos::Adv)
            {
                p -= 1;
            }
            if p == toks.start {
                return;
            }
            let q = p - 1;
            if matches!(self.tok.word(q), "'s" | "’s" | "'" | "’") && q > toks.start {
                if let Some(start) = self.np_left(ents, q, toks.start) {
                    speaker = self.resolve_np(ents, start, q, t);
                }
            } else if matches!(self.tok.lower(q).as_str(), "his" | "her" | "their" | "its") {
                let pron = match self.tok.lower(q).as_str() {
                    "his" => "he",
                    "her" => "she",
                    "their" => "they",
                    _ => "it",
                };
                speaker.extend(self.pronoun_word(ents, pron, q));
            }
        }
        if speaker.is_empty() {
            return;
        }
        let c0 = k + 1;
        let cend = self.clause_end(c0, end);
        if !self.looks_like_clause(c0, cend) || self.word_count(c0, cend) < 3 {
            return;
        }
        let Some(span) = self.span_of(c0, cend) else {
            return;
        };
        let evidence = self.evidence(t, t);
        let cue_text = self.tok.word(t).to_string();
        self.push_indirect(
            ents,
            Rule::Noun,
            speaker,
            vec![span],
            t,
            cue_text,
            evidence,
            confidence::NOUN_REPORT,
            c0..cend,
        );
    }
}
