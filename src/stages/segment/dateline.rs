//! Datelines: an all-caps place and a dash opening the first body paragraph (`MOSCOW —`).

use super::{Token, TokenKind};
use crate::text::shape::is_all_caps;

/// `MOSCOW —`, `WASHINGTON, Dec 2 (Reuters) -`: all-caps words then a dash within the
/// first dozen tokens. Returns (tokens in the dateline, first token after the dash).
pub(super) fn dateline(text: &str, toks: &[Token]) -> Option<(usize, usize)> {
    let first = toks.first()?;
    let w = &text[first.span.range()];
    if first.kind != TokenKind::Word || w.chars().count() < 2 || !is_all_caps(w) {
        return None;
    }
    for (k, t) in toks.iter().enumerate().take(12).skip(1) {
        if t.kind == TokenKind::Dash {
            return (k + 1 < toks.len()).then_some((k, k + 1));
        }
        if matches!(t.kind, TokenKind::OpenQuote | TokenKind::CloseQuote) {
            return None;
        }
        let s = &text[t.span.range()];
        if s == "." || s == "?" || s == "!" {
            return None;
        }
    }
    None
}
