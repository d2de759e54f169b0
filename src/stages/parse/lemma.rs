//! The lemmatizer: rules for regular English inflection by part of speech, and a table
//! of exceptions learned from the treebank (every training word whose lemma the rules
//! get wrong, keyed by lowercased form and UPOS, with its most frequent lemma).
//!
//! Rules: proper nouns keep their form; every other word is lowercased, then nouns lose
//! a plural ending (`-ies` → `-y`, `-ches/-shes/-sses/-xes/-zes` → drop `-es`, `-s`),
//! verbs and auxiliaries a third-person `-s`, a `-ed` or an `-ing` (a doubled final
//! consonant is undoubled, an `e` restored after `v`, `z`, `c`, `g` and some `-at`/`-ur`
//! stems), and adjectives are left as they are. The exception table covers irregular
//! forms (`went` → `go`, `children` → `child`, `better` → `good`), pronouns (`him` →
//! `he`) and the cases where a rule overreaches (`news`, `this`).

use std::collections::BTreeMap;

use crate::learn::ModelError;
use crate::learn::codec::{Reader, write_str, write_varint};
use crate::learn::hash::hash_bytes;
use crate::tagger::Upos;

/// A lemmatizer: the exception table (the rules are code).
#[derive(Clone, Debug, Default)]
pub struct Lemmatizer {
    /// `(lowercased form, UPOS id, lemma)`, sorted by form then UPOS.
    entries: Vec<(String, u8, String)>,
    /// Open addressing over `entries`: `(key, index + 1)`, 0 empty.
    slots: Vec<(u64, u32)>,
}

fn entry_key(lower: &str, upos: u8) -> u64 {
    hash_bytes(u64::from(upos) + 1, lower.as_bytes())
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// The stem with a doubled final consonant undoubled (`stopp` → `stop`), or an `e`
/// restored where English spelling drops it (`creat` → `create`).
fn fix_stem(stem: &str) -> String {
    let b = stem.as_bytes();
    let n = b.len();
    if n >= 3
        && b[n - 1] == b[n - 2]
        && !is_vowel(b[n - 1])
        && !matches!(b[n - 1], b'l' | b's' | b'z' | b'f')
    {
        return stem[..n - 1].to_string();
    }
    let needs_e = n >= 2
        && (matches!(b[n - 1], b'v' | b'z')
            || (b[n - 1] == b'c' && b[n - 2] != b'i')
            || (b[n - 1] == b'g' && matches!(b[n - 2], b'a' | b'd' | b'r' | b'u'))
            || (n >= 4
                && stem.ends_with("at")
                && !stem.ends_with("oat")
                && !stem.ends_with("heat")
                && !stem.ends_with("beat"))
            || (n >= 3 && stem.ends_with("ur"))
            || (n >= 3 && (stem.ends_with("us") || stem.ends_with("ys") || stem.ends_with("uc")))
            || (n >= 4
                && (stem.ends_with("iz") || stem.ends_with("ut") && !stem.ends_with("out"))));
    if needs_e {
        let mut s = stem.to_string();
        s.push('e');
        return s;
    }
    stem.to_string()
}

fn noun_rule(w: &str) -> String {
    let n = w.len();
    if n > 4 && w.ends_with("ies") {
        return format!("{}y", &w[..n - 3]);
    }
    if n > 4
        && (w.ends_with("sses")
            || w.ends_with("ches")
            || w.ends_with("shes")
            || w.ends_with("xes")
            || w.ends_with("zes"))
    {
        return w[..n - 2].to_string();
    }
    if n > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        return w[..n - 1].to_string();
    }
    w.to_string()
}

