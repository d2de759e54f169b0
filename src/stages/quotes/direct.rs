//! Direct quotes: a run with an attribution frame after it (`"…," X said`) or before it
//! (`X said: "…"`), split quotes continued in lower case, and runs that continue the
//! previous speaker's quote or are attributed by the next sentence.

use std::ops::Range;

use super::StatementFact;
use super::confidence;
use super::context::{Cx, FRAME, is_dash};
use super::rank::Rule;
use super::runs::Run;
use super::subjects::is_relative;
use crate::lexicon::words::{WordClass, is};
use crate::stages::entities::{ActorRef, Actors};
use crate::stages::segment::Span;
use crate::tagger::Upos;
use crate::vocab::QuoteKind;

impl<'a> Cx<'a> {
    /// Direct statements from runs `which` (in text order).
    pub(super) fn direct(&mut self, runs: &[Run], which: Range<usize>, ents: &mut Actors) {
        for i in which {
            if self.run_used[i] {
                continue;
            }
            let r = &runs[i];
            let whole = self.whole_sentence(r);
            self.quote_open.set(Some(r.open));
            let mut found = self.after_frame(r, ents);
            if found.is_none() {
                found = self.before_frame(r, ents);
            }
            self.quote_open.set(None);
            let words = r.words(self);
            if let Some((speakers, cue, frame)) = found {
                // `called the move "irrational"`: a short quotation of what a speaker
                // called something
                let naming = cue < r.open && self.naming_frame(cue, r.open);
                if !naming && (self.is_title_like(r) || words < 2 || (words < 3 && !whole)) {
                    continue;
                }
                let mut parts: Vec<Range<usize>> = r.pieces.clone();
                let mut last_tok = r.last();
                // a quote split by its attribution and continued in lower case
                let j = i + 1;
                if j < runs.len() && self.continuation(r, &runs[j], frame.end) == Some(true) {
                    parts.extend(runs[j].pieces.iter().cloned());
                    last_tok = runs[j].last();
                    self.run_used[j] = true;
                }
                let conf = confidence::FRAMED_QUOTE;
                let rule = if cue < r.open {
                    Rule::BeforeFrame
                } else {
                    Rule::AfterFrame
                };
                let k = self.push_direct(
                    ents,
                    rule,
                    &parts,
                    speakers,
                    cue,
                    r.open,
                    last_tok.max(frame.end),
                    conf,
                );
                self.used[cue] = true;
                self.attributed(i, r.last_para, k);
                // a following whole-sentence quote in the same frame gets the same speaker
                continue;
            }
            if !whole || self.is_title_like(r) || words < 3 {
                continue;
            }
            // quote first, speaker in the next sentence
            self.quote_open.set(Some(r.open));
            let next = self.next_sentence_speaker(r, ents);
            self.quote_open.set(None);
            if let Some((speakers, cue)) = next {
                let k = self.push_direct(
                    ents,
                    Rule::NextSentence,
                    &r.pieces,
                    speakers,
                    cue,
                    r.open,
                    r.last(),
                    confidence::NEXT_SENTENCE_SPEAKER,
                );
                self.used[cue] = true;
                self.attributed(i, r.last_para, k);
                continue;
            }
            // `"A. "B," she said.`: a sentence of quotation right before an attributed one
            if let Some(n) = runs.get(i + 1)
                && n.para == r.last_para
                && r.close.is_some_and(|c| n.open <= c + 1)
                && let Some((speakers, cue, _)) = {
                    self.quote_open.set(Some(r.open));
                    let f = self.after_frame(n, ents);
                    self.quote_open.set(None);
                    f
                }
            {
                self.push_direct(
                    ents,
                    Rule::AfterFrame,
                    &r.pieces,
                    speakers,
                    cue,
                    r.open,
                    r.last(),
                    confidence::CONTINUED_QUOTE,
                );
                self.run_used[i] = true;
                continue;
            }
            // continuation of the previous speaker's quote, or a paragraph of quotation
            // after a speaker's reported statement
            if let Some((speakers, p, k)) = self.previous_statement(r) {
                let same_para = p == r.para;
                let prev_para = p < r.para
                    && (p + 1..r.para).all(|x| self.para_tokens[x].is_empty())
                    && self.para_tokens[r.para].start == r.open;
                if same_para || prev_para {
                    let cue = self.out[k].cue.clone();
                    let parts: Vec<Span> = r
                        .pieces
                        .iter()
                        .filter_map(|p| self.piece_span(p.clone()))
                        .collect();
                    if let (Some(f), Some(l)) = (parts.first(), parts.last()) {
                        let text = Span::new(f.start, l.end);
                        let evidence = self.evidence(r.open, r.last());
                        let cue_tok = r.open;
                        let speakers = self.choose_speakers(
                            ents,
                            speakers,
                            Rule::Continued,
                            cue_tok,
                            r.first()..r.last(),
                        );
                        self.out.push(StatementFact {
                            speakers: speakers.clone(),
                            text,
                            parts: if parts.len() > 1 { parts } else { Vec::new() },
                            kind: QuoteKind::Direct,
                            cue,
                            evidence,
                            confidence: confidence::CONTINUED_QUOTE,
                        });
                        self.record_choice();
                        self.last = Some((speakers, self.sent(r.open)));
                        self.attributed(i, r.last_para, self.out.len() - 1);
                    }
                }
            }
        }
    }

