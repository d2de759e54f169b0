//! newsgraph: reads English news articles and builds a knowledge graph of who did what
//! with whom.
#![forbid(unsafe_code)]

pub mod document;
pub mod entities;
pub mod export;
pub mod graph;
pub mod lexicon;
pub mod mentions;
pub mod segment;
