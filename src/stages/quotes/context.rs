//! The stage's working state ([`Cx`]): the token view, the quotation runs, what is used
//! and covered, the statements so far and the discourse's last speaker; and the small
//! questions every pass asks of a token (a mark? a terminal? a cue? negated?).

use std::ops::Range;

use super::StatementFact;
use crate::lexicon::Lexicon;
use crate::stages::entities::ActorRef;
use crate::stages::roles::RoleFact;
use crate::stages::segment::{Span, TokenKind};
use crate::stages::tokens::TokenView;
use crate::tagger::Upos;
use crate::text::shape::is_capitalized;

/// Longest quotation run, in tokens; longer runs are dropped as unbalanced marks.
pub(super) const MAX_RUN_TOKENS: usize = 2000;
/// Longest quotation in single marks, in tokens (an apostrophe left unmatched must not
/// open a quotation for the rest of the paragraph).
pub(super) const MAX_SINGLE_RUN_TOKENS: usize = 300;
/// Most paragraphs one quotation may run over.
pub(super) const MAX_RUN_PARAGRAPHS: usize = 12;
/// Attribution frames are searched this many tokens away from a quote.
pub(super) const FRAME: usize = 14;

pub(super) fn is_dash(k: TokenKind) -> bool {
    k == TokenKind::Dash
}

pub(super) struct Cx<'a> {
    pub(super) tok: TokenView<'a>,
    pub(super) lx: &'static Lexicon,
    pub(super) roles: &'a [RoleFact],
    /// The document's key: the scope of its unnamed speakers.
    pub(super) scope: String,
    /// Token → quotation run index + 1 (0: outside quotes).
    pub(super) in_run: Vec<u32>,
    /// The marks that open or close a quotation run (single marks included).
    pub(super) run_marks: Vec<bool>,
    /// Tokens used as cues of a found statement.
    pub(super) used: Vec<bool>,
    /// Token ranges already reported (nested cues inside them are not new reports).
    pub(super) covered: Vec<Range<usize>>,
    /// Runs that are (part of) a direct statement already.
    pub(super) run_used: Vec<bool>,
    /// The last direct statement: speakers, paragraph, index in `out`.
    pub(super) last_direct: Option<(Vec<ActorRef>, usize, usize)>,
    /// Body paragraph token ranges (index = paragraph index).
    pub(super) para_tokens: Vec<Range<usize>>,
    pub(super) out: Vec<StatementFact<ActorRef>>,
    /// The last speakers found and the sentence of their statement.
    pub(super) last: Option<(Vec<ActorRef>, usize)>,
    /// Who holds each role word, built on first use ([`super::holders`]).
    pub(super) holders: std::cell::OnceCell<super::holders::Holders>,
    /// The speaker ranker (None: the rules' speakers are kept).
    pub(super) speaker_model: Option<&'a super::model::SpeakerModel>,
    /// The candidates of every statement, when training reads them.
    pub(super) trace: Option<Vec<super::rank::SpeakerChoice>>,
    /// The candidates of the statement being pushed (tracing only).
    pub(super) pending: Option<Vec<super::rank::CandidateInfo>>,
    /// The opening mark of the quotation whose attribution is being read: a pronoun in
    /// a frame after it looks for its antecedent before the quotation, however many
    /// sentences the quotation runs over.
    pub(super) quote_open: std::cell::Cell<Option<usize>>,
}

impl<'a> Cx<'a> {
    pub(super) fn quoted(&self, t: usize) -> bool {
        self.in_run[t] != 0
    }

    pub(super) fn is_mark(&self, t: usize) -> bool {
        matches!(
            self.tok.kind(t),
            TokenKind::OpenQuote | TokenKind::CloseQuote
        ) || self.run_marks.get(t).copied().unwrap_or(false)
    }

    /// Ends a sentence or clause: `.`, `?`, `!`, `;`.
    pub(super) fn is_terminal(&self, t: usize) -> bool {
        self.tok.kind(t) == TokenKind::Punct
            && matches!(
                self.tok.word(t),
                "." | "?" | "!" | ";" | "…" | "..." | "...."
            )
    }

    pub(super) fn sentence_range(&self, t: usize) -> Range<usize> {
        self.tok
            .seg
            .sentence_of(t)
            .map_or(t..t + 1, |s| self.tok.seg.sentences[s].tokens.clone())
    }

    /// The paragraph that holds sentence `si`.
    pub(super) fn para_of_sentence(&self, si: usize) -> Option<usize> {
        let ps = &self.tok.seg.paragraphs;
        let i = ps.partition_point(|p| p.sentences.end <= si);
        (i < ps.len() && ps[i].sentences.contains(&si)).then_some(i)
    }

    pub(super) fn sent(&self, t: usize) -> usize {
        self.tok.seg.sentence_of(t).unwrap_or(0)
    }

    /// The cue at `t`: a verb of saying (strength 1 or 2) outside quotes.
    pub(super) fn verb_cue(&self, t: usize) -> Option<u8> {
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
        // `…, warning Ankara that …`: a participle after a comma, whatever its tag
        let participle = w.ends_with("ing") && t > 0 && self.tok.word(t - 1) == ",";
        if !always && !participle && !matches!(tag, Upos::Verb | Upos::Aux) {
            return None;
        }
        Some(c.strength)
    }

    pub(super) fn is_participle_cue(&self, t: usize) -> bool {
        self.verb_cue(t) == Some(1) && self.tok.lower(t).ends_with("ing")
    }

    /// A cue made negative ("did not say", "declined to say", "never said").
    pub(super) fn negated(&self, cue: usize, lo: usize) -> bool {
        let from = cue.saturating_sub(3).max(lo);
        (from..cue).any(|k| {
            matches!(
                self.tok.lower(k).as_str(),
                "not" | "n't" | "never" | "declined" | "refused" | "without" | "if" | "whether"
            )
        })
    }

    /// A token of a quotation run that is a direct statement already.
    pub(super) fn used_run(&self, t: usize) -> bool {
        let r = self.in_run[t] as usize;
        r != 0 && self.run_used[r - 1]
    }

    pub(super) fn cue_text(&self, cue: usize) -> String {
        if self.tok.lower(cue) == "according" {
            "according to".to_string()
        } else {
            self.tok.word(cue).to_string()
        }
    }

    /// The text span of a run's piece, trimmed of spaces and edge punctuation.
    pub(super) fn piece_span(&self, p: Range<usize>) -> Option<Span> {
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
    pub(super) fn evidence(&self, a: usize, b: usize) -> Span {
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

    pub(super) fn span_of(&self, a: usize, b: usize) -> Option<Span> {
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
    pub(super) fn word_count(&self, a: usize, b: usize) -> usize {
        (a..b)
            .filter(|&t| matches!(self.tok.kind(t), TokenKind::Word | TokenKind::Number))
            .count()
    }
}

/// Trims spaces and edge punctuation off a span.
pub(super) fn trim_punct(text: &str, s: Span) -> Span {
    let t = &text[s.range()];
    let trimmed_end = t.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':' | '—' | '–' | '-')
    });
    let trimmed =
        trimmed_end.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':'));
    let start = s.start + (trimmed_end.len() - trimmed.len());
    Span::new(start, start + trimmed.len())
}
