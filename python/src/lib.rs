//! `newsgraph._native`: the compiled part of the Python package `newsgraph`.
//!
//! Thin bindings over the pure-Rust library: every function checks its Python arguments
//! (`TypeError` for a wrong type, `ValueError` for a bad value, both naming the argument),
//! copies them into Rust values, releases the GIL while it extracts, merges or exports,
//! and hands graphs back as the graph JSON contract (`newsgraph/1`) parsed by Python's
//! `json` module — the same objects `json.loads` gives for the CLI's output. Graphs come
//! in the same way: `json.dumps` of the dict, read by the library's graph JSON reader.

use std::collections::{BTreeMap, HashSet};

use newsgraph::Date;
use newsgraph::corpus::input::{InputError, Job};
use newsgraph::corpus::{self, Event};
use newsgraph::formats::{self as export, ExportOptions, Exporter, json::Json};
use newsgraph::{Config, Document, Graph, Pipeline};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyInt, PyString};

/// The most threads `jobs` may ask for.
const MAX_JOBS: i64 = 1024;

/// The id of a document extracted by `extract` without an `id`.
const DEFAULT_ID: &str = "document";

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".into())
}

fn type_error(what: &str, expected: &str, obj: &Bound<'_, PyAny>) -> PyErr {
    PyTypeError::new_err(format!("{what} must be {expected}, not {}", type_name(obj)))
}

/// A document id: a non-blank string, or an integer (as JSONL records may have).
fn doc_id(what: &str, obj: &Bound<'_, PyAny>) -> PyResult<String> {
    if obj.is_instance_of::<PyString>() {
        let s: String = obj.extract()?;
        if s.trim().is_empty() {
            return Err(PyValueError::new_err(format!("{what} must not be blank")));
        }
        return Ok(s);
    }
    if obj.is_instance_of::<PyInt>() && !obj.is_instance_of::<PyBool>() {
        return Ok(obj.str()?.to_string());
    }
    Err(type_error(what, "a str or an int", obj))
}

/// A publication date: `YYYY-MM-DD` (or an RFC 3339 timestamp), a `datetime.date`, or None.
fn published(py: Python<'_>, what: &str, obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Date>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(None);
    };
    let text: String = if obj.is_instance_of::<PyString>() {
        obj.extract()?
    } else if obj.is_instance(&py.import("datetime")?.getattr("date")?)? {
        obj.call_method0("isoformat")?.extract()?
    } else {
        return Err(type_error(what, "a str, a datetime.date or None", obj));
    };
    if text.trim().is_empty() {
        return Ok(None);
    }
    Date::parse(&text).map(Some).ok_or_else(|| {
        PyValueError::new_err(format!(
            "{what} {text:?} is not a date of the form YYYY-MM-DD"
        ))
    })
}

/// Article text: a str, kept byte for byte, or bytes, decoded as the CLI decodes a file
/// (UTF-8 as is; other encodings transcoded with a warning; binary data refused).
fn document(what: &str, id: String, obj: &Bound<'_, PyAny>) -> PyResult<Document> {
    if obj.is_instance_of::<PyString>() {
        let text: String = obj.extract()?;
        return Ok(Document::new(id, text));
    }
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Document::from_bytes(id, b.as_bytes())
            .map_err(|e| PyValueError::new_err(format!("{what} cannot be read: {e}")));
    }
    Err(type_error(what, "a str or bytes", obj))
}

// Keyword arguments are taken as Python objects and checked here, not converted by PyO3,
// so that every error names its argument on every Python version (PyO3 names it only in an
// exception note, which Python < 3.11 lacks). None stands for the default.

