//! Bytes → `Document::from_bytes` → `Pipeline::extract` → every exporter; the graph JSON
//! must parse back, every edge's evidence must be a slice of the document, and every
//! edge must join two nodes of the graph.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsgraph::formats::{self as export, ExportOptions};
use newsgraph::{Document, Pipeline};

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = Document::from_bytes("fuzz", data) else {
        return;
    };
    let graph = Pipeline::default().extract(&doc);
    for e in graph.edges() {
        assert!(graph.node(&e.source.id).is_some() && graph.node(&e.target.id).is_some());
        for ev in &e.edge.evidence {
            assert_eq!(doc.text.get(ev.start..ev.end), Some(ev.text.as_str()));
        }
    }
    let opts = ExportOptions::default();
    for name in export::FORMATS {
        let ex = export::exporter(name).expect("every listed format has an exporter");
        let bytes = ex.export(&graph, &opts);
        if matches!(*name, "json" | "jsonld") {
            let v: serde_json::Value = serde_json::from_slice(&bytes).expect("valid JSON");
            assert!(v.is_object());
        }
        if *name == "json" {
            let back = export::json::read(&bytes).expect("graph JSON reads back");
            assert_eq!(back.node_count(), graph.node_count());
            assert_eq!(back.edge_count(), graph.edge_count());
        }
    }
});
