//! The trained parser: the table of the three moves, the label table, the label names and
//! the lemmatizer, in one model file; and parsing one sentence with them.
//!
//! # Model file
//! A [`ModelFile`] of kind `parser`, version 2:
//!
//! | tag | content |
//! |---|---|
//! | `LABL` | the dependency labels (full names, `nsubj:pass`), ids in the table `ARCL` |
//! | `MOVE` | weights of the three moves `SHIFT`, `LEFT`, `RIGHT` (read into an [`CompactWeights`]) |
//! | `ARCL` | weights of the label of an arc, one class per label (read into a [`SparseWeights`]) |
//! | `LEMM` | the lemmatizer's exception table ([`Lemmatizer::to_bytes`]) |
//! | `CLUS` | the word classes ([`Clusters::to_bytes`]) |
//! | `META` | training settings (text) |

use std::cell::RefCell;
use std::sync::OnceLock;

use super::clusters::Clusters;
use super::deprel::Deprel;
use super::lemma::Lemmatizer;
use super::system::{Arcs, GROUPS, N_CLASSES, Sent, State, group_of, groups_used};
use crate::learn::compact::PredictCompact;
use crate::learn::decode;
use crate::learn::sparse::PredictSparse;
use crate::learn::{
    CompactWeights, FeatureBuf, LabelSet, ModelError, ModelFile, SparseWeights, Weights,
};
use crate::tagger::Upos;

pub const KIND: &str = "parser";
pub const VERSION: u32 = 2;

static EMBEDDED_MODEL: &[u8] = include_bytes!("../../../models/parse-ewt.bin");

/// A trained dependency parser and lemmatizer.
#[derive(Clone)]
pub struct Parser {
    pub(crate) labels: LabelSet,
    /// Each model label as a [`Deprel`].
    deprels: Vec<Deprel>,
    /// The id of `root` among the labels (`labels.len()` if absent).
    root: usize,
    /// Per direction and group of relations, the labels an arc between two words may
    /// get (not `root`).
    label_masks: Vec<Vec<bool>>,
    /// The group of each label, on left and on right arcs.
    groups: [Vec<u8>; 2],
    used: [[bool; GROUPS]; 2],
    pub(crate) moves: CompactWeights<N_CLASSES>,
    pub(crate) arc_labels: SparseWeights,
    pub(crate) lemmatizer: Lemmatizer,
    pub(crate) clusters: Clusters,
    pub(crate) meta: String,
}

impl std::fmt::Debug for Parser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Parser")
            .field("labels", &self.labels.len())
            .field("move_features", &self.moves.len())
            .field("label_features", &self.arc_labels.len())
            .field("label_weights", &self.arc_labels.weights())
            .field("lemma_exceptions", &self.lemmatizer.len())
            .finish()
    }
}

/// The parse of one sentence: per word its head (`None` for the root's dependent, else
/// the word's index in the sentence) and its label.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SentenceParse {
    pub heads: Vec<Option<usize>>,
    pub deprels: Vec<Deprel>,
}

/// Per direction (left arcs, right arcs) and group of relations the labels of the
/// group but the root's, and the group of each label in each direction.
pub(crate) fn label_groups(deprels: &[Deprel], root: usize) -> (Vec<Vec<bool>>, [Vec<u8>; 2]) {
    let groups = [true, false].map(|left| {
        deprels
            .iter()
            .map(|d| group_of(d.rel(), left) as u8)
            .collect::<Vec<u8>>()
    });
    let mut masks = Vec::new();
    for dir in &groups {
        for g in 0..super::system::GROUPS {
            masks.push(
                (0..deprels.len())
                    .map(|l| l != root && usize::from(dir[l]) == g)
                    .collect(),
            );
        }
    }
    (masks, groups)
}

/// Reusable buffers of one thread.
#[derive(Default)]
pub(crate) struct Buffers {
    pub sent: Sent,
    pub state: State,
    pub feats: FeatureBuf,
    pub label_feats: FeatureBuf,
}

thread_local! {
    static BUFFERS: RefCell<Buffers> = RefCell::new(Buffers::default());
}

