//! The RDF exports load into a real SPARQL store (Oxigraph, in memory) and the queries
//! shipped in `examples/queries/` answer what the graph JSON of the same run says: who
//! met whom, who warned whom, every stance, every statement of a speaker with its
//! evidence sentence, and meetings. Expectations are derived from the graph JSON, never
//! written by hand, so the tests hold while extraction changes; a hand-built graph with
//! every relation and hostile strings makes sure no query passes by returning nothing.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use newsgraph::formats::{DEFAULT_BASE_IRI, ExportOptions, exporter, node_iri};
use newsgraph::graph::{Edge, Evidence, Graph, Node, NodeKind, QuoteKind, Relation, Status};
use oxigraph::io::{JsonLdProfileSet, RdfFormat};
use oxigraph::model::{NamedNode, Term};
use oxigraph::sparql::{QueryResults, SparqlEvaluator, Variable};
use oxigraph::store::Store;
use serde_json::Value;

const SAMPLE: &str = "envoy-moscow-talks";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The sample article in `format`, with its publication date from `examples/published.tsv`.
fn sample(format: &str) -> Vec<u8> {
    let list = std::fs::read_to_string(root().join("examples/published.tsv")).unwrap();
    let published = list
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{SAMPLE}\t")))
        .unwrap_or("-");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_newsgraph"));
    cmd.current_dir(root()).args([
        "extract",
        &format!("examples/{SAMPLE}.txt"),
        "--format",
        format,
    ]);
    if published != "-" {
        cmd.args(["--published", published]);
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn load(format: RdfFormat, bytes: &[u8]) -> Store {
    let store = Store::new().unwrap();
    store
        .load_from_slice(format, bytes)
        .unwrap_or_else(|e| panic!("{format} does not load into Oxigraph: {e}"));
    store
}

fn jsonld() -> RdfFormat {
    RdfFormat::JsonLd {
        profile: JsonLdProfileSet::empty(),
    }
}

fn query_text(name: &str) -> String {
    std::fs::read_to_string(root().join("examples/queries").join(name)).unwrap()
}

/// A solution: each bound variable's IRI or literal value.
type Row = std::collections::BTreeMap<String, String>;

/// Runs a shipped query; `union` queries the union of the named graphs (N-Quads);
/// `bind` substitutes a variable with an IRI.
fn select(store: &Store, name: &str, union: bool, bind: Option<(&str, &str)>) -> Vec<Row> {
    let mut prepared = SparqlEvaluator::new()
        .parse_query(&query_text(name))
        .unwrap_or_else(|e| panic!("{name} is not SPARQL: {e}"));
    if union {
        prepared.dataset_mut().set_default_graph_as_union();
    }
    if let Some((var, iri)) = bind {
        prepared =
            prepared.substitute_variable(Variable::new(var).unwrap(), NamedNode::new(iri).unwrap());
    }
    let QueryResults::Solutions(solutions) = prepared.on_store(store).execute().unwrap() else {
        panic!("{name} is not a SELECT query");
    };
    solutions
        .map(|s| {
            let s = s.unwrap();
            s.iter()
                .map(|(v, t)| {
                    let value = match t {
                        Term::NamedNode(n) => n.as_str().to_string(),
                        Term::Literal(l) => l.value().to_string(),
                        other => other.to_string(),
                    };
                    (v.as_str().to_string(), value)
                })
                .collect()
        })
        .collect()
}

fn iri(id: &str) -> String {
    node_iri(DEFAULT_BASE_IRI, id)
}

fn s(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_string()
}

fn edges<'a>(g: &'a Value, relation: &'a str) -> impl Iterator<Item = &'a Value> + 'a {
    g["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(move |e| e["relation"] == relation)
}

fn node<'a>(g: &'a Value, id: &str) -> &'a Value {
    g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == id)
        .unwrap_or_else(|| panic!("no node {id}"))
}

