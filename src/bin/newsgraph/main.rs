//! The `newsgraph` command: a thin front end over the library.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use newsgraph::corpus::input;
use newsgraph::corpus::{Event, Summary, extract_all, resolve_across};
use newsgraph::formats::{self as export, ExportOptions, Exporter};
use newsgraph::graph::{Graph, NodeKind, Relation};
use newsgraph::{Config, Date, Pipeline};

mod render;

const EXIT_CODES: &str = "Exit codes:
  0  success
  1  usage error (unknown option, bad value)
  2  input could not be read or used (missing, unreadable, binary, not graph JSON)
  3  output could not be written
  4  some inputs failed (each reported on stderr); the others were processed
  5  Graphviz is not installed or failed (render)";

/// Builds a knowledge graph of actors, roles, meetings, stances and quotes from news articles.
#[derive(Parser, Debug)]
#[command(name = "newsgraph", version, about, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extract the graph of articles: files, folders (recursive: *.txt, *.md, *.html,
    /// *.htm, *.jsonl), glob patterns, or `-` for stdin; many documents make one merged graph.
    #[command(after_help = EXIT_CODES)]
    Extract {
        /// Input files or folders, quoted glob patterns, or `-` for standard input.
        #[arg(required = true)]
        inputs: Vec<String>,
        /// Output format: json, jsonld, dot (and any other format listed by --help of this build);
        /// neo4j-csv writes DIR/nodes.csv and DIR/relationships.csv (needs --out-dir).
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
        /// Extra relation lexicon (the format of lexicon/relations.tsv), added to the embedded one.
        #[arg(long, value_name = "FILE")]
        lexicon: Option<PathBuf>,
        /// Document id (default: the file stem, or "stdin"; only for a single input file).
        #[arg(long)]
        id: Option<String>,
        /// Documents extracted in parallel (default: all cores); output is the same for any N.
        #[arg(short, long, value_parser = clap::value_parser!(u16).range(1..))]
        jobs: Option<u16>,
        /// No progress bar and no warnings (errors are still reported).
        #[arg(short, long)]
        quiet: bool,
    },
    /// Draw the graph of an article (or of a graph JSON file) as SVG or PNG with Graphviz.
    #[command(after_help = EXIT_CODES)]
    Render {
        /// An article (text file, or `-` for stdin), or a graph JSON file (`*.json`).
        input: String,
        /// The picture to write: `*.svg` or `*.png`.
        #[arg(short, long)]
        output: PathBuf,
        /// Also draw statements (who said what).
        #[arg(long)]
        statements: bool,
        /// Also draw meetings (who attended, where).
        #[arg(long)]
        meetings: bool,
        /// Also draw nodes without any drawn edge (in a compact grid).
        #[arg(long)]
        isolated: bool,
        /// Publication date of an article (YYYY-MM-DD).
        #[arg(long, value_parser = parse_date)]
        published: Option<Date>,
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
    let name = |i: &String| {
        if i == "-" {
            "standard input".to_string()
        } else {
            i.clone()
        }
    };
    let input = match &cli.command {
        Command::Extract { inputs, .. } => inputs.iter().map(name).collect::<Vec<_>>().join(", "),
        Command::Quotes { input, .. } | Command::Render { input, .. } => name(input),
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
            inputs,
            format,
            output,
            out_dir,
            published,
            base_iri,
            min_confidence,
            statements,
            lexicon,
            id,
            jobs,
            quiet,
        } => {
            let mut opts = ExportOptions::default();
            opts.base_iri = base_iri;
            opts.statements = statements;
            let neo4j = format == NEO4J_CSV;
            if neo4j && out_dir.is_none() {
                return Err(Failure::usage(
                    "--format neo4j-csv writes two files: give --out-dir DIR".into(),
                ));
            }
            let exporter = if out_dir.is_none() {
                Some(find_exporter(&format)?)
            } else {
                None
            };
            let mut config = Config::default();
            config.min_confidence = min_confidence;
            if let Some(p) = lexicon {
                let text = std::fs::read_to_string(&p)
                    .map_err(|e| Failure::input(format!("{}: {e}", p.display())))?;
                let lx = newsgraph::lexicon::RelationLexicon::with_user_file(&text)
                    .map_err(|e| Failure::input(format!("{}: {e}", p.display())))?;
                config.relation_lexicon = Some(std::sync::Arc::new(lx));
            }
            let pipeline = Pipeline::new(config);
            let (graph, summary, single_text) =
                extract_inputs(&inputs, id, published, &pipeline, jobs, quiet)?;
            if let (true, Some(dir)) = (neo4j, &out_dir) {
                write_neo4j_csv(dir, &graph)?;
                return partial_failure(&summary);
            }
            // the HTML explorer shows evidence inside its paragraph: it gets the text of a
            // single article (a corpus run keeps no texts)
            if let Some((id, text)) = single_text {
                opts.texts.insert(id, text);
            }
            let written = match (out_dir, exporter) {
                (Some(dir), _) => {
                    std::fs::create_dir_all(&dir).map_err(|e| {
                        Failure::output(format!("cannot create {}: {e}", dir.display()))
                    })?;
                    let stem = match inputs.as_slice() {
                        [one] => stem_of(one),
                        _ => "graph".to_string(),
                    };
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
            };
            written?;
            partial_failure(&summary)
        }
        Command::Render {
            input,
            output,
            statements,
            meetings,
            isolated,
            published,
        } => {
            let ext = output
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase())
                .unwrap_or_default();
            if ext != "svg" && ext != "png" {
                return Err(Failure::usage(format!(
                    "{}: the picture must be a .svg or .png file",
                    output.display()
                )));
            }
            let graph = if input.ends_with(".json") {
                let bytes =
                    std::fs::read(&input).map_err(|e| Failure::input(format!("{input}: {e}")))?;
                export::json::read(&bytes).map_err(|e| Failure::input(format!("{input}: {e}")))?
            } else {
                let mut doc = input::read_one(&input).map_err(|e| Failure::input(e.to_string()))?;
                doc.published = published;
                Pipeline::default().extract(&doc)
            };
            let mut opts = ExportOptions::default();
            opts.statements = statements;
            opts.meetings = meetings;
            opts.isolated = isolated;
            let dot = export::dot::Dot.export(&graph, &opts);
            let drawn = export::dot::drawn_nodes(&graph, &opts);
            let picture = render::graphviz(&dot, &ext, drawn)
                .map_err(|message| Failure { code: 5, message })?;
            write_atomic(&output, &picture)
        }
        Command::Quotes {
            input,
            speaker,
            published,
        } => {
            let mut doc = input::read_one(&input).map_err(|e| Failure::input(e.to_string()))?;
            for w in &doc.warnings {
                eprintln!("newsgraph: warning: {}: {w}", input_name(&input));
            }
            doc.published = published;
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
            newsgraph::corpus::resolve_across(&mut all);
            let mut opts = ExportOptions::default();
            opts.base_iri = base_iri;
            emit(output.as_deref(), &exporter.export(&all, &opts))
        }
    }
}

