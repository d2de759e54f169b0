//! # newsgraph
//!
//! Reads English news articles and builds a knowledge graph of who did what with whom:
//! the actors (people, organizations, places, groups), their roles, the meetings they
//! held, the stances they took (met-with, warned, proposed, opposes, supports,
//! criticized) and who said what — every fact with its evidence (document, byte span,
//! sentence text) and a confidence.
//!
//! ```
//! use newsgraph::{Document, Pipeline};
//! use newsgraph::formats::{Exporter, ExportOptions, json::Json};
//!
//! let doc = Document::new("d1", "Minister Ana Ruiz met Carlos Vela in Lisbon on Monday.");
//! let graph = Pipeline::default().extract(&doc);
//! assert!(graph.node("person/ana-ruiz").is_some());
//! let bytes = Json.export(&graph, &ExportOptions::default());
//! assert!(bytes.starts_with(b"{"));
//! ```
//!
//! The stages, in order (each a folder under [`stages`] with one entry function):
//! [`stages::segment`] → [`tagging`] → [`stages::mentions`] → [`stages::entities`] →
//! [`stages::roles`] → [`stages::quotes`] → [`stages::relations`]; [`pipeline::Pipeline`]
//! runs them and [`graph::build`] turns their layers into a [`Graph`]. Graphs from many
//! documents join with [`graph::Graph::merge`]; [`formats`] writes them out. For a corpus,
//! [`corpus::input`] finds and reads the documents (files, folders, HTML, JSONL) and
//! [`corpus`] extracts them in parallel and joins actors across documents.
#![forbid(unsafe_code)]

pub mod corpus;
pub mod formats;
pub mod graph;
pub mod lexicon;
pub mod pipeline;
pub mod stages;
pub mod tagger;
pub mod tagging;
pub mod text;
pub mod vocab;

// Paths that `tagging` (and the tagger branch) use, kept until that stage moves under
// `stages/`.
pub(crate) use stages::segment;
pub(crate) use text::document;

pub use graph::Graph;
pub use pipeline::{Config, Pipeline};
pub use text::{Date, Document};
