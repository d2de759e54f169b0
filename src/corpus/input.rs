//! Input discovery and reading: turns command-line paths into documents.
//!
//! [`discover`] expands the paths a user gives (files, directories walked recursively,
//! quoted glob patterns, `-` for standard input) into [`Source`]s with stable document
//! ids; [`Jobs`] streams them as units of work — a file to read, or a JSONL record already
//! parsed — so that a corpus never has to be held in memory; [`Job::load`] reads and
//! decodes one file (text, Markdown or HTML).
//!
//! Document ids: a file given by itself keeps its file stem (`article.txt` → `article`);
//! a file found under a directory (or a glob) is named by its path relative to that root
//! (`politics/012.txt`); a JSONL record by its `id` field. Every problem with one input
//! becomes an [`InputError`] naming the path (and line) and the reason; the other inputs
//! are still read.
//!
//! Offsets: for text and Markdown files evidence spans are byte offsets into the file;
//! for HTML they refer to the text extracted from the page ([`html_to_text`]); for JSONL
//! to the record's `text`.
//!
//! Formats: a file's extension decides (`.txt`/`.md` text, `.html`/`.htm` HTML, `.jsonl`
//! JSONL); standard input, `.json` files and files of any other name are recognized by
//! their content ([`sniff`]): an HTML doctype or tag, a first line that is a JSON object
//! (JSONL), a JSON document (graph JSON written earlier, [`Format::Graph`]), else text.
//! [`Options::format`] forces a format for every article input. Each file is used once,
//! however often it is reached (by canonical path); files in folders that are not
//! articles are counted in [`Discovery::skipped`].

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::text::{Date, Document};

/// Largest input read (a file, a JSONL line, standard input), to keep memory bounded.
pub const MAX_INPUT_BYTES: u64 = 256 * 1024 * 1024;

/// File extensions read as articles when walking a directory.
pub const EXTENSIONS: &[&str] = &["txt", "md", "html", "htm", "jsonl"];

/// How much of an input [`sniff`] looks at: the first line, at most this many bytes.
pub const SNIFF_BYTES: usize = 64 * 1024;

/// How a source is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Plain text or Markdown: spans are bytes of the file.
    Text,
    /// An HTML page: the article body is extracted first.
    Html,
    /// One JSON document per line.
    Jsonl,
    /// Graph JSON written earlier (`newsgraph/1`): a graph, not an article. Only
    /// [`discover_with`] with [`Options::graphs`] gives it; [`read_source`] refuses it.
    Graph,
}

impl Format {
    /// The format of a path by its extension (anything unknown is text).
    pub fn of(path: &Path) -> Format {
        match extension(path).as_deref() {
            Some("html" | "htm") => Format::Html,
            Some("jsonl") => Format::Jsonl,
            _ => Format::Text,
        }
    }
}

fn extension(path: &Path) -> Option<String> {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
}

/// What the beginning of an input looks like (see [`sniff`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sniffed {
    Text,
    /// Starts with an HTML doctype, comment or tag.
    Html,
    /// The first line is a JSON object (without the graph JSON schema).
    Jsonl,
    /// A JSON object whose `"schema"` is `newsgraph/1`: a graph written earlier.
    Graph,
    /// Some other JSON document (spread over lines, or an array).
    Json,
}

/// HTML elements an HTML page or fragment may start with.
const HTML_START_TAGS: &[&str] = &[
    "html",
    "head",
    "body",
    "meta",
    "title",
    "link",
    "base",
    "script",
    "style",
    "article",
    "main",
    "section",
    "div",
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "nav",
    "table",
    "ul",
    "ol",
    "span",
    "a",
    "b",
    "i",
    "em",
    "strong",
    "img",
    "br",
    "figure",
    "blockquote",
];

/// Recognizes an input by its beginning (`head`: the first line, or the first
/// [`SNIFF_BYTES`] when the line is longer): an HTML doctype, comment or known tag →
/// HTML; a JSON object on the first line → JSONL, or graph JSON when its `"schema"` is
/// `newsgraph/1`; a `{` or `[` that does not close on the first line → a JSON document
/// (graph JSON when the schema shows in `head`); anything else → text.
pub fn sniff(head: &[u8]) -> Sniffed {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let rest = &head[start..];
    match rest.first() {
        Some(b'<') => {
            let lower: Vec<u8> = rest.iter().take(64).map(u8::to_ascii_lowercase).collect();
            if lower.starts_with(b"<!doctype html") || lower.starts_with(b"<!--") {
                return Sniffed::Html;
            }
            let name: Vec<u8> = lower[1..]
                .iter()
                .copied()
                .take_while(u8::is_ascii_alphanumeric)
                .collect();
            let after = lower.get(1 + name.len()).copied();
            let known = HTML_START_TAGS
                .iter()
                .any(|t| t.as_bytes() == name.as_slice());
            if known && matches!(after, Some(b'>' | b'/' | b' ' | b'\t' | b'\r' | b'\n')) {
                Sniffed::Html
            } else {
                Sniffed::Text
            }
        }
        Some(b'{') | Some(b'[') => {
            let schema = has_graph_schema(rest);
            // the first line, when `head` holds all of it
            let line = match rest.iter().position(|&b| b == b'\n') {
                Some(n) => Some(&rest[..n]),
                None if head.len() < SNIFF_BYTES => Some(rest),
                None => None,
            };
            match line.map(serde_json::from_slice::<serde_json::Value>) {
                Some(Ok(serde_json::Value::Object(_))) if schema => Sniffed::Graph,
                Some(Ok(serde_json::Value::Object(_))) => Sniffed::Jsonl,
                // a line too long to see whole: a JSONL record, unless it starts a graph
                None if rest[0] == b'{' && !schema => Sniffed::Jsonl,
                _ if schema => Sniffed::Graph,
                _ => Sniffed::Json,
            }
        }
        _ => Sniffed::Text,
    }
}

