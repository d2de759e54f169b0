//! Annotated articles: the training and evaluation data of the learned stages.
//!
//! An annotated article is a text (`<slug>.txt`) and what a careful reader finds in it
//! (`<slug>.gold.json`: entities with aliases and roles, relations with their evidence,
//! quotes with speakers, meetings), in the format of `../shared/eval/GOLD_SCHEMA.md`. A
//! folder of them may carry `FOLDS.json`, the cross-validation fold of every article.
//!
//! This module reads them ([`load_dir`]) and offers the matching rules of the project's
//! scorer (`../shared/eval/score.py`), so that a trained stage learns exactly what the scorer
//! rewards: [`normalize`] (names compared casefolded, without diacritics and punctuation),
//! [`GoldIndex`] (which gold entity a predicted actor stands for), [`token_f1`] (quote
//! texts) and [`phrase_score`] (proposal objects). [`Example`] pairs a [`Document`] with its
//! gold; the stages' `train` modules turn examples into labelled candidates.
//!
//! Nothing here runs at extraction time: it is used by the training commands, the
//! cross-validation command (`examples/cv.rs`) and tests.

mod align;
mod matching;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::text::{Date, Document};

pub use align::{find_all, locate};
pub use matching::{
    GoldIndex, STOPWORDS, content_tokens, is_acronym_of, is_token_suffix, jaccard, normalize,
    phrase_score, token_f1, tokens,
};

/// One annotated article's gold, as in `GOLD_SCHEMA.md`.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Gold {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub published: Option<String>,
    #[serde(default)]
    pub entities: Vec<GoldEntity>,
    #[serde(default)]
    pub relations: Vec<GoldRelation>,
    #[serde(default)]
    pub quotes: Vec<GoldQuote>,
    #[serde(default)]
    pub meetings: Vec<GoldMeeting>,
}

/// A gold actor: its fullest name, its type and the other forms the article uses.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct GoldEntity {
    pub name: String,
    /// `Person`, `Organization`, `Place` or `Group`.
    #[serde(rename = "type", default)]
    pub kind: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub roles: Vec<GoldRole>,
}

/// A title the article gives a person, and the entity it attaches to.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct GoldRole {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub affiliation: Option<String>,
}

/// A stance: subject, one of the six relation types, object (an entity name or a phrase).
#[derive(Clone, Debug, Default, Deserialize)]
pub struct GoldRelation {
    pub subject: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub object: String,
    /// An exact substring of the article that states it.
    #[serde(default)]
    pub evidence: String,
}

/// A statement and its speaker.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct GoldQuote {
    pub speaker: String,
    /// `direct` or `indirect`.
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub cue: Option<String>,
    /// The quoted words (an exact substring of the article).
    pub text: String,
}

/// A meeting event.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct GoldMeeting {
    #[serde(default)]
    pub participants: Vec<String>,
    #[serde(default)]
    pub place: Option<String>,
    #[serde(default)]
    pub when: Option<String>,
    #[serde(default)]
    pub evidence: String,
}

/// An annotated article: the document (id = slug, `published` from the gold) and its gold.
#[derive(Clone, Debug)]
pub struct Example {
    pub doc: Document,
    pub gold: Gold,
    /// Its cross-validation fold, when the folder has a `FOLDS.json` naming it.
    pub fold: Option<usize>,
}

/// What went wrong reading a folder of annotated articles.
#[derive(Debug)]
pub struct GoldError {
    pub path: PathBuf,
    pub message: String,
}

impl fmt::Display for GoldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

impl std::error::Error for GoldError {}

#[derive(Deserialize)]
struct Folds {
    #[serde(default)]
    folds: BTreeMap<String, usize>,
}

/// How many cross-validation folds `examples` are split into (0 without folds).
pub fn fold_count(examples: &[Example]) -> usize {
    examples
        .iter()
        .filter_map(|e| e.fold)
        .max()
        .map_or(0, |m| m + 1)
}

/// Reads every `<slug>.txt` with a `<slug>.gold.json` beside it in `dir`, sorted by slug,
/// with the folds of `dir/FOLDS.json` when there is one.
pub fn load_dir(dir: &Path) -> Result<Vec<Example>, GoldError> {
    let err = |path: &Path, message: String| GoldError {
        path: path.to_path_buf(),
        message,
    };
    let folds_path = dir.join("FOLDS.json");
    let folds: BTreeMap<String, usize> = if folds_path.exists() {
        let bytes = std::fs::read(&folds_path).map_err(|e| err(&folds_path, e.to_string()))?;
        serde_json::from_slice::<Folds>(&bytes)
            .map_err(|e| err(&folds_path, e.to_string()))?
            .folds
    } else {
        BTreeMap::new()
    };
    let entries = std::fs::read_dir(dir).map_err(|e| err(dir, e.to_string()))?;
    let mut slugs: Vec<String> = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| err(dir, e.to_string()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(slug) = name.strip_suffix(".gold.json") {
            slugs.push(slug.to_string());
        }
    }
    slugs.sort();
    let mut out = Vec::with_capacity(slugs.len());
    for slug in slugs {
        let gold_path = dir.join(format!("{slug}.gold.json"));
        let text_path = dir.join(format!("{slug}.txt"));
        if !text_path.exists() {
            continue;
        }
        let gold_bytes = std::fs::read(&gold_path).map_err(|e| err(&gold_path, e.to_string()))?;
        let mut gold: Gold =
            serde_json::from_slice(&gold_bytes).map_err(|e| err(&gold_path, e.to_string()))?;
        let text_bytes = std::fs::read(&text_path).map_err(|e| err(&text_path, e.to_string()))?;
        let text =
            String::from_utf8(text_bytes).map_err(|_| err(&text_path, "not UTF-8".to_string()))?;
        if gold.id.is_empty() {
            gold.id = slug.clone();
        }
        let mut doc = Document::new(&slug, &text);
        doc.published = gold.published.as_deref().and_then(Date::parse);
        let fold = folds.get(&slug).copied();
        out.push(Example { doc, gold, fold });
    }
    Ok(out)
}

impl Gold {
    /// The scorer's name index over this article's entities.
    pub fn index(&self) -> GoldIndex {
        GoldIndex::new(&self.entities)
    }
}
