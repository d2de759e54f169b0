//! Documents: the text of one article with its metadata, decoded from bytes.
//!
//! The text is kept exactly as read (a UTF-8 byte-order mark and CRLF line ends
//! included), so every span the pipeline produces is a byte offset into the input as the
//! user has it. Only input that is not valid UTF-8 is transcoded (Latin-1/Windows-1252 or
//! lossy), and then a warning says so: offsets then point into the decoded text.
//!
//! Binary data is refused: a known file signature, or NUL bytes where text has none — in
//! the first kilobyte (the way ripgrep and git tell binary files), or more than one byte
//! in a thousand. A text with a few stray control bytes (scraped pages carry them) is
//! read, with one warning: the bytes stay in the text, so offsets stay exact, and the
//! analysis reads them as spaces ([`check_controls`]).

use std::fmt;

use super::date::Date;

/// Why bytes could not be used as a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// NUL bytes where text has none, or a known binary file signature.
    Binary(&'static str),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Binary(what) => write!(f, "not a text file ({what})"),
        }
    }
}

impl std::error::Error for DecodeError {}

/// One article.
#[derive(Clone, Debug, Default)]
pub struct Document {
    /// Stable id: the file stem, a path relative to the input root, or a record id.
    pub id: String,
    pub title: Option<String>,
    /// Where it came from (path or URL).
    pub source: Option<String>,
    pub published: Option<Date>,
    /// The text; all spans index into it.
    pub text: String,
    /// What was done to the input on the way in (transcoding), for the user to see.
    pub warnings: Vec<String>,
}

impl Document {
    /// A document over text that is already a string.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Document {
        Document {
            id: id.into(),
            text: text.into(),
            ..Document::default()
        }
    }

    /// Decodes bytes: UTF-8 as is; text that is not UTF-8 is transcoded with a warning;
    /// binary data is refused.
    pub fn from_bytes(id: impl Into<String>, bytes: &[u8]) -> Result<Document, DecodeError> {
        let (text, warnings) = decode(bytes)?;
        let mut doc = Document::new(id, text);
        doc.warnings.extend(warnings);
        Ok(doc)
    }
}

/// NUL bytes this early make a file binary (ripgrep and git look at the start too).
pub const BINARY_PROBE_BYTES: usize = 1024;

/// A control character that is not layout: C0 other than tab, line feed, form feed and
/// carriage return, and DEL.
fn is_stray_control(c: char) -> bool {
    matches!(c, '\0'..='\x08' | '\x0b' | '\x0e'..='\x1f' | '\x7f')
}

/// Judges the control characters of decoded text: binary (an error) when a NUL is in the
/// first [`BINARY_PROBE_BYTES`] or NULs are more than one byte in a thousand; otherwise a
/// warning when there are stray control characters, which stay in the text (offsets stay
/// exact) and which the analysis reads as spaces. Used for files and JSONL records alike.
pub fn check_controls(text: &str) -> Result<Option<String>, DecodeError> {
    let b = text.as_bytes();
    if b[..b.len().min(BINARY_PROBE_BYTES)].contains(&0) {
        return Err(DecodeError::Binary("NUL bytes in the first kilobyte"));
    }
    let nuls = b.iter().filter(|&&x| x == 0).count();
    if nuls * 1000 > b.len() {
        return Err(DecodeError::Binary("many NUL bytes"));
    }
    let mut stray = text
        .char_indices()
        .filter(|&(_, c)| is_stray_control(c))
        .map(|(i, _)| i);
    let Some(first) = stray.next() else {
        return Ok(None);
    };
    let n = 1 + stray.count();
    let what = if n == 1 {
        "a control byte".to_string()
    } else {
        format!("{n} control bytes")
    };
    Ok(Some(format!(
        "{what} (the first at byte {first}) read as spaces; kept in the text, offsets unchanged"
    )))
}

const SIGNATURES: &[(&[u8], &str)] = &[
    (b"\x89PNG", "PNG image"),
    (b"\xFF\xD8\xFF", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1F\x8B", "gzip data"),
    (b"\x7FELF", "executable"),
    (b"BZh", "bzip2 data"),
    (b"\xFD7zXZ", "xz data"),
    (b"RIFF", "RIFF media"),
];

/// Decodes bytes to text. Returns the text and the warnings: when it was not valid UTF-8,
/// and when it has stray control bytes ([`check_controls`]).
pub fn decode(bytes: &[u8]) -> Result<(String, Vec<String>), DecodeError> {
    let (text, transcoded) = transcode(bytes)?;
    let controls = check_controls(&text)?;
    Ok((text, transcoded.into_iter().chain(controls).collect()))
}

/// The text of the bytes, and a warning when it was not valid UTF-8.
fn transcode(bytes: &[u8]) -> Result<(String, Option<String>), DecodeError> {
    for (sig, what) in SIGNATURES {
        if bytes.starts_with(sig) {
            return Err(DecodeError::Binary(what));
        }
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return decode_utf16(bytes).map(|t| {
            (
                t,
                Some(
                    "UTF-16 text transcoded to UTF-8; offsets refer to the UTF-8 text".to_string(),
                ),
            )
        });
    }
    // NULs in the first kilobyte: binary, whatever else the bytes are
    if bytes[..bytes.len().min(BINARY_PROBE_BYTES)].contains(&0) {
        return Err(DecodeError::Binary("NUL bytes in the first kilobyte"));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((s.to_string(), None)),
        Err(_) => {
            // Text with no valid multi-byte UTF-8 sequence at all is a single-byte
            // encoding: read it as Windows-1252 (a superset of Latin-1's printable range).
            let multibyte_ok = count_valid_multibyte(bytes);
            if multibyte_ok == 0 {
                let text: String = bytes.iter().map(|&b| cp1252(b)).collect();
                let control = text
                    .chars()
                    .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0c'))
                    .count();
                if control * 10 > text.chars().count().max(1) {
                    return Err(DecodeError::Binary("mostly control bytes"));
                }
                Ok((
                    text,
                    Some(
                        "not UTF-8: read as Windows-1252/Latin-1; offsets refer to the UTF-8 text"
                            .to_string(),
                    ),
                ))
            } else {
                Ok((
                    String::from_utf8_lossy(bytes).into_owned(),
                    Some(
                        "invalid UTF-8 sequences replaced with U+FFFD; offsets refer to the decoded text"
                            .to_string(),
                    ),
                ))
            }
        }
    }
}

fn count_valid_multibyte(bytes: &[u8]) -> usize {
    let mut n = 0;
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => return n + s.chars().filter(|c| c.len_utf8() > 1).count(),
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to());
                // valid prefix is UTF-8 by construction
                n += String::from_utf8_lossy(good)
                    .chars()
                    .filter(|c| c.len_utf8() > 1)
                    .count();
                let skip = e.error_len().unwrap_or(bad.len()).max(1);
                rest = &bad[skip.min(bad.len())..];
                if rest.is_empty() {
                    return n;
                }
            }
        }
    }
}

