//! A CoNLL-U reader (<https://universaldependencies.org/format.html>): the treebank
//! format the parser and lemmatizer are trained on, and an input `newsgraph parse`
//! re-annotates.
//!
//! Sentences are blocks of lines separated by blank lines; `#` lines are comments (kept,
//! so `# sent_id` and `# text` can be read back); every other line has ten
//! tab-separated columns. Multiword-token lines (`1-2`) and empty nodes (`1.1`) are read
//! and skipped: a sentence is its syntactic words, numbered 1..n. Anything else that is
//! not well-formed — a wrong column count, an ID out of sequence, a head that is not a
//! number or points outside the sentence — is an [`Error`] naming the line (1-based).
//! Columns a re-annotation does not need may be `_` (UPOS, HEAD, DEPREL, LEMMA).

use crate::tagger::Upos;

/// One syntactic word of a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    pub form: String,
    /// `_` in the file reads as an empty lemma.
    pub lemma: String,
    /// `None` for `_` or a tag that is not one of the 17.
    pub upos: Option<Upos>,
    /// The head (0 = root, else 1-based word index); `None` for `_`.
    pub head: Option<usize>,
    /// The full relation (`nsubj:pass`); empty for `_`.
    pub deprel: String,
    /// `SpaceAfter=No` in MISC.
    pub no_space_after: bool,
}

/// One sentence: its comment lines (without the leading `#`, trimmed) and its words.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sentence {
    pub comments: Vec<String>,
    pub words: Vec<Word>,
}

impl Sentence {
    /// The value of a `# key = value` comment.
    pub fn comment(&self, key: &str) -> Option<&str> {
        self.comments.iter().find_map(|c| {
            let (k, v) = c.split_once('=')?;
            (k.trim() == key).then(|| v.trim())
        })
    }

    /// The text of the sentence: `# text` if given, else the forms joined by their
    /// spacing.
    pub fn text(&self) -> String {
        if let Some(t) = self.comment("text") {
            return t.to_string();
        }
        let mut s = String::new();
        for w in &self.words {
            s.push_str(&w.form);
            if !w.no_space_after {
                s.push(' ');
            }
        }
        s.truncate(s.trim_end().len());
        s
    }

    pub fn forms(&self) -> Vec<&str> {
        self.words.iter().map(|w| w.form.as_str()).collect()
    }
}

/// A malformed line: its number (1-based) and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for Error {}

fn err(line: usize, message: impl Into<String>) -> Error {
    Error {
        line,
        message: message.into(),
    }
}

