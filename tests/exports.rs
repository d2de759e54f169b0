//! Every exporter on two hand-built graphs: a small realistic one (invented names) and
//! one whose strings are hostile to every format. Each output is read back with a real
//! parser of its format and compared with the graph.

mod common;
use common::{cypher_strings, xml_safe};
use std::collections::{BTreeSet, HashSet};

use newsgraph::formats::{ExportOptions, Exporter, FORMATS, exporter, jsonld::JsonLd, node_iri};
use newsgraph::graph::{
    DocumentInfo, Edge, Evidence, Graph, Node, NodeKind, QuoteKind, Relation, Role, Status,
};
use oxrdf::{Literal, NamedNode, NamedOrBlankNode, Term};

const NG: &str = "https://newsgraph.example/vocab#";
const SCHEMA: &str = "http://schema.org/";
const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
const XSD: &str = "http://www.w3.org/2001/XMLSchema#";

// ------------------------------------------------------------------ test graphs

/// Nodes and edges, added to a graph in the given order or reversed (with every
/// evidence list reversed and symmetric edges flipped), which must not change output.
struct Spec {
    documents: Vec<DocumentInfo>,
    nodes: Vec<Node>,
    edges: Vec<(String, String, Edge)>,
}

impl Spec {
    fn build(&self, reverse: bool) -> Graph {
        let mut g = Graph::new();
        g.documents = self.documents.clone();
        let mut nodes = self.nodes.clone();
        let mut edges = self.edges.clone();
        if reverse {
            nodes.reverse();
            edges.reverse();
            for n in &mut nodes {
                n.evidence.reverse();
            }
            for (s, t, e) in &mut edges {
                e.evidence.reverse();
                if e.relation.is_symmetric() {
                    std::mem::swap(s, t);
                }
            }
        }
        for n in nodes {
            g.add_node(n);
        }
        for (s, t, e) in edges {
            assert!(g.add_edge(&s, &t, e), "edge {s} -> {t} refused");
        }
        g
    }
}

fn ev(doc: &str, text: &str, sentence: &str) -> Evidence {
    let start = text
        .find(sentence)
        .unwrap_or_else(|| panic!("{sentence:?} not in {doc}"));
    Evidence {
        document: doc.to_string(),
        start,
        end: start + sentence.len(),
        text: sentence.to_string(),
    }
}

fn edge(relation: Relation, confidence: f32, evidence: Vec<Evidence>) -> Edge {
    Edge::new(relation, confidence, evidence)
}

fn node(id: &str, kind: NodeKind, name: &str, docs: &[&str]) -> Node {
    let mut n = Node::new(id, kind, name);
    n.documents = docs.iter().map(|d| d.to_string()).collect();
    n
}

const D1: &str = "Veldmark's foreign minister Ilse Marwood met Karsovian envoy Tobiah Kestrel \
in Lindenport on Tuesday. Kestrel presented a 12-point framework for a ceasefire. \
\"We are closer than we have been in months,\" Marwood told reporters. \
Karsovia warned Veldmark against new deployments. \
European officials rejected the 12-point framework.";

const D2: &str = "Marwood said Veldmark backs the 12-point framework. \
She criticized the Veldmark Defence Council for delaying the vote. \
Kestrel said talks would continue next week.";

/// A small news graph: two articles, two people with roles, two countries, a city,
/// an organization, a group, a proposal, a meeting, two statements, and every relation.
fn realistic() -> Spec {
    let documents = vec![
        DocumentInfo {
            id: "d1".into(),
            title: Some("Envoys meet in Lindenport as ceasefire talks resume".into()),
            source: Some("articles/d1.txt".into()),
            published: Some("2031-03-04".into()),
        },
        DocumentInfo {
            id: "d2".into(),
            title: Some("Veldmark backs framework".into()),
            source: Some("https://news.example/d2".into()),
            published: Some("2031-03".into()),
        },
    ];
    let mut marwood = node(
        "person/ilse-marwood",
        NodeKind::Person,
        "Ilse Marwood",
        &["d1", "d2"],
    );
    marwood.aliases.insert("Marwood".into());
    marwood.roles.push(Role {
        title: "foreign minister".into(),
        affiliation: Some("place/veldmark".into()),
    });
    marwood.evidence.push(ev("d1", D1, "Ilse Marwood"));
    marwood.evidence.push(ev("d2", D2, "Marwood"));
    let mut kestrel = node(
        "person/tobiah-kestrel",
        NodeKind::Person,
        "Tobiah Kestrel",
        &["d1", "d2"],
    );
    kestrel.aliases.insert("Kestrel".into());
    kestrel.roles.push(Role {
        title: "envoy".into(),
        affiliation: Some("place/karsovia".into()),
    });
    kestrel.roles.push(Role {
        title: "negotiator".into(),
        affiliation: None,
    });
    let veldmark = node("place/veldmark", NodeKind::Place, "Veldmark", &["d1", "d2"]);
    let karsovia = node("place/karsovia", NodeKind::Place, "Karsovia", &["d1"]);
    let lindenport = node("place/lindenport", NodeKind::Place, "Lindenport", &["d1"]);
    let mut council = node(
        "org/veldmark-defence-council",
        NodeKind::Organization,
        "Veldmark Defence Council",
        &["d2"],
    );
    council.aliases.insert("the council".into());
    let officials = node(
        "group/european-officials",
        NodeKind::Group,
        "European officials",
        &["d1"],
    );
    let framework = node(
        "proposal/12-point-framework",
        NodeKind::Proposal,
        "12-point framework",
        &["d1", "d2"],
    );
    let mut meeting = node(
        "meeting/d1-1",
        NodeKind::Meeting,
        "Marwood and Kestrel meet in Lindenport",
        &["d1"],
    );
    meeting.place = Some("place/lindenport".into());
    meeting.when = Some("on Tuesday".into());
    meeting.date = Some("2031-03-02".into());
    meeting.status = Some(Status::Held);
    meeting.evidence.push(ev(
        "d1",
        D1,
        "Veldmark's foreign minister Ilse Marwood met Karsovian envoy Tobiah Kestrel in Lindenport on Tuesday.",
    ));
    let q1 = "We are closer than we have been in months,";
    let mut s1 = node(
        "statement/d1-1",
        NodeKind::Statement,
        "We are closer than we have been in months",
        &["d1"],
    );
    s1.text = Some(q1.into());
    s1.quote = Some(QuoteKind::Direct);
    s1.cue = Some("told".into());
    s1.evidence.push(ev("d1", D1, q1));
    let q2 = "talks would continue next week";
    let mut s2 = node("statement/d2-1", NodeKind::Statement, q2, &["d2"]);
    s2.text = Some(q2.into());
    s2.quote = Some(QuoteKind::Indirect);
    s2.cue = Some("said".into());

    let met = "Veldmark's foreign minister Ilse Marwood met Karsovian envoy Tobiah Kestrel in Lindenport on Tuesday.";
    let mut edges = vec![
        (
            "person/tobiah-kestrel",
            "person/ilse-marwood",
            edge(Relation::MetWith, 0.9, vec![ev("d1", D1, met)]),
        ),
        (
            "person/tobiah-kestrel",
            "proposal/12-point-framework",
            edge(
                Relation::Proposed,
                0.8,
                vec![ev(
                    "d1",
                    D1,
                    "Kestrel presented a 12-point framework for a ceasefire.",
                )],
            ),
        ),
        (
            "place/karsovia",
            "place/veldmark",
            edge(
                Relation::Warned,
                0.75,
                vec![ev(
                    "d1",
                    D1,
                    "Karsovia warned Veldmark against new deployments.",
                )],
            ),
        ),
        (
            "group/european-officials",
            "proposal/12-point-framework",
            edge(
                Relation::Opposes,
                0.6,
                vec![ev(
                    "d1",
                    D1,
                    "European officials rejected the 12-point framework.",
                )],
            ),
        ),
        (
            "place/veldmark",
            "proposal/12-point-framework",
            edge(
                Relation::Supports,
                0.7,
                vec![ev(
                    "d2",
                    D2,
                    "Marwood said Veldmark backs the 12-point framework.",
                )],
            ),
        ),
        (
            "person/ilse-marwood",
            "org/veldmark-defence-council",
            edge(
                Relation::Criticized,
                0.65,
                vec![
                    ev(
                        "d2",
                        D2,
                        "She criticized the Veldmark Defence Council for delaying the vote.",
                    ),
                    ev("d2", D2, "criticized the Veldmark Defence Council"),
                ],
            ),
        ),
        (
            "person/ilse-marwood",
            "statement/d1-1",
            edge(Relation::Said, 0.95, vec![ev("d1", D1, q1)]),
        ),
        (
            "person/tobiah-kestrel",
            "statement/d2-1",
            edge(
                Relation::Said,
                0.8,
                vec![ev("d2", D2, "Kestrel said talks would continue next week.")],
            ),
        ),
        (
            "person/ilse-marwood",
            "meeting/d1-1",
            edge(Relation::Attended, 0.9, vec![ev("d1", D1, met)]),
        ),
        (
            "person/tobiah-kestrel",
            "meeting/d1-1",
            edge(Relation::Attended, 0.9, vec![ev("d1", D1, met)]),
        ),
        (
            "meeting/d1-1",
            "place/lindenport",
            edge(Relation::HeldIn, 0.9, vec![ev("d1", D1, met)]),
        ),
        (
            "person/tobiah-kestrel",
            "place/karsovia",
            edge(Relation::AffiliatedWith, 0.7, vec![ev("d1", D1, met)]),
        ),
    ];
    let mut role = edge(
        Relation::HoldsRole,
        0.85,
        vec![ev("d1", D1, "Veldmark's foreign minister Ilse Marwood")],
    );
    role.title = Some("foreign minister".into());
    edges.push(("person/ilse-marwood", "place/veldmark", role));
    let mut planned = edge(
        Relation::MetWith,
        0.5,
        vec![ev("d2", D2, "Kestrel said talks would continue next week.")],
    );
    planned.status = Some(Status::Planned);
    planned.cue = Some("talks".into());
    edges.push(("person/tobiah-kestrel", "place/veldmark", planned));

    Spec {
        documents,
        nodes: vec![
            marwood, kestrel, veldmark, karsovia, lindenport, council, officials, framework,
            meeting, s1, s2,
        ],
        edges: edges
            .into_iter()
            .map(|(s, t, e)| (s.to_string(), t.to_string(), e))
            .collect(),
    }
}

