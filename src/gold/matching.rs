//! The scorer's matching rules (`../shared/eval/score.py`), so that training labels agree
//! with what is scored: name normalization, entity tiers, token F1 and phrase matching.

use std::collections::{HashMap, HashSet};

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::GoldEntity;

/// Words that do not count as content (the scorer's list).
pub const STOPWORDS: &[&str] = &[
    "a", "an", "the", "of", "and", "or", "to", "in", "on", "at", "for", "with", "by", "from", "as",
    "into", "onto", "about", "over", "under", "that", "this", "these", "those", "its", "it", "his",
    "her", "their", "our", "your", "my", "which", "who", "whom", "whose", "is", "are", "was",
    "were", "be", "been", "being", "has", "have", "had", "will", "would", "than", "then",
];

fn is_stopword(w: &str) -> bool {
    STOPWORDS.contains(&w)
}

/// Casefolds, strips diacritics, drops possessive `'s` and punctuation (keeping hyphens inside
/// words), collapses spaces and drops a leading `the `: the scorer's `normalize`.
pub fn normalize(s: &str) -> String {
    let decomposed: String = s.nfkd().filter(|c| !is_combining_mark(*c)).collect();
    let folded = decomposed.to_lowercase();
    // possessive 's (any apostrophe) before a word boundary
    let chars: Vec<char> = folded.chars().collect();
    let mut no_poss = String::with_capacity(folded.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
            && chars.get(i + 1) == Some(&'s')
            && !chars
                .get(i + 2)
                .is_some_and(|n| n.is_alphanumeric() || *n == '_')
        {
            i += 2;
            continue;
        }
        no_poss.push(c);
        i += 1;
    }
    let mut out = String::with_capacity(no_poss.len());
    for c in no_poss.chars() {
        if c.is_alphanumeric() || c.is_whitespace() {
            out.push(c);
        } else if matches!(c, '-' | '\u{2010}' | '\u{2011}') {
            out.push('-');
        } else if matches!(
            c,
            '.' | '\'' | '\u{2019}' | '\u{2018}' | '`' | '\u{B4}' | '\u{2BC}'
        ) {
            continue;
        } else {
            out.push(' ');
        }
    }
    // hyphens not between word characters become spaces
    let chars: Vec<char> = out.chars().collect();
    let mut fixed = String::with_capacity(out.len());
    let word = |c: Option<&char>| c.is_some_and(|c| c.is_alphanumeric() || *c == '_');
    for (i, &c) in chars.iter().enumerate() {
        if c == '-' {
            // a run of hyphens stays only when a word character is on both sides of the run
            let mut start = i;
            while start > 0 && chars[start - 1] == '-' {
                start -= 1;
            }
            let mut end = i;
            while end + 1 < chars.len() && chars[end + 1] == '-' {
                end += 1;
            }
            let before = if start == 0 {
                None
            } else {
                chars.get(start - 1)
            };
            if start == end && word(before) && word(chars.get(end + 1)) {
                fixed.push('-');
            } else {
                fixed.push(' ');
            }
        } else {
            fixed.push(c);
        }
    }
    let collapsed = fixed.split_whitespace().collect::<Vec<_>>().join(" ");
    match collapsed.strip_prefix("the ") {
        Some(rest) => rest.to_string(),
        None => collapsed,
    }
}

/// The normalized words of `s`.
pub fn tokens(s: &str) -> Vec<String> {
    normalize(s)
        .split(' ')
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

/// The normalized words of `s` that are not stopwords.
pub fn content_tokens(s: &str) -> HashSet<String> {
    tokens(s).into_iter().filter(|t| !is_stopword(t)).collect()
}

/// |a ∩ b| / |a ∪ b|; 0 when both are empty.
pub fn jaccard(a: &HashSet<String>, b: &HashSet<String>) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    let inter = a.intersection(b).count();
    inter as f64 / (a.len() + b.len() - inter) as f64
}

