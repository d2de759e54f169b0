//! Using newsgraph as a library: extract the graph of an article, look at who said what,
//! and write graph JSON.
//!
//! ```sh
//! cargo run --example extract -- examples/envoy-moscow-talks.txt
//! ```

use newsgraph::formats::{ExportOptions, Exporter, json::Json};
use newsgraph::graph::{NodeKind, Relation};
use newsgraph::{Date, Document, Pipeline};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "examples/envoy-moscow-talks.txt".to_string());
    let bytes = std::fs::read(&path)?;
    let mut doc = Document::from_bytes("example", &bytes)?;
    doc.published = Date::parse("2025-12-02");

    let graph = Pipeline::default().extract(&doc);

    println!("People:");
    for n in graph.nodes().filter(|n| n.kind == NodeKind::Person) {
        let roles: Vec<String> = n.roles.iter().map(|r| r.title.clone()).collect();
        println!("  {} {:?}", n.name, roles);
    }
    println!("Who said what:");
    for e in graph.edges() {
        if e.edge.relation == Relation::Said {
            println!(
                "  {} ({}): {}",
                e.source.name,
                e.target.cue.as_deref().unwrap_or(""),
                e.target.text.as_deref().unwrap_or("")
            );
        }
    }
    let json = Json.export(&graph, &ExportOptions::default());
    println!("graph JSON: {} bytes", json.len());
    Ok(())
}
