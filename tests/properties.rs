//! Properties of the whole pipeline over generated text: news-like fragments mixed with
//! hostile characters, arbitrary strings and arbitrary bytes.
//!
//! - every evidence span lies inside the document and equals its text;
//! - two runs give identical output in every format;
//! - graph JSON always parses, reads back, and has no dangling edges;
//! - tokens are in order, non-empty and on char boundaries.

use newsgraph::formats::{self as export, ExportOptions};
use newsgraph::stages::segment::{MAX_SENTENCE_TOKENS, segment};
use newsgraph::{Document, Pipeline};
use proptest::prelude::*;

/// Pieces of news text (invented names) and of hostile text.
const FRAGMENTS: &[&str] = &[
    "Minister",
    "President",
    "Foreign Minister",
    "Kalo Renvo",
    "Dora Senqui",
    "Renvo",
    "Senqui",
    "the Baltic Fisheries Council",
    "(BFC)",
    "BFC",
    "Lisbon",
    "the United States",
    "U.S.",
    "British",
    "prime minister",
    "met",
    "warned",
    "said",
    "told reporters",
    "according to",
    "he",
    "she",
    "on Monday",
    "in",
    "and",
    "of",
    "who",
    "was appointed as",
    "envoy",
    ",",
    ".",
    "?",
    "!",
    "\"",
    "“",
    "”",
    "'",
    "’s",
    "—",
    " - ",
    "(",
    ")",
    "\n",
    "\n\n",
    "\r\n",
    "\u{feff}",
    "\u{200f}",
    "\u{202e}",
    "\u{1b}",
    "\u{0}",
    "\\",
    "<script>",
    "{\"@id\": \"x\"}",
    "&amp;",
    "1,000",
    "e\u{301}",
    "ЖЖ",
    "سلام",
];

fn news_text() -> impl Strategy<Value = String> {
    prop::collection::vec((prop::sample::select(FRAGMENTS), prop::bool::ANY), 0..120).prop_map(
        |parts| {
            let mut s = String::new();
            for (p, space) in parts {
                s.push_str(p);
                if space {
                    s.push(' ');
                }
            }
            s
        },
    )
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => news_text(),
        1 => any::<String>(),
        1 => prop::collection::vec(any::<u8>(), 0..400)
            .prop_map(|b| Document::from_bytes("p", &b).map(|d| d.text).unwrap_or_default()),
    ]
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn evidence_spans_are_slices_of_the_document(text in any_text()) {
        let doc = Document::new("p", text.clone());
        let g = Pipeline::default().extract(&doc);
        for n in g.nodes() {
            for ev in &n.evidence {
                prop_assert!(ev.start <= ev.end && ev.end <= text.len());
                prop_assert_eq!(text.get(ev.start..ev.end), Some(ev.text.as_str()));
            }
        }
        for e in g.edges() {
            for ev in &e.edge.evidence {
                prop_assert!(ev.start <= ev.end && ev.end <= text.len());
                prop_assert_eq!(text.get(ev.start..ev.end), Some(ev.text.as_str()));
            }
        }
    }

    #[test]
    fn two_runs_give_identical_output(text in any_text()) {
        let doc = Document::new("p", text);
        let (a, b) = (Pipeline::default().extract(&doc), Pipeline::default().extract(&doc));
        let opts = ExportOptions::default();
        for f in export::FORMATS {
            let ex = export::exporter(f).unwrap();
            prop_assert_eq!(ex.export(&a, &opts), ex.export(&b, &opts), "format {}", f);
        }
    }

    #[test]
    fn graph_json_parses_and_never_dangles(text in any_text()) {
        let doc = Document::new("p", text);
        let g = Pipeline::default().extract(&doc);
        let bytes = export::exporter("json").unwrap().export(&g, &ExportOptions::default());
        let v: serde_json::Value = serde_json::from_slice(&bytes).expect("graph JSON parses");
        let ids: std::collections::HashSet<&str> = v["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["id"].as_str().unwrap())
            .collect();
        prop_assert_eq!(ids.len(), v["nodes"].as_array().unwrap().len(), "duplicate ids");
        for e in v["edges"].as_array().unwrap() {
            prop_assert!(ids.contains(e["source"].as_str().unwrap()), "dangling source");
            prop_assert!(ids.contains(e["target"].as_str().unwrap()), "dangling target");
            let c = e["confidence"].as_f64().unwrap();
            prop_assert!((0.0..=1.0).contains(&c));
        }
        let back = export::json::read(&bytes).expect("graph JSON reads back");
        prop_assert_eq!(back.node_count(), g.node_count());
        prop_assert_eq!(back.edge_count(), g.edge_count());
    }

    #[test]
    fn tokens_are_in_order_and_on_char_boundaries(text in any_text()) {
        let doc = Document::new("p", text.clone());
        let seg = segment(&doc);
        let mut prev = 0;
        for t in &seg.tokens {
            prop_assert!(t.span.start >= prev && t.span.start < t.span.end);
            prop_assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
            prev = t.span.end;
        }
        prop_assert!(prev <= text.len());
        for s in &seg.sentences {
            prop_assert!(!s.tokens.is_empty() && s.tokens.len() <= MAX_SENTENCE_TOKENS);
            prop_assert_eq!(s.span.start, seg.tokens[s.tokens.start].span.start);
            prop_assert_eq!(s.span.end, seg.tokens[s.tokens.end - 1].span.end);
        }
    }
}
