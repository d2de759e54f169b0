//! Hostile and broken input: every input gives an exit code or a graph, never a panic, a
//! hang or a broken output. The inputs are generated here (no large files in the repo);
//! sizes stay around 1 MB so the debug-mode suite stays quick. The 20 MB case and the
//! 1×/2×/4× timing table are `#[ignore]`d: run them with
//! `cargo test --release --test hostile -- --ignored --nocapture`.

mod common;
use common::{cypher_strings, xml_safe};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Instant;

use newsgraph::formats::{self as export, ExportOptions};
use newsgraph::stages::segment::MAX_SENTENCE_TOKENS;
use newsgraph::{Document, Graph, Pipeline};

// ------------------------------------------------------------------ generators

/// Deterministic pseudo-random numbers (xorshift), so every run sees the same input.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// An invented capitalized name part (no real people: syllables put together).
fn name_part(rng: &mut Rng) -> String {
    const SYL: &[&str] = &[
        "ka", "lo", "ren", "vo", "mi", "tal", "dor", "sen", "qui", "bar", "zel", "nu", "pra",
        "hov", "lin", "gam",
    ];
    let n = 2 + rng.below(2);
    let mut s: String = (0..n).map(|_| SYL[rng.below(SYL.len())]).collect();
    s[..1].make_ascii_uppercase();
    s
}

/// Random words over a small vocabulary of titles, given names, surnames, cue verbs,
/// quote marks, punctuation and a few function words, with no newline: a scraped page
/// without paragraph breaks (`tools/hostile_gen.py longline`, same seed).
fn long_line(size: usize) -> Vec<u8> {
    const CLASSES: &[&[&str]] = &[
        &[
            "President",
            "Minister",
            "Foreign Minister",
            "Prime Minister",
            "Mr.",
            "Mrs.",
            "Senator",
            "Ambassador",
        ],
        &["Tomas", "Ana", "Kalo", "Dora", "Mira", "Pavel"],
        &["Hale", "Ruiz", "Renvo", "Senqui", "Vartan", "Orlo"],
        &[
            "said",
            "told",
            "added",
            "warned",
            "stated",
            "according to",
            "says",
        ],
        &["\"", "\u{201c}", "\u{201d}", "'", "\u{2018}", "\u{2019}"],
        &[",", ".", ";", ":", "\u{2014}", "(", ")", "?"],
        &[
            "the",
            "talks",
            "would",
            "not",
            "we",
            "reporters",
            "on",
            "Monday",
        ],
    ];
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let mut out = String::with_capacity(size + 32);
    while out.len() < size {
        let class = CLASSES[rng.below(CLASSES.len())];
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(class[rng.below(class.len())]);
    }
    out.into_bytes()
}

/// Paragraphs `"…," said Tomas Hale. "…," said {second}.`: one speaker with a statement
/// per paragraph, a node with as many edges (`tools/hostile_gen.py hub` and `pronoun`).
fn speaker_paragraphs(size: usize, second: &str) -> Vec<u8> {
    let mut out = String::with_capacity(size + 128);
    let mut i = 0;
    while out.len() < size {
        out.push_str(&format!(
            "\"We will hold the line on item {i},\" said Tomas Hale. \
             \"The talks on item {i} are over,\" said {second}.\n\n"
        ));
        i += 1;
    }
    out.into_bytes()
}