fn verb_rule(w: &str) -> String {
    let n = w.len();
    if n > 4 && w.ends_with("ies") {
        return format!("{}y", &w[..n - 3]);
    }
    if n > 4
        && (w.ends_with("sses") || w.ends_with("ches") || w.ends_with("shes") || w.ends_with("xes"))
    {
        return w[..n - 2].to_string();
    }
    if n > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") {
        return w[..n - 1].to_string();
    }
    if n > 4 && w.ends_with("ied") {
        return format!("{}y", &w[..n - 3]);
    }
    if n > 3 && w.ends_with("eed") {
        return w[..n - 1].to_string();
    }
    if n > 3 && w.ends_with("ed") {
        return fix_stem(&w[..n - 2]);
    }
    if n > 5 && w.ends_with("ing") {
        return fix_stem(&w[..n - 3]);
    }
    w.to_string()
}

/// The lemma the rules give `form` tagged `upos` (no exception table).
pub fn rule(form: &str, upos: Upos) -> String {
    if upos == Upos::Propn {
        return form.to_string();
    }
    let lower = form.to_lowercase();
    if !lower
        .bytes()
        .all(|b| b.is_ascii_alphabetic() || b == b'-' || b == b'\'')
    {
        return lower;
    }
    match upos {
        Upos::Noun => noun_rule(&lower),
        Upos::Verb | Upos::Aux => verb_rule(&lower),
        _ => lower,
    }
}

impl Lemmatizer {
    /// Builds the table from `(lowercased form, UPOS id, lemma)` entries.
    pub fn from_entries(mut entries: Vec<(String, u8, String)>) -> Lemmatizer {
        entries.sort();
        entries.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
        let len = (entries.len() * 2).max(16).next_power_of_two();
        let mut slots = vec![(0u64, 0u32); len];
        let mask = len - 1;
        for (i, (w, t, _)) in entries.iter().enumerate() {
            let k = entry_key(w, *t);
            let mut s = (k as usize) & mask;
            while slots[s].1 != 0 {
                s = (s + 1) & mask;
            }
            slots[s] = (k, i as u32 + 1);
        }
        Lemmatizer { entries, slots }
    }

    /// Learns the exception table from `(form, UPOS, gold lemma)` triples: for each
    /// lowercased form and tag, the most frequent outcome (the rules right, or one
    /// lemma; ties to the rules, then to the smaller lemma) — kept when it is a lemma.
    pub fn learn<'a>(words: impl IntoIterator<Item = (&'a str, Upos, &'a str)>) -> Lemmatizer {
        // per key: count of rule-right, counts per gold lemma
        let mut counts: BTreeMap<(String, u8), (usize, BTreeMap<String, usize>)> = BTreeMap::new();
        for (form, upos, lemma) in words {
            if lemma.is_empty() || lemma == "_" {
                continue;
            }
            let e = counts
                .entry((form.to_lowercase(), upos.id() as u8))
                .or_default();
            if rule(form, upos) == lemma {
                e.0 += 1;
            } else {
                *e.1.entry(lemma.to_string()).or_default() += 1;
            }
        }
        let mut entries = Vec::new();
        for ((w, t), (rule_right, lemmas)) in counts {
            let best = lemmas
                .into_iter()
                .fold(None::<(String, usize)>, |b, (l, c)| match b {
                    Some((_, bc)) if bc >= c => b,
                    _ => Some((l, c)),
                });
            if let Some((l, c)) = best
                && c > rule_right
            {
                entries.push((w, t, l));
            }
        }
        Lemmatizer::from_entries(entries)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The exception for a lowercased form and tag.
    fn lookup(&self, lower: &str, upos: Upos) -> Option<&str> {
        let t = upos.id() as u8;
        let k = entry_key(lower, t);
        let mask = self.slots.len().checked_sub(1)?;
        let mut s = (k as usize) & mask;
        loop {
            let (key, i) = self.slots[s];
            if i == 0 {
                return None;
            }
            let e = &self.entries[i as usize - 1];
            if key == k && e.1 == t && e.0 == lower {
                return Some(&e.2);
            }
            s = (s + 1) & mask;
        }
    }

