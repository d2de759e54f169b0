//! Word lists: the closed classes and context words the rule stages compare tokens
//! against, as data (`lexicon/closed-class.tsv`, `segmentation.tsv`, `name-context.tsv`,
//! `speech-context.tsv`, `relation-words.tsv`; each row `word<TAB>class`), and the
//! honorifics (`lexicon/honorifics.tsv`). Each class is documented in its file; a row
//! naming an unknown class is an error.

use super::names::Gender;
use super::tsv::{self, TsvError};
use super::{Embedded, Lexicon, lexicon};

/// A class of words (see the files for what each holds and who uses it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WordClass {
    PersonalPronoun,
    Possessive,
    Determiner,
    IndefiniteSubject,
    FunctionWord,
    NameParticle,
    SubjectPronoun,
    SpeakerPronoun,
    RelativePronoun,
    ClauseConjunction,
    Postmodifier,
    GroupDeterminer,
    InitialsSkip,
    MalePronoun,
    FemalePronoun,
    Abbreviation,
    StateAbbreviation,
    FinalAbbreviation,
    SentenceOpener,
    Boilerplate,
    OfHead,
    TitleComplement,
    PlaceNoun,
    PlacePreposition,
    ActorNext,
    OfficeVerb,
    BeforeCue,
    AfterCue,
    TimeVenue,
    TimeHead,
    GenericModifier,
    LightMeetingVerb,
    MeetingDenial,
    GatheringName,
    KinNoun,
}

impl WordClass {
    pub const ALL: [WordClass; 35] = [
        WordClass::PersonalPronoun,
        WordClass::Possessive,
        WordClass::Determiner,
        WordClass::IndefiniteSubject,
        WordClass::FunctionWord,
        WordClass::NameParticle,
        WordClass::SubjectPronoun,
        WordClass::SpeakerPronoun,
        WordClass::RelativePronoun,
        WordClass::ClauseConjunction,
        WordClass::Postmodifier,
        WordClass::GroupDeterminer,
        WordClass::InitialsSkip,
        WordClass::MalePronoun,
        WordClass::FemalePronoun,
        WordClass::Abbreviation,
        WordClass::StateAbbreviation,
        WordClass::FinalAbbreviation,
        WordClass::SentenceOpener,
        WordClass::Boilerplate,
        WordClass::OfHead,
        WordClass::TitleComplement,
        WordClass::PlaceNoun,
        WordClass::PlacePreposition,
        WordClass::ActorNext,
        WordClass::OfficeVerb,
        WordClass::BeforeCue,
        WordClass::AfterCue,
        WordClass::TimeVenue,
        WordClass::TimeHead,
        WordClass::GenericModifier,
        WordClass::LightMeetingVerb,
        WordClass::MeetingDenial,
        WordClass::GatheringName,
        WordClass::KinNoun,
    ];

    /// The class's name in the data files.
    pub fn name(self) -> &'static str {
        match self {
            WordClass::PersonalPronoun => "personal-pronoun",
            WordClass::Possessive => "possessive",
            WordClass::Determiner => "determiner",
            WordClass::IndefiniteSubject => "indefinite-subject",
            WordClass::FunctionWord => "function-word",
            WordClass::NameParticle => "name-particle",
            WordClass::SubjectPronoun => "subject-pronoun",
            WordClass::SpeakerPronoun => "speaker-pronoun",
            WordClass::RelativePronoun => "relative-pronoun",
            WordClass::ClauseConjunction => "clause-conjunction",
            WordClass::Postmodifier => "postmodifier",
            WordClass::GroupDeterminer => "group-determiner",
            WordClass::InitialsSkip => "initials-skip",
            WordClass::MalePronoun => "male-pronoun",
            WordClass::FemalePronoun => "female-pronoun",
            WordClass::Abbreviation => "abbreviation",
            WordClass::StateAbbreviation => "state-abbreviation",
            WordClass::FinalAbbreviation => "final-abbreviation",
            WordClass::SentenceOpener => "sentence-opener",
            WordClass::Boilerplate => "boilerplate",
            WordClass::OfHead => "of-head",
            WordClass::TitleComplement => "title-complement",
            WordClass::PlaceNoun => "place-noun",
            WordClass::PlacePreposition => "place-preposition",
            WordClass::ActorNext => "actor-next",
            WordClass::OfficeVerb => "office-verb",
            WordClass::BeforeCue => "before-cue",
            WordClass::AfterCue => "after-cue",
            WordClass::TimeVenue => "time-venue",
            WordClass::TimeHead => "time-head",
            WordClass::GenericModifier => "generic-modifier",
            WordClass::LightMeetingVerb => "light-meeting-verb",
            WordClass::MeetingDenial => "meeting-denial",
            WordClass::GatheringName => "gathering-name",
            WordClass::KinNoun => "kin-noun",
        }
    }

    pub fn parse(s: &str) -> Option<WordClass> {
        WordClass::ALL.into_iter().find(|c| c.name() == s)
    }
}