/// Whether `"schema": "newsgraph/1"` (any spacing) occurs in the bytes.
fn has_graph_schema(bytes: &[u8]) -> bool {
    let key = b"\"schema\"";
    let value = format!("\"{}\"", crate::formats::json::SCHEMA);
    let mut from = 0;
    while let Some(at) = find(&bytes[from..], key) {
        let mut i = from + at + key.len();
        let skip_ws = |i: &mut usize| {
            while bytes.get(*i).is_some_and(u8::is_ascii_whitespace) {
                *i += 1;
            }
        };
        skip_ws(&mut i);
        if bytes.get(i) == Some(&b':') {
            i += 1;
            skip_ws(&mut i);
            if bytes[i..].starts_with(value.as_bytes()) {
                return true;
            }
        }
        from = from + at + 1;
    }
    false
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Reads what [`sniff`] needs: the first line that is not blank (newline included) and
/// the lines before it; when that line only opens a JSON document (`{`), the next one
/// too, where graph JSON names its schema. At most [`SNIFF_BYTES`].
fn read_head(r: &mut impl BufRead) -> io::Result<Vec<u8>> {
    let mut head = Vec::new();
    while head.len() < SNIFF_BYTES {
        let room = (SNIFF_BYTES - head.len()) as u64;
        let n = r.take(room).read_until(b'\n', &mut head)?;
        let opening = head
            .iter()
            .all(|b| b.is_ascii_whitespace() || matches!(b, b'{' | b'['));
        if n == 0 || !opening {
            break;
        }
    }
    Ok(head)
}

/// One input: a file with the id its document gets, or standard input.
#[derive(Clone, Debug)]
pub struct Source {
    /// `None` for standard input.
    pub path: Option<PathBuf>,
    /// How the input is named in messages and in `DocumentInfo::source`.
    pub display: String,
    /// Document id (for JSONL files: the prefix of ids of records without one).
    pub id: String,
    pub format: Format,
    /// Standard input: what was read from it to recognize its format (read again
    /// before the rest).
    head: Option<Arc<[u8]>>,
}

impl Source {
    /// Standard input, read as one text document with id `stdin`.
    pub fn stdin() -> Source {
        Source {
            path: None,
            display: "standard input".into(),
            id: "stdin".into(),
            format: Format::Text,
            head: None,
        }
    }

    fn file(path: PathBuf, display: String, id: String, format: Format) -> Source {
        Source {
            path: Some(path),
            display,
            id,
            format,
            head: None,
        }
    }
}

/// A problem with one input: which one and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    /// The path (with `:LINE` for a JSONL record) or `standard input`.
    pub path: String,
    pub reason: String,
}

impl InputError {
    pub fn new(path: impl Into<String>, reason: impl fmt::Display) -> InputError {
        InputError {
            path: path.into(),
            reason: reason.to_string(),
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.reason)
    }
}

impl std::error::Error for InputError {}

/// How [`discover_with`] reads the inputs.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Read every article input (standard input, files whatever their extension, files
    /// in folders) in this format instead of recognizing it (`--input-format`); `.json`
    /// files are still recognized by their content.
    pub format: Option<Format>,
    /// Graph JSON files are inputs too ([`Format::Graph`], `*.json` files in folders);
    /// without it they are errors that say what they are.
    pub graphs: bool,
}

/// Files that were found but not used.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Skipped {
    /// Files in folders that are not articles, by kind (`*.pdf`, `without extension`).
    pub kinds: BTreeMap<String, usize>,
    /// Files (or standard input) reached a second time, by another argument, a folder
    /// or a link: used once, under the first id.
    pub repeated: usize,
}