/// A string with everything that breaks naive writers.
const NASTY: &str = "\"quoted\" back\\slash <script>alert('x')</script> {brace} @id & amp; \
&amp; line\nbreak\r\ncrlf\ttab nul\0char rtl\u{200F}mark emoji😀 ü北京 %41 ]]> --> \\n";

/// The hostile graph: ids, names, aliases, titles, statement texts, cues and evidence
/// made of quotes, backslashes, markup, JSON-LD keywords, controls and non-ASCII.
fn hostile() -> Spec {
    let doc = "doc \"1\"/ü#?";
    let text = format!("prefix {NASTY} suffix");
    let e = |t: &str| ev(doc, &text, t);
    let documents = vec![DocumentInfo {
        id: doc.into(),
        title: Some(NASTY.into()),
        source: Some("C:\\news\\\"x\".txt".into()),
        published: Some("not a date \"".into()),
    }];
    let mut a = node(
        "person/zoë-ñandú",
        NodeKind::Person,
        &format!("Zoë {NASTY}"),
        &[doc],
    );
    for alias in [
        "@id",
        "{\"@context\": null}",
        "trailing\\",
        "<b>&amp;</b>",
        "\0",
    ] {
        a.aliases.insert(alias.into());
    }
    a.roles.push(Role {
        title: format!("title {NASTY}"),
        affiliation: Some("org/weird id\"<&>".into()),
    });
    a.evidence.push(e(NASTY));
    let b = node(
        "org/weird id\"<&>",
        NodeKind::Organization,
        "Org & \"Co\" <x> \\",
        &[doc],
    );
    let c = node(
        "place/../up",
        NodeKind::Place,
        "Ünïcödé 北京 \u{200F}",
        &[doc],
    );
    let d = node("group/@id", NodeKind::Group, "@id", &[doc]);
    let p = node(
        "proposal/{x}",
        NodeKind::Proposal,
        "{\"@value\": 1}",
        &[doc],
    );
    let mut s = node(
        "statement/1\\",
        NodeKind::Statement,
        "He said \"no\" \\",
        &[doc],
    );
    s.text = Some(NASTY.into());
    s.quote = Some(QuoteKind::Direct);
    s.cue = Some("said \"loudly\"".into());
    let mut m = node(
        "meeting/a#b?c",
        NodeKind::Meeting,
        "Meeting <&> \"x\"",
        &[doc],
    );
    m.when = Some("\"Tuesday\"\n".into());
    m.date = Some("2031-13".into());
    m.place = Some("place/../up".into());

    let mut edges = vec![];
    for (i, rel) in [
        Relation::MetWith,
        Relation::Warned,
        Relation::Opposes,
        Relation::Supports,
        Relation::Criticized,
    ]
    .into_iter()
    .enumerate()
    {
        let mut ed = edge(rel, 0.1 * (i + 1) as f32, vec![e(NASTY), e("\"quoted\"")]);
        ed.cue = Some(format!("cue {NASTY}"));
        edges.push(("person/zoë-ñandú", "org/weird id\"<&>", ed));
    }
    edges.push((
        "group/@id",
        "proposal/{x}",
        edge(Relation::Proposed, 1.0, vec![e("back\\slash")]),
    ));
    edges.push((
        "person/zoë-ñandú",
        "statement/1\\",
        edge(Relation::Said, 0.9, vec![e(NASTY)]),
    ));
    edges.push((
        "person/zoë-ñandú",
        "meeting/a#b?c",
        edge(Relation::Attended, 0.9, vec![]),
    ));
    edges.push((
        "meeting/a#b?c",
        "place/../up",
        edge(Relation::HeldIn, 0.9, vec![e("<script>")]),
    ));
    let mut role = edge(Relation::HoldsRole, 0.9, vec![e("tab")]);
    role.title = Some(format!("title {NASTY}"));
    edges.push(("person/zoë-ñandú", "org/weird id\"<&>", role));
    let mut role2 = edge(Relation::HoldsRole, 0.9, vec![e("tab")]);
    role2.title = Some("second/title".into());
    edges.push(("person/zoë-ñandú", "org/weird id\"<&>", role2));
    edges.push((
        "group/@id",
        "place/../up",
        edge(Relation::AffiliatedWith, 0.2, vec![e("emoji😀")]),
    ));
    Spec {
        documents,
        nodes: vec![a, b, c, d, p, s, m],
        edges: edges
            .into_iter()
            .map(|(s, t, e)| (s.to_string(), t.to_string(), e))
            .collect(),
    }
}