/// The words of every class: per word the bit set of its classes (one hashed lookup
/// answers any class), and per class its words in file order.
#[derive(Debug, Default)]
pub struct WordLists {
    classes: rustc_hash::FxHashMap<Box<str>, u64>,
    /// Indexed by `WordClass as usize`.
    lists: Vec<Vec<Box<str>>>,
}

impl WordLists {
    /// `w` is a word of `class` (compared as given: the files say which are lowercase).
    #[inline]
    pub fn is(&self, class: WordClass, w: &str) -> bool {
        self.classes
            .get(w)
            .is_some_and(|&bits| bits & (1u64 << (class as u32)) != 0)
    }

    /// The words of `class`.
    pub fn of(&self, class: WordClass) -> impl Iterator<Item = &str> {
        self.lists
            .get(class as usize)
            .into_iter()
            .flatten()
            .map(|x| &**x)
    }

    fn add(&mut self, class: WordClass, w: &str) {
        let i = class as usize;
        if self.lists.len() <= i {
            self.lists.resize_with(WordClass::ALL.len(), Vec::new);
        }
        let bits = self.classes.entry(w.into()).or_insert(0);
        if *bits & (1u64 << i) == 0 {
            *bits |= 1u64 << i;
            self.lists[i].push(w.into());
        }
    }
}

/// `w` is a word of `class` in the embedded lexicon.
pub fn is(class: WordClass, w: &str) -> bool {
    lexicon().words.is(class, w)
}

pub(super) const CLOSED_CLASS: Embedded = embedded!("closed-class.tsv");
pub(super) const SEGMENTATION: Embedded = embedded!("segmentation.tsv");
pub(super) const NAME_CONTEXT: Embedded = embedded!("name-context.tsv");
pub(super) const SPEECH_CONTEXT: Embedded = embedded!("speech-context.tsv");
pub(super) const RELATION_WORDS: Embedded = embedded!("relation-words.tsv");
pub(super) const HONORIFICS: Embedded = embedded!("honorifics.tsv");

/// `word, class`.
pub(super) fn word_classes(lx: &mut Lexicon, text: &str) -> Result<(), TsvError> {
    for r in tsv::table(text, 2) {
        let r = r?;
        let class = WordClass::parse(r.col(1))
            .ok_or_else(|| r.error(format!("unknown word class {:?}", r.col(1))))?;
        lx.words.add(class, r.col(0));
    }
    Ok(())
}

/// `form, gender (M|F|-)`.
pub(super) fn honorifics(lx: &mut Lexicon, text: &str) -> Result<(), TsvError> {
    for r in tsv::table(text, 2) {
        let r = r?;
        let g = match r.col(1) {
            "M" => Some(Gender::Male),
            "F" => Some(Gender::Female),
            "-" => None,
            g => return Err(r.error(format!("expected M, F or -, found {g:?}"))),
        };
        lx.honorifics.push((r.col(0).into(), g));
    }
    Ok(())
}

// a class is a bit of a u64
const _: () = assert!(WordClass::ALL.len() <= 64);
