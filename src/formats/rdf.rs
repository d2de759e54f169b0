//! The RDF description of a graph, built once and written by the RDF exporters
//! (JSON-LD, and Turtle / N-Quads).
//!
//! [`describe`] turns a [`Graph`] into [`Resource`]s: subjects with types and
//! property values, where a value can be an embedded resource (a role, a piece of
//! evidence). Every statement remembers the documents it comes from, so that N-Quads
//! can put it in one named graph per document.
//!
//! The mapping (documented for users in `context/vocab.ttl` and the module docs of
//! [`super::jsonld`]):
//! - a document is a `schema:NewsArticle` at `{base}document/{id}`, which
//!   `schema:mentions` the nodes that came from it;
//! - a node is at `{base}{id}` and typed by kind (Person, Organization, Place →
//!   `schema:`; Group, Proposal → `ng:`; Meeting → `schema:Event`; Statement →
//!   `schema:Quotation`);
//! - a role is a `schema:OrganizationRole` at `{node}/role/{i}` that keeps the title
//!   (`schema:roleName`) with the affiliation (`schema:affiliation`); the person points
//!   to it with `schema:affiliation` (schema.org's Role pattern) and also carries the
//!   bare `schema:jobTitle`;
//! - every edge is a direct triple (`<source> ng:warned <target>`) and a reified
//!   `ng:RelationAssertion` at `{base}assertion/{relation}/{source}/{target}[/{title}]`
//!   with subject, relation, object, confidence and `ng:Evidence` nodes at
//!   `{assertion}/evidence/{i}`. `said`, `attended` and `held-in` also give the
//!   schema.org triples (`schema:spokenByCharacter`, `schema:attendee`,
//!   `schema:location`).

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use oxrdf::{Literal, NamedNode, Triple};

use crate::graph::{Evidence, Graph, Node, NodeKind, Relation, Role};

pub const NG: &str = "https://newsgraph.example/vocab#";
pub const SCHEMA: &str = "http://schema.org/";
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
pub const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

/// A typed literal's datatype.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Datatype {
    Decimal,
    NonNegativeInteger,
    Date,
    GYearMonth,
    GYear,
}

impl Datatype {
    pub fn iri(self) -> &'static str {
        match self {
            Datatype::Decimal => "http://www.w3.org/2001/XMLSchema#decimal",
            Datatype::NonNegativeInteger => "http://www.w3.org/2001/XMLSchema#nonNegativeInteger",
            Datatype::Date => "http://www.w3.org/2001/XMLSchema#date",
            Datatype::GYearMonth => "http://www.w3.org/2001/XMLSchema#gYearMonth",
            Datatype::GYear => "http://www.w3.org/2001/XMLSchema#gYear",
        }
    }

    /// The compact IRI used in JSON-LD value objects (`xsd:date`).
    pub fn compact(self) -> &'static str {
        match self {
            Datatype::Decimal => "xsd:decimal",
            Datatype::NonNegativeInteger => "xsd:nonNegativeInteger",
            Datatype::Date => "xsd:date",
            Datatype::GYearMonth => "xsd:gYearMonth",
            Datatype::GYear => "xsd:gYear",
        }
    }
}

/// How the shipped JSON-LD context coerces a term's values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Coerce {
    /// Plain strings are `xsd:string` literals.
    None,
    /// Strings are IRIs.
    Id,
    /// Strings are terms of the context (or IRIs).
    Vocab,
    /// Strings (and numbers) are literals of this datatype.
    Typed(Datatype),
}

/// A class or property: its JSON-LD term, its IRI and its coercion in the context.
#[derive(Debug, PartialEq, Eq)]
pub struct Term {
    pub term: &'static str,
    pub iri: &'static str,
    pub coerce: Coerce,
}

macro_rules! schema {
    ($name:ident, $t:literal) => {
        schema!($name, $t, Coerce::None);
    };
    ($name:ident, $t:literal, $c:expr) => {
        pub const $name: Term = Term {
            term: $t,
            iri: concat!("http://schema.org/", $t),
            coerce: $c,
        };
    };
}

macro_rules! ng {
    ($name:ident, $t:literal) => {
        ng!($name, $t, Coerce::None);
    };
    ($name:ident, $t:literal, $c:expr) => {
        pub const $name: Term = Term {
            term: $t,
            iri: concat!("https://newsgraph.example/vocab#", $t),
            coerce: $c,
        };
    };
}

/// The terms of `context/newsgraph.jsonld`.
pub mod terms {
    use super::{Coerce, Datatype, Term};

