//! The hand-set confidences of this stage, one named constant per rule, in one place: the
//! values that reach users on every edge, to be replaced by calibrated scores when the
//! stage's decisions are learned (see DESIGN.md, "Rules propose, trained models decide").
//! Changing one changes the output.

/// A direct quote with its attribution frame next to it (`"…," X said`, `X said: "…"`).
pub(super) const FRAMED_QUOTE: f32 = 0.85;
/// A whole-sentence quote attributed by the next sentence (`"…" The remark came from X.`).
pub(super) const NEXT_SENTENCE_SPEAKER: f32 = 0.7;
/// A quote that continues the previous speaker's quote in the paragraph.
pub(super) const CONTINUED_QUOTE: f32 = 0.6;
/// `according to X, CLAUSE` and `in X's words, CLAUSE`.
pub(super) const ACCORDING_TO: f32 = 0.75;
/// `CLAUSE, X said.`
pub(super) const TRAILING_ATTRIBUTION: f32 = 0.7;
/// `X said (that) CLAUSE` with a pure speech verb (strength 1).
pub(super) const SPEECH_VERB_REPORT: f32 = 0.7;
/// `X warned/believes (that) CLAUSE` with a verb of stance or thought (strength 2).
pub(super) const STANCE_VERB_REPORT: f32 = 0.55;
/// `X's warning that CLAUSE`, `the claim by X that CLAUSE`.
pub(super) const NOUN_REPORT: f32 = 0.6;
/// `accused X of …`, `urged X to …`, `described X as …`, `pledged to …`.
pub(super) const LINKED_REPORT: f32 = 0.6;
