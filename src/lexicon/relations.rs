//! The relation lexicon: which words express which relation, read from
//! `lexicon/relations.tsv` (embedded) and optionally from a user file of the same format
//! (`newsgraph extract --lexicon FILE`). The format is documented in `lexicon/README.md`.

use std::sync::OnceLock;

use crate::vocab::Stance;

const RELATIONS: &str = include_str!("../../lexicon/relations.tsv");

/// What an entry means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sense {
    /// One of the six stances.
    Stance(Stance),
    /// A noun naming a meeting event ("talks").
    Meeting,
    /// A noun naming one body's own gathering ("the party's conference"): a meeting only
    /// with the body named before it, never with partners.
    Gathering,
    /// A noun naming a proposal ("plan").
    Proposal,
    /// Actor noun that, with a demonym, means the state ("forces").
    State,
    /// Actor noun for collective actors ("officials").
    Group,
    /// Before a to-infinitive: the embedded predicate keeps its status.
    Control,
    /// Before a to-infinitive: the embedded predicate is planned.
    Plan,
    /// Before a to-infinitive: the embedded predicate is negated.
    Negate,
    /// Reports a demand; its content becomes a proposal.
    Demand,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Pos {
    Verb,
    Noun,
    Adj,
    Actor,
}

/// One line of the lexicon.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub lemma: String,
    /// Words that must follow the head word ("forward" in "put forward").
    pub particles: Vec<String>,
    pub pos: Pos,
    pub sense: Sense,
    pub cameo: Option<String>,
    /// Object patterns: "-" (direct object), a preposition, "that", "to".
    pub patterns: Vec<String>,
}

impl Entry {
    pub fn allows(&self, p: &str) -> bool {
        self.patterns.iter().any(|x| x == p)
    }
}

/// The parsed lexicon.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RelationLexicon {
    pub entries: Vec<Entry>,
    /// (pos, head word or irregular form, lowercase) → entry indices.
    /// Per part of speech (`Pos as usize`), the entries of each word.
    index: [rustc_hash::FxHashMap<String, Vec<usize>>; 4],
}

fn parse_sense(s: &str) -> Option<Sense> {
    Some(match s {
        "meeting" => Sense::Meeting,
        "gathering" => Sense::Gathering,
        "proposal" => Sense::Proposal,
        "state" => Sense::State,
        "group" => Sense::Group,
        "control" => Sense::Control,
        "plan" => Sense::Plan,
        "negate" => Sense::Negate,
        "demand" => Sense::Demand,
        r => Sense::Stance(Stance::parse(r)?),
    })
}

impl RelationLexicon {
    /// Parses the tab-separated format; errors name the line.
    pub fn parse(text: &str) -> Result<RelationLexicon, String> {
        let mut lx = RelationLexicon::default();
        lx.extend(text)?;
        Ok(lx)
    }

    /// Adds the entries of another file in the same format.
    pub fn extend(&mut self, text: &str) -> Result<(), String> {
        for r in super::tsv::rows(text) {
            if r.len() < 3 {
                return Err(r
                    .error("expected at least 3 tab-separated columns (entry, pos, relation)")
                    .to_string());
            }
            let mut forms = r.col(0).split('|').map(|s| s.trim().to_lowercase());
            let head = forms.next().unwrap_or_default();
            let mut words = head.split_whitespace().map(str::to_string);
            let Some(lemma) = words.next() else {
                return Err(r.error("empty entry").to_string());
            };
            let particles: Vec<String> = words.collect();
            let pos = match r.col(1) {
                "verb" => Pos::Verb,
                "noun" => Pos::Noun,
                "adj" => Pos::Adj,
                "actor" => Pos::Actor,
                p => return Err(r.error(format!("unknown part of speech {p:?}")).to_string()),
            };
            let sense = parse_sense(r.col(2)).ok_or_else(|| {
                r.error(format!("unknown relation {:?}", r.col(2)))
                    .to_string()
            })?;
            let cameo = r
                .get(3)
                .filter(|c| !c.is_empty() && *c != "-")
                .map(|c| c.to_string());
            let patterns: Vec<String> = r
                .get(4)
                .map(|p| p.split('|').map(|x| x.trim().to_lowercase()).collect())
                .unwrap_or_else(|| vec!["-".to_string()]);
            let idx = self.entries.len();
            self.entries.push(Entry {
                lemma: lemma.clone(),
                particles,
                pos,
                sense,
                cameo,
                patterns,
            });
            self.index[pos as usize].entry(lemma).or_default().push(idx);
            for f in forms {
                self.index[pos as usize].entry(f).or_default().push(idx);
            }
        }
        Ok(())
    }