impl Skipped {
    /// One line for the user (`skipped 3 files: 2 not articles (1 *.pdf, 1 *.png), 1
    /// reached twice (used once)`), or `None` when nothing was skipped.
    pub fn summary(&self) -> Option<String> {
        let others: usize = self.kinds.values().sum();
        let total = others + self.repeated;
        if total == 0 {
            return None;
        }
        let mut kinds: Vec<(&String, &usize)> = self.kinds.iter().collect();
        kinds.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let mut parts = Vec::new();
        if others > 0 {
            let list: Vec<String> = kinds.iter().map(|(k, n)| format!("{n} {k}")).collect();
            parts.push(format!("{others} not articles ({})", list.join(", ")));
        }
        if self.repeated > 0 {
            parts.push(format!("{} reached twice (used once)", self.repeated));
        }
        let files = if total == 1 { "file" } else { "files" };
        Some(format!("skipped {total} {files}: {}", parts.join(", ")))
    }
}

/// What [`discover`] found.
#[derive(Debug, Default)]
pub struct Discovery {
    /// In argument order; files under a directory in path order.
    pub sources: Vec<Source>,
    /// Paths that do not exist, dangling links, empty directories, patterns matching nothing.
    pub errors: Vec<InputError>,
    /// Things skipped on purpose (symbolic link loops), for the user to see.
    pub warnings: Vec<String>,
    /// Files found but not used (not articles, or reached twice).
    pub skipped: Skipped,
}

fn has_glob_chars(s: &str) -> bool {
    s.contains(['*', '?', '['])
}

fn id_of_relative(rel: &Path) -> String {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "document".to_string())
}

fn is_article_file(path: &Path) -> bool {
    extension(path).is_some_and(|e| EXTENSIONS.contains(&e.as_str()))
}

/// Why a graph JSON or other JSON document is not an article (for `extract`).
fn not_an_article(sniffed: Sniffed) -> &'static str {
    if sniffed == Sniffed::Graph {
        "graph JSON written by newsgraph, not an article: combine graphs with \
         `newsgraph merge`; `newsgraph quotes` and `newsgraph render` read them too"
    } else {
        "a JSON document, not an article: articles in JSON are read from JSONL files \
         (one {\"id\", \"title\", \"text\"} record per line, *.jsonl)"
    }
}

/// Expands command-line inputs into sources (articles read as [`Format::of`] their
/// extension; no graph JSON). See [`discover_with`].
pub fn discover<S: AsRef<str>>(args: &[S]) -> Discovery {
    discover_with(args, &Options::default())
}

/// The state of one [`discover_with`] run.
struct Finder<'a> {
    d: Discovery,
    opts: &'a Options,
    /// Canonical paths of the files already used, and whether standard input was.
    seen: HashSet<PathBuf>,
    stdin_seen: bool,
}