    /// The most recent statement before run `r`: (speakers, its paragraph, index in
    /// `out`).
    fn previous_statement(&self, r: &Run) -> Option<(Vec<ActorRef>, usize, usize)> {
        let k = self.out.len().checked_sub(1)?;
        let st = &self.out[k];
        let open_at = self.tok.seg.tokens[r.open].span.start;
        if st.evidence.start > open_at {
            return None;
        }
        let (_, si) = self.last.as_ref()?;
        let p = self.para_of_sentence(*si)?;
        if let Some((sp, dp, dk)) = &self.last_direct
            && *dk == k
        {
            return Some((sp.clone(), *dp, k));
        }
        Some((st.speakers.clone(), p, k))
    }

    /// Run `i`, ending in paragraph `para`, is direct quote `k` of `out`: it is used, and
    /// its speakers are the last direct quote's.
    fn attributed(&mut self, i: usize, para: usize, k: usize) {
        self.run_used[i] = true;
        let speakers = self
            .out
            .get(k)
            .map(|s| s.speakers.clone())
            .unwrap_or_default();
        self.last_direct = Some((speakers, para, k));
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn push_direct(
        &mut self,
        ents: &mut Actors,
        rule: Rule,
        pieces: &[Range<usize>],
        speakers: Vec<ActorRef>,
        cue: usize,
        from: usize,
        to: usize,
        confidence: f32,
    ) -> usize {
        let parts: Vec<Span> = pieces
            .iter()
            .filter_map(|p| self.piece_span(p.clone()))
            .collect();
        let (Some(f), Some(l)) = (parts.first().copied(), parts.last().copied()) else {
            return self.out.len().saturating_sub(1);
        };
        let stmt = pieces.first().map_or(0, |p| p.start)..pieces.last().map_or(0, |p| p.end);
        let speakers = self.choose_speakers(ents, speakers, rule, cue, stmt);
        let cue_text = self.cue_text(cue);
        let evidence = self.evidence(from.min(cue), to.max(cue));
        self.out.push(StatementFact {
            speakers: speakers.clone(),
            text: Span::new(f.start, l.end),
            parts: if parts.len() > 1 { parts } else { Vec::new() },
            kind: QuoteKind::Direct,
            cue: cue_text,
            evidence,
            confidence,
        });
        self.record_choice();
        self.last = Some((speakers, self.sent(cue)));
        self.out.len() - 1
    }

    /// `"…," X said` / `"…," said X` / `"…?" she asked`: (speakers, cue, frame tokens).
    pub(super) fn after_frame(
        &mut self,
        r: &Run,
        ents: &mut Actors,
    ) -> Option<(Vec<ActorRef>, usize, Range<usize>)> {
        let c = r.close?;
        let pt = self.para_tokens[r.last_para].clone();
        let mut a = c + 1;
        if a < pt.end && (matches!(self.tok.word(a), "," | ":") || is_dash(self.tok.kind(a))) {
            a += 1;
        }
        // the quote must end its clause: `,`/`?`/`!` inside or right after the marks
        let inner_end = r.last().saturating_sub(1);
        let ends_clause = matches!(
            self.tok.word(inner_end.max(r.first())),
            "," | "?" | "!" | "." | "—"
        ) || a > c + 1
            || is_dash(self.tok.kind(inner_end.max(r.first())));
        // a full stop ends the sentence: what follows is a new one (see
        // `next_sentence_speaker`)
        if !ends_clause || self.tok.word(inner_end.max(r.first())) == "." {
            return None;
        }
        let mut end = a;
        while end < pt.end && end < a + FRAME && !self.is_mark(end) && !self.is_terminal(end) {
            end += 1;
        }
        if a >= end {
            return None;
        }
        // cue first: `said X`, `according to X`
        if self.tok.lower(a) == "according" && a + 1 < end && self.tok.lower(a + 1) == "to" {
            let (sp, e) = self.inverted_speaker(ents, a + 2, end, a)?;
            return Some((sp, a, c + 1..e));
        }
        if self.verb_cue(a).is_some() {
            let (sp, e) = self.inverted_speaker(ents, a + 1, end, a)?;
            return Some((sp, a, c + 1..e));
        }
        // speaker first: `X said`; a verb the lexicon does not list in that place (`"…,"
        // she fumed`) is a cue too: a quotation ending in a comma, `?` or `!` and a
        // subject with its verb report the quotation whatever the verb
        let cue = match (a..end).find(|&k| self.verb_cue(k).is_some()) {
            Some(c) => c,
            None => self.open_verb_cue(ents, a, end)?,
        };
        if self.negated(cue, a) {
            return None;
        }
        let mut k = cue;
        while k > a && is(WordClass::BeforeCue, self.tok.lower(k - 1).as_str()) {
            k -= 1;
        }
        if k <= a {
            return None;
        }
        // `"…," Ines Halvorsen, the party spokeswoman, said`: the name before the
        // apposition
        if self.tok.word(k - 1) == "," {
            let (sp, start) = self.comma_subject(ents, k - 1, a, cue)?;
            return (start == a && !sp.is_empty()).then_some((sp, cue, c + 1..cue + 1));
        }
        let start = self.np_left(ents, k, a)?;
        if start != a {
            return None;
        }
        let sp = self.resolve_np(ents, start, k, cue);
        (!sp.is_empty()).then_some((sp, cue, c + 1..cue + 1))
    }

    /// The verb right after the noun phrase that opens the frame `a..end` of a quotation
    /// (`"…," Halvorsen gushed.`, `"…?" the minister snapped at reporters.`): a finite
    /// verb in lower case, the phrase before it a noun phrase from `a`, nothing but an
    /// object, adverbials or the sentence end after it.
    fn open_verb_cue(&self, ents: &Actors, a: usize, end: usize) -> Option<usize> {
        let k = (a + 1..end).find(|&k| {
            !matches!(
                self.tok.tag(k),
                Upos::Propn | Upos::Noun | Upos::Adj | Upos::Num | Upos::Det
            ) && ents.mention_at(k).is_none()
                && !matches!(self.tok.word(k), "'s" | "’s")
        })?;
        let w = self.tok.word(k);
        let finite = w.ends_with("ed") || (w.ends_with('s') && !w.ends_with("ss"));
        if self.tok.tag(k) != Upos::Verb
            || !finite
            || !w.chars().next().is_some_and(char::is_lowercase)
            || self.lx.cues.contains_key(&self.tok.lower(k))
            || self.np_left(ents, k, a) != Some(a)
        {
            return None;
        }
        Some(k)
    }

    /// `X said: "…"` / `X told reporters, "…"` / `X said that "…"`.
    pub(super) fn before_frame(
        &mut self,
        r: &Run,
        ents: &mut Actors,
    ) -> Option<(Vec<ActorRef>, usize, Range<usize>)> {
        let o = r.open;
        let pt = self.para_tokens[r.para].clone();
        if o <= pt.start {
            return None;
        }
        let mut lo = o;
        while lo > pt.start
            && o - lo < 2 * FRAME
            && !self.is_mark(lo - 1)
            && !self.is_terminal(lo - 1)
        {
            lo -= 1;
        }
        let mut k = o;
        if matches!(self.tok.word(k - 1), ":" | "," | "that") {
            k -= 1;
        }
        // the cue within a few tokens before the mark, with only its object or
        // adverbials in between
        let mut cue = None;
        let mut j = k;
        while j > lo && k - j < 10 {
            j -= 1;
            if self.verb_cue(j).is_some() {
                cue = Some(j);
                break;
            }
            if matches!(self.tok.tag(j), Upos::Verb | Upos::Aux) || self.tok.word(j) == "," {
                break;
            }
        }
        let Some(cue) = cue else {
            return self.colon_label(r, ents, lo);
        };
        // a bare `said "…"` needs the quote to run to the end of the sentence
        if self.negated(cue, lo) {
            return None;
        }
        if k == o && cue + 1 < o && !(self.naming_frame(cue, o) && r.words(self) <= 8) {
            return None;
        }
        if self.is_participle_cue(cue) && cue > lo && self.tok.word(cue - 1) == "," {
            // `X derided the plan, saying: "…"`
            let sp = self.subject_of_sentence(ents, lo, cue - 1)?;
            return Some((sp, cue, cue..o));
        }
        // `X … and said: "…"`, `X began by noting: "…"`: a coordinated cue or a participle
        // after a preposition or adverb reports the sentence's subject
        let mut b = cue;
        while b > lo && self.tok.tag(b - 1) == Upos::Adv {
            b -= 1;
        }
        let coordinated = b > lo
            && (matches!(self.tok.lower(b - 1).as_str(), "and" | "but")
                || (self.is_participle_cue(cue)
                    && matches!(self.tok.lower(b - 1).as_str(), "by" | "before" | "after")));
        if coordinated {
            let sp = self.subject_of_sentence(ents, lo, b - 1)?;
            return Some((sp, cue, cue..o));
        }
        let (sp, start) = self.subject_before(ents, cue, lo)?;
        if start > lo && is_relative(&self.tok.lower(start - 1)) {
            return None;
        }
        Some((sp, cue, cue..o))
    }

    /// `Tomas Brekke, The Evening Courier: "…"`: a paragraph that opens with a person's
    /// name (and where they write or speak) and a colon, then a quotation to the end of
    /// the paragraph, the way a round-up of opinions attributes each one. The colon is
    /// the cue.
    fn colon_label(
        &mut self,
        r: &Run,
        ents: &mut Actors,
        lo: usize,
    ) -> Option<(Vec<ActorRef>, usize, Range<usize>)> {
        let o = r.open;
        let colon = o.checked_sub(1)?;
        let pt = &self.para_tokens[r.para];
        let last_pt = &self.para_tokens[r.last_para];
        if self.tok.word(colon) != ":"
            || lo != pt.start
            || colon <= lo
            || colon - lo > 10
            || r.close.is_some_and(|c| c + 2 < last_pt.end)
            || (lo..colon).any(|k| {
                matches!(self.tok.tag(k), Upos::Verb | Upos::Aux) && ents.mention_at(k).is_none()
            })
        {
            return None;
        }
        let end = (lo..colon)
            .find(|&k| self.tok.word(k) == "," && ents.mention_at(k).is_none())
            .unwrap_or(colon);
        let e = ents.entity_at(end - 1)?;
        let m = ents.mention_at(lo)?;
        if ents.entities[e].kind != crate::vocab::EntityKind::Person || ents.mention_entity[m] != e
        {
            return None;
        }
        Some((vec![ActorRef::Entity(e)], colon, colon..o))
    }

    /// `called X "…"`, `labelling her a "…"`, `rejected as "…"`: a verb of naming
    /// before the quotation that opens at `open` (`as` right before it for verbs of
    /// judging).
    pub(super) fn naming_frame(&self, cue: usize, open: usize) -> bool {
        let Some(c) = self.lx.cues.get(&self.tok.lower(cue)) else {
            return false;
        };
        let as_before = (open.saturating_sub(3)..open).any(|k| self.tok.lower(k) == "as");
        match c.lemma.as_str() {
            "call" | "brand" | "label" | "dub" | "describe" => true,
            "blast" | "condemn" | "dismiss" | "reject" | "denounce" | "hail" | "praise"
            | "criticise" | "criticize" | "attack" => as_before,
            _ => false,
        }
    }

    /// Whether run `n` continues `r` across its attribution: Some(true) when the frame
    /// ends with a comma and `n` goes on in lower case (one statement), Some(false)
    /// when `n` is a new sentence by the same speaker, None when unrelated.
    pub(super) fn continuation(&self, r: &Run, n: &Run, frame_end: usize) -> Option<bool> {
        if n.para != r.last_para {
            return None;
        }
        let c = r.close?;
        if frame_end <= c {
            return None;
        }
        // only frame words between the two runs
        let mut k = frame_end;
        let pt = &self.para_tokens[n.para];
        while k < n.open && k < pt.end && !self.is_terminal(k) && k < frame_end + FRAME {
            k += 1;
        }
        let gap_has_terminal = (frame_end..n.open).any(|t| self.is_terminal(t));
        if k != n.open && !gap_has_terminal {
            return None;
        }
        if n.open - frame_end > FRAME {
            return None;
        }
        let first = n.first();
        let lower = self
            .tok
            .word(first)
            .chars()
            .next()
            .is_some_and(char::is_lowercase);
        let comma_before = n.open > 0 && matches!(self.tok.word(n.open - 1), "," | "—" | "–");
        Some(lower && comma_before && !gap_has_terminal)
    }

    /// `"…" The remark came from X.` — the next sentence names a speaker with a cue and
    /// reports nothing else.
    pub(super) fn next_sentence_speaker(
        &mut self,
        r: &Run,
        ents: &mut Actors,
    ) -> Option<(Vec<ActorRef>, usize)> {
        let c = r.close?;
        let pt = self.para_tokens[r.last_para].clone();
        let mut a = c + 1;
        while a < pt.end && (self.is_terminal(a) || self.is_mark(a)) {
            a += 1;
        }
        if a >= pt.end || a != c + 1 && self.is_mark(a) {
            return None;
        }
        let sr = self.sentence_range(a);
        let end = sr.end.min(pt.end);
        if (a..end).any(|k| self.is_mark(k)) || end - a > FRAME + 6 {
            return None;
        }
        let cue = (a..end).find(|&k| self.verb_cue(k) == Some(1))?;
        if self.negated(cue, a) {
            return None;
        }
        // nothing reported after the cue
        let rest = self.skip_adverbials(cue + 1, end);
        if rest < end && !self.is_terminal(rest) {
            return None;
        }
        let (sp, _) = self.subject_before(ents, cue, a)?;
        Some((sp, cue))
    }
}
