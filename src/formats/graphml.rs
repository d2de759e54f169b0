//! GraphML (`--format graphml`) for Gephi, yEd, Cytoscape and networkx
//! (`networkx.read_graphml`).
//!
//! One directed `<graph>`; a `<node>` per node with its id as `id`, an `<edge>` per
//! edge (`id` is `e0`, `e1`, … in edge order). Attributes are declared as typed
//! `<key>`s:
//! - nodes: `label` (the name, which Gephi shows), `kind`, `aliases`, `documents`,
//!   `roles`, `text`, `quote`, `cue`, `place`, `when`, `date`, `status`;
//! - edges: `relation`, `label` (the relation, or a role's title), `confidence`
//!   (`double`), `title`, `cue`, `status`, `evidence`, `documents`.
//!
//! All are `string` but `confidence`. Lists (`aliases`, `documents`, `roles`,
//! `evidence`) are JSON arrays in a string, since GraphML has no list type:
//! `roles` holds `{"title", "affiliation"}` objects and `evidence` holds
//! `{"document", "start", "end", "text"}` objects.
//!
//! Escaping: text and attribute values escape `&`, `<`, `>`, quotes and carriage
//! returns; attribute values also tabs and line feeds (which XML would otherwise turn
//! into spaces). Characters XML 1.0 cannot carry at all (NUL and the other C0
//! controls but tab, line feed and carriage return; U+FFFE, U+FFFF) become U+FFFD.

use std::borrow::Cow;

use quick_xml::Writer;
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::name::QName;
use serde::Serialize;

use super::{ExportOptions, Exporter, confidence_str};
use crate::graph::{Graph, Relation};

/// The GraphML exporter.
pub struct GraphMl;

const NODE_KEYS: &[(&str, &str)] = &[
    ("label", "string"),
    ("kind", "string"),
    ("aliases", "string"),
    ("documents", "string"),
    ("roles", "string"),
    ("text", "string"),
    ("quote", "string"),
    ("cue", "string"),
    ("place", "string"),
    ("when", "string"),
    ("date", "string"),
    ("status", "string"),
];

const EDGE_KEYS: &[(&str, &str)] = &[
    ("relation", "string"),
    ("label", "string"),
    ("confidence", "double"),
    ("title", "string"),
    ("cue", "string"),
    ("status", "string"),
    ("evidence", "string"),
    ("documents", "string"),
];

impl Exporter for GraphMl {
    fn extension(&self) -> &'static str {
        "graphml"
    }

    fn export(&self, graph: &Graph, _opts: &ExportOptions) -> Vec<u8> {
        let mut w = Xml(Writer::new_with_indent(Vec::new(), b' ', 2));
        w.event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
        w.start(
            "graphml",
            &[
                ("xmlns", "http://graphml.graphdrawing.org/xmlns"),
                ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
                (
                    "xsi:schemaLocation",
                    "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
                ),
            ],
        );
        for (prefix, target, keys) in [("n_", "node", NODE_KEYS), ("e_", "edge", EDGE_KEYS)] {
            for (name, ty) in keys {
                let id = format!("{prefix}{name}");
                w.empty(
                    "key",
                    &[
                        ("id", &id),
                        ("for", target),
                        ("attr.name", name),
                        ("attr.type", ty),
                    ],
                );
            }
        }
        w.start("graph", &[("id", "newsgraph"), ("edgedefault", "directed")]);
        for n in graph.nodes() {
            w.start("node", &[("id", &n.id)]);
            w.data("n_label", &n.name);
            w.data("n_kind", n.kind.as_str());
            if !n.aliases.is_empty() {
                w.data("n_aliases", &json(&n.aliases));
            }
            if !n.documents.is_empty() {
                w.data("n_documents", &json(&n.documents));
            }
            let mut roles: Vec<_> = n.roles.iter().collect();
            roles.sort();
            roles.dedup();
            if !roles.is_empty() {
                w.data("n_roles", &json(&roles));
            }
            let optional = [
                ("n_text", n.text.as_deref()),
                ("n_quote", n.quote.map(|q| q.as_str())),
                ("n_cue", n.cue.as_deref()),
                ("n_place", n.place.as_deref()),
                ("n_when", n.when.as_deref()),
                ("n_date", n.date.as_deref()),
                ("n_status", n.status.map(|s| s.as_str())),
            ];
            for (key, value) in optional {
                if let Some(v) = value {
                    w.data(key, v);
                }
            }
            w.end("node");
        }
        for (i, e) in graph.edges().into_iter().enumerate() {
            let id = format!("e{i}");
            w.start(
                "edge",
                &[
                    ("id", &id),
                    ("source", &e.source.id),
                    ("target", &e.target.id),
                ],
            );
            let ed = e.edge;
            w.data("e_relation", ed.relation.as_str());
            let label = match (&ed.title, ed.relation) {
                (Some(t), Relation::HoldsRole) => t.as_str(),
                _ => ed.relation.as_str(),
            };
            w.data("e_label", label);
            w.data("e_confidence", &confidence_str(ed.confidence));
            let optional = [
                ("e_title", ed.title.as_deref()),
                ("e_cue", ed.cue.as_deref()),
                ("e_status", ed.status.map(|s| s.as_str())),
            ];
            for (key, value) in optional {
                if let Some(v) = value {
                    w.data(key, v);
                }
            }
            if !ed.evidence.is_empty() {
                w.data("e_evidence", &json(&ed.evidence));
                w.data("e_documents", &json(&ed.documents()));
            }
            w.end("edge");
        }
        w.end("graph");
        w.end("graphml");
        let mut out = w.0.into_inner();
        out.push(b'\n');
        out
    }
}