fn graphs() -> Vec<(&'static str, Graph)> {
    vec![
        ("realistic", realistic().build(false)),
        ("hostile", hostile().build(false)),
    ]
}

// ------------------------------------------------------------------ RDF helpers

fn iri(s: &str) -> NamedNode {
    NamedNode::new(s).unwrap_or_else(|e| panic!("{s:?} is not an IRI: {e}"))
}

fn ng(local: &str) -> NamedNode {
    iri(&format!("{NG}{local}"))
}

fn schema(local: &str) -> NamedNode {
    iri(&format!("{SCHEMA}{local}"))
}

fn node_term(g: &Graph, id: &str) -> NamedNode {
    assert!(g.node(id).is_some());
    iri(&node_iri(&ExportOptions::default().base_iri, id))
}

/// The camel-case vocabulary name of a relation, written out independently of the code.
fn predicate(r: Relation) -> NamedNode {
    ng(match r {
        Relation::MetWith => "metWith",
        Relation::Warned => "warned",
        Relation::Proposed => "proposed",
        Relation::Opposes => "opposes",
        Relation::Supports => "supports",
        Relation::Criticized => "criticized",
        Relation::Said => "said",
        Relation::Attended => "attended",
        Relation::HeldIn => "heldIn",
        Relation::HoldsRole => "holdsRole",
        Relation::AffiliatedWith => "affiliatedWith",
    })
}

fn context_file() -> Vec<u8> {
    std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/context/newsgraph.jsonld"
    ))
    .unwrap()
}

/// Parses JSON-LD (the shipped context is served for any remote context URL).
fn parse_jsonld(bytes: &[u8]) -> oxrdf::Graph {
    let ctx = context_file();
    let mut out = oxrdf::Graph::new();
    let parser = oxjsonld::JsonLdParser::new()
        .for_slice(bytes)
        .with_load_document_callback(move |url, _| {
            Ok(oxjsonld::JsonLdRemoteDocument {
                document: ctx.clone(),
                document_url: url.to_string(),
            })
        });
    for q in parser {
        let q = q.unwrap_or_else(|e| panic!("JSON-LD does not parse: {e}"));
        assert!(q.graph_name.is_default_graph());
        out.insert(&oxrdf::Triple::new(q.subject, q.predicate, q.object));
    }
    out
}

fn objects(g: &oxrdf::Graph, s: &NamedNode, p: &NamedNode) -> Vec<Term> {
    g.objects_for_subject_predicate(s, p)
        .map(|o| o.into_owned())
        .collect()
}

fn subjects(g: &oxrdf::Graph, p: &NamedNode, o: impl Into<Term>) -> Vec<NamedOrBlankNode> {
    let o: Term = o.into();
    g.subjects_for_predicate_object(p, &o)
        .map(|s| s.into_owned())
        .collect()
}

fn string(s: &str) -> Term {
    Literal::new_simple_literal(s).into()
}

fn typed(s: &str, dt: &str) -> Term {
    Literal::new_typed_literal(s, iri(&format!("{XSD}{dt}"))).into()
}

