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

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use crate::text::{Date, Document};

/// Largest input read (a file, a JSONL line, standard input), to keep memory bounded.
pub const MAX_INPUT_BYTES: u64 = 256 * 1024 * 1024;

/// File extensions read when walking a directory.
pub const EXTENSIONS: &[&str] = &["txt", "md", "html", "htm", "jsonl"];

/// How a source is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Plain text or Markdown: spans are bytes of the file.
    Text,
    /// An HTML page: the article body is extracted first.
    Html,
    /// One JSON document per line.
    Jsonl,
}

impl Format {
    /// The format of a path by its extension (anything unknown is text).
    pub fn of(path: &Path) -> Format {
        match path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .as_deref()
        {
            Some("html" | "htm") => Format::Html,
            Some("jsonl") => Format::Jsonl,
            _ => Format::Text,
        }
    }
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
}

impl Source {
    /// Standard input, read as one text document with id `stdin`.
    pub fn stdin() -> Source {
        Source {
            path: None,
            display: "standard input".into(),
            id: "stdin".into(),
            format: Format::Text,
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

/// What [`discover`] found.
#[derive(Debug, Default)]
pub struct Discovery {
    /// In argument order; files under a directory in path order.
    pub sources: Vec<Source>,
    /// Paths that do not exist, dangling links, empty directories, patterns matching nothing.
    pub errors: Vec<InputError>,
    /// Things skipped on purpose (symbolic link loops), for the user to see.
    pub warnings: Vec<String>,
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
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .is_some_and(|e| EXTENSIONS.contains(&e.as_str()))
}

/// Expands command-line inputs into sources. Never fails as a whole: each input that
/// cannot be used becomes an entry of [`Discovery::errors`].
pub fn discover<S: AsRef<str>>(args: &[S]) -> Discovery {
    let mut d = Discovery::default();
    // ids given as file stems, which may collide between arguments
    let mut stem_ids: BTreeSet<usize> = BTreeSet::new();
    for arg in args {
        let arg = arg.as_ref();
        if arg == "-" {
            d.sources.push(Source::stdin());
            continue;
        }
        let path = Path::new(arg);
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, path, &mut d),
            Ok(_) => {
                stem_ids.insert(d.sources.len());
                d.sources.push(Source {
                    path: Some(path.to_path_buf()),
                    display: arg.to_string(),
                    id: file_stem(path),
                    format: Format::of(path),
                });
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound && has_glob_chars(arg) => {
                expand_glob(arg, &mut d)
            }
            Err(e) => {
                let reason = if path.is_symlink() {
                    format!("dangling symbolic link ({e})")
                } else {
                    e.to_string()
                };
                d.errors.push(InputError::new(arg, reason));
            }
        }
    }
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

/// Walks a directory (following symbolic links, with loop detection) for article files.
fn walk(root: &Path, display_root: &Path, d: &mut Discovery) {
    let before = d.sources.len();
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        // hidden files and folders (.git, editor files) are not articles
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        match entry {
            Ok(e) => {
                if e.file_type().is_dir() || !is_article_file(e.path()) {
                    continue;
                }
                let rel = e.path().strip_prefix(root).unwrap_or(e.path());
                let display = display_root.join(rel);
                d.sources.push(Source {
                    path: Some(e.path().to_path_buf()),
                    display: display.to_string_lossy().into_owned(),
                    id: id_of_relative(rel),
                    format: Format::of(e.path()),
                });
            }
            Err(err) => {
                let path = err
                    .path()
                    .map(|p| p.to_string_lossy().into_owned())
                    .unwrap_or_else(|| root.to_string_lossy().into_owned());
                if let Some(anc) = err.loop_ancestor() {
                    d.warnings.push(format!(
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
                d.errors.push(InputError::new(path, reason));
            }
        }
    }
    if d.sources.len() == before {
        d.errors.push(InputError::new(
            display_root.to_string_lossy(),
            format!(
                "no article files (*.{}) in this directory",
                EXTENSIONS.join(", *.")
            ),
        ));
    }
}

/// Expands a quoted glob pattern; ids are paths relative to the pattern's literal prefix.
fn expand_glob(pattern: &str, d: &mut Discovery) {
    let paths = match glob::glob(pattern) {
        Ok(p) => p,
        Err(e) => {
            d.errors
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
            Err(e) => d
                .errors
                .push(InputError::new(e.path().to_string_lossy(), e.error())),
        }
    }
    matched.sort();
    if matched.is_empty() {
        d.errors
            .push(InputError::new(pattern, "no file matches this pattern"));
    }
    for p in matched {
        if p.is_dir() {
            walk(&p, &p, d);
            continue;
        }
        let rel = p.strip_prefix(&root).unwrap_or(&p).to_path_buf();
        d.sources.push(Source {
            display: p.to_string_lossy().into_owned(),
            id: id_of_relative(&rel),
            format: Format::of(&p),
            path: Some(p),
        });
    }
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

/// Reads the bytes of a source (file or standard input).
fn read_bytes(source: &Source) -> Result<Vec<u8>, InputError> {
    let name = source.display.as_str();
    match &source.path {
        None => read_capped(io::stdin().lock(), name),
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
            let (text, warning) =
                crate::text::decode(&bytes).map_err(|e| InputError::new(name, e))?;
            drop(bytes);
            let (title, body) = html_to_text(&text);
            let mut doc = Document::new(source.id.clone(), body);
            doc.title = title;
            doc.warnings.extend(warning);
            doc
        }
        Format::Text | Format::Jsonl => {
            Document::from_bytes(source.id.clone(), &bytes).map_err(|e| InputError::new(name, e))?
        }
    };
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
    read_source(&Source {
        path: Some(path.to_path_buf()),
        display: arg.to_string(),
        id: file_stem(path),
        format,
    })
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
            None => Box::new(BufReader::new(io::stdin())),
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
    let mut doc = Document::new(id, text);
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
            path: None,
            display: "feed.jsonl".into(),
            id: "feed".into(),
            format: Format::Jsonl,
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
    fn formats_by_extension() {
        assert_eq!(Format::of(Path::new("a/b.HTML")), Format::Html);
        assert_eq!(Format::of(Path::new("a/b.jsonl")), Format::Jsonl);
        assert_eq!(Format::of(Path::new("a/b.md")), Format::Text);
        assert_eq!(id_of_relative(Path::new("x/y/z.txt")), "x/y/z.txt");
    }
}
