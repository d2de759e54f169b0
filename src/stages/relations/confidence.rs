//! The hand-set confidences of this stage, one named constant per rule, in one place: the
//! values that reach users on every edge, to be replaced by calibrated scores when the
//! stage's decisions are learned (see DESIGN.md, "Rules propose, trained models decide").
//! Changing one changes the output.
//!
//! A stance's confidence is its rule's base value less penalties for how its sides were
//! found ([`WEAK_SUBJECT`], …), never below [`FLOOR`].

/// A stance verb with its subject and object (`X criticized Y`).
pub(super) const VERB: f32 = 0.85;
/// A passive stance verb with a `by`-agent (`Y was criticized by X`).
pub(super) const PASSIVE: f32 = 0.8;
/// `X refused to VP`: the verb phrase is opposed (active voice).
pub(super) const REFUSED_TO: f32 = 0.7;
/// The same with a participle after a copula (`X is opposed to VP`).
pub(super) const REFUSED_TO_PASSIVE: f32 = 0.6;
/// `X insists that Y never joins Z`: a negated demand is opposed.
pub(super) const NEGATED_DEMAND: f32 = 0.6;
/// An adjective with a to-infinitive (`X is determined to VP`).
pub(super) const ADJECTIVE_TO: f32 = 0.7;
/// An adjective with an object (`X is supportive of Y`).
pub(super) const ADJECTIVE: f32 = 0.75;
/// A proposal noun with its proposer (`the U.S. peace plan`).
pub(super) const NOMINAL_PROPOSAL: f32 = 0.6;
/// `if Y refuses, X will …`: X warned Y.
pub(super) const CONDITIONAL_THREAT: f32 = 0.55;

/// The subject was found through a pronoun or an indefinite (`one`, `some`).
pub(super) const WEAK_SUBJECT: f32 = 0.15;
/// The object was found through a pronoun or looked through (`the mandate of X`).
pub(super) const WEAK_OBJECT: f32 = 0.1;
/// The subject is an unnamed group.
pub(super) const GROUP_SUBJECT: f32 = 0.05;
/// The object is a proposal, not an actor.
pub(super) const PROPOSAL_OBJECT: f32 = 0.05;
/// No stance falls below this.
pub(super) const FLOOR: f32 = 0.05;

/// `A met B`: a meeting verb with named sides.
pub(super) const MET: f32 = 0.85;
/// One side of `A met B` was found through a pronoun or an indefinite.
pub(super) const WEAK_SIDE: f32 = 0.15;
/// The meeting node of `A met B`.
pub(super) const MEETING: f32 = 0.8;
/// The meeting node of `A met B` with a side found through a pronoun.
pub(super) const MEETING_WEAK: f32 = 0.65;
/// A meeting noun with its sides (`talks between A and B`): the met-with edges and the
/// meeting node.
pub(super) const NOMINAL_MEETING: f32 = 0.65;
/// A meeting noun whose holder is the governing verb's subject (`held talks with B`).
pub(super) const NOMINAL_MEETING_WEAK: f32 = 0.55;
