//! Part-of-speech tagging: an averaged-perceptron UPOS tagger trained on UD English EWT.
//!
//! [`Tagger::embedded`] gives the model shipped inside the binary
//! (`models/pos-ewt.bin`, see `models/README.md`); [`train`] holds the code that
//! produced it (`cargo run --release --example train_tagger -- DATA_DIR OUT`).
//!
//! # Features
//! Honnibal-style greedy left-to-right tagging. For each token: the lowercased word,
//! the cased word, suffixes of 1–3 characters, the first character, the word shape
//! (`Xxxx`, `dd`, `X.X.`, runs capped at four), flags (capitalized, all caps, digit,
//! inner hyphen, sentence-initial), the two previous predicted tags (alone, paired, and
//! with the word or suffix), the previous/next two words, the suffixes of the
//! previous/next word, word bigrams, and for hyphenated compounds (`son-in-law`) the
//! part after the last hyphen. Curly apostrophes and quotes, guillemets and dashes are
//! normalized first (`’`→`'`, `“”„«»`→`"`, `—–`→`-`). A sentence whose long words are
//! all capitalized (a headline) or that is all in capitals is marked, and the casing
//! features are conjoined with that mark, so that capitalization keeps its meaning
//! ("capitalized mid-sentence ⇒ probably PROPN") in running text. Frequent,
//! unambiguous words are tagged straight from a tag dictionary.
//!
//! Features are 64-bit hashes ([`crate::learn::hash`]: FNV-1a over bytes, then a murmur3
//! finalizer, mixed with a template id), scored by a [`Weights`] table of the learning
//! core, and decoded greedily left to right ([`learn::decode::greedy`]), the same loop
//! in training and tagging.
//!
//! # Model file
//! A [`ModelFile`] of kind `pos-tagger`, version 2 (version 1 was a format of its own,
//! `NGPOSTAG`, with the same content), with these sections:
//!
//! | tag | content |
//! |---|---|
//! | `LABL` | the 17 tags, in the order of [`Upos::ALL`] |
//! | `DICT` | varint count, then per entry the tag id (u8) and the normalized cased word (str), words sorted |
//! | `LEXI` | varint count, then per entry the varint key delta and a 3-byte tag mask: lowercased-word hash → tags seen |
//! | `WGHT` | the weights ([`Weights::to_bytes`]: per feature a key delta, a 3-byte tag mask and zigzag varint `i16` weights) |
//!
//! Feature and lexicon keys are stored sorted, each as the LEB128 difference from the
//! previous one (the first from 0); keys are non-zero and strictly increasing. Pruned
//! weights are zero and not stored.

mod features;
pub mod train;

use std::cell::RefCell;
use std::sync::OnceLock;

use crate::learn::codec::{Reader, write_str, write_varint};
use crate::learn::decode::{self, Predict, Sequence};
use crate::learn::{self, FeatureBuf, LabelSet, ModelError, ModelFile, Weights};
use features::{Lexicon, Mode, Scratch, TAG_START1, TAG_START2};

/// Number of UPOS tags.
pub const N_TAGS: usize = 17;

/// The 17 universal part-of-speech tags.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Upos {
    Adj,
    Adp,
    Adv,
    Aux,
    Cconj,
    Det,
    Intj,
    Noun,
    Num,
    Part,
    Pron,
    Propn,
    Punct,
    Sconj,
    Sym,
    Verb,
    X,
}

impl Upos {
    /// All tags, in the order of their ids in the model file.
    pub const ALL: [Upos; N_TAGS] = [
        Upos::Adj,
        Upos::Adp,
        Upos::Adv,
        Upos::Aux,
        Upos::Cconj,
        Upos::Det,
        Upos::Intj,
        Upos::Noun,
        Upos::Num,
        Upos::Part,
        Upos::Pron,
        Upos::Propn,
        Upos::Punct,
        Upos::Sconj,
        Upos::Sym,
        Upos::Verb,
        Upos::X,
    ];

