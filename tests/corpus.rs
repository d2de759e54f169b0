//! Corpus runs: folders of articles (text, HTML, JSONL) into one merged graph, failures
//! reported per file, the same bytes whatever the number of threads.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newsgraph"))
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().unwrap()
}

/// A fresh folder of invented articles, with a few inputs that must fail.
fn corpus(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("newsgraph-corpus-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let w = |rel: &str, bytes: &[u8]| {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    };
    w(
        "politics/a.txt",
        "Trade Talks in Vienna\n\nTrade Minister Olaf Brandt met Lena Kowalczyk, the head of \
         the Harbour Workers Federation, in Vienna on Monday. \"We will not accept new \
         tariffs,\" Brandt told reporters.\n"
            .as_bytes(),
    );
    w(
        "politics/b.txt",
        b"Tariff Row Deepens\n\nBrandt warned on Tuesday that the tariffs would hurt \
          exporters.\n\nKowalczyk said the union would strike.\n",
    );
    w(
        "feed.jsonl",
        b"{\"id\": \"wire-1\", \"title\": \"Strike\", \"published\": \"2024-03-05\", \"text\": \
          \"Strike Looms\\n\\nOlaf Brandt urged calm on Friday.\"}\n\
          this line is not JSON\n\
          {\"id\": \"wire-2\", \"text\": \"Port Closed\\n\\nLena Kowalczyk met Brandt in Geneva.\"}\n",
    );
    w(
        "web/page.html",
        b"<html><head><title>Port news | Daily</title><script>var menu = \"Subscribe Now\";</script>\
          <style>p { color: red }</style></head><body><nav><a href=\"/\">Home</a> <a>Sport</a></nav>\
          <article><h1>Port news</h1><p>Harbour chief Ines Moreau warned that Olaf Brandt \
          would lose the vote.</p></article><footer>Copyright Daily</footer></body></html>",
    );
    w("photo.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    w("notes.bin", b"\0\0\0 not an article extension, ignored");
    #[cfg(unix)]
    std::os::unix::fs::symlink("/nonexistent/newsgraph/gone.txt", dir.join("gone.txt")).unwrap();
    dir
}

fn graph(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}); stderr: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn node<'a>(g: &'a Value, id: &str) -> Option<&'a Value> {
    g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == id)
}