/// A list as a JSON array (serializing plain data cannot fail).
fn json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// Replaces the characters XML 1.0 cannot represent, even as references.
fn xml_chars(s: &str) -> Cow<'_, str> {
    let bad = |c: char| {
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r') && (c as u32) < 0x20)
            || c == '\u{FFFE}'
            || c == '\u{FFFF}'
    };
    if s.chars().any(bad) {
        Cow::Owned(
            s.chars()
                .map(|c| if bad(c) { '\u{FFFD}' } else { c })
                .collect(),
        )
    } else {
        Cow::Borrowed(s)
    }
}

/// Escapes element text (`&`, `<`, `>`, carriage return).
pub(crate) fn escape_text(s: &str) -> String {
    quick_xml::escape::partial_escape(xml_chars(s)).into_owned()
}

/// Escapes an attribute value (also quotes), keeping tabs and line breaks through
/// attribute-value normalization.
pub(crate) fn escape_attribute(s: &str) -> String {
    quick_xml::escape::escape(xml_chars(s))
        .replace('\t', "&#9;")
        .replace('\n', "&#10;")
}

/// A writer to memory; writing to a `Vec` cannot fail, so errors are dropped.
struct Xml(Writer<Vec<u8>>);

impl Xml {
    fn event(&mut self, e: Event<'_>) {
        let _ = self.0.write_event(e);
    }

    fn element(name: &str, attrs: &[(&str, &str)]) -> BytesStart<'static> {
        let mut start = BytesStart::new(name.to_string());
        for (k, v) in attrs {
            start.push_attribute(Attribute {
                key: QName(k),
                value: Cow::Owned(escape_attribute(v)),
            });
        }
        start
    }

    fn start(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.event(Event::Start(Xml::element(name, attrs)));
    }

    fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.event(Event::Empty(Xml::element(name, attrs)));
    }

    fn end(&mut self, name: &str) {
        self.event(Event::End(BytesEnd::new(name.to_string())));
    }

    fn data(&mut self, key: &str, value: &str) {
        self.start("data", &[("key", key)]);
        self.event(Event::Text(BytesText::from_escaped(escape_text(value))));
        self.end("data");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_what_xml_can_carry() {
        assert_eq!(
            escape_text("<a & \"b\">\r\n"),
            "&lt;a &amp; \"b\"&gt;&#13;\n"
        );
        assert_eq!(escape_attribute("a\tb\nc\"'"), "a&#9;b&#10;c&quot;&apos;");
        assert_eq!(
            escape_text("nul\0 esc\u{1b} \u{FFFF}"),
            "nul\u{FFFD} esc\u{FFFD} \u{FFFD}"
        );
        assert_eq!(escape_text("ü😀\u{200F}\u{85}"), "ü😀\u{200F}\u{85}");
    }
}
