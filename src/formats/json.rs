//! Graph JSON (`newsgraph/1`), the contract in `docs/graph-json.md` of the shared design
//! folder: `documents`, `nodes`, `edges`. Also read back by [`read`] so that graphs written
//! earlier can be merged.

use serde::{Deserialize, Serialize};

use super::{ExportOptions, Exporter};
use crate::graph::{
    DocumentInfo, Edge, Evidence, Graph, Node, NodeKind, QuoteKind, Relation, Role, Status,
};

pub const SCHEMA: &str = "newsgraph/1";

#[derive(Serialize, Deserialize)]
struct JsonGraph {
    schema: String,
    #[serde(default)]
    documents: Vec<DocumentInfo>,
    #[serde(default)]
    nodes: Vec<JsonNode>,
    #[serde(default)]
    edges: Vec<JsonEdge>,
}

#[derive(Serialize, Deserialize)]
struct JsonNode {
    id: String,
    kind: NodeKind,
    #[serde(default)]
    name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    roles: Option<Vec<Role>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    quote: Option<QuoteKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    cue: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    place: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    when: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    status: Option<Status>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    documents: Vec<String>,
    /// How many documents mention the node (derived: ignored when read).
    #[serde(default, skip_serializing_if = "is_zero")]
    document_count: usize,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    evidence: Vec<Evidence>,
}

#[derive(Serialize, Deserialize)]
struct JsonEdge {
    source: String,
    target: String,
    relation: String,
    #[serde(default = "one")]
    confidence: f32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    cue: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    status: Option<Status>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    documents: Vec<String>,
    /// How many documents support the edge (derived: ignored when read).
    #[serde(default, skip_serializing_if = "is_zero")]
    document_count: usize,
    #[serde(default)]
    evidence: Vec<Evidence>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

fn one() -> f32 {
    1.0
}

/// Rounds a confidence to 3 decimals so that output does not depend on float noise.
fn round(c: f32) -> f32 {
    (c * 1000.0).round() / 1000.0
}

/// The graph JSON exporter.
pub struct Json;

impl Exporter for Json {
    fn extension(&self) -> &'static str {
        "json"
    }

    fn export(&self, graph: &Graph, _opts: &ExportOptions) -> Vec<u8> {
        let g = JsonGraph {
            schema: SCHEMA.to_string(),
            documents: {
                let mut d = graph.documents.clone();
                d.sort();
                d
            },
            nodes: graph
                .nodes()
                .map(|n| JsonNode {
                    id: n.id.clone(),
                    kind: n.kind,
                    name: n.name.clone(),
                    aliases: n.aliases.iter().cloned().collect(),
                    roles: n.kind.is_actor().then(|| {
                        let mut r = n.roles.clone();
                        r.sort();
                        r
                    }),
                    text: n.text.clone(),
                    quote: n.quote,
                    cue: n.cue.clone(),
                    place: n.place.clone(),
                    when: n.when.clone(),
                    date: n.date.clone(),
                    status: n.status,
                    documents: n.documents.iter().cloned().collect(),
                    document_count: n.documents.len(),
                    evidence: n.evidence.clone(),
                })
                .collect(),
            edges: graph
                .edges()
                .into_iter()
                .map(|e| JsonEdge {
                    source: e.source.id.clone(),
                    target: e.target.id.clone(),
                    relation: e.edge.relation.as_str().to_string(),
                    confidence: round(e.edge.confidence),
                    cue: e.edge.cue.clone(),
                    status: e.edge.status,
                    title: e.edge.title.clone(),
                    documents: e.edge.documents().into_iter().map(String::from).collect(),
                    document_count: e.edge.documents().len(),
                    evidence: e.edge.evidence.clone(),
                })
                .collect(),
        };
        // serializing owned plain data cannot fail
        let mut out = serde_json::to_vec_pretty(&g).unwrap_or_default();
        out.push(b'\n');
        out
    }
}

/// Reads graph JSON written by [`Json`] (or any producer of the contract) back into a graph.
/// Edges whose relation is unknown or whose endpoints are missing are reported as errors.
pub fn read(bytes: &[u8]) -> Result<Graph, String> {
    let g: JsonGraph = serde_json::from_slice(bytes).map_err(|e| format!("not graph JSON: {e}"))?;
    if g.schema != SCHEMA {
        return Err(format!("schema is {:?}, expected {SCHEMA:?}", g.schema));
    }
    let mut graph = Graph::new();
    graph.documents = g.documents;
    for n in g.nodes {
        let mut node = Node::new(n.id, n.kind, n.name);
        node.aliases = n.aliases.into_iter().collect();
        node.roles = n.roles.unwrap_or_default();
        node.text = n.text;
        node.quote = n.quote;
        node.cue = n.cue;
        node.place = n.place;
        node.when = n.when;
        node.date = n.date;
        node.status = n.status;
        node.documents = n.documents.into_iter().collect();
        node.evidence = n.evidence;
        graph.add_node(node);
    }
    for e in g.edges {
        let relation = Relation::parse(&e.relation)
            .ok_or_else(|| format!("unknown relation {:?}", e.relation))?;
        let mut edge = Edge::new(relation, e.confidence.clamp(0.0, 1.0), e.evidence);
        edge.cue = e.cue;
        edge.status = e.status;
        edge.title = e.title;
        if !graph.add_edge(&e.source, &e.target, edge) {
            return Err(format!(
                "edge {} -{}-> {} has an unknown endpoint",
                e.source, e.relation, e.target
            ));
        }
    }
    Ok(graph)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_reads_back() {
        let mut g = Graph::new();
        g.documents.push(DocumentInfo {
            id: "d1".into(),
            ..Default::default()
        });
        let mut a = Node::new("person/a", NodeKind::Person, "A \"quoted\" <b>\n");
        a.roles.push(Role {
            title: "envoy".into(),
            affiliation: Some("place/x".into()),
        });
        g.add_node(a);
        g.add_node(Node::new("place/x", NodeKind::Place, "X\\Y"));
        let ev = Evidence {
            document: "d1".into(),
            start: 0,
            end: 3,
            text: "abc".into(),
        };
        g.add_edge(
            "person/a",
            "place/x",
            Edge::new(Relation::Warned, 0.8, vec![ev]),
        );
        let bytes = Json.export(&g, &ExportOptions::default());
        let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(v["schema"], "newsgraph/1");
        assert_eq!(v["nodes"][0]["id"], "person/a");
        assert_eq!(v["nodes"][0]["roles"][0]["affiliation"], "place/x");
        assert_eq!(v["edges"][0]["relation"], "warned");
        let back = read(&bytes).unwrap();
        assert_eq!(back.node_count(), 2);
        assert_eq!(back.edge_count(), 1);
        assert_eq!(Json.export(&back, &ExportOptions::default()), bytes);
        assert!(read(b"{\"schema\":\"other\"}").is_err());
        assert!(read(b"\xff").is_err());
    }
}