    /// The tag as written in CoNLL-U (`"ADJ"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Upos::Adj => "ADJ",
            Upos::Adp => "ADP",
            Upos::Adv => "ADV",
            Upos::Aux => "AUX",
            Upos::Cconj => "CCONJ",
            Upos::Det => "DET",
            Upos::Intj => "INTJ",
            Upos::Noun => "NOUN",
            Upos::Num => "NUM",
            Upos::Part => "PART",
            Upos::Pron => "PRON",
            Upos::Propn => "PROPN",
            Upos::Punct => "PUNCT",
            Upos::Sconj => "SCONJ",
            Upos::Sym => "SYM",
            Upos::Verb => "VERB",
            Upos::X => "X",
        }
    }

    /// Parses a CoNLL-U tag name (`"PROPN"`).
    pub fn parse(s: &str) -> Option<Upos> {
        Upos::ALL.iter().copied().find(|t| t.as_str() == s)
    }

    pub(crate) fn id(self) -> usize {
        self as usize
    }

    fn from_id(id: usize) -> Option<Upos> {
        Upos::ALL.get(id).copied()
    }
}

impl std::fmt::Display for Upos {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The component name and format version in the model file.
const KIND: &str = "pos-tagger";
const VERSION: u32 = 2;

static EMBEDDED_MODEL: &[u8] = include_bytes!("../../models/pos-ewt.bin");

/// A trained tagger: quantized weights ([`Weights`]), a tag dictionary of frequent
/// unambiguous words and the ambiguity classes of frequent words.
#[derive(Clone)]
pub struct Tagger {
    weights: Weights,
    /// Tag dictionary `(hash of normalized cased word, tag id)`, open addressing, key 0
    /// empty, power-of-two length.
    dict_slots: Vec<(u64, u8)>,
    /// The dictionary's words, sorted, for serialization.
    dict_words: Vec<(String, Upos)>,
    /// Ambiguity classes of frequent words.
    lexicon: Lexicon,
}

impl std::fmt::Debug for Tagger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tagger")
            .field("features", &self.weights.len())
            .field("dict_words", &self.dict_words.len())
            .field("lexicon", &self.lexicon.entries().len())
            .field("scale", &self.weights.scale())
            .finish()
    }
}

/// Reusable buffers of one thread.
#[derive(Default)]
struct Buffers {
    scratch: Scratch,
    feats: FeatureBuf,
    classes: Vec<usize>,
}

thread_local! {
    static BUFFERS: RefCell<Buffers> = RefCell::new(Buffers::default());
}

fn table_len(n: usize) -> usize {
    (n * 2).max(16).next_power_of_two()
}

/// The tag names in id order.
fn tag_labels() -> LabelSet {
    let names: Vec<&str> = Upos::ALL.iter().map(|t| t.as_str()).collect();
    LabelSet::new(&names).unwrap_or_else(|_| unreachable!("the 17 tags are distinct"))
}

/// The sequence the tagger decodes: a prepared sentence, with the dictionary.
struct Tagging<'a> {
    tagger: &'a Tagger,
    scratch: &'a Scratch,
    use_dict: bool,
}

impl Sequence for Tagging<'_> {
    #[inline]
    fn forced(&mut self, i: usize) -> Option<usize> {
        if self.use_dict {
            self.tagger
                .dict_lookup(self.scratch.infos[i].cased)
                .map(usize::from)
        } else {
            None
        }
    }

    #[inline]
    fn features(&mut self, i: usize, history: &[usize], out: &mut FeatureBuf) {
        self.scratch.features(i, history[0], history[1], out);
    }
}

