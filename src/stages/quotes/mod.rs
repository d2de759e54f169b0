//! Statements: direct and indirect quotes with their speakers and cues.
//!
//! Entry point: [`extract`] (or [`extract_with_roles`], which also uses the roles stage's
//! titles to find "the spokesman"). Three passes over the body paragraphs:
//!
//! 1. **Quotation runs**, per paragraph (sentences split inside quotes, so quotes are found
//!    on paragraphs): an opening mark, then the closing mark. A run left open at the end of
//!    a paragraph continues only if the next paragraph opens with a mark (the news
//!    convention for quotes over several paragraphs); otherwise it is dropped, so an
//!    unbalanced mark never swallows the article.
//! 2. **Direct quotes**: a run is a statement when an attribution frame stands next to it —
//!    after it (`"…," X said.`, `"…," said X.`) or before it (`X said: "…"`,
//!    `X told reporters, "…"`). A quote split by its attribution and continued in lower case
//!    (`"We will not," she said, "give up."`) is one statement; a run that is a whole
//!    sentence without a frame is said by the speaker of the previous quote in the
//!    paragraph (or paragraph before), or by the speaker named in the next sentence.
//!    Short runs and titles in running text (scare quotes, titles of works, partial quotes
//!    inside a reported clause) are not statements of their own.
//! 3. **Indirect quotes**, per sentence: `X said/warned/… (that) CLAUSE`, `according to X,
//!    CLAUSE`, `CLAUSE, according to X`, `CLAUSE, X said`, `what X said was CLAUSE`, and
//!    reporting nouns (`X's warning that CLAUSE`). The clause stops at the sentence end, at
//!    a coordinated new report (`…, but said …`, `- though he acknowledged …`) and before
//!    trailing attribution.
//!
//! Speakers come from the noun phrase of the frame: named entities, pronouns (the speaker
//! of the discourse first, then [`Entities::resolve_pronoun`]), role nouns matched to a
//! person holding the role (`the spokesman`), groups named by their phrase (`analysts`,
//! `a former senior official`), demonyms for their state (`the Israelis`), and
//! coordinations (`She and other leaders, including A and B,`). Cues and speaker nouns are
//! data (`lexicon/cues.tsv`, `lexicon/speaker-nouns.tsv`). Every scan is bounded by a
//! small window, so time is linear in the input even on hostile text.
//!
//! **Speakers are ranked.** The rules' speaker is one candidate among the others who could
//! have said the statement (`rank.rs`: the last speaker, the subject of this or the previous
//! sentence, the nearest actor named before or after the cue, a role noun's holder); the
//! trained ranker (`model.rs`, `models/speaker.bin`) chooses. Without a model the rules'
//! speaker stands.
//!
//! Unnamed single speakers ("a spokeswoman", "a Treasury official") are groups scoped to
//! their document (`ActorRequest::scope`): never the same actor as one of another article.
//!
//! Files: `runs.rs` (quotation runs, double and single marks), `direct.rs`, `indirect.rs`,
//! `clauses.rs` (where a reported clause starts and ends), `complements.rs` (reports with an
//! object or infinitive: `accused X of`, `urged X to`, `described X as`, `pledged to`), `subjects.rs` (the speaker phrase), `speakers.rs` (who
//! it names), `rank.rs` (candidate speakers and their features), `model.rs` (the ranker),
//! `holders.rs` (who holds a role word, for `the minister said`), `context.rs` (the stage's state and per-token questions), `confidence.rs`.
//! Groups and countries no mention names are requested actors; the pipeline adds them.

mod clauses;
mod complements;
mod confidence;
mod context;
mod direct;
mod holders;
mod indirect;
pub mod model;
mod rank;
mod runs;
mod speakers;
mod subjects;

use crate::lexicon::lexicon;
use crate::stages::entities::{ActorRef, Actors, Entities, Staged};
use crate::stages::roles::RoleFact;
use crate::stages::segment::{ParagraphKind, Segmentation, Span};
use crate::stages::tokens::TokenView;
use crate::tagging::Tags;
use crate::text::Document;
use crate::vocab::QuoteKind;
use context::Cx;
pub use model::{SpeakerItem, SpeakerModel};
pub use rank::{CandidateInfo, SpeakerChoice};

/// A statement found in the text. The stage returns its speakers as [`ActorRef`]s (a
/// group or a country may be a requested actor); the pipeline settles them into entity
/// indices (`A = usize`).
#[derive(Clone, Debug, PartialEq)]
pub struct StatementFact<A = usize> {
    /// Speakers; one statement may be said by several.
    pub speakers: Vec<A>,
    /// The quoted words or the reported clause (for a quote split by its attribution,
    /// the extent from its first to its last word; see `parts`).
    pub text: Span,
    /// The fragments of a discontinuous statement, in text order (empty when `text` is
    /// contiguous). Its text is the fragments joined by one space.
    pub parts: Vec<Span>,
    pub kind: QuoteKind,
    /// The cue as written ("said", "according to").
    pub cue: String,
    /// The sentence(s) that state it.
    pub evidence: Span,
    pub confidence: f32,
}

impl<A> StatementFact<A> {
    /// The same statement with its speakers mapped by `f`.
    pub fn map_actors<B>(self, f: impl FnMut(A) -> B) -> StatementFact<B> {
        StatementFact {
            speakers: self.speakers.into_iter().map(f).collect(),
            text: self.text,
            parts: self.parts,
            kind: self.kind,
            cue: self.cue,
            evidence: self.evidence,
            confidence: self.confidence,
        }
    }

