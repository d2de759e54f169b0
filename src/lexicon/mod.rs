//! Lexicons: world knowledge as data files under `lexicon/`, embedded at compile time.
//!
//! Every file opens with `#` lines naming its source and licence. Generated files
//! (places, demonyms, organizations, given names, common words) are rebuilt by
//! `tools/build_lexicons.py`; the others are written by hand. No file lists people.

pub mod relations;

pub use relations::RelationLexicon;

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

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
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TitleClass {
    Office,
    Profession,
    Military,
    Religious,
    Kin,
}

#[derive(Clone, Debug)]
pub struct Cue {
    pub lemma: String,
    /// 1: a speech verb that introduces quotes; 2: stance or thought.
    pub strength: u8,
}

/// All lexicons, parsed once.
#[derive(Debug, Default)]
pub struct Lexicon {
    pub places: HashMap<String, PlaceEntry>,
    /// Demonym → (country canonical name, is a noun like "Russians").
    pub demonyms: HashMap<String, (String, bool)>,
    pub orgs: HashMap<String, OrgEntry>,
    /// Given name → (majority sex, share of that sex).
    pub given_names: HashMap<String, (Gender, f32)>,
    pub common_words: HashSet<String>,
    /// Lowercase US census surnames (evidence of a person).
    pub surnames: HashSet<String>,
    /// Capitalized words that are no name by themselves (days, religions, …).
    pub not_names: HashSet<String>,
    /// Place heads ("Avenue") and place first words ("Mount").
    pub place_heads: HashSet<String>,
    pub place_firsts: HashSet<String>,
    /// Party adjectives written before names ("Republican X").
    pub party_adjectives: HashSet<String>,
    /// Lowercase title heads, single words and phrases ("prime minister").
    pub titles: HashMap<String, TitleClass>,
    pub title_modifiers: HashSet<String>,
    pub org_words: HashSet<String>,
    pub cues: HashMap<String, Cue>,
    /// Canonical country name → ISO code.
    pub country_codes: HashMap<String, String>,
    /// ISO code → canonical country name.
    pub country_names: HashMap<String, String>,
}

const PLACES: &str = include_str!("../../lexicon/places.tsv");
const REGIONS_EXTRA: &str = include_str!("../../lexicon/regions-extra.tsv");
const DEMONYMS: &str = include_str!("../../lexicon/demonyms.tsv");
const DEMONYMS_EXTRA: &str = include_str!("../../lexicon/demonyms-extra.tsv");
const ORGS: &str = include_str!("../../lexicon/organizations.tsv");
const GOV_BODIES: &str = include_str!("../../lexicon/gov-bodies.tsv");
const GIVEN: &str = include_str!("../../lexicon/given-names.tsv");
const COMMON: &str = include_str!("../../lexicon/common-words.txt");
const TITLES: &str = include_str!("../../lexicon/titles.tsv");
const TITLE_MODIFIERS: &str = include_str!("../../lexicon/title-modifiers.txt");
const ORG_WORDS: &str = include_str!("../../lexicon/org-words.txt");
const CUES: &str = include_str!("../../lexicon/cues.tsv");
const SURNAMES: &str = include_str!("../../lexicon/surnames.txt");
const NOT_NAMES: &str = include_str!("../../lexicon/not-names.txt");
const PLACE_WORDS: &str = include_str!("../../lexicon/place-words.txt");
const PARTY_ADJECTIVES: &str = include_str!("../../lexicon/party-adjectives.txt");
const CAPITALS: &str = include_str!("../../lexicon/capitals.tsv");

fn data_lines(s: &str) -> impl Iterator<Item = &str> {
    s.lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn cols(l: &str) -> Vec<&str> {
    l.split('\t').map(str::trim).collect()
}

/// The embedded lexicons.
pub fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(Lexicon::load)
}

