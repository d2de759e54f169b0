//! Trains the dependency parser and lemmatizer on UD English EWT and writes the model.
//!
//! `cargo run --release --example train_parser -- DATA_DIR OUT [--epochs N] [--seed N]
//! [--seeds K] [--sequential yes] [--explore PCT] [--explore-from EPOCH] [--prune X]
//! [--try-prunes X,Y,..] [--jackknife K] [--tags-cache FILE] [--limit N] [--mix-gold yes]
//! [--clusters-from DIR] [--eval-only yes] [--watch yes]`
//!
//! The shipped model (`models/README.md`): `--clusters-from - --mix-gold yes`, the other
//! settings their defaults.
//!
//! With `--clusters-from DIR`, word classes are learned from EWT train and the `.txt` files
//! under DIR and used as features; `--clusters-from -` learns them from EWT train alone (the
//! shipped model: `../shared/corpus` is for measurements only, never to be shipped or
//! trained on). With `--mix-gold yes`, every training
//! sentence is seen twice per epoch, with its jackknifed tags and with its gold tags. With
//! `--seeds K`, K models are trained side by side (one thread each; one after the other with
//! `--sequential yes`, same bytes) and their averaged weights averaged.
//!
//! With `--watch yes`, prints the dev scores (own tags) after every epoch.
//!
//! With `--eval-only yes`, OUT is read instead of written, and only evaluated.
//!
//! DATA_DIR holds `en_ewt-ud-{train,dev,test}.conllu`. The parser trains on jackknifed
//! tags (`--jackknife K`, default 5: each fifth of train tagged by a tagger trained on
//! the other four; 0 trains on gold tags); `--tags-cache FILE` keeps them between runs.
//! Prints UAS/LAS (universal relations, all tokens), lemma and UPOS accuracy on dev and
//! test with the project's own tags (the embedded tagger) and with gold tags, and the
//! parsing speed of the written model (read back from its bytes).

use std::time::Instant;

use newsgraph::conllu::{self, Sentence};
use newsgraph::stages::parse::clusters::Clusters;
use newsgraph::stages::parse::train::{self, Options};
use newsgraph::stages::parse::{Parser, SentenceParse};
use newsgraph::stages::segment::segment_plain;
use newsgraph::tagger::{Tagger, Upos};
use newsgraph::text::Document;