    // classes
    schema!(PERSON, "Person");
    schema!(ORGANIZATION, "Organization");
    schema!(PLACE, "Place");
    schema!(EVENT, "Event");
    schema!(QUOTATION, "Quotation");
    schema!(NEWS_ARTICLE, "NewsArticle");
    schema!(ORGANIZATION_ROLE, "OrganizationRole");
    ng!(GROUP, "Group");
    ng!(PROPOSAL, "Proposal");
    ng!(RELATION_ASSERTION, "RelationAssertion");
    ng!(EVIDENCE_CLASS, "Evidence");

    // schema.org properties
    schema!(NAME, "name");
    schema!(ALTERNATE_NAME, "alternateName");
    schema!(JOB_TITLE, "jobTitle");
    schema!(AFFILIATION, "affiliation", Coerce::Id);
    schema!(ROLE_NAME, "roleName");
    schema!(TEXT, "text");
    schema!(SPOKEN_BY, "spokenByCharacter", Coerce::Id);
    schema!(ATTENDEE, "attendee", Coerce::Id);
    schema!(LOCATION, "location", Coerce::Id);
    schema!(START_DATE, "startDate", Coerce::Typed(Datatype::Date));
    schema!(IDENTIFIER, "identifier");
    schema!(HEADLINE, "headline");
    schema!(
        DATE_PUBLISHED,
        "datePublished",
        Coerce::Typed(Datatype::Date)
    );
    schema!(MENTIONS, "mentions", Coerce::Id);

    // relations
    ng!(MET_WITH, "metWith", Coerce::Id);
    ng!(WARNED, "warned", Coerce::Id);
    ng!(PROPOSED, "proposed", Coerce::Id);
    ng!(OPPOSES, "opposes", Coerce::Id);
    ng!(SUPPORTS, "supports", Coerce::Id);
    ng!(CRITICIZED, "criticized", Coerce::Id);
    ng!(SAID, "said", Coerce::Id);
    ng!(ATTENDED, "attended", Coerce::Id);
    ng!(HELD_IN, "heldIn", Coerce::Id);
    ng!(HOLDS_ROLE, "holdsRole", Coerce::Id);
    ng!(AFFILIATED_WITH, "affiliatedWith", Coerce::Id);

    // reification and evidence
    ng!(SUBJECT, "subject", Coerce::Id);
    ng!(OBJECT, "object", Coerce::Id);
    ng!(RELATION, "relation", Coerce::Vocab);
    ng!(CONFIDENCE, "confidence", Coerce::Typed(Datatype::Decimal));
    ng!(EVIDENCE, "evidence", Coerce::Id);
    ng!(DOCUMENT, "document", Coerce::Id);
    ng!(START, "start", Coerce::Typed(Datatype::NonNegativeInteger));
    ng!(END, "end", Coerce::Typed(Datatype::NonNegativeInteger));
    ng!(EVIDENCE_TEXT, "text");

    // other node and edge attributes
    ng!(QUOTE_KIND, "quoteKind");
    ng!(CUE, "cue");
    ng!(WHEN, "when");
    ng!(STATUS, "status");
    ng!(TITLE, "title");
    ng!(SOURCE, "source");

    /// Every term above.
    #[cfg(test)]
    pub const ALL: &[&Term] = &[
        &PERSON,
        &ORGANIZATION,
        &PLACE,
        &EVENT,
        &QUOTATION,
        &NEWS_ARTICLE,
        &ORGANIZATION_ROLE,
        &GROUP,
        &PROPOSAL,
        &RELATION_ASSERTION,
        &EVIDENCE_CLASS,
        &NAME,
        &ALTERNATE_NAME,
        &JOB_TITLE,
        &AFFILIATION,
        &ROLE_NAME,
        &TEXT,
        &SPOKEN_BY,
        &ATTENDEE,
        &LOCATION,
        &START_DATE,
        &IDENTIFIER,
        &HEADLINE,
        &DATE_PUBLISHED,
        &MENTIONS,
        &MET_WITH,
        &WARNED,
        &PROPOSED,
        &OPPOSES,
        &SUPPORTS,
        &CRITICIZED,
        &SAID,
        &ATTENDED,
        &HELD_IN,
        &HOLDS_ROLE,
        &AFFILIATED_WITH,
        &SUBJECT,
        &OBJECT,
        &RELATION,
        &CONFIDENCE,
        &EVIDENCE,
        &DOCUMENT,
        &START,
        &END,
        &EVIDENCE_TEXT,
        &QUOTE_KIND,
        &CUE,
        &WHEN,
        &STATUS,
        &TITLE,
        &SOURCE,
    ];
}