impl Lexicon {
    fn load() -> Lexicon {
        let mut lx = Lexicon::default();
        for l in data_lines(PLACES).chain(data_lines(REGIONS_EXTRA)) {
            let c = cols(l);
            if c.len() < 4 {
                continue;
            }
            let kind = match c[1] {
                "country" => PlaceKind::Country,
                "city" => PlaceKind::City,
                _ => PlaceKind::Region,
            };
            if kind == PlaceKind::Country {
                lx.country_codes
                    .entry(c[2].to_string())
                    .or_insert_with(|| c[3].to_string());
                lx.country_names
                    .entry(c[3].to_string())
                    .or_insert_with(|| c[2].to_string());
            }
            lx.places.entry(c[0].to_string()).or_insert(PlaceEntry {
                kind,
                canonical: c[2].to_string(),
                country: c[3].to_string(),
                capital_of: None,
            });
        }
        for l in data_lines(CAPITALS) {
            let c = cols(l);
            if c.len() >= 2
                && let Some(p) = lx.places.get_mut(c[0])
                && p.kind == PlaceKind::City
            {
                p.capital_of = Some(c[1].to_string());
            }
        }
        for l in data_lines(DEMONYMS).chain(data_lines(DEMONYMS_EXTRA)) {
            let c = cols(l);
            if c.len() >= 3 {
                lx.demonyms
                    .entry(c[0].to_string())
                    .or_insert((c[2].to_string(), c[1] == "noun"));
            }
        }
        for l in data_lines(ORGS) {
            let c = cols(l);
            let name = c[0].to_string();
            let entry = OrgEntry {
                canonical: name.clone(),
                country: None,
            };
            if let Some(a) = c.get(1).filter(|a| a.len() >= 2) {
                lx.orgs.entry(a.to_string()).or_insert(entry.clone());
            }
            for a in c.get(2).unwrap_or(&"").split('|').filter(|a| a.len() >= 2) {
                lx.orgs.entry(a.to_string()).or_insert(entry.clone());
            }
            lx.orgs.entry(name).or_insert(entry);
        }
        for l in data_lines(GOV_BODIES) {
            let c = cols(l);
            let country = c.get(3).filter(|s| !s.is_empty()).map(|s| s.to_string());
            let entry = OrgEntry {
                canonical: c[0].to_string(),
                country,
            };
            // hand-written rows win over generated ones
            for a in c.get(2).unwrap_or(&"").split('|').filter(|a| !a.is_empty()) {
                lx.orgs.insert(a.to_string(), entry.clone());
            }
            lx.orgs.insert(c[0].to_string(), entry);
        }
        for l in data_lines(GIVEN) {
            let c = cols(l);
            if c.len() >= 3 {
                let g = if c[1] == "F" {
                    Gender::Female
                } else {
                    Gender::Male
                };
                let share = c[2].parse().unwrap_or(0.5);
                lx.given_names.insert(c[0].to_string(), (g, share));
            }
        }
        lx.common_words = data_lines(COMMON).map(str::to_string).collect();
        lx.surnames = data_lines(SURNAMES).map(str::to_string).collect();
        lx.not_names = data_lines(NOT_NAMES).map(str::to_string).collect();
        for l in data_lines(PLACE_WORDS) {
            let c = cols(l);
            match c.get(1) {
                Some(&"first") => lx.place_firsts.insert(c[0].to_string()),
                _ => lx.place_heads.insert(c[0].to_string()),
            };
        }
        lx.party_adjectives = data_lines(PARTY_ADJECTIVES).map(str::to_string).collect();
        for l in data_lines(TITLES) {
            let c = cols(l);
            let class = match c.get(1).copied().unwrap_or("") {
                "kin" => TitleClass::Kin,
                "profession" => TitleClass::Profession,
                "military" => TitleClass::Military,
                "religious" => TitleClass::Religious,
                _ => TitleClass::Office,
            };
            lx.titles.entry(c[0].to_string()).or_insert(class);
        }
        lx.title_modifiers = data_lines(TITLE_MODIFIERS).map(str::to_string).collect();
        lx.org_words = data_lines(ORG_WORDS).map(str::to_string).collect();
        for l in data_lines(CUES) {
            let c = cols(l);
            if c.len() >= 3 {
                lx.cues.insert(
                    c[0].to_string(),
                    Cue {
                        lemma: c[1].to_string(),
                        strength: c[2].parse().unwrap_or(2),
                    },
                );
            }
        }
        lx
    }

    /// A lowercase word that is common in English text (so a capitalized form of it at a
    /// sentence start is not evidence of a name).
    pub fn is_common(&self, lower: &str) -> bool {
        self.common_words.contains(lower)
    }

    pub fn title(&self, lower: &str) -> Option<TitleClass> {
        self.titles.get(lower).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicons_load_and_hold_world_knowledge() {
        let lx = lexicon();
        assert_eq!(lx.places["U.S."].canonical, "United States");
        assert_eq!(lx.places["Britain"].canonical, "United Kingdom");
        assert_eq!(lx.places["France"].kind, PlaceKind::Country);
        assert_eq!(lx.places["Kyiv"].capital_of.as_deref(), Some("Ukraine"));
        assert_eq!(lx.demonyms["Ukrainian"].0, "Ukraine");
        assert_eq!(lx.orgs["EU"].canonical, "European Union");
        assert_eq!(lx.orgs["NATO"].canonical, "NATO");
        assert_eq!(lx.given_names["Maria"].0, Gender::Female);
        assert!(lx.is_common("following"));
        assert_eq!(lx.title("spokesman"), Some(TitleClass::Office));
        assert_eq!(lx.cues["said"].lemma, "say");
        assert_eq!(lx.country_codes["Russia"], "RU");
    }
}
