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
//!   `U.S.-Ukraine`, `O'Brien`, `1.2`, `3,000`); abbreviations and initials keep their
//!   period (`Mr.`, `U.S.`, `F.`); clitics are split (`Ukraine` `'s`, `do` `n't`).
//! - Sentences end at `.`, `?`, `!` (with closing quotes and brackets) before a capital,
//!   digit or opening quote; abbreviations do not end sentences unless the next word is
//!   a typical sentence opener. Sentences are capped at [`MAX_SENTENCE_TOKENS`] tokens so
//!   hostile input stays linear.

use std::ops::Range;

use crate::lexicon::words::{WordClass, is};
use crate::text::Document;
use crate::text::shape::{is_all_caps, is_dotted, is_title_case};

/// A byte range into the document text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

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

// ------------------------------------------------------------------ paragraphs

fn is_blank(line: &str) -> bool {
    line.chars().all(|c| c.is_whitespace() || is_invisible(c))
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{00ad}'
    ) || (c.is_control() && c != '\n')
}

/// Lines as spans without their line ending.
fn lines(text: &str) -> Vec<Span> {
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

fn ends_terminal(line: &str) -> bool {
    matches!(
        line.trim_end().chars().last(),
        Some('.' | '?' | '!' | ':' | '"' | '”' | '’' | '\'' | ')' | '»' | ';' | '…')
    )
}

/// Trims whitespace and invisible characters off a span.
fn trim_span(text: &str, s: Span) -> Span {
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
fn paragraph_spans(text: &str) -> Vec<Span> {
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

fn is_boilerplate_phrase(line: &str) -> bool {
    let l = line
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    is(WordClass::Boilerplate, l.as_str()) || l.starts_with("copyright") || l.starts_with("©")
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

fn paragraph_kinds(text: &str, paras: &[Span]) -> Vec<ParagraphKind> {
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

// ------------------------------------------------------------------ tokens

fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c)
}

fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x20D0..=0x20FF)
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '‘')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

fn clitic_len(rest: &str) -> Option<usize> {
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

fn is_closing_punct(c: char) -> bool {
    matches!(c, '.' | ',' | ';' | ':' | '?' | '!' | ')' | ']')
}

/// Scans a word or number starting at `i`; returns its end and kind.
fn scan_word(text: &str, mut i: usize, end: usize) -> (usize, TokenKind) {
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
            // O'Brien, rock'n'roll
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

fn next_is_digit(text: &str, i: usize, end: usize) -> bool {
    text[i.min(end)..end]
        .trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit())
}

// ------------------------------------------------------------------ datelines

/// `MOSCOW —`, `WASHINGTON, Dec 2 (Reuters) -`: all-caps words then a dash within the
/// first dozen tokens. Returns (tokens in the dateline, first token after the dash).
fn dateline(text: &str, toks: &[Token]) -> Option<(usize, usize)> {
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

// ------------------------------------------------------------------ sentences

fn split_sentences(text: &str, from: usize, to: usize, paragraph: usize, seg: &mut Segmentation) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<&str> {
        let mut out = Vec::new();
        tokenize(s, Span::new(0, s.len()), &mut out);
        out.iter().map(|t| &s[t.span.range()]).collect()
    }

    fn sents(s: &str) -> Vec<String> {
        let doc = Document::new("t", s);
        let seg = segment(&doc);
        seg.sentences
            .iter()
            .map(|x| s[x.span.range()].to_string())
            .collect()
    }

    #[test]
    fn tokens_keep_compounds_and_split_clitics() {
        assert_eq!(
            toks("Donald Duck's son-in-law met U.S.-Ukraine teams, didn't he?"),
            vec![
                "Donald",
                "Duck",
                "'s",
                "son-in-law",
                "met",
                "U.S.-Ukraine",
                "teams",
                ",",
                "did",
                "n't",
                "he",
                "?"
            ]
        );
        assert_eq!(
            toks("Nadia’s 1.2 million, 3,000 O'Neill"),
            vec!["Nadia", "’s", "1.2", "million", ",", "3,000", "O'Neill"]
        );
        assert_eq!(
            toks("Mr. Hale and Dr. Ruiz."),
            vec!["Mr.", "Hale", "and", "Dr.", "Ruiz", "."]
        );
        assert_eq!(
            toks("AT&T — “Yes,” she said"),
            vec!["AT&T", "—", "“", "Yes", ",", "”", "she", "said"]
        );
    }

    #[test]
    fn straight_quotes_get_a_direction() {
        let s = r#"He said "it works" and left."#;
        let mut out = Vec::new();
        tokenize(s, Span::new(0, s.len()), &mut out);
        let kinds: Vec<_> = out.iter().map(|t| t.kind).collect();
        assert_eq!(kinds[2], TokenKind::OpenQuote);
        assert_eq!(kinds[5], TokenKind::CloseQuote);
    }

    #[test]
    fn sentences_respect_abbreviations() {
        assert_eq!(
            sents("Mr. Hale met Gen. Ruiz on Jan. 5 at 9 a.m. in St. Paul. They talked."),
            vec![
                "Mr. Hale met Gen. Ruiz on Jan. 5 at 9 a.m. in St. Paul.",
                "They talked."
            ]
        );
        assert_eq!(
            sents("Aid came from the U.S. The talks resumed. John F. Kennedy Airport was shut."),
            vec![
                "Aid came from the U.S.",
                "The talks resumed.",
                "John F. Kennedy Airport was shut."
            ]
        );
        assert_eq!(
            sents("The U.S. Senate voted. \"We won.\" She left. \"Why?\" she asked."),
            vec![
                "The U.S. Senate voted.",
                "\"We won.\"",
                "She left.",
                "\"Why?\" she asked."
            ]
        );
    }

    #[test]
    fn stray_spaces_before_periods() {
        assert_eq!(
            sents("They met in Lisbon on Tuesday . The talks ended ."),
            vec!["They met in Lisbon on Tuesday .", "The talks ended ."]
        );
    }

    #[test]
    fn offsets_map_back_to_input_with_crlf_and_bom() {
        let s = "\u{feff}Headline Here\r\n\r\nFirst one. Second “quoted” one.\r\n\r\nThird.\r\n";
        let doc = Document::new("t", s);
        let seg = segment(&doc);
        assert_eq!(seg.paragraphs[0].kind, ParagraphKind::Title);
        let texts: Vec<_> = seg.sentences.iter().map(|x| &s[x.span.range()]).collect();
        assert_eq!(
            texts,
            vec![
                "Headline Here",
                "First one.",
                "Second “quoted” one.",
                "Third."
            ]
        );
        for t in &seg.tokens {
            assert!(s.is_char_boundary(t.span.start) && s.is_char_boundary(t.span.end));
        }
    }

    #[test]
    fn boilerplate_and_datelines() {
        let s = "Big Headline\n\nLISBON — The minister spoke on Monday.\n\nA Section Heading\n\nMore text here.\n\nDesk Staff\n\nDesk Staff\n\n- Author\nNext Story\nShare it";
        let doc = Document::new("t", s);
        let seg = segment(&doc);
        let kinds: Vec<_> = seg.paragraphs.iter().map(|p| p.kind).collect();
        use ParagraphKind::*;
        assert_eq!(
            kinds,
            vec![
                Title,
                Body,
                Heading,
                Body,
                Boilerplate,
                Boilerplate,
                Boilerplate,
                Boilerplate,
                Boilerplate
            ]
        );
        let dl = seg.dateline.clone().unwrap();
        assert_eq!(&s[seg.tokens[dl.start].span.range()], "LISBON");
        assert_eq!(
            &s[seg.sentences[1].span.range()],
            "The minister spoke on Monday."
        );
    }

    #[test]
    fn a_title_case_first_line_is_the_title_even_with_a_period() {
        let s =
            "Senator Invokes Old Rival In Ad Attacking The Governor.\n\nThe ad ran on Thursday.";
        let seg = segment(&Document::new("t", s));
        assert_eq!(seg.paragraphs[0].kind, ParagraphKind::Title);
        let s = "The senator spoke.\n\nThe ad ran on Thursday.";
        let seg = segment(&Document::new("t", s));
        assert_eq!(seg.paragraphs[0].kind, ParagraphKind::Body);
    }

    #[test]
    fn hard_wrapped_lines_join_and_single_lines_split() {
        let wrapped = "The committee met for several hours on Thursday to discuss the\nbudget and the new rules for the coming year, officials said.\nA second paragraph follows here.";
        let doc = Document::new("t", wrapped);
        let seg = segment(&doc);
        assert_eq!(seg.paragraphs.len(), 2);
    }

    #[test]
    fn closing_brackets_and_titles_stay_within_the_cap() {
        // found by fuzzing: a period followed by hundreds of closing brackets, and a
        // title of more tokens than the cap
        let s = format!("Talks\n\nThe talks ended .{} Then more.", ")".repeat(400));
        let t = format!("{}\n\nBody text here.", "a,".repeat(120));
        for s in [s, t] {
            let seg = segment(&Document::new("t", s));
            assert!(
                seg.sentences
                    .iter()
                    .all(|x| x.tokens.len() <= MAX_SENTENCE_TOKENS)
            );
        }
    }

    #[test]
    fn long_runs_are_capped() {
        let s = "word ".repeat(1000);
        let doc = Document::new("t", s);
        let seg = segment(&doc);
        assert!(
            seg.sentences
                .iter()
                .all(|x| x.tokens.len() <= MAX_SENTENCE_TOKENS)
        );
        assert_eq!(seg.tokens.len(), 1000);
    }
}
