//! `newsgraph parse`: the syntax layer as CoNLL-U.
//!
//! Articles (raw text, HTML, folders, JSONL, as for `extract`) are segmented, tagged,
//! parsed and lemmatized; each document opens with `# newdoc id = ID`, each sentence
//! with `# sent_id = ID-N` and `# text = …`, and each token's MISC column holds its byte
//! span in the document (`Span=START:END`) and `SpaceAfter=No` where no space follows.
//! A `.conllu` input keeps its sentences and words (multiword-token lines and empty
//! nodes are skipped) and is re-annotated: UPOS, LEMMA, HEAD and DEPREL are ours, the
//! comments and `SpaceAfter=No` are kept; a malformed file is an input error naming the
//! line.

use std::fmt::Write as _;

use newsgraph::conllu;
use newsgraph::corpus::input::{self, Job, Jobs};
use newsgraph::stages::parse::{self, Parser, SentenceParse};
use newsgraph::stages::segment;
use newsgraph::tagger::{Tagger, Upos};
use newsgraph::tagging;

/// Makes a form safe for a CoNLL-U column (no tabs or line breaks; never empty).
fn column(s: &str) -> String {
    let t: String = s
        .chars()
        .map(|c| if c.is_whitespace() { '_' } else { c })
        .collect();
    if t.is_empty() { "_".to_string() } else { t }
}

/// One word of output.
struct Row<'a> {
    form: &'a str,
    lemma: &'a str,
    upos: Upos,
    head: usize,
    deprel: &'a str,
    misc: String,
}

fn write_sentence(out: &mut String, comments: &[String], rows: &[Row<'_>]) {
    for c in comments {
        let _ = writeln!(out, "# {}", c.replace(['\n', '\r'], " "));
    }
    for (i, r) in rows.iter().enumerate() {
        let misc = if r.misc.is_empty() { "_" } else { &r.misc };
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}\t_\t_\t{}\t{}\t_\t{}",
            i + 1,
            column(r.form),
            column(r.lemma),
            r.upos,
            r.head,
            r.deprel,
            misc
        );
    }
    out.push('\n');
}

/// Re-annotates a CoNLL-U file; `Err` is the malformed line's message.
pub fn treebank(text: &str) -> Result<String, conllu::Error> {
    let sentences = conllu::parse(text)?;
    let tagger = Tagger::embedded();
    let parser = Parser::embedded();
    let mut out = String::with_capacity(text.len());
    let mut p = SentenceParse::default();
    for s in &sentences {
        let words = s.forms();
        let tags = tagger.tag(&words);
        parser.parse_into(&words, &tags, &mut p);
        let lemmas: Vec<String> = words
            .iter()
            .zip(&tags)
            .map(|(w, &t)| parser.lemmatizer().lemma(w, t))
            .collect();
        let rows: Vec<Row<'_>> = (0..words.len())
            .map(|i| Row {
                form: words[i],
                lemma: &lemmas[i],
                upos: tags[i],
                head: p.heads[i].map_or(0, |h| h + 1),
                deprel: p.deprels[i].as_str(),
                misc: if s.words[i].no_space_after {
                    "SpaceAfter=No".to_string()
                } else {
                    String::new()
                },
            })
            .collect();
        write_sentence(&mut out, &s.comments, &rows);
    }
    Ok(out)
}

/// The CoNLL-U of one document.
pub fn document(doc: &newsgraph::Document) -> String {
    let seg = segment::segment(doc);
    let tags = tagging::tag(doc, &seg);
    let syntax = parse::parse(doc, &seg, &tags);
    let mut out = String::new();
    let _ = writeln!(out, "# newdoc id = {}", column(&doc.id));
    let text = doc.text.as_str();
    for (k, s) in seg.sentences.iter().enumerate() {
        let r = s.tokens.clone();
        if r.is_empty() {
            continue;
        }
        let sent_text: String = text[s.span.range()]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let comments = [
            format!("sent_id = {}-{}", column(&doc.id), k + 1),
            format!("text = {sent_text}"),
        ];
        let rows: Vec<Row<'_>> = r
            .clone()
            .map(|t| {
                let span = seg.tokens[t].span;
                let next_start = seg.tokens.get(t + 1).map(|n| n.span.start);
                let glued = match next_start {
                    Some(ns) => ns == span.end,
                    None => false,
                };
                let mut misc = String::new();
                if glued {
                    misc.push_str("SpaceAfter=No|");
                }
                let _ = write!(misc, "Span={}:{}", span.start, span.end);
                Row {
                    form: &text[span.range()],
                    lemma: syntax.lemma(t),
                    upos: tags.at(t),
                    head: syntax
                        .head(t)
                        .filter(|h| r.contains(h))
                        .map_or(0, |h| h - r.start + 1),
                    deprel: if syntax.head(t).is_some_and(|h| r.contains(&h)) {
                        syntax.deprel(t).as_str()
                    } else {
                        "root"
                    },
                    misc,
                }
            })
            .collect();
        write_sentence(&mut out, &comments, &rows);
    }
    out
}

/// Parses every input in order; `.conllu` files are re-annotated. Returns the output and
/// the messages of the inputs that could not be read or used.
pub fn run(inputs: &[String]) -> (String, Vec<String>) {
    let mut out = String::new();
    let mut errors = Vec::new();
    for path in inputs {
        if path.to_ascii_lowercase().ends_with(".conllu") {
            match std::fs::read(path) {
                Err(e) => errors.push(format!("{path}: {e}")),
                Ok(bytes) => match String::from_utf8(bytes) {
                    Err(_) => errors.push(format!("{path}: not UTF-8 text")),
                    Ok(text) => match treebank(&text) {
                        Ok(s) => out.push_str(&s),
                        Err(e) => errors.push(format!("{path}: malformed CoNLL-U: {e}")),
                    },
                },
            }
            continue;
        }
        let found = input::discover_with(std::slice::from_ref(path), &input::Options::default());
        for e in &found.errors {
            errors.push(e.to_string());
        }
        for job in Jobs::new(found.sources) {
            match job.and_then(Job::load) {
                Ok(doc) => out.push_str(&document(&doc)),
                Err(e) => errors.push(e.to_string()),
            }
        }
    }
    (out, errors)
}