/// Checks RDF read back from an export against the graph: types and names of nodes,
/// roles, meetings, statements, one direct triple and one assertion (with confidence
/// and exact evidence texts) per edge.
fn check_rdf(graph: &Graph, rdf: &oxrdf::Graph) {
    let rdf_type = iri(RDF_TYPE);
    for n in graph.nodes() {
        let s = node_term(graph, &n.id);
        let class = match n.kind {
            NodeKind::Person => schema("Person"),
            NodeKind::Organization => schema("Organization"),
            NodeKind::Place => schema("Place"),
            NodeKind::Group => ng("Group"),
            NodeKind::Proposal => ng("Proposal"),
            NodeKind::Meeting => schema("Event"),
            NodeKind::Statement => schema("Quotation"),
        };
        assert_eq!(
            objects(rdf, &s, &rdf_type),
            vec![Term::from(class)],
            "{}",
            n.id
        );
        assert_eq!(objects(rdf, &s, &schema("name")), vec![string(&n.name)]);
        let aliases: HashSet<Term> = n.aliases.iter().map(|a| string(a)).collect();
        let got: HashSet<Term> = objects(rdf, &s, &schema("alternateName"))
            .into_iter()
            .collect();
        assert_eq!(got, aliases, "{}", n.id);
        // every role keeps its title with its affiliation
        let role_nodes = objects(rdf, &s, &schema("affiliation"));
        assert_eq!(role_nodes.len(), n.roles.len());
        for role in &n.roles {
            let found = role_nodes.iter().any(|r| {
                let Term::NamedNode(r) = r else { return false };
                objects(rdf, r, &schema("roleName")) == vec![string(&role.title)]
                    && objects(rdf, r, &schema("affiliation"))
                        == role
                            .affiliation
                            .iter()
                            .map(|a| Term::from(node_term_unchecked(a)))
                            .collect::<Vec<_>>()
                    && objects(rdf, r, &rdf_type) == vec![Term::from(schema("OrganizationRole"))]
            });
            assert!(found, "role {role:?} of {}", n.id);
        }
        if let Some(text) = &n.text {
            assert_eq!(objects(rdf, &s, &schema("text")), vec![string(text)]);
        }
        if let Some(cue) = &n.cue {
            assert_eq!(objects(rdf, &s, &ng("cue")), vec![string(cue)]);
        }
        if let Some(when) = &n.when {
            assert_eq!(objects(rdf, &s, &ng("when")), vec![string(when)]);
        }
        if n.kind == NodeKind::Statement {
            let speakers: HashSet<Term> = graph
                .edges_of(&n.id)
                .filter(|e| e.edge.relation == Relation::Said)
                .map(|e| node_term(graph, &e.source.id).into())
                .collect();
            let got: HashSet<Term> = objects(rdf, &s, &schema("spokenByCharacter"))
                .into_iter()
                .collect();
            assert_eq!(got, speakers);
        }
        if n.kind == NodeKind::Meeting {
            let attendees: HashSet<Term> = graph
                .edges_of(&n.id)
                .filter(|e| e.edge.relation == Relation::Attended)
                .map(|e| node_term(graph, &e.source.id).into())
                .collect();
            let got: HashSet<Term> = objects(rdf, &s, &schema("attendee")).into_iter().collect();
            assert_eq!(got, attendees);
            if let Some(p) = &n.place {
                assert!(
                    objects(rdf, &s, &schema("location")).contains(&node_term(graph, p).into())
                );
            }
        }
        for d in &n.documents {
            let doc = subjects(rdf, &schema("identifier"), string(d));
            assert_eq!(doc.len(), 1, "document {d:?}");
            assert!(
                rdf.contains(oxrdf::TripleRef::new(&doc[0], &schema("mentions"), &s)),
                "{d} mentions {}",
                n.id
            );
        }
    }

    let relations: Vec<NamedNode> = Relation::ALL.iter().map(|r| predicate(*r)).collect();
    let direct = rdf
        .iter()
        .filter(|t| relations.iter().any(|p| p.as_ref() == t.predicate))
        .count();
    // edges differing only in title (two roles at one place) state one triple
    let distinct: BTreeSet<(&str, &str, Relation)> = graph
        .edges()
        .iter()
        .map(|e| (e.source.id.as_str(), e.target.id.as_str(), e.edge.relation))
        .collect();
    assert_eq!(direct, distinct.len(), "one direct triple per edge");
    assert_eq!(
        subjects(rdf, &rdf_type, ng("RelationAssertion")).len(),
        graph.edge_count(),
        "one assertion per edge"
    );
    for e in graph.edges() {
        let s = node_term(graph, &e.source.id);
        let o = node_term(graph, &e.target.id);
        let p = predicate(e.edge.relation);
        assert!(
            rdf.contains(oxrdf::TripleRef::new(&s, &p, &o)),
            "{} {p} {}",
            e.source.id,
            e.target.id
        );
        for other in &relations {
            if *other != p {
                let same_pair_other_rel = graph.edges().iter().any(|x| {
                    x.source.id == e.source.id
                        && x.target.id == e.target.id
                        && predicate(x.edge.relation) == *other
                });
                assert_eq!(
                    rdf.contains(oxrdf::TripleRef::new(&s, other, &o)),
                    same_pair_other_rel
                );
            }
        }
        let assertions: Vec<NamedOrBlankNode> = subjects(rdf, &ng("subject"), s.clone())
            .into_iter()
            .filter(|a| {
                rdf.contains(oxrdf::TripleRef::new(a, &ng("object"), &o))
                    && rdf.contains(oxrdf::TripleRef::new(a, &ng("relation"), &p))
                    && e.edge.title.as_deref().is_none_or(|t| {
                        rdf.contains(oxrdf::TripleRef::new(
                            a,
                            &ng("title"),
                            &Literal::new_simple_literal(t),
                        ))
                    })
            })
            .collect();
        assert_eq!(assertions.len(), 1, "{} {p} {}", e.source.id, e.target.id);
        let NamedOrBlankNode::NamedNode(a) = &assertions[0] else {
            panic!("assertions have IRIs")
        };
        let conf = objects(rdf, a, &ng("confidence"));
        assert_eq!(conf.len(), 1);
        let Term::Literal(conf) = &conf[0] else {
            panic!()
        };
        assert_eq!(conf.datatype().as_str(), format!("{XSD}decimal"));
        let value: f32 = conf.value().parse().unwrap();
        assert!((value - e.edge.confidence).abs() < 0.0006, "{value}");
        let mut texts: Vec<String> = Vec::new();
        for evidence in objects(rdf, a, &ng("evidence")) {
            let Term::NamedNode(evidence) = evidence else {
                panic!()
            };
            let text = objects(rdf, &evidence, &ng("text"));
            let [Term::Literal(t)] = text.as_slice() else {
                panic!("one text per evidence")
            };
            texts.push(t.value().to_string());
            let start = objects(rdf, &evidence, &ng("start"));
            let [Term::Literal(start)] = start.as_slice() else {
                panic!()
            };
            assert_eq!(
                start.datatype().as_str(),
                format!("{XSD}nonNegativeInteger")
            );
            let doc = objects(rdf, &evidence, &ng("document"));
            let [Term::NamedNode(doc)] = doc.as_slice() else {
                panic!()
            };
            assert_eq!(
                objects(rdf, doc, &rdf_type),
                vec![Term::from(schema("NewsArticle"))]
            );
        }
        texts.sort();
        let mut expected: Vec<String> = e.edge.evidence.iter().map(|x| x.text.clone()).collect();
        expected.sort();
        assert_eq!(texts, expected, "evidence texts survive exactly");
    }
}

fn node_term_unchecked(id: &str) -> NamedNode {
    iri(&node_iri(&ExportOptions::default().base_iri, id))
}

// ------------------------------------------------------------------ JSON-LD

#[test]
fn jsonld_reads_back_as_the_graph() {
    for (name, g) in graphs() {
        let bytes = JsonLd.export(&g, &ExportOptions::default());
        let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert!(
            v["@context"].is_object(),
            "{name}: context inline by default"
        );
        let rdf = parse_jsonld(&bytes);
        check_rdf(&g, &rdf);
    }
}

#[test]
fn jsonld_context_by_url_gives_the_same_triples() {
    for (_, g) in graphs() {
        let inline = parse_jsonld(&JsonLd.export(&g, &ExportOptions::default()));
        let opts = ExportOptions {
            context_url: Some("https://newsgraph.example/context/newsgraph.jsonld".into()),
            ..Default::default()
        };
        let bytes = JsonLd.export(&g, &opts);
        let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(v["@context"], opts.context_url.clone().unwrap().as_str());
        assert_eq!(parse_jsonld(&bytes), inline);
    }
}

#[test]
fn jsonld_meeting_and_document_literals_are_typed() {
    let g = realistic().build(false);
    let rdf = parse_jsonld(&JsonLd.export(&g, &ExportOptions::default()));
    let meeting = node_term(&g, "meeting/d1-1");
    assert_eq!(
        objects(&rdf, &meeting, &schema("startDate")),
        vec![typed("2031-03-02", "date")]
    );
    let d2 = subjects(&rdf, &schema("identifier"), string("d2"));
    let NamedOrBlankNode::NamedNode(d2) = &d2[0] else {
        panic!()
    };
    assert_eq!(
        objects(&rdf, d2, &schema("datePublished")),
        vec![typed("2031-03", "gYearMonth")]
    );
    // a date that is not one stays a plain string rather than an invalid xsd:date
    let h = hostile().build(false);
    let rdf = parse_jsonld(&JsonLd.export(&h, &ExportOptions::default()));
    let m = node_term(&h, "meeting/a#b?c");
    assert_eq!(
        objects(&rdf, &m, &schema("startDate")),
        vec![string("2031-13")]
    );
}