impl Finder<'_> {
    /// Adds a file source unless its file was already used; returns its index.
    fn add(&mut self, source: Source) -> Option<usize> {
        if let Some(path) = &source.path {
            let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
            if !self.seen.insert(key) {
                self.d.skipped.repeated += 1;
                return None;
            }
        }
        self.d.sources.push(source);
        Some(self.d.sources.len() - 1)
    }

    /// How a file given by name (or matched by a pattern) is read: by its extension,
    /// or forced, or by its content (`.json` and unknown extensions).
    fn format_of(&self, path: &Path, display: &str) -> Result<Format, InputError> {
        let ext = extension(path);
        let by_content = ext.as_deref() == Some("json")
            || (self.opts.format.is_none()
                && !ext.as_deref().is_some_and(|e| EXTENSIONS.contains(&e)));
        if !by_content {
            return Ok(self.opts.format.unwrap_or_else(|| Format::of(path)));
        }
        // a file that cannot be opened is reported when it is read
        let Ok(f) = File::open(path) else {
            return Ok(self.opts.format.unwrap_or(Format::Text));
        };
        let head = read_head(&mut BufReader::new(f)).unwrap_or_default();
        self.by_content(sniff(&head), display)
    }

    fn by_content(&self, sniffed: Sniffed, display: &str) -> Result<Format, InputError> {
        Ok(match sniffed {
            Sniffed::Graph | Sniffed::Json if self.opts.graphs => Format::Graph,
            Sniffed::Graph | Sniffed::Json => {
                return Err(InputError::new(display, not_an_article(sniffed)));
            }
            _ if self.opts.format.is_some() => self.opts.format.unwrap_or(Format::Text),
            Sniffed::Html => Format::Html,
            Sniffed::Jsonl => Format::Jsonl,
            Sniffed::Text => Format::Text,
        })
    }

    fn stdin(&mut self) {
        if self.stdin_seen {
            self.d.skipped.repeated += 1;
            return;
        }
        self.stdin_seen = true;
        let mut source = Source::stdin();
        if let Some(f) = self.opts.format {
            source.format = f;
            self.d.sources.push(source);
            return;
        }
        let head = match read_head(&mut io::stdin().lock()) {
            Ok(h) => h,
            Err(e) => {
                self.d.errors.push(InputError::new(&source.display, e));
                return;
            }
        };
        match self.by_content(sniff(&head), &source.display) {
            Ok(f) => source.format = f,
            Err(e) => {
                self.d.errors.push(e);
                return;
            }
        }
        source.head = Some(head.into());
        self.d.sources.push(source);
    }

    /// A file named by itself: its id is its stem.
    fn file(&mut self, path: &Path, arg: &str) -> Option<usize> {
        match self.format_of(path, arg) {
            Ok(format) => self.add(Source::file(
                path.to_path_buf(),
                arg.to_string(),
                file_stem(path),
                format,
            )),
            Err(e) => {
                self.d.errors.push(e);
                None
            }
        }
    }

    /// Walks a directory (following symbolic links, with loop detection) for article
    /// files (and graph JSON files, with [`Options::graphs`]).
    fn walk(&mut self, root: &Path, display_root: &Path) {
        let before = self.d.sources.len();
        let mut repeated = false;
        let walker = walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            // hidden files and folders (.git, editor files) are not articles
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in walker {
            match entry {
                Ok(e) => {
                    if e.file_type().is_dir() {
                        continue;
                    }
                    let path = e.path();
                    let ext = extension(path);
                    let format = if is_article_file(path) {
                        self.opts.format.unwrap_or_else(|| Format::of(path))
                    } else if ext.as_deref() == Some("json") && self.opts.graphs {
                        let head = File::open(path)
                            .and_then(|f| read_head(&mut BufReader::new(f)))
                            .unwrap_or_default();
                        if sniff(&head) != Sniffed::Graph {
                            *self
                                .d
                                .skipped
                                .kinds
                                .entry("*.json (not graph JSON)".into())
                                .or_default() += 1;
                            continue;
                        }
                        Format::Graph
                    } else {
                        let kind =
                            ext.map_or_else(|| "without extension".into(), |e| format!("*.{e}"));
                        *self.d.skipped.kinds.entry(kind).or_default() += 1;
                        continue;
                    };
                    let rel = path.strip_prefix(root).unwrap_or(path);
                    let display = display_root.join(rel);
                    let added = self.add(Source::file(
                        path.to_path_buf(),
                        display.to_string_lossy().into_owned(),
                        id_of_relative(rel),
                        format,
                    ));
                    repeated |= added.is_none();
                }
                Err(err) => {
                    let path = err
                        .path()
                        .map(|p| p.to_string_lossy().into_owned())
                        .unwrap_or_else(|| root.to_string_lossy().into_owned());
                    if let Some(anc) = err.loop_ancestor() {
                        self.d.warnings.push(format!(
                            "{path}: symbolic link loop back to {}, not followed",
                            anc.display()
                        ));
                        continue;
                    }
                    let is_link = err.path().is_some_and(Path::is_symlink);
                    let reason = match err.io_error() {
                        Some(io) if is_link && io.kind() == io::ErrorKind::NotFound => {
                            format!("dangling symbolic link ({io})")
                        }
                        Some(io) => io.to_string(),
                        None => err.to_string(),
                    };
                    // a dangling link that would not have been read anyway is no failure
                    if is_link && err.path().is_some_and(|p| !is_article_file(p)) {
                        continue;
                    }
                    self.d.errors.push(InputError::new(path, reason));
                }
            }
        }
        if self.d.sources.len() == before && !repeated {
            let mut exts: Vec<&str> = EXTENSIONS.to_vec();
            if self.opts.graphs {
                exts.push("json");
            }
            self.d.errors.push(InputError::new(
                display_root.to_string_lossy(),
                format!(
                    "no article files (*.{}) in this directory",
                    exts.join(", *.")
                ),
            ));
        }
    }

    /// Expands a quoted glob pattern; ids are paths relative to the pattern's literal prefix.
    fn glob(&mut self, pattern: &str) {
        let paths = match glob::glob(pattern) {
            Ok(p) => p,
            Err(e) => {
                self.d
                    .errors
                    .push(InputError::new(pattern, format!("bad pattern: {e}")));
                return;
            }
        };
        // the directory part before the first component with a wildcard
        let mut root = PathBuf::new();
        for c in Path::new(pattern).components() {
            if has_glob_chars(&c.as_os_str().to_string_lossy()) {
                break;
            }
            root.push(c);
        }
        let mut matched: Vec<PathBuf> = Vec::new();
        for p in paths {
            match p {
                Ok(p) => matched.push(p),
                Err(e) => self
                    .d
                    .errors
                    .push(InputError::new(e.path().to_string_lossy(), e.error())),
            }
        }
        matched.sort();
        if matched.is_empty() {
            self.d
                .errors
                .push(InputError::new(pattern, "no file matches this pattern"));
        }
        for p in matched {
            if p.is_dir() {
                self.walk(&p, &p);
                continue;
            }
            let display = p.to_string_lossy().into_owned();
            let format = match self.format_of(&p, &display) {
                Ok(f) => f,
                Err(e) => {
                    self.d.errors.push(e);
                    continue;
                }
            };
            let rel = p.strip_prefix(&root).unwrap_or(&p).to_path_buf();
            self.add(Source::file(p, display, id_of_relative(&rel), format));
        }
    }
}

