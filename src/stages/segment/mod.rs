//! Segmentation: paragraphs, sentences and tokens, all as byte spans into `Document::text`.
//!
//! Entry point: [`segment`]. Nothing here copies text: a [`Token`] is a span and a kind.
//!
//! - Paragraphs are blocks separated by blank lines (single-newline paragraphs and
//!   hard-wrapped text are both recognized). The first line of a multi-paragraph
//!   document is its title; short lines without final punctuation are headings; the
//!   trailing run of such lines ("News Desk", "- Author", "Share it") and known site
//!   phrases are boilerplate, which later stages skip.
//! - An all-caps dateline (`MOSCOW —`) opening the first body paragraph is recorded and
//!   kept out of the first sentence.
//! - Tokens: words keep inner hyphens, periods and apostrophes (`son-in-law`,
//!   `U.S.-Ukraine`, `O'Dowd`, `1.2`, `3,000`); abbreviations and initials keep their
//!   period (`Mr.`, `U.S.`, `F.`); clitics are split (`Ukraine` `'s`, `do` `n't`).
//! - Sentences end at `.`, `?`, `!` (with closing quotes and brackets) before a capital,
//!   digit or opening quote; abbreviations do not end sentences unless the next word is
//!   a typical sentence opener. Sentences are capped at [`MAX_SENTENCE_TOKENS`] tokens so
//!   hostile input stays linear.
//!
//! Files: `paragraphs.rs`, `tokens.rs` (the tokenizer), `dateline.rs`, `sentences.rs`.

mod dateline;
mod paragraphs;
mod sentences;
mod tokens;

use std::ops::Range;

pub use crate::text::span::Span;
pub use tokens::tokenize;

use dateline::dateline;
use paragraphs::{paragraph_kinds, paragraph_spans};
use sentences::split_sentences;

use crate::text::Document;

/// Longest sentence in tokens; longer runs are cut.
pub const MAX_SENTENCE_TOKENS: usize = 200;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters (possibly with digits, inner hyphens, periods, apostrophes).
    Word,
    /// Digits with `.`/`,` separators.
    Number,
    /// A quotation mark that opens (`“`, `«`, or `"` after a space).
    OpenQuote,
    /// A quotation mark that closes (`”`, `»`, or `"` before a space or punctuation).
    CloseQuote,
    /// `'`/`’` that is not inside a word: a single quote or a plural possessive.
    SingleQuote,
    /// `—`, `–`, ` - `, `--`.
    Dash,
    /// Any other punctuation or symbol.
    Punct,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
    /// Whitespace precedes the token (or it starts the paragraph).
    pub space_before: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParagraphKind {
    /// The headline (first line of a multi-paragraph document).
    Title,
    /// A section heading inside the article.
    Heading,
    Body,
    /// Site furniture: bylines, share buttons, "Next Story".
    Boilerplate,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    pub span: Span,
    pub kind: ParagraphKind,
    /// Indices into `Segmentation::sentences`.
    pub sentences: Range<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    /// Indices into `Segmentation::tokens`.
    pub tokens: Range<usize>,
    pub paragraph: usize,
}

/// The output of [`segment`].
#[derive(Clone, Debug, Default)]
pub struct Segmentation {
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
    /// Tokens of the dateline (`MOSCOW —`), if the article opens with one.
    pub dateline: Option<Range<usize>>,
}

impl Segmentation {
    /// Sentences of body paragraphs (not title, headings or boilerplate).
    pub fn body_sentences(&self) -> impl Iterator<Item = (usize, &Sentence)> {
        self.sentences
            .iter()
            .enumerate()
            .filter(|(_, s)| self.paragraphs[s.paragraph].kind == ParagraphKind::Body)
    }

    /// The index of the sentence holding token `t` (binary search).
    pub fn sentence_of(&self, t: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.tokens.end <= t);
        (i < self.sentences.len() && self.sentences[i].tokens.contains(&t)).then_some(i)
    }
}

/// Splits a document into paragraphs, sentences and tokens.
pub fn segment(doc: &Document) -> Segmentation {
    segment_with(doc, true)
}

/// Splits text whose every paragraph is body text (no title, headings, boilerplate or
/// dateline): single sentences, snippets, treebank text.
pub fn segment_plain(doc: &Document) -> Segmentation {
    segment_with(doc, false)
}

fn segment_with(doc: &Document, layout: bool) -> Segmentation {
    let text = doc.text.as_str();
    let mut seg = Segmentation::default();
    let blocks = paragraph_spans(text);
    let kinds = if layout {
        paragraph_kinds(text, &blocks)
    } else {
        vec![ParagraphKind::Body; blocks.len()]
    };
    let mut first_body = true;
    for (pi, (span, kind)) in blocks.iter().zip(kinds).enumerate() {
        let first_sentence = seg.sentences.len();
        if kind != ParagraphKind::Boilerplate {
            let tok_start = seg.tokens.len();
            tokenize(text, *span, &mut seg.tokens);
            let mut body_start = tok_start;
            if kind == ParagraphKind::Body && first_body && layout {
                first_body = false;
                if let Some(end) = dateline(text, &seg.tokens[tok_start..]) {
                    seg.dateline = Some(tok_start..tok_start + end.0);
                    body_start = tok_start + end.1;
                }
            }
            if kind == ParagraphKind::Body {
                split_sentences(text, body_start, seg.tokens.len(), pi, &mut seg);
            } else {
                // a title or heading is one unit, however many periods it has (but no
                // longer than the sentence cap)
                let n = seg.tokens.len();
                let mut from = body_start;
                while from < n {
                    let to = n.min(from + MAX_SENTENCE_TOKENS);
                    push_sentence(&mut seg, from, to, pi);
                    from = to;
                }
            }
        }
        seg.paragraphs.push(Paragraph {
            span: *span,
            kind,
            sentences: first_sentence..seg.sentences.len(),
        });
    }
    seg
}

fn push_sentence(seg: &mut Segmentation, from: usize, to: usize, paragraph: usize) {
    if from >= to {
        return;
    }
    let span = Span::new(seg.tokens[from].span.start, seg.tokens[to - 1].span.end);
    seg.sentences.push(Sentence {
        span,
        tokens: from..to,
        paragraph,
    });
}

#[cfg(test)]
mod tests;