impl Parser {
    /// The model embedded in the binary, parsed once. Were it corrupt (a test checks it
    /// is not), this is a parser without weights, whose trees are still well formed.
    pub fn embedded() -> &'static Parser {
        static P: OnceLock<Parser> = OnceLock::new();
        P.get_or_init(|| Parser::from_bytes(EMBEDDED_MODEL).unwrap_or_else(|_| Parser::empty()))
    }

    fn empty() -> Parser {
        let labels = LabelSet::new(&["dep", "root"]).unwrap_or_else(|_| unreachable!());
        Parser::from_parts(
            labels,
            CompactWeights::from_dense(&Weights::empty(N_CLASSES))
                .unwrap_or_else(|_| unreachable!("three classes")),
            SparseWeights::from_dense(&Weights::empty(2)),
            Lemmatizer::default(),
            Clusters::default(),
            String::new(),
        )
    }

    pub(crate) fn from_parts(
        labels: LabelSet,
        moves: CompactWeights<N_CLASSES>,
        arc_labels: SparseWeights,
        lemmatizer: Lemmatizer,
        clusters: Clusters,
        meta: String,
    ) -> Parser {
        let deprels: Vec<Deprel> = (0..labels.len())
            .map(|i| Deprel::parse(labels.name(i).unwrap_or("dep")))
            .collect();
        let root = labels.id("root").unwrap_or(labels.len());
        let (label_masks, groups) = label_groups(&deprels, root);
        Parser {
            labels,
            deprels,
            root,
            used: groups_used(&label_masks),
            label_masks,
            groups,
            moves,
            arc_labels,
            lemmatizer,
            clusters,
            meta,
        }
    }

    pub fn lemmatizer(&self) -> &Lemmatizer {
        &self.lemmatizer
    }

    /// Number of labels.
    pub fn n_labels(&self) -> usize {
        self.labels.len()
    }

    /// Parses one sentence: `words` and their tags (parallel).
    pub fn parse(&self, words: &[&str], tags: &[Upos]) -> SentenceParse {
        let mut out = SentenceParse::default();
        self.parse_into(words, tags, &mut out);
        out
    }

    /// Same as [`Parser::parse`], into a reusable result.
    pub fn parse_into(&self, words: &[&str], tags: &[Upos], out: &mut SentenceParse) {
        BUFFERS.with(|cell| match cell.try_borrow_mut() {
            Ok(mut b) => self.parse_with(&mut b, words, tags, out),
            Err(_) => self.parse_with(&mut Buffers::default(), words, tags, out),
        });
    }

    fn parse_with(&self, b: &mut Buffers, words: &[&str], tags: &[Upos], out: &mut SentenceParse) {
        let n = words.len();
        out.heads.clear();
        out.deprels.clear();
        // a run of punctuation alone (a wall of quotation marks) needs no parsing: it
        // hangs from its first mark
        if n > 1 && tags.len() == n && tags.iter().all(|&t| t == Upos::Punct) {
            out.heads.push(None);
            out.deprels.push(Deprel::ROOT);
            for _ in 1..n {
                out.heads.push(Some(0));
                out.deprels.push(Deprel::from(super::Rel::Punct));
            }
            return;
        }
        b.sent.prepare(words, tags, &self.clusters);
        b.state.reset(n);
        self.run(b);
        let st = &b.state;
        for i in 0..n {
            let h = st.head[i];
            out.heads
                .push(if h < n as u32 { Some(h as usize) } else { None });
            let l = st.label[i];
            out.deprels.push(if h >= n as u32 {
                Deprel::ROOT
            } else {
                self.deprels
                    .get(usize::from(l))
                    .copied()
                    .unwrap_or(Deprel::DEP)
            });
        }
        // a word left unattached (only if the loop stopped early) hangs from the root
        // word, so that there stays exactly one root
        let root = out.heads.iter().position(Option::is_none);
        if let Some(r) = root {
            for i in 0..n {
                if i != r && out.heads[i].is_none() {
                    out.heads[i] = Some(r);
                    out.deprels[i] = Deprel::DEP;
                }
            }
        }
    }

    /// Runs the transition loop to the final state.
    fn run(&self, b: &mut Buffers) {
        let Buffers {
            sent,
            state,
            feats,
            label_feats,
        } = b;
        let max_steps = 2 * sent.n + 2;
        let mut labeler = PredictSparse::new(&self.arc_labels);
        let mut sys = Arcs {
            sent,
            state,
            labeler: &mut labeler,
            label_feats,
            label_masks: &self.label_masks,
            groups: &self.groups,
            used: self.used,
            root: self.root,
            gold: None,
        };
        decode::run(
            &mut sys,
            &mut PredictCompact::new(&self.moves),
            max_steps,
            feats,
        );
    }

    /// Serializes the model (format in the module docs). Deterministic.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut file = ModelFile::new(KIND, VERSION);
        file.add_labels(&self.labels)
            .add(b"MOVE", self.moves.to_bytes())
            .add(b"ARCL", self.arc_labels.to_bytes())
            .add(b"LEMM", self.lemmatizer.to_bytes())
            .add(b"CLUS", self.clusters.to_bytes())
            .add(b"META", self.meta.as_bytes().to_vec());
        file.to_bytes()
    }

    /// Reads a model written by [`Parser::to_bytes`]; malformed input is an `Err`.
    pub fn from_bytes(bytes: &[u8]) -> Result<Parser, ModelError> {
        let file = ModelFile::from_bytes(bytes, KIND, VERSION)?;
        let labels = file.labels()?;
        if labels.id("root").is_none() || labels.len() >= 255 {
            return Err(ModelError::new("bad number of parser labels"));
        }
        let moves = CompactWeights::from_bytes(file.section(b"MOVE")?)?;
        let arc_labels = SparseWeights::from_bytes(file.section(b"ARCL")?)?;
        if arc_labels.n_classes() != labels.len() {
            return Err(ModelError::new("the label table does not match the labels"));
        }
        let lemmatizer = Lemmatizer::from_bytes(file.section(b"LEMM")?)?;
        let clusters = Clusters::from_bytes(file.section(b"CLUS")?)?;
        let meta = String::from_utf8_lossy(file.section(b"META")?).into_owned();
        Ok(Parser::from_parts(
            labels, moves, arc_labels, lemmatizer, clusters, meta,
        ))
    }
}
