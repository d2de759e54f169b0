//! The one reader of lexicon files: `#` comment lines, blank lines skipped, tab-separated
//! columns trimmed of spaces. Every lexicon — embedded or given by the user — goes
//! through it, so all of them share one format and errors name their line.

use std::fmt;

/// One data line of a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row<'a> {
    /// 1-based line number in the file.
    pub line: usize,
    cols: Vec<&'a str>,
}

impl<'a> Row<'a> {
    /// Column `i`, or "" when the row is shorter.
    pub fn col(&self, i: usize) -> &'a str {
        self.cols.get(i).copied().unwrap_or("")
    }

    /// Column `i`, if the row has it.
    pub fn get(&self, i: usize) -> Option<&'a str> {
        self.cols.get(i).copied()
    }

    pub fn len(&self) -> usize {
        self.cols.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cols.is_empty()
    }

    /// An error about this row.
    pub fn error(&self, message: impl Into<String>) -> TsvError {
        TsvError {
            line: self.line,
            message: message.into(),
        }
    }
}

/// A malformed line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TsvError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for TsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for TsvError {}

/// The data lines of a file: not blank, not starting with `#`. A line keeps its empty
/// trailing columns (`Africa<TAB>region<TAB>Africa<TAB>` has four).
pub fn rows(text: &str) -> impl Iterator<Item = Row<'_>> {
    text.lines().enumerate().filter_map(|(n, l)| {
        let l = l.trim_end_matches('\r');
        if l.trim().is_empty() || l.starts_with('#') {
            return None;
        }
        Some(Row {
            line: n + 1,
            cols: l.split('\t').map(str::trim).collect(),
        })
    })
}

/// The data lines of a file, each an error unless it has at least `min_cols` columns.
pub fn table(text: &str, min_cols: usize) -> impl Iterator<Item = Result<Row<'_>, TsvError>> {
    rows(text).map(move |r| {
        if r.len() < min_cols {
            Err(r.error(format!(
                "expected at least {min_cols} tab-separated columns, found {}",
                r.len()
            )))
        } else {
            Ok(r)
        }
    })
}

/// The first column of every data line (a word list).
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.lines().filter_map(|l| {
        let l = l.trim_end_matches('\r');
        if l.trim().is_empty() || l.starts_with('#') {
            return None;
        }
        l.split('\t').next().map(str::trim)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_blanks_and_columns() {
        let t = "# source: x\n\na\tb \t\r\n  \nc\n#d\te\n";
        let r: Vec<Row> = rows(t).collect();
        assert_eq!(r.len(), 2);
        assert_eq!((r[0].line, r[0].len()), (3, 3));
        assert_eq!((r[0].col(1), r[0].col(2), r[0].col(7)), ("b", "", ""));
        assert_eq!((r[1].line, r[1].col(0)), (5, "c"));
        let e = table(t, 2).find_map(Result::err).unwrap();
        assert_eq!(
            e.to_string(),
            "line 5: expected at least 2 tab-separated columns, found 1"
        );
    }
}
