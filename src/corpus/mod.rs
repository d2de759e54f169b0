//! Corpora: many documents into one graph, in parallel and in bounded memory.
//!
//! [`extract_all`] takes a stream of [`Job`]s (see [`crate::corpus::input`]), extracts the
//! graph of each document on the current rayon thread pool, a batch at a time, and
//! merges the graphs in job order — so the result is the same whatever the number of
//! threads, and only a batch of documents is in memory at once (texts are dropped as
//! soon as their graph is built).
//!
//! [`resolve_across`] (in [`crate::graph::resolve`], re-exported here) then joins the
//! actors that the per-document ids keep apart.

pub mod input;

pub use crate::graph::resolve::{plan_across, resolve_across};

use std::collections::HashMap;

use rayon::prelude::*;

use crate::corpus::input::{InputError, Job};
use crate::graph::Graph;
use crate::pipeline::Pipeline;
use crate::text::Date;

/// What happened to one job, reported in job order.
#[derive(Debug)]
pub enum Event<'a> {
    /// A document was extracted and merged: its id and text (the text is dropped after
    /// the event, so a caller keeps what it needs, e.g. for the HTML explorer).
    Document { id: &'a str, text: &'a str },
    /// A warning about a document that was still used (`path: what`).
    Warning(&'a str),
    /// An input that could not be used.
    Failure(&'a InputError),
}

/// Counts of an [`extract_all`] run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Documents extracted and merged.
    pub documents: usize,
    /// Inputs (files, records) that failed.
    pub failures: usize,
}

type Extracted = Result<(Graph, Vec<String>, String), InputError>;

/// Extracts every job's document with `pipeline` and merges the graphs in job order.
/// Runs on the current rayon pool (`ThreadPool::install` chooses the number of threads),
/// `batch` documents at a time; extraction of one batch overlaps with merging the
/// previous one. Documents without a publication date get `published`. A document
/// whose id was already merged is refused (its statement ids would collide).
pub fn extract_all<I>(
    jobs: I,
    pipeline: &Pipeline,
    published: Option<Date>,
    batch: usize,
    mut on_event: impl FnMut(Event<'_>) + Send,
) -> (Graph, Summary)
where
    I: Iterator<Item = Result<Job, InputError>>,
{
    let mut jobs = jobs;
    let batch = batch.max(1);
    let mut graph = Graph::new();
    let mut summary = Summary::default();
    let mut seen: HashMap<String, String> = HashMap::new();
    let mut pending: Option<Vec<(String, Extracted)>> = None;
    let extract_one = |job: Result<Job, InputError>| -> (String, Extracted) {
        let job = match job {
            Ok(j) => j,
            Err(e) => return (e.path.clone(), Err(e)),
        };
        let name = job.name();
        let res = job.load().map(|mut doc| {
            if doc.published.is_none() {
                doc.published = published;
            }
            let g = pipeline.extract(&doc);
            let warnings = std::mem::take(&mut doc.warnings)
                .into_iter()
                .map(|w| format!("{name}: {w}"))
                .collect();
            (g, warnings, doc.text)
        });
        (name, res)
    };
    let mut merge = |results: Vec<(String, Extracted)>| {
        for (name, r) in results {
            match r {
                Ok((g, warnings, text)) => {
                    let id = g
                        .documents
                        .first()
                        .map(|d| d.id.clone())
                        .unwrap_or_default();
                    if let Some(first) = seen.get(&id) {
                        let e = InputError::new(
                            name,
                            format!("document id {id:?} was already used by {first}; skipped"),
                        );
                        summary.failures += 1;
                        on_event(Event::Failure(&e));
                        continue;
                    }
                    for w in &warnings {
                        on_event(Event::Warning(w));
                    }
                    graph.merge(&g);
                    summary.documents += 1;
                    on_event(Event::Document {
                        id: &id,
                        text: &text,
                    });
                    seen.insert(id, name);
                }
                Err(e) => {
                    summary.failures += 1;
                    on_event(Event::Failure(&e));
                }
            }
        }
    };
    loop {
        let next: Vec<Result<Job, InputError>> = jobs.by_ref().take(batch).collect();
        if next.is_empty() {
            if let Some(p) = pending.take() {
                merge(p);
            }
            break;
        }
        let previous = pending.take();
        let (done, ()) = rayon::join(
            || next.into_par_iter().map(extract_one).collect::<Vec<_>>(),
            || {
                if let Some(p) = previous {
                    merge(p)
                }
            },
        );
        pending = Some(done);
    }
    (graph, summary)
}
