//! The speaker ranker alone, cross-validated by the folds of `FOLDS.json`: over the
//! statements whose text matches a gold quote and one of whose candidates names its
//! speaker, how often the rules' speaker (candidate 0) is right, how often the ranker
//! trained on the other folds is, and per source of candidates how often one that is not
//! the rules' speaker is right.
//!
//! ```sh
//! cargo run --release --example speaker_cv -- [--data ../shared/eval/train]
//! ```

use std::path::PathBuf;

use newsgraph::gold::{self, Example};
use newsgraph::stages::quotes::SpeakerModel;

fn main() {
    let mut data = PathBuf::from("../shared/eval/train");
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--data" => data = it.next().expect("--data needs a folder").into(),
            other => {
                eprintln!("usage: speaker_cv [--data DIR] (not {other:?})");
                std::process::exit(2);
            }
        }
    }
    let examples = gold::load_dir(&data).unwrap_or_else(|e| {
        eprintln!("speaker_cv: {e}");
        std::process::exit(2);
    });
    let k = gold::fold_count(&examples);
    let margins = [0, 500, 1000, 2000, 4000, 8000];
    let mut ranked = [0usize; 6];
    let (mut n, mut rules, mut multi) = (0, 0, 0);
    let mut table = [(0usize, 0usize, 0usize); 8];
    for fold in 0..k {
        let train: Vec<&Example> = examples.iter().filter(|e| e.fold != Some(fold)).collect();
        let test: Vec<&Example> = examples.iter().filter(|e| e.fold == Some(fold)).collect();
        let model = SpeakerModel::train(&newsgraph::train::speaker_items(&train));
        for item in newsgraph::train::speaker_items(&test) {
            n += 1;
            if item.candidates.len() > 1 {
                multi += 1;
            }
            rules += item.correct[0] as usize;
            for (j, &src) in item.sources.iter().enumerate() {
                for (b, t) in table.iter_mut().enumerate() {
                    if j > 0 && src & (1 << b) != 0 {
                        t.0 += 1;
                        t.1 += item.correct[j] as usize;
                        t.2 += (item.correct[j] && !item.correct[0]) as usize;
                    }
                }
            }
            for (i, m) in margins.iter().enumerate() {
                ranked[i] += model
                    .choose(&item.candidates, *m)
                    .is_some_and(|g| item.correct[g]) as usize;
            }
        }
    }
    for (b, t) in table.iter().enumerate() {
        println!(
            "source {b}: an other candidate {} times, right {}, right where the rules are wrong {}",
            t.0, t.1, t.2
        );
    }
    println!(
        "{n} statements with the gold speaker among the candidates ({multi} with two or more): \
         rules right {rules}, ranker right {ranked:?} at margins {margins:?}"
    );
}