/// Reads every sentence of `text`.
pub fn parse(text: &str) -> Result<Vec<Sentence>, Error> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    // line of each word's head column, to report a head out of range
    let mut head_lines: Vec<usize> = Vec::new();
    let finish = |cur: &mut Sentence, head_lines: &mut Vec<usize>, out: &mut Vec<Sentence>| {
        let n = cur.words.len();
        for (w, &line) in cur.words.iter().zip(head_lines.iter()) {
            if w.head.is_some_and(|h| h > n) {
                return Err(err(
                    line,
                    format!("head out of range (sentence has {n} words)"),
                ));
            }
        }
        head_lines.clear();
        if !cur.words.is_empty() || !cur.comments.is_empty() {
            out.push(std::mem::take(cur));
        }
        Ok(())
    };
    for (n, raw) in text.lines().enumerate() {
        let line_no = n + 1;
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() {
            finish(&mut cur, &mut head_lines, &mut out)?;
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            if !cur.words.is_empty() {
                return Err(err(line_no, "comment inside a sentence"));
            }
            cur.comments.push(c.trim().to_string());
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(err(
                line_no,
                format!("expected 10 tab-separated columns, found {}", cols.len()),
            ));
        }
        let id = cols[0];
        if let Some((a, b)) = id.split_once('-') {
            let (Ok(a), Ok(b)) = (a.parse::<usize>(), b.parse::<usize>()) else {
                return Err(err(line_no, format!("bad multiword token range {id:?}")));
            };
            if a != cur.words.len() + 1 || b < a {
                return Err(err(
                    line_no,
                    format!("multiword range {id} out of sequence"),
                ));
            }
            continue;
        }
        if let Some((a, b)) = id.split_once('.') {
            if a.parse::<usize>().is_err() || b.parse::<usize>().is_err() {
                return Err(err(line_no, format!("bad empty node id {id:?}")));
            }
            continue;
        }
        let Ok(i) = id.parse::<usize>() else {
            return Err(err(line_no, format!("bad word id {id:?}")));
        };
        if i != cur.words.len() + 1 {
            return Err(err(
                line_no,
                format!(
                    "word id {i} out of sequence (expected {})",
                    cur.words.len() + 1
                ),
            ));
        }
        if cols[1].is_empty() {
            return Err(err(line_no, "empty form"));
        }
        let head = match cols[6] {
            "_" => None,
            h => match h.parse::<usize>() {
                Ok(h) if h != i => Some(h),
                Ok(_) => return Err(err(line_no, "a word is its own head")),
                Err(_) => return Err(err(line_no, format!("bad head {h:?}"))),
            },
        };
        let field = |s: &str| {
            if s == "_" {
                String::new()
            } else {
                s.to_string()
            }
        };
        cur.words.push(Word {
            form: cols[1].to_string(),
            lemma: if cols[2] == "_" && cols[1] != "_" {
                String::new()
            } else {
                cols[2].to_string()
            },
            upos: Upos::parse(cols[3]),
            head,
            deprel: field(cols[7]),
            no_space_after: cols[9].split('|').any(|m| m == "SpaceAfter=No"),
        });
        head_lines.push(line_no);
    }
    finish(&mut cur, &mut head_lines, &mut out)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# sent_id = a-1\n# text = Mira didn't go.\n\
1\tMira\tMira\tPROPN\tNNP\t_\t4\tnsubj\t_\t_\n\
2-3\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_\n\
2\tdid\tdo\tAUX\tVBD\t_\t4\taux\t_\t_\n\
3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n\
4\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n\
4.1\tgone\tgo\tVERB\t_\t_\t_\t_\t_\t_\n\
5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n";

    #[test]
    fn reads_words_and_skips_multiword_lines_and_empty_nodes() {
        let s = parse(SAMPLE).unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].comment("sent_id"), Some("a-1"));
        assert_eq!(s[0].text(), "Mira didn't go.");
        assert_eq!(s[0].forms(), ["Mira", "did", "n't", "go", "."]);
        let go = &s[0].words[3];
        assert_eq!(
            (go.head, go.deprel.as_str(), go.no_space_after),
            (Some(0), "root", true)
        );
        assert_eq!(s[0].words[1].lemma, "do");
        assert_eq!(s[0].words[0].upos, Some(Upos::Propn));
    }

    #[test]
    fn malformed_lines_name_their_line() {
        let bad = SAMPLE.replace("5\t.\t.", "6\t.\t.");
        assert_eq!(parse(&bad).unwrap_err().line, 9);
        let bad = SAMPLE.replace("\t4\tnsubj", "\t9\tnsubj");
        assert_eq!(parse(&bad).unwrap_err().line, 3);
        let bad = SAMPLE.replace("\t4\tnsubj", "\tx\tnsubj");
        assert!(parse(&bad).unwrap_err().message.contains("bad head"));
        let bad = SAMPLE.replace("Mira\tMira\tPROPN", "Mira PROPN");
        assert_eq!(parse(&bad).unwrap_err().line, 3);
        assert!(parse("").unwrap().is_empty());
        // no blank line at the end, CRLF, a head left blank
        let s = parse("1\tHi\t_\t_\t_\t_\t_\t_\t_\t_\r\n").unwrap();
        assert_eq!((s[0].words[0].head, s[0].words[0].upos), (None, None));
    }
}
