//! Dependency relations: the 37 universal relations ([`Rel`]) and the full labels with
//! their English subtypes ([`Deprel`], `nsubj:pass`, `acl:relcl`, `nmod:poss`, …).

/// A universal dependency relation (the part of a label before `:`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rel {
    Acl,
    Advcl,
    Advmod,
    Amod,
    Appos,
    Aux,
    Case,
    Cc,
    Ccomp,
    Clf,
    Compound,
    Conj,
    Cop,
    Csubj,
    Dep,
    Det,
    Discourse,
    Dislocated,
    Expl,
    Fixed,
    Flat,
    Goeswith,
    Iobj,
    List,
    Mark,
    Nmod,
    Nsubj,
    Nummod,
    Obj,
    Obl,
    Orphan,
    Parataxis,
    Punct,
    Reparandum,
    Root,
    Vocative,
    Xcomp,
}

const REL_NAMES: [(&str, Rel); 37] = [
    ("acl", Rel::Acl),
    ("advcl", Rel::Advcl),
    ("advmod", Rel::Advmod),
    ("amod", Rel::Amod),
    ("appos", Rel::Appos),
    ("aux", Rel::Aux),
    ("case", Rel::Case),
    ("cc", Rel::Cc),
    ("ccomp", Rel::Ccomp),
    ("clf", Rel::Clf),
    ("compound", Rel::Compound),
    ("conj", Rel::Conj),
    ("cop", Rel::Cop),
    ("csubj", Rel::Csubj),
    ("dep", Rel::Dep),
    ("det", Rel::Det),
    ("discourse", Rel::Discourse),
    ("dislocated", Rel::Dislocated),
    ("expl", Rel::Expl),
    ("fixed", Rel::Fixed),
    ("flat", Rel::Flat),
    ("goeswith", Rel::Goeswith),
    ("iobj", Rel::Iobj),
    ("list", Rel::List),
    ("mark", Rel::Mark),
    ("nmod", Rel::Nmod),
    ("nsubj", Rel::Nsubj),
    ("nummod", Rel::Nummod),
    ("obj", Rel::Obj),
    ("obl", Rel::Obl),
    ("orphan", Rel::Orphan),
    ("parataxis", Rel::Parataxis),
    ("punct", Rel::Punct),
    ("reparandum", Rel::Reparandum),
    ("root", Rel::Root),
    ("vocative", Rel::Vocative),
    ("xcomp", Rel::Xcomp),
];

impl Rel {
    pub fn as_str(self) -> &'static str {
        REL_NAMES[self as usize].0
    }

    /// The relation of a label (`nsubj:pass` → `Nsubj`); `None` if not universal.
    pub fn parse(label: &str) -> Option<Rel> {
        let u = label.split(':').next().unwrap_or(label);
        REL_NAMES.iter().find(|(n, _)| *n == u).map(|&(_, r)| r)
    }
}

/// The full labels a [`Deprel`] can hold: the universal relations, then the subtypes of
/// UD English (EWT). Ids are positions; they are not stored in model files (which keep
/// label names).
pub const LABELS: &[&str] = &[
    "acl",
    "advcl",
    "advmod",
    "amod",
    "appos",
    "aux",
    "case",
    "cc",
    "ccomp",
    "clf",
    "compound",
    "conj",
    "cop",
    "csubj",
    "dep",
    "det",
    "discourse",
    "dislocated",
    "expl",
    "fixed",
    "flat",
    "goeswith",
    "iobj",
    "list",
    "mark",
    "nmod",
    "nsubj",
    "nummod",
    "obj",
    "obl",
    "orphan",
    "parataxis",
    "punct",
    "reparandum",
    "root",
    "vocative",
    "xcomp",
    "acl:relcl",
    "advcl:relcl",
    "aux:pass",
    "cc:preconj",
    "compound:prt",
    "csubj:outer",
    "csubj:pass",
    "det:predet",
    "flat:foreign",
    "nmod:desc",
    "nmod:npmod",
    "nmod:poss",
    "nmod:tmod",
    "nmod:unmarked",
    "nsubj:outer",
    "nsubj:pass",
    "obl:agent",
    "obl:npmod",
    "obl:tmod",
    "obl:unmarked",
];

/// A dependency label: a universal relation with its subtype, if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Deprel(u8);

impl Deprel {
    pub const ROOT: Deprel = Deprel(Rel::Root as u8);
    pub const DEP: Deprel = Deprel(Rel::Dep as u8);

    /// The label named `s`; a subtype this table lacks falls back to its universal
    /// relation, an unknown relation to `dep`.
    pub fn parse(s: &str) -> Deprel {
        if let Some(i) = LABELS.iter().position(|l| *l == s) {
            return Deprel(i as u8);
        }
        Rel::parse(s).map_or(Deprel::DEP, Deprel::from)
    }

    /// The full label (`nsubj:pass`).
    pub fn as_str(self) -> &'static str {
        LABELS.get(usize::from(self.0)).copied().unwrap_or("dep")
    }

    /// The universal relation (`Nsubj` for `nsubj:pass`).
    pub fn rel(self) -> Rel {
        Rel::parse(self.as_str()).unwrap_or(Rel::Dep)
    }

    /// The subtype (`pass` for `nsubj:pass`).
    pub fn subtype(self) -> Option<&'static str> {
        self.as_str().split_once(':').map(|(_, s)| s)
    }
}

impl From<Rel> for Deprel {
    fn from(r: Rel) -> Deprel {
        Deprel(r as u8)
    }
}

impl std::fmt::Display for Deprel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_relations_agree() {
        for (i, (name, r)) in REL_NAMES.iter().enumerate() {
            assert_eq!(*r as usize, i);
            assert_eq!(LABELS[i], *name);
            assert_eq!(Deprel::from(*r).rel(), *r);
        }
        assert!(LABELS.len() < 256);
        let d = Deprel::parse("nsubj:pass");
        assert_eq!(
            (d.rel(), d.subtype(), d.as_str()),
            (Rel::Nsubj, Some("pass"), "nsubj:pass")
        );
        assert_eq!(Deprel::parse("obl:with").as_str(), "obl");
        assert_eq!(Deprel::parse("nonsense"), Deprel::DEP);
        assert_eq!(Deprel::ROOT.rel(), Rel::Root);
    }
}
