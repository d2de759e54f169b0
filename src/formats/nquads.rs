//! RDF N-Quads (`--format nquads`): the triples of the JSON-LD and Turtle exports,
//! each in one named graph per document it was read from, named by the document's IRI
//! (`{base}document/{id}`, the same resource that carries the article's metadata). A
//! fact found in two articles is in both graphs, so a store can drop and reload one
//! article's graph without losing what the other article says. Facts that name no
//! document (nodes or edges without evidence) are in the default graph.

use oxrdf::{GraphName, NamedNode, Quad};
use oxttl::NQuadsSerializer;

use super::rdf;
use super::{ExportOptions, Exporter};
use crate::graph::Graph;

/// The N-Quads exporter.
pub struct NQuads;

impl Exporter for NQuads {
    fn extension(&self) -> &'static str {
        "nq"
    }

    fn export(&self, graph: &Graph, opts: &ExportOptions) -> Vec<u8> {
        let resources = rdf::describe(graph, &opts.base_iri);
        let mut w = NQuadsSerializer::new().for_writer(Vec::new());
        for (t, docs) in rdf::triples(&resources) {
            let names: Vec<GraphName> = if docs.is_empty() {
                vec![GraphName::DefaultGraph]
            } else {
                docs.iter()
                    .map(|d| NamedNode::new_unchecked(rdf::document_iri(&opts.base_iri, d)).into())
                    .collect()
            };
            for name in names {
                let q = Quad::new(
                    t.subject.clone(),
                    t.predicate.clone(),
                    t.object.clone(),
                    name,
                );
                // writing to memory cannot fail
                w.serialize_quad(&q).expect("write to a Vec");
            }
        }
        w.finish()
    }
}