/// The `--format` of the Neo4j bulk-import CSV pair (not one file, so not in `FORMATS`).
const NEO4J_CSV: &str = "neo4j-csv";

fn write_neo4j_csv(dir: &Path, graph: &Graph) -> Result<(), Failure> {
    std::fs::create_dir_all(dir)
        .map_err(|e| Failure::output(format!("cannot create {}: {e}", dir.display())))?;
    let (nodes, relationships) = export::neo4j_csv(graph);
    write_atomic(&dir.join("nodes.csv"), &nodes)?;
    write_atomic(&dir.join("relationships.csv"), &relationships)
}

/// Exit 4 when some inputs failed and others were processed.
fn partial_failure(summary: &Summary) -> Result<(), Failure> {
    if summary.failures > 0 {
        return Err(Failure {
            code: 4,
            message: format!(
                "{} input(s) failed (reported above); {} document(s) were processed",
                summary.failures, summary.documents
            ),
        });
    }
    Ok(())
}

fn find_exporter(name: &str) -> Result<Box<dyn Exporter>, Failure> {
    export::exporter(name).ok_or_else(|| {
        Failure::usage(format!(
            "unknown format {name:?}; known formats: {}, {NEO4J_CSV} (with --out-dir)",
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

fn input_name(input: &str) -> &str {
    if input == "-" {
        "standard input"
    } else {
        input
    }
}

/// Reads every input, extracts and merges the documents (in parallel), joins actors
/// across documents, and reports failures and warnings on stderr as they come.
/// A document's id and text.
type DocText = (String, String);

fn extract_inputs(
    inputs: &[String],
    id: Option<String>,
    published: Option<Date>,
    pipeline: &Pipeline,
    jobs: Option<u16>,
    quiet: bool,
) -> Result<(Graph, Summary, Option<DocText>), Failure> {
    let mut found = input::discover(inputs);
    if let Some(id) = id {
        match found.sources.as_mut_slice() {
            [one] if found.errors.is_empty() && one.format != input::Format::Jsonl => one.id = id,
            _ => {
                return Err(Failure::usage(
                    "--id needs a single input file (not a folder, pattern or JSONL file)".into(),
                ));
            }
        }
    }
    let threads = jobs.map_or_else(
        || std::thread::available_parallelism().map_or(1, |n| n.get()),
        usize::from,
    );
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| Failure::usage(format!("cannot start {threads} threads: {e}")))?;
    let files = found.sources.len();
    let jsonl = found
        .sources
        .iter()
        .any(|s| s.format == input::Format::Jsonl);
    let bar = if !quiet && io::stderr().is_terminal() && (files >= 20 || jsonl) {
        let bar = if jsonl {
            ProgressBar::new_spinner()
        } else {
            ProgressBar::new(files as u64)
        };
        let template = if jsonl {
            "{spinner} {elapsed} {pos} documents {per_sec}"
        } else {
            "{bar:40} {pos}/{len} documents {elapsed} (eta {eta})"
        };
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style);
        }
        bar
    } else {
        ProgressBar::hidden()
    };
    let mut failures = found.errors.len();
    for e in &found.errors {
        eprintln!("newsgraph: {e}");
    }
    if !quiet {
        for w in &found.warnings {
            eprintln!("newsgraph: warning: {w}");
        }
    }
    let single = failures == 0 && files == 1 && !jsonl;
    let mut first_failure: Option<String> = None;
    // the first document's text, kept only while it is the only one
    let mut texts: (usize, Option<DocText>) = (0, None);
    let report = |ev: Event<'_>| match ev {
        Event::Document { id, text } => {
            bar.inc(1);
            texts.0 += 1;
            texts.1 = (texts.0 == 1).then(|| (id.to_string(), text.to_string()));
        }
        Event::Warning(w) if !quiet => bar.suspend(|| eprintln!("newsgraph: warning: {w}")),
        Event::Warning(_) => {}
        // a single input's failure is the command's error message
        Event::Failure(e) if single => first_failure = Some(e.to_string()),
        Event::Failure(e) => bar.suspend(|| eprintln!("newsgraph: {e}")),
    };
    let batch = (threads * 8).max(16);
    let (mut graph, mut summary) = pool.install(|| {
        extract_all(
            input::Jobs::new(std::mem::take(&mut found.sources)),
            pipeline,
            published,
            batch,
            report,
        )
    });
    bar.finish_and_clear();
    summary.failures += failures;
    failures = summary.failures;
    if summary.documents == 0 {
        return Err(match first_failure {
            Some(message) => Failure::input(message),
            None if failures == 0 => Failure::input("no documents in the input".into()),
            None => Failure::input(format!("none of the {failures} input(s) could be used")),
        });
    }
    if summary.documents > 1 {
        resolve_across(&mut graph);
    }
    Ok((graph, summary, texts.1))
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
