//! openCypher script (`--format cypher`) for Neo4j, Memgraph and other property-graph
//! stores: one statement a line, each ending with `;`, nodes first, then edges.
//!
//! - A node: `MERGE (n:Person {id: "person/jane-doe"}) SET n += {name: …, aliases: […]};`
//!   The label is the kind; the properties are `id`, `name`, `aliases`, `documents`,
//!   the roles as the parallel lists `role_titles` and `role_affiliations` (a node id,
//!   or `""` when none), and whichever of `text`, `quote`, `cue`, `place`, `when`,
//!   `date`, `status` the node has.
//! - An edge: `MATCH (a:Person {id: …}), (b:Place {id: …}) MERGE (a)-[r:WARNED]->(b)
//!   SET r += {confidence: 0.8, evidence: […], …};` The type is the relation in
//!   UPPER_SNAKE case (`MET_WITH`, `SAID`, `HOLDS_ROLE`); `HOLDS_ROLE` edges are merged
//!   with their `title`, since a person can hold two titles at one place. Properties:
//!   `confidence`, the evidence as parallel lists `evidence` (texts),
//!   `evidence_documents`, `evidence_starts`, `evidence_ends`, and `cue`, `status`.
//!   `MET_WITH` is symmetric: match it without direction.
//!
//! Running the script twice leaves the same graph (every statement is a `MERGE`, and
//! `SET +=` overwrites). For speed on large graphs, create an index on `id` for each
//! label first (e.g. `CREATE INDEX FOR (n:Person) ON (n.id)` in Neo4j).
//!
//! Strings are double-quoted literals with `\\`, `\"`, `\'`, `\n`, `\r`, `\t`, `\b`,
//! `\f` escapes and `\uXXXX` for other control and line-separator characters, so no
//! string can end a literal, a statement or a line.

use std::fmt::Write;

use super::{ExportOptions, Exporter, confidence_str};
use crate::graph::{Graph, Node, Relation};

/// The Cypher exporter.
pub struct Cypher;

impl Exporter for Cypher {
    fn extension(&self) -> &'static str {
        "cypher"
    }

    fn export(&self, graph: &Graph, _opts: &ExportOptions) -> Vec<u8> {
        let mut out = String::new();
        for n in graph.nodes() {
            let mut props: Vec<(&str, String)> = vec![
                ("name", string(&n.name)),
                ("aliases", list(n.aliases.iter().map(String::as_str))),
                ("documents", list(n.documents.iter().map(String::as_str))),
            ];
            let mut roles: Vec<_> = n.roles.iter().collect();
            roles.sort();
            roles.dedup();
            if !roles.is_empty() {
                props.push(("role_titles", list(roles.iter().map(|r| r.title.as_str()))));
                props.push((
                    "role_affiliations",
                    list(roles.iter().map(|r| r.affiliation.as_deref().unwrap_or(""))),
                ));
            }
            let optional = [
                ("text", n.text.as_deref()),
                ("quote", n.quote.map(|q| q.as_str())),
                ("cue", n.cue.as_deref()),
                ("place", n.place.as_deref()),
                ("when", n.when.as_deref()),
                ("date", n.date.as_deref()),
                ("status", n.status.map(|s| s.as_str())),
            ];
            for (key, value) in optional {
                if let Some(v) = value {
                    props.push((key, string(v)));
                }
            }
            let _ = writeln!(
                out,
                "MERGE (n:{} {{id: {}}}) SET n += {};",
                n.kind.as_str(),
                string(&n.id),
                map(&props)
            );
        }
        for e in graph.edges() {
            let ed = e.edge;
            let mut props: Vec<(&str, String)> = vec![
                ("confidence", confidence_str(ed.confidence)),
                (
                    "evidence",
                    list(ed.evidence.iter().map(|x| x.text.as_str())),
                ),
                (
                    "evidence_documents",
                    list(ed.evidence.iter().map(|x| x.document.as_str())),
                ),
                (
                    "evidence_starts",
                    format!(
                        "[{}]",
                        ed.evidence
                            .iter()
                            .map(|x| x.start.to_string())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ),
                (
                    "evidence_ends",
                    format!(
                        "[{}]",
                        ed.evidence
                            .iter()
                            .map(|x| x.end.to_string())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ),
            ];
            if let Some(c) = &ed.cue {
                props.push(("cue", string(c)));
            }
            if let Some(s) = ed.status {
                props.push(("status", string(s.as_str())));
            }
            let key = match &ed.title {
                Some(t) => format!(" {{title: {}}}", string(t)),
                None => String::new(),
            };
            let _ = writeln!(
                out,
                "MATCH (a:{} {{id: {}}}), (b:{} {{id: {}}}) MERGE (a)-[r:{}{key}]->(b) SET r += {};",
                label(e.source),
                string(&e.source.id),
                label(e.target),
                string(&e.target.id),
                relationship_type(ed.relation),
                map(&props)
            );
        }
        out.into_bytes()
    }
}

fn label(n: &Node) -> &'static str {
    n.kind.as_str()
}

/// The relationship type of a relation: `met-with` → `MET_WITH`.
pub(crate) fn relationship_type(r: Relation) -> String {
    r.as_str().to_ascii_uppercase().replace('-', "_")
}

fn map(props: &[(&str, String)]) -> String {
    let inner: Vec<String> = props.iter().map(|(k, v)| format!("{k}: {v}")).collect();
    format!("{{{}}}", inner.join(", "))
}

fn list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let inner: Vec<String> = items.map(string).collect();
    format!("[{}]", inner.join(", "))
}

/// A Cypher string literal (double-quoted, see the module docs for the escapes).
pub(crate) fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_cannot_escape_their_literal_or_line() {
        assert_eq!(string("a\"b'c\\"), "\"a\\\"b\\'c\\\\\"");
        assert_eq!(string("x\ny\r\t"), "\"x\\ny\\r\\t\"");
        assert_eq!(string("\0\u{1b}\u{2028}"), "\"\\u0000\\u001B\\u2028\"");
        assert_eq!(string("ü😀\u{200F}"), "\"ü😀\u{200F}\"");
        assert_eq!(
            relationship_type(Relation::AffiliatedWith),
            "AFFILIATED_WITH"
        );
    }
}
