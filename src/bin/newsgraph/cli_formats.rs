//! The formats of the command line: what `--format` and `--input-format` take, which
//! file extension implies which output format, and the errors when they disagree.
//!
//! The output formats are the library's exporters (`export::exporter` by name) plus the
//! Neo4j CSV pair; a unit test keeps this table and the library's list in step.

use std::path::Path;

use clap::ValueEnum;
use newsgraph::corpus::input;

/// An output format, as `--format` takes it (case-insensitive; the aliases too). The
/// doc comment of each is its line in `--help`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, ValueEnum)]
pub enum OutFormat {
    /// graph JSON, newsgraph/1 (.json) — read back by `newsgraph merge`, `quotes` and `render`; any JSON reader
    #[value(alias = "graph-json")]
    Json,
    /// JSON-LD 1.1 (.jsonld; alias json-ld) — RDF stores (Oxigraph, Jena, GraphDB), rdflib
    #[value(alias = "json-ld")]
    Jsonld,
    /// Graphviz DOT (.dot, .gv; alias gv) — Graphviz `dot`; `newsgraph render` draws SVG/PNG
    #[value(alias = "gv", alias = "graphviz")]
    Dot,
    /// RDF Turtle (.ttl; alias ttl) — RDF stores (Oxigraph, Jena, GraphDB), rdflib
    #[value(alias = "ttl")]
    Turtle,
    /// RDF N-Quads, one named graph per document (.nq; aliases nq, n-quads) — RDF stores
    #[value(alias = "nq", alias = "n-quads")]
    Nquads,
    /// Cypher MERGE statements (.cypher) — Neo4j `cypher-shell`, FalkorDB, Memgraph
    Cypher,
    /// GraphML (.graphml) — Gephi, networkx, igraph, yEd
    Graphml,
    /// the explorer: one self-contained page (.html; alias explorer) — a web browser
    #[value(alias = "explorer")]
    Html,
    /// Neo4j bulk import: DIR/nodes.csv and DIR/relationships.csv (needs --out-dir; alias neo4j) — `neo4j-admin database import`
    #[value(alias = "neo4j")]
    Neo4jCsv,
}

impl OutFormat {
    /// The name `--format` shows (`nquads`).
    pub fn name(self) -> &'static str {
        match self {
            OutFormat::Json => "json",
            OutFormat::Jsonld => "jsonld",
            OutFormat::Dot => "dot",
            OutFormat::Turtle => "turtle",
            OutFormat::Nquads => "nquads",
            OutFormat::Cypher => "cypher",
            OutFormat::Graphml => "graphml",
            OutFormat::Html => "html",
            OutFormat::Neo4jCsv => "neo4j-csv",
        }
    }

    /// How messages name it.
    pub fn label(self) -> &'static str {
        match self {
            OutFormat::Json => "graph JSON",
            OutFormat::Jsonld => "JSON-LD",
            OutFormat::Dot => "DOT",
            OutFormat::Turtle => "Turtle",
            OutFormat::Nquads => "N-Quads",
            OutFormat::Cypher => "Cypher",
            OutFormat::Graphml => "GraphML",
            OutFormat::Html => "the HTML explorer",
            OutFormat::Neo4jCsv => "Neo4j CSV",
        }
    }

    /// The library's exporter name (`None` for the two-file Neo4j CSV).
    pub fn exporter_name(self) -> Option<&'static str> {
        (self != OutFormat::Neo4jCsv).then(|| self.name())
    }

    /// File extensions of the format, the one it writes first. Only the first implies
    /// the format (and `gv`, `htm`); the others are accepted with an explicit `--format`.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            OutFormat::Json => &["json"],
            OutFormat::Jsonld => &["jsonld", "json"],
            OutFormat::Dot => &["dot", "gv"],
            OutFormat::Turtle => &["ttl"],
            OutFormat::Nquads => &["nq"],
            OutFormat::Cypher => &["cypher"],
            OutFormat::Graphml => &["graphml", "xml"],
            OutFormat::Html => &["html", "htm"],
            OutFormat::Neo4jCsv => &[],
        }
    }

    /// The format an extension implies, if any.
    pub fn implied_by(ext: &str) -> Option<OutFormat> {
        Some(match ext {
            "json" => OutFormat::Json,
            "jsonld" => OutFormat::Jsonld,
            "dot" | "gv" => OutFormat::Dot,
            "ttl" => OutFormat::Turtle,
            "nq" => OutFormat::Nquads,
            "cypher" => OutFormat::Cypher,
            "graphml" => OutFormat::Graphml,
            "html" | "htm" => OutFormat::Html,
            _ => return None,
        })
    }
}

/// Pictures, which `render` draws (`svg`, `png`) or cannot (the others).
const PICTURES: &[&str] = &["png", "svg", "pdf", "jpg", "jpeg", "gif", "webp"];

/// The extension of a path, in lower case.
pub fn extension(path: &Path) -> Option<String> {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
}