fn min_confidence(obj: Option<&Bound<'_, PyAny>>) -> PyResult<f32> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(0.0);
    };
    let x: f64 = if obj.is_instance_of::<PyBool>() {
        return Err(type_error("min_confidence", "a number from 0 to 1", obj));
    } else {
        obj.extract()
            .map_err(|_| type_error("min_confidence", "a number from 0 to 1", obj))?
    };
    if x.is_finite() && (0.0..=1.0).contains(&x) {
        Ok(x as f32)
    } else {
        Err(PyValueError::new_err(format!(
            "min_confidence must be a number from 0 to 1, not {x}"
        )))
    }
}

fn flag(name: &str, obj: Option<&Bound<'_, PyAny>>, default: bool) -> PyResult<bool> {
    match obj.filter(|o| !o.is_none()) {
        None => Ok(default),
        Some(o) if o.is_instance_of::<PyBool>() => o.extract(),
        Some(o) => Err(type_error(name, "True or False", o)),
    }
}

fn opt_string(name: &str, obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<String>> {
    match obj.filter(|o| !o.is_none()) {
        None => Ok(None),
        Some(o) if o.is_instance_of::<PyString>() => Ok(Some(o.extract()?)),
        Some(o) => Err(type_error(name, "a str or None", o)),
    }
}

fn threads(jobs: Option<&Bound<'_, PyAny>>) -> PyResult<usize> {
    let Some(jobs) = jobs.filter(|j| !j.is_none()) else {
        return Ok(std::thread::available_parallelism().map_or(1, |n| n.get()));
    };
    if !jobs.is_instance_of::<PyInt>() || jobs.is_instance_of::<PyBool>() {
        return Err(type_error("jobs", "an int or None", jobs));
    }
    match jobs.extract::<i64>() {
        Ok(n) if (1..=MAX_JOBS).contains(&n) => Ok(n as usize),
        _ => Err(PyValueError::new_err(format!(
            "jobs must be from 1 to {MAX_JOBS}, not {}",
            jobs.str()?
        ))),
    }
}

fn export_options(
    base_iri: Option<&Bound<'_, PyAny>>,
    statements: bool,
) -> PyResult<ExportOptions> {
    let mut opts = ExportOptions::default();
    if let Some(b) = opt_string("base_iri", base_iri)? {
        opts.base_iri = b;
    }
    opts.statements = statements;
    opts.check().map_err(PyValueError::new_err)?;
    Ok(opts)
}

/// Graph JSON bytes → Python objects, by Python's own `json` module (so a graph from
/// here is exactly what `json.loads` gives for the CLI's output).
fn to_python<'py>(py: Python<'py>, bytes: &[u8]) -> PyResult<Bound<'py, PyAny>> {
    py.import("json")?
        .call_method1("loads", (PyBytes::new(py, bytes),))
}

/// A graph given as Python objects → graph JSON text (not yet read: reading happens
/// without the GIL).
fn graph_json(py: Python<'_>, what: &str, obj: &Bound<'_, PyAny>) -> PyResult<String> {
    if !obj.is_instance_of::<PyDict>() {
        return Err(type_error(
            what,
            "a graph as a dict (the graph JSON contract, as extract() returns it)",
            obj,
        ));
    }
    let kwargs = PyDict::new(py);
    kwargs.set_item("allow_nan", false)?;
    let dumps = py.import("json")?.getattr("dumps")?;
    let text = dumps.call((obj,), Some(&kwargs)).map_err(|e| {
        let kind = if e.is_instance_of::<PyTypeError>(py) {
            PyTypeError::new_err
        } else {
            PyValueError::new_err
        };
        kind(format!("{what} is not JSON data: {}", e.value(py)))
    })?;
    text.extract()
}

fn read_graph(what: &str, text: &str) -> Result<Graph, String> {
    export::json::read(text.as_bytes()).map_err(|e| format!("{what}: {e}"))
}

fn export_json(g: &Graph) -> Vec<u8> {
    Json.export(g, &ExportOptions::default())
}