/// Expands command-line inputs into sources. Never fails as a whole: each input that
/// cannot be used becomes an entry of [`Discovery::errors`]. Standard input (`-`) is
/// recognized by its first line (see [`sniff`]) unless `opts.format` is set; a file
/// reached twice is used once.
pub fn discover_with<S: AsRef<str>>(args: &[S], opts: &Options) -> Discovery {
    let mut f = Finder {
        d: Discovery::default(),
        opts,
        seen: HashSet::new(),
        stdin_seen: false,
    };
    // ids given as file stems, which may collide between arguments
    let mut stem_ids: BTreeSet<usize> = BTreeSet::new();
    for arg in args {
        let arg = arg.as_ref();
        if arg == "-" {
            f.stdin();
            continue;
        }
        let path = Path::new(arg);
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => f.walk(path, path),
            Ok(_) => {
                stem_ids.extend(f.file(path, arg));
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound && has_glob_chars(arg) => f.glob(arg),
            Err(e) => {
                let reason = if path.is_symlink() {
                    format!("dangling symbolic link ({e})")
                } else {
                    e.to_string()
                };
                f.d.errors.push(InputError::new(arg, reason));
            }
        }
    }
    let mut d = f.d;
    // two file arguments with the same stem (`a/x.txt b/x.txt`): both are named by path
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for s in &d.sources {
        *count.entry(s.id.as_str()).or_default() += 1;
    }
    let clashing: BTreeSet<String> = count
        .into_iter()
        .filter(|&(_, n)| n > 1)
        .map(|(id, _)| id.to_string())
        .collect();
    for i in stem_ids {
        let s = &mut d.sources[i];
        if clashing.contains(&s.id) {
            s.id = s.display.trim_start_matches("./").to_string();
        }
    }
    d
}

/// Reads at most [`MAX_INPUT_BYTES`] (+1 to detect larger inputs).
fn read_capped(r: impl Read, name: &str) -> Result<Vec<u8>, InputError> {
    let mut buf = Vec::new();
    r.take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut buf)
        .map_err(|e| InputError::new(name, e))?;
    if buf.len() as u64 > MAX_INPUT_BYTES {
        return Err(InputError::new(
            name,
            format!("larger than {} MiB", MAX_INPUT_BYTES / 1024 / 1024),
        ));
    }
    Ok(buf)
}

/// Standard input, after what was read from it to recognize its format.
fn stdin_reader(source: &Source) -> impl Read + Send + use<> {
    let head: Arc<[u8]> = source.head.clone().unwrap_or_else(|| Arc::from(&[][..]));
    Cursor::new(head).chain(io::stdin())
}

/// Reads the bytes of a source (file or standard input), at most [`MAX_INPUT_BYTES`].
pub fn read_bytes(source: &Source) -> Result<Vec<u8>, InputError> {
    let name = source.display.as_str();
    match &source.path {
        None => read_capped(stdin_reader(source), name),
        Some(path) => {
            let meta = std::fs::metadata(path).map_err(|e| InputError::new(name, e))?;
            if meta.is_dir() {
                return Err(InputError::new(name, "is a directory"));
            }
            if meta.len() > MAX_INPUT_BYTES {
                return Err(InputError::new(
                    name,
                    format!("larger than {} MiB", MAX_INPUT_BYTES / 1024 / 1024),
                ));
            }
            let f = File::open(path).map_err(|e| InputError::new(name, e))?;
            read_capped(f, name)
        }
    }
}

/// Reads one text or HTML source into a document (JSONL sources go through [`Jobs`]).
/// Transcoding notes end up in `Document::warnings`.
pub fn read_source(source: &Source) -> Result<Document, InputError> {
    let name = source.display.as_str();
    let bytes = read_bytes(source)?;
    let mut doc = match source.format {
        Format::Html => {
            let (text, warnings) =
                crate::text::decode(&bytes).map_err(|e| InputError::new(name, e))?;
            drop(bytes);
            let (title, body) = html_to_text(&text);
            let mut doc = Document::new(source.id.clone(), body);
            doc.title = title;
            doc.warnings.extend(warnings);
            doc
        }
        Format::Text | Format::Jsonl => {
            Document::from_bytes(source.id.clone(), &bytes).map_err(|e| InputError::new(name, e))?
        }
        Format::Graph => return Err(InputError::new(name, not_an_article(Sniffed::Graph))),
    };
    if doc.text.trim().is_empty() {
        doc.warnings.push(match source.format {
            Format::Html => "empty document: the page has no article text".to_string(),
            _ => "empty document: no text".to_string(),
        });
    }
    doc.source = source.path.as_ref().map(|_| source.display.clone());
    Ok(doc)
}

/// Reads one input given on the command line (a file or `-`) as a single document.
pub fn read_one(arg: &str) -> Result<Document, InputError> {
    if arg == "-" {
        return read_source(&Source::stdin());
    }
    let path = Path::new(arg);
    let format = match Format::of(path) {
        Format::Html => Format::Html,
        _ => Format::Text,
    };
    read_source(&Source::file(
        path.to_path_buf(),
        arg.to_string(),
        file_stem(path),
        format,
    ))
}

