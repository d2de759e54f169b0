//! The explorer (`--format html`): one self-contained HTML page to explore who met,
//! warned, opposed and said what.
//!
//! The page inlines everything it needs — the data, the page script
//! (`assets/explorer.js`), its style (`assets/explorer.css`) and the graph drawing library
//! (Cytoscape.js, vendored in `assets/vendor/`, see its README) — so it works from
//! `file://` and fetches nothing; a Content-Security-Policy forbids every fetch.
//! Beside the drawing it lists the actors with their roles as HTML text; selecting one
//! highlights its neighbourhood and lists its statements and relations, each with its
//! evidence in context: the paragraph with the span highlighted when the document
//! texts are known ([`ExportOptions::texts`]), the evidence sentence alone otherwise
//! (graphs read back from graph JSON carry no texts). `#actor=<node id>` in the URL
//! selects an actor on load.
//!
//! Escaping: the data is JSON inside `<script type="application/json">`, where `<`,
//! `>`, `&`, U+2028 and U+2029 are written as `\u003c` … (so no string can close the
//! element or start a comment); the page title is HTML-escaped; the script builds the
//! DOM with `textContent` only. The embedded assets are checked (by a test) to contain
//! no `</script`, `</style` or `<!--`.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{ExportOptions, Exporter, confidence_str};
use crate::graph::{Evidence, Graph, Node, NodeKind};

/// The HTML exporter.
pub struct Html;

/// At first the drawing shows at most this many nodes (the most connected); the page
/// has a button to show all.
pub const INITIAL_NODES: usize = 150;

/// A paragraph longer than this many bytes is cut to a window around the evidence.
const MAX_CONTEXT_BYTES: usize = 1200;

const TEMPLATE: &str = include_str!("../../assets/explorer.html");
const STYLE: &str = include_str!("../../assets/explorer.css");
const SCRIPT: &str = include_str!("../../assets/explorer.js");
const VENDOR: &str = include_str!("../../assets/vendor/cytoscape.min.js");

impl Exporter for Html {
    fn extension(&self) -> &'static str {
        "html"
    }

    fn export(&self, graph: &Graph, opts: &ExportOptions) -> Vec<u8> {
        let data = page_data(graph, opts);
        // serializing owned plain data cannot fail
        let json = serde_json::to_string(&data).unwrap_or_default();
        fill(TEMPLATE, &page_title(graph), &script_json(&json)).into_bytes()
    }
}

/// The page's `<title>`: the title of the only document, or the number of documents.
fn page_title(graph: &Graph) -> String {
    let text = match graph.documents.as_slice() {
        [d] => d.title.clone().unwrap_or_else(|| d.id.clone()),
        [] => "graph".to_string(),
        ds => format!("{} documents", ds.len()),
    };
    format!("{} — newsgraph explorer", one_line(&text))
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Fills the template's `{{NAME}}` slots in one pass over the template, so nothing
/// inserted is ever scanned for slots again.
fn fill(template: &str, title: &str, data: &str) -> String {
    let mut out = String::with_capacity(template.len() + VENDOR.len() + data.len() + 4096);
    let mut rest = template;
    while let Some(i) = rest.find("{{") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        let Some(j) = after.find("}}") else {
            out.push_str(&rest[i..]);
            rest = "";
            break;
        };
        match &after[..j] {
            "TITLE" => out.push_str(&escape_html(title)),
            "STYLE" => out.push_str(STYLE),
            "VENDOR" => out.push_str(VENDOR),
            "SCRIPT" => out.push_str(SCRIPT),
            "DATA" => out.push_str(data),
            other => {
                out.push_str("{{");
                out.push_str(other);
                out.push_str("}}");
            }
        }
        rest = &after[j + 2..];
    }
    out.push_str(rest);
    out
}

/// Escapes text for HTML element content and quoted attribute values.
fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Makes JSON safe inside a `<script>` element: `<`, `>`, `&` and the JavaScript line
/// separators become `\uXXXX` escapes. They only occur inside JSON strings, where the
/// escape means the same character.
fn script_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + 64);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

// ------------------------------------------------------------------ page data

#[derive(Serialize)]
struct PageData<'a> {
    documents: Vec<PageDocument<'a>>,
    nodes: Vec<PageNode<'a>>,
    edges: Vec<PageEdge<'a>>,
    /// Paragraphs that hold evidence, each once.
    paragraphs: Vec<PageParagraph>,
    /// How many nodes the drawing shows at first.
    limit: usize,
}

#[derive(Serialize)]
struct PageDocument<'a> {
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
}

