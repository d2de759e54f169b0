//! The mention typer: a trained check of each mention the rules propose — a person, an
//! organization, a place, or not an actor at all (a bill, an app, a programme, a stray
//! capitalized word).
//!
//! The rules stay the proposers (capitalized runs, titles, lexicons); the typer decides
//! which of their mentions to keep. Its features are what the rules looked at, as
//! features: the rule's own type and confidence, lexicon hits (places, organizations,
//! given names, surnames, common words, organization heads, titles), the words around the
//! mention, its shape (one word, capitals, digits, a plural `s`), its tag, and how often
//! the same form recurs in the article. It is an averaged perceptron over four classes
//! (`none`, `Person`, `Organization`, `Place`) on the learning core (`crate::learn`).
//!
//! Training ([`MentionTyper::train`]): every mention the rules find in an annotated
//! article is labelled with the gold type of the entity it names — matched like the
//! scorer matches (`crate::gold::GoldIndex`: names and aliases, a person's surname, an
//! acronym) — or `none` when it names no gold Person, Organization or Place.
//!
//! Run time ([`MentionTyper::filter`]): a mention is dropped when `none` outscores every
//! actor type by more than [`DROP_MARGIN`], unless a title or honorific stands before it;
//! kept mentions keep the rules' type.
//! The model shipped in the binary is `models/mention-typer.bin` (see `models/README.md`).

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use super::Mention;
use crate::gold::Example;
use crate::learn::{FeatureBuf, LabelSet, ModelFile, Perceptron, Weights, hash, train};
use crate::lexicon::{Lexicon, lexicon};
use crate::stages::segment::Segmentation;
use crate::stages::tokens::TokenView;
use crate::tagging::Tags;
use crate::text::Document;
use crate::text::shape::is_all_caps;
use crate::vocab::EntityKind;

const MODEL_KIND: &str = "mention-typer";
const MODEL_VERSION: u32 = 1;
const CLASSES: [&str; 4] = ["none", "Person", "Organization", "Place"];
const EPOCHS: usize = 8;
const SEED: u64 = 7;
/// How far (in the quantized weights' units: the largest weight is 32767) `none` must
/// outscore the mention's own type for the mention to be dropped.
pub const DROP_MARGIN: i32 = 0;

static EMBEDDED: &[u8] = include_bytes!("../../../models/mention-typer.bin");

/// The trained mention typer.
#[derive(Clone, Debug)]
pub struct MentionTyper {
    weights: Weights,
}