impl Tagger {
    /// The model embedded in the binary, parsed once. If it were corrupt (the tests
    /// check it is not), this would be a tagger without weights, giving every word
    /// the same tag, rather than a panic.
    pub fn embedded() -> &'static Tagger {
        static T: OnceLock<Tagger> = OnceLock::new();
        T.get_or_init(|| Tagger::from_bytes(EMBEDDED_MODEL).unwrap_or_else(|_| Tagger::empty()))
    }

    /// A tagger with no weights.
    fn empty() -> Tagger {
        Tagger::from_parts(Weights::empty(Upos::ALL.len()), Vec::new(), &[])
    }

    /// Builds a tagger from its weights, a sorted dictionary and sorted lexicon entries.
    pub(crate) fn from_parts(
        weights: Weights,
        dict_words: Vec<(String, Upos)>,
        lexicon: &[(u64, u32)],
    ) -> Tagger {
        let mut dict_slots = vec![(0u64, 0u8); table_len(dict_words.len())];
        let dmask = dict_slots.len() - 1;
        for (w, t) in &dict_words {
            let k = dict_key(w);
            let mut s = (k as usize) & dmask;
            while dict_slots[s].0 != 0 && dict_slots[s].0 != k {
                s = (s + 1) & dmask;
            }
            dict_slots[s] = (k, t.id() as u8);
        }
        Tagger {
            weights,
            dict_slots,
            dict_words,
            lexicon: Lexicon::new(lexicon),
        }
    }

    #[inline]
    fn dict_lookup(&self, cased: u64) -> Option<u8> {
        let key = dict_key_from_hash(cased);
        let mask = self.dict_slots.len() - 1;
        let mut s = (key as usize) & mask;
        loop {
            let (k, t) = self.dict_slots[s];
            if k == key {
                return Some(t);
            }
            if k == 0 {
                return None;
            }
            s = (s + 1) & mask;
        }
    }

    /// Tags one sentence. `words` are the sentence's tokens as they appear in the text.
    pub fn tag(&self, words: &[&str]) -> Vec<Upos> {
        let mut out = Vec::with_capacity(words.len());
        self.tag_into(words, &mut out);
        out
    }

    /// Same as [`Tagger::tag`], writing into a reusable buffer.
    pub fn tag_into(&self, words: &[&str], out: &mut Vec<Upos>) {
        out.clear();
        if words.is_empty() {
            return;
        }
        BUFFERS.with(|cell| match cell.try_borrow_mut() {
            Ok(mut b) => self.tag_with(&mut b, words, out),
            Err(_) => self.tag_with(&mut Buffers::default(), words, out),
        });
    }

    fn tag_with(&self, b: &mut Buffers, words: &[&str], out: &mut Vec<Upos>) {
        let Buffers {
            scratch,
            feats,
            classes,
        } = b;
        scratch.prepare(words, &self.lexicon);
        let mut seq = Tagging {
            tagger: self,
            use_dict: scratch.mode() == Mode::Normal,
            scratch,
        };
        classes.clear();
        decode::greedy(
            &mut seq,
            &mut Predict::new(&self.weights),
            words.len(),
            &[TAG_START1, TAG_START2],
            None,
            feats,
            classes,
        );
        out.extend(classes.iter().map(|&c| Upos::from_id(c).unwrap_or(Upos::X)));
    }

    /// Serializes the model (format in the module docs). Deterministic.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut dict = Vec::new();
        write_varint(&mut dict, self.dict_words.len() as u64);
        for (w, t) in &self.dict_words {
            dict.push(t.id() as u8);
            write_str(&mut dict, w);
        }
        let lexicon = self.lexicon.entries();
        let mut lex = Vec::new();
        write_varint(&mut lex, lexicon.len() as u64);
        let mut prev = 0u64;
        for (k, m) in lexicon {
            write_varint(&mut lex, k - prev);
            prev = k;
            lex.extend_from_slice(&m.to_le_bytes()[..3]);
        }
        let mut file = ModelFile::new(KIND, VERSION);
        file.add_labels(&tag_labels())
            .add(b"DICT", dict)
            .add(b"LEXI", lex)
            .add_weights(b"WGHT", &self.weights);
        file.to_bytes()
    }

    /// Parses a model written by [`Tagger::to_bytes`]; any malformed input is an `Err`.
    pub fn from_bytes(b: &[u8]) -> Result<Tagger, String> {
        Ok(Tagger::read(b)?)
    }

    fn read(b: &[u8]) -> Result<Tagger, ModelError> {
        let file = ModelFile::from_bytes(b, KIND, VERSION)?;
        if file.labels()? != tag_labels() {
            return Err(ModelError::new("the model's tags are not the 17 UPOS tags"));
        }
        let weights = file.weights(b"WGHT")?;
        if weights.n_classes() != N_TAGS {
            return Err(ModelError::new("model has the wrong number of tags"));
        }
        let d = file.section(b"DICT")?;
        let mut r = Reader::new(d);
        let n_dict = r.count(d.len() / 2)?;
        let mut dict_words = Vec::with_capacity(n_dict);
        for _ in 0..n_dict {
            let tag = Upos::from_id(usize::from(r.u8()?))
                .ok_or_else(|| ModelError::new("bad tag id in dictionary"))?;
            dict_words.push((r.str()?.to_string(), tag));
        }
        r.finish("dictionary")?;
        if !dict_words.windows(2).all(|w| w[0].0 < w[1].0) {
            return Err(ModelError::new("dictionary is not sorted"));
        }
        let l = file.section(b"LEXI")?;
        let mut r = Reader::new(l);
        let n_lex = r.count(l.len() / 4)?;
        let mut lexicon = Vec::with_capacity(n_lex);
        let mut key = 0u64;
        for _ in 0..n_lex {
            let delta = r.varint()?;
            if delta == 0 {
                return Err(ModelError::new("lexicon keys are not strictly increasing"));
            }
            key = key
                .checked_add(delta)
                .ok_or_else(|| ModelError::new("lexicon key overflow"))?;
            let m = r.take(3)?;
            let mask = u32::from(m[0]) | u32::from(m[1]) << 8 | u32::from(m[2]) << 16;
            if mask == 0 || mask >> N_TAGS != 0 {
                return Err(ModelError::new("bad lexicon tag mask"));
            }
            lexicon.push((key, mask));
        }
        r.finish("lexicon")?;
        Ok(Tagger::from_parts(weights, dict_words, &lexicon))
    }
}

