//! JSON-LD 1.1 (`--format jsonld`): the graph as linked data for RDF stores.
//!
//! The output is `{"@context": …, "@graph": [...]}`. The context is the file
//! `context/newsgraph.jsonld` of the repository, embedded inline by default or referred
//! to by URL ([`ExportOptions::context_url`]); the vocabulary it maps to is defined in
//! `context/vocab.ttl`. The `@graph` holds, in this order:
//! - one `NewsArticle` per document (`identifier`, `headline`, `datePublished`,
//!   `source`, and `mentions` of the nodes read from it);
//! - one object per node, id order, at `base_iri` + the percent-encoded id, typed by
//!   kind: `Person`, `Organization`, `Place` (schema.org), `Group` and `Proposal`
//!   (`ng:`, a group is not a schema.org organization), `Event` for meetings
//!   (`attendee`, `location`, `startDate`, `when`, `status`) and `Quotation` for
//!   statements (`text`, `spokenByCharacter`, `quoteKind`, `cue`). Names are `name`
//!   and `alternateName`; each role is an embedded `OrganizationRole` under
//!   `affiliation` that keeps the title (`roleName`) with its affiliation, and the
//!   titles are repeated as `jobTitle`. Each relation edge is a direct property of
//!   its source (`"warned": [target IRI]`);
//! - one `RelationAssertion` per edge (`subject`, `relation`, `object`,
//!   `confidence` as an `xsd:decimal`, `cue`, `status`, `title`) with embedded
//!   `Evidence` objects (`document`, `start`, `end`, `text`), so that stores keep
//!   evidence and confidence.
//!
//! Output is deterministic; every string goes through serde_json.

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use super::rdf::{self, Coerce, Resource, Stmt, Term, Value};
use super::{ExportOptions, Exporter};
use crate::graph::Graph;

/// The shipped JSON-LD context document (`{"@context": {...}}`).
pub const CONTEXT: &str = include_str!("../../context/newsgraph.jsonld");

/// The shipped vocabulary (Turtle): every `ng:` term with label, comment, domain, range.
pub const VOCABULARY: &str = include_str!("../../context/vocab.ttl");

/// The JSON-LD exporter.
pub struct JsonLd;

impl Exporter for JsonLd {
    fn extension(&self) -> &'static str {
        "jsonld"
    }

    fn export(&self, graph: &Graph, opts: &ExportOptions) -> Vec<u8> {
        let context = match &opts.context_url {
            Some(url) => serde_json::Value::String(url.clone()),
            None => inline_context(),
        };
        let resources = rdf::describe(graph, &opts.base_iri);
        let doc = Document {
            context: &context,
            graph: &resources,
        };
        // serializing plain data into memory cannot fail
        let mut out = serde_json::to_vec_pretty(&doc).unwrap_or_default();
        out.push(b'\n');
        out
    }
}

/// The value of `@context` in [`CONTEXT`].
fn inline_context() -> serde_json::Value {
    let mut file: serde_json::Value =
        serde_json::from_str(CONTEXT).expect("context/newsgraph.jsonld is JSON (tested)");
    file["@context"].take()
}

struct Document<'a> {
    context: &'a serde_json::Value,
    graph: &'a [Resource],
}

impl Serialize for Document<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry("@context", self.context)?;
        m.serialize_entry("@graph", &Many(self.graph.iter().map(Node).collect()))?;
        m.end()
    }
}

/// A resource as a node object.
struct Node<'a>(&'a Resource);

impl Serialize for Node<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let r = self.0;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("@id", &r.iri)?;
        let types: Vec<&str> = r.types.iter().map(|t| t.term).collect();
        match types.as_slice() {
            [] => {}
            [one] => m.serialize_entry("@type", one)?,
            _ => m.serialize_entry("@type", &types)?,
        }
        // group the values of each property, properties in order of first appearance
        let mut groups: Vec<(&'static Term, Vec<&Stmt>)> = Vec::new();
        for st in &r.props {
            match groups.iter_mut().find(|(p, _)| *p == st.prop) {
                Some((_, v)) => v.push(st),
                None => groups.push((st.prop, vec![st])),
            }
        }
        for (prop, stmts) in groups {
            let values: Vec<Val<'_>> = stmts.iter().map(|st| Val(&st.value, prop.coerce)).collect();
            if values.len() == 1 {
                m.serialize_entry(prop.term, &values[0])?;
            } else {
                m.serialize_entry(prop.term, &Many(values))?;
            }
        }
        m.end()
    }
}