fn decode_utf16(bytes: &[u8]) -> Result<String, DecodeError> {
    let le = bytes.starts_with(&[0xFF, 0xFE]);
    let units: Vec<u16> = bytes[2..]
        .chunks(2)
        .map(|c| {
            let (a, b) = (c[0], *c.get(1).unwrap_or(&0));
            if le {
                u16::from_le_bytes([a, b])
            } else {
                u16::from_be_bytes([a, b])
            }
        })
        .collect();
    Ok(char::decode_utf16(units)
        .map(|r| r.unwrap_or('\u{FFFD}'))
        .collect())
}

fn cp1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_and_weekdays() {
        let d = Date::parse("2025-12-02").unwrap();
        assert_eq!(d.to_string(), "2025-12-02");
        assert_eq!(Date::from_days(d.to_days()), d);
        assert_eq!(d.weekday(), 1); // a Tuesday
        assert_eq!(d.add_days(-1).to_string(), "2025-12-01");
        assert_eq!(Date::parse("2024-02-30"), None);
        assert_eq!(Date::parse("2024-02-29").map(|d| d.day), Some(29));
        assert_eq!(Date::parse("2025-1x-01"), None);
        assert_eq!(
            Date::parse("2026-02-07T10:00:00Z").map(|d| d.to_string()),
            Some("2026-02-07".into())
        );
    }

    #[test]
    fn utf8_is_kept_byte_for_byte() {
        let input = "\u{feff}Title\r\n\r\nHe said “yes”.\r\n";
        let doc = Document::from_bytes("x", input.as_bytes()).unwrap();
        assert_eq!(doc.text, input);
        assert!(doc.warnings.is_empty());
    }

    #[test]
    fn latin1_is_transcoded_with_a_warning() {
        let doc = Document::from_bytes("x", b"Caf\xe9 owner Ren\xe9 said no.").unwrap();
        assert_eq!(doc.text, "Café owner René said no.");
        assert_eq!(doc.warnings.len(), 1);
    }

    #[test]
    fn binary_is_refused() {
        assert!(Document::from_bytes("x", b"\x89PNG\r\n\x1a\n....").is_err());
        assert!(Document::from_bytes("x", b"abc\0def").is_err());
        assert!(Document::from_bytes("x", b"").is_ok());
        // NULs after the first kilobyte, but many of them
        let mut many = "Kalo Renvo said no. ".repeat(100).into_bytes();
        for i in (1100..many.len()).step_by(50) {
            many[i] = 0;
        }
        assert!(Document::from_bytes("x", &many).is_err());
        // UTF-16 with NUL characters
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "a\0b".encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        assert!(Document::from_bytes("x", &utf16).is_err());
    }

    #[test]
    fn stray_control_bytes_are_kept_with_one_warning() {
        // a NUL past the first kilobyte, an escape and a bell: read, bytes kept
        let mut text = "Minister Kalo Renvo met Dora Senqui. ".repeat(40);
        text.push_str("He\0 said\x1b no\x07.");
        let doc = Document::from_bytes("x", text.as_bytes()).unwrap();
        assert_eq!(doc.text, text);
        assert_eq!(doc.warnings.len(), 1, "{:?}", doc.warnings);
        assert!(
            doc.warnings[0].contains("3 control bytes"),
            "{:?}",
            doc.warnings
        );
        let first = text.find('\0').unwrap();
        assert!(doc.warnings[0].contains(&format!("the first at byte {first}")));
        // with invalid UTF-8 too: two warnings, one each
        let mut bad = text.clone().into_bytes();
        bad.push(0xFF);
        let doc = Document::from_bytes("x", &bad).unwrap();
        assert_eq!(doc.warnings.len(), 2, "{:?}", doc.warnings);
        // layout characters are not stray: no warning
        let doc = Document::from_bytes("x", b"Title\r\n\tBody\x0c text.\n").unwrap();
        assert!(doc.warnings.is_empty());
        // Latin-1 text with a stray control byte
        let doc = Document::from_bytes("x", b"Ren\xe9 said\x1b no.").unwrap();
        assert_eq!(doc.text, "René said\u{1b} no.");
        assert_eq!(doc.warnings.len(), 2, "{:?}", doc.warnings);
        assert_eq!(check_controls("ok").unwrap(), None);
    }
}
