//! The `newsgraph` command: a thin front end over the library.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use newsgraph::export::{self, ExportOptions, Exporter};
use newsgraph::graph::{Graph, NodeKind, Relation};
use newsgraph::{Config, Date, Document, Pipeline};

const EXIT_CODES: &str = "Exit codes:
  0  success
  1  usage error (unknown option, bad value)
  2  input could not be read or used (missing, unreadable, binary, not graph JSON)
  3  output could not be written
  4  some inputs failed (each reported on stderr); the others were processed";

/// Builds a knowledge graph of actors, roles, meetings, stances and quotes from news articles.
#[derive(Parser, Debug)]
#[command(name = "newsgraph", version, about, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extract the graph of an article (a text file, or `-` for stdin).
    #[command(after_help = EXIT_CODES)]
    Extract {
        /// Input file, or `-` for standard input.
        input: String,
        /// Output format: json, jsonld, dot (and any other format listed by --help of this build).
        #[arg(short, long, default_value = "json")]
        format: String,
        /// Write to this file instead of standard output (written atomically).
        #[arg(short, long, conflicts_with = "out_dir")]
        output: Option<PathBuf>,
        /// Write every format at once as DIR/<stem>.<ext>.
        #[arg(long)]
        out_dir: Option<PathBuf>,
        /// Publication date (YYYY-MM-DD), to normalize "on Tuesday" and the like.
        #[arg(long, value_parser = parse_date)]
        published: Option<Date>,
        /// Base IRI of node IRIs in RDF formats.
        #[arg(long, default_value = export::DEFAULT_BASE_IRI)]
        base_iri: String,
        /// Drop stance edges below this confidence (0 to 1).
        #[arg(long, default_value_t = 0.0, value_parser = parse_confidence)]
        min_confidence: f32,
        /// Include statements in diagrams (DOT).
        #[arg(long)]
        statements: bool,
        /// Document id (default: the file stem, or "stdin").
        #[arg(long)]
        id: Option<String>,
    },
    /// List who said what in an article: speaker, cue, kind and text.
    #[command(after_help = EXIT_CODES)]
    Quotes {
        /// Input file, or `-` for standard input.
        input: String,
        /// Only statements by speakers whose name or alias contains this (case-insensitive).
        #[arg(long)]
        speaker: Option<String>,
        /// Publication date (YYYY-MM-DD).
        #[arg(long, value_parser = parse_date)]
        published: Option<Date>,
    },
    /// Merge graph JSON files written earlier into one graph.
    #[command(after_help = EXIT_CODES)]
    Merge {
        /// Graph JSON files (newsgraph/1).
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Output file (default: standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Output format.
        #[arg(short, long, default_value = "json")]
        format: String,
        /// Base IRI of node IRIs in RDF formats.
        #[arg(long, default_value = export::DEFAULT_BASE_IRI)]
        base_iri: String,
    },
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s).ok_or_else(|| format!("{s:?} is not a date of the form YYYY-MM-DD"))
}

fn parse_confidence(s: &str) -> Result<f32, String> {
    match s.parse::<f32>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err(format!("{s:?} is not a number from 0 to 1")),
    }
}

/// A failure with its exit code.
struct Failure {
    code: u8,
    message: String,
}

impl Failure {
    fn input(message: String) -> Failure {
        Failure { code: 2, message }
    }
    fn output(message: String) -> Failure {
        Failure { code: 3, message }
    }
    fn usage(message: String) -> Failure {
        Failure { code: 1, message }
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 1 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    // A panic is a bug, but the user still gets one line and an exit code, not a
    // backtrace: the input could not be used (2).
    std::panic::set_hook(Box::new(|info| {
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown cause".to_string());
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("newsgraph: internal error ({what}{at}); please report it with the input");
    }));
    let input = match &cli.command {
        Command::Extract { input, .. } | Command::Quotes { input, .. } if input == "-" => {
            "standard input".to_string()
        }
        Command::Extract { input, .. } | Command::Quotes { input, .. } => input.clone(),
        Command::Merge { inputs, .. } => inputs
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", "),
    };
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(cli))) {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(f)) => {
            eprintln!("newsgraph: {}", f.message);
            ExitCode::from(f.code)
        }
        Err(_) => {
            eprintln!("newsgraph: {input}: could not be processed");
            ExitCode::from(2)
        }
    }
}