#[test]
fn a_folder_becomes_one_graph_and_bad_files_are_named() {
    let dir = corpus("folder");
    let out = run(&["extract", dir.to_str().unwrap(), "--jobs", "2"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(4), "{err}");
    assert!(
        err.contains("photo.txt") && err.contains("not a text file"),
        "{err}"
    );
    assert!(err.contains("feed.jsonl:2"), "{err}");
    #[cfg(unix)]
    assert!(
        err.contains("gone.txt") && err.contains("dangling"),
        "{err}"
    );
    assert!(
        !err.contains("notes.bin") && !err.contains("panicked"),
        "{err}"
    );

    let g = graph(&out);
    let ids: Vec<&str> = g["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "politics/a.txt",
            "politics/b.txt",
            "web/page.html",
            "wire-1",
            "wire-2"
        ]
    );
    // the surname alone in b.txt and the full name in a.txt are one person
    let brandt = node(&g, "person/olaf-brandt").expect("Olaf Brandt");
    let docs = brandt["documents"].as_array().unwrap();
    assert!(docs.len() >= 4, "{brandt}");
    assert_eq!(brandt["document_count"], docs.len());
    assert!(docs.iter().any(|d| d == "politics/b.txt"), "{brandt}");
    assert!(node(&g, "person/brandt").is_none());
    // HTML: the article body, without navigation or script text
    assert!(node(&g, "person/ines-moreau").is_some());
    let text = serde_json::to_string(&g).unwrap();
    assert!(!text.contains("Subscribe Now") && !text.contains("Sport"));
    // every edge names its documents and their count
    for e in g["edges"].as_array().unwrap() {
        let n = e["documents"].as_array().unwrap().len();
        assert!(n >= 1 && e["document_count"] == n, "{e}");
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn the_number_of_threads_does_not_change_the_bytes() {
    let dir = corpus("jobs");
    let a = run(&["extract", dir.to_str().unwrap(), "--jobs", "1"]);
    let b = run(&["extract", dir.to_str().unwrap(), "--jobs", "4"]);
    assert!(!a.stdout.is_empty());
    assert_eq!(a.stdout, b.stdout);
    assert_eq!(a.stderr, b.stderr);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn files_globs_and_all_failing_inputs() {
    let dir = corpus("args");
    let a = dir.join("politics/a.txt");
    let b = dir.join("politics/b.txt");
    // two files: merged, ids are their stems
    let out = run(&["extract", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let g = graph(&out);
    assert_eq!(g["documents"][0]["id"], "a");
    assert_eq!(g["documents"][1]["id"], "b");
    // a quoted pattern: ids relative to the folder before the first wildcard
    let pattern = format!("{}/*/*.txt", dir.display());
    let out = run(&["extract", &pattern, "--quiet"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(graph(&out)["documents"][1]["id"], "politics/b.txt");
    // only bad inputs: exit 2, each named
    let photo = dir.join("photo.txt");
    let out = run(&["extract", photo.to_str().unwrap(), "/nonexistent/x.txt"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("photo.txt") && err.contains("/nonexistent/x.txt"),
        "{err}"
    );
    // --id is for one file only
    let out = run(&[
        "extract",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "--id",
        "x",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let _ = std::fs::remove_dir_all(dir);
}

#[cfg(unix)]
#[test]
fn symlink_loops_do_not_hang_and_unreadable_files_are_reported() {
    use std::os::unix::fs::PermissionsExt;
    let dir = corpus("loop");
    std::os::unix::fs::symlink(&dir, dir.join("politics/again")).unwrap();
    let secret = dir.join("secret.txt");
    std::fs::write(&secret, "Olaf Brandt met Lena Kowalczyk.").unwrap();
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    // root reads every file: then the file is simply read
    let unreadable = std::fs::read(&secret).is_err();
    let out = run(&["extract", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(4));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("loop"), "{err}");
    if unreadable {
        assert!(err.contains("secret.txt"), "{err}");
    }
    // the loop adds no document twice
    let g = graph(&out);
    assert!(
        !g["documents"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["id"].as_str().unwrap().contains("again"))
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn merge_joins_a_surname_with_its_full_name() {
    let dir = corpus("merge");
    let json = |name: &str| {
        let out = run(&["extract", dir.join(name).to_str().unwrap()]);
        assert!(out.status.success());
        let p = dir.join(format!("{}.json", name.replace('/', "-")));
        std::fs::write(&p, &out.stdout).unwrap();
        p
    };
    let (a, b) = (json("politics/a.txt"), json("politics/b.txt"));
    let out = run(&["merge", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert!(out.status.success());
    let g = graph(&out);
    assert!(node(&g, "person/brandt").is_none());
    let brandt = node(&g, "person/olaf-brandt").unwrap();
    assert_eq!(brandt["document_count"], 2, "{brandt}");
    assert!(node(&g, "person/kowalczyk").is_none());
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
#[ignore = "needs ../shared/corpus; run with --ignored"]
fn the_whole_shared_corpus_runs_without_failure() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if !root.is_dir() {
        eprintln!("skipped: {} is absent", root.display());
        return;
    }
    let out_file =
        std::env::temp_dir().join(format!("newsgraph-corpus-{}.json", std::process::id()));
    let out = run(&[
        "extract",
        root.to_str().unwrap(),
        "--quiet",
        "-o",
        out_file.to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let g: Value = serde_json::from_slice(&std::fs::read(&out_file).unwrap()).unwrap();
    assert!(g["documents"].as_array().unwrap().len() > 2000);
    assert!(g["nodes"].as_array().unwrap().len() > 1000);
    let _ = std::fs::remove_file(out_file);
}