/// 0 when the phrases do not match; else a score in (0, 1]: equal after normalization,
/// content-word Jaccard ≥ 0.5, or one side's content words contain the other's.
pub fn phrase_score(a: &str, b: &str) -> f64 {
    let (na, nb) = (normalize(a), normalize(b));
    if na.is_empty() || nb.is_empty() {
        return 0.0;
    }
    if na == nb {
        return 1.0;
    }
    let (ca, cb) = (content_tokens(a), content_tokens(b));
    if ca.is_empty() || cb.is_empty() {
        return 0.0;
    }
    let j = jaccard(&ca, &cb);
    if j >= 0.5 {
        return j;
    }
    if ca.is_subset(&cb) || cb.is_subset(&ca) {
        return j.max(0.01);
    }
    0.0
}

/// Token-level F1 of two texts (multiset overlap of normalized words).
pub fn token_f1(a: &str, b: &str) -> f64 {
    let count = |s: &str| {
        let mut m: HashMap<String, usize> = HashMap::new();
        for t in tokens(s) {
            *m.entry(t).or_default() += 1;
        }
        m
    };
    let (ta, tb) = (count(a), count(b));
    let common: usize = ta
        .iter()
        .map(|(t, n)| (*n).min(tb.get(t).copied().unwrap_or(0)))
        .sum();
    if common == 0 {
        return 0.0;
    }
    let p = common as f64 / ta.values().sum::<usize>() as f64;
    let r = common as f64 / tb.values().sum::<usize>() as f64;
    2.0 * p * r / (p + r)
}

fn acronyms(name_norm: &str) -> Vec<String> {
    let toks: Vec<&str> = name_norm
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|t| !t.is_empty())
        .collect();
    if toks.len() < 2 {
        return Vec::new();
    }
    let initials = |ts: &[&str]| {
        ts.iter()
            .filter_map(|t| t.chars().next())
            .collect::<String>()
    };
    let mut res = vec![initials(&toks)];
    let nonstop: Vec<&str> = toks.iter().copied().filter(|t| !is_stopword(t)).collect();
    if nonstop.len() >= 2 {
        res.push(initials(&nonstop));
    }
    res
}

/// `short` (normalized) is the acronym of `long` (normalized).
pub fn is_acronym_of(short: &str, long: &str) -> bool {
    short.chars().count() >= 2 && !short.contains(' ') && acronyms(long).iter().any(|a| a == short)
}

/// One normalized name's words are a suffix of the other's.
pub fn is_token_suffix(a: &str, b: &str) -> bool {
    let (mut ta, mut tb): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if ta.len() > tb.len() {
        std::mem::swap(&mut ta, &mut tb);
    }
    tb[tb.len() - ta.len()..] == ta[..]
}

/// The gold entities of one article, indexed the way the scorer maps names to them.
#[derive(Clone, Debug)]
pub struct GoldIndex {
    kinds: Vec<String>,
    canon: Vec<String>,
    names: Vec<HashSet<String>>,
    /// normalized name → entity (canonical names first, then aliases; first wins)
    index: HashMap<String, usize>,
}

impl GoldIndex {
    pub fn new(entities: &[GoldEntity]) -> GoldIndex {
        let mut canon = Vec::new();
        let mut names = Vec::new();
        let mut kinds = Vec::new();
        for e in entities {
            let c = normalize(&e.name);
            let mut ns: HashSet<String> = HashSet::new();
            for n in std::iter::once(&e.name).chain(e.aliases.iter()) {
                let n = normalize(n);
                if !n.is_empty() {
                    ns.insert(n);
                }
            }
            canon.push(c);
            names.push(ns);
            kinds.push(e.kind.clone());
        }
        let mut index = HashMap::new();
        for (i, c) in canon.iter().enumerate() {
            if !c.is_empty() {
                index.entry(c.clone()).or_insert(i);
            }
        }
        for (i, ns) in names.iter().enumerate() {
            let mut sorted: Vec<&String> = ns.iter().collect();
            sorted.sort();
            for n in sorted {
                index.entry(n.clone()).or_insert(i);
            }
        }
        GoldIndex {
            kinds,
            canon,
            names,
            index,
        }
    }

