//! Quotation runs: an opening mark, then the closing mark, per paragraph; a run left open
//! continues only into a paragraph that reopens it. And what a run looks like: a whole
//! sentence, a paragraph of quotation, a title of a work.

use std::ops::Range;

use super::context::{Cx, FRAME, MAX_RUN_PARAGRAPHS, MAX_RUN_TOKENS, MAX_SINGLE_RUN_TOKENS};
use crate::stages::segment::TokenKind;
use crate::text::shape::is_capitalized;

/// A quotation: its inner token ranges (one per paragraph), and the marks around it.
#[derive(Clone, Debug)]
pub(super) struct Run {
    pub(super) pieces: Vec<Range<usize>>,
    /// The first opening mark.
    pub(super) open: usize,
    /// The last closing mark (None: left open at a paragraph end and not reopened).
    pub(super) close: Option<usize>,
    /// Paragraph of the first and last piece.
    pub(super) para: usize,
    pub(super) last_para: usize,
}

impl Run {
    pub(super) fn first(&self) -> usize {
        self.pieces[0].start
    }
    pub(super) fn last(&self) -> usize {
        self.pieces.last().map_or(self.open, |p| p.end)
    }
    pub(super) fn words(&self, cx: &Cx) -> usize {
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

impl<'a> Cx<'a> {
    pub(super) fn find_runs(&self) -> Vec<Run> {
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
            // an open single quotation mark (British style), outside double quotes
            let mut sopen: Option<usize> = None;
            while k < toks.end {
                let kind = self.tok.kind(k);
                let straight = self.tok.word(k) == "\"";
                match kind {
                    TokenKind::OpenQuote => {
                        sopen = None;
                        match open {
                            None => open = Some((k, None)),
                            Some((o, ref cont)) if k > o + 1 && self.is_terminal(k - 1) => {
                                // `"A. "B."`: a quote reopened after a full stop (the
                                // closing mark forgotten or the new sentence marked):
                                // the first sentence ends here, the next run opens
                                let cont = cont.clone();
                                runs.push(self.close_run(o, k, pi, cont));
                                open = Some((k, None));
                            }
                            Some((o, ref cont)) if straight && k > o + 1 => {
                                // a straight mark while open: it closes
                                let cont = cont.clone();
                                runs.push(self.close_run(o, k, pi, cont));
                                open = None;
                            }
                            Some(_) => open = Some((k, None)),
                        }
                    }
                    TokenKind::CloseQuote => {
                        sopen = None;
                        if let Some((o, cont)) = open.take()
                            && (k > o + 1 || cont.is_some())
                        {
                            runs.push(self.close_run(o, k, pi, cont));
                        }
                    }
                    TokenKind::SingleQuote if open.is_none() => match sopen {
                        Some(so) if self.single_closes(k, toks.end) => {
                            if k > so + 1 {
                                runs.push(self.close_run(so, k, pi, None));
                            }
                            sopen = None;
                        }
                        Some(_) => {}
                        None => {
                            if self.single_opens(k, toks.clone()) {
                                sopen = Some(k);
                            }
                        }
                    },
                    _ => {}
                }
                if let Some(so) = sopen
                    && k - so > MAX_SINGLE_RUN_TOKENS
                {
                    sopen = None;
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

    pub(super) fn close_run(&self, o: usize, c: usize, pi: usize, cont: Option<Run>) -> Run {
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

    /// A single mark that opens a quotation: at a word start (space or paragraph start
    /// before it, a word right after it).
    fn single_opens(&self, k: usize, para: Range<usize>) -> bool {
        let toks = &self.tok.seg.tokens;
        let before = k == para.start
            || toks[k].space_before
            || matches!(self.tok.kind(k - 1), TokenKind::Dash)
            || matches!(self.tok.word(k - 1), "(" | "[");
        before
            && k + 1 < para.end
            && !toks[k + 1].space_before
            && matches!(
                self.tok.kind(k + 1),
                TokenKind::Word | TokenKind::Number | TokenKind::Punct
            )
            && !self.is_terminal(k + 1)
    }

    /// A single mark that closes a quotation: right after a word or punctuation, with a
    /// space, punctuation or the paragraph end after it.
    fn single_closes(&self, k: usize, para_end: usize) -> bool {
        let toks = &self.tok.seg.tokens;
        !toks[k].space_before
            && (k + 1 >= para_end
                || toks[k + 1].space_before
                || matches!(
                    self.tok.kind(k + 1),
                    TokenKind::Punct | TokenKind::Dash | TokenKind::CloseQuote
                ))
    }

    /// An unclosed run is kept only when a colon or comma after a cue introduces it.
    pub(super) fn before_frame_hint(&self, r: &Run) -> bool {
        r.pieces.len() == 1
            && r.open > 0
            && matches!(self.tok.word(r.open - 1), ":" | ",")
            && (r.open.saturating_sub(FRAME)..r.open).any(|k| self.verb_cue(k) == Some(1))
    }

    /// The run is a sentence of its own: nothing but a terminal before it, and a
    /// terminal, paragraph end or new sentence after it.
    pub(super) fn whole_sentence(&self, r: &Run) -> bool {
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

    /// A title of a work or a name in quotes: few words, all capitalized, no final
    /// punctuation.
    pub(super) fn is_title_like(&self, r: &Run) -> bool {
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
}