/// A unit of work: a file to read, or a document already read (a JSONL record).
#[derive(Debug)]
pub enum Job {
    Read(Source),
    Ready(Box<Document>),
}

impl Job {
    /// Where the job's document comes from, for messages.
    pub fn name(&self) -> String {
        match self {
            Job::Read(s) => s.display.clone(),
            Job::Ready(d) => d.source.clone().unwrap_or_else(|| d.id.clone()),
        }
    }

    /// Reads the document (for [`Job::Read`]; a ready one is returned as is).
    pub fn load(self) -> Result<Document, InputError> {
        match self {
            Job::Read(s) => read_source(&s),
            Job::Ready(d) => Ok(*d),
        }
    }
}

/// Streams the jobs of a list of sources, reading JSONL files line by line as it goes,
/// so that only the documents being processed are in memory.
pub struct Jobs {
    sources: std::vec::IntoIter<Source>,
    jsonl: Option<JsonlReader>,
}

impl Jobs {
    pub fn new(sources: Vec<Source>) -> Jobs {
        Jobs {
            sources: sources.into_iter(),
            jsonl: None,
        }
    }
}

impl Iterator for Jobs {
    type Item = Result<Job, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(r) = &mut self.jsonl {
                match r.next() {
                    Some(item) => return Some(item.map(|d| Job::Ready(Box::new(d)))),
                    None => self.jsonl = None,
                }
            }
            let s = self.sources.next()?;
            if s.format != Format::Jsonl {
                return Some(Ok(Job::Read(s)));
            }
            match JsonlReader::open(&s) {
                Ok(r) => self.jsonl = Some(r),
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

/// Reads JSONL records `{"id", "title", "published", "url", "text"}`, one per line.
struct JsonlReader {
    reader: Box<dyn BufRead + Send>,
    source: Source,
    line: usize,
    done: bool,
}

impl JsonlReader {
    fn open(source: &Source) -> Result<JsonlReader, InputError> {
        let reader: Box<dyn BufRead + Send> = match &source.path {
            None => Box::new(BufReader::new(stdin_reader(source))),
            Some(p) => Box::new(BufReader::new(
                File::open(p).map_err(|e| InputError::new(&source.display, e))?,
            )),
        };
        Ok(JsonlReader {
            reader,
            source: source.clone(),
            line: 0,
            done: false,
        })
    }

    fn here(&self) -> String {
        format!("{}:{}", self.source.display, self.line)
    }
}

impl Iterator for JsonlReader {
    type Item = Result<Document, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let mut buf = Vec::new();
            let read = (&mut self.reader)
                .take(MAX_INPUT_BYTES + 1)
                .read_until(b'\n', &mut buf);
            self.line += 1;
            match read {
                Ok(0) => {
                    self.done = true;
                    return None;
                }
                Ok(_) if buf.len() as u64 > MAX_INPUT_BYTES => {
                    // the rest of the file cannot be split into lines reliably
                    self.done = true;
                    return Some(Err(InputError::new(
                        self.here(),
                        format!(
                            "line longer than {} MiB; rest of the file skipped",
                            MAX_INPUT_BYTES / 1024 / 1024
                        ),
                    )));
                }
                Ok(_) => {}
                Err(e) => {
                    self.done = true;
                    return Some(Err(InputError::new(self.here(), e)));
                }
            }
            if buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Some(parse_record(&buf, &self.source, self.line).map_err(|r| {
                InputError::new(format!("{}:{}", self.source.display, self.line), r)
            }));
        }
        None
    }
}

#[derive(serde::Deserialize)]
struct Record {
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    url: Option<String>,
    text: Option<String>,
}

fn parse_record(line: &[u8], source: &Source, n: usize) -> Result<Document, String> {
    let line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
    let r: Record = serde_json::from_slice(line).map_err(|e| format!("not a JSON record: {e}"))?;
    let text = r.text.ok_or("the record has no \"text\" string")?;
    let id = match r.id {
        Some(serde_json::Value::String(s)) if !s.trim().is_empty() => s,
        Some(serde_json::Value::Number(x)) => x.to_string(),
        None | Some(serde_json::Value::Null) => format!("{}:{n}", source.id),
        Some(other) => return Err(format!("\"id\" must be a string or number, not {other}")),
    };
    let empty = text.trim().is_empty();
    // stray control characters as in files: a few are read with a warning, NULs where
    // text has none make the record binary
    let controls = crate::text::document::check_controls(&text).map_err(
        |crate::text::DecodeError::Binary(what)| {
            format!("the record's \"text\" looks binary ({what})")
        },
    )?;
    let mut doc = Document::new(id, text);
    doc.warnings.extend(controls);
    if empty {
        doc.warnings
            .push("empty document: the record's \"text\" is empty".into());
    }
    doc.title = r.title.filter(|t| !t.trim().is_empty());
    doc.source = Some(r.url.unwrap_or_else(|| format!("{}:{n}", source.display)));
    if let Some(p) = r.published.filter(|p| !p.trim().is_empty()) {
        match Date::parse(&p) {
            Some(d) => doc.published = Some(d),
            None => doc.warnings.push(format!(
                "line {n}: \"published\" {p:?} is not a date; ignored"
            )),
        }
    }
    Ok(doc)
}

