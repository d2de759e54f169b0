//! Times each stage of the pipeline on one file (a quick way to find the stage that grows
//! faster than the input): `cargo run --release --example stage_times FILE`.

use std::time::Instant;

use newsgraph::formats::{ExportOptions, Exporter, json::Json};
use newsgraph::graph::build;
use newsgraph::stages::{entities, mentions, quotes, relations, roles, segment};
use newsgraph::{Document, Pipeline, tagging};

fn main() {
    let path = std::env::args().nth(1).expect("a file");
    let bytes = std::fs::read(&path).expect("readable");
    let _ = Pipeline::default().extract(&Document::new("warm", "Kalo Renvo said so."));
    let t = Instant::now();
    let d = Document::from_bytes("doc", &bytes).expect("text");
    let lap = |name: &str, t: &mut Instant| {
        println!("{name:12} {:8.3}s", t.elapsed().as_secs_f64());
        *t = Instant::now();
    };
    let mut t = t;
    lap("decode", &mut t);
    let seg = segment::segment(&d);
    lap("segment", &mut t);
    let tags = tagging::tag(&d, &seg);
    lap("tag", &mut t);
    let ms = mentions::detect(&d, &seg, &tags);
    lap("mentions", &mut t);
    let ents = entities::resolve(&d, &seg, ms);
    lap("entities", &mut t);
    let _ = roles::attach(&d, &seg, &tags, &ents);
    lap("roles", &mut t);
    let _ = quotes::extract(&d, &seg, &tags, &ents);
    lap("quotes", &mut t);
    let _ = relations::extract(&d, &seg, &tags, &ents);
    lap("relations", &mut t);
    let a = Pipeline::default().analyze(&d);
    lap("analyze", &mut t);
    let g = build::graph(&d, &a);
    lap("build", &mut t);
    let _ = Json.export(&g, &ExportOptions::default());
    lap("json", &mut t);
}