use terms as t;

/// The vocabulary term of a relation.
pub fn relation_term(r: Relation) -> &'static Term {
    match r {
        Relation::MetWith => &t::MET_WITH,
        Relation::Warned => &t::WARNED,
        Relation::Proposed => &t::PROPOSED,
        Relation::Opposes => &t::OPPOSES,
        Relation::Supports => &t::SUPPORTS,
        Relation::Criticized => &t::CRITICIZED,
        Relation::Said => &t::SAID,
        Relation::Attended => &t::ATTENDED,
        Relation::HeldIn => &t::HELD_IN,
        Relation::HoldsRole => &t::HOLDS_ROLE,
        Relation::AffiliatedWith => &t::AFFILIATED_WITH,
    }
}

fn class_of(kind: NodeKind) -> &'static Term {
    match kind {
        NodeKind::Person => &t::PERSON,
        NodeKind::Organization => &t::ORGANIZATION,
        NodeKind::Place => &t::PLACE,
        NodeKind::Group => &t::GROUP,
        NodeKind::Proposal => &t::PROPOSAL,
        NodeKind::Meeting => &t::EVENT,
        NodeKind::Statement => &t::QUOTATION,
    }
}

/// The object of a statement.
#[derive(Debug, PartialEq)]
pub enum Value {
    Iri(String),
    /// An IRI that is a term of the vocabulary (a relation named by `ng:relation`).
    Vocab(&'static Term),
    Str(String),
    Typed(String, Datatype),
    /// A resource described in place (a role, a piece of evidence).
    Node(Box<Resource>),
}

/// One property value of a resource, with the documents it comes from.
#[derive(Debug, PartialEq)]
pub struct Stmt {
    pub prop: &'static Term,
    pub value: Value,
    pub docs: BTreeSet<String>,
}

/// A subject with its types and property values, in a fixed order.
#[derive(Debug, PartialEq)]
pub struct Resource {
    pub iri: String,
    pub types: Vec<&'static Term>,
    /// The documents the type statements come from.
    pub docs: BTreeSet<String>,
    pub props: Vec<Stmt>,
    /// Where each (property, value) is in `props`, so that hubs with thousands of
    /// edges are described in linear time.
    seen: HashMap<(&'static str, ValueKey), usize>,
}

/// The identity of a value, for [`Resource::seen`].
#[derive(Debug, PartialEq, Eq, Hash)]
enum ValueKey {
    Iri(String),
    Literal(String, Option<Datatype>),
}

impl Resource {
    fn new(iri: String, class: &'static Term, docs: BTreeSet<String>) -> Resource {
        Resource {
            iri,
            types: vec![class],
            docs,
            props: Vec::new(),
            seen: HashMap::new(),
        }
    }

    /// Adds a value; a value the resource already has only gains the documents.
    fn add(&mut self, prop: &'static Term, value: Value, docs: &BTreeSet<String>) {
        let key = match &value {
            Value::Iri(s) => ValueKey::Iri(s.clone()),
            Value::Vocab(t) => ValueKey::Iri(t.iri.to_string()),
            Value::Str(s) => ValueKey::Literal(s.clone(), None),
            Value::Typed(s, dt) => ValueKey::Literal(s.clone(), Some(*dt)),
            Value::Node(r) => ValueKey::Iri(r.iri.clone()),
        };
        match self.seen.entry((prop.iri, key)) {
            Entry::Occupied(e) => self.props[*e.get()].docs.extend(docs.iter().cloned()),
            Entry::Vacant(e) => {
                e.insert(self.props.len());
                self.props.push(Stmt {
                    prop,
                    value,
                    docs: docs.clone(),
                });
            }
        }
    }

