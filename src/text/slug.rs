//! Name keys: the normalized form of a name under which an actor is known.
//!
//! Two names with the same key are one actor of a kind ("U.S." and "US" → `us`). The
//! entity stage identifies actors by (kind, key); the graph layer turns that pair into a
//! node id (`person/maria-hale`, see `graph::ids`).

/// Makes a stable slug from a name: lowercase ASCII letters and digits joined by `-`.
/// Letters with diacritics are folded to their base letter where that is simple;
/// other characters are dropped. Never empty.
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut dash = false;
    for c in name.chars() {
        let folded = fold_char(c);
        match folded {
            Some(s) => {
                if dash && !out.is_empty() {
                    out.push('-');
                }
                dash = false;
                out.push_str(s);
            }
            None => {
                if c.is_alphanumeric() {
                    // a letter we cannot fold: keep it as is (ids are IRIs, percent-encoded on export)
                    if dash && !out.is_empty() {
                        out.push('-');
                    }
                    dash = false;
                    for l in c.to_lowercase() {
                        out.push(l);
                    }
                } else if c == '\'' || c == '\u{2019}' || c == '.' {
                    // "O'Dowd" -> "odowd", "U.S." -> "us"
                } else {
                    dash = true;
                }
            }
        }
    }
    if out.is_empty() {
        out.push('x');
    }
    out
}

fn fold_char(c: char) -> Option<&'static str> {
    const ASCII: [&str; 36] = [
        "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "c", "d", "e", "f", "g", "h",
        "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "w", "x", "y", "z",
    ];
    let lc = c.to_ascii_lowercase();
    if lc.is_ascii_digit() {
        return Some(ASCII[(lc as u8 - b'0') as usize]);
    }
    if lc.is_ascii_lowercase() {
        return Some(ASCII[(lc as u8 - b'a') as usize + 10]);
    }
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => {
            "a"
        }
        'ç' | 'ć' | 'č' | 'Ç' | 'Ć' | 'Č' => "c",
        'ď' | 'đ' | 'Ď' | 'Đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' | 'È' | 'É' | 'Ê' | 'Ë' | 'Ě' => "e",
        'ğ' | 'Ğ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ı' | 'İ' | 'Ì' | 'Í' | 'Î' | 'Ï' => "i",
        'ł' | 'Ł' => "l",
        'ñ' | 'ń' | 'ň' | 'Ñ' | 'Ń' | 'Ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ő' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => {
            "o"
        }
        'ř' | 'Ř' => "r",
        'ś' | 'š' | 'ş' | 'Ś' | 'Š' | 'Ş' => "s",
        'ß' => "ss",
        'ť' | 'ţ' | 'Ť' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ů' | 'ű' | 'Ù' | 'Ú' | 'Û' | 'Ü' => "u",
        'ý' | 'ÿ' | 'Ý' => "y",
        'ź' | 'ż' | 'ž' | 'Ź' | 'Ż' | 'Ž' => "z",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_stable_and_ascii() {
        assert_eq!(slug("Jane Q. Doe"), "jane-q-doe");
        assert_eq!(slug("U.S."), "us");
        assert_eq!(slug("Łukasz Żółć"), "lukasz-zolc");
        assert_eq!(slug("O'Dowd"), "odowd");
        assert_eq!(slug("28-point draft"), "28-point-draft");
        assert_eq!(slug("\"<>\""), "x");
    }
}
