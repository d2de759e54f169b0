//! Sentences: ends at `.`, `?`, `!` (with closing quotes and brackets) before a capital,
//! digit or opening quote; an abbreviation's period only before a typical opener; capped
//! at [`MAX_SENTENCE_TOKENS`] tokens.

use super::{MAX_SENTENCE_TOKENS, Segmentation, TokenKind, push_sentence};
use crate::lexicon::words::{WordClass, is};
use crate::text::shape::is_dotted;

pub(super) fn split_sentences(
    text: &str,
    from: usize,
    to: usize,
    paragraph: usize,
    seg: &mut Segmentation,
) {
    let mut start = from;
    let mut k = from;
    while k < to {
        let t = seg.tokens[k];
        let s = &text[t.span.range()];
        let mut boundary = false;
        let mut last = k;
        let terminal_punct = t.kind == TokenKind::Punct
            && (s.starts_with('.') || s == "?" || s == "!" || s == "…" || s == "?!");
        let abbrev_end = t.kind == TokenKind::Word && s.ends_with('.');
        if terminal_punct || abbrev_end {
            // absorb closing quotes and brackets (not past the sentence cap)
            while last + 1 < to && last + 1 - start < MAX_SENTENCE_TOKENS {
                let n = seg.tokens[last + 1];
                let ns = &text[n.span.range()];
                let closing = matches!(n.kind, TokenKind::CloseQuote)
                    || (n.kind == TokenKind::SingleQuote && !n.space_before)
                    || ((ns == ")" || ns == "]") && !n.space_before);
                if closing {
                    last += 1;
                } else {
                    break;
                }
            }
            if last + 1 >= to {
                boundary = true;
            } else {
                let n = seg.tokens[last + 1];
                let ns = &text[n.span.range()];
                let c = ns.chars().next().unwrap_or(' ');
                let opener = c.is_uppercase()
                    || c.is_ascii_digit()
                    || matches!(n.kind, TokenKind::OpenQuote)
                    || (n.kind == TokenKind::SingleQuote && n.space_before)
                    || ns == "(";
                if terminal_punct {
                    boundary = opener && n.space_before;
                } else {
                    // an abbreviation's period: only a typical opener after a dotted or
                    // company abbreviation ends the sentence
                    let w = s.trim_end_matches('.');
                    let lw = w.to_lowercase();
                    let can_end = is_dotted(w)
                        || is(WordClass::FinalAbbreviation, lw.as_str())
                        || is(WordClass::StateAbbreviation, lw.as_str());
                    let first_word = ns.trim_end_matches('.');
                    boundary = can_end
                        && n.space_before
                        && (is(WordClass::SentenceOpener, first_word)
                            || matches!(n.kind, TokenKind::OpenQuote));
                }
            }
        }
        if !boundary && last + 1 - start >= MAX_SENTENCE_TOKENS {
            boundary = true;
        }
        if boundary {
            push_sentence(seg, start, last + 1, paragraph);
            start = last + 1;
        }
        k = last + 1;
    }
    push_sentence(seg, start, to, paragraph);
}