    fn add_str(&mut self, prop: &'static Term, s: Option<&str>, docs: &BTreeSet<String>) {
        if let Some(s) = s {
            self.add(prop, Value::Str(s.to_string()), docs);
        }
    }
}

/// The IRI of a node: `base` followed by the id, percent-encoding whatever is not
/// safe in an IRI path. ASCII letters, digits, `-._~`, `/` and non-ASCII letters and
/// digits stay; everything else (spaces, quotes, `#`, `?`, `%`, `:`, controls, bidi
/// controls, emoji) becomes `%XX` of its UTF-8 bytes, and so do the dots of `.` and
/// `..` segments. Distinct ids give distinct IRIs.
pub fn node_iri(base: &str, id: &str) -> String {
    format!("{base}{}", encode_path(id))
}

/// Percent-encodes an id for use as an IRI path: ASCII letters, digits, `-._~`, `/`
/// and non-ASCII letters and digits stay; everything else (spaces, quotes, `#`, `?`,
/// `%`, `:`, controls, marks, bidi controls, emoji) becomes `%XX` of its UTF-8 bytes.
/// Segments `.` and `..` are encoded too, so that IRI resolution cannot remove them.
/// The mapping is injective: distinct ids give distinct IRIs.
pub fn encode_path(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for (i, segment) in id.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        if segment == "." || segment == ".." {
            out.push_str(&"%2E".repeat(segment.len()));
        } else {
            encode_into(segment, &mut out, false);
        }
    }
    out
}

/// Percent-encodes one IRI path segment (as [`encode_path`], and `/` too).
pub fn encode_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    if s == "." || s == ".." {
        out.push_str(&"%2E".repeat(s.len()));
    } else {
        encode_into(s, &mut out, true);
    }
    out
}