fn read(dir: &str, split: &str) -> Vec<Sentence> {
    let path = format!("{dir}/en_ewt-ud-{split}.conllu");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    conllu::parse(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn tags_to_text(tags: &[Vec<Upos>]) -> String {
    let mut s = String::new();
    for t in tags {
        let line: Vec<&str> = t.iter().map(|u| u.as_str()).collect();
        s.push_str(&line.join(" "));
        s.push('\n');
    }
    s
}

fn tags_from_text(text: &str) -> Option<Vec<Vec<Upos>>> {
    text.lines()
        .map(|l| l.split_whitespace().map(Upos::parse).collect())
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: train_parser DATA_DIR OUT [--epochs N] [--jackknife K] ...");
        std::process::exit(2);
    }
    let (dir, out) = (&args[0], &args[1]);
    let mut opts = Options::default();
    let (mut k, mut cache, mut limit) = (5usize, None::<String>, usize::MAX);
    let mut try_prunes: Vec<f64> = Vec::new();
    let mut eval_only = false;
    let mut watch = false;
    let mut mix_gold = false;
    let mut clusters_from: Option<String> = None;
    for pair in args[2..].chunks(2) {
        let v = pair.get(1).expect("option without value");
        match pair[0].as_str() {
            "--epochs" => opts.epochs = v.parse().expect("--epochs"),
            "--seed" => opts.seed = v.parse().expect("--seed"),
            "--seeds" => opts.seeds = v.parse().expect("--seeds"),
            "--sequential" => opts.sequential = v == "yes",
            "--explore" => opts.explore_percent = v.parse().expect("--explore"),
            "--explore-from" => opts.explore_from = v.parse().expect("--explore-from"),
            "--prune" => opts.prune = v.parse().expect("--prune"),
            "--jackknife" => k = v.parse().expect("--jackknife"),
            "--tags-cache" => cache = Some(v.clone()),
            "--limit" => limit = v.parse().expect("--limit"),
            "--eval-only" => eval_only = v == "yes",
            "--watch" => watch = v == "yes",
            "--mix-gold" => mix_gold = v == "yes",
            "--clusters-from" => clusters_from = Some(v.clone()),
            "--try-prunes" => {
                try_prunes = v
                    .split(',')
                    .map(|x| x.parse().expect("--try-prunes"))
                    .collect()
            }
            o => panic!("unknown option {o}"),
        }
    }
    let dev = read(dir, "dev");
    let test = read(dir, "test");
    if eval_only {
        let bytes = std::fs::read(out).unwrap_or_else(|e| panic!("cannot read {out}: {e}"));
        let parser = Parser::from_bytes(&bytes).expect("a parser model");
        println!("read {out}: {} bytes, {parser:?}", bytes.len());
        report(&parser, &dev, &test);
        return;
    }
    let mut data = read(dir, "train");
    data.truncate(limit);
    println!("train: {} sentences", data.len());

    let start = Instant::now();
    let tags = if k == 0 {
        train::gold_tags(&data)
    } else {
        let cached = cache
            .as_ref()
            .and_then(|c| std::fs::read_to_string(c).ok())
            .and_then(|t| tags_from_text(&t))
            .filter(|t| {
                t.len() == data.len() && t.iter().zip(&data).all(|(t, s)| t.len() == s.words.len())
            });
        match cached {
            Some(t) => t,
            None => {
                let t = train::jackknife_tags(&data, k, &Default::default());
                if let Some(c) = &cache {
                    std::fs::write(c, tags_to_text(&t)).expect("cannot write the tags cache");
                }
                t
            }
        }
    };
    let (data, tags) = if mix_gold {
        // each sentence twice: with the jackknifed tags and with the gold ones
        let mut d = data.clone();
        d.extend(data.iter().cloned());
        let mut t = tags.clone();
        t.extend(train::gold_tags(&data));
        (d, t)
    } else {
        (data, tags)
    };
    let mut right = 0usize;
    let mut total = 0usize;
    for (t, s) in tags.iter().zip(&data) {
        total += t.len();
        right += t
            .iter()
            .zip(&s.words)
            .filter(|(t, w)| w.upos == Some(**t))
            .count();
    }
    println!(
        "training tags ({}): UPOS {:.4}, {:.1}s",
        if k == 0 {
            "gold".to_string()
        } else {
            format!("{k}-fold jackknife")
        },
        right as f64 / total.max(1) as f64,
        start.elapsed().as_secs_f64()
    );

    if let Some(corpus) = &clusters_from {
        let start = Instant::now();
        let mut files: Vec<std::path::PathBuf> = if corpus == "-" {
            Vec::new()
        } else {
            walk(std::path::Path::new(corpus))
        };
        files.sort();
        let texts: Vec<String> = files
            .iter()
            .filter_map(|f| std::fs::read_to_string(f).ok())
            .collect();
        let docs: Vec<Document> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Document::new(i.to_string(), t.as_str()))
            .collect();
        let segs: Vec<_> = docs.iter().map(segment_plain).collect();
        let mut sents: Vec<Vec<&str>> = data.iter().map(|s| s.forms()).collect();
        for (d, seg) in docs.iter().zip(&segs) {
            for s in &seg.sentences {
                sents.push(
                    seg.tokens[s.tokens.clone()]
                        .iter()
                        .map(|t| &d.text[t.span.range()])
                        .collect(),
                );
            }
        }
        let words: usize = sents.iter().map(Vec::len).sum();
        opts.clusters = Clusters::learn(sents, 256, 32, 3, 8);
        println!(
            "word classes: {} words of {} files and train ({} tokens), {:.1}s",
            opts.clusters.len(),
            files.len(),
            words,
            start.elapsed().as_secs_f64()
        );
    }

    let start = Instant::now();
    let tagger = Tagger::embedded();
    let dev_own = train::predicted_tags(tagger, &dev);
    let trained = train::learn_watching(&data, &tags, &opts, |epoch, t| {
        if watch {
            let sc = train::evaluate(&t.freeze(opts.prune), &dev, &dev_own);
            println!(
                "epoch {}: dev own tags UAS {:.4} LAS {:.4}",
                epoch + 1,
                sc.attachment.uas(),
                sc.attachment.las()
            );
        }
    });
    println!(
        "trained in {:.1}s with {opts:?}",
        start.elapsed().as_secs_f64()
    );
    for &prune in &try_prunes {
        let p = trained.freeze(prune);
        let size = p.to_bytes().len();
        let sc = train::evaluate(&p, &dev, &dev_own);
        println!(
            "prune {prune}: {size} bytes, dev own tags UAS {:.4} LAS {:.4}, {:.0} tokens/s",
            sc.attachment.uas(),
            sc.attachment.las(),
            speed(&p, &dev, &dev_own)
        );
    }
    let bytes = trained.freeze(opts.prune).to_bytes();
    std::fs::write(out, &bytes).unwrap_or_else(|e| panic!("cannot write {out}: {e}"));
    let parser = Parser::from_bytes(&bytes).expect("model must read back");
    println!("wrote {out}: {} bytes, {parser:?}", bytes.len());
    report(&parser, &dev, &test);
}

