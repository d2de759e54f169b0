//! Statements: direct and indirect quotes with their speakers and cues.
//!
//! Entry point: [`extract`] (or [`extract_with_roles`], which also uses the roles stage's
//! titles to find "the spokesman"). Three passes over the body paragraphs:
//!
//! 1. **Quotation runs**, per paragraph (sentences split inside quotes, so quotes are found
//!    on paragraphs): an opening mark, then the closing mark. A run left open at the end of
//!    a paragraph continues only if the next paragraph opens with a mark (the news
//!    convention for quotes over several paragraphs); otherwise it is dropped, so an
//!    unbalanced mark never swallows the article.
//! 2. **Direct quotes**: a run is a statement when an attribution frame stands next to it —
//!    after it (`"…," X said.`, `"…," said X.`) or before it (`X said: "…"`,
//!    `X told reporters, "…"`). A quote split by its attribution and continued in lower case
//!    (`"We will not," she said, "give up."`) is one statement; a run that is a whole
//!    sentence without a frame is said by the speaker of the previous quote in the
//!    paragraph (or paragraph before), or by the speaker named in the next sentence.
//!    Short runs and titles in running text (scare quotes, titles of works, partial quotes
//!    inside a reported clause) are not statements of their own.
//! 3. **Indirect quotes**, per sentence: `X said/warned/… (that) CLAUSE`, `according to X,
//!    CLAUSE`, `CLAUSE, according to X`, `CLAUSE, X said`, `what X said was CLAUSE`, and
//!    reporting nouns (`X's warning that CLAUSE`). The clause stops at the sentence end, at
//!    a coordinated new report (`…, but said …`, `- though he acknowledged …`) and before
//!    trailing attribution.
//!
//! Speakers come from the noun phrase of the frame: named entities, pronouns (the speaker
//! of the discourse first, then [`Entities::resolve_pronoun`]), role nouns matched to a
//! person holding the role (`the spokesman`), groups named by their phrase (`analysts`,
//! `a former senior official`), demonyms for their state (`the Israelis`), and
//! coordinations (`She and other leaders, including A and B,`). Cues and speaker nouns are
//! data (`lexicon/cues.tsv`, `lexicon/speaker-nouns.tsv`). Every scan is bounded by a
//! small window, so time is linear in the input even on hostile text.

use std::ops::Range;

use crate::lexicon::words::{WordClass, is};
use crate::lexicon::{Gender, Lexicon, SpeakerClass, lexicon};
use crate::stages::entities::{ActorRef, Actors, Entities, Staged};
use crate::stages::roles::RoleFact;
use crate::stages::segment::{ParagraphKind, Segmentation, Span, TokenKind};
use crate::stages::tokens::TokenView;
use crate::tagger::Upos;
use crate::tagging::Tags;
use crate::text::Document;
use crate::text::shape::{is_all_caps, is_capitalized};
use crate::vocab::{EntityKind, QuoteKind};

/// A statement found in the text. The stage returns its speakers as [`ActorRef`]s (a
/// group or a country may be a requested actor); the pipeline settles them into entity
/// indices (`A = usize`).
#[derive(Clone, Debug, PartialEq)]
pub struct StatementFact<A = usize> {
    /// Speakers; one statement may be said by several.
    pub speakers: Vec<A>,
    /// The quoted words or the reported clause (for a quote split by its attribution,
    /// the extent from its first to its last word; see `parts`).
    pub text: Span,
    /// The fragments of a discontinuous statement, in text order (empty when `text` is
    /// contiguous). Its text is the fragments joined by one space.
    pub parts: Vec<Span>,
    pub kind: QuoteKind,
    /// The cue as written ("said", "according to").
    pub cue: String,
    /// The sentence(s) that state it.
    pub evidence: Span,
    pub confidence: f32,
}

impl<A> StatementFact<A> {
    /// The same statement with its speakers mapped by `f`.
    pub fn map_actors<B>(self, f: impl FnMut(A) -> B) -> StatementFact<B> {
        StatementFact {
            speakers: self.speakers.into_iter().map(f).collect(),
            text: self.text,
            parts: self.parts,
            kind: self.kind,
            cue: self.cue,
            evidence: self.evidence,
            confidence: self.confidence,
        }
    }

    /// The statement's text: its span, or its fragments joined by one space.
    pub fn text_in(&self, doc_text: &str) -> String {
        if self.parts.is_empty() {
            doc_text[self.text.range()].to_string()
        } else {
            let v: Vec<&str> = self.parts.iter().map(|p| &doc_text[p.range()]).collect();
            v.join(" ")
        }
    }
}

/// Longest quotation run, in tokens; longer runs are dropped as unbalanced marks.
const MAX_RUN_TOKENS: usize = 2000;
/// Most paragraphs one quotation may run over.
const MAX_RUN_PARAGRAPHS: usize = 12;
/// Attribution frames are searched this many tokens away from a quote.
const FRAME: usize = 14;

fn is_dash(k: TokenKind) -> bool {
    k == TokenKind::Dash
}

/// A quotation: its inner token ranges (one per paragraph), and the marks around it.
#[derive(Clone, Debug)]
struct Run {
    pieces: Vec<Range<usize>>,
    /// The first opening mark.
    open: usize,
    /// The last closing mark (None: left open at a paragraph end and not reopened).
    close: Option<usize>,
    /// Paragraph of the first and last piece.
    para: usize,
    last_para: usize,
}

impl Run {
    fn first(&self) -> usize {
        self.pieces[0].start
    }
    fn last(&self) -> usize {
        self.pieces.last().map_or(self.open, |p| p.end)
    }
    fn words(&self, cx: &Cx) -> usize {
        self.pieces
            .iter()
            .flat_map(|p| p.clone())
            .filter(|&t| {
                matches!(
                    cx.tok.seg.tokens[t].kind,
                    TokenKind::Word | TokenKind::Number
                )
            })
            .count()
    }
}