impl MentionTyper {
    /// The model embedded in the binary, if it was built (an empty file means none).
    pub fn embedded() -> Option<&'static MentionTyper> {
        static T: OnceLock<Option<MentionTyper>> = OnceLock::new();
        T.get_or_init(|| MentionTyper::from_bytes(EMBEDDED))
            .as_ref()
    }

    /// Reads a model file; None if it is not a mention typer.
    pub fn from_bytes(bytes: &[u8]) -> Option<MentionTyper> {
        let file = ModelFile::from_bytes(bytes, MODEL_KIND, MODEL_VERSION).ok()?;
        let labels = file.labels().ok()?;
        if labels.len() != CLASSES.len() {
            return None;
        }
        let weights = file.weights(b"WGHT").ok()?;
        Some(MentionTyper { weights })
    }

    /// The model file's bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let labels = LabelSet::new(&CLASSES).expect("distinct class names");
        let mut file = ModelFile::new(MODEL_KIND, MODEL_VERSION);
        file.add_labels(&labels).add_weights(b"WGHT", &self.weights);
        file.to_bytes()
    }

    /// Trains on the mentions the rules find in `examples`, labelled by their gold.
    pub fn train(examples: &[&Example]) -> MentionTyper {
        let mut data: Vec<(Vec<u64>, usize)> = Vec::new();
        let mut buf = FeatureBuf::new();
        for ex in examples {
            let doc = &ex.doc;
            let seg = crate::stages::segment::segment(doc);
            let tags = crate::tagging::tag(doc, &seg);
            let ms = super::detect(doc, &seg, &tags);
            let index = ex.gold.index();
            let tok = TokenView::tagged(&doc.text, &seg, &tags);
            let counts = form_counts(&ms);
            for i in 0..ms.len() {
                let m = &ms[i];
                if in_dateline(&seg, m) {
                    continue;
                }
                let mut names = vec![m.canonical.clone().unwrap_or_else(|| m.text.clone())];
                names.push(m.text.clone());
                let label = index
                    .map_actor(&names, kind_name(m.kind))
                    .map(|g| index.kind(g))
                    .and_then(|k| CLASSES.iter().position(|c| *c == k))
                    .unwrap_or(0);
                features(&tok, lexicon(), &ms, &counts, i, &mut buf);
                data.push((buf.keys().to_vec(), label));
            }
        }
        let mut p = Perceptron::new(CLASSES.len());
        let mut scratch = Vec::new();
        let mut rng = train::Rng::new(SEED);
        train::epochs(data.len(), EPOCHS, &mut rng, |_, i| {
            p.train_one(&data[i].0, data[i].1, None, &mut scratch);
        });
        MentionTyper {
            weights: p.quantize(0.0),
        }
    }

    /// Keeps the mentions the model does not find to be no actor.
    pub fn filter(
        &self,
        doc: &Document,
        seg: &Segmentation,
        tags: &Tags,
        mentions: Vec<Mention>,
    ) -> Vec<Mention> {
        let tok = TokenView::tagged(&doc.text, seg, tags);
        let counts = form_counts(&mentions);
        let mut buf = FeatureBuf::new();
        let mut scores = vec![0i32; CLASSES.len()];
        let keep: Vec<bool> = (0..mentions.len())
            .map(|i| {
                features(&tok, lexicon(), &mentions, &counts, i, &mut buf);
                scores.iter_mut().for_each(|s| *s = 0);
                self.weights.scores(buf.keys(), &mut scores);
                // kept unless `none` beats every actor type (the rules' type may be
                // wrong where the mention still names an actor: clustering retypes it)
                let best = scores[1..].iter().copied().max().unwrap_or(0);
                // a title or honorific is person evidence the typer does not overrule, nor
                // is the place lexicon's word on a dateline
                mentions[i].title.is_some()
                    || in_dateline(seg, &mentions[i])
                    || scores[0] - best <= DROP_MARGIN
            })
            .collect();
        // the surname of a person the typer kept under a full name earlier names that
        // person ("Tomas Reyes ... On Monday Reyes met"): the context a lone surname
        // stands in does not overrule the name it repeats
        // (the surnames of the kept full names so far, gathered in text order)
        let mut surnames: HashSet<&str> = HashSet::new();
        let keep: Vec<bool> = mentions
            .iter()
            .zip(&keep)
            .map(|(m, &k)| {
                let rescued = !k && !m.text.contains(' ') && surnames.contains(m.text.as_str());
                if k && m.kind == EntityKind::Person
                    && let Some((_, last)) = m.text.rsplit_once(' ')
                {
                    surnames.insert(last);
                }
                k || rescued
            })
            .collect();
        mentions
            .into_iter()
            .zip(keep)
            .filter_map(|(m, k)| k.then_some(m))
            .collect()
    }
}

/// A dateline's place (`WARSAW —`): before the sentence it is counted in.
fn in_dateline(seg: &Segmentation, m: &Mention) -> bool {
    m.tokens.start < seg.sentences[m.sentence].tokens.start
}

fn kind_name(k: EntityKind) -> &'static str {
    CLASSES[class_of(k)]
}

fn class_of(k: EntityKind) -> usize {
    match k {
        EntityKind::Person => 1,
        EntityKind::Organization => 2,
        EntityKind::Place => 3,
        // groups are not proposed by this stage; treat as organizations
        EntityKind::Group => 2,
    }
}

/// How many mentions share each written form.
fn form_counts(ms: &[Mention]) -> HashMap<String, usize> {
    let mut c = HashMap::new();
    for m in ms {
        *c.entry(m.text.to_lowercase()).or_insert(0) += 1;
    }
    c
}

fn h(s: &str) -> u64 {
    hash::hash_bytes(0, s.as_bytes())
}

