//! The `newsgraph` binary end to end: evidence, determinism, errors and exit codes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newsgraph"))
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn example(name: &str) -> PathBuf {
    root().join("examples").join(name)
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().unwrap()
}

fn json_of(path: &Path) -> serde_json::Value {
    let out = run(&["extract", path.to_str().unwrap(), "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

const ARTICLE: &str = "Minister Visits Port\n\nLISBON — Portuguese Foreign Minister Ana Ruiz met \
with Spanish envoy Carlos Vela in Lisbon on Monday. \"We agreed on the fishing quotas,\" Ruiz \
told reporters. Vela warned that the deal could collapse.\n\nThe talks, according to \
officials, lasted five hours.\n";

fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("newsgraph-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn every_evidence_span_is_the_exact_input_text() {
    for name in [
        "envoy-moscow-talks.txt",
        "bbc-149.txt",
        "news-aljazeera-ukraine-june-deadline.txt",
    ] {
        let path = example(name);
        let input = std::fs::read(&path).unwrap();
        let g = json_of(&path);
        let mut seen = 0;
        let nodes = g["nodes"].as_array().unwrap();
        let edges = g["edges"].as_array().unwrap();
        let all_ev = nodes
            .iter()
            .chain(edges.iter())
            .flat_map(|x| x["evidence"].as_array().cloned().unwrap_or_default());
        for ev in all_ev {
            let (s, e) = (
                ev["start"].as_u64().unwrap() as usize,
                ev["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(
                &input[s..e],
                ev["text"].as_str().unwrap().as_bytes(),
                "{name}: span {s}..{e}"
            );
            seen += 1;
        }
        assert!(seen > 10, "{name}: only {seen} evidence spans");
        // every stance and said edge carries evidence and a confidence in [0, 1]
        for e in edges {
            let c = e["confidence"].as_f64().unwrap();
            assert!((0.0..=1.0).contains(&c));
            assert!(!e["evidence"].as_array().unwrap().is_empty());
        }
    }
}

#[test]
fn no_dangling_edges_and_ids_are_unique() {
    let g = json_of(&example("envoy-moscow-talks.txt"));
    let ids: Vec<&str> = g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    let set: std::collections::HashSet<_> = ids.iter().collect();
    assert_eq!(set.len(), ids.len(), "duplicate node ids");
    for e in g["edges"].as_array().unwrap() {
        assert!(set.contains(&e["source"].as_str().unwrap()), "{e}");
        assert!(set.contains(&e["target"].as_str().unwrap()), "{e}");
    }
    for n in g["nodes"].as_array().unwrap() {
        for r in n["roles"].as_array().cloned().unwrap_or_default() {
            if let Some(a) = r["affiliation"].as_str() {
                assert!(set.contains(&a), "role affiliation {a} is not a node");
            }
        }
    }
}

#[test]
fn two_runs_are_byte_identical_in_every_format() {
    let path = example("envoy-moscow-talks.txt");
    for &f in newsgraph::formats::FORMATS {
        let a = run(&["extract", path.to_str().unwrap(), "--format", f]);
        let b = run(&["extract", path.to_str().unwrap(), "--format", f]);
        assert!(
            a.status.success(),
            "{f}: {}",
            String::from_utf8_lossy(&a.stderr)
        );
        assert_eq!(a.stdout, b.stdout, "{f} differs between runs");
        assert!(!a.stdout.is_empty());
    }
}

#[test]
fn a_small_invented_article_gives_people_roles_and_quotes() {
    let p = temp_file("lisbon.txt", ARTICLE.as_bytes());
    let g = json_of(&p);
    let nodes = g["nodes"].as_array().unwrap();
    let find = |id: &str| nodes.iter().find(|n| n["id"] == id).cloned();
    let ruiz = find("person/ana-ruiz").expect("Ana Ruiz");
    assert_eq!(ruiz["kind"], "Person");
    assert!(
        ruiz["roles"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["title"] == "Foreign Minister" && r["affiliation"] == "place/portugal"),
        "{ruiz}"
    );
    assert!(find("person/carlos-vela").is_some());
    assert!(find("place/lisbon").is_some());
    let edges = g["edges"].as_array().unwrap();
    assert!(edges.iter().any(|e| {
        e["source"] == "person/ana-ruiz"
            && e["relation"] == "said"
            && nodes
                .iter()
                .any(|n| n["id"] == e["target"] && n["text"] == "We agreed on the fishing quotas")
    }));
}

#[test]
fn stdin_and_output_file_work() {
    let mut child = bin()
        .args(["extract", "-", "-o"])
        .arg(std::env::temp_dir().join(format!("ng-out-{}.json", std::process::id())))
        .stdin(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(ARTICLE.as_bytes())
        .unwrap();
    assert!(child.wait().unwrap().success());
    let out = std::env::temp_dir().join(format!("ng-out-{}.json", std::process::id()));
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(v["documents"][0]["id"], "stdin");
    let _ = std::fs::remove_file(out);
}

#[test]
fn missing_file_exits_2_and_names_the_path() {
    let out = run(&["extract", "/nonexistent/dir/article.txt"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("/nonexistent/dir/article.txt"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn usage_errors_exit_1() {
    assert_eq!(run(&["extract"]).status.code(), Some(1));
    assert_eq!(run(&["frobnicate"]).status.code(), Some(1));
    let p = example("bbc-149.txt");
    let out = run(&["extract", p.to_str().unwrap(), "--format", "nope"]);
    assert_eq!(out.status.code(), Some(1));
    let out = run(&["extract", p.to_str().unwrap(), "--published", "2025-13-40"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn binary_input_exits_2_and_empty_input_gives_an_empty_graph() {
    let png = temp_file("image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let out = run(&["extract", png.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("image.txt"));
    let empty = temp_file("empty.txt", b"");
    let g = json_of(&empty);
    assert_eq!(g["nodes"].as_array().unwrap().len(), 0);
    assert_eq!(g["edges"].as_array().unwrap().len(), 0);
}

#[test]
fn latin1_input_is_read_with_a_warning() {
    let p = temp_file(
        "latin1.txt",
        b"Jos\xe9 Ruiz met Ren\xe9 Vela in Lisbon on Monday.",
    );
    let out = run(&["extract", p.to_str().unwrap()]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("warning"));
    let g: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        g["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["name"] == "José Ruiz")
    );
}

#[test]
fn quotes_listing_filters_by_speaker() {
    let p = temp_file("lisbon2.txt", ARTICLE.as_bytes());
    let out = run(&["quotes", p.to_str().unwrap(), "--speaker", "ruiz"]);
    assert!(out.status.success());
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(
        s.contains("Ana Ruiz — told (direct): We agreed on the fishing quotas"),
        "{s}"
    );
    assert!(!s.contains("Carlos Vela"), "{s}");
}

#[test]
fn merge_joins_people_across_documents() {
    let a = temp_file("a.txt", b"Minister Ana Ruiz met Carlos Vela in Lisbon.");
    let b = temp_file(
        "b.txt",
        b"Ana Ruiz flew to Madrid. Ruiz said the talks went well.",
    );
    let ja = temp_file("a.json", &run(&["extract", a.to_str().unwrap()]).stdout);
    let jb = temp_file("b.json", &run(&["extract", b.to_str().unwrap()]).stdout);
    let out = run(&["merge", ja.to_str().unwrap(), jb.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let g: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ruiz: Vec<_> = g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["id"] == "person/ana-ruiz")
        .collect();
    assert_eq!(ruiz.len(), 1);
    assert_eq!(ruiz[0]["documents"].as_array().unwrap().len(), 2);
    assert_eq!(g["documents"].as_array().unwrap().len(), 2);
}

/// The sample article's DOT is accepted by Graphviz (required in CI; skipped with a note
/// on a machine without `dot` when not in CI).
#[test]
fn sample_dot_is_accepted_by_graphviz() {
    let path = example("envoy-moscow-talks.txt");
    let out = run(&["extract", path.to_str().unwrap(), "--format", "dot"]);
    assert!(out.status.success());
    let spawned = Command::new("dot")
        .arg("-Tsvg")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn();
    let mut child = match spawned {
        Ok(c) => c,
        Err(_) if std::env::var_os("CI").is_none() => {
            eprintln!("dot not installed: skipped outside CI");
            return;
        }
        Err(e) => panic!("Graphviz dot is required in CI: {e}"),
    };
    use std::io::Write;
    child.stdin.take().unwrap().write_all(&out.stdout).unwrap();
    let res = child.wait_with_output().unwrap();
    assert!(
        res.status.success(),
        "dot rejected the output: {}",
        String::from_utf8_lossy(&res.stderr)
    );
    let svg = String::from_utf8_lossy(&res.stdout);
    // every person of the graph JSON is labelled in the picture
    let g = json_of(&path);
    let people: Vec<&str> = g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "Person")
        .map(|n| n["name"].as_str().unwrap())
        .collect();
    assert!(!people.is_empty());
    for p in people {
        assert!(svg.contains(p), "the SVG lacks the label {p}");
    }
}

/// The sample article's JSON-LD parses as RDF, and every stance edge of the graph JSON is
/// one direct triple `<source> ng:<relation> <target>`.
#[test]
fn sample_jsonld_parses_and_has_a_direct_triple_per_relation_edge() {
    let path = example("envoy-moscow-talks.txt");
    let out = run(&["extract", path.to_str().unwrap(), "--format", "jsonld"]);
    assert!(out.status.success());
    let mut triples = std::collections::HashSet::new();
    for q in oxjsonld::JsonLdParser::new().for_slice(&out.stdout) {
        let q = q.unwrap_or_else(|e| panic!("JSON-LD does not parse: {e}"));
        triples.insert((
            q.subject.to_string(),
            q.predicate.to_string(),
            q.object.to_string(),
        ));
    }
    assert!(triples.len() > 50, "only {} triples", triples.len());
    let g = json_of(&path);
    let base = newsgraph::formats::DEFAULT_BASE_IRI;
    let vocab = "https://newsgraph.example/vocab#";
    let camel = |r: &str| {
        let mut out = String::new();
        let mut up = false;
        for c in r.chars() {
            if c == '-' {
                up = true;
            } else if up {
                out.extend(c.to_uppercase());
                up = false;
            } else {
                out.push(c);
            }
        }
        out
    };
    let mut checked = 0;
    for e in g["edges"].as_array().unwrap() {
        let rel = e["relation"].as_str().unwrap();
        if ![
            "met-with",
            "warned",
            "proposed",
            "opposes",
            "supports",
            "criticized",
        ]
        .contains(&rel)
        {
            continue;
        }
        let s = format!(
            "<{}>",
            newsgraph::formats::node_iri(base, e["source"].as_str().unwrap())
        );
        let o = format!(
            "<{}>",
            newsgraph::formats::node_iri(base, e["target"].as_str().unwrap())
        );
        let p = format!("<{vocab}{}>", camel(rel));
        assert!(
            triples.contains(&(s.clone(), p.clone(), o.clone())),
            "missing {s} {p} {o}"
        );
        checked += 1;
    }
    assert!(checked >= 1, "the sample has no relation edge to check");
}