struct Cx<'a> {
    tok: TokenView<'a>,
    lx: &'static Lexicon,
    roles: &'a [RoleFact],
    /// Token → quotation run index + 1 (0: outside quotes).
    in_run: Vec<u32>,
    /// Tokens used as cues of a found statement.
    used: Vec<bool>,
    /// Token ranges already reported (nested cues inside them are not new reports).
    covered: Vec<Range<usize>>,
    /// Runs that are (part of) a direct statement already.
    run_used: Vec<bool>,
    /// The last direct statement: speakers, paragraph, index in `out`.
    last_direct: Option<(Vec<ActorRef>, usize, usize)>,
    /// Body paragraph token ranges (index = paragraph index).
    para_tokens: Vec<Range<usize>>,
    out: Vec<StatementFact<ActorRef>>,
    /// The last speakers found and the sentence of their statement.
    last: Option<(Vec<ActorRef>, usize)>,
}

/// Finds statements (without role facts: role nouns resolve through mention titles only).
pub fn extract(
    doc: &Document,
    seg: &Segmentation,
    tags: &Tags,
    ents: &Entities,
) -> Staged<Vec<StatementFact<ActorRef>>> {
    extract_with_roles(doc, seg, tags, ents, &[])
}

/// Finds statements; `roles` lets role nouns ("the spokesman") find their holder.
/// Speakers nobody named (groups, countries of demonyms) are requested actors.
pub fn extract_with_roles(
    doc: &Document,
    seg: &Segmentation,
    tags: &Tags,
    ents: &Entities,
    roles: &[RoleFact],
) -> Staged<Vec<StatementFact<ActorRef>>> {
    let mut actors = Actors::new(ents);
    let ents = &mut actors;
    let n = seg.tokens.len();
    let mut para_tokens = vec![0..0; seg.paragraphs.len()];
    for (pi, p) in seg.paragraphs.iter().enumerate() {
        if p.kind != ParagraphKind::Body || p.sentences.is_empty() {
            continue;
        }
        let a = seg.sentences[p.sentences.start].tokens.start;
        let b = seg.sentences[p.sentences.end - 1].tokens.end;
        para_tokens[pi] = a..b;
    }
    let mut cx = Cx {
        tok: TokenView::tagged(&doc.text, seg, tags),
        lx: lexicon(),
        roles,
        in_run: vec![0; n],
        used: vec![false; n],
        covered: Vec::new(),
        para_tokens,
        out: Vec::new(),
        last: None,
        run_used: Vec::new(),
        last_direct: None,
    };
    let runs = cx.find_runs();
    for (i, r) in runs.iter().enumerate() {
        for p in &r.pieces {
            for t in p.clone() {
                cx.in_run[t] = i as u32 + 1;
            }
        }
    }
    cx.run_used = vec![false; runs.len()];
    // in text order, so that pronouns find the speaker of the discourse: the runs that
    // open in a sentence, then the sentence's reports
    let mut ri = 0;
    for (si, s) in seg.body_sentences() {
        let mut upto = ri;
        while upto < runs.len() && runs[upto].open < s.tokens.end {
            upto += 1;
        }
        cx.direct(&runs, ri..upto, ents);
        ri = upto;
        cx.indirect(si, ents);
    }
    cx.direct(&runs, ri..runs.len(), ents);
    let mut out = std::mem::take(&mut cx.out);
    // a "group" that is one unnamed office holder ("spokesman", "shadow chancellor") is no
    // identifiable speaker: across articles it would join different people
    let lx = lexicon();
    for st in &mut out {
        st.speakers
            .retain(|&e| !is_bare_office(lx, ents.name(e), ents.kind(e)));
    }
    out.retain(|s| !s.speakers.is_empty() && s.text.len() > 3);
    out.sort_by_key(|s| (s.text.start, s.text.end));
    // one statement per text span: merge speakers of duplicates
    let mut merged: Vec<StatementFact<ActorRef>> = Vec::with_capacity(out.len());
    for s in out {
        if let Some(last) = merged.last_mut()
            && last.text == s.text
        {
            for sp in s.speakers {
                if !last.speakers.contains(&sp) {
                    last.speakers.push(sp);
                }
            }
            continue;
        }
        merged.push(s);
    }
    actors.finish(merged)
}