/// Elements whose content is never article text.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
    "button", "select", "textarea", "iframe", "svg", "canvas", "object", "head", "menu",
];

/// Elements that end a paragraph.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "figure",
    "figcaption",
    "br",
    "hr",
    "address",
];

/// Extracts the title and the article body of an HTML page as plain text: the title
/// (`og:title`, else `<title>`, else the first `<h1>`) on the first line, then the
/// paragraphs of `<article>` (the largest one), else `<main>`, else `<body>`, separated by
/// blank lines. Scripts, styles, navigation, headers, footers, asides and forms are dropped.
pub fn html_to_text(html: &str) -> (Option<String>, String) {
    use scraper::{ElementRef, Html, Node, Selector};
    let page = Html::parse_document(html);
    let sel = |s: &str| Selector::parse(s).ok();
    let text_of = |e: ElementRef<'_>| collapse(&e.text().collect::<String>());
    let og = sel("meta[property=\"og:title\"]").and_then(|s| {
        page.select(&s)
            .find_map(|e| e.attr("content").map(collapse))
            .filter(|t| !t.is_empty())
    });
    let first = |css: &str| {
        sel(css)
            .and_then(|s| page.select(&s).map(text_of).find(|t| !t.is_empty()))
            .filter(|t| !t.is_empty())
    };
    let title = og.or_else(|| first("title")).or_else(|| first("h1"));

    let largest = |css: &str| -> Option<ElementRef<'_>> {
        let s = sel(css)?;
        page.select(&s)
            .map(|e| (e.text().map(str::len).sum::<usize>(), e))
            // the first of equally large ones
            .fold(
                None,
                |best: Option<(usize, ElementRef<'_>)>, (n, e)| match best {
                    Some((m, _)) if m >= n => best,
                    _ => Some((n, e)),
                },
            )
            .map(|(_, e)| e)
    };
    let root = largest("article")
        .or_else(|| largest("main"))
        .or_else(|| largest("[role=\"main\"]"))
        .or_else(|| largest("body"))
        .unwrap_or_else(|| page.root_element());

    let mut paragraphs: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut skip_depth = 0usize;
    let flush = |cur: &mut String, out: &mut Vec<String>| {
        let p = collapse(cur);
        if !p.is_empty() {
            out.push(p);
        }
        cur.clear();
    };
    for edge in root.traverse() {
        let (node, open) = match edge {
            ego_tree::iter::Edge::Open(n) => (n, true),
            ego_tree::iter::Edge::Close(n) => (n, false),
        };
        match node.value() {
            Node::Element(el) => {
                let name = el.name();
                if SKIP.contains(&name) {
                    if open {
                        skip_depth += 1;
                    } else {
                        skip_depth = skip_depth.saturating_sub(1);
                    }
                } else if skip_depth == 0 && BLOCK.contains(&name) {
                    flush(&mut cur, &mut paragraphs);
                }
            }
            Node::Text(t) if open && skip_depth == 0 => cur.push_str(t),
            _ => {}
        }
    }
    flush(&mut cur, &mut paragraphs);

    let mut out = String::new();
    if let Some(t) = &title {
        out.push_str(t);
        out.push_str("\n\n");
        if paragraphs.first() == Some(t) {
            paragraphs.remove(0);
        }
    }
    for p in &paragraphs {
        out.push_str(p);
        out.push_str("\n\n");
    }
    if out.ends_with("\n\n") {
        out.pop();
    }
    (title, out)
}

