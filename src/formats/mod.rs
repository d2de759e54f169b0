//! Exporters: one module per output format, each turning a [`Graph`] into bytes.
//!
//! Exporters know nothing about extraction. Every exporter iterates the graph in its
//! sorted order ([`Graph::nodes`], [`Graph::edges`]), so output is deterministic, and
//! escapes every string for its format.

use std::collections::BTreeMap;

use crate::graph::Graph;

pub mod cypher;
pub mod dot;
pub mod graphml;
pub mod html;
pub mod json;
pub mod jsonld;
pub mod neo4j;
pub mod nquads;
pub(crate) mod rdf;
pub mod turtle;

pub use neo4j::neo4j_csv;
pub use rdf::{document_iri, node_iri};

/// Options shared by the exporters.
#[derive(Clone, Debug)]
pub struct ExportOptions {
    /// Base IRI of node IRIs in RDF formats (`https://example.org/newsgraph/`).
    pub base_iri: String,
    /// Include statement nodes in diagrams (DOT); they crowd the picture.
    pub statements: bool,
    /// Include meetings (and their `attended` / `held-in` edges) in diagrams (DOT).
    pub meetings: bool,
    /// Include nodes that have no edge in the diagram (DOT); they are packed in a
    /// compact array beside the connected part.
    pub isolated: bool,
    /// JSON-LD: refer to the `@context` by this URL instead of embedding
    /// `context/newsgraph.jsonld` inline (the default).
    pub context_url: Option<String>,
    /// Document texts by document id, for exporters that show evidence in context
    /// (the HTML explorer shows each evidence in its paragraph); may be empty.
    pub texts: BTreeMap<String, String>,
}

impl ExportOptions {
    /// Checks what the RDF exporters take on trust: `base_iri` is an absolute IRI
    /// (node IRIs are it followed by the percent-encoded id) and `context_url`, if
    /// set, is one too.
    pub fn check(&self) -> Result<(), String> {
        oxrdf::NamedNode::new(self.base_iri.as_str())
            .map_err(|e| format!("base IRI {:?} is not an absolute IRI: {e}", self.base_iri))?;
        if let Some(url) = &self.context_url {
            oxrdf::NamedNode::new(url.as_str())
                .map_err(|e| format!("context URL {url:?} is not an absolute IRI: {e}"))?;
        }
        Ok(())
    }
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            base_iri: DEFAULT_BASE_IRI.to_string(),
            statements: false,
            meetings: true,
            isolated: true,
            context_url: None,
            texts: BTreeMap::new(),
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

/// The names of the formats [`exporter`] knows, as the CLI's `--format` takes them.
pub const FORMATS: &[&str] = &[
    "json", "jsonld", "dot", "turtle", "nquads", "cypher", "graphml", "html",
];

/// The exporter of a format named in [`FORMATS`].
pub fn exporter(name: &str) -> Option<Box<dyn Exporter>> {
    Some(match name {
        "json" => Box::new(json::Json),
        "jsonld" => Box::new(jsonld::JsonLd),
        "dot" => Box::new(dot::Dot),
        "turtle" => Box::new(turtle::Turtle),
        "nquads" => Box::new(nquads::NQuads),
        "cypher" => Box::new(cypher::Cypher),
        "graphml" => Box::new(graphml::GraphMl),
        "html" => Box::new(html::Html),
        _ => return None,
    })
}

/// A confidence as a decimal with at most 3 fraction digits (`0.9`, `1.0`), clamped to
/// [0, 1]; the same text in every format, so output never depends on float noise.
pub(crate) fn confidence_str(c: f32) -> String {
    let c = if c.is_nan() { 0.0 } else { c.clamp(0.0, 1.0) };
    let millis = (c * 1000.0).round() as u32;
    let mut frac = format!("{:03}", millis % 1000);
    while frac.len() > 1 && frac.ends_with('0') {
        frac.pop();
    }
    format!("{}.{frac}", millis / 1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confidences_are_short_decimals() {
        assert_eq!(confidence_str(0.9), "0.9");
        assert_eq!(confidence_str(1.0), "1.0");
        assert_eq!(confidence_str(0.0), "0.0");
        assert_eq!(confidence_str(0.125), "0.125");
        assert_eq!(confidence_str(0.33333), "0.333");
        assert_eq!(confidence_str(7.0), "1.0");
        assert_eq!(confidence_str(-1.0), "0.0");
        assert_eq!(confidence_str(f32::NAN), "0.0");
    }
}
