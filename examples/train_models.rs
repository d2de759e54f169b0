//! Trains the shipped extraction models on every annotated article and writes them under
//! `models/` (the speaker ranker, `models/speaker.bin`, and the stance classifier,
//! `models/relation.bin`).
//!
//! ```sh
//! cargo run --release --example train_models -- [--data ../shared/eval/train] [--out models] [--missed FILE]
//! ```
//!
//! Deterministic: the same articles give byte-identical files. Retrain rarely: every
//! retrained model stays in git history.

use std::path::PathBuf;

use newsgraph::gold;
use newsgraph::stages::quotes::SpeakerModel;
use newsgraph::stages::relations::RelationModel;

fn main() {
    let mut data = PathBuf::from("../shared/eval/train");
    let mut out = PathBuf::from("models");
    let mut missed: Option<String> = None;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--data" => data = it.next().expect("--data needs a folder").into(),
            "--out" => out = it.next().expect("--out needs a folder").into(),
            "--missed" => missed = Some(it.next().expect("--missed needs a file")),
            other => {
                eprintln!(
                    "usage: train_models [--data DIR] [--out DIR] [--missed FILE] (not {other:?})"
                );
                std::process::exit(2);
            }
        }
    }
    let examples = gold::load_dir(&data).unwrap_or_else(|e| {
        eprintln!("train_models: {e}");
        std::process::exit(2);
    });
    let all: Vec<&gold::Example> = examples.iter().collect();
    // the speaker ranker first: the stance candidates read the statements' speakers
    let speaker = SpeakerModel::train(&newsgraph::train::speaker_items(&all));
    let bytes = speaker.to_bytes();
    let path = out.join("speaker.bin");
    std::fs::write(&path, &bytes).expect("write the model");
    println!("{}: {} bytes", path.display(), bytes.len());
    let data = newsgraph::train::relation_data(&all);
    if let Some(path) = missed {
        // the gold relations no candidate states, for error analysis
        let mut tsv = String::from("article\ttype\tsubject\tobject\tevidence\n");
        for m in &data.missed {
            let row: Vec<String> = m.iter().map(|f| f.replace(['\t', '\n'], " ")).collect();
            tsv.push_str(&row.join("\t"));
            tsv.push('\n');
        }
        std::fs::write(&path, tsv).expect("write the missed relations");
    }
    let items = data.items;
    let positives = items.iter().filter(|i| i.label != 0).count();
    let model = RelationModel::train(&items);
    let bytes = model.to_bytes();
    let path = out.join("relation.bin");
    std::fs::write(&path, &bytes).expect("write the model");
    println!(
        "candidates state {} of {} gold relations ({:.1}%)",
        data.covered,
        data.total,
        100.0 * data.covered as f64 / data.total.max(1) as f64
    );
    println!(
        "{}: {} bytes, trained on {} articles, {} candidates ({} stances)",
        path.display(),
        bytes.len(),
        all.len(),
        items.len(),
        positives
    );
}