fn evidence_texts(e: &Value) -> Vec<String> {
    e["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| s(&x["text"]))
        .collect()
}

fn col(rows: &[Row], var: &str) -> BTreeSet<String> {
    rows.iter().filter_map(|r| r.get(var).cloned()).collect()
}

/// Checks every shipped query against the graph JSON `g`. Returns how many rows each
/// query gave, so callers can insist on non-empty answers.
fn check_queries(g: &Value, store: &Store, union: bool) -> Vec<(&'static str, usize)> {
    let mut counts = Vec::new();

    // who met whom: met-with edges and pairs of attendees of one meeting
    let rows = select(store, "met-with.rq", union, None);
    let mut expected: BTreeSet<(String, String)> = edges(g, "met-with")
        .map(|e| (iri(&s(&e["source"])), iri(&s(&e["target"]))))
        .collect();
    let attended: Vec<(String, String)> = edges(g, "attended")
        .map(|e| (s(&e["source"]), s(&e["target"])))
        .collect();
    for (a, m) in &attended {
        for (b, m2) in &attended {
            if m == m2 && iri(a) < iri(b) {
                expected.insert((iri(a), iri(b)));
            }
        }
    }
    let got: BTreeSet<(String, String)> = rows
        .iter()
        .map(|r| (r["a"].clone(), r["b"].clone()))
        .collect();
    assert_eq!(got, expected, "met-with.rq: pairs");
    for e in edges(g, "met-with") {
        let (a, b) = (iri(&s(&e["source"])), iri(&s(&e["target"])));
        let said: BTreeSet<String> = rows
            .iter()
            .filter(|r| r["a"] == a && r["b"] == b && r.contains_key("sentence"))
            .map(|r| r["sentence"].clone())
            .collect();
        let want: BTreeSet<String> = evidence_texts(e).into_iter().collect();
        assert!(want.is_subset(&said), "met-with.rq: evidence of {a} {b}");
        for r in rows.iter().filter(|r| r["a"] == a) {
            assert_eq!(r["aName"], s(&node(g, &s(&e["source"]))["name"]));
        }
    }
    counts.push(("met-with.rq", rows.len()));

    // who warned whom, with confidence and evidence sentence
    let rows = select(store, "warned.rq", union, None);
    let got: BTreeSet<(String, String, String, String)> = rows
        .iter()
        .map(|r| {
            (
                r["who"].clone(),
                r["whom"].clone(),
                r["sentence"].clone(),
                r["start"].clone(),
            )
        })
        .collect();
    let mut expected = BTreeSet::new();
    for e in edges(g, "warned") {
        for ev in e["evidence"].as_array().unwrap() {
            expected.insert((
                iri(&s(&e["source"])),
                iri(&s(&e["target"])),
                s(&ev["text"]),
                ev["start"].to_string(),
            ));
        }
        let conf: f64 = rows
            .iter()
            .find(|r| r["who"] == iri(&s(&e["source"])) && r["whom"] == iri(&s(&e["target"])))
            .map(|r| r["confidence"].parse().unwrap())
            .unwrap();
        assert!((conf - e["confidence"].as_f64().unwrap()).abs() < 1e-3);
    }
    assert_eq!(got, expected, "warned.rq");
    counts.push(("warned.rq", rows.len()));

    // every stance
    let rows = select(store, "stances.rq", union, None);
    let camel = |r: &str| {
        let mut out = String::new();
        let mut up = false;
        for c in r.chars() {
            match (c, up) {
                ('-', _) => up = true,
                (c, true) => {
                    out.extend(c.to_uppercase());
                    up = false;
                }
                (c, false) => out.push(c),
            }
        }
        format!("https://newsgraph.example/vocab#{out}")
    };
    let got: BTreeSet<(String, String, String)> = rows
        .iter()
        .map(|r| (r["who"].clone(), r["relation"].clone(), r["whom"].clone()))
        .collect();
    let expected: BTreeSet<(String, String, String)> = g["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| Relation::parse(&s(&e["relation"])).is_some_and(|r| r.is_stance()))
        .map(|e| {
            (
                iri(&s(&e["source"])),
                camel(&s(&e["relation"])),
                iri(&s(&e["target"])),
            )
        })
        .collect();
    assert_eq!(got, expected, "stances.rq");
    counts.push(("stances.rq", rows.len()));

    // every statement with its text and evidence sentence, and per speaker
    let rows = select(store, "statements.rq", union, None);
    let statement_rows = |said: &mut dyn Iterator<Item = &Value>| {
        let mut out = BTreeSet::new();
        for e in said {
            let st = node(g, &s(&e["target"]));
            for ev in e["evidence"].as_array().unwrap() {
                out.insert((
                    iri(&s(&e["source"])),
                    iri(&s(&e["target"])),
                    s(&st["text"]),
                    s(&ev["text"]),
                    ev["start"].to_string(),
                ));
            }
        }
        out
    };
    let key = |r: &Row| {
        (
            r["speaker"].clone(),
            r["statement"].clone(),
            r["text"].clone(),
            r["sentence"].clone(),
            r["start"].clone(),
        )
    };
    let got: BTreeSet<_> = rows.iter().map(key).collect();
    assert_eq!(got, statement_rows(&mut edges(g, "said")), "statements.rq");
    for r in &rows {
        let st = node(g, r["statement"].trim_start_matches(DEFAULT_BASE_IRI));
        assert_eq!(
            r.get("quoteKind"),
            st["quote"].as_str().map(String::from).as_ref()
        );
        assert_eq!(r.get("cue"), st["cue"].as_str().map(String::from).as_ref());
    }
    let speakers: BTreeSet<String> = edges(g, "said").map(|e| s(&e["source"])).collect();
    for sp in &speakers {
        let one = select(store, "statements.rq", union, Some(("speaker", &iri(sp))));
        let got: BTreeSet<_> = one.iter().map(key).collect();
        let mut theirs = edges(g, "said").filter(|e| e["source"] == sp.as_str());
        assert_eq!(got, statement_rows(&mut theirs), "statements.rq of {sp}");
        assert!(!got.is_empty());
    }
    counts.push(("statements.rq", rows.len()));

    // meetings: attendees and places
    let rows = select(store, "meetings.rq", union, None);
    let meetings: BTreeSet<String> = g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "Meeting")
        .map(|n| iri(&s(&n["id"])))
        .collect();
    assert_eq!(col(&rows, "meeting"), meetings, "meetings.rq: meetings");
    let got: BTreeSet<(String, String)> = rows
        .iter()
        .filter(|r| r.contains_key("attendee"))
        .map(|r| (r["meeting"].clone(), r["attendee"].clone()))
        .collect();
    let expected: BTreeSet<(String, String)> =
        attended.iter().map(|(a, m)| (iri(m), iri(a))).collect();
    assert_eq!(got, expected, "meetings.rq: attendees");
    for m in g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "Meeting")
    {
        let r: Vec<&Row> = rows
            .iter()
            .filter(|r| r["meeting"] == iri(&s(&m["id"])))
            .collect();
        if let Some(p) = m["place"].as_str() {
            assert!(
                r.iter().any(|r| r.get("place") == Some(&iri(p))),
                "place of {m}"
            );
        }
        if let Some(d) = m["date"].as_str() {
            assert!(
                r.iter()
                    .all(|r| r.get("date").map(String::as_str) == Some(d))
            );
        }
    }
    counts.push(("meetings.rq", rows.len()));
    counts
}