    /// Appends the lemma of `form` tagged `upos` to `out`; `lower` is scratch.
    pub fn lemma_into(&self, form: &str, upos: Upos, lower: &mut String, out: &mut String) {
        lower.clear();
        if form.is_ascii() {
            lower.push_str(form);
            lower.make_ascii_lowercase();
        } else {
            lower.extend(form.chars().flat_map(char::to_lowercase));
        }
        if let Some(l) = self.lookup(lower, upos) {
            out.push_str(l);
        } else {
            out.push_str(&rule(form, upos));
        }
    }

    /// The lemma of `form` tagged `upos`.
    pub fn lemma(&self, form: &str, upos: Upos) -> String {
        let mut out = String::new();
        self.lemma_into(form, upos, &mut String::new(), &mut out);
        out
    }

    /// Encodes the table: varint count, then per entry the UPOS id, the form and the
    /// lemma (strings), in sorted order.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut b = Vec::new();
        write_varint(&mut b, self.entries.len() as u64);
        for (w, t, l) in &self.entries {
            b.push(*t);
            write_str(&mut b, w);
            write_str(&mut b, l);
        }
        b
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Lemmatizer, ModelError> {
        let mut r = Reader::new(bytes);
        let n = r.count(bytes.len() / 3)?;
        let mut entries = Vec::with_capacity(n);
        for _ in 0..n {
            let t = r.u8()?;
            if usize::from(t) >= Upos::ALL.len() {
                return Err(ModelError::new("bad tag in the lemma table"));
            }
            entries.push((r.str()?.to_string(), t, r.str()?.to_string()));
        }
        r.finish("lemma table")?;
        if !entries
            .windows(2)
            .all(|w| (&w[0].0, w[0].1) < (&w[1].0, w[1].1))
        {
            return Err(ModelError::new("lemma table is not sorted"));
        }
        Ok(Lemmatizer::from_entries(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_cover_regular_inflection() {
        for (form, upos, lemma) in [
            ("rejected", Upos::Verb, "reject"),
            ("rejects", Upos::Verb, "reject"),
            ("rejecting", Upos::Verb, "reject"),
            ("Stopped", Upos::Verb, "stop"),
            ("created", Upos::Verb, "create"),
            ("tried", Upos::Verb, "try"),
            ("agreed", Upos::Verb, "agree"),
            ("watches", Upos::Verb, "watch"),
            ("countries", Upos::Noun, "country"),
            ("talks", Upos::Noun, "talk"),
            ("boxes", Upos::Noun, "box"),
            ("glass", Upos::Noun, "glass"),
            ("Ostrava", Upos::Propn, "Ostrava"),
            ("The", Upos::Det, "the"),
            ("3,000", Upos::Num, "3,000"),
        ] {
            assert_eq!(rule(form, upos), lemma, "{form}");
        }
    }

    #[test]
    fn exceptions_are_learned_and_round_trip() {
        let data = [
            ("went", Upos::Verb, "go"),
            ("went", Upos::Verb, "go"),
            ("talks", Upos::Noun, "talk"),
            ("him", Upos::Pron, "he"),
            ("news", Upos::Noun, "news"),
        ];
        let l = Lemmatizer::learn(data.iter().copied());
        assert_eq!(l.len(), 3); // went, him, news; talks is regular
        assert_eq!(l.lemma("Went", Upos::Verb), "go");
        assert_eq!(l.lemma("News", Upos::Noun), "news");
        assert_eq!(l.lemma("walks", Upos::Verb), "walk");
        let m = Lemmatizer::from_bytes(&l.to_bytes()).unwrap();
        assert_eq!(m.to_bytes(), l.to_bytes());
        assert_eq!(m.lemma("him", Upos::Pron), "he");
        let b = l.to_bytes();
        for cut in 0..b.len() {
            assert!(Lemmatizer::from_bytes(&b[..cut]).is_err());
        }
        assert_eq!(Lemmatizer::default().lemma("went", Upos::Verb), "went");
    }
}