fn warn(py: Python<'_>, warnings: &[String]) -> PyResult<()> {
    if warnings.is_empty() {
        return Ok(());
    }
    let warn = py.import("warnings")?.getattr("warn")?;
    for w in warnings {
        warn.call1((w.as_str(),))?;
    }
    Ok(())
}

/// Extracts the knowledge graph of one article.
///
/// text: the article, headline on the first line, then paragraphs. A ``str`` is used as
///     is; ``bytes`` are decoded as the CLI decodes a file (UTF-8 byte for byte, other
///     encodings transcoded with a warning, binary data refused with ValueError).
///     Evidence offsets (``start``, ``end``) are byte offsets into the UTF-8 text.
/// id: the document id (a non-blank str, or an int); ``"document"`` when None. Statement
///     and meeting node ids are built from it, so give distinct ids to articles whose
///     graphs will be merged.
/// published: the publication date (``"YYYY-MM-DD"`` or a ``datetime.date``), used to
///     normalize "on Tuesday" in meetings.
/// min_confidence: stance edges below it (0 to 1) are dropped.
///
/// Returns the graph as the graph JSON contract (``newsgraph/1``): a dict with
/// ``schema``, ``documents``, ``nodes`` and ``edges``, equal to ``json.loads`` of
/// ``newsgraph extract --id ID FILE``. The GIL is released while extracting, so threads
/// extract in parallel. Raises TypeError or ValueError for bad arguments.
#[pyfunction]
#[pyo3(
    signature = (text, *, id=None, published=None, min_confidence=None),
    text_signature = "(text, *, id=None, published=None, min_confidence=0.0)"
)]
fn extract<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyAny>,
    id: Option<&Bound<'py, PyAny>>,
    published: Option<&Bound<'py, PyAny>>,
    min_confidence: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let id = match id.filter(|i| !i.is_none()) {
        Some(i) => doc_id("id", i)?,
        None => DEFAULT_ID.to_string(),
    };
    let mut doc = document("text", id, text)?;
    doc.published = self::published(py, "published", published)?;
    let config = Config {
        min_confidence: self::min_confidence(min_confidence)?,
        ..Config::default()
    };
    let warnings = std::mem::take(&mut doc.warnings);
    let bytes = py.detach(move || export_json(&Pipeline::new(config).extract(&doc)));
    warn(py, &warnings)?;
    to_python(py, &bytes)
}

/// Reads one record of `extract_many`.
fn record(py: Python<'_>, i: usize, obj: &Bound<'_, PyAny>) -> PyResult<Document> {
    let what = format!("records[{i}]");
    let rec = obj
        .cast::<PyDict>()
        .map_err(|_| type_error(&what, "a dict {id, text, title?, published?, url?}", obj))?;
    let field = |k: &str| -> PyResult<Option<Bound<'_, PyAny>>> {
        Ok(rec.get_item(k)?.filter(|v| !v.is_none()))
    };
    let id = match field("id")? {
        Some(v) => doc_id(&format!("{what}[\"id\"]"), &v)?,
        None => return Err(PyValueError::new_err(format!("{what} has no \"id\""))),
    };
    let mut doc = match field("text")? {
        Some(v) => document(&format!("{what}[\"text\"]"), id, &v)?,
        None => return Err(PyValueError::new_err(format!("{what} has no \"text\""))),
    };
    let opt_str = |k: &str| -> PyResult<Option<String>> {
        match field(k)? {
            None => Ok(None),
            Some(v) if v.is_instance_of::<PyString>() => Ok(Some(v.extract()?)),
            Some(v) => Err(type_error(&format!("{what}[\"{k}\"]"), "a str or None", &v)),
        }
    };
    doc.title = opt_str("title")?.filter(|t| !t.trim().is_empty());
    doc.source = opt_str("url")?;
    doc.published = published(
        py,
        &format!("{what}[\"published\"]"),
        field("published")?.as_ref(),
    )?;
    Ok(doc)
}

