//! Trains the POS tagger on UD English EWT and writes the model.
//!
//! `cargo run --release --example train_tagger -- DATA_DIR OUT [--iterations N]
//! [--prune X] [--title PCT] [--caps PCT] [--seed N]`
//!
//! DATA_DIR holds `en_ewt-ud-{train,dev,test}.conllu`. Prints dev and test accuracy of
//! the written model (read back from its bytes) and its tagging speed.

use std::time::Instant;

use newsgraph::tagger::Tagger;
use newsgraph::tagger::train::{self, Options, Sentence};

fn read(dir: &str, split: &str) -> String {
    let path = format!("{dir}/en_ewt-ud-{split}.conllu");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: train_tagger DATA_DIR OUT [--iterations N] [--prune X] ...");
        std::process::exit(2);
    }
    let (dir, out) = (&args[0], &args[1]);
    let mut opts = Options::default();
    for pair in args[2..].chunks(2) {
        let v = pair.get(1).expect("option without value");
        match pair[0].as_str() {
            "--iterations" => opts.iterations = v.parse().expect("--iterations"),
            "--prune" => opts.prune = v.parse().expect("--prune"),
            "--title" => opts.title_percent = v.parse().expect("--title"),
            "--caps" => opts.caps_percent = v.parse().expect("--caps"),
            "--seed" => opts.seed = v.parse().expect("--seed"),
            "--dict-min" => opts.dict_min_count = v.parse().expect("--dict-min"),
            "--lex-min" => opts.lex_min_count = v.parse().expect("--lex-min"),
            "--lex-share" => opts.lex_min_share = v.parse().expect("--lex-share"),
            o => panic!("unknown option {o}"),
        }
    }

    let train_text = read(dir, "train");
    let mut data = train::read_conllu(&train_text);
    let merged = train::merge_hyphen_compounds(&train_text);
    println!(
        "train: {} sentences + {} with hyphenated compounds joined",
        data.len(),
        merged.len()
    );
    data.extend(merged);
    let dev = train::read_conllu(&read(dir, "dev"));
    let test = train::read_conllu(&read(dir, "test"));

    let start = Instant::now();
    let bytes = train::train_with(&data, &opts).to_bytes();
    println!(
        "trained in {:.1}s with {opts:?}",
        start.elapsed().as_secs_f64()
    );
    std::fs::write(out, &bytes).unwrap_or_else(|e| panic!("cannot write {out}: {e}"));
    let tagger = Tagger::from_bytes(&bytes).expect("model must read back");
    println!("wrote {out}: {} bytes, {tagger:?}", bytes.len());
    println!("dev accuracy:  {:.4}", train::accuracy(&tagger, &dev));
    println!("test accuracy: {:.4}", train::accuracy(&tagger, &test));
    println!("tagging speed: {:.0} tokens/s", speed(&tagger, &test));
}

/// Tokens per second tagging `data` repeatedly for about two seconds, one thread.
fn speed(tagger: &Tagger, data: &[Sentence]) -> f64 {
    let sents: Vec<Vec<&str>> = data
        .iter()
        .map(|(w, _)| w.iter().map(String::as_str).collect())
        .collect();
    let mut out = Vec::new();
    let (mut tokens, mut checksum) = (0usize, 0usize);
    let start = Instant::now();
    while start.elapsed().as_secs_f64() < 2.0 {
        for s in &sents {
            tagger.tag_into(s, &mut out);
            tokens += s.len();
            checksum += out.len();
        }
    }
    assert_eq!(checksum, tokens);
    tokens as f64 / start.elapsed().as_secs_f64()
}
