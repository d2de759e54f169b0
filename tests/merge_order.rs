//! Merging is order-independent: graphs of distinct documents merged in any order and
//! any grouping (a tree reduction over partitions of a corpus, as the Python package's
//! distributed example does) give the graph of merging the documents one by one in
//! document-id order, which is what `newsgraph extract FOLDER` does; resolving across
//! documents once at the end then gives the CLI's graph.

use std::process::Command;

use newsgraph::corpus::resolve_across;
use newsgraph::formats::{ExportOptions, Exporter, json::Json};
use newsgraph::graph::{Edge, Evidence, Node, NodeKind, Relation, Status};
use newsgraph::{Document, Graph, Pipeline};
use proptest::prelude::*;

fn json(g: &Graph) -> String {
    String::from_utf8(Json.export(g, &ExportOptions::default())).unwrap()
}

/// Merges the graphs in the given order.
fn merge_all<'a>(graphs: impl IntoIterator<Item = &'a Graph>) -> Graph {
    let mut all = Graph::new();
    for g in graphs {
        all.merge(g);
    }
    all
}

/// Merges by a tree: `shape` picks where each level splits (any bits give some tree).
fn merge_tree(graphs: &[Graph], shape: &mut impl Iterator<Item = usize>) -> Graph {
    match graphs {
        [] => Graph::new(),
        [one] => one.clone(),
        _ => {
            let at = 1 + shape.next().unwrap_or(0) % (graphs.len() - 1);
            let mut left = merge_tree(&graphs[..at], shape);
            let right = merge_tree(&graphs[at..], shape);
            // the right half into the left one, or the other way round
            if shape.next().unwrap_or(0).is_multiple_of(2) {
                left.merge(&right);
                left
            } else {
                let mut right = right;
                right.merge(&left);
                right
            }
        }
    }
}

/// Invented articles that name the same actors with different surface forms and state
/// the same relations with different cue words, so that merge order could matter.
const ARTICLES: &[(&str, &str)] = &[
    (
        "a.txt",
        "Harbour Talks\n\nTrade Minister Olaf Brandt met Lena Kowalczyk in Vienna on Monday. \
         Critics said the talks would fail. \"We will not accept new tariffs,\" Brandt told \
         reporters.\n",
    ),
    (
        "b.txt",
        "Tariff Row\n\nOlaf Brandt meets Lena Kowalczyk in Geneva next week. critics warned \
         that the tariffs would hurt exporters. Kowalczyk criticised Brandt.\n",
    ),
    (
        "c.txt",
        "Port Strike\n\nCRITICS said the strike would spread. Lena Kowalczyk attacked Olaf \
         Brandt over the tariffs. Brandt warned the Harbour Workers Federation.\n",
    ),
    (
        "d.txt",
        "Union Vote\n\nThe Harbour Workers Federation (HWF) backed Kowalczyk. Brandt said \
         the HWF would lose. Olaf Brandt held talks with Lena Kowalczyk on Friday.\n",
    ),
    (
        "e.txt",
        "Tariff Warning\n\nBrandt warned on Tuesday that the tariffs would hurt exporters.\n\n\
         Kowalczyk said the union would strike.\n",
    ),
];

fn per_document() -> Vec<Graph> {
    let p = Pipeline::default();
    ARTICLES
        .iter()
        .map(|(id, text)| p.extract(&Document::new(*id, *text)))
        .collect()
}

#[test]
fn the_invented_articles_disagree_on_names_and_cues() {
    // without disagreement the order tests below would prove nothing
    let graphs = per_document();
    let forward = json(&merge_all(graphs.iter()));
    let mut names = std::collections::BTreeMap::<String, Vec<String>>::new();
    for g in &graphs {
        for n in g.nodes() {
            names.entry(n.id.clone()).or_default().push(n.name.clone());
        }
    }
    assert!(
        names.values().any(|v| v.iter().any(|n| n != &v[0])),
        "some node must be named differently in two articles: {names:?}"
    );
    let mut cues = std::collections::BTreeMap::<String, Vec<String>>::new();
    for g in &graphs {
        for e in g.edges() {
            let key = format!("{} {:?} {}", e.source.id, e.edge.relation, e.target.id);
            cues.entry(key).or_default().extend(e.edge.cue.clone());
        }
    }
    assert!(
        cues.values().any(|v| v.iter().any(|c| c != &v[0])),
        "some edge must have different cues in two articles: {cues:?}"
    );
    assert!(forward.contains("\"Critics\""));
}