/// The format to write to `output` (a file, or standard output when `None`): the one
/// given with `--format`, else the one the file's extension implies, else graph JSON.
/// `command` names the subcommand for messages. Errors: a picture extension (pointing
/// to `render`), `.csv` (pointing to `--out-dir`), an extension of another format than
/// `--format`, an extension newsgraph does not know without `--format`, and the Neo4j
/// CSV pair without a folder.
pub fn output_format(
    command: &str,
    format: Option<OutFormat>,
    output: Option<&Path>,
) -> Result<OutFormat, String> {
    let Some(path) = output else {
        return match format {
            Some(OutFormat::Neo4jCsv) => Err(neo4j_needs_a_folder(command)),
            f => Ok(f.unwrap_or(OutFormat::Json)),
        };
    };
    let shown = path.display();
    let Some(ext) = extension(path) else {
        return match format {
            Some(OutFormat::Neo4jCsv) => Err(neo4j_needs_a_folder(command)),
            f => Ok(f.unwrap_or(OutFormat::Json)),
        };
    };
    if PICTURES.contains(&ext.as_str()) {
        let example = if ext == "png" || ext == "svg" {
            shown.to_string()
        } else {
            "g.svg".to_string()
        };
        return Err(format!(
            "{shown}: `newsgraph {command}` writes graph data, not pictures; draw one with \
             `newsgraph render INPUT -o {example}` (INPUT: articles or a graph JSON file; \
             .svg or .png)"
        ));
    }
    if format == Some(OutFormat::Neo4jCsv) || (format.is_none() && ext == "csv") {
        return Err(neo4j_needs_a_folder(command));
    }
    match (format, OutFormat::implied_by(&ext)) {
        (Some(f), Some(implied)) if !f.extensions().contains(&ext.as_str()) => Err(format!(
            "--format {} does not match the output file {shown}: .{ext} is the extension of \
             {}; name the file .{} or leave out --format to write {}",
            f.name(),
            implied.label(),
            f.extensions()[0],
            implied.label()
        )),
        (Some(f), _) => Ok(f),
        (None, Some(implied)) => Ok(implied),
        (None, None) => Err(format!(
            "{shown}: the extension .{ext} does not say which format to write; give --format \
             ({}) or name the file with one of the extensions .{}",
            format_names(),
            primary_extensions().join(", .")
        )),
    }
}

fn neo4j_needs_a_folder(command: &str) -> String {
    if command == "extract" {
        "the Neo4j CSV export is two files (nodes.csv, relationships.csv): give \
         --format neo4j-csv --out-dir DIR"
            .to_string()
    } else {
        format!(
            "`newsgraph {command}` writes one file; the Neo4j CSV pair (nodes.csv, \
             relationships.csv) is written by `newsgraph extract --format neo4j-csv --out-dir DIR`"
        )
    }
}

/// The names of the output formats, for messages.
fn format_names() -> String {
    OutFormat::value_variants()
        .iter()
        .map(|f| f.name())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The extension each one-file format writes.
fn primary_extensions() -> Vec<&'static str> {
    OutFormat::value_variants()
        .iter()
        .filter_map(|f| f.extensions().first().copied())
        .collect()
}

/// How to read articles, as `--input-format` takes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// plain text or Markdown: headline on the first line, then paragraphs
    Text,
    /// an HTML page: the article body is extracted (alias htm)
    #[value(alias = "htm")]
    Html,
    /// one JSON record {"id", "title", "published", "url", "text"} per line (alias ndjson)
    #[value(alias = "ndjson")]
    Jsonl,
}

impl From<InputFormat> for input::Format {
    fn from(f: InputFormat) -> input::Format {
        match f {
            InputFormat::Text => input::Format::Text,
            InputFormat::Html => input::Format::Html,
            InputFormat::Jsonl => input::Format::Jsonl,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph::formats as export;

    #[test]
    fn the_table_matches_the_library_exporters() {
        let named: Vec<&str> = OutFormat::value_variants()
            .iter()
            .filter_map(|f| f.exporter_name())
            .collect();
        assert_eq!(named, export::FORMATS, "same formats, same order");
        for f in OutFormat::value_variants() {
            assert_eq!(f.to_possible_value().unwrap().get_name(), f.name());
            if let Some(name) = f.exporter_name() {
                let ex = export::exporter(name).unwrap();
                assert_eq!(f.extensions()[0], ex.extension(), "{name}");
                assert_eq!(OutFormat::implied_by(ex.extension()), Some(*f));
            }
        }
    }

    #[test]
    fn extensions_imply_formats_and_mismatches_are_refused() {
        let out = |f: Option<OutFormat>, p: &str| output_format("extract", f, Some(Path::new(p)));
        assert_eq!(out(None, "g.TTL"), Ok(OutFormat::Turtle));
        assert_eq!(out(None, "dir/g.nq"), Ok(OutFormat::Nquads));
        assert_eq!(out(None, "g"), Ok(OutFormat::Json));
        assert_eq!(
            out(Some(OutFormat::Jsonld), "g.json"),
            Ok(OutFormat::Jsonld)
        );
        assert_eq!(
            out(Some(OutFormat::Graphml), "g.xml"),
            Ok(OutFormat::Graphml)
        );
        assert!(out(Some(OutFormat::Turtle), "g.json").is_err());
        assert!(out(None, "g.png").unwrap_err().contains("newsgraph render"));
        assert!(out(None, "g.xml").is_err());
        assert!(out(None, "g.csv").unwrap_err().contains("--out-dir"));
        assert_eq!(
            output_format("extract", None, None),
            Ok(OutFormat::Json),
            "standard output"
        );
    }
}