#[test]
fn jsonld_node_iris_use_the_base_and_encode_ids() {
    let g = hostile().build(false);
    let opts = ExportOptions {
        base_iri: "http://data.example/ng/".into(),
        ..Default::default()
    };
    let rdf = parse_jsonld(&JsonLd.export(&g, &opts));
    for n in g.nodes() {
        let s = iri(&node_iri(&opts.base_iri, &n.id));
        assert!(s.as_str().starts_with("http://data.example/ng/"));
        assert_eq!(objects(&rdf, &s, &schema("name")), vec![string(&n.name)]);
    }
    assert_eq!(
        node_iri(&opts.base_iri, "person/zoë-ñandú"),
        "http://data.example/ng/person/zoë-ñandú"
    );
    assert_eq!(
        node_iri(&opts.base_iri, "org/weird id\"<&>"),
        "http://data.example/ng/org/weird%20id%22%3C%26%3E"
    );
}

/// Every `ng:` class and property an export uses is defined in `context/vocab.ttl` with
/// label and comment, properties also with domain and range; so is every relation.
#[test]
fn vocabulary_defines_every_term_used() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/context/vocab.ttl");
    let vocab_bytes = std::fs::read(path).unwrap();
    assert_eq!(
        vocab_bytes,
        newsgraph::formats::jsonld::VOCABULARY.as_bytes()
    );
    let mut vocab = oxrdf::Graph::new();
    for t in oxttl::TurtleParser::new().for_slice(&vocab_bytes) {
        vocab.insert(&t.expect("vocab.ttl is Turtle"));
    }
    let mut used: BTreeSet<NamedNode> = Relation::ALL.iter().map(|r| predicate(*r)).collect();
    let mut classes: BTreeSet<NamedNode> = BTreeSet::new();
    for (_, g) in graphs() {
        let rdf = parse_jsonld(&JsonLd.export(&g, &ExportOptions::default()));
        for t in rdf.iter() {
            if t.predicate.as_str().starts_with(NG) {
                used.insert(t.predicate.into_owned());
            }
            if let oxrdf::TermRef::NamedNode(o) = t.object
                && o.as_str().starts_with(NG)
            {
                if t.predicate.as_str() == RDF_TYPE {
                    classes.insert(o.into_owned());
                } else {
                    used.insert(o.into_owned());
                }
            }
        }
    }
    assert!(used.len() > 20, "{used:?}");
    for class in ["Group", "Proposal", "RelationAssertion", "Evidence"] {
        assert!(classes.contains(&ng(class)), "{class} used");
    }
    let label = iri(&format!("{RDFS}label"));
    let comment = iri(&format!("{RDFS}comment"));
    let domain = iri(&format!("{RDFS}domain"));
    let range = iri(&format!("{RDFS}range"));
    for term in classes.iter().chain(&used) {
        assert_eq!(objects(&vocab, term, &label).len(), 1, "label of {term}");
        assert_eq!(
            objects(&vocab, term, &comment).len(),
            1,
            "comment of {term}"
        );
    }
    for term in &used {
        assert_eq!(objects(&vocab, term, &domain).len(), 1, "domain of {term}");
        assert_eq!(objects(&vocab, term, &range).len(), 1, "range of {term}");
    }
}

// ------------------------------------------------------------------ every format

#[test]
fn every_format_is_deterministic_whatever_the_insertion_order() {
    assert!(FORMATS.len() >= 2);
    for spec in [realistic(), hostile()] {
        let a = spec.build(false);
        let b = spec.build(true);
        for opts in [
            ExportOptions::default(),
            ExportOptions {
                statements: true,
                ..Default::default()
            },
        ] {
            for f in FORMATS {
                let x = exporter(f).unwrap_or_else(|| panic!("no exporter {f}"));
                let first = x.export(&a, &opts);
                assert!(!first.is_empty());
                assert_eq!(first, x.export(&a, &opts), "{f}: twice the same bytes");
                assert_eq!(first, x.export(&b, &opts), "{f}: insertion order matters");
            }
        }
    }
    assert!(exporter("nope").is_none());
}

#[test]
fn exporters_name_their_extension() {
    for f in FORMATS {
        let ext = exporter(f).unwrap().extension();
        assert!(
            !ext.is_empty() && ext.bytes().all(|b| b.is_ascii_lowercase()),
            "{f}: {ext}"
        );
    }
    assert_eq!(exporter("jsonld").unwrap().extension(), "jsonld");
}

// ------------------------------------------------------------------ DOT

/// Runs Graphviz `dot -Tsvg`. Returns None when `dot` is not installed, which is an
/// error when the `CI` variable is set (CI installs graphviz).
fn render_svg(dot: &[u8]) -> Option<String> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let spawned = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match spawned {
        Ok(child) => child,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            assert!(
                std::env::var_os("CI").is_none(),
                "Graphviz `dot` is not on PATH, and CI must test DOT output (apt-get install graphviz)"
            );
            eprintln!("dot is not installed: DOT output not rendered");
            return None;
        }
        Err(e) => panic!("cannot run dot: {e}"),
    };
    let mut stdin = child.stdin.take().unwrap();
    let input = dot.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "dot refused the output: {stderr}");
    assert!(stderr.trim().is_empty(), "dot warned: {stderr}");
    Some(String::from_utf8(out.stdout).expect("SVG is UTF-8"))
}

/// The lines Graphviz shows for a label: line breaks split it, control characters
/// other than tab are replaced (XML cannot carry them), empty lines are not drawn.
fn shown_lines(s: &str) -> Vec<String> {
    s.replace("\r\n", "\n")
        .replace('\r', "\n")
        .split('\n')
        .map(|l| {
            l.chars()
                .map(|c| {
                    if c.is_control() && c != '\t' {
                        '\u{FFFD}'
                    } else {
                        c
                    }
                })
                .collect::<String>()
        })
        .filter(|l| !l.trim().is_empty())
        .collect()
}

/// The texts of each SVG group of a class, by the group's title.
fn svg_groups(svg: &str, class: &str) -> Vec<(String, Vec<String>)> {
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(svg, opts).expect("SVG is XML");
    doc.descendants()
        .filter(|n| n.has_tag_name("g") && n.attribute("class") == Some(class))
        .map(|g| {
            let title = g
                .children()
                .find(|c| c.has_tag_name("title"))
                .and_then(|t| t.text())
                .unwrap_or_default()
                .to_string();
            let texts = g
                .descendants()
                .filter(|c| c.has_tag_name("text"))
                .map(|t| t.text().unwrap_or_default().to_string())
                .filter(|t| !t.trim().is_empty())
                .collect();
            (title, texts)
        })
        .collect()
}