/// Collapses runs of whitespace to one space and trims.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_body_is_extracted_without_boilerplate() {
        let html = r#"<!doctype html><html><head><title>Site | Ports</title>
            <meta property="og:title" content="Minister visits port">
            <script>var x = "Ignore me";</script><style>p { color: red }</style></head>
            <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
            <header>Daily Paper</header>
            <article><h1>Minister visits port</h1>
            <p>Minister Ana Ruiz met   Carlos Vela in Lisbon.</p>
            <p>"We agreed," Ruiz said &amp; left.<script>track()</script></p>
            <aside>Read more: other stories</aside></article>
            <footer>© Daily Paper</footer></body></html>"#;
        let (title, text) = html_to_text(html);
        assert_eq!(title.as_deref(), Some("Minister visits port"));
        assert_eq!(
            text,
            "Minister visits port\n\nMinister Ana Ruiz met Carlos Vela in Lisbon.\n\n\
             \"We agreed,\" Ruiz said & left.\n"
        );
    }

    #[test]
    fn jsonl_records_and_bad_lines() {
        let src = Source {
            display: "feed.jsonl".into(),
            id: "feed".into(),
            format: Format::Jsonl,
            ..Source::stdin()
        };
        let d = parse_record(
            br#"{"id": "a1", "title": "T", "published": "2024-05-01", "url": "https://x.example/a1", "text": "Hello."}"#,
            &src,
            1,
        )
        .unwrap();
        assert_eq!(d.id, "a1");
        assert_eq!(
            d.published.map(|d| d.to_string()).as_deref(),
            Some("2024-05-01")
        );
        assert_eq!(d.text, "Hello.");
        assert_eq!(
            parse_record(br#"{"text": "x"}"#, &src, 7).unwrap().id,
            "feed:7"
        );
        assert!(parse_record(b"{not json", &src, 2).is_err());
        assert!(parse_record(br#"{"id": "x"}"#, &src, 3).is_err());
    }

    #[test]
    fn inputs_are_recognized_by_their_beginning() {
        let cases: &[(&[u8], Sniffed)] = &[
            (b"<!DOCTYPE html>\n<html><body>x", Sniffed::Html),
            (b"\n  <html lang=\"en\">", Sniffed::Html),
            (b"<p>Minister Ana Ruiz met Carlos Vela.</p>", Sniffed::Html),
            (b"<!-- saved page -->", Sniffed::Html),
            (b"<Editor's note> Talks resumed.", Sniffed::Text),
            (
                b"Talks End\n\nMinister Ana Ruiz met Carlos Vela.",
                Sniffed::Text,
            ),
            (
                b"\xEF\xBB\xBF{\"id\": \"a\", \"text\": \"x\"}\n",
                Sniffed::Jsonl,
            ),
            (b"{\"text\": \"x\"}", Sniffed::Jsonl),
            (b"{\n  \"schema\": \"newsgraph/1\",\n", Sniffed::Graph),
            (
                b"{\"schema\":\"newsgraph/1\",\"nodes\":[]}\n",
                Sniffed::Graph,
            ),
            (b"{\n  \"name\": \"package\",\n", Sniffed::Json),
            (b"[{\"text\": \"x\"}]", Sniffed::Json),
            (b"{\"nodes\": [1, 2", Sniffed::Json),
            (b"", Sniffed::Text),
        ];
        for (head, want) in cases {
            assert_eq!(sniff(head), *want, "{}", String::from_utf8_lossy(head));
        }
        // a JSONL line longer than what is looked at is still a record
        let mut long = b"{\"text\": \"".to_vec();
        long.resize(SNIFF_BYTES, b'a');
        assert_eq!(sniff(&long), Sniffed::Jsonl);
    }

    #[test]
    fn the_head_reaches_the_schema_line_of_pretty_json() {
        let text = b"{\n  \"schema\": \"newsgraph/1\",\n  \"documents\": []\n}\n";
        let head = read_head(&mut &text[..]).unwrap();
        assert_eq!(head, b"{\n  \"schema\": \"newsgraph/1\",\n");
        let head = read_head(&mut &b"Title\n\nBody\n"[..]).unwrap();
        assert_eq!(head, b"Title\n");
    }

    #[test]
    fn skipped_files_are_summed_up_in_one_line() {
        let mut s = Skipped::default();
        assert_eq!(s.summary(), None);
        s.kinds.insert("*.png".into(), 1);
        s.kinds.insert("*.pdf".into(), 2);
        assert_eq!(
            s.summary().as_deref(),
            Some("skipped 3 files: 3 not articles (2 *.pdf, 1 *.png)")
        );
        s.repeated = 1;
        s.kinds.clear();
        assert_eq!(
            s.summary().as_deref(),
            Some("skipped 1 file: 1 reached twice (used once)")
        );
    }

    #[test]
    fn a_file_reached_twice_is_used_once() {
        let dir = std::env::temp_dir().join(format!("newsgraph-input-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("sub/a.txt"), "Ana Ruiz met Carlos Vela.").unwrap();
        std::fs::write(dir.join("sub/scan.pdf"), "%PDF-1.4").unwrap();
        std::fs::write(dir.join("sub/.hidden.png"), "x").unwrap();
        let sub = dir.join("sub");
        let file = dir.join("sub/../sub/a.txt");
        let args = [sub.to_str().unwrap(), file.to_str().unwrap()];
        let d = discover(&args);
        assert_eq!(d.sources.len(), 1);
        assert_eq!(d.sources[0].id, "a.txt");
        assert!(d.errors.is_empty(), "{:?}", d.errors);
        assert_eq!(d.skipped.repeated, 1);
        assert_eq!(d.skipped.kinds, BTreeMap::from([("*.pdf".to_string(), 1)]));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn formats_by_extension() {
        assert_eq!(Format::of(Path::new("a/b.HTML")), Format::Html);
        assert_eq!(Format::of(Path::new("a/b.jsonl")), Format::Jsonl);
        assert_eq!(Format::of(Path::new("a/b.md")), Format::Text);
        assert_eq!(id_of_relative(Path::new("x/y/z.txt")), "x/y/z.txt");
    }
}
