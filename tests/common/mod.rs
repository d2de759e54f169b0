//! Helpers shared by the integration tests that read exported formats back.
#![allow(dead_code)]

/// Reads the string literals of a Cypher line (double- or single-quoted), undoing the
/// escapes of the openCypher grammar; panics on a malformed literal.
pub fn cypher_strings(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c != '"' && c != '\'' {
            continue;
        }
        let quote = c;
        let mut s = String::new();
        loop {
            match chars.next().expect("unterminated string literal") {
                q if q == quote => break,
                '\\' => s.push(match chars.next().expect("dangling backslash") {
                    '\\' => '\\',
                    '\'' => '\'',
                    '"' => '"',
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    'b' => '\u{8}',
                    'f' => '\u{c}',
                    'u' => {
                        let hex: String = chars.by_ref().take(4).collect();
                        char::from_u32(u32::from_str_radix(&hex, 16).unwrap()).unwrap()
                    }
                    other => panic!("unknown escape \\{other}"),
                }),
                '\n' | '\r' => panic!("raw line break in a literal"),
                c => s.push(c),
            }
        }
        out.push(s);
    }
    out
}

/// What XML 1.0 can carry of a string: its forbidden characters become U+FFFD.
pub fn xml_safe(s: &str) -> String {
    s.chars()
        .map(|c| {
            if (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{FFFE}' || c == '\u{FFFF}' {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect()
}