/// The hostile inputs, each about `size` bytes, by name.
fn hostile_inputs(size: usize) -> Vec<(&'static str, Vec<u8>)> {
    let rep = |unit: &str| unit.repeat(size / unit.len().max(1) + 1).into_bytes();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut names = String::new();
    while names.len() < size {
        let (a, b) = (name_part(&mut rng), name_part(&mut rng));
        names.push_str(&format!(
            "Minister {a} {b} met {b} and {a}. \"We disagree,\" {b} said. "
        ));
    }
    let mut pronouns = String::new();
    while pronouns.len() < size {
        let (a, b, c, d) = (
            name_part(&mut rng),
            name_part(&mut rng),
            name_part(&mut rng),
            name_part(&mut rng),
        );
        pronouns.push_str(&format!(
            "Minister {a} {b} met Mrs. {c} {d}. He said she agreed. \"We will,\" she said. He warned her. "
        ));
    }
    let mut distinct = String::new();
    while distinct.len() < size {
        let (a, b, c) = (
            name_part(&mut rng),
            name_part(&mut rng),
            name_part(&mut rng),
        );
        distinct.push_str(&format!(
            "President {a} {b} of the {c} Council (PC) warned {c} {b}, whose {b} {a} said he would. "
        ));
    }
    vec![
        ("no newline, no sentence end", rep("word ")),
        ("one long token", rep("a")),
        ("straight quotation marks", rep("\"")),
        ("spaced straight quotes", rep("\" ")),
        ("curly quotes, unbalanced", rep("“ Yes ")),
        ("quotes around each word", rep("\"Hale\" said ")),
        ("long sentence", rep("the envoy met the minister and ")),
        ("repeated title", {
            let mut v = rep("President ");
            v.extend_from_slice(b"Kalo Renvo met them.");
            v
        }),
        ("capitalized words", rep("Kalo ")),
        (
            "demonyms before title words",
            rep(&format!(
                "{}{}Bank. ",
                "Russian ".repeat(99),
                "Deputy ".repeat(99)
            )),
        ),
        ("capitalized words with stops", rep("Kalo Renvo. ")),
        ("surname after many full names", names.into_bytes()),
        ("thousands of distinct names", distinct.into_bytes()),
        ("names and pronouns", pronouns.into_bytes()),
        ("long line of news words", long_line(size)),
        (
            "one speaker, many statements",
            speaker_paragraphs(size, "Ana Ruiz"),
        ),
        ("repeated pronoun speakers", speaker_paragraphs(size, "her")),
        ("dotted token", rep("a.")),
        ("digit groups", rep("1,000")),
        ("hyphens", rep("U.S.-")),
        ("apostrophes", rep("O'")),
        ("dashes", rep("— ")),
        ("brackets", rep("(")),
        ("blank lines", rep("\n\n")),
        ("carriage returns", rep("Kalo said.\r")),
        ("crlf paragraphs", rep("Kalo Renvo said no.\r\n\r\n")),
        ("short headings", rep("A Heading\n")),
        ("pronouns", rep("He said she said. ")),
        (
            "control characters",
            rep("Kalo\u{1b}Renvo\u{7}\u{b}\u{c} said\u{85}\u{2028}. "),
        ),
        (
            "right-to-left marks",
            rep("\u{200f}Kalo \u{202e}Renvo\u{200e} said. "),
        ),
        ("combining marks", rep("e\u{301}\u{301}\u{301}")),
        ("invalid UTF-8", {
            let mut v = rep("Kalo Renvo said “no”. ");
            for i in (0..v.len()).step_by(97) {
                v[i] = 0xC3;
            }
            v
        }),
        (
            "latin-1",
            rep("Ren\u{e9} said no. ")
                .iter()
                .map(|&b| b & 0x7F)
                .collect(),
        ),
        ("utf-16, odd length", {
            let mut v = vec![0xFF, 0xFE];
            for u in "Kalo Renvo said “no”. "
                .repeat(size / 40 + 1)
                .encode_utf16()
            {
                v.extend_from_slice(&u.to_le_bytes());
            }
            v.push(b'x');
            v
        }),
        ("utf-16 lone surrogates", {
            let mut v = vec![0xFE, 0xFF];
            for _ in 0..size / 4 {
                v.extend_from_slice(&[0xD8, 0x00, 0x00, 0x41]);
            }
            v
        }),
        ("BOM only", "\u{feff}".into()),
        ("empty", Vec::new()),
    ]
}

// ------------------------------------------------------------------ checks

/// Runs the pipeline and every exporter; checks what must hold of any output.
fn check_everything(name: &str, bytes: &[u8]) -> Graph {
    let doc = match Document::from_bytes("doc", bytes) {
        Ok(d) => d,
        Err(_) => return Graph::new(),
    };
    let graph = Pipeline::default().extract(&doc);
    check_graph(name, &doc, &graph);
    graph
}

fn check_graph(name: &str, doc: &Document, graph: &Graph) {
    for e in graph.edges() {
        assert!(graph.node(&e.source.id).is_some(), "{name}: dangling edge");
        assert!(graph.node(&e.target.id).is_some(), "{name}: dangling edge");
        for ev in &e.edge.evidence {
            assert_eq!(
                doc.text.get(ev.start..ev.end),
                Some(ev.text.as_str()),
                "{name}: evidence span"
            );
        }
    }
    for n in graph.nodes() {
        for ev in &n.evidence {
            assert_eq!(
                doc.text.get(ev.start..ev.end),
                Some(ev.text.as_str()),
                "{name}: node evidence span"
            );
        }
    }
    let opts = ExportOptions::default();
    for f in export::FORMATS {
        let bytes = export::exporter(f).unwrap().export(graph, &opts);
        match *f {
            "json" => {
                let back = export::json::read(&bytes)
                    .unwrap_or_else(|e| panic!("{name}: graph JSON does not read back: {e}"));
                assert_eq!(back.node_count(), graph.node_count(), "{name}");
                assert_eq!(back.edge_count(), graph.edge_count(), "{name}");
            }
            "jsonld" => {
                serde_json::from_slice::<serde_json::Value>(&bytes)
                    .unwrap_or_else(|e| panic!("{name}: JSON-LD is not JSON: {e}"));
            }
            "turtle" => {
                for t in oxttl::TurtleParser::new().for_slice(&bytes) {
                    t.unwrap_or_else(|e| panic!("{name}: Turtle does not parse: {e}"));
                }
            }
            "nquads" => {
                for q in oxttl::NQuadsParser::new().for_slice(&bytes) {
                    q.unwrap_or_else(|e| panic!("{name}: N-Quads do not parse: {e}"));
                }
            }
            "graphml" => {
                let s = std::str::from_utf8(&bytes).expect("GraphML is UTF-8");
                roxmltree::Document::parse(s)
                    .unwrap_or_else(|e| panic!("{name}: GraphML is not XML: {e}"));
            }
            _ => assert!(std::str::from_utf8(&bytes).is_ok(), "{name}: {f} is UTF-8"),
        }
    }
}

