//! The HTML explorer (`--format html`) in a real browser: headless Chromium loads the
//! page from `file://`, runs its script, and the rendered DOM (`--dump-dom`) must list
//! every person, hold the drawing's canvas, show an actor's statements with their
//! evidence when `#actor=<id>` selects it, survive hostile names without injection, and
//! limit the first drawing of a big graph. Chromium's console log must stay empty: no
//! script error, no warning, no fetch blocked by the page's Content-Security-Policy.
//!
//! Chromium is found as `$CHROMIUM`, `chromium` or `chromium-browser`. Without it the
//! browser tests are skipped with a message — except under CI (`CI` set), where they
//! fail: CI installs it (`apt-get install chromium`).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use newsgraph::formats::{ExportOptions, Exporter, html::Html};
use newsgraph::graph::{DocumentInfo, Edge, Evidence, Graph, Node, NodeKind, QuoteKind, Relation};

/// An invented article: two people with roles, a meeting, a direct and an indirect quote.
const ARTICLE: &str = "Harbour Talks Resume in Valdora\n\nVALDORA — Fisheries Minister Marta \
Ilvesko met with Norlandic trade envoy Peder Vantongeren in Valdora on Monday. \"We agreed on \
the quotas for the next season,\" Ilvesko told reporters after the meeting.\n\nVantongeren \
warned that the deal could collapse if the harbour fees rise again. The Coastal Union opposes \
the agreement, according to its chairman Tomas Reyle.\n";

fn temp_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("newsgraph-html-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The page `newsgraph extract --format html` writes for the invented article.
fn article_page() -> (PathBuf, serde_json::Value) {
    let dir = temp_dir();
    let input = dir.join("valdora.txt");
    std::fs::write(&input, ARTICLE).unwrap();
    let run = |format: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
            .args(["extract", input.to_str().unwrap(), "--format", format])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    let page = dir.join("valdora.html");
    std::fs::write(&page, run("html")).unwrap();
    let graph: serde_json::Value = serde_json::from_slice(&run("json")).unwrap();
    (page, graph)
}

fn find_chromium() -> Option<PathBuf> {
    let mut candidates: Vec<PathBuf> = Vec::new();
    if let Some(p) = std::env::var_os("CHROMIUM") {
        candidates.push(p.into());
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        for name in ["chromium", "chromium-browser"] {
            candidates.push(dir.join(name));
        }
    }
    candidates.into_iter().find(|p| p.is_file())
}

/// Chromium, or None (with a message) when it is not installed outside CI.
fn chromium() -> Option<PathBuf> {
    match find_chromium() {
        Some(p) => Some(p),
        None => {
            assert!(
                std::env::var_os("CI").is_none(),
                "chromium is not installed, and CI must test the HTML explorer in a browser \
                 (apt-get install chromium)"
            );
            eprintln!("chromium is not installed: the HTML explorer was not tested in a browser");
            None
        }
    }
}

struct Rendered {
    dom: String,
    log: String,
}

/// Loads `page` (with an optional URL fragment) in headless Chromium and returns the
/// DOM after the page's script has run, and the console log.
fn render(chromium: &Path, page: &Path, fragment: &str) -> Rendered {
    let profile = temp_dir().join(format!(
        "profile-{}",
        page.file_stem().unwrap().to_string_lossy()
    ));
    let url = format!("file://{}{fragment}", page.display());
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
            "--window-size=1400,900",
            "--virtual-time-budget=5000",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(&url)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cannot start chromium");
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut s = String::new();
        stdout.read_to_string(&mut s).map(|_| s)
    });
    let err = std::thread::spawn(move || {
        let mut s = String::new();
        stderr.read_to_string(&mut s).map(|_| s)
    });
    let deadline = Instant::now() + Duration::from_secs(180);
    let status = loop {
        if let Some(st) = child.try_wait().unwrap() {
            break st;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish rendering {url} in time");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let dom = out.join().unwrap().unwrap();
    let log = err.join().unwrap().unwrap_or_default();
    let _ = std::fs::remove_dir_all(&profile);
    assert!(status.success(), "chromium failed on {url}: {log}");
    // console messages (script errors, fetches the page's Content-Security-Policy
    // blocked, library warnings) are logged as `INFO:CONSOLE…`; the page logs none
    let console: Vec<&str> = log.lines().filter(|l| l.contains(":CONSOLE")).collect();
    assert!(console.is_empty(), "the page logged: {console:#?}");
    assert!(dom.contains("</html>"), "no DOM dumped for {url}: {log}");
    Rendered { dom, log }
}

/// The text of the element with this id in a dumped DOM (from its start tag to the end
/// tag of the same name, no nesting of the same element assumed).
fn element<'a>(dom: &'a str, tag: &str, id: &str) -> &'a str {
    let open = if id.is_empty() {
        format!("<{tag}")
    } else {
        format!("<{tag} id=\"{id}\"")
    };
    let start = dom
        .find(&open)
        .unwrap_or_else(|| panic!("no {open} in the DOM"));
    let end = dom[start..]
        .find(&format!("</{tag}>"))
        .map_or(dom.len(), |i| start + i);
    &dom[start..end]
}