#[test]
fn every_order_of_real_document_graphs_gives_the_same_graph() {
    let graphs = per_document();
    let expected = json(&merge_all(graphs.iter()));
    // all 120 orders
    let mut order: Vec<usize> = (0..graphs.len()).collect();
    let mut seen = 0;
    permute(&mut order, 0, &mut |o| {
        let got = json(&merge_all(o.iter().map(|&i| &graphs[i])));
        assert_eq!(got, expected, "order {o:?}");
        seen += 1;
    });
    assert_eq!(seen, 120);
    // the name and cue of the earliest document win: "Critics" (a.txt), "met" (a.txt)
    let g = merge_all(graphs.iter().rev());
    let critics = g.node("group/critics").expect("group/critics");
    assert_eq!(critics.name, "Critics");
    assert!(critics.aliases.contains("critics"));
    let met = g
        .edges()
        .into_iter()
        .find(|e| e.edge.relation == Relation::MetWith)
        .expect("a met-with edge");
    assert_eq!(met.edge.cue.as_deref(), Some("met"));
}

fn permute(v: &mut Vec<usize>, k: usize, f: &mut impl FnMut(&[usize])) {
    if k == v.len() {
        f(v);
        return;
    }
    for i in k..v.len() {
        v.swap(k, i);
        permute(v, k + 1, f);
        v.swap(k, i);
    }
}

#[test]
fn trees_of_partitions_then_one_resolution_give_the_sequential_graph() {
    let graphs = per_document();
    let mut expected = merge_all(graphs.iter());
    assert!(resolve_across(&mut expected) > 0, "something is joined");
    let expected = json(&expected);
    for seed in 0..64usize {
        let mut shape = (0..).map(move |i: usize| (seed * 7919 + i * 104_729) >> (i % 5));
        let mut g = merge_tree(&graphs, &mut shape);
        resolve_across(&mut g);
        assert_eq!(json(&g), expected, "tree {seed}");
    }
}

#[test]
fn resolution_is_not_associative_so_partitions_merge_unresolved() {
    // "Hale" joins the one person whose full name ends with it: within a partition that
    // holds only "Maria Hale" it would join her, but the corpus also has "Nick Hale"
    let doc = |id: &str, name: &str| {
        let mut g = Graph::new();
        g.documents.push(newsgraph::graph::DocumentInfo {
            id: id.into(),
            ..Default::default()
        });
        let mut n = Node::new(
            format!("person/{}", newsgraph::graph::slug(name)),
            NodeKind::Person,
            name,
        );
        n.documents.insert(id.into());
        n.evidence.push(ev(id, 0));
        g.add_node(n);
        g
    };
    let graphs = [
        doc("a", "Maria Hale"),
        doc("b", "Hale"),
        doc("c", "Nick Hale"),
    ];
    let mut once = merge_all(graphs.iter());
    assert_eq!(
        resolve_across(&mut once),
        0,
        "two candidates: nothing joined"
    );
    let mut early = merge_all(graphs[..2].iter());
    assert_eq!(resolve_across(&mut early), 1);
    early.merge(&graphs[2]);
    resolve_across(&mut early);
    assert!(once.node("person/hale").is_some());
    assert!(early.node("person/hale").is_none());
}