#[test]
fn sample_jsonld_answers_the_shipped_queries_as_the_graph_json_says() {
    let g: Value = serde_json::from_slice(&sample("json")).unwrap();
    let store = load(jsonld(), &sample("jsonld"));
    let counts = check_queries(&g, &store, false);
    // the sample has statements whatever the state of relation extraction
    assert!(counts.iter().any(|(q, n)| *q == "statements.rq" && *n > 0));
}

#[test]
fn sample_turtle_and_nquads_load_and_answer_the_same() {
    let g: Value = serde_json::from_slice(&sample("json")).unwrap();
    let turtle = load(RdfFormat::Turtle, &sample("turtle"));
    let from_jsonld = load(jsonld(), &sample("jsonld"));
    assert_eq!(turtle.len().unwrap(), from_jsonld.len().unwrap());
    check_queries(&g, &turtle, false);

    let nquads = load(RdfFormat::NQuads, &sample("nquads"));
    // one named graph per document, named by the document IRI; nothing in the default graph
    let graphs: BTreeSet<String> = nquads
        .named_graphs()
        .map(|g| g.unwrap().to_string())
        .collect();
    let documents: BTreeSet<String> = g["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "<{}>",
                newsgraph::formats::document_iri(DEFAULT_BASE_IRI, &s(&d["id"]))
            )
        })
        .collect();
    assert_eq!(graphs, documents);
    check_queries(&g, &nquads, true);
}

fn ev(doc: &str, start: usize, text: &str) -> Evidence {
    Evidence {
        document: doc.into(),
        start,
        end: start + text.len(),
        text: text.into(),
    }
}