    /// The number of gold entities.
    pub fn len(&self) -> usize {
        self.kinds.len()
    }

    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty()
    }

    /// The gold type of entity `i`.
    pub fn kind(&self, i: usize) -> &str {
        &self.kinds[i]
    }

    /// The gold entity a gold string (a relation subject, a speaker) names exactly, after
    /// normalization.
    pub fn resolve(&self, s: &str) -> Option<usize> {
        self.index.get(&normalize(s)).copied()
    }

    /// The scorer's tier of a predicted actor (name and aliases, kind) against gold entity
    /// `g`: 3 canonical equality, 2 name/alias equality, 1 person suffix or acronym,
    /// 0.75–1 a group phrase with content-word Jaccard ≥ 0.5, 0 none.
    pub fn tier(&self, g: usize, names: &[String]) -> f64 {
        let pcanon = names.first().map(|n| normalize(n)).unwrap_or_default();
        let pnames: HashSet<String> = names
            .iter()
            .map(|n| normalize(n))
            .filter(|n| !n.is_empty())
            .collect();
        if !self.canon[g].is_empty() && self.canon[g] == pcanon {
            return 3.0;
        }
        if self.names[g].iter().any(|n| pnames.contains(n)) {
            return 2.0;
        }
        let kind = self.kinds[g].as_str();
        let any_pair = |f: &dyn Fn(&str, &str) -> bool| {
            self.names[g].iter().any(|a| pnames.iter().any(|b| f(a, b)))
        };
        if kind == "Person" && any_pair(&|a, b| is_token_suffix(a, b)) {
            return 1.0;
        }
        if matches!(kind, "Organization" | "Place")
            && any_pair(&|a, b| is_acronym_of(a, b) || is_acronym_of(b, a))
        {
            return 1.0;
        }
        if kind == "Group" {
            let best = self.names[g]
                .iter()
                .flat_map(|a| {
                    pnames
                        .iter()
                        .map(move |b| jaccard(&content_tokens(a), &content_tokens(b)))
                })
                .fold(0.0, f64::max);
            if best >= 0.5 {
                return 0.5 + best / 2.0;
            }
        }
        0.0
    }

    /// The gold entity a predicted actor (its name first, then aliases; its kind) maps to:
    /// the highest tier, agreeing kinds first on ties, the earlier entity last.
    pub fn map_actor(&self, names: &[String], kind: &str) -> Option<usize> {
        let mut best: Option<((f64, bool), usize)> = None;
        for g in 0..self.len() {
            let t = self.tier(g, names);
            if t <= 0.0 {
                continue;
            }
            let key = (t, self.kinds[g] == kind);
            if best.is_none_or(|(b, _)| key > b) {
                best = Some((key, g));
            }
        }
        best.map(|(_, g)| g)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_follows_the_scorer() {
        assert_eq!(normalize("The Élysée Palace's"), "elysee palace");
        assert_eq!(normalize("U.S."), "us");
        assert_eq!(normalize("Anne-Marie  Roussel"), "anne-marie roussel");
        assert_eq!(normalize("- dash -"), "dash");
        assert_eq!(normalize("“quoted”, text"), "quoted text");
    }

    #[test]
    fn phrases_match_by_content_words() {
        assert!(phrase_score("the plans", "plans to change the office") > 0.0);
        assert_eq!(phrase_score("ID cards", "identity scheme"), 0.0);
        assert_eq!(phrase_score("the peace plan", "peace plan"), 1.0);
    }

    #[test]
    fn token_f1_counts_overlap() {
        assert!((token_f1("a b c d", "a b") - 2.0 * 0.5 / 1.5).abs() < 1e-9);
        assert_eq!(token_f1("x", "y"), 0.0);
    }

    #[test]
    fn actors_map_like_the_scorer() {
        let ents = vec![
            GoldEntity {
                name: "Ilse Marrow".into(),
                kind: "Person".into(),
                ..Default::default()
            },
            GoldEntity {
                name: "North Atlantic Treaty Organization".into(),
                kind: "Organization".into(),
                aliases: vec![],
                ..Default::default()
            },
            GoldEntity {
                name: "regional officials".into(),
                kind: "Group".into(),
                ..Default::default()
            },
        ];
        let idx = GoldIndex::new(&ents);
        assert_eq!(idx.map_actor(&["Marrow".into()], "Person"), Some(0));
        assert_eq!(idx.map_actor(&["NATO".into()], "Organization"), Some(1));
        assert_eq!(
            idx.map_actor(&["senior regional officials".into()], "Group"),
            Some(2)
        );
        assert_eq!(idx.map_actor(&["Tallinn".into()], "Place"), None);
        assert_eq!(idx.resolve("ilse marrow"), Some(0));
    }
}