/// A group named only by a singular title and title modifiers, all lowercase.
fn is_bare_office(lx: &crate::lexicon::Lexicon, name: &str, kind: EntityKind) -> bool {
    if kind != EntityKind::Group || name.chars().any(char::is_uppercase) {
        return false;
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    let Some((head, mods)) = words.split_last() else {
        return false;
    };
    lx.title(head).is_some()
        && !head.ends_with('s')
        && mods.iter().all(|m| lx.title_modifiers.contains(*m))
}

impl<'a> Cx<'a> {
    fn quoted(&self, t: usize) -> bool {
        self.in_run[t] != 0
    }
    fn is_mark(&self, t: usize) -> bool {
        matches!(
            self.tok.kind(t),
            TokenKind::OpenQuote | TokenKind::CloseQuote
        )
    }
    /// Ends a sentence or clause: `.`, `?`, `!`, `;`.
    fn is_terminal(&self, t: usize) -> bool {
        self.tok.kind(t) == TokenKind::Punct
            && matches!(
                self.tok.word(t),
                "." | "?" | "!" | ";" | "…" | "..." | "...."
            )
    }
    fn sentence_range(&self, t: usize) -> Range<usize> {
        self.tok
            .seg
            .sentence_of(t)
            .map_or(t..t + 1, |s| self.tok.seg.sentences[s].tokens.clone())
    }
    fn sent(&self, t: usize) -> usize {
        self.tok.seg.sentence_of(t).unwrap_or(0)
    }

    /// The cue at `t`: a verb of saying (strength 1 or 2) outside quotes.
    fn verb_cue(&self, t: usize) -> Option<u8> {
        if self.quoted(t) || self.tok.kind(t) != TokenKind::Word {
            return None;
        }
        let w = self.tok.word(t);
        // a capitalized cue word inside a sentence is part of a name ("Britain Says No")
        if is_capitalized(w)
            && self
                .tok
                .seg
                .sentence_of(t)
                .is_some_and(|si| self.tok.seg.sentences[si].tokens.start != t)
            && t > 0
            && self.tok.kind(t - 1) == TokenKind::Word
            && is_capitalized(self.tok.word(t - 1))
        {
            return None;
        }
        let c = self
            .lx
            .cues
            .get(w)
            .or_else(|| self.lx.cues.get(&w.to_lowercase()))?;
        if c.strength > 2 || c.lemma == "according to" {
            return None;
        }
        let tag = self.tok.tag(t);
        let always = matches!(c.lemma.as_str(), "say" | "tell");
        if !always && !matches!(tag, Upos::Verb | Upos::Aux) {
            return None;
        }
        Some(c.strength)
    }

    fn is_participle_cue(&self, t: usize) -> bool {
        self.verb_cue(t) == Some(1) && self.tok.lower(t).ends_with("ing")
    }

    /// A cue made negative ("did not say", "declined to say", "never said").
    fn negated(&self, cue: usize, lo: usize) -> bool {
        let from = cue.saturating_sub(3).max(lo);
        (from..cue).any(|k| {
            matches!(
                self.tok.lower(k).as_str(),
                "not" | "n't" | "never" | "declined" | "refused" | "without" | "if" | "whether"
            )
        })
    }

    // ------------------------------------------------------------------ runs

    fn find_runs(&self) -> Vec<Run> {
        let mut runs: Vec<Run> = Vec::new();
        let mut pending: Option<Run> = None;
        let mut prev_para: Option<usize> = None;
        for pi in 0..self.para_tokens.len() {
            let toks = self.para_tokens[pi].clone();
            if toks.is_empty() {
                continue;
            }
            // a run left open continues when this paragraph reopens it
            let mut open: Option<(usize, Option<Run>)> = None;
            if let Some(mut p) = pending.take() {
                let reopens = self.tok.kind(toks.start) == TokenKind::OpenQuote
                    || (self.tok.word(toks.start) == "\""
                        && !self.tok.seg.tokens[toks.start].space_before);
                let adjacent = prev_para.is_some_and(|q| q + 1 == pi)
                    || (prev_para
                        .is_some_and(|q| (q + 1..pi).all(|x| self.para_tokens[x].is_empty())));
                if reopens && adjacent && p.pieces.len() < MAX_RUN_PARAGRAPHS {
                    open = Some((toks.start, Some(p)));
                } else if self.before_frame_hint(&p) {
                    // an attributed quote whose closing mark is missing: keep it to the
                    // end of its paragraph
                    p.close = None;
                    runs.push(p);
                }
            }
            let mut k = toks.start;
            if open.is_some() {
                k += 1;
            }
            while k < toks.end {
                let kind = self.tok.kind(k);
                let straight = self.tok.word(k) == "\"";
                match kind {
                    TokenKind::OpenQuote => match open {
                        None => open = Some((k, None)),
                        Some((o, ref cont)) if straight && k > o + 1 => {
                            // a straight mark while open: it closes
                            let cont = cont.clone();
                            runs.push(self.close_run(o, k, pi, cont));
                            open = None;
                        }
                        Some(_) => open = Some((k, None)),
                    },
                    TokenKind::CloseQuote => {
                        if let Some((o, cont)) = open.take()
                            && (k > o + 1 || cont.is_some())
                        {
                            runs.push(self.close_run(o, k, pi, cont));
                        }
                    }
                    _ => {}
                }
                if let Some((o, _)) = open
                    && k - o > MAX_RUN_TOKENS
                {
                    open = None;
                }
                k += 1;
            }
            if let Some((o, cont)) = open {
                let mut r = cont.unwrap_or(Run {
                    pieces: Vec::new(),
                    open: o,
                    close: None,
                    para: pi,
                    last_para: pi,
                });
                if o + 1 < toks.end {
                    r.pieces.push(o + 1..toks.end);
                    r.last_para = pi;
                    pending = Some(r);
                }
            }
            prev_para = Some(pi);
        }
        if let Some(p) = pending
            && self.before_frame_hint(&p)
        {
            runs.push(p);
        }
        runs.retain(|r| !r.pieces.is_empty() && r.pieces.iter().any(|p| !p.is_empty()));
        runs
    }

    fn close_run(&self, o: usize, c: usize, pi: usize, cont: Option<Run>) -> Run {
        match cont {
            Some(mut r) => {
                r.pieces.push(o + 1..c);
                r.close = Some(c);
                r.last_para = pi;
                r
            }
            None => Run {
                pieces: std::iter::once(o + 1..c).collect(),
                open: o,
                close: Some(c),
                para: pi,
                last_para: pi,
            },
        }
    }

    /// An unclosed run is kept only when a colon or comma after a cue introduces it.
    fn before_frame_hint(&self, r: &Run) -> bool {
        r.pieces.len() == 1
            && r.open > 0
            && matches!(self.tok.word(r.open - 1), ":" | ",")
            && (r.open.saturating_sub(FRAME)..r.open).any(|k| self.verb_cue(k) == Some(1))
    }

    // ------------------------------------------------------------------ direct

    /// Direct statements from runs `which` (in text order).
    fn direct(&mut self, runs: &[Run], which: Range<usize>, ents: &mut Actors) {
        for i in which {
            if self.run_used[i] {
                continue;
            }
            let r = &runs[i];
            let whole = self.whole_sentence(r);
            let mut found = self.after_frame(r, ents);
            if found.is_none() {
                found = self.before_frame(r, ents);
            }
            let words = r.words(self);
            if let Some((speakers, cue, frame)) = found {
                if self.is_title_like(r) || words < 2 || (words < 3 && !whole) {
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
                let conf = 0.85;
                let k = self.push_direct(
                    &parts,
                    &speakers,
                    cue,
                    r.open,
                    last_tok.max(frame.end),
                    conf,
                );
                self.used[cue] = true;
                self.run_used[i] = true;
                self.last_direct = Some((speakers, r.last_para, k));
                // a following whole-sentence quote in the same frame gets the same speaker
                continue;
            }
            if !whole || self.is_title_like(r) || words < 3 {
                continue;
            }
            // quote first, speaker in the next sentence
            if let Some((speakers, cue)) = self.next_sentence_speaker(r, ents) {
                self.push_direct(&r.pieces, &speakers, cue, r.open, r.last(), 0.7);
                self.used[cue] = true;
                self.run_used[i] = true;
                self.last_direct = Some((speakers, r.last_para, self.out.len() - 1));
                continue;
            }
            // continuation of the previous speaker's quote
            if let Some((speakers, p, k)) = self.last_direct.clone() {
                let same_para = p == r.para;
                let prev_para = p + 1 == r.para
                    && self.para_tokens[r.para].start == r.open
                    && self.paragraph_is_quote(r);
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
                        self.out.push(StatementFact {
                            speakers: speakers.clone(),
                            text,
                            parts: if parts.len() > 1 { parts } else { Vec::new() },
                            kind: QuoteKind::Direct,
                            cue,
                            evidence,
                            confidence: 0.6,
                        });
                        self.run_used[i] = true;
                        self.last = Some((speakers.clone(), self.sent(r.open)));
                        self.last_direct = Some((speakers, r.last_para, self.out.len() - 1));
                    }
                }
            }
        }
    }

    fn push_direct(
        &mut self,
        pieces: &[Range<usize>],
        speakers: &[ActorRef],
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
        let cue_text = self.cue_text(cue);
        let evidence = self.evidence(from.min(cue), to.max(cue));
        self.out.push(StatementFact {
            speakers: speakers.to_vec(),
            text: Span::new(f.start, l.end),
            parts: if parts.len() > 1 { parts } else { Vec::new() },
            kind: QuoteKind::Direct,
            cue: cue_text,
            evidence,
            confidence,
        });
        self.last = Some((speakers.to_vec(), self.sent(cue)));
        self.out.len() - 1
    }

    fn cue_text(&self, cue: usize) -> String {
        if self.tok.lower(cue) == "according" {
            "according to".to_string()
        } else {
            self.tok.word(cue).to_string()
        }
    }

    /// The text span of a run's piece, trimmed of spaces and edge punctuation.
    fn piece_span(&self, p: Range<usize>) -> Option<Span> {
        if p.is_empty() {
            return None;
        }
        let s = Span::new(
            self.tok.seg.tokens[p.start].span.start,
            self.tok.seg.tokens[p.end - 1].span.end,
        );
        let t = trim_punct(self.tok.text, s);
        (!t.is_empty()).then_some(t)
    }

    /// The sentences from the one holding `a` to the one holding `b`.
    fn evidence(&self, a: usize, b: usize) -> Span {
        let sa = self.tok.seg.sentence_of(a);
        let sb = self
            .tok
            .seg
            .sentence_of(b.min(self.tok.seg.tokens.len() - 1));
        match (sa, sb) {
            (Some(x), Some(y)) => Span::new(
                self.tok.seg.sentences[x].span.start,
                self.tok.seg.sentences[y.max(x)].span.end,
            ),
            _ => Span::new(
                self.tok.seg.tokens[a].span.start,
                self.tok.seg.tokens[b.min(self.tok.seg.tokens.len() - 1)]
                    .span
                    .end,
            ),
        }
    }

    /// The run is a sentence of its own: nothing but a terminal before it, and a
    /// terminal, paragraph end or new sentence after it.
    fn whole_sentence(&self, r: &Run) -> bool {
        let pt = &self.para_tokens[r.para];
        let starts = r.open == pt.start
            || self.is_terminal(r.open - 1)
            || (self.tok.kind(r.open - 1) == TokenKind::Word
                && self.tok.word(r.open - 1).ends_with('.'))
            || (self.is_mark(r.open - 1) && r.open - 1 > pt.start && self.is_terminal(r.open - 2));
        let Some(c) = r.close else {
            return starts;
        };
        let pt = &self.para_tokens[r.last_para];
        let ends = c + 1 >= pt.end
            || self.is_terminal(c + 1)
            || self.is_mark(c + 1)
            || (c > 0 && self.is_terminal(c - 1) && is_capitalized(self.tok.word(c + 1)));
        starts && ends
    }

    /// Every word of the paragraph is inside the run (a paragraph of quotation).
    fn paragraph_is_quote(&self, r: &Run) -> bool {
        let pt = &self.para_tokens[r.last_para];
        r.close.is_none_or(|c| c + 2 >= pt.end)
    }

    /// A title of a work or a name in quotes: few words, all capitalized, no final
    /// punctuation.
    fn is_title_like(&self, r: &Run) -> bool {
        if r.pieces.len() != 1 {
            return false;
        }
        let p = r.pieces[0].clone();
        let words: Vec<usize> = p
            .clone()
            .filter(|&t| self.tok.kind(t) == TokenKind::Word)
            .collect();
        if words.is_empty() || words.len() > 8 {
            return false;
        }
        let last = p.end - 1;
        if matches!(self.tok.word(last), "." | "?" | "!" | ",") {
            return false;
        }
        let caps = words
            .iter()
            .filter(|&&t| is_capitalized(self.tok.word(t)))
            .count();
        let small = words
            .iter()
            .filter(|&&t| {
                matches!(
                    self.tok.word(t),
                    "of" | "the" | "a" | "an" | "and" | "in" | "on" | "for" | "to" | "with"
                )
            })
            .count();
        words.len() >= 2 && caps + small == words.len() && caps >= 2
    }

    /// `"…," X said` / `"…," said X` / `"…?" she asked`: (speakers, cue, frame tokens).
    fn after_frame(
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
        // speaker first: `X said`
        let cue = (a..end).find(|&k| self.verb_cue(k).is_some())?;
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
        let start = self.np_left(ents, k, a)?;
        if start != a {
            return None;
        }
        let sp = self.resolve_np(ents, start, k, cue);
        (!sp.is_empty()).then_some((sp, cue, c + 1..cue + 1))
    }

    /// `X said: "…"` / `X told reporters, "…"` / `X said that "…"`.
    fn before_frame(
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
        let cue = cue?;
        // a bare `said "…"` needs the quote to run to the end of the sentence
        if self.negated(cue, lo) {
            return None;
        }
        if k == o && cue + 1 < o {
            return None;
        }
        if self.is_participle_cue(cue) && cue > lo && self.tok.word(cue - 1) == "," {
            // `X derided the plan, saying: "…"`
            let sp = self.subject_of_sentence(ents, lo, cue - 1)?;
            return Some((sp, cue, cue..o));
        }
        let (sp, start) = self.subject_before(ents, cue, lo)?;
        if start > lo && is_relative(&self.tok.lower(start - 1)) {
            return None;
        }
        Some((sp, cue, cue..o))
    }

    /// Whether run `n` continues `r` across its attribution: Some(true) when the frame
    /// ends with a comma and `n` goes on in lower case (one statement), Some(false)
    /// when `n` is a new sentence by the same speaker, None when unrelated.
    fn continuation(&self, r: &Run, n: &Run, frame_end: usize) -> Option<bool> {
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
    fn next_sentence_speaker(
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

    // ------------------------------------------------------------------ indirect

    /// Indirect statements of sentence `si`.
    fn indirect(&mut self, si: usize, ents: &mut Actors) {
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
    fn push_indirect(
        &mut self,
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
    }

    fn span_of(&self, a: usize, b: usize) -> Option<Span> {
        if a >= b {
            return None;
        }
        let s = trim_punct(
            self.tok.text,
            Span::new(
                self.tok.seg.tokens[a].span.start,
                self.tok.seg.tokens[b - 1].span.end,
            ),
        );
        (!s.is_empty()).then_some(s)
    }

    /// Words in a token range (a statement needs a few).
    fn word_count(&self, a: usize, b: usize) -> usize {
        (a..b)
            .filter(|&t| matches!(self.tok.kind(t), TokenKind::Word | TokenKind::Number))
            .count()
    }

    /// `according to X, CLAUSE` / `CLAUSE, according to X` / `A, according to X, B` /
    /// `in X's words, CLAUSE`.
    fn according(&mut self, si: usize, toks: Range<usize>, ents: &mut Actors) {
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
            self.push_indirect(sp, parts, t, cue_text, evidence, 0.75, clause_lo..clause_hi);
        }
    }

    /// `CLAUSE, X said.` / `CLAUSE, said X.` / `CLAUSE, X told reporters on Monday.`
    fn trailing(
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
        self.push_indirect(speakers, vec![span], cue, cue_text, evidence, 0.7, lo..end);
    }

    /// A token of a quotation run that is a direct statement already.
    fn used_run(&self, t: usize) -> bool {
        let r = self.in_run[t] as usize;
        r != 0 && self.run_used[r - 1]
    }

    /// `X said (that) CLAUSE` and its variants.
    fn verb_report(
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
            // `the man who he described as …`: an object relative, not a report
            if start > lo && is_relative(&self.tok.lower(start - 1)) {
                return;
            }
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
        if c >= end {
            return;
        }
        let describe_as = strength == 2
            && matches!(lemma.as_str(), "describe")
            && (c..(c + 10).min(end)).any(|k| self.tok.lower(k) == "as");
        if !that && !describe_as && (strength != 1 || !self.looks_like_clause(c, end)) {
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
        let conf = if strength == 1 { 0.7 } else { 0.55 };
        self.push_indirect(speakers, vec![span], cue, cue_text, evidence, conf, c..cend);
    }

    /// `X's warning that CLAUSE`, `the claim by X that CLAUSE`.
    fn noun_report(&mut self, toks: Range<usize>, t: usize, ents: &mut Actors) {
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
        self.push_indirect(speaker, vec![span], t, cue_text, evidence, 0.6, c0..cend);
    }

    /// The first token after a cue's adverbials (`said on Monday in a statement`).
    fn skip_adverbials(&self, mut c: usize, end: usize) -> usize {
        let start = c;
        while c < end && c < start + FRAME {
            let lw = self.tok.lower(c);
            if is(WordClass::AfterCue, lw.as_str()) || self.tok.kind(c) == TokenKind::Number {
                c += 1;
                continue;
            }
            if self.tok.word(c) == "," && c + 1 < end && self.tok.lower(c + 1) == "however" {
                c += 2;
                continue;
            }
            if self.tok.word(c) == "," && c > start && self.tok.lower(c - 1) == "however" {
                c += 1;
                continue;
            }
            if self.tok.tag(c) == Upos::Adp && !matches!(lw.as_str(), "that" | "as" | "of") {
                // a prepositional phrase that ends in a time or venue word
                let mut e = c + 1;
                while e < end
                    && e < c + 8
                    && matches!(
                        self.tok.tag(e),
                        Upos::Det | Upos::Adj | Upos::Noun | Upos::Propn | Upos::Num | Upos::Pron
                    )
                    && self.tok.lower(e) != "that"
                {
                    e += 1;
                }
                if e > c + 1 {
                    let head = self.tok.lower(e - 1);
                    if (is(WordClass::TimeVenue, head.as_str())
                        || crate::text::date::is_weekday(&head))
                        || matches!(self.tok.tag(e - 1), Upos::Propn | Upos::Num)
                    {
                        c = e;
                        continue;
                    }
                }
                break;
            }
            break;
        }
        c
    }

    /// After a cue: an object noun phrase of up to five words (`told reporters`,
    /// `told the BBC`) and adverbials.
    fn skip_object_and_adverbials(&self, cue: usize, end: usize) -> usize {
        let mut c = self.skip_adverbials(cue + 1, end);
        let o = c;
        while c < end
            && c < o + 5
            && (matches!(
                self.tok.tag(c),
                Upos::Det | Upos::Adj | Upos::Noun | Upos::Propn | Upos::Pron
            ) || matches!(self.tok.word(c), "'s" | "’s"))
            && !matches!(
                self.tok.lower(c).as_str(),
                "that" | "he" | "she" | "it" | "they" | "we" | "i"
            )
        {
            c += 1;
        }
        self.skip_adverbials(c, end)
    }

    /// A clause starts here: a subject (pronoun or noun phrase) and then a finite verb.
    fn looks_like_clause(&self, c: usize, end: usize) -> bool {
        if c >= end {
            return false;
        }
        let lim = (c + 12).min(end);
        let finite = |k: usize| -> bool {
            match self.tok.tag(k) {
                Upos::Aux => true,
                Upos::Verb => {
                    let w = self.tok.lower(k);
                    !(w.ends_with("ing") || (k > 0 && self.tok.lower(k - 1) == "to"))
                }
                _ => false,
            }
        };
        let mut k = c;
        if self.is_mark(k) {
            k += 1;
        }
        while k < lim && self.tok.tag(k) == Upos::Adv {
            k += 1;
        }
        if k >= lim {
            return false;
        }
        if is(WordClass::SubjectPronoun, self.tok.lower(k).as_str()) {
            return (k + 1..(k + 4).min(end)).any(finite);
        }
        // a noun phrase (with a gerund or prepositions inside) then a finite verb
        let first = self.tok.tag(k);
        if !matches!(
            first,
            Upos::Det | Upos::Adj | Upos::Noun | Upos::Propn | Upos::Num | Upos::Pron | Upos::Verb
        ) {
            return false;
        }
        if first == Upos::Verb && !self.tok.lower(k).ends_with("ing") {
            return false;
        }
        let mut j = k + 1;
        while j < lim {
            if finite(j) {
                return !matches!(self.tok.lower(j - 1).as_str(), "who" | "which" | "that");
            }
            if self.tok.word(j) == "," || self.is_terminal(j) {
                return false;
            }
            j += 1;
        }
        false
    }

    /// Where a reported clause starting at `c` ends: the sentence end, or before a
    /// coordinated new report, `, according to`, a participle cue, or a trailing
    /// attribution.
    fn clause_end(&self, c: usize, end: usize) -> usize {
        let mut i = c;
        while i < end {
            if self.quoted(i) {
                i += 1;
                continue;
            }
            let w = self.tok.lower(i);
            if w == ";" {
                return i;
            }
            if w == ","
                && i + 2 < end
                && self.tok.lower(i + 1) == "according"
                && self.tok.lower(i + 2) == "to"
            {
                return i;
            }
            if w == "," && i + 1 < end && self.is_participle_cue(i + 1) {
                return i;
            }
            let conj = is(WordClass::ClauseConjunction, w.as_str());
            if conj || is_dash(self.tok.kind(i)) {
                // a new report: [conj] [subject of up to four words] [adverbs] cue
                let mut k = i + 1;
                if is_dash(self.tok.kind(i))
                    && k < end
                    && is(WordClass::ClauseConjunction, self.tok.lower(k).as_str())
                {
                    k += 1;
                }
                let s = k;
                while k < end && k < s + 5 && self.verb_cue(k).is_none() {
                    if matches!(self.tok.tag(k), Upos::Verb | Upos::Aux)
                        && !is(WordClass::BeforeCue, self.tok.lower(k).as_str())
                        || self.tok.word(k) == ","
                        || self.quoted(k)
                    {
                        break;
                    }
                    k += 1;
                }
                if k < end && self.verb_cue(k) == Some(1) && !self.negated(k, s) {
                    let subj_ok = k == s
                        || (s..k).all(|j| {
                            is(WordClass::BeforeCue, self.tok.lower(j).as_str())
                                || matches!(
                                    self.tok.tag(j),
                                    Upos::Pron | Upos::Propn | Upos::Noun | Upos::Det | Upos::Adj
                                )
                        });
                    if subj_ok && (k == s || conj || is_dash(self.tok.kind(i))) {
                        let mut e = i;
                        while e > c
                            && (self.tok.word(e - 1) == "," || is_dash(self.tok.kind(e - 1)))
                        {
                            e -= 1;
                        }
                        return e;
                    }
                }
            }
            if w == "," {
                // trailing attribution: `, X said (adverbials).` to the end
                let a = i + 1;
                if let Some(cue) = (a..(a + 8).min(end)).find(|&k| self.verb_cue(k) == Some(1)) {
                    let rest = self.skip_object_and_adverbials(cue, end);
                    let np_ok = (a..cue).all(|j| {
                        is(WordClass::BeforeCue, self.tok.lower(j).as_str())
                            || matches!(
                                self.tok.tag(j),
                                Upos::Pron | Upos::Propn | Upos::Noun | Upos::Det | Upos::Adj
                            )
                            || matches!(self.tok.word(j), "'s" | "’s")
                    });
                    if np_ok && (rest >= end || self.is_terminal(rest)) && !self.negated(cue, a) {
                        return i;
                    }
                }
            }
            i += 1;
        }
        end
    }

    // ------------------------------------------------------------------ speakers

    /// A noun phrase ending right before `end` (exclusive), not before `lo`: its start.
    fn np_left(&self, ents: &Entities, end: usize, lo: usize) -> Option<usize> {
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
    fn np_right(&self, ents: &Entities, a: usize, hi: usize) -> Option<(usize, usize)> {
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
    fn subject_before(
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
        if k <= lo {
            return None;
        }
        if self.tok.word(k - 1) == "," {
            return self.comma_subject(ents, k - 1, lo, cue);
        }
        let start = self.np_left(ents, k, lo)?;
        let sp = self.resolve_np(ents, start, k, cue);
        (!sp.is_empty()).then_some((sp, start))
    }

    /// `X, who …, Y's deputy, said`: the comma-separated segments before the cue.
    fn comma_subject(
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
    fn subject_of_sentence(
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

    /// The speakers a noun phrase names (one per conjunct).
    fn resolve_np(&mut self, ents: &mut Actors, a: usize, b: usize, cue: usize) -> Vec<ActorRef> {
        let mut out = Vec::new();
        let mut s = a;
        let mut k = a;
        let push =
            |cx: &mut Self, ents: &mut Actors, s: usize, e: usize, out: &mut Vec<ActorRef>| {
                if s < e
                    && let Some(x) = cx.resolve_conjunct(ents, s, e, cue)
                    && !out.contains(&x)
                {
                    out.push(x);
                }
            };
        while k < b {
            let lw = self.tok.lower(k);
            let in_name = ents.mention_at(k).is_some();
            let split = !in_name
                && (matches!(lw.as_str(), "and" | "&" | "," | "including" | "plus")
                    || (lw == "as"
                        && k + 2 < b
                        && self.tok.lower(k + 1) == "well"
                        && self.tok.lower(k + 2) == "as")
                    || (lw == "along" && k + 1 < b && self.tok.lower(k + 1) == "with"));
            if split {
                // "X of A and B" keeps the post-modifier whole
                push(self, ents, s, k, &mut out);
                k += match lw.as_str() {
                    "as" => 3,
                    "along" => 2,
                    _ => 1,
                };
                s = k;
                continue;
            }
            k += 1;
        }
        push(self, ents, s, b, &mut out);
        out
    }

    /// One conjunct: a name, a pronoun, a demonym, a role noun or a group.
    fn resolve_conjunct(
        &mut self,
        ents: &mut Actors,
        a: usize,
        b: usize,
        cue: usize,
    ) -> Option<ActorRef> {
        let mut s = a;
        while s < b
            && ents.mention_at(s).is_none()
            && is(WordClass::GroupDeterminer, self.tok.lower(s).as_str())
        {
            s += 1;
        }
        if s >= b {
            // a bare pronoun that is also a determiner ("her", "its")
            if b == a + 1 {
                return self.pronoun_at(ents, a);
            }
            return None;
        }
        if b == s + 1 && is_pronoun(&self.tok.lower(s)) {
            return self.pronoun_at(ents, s);
        }
        // the head: the last word before a post-modifier outside names
        let mut h_end = b;
        for k in s + 1..b {
            if ents.mention_at(k).is_none()
                && (is(WordClass::Postmodifier, self.tok.lower(k).as_str())
                    || self.tok.word(k) == ",")
            {
                h_end = k;
                break;
            }
        }
        let head = h_end - 1;
        // every entity is an actor
        if let Some(e) = ents.entity_at(head) {
            return Some(ActorRef::Entity(e));
        }
        let hw = self.tok.lower(head);
        let raw = self.tok.word(head);
        if let Some((country, true)) = self.lx.demonyms.get(raw) {
            let country = country.clone();
            return Some(ents.request(EntityKind::Place, &country, Some(raw)));
        }
        let class = self
            .lx
            .speaker_nouns
            .get(hw.as_str())
            .copied()
            .or_else(|| {
                self.lx.title(&hw).map(|_| SpeakerClass::One).or_else(|| {
                    hw.strip_suffix('s')
                        .and_then(|sg| self.lx.title(sg))
                        .map(|_| SpeakerClass::Many)
                })
            })?;
        // modifiers: a named entity or a demonym before the head
        let mut affil: Option<usize> = None;
        let mut country: Option<String> = None;
        for k in s..head {
            if let Some(e) = ents.entity_at(k) {
                affil = Some(e);
            } else if let Some((c, false)) = self.lx.demonyms.get(self.tok.word(k)) {
                country = Some(c.clone());
            }
        }
        let definite = s > a
            || matches!(
                self.tok.lower(a).as_str(),
                "the" | "his" | "her" | "their" | "its"
            )
            || affil.is_some();
        let indefinite = matches!(self.tok.lower(a).as_str(), "a" | "an" | "one");
        if class == SpeakerClass::State
            && (country.is_some()
                || affil.is_some_and(|e| ents.entities[e].kind == EntityKind::Place))
        {
            let c = country.or_else(|| affil.map(|e| ents.entities[e].name.clone()))?;
            return Some(ents.request(EntityKind::Place, &c, None));
        }
        if class == SpeakerClass::One
            && !indefinite
            && (definite || affil.is_some())
            && let Some(p) = self.person_with_role(ents, &hw, affil, cue)
        {
            return Some(ActorRef::Entity(p));
        }
        // `the spokesman` after `a spokesman for the ministry`: the group named before
        if definite
            && h_end == b
            && s == head
            && let Some(g) = ents.all().rev().find(|&x| {
                ents.kind(x) == EntityKind::Group
                    && ents.name(x).split_whitespace().next() == Some(hw.as_str())
            })
        {
            return Some(g);
        }
        // a bare definite role noun nobody holds here ("the prime minister said") names
        // one unknown person: no speaker rather than a group called "prime minister"
        if class == SpeakerClass::One
            && definite
            && !indefinite
            && affil.is_none()
            && country.is_none()
            && h_end == b
        {
            return None;
        }
        // a group (or an institution) named by its phrase
        let mut name_end = h_end;
        if h_end < b && b - h_end <= 6 {
            let pm = self.tok.lower(h_end);
            if matches!(
                pm.as_str(),
                "familiar"
                    | "close"
                    | "from"
                    | "at"
                    | "in"
                    | "of"
                    | "for"
                    | "with"
                    | "based"
                    | "involved"
            ) && (h_end..b).all(|k| {
                !matches!(self.tok.tag(k), Upos::Verb | Upos::Aux)
                    || self.tok.lower(k) == "involved"
                    || self.tok.lower(k) == "based"
            }) {
                name_end = b;
            }
        }
        let mut name = self.tok.text
            [self.tok.seg.tokens[s].span.start..self.tok.seg.tokens[name_end - 1].span.end]
            .to_string();
        name = name.replace(['\n', '\r'], " ");
        // "Analysts said": a capital that only marks the sentence start is dropped; an
        // adjective capitalized mid-sentence ("other Nordic leaders") is kept
        let sentence_initial = self
            .tok
            .seg
            .sentence_of(s)
            .is_some_and(|si| self.tok.seg.sentences[si].tokens.start == s);
        let first_common = sentence_initial
            && self.lx.is_common(&self.tok.lower(s))
            && ents.mention_at(s).is_none()
            && !self.lx.demonyms.contains_key(self.tok.word(s))
            && !is_all_caps(self.tok.word(s));
        if first_common {
            let mut ch = name.chars();
            if let Some(f) = ch.next() {
                name = f.to_lowercase().collect::<String>() + ch.as_str();
            }
        }
        let kind = if class == SpeakerClass::Body && affil.is_some() {
            EntityKind::Organization
        } else {
            EntityKind::Group
        };
        Some(ents.request(kind, &name, None))
    }

    /// A person whose title contains the role word, preferring the affiliation given
    /// and the most recent mention before `before`.
    fn person_with_role(
        &self,
        ents: &Entities,
        role: &str,
        affil: Option<usize>,
        before: usize,
    ) -> Option<usize> {
        let has_word = |title: &str| title.to_lowercase().split([' ', '-']).any(|w| w == role);
        let mut cands: Vec<usize> = Vec::new();
        for r in self.roles {
            if r.title.as_deref().is_some_and(has_word)
                && affil.is_none_or(|a| r.affiliation == Some(a))
            {
                cands.push(r.person);
            }
        }
        for (mi, m) in ents.mentions.iter().enumerate() {
            if m.tokens.start < before
                && m.title.as_ref().is_some_and(|t| has_word(&t.text))
                && affil.is_none_or(|a| {
                    // the affiliation stands right before the title
                    m.title.as_ref().is_some_and(|t| {
                        t.tokens.start > 0 && ents.entity_at(t.tokens.start - 1) == Some(a)
                            || t.tokens.start > 1 && ents.entity_at(t.tokens.start - 2) == Some(a)
                    })
                })
            {
                cands.push(ents.mention_entity[mi]);
            }
        }
        cands.sort_unstable();
        cands.dedup();
        if cands.is_empty() {
            return None;
        }
        // most recently mentioned before the cue
        let mut best: Option<(usize, usize)> = None;
        for &c in &cands {
            let last = ents.entities[c]
                .mentions
                .iter()
                .map(|&m| ents.mentions[m].tokens.start)
                .filter(|&t| t < before)
                .max();
            if let Some(l) = last
                && best.is_none_or(|(b, _)| l > b)
            {
                best = Some((l, c));
            }
        }
        best.map(|(_, c)| c)
    }

    /// A noun that names a speaker (`spokesman`, `officials`, `embassy`) or a title.
    fn is_speaker_noun(&self, lw: &str) -> bool {
        self.lx.speaker_nouns.contains_key(lw) || self.lx.title(lw).is_some()
    }

    /// An inverted speaker phrase and its apposition (`said the ministry's spokesman,
    /// Ana Ruiz`): the named person in the apposition wins over a role noun or group.
    fn inverted_speaker(
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

    fn pronoun_at(&self, ents: &Actors, t: usize) -> Option<ActorRef> {
        let lw = self.tok.lower(t);
        self.pronoun_word(ents, &lw, t)
    }

    /// A pronoun's speaker: the speaker of the discourse (the last statement, one
    /// sentence back at most) when it fits, else [`Entities::resolve_pronoun`].
    fn pronoun_word(&self, ents: &Actors, lw: &str, t: usize) -> Option<ActorRef> {
        let si = self.sent(t);
        let recent = self
            .last
            .as_ref()
            .filter(|(_, s)| *s <= si && si - *s <= 1)
            .map(|(v, _)| v.clone())
            .unwrap_or_default();
        match lw {
            "he" | "she" | "him" | "his" | "her" => {
                let g = if matches!(lw, "he" | "him" | "his") {
                    Gender::Male
                } else {
                    Gender::Female
                };
                if let [e] = recent.as_slice() {
                    let gender = ents.gender(*e);
                    if ents.kind(*e) == EntityKind::Person && gender.is_none_or(|x| x == g) {
                        // unless another person of that gender is the subject here
                        let r = ents.resolve_pronoun(self.tok.seg, self.tok.text, t);
                        match r {
                            Some(o)
                                if ActorRef::Entity(o) != *e
                                    && gender != Some(g)
                                    && ents.entities[o].gender == Some(g) =>
                            {
                                return Some(ActorRef::Entity(o));
                            }
                            _ => return Some(*e),
                        }
                    }
                }
                if lw == "his" || lw == "her" || lw == "him" {
                    // resolve_pronoun knows he/she forms; map the others
                    return ents.recent_person(self.tok.seg, t, g).map(ActorRef::Entity);
                }
                ents.resolve_pronoun(self.tok.seg, self.tok.text, t)
                    .map(ActorRef::Entity)
            }
            "they" | "their" | "them" | "it" | "its" => {
                let want_person = false;
                recent
                    .iter()
                    .copied()
                    .find(|&e| (ents.kind(e) == EntityKind::Person) == want_person)
            }
            _ => None,
        }
    }
}

fn is_relative(lw: &str) -> bool {
    is(WordClass::RelativePronoun, lw)
}

fn is_pronoun(lw: &str) -> bool {
    is(WordClass::SpeakerPronoun, lw)
}

/// Trims spaces and edge punctuation off a span.
fn trim_punct(text: &str, s: Span) -> Span {
    let t = &text[s.range()];
    let trimmed_end = t.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':' | '—' | '–' | '-')
    });
    let trimmed =
        trimmed_end.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':'));
    let start = s.start + (trimmed_end.len() - trimmed.len());
    Span::new(start, start + trimmed.len())
}
