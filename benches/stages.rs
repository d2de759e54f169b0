//! Per-stage costs of the pipeline on a fixed example article (`cargo bench`).
//!
//! Each benchmark runs one stage on the output of the earlier ones (computed once,
//! outside the timed part), so the figures add up to the cost of `Pipeline::extract`,
//! which is measured too. Throughput is in bytes of article text.

use divan::Bencher;
use divan::counter::BytesCount;
use newsgraph::formats::{ExportOptions, Exporter, json::Json};
use newsgraph::graph::build;
use newsgraph::pipeline::Analysis;
use newsgraph::stages::{entities, mentions, parse, quotes, relations, roles, segment};
use newsgraph::{Document, Pipeline, tagging};

const TEXT: &str = include_str!("../examples/envoy-moscow-talks.txt");

fn main() {
    // parse the embedded lexicons and tagger model once, outside every measurement
    let _ = Pipeline::default().extract(&doc());
    divan::main();
}

fn doc() -> Document {
    Document::new("envoy-moscow-talks", TEXT)
}

fn analysis() -> (Document, Analysis) {
    let d = doc();
    let a = Pipeline::default().analyze(&d);
    (d, a)
}

fn bytes() -> BytesCount {
    BytesCount::of_str(TEXT)
}

#[divan::bench]
fn a_segment(b: Bencher) {
    let d = doc();
    b.counter(bytes()).bench(|| segment::segment(&d));
}

#[divan::bench]
fn b_tag(b: Bencher) {
    let d = doc();
    let seg = segment::segment(&d);
    b.counter(bytes()).bench(|| tagging::tag(&d, &seg));
}

/// The syntax stage: dependency parse and lemmas of every sentence (tags given).
#[divan::bench]
fn bp_parse(b: Bencher) {
    let d = doc();
    let seg = segment::segment(&d);
    let tags = tagging::tag(&d, &seg);
    b.counter(bytes()).bench(|| parse::parse(&d, &seg, &tags));
}

#[divan::bench]
fn c_mentions(b: Bencher) {
    let d = doc();
    let seg = segment::segment(&d);
    let tags = tagging::tag(&d, &seg);
    b.counter(bytes())
        .bench(|| mentions::detect(&d, &seg, &tags));
}

#[divan::bench]
fn d_entities(b: Bencher) {
    let d = doc();
    let seg = segment::segment(&d);
    let ms = mentions::detect(&d, &seg, &tagging::tag(&d, &seg));
    b.counter(bytes())
        .with_inputs(|| ms.clone())
        .bench_local_values(|ms| entities::resolve(&d, &seg, ms));
}

#[divan::bench]
fn e_roles(b: Bencher) {
    let (d, a) = analysis();
    let ents = entities::resolve(&d, &a.seg, mentions::detect(&d, &a.seg, &a.tags));
    b.counter(bytes())
        .bench(|| roles::attach(&d, &a.seg, &a.tags, &ents));
}

#[divan::bench]
fn f_quotes(b: Bencher) {
    let (d, a) = analysis();
    b.counter(bytes())
        .bench(|| quotes::extract(&d, &a.seg, &a.tags, &a.entities));
}

#[divan::bench]
fn g_relations(b: Bencher) {
    let (d, a) = analysis();
    b.counter(bytes())
        .bench(|| relations::extract(&d, &a.seg, &a.tags, &a.entities));
}

#[divan::bench]
fn h_build(b: Bencher) {
    let (d, a) = analysis();
    b.counter(bytes()).bench(|| build::graph(&d, &a));
}

#[divan::bench]
fn i_json_export(b: Bencher) {
    let (d, a) = analysis();
    let g = build::graph(&d, &a);
    let opts = ExportOptions::default();
    b.counter(bytes()).bench(|| Json.export(&g, &opts));
}

#[divan::bench]
fn z_whole_pipeline(b: Bencher) {
    let d = doc();
    let p = Pipeline::default();
    b.counter(bytes()).bench(|| p.extract(&d));
}
