//! Tokens: words with inner hyphens, periods and apostrophes kept (`son-in-law`,
//! `U.S.-Ukraine`, `O'Dowd`), numbers with separators, abbreviations with their period,
//! clitics split off (`'s`, `n't`), quotation marks with a direction, dashes.

use super::paragraphs::is_invisible;
use super::{Span, Token, TokenKind};
use crate::lexicon::words::{WordClass, is};
use crate::text::shape::is_dotted;

pub(super) fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

pub(super) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c)
}

pub(super) fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x20D0..=0x20FF)
}

pub(super) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '‘')
}

pub(super) fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

pub(super) fn clitic_len(rest: &str) -> Option<usize> {
    // rest starts with an apostrophe
    let mut it = rest.char_indices();
    let (_, a) = it.next()?;
    if !is_apostrophe(a) {
        return None;
    }
    let after = &rest[a.len_utf8()..];
    for cl in [
        "s", "re", "ll", "ve", "d", "m", "S", "RE", "LL", "VE", "D", "M",
    ] {
        if let Some(tail) = after.strip_prefix(cl)
            && !tail.chars().next().is_some_and(is_word_char)
        {
            return Some(a.len_utf8() + cl.len());
        }
    }
    None
}

/// Appends the tokens of `span` to `out`.
pub fn tokenize(text: &str, span: Span, out: &mut Vec<Token>) {
    let mut i = span.start;
    let end = span.end;
    let mut space = true;
    while i < end {
        let Some(c) = char_at(text, i) else { break };
        let clen = c.len_utf8();
        if c.is_whitespace() || is_invisible(c) {
            space = true;
            i += clen;
            continue;
        }
        if c == '\\' && text[i + 1..end].starts_with(['"', '\'', '“', '”', '‘', '’']) {
            // a backslash-escaped mark (`\"` of JSON pasted as text) is the mark as
            // written: the backslash is no token and changes nothing around the mark
            i += 1;
            continue;
        }
        let start = i;
        let kind;
        if is_word_char(c) {
            let (e, k) = scan_word(text, i, end);
            i = e;
            kind = k;
        } else if is_apostrophe(c) {
            if let Some(l) = clitic_len(&text[i..end]).filter(|_| !space) {
                i += l;
                kind = TokenKind::Word;
            } else {
                i += clen;
                kind = TokenKind::SingleQuote;
            }
        } else if matches!(c, '“' | '«' | '„') {
            i += clen;
            kind = TokenKind::OpenQuote;
        } else if matches!(c, '”' | '»') {
            i += clen;
            kind = TokenKind::CloseQuote;
        } else if c == '"' {
            i += clen;
            let next = char_at(text, i).filter(|_| i < end);
            let before_open = space
                || out.last().is_some_and(|t| {
                    matches!(t.kind, TokenKind::OpenQuote | TokenKind::Dash)
                        || matches!(&text[t.span.range()], "(" | "[" | "{")
                });
            let next_word = next.is_some_and(|n| !n.is_whitespace() && !is_closing_punct(n));
            kind = if before_open && next_word {
                TokenKind::OpenQuote
            } else if !space {
                TokenKind::CloseQuote
            } else if next_word {
                TokenKind::OpenQuote
            } else {
                TokenKind::CloseQuote
            };
        } else if matches!(c, '—' | '–' | '―') {
            i += clen;
            kind = TokenKind::Dash;
        } else if c == '-' {
            i += 1;
            while i < end && text.as_bytes()[i] == b'-' {
                i += 1;
            }
            kind = TokenKind::Dash;
        } else if c == '.' {
            i += 1;
            while i < end && text.as_bytes()[i] == b'.' {
                i += 1;
            }
            kind = TokenKind::Punct;
        } else {
            i += clen;
            kind = TokenKind::Punct;
        }
        out.push(Token {
            span: Span::new(start, i),
            kind,
            space_before: space,
        });
        space = false;
    }
}