#[derive(Serialize)]
struct PageNode<'a> {
    id: &'a str,
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    aliases: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    roles: Vec<PageRole<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    quote: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cue: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    place: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    when: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    evidence: Vec<PageEvidence<'a>>,
}

#[derive(Serialize, PartialEq, Eq, PartialOrd, Ord)]
struct PageRole<'a> {
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    affiliation: Option<&'a str>,
}

#[derive(Serialize)]
struct PageEdge<'a> {
    source: &'a str,
    target: &'a str,
    relation: &'static str,
    confidence: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    cue: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    evidence: Vec<PageEvidence<'a>>,
}

/// Evidence with, when the document text is known, its paragraph (an index into
/// `paragraphs`) and the span within it in UTF-16 code units (JavaScript string indices).
#[derive(Serialize)]
struct PageEvidence<'a> {
    document: &'a str,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    paragraph: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    from: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    to: Option<usize>,
}

#[derive(Serialize)]
struct PageParagraph {
    document: String,
    text: String,
}

fn page_data<'a>(graph: &'a Graph, opts: &'a ExportOptions) -> PageData<'a> {
    let mut context = Context::new(opts);
    let mut documents: Vec<PageDocument<'a>> = graph
        .documents
        .iter()
        .map(|d| PageDocument {
            id: &d.id,
            title: d.title.as_deref(),
            published: d.published.as_deref(),
            source: d.source.as_deref(),
        })
        .collect();
    documents.sort_by(|a, b| a.id.cmp(b.id));
    let nodes = graph.nodes().map(|n| page_node(n, &mut context)).collect();
    let edges = graph
        .edges()
        .into_iter()
        .map(|e| PageEdge {
            source: &e.source.id,
            target: &e.target.id,
            relation: e.edge.relation.as_str(),
            confidence: confidence_str(e.edge.confidence),
            cue: e.edge.cue.as_deref(),
            status: e.edge.status.map(|s| s.as_str()),
            title: e.edge.title.as_deref(),
            evidence: e
                .edge
                .evidence
                .iter()
                .map(|ev| context.locate(ev))
                .collect(),
        })
        .collect();
    PageData {
        documents,
        nodes,
        edges,
        paragraphs: context.paragraphs,
        limit: INITIAL_NODES,
    }
}

fn page_node<'a>(n: &'a Node, context: &mut Context<'a>) -> PageNode<'a> {
    let mut roles: Vec<PageRole<'a>> = n
        .roles
        .iter()
        .map(|r| PageRole {
            title: &r.title,
            affiliation: r.affiliation.as_deref(),
        })
        .collect();
    roles.sort();
    // statements, meetings and proposals are shown with their evidence; an actor's
    // first mention adds nothing its relations do not show
    let evidence = match n.kind {
        NodeKind::Statement | NodeKind::Meeting | NodeKind::Proposal => {
            n.evidence.iter().map(|ev| context.locate(ev)).collect()
        }
        _ => Vec::new(),
    };
    PageNode {
        id: &n.id,
        kind: n.kind.as_str(),
        name: &n.name,
        aliases: n.aliases.iter().map(String::as_str).collect(),
        roles,
        text: n.text.as_deref(),
        quote: n.quote.map(|q| q.as_str()),
        cue: n.cue.as_deref(),
        place: n.place.as_deref(),
        when: n.when.as_deref(),
        date: n.date.as_deref(),
        status: n.status.map(|s| s.as_str()),
        evidence,
    }
}

/// Finds the paragraph around each evidence span in the document texts and keeps each
/// paragraph once.
struct Context<'a> {
    texts: &'a BTreeMap<String, String>,
    /// Paragraph spans per document, computed on first use.
    spans: BTreeMap<&'a str, Vec<(usize, usize)>>,
    index: BTreeMap<(&'a str, usize, usize), usize>,
    paragraphs: Vec<PageParagraph>,
}

