//! Titles (job titles and kinship terms) and the modifiers that may stand inside them.

use super::tsv::{self, TsvError};
use super::{Embedded, Lexicon};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TitleClass {
    Office,
    Profession,
    Military,
    Religious,
    Kin,
}

pub(super) const TITLES: Embedded = embedded!("titles.tsv");
pub(super) const TITLE_MODIFIERS: Embedded = embedded!("title-modifiers.txt");

/// `title head word or phrase (lowercase), class`; the first row of a title wins.
pub(super) fn titles(lx: &mut Lexicon, text: &str) -> Result<(), TsvError> {
    for r in tsv::table(text, 1) {
        let r = r?;
        let class = match r.col(1) {
            "kin" => TitleClass::Kin,
            "profession" => TitleClass::Profession,
            "military" => TitleClass::Military,
            "religious" => TitleClass::Religious,
            "office" | "group-member" | "" => TitleClass::Office,
            c => return Err(r.error(format!("unknown title class {c:?}"))),
        };
        lx.titles.entry(r.col(0).to_string()).or_insert(class);
    }
    Ok(())
}