    /// The statement's text: its span, or its fragments joined by one space.
    pub fn text_in(&self, doc_text: &str) -> String {
        if self.parts.is_empty() {
            doc_text[self.text.range()].to_string()
        } else {
            let v: Vec<&str> = self.parts.iter().map(|p| &doc_text[p.range()]).collect();
            v.join(" ")
        }
    }
}

/// Finds statements (without role facts: role nouns resolve through mention titles only).
pub fn extract(
    doc: &Document,
    seg: &Segmentation,
    tags: &Tags,
    ents: &Entities,
) -> Staged<Vec<StatementFact<ActorRef>>> {
    extract_with_roles(doc, seg, tags, ents, &[])
}

/// Finds statements; `roles` lets role nouns ("the spokesman") find their holder.
/// Speakers nobody named (groups, countries of demonyms) are requested actors. The
/// embedded speaker ranker chooses among the candidate speakers.
pub fn extract_with_roles(
    doc: &Document,
    seg: &Segmentation,
    tags: &Tags,
    ents: &Entities,
    roles: &[RoleFact],
) -> Staged<Vec<StatementFact<ActorRef>>> {
    extract_with_model(doc, seg, tags, ents, roles, SpeakerModel::embedded())
}

/// [`extract_with_roles`] with speaker ranker `model` (None: the rules' speakers).
pub fn extract_with_model(
    doc: &Document,
    seg: &Segmentation,
    tags: &Tags,
    ents: &Entities,
    roles: &[RoleFact],
    model: Option<&SpeakerModel>,
) -> Staged<Vec<StatementFact<ActorRef>>> {
    run(doc, seg, tags, ents, roles, model, false).0
}

/// The candidate speakers of every statement the rules find (with the rules' speakers,
/// no ranker), for training the ranker.
pub fn speaker_choices(
    doc: &Document,
    seg: &Segmentation,
    tags: &Tags,
    ents: &Entities,
    roles: &[RoleFact],
) -> Vec<SpeakerChoice> {
    run(doc, seg, tags, ents, roles, None, true).1
}

fn run(
    doc: &Document,
    seg: &Segmentation,
    tags: &Tags,
    ents: &Entities,
    roles: &[RoleFact],
    model: Option<&SpeakerModel>,
    trace: bool,
) -> (Staged<Vec<StatementFact<ActorRef>>>, Vec<SpeakerChoice>) {
    let mut actors = Actors::new(ents);
    let ents = &mut actors;
    let n = seg.tokens.len();
    let mut para_tokens = vec![0..0; seg.paragraphs.len()];
    for (pi, p) in seg.paragraphs.iter().enumerate() {
        if p.kind != ParagraphKind::Body || p.sentences.is_empty() {
            continue;
        }
        let a = seg.sentences[p.sentences.start].tokens.start;
        let b = seg.sentences[p.sentences.end - 1].tokens.end;
        para_tokens[pi] = a..b;
    }
    let mut cx = Cx {
        tok: TokenView::tagged(&doc.text, seg, tags),
        lx: lexicon(),
        roles,
        scope: crate::text::slug::slug(&doc.id),
        in_run: vec![0; n],
        run_marks: Vec::new(),
        used: vec![false; n],
        covered: Vec::new(),
        para_tokens,
        out: Vec::new(),
        last: None,
        run_used: Vec::new(),
        last_direct: None,
        holders: std::cell::OnceCell::new(),
        speaker_model: model,
        trace: trace.then(Vec::new),
        pending: None,
        quote_open: std::cell::Cell::new(None),
    };
    let runs = cx.find_runs();
    cx.run_marks = vec![false; n];
    for r in &runs {
        cx.run_marks[r.open] = true;
        if let Some(c) = r.close {
            cx.run_marks[c] = true;
        }
    }
    for (i, r) in runs.iter().enumerate() {
        for p in &r.pieces {
            for t in p.clone() {
                cx.in_run[t] = i as u32 + 1;
            }
        }
    }
    cx.run_used = vec![false; runs.len()];
    // in text order, so that pronouns find the speaker of the discourse: the runs that
    // open in a sentence, then the sentence's reports
    let mut ri = 0;
    for (si, s) in seg.body_sentences() {
        let mut upto = ri;
        while upto < runs.len() && runs[upto].open < s.tokens.end {
            upto += 1;
        }
        cx.direct(&runs, ri..upto, ents);
        ri = upto;
        cx.indirect(si, ents);
    }
    cx.direct(&runs, ri..runs.len(), ents);
    let choices = cx.trace.take().unwrap_or_default();
    let mut out = std::mem::take(&mut cx.out);
    out.retain(|s| !s.speakers.is_empty() && s.text.len() > 3);
    out.sort_by_key(|s| (s.text.start, s.text.end));
    // one statement per text span: merge speakers of duplicates
    let mut merged: Vec<StatementFact<ActorRef>> = Vec::with_capacity(out.len());
    for s in out {
        if let Some(last) = merged.last_mut()
            && last.text == s.text
        {
            for sp in s.speakers {
                if !last.speakers.contains(&sp) {
                    last.speakers.push(sp);
                }
            }
            continue;
        }
        merged.push(s);
    }
    (actors.finish(merged), choices)
}