#[test]
fn hostile_inputs_give_graphs_that_export_everywhere() {
    for (name, bytes) in hostile_inputs(30_000) {
        check_everything(name, &bytes);
    }
}

/// What a graph says, without where: node ids, kinds and names, statement texts, and
/// edges by endpoints and relation.
fn facts(g: &Graph) -> (Vec<String>, Vec<String>) {
    let nodes = g
        .nodes()
        .map(|n| format!("{} {:?} {} {:?}", n.id, n.kind, n.name, n.text))
        .collect();
    let edges = g
        .edges()
        .iter()
        .map(|e| {
            format!(
                "{} {} {}",
                e.source.id,
                e.edge.relation.as_str(),
                e.target.id
            )
        })
        .collect();
    (nodes, edges)
}

fn extract(text: &str) -> Graph {
    let doc = Document::new("doc", text);
    let g = Pipeline::default().extract(&doc);
    check_graph(text, &doc, &g);
    g
}

#[test]
fn a_control_character_inside_a_name_reads_as_a_space() {
    let plain = "Talks\n\nMinister Kalo Renvo met Dora Senqui in Lisbon. \
                 \"We will not give up,\" Renvo said. Renvo warned Senqui.\n";
    for c in ['\u{1b}', '\u{7}', '\0', '\u{7f}'] {
        let odd = plain.replacen("Kalo Renvo", &format!("Kalo{c}Renvo"), 1);
        let g = extract(&odd);
        assert_eq!(facts(&g), facts(&extract(plain)), "{c:?}");
        // one Renvo, named as the plain form
        let renvo: Vec<_> = g
            .nodes()
            .filter(|n| n.kind == newsgraph::graph::NodeKind::Person && n.name.contains("Renvo"))
            .collect();
        assert_eq!(renvo.len(), 1, "{c:?}: {renvo:?}");
        assert_eq!(renvo[0].name, "Kalo Renvo");
        // the evidence keeps the byte as written
        assert!(
            renvo[0].evidence.iter().any(|e| e.text.contains(c)),
            "{c:?}"
        );
    }
}

#[test]
fn backslash_escaped_quote_marks_read_as_the_marks() {
    let plain = "Talks\n\nMinister Kalo Renvo met Dora Senqui in Lisbon. \
                 \"We will not give up,\" Renvo said. \
                 Senqui said: \"The talks are over.\"\n\n\
                 \"Nobody wants this,\" she added.\n";
    let escaped = plain.replace('"', "\\\"");
    assert!(escaped.contains("\\\"We will"));
    let (nodes, edges) = facts(&extract(plain));
    assert!(
        edges.iter().filter(|e| e.contains(" said ")).count() >= 3,
        "{edges:?}"
    );
    assert_eq!(facts(&extract(&escaped)), (nodes, edges));
}

/// Inputs that once crashed or broke an invariant (found by fuzzing and by these tests),
/// kept small.
const REGRESSIONS: &[&[u8]] = &[
    // roles: a name and a comma at the very end put the appositive past the last token
    b"Kalo Renvo met Dora Senqui,",
    b"Minister Kalo Renvo,",
    // segment: closing brackets after a period were absorbed past the sentence cap
    b"Talks\n\nKalo Renvo met Dora Senqui in Lisbon .)))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))) Then.",
    // segment: a title of more tokens than the sentence cap
    b"a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a\n\nBody.",
];

#[test]
fn regressions_stay_fixed() {
    for (i, bytes) in REGRESSIONS.iter().enumerate() {
        let name = format!("regression {i}");
        check_everything(&name, bytes);
        let doc = Document::from_bytes("doc", bytes).unwrap();
        let seg = newsgraph::stages::segment::segment(&doc);
        assert!(
            seg.sentences
                .iter()
                .all(|s| s.tokens.len() <= MAX_SENTENCE_TOKENS),
            "{name}"
        );
    }
}

#[test]
fn segmentation_is_capped_and_in_order() {
    for (name, bytes) in hostile_inputs(1_000_000) {
        let Ok(doc) = Document::from_bytes("doc", &bytes) else {
            continue;
        };
        let seg = newsgraph::stages::segment::segment(&doc);
        let mut prev = 0;
        for t in &seg.tokens {
            assert!(t.span.start >= prev && t.span.start < t.span.end, "{name}");
            assert!(doc.text.is_char_boundary(t.span.start), "{name}");
            assert!(doc.text.is_char_boundary(t.span.end), "{name}");
            prev = t.span.end;
        }
        for s in &seg.sentences {
            assert!(s.tokens.len() <= MAX_SENTENCE_TOKENS, "{name}");
        }
    }
}

#[test]
fn megabyte_inputs_finish() {
    // no timing assertion (debug builds on a loaded machine vary): the caps make the
    // work linear, and `timings_grow_linearly` prints the numbers
    for (name, bytes) in hostile_inputs(1_000_000) {
        if matches!(
            name,
            "no newline, no sentence end" | "straight quotation marks"
        ) {
            check_everything(name, &bytes);
        }
    }
}