#[test]
fn the_cli_merges_graph_files_the_same_in_any_order() {
    let dir = std::env::temp_dir().join(format!("newsgraph-merge-order-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut files = Vec::new();
    for (g, (id, _)) in per_document().iter().zip(ARTICLES) {
        let p = dir.join(format!("{id}.json"));
        std::fs::write(&p, Json.export(g, &ExportOptions::default())).unwrap();
        files.push(p.to_string_lossy().into_owned());
    }
    let merge = |files: &[String]| {
        let out = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
            .arg("merge")
            .args(files)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        out.stdout
    };
    let forward = merge(&files);
    files.reverse();
    assert_eq!(merge(&files), forward);
    files.swap(0, 2);
    assert_eq!(merge(&files), forward);
    let _ = std::fs::remove_dir_all(&dir);
}

fn ev(doc: &str, start: usize) -> Evidence {
    Evidence {
        document: doc.into(),
        start,
        end: start + 1,
        text: "x".into(),
    }
}

/// One document's graph: nodes from a small pool of ids with varying surface forms,
/// edges between them with varying cues, confidences and statuses.
fn doc_graph(doc: String, nodes: Vec<(u8, u8)>, edges: Vec<(u8, u8, u8, u8, bool, u8)>) -> Graph {
    const NAMES: [[&str; 3]; 4] = [
        ["Ana Ruiz", "ANA RUIZ", "Ana-Ruiz"],
        ["Kalo Renvo", "Kalo  Renvo", "KALO RENVO"],
        ["critics", "Critics", "CRITICS"],
        ["Freedonia", "FREEDONIA", "freedonia"],
    ];
    const IDS: [(&str, NodeKind); 4] = [
        ("person/ana-ruiz", NodeKind::Person),
        ("person/kalo-renvo", NodeKind::Person),
        ("group/critics", NodeKind::Group),
        ("place/freedonia", NodeKind::Place),
    ];
    const RELATIONS: [Relation; 3] = [Relation::MetWith, Relation::Warned, Relation::Supports];
    const CUES: [&str; 3] = ["met", "warned", "backed"];
    let mut g = Graph::new();
    g.documents.push(newsgraph::graph::DocumentInfo {
        id: doc.clone(),
        ..Default::default()
    });
    for (i, v) in nodes {
        let (id, kind) = IDS[i as usize % 4];
        let mut n = Node::new(id, kind, NAMES[i as usize % 4][v as usize % 3]);
        n.documents.insert(doc.clone());
        n.evidence.push(ev(&doc, usize::from(v)));
        g.add_node(n);
    }
    for (s, t, r, c, planned, conf) in edges {
        let (s, t) = (IDS[s as usize % 4].0, IDS[t as usize % 4].0);
        let mut e = Edge::new(
            RELATIONS[r as usize % 3],
            f32::from(conf % 11) / 10.0,
            vec![ev(&doc, usize::from(c))],
        );
        e.cue = Some(CUES[c as usize % 3].to_string());
        e.status = planned.then_some(Status::Planned);
        g.add_edge(s, t, e);
    }
    g
}

fn arb_doc_graph(doc: String) -> impl Strategy<Value = Graph> {
    (
        prop::collection::vec((0u8..4, 0u8..3), 0..5),
        prop::collection::vec(
            (0u8..4, 0u8..4, 0u8..3, 0u8..9, any::<bool>(), 0u8..11),
            0..6,
        ),
    )
        .prop_map(move |(n, e)| doc_graph(doc.clone(), n, e))
}

fn arb_corpus() -> impl Strategy<Value = Vec<Graph>> {
    (1usize..7).prop_flat_map(|k| {
        (0..k)
            .map(|i| arb_doc_graph(format!("doc-{i:02}")))
            .collect::<Vec<_>>()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any order and any tree over any grouping (consecutive or not) of the documents
    /// give the graph of merging them one by one in document-id order.
    #[test]
    fn merge_is_commutative_and_associative(
        graphs in arb_corpus(),
        order in prop::collection::vec(any::<usize>(), 8),
        shape in prop::collection::vec(any::<usize>(), 32),
    ) {
        let expected = json(&merge_all(graphs.iter()));
        let mut shuffled = graphs.clone();
        for (i, r) in order.iter().enumerate().take(shuffled.len()) {
            let j = r % shuffled.len();
            shuffled.swap(i, j);
        }
        prop_assert_eq!(&json(&merge_all(shuffled.iter())), &expected);
        let mut bits = shape.iter().copied().cycle();
        prop_assert_eq!(&json(&merge_tree(&shuffled, &mut bits)), &expected);
        // merging a graph with itself changes nothing
        let mut twice = merge_all(graphs.iter());
        twice.merge(&merge_all(graphs.iter()));
        prop_assert_eq!(&json(&twice), &expected);
    }
}