#[test]
fn dot_renders_with_graphviz_and_shows_every_label() {
    for (name, g) in graphs() {
        for statements in [false, true] {
            let opts = ExportOptions {
                statements,
                ..Default::default()
            };
            let dot = exporter("dot").unwrap().export(&g, &opts);
            let text = String::from_utf8(dot.clone()).unwrap();
            assert!(text.starts_with("digraph {"), "{text}");
            assert!(!text.contains('\0'));
            assert!(!text.contains("label=<"), "no HTML labels");
            let Some(svg) = render_svg(&dot) else { return };
            let nodes = svg_groups(&svg, "node");
            let shown: Vec<&Node> = g
                .nodes()
                .filter(|n| statements || n.kind != NodeKind::Statement)
                .collect();
            for n in &shown {
                let dot_id = node_iri("", &n.id);
                let found: Vec<&Vec<String>> = nodes
                    .iter()
                    .filter(|(t, _)| *t == dot_id)
                    .map(|(_, texts)| texts)
                    .collect();
                assert_eq!(found.len(), 1, "{name}: node {:?} drawn once", n.id);
                let mut expected = if n.kind == NodeKind::Statement {
                    let cut: String = n.name.chars().take(60).collect();
                    let ellipsis = if cut.len() < n.name.len() { "…" } else { "" };
                    shown_lines(&format!("{cut}{ellipsis}"))
                } else {
                    shown_lines(&n.name)
                };
                let mut titles: Vec<&str> = n.roles.iter().map(|r| r.title.as_str()).collect();
                titles.sort();
                if !titles.is_empty() {
                    expected.extend(shown_lines(&titles.join(", ")));
                }
                assert_eq!(found[0], &expected, "{name}: label of {:?}", n.id);
            }
            let legend_kinds: BTreeSet<NodeKind> = shown.iter().map(|n| n.kind).collect();
            let visible = |id: &str| shown.iter().any(|n| n.id == id);
            let edges: Vec<_> = g
                .edges()
                .into_iter()
                .filter(|e| visible(&e.source.id) && visible(&e.target.id))
                .collect();
            let legend_relations: BTreeSet<Relation> =
                edges.iter().map(|e| e.edge.relation).collect();
            assert_eq!(
                nodes.len(),
                shown.len() + legend_kinds.len() + 2 * legend_relations.len(),
                "{name}: nodes, legend kinds and legend relation ends"
            );
            let drawn = svg_groups(&svg, "edge");
            assert_eq!(drawn.len(), edges.len() + legend_relations.len(), "{name}");
            for e in &edges {
                let title = format!(
                    "{}->{}",
                    node_iri("", &e.source.id),
                    node_iri("", &e.target.id)
                );
                let mut label = match (&e.edge.title, e.edge.relation) {
                    (Some(t), Relation::HoldsRole) => t.clone(),
                    (_, r) => r.as_str().to_string(),
                };
                if e.edge.status == Some(Status::Planned) {
                    label.push_str(" (planned)");
                }
                assert!(
                    drawn.iter().any(|(t, texts)| *t == title
                        && texts.first().map(String::as_str)
                            == shown_lines(&label).first().map(String::as_str)),
                    "{name}: edge {title} labelled {label:?}"
                );
            }
            assert_eq!(
                edges.iter().any(|e| e.edge.relation == Relation::Said),
                statements,
                "said edges only with statements"
            );
        }
    }
}

// ------------------------------------------------------------------ Turtle, N-Quads

fn parse_turtle(bytes: &[u8]) -> oxrdf::Graph {
    let mut g = oxrdf::Graph::new();
    for t in oxttl::TurtleParser::new().for_slice(bytes) {
        g.insert(&t.unwrap_or_else(|e| panic!("Turtle does not parse: {e}")));
    }
    g
}

fn parse_nquads(bytes: &[u8]) -> oxrdf::Dataset {
    let mut d = oxrdf::Dataset::new();
    for q in oxttl::NQuadsParser::new().for_slice(bytes) {
        d.insert(&q.unwrap_or_else(|e| panic!("N-Quads does not parse: {e}")));
    }
    d
}

/// The triples of a dataset, whatever their graph.
fn union(d: &oxrdf::Dataset) -> oxrdf::Graph {
    let mut g = oxrdf::Graph::new();
    for q in d.iter() {
        g.insert(oxrdf::TripleRef::new(q.subject, q.predicate, q.object));
    }
    g
}

#[test]
fn turtle_reads_back_as_the_graph_and_as_the_jsonld() {
    for (name, g) in graphs() {
        let bytes = exporter("turtle")
            .unwrap()
            .export(&g, &ExportOptions::default());
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(
            text.contains("@prefix ng: <https://newsgraph.example/vocab#> ."),
            "{name}"
        );
        let rdf = parse_turtle(&bytes);
        check_rdf(&g, &rdf);
        let jsonld = parse_jsonld(&JsonLd.export(&g, &ExportOptions::default()));
        for t in rdf.iter() {
            assert!(jsonld.contains(t), "{name}: {t} only in Turtle");
        }
        for t in jsonld.iter() {
            assert!(rdf.contains(t), "{name}: {t} only in JSON-LD");
        }
        assert_eq!(
            rdf, jsonld,
            "{name}: Turtle and JSON-LD state the same triples"
        );
    }
}

#[test]
fn nquads_put_each_fact_in_the_graphs_of_its_documents() {
    let opts = ExportOptions::default();
    for (name, g) in graphs() {
        let bytes = exporter("nquads").unwrap().export(&g, &opts);
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(
            text.lines().all(|l| l.ends_with(" .")),
            "{name}: one quad a line"
        );
        let data = parse_nquads(&bytes);
        let turtle = parse_turtle(&exporter("turtle").unwrap().export(&g, &opts));
        assert_eq!(union(&data), turtle, "{name}: same triples as Turtle");
        check_rdf(&g, &union(&data));

        // a document's graph is named by the IRI of the article resource
        let union_graph = union(&data);
        let graph_of = |doc: &str| match subjects(&union_graph, &schema("identifier"), string(doc))
            .as_slice()
        {
            [NamedOrBlankNode::NamedNode(n)] => oxrdf::GraphName::from(n.clone()),
            other => panic!("{doc}: {other:?}"),
        };
        let doc_ids: BTreeSet<String> = g.documents.iter().map(|d| d.id.clone()).collect();
        let names: HashSet<oxrdf::GraphName> =
            data.iter().map(|q| q.graph_name.into_owned()).collect();
        let expected: HashSet<oxrdf::GraphName> = doc_ids.iter().map(|d| graph_of(d)).collect();
        // the hostile graph has an edge without evidence: its facts are in the default graph
        let unattributed = g.edges().iter().any(|e| e.edge.evidence.is_empty());
        let mut expected_with_default = expected.clone();
        if unattributed {
            expected_with_default.insert(oxrdf::GraphName::DefaultGraph);
        }
        assert_eq!(
            names, expected_with_default,
            "{name}: one graph per document"
        );

        for e in g.edges() {
            let s = node_term(&g, &e.source.id);
            let o = node_term(&g, &e.target.id);
            let p = predicate(e.edge.relation);
            for d in &doc_ids {
                let in_graph = data.contains(oxrdf::QuadRef::new(&s, &p, &o, graph_of(d).as_ref()));
                let said_there = g.edges().iter().any(|x| {
                    x.source.id == e.source.id
                        && x.target.id == e.target.id
                        && x.edge.relation == e.edge.relation
                        && x.edge.evidence.iter().any(|ev| ev.document == *d)
                });
                assert_eq!(in_graph, said_there, "{name}: {s} {p} {o} in {d}");
            }
        }
        for n in g.nodes() {
            let s = node_term(&g, &n.id);
            for d in &doc_ids {
                let named = data.contains(oxrdf::QuadRef::new(
                    &s,
                    &schema("name"),
                    &Literal::new_simple_literal(&n.name),
                    graph_of(d).as_ref(),
                ));
                assert_eq!(
                    named,
                    n.documents.contains(d),
                    "{name}: name of {} in {d}",
                    n.id
                );
            }
        }
    }
}

