//! newsgraph: reads English news articles and builds a knowledge graph of who did what
//! with whom.
#![forbid(unsafe_code)]

pub mod graph;
pub mod tagger;
