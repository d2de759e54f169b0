//! Lexicons: world knowledge as data files under `lexicon/`, embedded at compile time.
//!
//! Every file opens with `#` lines naming its source and licence. Generated files
//! (places, demonyms, organizations, given names, common words) are rebuilt by
//! `tools/build_lexicons.py`; the others are written by hand. No file lists people.
//!
//! One loader, one reader: every file is read by [`tsv`] (comments, blank lines, tab-
//! separated columns) into the typed tables of [`Lexicon`], parsed once ([`lexicon`]).
//! A malformed embedded file is an error naming the file and line (and a failing test),
//! never a silently skipped row. The relation lexicon, which users extend with
//! `--lexicon`, has its own type ([`RelationLexicon`]) over the same reader.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::fmt;
use std::sync::OnceLock;

/// An embedded lexicon file: its name under `lexicon/` and its text.
#[derive(Clone, Copy, Debug)]
pub struct Embedded {
    pub name: &'static str,
    pub text: &'static str,
}

/// `embedded!("places.tsv")`: the file `lexicon/places.tsv`, embedded.
macro_rules! embedded {
    ($file:literal) => {
        $crate::lexicon::Embedded {
            name: $file,
            text: include_str!(concat!("../../lexicon/", $file)),
        }
    };
}

pub mod cues;
pub mod gazetteer;
pub mod names;
pub mod relations;
pub mod titles;
pub mod tsv;
pub mod words;

pub use cues::{Cue, SpeakerClass};
pub use gazetteer::{OrgEntry, PlaceEntry, PlaceKind};
pub use names::Gender;
pub use relations::RelationLexicon;
pub use titles::TitleClass;
pub use words::{WordClass, WordLists};

use tsv::TsvError;

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
    /// Nouns that name speakers without a proper name ("officials", "the ministry").
    pub speaker_nouns: HashMap<String, SpeakerClass>,
    /// Nouns that name no proposal or position ("congratulations").
    pub non_proposals: HashSet<String>,
    /// Closed-class and context words by class.
    pub words: WordLists,
    /// Honorifics as written ("Mr", "Dr.") and the gender they show, if any (a few dozen:
    /// scanned, which is cheaper than hashing the word).
    pub honorifics: Vec<(Box<str>, Option<Gender>)>,
    /// Words of evaluation and their valence, -4 (most negative) to +4 (VADER,
    /// `evaluation.tsv`): features of the stance classifier.
    pub valence: HashMap<String, f32>,
    /// Canonical country name → ISO code.
    pub country_codes: HashMap<String, String>,
    /// ISO code → canonical country name.
    pub country_names: HashMap<String, String>,
}

/// A malformed line in an embedded lexicon file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LexiconError {
    pub file: &'static str,
    pub error: TsvError,
}

impl fmt::Display for LexiconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "lexicon/{}: {}", self.file, self.error)
    }
}

impl std::error::Error for LexiconError {}

const NON_PROPOSALS: Embedded = embedded!("non-proposals.txt");
const EVALUATION: Embedded = embedded!("evaluation.tsv");

/// `word<TAB>valence` rows.
fn valences(lx: &mut Lexicon, text: &str) -> Result<(), TsvError> {
    for row in tsv::table(text, 2) {
        let row = row?;
        let v: f32 = row
            .col(1)
            .parse()
            .map_err(|_| row.error(format!("valence {:?} is not a number", row.col(1))))?;
        lx.valence.insert(row.col(0).to_string(), v);
    }
    Ok(())
}

/// The embedded lexicons.
pub fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| Lexicon::embedded().unwrap_or_else(|e| panic!("{e}")))
}

/// Reads a word list (one word or phrase per line) into `into`.
fn set(into: &mut HashSet<String>, text: &str) -> Result<(), TsvError> {
    into.extend(tsv::words(text).map(str::to_string));
    Ok(())
}

type Loader = fn(&mut Lexicon, &str) -> Result<(), TsvError>;

