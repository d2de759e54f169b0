//! The hand-set confidences of this stage, one named constant per rule, in one place (an
//! entity's confidence is also the highest of its mentions'; it does not reach the graph).

/// A capital standing for its state ("Kyiv has rejected"): the state's entity.
pub(super) const CAPITAL_AS_STATE: f32 = 0.8;
/// An actor a later stage asked for (a country named by a demonym, a group).
pub(super) const REQUESTED: f32 = 0.8;