/// Extracts many articles into one merged graph, as ``newsgraph extract`` does for a
/// folder or a JSONL file.
///
/// records: an iterable of dicts ``{"id", "text", "title"?, "published"?, "url"?}`` (the
///     JSONL fields): ``id`` a non-blank str or an int, unique; ``text`` a str or bytes
///     (see ``extract``); ``title`` replaces the headline as the document's title;
///     ``published`` is ``"YYYY-MM-DD"`` or a ``datetime.date``; ``url`` becomes the
///     document's ``source``.
/// jobs: threads extracting in parallel (1 to 1024); all cores when None. The result is
///     the same for any number.
/// min_confidence: stance edges below it (0 to 1) are dropped.
/// resolve: join actors across documents (a surname with the one full name that ends
///     with it, an acronym with the organization it stands for), as the CLI does when it
///     reads more than one document. Pass False for the graph of one partition of a
///     corpus that will be merged with others: resolution needs the whole corpus and is
///     done once, by ``merge`` (see the README, "Corpora larger than one machine").
///
/// Returns the merged graph (graph JSON contract). Merging does not depend on the order
/// of the records: the same records in any order give the same graph. No records give an
/// empty graph. The GIL is released while extracting. Raises TypeError or ValueError for
/// bad arguments (naming the record), before anything is extracted.
#[pyfunction]
#[pyo3(
    signature = (records, *, jobs=None, min_confidence=None, resolve=None),
    text_signature = "(records, *, jobs=None, min_confidence=0.0, resolve=True)"
)]
fn extract_many<'py>(
    py: Python<'py>,
    records: &Bound<'py, PyAny>,
    jobs: Option<&Bound<'py, PyAny>>,
    min_confidence: Option<&Bound<'py, PyAny>>,
    resolve: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let resolve = flag("resolve", resolve, true)?;
    if records.is_instance_of::<PyDict>()
        || records.is_instance_of::<PyString>()
        || records.is_instance_of::<PyBytes>()
    {
        return Err(type_error(
            "records",
            "an iterable of dicts (one per article)",
            records,
        ));
    }
    let iter = records
        .try_iter()
        .map_err(|_| type_error("records", "an iterable of dicts (one per article)", records))?;
    let mut docs = Vec::new();
    let mut ids: HashSet<String> = HashSet::new();
    for (i, r) in iter.enumerate() {
        let doc = record(py, i, &r?)?;
        if !ids.insert(doc.id.clone()) {
            return Err(PyValueError::new_err(format!(
                "records[{i}]: document id {:?} is used by an earlier record",
                doc.id
            )));
        }
        docs.push(doc);
    }
    let threads = threads(jobs)?;
    let config = Config {
        min_confidence: self::min_confidence(min_confidence)?,
        ..Config::default()
    };
    let result = py.detach(move || -> Result<(Vec<u8>, Vec<String>), String> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .map_err(|e| format!("cannot start {threads} threads: {e}"))?;
        let pipeline = Pipeline::new(config);
        let mut warnings = Vec::new();
        let mut failures = Vec::new();
        let jobs = docs
            .into_iter()
            .map(|d| Ok::<Job, InputError>(Job::Ready(Box::new(d))));
        // the CLI's batch size: bounded memory, the same result for any number of threads
        let batch = (threads * 8).max(16);
        let (mut graph, summary) = pool.install(|| {
            corpus::extract_all(jobs, &pipeline, None, batch, |ev| match ev {
                Event::Warning(w) => warnings.push(w.to_string()),
                Event::Failure(e) => failures.push(e.to_string()),
                Event::Document { .. } => {}
            })
        });
        if let Some(f) = failures.first() {
            // cannot happen: records are checked above
            return Err(f.clone());
        }
        if resolve && summary.documents > 1 {
            corpus::resolve_across(&mut graph);
        }
        Ok((export_json(&graph), warnings))
    });
    let (bytes, warnings) = result.map_err(PyValueError::new_err)?;
    warn(py, &warnings)?;
    to_python(py, &bytes)
}

