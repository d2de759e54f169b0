//! The hand-set confidences of this stage, one named constant per rule, in one place: the
//! values that reach users on every edge, to be replaced by calibrated scores when the
//! stage's decisions are learned (see DESIGN.md, "Rules propose, trained models decide").
//! Changing one changes the output.

/// A name with person evidence (a title, an honorific) or a multi-word name opening with
/// a known given name.
pub(super) const PERSON: f32 = 0.9;
/// A place or organization found in the lexicons.
pub(super) const LEXICON: f32 = 0.95;
/// An organization head word ("Chatham House", "Ministry of Defence").
pub(super) const ORGANIZATION_HEAD: f32 = 0.85;
/// A place head or first word ("Pennsylvania Avenue", "Mount Kenya").
pub(super) const PLACE_WORD: f32 = 0.75;
/// An unknown "X of Y" name read as a place ("Gulf of Mexico").
pub(super) const OF_NAME_PLACE: f32 = 0.6;
/// An acronym read as an organization ("OPEC").
pub(super) const ACRONYM: f32 = 0.7;
/// A multi-word proper name without common words or a known given name.
pub(super) const PROPER_NAME: f32 = 0.7;
/// A multi-word run with some common words and no head word, kept as an organization.
pub(super) const WEAK_ORGANIZATION: f32 = 0.4;
/// A single unknown word after a place preposition ("in X", "the city of X").
pub(super) const PLACE_CONTEXT: f32 = 0.6;
/// A single unknown word that may be a person (a census surname, a given name, a speech
/// verb after it).
pub(super) const MAYBE_PERSON: f32 = 0.5;
/// A single unknown proper noun with no person evidence, read as an organization.
pub(super) const LONE_PROPER_NOUN: f32 = 0.4;
/// "The Harmon administration": a government named after its leader.
pub(super) const ADMINISTRATION: f32 = 0.8;
/// A known place or organization inside a hyphenated word ("U.S.-Ukraine").
pub(super) const COMPOUND_PART: f32 = 0.8;