/// Every relation, statements by two speakers, a meeting, and names that would break
/// naive quoting in SPARQL, JSON-LD or IRIs.
fn built() -> Graph {
    let mut g = Graph::new();
    let doc = "doc \"1\"";
    let person = |id: &str, name: &str| {
        let mut n = Node::new(id, NodeKind::Person, name);
        n.documents.insert(doc.into());
        n
    };
    g.add_node(person("person/a", "Ana \"Quote\" O'Neil <b>&amp;"));
    g.add_node(person("person/b", "Bo\\ \n Ünal 😀"));
    g.add_node(person("person/c c#?", "C \u{202E}rtl"));
    let mut org = Node::new("org/x", NodeKind::Organization, "X } . ; <>");
    org.documents.insert(doc.into());
    g.add_node(org);
    let mut place = Node::new("place/p", NodeKind::Place, "Port");
    place.documents.insert(doc.into());
    g.add_node(place);
    let mut prop = Node::new("proposal/plan", NodeKind::Proposal, "the plan");
    prop.documents.insert(doc.into());
    g.add_node(prop);
    let mut m = Node::new("meeting/d/1", NodeKind::Meeting, "meeting");
    m.documents.insert(doc.into());
    m.place = Some("place/p".into());
    m.date = Some("2025-12-02".into());
    m.when = Some("Tuesday".into());
    m.status = Some(Status::Held);
    m.evidence
        .push(ev(doc, 0, "A and C met in Port on Tuesday."));
    g.add_node(m);
    for (i, (who, text, quote)) in [
        ("person/a", "We \"agreed\"\n on it", QuoteKind::Direct),
        ("person/a", "it would fail", QuoteKind::Indirect),
        ("person/b", "no ' comment \\", QuoteKind::Direct),
    ]
    .into_iter()
    .enumerate()
    {
        let id = format!("statement/d/{i}");
        let mut st = Node::new(id.as_str(), NodeKind::Statement, text);
        st.text = Some(text.into());
        st.quote = Some(quote);
        st.cue = Some("said".into());
        st.documents.insert(doc.into());
        g.add_node(st);
        let mut e = Edge::new(
            Relation::Said,
            0.8,
            vec![ev(doc, 100 * i, &format!("Sentence {i}: \"{text}\""))],
        );
        e.cue = Some("said".into());
        g.add_edge(who, &id, e);
    }
    let stance = |r, c| Edge::new(r, c, vec![ev(doc, 500, "B warned A, and \"more\".")]);
    g.add_edge("person/b", "person/a", stance(Relation::Warned, 0.7));
    g.add_edge("person/a", "person/b", stance(Relation::MetWith, 0.9));
    g.add_edge("person/a", "proposal/plan", stance(Relation::Proposed, 0.6));
    g.add_edge("person/b", "proposal/plan", stance(Relation::Opposes, 0.6));
    g.add_edge("org/x", "proposal/plan", stance(Relation::Supports, 0.5));
    g.add_edge("person/b", "org/x", stance(Relation::Criticized, 0.5));
    g.add_edge("person/a", "meeting/d/1", stance(Relation::Attended, 0.8));
    g.add_edge(
        "person/c c#?",
        "meeting/d/1",
        stance(Relation::Attended, 0.8),
    );
    g.add_edge("meeting/d/1", "place/p", stance(Relation::HeldIn, 0.8));
    g
}

#[test]
fn every_query_answers_on_a_graph_with_every_relation_and_hostile_names() {
    let graph = built();
    let opts = ExportOptions::default();
    let g: Value =
        serde_json::from_slice(&exporter("json").unwrap().export(&graph, &opts)).unwrap();
    let store = load(jsonld(), &exporter("jsonld").unwrap().export(&graph, &opts));
    let counts = check_queries(&g, &store, false);
    for (q, n) in &counts {
        assert!(*n > 0, "{q} answered nothing");
    }
    // names come back exactly
    let rows = select(&store, "warned.rq", false, None);
    assert_eq!(rows[0]["whoName"], "Bo\\ \n Ünal 😀");
    assert_eq!(rows[0]["whomName"], "Ana \"Quote\" O'Neil <b>&amp;");
    let nquads = load(
        RdfFormat::NQuads,
        &exporter("nquads").unwrap().export(&graph, &opts),
    );
    check_queries(&g, &nquads, true);
    let turtle = load(
        RdfFormat::Turtle,
        &exporter("turtle").unwrap().export(&graph, &opts),
    );
    check_queries(&g, &turtle, false);
}
