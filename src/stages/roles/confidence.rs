//! The hand-set confidences of this stage, one named constant per rule, in one place: the
//! values that reach users on every edge, to be replaced by calibrated scores when the
//! stage's decisions are learned (see DESIGN.md, "Rules propose, trained models decide").
//! Changing one changes the output.

/// A title written before the name ("EU foreign policy chief X").
pub(super) const PREMODIFIER: f32 = 0.85;
/// A title in an apposition, before the name ("his Latvian counterpart, X") or after it
/// ("X, a real estate developer and longtime associate of Y,").
pub(super) const APPOSITIVE: f32 = 0.75;
/// "X was appointed as TITLE (of Y)", "X, who serves as TITLE".
pub(super) const APPOINTED_AS: f32 = 0.7;
/// "X of Y" with Y an organization (an affiliation, no title).
pub(super) const X_OF_Y: f32 = 0.7;
/// A definite description standing for a person named just before ("Rhea Salt has said
/// so. The rural affairs minister said …").
pub(super) const DEFINITE: f32 = 0.55;