pub(super) fn is_closing_punct(c: char) -> bool {
    matches!(c, '.' | ',' | ';' | ':' | '?' | '!' | ')' | ']')
}

/// Scans a word or number starting at `i`; returns its end and kind.
pub(super) fn scan_word(text: &str, mut i: usize, end: usize) -> (usize, TokenKind) {
    let start = i;
    // whether text[start..checked] is all digits and commas, kept up to date as the
    // word grows so that long digit groups ("1,000,000,…") stay linear
    let mut checked = start;
    let mut digit_groups = true;
    loop {
        while let Some(c) = char_at(text, i).filter(|_| i < end) {
            if is_word_char(c) {
                i += c.len_utf8();
            } else {
                break;
            }
        }
        let Some(c) = char_at(text, i).filter(|_| i < end) else {
            break;
        };
        let next = char_at(text, i + c.len_utf8()).filter(|_| i + c.len_utf8() < end);
        let next_word = next.is_some_and(is_word_char);
        if is_hyphen(c) && next_word {
            i += c.len_utf8();
            continue;
        }
        if c == '.' && next_word {
            // "U.S", "1.2", "e.g", "example.com" (but not "end.Next": needs a short left part
            // or a digit/lowercase continuation)
            let left = &text[start..i];
            let last_seg = left.rsplit('.').next().unwrap_or(left);
            let nc = next.unwrap_or(' ');
            if last_seg.chars().count() <= 2 || nc.is_ascii_digit() || nc.is_lowercase() {
                i += 1;
                continue;
            }
            break;
        }
        if c == ',' && next.is_some_and(|n| n.is_ascii_digit()) {
            let after = &text[i + 1..end.min(text.len())];
            let digits = after.bytes().take(4).take_while(u8::is_ascii_digit).count();
            digit_groups = digit_groups
                && text.as_bytes()[checked..i]
                    .iter()
                    .all(|&b| b.is_ascii_digit() || b == b',');
            checked = i;
            if digit_groups && digits == 3 {
                i += 1;
                continue;
            }
            break;
        }
        if is_apostrophe(c) && next_word {
            let rest = &text[i..end];
            if rest[c.len_utf8()..].starts_with(['t', 'T'])
                && !rest[c.len_utf8() + 1..]
                    .chars()
                    .next()
                    .is_some_and(is_word_char)
                && text[start..i].ends_with(['n', 'N'])
                && i - start > 1
            {
                // "don't" -> "do" + "n't"
                return (i - 1, TokenKind::Word);
            }
            if clitic_len(rest).is_some() {
                break;
            }
            // O'Dowd, rock'n'roll
            i += c.len_utf8();
            continue;
        }
        if c == '&' && next.is_some_and(|n| n.is_uppercase()) && text[start..i].len() <= 3 {
            i += 1;
            continue;
        }
        if c == '.' {
            let w = &text[start..i];
            let lw = w.to_lowercase();
            let single_initial = w.chars().count() == 1 && w.chars().all(char::is_uppercase);
            let abbrev = (is(WordClass::Abbreviation, lw.as_str())
                || is(WordClass::StateAbbreviation, lw.as_str()))
                && (lw != "no" || next_is_digit(text, i + 1, end));
            if is_dotted(w) || single_initial || abbrev {
                i += 1;
                // "U.S.-Ukraine"
                if let Some(h) = char_at(text, i).filter(|_| i < end)
                    && is_hyphen(h)
                    && char_at(text, i + h.len_utf8()).is_some_and(is_word_char)
                    && i + h.len_utf8() < end
                {
                    i += h.len_utf8();
                    continue;
                }
            }
        }
        break;
    }
    let w = &text[start..i];
    let kind = if w
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        TokenKind::Number
    } else {
        TokenKind::Word
    };
    (i, kind)
}

pub(super) fn next_is_digit(text: &str, i: usize, end: usize) -> bool {
    text[i.min(end)..end]
        .trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit())
}