/// The `.txt` files under `dir`, recursively.
fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else if p.extension().is_some_and(|x| x == "txt") {
                out.push(p);
            }
        }
    }
    out
}

/// Prints the scores on dev and test with own and gold tags, and the speed.
fn report(parser: &Parser, dev: &[Sentence], test: &[Sentence]) {
    let tagger = Tagger::embedded();

    for (name, set) in [("dev", dev), ("test", test)] {
        let own = train::predicted_tags(tagger, set);
        let gold = train::gold_tags(set);
        for (which, t) in [("own tags", &own), ("gold tags", &gold)] {
            let sc = train::evaluate(parser, set, t);
            println!(
                "{name:4} {which:9}: UAS {:.4}  LAS {:.4}  lemma {:.4}  UPOS {:.4}  ({} words)",
                sc.attachment.uas(),
                sc.attachment.las(),
                sc.lemma.value(),
                sc.upos.value(),
                sc.attachment.total
            );
        }
    }
    let own = train::predicted_tags(tagger, test);
    println!(
        "parsing speed: {:.0} tokens per CPU second (one thread)",
        speed(parser, test, &own)
    );
}

/// Time this thread has run on a CPU, in seconds (Linux: `/proc/thread-self/schedstat`),
/// so that other work on the machine does not count; `None` elsewhere.
fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

/// Tokens per second of CPU time (wall time where that is unknown) parsing `data` (tags
/// given) repeatedly for about two seconds.
fn speed(parser: &Parser, data: &[Sentence], tags: &[Vec<Upos>]) -> f64 {
    let sents: Vec<Vec<&str>> = data.iter().map(|s| s.forms()).collect();
    let mut out = SentenceParse::default();
    let (mut tokens, mut checksum) = (0usize, 0usize);
    let start = Instant::now();
    let cpu0 = cpu_seconds();
    while start.elapsed().as_secs_f64() < 2.0 {
        for (s, t) in sents.iter().zip(tags) {
            parser.parse_into(s, t, &mut out);
            tokens += s.len();
            checksum += out.heads.len();
        }
    }
    assert_eq!(checksum, tokens);
    let secs = match (cpu0, cpu_seconds()) {
        (Some(a), Some(b)) if b > a => b - a,
        _ => start.elapsed().as_secs_f64(),
    };
    tokens as f64 / secs
}
