//! Exporters: one module per output format, each turning a [`Graph`] into bytes.
//!
//! Exporters know nothing about extraction. Every exporter iterates the graph in its
//! sorted order ([`Graph::nodes`], [`Graph::edges`]), so output is deterministic, and
//! escapes every string for its format.

use crate::graph::Graph;

pub mod json;

/// Options shared by the exporters.
#[derive(Clone, Debug)]
pub struct ExportOptions {
    /// Base IRI of node IRIs in RDF formats (`https://example.org/newsgraph/`).
    pub base_iri: String,
    /// Include statement nodes in diagrams (DOT); they crowd the picture.
    pub statements: bool,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            base_iri: DEFAULT_BASE_IRI.to_string(),
            statements: false,
        }
    }
}

pub const DEFAULT_BASE_IRI: &str = "https://newsgraph.example/id/";

/// An output format.
pub trait Exporter {
    /// The file extension of this format (`json`).
    fn extension(&self) -> &'static str;
    /// Serializes the graph.
    fn export(&self, graph: &Graph, opts: &ExportOptions) -> Vec<u8>;
}

/// Names of the formats [`exporter`] knows.
pub const FORMATS: &[&str] = &["json"];

/// The exporter of a format by name.
pub fn exporter(name: &str) -> Option<Box<dyn Exporter>> {
    match name {
        "json" => Some(Box::new(json::Json)),
        _ => None,
    }
}
