//! Evidence about names: given names with their sex, census surnames, capitalized words
//! that are no names, common English words, organization and place name words, party
//! adjectives.

use super::tsv::{self, TsvError};
use super::{Embedded, Lexicon};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

/// A given name shows its bearer's gender when at least this share of its bearers has it.
pub const CLEAR_GENDER_SHARE: f32 = 0.85;

pub(super) const GIVEN: Embedded = embedded!("given-names.tsv");
pub(super) const SURNAMES: Embedded = embedded!("surnames.txt");
pub(super) const NOT_NAMES: Embedded = embedded!("not-names.txt");
pub(super) const COMMON: Embedded = embedded!("common-words.txt");
pub(super) const ORG_WORDS: Embedded = embedded!("org-words.txt");
pub(super) const PLACE_WORDS: Embedded = embedded!("place-words.txt");
pub(super) const PARTY_ADJECTIVES: Embedded = embedded!("party-adjectives.txt");

/// `name, majority sex (M|F), share of that sex`.
pub(super) fn given_names(lx: &mut Lexicon, text: &str) -> Result<(), TsvError> {
    for r in tsv::table(text, 3) {
        let r = r?;
        let g = match r.col(1) {
            "F" => Gender::Female,
            "M" => Gender::Male,
            s => return Err(r.error(format!("expected M or F, found {s:?}"))),
        };
        let share: f32 = r
            .col(2)
            .parse()
            .map_err(|_| r.error(format!("not a share: {:?}", r.col(2))))?;
        lx.given_names.insert(r.col(0).to_string(), (g, share));
    }
    Ok(())
}

/// `word, position (head|first)`: "Pennsylvania Avenue", "Mount Kenya".
pub(super) fn place_words(lx: &mut Lexicon, text: &str) -> Result<(), TsvError> {
    for r in tsv::table(text, 1) {
        let r = r?;
        match r.get(1) {
            Some("first") => lx.place_firsts.insert(r.col(0).to_string()),
            _ => lx.place_heads.insert(r.col(0).to_string()),
        };
    }
    Ok(())
}