// Options are built from defaults field by field so new fields need no change here.
#[allow(clippy::field_reassign_with_default)]
fn run(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Command::Extract {
            input,
            format,
            output,
            out_dir,
            published,
            base_iri,
            min_confidence,
            statements,
            id,
        } => {
            let mut opts = ExportOptions::default();
            opts.base_iri = base_iri;
            opts.statements = statements;
            let exporter = if out_dir.is_none() {
                Some(find_exporter(&format)?)
            } else {
                None
            };
            let doc = read_document(&input, id, published)?;
            let mut config = Config::default();
            config.min_confidence = min_confidence;
            let pipeline = Pipeline::new(config);
            let graph = pipeline.extract(&doc);
            match (out_dir, exporter) {
                (Some(dir), _) => {
                    std::fs::create_dir_all(&dir).map_err(|e| {
                        Failure::output(format!("cannot create {}: {e}", dir.display()))
                    })?;
                    let stem = stem_of(&input);
                    for name in export::FORMATS {
                        let Some(ex) = export::exporter(name) else {
                            continue;
                        };
                        let path = dir.join(format!("{stem}.{}", ex.extension()));
                        write_atomic(&path, &ex.export(&graph, &opts))?;
                    }
                    Ok(())
                }
                (None, Some(ex)) => emit(output.as_deref(), &ex.export(&graph, &opts)),
                (None, None) => Err(Failure::usage("no output format".into())),
            }
        }
        Command::Quotes {
            input,
            speaker,
            published,
        } => {
            let doc = read_document(&input, None, published)?;
            let graph = Pipeline::default().extract(&doc);
            emit(None, quotes_listing(&graph, speaker.as_deref()).as_bytes())
        }
        Command::Merge {
            inputs,
            output,
            format,
            base_iri,
        } => {
            let exporter = find_exporter(&format)?;
            let mut all = Graph::new();
            for p in &inputs {
                let bytes = std::fs::read(p)
                    .map_err(|e| Failure::input(format!("{}: {e}", p.display())))?;
                let g = export::json::read(&bytes)
                    .map_err(|e| Failure::input(format!("{}: {e}", p.display())))?;
                all.merge(&g);
            }
            let mut opts = ExportOptions::default();
            opts.base_iri = base_iri;
            emit(output.as_deref(), &exporter.export(&all, &opts))
        }
    }
}

fn find_exporter(name: &str) -> Result<Box<dyn Exporter>, Failure> {
    export::exporter(name).ok_or_else(|| {
        Failure::usage(format!(
            "unknown format {name:?}; known formats: {}",
            export::FORMATS.join(", ")
        ))
    })
}

fn stem_of(input: &str) -> String {
    if input == "-" {
        return "stdin".to_string();
    }
    Path::new(input)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "document".to_string())
}

/// Largest input read, to keep memory bounded.
const MAX_INPUT_BYTES: u64 = 256 * 1024 * 1024;

fn read_document(
    input: &str,
    id: Option<String>,
    published: Option<Date>,
) -> Result<Document, Failure> {
    let (bytes, source) = if input == "-" {
        let mut buf = Vec::new();
        io::stdin()
            .take(MAX_INPUT_BYTES + 1)
            .read_to_end(&mut buf)
            .map_err(|e| Failure::input(format!("standard input: {e}")))?;
        (buf, None)
    } else {
        let path = Path::new(input);
        let meta = std::fs::metadata(path).map_err(|e| Failure::input(format!("{input}: {e}")))?;
        if meta.is_dir() {
            return Err(Failure::input(format!("{input}: is a directory")));
        }
        let f = std::fs::File::open(path).map_err(|e| Failure::input(format!("{input}: {e}")))?;
        let mut buf = Vec::new();
        f.take(MAX_INPUT_BYTES + 1)
            .read_to_end(&mut buf)
            .map_err(|e| Failure::input(format!("{input}: {e}")))?;
        (buf, Some(input.to_string()))
    };
    let name = if input == "-" {
        "standard input"
    } else {
        input
    };
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(Failure::input(format!(
            "{name}: larger than {} MiB",
            MAX_INPUT_BYTES / 1024 / 1024
        )));
    }
    let id = id.unwrap_or_else(|| stem_of(input));
    let mut doc =
        Document::from_bytes(id, &bytes).map_err(|e| Failure::input(format!("{name}: {e}")))?;
    for w in &doc.warnings {
        eprintln!("newsgraph: warning: {name}: {w}");
    }
    doc.source = source;
    doc.published = published;
    Ok(doc)
}

/// Writes to the file atomically (temp file + rename), or to stdout.
fn emit(output: Option<&Path>, bytes: &[u8]) -> Result<(), Failure> {
    match output {
        Some(p) => write_atomic(p, bytes),
        None => {
            let mut out = io::stdout().lock();
            match out.write_all(bytes).and_then(|_| out.flush()) {
                Ok(()) => Ok(()),
                // a closed pipe (`| head`) is not an error worth a message
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
                Err(e) => Err(Failure::output(format!("standard output: {e}"))),
            }
        }
    }
}

fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let res = std::fs::write(&tmp, bytes).and_then(|_| std::fs::rename(&tmp, path));
    if let Err(e) = res {
        let _ = std::fs::remove_file(&tmp);
        return Err(Failure::output(format!("{}: {e}", path.display())));
    }
    Ok(())
}

/// `speaker — cue (kind): text`, one statement per line, in text order.
fn quotes_listing(g: &Graph, speaker: Option<&str>) -> String {
    let filter = speaker.map(str::to_lowercase);
    let mut rows: Vec<(usize, String, String, String, String)> = Vec::new();
    for e in g.edges() {
        if e.edge.relation != Relation::Said || e.target.kind != NodeKind::Statement {
            continue;
        }
        if let Some(f) = &filter {
            let hit = std::iter::once(&e.source.name)
                .chain(e.source.aliases.iter())
                .any(|n| n.to_lowercase().contains(f.as_str()));
            if !hit {
                continue;
            }
        }
        let st = e.target;
        let pos = st.evidence.first().map_or(0, |ev| ev.start);
        rows.push((
            pos,
            e.source.name.clone(),
            st.cue.clone().unwrap_or_default(),
            st.quote.map(|q| q.as_str().to_string()).unwrap_or_default(),
            st.text.clone().unwrap_or_default(),
        ));
    }
    rows.sort();
    let mut out = String::new();
    for (_, who, cue, kind, text) in rows {
        let text: String = text
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        out.push_str(&format!("{who} — {cue} ({kind}): {text}\n"));
    }
    out
}