/// Text as the DOM serializer writes it inside an element.
fn html_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\u{a0}', "&nbsp;")
}

#[test]
fn page_is_self_contained_and_embeds_the_graph() {
    let (page, graph) = article_page();
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("Content-Security-Policy\" content=\"default-src 'none'"));
    let lower = html.to_ascii_lowercase();
    for external in ["<script src", "<link", "<iframe", "<img", "@import"] {
        assert!(!lower.contains(external), "page refers to {external}");
    }
    let start = html.find("id=\"graph-data\">").unwrap() + "id=\"graph-data\">".len();
    let end = start + html[start..].find("</script>").unwrap();
    let data: serde_json::Value = serde_json::from_str(&html[start..end]).unwrap();
    let ids = |v: &serde_json::Value| -> Vec<String> {
        v["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids(&data), ids(&graph));
    assert_eq!(
        data["edges"].as_array().unwrap().len(),
        graph["edges"].as_array().unwrap().len()
    );
    // the CLI gives the exporter the text, so evidence comes with its paragraph
    let paragraphs = data["paragraphs"].as_array().unwrap();
    assert!(!paragraphs.is_empty());
    assert!(paragraphs.iter().any(|p| {
        p["text"]
            .as_str()
            .unwrap()
            .starts_with("VALDORA — Fisheries Minister")
    }));
}

#[test]
fn browser_lists_every_person_and_draws_the_graph() {
    let Some(chromium) = chromium() else { return };
    let (page, graph) = article_page();
    let r = render(&chromium, &page, "");
    let actors = element(&r.dom, "div", "actors");
    let mut people = 0;
    for n in graph["nodes"].as_array().unwrap() {
        if matches!(
            n["kind"].as_str(),
            Some("Person" | "Organization" | "Place" | "Group")
        ) {
            let name = html_text(n["name"].as_str().unwrap());
            assert!(actors.contains(&name), "{name} is not listed");
            people += usize::from(n["kind"] == "Person");
        }
    }
    assert!(people >= 2, "the article has people: {actors}");
    let drawing = element(&r.dom, "div", "graph");
    assert!(drawing.contains("<canvas"), "no canvas in {drawing}");
    assert!(r.dom.contains("id=\"kind-filter\""));
    assert!(r.dom.contains("Showing all"));
    assert!(
        !r.log.contains("net::ERR"),
        "the page tried to fetch: {}",
        r.log
    );
}

#[test]
fn browser_shows_a_speakers_statements_with_their_paragraph() {
    let Some(chromium) = chromium() else { return };
    let (page, graph) = article_page();
    // a speaker of the article and what it said
    let edges = graph["edges"].as_array().unwrap();
    let said = edges
        .iter()
        .find(|e| e["relation"] == "said" && e["source"].as_str().unwrap().starts_with("person/"))
        .expect("the article has a quoted person");
    let speaker = said["source"].as_str().unwrap();
    let statement = graph["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == said["target"])
        .unwrap();
    let r = render(
        &chromium,
        &page,
        &format!("#actor={}", speaker.replace('/', "%2F")),
    );
    let details = element(&r.dom, "aside", "details");
    let text = html_text(statement["text"].as_str().unwrap());
    assert!(
        details.contains(&text),
        "statement {text:?} not in {details}"
    );
    let cue = statement["cue"].as_str().unwrap();
    assert!(details.contains(&format!("cue: {cue}")), "{details}");
    let kind = statement["quote"].as_str().unwrap();
    assert!(details.contains(&format!(">{kind}</span>")), "{details}");
    // the evidence sentence is marked inside its paragraph
    let sentence = html_text(said["evidence"][0]["text"].as_str().unwrap());
    assert!(
        details.contains(&format!("<mark>{sentence}</mark>")),
        "{details}"
    );
    assert!(
        details.contains("class=\"context\">VALDORA — "),
        "{details}"
    );
    let actors = element(&r.dom, "div", "actors");
    assert!(
        actors.contains("class=\"selected\""),
        "the speaker is not marked"
    );
}

const HOSTILE: &str = "</script><script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\"> \"quoted\" 'single' & \u{2028}\u{2029} <!--";

fn hostile_graph() -> Graph {
    let mut g = Graph::new();
    g.documents.push(DocumentInfo {
        id: "d</script>".into(),
        title: Some(format!("Title {HOSTILE}")),
        ..Default::default()
    });
    let text = format!("Intro.\n\nPara {HOSTILE} said it.\n");
    let start = text.find("Para").unwrap();
    let ev = Evidence {
        document: "d</script>".into(),
        start,
        end: text.trim_end().len(),
        text: text[start..].trim_end().into(),
    };
    let mut a = Node::new(
        "person/<img src=x>",
        NodeKind::Person,
        format!("Ann {HOSTILE}"),
    );
    a.aliases.insert(HOSTILE.into());
    a.roles.push(newsgraph::graph::Role {
        title: format!("envoy {HOSTILE}"),
        affiliation: Some("org/\"x\"".into()),
    });
    g.add_node(a);
    g.add_node(Node::new(
        "org/\"x\"",
        NodeKind::Organization,
        format!("Org {HOSTILE}"),
    ));
    let mut s = Node::new("statement/d/1", NodeKind::Statement, "s");
    s.text = Some(format!("Quote {HOSTILE}"));
    s.quote = Some(QuoteKind::Direct);
    s.cue = Some("said <b>".into());
    s.evidence.push(ev.clone());
    g.add_node(s);
    let mut e = Edge::new(Relation::Said, 0.9, vec![ev.clone()]);
    e.cue = Some("said".into());
    g.add_edge("person/<img src=x>", "statement/d/1", e);
    g.add_edge(
        "person/<img src=x>",
        "org/\"x\"",
        Edge::new(Relation::Warned, 0.7, vec![ev]),
    );
    g
}

#[test]
fn hostile_names_are_shown_as_text_and_inject_nothing() {
    let g = hostile_graph();
    let mut opts = ExportOptions::default();
    opts.texts.insert(
        "d</script>".into(),
        format!("Intro.\n\nPara {HOSTILE} said it.\n"),
    );
    let html = String::from_utf8(Html.export(&g, &opts)).unwrap();
    assert_eq!(
        html.matches("<script").count(),
        3,
        "only the page's own scripts"
    );
    assert!(!html.contains("<img"));
    assert!(!html.contains('\u{2028}') && !html.contains('\u{2029}'));
    let Some(chromium) = chromium() else { return };
    let page = temp_dir().join("hostile.html");
    std::fs::write(&page, &html).unwrap();
    let r = render(&chromium, &page, "#actor=person%2F%3Cimg%20src%3Dx%3E");
    assert!(!r.dom.contains("<img"), "an element was injected");
    // the names hold scripts that would set the title: it is still the document's
    let title = element(&r.dom, "title", "").to_string();
    assert!(title.starts_with("<title>Title &lt;/script&gt;"), "{title}");
    assert_eq!(
        r.dom.matches("<script").count(),
        3,
        "a script element was injected"
    );
    let actors = element(&r.dom, "div", "actors");
    let shown = html_text(&format!("Ann {HOSTILE}"));
    assert!(actors.contains(&shown), "{actors}");
    let details = element(&r.dom, "aside", "details");
    assert!(
        details.contains(&html_text(&format!("Quote {HOSTILE}"))),
        "{details}"
    );
    assert!(details.contains("<mark>Para &lt;/script&gt;"), "{details}");
}

#[test]
fn big_graphs_start_with_the_most_connected_nodes() {
    let Some(chromium) = chromium() else { return };
    let mut g = Graph::new();
    g.documents.push(DocumentInfo {
        id: "corpus".into(),
        ..Default::default()
    });
    let n = 3000;
    for i in 0..n {
        g.add_node(Node::new(
            format!("person/p{i}"),
            NodeKind::Person,
            format!("Person {i:04}"),
        ));
    }
    let ev = |i: usize| Evidence {
        document: "corpus".into(),
        start: i,
        end: i + 1,
        text: "x".into(),
    };
    // hubs: p0..p9 meet many; everyone meets a neighbour
    for i in 0..n {
        g.add_edge(
            &format!("person/p{}", i % 10),
            &format!("person/p{i}"),
            Edge::new(Relation::MetWith, 0.8, vec![ev(i)]),
        );
        g.add_edge(
            &format!("person/p{i}"),
            &format!("person/p{}", (i + 1) % n),
            Edge::new(Relation::Warned, 0.6, vec![ev(i)]),
        );
    }
    let page = temp_dir().join("big.html");
    std::fs::write(&page, Html.export(&g, &ExportOptions::default())).unwrap();
    let started = Instant::now();
    let r = render(&chromium, &page, "");
    eprintln!("big graph rendered in {:?}", started.elapsed());
    assert!(
        r.dom.contains("Showing 150 of 3000 connected nodes"),
        "{}",
        element(&r.dom, "div", "toolbar")
    );
    let actors = element(&r.dom, "div", "actors");
    assert!(actors.contains("Person 2999"), "the list has every actor");
    assert!(!r.dom.contains("id=\"show-all\" hidden"));
}
