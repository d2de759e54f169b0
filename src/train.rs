//! Training every learned extraction component on annotated articles ([`crate::gold`]).
//!
//! [`train_all`] is what the cross-validation command (`examples/cv.rs`) runs on the
//! training folds, and what the shipped models are trained with on all of `train/`.

use crate::gold::Example;
use std::sync::Arc;

use crate::pipeline::Config;
use crate::stages::mentions::typer::MentionTyper;

/// Trains the learned components on `examples` and returns settings that use them.
/// The components are added one by one; until a stage has one, its rules decide alone.
pub fn train_all(examples: &[&Example]) -> Config {
    let mut config = Config::default();
    config.models.mention_typer = Some(Arc::new(MentionTyper::train(examples)));
    config
}
