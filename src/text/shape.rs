//! Word shapes: what a word looks like, before anyone knows what it is. Shared by every
//! stage (segmentation, mentions, entities, quotes), so "all caps" or "an initial" means
//! the same everywhere.

/// The word starts with an uppercase letter.
pub fn is_capitalized(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// Headline capitalization: every word of four or more letters starts with a capital
/// (there are at least three). Ordinary sentences have lowercase verbs and nouns.
pub fn is_title_case(t: &str) -> bool {
    let long: Vec<&str> = t
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().count() >= 4 && w.chars().all(|c| c.is_alphabetic() || c == '-'))
        .collect();
    long.len() >= 5 && long.iter().all(|w| is_capitalized(w))
}

/// Letters, none of them lowercase (`NATO`, `U.S.`, `READERS`).
pub fn is_all_caps(w: &str) -> bool {
    w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase)
}

/// `U.S`, `e.g`, `a.m`, `D.C`: single letters (or two) between periods.
pub fn is_dotted(w: &str) -> bool {
    w.contains('.')
        && w.split('.')
            .all(|p| !p.is_empty() && p.chars().count() <= 2 && p.chars().all(char::is_alphabetic))
}

/// A clitic split off a word (`'s`, `’ll`).
pub fn is_clitic(w: &str) -> bool {
    w.starts_with(['\'', '’'])
}

/// A plural acronym (`MEPs`, `CEOs`): people, not an organization.
pub fn is_plural_acronym(w: &str) -> bool {
    w.len() >= 3 && w.ends_with('s') && w[..w.len() - 1].chars().all(|c| c.is_ascii_uppercase())
}

/// `F.`, `X.`: an initial standing alone.
pub fn is_initial(w: &str) -> bool {
    let mut c = w.chars();
    matches!((c.next(), c.next(), c.next()), (Some(a), Some('.'), None) if a.is_uppercase())
        || (w.chars().count() == 1 && w.chars().all(char::is_uppercase))
}

/// Two or more capital ASCII letters (`IAEA`).
pub fn is_acronym(s: &str) -> bool {
    s.len() >= 2 && s.chars().all(|c| c.is_ascii_uppercase())
}

/// A name as the analysis reads it: control characters (a stray escape or bell byte in
/// scraped text, a line break inside a name) become spaces, so `Kalo\x1bRenvo` is the
/// name `Kalo Renvo`. The source text keeps the bytes; evidence spans point into it.
pub fn controls_as_spaces(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert!(is_capitalized("Ödön") && !is_capitalized("von") && !is_capitalized(""));
        assert!(is_all_caps("U.S.") && !is_all_caps("NATo") && !is_all_caps("42"));
        assert!(is_title_case(
            "Senator Invokes Rival Names During Heated Campaign Debate"
        ));
        assert!(!is_title_case(
            "The senator invoked a rival during the heated debate"
        ));
        assert!(is_dotted("U.S") && is_dotted("a.m") && !is_dotted("example.com"));
        assert!(is_initial("F.") && is_initial("X") && !is_initial("Fr."));
        assert!(is_acronym("IAEA") && !is_acronym("I") && !is_acronym("Nato"));
        assert!(is_plural_acronym("MEPs") && !is_plural_acronym("Ms"));
        assert!(is_clitic("'s") && is_clitic("’ll") && !is_clitic("s"));
    }
}
