//! The layering of `src/`, checked: every `crate::…` path in the code (in `use` lines and
//! inline) must point to the same layer or one below, and no source file may grow past
//! 1,500 lines (a file that long is several concerns). See ARCHITECTURE.md, "Invariants".
//!
//! Layers, from the ground up (a module may use its own layer and the layers below):
//!
//! ```text
//! vocab, text → lexicon, gold → learn → stages (with tagging, tagger) → pipeline, train → graph → formats, corpus
//! ```
//!
//! `learn` is the learning core: it knows nothing of the crate outside itself. No stage
//! knows the pipeline, the graph model, the formats or corpora. Only the pipeline adds
//! entities after the entity stage.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// Longest source file, in lines.
const MAX_LINES: usize = 1500;

/// The layer of each top-level module of the crate (`crate::<name>`), and of the files
/// under `src/` by their first path component. Higher numbers are higher layers.
fn layer(module: &str) -> Option<u8> {
    Some(match module {
        "vocab" | "text" | "document" => 0,
        // gold: annotated articles (training data) and the scorer's matching rules
        "lexicon" | "gold" => 1,
        "learn" => 2,
        // `crate::segment` is kept for tagging.rs until the tag stage moves under stages/;
        // conllu (the treebank reader of the parser's training) sits with the stages
        "stages" | "tagging" | "tagger" | "segment" | "conllu" => 3,
        // train: trains every learned stage and returns the settings that use them
        "pipeline" | "train" => 4,
        "graph" => 5,
        "formats" | "corpus" => 6,
        _ => return None,
    })
}

/// A `crate::` path found in a source file: the module it names, and the line.
#[derive(Debug, PartialEq)]
struct Import {
    module: String,
    line: usize,
}

/// The top-level crate modules a piece of Rust source names through `crate::` (in `use`
/// declarations, grouped ones included, and inline paths). Comment lines are skipped.
fn imports(source: &str) -> Vec<Import> {
    let mut out = Vec::new();
    for (n, line) in source.lines().enumerate() {
        if line.trim_start().starts_with("//") {
            continue;
        }
        let mut rest = line;
        while let Some(i) = rest.find("crate::") {
            // `$crate::` in macros is the crate too; an identifier ending in `crate` is not
            let before = rest[..i].chars().next_back();
            rest = &rest[i + "crate::".len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            if let Some(group) = rest.strip_prefix('{') {
                // `use crate::{a::X, b};`, possibly over several lines
                let start = source.lines().take(n).map(|l| l.len() + 1).sum::<usize>()
                    + (line.len() - group.len());
                let mut depth = 1;
                let mut item = String::new();
                for c in source[start..].chars() {
                    match c {
                        '{' => depth += 1,
                        '}' => depth -= 1,
                        _ => {}
                    }
                    if depth == 0 || (depth == 1 && c == ',') {
                        if let Some(m) = first_segment(&item) {
                            out.push(Import {
                                module: m,
                                line: n + 1,
                            });
                        }
                        item.clear();
                        if depth == 0 {
                            break;
                        }
                        continue;
                    }
                    item.push(c);
                }
            } else if let Some(m) = first_segment(rest) {
                out.push(Import {
                    module: m,
                    line: n + 1,
                });
            }
        }
    }
    out
}

/// The first identifier of a path (`graph::build::graph` → `graph`).
fn first_segment(path: &str) -> Option<String> {
    let id: String = path
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    (!id.is_empty() && id != "self").then_some(id)
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Every source file under `src/`, by its path relative to `src/`, with its text.
fn sources() -> BTreeMap<String, String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files
        .into_iter()
        .map(|p| {
            let rel = p
                .strip_prefix(&src)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, fs::read_to_string(&p).unwrap())
        })
        .collect()
}

/// The module a file under `src/` belongs to (`stages/quotes/mod.rs` → `stages`,
/// `vocab.rs` → `vocab`). None for `lib.rs` (the facade may name everything) and for the
/// binaries under `bin/` (crates of their own, over the library's public API).
fn module_of(rel: &str) -> Option<&str> {
    let first = rel.split('/').next()?;
    let m = first.strip_suffix(".rs").unwrap_or(first);
    (m != "lib" && m != "bin").then_some(m)
}

