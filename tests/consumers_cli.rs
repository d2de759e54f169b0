//! The CLI's outputs for other programs: the Neo4j bulk-import CSV pair and pictures
//! drawn by Graphviz (`newsgraph render`). Expectations come from the graph JSON of the
//! same article.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use newsgraph::formats::neo4j::{ARRAY_DELIMITER, NODE_HEADER, RELATIONSHIP_HEADER};
use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .current_dir(root())
        .args(args)
        .output()
        .unwrap()
}

const SAMPLE: &str = "examples/envoy-moscow-talks.txt";

fn sample_json() -> Value {
    let out = run(&["extract", SAMPLE, "--published", "2025-12-02"]);
    assert!(out.status.success());
    serde_json::from_slice(&out.stdout).unwrap()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("newsgraph-consumers-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_path(path).unwrap();
    let header = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

#[test]
fn neo4j_csv_pair_is_written_to_the_out_dir_and_reads_back() {
    let dir = temp_dir("neo4j");
    let out = run(&[
        "extract",
        SAMPLE,
        "--published",
        "2025-12-02",
        "--format",
        "neo4j-csv",
        "--out-dir",
        dir.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut written: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(written, ["nodes.csv", "relationships.csv"]);
    let g = sample_json();
    let (header, nodes) = read_csv(&dir.join("nodes.csv"));
    assert_eq!(header, NODE_HEADER);
    let ids: BTreeSet<String> = nodes.iter().map(|r| r[0].clone()).collect();
    let json_ids: BTreeSet<String> = g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(nodes.len(), json_ids.len());
    assert_eq!(ids, json_ids);
    for (row, n) in nodes.iter().zip(g["nodes"].as_array().unwrap()) {
        assert_eq!(row[1], n["kind"].as_str().unwrap());
        assert_eq!(row[2], n["name"].as_str().unwrap());
    }
    let (header, rels) = read_csv(&dir.join("relationships.csv"));
    assert_eq!(header, RELATIONSHIP_HEADER);
    let edges = g["edges"].as_array().unwrap();
    assert_eq!(rels.len(), edges.len());
    let got: BTreeSet<(String, String, String)> = rels
        .iter()
        .map(|r| (r[0].clone(), r[1].clone(), r[2].clone()))
        .collect();
    let want: BTreeSet<(String, String, String)> = edges
        .iter()
        .map(|e| {
            (
                e["source"].as_str().unwrap().to_string(),
                e["target"].as_str().unwrap().to_string(),
                e["relation"]
                    .as_str()
                    .unwrap()
                    .to_ascii_uppercase()
                    .replace('-', "_"),
            )
        })
        .collect();
    assert_eq!(got, want);
    for r in &rels {
        assert!(
            ids.contains(&r[0]) && ids.contains(&r[1]),
            "no dangling ids"
        );
        // evidence texts, documents, starts and ends are parallel arrays
        let n = r[7].split(ARRAY_DELIMITER).count();
        for field in &r[8..=10] {
            assert_eq!(field.split(ARRAY_DELIMITER).count(), n);
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn neo4j_csv_needs_an_out_dir() {
    let out = run(&["extract", SAMPLE, "--format", "neo4j-csv"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--out-dir"));
}

fn graphviz_missing() -> bool {
    let missing = Command::new("dot").arg("-V").output().is_err();
    assert!(
        !(missing && std::env::var_os("CI").is_some()),
        "CI must install Graphviz"
    );
    if missing {
        eprintln!("Graphviz is not installed: render not tested");
    }
    missing
}

/// The texts drawn in an SVG.
fn svg_texts(svg: &str) -> Vec<String> {
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(svg, opts).expect("SVG is XML");
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|t| t.text().map(String::from))
        .collect()
}

#[test]
fn render_draws_actors_of_an_article_or_a_graph_json() {
    if graphviz_missing() {
        return;
    }
    let dir = temp_dir("render");
    let g = sample_json();
    let names = |pred: &dyn Fn(&Value) -> bool| -> BTreeSet<String> {
        g["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|n| pred(n))
            .map(|n| n["name"].as_str().unwrap().to_string())
            .collect()
    };
    // actors with a relation to another actor are drawn; statements and meetings not
    let actor =
        |id: &str| !id.starts_with("statement/") && !id.starts_with("meeting/") && !id.is_empty();
    let linked: BTreeSet<String> = g["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| actor(e["source"].as_str().unwrap()) && actor(e["target"].as_str().unwrap()))
        .flat_map(|e| [e["source"].as_str().unwrap(), e["target"].as_str().unwrap()])
        .map(String::from)
        .collect();
    let svg_path = dir.join("g.svg");
    let out = run(&[
        "render",
        SAMPLE,
        "--published",
        "2025-12-02",
        "-o",
        svg_path.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let texts = svg_texts(&std::fs::read_to_string(&svg_path).unwrap());
    for name in names(&|n| linked.contains(n["id"].as_str().unwrap())) {
        assert!(texts.contains(&name), "{name} is drawn");
    }
    // (a proposal an actor criticized can read exactly like the statement it came from:
    // that text is drawn as the proposal)
    let drawn = names(&|n| linked.contains(n["id"].as_str().unwrap()));
    for name in names(&|n| n["kind"] == "Statement" || n["kind"] == "Meeting") {
        assert!(
            drawn.contains(&name) || !texts.contains(&name),
            "{name} is not drawn by default"
        );
    }
    assert!(texts.iter().any(|t| t == "Legend"));

    // from the graph JSON, with everything, as PNG
    let json_path = dir.join("g.json");
    std::fs::write(&json_path, serde_json::to_vec(&g).unwrap()).unwrap();
    let png_path = dir.join("g.png");
    let out = run(&[
        "render",
        json_path.to_str().unwrap(),
        "-o",
        png_path.to_str().unwrap(),
        "--statements",
        "--meetings",
        "--isolated",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let png = std::fs::read(&png_path).unwrap();
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
    let all_svg = dir.join("all.svg");
    let out = run(&[
        "render",
        json_path.to_str().unwrap(),
        "-o",
        all_svg.to_str().unwrap(),
        "--meetings",
        "--isolated",
    ]);
    assert!(out.status.success());
    let texts = svg_texts(&std::fs::read_to_string(&all_svg).unwrap());
    for name in names(&|n| n["kind"] != "Statement") {
        assert!(
            texts.contains(&name),
            "{name} is drawn with --meetings --isolated"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn render_says_how_to_install_graphviz_when_it_is_missing() {
    let dir = temp_dir("nographviz");
    let out = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .current_dir(root())
        .env("PATH", &dir)
        .args(["render", SAMPLE, "-o"])
        .arg(dir.join("g.svg"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("apt-get install graphviz"), "{err}");
    assert!(!dir.join("g.svg").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn render_refuses_other_picture_formats_and_non_graph_json() {
    let out = run(&["render", SAMPLE, "-o", "g.gif"]);
    assert_eq!(out.status.code(), Some(1));
    let dir = temp_dir("badjson");
    let bad = dir.join("x.json");
    std::fs::write(&bad, b"{\"not\": \"a graph\"").unwrap();
    let out = run(&[
        "render",
        bad.to_str().unwrap(),
        "-o",
        dir.join("x.svg").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}
