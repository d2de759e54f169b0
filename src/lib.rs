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
//! use newsgraph::export::{Exporter, ExportOptions, json::Json};
//!
//! let doc = Document::new("d1", "Minister Ana Ruiz met Carlos Vela in Lisbon on Monday.");
//! let graph = Pipeline::default().extract(&doc);
//! assert!(graph.node("person/ana-ruiz").is_some());
//! let bytes = Json.export(&graph, &ExportOptions::default());
//! assert!(bytes.starts_with(b"{"));
//! ```
//!
//! The stages, in order (each a module with one entry function): [`segment`] →
//! [`mentions`] → [`entities`] → [`roles`] → [`quotes`] → [`relations`] → [`build`];
//! [`pipeline::Pipeline`] runs them. Graphs from many documents join with
//! [`graph::Graph::merge`]; [`export`] writes them out. For a corpus, [`input`] finds and
//! reads the documents (files, folders, HTML, JSONL) and [`corpus`] extracts them in
//! parallel and joins actors across documents.
#![forbid(unsafe_code)]

pub mod build;
pub mod corpus;
pub mod document;
pub mod entities;
pub mod export;
pub mod graph;
pub mod input;
pub mod lexicon;
pub mod mentions;
pub mod pipeline;
pub mod quotes;
pub mod relations;
pub mod roles;
pub mod segment;
pub mod tagger;
pub mod tagging;

pub use document::{Date, Document};
pub use graph::Graph;
pub use pipeline::{Config, Pipeline};