fn dict_key(word: &str) -> u64 {
    dict_key_from_hash(features::cased_hash(word))
}

fn dict_key_from_hash(h: u64) -> u64 {
    learn::hash::key(1000, h)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_model_parses() {
        let t = Tagger::from_bytes(EMBEDDED_MODEL).expect("embedded model must parse");
        assert_eq!(t.to_bytes(), EMBEDDED_MODEL);
    }

    /// Corrupt bodies with a valid checksum must give `Err` or a usable tagger, never a
    /// panic.
    #[test]
    fn from_bytes_survives_corruption_behind_a_valid_checksum() {
        let good = EMBEDDED_MODEL;
        let body = &good[..good.len() - 8];
        let mut state = 0x1234_5678_9abc_def0u64;
        let mut rand = move || {
            state = learn::hash::fmix(state.wrapping_add(0x9e37_79b9_7f4a_7c15));
            state
        };
        let seal = |mut b: Vec<u8>| {
            let sum = learn::hash::hash_bytes(0, &b);
            b.extend_from_slice(&sum.to_le_bytes());
            b
        };
        for round in 0..200 {
            let mut b = body[..body.len().min(4096)].to_vec();
            if round % 10 == 0 {
                b = body.to_vec();
            }
            let edits = 1 + rand() % 8;
            for _ in 0..edits {
                let at = 8 + (rand() as usize) % (b.len() - 8);
                b[at] = rand() as u8;
            }
            if round % 5 == 0 {
                let cut = 8 + (rand() as usize) % (b.len() - 8);
                b.truncate(cut);
            }
            if let Ok(t) = Tagger::from_bytes(&seal(b)) {
                let _ = t.tag(&["Ostrava", "met", "the", "envoy", "."]);
            }
        }
    }

    #[test]
    fn upos_names_round_trip() {
        for t in Upos::ALL {
            assert_eq!(Upos::parse(t.as_str()), Some(t));
            assert_eq!(Upos::from_id(t.id()), Some(t));
        }
        assert_eq!(Upos::parse("NN"), None);
    }
}
