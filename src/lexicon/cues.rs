//! Speech cues (verbs and nouns that report speech) and the nouns that name speakers
//! without a proper name.

use super::tsv::{self, TsvError};
use super::{Embedded, Lexicon};

#[derive(Clone, Debug)]
pub struct Cue {
    pub lemma: String,
    /// 1: a speech verb that introduces quotes; 2: stance or thought; 3: a reporting noun.
    pub strength: u8,
}

/// What a speaker noun names (`lexicon/speaker-nouns.tsv`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpeakerClass {
    /// One person: "a senior official".
    One,
    /// People: "analysts".
    Many,
    /// A collective or institution: "the ministry".
    Body,
    /// The state, when a country or demonym modifies it: "the Russian government".
    State,
}

pub(super) const CUES: Embedded = embedded!("cues.tsv");
pub(super) const SPEAKER_NOUNS: Embedded = embedded!("speaker-nouns.tsv");

/// `form, lemma, strength`.
pub(super) fn cues(lx: &mut Lexicon, text: &str) -> Result<(), TsvError> {
    for r in tsv::table(text, 3) {
        let r = r?;
        let strength = r
            .col(2)
            .parse()
            .map_err(|_| r.error(format!("not a strength: {:?}", r.col(2))))?;
        lx.cues.insert(
            r.col(0).to_string(),
            Cue {
                lemma: r.col(1).to_string(),
                strength,
            },
        );
    }
    Ok(())
}

/// `form (lowercase), class (one|many|body|state)`.
pub(super) fn speaker_nouns(lx: &mut Lexicon, text: &str) -> Result<(), TsvError> {
    for r in tsv::table(text, 2) {
        let r = r?;
        let class = match r.col(1) {
            "one" => SpeakerClass::One,
            "many" => SpeakerClass::Many,
            "body" => SpeakerClass::Body,
            "state" => SpeakerClass::State,
            c => return Err(r.error(format!("unknown speaker class {c:?}"))),
        };
        lx.speaker_nouns.insert(r.col(0).to_string(), class);
    }
    Ok(())
}