/// Reads the graphs of an iterable (not one graph).
fn graph_texts(py: Python<'_>, graphs: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    if graphs.is_instance_of::<PyDict>() {
        return Err(PyTypeError::new_err(
            "graphs must be an iterable of graphs, not one graph: merge([g]) for one",
        ));
    }
    if graphs.is_instance_of::<PyString>() || graphs.is_instance_of::<PyBytes>() {
        return Err(type_error(
            "graphs",
            "an iterable of graphs (dicts)",
            graphs,
        ));
    }
    let iter = graphs
        .try_iter()
        .map_err(|_| type_error("graphs", "an iterable of graphs (dicts)", graphs))?;
    let mut out = Vec::new();
    for (i, g) in iter.enumerate() {
        out.push(graph_json(py, &format!("graphs[{i}]"), &g?)?);
    }
    Ok(out)
}

/// Merges graphs made earlier (by ``extract``, ``extract_many`` or the CLI), as
/// ``newsgraph merge`` does: nodes with the same id become one node, edges likewise,
/// then actors are joined across documents.
///
/// graphs: an iterable of graphs (dicts of the graph JSON contract).
/// resolve: join actors across documents after merging (as ``newsgraph merge`` does).
///     In a tree reduction over the partitions of a corpus, merge with resolve=False at
///     every inner step and resolve once at the end: resolution is not associative
///     (whether "Hale" joins "Maria Hale" depends on every other Hale in the corpus).
///
/// The order of the graphs does not matter: where two graphs give a node different
/// names (or an edge different cues), the one from the document with the smallest id
/// wins, so any order and any grouping of the same documents give the same graph —
/// the graph ``newsgraph extract`` gives for all of them. The GIL is released while
/// merging. Raises TypeError for what is not a list of dicts and ValueError for a dict
/// that is not graph JSON (naming which one).
#[pyfunction]
#[pyo3(
    signature = (graphs, *, resolve=None),
    text_signature = "(graphs, *, resolve=True)"
)]
fn merge<'py>(
    py: Python<'py>,
    graphs: &Bound<'py, PyAny>,
    resolve: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let resolve = flag("resolve", resolve, true)?;
    let texts = graph_texts(py, graphs)?;
    let bytes = py
        .detach(move || -> Result<Vec<u8>, String> {
            let mut all = Graph::new();
            for (i, t) in texts.iter().enumerate() {
                all.merge(&read_graph(&format!("graphs[{i}]"), t)?);
            }
            if resolve {
                corpus::resolve_across(&mut all);
            }
            Ok(export_json(&all))
        })
        .map_err(PyValueError::new_err)?;
    to_python(py, &bytes)
}