struct Many<T>(Vec<T>);

impl<T: Serialize> Serialize for Many<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for v in &self.0 {
            seq.serialize_element(v)?;
        }
        seq.end()
    }
}

/// A value written as compactly as the term's coercion in the context allows.
struct Val<'a>(&'a Value, Coerce);

impl Serialize for Val<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match (self.0, self.1) {
            (Value::Node(r), _) => Node(r).serialize(s),
            (Value::Iri(iri), Coerce::Id | Coerce::Vocab) => s.serialize_str(iri),
            (Value::Iri(iri), _) => single(s, "@id", iri),
            (Value::Vocab(t), Coerce::Vocab) => s.serialize_str(t.term),
            (Value::Vocab(t), Coerce::Id) => s.serialize_str(t.iri),
            (Value::Vocab(t), _) => single(s, "@id", t.iri),
            (Value::Str(v), Coerce::None) => s.serialize_str(v),
            (Value::Str(v), _) => single(s, "@value", v),
            (Value::Typed(v, dt), Coerce::Typed(c)) if *dt == c => match dt {
                rdf::Datatype::NonNegativeInteger => match v.parse::<u64>() {
                    Ok(n) => s.serialize_u64(n),
                    Err(_) => s.serialize_str(v),
                },
                _ => s.serialize_str(v),
            },
            (Value::Typed(v, dt), _) => {
                let mut m = s.serialize_map(Some(2))?;
                m.serialize_entry("@value", v)?;
                m.serialize_entry("@type", dt.compact())?;
                m.end()
            }
        }
    }
}

fn single<S: Serializer>(s: S, key: &str, value: &str) -> Result<S::Ok, S::Error> {
    let mut m = s.serialize_map(Some(1))?;
    m.serialize_entry(key, value)?;
    m.end()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_is_json_and_defines_every_term_the_exporter_writes() {
        let ctx = inline_context();
        let map = ctx.as_object().expect("@context is an object");
        let expand = |v: &str| {
            let (prefix, local) = v.split_once(':').unwrap();
            format!("{}{local}", map[prefix].as_str().unwrap())
        };
        let mut checked = 0;
        for term in rdf::terms::ALL {
            let def = &map[term.term];
            let (id, coerce) = match def {
                serde_json::Value::String(s) => (s.as_str(), None),
                serde_json::Value::Object(o) => (
                    o["@id"].as_str().unwrap(),
                    o.get("@type").and_then(|t| t.as_str()),
                ),
                _ => panic!("term {} is not defined in the context", term.term),
            };
            let scoped = def
                .get("@context")
                .and_then(|c| c.get("text"))
                .and_then(|t| t.as_str());
            // ng:text is the type-scoped `text` of Evidence objects
            if term.iri == rdf::terms::EVIDENCE_TEXT.iri {
                assert_eq!(
                    map["Evidence"]["@context"]["text"].as_str().map(expand),
                    Some(term.iri.to_string())
                );
                checked += 1;
                continue;
            }
            assert!(scoped.is_none() || term.term == "Evidence");
            assert_eq!(expand(id), term.iri, "term {}", term.term);
            let expected = match term.coerce {
                Coerce::None => None,
                Coerce::Id => Some("@id".to_string()),
                Coerce::Vocab => Some("@vocab".to_string()),
                Coerce::Typed(dt) => Some(dt.compact().to_string()),
            };
            assert_eq!(coerce.map(String::from), expected, "term {}", term.term);
            checked += 1;
        }
        assert_eq!(checked, rdf::terms::ALL.len());
    }
}
