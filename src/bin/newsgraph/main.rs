//! The `newsgraph` command: a thin front end over the library.

use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use newsgraph::corpus::input;
use newsgraph::corpus::{Event, Summary, extract_all, resolve_across};
use newsgraph::formats::{self as export, ExportOptions, Exporter};
use newsgraph::graph::{Graph, NodeKind, Relation};
use newsgraph::{Config, Date, Pipeline};

mod cli_formats;
mod parse;
mod render;

use cli_formats::{InputFormat, OutFormat, output_format};

const EXIT_CODES: &str = "Exit codes:
  0  success (warnings, if any, on standard error)
  1  usage error: unknown option or format, bad value, --format and the output file's
     extension disagree, a picture asked of extract or merge
  2  input could not be read or used (missing, unreadable, binary, not an article, not
     graph JSON, malformed CoNLL-U; render: the graph is empty or nothing would be drawn)
  3  output could not be written (missing folder, a folder named as the file, no permission)
  4  some inputs failed (each reported on standard error); the others were processed
  5  Graphviz is not installed or failed (render)";

/// Builds a knowledge graph of actors, roles, meetings, stances and quotes from news articles.
#[derive(Parser, Debug)]
#[command(name = "newsgraph", version, about, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// How articles are found and read (`extract`, `quotes`, `render`).
#[derive(Args, Debug)]
struct ReadArgs {
    /// Read every article input as this format instead of recognizing it (by the
    /// extension for *.txt, *.md, *.html, *.htm, *.jsonl; by the content for standard
    /// input and other files).
    #[arg(long, value_enum, ignore_case = true, value_name = "FORMAT")]
    input_format: Option<InputFormat>,
    /// Publication date (YYYY-MM-DD), to normalize "on Tuesday" and the like.
    #[arg(long, value_parser = parse_date)]
    published: Option<Date>,
    /// Documents extracted in parallel (default: all cores); output is the same for any N.
    #[arg(short, long, value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    /// No progress bar and no warnings (errors are still reported).
    #[arg(short, long)]
    quiet: bool,
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
        /// Output format (default: the one the -o file's extension names, else json).
        #[arg(short, long, value_enum, ignore_case = true)]
        format: Option<OutFormat>,
        /// Write to this file instead of standard output (written atomically); its
        /// extension chooses the format when --format is not given.
        #[arg(short, long, conflicts_with = "out_dir")]
        output: Option<PathBuf>,
        /// Write into this folder (created if missing) as DIR/<stem>.<ext>: every format,
        /// or the one --format names.
        #[arg(long, value_name = "DIR")]
        out_dir: Option<PathBuf>,
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
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Draw the graph of articles (or of a graph JSON file) as SVG or PNG with Graphviz.
    #[command(after_help = EXIT_CODES)]
    Render {
        /// An article, a folder, a JSONL file or a graph JSON file written earlier, or `-`
        /// for standard input.
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
        #[command(flatten)]
        read: ReadArgs,
    },
    /// List who said what: speaker, cue, kind and text, grouped by document when there
    /// are several. Reads what `extract` reads, and graph JSON files written earlier.
    #[command(after_help = EXIT_CODES)]
    Quotes {
        /// Input files or folders, quoted glob patterns, graph JSON files, or `-` for
        /// standard input.
        #[arg(required = true)]
        inputs: Vec<String>,
        /// Only statements by speakers whose name or alias contains this (case-insensitive).
        #[arg(long)]
        speaker: Option<String>,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Print the syntax of articles as CoNLL-U: tokens, lemmas, UPOS tags and a labeled
    /// dependency tree per sentence, with each token's byte span (Span=START:END in MISC).
    /// Reads what `extract` reads; a *.conllu input keeps its sentences and words and is
    /// re-annotated (malformed CoNLL-U: exit 2, naming the line).
    #[command(after_help = EXIT_CODES)]
    Parse {
        /// Input files or folders, quoted glob patterns, *.conllu files, or `-` for
        /// standard input.
        #[arg(required = true)]
        inputs: Vec<String>,
        /// Write to this file instead of standard output (written atomically).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Merge graph JSON files written earlier into one graph.
    #[command(after_help = EXIT_CODES)]
    Merge {
        /// Graph JSON files (newsgraph/1).
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Output file (default: standard output); its extension chooses the format when
        /// --format is not given.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Output format (default: the one the -o file's extension names, else json).
        #[arg(short, long, value_enum, ignore_case = true)]
        format: Option<OutFormat>,
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
    let names = |inputs: &[String]| {
        inputs
            .iter()
            .map(|i| input_name(i).to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let input = match &cli.command {
        Command::Extract { inputs, .. }
        | Command::Quotes { inputs, .. }
        | Command::Parse { inputs, .. } => names(inputs),
        Command::Render { input, .. } => input_name(input).to_string(),
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
            base_iri,
            min_confidence,
            statements,
            lexicon,
            id,
            read,
        } => {
            let mut opts = ExportOptions::default();
            opts.base_iri = base_iri;
            opts.statements = statements;
            // what to write where, checked before any work is done
            let target = match (out_dir, format) {
                (Some(dir), f) => {
                    check_out_dir(&dir)?;
                    Target::Folder(dir, f)
                }
                (None, f) => {
                    if let Some(p) = &output {
                        check_output_file(p, &example_name(f), true)?;
                    }
                    let f =
                        output_format("extract", f, output.as_deref()).map_err(Failure::usage)?;
                    Target::One(f)
                }
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
            let loaded = load(
                &inputs,
                &Load {
                    id,
                    read: &read,
                    graphs: false,
                    resolve: true,
                },
                &pipeline,
            )?;
            let graph = &loaded.graph;
            // the HTML explorer shows evidence inside its paragraph: it gets the text of a
            // single article (a corpus run keeps no texts)
            if let Some((id, text)) = loaded.single_text {
                opts.texts.insert(id, text);
            }
            match target {
                Target::Folder(dir, Some(OutFormat::Neo4jCsv)) => write_neo4j_csv(&dir, graph)?,
                Target::Folder(dir, f) => {
                    create_out_dir(&dir)?;
                    let stem = match inputs.as_slice() {
                        [one] => stem_of(one),
                        _ => "graph".to_string(),
                    };
                    let names: Vec<&str> = match f.and_then(OutFormat::exporter_name) {
                        Some(name) => vec![name],
                        None => export::FORMATS.to_vec(),
                    };
                    for name in names {
                        let Some(ex) = export::exporter(name) else {
                            continue;
                        };
                        let path = dir.join(format!("{stem}.{}", ex.extension()));
                        write_atomic(&path, &ex.export(graph, &opts))?;
                    }
                }
                Target::One(f) => {
                    let ex = exporter_of(f)?;
                    emit(output.as_deref(), &ex.export(graph, &opts))?;
                }
            }
            partial_failure(&loaded.summary)
        }
        Command::Render {
            input,
            output,
            statements,
            meetings,
            isolated,
            read,
        } => {
            let ext = cli_formats::extension(&output).unwrap_or_default();
            if ext != "svg" && ext != "png" {
                let hint = match OutFormat::implied_by(&ext) {
                    Some(f) => format!(
                        "; for {} write `newsgraph extract INPUT -o {}`",
                        f.label(),
                        output.display()
                    ),
                    None => String::new(),
                };
                return Err(Failure::usage(format!(
                    "{}: the picture must be a .svg or .png file{hint}",
                    output.display()
                )));
            }
            check_output_file(&output, &format!("graph.{ext}"), false)?;
            let loaded = load(
                std::slice::from_ref(&input),
                &Load {
                    id: None,
                    read: &read,
                    graphs: true,
                    resolve: true,
                },
                &Pipeline::default(),
            )?;
            let graph = &loaded.graph;
            let mut opts = ExportOptions::default();
            opts.statements = statements;
            opts.meetings = meetings;
            opts.isolated = isolated;
            let drawn = export::dot::drawn_nodes(graph, &opts);
            let name = input_name(&input);
            if graph.node_count() == 0 {
                return Err(Failure::input(format!(
                    "{name}: the graph is empty (no actors, statements or meetings were \
                     found), so there is nothing to draw; no picture was written"
                )));
            }
            if drawn == 0 {
                return Err(Failure::input(format!(
                    "{name}: nothing to draw: none of the graph's {} nodes has a relation \
                     drawn with these options; --isolated draws nodes without relations, \
                     --statements and --meetings draw statements and meetings; no picture \
                     was written",
                    graph.node_count()
                )));
            }
            let dot = export::dot::Dot.export(graph, &opts);
            let picture = render::graphviz(&dot, &ext, drawn)
                .map_err(|message| Failure { code: 5, message })?;
            write_atomic(&output, &picture)?;
            partial_failure(&loaded.summary)
        }
        Command::Quotes {
            inputs,
            speaker,
            read,
        } => {
            let loaded = load(
                &inputs,
                &Load {
                    id: None,
                    read: &read,
                    graphs: true,
                    resolve: false,
                },
                &Pipeline::default(),
            )?;
            let (listing, rows) = quotes_listing(&loaded.graph, speaker.as_deref());
            if rows == 0 && !read.quiet {
                match &speaker {
                    Some(s) => eprintln!("newsgraph: no statements by a speaker matching {s:?}"),
                    None => eprintln!("newsgraph: no statements found"),
                }
            }
            emit(None, listing.as_bytes())?;
            partial_failure(&loaded.summary)
        }
        Command::Parse { inputs, output } => {
            if let Some(p) = &output {
                check_output_file(p, "out.conllu", false)?;
            }
            let (text, errors) = parse::run(&inputs);
            if errors.is_empty() {
                return emit(output.as_deref(), text.as_bytes());
            }
            if errors.len() == inputs.len() && text.is_empty() && errors.len() == 1 {
                return Err(Failure::input(errors[0].clone()));
            }
            for e in &errors {
                eprintln!("newsgraph: {e}");
            }
            if text.is_empty() {
                return Err(Failure::input(format!("{} input(s) failed", errors.len())));
            }
            emit(output.as_deref(), text.as_bytes())?;
            Err(Failure {
                code: 4,
                message: format!("{} input(s) failed (reported above)", errors.len()),
            })
        }
        Command::Merge {
            inputs,
            output,
            format,
            base_iri,
        } => {
            if let Some(p) = &output {
                check_output_file(p, &example_name(format), false)?;
            }
            let format =
                output_format("merge", format, output.as_deref()).map_err(Failure::usage)?;
            let exporter = exporter_of(format)?;
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

/// Where `extract` writes: one file or standard output in one format, or a folder
/// (every format, or the one named).
enum Target {
    One(OutFormat),
    Folder(PathBuf, Option<OutFormat>),
}

fn exporter_of(format: OutFormat) -> Result<Box<dyn Exporter>, Failure> {
    format
        .exporter_name()
        .and_then(export::exporter)
        .ok_or_else(|| Failure::usage(format!("{} cannot be written to one file", format.name())))
}

fn write_neo4j_csv(dir: &Path, graph: &Graph) -> Result<(), Failure> {
    create_out_dir(dir)?;
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

/// A document's id and text.
type DocText = (String, String);

/// How [`load`] reads its inputs.
struct Load<'a> {
    /// `--id`: the id of the one document.
    id: Option<String>,
    read: &'a ReadArgs,
    /// Graph JSON files are inputs too (read as graphs, not articles).
    graphs: bool,
    /// Join actors across documents (as `extract` does).
    resolve: bool,
}

/// What [`load`] read.
struct Loaded {
    graph: Graph,
    summary: Summary,
    /// The text of the only document, when there is one article and no graph file.
    single_text: Option<DocText>,
}

/// Reads every input — articles are extracted and merged (in parallel), graph JSON files
/// read — joins actors across documents when asked, and reports failures, warnings and
/// skipped files on stderr as they come.
fn load(inputs: &[String], how: &Load<'_>, pipeline: &Pipeline) -> Result<Loaded, Failure> {
    let quiet = how.read.quiet;
    let options = input::Options {
        format: how.read.input_format.map(input::Format::from),
        graphs: how.graphs,
    };
    let mut found = input::discover_with(inputs, &options);
    if !quiet {
        for w in &found.warnings {
            eprintln!("newsgraph: warning: {w}");
        }
        if let Some(line) = found.skipped.summary() {
            eprintln!("newsgraph: warning: {line}");
        }
    }
    if let Some(id) = &how.id {
        match found.sources.as_mut_slice() {
            [one]
                if found.errors.is_empty()
                    && !matches!(one.format, input::Format::Jsonl | input::Format::Graph) =>
            {
                one.id = id.clone()
            }
            _ => {
                return Err(Failure::usage(
                    "--id needs a single input file (not a folder, pattern or JSONL file)".into(),
                ));
            }
        }
    }
    // nothing to read but one error: that error is the command's message
    if let ([], [e]) = (found.sources.as_slice(), found.errors.as_slice()) {
        return Err(Failure::input(e.to_string()));
    }
    let threads = how.read.jobs.map_or_else(
        || std::thread::available_parallelism().map_or(1, |n| n.get()),
        usize::from,
    );
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| Failure::usage(format!("cannot start {threads} threads: {e}")))?;
    let (graph_files, articles): (Vec<input::Source>, Vec<input::Source>) =
        std::mem::take(&mut found.sources)
            .into_iter()
            .partition(|s| s.format == input::Format::Graph);
    let files = articles.len() + graph_files.len();
    let jsonl = articles.iter().any(|s| s.format == input::Format::Jsonl);
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
    let single = failures == 0 && files == 1 && !jsonl;
    let mut first_failure: Option<String> = None;
    // graph JSON files written earlier, read one after the other
    let mut graph = Graph::new();
    let mut graph_documents = 0;
    for source in &graph_files {
        let read = input::read_bytes(source).and_then(|bytes| {
            export::json::read(&bytes)
                .map_err(|e| input::InputError::new(&source.display, graph_json_error(&e)))
        });
        bar.inc(1);
        match read {
            Ok(g) => {
                graph_documents += g.documents.len().max(1);
                graph.merge(&g);
            }
            Err(e) if single => {
                failures += 1;
                first_failure = Some(e.to_string());
            }
            Err(e) => {
                failures += 1;
                bar.suspend(|| eprintln!("newsgraph: {e}"));
            }
        }
    }
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
    let (extracted, mut summary) = pool.install(|| {
        extract_all(
            input::Jobs::new(articles),
            pipeline,
            how.read.published,
            batch,
            report,
        )
    });
    bar.finish_and_clear();
    if graph_files.is_empty() {
        graph = extracted;
    } else {
        graph.merge(&extracted);
    }
    summary.failures += failures;
    summary.documents += graph_documents;
    if summary.documents == 0 {
        return Err(match first_failure {
            Some(message) => Failure::input(message),
            None if summary.failures == 0 => Failure::input("no documents in the input".into()),
            None => Failure::input(format!(
                "none of the {} input(s) could be used",
                summary.failures
            )),
        });
    }
    if how.resolve && summary.documents > 1 {
        resolve_across(&mut graph);
    }
    let single_text = if graph_files.is_empty() {
        texts.1
    } else {
        None
    };
    Ok(Loaded {
        graph,
        summary,
        single_text,
    })
}

/// The reason a file that looked like graph JSON could not be read as one.
fn graph_json_error(e: &str) -> String {
    if e.starts_with("not graph JSON") || e.starts_with("schema is") {
        format!(
            "{e}; graph JSON is what `newsgraph extract` writes (\"schema\": \"{}\"), \
             articles in JSON go one record per line in a .jsonl file",
            export::json::SCHEMA
        )
    } else {
        format!("not usable graph JSON: {e}")
    }
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

/// The folder an output file goes into (`.` for a bare name).
fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// A file name to suggest in messages (`graph.ttl`).
fn example_name(format: Option<OutFormat>) -> String {
    let ext = format
        .and_then(|f| f.extensions().first().copied())
        .unwrap_or("json");
    format!("graph.{ext}")
}

/// What is wrong with writing a file at `path`, said so that the user knows what to do:
/// it is (or names) a folder, its folder is missing or is a file. `None` when nothing
/// is. `example` is a file name to suggest (`graph.json`); `out_dir` whether the
/// command has `--out-dir` to suggest.
fn output_file_problem(path: &Path, example: &str, out_dir: bool) -> Option<String> {
    let shown = path.display();
    let text = path.as_os_str().to_string_lossy();
    let dir = text.trim_end_matches(['/', '\\']);
    let or_out_dir = |creates: &str| {
        if out_dir {
            format!(", or write into the folder with --out-dir {dir}{creates}")
        } else {
            String::new()
        }
    };
    if path.is_dir() {
        return Some(format!(
            "cannot write {shown}: it is a folder; name a file in it (-o {dir}/{example}){}",
            or_out_dir("")
        ));
    }
    if dir.len() < text.len() {
        return Some(format!(
            "cannot write {shown}: this names a folder, not a file; name a file (-o \
             {dir}/{example}, in a folder that exists){}",
            or_out_dir(", which creates it")
        ));
    }
    let dir = folder_of(path);
    match std::fs::metadata(dir) {
        Ok(meta) if !meta.is_dir() => Some(format!(
            "cannot write {shown}: {} is a file, not a folder; name a file in an existing folder",
            dir.display()
        )),
        Ok(_) => None,
        Err(e) if e.kind() == io::ErrorKind::NotFound => Some(format!(
            "cannot write {shown}: the folder {d} does not exist; create it first (mkdir -p \
             {d}){}",
            if out_dir {
                format!(
                    ", or write with --out-dir {}, which creates it",
                    dir.display()
                )
            } else {
                String::new()
            },
            d = dir.display()
        )),
        Err(e) => Some(format!("cannot write {shown}: {}: {e}", dir.display())),
    }
}

/// Checks, before any work, that an output file can be written where it is named.
fn check_output_file(path: &Path, example: &str, out_dir: bool) -> Result<(), Failure> {
    match output_file_problem(path, example, out_dir) {
        Some(message) => Err(Failure::output(message)),
        None => Ok(()),
    }
}

/// Checks, before any work, that `--out-dir` names a folder (existing or not).
fn check_out_dir(dir: &Path) -> Result<(), Failure> {
    // the nearest part of the path that exists must be a folder
    let mut at = Some(dir);
    while let Some(p) = at.filter(|p| !p.as_os_str().is_empty()) {
        match std::fs::metadata(p) {
            Ok(meta) if meta.is_dir() => return Ok(()),
            Ok(_) if p == dir => {
                return Err(Failure::output(format!(
                    "--out-dir {}: this is a file, not a folder; give a folder (it is created \
                     if missing), or -o FILE to write one file",
                    dir.display()
                )));
            }
            Ok(_) => {
                return Err(Failure::output(format!(
                    "--out-dir {}: cannot create this folder, {} is a file",
                    dir.display(),
                    p.display()
                )));
            }
            Err(_) => at = p.parent(),
        }
    }
    Ok(())
}

fn create_out_dir(dir: &Path) -> Result<(), Failure> {
    check_out_dir(dir)?;
    std::fs::create_dir_all(dir).map_err(|e| {
        Failure::output(match e.kind() {
            io::ErrorKind::PermissionDenied => format!(
                "--out-dir {}: cannot create this folder: permission denied; choose a folder \
                 you can write to",
                dir.display()
            ),
            _ => format!(
                "--out-dir {}: cannot create this folder: {e}",
                dir.display()
            ),
        })
    })
}

fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    // a device, FIFO or other special file (`-o /dev/null`, `-o /dev/stdout`) cannot be
    // replaced atomically, and renaming over it would replace the device itself: write
    // into it
    if let Ok(meta) = std::fs::metadata(path)
        && !meta.is_file()
        && !meta.is_dir()
    {
        return std::fs::write(path, bytes)
            .map_err(|e| Failure::output(format!("cannot write {}: {e}", path.display())));
    }
    let dir = folder_of(path);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let res = std::fs::write(&tmp, bytes).and_then(|_| std::fs::rename(&tmp, path));
    if let Err(e) = res {
        let _ = std::fs::remove_file(&tmp);
        let example = format!(
            "graph.{}",
            cli_formats::extension(path).unwrap_or_else(|| "json".into())
        );
        let message =
            output_file_problem(path, &example, false).unwrap_or_else(|| match e.kind() {
                io::ErrorKind::PermissionDenied => format!(
                    "cannot write {}: permission denied; choose a folder you can write to",
                    path.display()
                ),
                _ => format!("cannot write {}: {e}", path.display()),
            });
        return Err(Failure::output(message));
    }
    Ok(())
}

/// Text for one line of the listing: control characters (newlines, tabs) become spaces.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// `speaker — cue (kind): text`, one statement per line, in text order; with several
/// documents, grouped under a `[document id] title` line per document (in document id
/// order) that has statements. Each statement is listed in its own document with its
/// speaker: nothing is joined across documents. Returns the listing and its number of
/// statements.
fn quotes_listing(g: &Graph, speaker: Option<&str>) -> (String, usize) {
    let filter = speaker.map(str::to_lowercase);
    let position: BTreeMap<&str, usize> = g
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i))
        .collect();
    // (document, offset, speaker, cue, kind, text)
    type Row = (usize, usize, String, String, String, String);
    let mut rows: Vec<Row> = Vec::new();
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
        let ev = st.evidence.first();
        let doc = ev
            .map(|ev| ev.document.as_str())
            .or_else(|| st.documents.first().map(String::as_str))
            .and_then(|d| position.get(d).copied())
            .unwrap_or(usize::MAX);
        rows.push((
            doc,
            ev.map_or(0, |ev| ev.start),
            one_line(&e.source.name),
            one_line(st.cue.as_deref().unwrap_or_default()),
            st.quote.map(|q| q.as_str().to_string()).unwrap_or_default(),
            one_line(st.text.as_deref().unwrap_or_default()),
        ));
    }
    rows.sort();
    let grouped = g.documents.len() > 1;
    let mut out = String::new();
    let mut current = None;
    for (doc, _, who, cue, kind, text) in &rows {
        if grouped && current != Some(*doc) {
            if current.is_some() {
                out.push('\n');
            }
            current = Some(*doc);
            match g.documents.get(*doc) {
                Some(d) => {
                    out.push_str(&format!("[{}]", one_line(&d.id)));
                    if let Some(t) = &d.title {
                        out.push_str(&format!(" {}", one_line(t)));
                    }
                    out.push('\n');
                }
                None => out.push_str("[unknown document]\n"),
            }
        }
        let indent = if grouped { "  " } else { "" };
        out.push_str(&format!("{indent}{who} — {cue} ({kind}): {text}\n"));
    }
    (out, rows.len())
}