/// Writes a graph in another format, as ``newsgraph extract --format FORMAT`` does.
///
/// graph: a graph (dict of the graph JSON contract).
/// format: one of ``FORMATS``: "json", "jsonld", "dot", "turtle", "nquads" (one named
///     graph per document), "cypher", "graphml", "html".
/// base_iri: base of node IRIs in the RDF formats (an absolute IRI).
/// statements: include statement nodes in the DOT diagram.
///
/// Returns the text. Raises ValueError for an unknown format, a bad IRI or a dict that
/// is not graph JSON, TypeError for arguments of the wrong type.
#[pyfunction]
#[pyo3(
    signature = (graph, format, *, base_iri=None, statements=None),
    text_signature = "(graph, format, *, base_iri=None, statements=False)"
)]
fn to_format(
    py: Python<'_>,
    graph: &Bound<'_, PyAny>,
    format: &Bound<'_, PyAny>,
    base_iri: Option<&Bound<'_, PyAny>>,
    statements: Option<&Bound<'_, PyAny>>,
) -> PyResult<String> {
    let statements = flag("statements", statements, false)?;
    if !format.is_instance_of::<PyString>() {
        return Err(type_error("format", "a str", format));
    }
    let format: String = format.extract()?;
    if export::exporter(&format).is_none() {
        return Err(PyValueError::new_err(format!(
            "unknown format {format:?}; known formats: {}",
            export::FORMATS.join(", ")
        )));
    }
    let opts = export_options(base_iri, statements)?;
    let text = graph_json(py, "graph", graph)?;
    let bytes = py
        .detach(move || {
            let g = read_graph("graph", &text)?;
            // the exporter is made here: it need not be Send
            let ex = export::exporter(&format).ok_or("unknown format")?;
            Ok::<_, String>(ex.export(&g, &opts))
        })
        .map_err(PyValueError::new_err)?;
    String::from_utf8(bytes).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// The joins that cross-document resolution would make in a merged, unresolved graph:
/// a dict from the id of each node that would be joined to the id of the node it joins
/// (``{"person/hale": "person/maria-hale"}``). ``merge`` applies them; a graph store
/// loaded with per-partition N-Quads gets them as ``owl:sameAs`` links (see
/// examples/distributed_corpus.py).
#[pyfunction]
fn joins(py: Python<'_>, graph: &Bound<'_, PyAny>) -> PyResult<BTreeMap<String, String>> {
    let text = graph_json(py, "graph", graph)?;
    py.detach(move || read_graph("graph", &text).map(|g| corpus::plan_across(&g)))
        .map_err(PyValueError::new_err)
}

/// The IRI that the RDF formats (JSON-LD, Turtle, N-Quads) give the node ``id``: the base
/// IRI followed by the id, percent-encoded.
#[pyfunction]
#[pyo3(signature = (id, *, base_iri=None))]
fn node_iri(id: &Bound<'_, PyAny>, base_iri: Option<&Bound<'_, PyAny>>) -> PyResult<String> {
    if !id.is_instance_of::<PyString>() {
        return Err(type_error("id", "a str", id));
    }
    let id: String = id.extract()?;
    let opts = export_options(base_iri, false)?;
    Ok(export::node_iri(&opts.base_iri, &id))
}

/// The IRI that the RDF formats give the document ``id``; in N-Quads, also the name of
/// the graph that holds the document's facts (a store can drop and reload one article).
#[pyfunction]
#[pyo3(signature = (id, *, base_iri=None))]
fn document_iri(id: &Bound<'_, PyAny>, base_iri: Option<&Bound<'_, PyAny>>) -> PyResult<String> {
    if !id.is_instance_of::<PyString>() {
        return Err(type_error("id", "a str", id));
    }
    let id: String = id.extract()?;
    let opts = export_options(base_iri, false)?;
    Ok(export::document_iri(&opts.base_iri, &id))
}

/// Raises TypeError or ValueError unless ``graph`` is graph JSON (used by to_networkx).
#[pyfunction]
fn _check(py: Python<'_>, graph: &Bound<'_, PyAny>) -> PyResult<()> {
    let text = graph_json(py, "graph", graph)?;
    py.detach(move || read_graph("graph", &text).map(|_| ()))
        .map_err(PyValueError::new_err)
}

/// The compiled part of the `newsgraph` package.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(extract_many, m)?)?;
    m.add_function(wrap_pyfunction!(merge, m)?)?;
    m.add_function(wrap_pyfunction!(to_format, m)?)?;
    m.add_function(wrap_pyfunction!(joins, m)?)?;
    m.add_function(wrap_pyfunction!(node_iri, m)?)?;
    m.add_function(wrap_pyfunction!(document_iri, m)?)?;
    m.add_function(wrap_pyfunction!(_check, m)?)?;
    m.add(
        "FORMATS",
        pyo3::types::PyTuple::new(m.py(), export::FORMATS)?,
    )?;
    m.add("SCHEMA", export::json::SCHEMA)?;
    m.add("DEFAULT_BASE_IRI", export::DEFAULT_BASE_IRI)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
