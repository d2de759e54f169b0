//! Paragraphs: blocks of lines (hard-wrapped lines joined), and their kinds: the title,
//! headings, body, and the site furniture at the end (bylines, share buttons).

use super::{ParagraphKind, Span};
use crate::lexicon::words::{WordClass, is};
use crate::text::shape::is_title_case;

pub(super) fn is_blank(line: &str) -> bool {
    line.chars().all(|c| c.is_whitespace() || is_invisible(c))
}

pub(super) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{00ad}'
    ) || (c.is_control() && c != '\n')
}

/// Lines as spans without their line ending.
pub(super) fn lines(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\n' => {
                out.push(Span::new(start, i));
                start = i + 1;
            }
            b'\r' => {
                out.push(Span::new(start, i));
                if b.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if start < b.len() {
        out.push(Span::new(start, b.len()));
    }
    out
}

pub(super) fn ends_terminal(line: &str) -> bool {
    matches!(
        line.trim_end().chars().last(),
        Some('.' | '?' | '!' | ':' | '"' | '”' | '’' | '\'' | ')' | '»' | ';' | '…')
    )
}

/// Trims whitespace and invisible characters off a span.
pub(super) fn trim_span(text: &str, s: Span) -> Span {
    let t = &text[s.range()];
    let lead = t.len()
        - t.trim_start_matches(|c: char| c.is_whitespace() || is_invisible(c))
            .len();
    let trail = t
        .trim_end_matches(|c: char| c.is_whitespace() || is_invisible(c))
        .len();
    if trail <= lead {
        return Span::new(s.start, s.start);
    }
    Span::new(s.start + lead, s.start + trail)
}

/// Paragraph spans: blocks of non-blank lines; inside a block, a line starts a new
/// paragraph unless the previous one is a hard-wrapped continuation.
pub(super) fn paragraph_spans(text: &str) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let mut prev_line: Option<Span> = None; // previous non-blank line in the current block
    for l in lines(text) {
        let line = &text[l.range()];
        if is_blank(line) {
            prev_line = None;
            continue;
        }
        let l = trim_span(text, l);
        let cont = match prev_line {
            Some(p) => {
                let prev = &text[p.range()];
                let starts_lower = line.chars().next().is_some_and(|c| c.is_lowercase());
                !ends_terminal(prev)
                    && prev.chars().count() >= 40
                    && (starts_lower || prev.chars().count() >= 60)
            }
            None => false,
        };
        match (cont, out.last_mut()) {
            (true, Some(last)) => last.end = l.end,
            _ => out.push(l),
        }
        prev_line = Some(l);
    }
    out
}

pub(super) fn is_boilerplate_phrase(line: &str) -> bool {
    let l = line
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    is(WordClass::Boilerplate, l.as_str()) || l.starts_with("copyright") || l.starts_with("©")
}

pub(super) fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

pub(super) fn paragraph_kinds(text: &str, paras: &[Span]) -> Vec<ParagraphKind> {
    let n = paras.len();
    let mut kinds = vec![ParagraphKind::Body; n];
    let short_unterminated = |s: &str| {
        word_count(s) <= 12 && s.chars().count() <= 100 && !ends_terminal(s) && !s.ends_with(',')
    };
    for (i, p) in paras.iter().enumerate() {
        let t = &text[p.range()];
        if is_boilerplate_phrase(t) {
            kinds[i] = ParagraphKind::Boilerplate;
        } else if i == 0
            && n > 1
            && t.chars().count() <= 250
            && (!t.trim_end().ends_with('.') || is_title_case(t))
        {
            kinds[i] = ParagraphKind::Title;
        } else if short_unterminated(t) {
            kinds[i] = ParagraphKind::Heading;
        }
    }
    // The trailing run of short unterminated lines is site furniture (bylines etc.),
    // and so is a short line repeated back to back ("News Desk News Desk").
    let mut i = n;
    while i > 1 {
        let t = &text[paras[i - 1].range()];
        if kinds[i - 1] == ParagraphKind::Boilerplate
            || (short_unterminated(t) && word_count(t) <= 6)
        {
            kinds[i - 1] = ParagraphKind::Boilerplate;
            i -= 1;
        } else {
            break;
        }
    }
    for i in 1..n {
        let (a, b) = (&text[paras[i - 1].range()], &text[paras[i].range()]);
        if a == b && short_unterminated(a) {
            kinds[i - 1] = ParagraphKind::Boilerplate;
            kinds[i] = ParagraphKind::Boilerplate;
        }
    }
    kinds
}
