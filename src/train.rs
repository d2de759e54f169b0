//! Training every learned extraction component on annotated articles ([`crate::gold`]).
//!
//! [`train_all`] is what the cross-validation command (`examples/cv.rs`) runs on the
//! training folds, and what the shipped models are trained with on all of `train/`
//! (`examples/train_models.rs`).
//!
//! **The stance classifier.** Every article is analysed up to the relation stage; the
//! stage's candidates (`relations::training_candidates`) are labelled with the gold
//! relation they state, matched as the scorer matches: the source maps to the gold
//! subject, the target to the gold object (an actor that maps to a gold entity must be
//! that entity; a proposal matches the gold phrase when their content words overlap by
//! half or one contains the other), and the gold evidence, found in the text, overlaps
//! the candidate's sentence. Everything else is labelled `none`.

use std::sync::Arc;

use crate::gold::{Example, GoldIndex, locate, phrase_score, token_f1};
use crate::pipeline::{Config, Pipeline};
use crate::stages::mentions::typer::MentionTyper;
use crate::stages::quotes::{self, SpeakerChoice, SpeakerItem, SpeakerModel};
use crate::stages::relations::model::{LABELS, label_of};
use crate::stages::relations::{self, RelationModel, TrainCandidate, TrainItem};
use crate::text::Span;

/// Trains the learned components on `examples` and returns settings that use them.
pub fn train_all(examples: &[&Example]) -> Config {
    train_all_with(examples, Config::default())
}

/// [`train_all`] over the settings `base` (e.g. with the syntax stage on): the models are
/// trained on what the pipeline with those settings reads.
pub fn train_all_with(examples: &[&Example], base: Config) -> Config {
    let mut config = base;
    // the mention typer first: the stance candidates are read over the actors it keeps
    config.models.mention_typer = Some(Arc::new(MentionTyper::train(examples)));
    config.models.speaker = Some(Arc::new(SpeakerModel::train(&speaker_items_with(
        examples, &config,
    ))));
    let items = relation_data_with(examples, &config).items;
    config.models.relation = Some(Arc::new(RelationModel::train(&items)));
    config
}

/// A gold relation, resolved against the article's gold entities.
struct GoldRel<'a> {
    label: usize,
    subject: Option<usize>,
    subject_str: &'a str,
    object: Option<usize>,
    object_str: &'a str,
    evidence: Option<Span>,
}

/// The labelled stance candidates of `examples`, in article order.
pub fn relation_items(examples: &[&Example]) -> Vec<TrainItem> {
    relation_data(examples).items
}

/// Labelled stance candidates, and how many gold relations some candidate states.
pub struct RelationData {
    pub items: Vec<TrainItem>,
    /// Gold relations (of the six types) that at least one candidate states: the recall
    /// the classifier could reach at best.
    pub covered: usize,
    pub total: usize,
    /// The gold relations no candidate states: `(article, type, subject, object,
    /// evidence)`, for error analysis.
    pub missed: Vec<[String; 5]>,
}

/// The labelled stance candidates of `examples` (read with the embedded models), with the
/// candidates' coverage of the gold.
pub fn relation_data(examples: &[&Example]) -> RelationData {
    relation_data_with(examples, &Config::default())
}

/// [`relation_data`] with the earlier stages' models of `config` (cross-validation trains
/// them on the same folds first).
pub fn relation_data_with(examples: &[&Example], config: &Config) -> RelationData {
    let pipeline = Pipeline::new(config.clone());
    let mut items = Vec::new();
    let (mut covered, mut total) = (0, 0);
    let mut missed = Vec::new();
    for (di, e) in examples.iter().enumerate() {
        let a = pipeline.analyze_before_relations(&e.doc);
        let input = relations::Input {
            doc: &e.doc,
            seg: &a.seg,
            tags: &a.tags,
            ents: &a.entities,
            roles: &a.roles,
            statements: &a.statements,
            syntax: (!a.syntax.is_empty()).then_some(&a.syntax),
        };
        let idx = e.gold.index();
        let golds: Vec<GoldRel> = e
            .gold
            .relations
            .iter()
            .filter_map(|r| {
                let label = label_of(&r.kind);
                (label != 0).then(|| GoldRel {
                    label,
                    subject: idx.resolve(&r.subject),
                    subject_str: &r.subject,
                    object: idx.resolve(&r.object),
                    object_str: &r.object,
                    evidence: locate(&e.doc.text, &r.evidence),
                })
            })
            .collect();
        let mut hit = vec![false; golds.len()];
        for c in relations::training_candidates(&input, None) {
            let (label, gi) = label(&c, &golds, &idx);
            if let Some(gi) = gi {
                hit[gi] = true;
            }
            items.push(TrainItem {
                feats: c.feats,
                label,
                stem: c.stem,
                doc: di,
                actor_target: c.target_kind.is_some(),
            });
        }
        for (g, r) in hit.iter().zip(&golds) {
            if !*g {
                let ev = r
                    .evidence
                    .and_then(|sp| e.doc.text.get(sp.start..sp.end))
                    .unwrap_or("");
                missed.push([
                    e.doc.id.clone(),
                    LABELS[r.label].to_string(),
                    r.subject_str.to_string(),
                    r.object_str.to_string(),
                    ev.to_string(),
                ]);
            }
        }
        covered += hit.iter().filter(|h| **h).count();
        total += hit.len();
    }
    RelationData {
        items,
        covered,
        total,
        missed,
    }
}

