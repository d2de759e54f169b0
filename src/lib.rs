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
//! ## The flow
//!
//! ```text
//! text::Document ─▶ stages: segment → tag → mentions → entities → roles → quotes → relations
//!                ─▶ pipeline::Analysis ─▶ graph::build ─▶ Graph ─▶ formats (JSON, JSON-LD, DOT, …)
//! ```
//!
//! Each stage (a folder under [`stages`]) reads the earlier layers by `&` and returns its
//! own; [`Pipeline`] runs them and keeps every layer ([`Analysis`]); [`graph::build`] turns
//! the layers into a [`Graph`] and is the only place node ids are minted. Graphs of many
//! documents join with [`Graph::merge`]; [`corpus::extract_all`] does that in parallel and
//! [`corpus::resolve_across`] joins actors across documents; [`formats`] writes graphs out.
//! The layering is an invariant checked by `tests/architecture.rs` (see ARCHITECTURE.md).
//!
//! ## The stable API
//!
//! [`Document`] and [`Date`] in; [`Pipeline`] (with [`Config`]) to [`Graph`]; the
//! exporters ([`Exporter`], [`exporter`], [`FORMATS`], [`ExportOptions`]); the corpus
//! functions ([`extract_all`], [`resolve_across`]); and the graph model of `newsgraph/1`
//! ([`graph::model`]). The other modules ([`text`], [`lexicon`], [`vocab`], [`stages`],
//! [`tagger`], [`conllu`]) are public for the tests, benchmarks and tools that look inside the
//! analysis; their API follows the stages and may change.
#![forbid(unsafe_code)]

pub mod conllu;
pub mod corpus;
pub mod formats;
pub mod gold;
pub mod graph;
pub mod learn;
pub mod lexicon;
pub mod pipeline;
pub mod stages;
pub mod tagger;
pub mod tagging;
pub mod text;
pub mod train;
pub mod vocab;

// `crate::segment` and `crate::document` are the paths `tagging.rs` (and work written
// before the move) uses; kept until the tag stage moves under `stages/`.
pub(crate) use stages::segment;
pub(crate) use text::document;

pub use corpus::{extract_all, resolve_across};
pub use formats::{ExportOptions, Exporter, FORMATS, exporter};
pub use graph::Graph;
pub use pipeline::{Analysis, Config, Pipeline};
pub use text::{Date, Document};
