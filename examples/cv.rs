//! Cross-validation by article: the honest accuracy of the extraction.
//!
//! ```sh
//! cargo run --release --example cv -- [--data DIR] [--out DIR] [--curve] [--dev DIR]
//! ```
//!
//! Reads the annotated articles of `--data` (default `../shared/eval/train`) and their folds
//! (`FOLDS.json`). For every fold it trains every learned component on the other folds,
//! extracts the held-out fold's articles with those models and writes their graph JSON to
//! `--out/<fraction>/` (default `target/cv`); then it scores all the held-out predictions
//! with `../shared/eval/score.py` and prints the micro figures. No article is ever scored by
//! a model that was trained on it.
//!
//! `--curve` repeats this training on ¼, ½ and all of each training fold set (a learning
//! curve: does more annotated data pay?). `--dev DIR` also trains on every article of
//! `--data` and scores the articles of `DIR` (e.g. `../shared/eval/dev`).

use std::path::{Path, PathBuf};
use std::process::Command;

use newsgraph::formats::{ExportOptions, Exporter, json::Json};
use newsgraph::gold::{self, Example};
use newsgraph::{Config, Pipeline};

struct Args {
    data: PathBuf,
    out: PathBuf,
    curve: bool,
    dev: Option<PathBuf>,
    scorer: PathBuf,
    syntax: bool,
}

fn args() -> Result<Args, String> {
    let mut a = Args {
        data: PathBuf::from("../shared/eval/train"),
        out: PathBuf::from("target/cv"),
        curve: false,
        dev: None,
        scorer: PathBuf::from("../shared/eval/score.py"),
        syntax: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--data" => a.data = value("--data")?.into(),
            "--out" => a.out = value("--out")?.into(),
            "--dev" => a.dev = Some(value("--dev")?.into()),
            "--scorer" => a.scorer = value("--scorer")?.into(),
            "--curve" => a.curve = true,
            "--syntax" => a.syntax = true,
            "-h" | "--help" => {
                return Err(
                    "usage: cv [--data DIR] [--out DIR] [--curve] [--dev DIR] [--syntax] [--scorer score.py]"
                        .into(),
                );
            }
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(a)
}

/// Trains every learned component on `train` and returns the extraction settings that use
/// the trained models.
fn train(train: &[&Example], syntax: bool) -> Config {
    let base = Config {
        syntax,
        ..Config::default()
    };
    newsgraph::train::train_all_with(train, base)
}

/// The first `frac` of `items` in a fixed pseudo-random order (the same for every run).
fn subset<'a>(items: &[&'a Example], frac: f64, seed: u64) -> Vec<&'a Example> {
    let mut keyed: Vec<(u64, &Example)> = items
        .iter()
        .map(|e| (mix(seed, e.doc.id.as_bytes()), *e))
        .collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.doc.id.cmp(&b.1.doc.id)));
    let n = ((items.len() as f64) * frac).ceil() as usize;
    let mut out: Vec<&Example> = keyed.into_iter().take(n).map(|(_, e)| e).collect();
    out.sort_by(|a, b| a.doc.id.cmp(&b.doc.id));
    out
}

fn mix(seed: u64, bytes: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ seed;
    for b in bytes {
        h ^= *b as u64;
        h = h.wrapping_mul(0x100_0000_01b3);
    }
    h
}

fn write_graph(dir: &Path, e: &Example, config: &Config) -> std::io::Result<()> {
    let g = Pipeline::new(config.clone()).extract(&e.doc);
    std::fs::write(
        dir.join(format!("{}.json", e.doc.id)),
        Json.export(&g, &ExportOptions::default()),
    )
}

fn score(scorer: &Path, gold: &Path, pred: &Path) -> std::io::Result<()> {
    let out = Command::new("python3")
        .arg(scorer)
        .arg(gold)
        .arg(pred)
        .arg("--json")
        .arg(pred.join("score.json"))
        .output()?;
    let text = String::from_utf8_lossy(&out.stdout);
    for line in text.lines() {
        if line.starts_with("MICRO")
            || line.starts_with("relations by type")
            || line.starts_with("counts:")
            || line.starts_with("HEADLINE")
            || line.starts_with("article")
        {
            println!("{line}");
        }
    }
    if !out.status.success() {
        eprintln!("{}", String::from_utf8_lossy(&out.stderr));
    }
    Ok(())
}

fn main() {
    let a = match args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let examples = match gold::load_dir(&a.data) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("cv: {e}");
            std::process::exit(2);
        }
    };
    let k = gold::fold_count(&examples);
    if k < 2 {
        eprintln!(
            "cv: {} has no FOLDS.json with two or more folds",
            a.data.display()
        );
        std::process::exit(2);
    }
    let fractions: &[f64] = if a.curve { &[0.25, 0.5, 1.0] } else { &[1.0] };
    for &frac in fractions {
        let dir = a.out.join(format!("train-{:.0}pct", frac * 100.0));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create the output folder");
        let mut trained_on = 0;
        for fold in 0..k {
            let rest: Vec<&Example> = examples.iter().filter(|e| e.fold != Some(fold)).collect();
            let train_set = subset(&rest, frac, fold as u64);
            trained_on += train_set.len();
            let config = train(&train_set, a.syntax);
            for e in examples.iter().filter(|e| e.fold == Some(fold)) {
                write_graph(&dir, e, &config).expect("write a prediction");
            }
        }
        println!(
            "== {}-fold cross-validation, training on {:.0}% of the other folds (mean {} articles)",
            k,
            frac * 100.0,
            trained_on / k
        );
        score(&a.scorer, &a.data, &dir).expect("run the scorer");
    }
    if let Some(dev) = &a.dev {
        let devs = gold::load_dir(dev).unwrap_or_else(|e| {
            eprintln!("cv: {e}");
            std::process::exit(2);
        });
        let all: Vec<&Example> = examples.iter().collect();
        let config = train(&all, a.syntax);
        let dir = a.out.join("dev");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create the output folder");
        for e in &devs {
            write_graph(&dir, e, &config).expect("write a prediction");
        }
        println!(
            "== {} (trained on all {} articles)",
            dev.display(),
            all.len()
        );
        score(&a.scorer, dev, &dir).expect("run the scorer");
    }
}
