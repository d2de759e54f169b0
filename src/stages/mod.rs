//! The analysis stages, in pipeline order. Each stage is a folder whose `mod.rs` holds its
//! entry function and output type; it reads the layers of earlier stages and returns its
//! own.

pub mod entities;
pub mod mentions;
pub mod parse;
pub mod quotes;
pub mod relations;
pub mod roles;
pub mod segment;
pub mod tokens;