    /// The embedded lexicon.
    pub fn embedded() -> &'static RelationLexicon {
        static LEX: OnceLock<RelationLexicon> = OnceLock::new();
        LEX.get_or_init(|| RelationLexicon::parse(RELATIONS).expect("lexicon/relations.tsv"))
    }

    /// The embedded lexicon extended by a user file.
    pub fn with_user_file(text: &str) -> Result<RelationLexicon, String> {
        let mut lx = RelationLexicon::embedded().clone();
        lx.extend(text)?;
        Ok(lx)
    }

    fn get(&self, pos: Pos, w: &str) -> &[usize] {
        self.index[pos as usize].get(w).map_or(&[], Vec::as_slice)
    }

    /// Entries of this part of speech for an exact (lowercase) word.
    pub fn exact(&self, pos: Pos, lower: &str) -> impl Iterator<Item = &Entry> {
        self.get(pos, lower).iter().map(|&i| &self.entries[i])
    }

    /// Verb entries for an inflected (lowercase) form: tries the form itself, then the
    /// regular stems of `-s`, `-es`, `-ies`, `-ed`, `-d`, `-ied`, `-ing` and doubled
    /// consonants.
    pub fn verb(&self, lower: &str) -> Vec<&Entry> {
        self.verb_ids(lower)
            .iter()
            .map(|&i| &self.entries[i])
            .collect()
    }

    /// The verb entries of the word `parts` concatenate, built in `buf`.
    fn verb_form(&self, buf: &mut String, parts: &[&str]) -> &[usize] {
        buf.clear();
        for p in parts {
            buf.push_str(p);
        }
        self.get(Pos::Verb, buf)
    }

    /// The entry ids of [`RelationLexicon::verb`], in the same order of tries; one
    /// reused buffer, no allocation when nothing is found.
    fn verb_ids(&self, lower: &str) -> &[usize] {
        let hit = self.get(Pos::Verb, lower);
        if !hit.is_empty() {
            return hit;
        }
        let strip = |suf: &str| lower.strip_suffix(suf).filter(|s| s.len() >= 2);
        let mut buf = String::with_capacity(lower.len() + 1);
        let mut try_form = |parts: &[&str]| -> &[usize] { self.verb_form(&mut buf, parts) };
        if let Some(s) = strip("ies") {
            let h = try_form(&[s, "y"]);
            if !h.is_empty() {
                return h;
            }
        }
        if let Some(s) = strip("es") {
            let h = try_form(&[s]);
            if !h.is_empty() {
                return h;
            }
        }
        if let Some(s) = strip("s") {
            let h = try_form(&[s]);
            if !h.is_empty() {
                return h;
            }
        }
        if let Some(s) = strip("ied") {
            let h = try_form(&[s, "y"]);
            if !h.is_empty() {
                return h;
            }
        }
        for suf in ["ed", "ing"] {
            if let Some(s) = strip(suf) {
                for form in [&[s][..], &[s, "e"][..]] {
                    let h = try_form(form);
                    if !h.is_empty() {
                        return h;
                    }
                }
                let b = s.as_bytes();
                if b.len() >= 3 && b[b.len() - 1] == b[b.len() - 2] {
                    let h = try_form(&[&s[..s.len() - 1]]);
                    if !h.is_empty() {
                        return h;
                    }
                }
            }
        }
        if let Some(s) = strip("d") {
            return try_form(&[s]);
        }
        &[]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_lexicon_parses_and_inflects() {
        let lx = RelationLexicon::embedded();
        let s = |w: &str| lx.verb(w).first().map(|e| e.sense);
        assert_eq!(s("met"), Some(Sense::Stance(Stance::MetWith)));
        assert_eq!(s("denounced"), Some(Sense::Stance(Stance::Opposes)));
        assert_eq!(s("accusing"), Some(Sense::Stance(Stance::Criticized)));
        assert_eq!(s("vetoed"), Some(Sense::Stance(Stance::Opposes)));
        assert_eq!(s("criticises"), Some(Sense::Stance(Stance::Criticized)));
        assert_eq!(s("backs"), Some(Sense::Stance(Stance::Supports)));
        assert_eq!(s("proposing"), Some(Sense::Stance(Stance::Proposed)));
        assert_eq!(s("threatened"), Some(Sense::Stance(Stance::Warned)));
        assert_eq!(s("said"), None);
        assert!(
            lx.exact(Pos::Noun, "talks")
                .any(|e| e.sense == Sense::Meeting)
        );
    }

    #[test]
    fn user_files_extend_and_errors_name_the_line() {
        let lx =
            RelationLexicon::with_user_file("# mine\nlambast\tverb\tcriticized\t111\t-\n").unwrap();
        assert_eq!(
            lx.verb("lambasted")[0].sense,
            Sense::Stance(Stance::Criticized)
        );
        let e = RelationLexicon::parse("x\tverb\tlikes\n").unwrap_err();
        assert!(e.contains("line 1"), "{e}");
    }
}