/// The gold relation a candidate states, or `0` (none).
fn label(c: &TrainCandidate, golds: &[GoldRel], idx: &GoldIndex) -> (usize, Option<usize>) {
    let src = idx.map_actor(&c.source, c.source_kind.as_str());
    let tgt = c
        .target_kind
        .and_then(|k| idx.map_actor(&c.target, k.as_str()));
    let end =
        |mapped: Option<usize>, names: &[String], gold: Option<usize>, s: &str, obj| match mapped {
            Some(m) => gold == Some(m),
            None if obj || gold.is_none() => names.iter().any(|n| phrase_score(n, s) > 0.0),
            None => false,
        };
    for (gi, g) in golds.iter().enumerate() {
        // the predicate must lie in the gold evidence (where it is found in the text)
        if let Some(ev) = g.evidence
            && (c.predicate.start < ev.start || ev.end < c.predicate.end)
        {
            continue;
        }
        let fwd = end(src, &c.source, g.subject, g.subject_str, false)
            && end(tgt, &c.target, g.object, g.object_str, true);
        let back = g.label == label_of("met-with")
            && end(tgt, &c.target, g.subject, g.subject_str, true)
            && end(src, &c.source, g.object, g.object_str, true);
        if fwd || back {
            return (g.label, Some(gi));
        }
    }
    (0, None)
}

/// The labelled speaker choices of `examples` (read with the embedded models): every
/// statement the quote rules find whose text matches a gold quote (token F1 >= 0.5, the
/// scorer's threshold) and one of whose candidates names the gold speaker.
pub fn speaker_items(examples: &[&Example]) -> Vec<SpeakerItem> {
    speaker_items_with(examples, &Config::default())
}

/// [`speaker_items`] with the earlier stages' models of `config`.
pub fn speaker_items_with(examples: &[&Example], config: &Config) -> Vec<SpeakerItem> {
    let pipeline = Pipeline::new(config.clone());
    let mut items = Vec::new();
    for e in examples {
        let a = pipeline.analyze_before_quotes(&e.doc);
        let choices = quotes::speaker_choices(&e.doc, &a.seg, &a.tags, &a.entities, &a.roles);
        let idx = e.gold.index();
        for c in &choices {
            if let Some(correct) = speaker_label(c, &e.gold.quotes, &idx) {
                items.push(SpeakerItem {
                    candidates: c.candidates.iter().map(|x| x.feats.clone()).collect(),
                    correct,
                    sources: c.candidates.iter().map(|x| x.sources).collect(),
                });
            }
        }
    }
    items
}

/// The first candidate of `c` that names the speaker of the gold quote its text matches
/// best, as the scorer matches: an actor mapped to a gold entity must be the speaker's
/// entity; an unmapped one must share a word with a speaker the gold names by a phrase.
fn speaker_label(
    c: &SpeakerChoice,
    golds: &[crate::gold::GoldQuote],
    idx: &GoldIndex,
) -> Option<Vec<bool>> {
    let (gq, _) = golds
        .iter()
        .map(|g| (g, token_f1(&c.text, &g.text)))
        .filter(|(_, f)| *f >= 0.5)
        .max_by(|a, b| a.1.total_cmp(&b.1))?;
    let gold = idx.resolve(&gq.speaker);
    let correct: Vec<bool> = c
        .candidates
        .iter()
        .map(|cand| {
            cand.actors
                .iter()
                .any(|(names, kind)| match idx.map_actor(names, kind.as_str()) {
                    Some(m) => gold == Some(m),
                    None => gold.is_none() && phrase_score(&names[0], &gq.speaker) > 0.0,
                })
        })
        .collect();
    correct.iter().any(|&x| x).then_some(correct)
}