#[test]
fn dropping_an_articles_graph_keeps_what_other_articles_say() {
    let g = realistic().build(false);
    let opts = ExportOptions::default();
    let data = parse_nquads(&exporter("nquads").unwrap().export(&g, &opts));
    let d2 = oxrdf::GraphName::from(iri(&format!("{}document/d2", opts.base_iri)));
    let mut rest = oxrdf::Graph::new();
    for q in data.iter().filter(|q| q.graph_name != d2.as_ref()) {
        rest.insert(oxrdf::TripleRef::new(q.subject, q.predicate, q.object));
    }
    let warned = oxrdf::Triple::new(
        node_term(&g, "place/karsovia"),
        ng("warned"),
        node_term(&g, "place/veldmark"),
    );
    let supports = oxrdf::Triple::new(
        node_term(&g, "place/veldmark"),
        ng("supports"),
        node_term(&g, "proposal/12-point-framework"),
    );
    assert!(rest.contains(&warned), "d1's facts stay");
    assert!(!rest.contains(&supports), "d2's facts go");
    let council = node_term(&g, "org/veldmark-defence-council");
    assert!(
        objects(&rest, &council, &schema("name")).is_empty(),
        "only d2 names it"
    );
}

#[test]
fn base_iri_is_checked() {
    assert!(ExportOptions::default().check().is_ok());
    let bad = ExportOptions {
        base_iri: "not an iri/".into(),
        ..Default::default()
    };
    assert!(bad.check().is_err());
    let bad = ExportOptions {
        context_url: Some("relative/context.jsonld".into()),
        ..Default::default()
    };
    assert!(bad.check().is_err());
}

// ------------------------------------------------------------------ Cypher

#[test]
fn cypher_is_one_merge_a_line_with_exact_strings() {
    for (name, g) in graphs() {
        let bytes = exporter("cypher")
            .unwrap()
            .export(&g, &ExportOptions::default());
        let text = String::from_utf8(bytes).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(text.matches('\n').count(), lines.len());
        assert!(!text.contains('\r') && !text.contains('\0') && !text.contains('\u{2028}'));
        assert!(lines.iter().all(|l| l.ends_with(';')), "{name}");
        let node_lines: Vec<&str> = lines
            .iter()
            .copied()
            .filter(|l| l.starts_with("MERGE (n:"))
            .collect();
        let edge_lines: Vec<&str> = lines
            .iter()
            .copied()
            .filter(|l| l.starts_with("MATCH (a:"))
            .collect();
        assert_eq!(node_lines.len(), g.node_count(), "{name}");
        assert_eq!(edge_lines.len(), g.edge_count(), "{name}");
        assert_eq!(lines.len(), g.node_count() + g.edge_count());
        for (line, n) in node_lines.iter().zip(g.nodes()) {
            assert!(line.starts_with(&format!("MERGE (n:{} {{id: ", n.kind.as_str())));
            let strings = cypher_strings(line);
            assert_eq!(strings[0], n.id, "{name}: MERGE on id");
            assert_eq!(strings[1], n.name);
            let aliases: Vec<String> = n.aliases.iter().cloned().collect();
            assert_eq!(strings[2..2 + aliases.len()], aliases[..]);
            if let Some(t) = &n.text {
                assert!(strings.contains(t), "{name}: text of {}", n.id);
            }
            for r in &n.roles {
                assert!(strings.contains(&r.title));
            }
            // the literals are all there is: nothing of a string leaks into the syntax
            assert!(line.contains(" SET n += {name: "));
        }
        for (line, e) in edge_lines.iter().zip(g.edges()) {
            let rel = e.edge.relation.as_str().to_uppercase().replace('-', "_");
            assert!(line.contains("]->(b) SET r += {confidence: "), "{line}");
            assert!(
                line.contains(&format!("MERGE (a)-[r:{rel}]->(b)"))
                    || line.contains(&format!("MERGE (a)-[r:{rel} {{title: ")),
                "{line}"
            );
            let strings = cypher_strings(line);
            assert_eq!(strings[0], e.source.id);
            assert_eq!(strings[1], e.target.id);
            let texts: Vec<&String> = e.edge.evidence.iter().map(|x| &x.text).collect();
            for t in texts {
                assert!(strings.contains(t), "{name}: evidence {t:?}");
            }
        }
    }
}

// ------------------------------------------------------------------ GraphML

#[test]
fn graphml_reads_back_with_typed_keys_and_exact_strings() {
    for (name, g) in graphs() {
        let bytes = exporter("graphml")
            .unwrap()
            .export(&g, &ExportOptions::default());
        let text = String::from_utf8(bytes).unwrap();
        let doc = roxmltree::Document::parse(&text).expect("GraphML is XML");
        let ns = "http://graphml.graphdrawing.org/xmlns";
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "graphml");
        assert_eq!(root.tag_name().namespace(), Some(ns));
        // key id -> (for, attr.name, attr.type)
        let keys: std::collections::HashMap<&str, (&str, &str, &str)> = root
            .children()
            .filter(|c| c.has_tag_name((ns, "key")))
            .map(|k| {
                (
                    k.attribute("id").unwrap(),
                    (
                        k.attribute("for").unwrap(),
                        k.attribute("attr.name").unwrap(),
                        k.attribute("attr.type").unwrap(),
                    ),
                )
            })
            .collect();
        assert!(
            keys.values()
                .any(|k| *k == ("edge", "confidence", "double"))
        );
        let graph = root
            .children()
            .find(|c| c.has_tag_name((ns, "graph")))
            .unwrap();
        assert_eq!(graph.attribute("edgedefault"), Some("directed"));
        // the data of an element by attribute name, checking each key is declared for it
        let data = |el: roxmltree::Node, target: &str| {
            el.children()
                .filter(|c| c.has_tag_name((ns, "data")))
                .map(|d| {
                    let (f, attr, _) = keys[d.attribute("key").unwrap()];
                    assert_eq!(f, target);
                    (attr.to_string(), d.text().unwrap_or_default().to_string())
                })
                .collect::<std::collections::HashMap<String, String>>()
        };
        let nodes: Vec<roxmltree::Node> = graph
            .children()
            .filter(|c| c.has_tag_name((ns, "node")))
            .collect();
        let edges: Vec<roxmltree::Node> = graph
            .children()
            .filter(|c| c.has_tag_name((ns, "edge")))
            .collect();
        assert_eq!(nodes.len(), g.node_count(), "{name}");
        assert_eq!(edges.len(), g.edge_count(), "{name}");
        for (el, n) in nodes.iter().zip(g.nodes()) {
            assert_eq!(el.attribute("id"), Some(n.id.as_str()), "{name}: ids exact");
            let d = data(*el, "node");
            assert_eq!(d["label"], xml_safe(&n.name), "{name}: name of {}", n.id);
            assert_eq!(d["kind"], n.kind.as_str());
            if !n.aliases.is_empty() {
                let aliases: Vec<String> = serde_json::from_str(&d["aliases"]).unwrap();
                let expected: Vec<String> = n.aliases.iter().cloned().collect();
                assert_eq!(aliases, expected, "JSON lists keep even NUL");
            }
            if let Some(t) = &n.text {
                assert_eq!(d["text"], xml_safe(t));
            }
            if !n.roles.is_empty() {
                let roles: Vec<serde_json::Value> = serde_json::from_str(&d["roles"]).unwrap();
                assert_eq!(roles.len(), n.roles.len());
                for r in &n.roles {
                    assert!(roles.iter().any(|x| x["title"] == r.title.as_str()
                        && x["affiliation"].as_str() == r.affiliation.as_deref()));
                }
            }
        }
        for (el, e) in edges.iter().zip(g.edges()) {
            assert_eq!(el.attribute("source"), Some(e.source.id.as_str()));
            assert_eq!(el.attribute("target"), Some(e.target.id.as_str()));
            let d = data(*el, "edge");
            assert_eq!(d["relation"], e.edge.relation.as_str());
            let c: f64 = d["confidence"].parse().unwrap();
            assert!((c - f64::from(e.edge.confidence)).abs() < 0.0006);
            if !e.edge.evidence.is_empty() {
                let ev: Vec<serde_json::Value> = serde_json::from_str(&d["evidence"]).unwrap();
                let texts: Vec<&str> = ev.iter().map(|x| x["text"].as_str().unwrap()).collect();
                let expected: Vec<&str> = e.edge.evidence.iter().map(|x| x.text.as_str()).collect();
                assert_eq!(
                    texts, expected,
                    "{name}: evidence text (JSON keeps even NUL)"
                );
            }
        }
    }
}