impl Lexicon {
    /// Parses the embedded files (in an order where later files refine earlier ones:
    /// capitals mark places, hand-written government bodies override generated
    /// organizations).
    pub fn embedded() -> Result<Lexicon, LexiconError> {
        use gazetteer as gz;
        let mut lx = Lexicon::default();
        let loaders: [(Embedded, Loader); 26] = [
            (gz::PLACES, gz::places),
            (gz::REGIONS_EXTRA, gz::places),
            (gz::CAPITALS, gz::capitals),
            (gz::DEMONYMS, gz::demonyms),
            (gz::DEMONYMS_EXTRA, gz::demonyms),
            (gz::ORGS, gz::organizations),
            (gz::GOV_BODIES, gz::government_bodies),
            (names::GIVEN, names::given_names),
            (names::COMMON, |lx, t| set(&mut lx.common_words, t)),
            (names::SURNAMES, |lx, t| set(&mut lx.surnames, t)),
            (names::NOT_NAMES, |lx, t| set(&mut lx.not_names, t)),
            (names::PLACE_WORDS, names::place_words),
            (names::PARTY_ADJECTIVES, |lx, t| {
                set(&mut lx.party_adjectives, t)
            }),
            (titles::TITLES, titles::titles),
            (titles::TITLE_MODIFIERS, |lx, t| {
                set(&mut lx.title_modifiers, t)
            }),
            (names::ORG_WORDS, |lx, t| set(&mut lx.org_words, t)),
            (cues::CUES, cues::cues),
            (cues::SPEAKER_NOUNS, cues::speaker_nouns),
            (NON_PROPOSALS, |lx, t| set(&mut lx.non_proposals, t)),
            (words::CLOSED_CLASS, words::word_classes),
            (words::SEGMENTATION, words::word_classes),
            (words::NAME_CONTEXT, words::word_classes),
            (words::SPEECH_CONTEXT, words::word_classes),
            (words::RELATION_WORDS, words::word_classes),
            (words::HONORIFICS, words::honorifics),
            (EVALUATION, valences),
        ];
        for (file, load) in loaders {
            load(&mut lx, file.text).map_err(|error| LexiconError {
                file: file.name,
                error,
            })?;
        }
        Ok(lx)
    }

    /// A lowercase word that is common in English text (so a capitalized form of it at a
    /// sentence start is not evidence of a name).
    pub fn is_common(&self, lower: &str) -> bool {
        self.common_words.contains(lower)
    }

    pub fn title(&self, lower: &str) -> Option<TitleClass> {
        self.titles.get(lower).copied()
    }

    /// `w` is a word of `class`.
    pub fn is(&self, class: WordClass, w: &str) -> bool {
        self.words.is(class, w)
    }

    /// An honorific as written ("Mr", "Dr."), with the gender it shows.
    pub fn honorific(&self, w: &str) -> Option<Option<Gender>> {
        self.honorifics
            .iter()
            .find(|(h, _)| **h == *w)
            .map(|(_, g)| *g)
    }

    /// The valence of a lowercase word of evaluation (-4 to +4), if it is one.
    pub fn valence(&self, lower: &str) -> Option<f32> {
        self.valence.get(lower).copied()
    }

    /// The country whose capital city `name` is (a capital can stand for its
    /// government: "Kyiv rejected").
    pub fn capital_country(&self, name: &str) -> Option<String> {
        self.places
            .get(name)
            .filter(|p| p.kind == PlaceKind::City)
            .and_then(|p| p.capital_of.clone())
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
        assert_eq!(lx.capital_country("Kyiv").as_deref(), Some("Ukraine"));
        assert_eq!(lx.speaker_nouns["officials"], SpeakerClass::Many);
        assert!(lx.non_proposals.contains("congratulations"));
        assert!(lx.is(WordClass::Determiner, "the"));
        assert!(lx.is(WordClass::Abbreviation, "mr"));
        assert!(!lx.is(WordClass::Abbreviation, "Mr"));
        assert_eq!(lx.honorific("Mrs"), Some(Some(Gender::Female)));
        assert_eq!(lx.honorific("Dr."), Some(None));
        assert_eq!(lx.honorific("Minister"), None);
        // every class has words: a typo in a file's class column fails here
        for c in WordClass::ALL {
            assert!(lx.words.of(c).next().is_some(), "{c:?} is empty");
        }
    }

    #[test]
    fn every_embedded_file_parses_and_errors_name_file_and_line() {
        if let Err(e) = Lexicon::embedded() {
            panic!("{e}");
        }
        let mut lx = Lexicon::default();
        let e = gazetteer::places(&mut lx, "# header\nParis\tcity\tParis\n").unwrap_err();
        let e = LexiconError {
            file: "places.tsv",
            error: e,
        };
        assert_eq!(
            e.to_string(),
            "lexicon/places.tsv: line 2: expected at least 4 tab-separated columns, found 3"
        );
        let e = cues::speaker_nouns(&mut lx, "envoys\tsome\n").unwrap_err();
        assert_eq!(e.to_string(), "line 1: unknown speaker class \"some\"");
    }
}