#[test]
fn the_import_reader_sees_grouped_multiline_and_inline_paths() {
    let src = "use crate::graph::Graph;\n\
               // use crate::formats::Json;\n\
               use crate::{\n    text::Span,\n    vocab::{EntityKind, Stance},\n};\n\
               let x = crate::corpus::extract_all(); let y = $crate::lexicon::E;\n\
               let not = mycrate::formats::X;\n";
    let found: Vec<(String, usize)> = imports(src)
        .into_iter()
        .map(|i| (i.module, i.line))
        .collect();
    assert_eq!(
        found,
        [
            ("graph".to_string(), 1),
            ("text".to_string(), 3),
            ("vocab".to_string(), 3),
            ("corpus".to_string(), 7),
            ("lexicon".to_string(), 7),
        ]
    );
}

#[test]
fn dependencies_point_down_the_layers() {
    let mut wrong = Vec::new();
    let mut unknown = Vec::new();
    for (rel, text) in sources() {
        let Some(from) = module_of(&rel) else {
            continue;
        };
        let Some(from_layer) = layer(from) else {
            unknown.push(rel.clone());
            continue;
        };
        for i in imports(&text) {
            let to_layer = layer(&i.module);
            match to_layer {
                Some(l) if l > from_layer => wrong.push(format!(
                    "src/{rel}:{}: {from} (layer {from_layer}) uses crate::{} (layer {l})",
                    i.line, i.module
                )),
                None => unknown.push(format!("src/{rel}:{}: crate::{}", i.line, i.module)),
                _ => {}
            }
        }
    }
    assert!(
        unknown.is_empty(),
        "modules missing from the layer table in tests/architecture.rs:\n{}",
        unknown.join("\n")
    );
    assert!(
        wrong.is_empty(),
        "dependencies that point up the layers:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn no_stage_imports_the_graph_formats_corpus_or_pipeline() {
    let mut wrong = Vec::new();
    for (rel, text) in sources() {
        let stage = rel.starts_with("stages/") || rel == "tagging.rs" || rel.starts_with("tagger/");
        if !stage {
            continue;
        }
        for i in imports(&text) {
            if matches!(
                i.module.as_str(),
                "graph" | "formats" | "corpus" | "pipeline"
            ) {
                wrong.push(format!("src/{rel}:{}: crate::{}", i.line, i.module));
            }
        }
    }
    assert!(wrong.is_empty(), "stages reach up:\n{}", wrong.join("\n"));
}

#[test]
fn the_learning_core_imports_nothing_of_the_crate_outside_itself() {
    let sources = sources();
    let learn: Vec<_> = sources
        .iter()
        .filter(|(rel, _)| rel.starts_with("learn/") || *rel == "learn.rs")
        .collect();
    if learn.is_empty() {
        eprintln!("skipped: src/learn/ does not exist yet");
        return;
    }
    let mut wrong = Vec::new();
    for (rel, text) in learn {
        for i in imports(text) {
            if i.module != "learn" {
                wrong.push(format!("src/{rel}:{}: crate::{}", i.line, i.module));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "learn/ must know nothing of the crate outside itself:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn only_the_pipeline_adds_actors_after_the_entity_stage() {
    let mut wrong = Vec::new();
    for (rel, text) in sources() {
        if rel.starts_with("pipeline/") || rel.starts_with("stages/entities/") {
            continue;
        }
        for (n, line) in text.lines().enumerate() {
            if !line.trim_start().starts_with("//")
                && (line.contains(".add_requested(") || line.contains(".add_alias("))
            {
                wrong.push(format!("src/{rel}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "actors added outside pipeline::actors:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn no_source_file_is_longer_than_1500_lines() {
    let long: Vec<String> = sources()
        .into_iter()
        .map(|(rel, text)| (rel, text.lines().count()))
        .filter(|(_, n)| *n > MAX_LINES)
        .map(|(rel, n)| format!("src/{rel}: {n} lines"))
        .collect();
    assert!(
        long.is_empty(),
        "files over {MAX_LINES} lines (split them by concern):\n{}",
        long.join("\n")
    );
}