impl<'a> Context<'a> {
    fn new(opts: &'a ExportOptions) -> Context<'a> {
        Context {
            texts: &opts.texts,
            spans: BTreeMap::new(),
            index: BTreeMap::new(),
            paragraphs: Vec::new(),
        }
    }

    fn locate(&mut self, ev: &'a Evidence) -> PageEvidence<'a> {
        let mut out = PageEvidence {
            document: &ev.document,
            text: &ev.text,
            paragraph: None,
            from: None,
            to: None,
        };
        let Some(text) = self.texts.get(&ev.document) else {
            return out;
        };
        // evidence of another version of the text is shown alone
        if text.get(ev.start..ev.end) != Some(ev.text.as_str()) {
            return out;
        }
        let spans = self
            .spans
            .entry(ev.document.as_str())
            .or_insert_with(|| paragraph_spans(text));
        let (pstart, pend) = paragraph_of(spans, ev.start, ev.end);
        let (wstart, wend) = window(text, pstart, pend, ev.start, ev.end);
        let key = (ev.document.as_str(), wstart, wend);
        let ix = match self.index.get(&key) {
            Some(&ix) => ix,
            None => {
                let mut shown = String::new();
                if wstart > pstart {
                    shown.push('…');
                }
                shown.push_str(&text[wstart..wend]);
                if wend < pend {
                    shown.push('…');
                }
                self.paragraphs.push(PageParagraph {
                    document: ev.document.clone(),
                    text: shown,
                });
                self.index.insert(key, self.paragraphs.len() - 1);
                self.paragraphs.len() - 1
            }
        };
        let lead = usize::from(wstart > pstart);
        let from = lead + utf16_len(&text[wstart..ev.start]);
        out.paragraph = Some(ix);
        out.from = Some(from);
        out.to = Some(from + utf16_len(&ev.text));
        out
    }
}

fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

/// Paragraphs as byte spans (trimmed): blocks separated by blank lines, or, in a text
/// without blank lines, its lines.
fn paragraph_spans(text: &str) -> Vec<(usize, usize)> {
    let mut lines: Vec<(usize, usize)> = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        lines.push((at, at + line.len()));
        at += line.len();
    }
    let blank = |&(s, e): &(usize, usize)| text[s..e].trim().is_empty();
    let by_blank_lines = lines.iter().any(blank);
    let mut out = Vec::new();
    let mut current: Option<(usize, usize)> = None;
    for l in &lines {
        if blank(l) {
            out.extend(current.take());
        } else if by_blank_lines {
            current = Some(current.map_or(*l, |(s, _)| (s, l.1)));
        } else {
            out.push(*l);
        }
    }
    out.extend(current);
    out.into_iter()
        .map(|(s, e)| {
            let t = &text[s..e];
            let lead = t.len() - t.trim_start().len();
            (s + lead, s + lead + t.trim().len())
        })
        .collect()
}

/// The paragraph (or run of paragraphs) that holds `start..end`.
fn paragraph_of(spans: &[(usize, usize)], start: usize, end: usize) -> (usize, usize) {
    let first = spans.partition_point(|&(_, e)| e <= start);
    let last = spans.partition_point(|&(s, _)| s < end);
    if first < last {
        (spans[first].0.min(start), spans[last - 1].1.max(end))
    } else {
        (start, end)
    }
}

/// A window of at most about [`MAX_CONTEXT_BYTES`] of the paragraph around the span,
/// cut at whitespace (the span itself is always whole).
fn window(text: &str, pstart: usize, pend: usize, start: usize, end: usize) -> (usize, usize) {
    if pend - pstart <= MAX_CONTEXT_BYTES {
        return (pstart, pend);
    }
    let margin = MAX_CONTEXT_BYTES.saturating_sub(end - start) / 2;
    let mut ws = start.saturating_sub(margin).max(pstart);
    while !text.is_char_boundary(ws) {
        ws += 1;
    }
    if ws > pstart {
        // start after a space so no word is cut
        if let Some(i) = text[ws..start].find(char::is_whitespace) {
            ws += i;
            ws += text[ws..].len() - text[ws..].trim_start().len();
            ws = ws.min(start);
        }
    }
    let mut we = (end + margin).min(pend);
    while !text.is_char_boundary(we) {
        we -= 1;
    }
    if we < pend
        && let Some(i) = text[end..we].rfind(char::is_whitespace)
    {
        we = end + i;
    }
    (ws, we.max(end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{DocumentInfo, Edge, Relation};

    #[test]
    fn assets_cannot_end_their_element_early() {
        for (name, asset) in [("style", STYLE), ("script", SCRIPT), ("vendor", VENDOR)] {
            let lower = asset.to_ascii_lowercase();
            for bad in ["</script", "</style", "<!--"] {
                assert!(!lower.contains(bad), "{name} contains {bad}");
            }
        }
        for slot in [
            "{{TITLE}}",
            "{{STYLE}}",
            "{{VENDOR}}",
            "{{SCRIPT}}",
            "{{DATA}}",
        ] {
            assert_eq!(TEMPLATE.matches(slot).count(), 1, "{slot}");
        }
    }

    #[test]
    fn script_json_has_no_markup_and_reads_back() {
        let nasty = "</script><!-- <img src=x onerror=alert(1)> & \u{2028}\u{2029} \"'";
        let json = serde_json::to_string(&serde_json::json!({ "s": nasty })).unwrap();
        let safe = script_json(&json);
        for c in ['<', '>', '&', '\u{2028}', '\u{2029}'] {
            assert!(!safe.contains(c), "{c:?} in {safe}");
        }
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["s"], nasty);
        assert_eq!(
            escape_html("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }

    #[test]
    fn slots_are_filled_once_and_inserted_text_is_not_rescanned() {
        let page = fill(
            "<title>{{TITLE}}</title>{{DATA}}{{NOPE}}",
            "{{DATA}}<",
            "{{TITLE}}",
        );
        assert_eq!(page, "<title>{{DATA}}&lt;</title>{{TITLE}}{{NOPE}}");
    }

    #[test]
    fn paragraphs_by_blank_lines_or_by_lines() {
        let t = "Title\n\nOne a.\nOne b.\n\n  Two.  \n";
        let spans = paragraph_spans(t);
        let got: Vec<&str> = spans.iter().map(|&(s, e)| &t[s..e]).collect();
        assert_eq!(got, ["Title", "One a.\nOne b.", "Two."]);
        let t = "Title\r\nOne.\r\nTwo.";
        let got: Vec<&str> = paragraph_spans(t).iter().map(|&(s, e)| &t[s..e]).collect();
        assert_eq!(got, ["Title", "One.", "Two."]);
        assert_eq!(paragraph_of(&spans, 7, 12), (7, 20));
        // a span across paragraphs gets all of them
        assert_eq!(paragraph_of(&spans, 7, 27), (7, 28));
    }

    #[test]
    fn evidence_is_located_in_its_paragraph_in_utf16_units() {
        let text = "Héadline\n\nFirst 😀 para. Zoë met Ana.\n\nOther.";
        let sentence = "Zoë met Ana.";
        let start = text.find(sentence).unwrap();
        let ev = Evidence {
            document: "d".into(),
            start,
            end: start + sentence.len(),
            text: sentence.into(),
        };
        let mut opts = ExportOptions::default();
        opts.texts.insert("d".into(), text.into());
        let mut cx = Context::new(&opts);
        let p = cx.locate(&ev);
        let para = &cx.paragraphs[p.paragraph.unwrap()].text;
        assert_eq!(para, "First 😀 para. Zoë met Ana.");
        let units: Vec<u16> = para.encode_utf16().collect();
        let shown = String::from_utf16(&units[p.from.unwrap()..p.to.unwrap()]).unwrap();
        assert_eq!(shown, sentence);
        // a stale text is not used
        let mut stale = ev.clone();
        stale.text = "other".into();
        assert!(cx.locate(&stale).paragraph.is_none());
        assert_eq!(cx.paragraphs.len(), 1);
    }

    #[test]
    fn long_paragraphs_are_cut_around_the_span() {
        let words = "word ".repeat(600);
        let text = format!("{words}the span itself {words}");
        let start = text.find("the span").unwrap();
        let end = start + "the span itself".len();
        let (ws, we) = window(&text, 0, text.trim_end().len(), start, end);
        assert!(we - ws <= MAX_CONTEXT_BYTES);
        assert!(ws <= start && we >= end);
        assert!(text[ws..we].starts_with("word") && text[ws..we].ends_with("word"));
    }

    #[test]
    fn page_holds_every_node_and_no_raw_markup() {
        let mut g = Graph::new();
        g.documents.push(DocumentInfo {
            id: "d".into(),
            title: Some("</title><script>alert(1)</script>".into()),
            ..Default::default()
        });
        g.add_node(Node::new(
            "person/a",
            NodeKind::Person,
            "</script><img src=x>",
        ));
        g.add_node(Node::new("person/b", NodeKind::Person, "B"));
        let ev = Evidence {
            document: "d".into(),
            start: 0,
            end: 1,
            text: "x".into(),
        };
        g.add_edge(
            "person/a",
            "person/b",
            Edge::new(Relation::MetWith, 0.9, vec![ev]),
        );
        let page = String::from_utf8(Html.export(&g, &ExportOptions::default())).unwrap();
        assert_eq!(
            page.matches("<script").count(),
            3,
            "vendor, data, page script"
        );
        assert!(!page.contains("<img"));
        assert!(page.contains("&lt;/title&gt;&lt;script&gt;"));
        assert!(page.contains("\\u003c/script\\u003e\\u003cimg src=x\\u003e"));
    }
}