// ------------------------------------------------------------------ Neo4j CSV

fn read_csv(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(bytes);
    let header = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

fn split_array(field: &str) -> Vec<String> {
    if field.is_empty() {
        Vec::new()
    } else {
        field.split('\u{1F}').map(String::from).collect()
    }
}

#[test]
fn neo4j_csv_pair_reads_back_with_import_headers() {
    for (name, g) in graphs() {
        let (nodes, rels) = newsgraph::formats::neo4j_csv(&g);
        let (header, rows) = read_csv(&nodes);
        assert_eq!(header[..3], ["id:ID", ":LABEL", "name"]);
        assert!(header.contains(&"aliases:string[]".to_string()));
        assert_eq!(rows.len(), g.node_count(), "{name}");
        let col = |h: &[String], name: &str| h.iter().position(|x| x == name).unwrap();
        for (row, n) in rows.iter().zip(g.nodes()) {
            assert_eq!(row.len(), header.len());
            assert_eq!(row[0], n.id, "{name}: ids exact");
            assert_eq!(row[1], n.kind.as_str());
            assert_eq!(row[2], n.name, "{name}: names exact");
            let aliases: Vec<String> = n.aliases.iter().cloned().collect();
            assert_eq!(split_array(&row[col(&header, "aliases:string[]")]), aliases);
            let titles = split_array(&row[col(&header, "role_titles:string[]")]);
            let affiliations = split_array(&row[col(&header, "role_affiliations:string[]")]);
            assert_eq!(titles.len(), n.roles.len());
            assert_eq!(affiliations.len(), n.roles.len());
            for r in &n.roles {
                assert!(
                    titles
                        .iter()
                        .zip(&affiliations)
                        .any(|(t, a)| *t == r.title
                            && *a == r.affiliation.clone().unwrap_or_default())
                );
            }
            assert_eq!(
                row[col(&header, "text")],
                n.text.clone().unwrap_or_default()
            );
        }
        let (header, rows) = read_csv(&rels);
        assert_eq!(
            header[..4],
            [":START_ID", ":END_ID", ":TYPE", "confidence:float"]
        );
        assert_eq!(rows.len(), g.edge_count(), "{name}");
        for (row, e) in rows.iter().zip(g.edges()) {
            assert_eq!(row.len(), header.len());
            assert_eq!(row[0], e.source.id);
            assert_eq!(row[1], e.target.id);
            assert_eq!(
                row[2],
                e.edge.relation.as_str().to_uppercase().replace('-', "_")
            );
            let c: f32 = row[3].parse().unwrap();
            assert!((c - e.edge.confidence).abs() < 0.0006);
            let texts: Vec<String> = e.edge.evidence.iter().map(|x| x.text.clone()).collect();
            assert_eq!(split_array(&row[col(&header, "evidence:string[]")]), texts);
            let starts: Vec<String> = e
                .edge
                .evidence
                .iter()
                .map(|x| x.start.to_string())
                .collect();
            assert_eq!(
                split_array(&row[col(&header, "evidence_starts:long[]")]),
                starts
            );
        }
        // deterministic
        assert_eq!(newsgraph::formats::neo4j_csv(&g), (nodes, rels));
    }
    for spec in [realistic(), hostile()] {
        assert_eq!(
            newsgraph::formats::neo4j_csv(&spec.build(false)),
            newsgraph::formats::neo4j_csv(&spec.build(true))
        );
    }
}

#[test]
fn an_empty_graph_is_a_valid_empty_document_in_every_format() {
    let g = Graph::new();
    let opts = ExportOptions::default();
    let out = |f: &str| exporter(f).unwrap().export(&g, &opts);
    assert_eq!(parse_jsonld(&out("jsonld")).len(), 0);
    assert_eq!(parse_turtle(&out("turtle")).len(), 0);
    assert_eq!(parse_nquads(&out("nquads")).len(), 0);
    assert!(out("cypher").is_empty());
    let graphml = String::from_utf8(out("graphml")).unwrap();
    let doc = roxmltree::Document::parse(&graphml).unwrap();
    assert_eq!(
        doc.descendants().filter(|n| n.has_tag_name("node")).count(),
        0
    );
    if let Some(svg) = render_svg(&out("dot")) {
        assert!(svg_groups(&svg, "node").is_empty());
    }
    let (nodes, rels) = newsgraph::formats::neo4j_csv(&g);
    assert_eq!(read_csv(&nodes).1.len(), 0);
    assert_eq!(read_csv(&rels).1.len(), 0);
}

#[test]
fn document_graphs_are_named_by_the_document_iri() {
    let g = realistic().build(false);
    let opts = ExportOptions::default();
    let data = parse_nquads(&exporter("nquads").unwrap().export(&g, &opts));
    let d1 = iri(&newsgraph::formats::document_iri(&opts.base_iri, "d1"));
    assert!(
        data.iter()
            .any(|q| q.graph_name == oxrdf::GraphNameRef::NamedNode(d1.as_ref()))
    );
    assert_eq!(
        newsgraph::formats::document_iri("http://x.example/", "a/b c"),
        "http://x.example/document/a%2Fb%20c"
    );
}
