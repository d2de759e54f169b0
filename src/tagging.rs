//! Tagging: a part-of-speech tag for every token, from the embedded tagger
//! ([`crate::tagger`]), one sentence at a time.

use crate::document::Document;
use crate::segment::Segmentation;
use crate::tagger::{Tagger, Upos};

/// The UPOS tag of each token (parallel to `Segmentation::tokens`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tags {
    pub upos: Vec<Upos>,
}

impl Tags {
    /// The tag of token `t` (`X` if out of range).
    pub fn at(&self, t: usize) -> Upos {
        self.upos.get(t).copied().unwrap_or(Upos::X)
    }
}

/// Tags every sentence of the document.
pub fn tag(doc: &Document, seg: &Segmentation) -> Tags {
    let tagger = Tagger::embedded();
    let mut upos = vec![Upos::X; seg.tokens.len()];
    let mut words: Vec<&str> = Vec::with_capacity(64);
    let mut buf = Vec::with_capacity(64);
    for s in &seg.sentences {
        words.clear();
        words.extend(
            seg.tokens[s.tokens.clone()]
                .iter()
                .map(|t| &doc.text[t.span.range()]),
        );
        tagger.tag_into(&words, &mut buf);
        for (k, &u) in buf.iter().enumerate() {
            upos[s.tokens.start + k] = u;
        }
    }
    Tags { upos }
}
