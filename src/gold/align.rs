//! Locating gold strings (names, quote texts, evidence) in the article text.

use crate::text::Span;

/// Every non-overlapping occurrence of `needle` in `text`, as byte spans, left to right.
pub fn find_all(text: &str, needle: &str) -> Vec<Span> {
    let mut out = Vec::new();
    if needle.is_empty() {
        return out;
    }
    let mut from = 0;
    while let Some(i) = text[from..].find(needle) {
        let start = from + i;
        out.push(Span::new(start, start + needle.len()));
        from = start + needle.len();
    }
    out
}

/// The first occurrence of `needle` in `text`; when it is not there verbatim (annotators
/// sometimes normalize quote marks, apostrophes or spaces), the first place where it occurs
/// with those differences ignored.
pub fn locate(text: &str, needle: &str) -> Option<Span> {
    if needle.trim().is_empty() {
        return None;
    }
    if let Some(i) = text.find(needle) {
        return Some(Span::new(i, i + needle.len()));
    }
    // Loose match: compare folded characters, collapsing whitespace runs.
    let fold = |c: char| match c {
        '\u{2018}' | '\u{2019}' | '\u{02BC}' | '`' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => '"',
        '\u{2013}' | '\u{2014}' => '-',
        c if c.is_whitespace() => ' ',
        c => c,
    };
    let hay: Vec<(usize, char)> = text.char_indices().map(|(i, c)| (i, fold(c))).collect();
    let pat: Vec<char> = {
        let mut v: Vec<char> = Vec::new();
        for c in needle.trim().chars().map(fold) {
            if c == ' ' && v.last() == Some(&' ') {
                continue;
            }
            v.push(c);
        }
        v
    };
    if pat.is_empty() {
        return None;
    }
    for s in 0..hay.len() {
        if hay[s].1 != pat[0] {
            continue;
        }
        let (mut i, mut j) = (s, 0);
        while i < hay.len() && j < pat.len() {
            if pat[j] == ' ' && hay[i].1 == ' ' {
                while i < hay.len() && hay[i].1 == ' ' {
                    i += 1;
                }
                j += 1;
            } else if hay[i].1 == pat[j] {
                i += 1;
                j += 1;
            } else {
                break;
            }
        }
        if j == pat.len() {
            let end = if i < hay.len() { hay[i].0 } else { text.len() };
            return Some(Span::new(hay[s].0, end));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_occurrence() {
        let t = "Ana met Ana.";
        assert_eq!(find_all(t, "Ana").len(), 2);
        assert!(find_all(t, "").is_empty());
    }

    #[test]
    fn locates_with_folded_marks_and_spaces() {
        let t = "He said \u{201C}we won\u{2019}t  go\u{201D} today.";
        let s = locate(t, "we won't go").unwrap();
        assert_eq!(&t[s.start..s.end], "we won\u{2019}t  go");
        assert!(locate(t, "absent words").is_none());
    }
}
