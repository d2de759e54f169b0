//! RDF Turtle (`--format turtle`): the same triples as the JSON-LD export (see
//! [`super::jsonld`] for the mapping), written by oxttl with the `ng:`, `schema:` and
//! `xsd:` prefixes. All facts are in one graph; N-Quads keeps them per document.

use oxttl::TurtleSerializer;

use super::rdf::{self, NG, SCHEMA, XSD};
use super::{ExportOptions, Exporter};
use crate::graph::Graph;

/// The Turtle exporter.
pub struct Turtle;

impl Exporter for Turtle {
    fn extension(&self) -> &'static str {
        "ttl"
    }

    fn export(&self, graph: &Graph, opts: &ExportOptions) -> Vec<u8> {
        let resources = rdf::describe(graph, &opts.base_iri);
        let serializer = [("ng", NG), ("schema", SCHEMA), ("xsd", XSD)]
            .into_iter()
            .fold(TurtleSerializer::new(), |s, (name, iri)| {
                s.with_prefix(name, iri)
                    .expect("the prefixes are constant IRIs")
            });
        let mut w = serializer.for_writer(Vec::new());
        for (triple, _) in rdf::triples(&resources) {
            // writing to memory cannot fail
            w.serialize_triple(&triple).expect("write to a Vec");
        }
        w.finish().expect("write to a Vec")
    }
}
