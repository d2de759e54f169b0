//! Places, capitals, demonyms, organizations and government bodies.

use super::tsv::{self, TsvError};
use super::{Embedded, Lexicon};

/// What a place name denotes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlaceKind {
    Country,
    City,
    Region,
}

#[derive(Clone, Debug)]
pub struct PlaceEntry {
    pub kind: PlaceKind,
    /// Canonical name ("United States" for "U.S.").
    pub canonical: String,
    /// ISO 3166 code of the country it is in (or is).
    pub country: String,
    /// A national capital (its name can stand for the government: "Kyiv rejected").
    pub capital_of: Option<String>,
}

#[derive(Clone, Debug)]
pub struct OrgEntry {
    pub canonical: String,
    /// Canonical name of the country it belongs to.
    pub country: Option<String>,
    /// A seat that stands for its country's government ("the Kremlin", "Downing Street"):
    /// a place where others meet, not a body holding its own meetings.
    pub seat: bool,
}

pub(super) const PLACES: Embedded = embedded!("places.tsv");
pub(super) const REGIONS_EXTRA: Embedded = embedded!("regions-extra.tsv");
pub(super) const CAPITALS: Embedded = embedded!("capitals.tsv");
pub(super) const DEMONYMS: Embedded = embedded!("demonyms.tsv");
pub(super) const DEMONYMS_EXTRA: Embedded = embedded!("demonyms-extra.tsv");
pub(super) const ORGS: Embedded = embedded!("organizations.tsv");
pub(super) const GOV_BODIES: Embedded = embedded!("gov-bodies.tsv");

/// `surface form, kind (country|city|region), canonical name, ISO country code`; the first
/// row of a surface form wins.
pub(super) fn places(lx: &mut Lexicon, text: &str) -> Result<(), TsvError> {
    for r in tsv::table(text, 4) {
        let r = r?;
        let kind = match r.col(1) {
            "country" => PlaceKind::Country,
            "city" => PlaceKind::City,
            "region" => PlaceKind::Region,
            k => return Err(r.error(format!("unknown place kind {k:?}"))),
        };
        let (canonical, code) = (r.col(2), r.col(3));
        if kind == PlaceKind::Country {
            lx.country_codes
                .entry(canonical.to_string())
                .or_insert_with(|| code.to_string());
            lx.country_names
                .entry(code.to_string())
                .or_insert_with(|| canonical.to_string());
        }
        lx.places.entry(r.col(0).to_string()).or_insert(PlaceEntry {
            kind,
            canonical: canonical.to_string(),
            country: code.to_string(),
            capital_of: None,
        });
    }
    Ok(())
}

/// `capital, country`: marks the city as its country's capital.
pub(super) fn capitals(lx: &mut Lexicon, text: &str) -> Result<(), TsvError> {
    for r in tsv::table(text, 2) {
        let r = r?;
        if let Some(p) = lx.places.get_mut(r.col(0))
            && p.kind == PlaceKind::City
        {
            p.capital_of = Some(r.col(1).to_string());
        }
    }
    Ok(())
}

/// `demonym, adj|noun, country`; the first row of a demonym wins.
pub(super) fn demonyms(lx: &mut Lexicon, text: &str) -> Result<(), TsvError> {
    for r in tsv::table(text, 3) {
        let r = r?;
        let noun = match r.col(1) {
            "noun" => true,
            "adj" => false,
            p => return Err(r.error(format!("expected adj or noun, found {p:?}"))),
        };
        lx.demonyms
            .entry(r.col(0).to_string())
            .or_insert((r.col(2).to_string(), noun));
    }
    Ok(())
}

/// `name, acronym, aliases (|-separated)`: generated rows, the first of a name wins.
pub(super) fn organizations(lx: &mut Lexicon, text: &str) -> Result<(), TsvError> {
    for r in tsv::table(text, 1) {
        let r = r?;
        let name = r.col(0).to_string();
        let entry = OrgEntry {
            canonical: name.clone(),
            country: None,
            seat: false,
        };
        if let Some(a) = r.get(1).filter(|a| a.len() >= 2) {
            lx.orgs.entry(a.to_string()).or_insert(entry.clone());
        }
        for a in r.col(2).split('|').filter(|a| a.len() >= 2) {
            lx.orgs.entry(a.to_string()).or_insert(entry.clone());
        }
        lx.orgs.entry(name).or_insert(entry);
    }
    Ok(())
}

/// `name, kind, aliases, country, metonym`: hand-written rows win over generated ones.
pub(super) fn government_bodies(lx: &mut Lexicon, text: &str) -> Result<(), TsvError> {
    for r in tsv::table(text, 1) {
        let r = r?;
        let country = r.get(3).filter(|s| !s.is_empty()).map(str::to_string);
        let entry = OrgEntry {
            canonical: r.col(0).to_string(),
            country,
            seat: r.get(4) == Some("1"),
        };
        for a in r.col(2).split('|').filter(|a| !a.is_empty()) {
            lx.orgs.insert(a.to_string(), entry.clone());
        }
        lx.orgs.insert(r.col(0).to_string(), entry);
    }
    Ok(())
}