/// Prints the time of each hostile input at 1×, 2× and 4× its size; a ratio near 2
/// per doubling is linear. `cargo test --release --test hostile -- --ignored --nocapture`;
/// `HOSTILE_BASE=bytes` sets the 1× size (250 KB unless set; issue 17's check times the
/// megabyte shapes), `HOSTILE_ONLY=text` picks inputs by name.
#[test]
#[ignore = "prints timings; run in release"]
fn timings_grow_linearly() {
    let base = std::env::var("HOSTILE_BASE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(250_000usize);
    let sizes = [base, 2 * base, 4 * base];
    let mut worst: f64 = 0.0;
    let only = std::env::var("HOSTILE_ONLY").unwrap_or_default();
    for (i, (name, _)) in hostile_inputs(16).iter().enumerate() {
        if !name.contains(only.as_str()) {
            continue;
        }
        let mut times = Vec::new();
        for &n in &sizes {
            let bytes = hostile_inputs(n).swap_remove(i).1;
            let t = Instant::now();
            let doc = Document::from_bytes("doc", &bytes);
            if let Ok(doc) = doc {
                let g = Pipeline::default().extract(&doc);
                for f in export::FORMATS {
                    export::exporter(f)
                        .unwrap()
                        .export(&g, &ExportOptions::default());
                }
            }
            times.push(t.elapsed().as_secs_f64());
        }
        let ratio = times[2] / times[0].max(1e-3);
        worst = worst.max(ratio);
        println!(
            "{name:32} {:>8.3}s {:>8.3}s {:>8.3}s  4x/1x = {ratio:.1}",
            times[0], times[1], times[2]
        );
    }
    println!("worst 4x/1x ratio: {worst:.1} (linear: about 4)");
}

#[test]
#[ignore = "20 MB; run in release"]
fn twenty_megabytes_without_a_newline() {
    let bytes = "word ".repeat(4_000_000).into_bytes();
    let t = Instant::now();
    check_everything("20 MB", &bytes);
    println!("20 MB without newline or sentence end: {:.2?}", t.elapsed());
}

/// Seconds `newsgraph extract` takes on a file of these bytes (a fresh process each time,
/// as a user runs it; `timings_grow_linearly` times the library with every exporter):
/// the best of `runs` (a shared machine adds noise, never removes it).
fn extract_seconds(bytes: &[u8], runs: usize) -> f64 {
    let dir = temp_dir("timing");
    let input = dir.join("in.txt");
    let output = dir.join("out.json");
    std::fs::write(&input, bytes).unwrap();
    let mut best = f64::INFINITY;
    for _ in 0..runs {
        let t = Instant::now();
        let o = run(&[
            "extract",
            "-q",
            input.to_str().unwrap(),
            "-o",
            output.to_str().unwrap(),
        ]);
        best = best.min(t.elapsed().as_secs_f64());
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    let _ = std::fs::remove_dir_all(&dir);
    best
}

/// Issue 17's shapes with their ratios asserted: a long line of news words (20 MB at most
/// 12× the time of 2 MB), one speaker with a statement per paragraph and the same with a
/// pronoun speaker (4× the size at most 6× the time; the quadratic bug read 7×). `HOSTILE_TABLE=1` also prints each
/// shape's time at 1×/2×/4×/8× of 1 MB (60 MB more to extract, so not in CI).
/// `cargo test --release --test hostile -- --ignored --nocapture issue_17`.
#[test]
#[ignore = "timings; run in release"]
fn issue_17_shapes_take_linear_time() {
    let base = 1_000_000;
    type Shape = fn(usize) -> Vec<u8>;
    let shapes: [(&str, Shape); 3] = [
        ("long line of news words", long_line),
        ("one speaker, many statements", |n| {
            speaker_paragraphs(n, "Ana Ruiz")
        }),
        ("repeated pronoun speakers", |n| {
            speaker_paragraphs(n, "her")
        }),
    ];
    let table = std::env::var_os("HOSTILE_TABLE").is_some();
    for (name, make) in shapes {
        if table {
            let t: Vec<f64> = [1, 2, 4, 8]
                .iter()
                .map(|k| extract_seconds(&make(k * base), 1))
                .collect();
            println!(
                "{name:30} {:>8.3}s {:>8.3}s {:>8.3}s {:>8.3}s  4x/1x = {:.2}",
                t[0],
                t[1],
                t[2],
                t[3],
                t[2] / t[0]
            );
        }
        if name.starts_with("long line") {
            // the best of two runs on each side: a shared machine's noise only ever adds
            // time, and one slow 20 MB run alone has come within 4% of the bound
            let small = extract_seconds(&make(2_000_000), 2);
            let large = extract_seconds(&make(20_000_000), 2);
            println!(
                "{name:30} 2 MB {small:.3}s, 20 MB {large:.3}s: {:.2}x",
                large / small
            );
            assert!(
                large <= 12.0 * small,
                "{name}: 20 MB {large:.3}s vs 2 MB {small:.3}s"
            );
        } else {
            // linear reads 3x-5x here (5.02x once in CI, best of two); the quadratic
            // add_edge issue 17 reported read 7x, so the bound sits at 6x
            let small = extract_seconds(&make(base / 2), 3);
            let large = extract_seconds(&make(2 * base), 3);
            println!("{name:30} 4x/1x = {:.2}", large / small);
            assert!(
                large <= 6.0 * small,
                "{name}: 4x {large:.3}s vs 1x {small:.3}s"
            );
        }
    }
}

/// A corpus of `docs` single-document graphs in each of which one hub actor said one
/// statement: merged one by one in document order, as `corpus::extract_all` does, the
/// hub ends with `docs` edges.
fn hub_corpus(docs: usize) -> Vec<Graph> {
    use newsgraph::graph::{DocumentInfo, Edge, Evidence, Node, NodeKind, Relation};
    (0..docs)
        .map(|i| {
            let d = format!("doc-{i:07}");
            let ev = |start: usize, text: &str| Evidence {
                document: d.clone(),
                start,
                end: start + text.len(),
                text: text.to_string(),
            };
            let mut g = Graph::new();
            g.documents.push(DocumentInfo {
                id: d.clone(),
                ..DocumentInfo::default()
            });
            let mut hub = Node::new("person/tomas-hale", NodeKind::Person, "Tomas Hale");
            hub.evidence.push(ev(0, "Tomas Hale"));
            hub.documents.insert(d.clone());
            g.add_node(hub);
            let sid = format!("statement/{d}/1");
            let mut st = Node::new(sid.as_str(), NodeKind::Statement, "We will hold");
            st.evidence.push(ev(20, "We will hold"));
            st.documents.insert(d.clone());
            g.add_node(st);
            let mut e = Edge::new(Relation::Said, 0.9, vec![ev(0, "Tomas Hale said")]);
            e.cue = Some("said".into());
            g.add_edge("person/tomas-hale", &sid, e);
            g
        })
        .collect()
}

/// Seconds to merge the graphs one by one into an empty graph.
fn merge_seconds(graphs: &[Graph]) -> (f64, Graph) {
    let t = Instant::now();
    let mut all = Graph::new();
    for g in graphs {
        all.merge(g);
    }
    (t.elapsed().as_secs_f64(), all)
}

/// Merging a corpus in which one node collects 100,000 edges: printed, and 4× the
/// documents at most 10× the time (n log n; a quadratic merge takes 16×).
#[test]
#[ignore = "timings; run in release"]
fn merging_a_hub_with_100000_edges_is_linear() {
    // the best of five runs each: a shared machine adds noise, never removes it
    let small = hub_corpus(25_000);
    let (quarter, g) = merge_seconds(&small);
    assert_eq!(g.edge_count(), 25_000);
    let quarter = (0..4).fold(quarter, |t, _| t.min(merge_seconds(&small).0));
    let large = hub_corpus(100_000);
    let (full, g) = merge_seconds(&large);
    let full = (0..4).fold(full, |t, _| t.min(merge_seconds(&large).0));
    assert_eq!(g.edge_count(), 100_000);
    assert_eq!(g.documents.len(), 100_000);
    println!(
        "merge, hub with 25,000 edges: {quarter:.3}s; with 100,000 edges: {full:.3}s ({:.2}x)",
        full / quarter
    );
    // nodes are found by id in a sorted map, edges by key in a hash map, evidence and
    // documents appended in order, so merging is n log n (4.6x by the log alone); measured
    // 4.3x to 8.1x (best of three; the 100,000-document graph outgrows the caches and its
    // vectors reallocate); walking a hub's edges made it 16x, so the bound is 10x
    assert!(
        full <= 10.0 * quarter,
        "100,000 {full:.3}s vs 25,000 {quarter:.3}s"
    );
}

// ------------------------------------------------------------------ the binary

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newsgraph"))
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("newsgraph-hostile-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn assert_no_panic(o: &Output) {
    let e = stderr(o);
    assert!(
        !e.contains("panicked") && !e.contains("RUST_BACKTRACE"),
        "panic: {e}"
    );
    assert!(o.status.code().is_some(), "killed by a signal: {e}");
}

#[test]
fn the_binary_never_panics_on_hostile_files() {
    let dir = temp_dir("files");
    for (i, (name, bytes)) in hostile_inputs(20_000).into_iter().enumerate() {
        let p = dir.join(format!("in{i}.txt"));
        std::fs::write(&p, &bytes).unwrap();
        let o = run(&["extract", p.to_str().unwrap()]);
        assert_no_panic(&o);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
        serde_json::from_slice::<serde_json::Value>(&o.stdout)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

#[test]
fn encodings_are_read_or_refused_with_the_file_named() {
    let dir = temp_dir("enc");
    let write = |name: &str, bytes: &[u8]| {
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        p.to_str().unwrap().to_string()
    };
    // UTF-8 with BOM and CRLF: no warning, spans into the bytes as they are
    let bom = write(
        "bom.txt",
        "\u{feff}Talks End\r\n\r\nMinister Kalo Renvo met Dora Senqui in Lisbon.\r\n".as_bytes(),
    );
    let o = run(&["extract", &bom]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
    // invalid UTF-8 in otherwise UTF-8 text: replaced, with a warning naming the file
    let bad = write(
        "bad.txt",
        b"Minister Kalo Renvo said \xe2\x80\x9cno\xe2\x80\x9d \xff\xfe.\n",
    );
    let o = run(&["extract", &bad]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("warning") && stderr(&o).contains(&bad),
        "{}",
        stderr(&o)
    );
    // binary: refused with exit 2 and the file named
    for (n, b) in [
        ("img.png", &b"\x89PNG\r\n\x1a\n\0\0\0"[..]),
        ("nul.txt", &b"text\0with nul"[..]),
        ("ctl.txt", &b"\x01\x02\x03\x04\x05\x06\x07\x08\x80\x81"[..]),
    ] {
        let p = write(n, b);
        let o = run(&["extract", &p]);
        assert_eq!(o.status.code(), Some(2), "{n}: {}", stderr(&o));
        assert!(stderr(&o).contains(&p), "{n}: {}", stderr(&o));
        assert!(o.stdout.is_empty());
    }
    // empty: an empty graph
    let empty = write("empty.txt", b"");
    let o = run(&["extract", &empty]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["nodes"].as_array().map(Vec::len), Some(0));
}

#[test]
fn stray_control_bytes_are_read_with_one_warning_and_binary_is_refused() {
    let dir = temp_dir("controls");
    let write = |name: &str, bytes: &[u8]| {
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        p.to_str().unwrap().to_string()
    };
    let body = "Talks End\n\nMinister Kalo Renvo met Dora Senqui in Lisbon on Monday. ".to_string()
        + &"The talks went on. ".repeat(60);
    // a NUL past the first kilobyte, an escape and a bell inside a name
    let stray = format!("{body}\0 \"We will not give up,\" Kalo\u{1b}Renvo\u{7} said.\n");
    let p = write("stray.txt", stray.as_bytes());
    let o = run(&["extract", &p]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let warnings: Vec<&str> = std::str::from_utf8(&o.stderr).unwrap().lines().collect();
    assert_eq!(warnings.len(), 1, "one warning: {warnings:?}");
    assert!(warnings[0].contains(&p) && warnings[0].contains("3 control bytes"));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    // evidence offsets point into the bytes as they are
    for n in v["nodes"].as_array().unwrap() {
        for e in n["evidence"].as_array().into_iter().flatten() {
            let (a, b) = (e["start"].as_u64().unwrap(), e["end"].as_u64().unwrap());
            assert_eq!(&stray[a as usize..b as usize], e["text"].as_str().unwrap());
        }
    }
    // the statement after the stray bytes is Kalo Renvo's
    let said: Vec<&serde_json::Value> = v["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["relation"] == "said")
        .collect();
    assert!(
        said.iter().any(|e| e["source"] == "person/kalo-renvo"),
        "{said:?}"
    );
    // binary: a NUL in the first kilobyte, or many NULs
    let early = format!("Talks\0 End\n\n{body}");
    let many: String = body.replace("on. ", "on.\0 ");
    for (n, b) in [("early.txt", early), ("many.txt", many)] {
        let p = write(n, b.as_bytes());
        let o = run(&["extract", &p]);
        assert_eq!(o.status.code(), Some(2), "{n}: {}", stderr(&o));
        assert!(stderr(&o).contains(&p) && stderr(&o).contains("not a text file"));
    }
    // JSONL: a record with stray control characters is read with a warning naming the
    // file and line; a record that looks binary fails alone (exit 4)
    let rec = |id: &str, text: &str| serde_json::json!({"id": id, "text": text}).to_string();
    let jsonl = format!(
        "{}\n{}\n",
        rec("ok", &stray),
        rec("bin", &format!("\0\0{body}"))
    );
    let p = write("records.jsonl", jsonl.as_bytes());
    let o = run(&["extract", &p]);
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(&format!("{p}:1")) && err.contains("3 control bytes"),
        "{err}"
    );
    assert!(
        err.contains(&format!("{p}:2")) && err.contains("looks binary"),
        "{err}"
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["documents"].as_array().map(Vec::len), Some(1));
}

#[test]
fn single_file_errors_name_the_path() {
    let dir = temp_dir("errs");
    let missing = dir.join("nope.txt");
    let o = run(&["extract", missing.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains(missing.to_str().unwrap()));
    let o = run(&["extract", dir.to_str().unwrap()]);
    assert_no_panic(&o);
    assert_ne!(o.status.code(), Some(0));
    assert!(stderr(&o).contains(dir.to_str().unwrap()), "{}", stderr(&o));
    // merge of something that is not graph JSON
    let junk = dir.join("junk.json");
    std::fs::write(&junk, b"{\"nodes\": [1, 2").unwrap();
    let o = run(&["merge", junk.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains(junk.to_str().unwrap()));
}

fn input_file(dir: &Path) -> PathBuf {
    let p = dir.join("article.txt");
    std::fs::write(
        &p,
        "Talks End\n\nMinister Kalo Renvo met Dora Senqui in Lisbon. \"No,\" Renvo said.\n",
    )
    .unwrap();
    p
}

#[test]
fn output_into_a_missing_directory_exits_3_names_the_path_and_leaves_nothing() {
    let dir = temp_dir("missing-out");
    let input = input_file(&dir);
    let out = dir.join("no-such-dir").join("g.json");
    let o = run(&[
        "extract",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains(out.to_str().unwrap()), "{}", stderr(&o));
    assert!(!out.exists());
}

#[test]
fn a_failed_write_leaves_no_temp_file_and_keeps_the_old_output() {
    let dir = temp_dir("failed-write");
    let input = input_file(&dir);
    // the output path is a directory: the rename fails after the temp file was written
    let out = dir.join("taken");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("keep"), b"x").unwrap();
    let o = run(&[
        "extract",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains(out.to_str().unwrap()));
    let left: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !left.iter().any(|n| n.contains(".tmp")),
        "temp file left behind: {left:?}"
    );
    assert!(out.join("keep").exists());
}

#[test]
fn inputs_are_never_modified() {
    let dir = temp_dir("untouched");
    let input = input_file(&dir);
    let before = std::fs::read(&input).unwrap();
    let mtime = std::fs::metadata(&input).unwrap().modified().unwrap();
    let out_dir = dir.join("out");
    for args in [
        vec!["extract", input.to_str().unwrap()],
        vec![
            "extract",
            input.to_str().unwrap(),
            "--out-dir",
            out_dir.to_str().unwrap(),
        ],
        vec!["quotes", input.to_str().unwrap()],
    ] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    // writing the output over the input is allowed only as an explicit -o; merge reads
    // its inputs and writes elsewhere
    let g = out_dir.join("article.json");
    let g_before = std::fs::read(&g).unwrap();
    let g_mtime = std::fs::metadata(&g).unwrap().modified().unwrap();
    let o = run(&[
        "merge",
        g.to_str().unwrap(),
        "-o",
        dir.join("m.json").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(std::fs::read(&input).unwrap(), before);
    assert_eq!(
        std::fs::metadata(&input).unwrap().modified().unwrap(),
        mtime
    );
    assert_eq!(std::fs::read(&g).unwrap(), g_before);
    assert_eq!(std::fs::metadata(&g).unwrap().modified().unwrap(), g_mtime);
}

// ------------------------------------------------------------------ hostile names, end to end

/// An article whose title, names, quotes and sentences carry what breaks formats: quotes,
/// backslashes, markup, JSON-LD keywords, ampersands, control characters, bidi controls
/// and line separators inside names.
const HOSTILE_ARTICLE: &str = "Envoys <script>alert(\"x\")</script> & {\"@id\": \"x\"} \\ Meet\n\n\
LISBON \u{2014} Foreign Minister Kalo\u{1b}Renvo met AT&T chief Dora O'Senqui and \
Minister Tal\u{2028}Mirdor in Lisbon on Monday. \"We want <b>{'@id': 'a'}</b> & \
\\\\ peace \u{200f}\u{633}\u{644}\u{627}\u{645}\u{202e} now,\" Renvo told reporters. \
O'Senqui warned that the deal could collapse.\n\n\"Never\u{7} again {@context},\" Mirdor said.\n";

const HOSTILE_ID: &str = "doc \"<1>\" {@id} \\ & \u{200f}x";

/// The strings a format must carry exactly: node names, statement texts, the title and
/// the document id, read from the graph JSON the binary wrote.
fn hostile_strings(json: &serde_json::Value) -> Vec<String> {
    let mut out = vec![HOSTILE_ID.to_string()];
    out.extend(json["documents"][0]["title"].as_str().map(String::from));
    for n in json["nodes"].as_array().unwrap() {
        out.extend(n["name"].as_str().map(String::from));
        out.extend(n["text"].as_str().map(String::from));
    }
    out.sort();
    out.dedup();
    out
}

fn rdf_literals(quads: impl Iterator<Item = oxrdf::Quad>) -> std::collections::HashSet<String> {
    quads
        .filter_map(|q| match q.object {
            oxrdf::Term::Literal(l) => Some(l.value().to_string()),
            _ => None,
        })
        .collect()
}

fn parse_jsonld_quads(bytes: &[u8]) -> Vec<oxrdf::Quad> {
    let ctx = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/context/newsgraph.jsonld"
    ))
    .unwrap();
    oxjsonld::JsonLdParser::new()
        .for_slice(bytes)
        .with_load_document_callback(move |url, _| {
            Ok(oxjsonld::JsonLdRemoteDocument {
                document: ctx.clone(),
                document_url: url.to_string(),
            })
        })
        .map(|q| q.unwrap_or_else(|e| panic!("JSON-LD does not parse: {e}")))
        .collect()
}

/// `dot -Tsvg` accepts the file without a warning (skipped without Graphviz, except in CI).
fn check_with_graphviz(path: &Path) {
    let out = match Command::new("dot").arg("-Tsvg").arg(path).output() {
        Ok(o) => o,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            assert!(
                std::env::var_os("CI").is_none(),
                "Graphviz `dot` is required in CI"
            );
            eprintln!("dot not installed: DOT output not rendered");
            return;
        }
        Err(e) => panic!("cannot run dot: {e}"),
    };
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "dot refused the output: {err}");
    assert!(err.trim().is_empty(), "dot warned: {err}");
    let svg = String::from_utf8(out.stdout).expect("SVG is UTF-8");
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    roxmltree::Document::parse_with_options(&svg, opts).expect("SVG is XML");
}

#[test]
fn hostile_names_from_an_article_survive_every_format() {
    let dir = temp_dir("names");
    let input = dir.join("hostile.txt");
    std::fs::write(&input, HOSTILE_ARTICLE).unwrap();
    let mut strings: Vec<String> = Vec::new();
    // json first: the strings the other formats must carry come from it
    let mut formats: Vec<&str> = export::FORMATS.to_vec();
    formats.sort_by_key(|f| *f != "json");
    for f in formats {
        let out = dir.join(format!("out.{f}"));
        let o = run(&[
            "extract",
            input.to_str().unwrap(),
            "--id",
            HOSTILE_ID,
            "--statements",
            "--format",
            f,
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(0), "{f}: {}", stderr(&o));
        let bytes = std::fs::read(&out).unwrap();
        let missing = |strings: &[String], have: &dyn Fn(&str) -> bool| -> Vec<String> {
            strings.iter().filter(|s| !have(s)).cloned().collect()
        };
        match f {
            "json" => {
                let v: serde_json::Value = serde_json::from_slice(&bytes).expect("JSON parses");
                strings = hostile_strings(&v);
                // names read control characters as spaces (`Kalo Renvo`); quoted text
                // keeps them as written, and every format must carry them
                assert!(
                    strings.iter().any(|s| s.contains('\u{7}')),
                    "a statement with a control character: {strings:?}"
                );
                assert!(
                    strings.iter().any(|s| s == "Kalo Renvo"),
                    "the name with a control character read as spaced: {strings:?}"
                );
                assert!(strings.iter().any(|s| s.contains("<script>")));
                assert!(
                    strings
                        .iter()
                        .any(|s| s.contains("<b>{'@id'") && s.contains('\\'))
                );
                assert!(strings.iter().any(|s| s.contains("{@context}")));
                let g = newsgraph::formats::json::read(&bytes).expect("graph JSON reads back");
                assert_eq!(g.documents[0].id, HOSTILE_ID);
            }
            "jsonld" => {
                let lits = rdf_literals(parse_jsonld_quads(&bytes).into_iter());
                let m = missing(&strings, &|s| lits.contains(s));
                assert!(m.is_empty(), "JSON-LD lost {m:?}");
            }
            "turtle" => {
                let lits = rdf_literals(oxttl::TurtleParser::new().for_slice(&bytes).map(|t| {
                    t.expect("Turtle parses")
                        .in_graph(oxrdf::GraphName::DefaultGraph)
                }));
                let m = missing(&strings, &|s| lits.contains(s));
                assert!(m.is_empty(), "Turtle lost {m:?}");
            }
            "nquads" => {
                let lits = rdf_literals(
                    oxttl::NQuadsParser::new()
                        .for_slice(&bytes)
                        .map(|q| q.expect("N-Quads parse")),
                );
                let m = missing(&strings, &|s| lits.contains(s));
                assert!(m.is_empty(), "N-Quads lost {m:?}");
            }
            "graphml" => {
                let text = String::from_utf8(bytes).expect("GraphML is UTF-8");
                let doc = roxmltree::Document::parse(&text).expect("GraphML is XML");
                let values: std::collections::HashSet<String> = doc
                    .descendants()
                    .filter(|n| n.has_tag_name("data"))
                    .map(|n| n.text().unwrap_or_default().to_string())
                    .collect();
                // GraphML has no document nodes (no title); document ids are in the
                // JSON-array values of `documents`
                let in_list = |s: &str| {
                    values.iter().any(|v| {
                        serde_json::from_str::<Vec<String>>(v)
                            .is_ok_and(|l| l.iter().any(|x| x == s))
                    })
                };
                let m = missing(&strings, &|s| {
                    values.contains(&xml_safe(s)) || s.starts_with("Envoys") || in_list(s)
                });
                assert!(m.is_empty(), "GraphML lost {m:?}");
            }
            "cypher" => {
                let text = String::from_utf8(bytes).expect("Cypher is UTF-8");
                let mut lits = std::collections::HashSet::new();
                for line in text
                    .lines()
                    .filter(|l| !l.trim().is_empty() && !l.starts_with("//"))
                {
                    assert!(
                        line.trim_end().ends_with(';'),
                        "one statement a line: {line}"
                    );
                    lits.extend(cypher_strings(line));
                }
                // Cypher has no document nodes, so no title
                let m = missing(&strings, &|s| lits.contains(s) || s.starts_with("Envoys"));
                assert!(m.is_empty(), "Cypher lost {m:?}");
            }
            "dot" => check_with_graphviz(&out),
            "html" => {
                let page = String::from_utf8(bytes.clone()).expect("the page is UTF-8");
                let open = r#"<script type="application/json" id="graph-data">"#;
                let start = page.find(open).expect("the page embeds its data") + open.len();
                let end = start + page[start..].find("</script>").expect("data closes");
                let data = &page[start..end];
                // markup in names never reaches the page as markup
                assert!(
                    !data.contains('<') && !data.contains('>'),
                    "raw markup in data"
                );
                let v: serde_json::Value = serde_json::from_str(data).expect("data is JSON");
                let mut all = Vec::new();
                collect_strings(&v, &mut all);
                let m = missing(&strings, &|s| all.iter().any(|x| x == s));
                assert!(m.is_empty(), "HTML lost {m:?}");
            }
            other => panic!("format {other} has no check here: add one"),
        }
    }
}

/// Every string value in a JSON value, recursively.
fn collect_strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|x| collect_strings(x, out)),
        serde_json::Value::Object(o) => o.values().for_each(|x| collect_strings(x, out)),
        _ => {}
    }
}