/// The features of mention `i`.
fn features(
    tok: &TokenView,
    lx: &Lexicon,
    ms: &[Mention],
    counts: &HashMap<String, usize>,
    i: usize,
    out: &mut FeatureBuf,
) {
    out.clear();
    let m = &ms[i];
    let kind = class_of(m.kind) as u64;
    let n = m.tokens.len().min(4) as u64;
    out.push(0, 0);
    out.push(1, kind);
    out.push(2, hash::combine(kind, (m.confidence * 100.0) as u64));
    out.push(3, hash::combine(kind, n));
    out.push(
        4,
        hash::combine3(
            kind,
            u64::from(m.tentative) * 2 + u64::from(m.weak),
            u64::from(m.title.is_some()) * 2 + u64::from(m.canonical.is_some()),
        ),
    );
    out.push(5, u64::from(m.capital_of.is_some()));
    let lower = m.text.to_lowercase();
    out.push(6, h(&lower));
    out.push(7, hash::combine(kind, h(&lower)));
    let words: Vec<&str> = m.text.split_whitespace().collect();
    let first = words.first().copied().unwrap_or("");
    let last = words.last().copied().unwrap_or("");
    out.push(8, h(&last.to_lowercase()));
    out.push(9, h(&first.to_lowercase()));
    let shape = |w: &str| -> u64 {
        let caps = is_all_caps(w) as u64;
        let digit = w.chars().any(|c| c.is_ascii_digit()) as u64;
        let hyphen = w.contains('-') as u64;
        let plural = (w.ends_with('s') && !w.ends_with("ss")) as u64;
        caps | digit << 1 | hyphen << 2 | plural << 3
    };
    out.push(10, hash::combine(kind, shape(first)));
    out.push(11, hash::combine3(kind, n, shape(last)));
    let lex = |w: &str| -> u64 {
        let l = w.to_lowercase();
        u64::from(lx.is_common(&l))
            | u64::from(lx.given_names.contains_key(w)) << 1
            | u64::from(lx.surnames.contains(&l)) << 2
            | u64::from(lx.org_words.contains(w)) << 3
            | u64::from(lx.places.contains_key(w)) << 4
            | u64::from(lx.orgs.contains_key(w)) << 5
            | u64::from(lx.title(&l).is_some()) << 6
            | u64::from(lx.demonyms.contains_key(w)) << 7
    };
    out.push(12, hash::combine3(kind, n, lex(first)));
    out.push(13, hash::combine3(kind, n, lex(last)));
    for w in &words {
        out.push(14, hash::combine(kind, lex(w)));
    }
    // context words
    let s = m.tokens.start;
    let e = m.tokens.end;
    let ntok = tok.seg.tokens.len();
    let prev = if s > 0 {
        tok.lower(s - 1)
    } else {
        "<s>".into()
    };
    let prev2 = if s > 1 {
        tok.lower(s - 2)
    } else {
        "<s>".into()
    };
    let next = if e < ntok {
        tok.lower(e)
    } else {
        "</s>".into()
    };
    let next2 = if e + 1 < ntok {
        tok.lower(e + 1)
    } else {
        "</s>".into()
    };
    out.push(15, hash::combine(kind, h(&prev)));
    out.push(16, hash::combine(kind, h(&next)));
    out.push(17, h(&format!("{prev2} {prev}")));
    out.push(18, h(&format!("{next} {next2}")));
    out.push(19, hash::combine(h(&prev), h(&last.to_lowercase())));
    out.push(20, hash::combine(h(&next), h(&last.to_lowercase())));
    // sentence start, tag
    let sent_start = tok.seg.sentences[m.sentence].tokens.start == s;
    out.push(21, hash::combine(kind, u64::from(sent_start)));
    out.push(22, hash::combine(kind, tok.tag(s) as u64));
    out.push(23, hash::combine(kind, tok.tag(e - 1) as u64));
    // recurrence
    let c = counts.get(&lower).copied().unwrap_or(1).min(4) as u64;
    out.push(24, hash::combine(kind, c));
    // suffix of the last word
    let chars: Vec<char> = last.chars().collect();
    let suf: String = chars[chars.len().saturating_sub(3)..].iter().collect();
    out.push(25, hash::combine(kind, h(&suf.to_lowercase())));
}