fn encode_into(s: &str, out: &mut String, slash: bool) {
    for c in s.chars() {
        let keep = c.is_ascii_alphanumeric()
            || matches!(c, '-' | '.' | '_' | '~')
            || (c == '/' && !slash)
            || (!c.is_ascii() && c.is_alphanumeric());
        if keep {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
}

/// The IRI of a document (and of its named graph in N-Quads).
pub fn document_iri(base: &str, id: &str) -> String {
    format!("{base}document/{}", encode_segment(id))
}

/// The IRI of the reified assertion of an edge; unique per (source, target, relation,
/// title), as edges are.
pub fn assertion_iri(
    base: &str,
    source: &str,
    relation: Relation,
    target: &str,
    title: Option<&str>,
) -> String {
    let mut iri = format!(
        "{base}assertion/{}/{}/{}",
        relation.as_str(),
        encode_segment(source),
        encode_segment(target)
    );
    if let Some(title) = title {
        iri.push('/');
        iri.push_str(&encode_segment(title));
    }
    iri
}

/// A date in one of the forms extraction writes, typed as precisely as it allows:
/// `2025-12-02` → `xsd:date`, `2025-12` → `xsd:gYearMonth`, `2025` → `xsd:gYear`;
/// anything else stays a plain string.
pub fn date_value(s: &str) -> Value {
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    let parts: Vec<&str> = s.split('-').collect();
    let in_range =
        |p: &str, max: u32| p.len() == 2 && p.parse::<u32>().is_ok_and(|n| (1..=max).contains(&n));
    let dt = match parts.as_slice() {
        [y] if y.len() == 4 && digits(y) => Some(Datatype::GYear),
        [y, m] if y.len() == 4 && digits(y) && in_range(m, 12) => Some(Datatype::GYearMonth),
        [y, m, d] if y.len() == 4 && digits(y) && in_range(m, 12) && in_range(d, 31) => {
            Some(Datatype::Date)
        }
        _ => None,
    };
    match dt {
        Some(dt) => Value::Typed(s.to_string(), dt),
        None => Value::Str(s.to_string()),
    }
}

/// A piece of evidence as an `ng:Evidence` resource, in the graph of its document.
fn evidence(base: &str, iri: String, e: &Evidence) -> Resource {
    let mut r = Resource::new(iri, &t::EVIDENCE_CLASS, [e.document.clone()].into());
    let docs = r.docs.clone();
    r.add(
        &t::DOCUMENT,
        Value::Iri(document_iri(base, &e.document)),
        &docs,
    );
    r.add(
        &t::START,
        Value::Typed(e.start.to_string(), Datatype::NonNegativeInteger),
        &docs,
    );
    r.add(
        &t::END,
        Value::Typed(e.end.to_string(), Datatype::NonNegativeInteger),
        &docs,
    );
    r.add(&t::EVIDENCE_TEXT, Value::Str(e.text.clone()), &docs);
    r
}

fn sorted_roles(node: &Node) -> Vec<&Role> {
    let mut roles: Vec<&Role> = node.roles.iter().collect();
    roles.sort();
    roles.dedup();
    roles
}

/// Describes the graph as RDF resources: documents (by id), nodes (by id), then one
/// assertion per edge (in [`Graph::edges`] order). Deterministic.
pub fn describe(graph: &Graph, base: &str) -> Vec<Resource> {
    let mut out: Vec<Resource> = Vec::new();

    // documents: those described in the graph and those nodes name
    let mut docs: BTreeMap<&str, Option<&crate::graph::DocumentInfo>> = BTreeMap::new();
    for d in &graph.documents {
        docs.entry(d.id.as_str()).or_insert(Some(d));
    }
    for n in graph.nodes() {
        for d in &n.documents {
            docs.entry(d.as_str()).or_insert(None);
        }
    }
    let mut doc_index: BTreeMap<&str, usize> = BTreeMap::new();
    for (id, info) in &docs {
        let in_doc: BTreeSet<String> = [id.to_string()].into();
        let mut r = Resource::new(document_iri(base, id), &t::NEWS_ARTICLE, in_doc.clone());
        r.add(&t::IDENTIFIER, Value::Str(id.to_string()), &in_doc);
        if let Some(info) = info {
            r.add_str(&t::HEADLINE, info.title.as_deref(), &in_doc);
            if let Some(p) = &info.published {
                let v = date_value(p);
                r.add(&t::DATE_PUBLISHED, v, &in_doc);
            }
            r.add_str(&t::SOURCE, info.source.as_deref(), &in_doc);
        }
        doc_index.insert(id, out.len());
        out.push(r);
    }

    let mut node_index: BTreeMap<&str, usize> = BTreeMap::new();
    for n in graph.nodes() {
        let iri = node_iri(base, &n.id);
        let nd = &n.documents;
        for d in nd {
            let di = doc_index[d.as_str()];
            let in_doc: BTreeSet<String> = [d.clone()].into();
            out[di].add(&t::MENTIONS, Value::Iri(iri.clone()), &in_doc);
        }
        let mut r = Resource::new(iri.clone(), class_of(n.kind), nd.clone());
        if !n.name.is_empty() {
            r.add(&t::NAME, Value::Str(n.name.clone()), nd);
        }
        for a in &n.aliases {
            r.add(&t::ALTERNATE_NAME, Value::Str(a.clone()), nd);
        }
        for role in sorted_roles(n) {
            r.add(&t::JOB_TITLE, Value::Str(role.title.clone()), nd);
        }
        for (i, role) in sorted_roles(n).into_iter().enumerate() {
            let mut rr =
                Resource::new(format!("{iri}/role/{i}"), &t::ORGANIZATION_ROLE, nd.clone());
            rr.add(&t::ROLE_NAME, Value::Str(role.title.clone()), nd);
            if let Some(a) = &role.affiliation {
                rr.add(&t::AFFILIATION, Value::Iri(node_iri(base, a)), nd);
            }
            r.add(&t::AFFILIATION, Value::Node(Box::new(rr)), nd);
        }
        r.add_str(&t::TEXT, n.text.as_deref(), nd);
        r.add_str(&t::QUOTE_KIND, n.quote.map(|q| q.as_str()), nd);
        r.add_str(&t::CUE, n.cue.as_deref(), nd);
        if let Some(p) = &n.place {
            r.add(&t::LOCATION, Value::Iri(node_iri(base, p)), nd);
        }
        if let Some(d) = &n.date {
            r.add(&t::START_DATE, date_value(d), nd);
        }
        r.add_str(&t::WHEN, n.when.as_deref(), nd);
        r.add_str(&t::STATUS, n.status.map(|s| s.as_str()), nd);
        for (i, e) in n.evidence.iter().enumerate() {
            let er = evidence(base, format!("{iri}/evidence/{i}"), e);
            let ed = er.docs.clone();
            r.add(&t::EVIDENCE, Value::Node(Box::new(er)), &ed);
        }
        node_index.insert(&n.id, out.len());
        out.push(r);
    }

    for e in graph.edges() {
        let docs: BTreeSet<String> = e.edge.documents().into_iter().map(String::from).collect();
        let source = node_iri(base, &e.source.id);
        let target = node_iri(base, &e.target.id);
        let rel = relation_term(e.edge.relation);
        let si = node_index[e.source.id.as_str()];
        let ti = node_index[e.target.id.as_str()];
        out[si].add(rel, Value::Iri(target.clone()), &docs);
        match e.edge.relation {
            Relation::Said => out[ti].add(&t::SPOKEN_BY, Value::Iri(source.clone()), &docs),
            Relation::Attended => out[ti].add(&t::ATTENDEE, Value::Iri(source.clone()), &docs),
            Relation::HeldIn => out[si].add(&t::LOCATION, Value::Iri(target.clone()), &docs),
            _ => {}
        }
        let iri = assertion_iri(
            base,
            &e.source.id,
            e.edge.relation,
            &e.target.id,
            e.edge.title.as_deref(),
        );
        let mut a = Resource::new(iri.clone(), &t::RELATION_ASSERTION, docs.clone());
        a.add(&t::SUBJECT, Value::Iri(source), &docs);
        a.add(&t::RELATION, Value::Vocab(rel), &docs);
        a.add(&t::OBJECT, Value::Iri(target), &docs);
        a.add(
            &t::CONFIDENCE,
            Value::Typed(super::confidence_str(e.edge.confidence), Datatype::Decimal),
            &docs,
        );
        a.add_str(&t::TITLE, e.edge.title.as_deref(), &docs);
        a.add_str(&t::CUE, e.edge.cue.as_deref(), &docs);
        a.add_str(&t::STATUS, e.edge.status.map(|s| s.as_str()), &docs);
        for (i, ev) in e.edge.evidence.iter().enumerate() {
            let er = evidence(base, format!("{iri}/evidence/{i}"), ev);
            let ed = er.docs.clone();
            a.add(&t::EVIDENCE, Value::Node(Box::new(er)), &ed);
        }
        out.push(a);
    }
    out
}

/// The triples of resources, each with the documents it comes from: a resource's
/// types and values first, then its embedded resources (so that a Turtle writer can
/// group them by subject). IRIs are not checked again: node IRIs are the base IRI
/// (checked by [`super::ExportOptions::check`]) followed by percent-encoded text.
pub fn triples(resources: &[Resource]) -> Vec<(Triple, &BTreeSet<String>)> {
    let mut out = Vec::new();
    for r in resources {
        push_triples(r, &mut out);
    }
    out
}

fn push_triples<'a>(r: &'a Resource, out: &mut Vec<(Triple, &'a BTreeSet<String>)>) {
    let subject = NamedNode::new_unchecked(r.iri.as_str());
    let rdf_type = NamedNode::new_unchecked(RDF_TYPE);
    for t in &r.types {
        out.push((
            Triple::new(
                subject.clone(),
                rdf_type.clone(),
                NamedNode::new_unchecked(t.iri),
            ),
            &r.docs,
        ));
    }
    for st in &r.props {
        let object: oxrdf::Term = match &st.value {
            Value::Iri(iri) => NamedNode::new_unchecked(iri.as_str()).into(),
            Value::Vocab(t) => NamedNode::new_unchecked(t.iri).into(),
            Value::Str(s) => Literal::new_simple_literal(s.as_str()).into(),
            Value::Typed(s, dt) => {
                Literal::new_typed_literal(s.as_str(), NamedNode::new_unchecked(dt.iri())).into()
            }
            Value::Node(n) => NamedNode::new_unchecked(n.iri.as_str()).into(),
        };
        out.push((
            Triple::new(
                subject.clone(),
                NamedNode::new_unchecked(st.prop.iri),
                object,
            ),
            &st.docs,
        ));
    }
    for st in &r.props {
        if let Value::Node(n) = &st.value {
            push_triples(n, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_become_iri_safe_paths() {
        assert_eq!(encode_path("person/jane-doe"), "person/jane-doe");
        assert_eq!(encode_path("person/zoë"), "person/zoë");
        assert_eq!(encode_path("person/a b\"#?%"), "person/a%20b%22%23%3F%25");
        assert_eq!(encode_path("x/../y/."), "x/%2E%2E/y/%2E");
        assert_eq!(encode_path("a\u{200f}😀"), "a%E2%80%8F%F0%9F%98%80");
        assert_eq!(encode_segment("person/a"), "person%2Fa");
        assert_ne!(encode_path("a%20"), encode_path("a "));
    }

    #[test]
    fn dates_are_typed_by_precision() {
        assert_eq!(
            date_value("2025-12-02"),
            Value::Typed("2025-12-02".into(), Datatype::Date)
        );
        assert_eq!(
            date_value("2025-11"),
            Value::Typed("2025-11".into(), Datatype::GYearMonth)
        );
        assert_eq!(
            date_value("2025"),
            Value::Typed("2025".into(), Datatype::GYear)
        );
        assert_eq!(date_value("2025-13"), Value::Str("2025-13".into()));
        assert_eq!(date_value("Tuesday"), Value::Str("Tuesday".into()));
        assert_eq!(date_value("2025-1-02"), Value::Str("2025-1-02".into()));
    }
}
