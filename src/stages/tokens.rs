//! The token view every stage reads tokens through: the word as written, its lowercase
//! form, its kind and its part-of-speech tag, by token index into
//! [`Segmentation::tokens`]. Nothing is copied: a word is a slice of the document text.

use crate::stages::segment::{Segmentation, TokenKind};
use crate::tagger::Upos;
use crate::tagging::Tags;

/// A read-only view of one document's tokens.
#[derive(Clone, Copy, Debug)]
pub struct TokenView<'a> {
    pub text: &'a str,
    pub seg: &'a Segmentation,
    tags: Option<&'a Tags>,
}

impl<'a> TokenView<'a> {
    /// Words and kinds only: [`TokenView::tag`] is `X` everywhere.
    pub fn new(text: &'a str, seg: &'a Segmentation) -> TokenView<'a> {
        TokenView {
            text,
            seg,
            tags: None,
        }
    }

    /// Words, kinds and tags.
    pub fn tagged(text: &'a str, seg: &'a Segmentation, tags: &'a Tags) -> TokenView<'a> {
        TokenView {
            text,
            seg,
            tags: Some(tags),
        }
    }

    /// The word as written.
    pub fn word(&self, t: usize) -> &'a str {
        &self.text[self.seg.tokens[t].span.range()]
    }

    /// The word in lowercase.
    pub fn lower(&self, t: usize) -> String {
        self.word(t).to_lowercase()
    }

    pub fn kind(&self, t: usize) -> TokenKind {
        self.seg.tokens[t].kind
    }

    /// A word token (not a number, quotation mark or punctuation).
    pub fn is_word(&self, t: usize) -> bool {
        self.kind(t) == TokenKind::Word
    }

    /// The part-of-speech tag (`X` without tags or out of range).
    pub fn tag(&self, t: usize) -> Upos {
        self.tags.map_or(Upos::X, |tags| tags.at(t))
    }
}
