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
//! Features are 64-bit hashes (FNV-1a over bytes, then a murmur3 finalizer, mixed with
//! a template id), looked up in an open-addressing table.
//!
//! # Model file format, version 1
//! All integers little-endian.
//!
//! | field | bytes | meaning |
//! |---|---|---|
//! | magic | 8 | `NGPOSTAG` |
//! | version | u32 | `1` |
//! | tags | u32 | `17`, in the order of [`Upos::ALL`] |
//! | scale | f32 | weights were multiplied by this before rounding (informative) |
//! | dict entries | u32 | `D` |
//! | features | u32 | `F` |
//! | lexicon entries | u32 | `L` |
//! | dictionary | D × (u8 tag, u16 length, UTF-8 bytes) | normalized cased word → tag |
//! | weights | F × (varint key delta, 3-byte tag mask, per set bit a zigzag varint i16) | |
//! | lexicon | L × (varint key delta, 3-byte tag mask) | lowercased-word hash → tags seen |
//! | checksum | u64 | [`features::hash_bytes`] (seed 0) of all bytes before it |
//!
//! Feature and lexicon keys are stored sorted, each as the LEB128 difference from the previous one
//! (the first from 0); keys are non-zero and strictly increasing. The tag mask's bit `t`
//! says the feature has a non-zero weight for tag `t` (pruned weights are zero).

mod features;
pub mod train;

use std::cell::RefCell;
use std::sync::OnceLock;

use features::{Lexicon, MAX_FEATURES, Mode, Scratch, TAG_START1, TAG_START2};

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

    fn id(self) -> usize {
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

const MAGIC: &[u8; 8] = b"NGPOSTAG";
const EMPTY: u32 = u32::MAX;
const VERSION: u32 = 1;

static EMBEDDED_MODEL: &[u8] = include_bytes!("../../models/pos-ewt.bin");

/// A trained tagger: quantized weights in an open-addressing hash table.
#[derive(Clone)]
pub struct Tagger {
    /// Open-addressing slots `(high half of key, row)`, probed from the key's low bits;
    /// row `EMPTY` marks an empty slot. Length is a power of two. Matching 32 key bits
    /// on top of the probe position makes a false hit about a one-in-four-billion event
    /// per unknown feature, and halves the table (it stays in cache better).
    slots: Vec<(u32, u32)>,
    /// Full key of each row, for serialization.
    keys: Vec<u64>,
    /// `(rows + 1) × N_TAGS` weights; the last row, all zero, stands for unknown
    /// features.
    weights: Vec<i16>,
    /// Tag dictionary `(hash of normalized cased word, tag id)`, same layout as `slots`.
    dict_slots: Vec<(u64, u8)>,
    /// The dictionary's words, sorted, for serialization.
    dict_words: Vec<(String, Upos)>,
    /// Ambiguity classes of frequent words.
    lexicon: Lexicon,
    scale: f32,
}

impl std::fmt::Debug for Tagger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tagger")
            .field("features", &self.keys.len())
            .field("dict_words", &self.dict_words.len())
            .field("lexicon", &self.lexicon.entries().len())
            .field("scale", &self.scale)
            .finish()
    }
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

fn table_len(n: usize) -> usize {
    (n * 2).max(16).next_power_of_two()
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
        Tagger::from_parts(Vec::new(), Vec::new(), &[], 1.0)
    }

    /// Builds a tagger from sorted `(key, weights)` rows and a sorted dictionary.
    pub(crate) fn from_parts(
        rows: Vec<(u64, [i16; N_TAGS])>,
        dict_words: Vec<(String, Upos)>,
        lexicon: &[(u64, u32)],
        scale: f32,
    ) -> Tagger {
        debug_assert!(rows.windows(2).all(|w| w[0].0 < w[1].0));
        let mut slots = vec![(0u32, EMPTY); table_len(rows.len())];
        let mask = slots.len() - 1;
        let mut weights = Vec::with_capacity(rows.len() * N_TAGS);
        let mut keys = Vec::with_capacity(rows.len());
        for (r, (k, w)) in rows.iter().enumerate() {
            let mut s = (*k as usize) & mask;
            while slots[s].1 != EMPTY {
                s = (s + 1) & mask;
            }
            slots[s] = ((*k >> 32) as u32, r as u32);
            weights.extend_from_slice(w);
            keys.push(*k);
        }
        // The row of unknown features.
        weights.extend_from_slice(&[0; N_TAGS]);
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
            slots,
            keys,
            weights,
            dict_slots,
            dict_words,
            lexicon: Lexicon::new(lexicon),
            scale,
        }
    }

    /// Index of `key`'s row in `weights`, or of the final all-zero row when the
    /// feature is unknown.
    #[inline]
    fn row_index(&self, key: u64) -> usize {
        let mask = self.slots.len() - 1;
        let check = (key >> 32) as u32;
        let mut s = (key as usize) & mask;
        loop {
            let (k, r) = self.slots[s];
            if r == EMPTY {
                return self.keys.len();
            }
            if k == check {
                return r as usize;
            }
            s = (s + 1) & mask;
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
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut scratch) => self.tag_with(&mut scratch, words, out),
            Err(_) => self.tag_with(&mut Scratch::default(), words, out),
        });
    }

    fn tag_with(&self, scratch: &mut Scratch, words: &[&str], out: &mut Vec<Upos>) {
        scratch.prepare(words, &self.lexicon);
        let use_dict = scratch.mode() == Mode::Normal;
        let mut feats = [0u64; MAX_FEATURES];
        let (mut p1, mut p2) = (TAG_START1, TAG_START2);
        for i in 0..words.len() {
            let dict = if use_dict {
                self.dict_lookup(scratch.infos[i].cased)
            } else {
                None
            };
            let t = match dict {
                Some(t) => t,
                None => {
                    let n = scratch.features(i, p1, p2, &mut feats);
                    // Find all rows first, then add them: the independent table
                    // lookups overlap their cache misses.
                    let mut rows = [0usize; MAX_FEATURES];
                    for (r, &k) in rows.iter_mut().zip(&feats[..n]) {
                        *r = self.row_index(k) * N_TAGS;
                    }
                    let mut scores = [0i32; N_TAGS];
                    for &r in &rows[..n] {
                        if let Some(w) = self.weights.get(r..r + N_TAGS) {
                            for (s, &w) in scores.iter_mut().zip(w) {
                                *s += i32::from(w);
                            }
                        }
                    }
                    argmax(&scores) as u8
                }
            };
            out.push(Upos::from_id(usize::from(t)).unwrap_or(Upos::X));
            p2 = p1;
            p1 = t;
        }
    }

    /// Serializes the model (format in the module docs). Deterministic.
    pub fn to_bytes(&self) -> Vec<u8> {
        // Rows are kept in key order (from_parts is always given sorted rows).
        let rows = self.keys.iter().enumerate().map(|(r, &k)| (k, r as u32));
        let mut b = Vec::with_capacity(self.keys.len() * 12 + 64);
        b.extend_from_slice(MAGIC);
        b.extend_from_slice(&VERSION.to_le_bytes());
        b.extend_from_slice(&(N_TAGS as u32).to_le_bytes());
        b.extend_from_slice(&self.scale.to_le_bytes());
        b.extend_from_slice(&(self.dict_words.len() as u32).to_le_bytes());
        b.extend_from_slice(&(self.keys.len() as u32).to_le_bytes());
        let lexicon = self.lexicon.entries();
        b.extend_from_slice(&(lexicon.len() as u32).to_le_bytes());
        for (w, t) in &self.dict_words {
            b.push(t.id() as u8);
            b.extend_from_slice(&(w.len() as u16).to_le_bytes());
            b.extend_from_slice(w.as_bytes());
        }
        let mut prev = 0u64;
        for (k, r) in rows {
            write_varint(&mut b, k - prev);
            prev = k;
            let r = r as usize * N_TAGS;
            let w = &self.weights[r..r + N_TAGS];
            let mask = w
                .iter()
                .enumerate()
                .filter(|(_, w)| **w != 0)
                .fold(0u32, |m, (t, _)| m | 1 << t);
            b.extend_from_slice(&mask.to_le_bytes()[..3]);
            for &w in w.iter().filter(|w| **w != 0) {
                let z = ((i32::from(w) << 1) ^ (i32::from(w) >> 31)) as u32;
                write_varint(&mut b, u64::from(z));
            }
        }
        let mut prev = 0u64;
        for (k, m) in lexicon {
            write_varint(&mut b, k - prev);
            prev = k;
            b.extend_from_slice(&m.to_le_bytes()[..3]);
        }
        let sum = features::hash_bytes(0, &b);
        b.extend_from_slice(&sum.to_le_bytes());
        b
    }

    /// Parses a model written by [`Tagger::to_bytes`]; any malformed input is an `Err`.
    pub fn from_bytes(b: &[u8]) -> Result<Tagger, String> {
        if b.len() < 36 {
            return Err("model too short".into());
        }
        let (body, sum) = b.split_at(b.len() - 8);
        if &body[..8] != MAGIC {
            return Err("not a newsgraph POS model (bad magic)".into());
        }
        let mut r = Reader { b: body, pos: 8 };
        let version = r.u32()?;
        if version != VERSION {
            return Err(format!("unsupported model version {version}"));
        }
        let want = u64::from_le_bytes(sum.try_into().map_err(|_| "bad checksum field")?);
        if features::hash_bytes(0, body) != want {
            return Err("model checksum mismatch".into());
        }
        if r.u32()? as usize != N_TAGS {
            return Err("model has the wrong number of tags".into());
        }
        let scale = f32::from_le_bytes(r.take(4)?.try_into().map_err(|_| "bad scale")?);
        let n_dict = r.u32()? as usize;
        let n_feat = r.u32()? as usize;
        let n_lex = r.u32()? as usize;
        // Every entry takes at least 3 bytes: bound allocations by the input size.
        if n_dict.saturating_add(n_feat).saturating_add(n_lex) > body.len() / 3 {
            return Err("model counts exceed its size".into());
        }
        let mut dict_words = Vec::with_capacity(n_dict);
        for _ in 0..n_dict {
            let tag = Upos::from_id(usize::from(r.u8()?)).ok_or("bad tag id in dictionary")?;
            let len = usize::from(u16::from_le_bytes(
                r.take(2)?.try_into().map_err(|_| "bad length")?,
            ));
            let word =
                std::str::from_utf8(r.take(len)?).map_err(|_| "dictionary word is not UTF-8")?;
            dict_words.push((word.to_string(), tag));
        }
        if !dict_words.windows(2).all(|w| w[0].0 < w[1].0) {
            return Err("dictionary is not sorted".into());
        }
        let mut rows = Vec::with_capacity(n_feat);
        let mut key = 0u64;
        for _ in 0..n_feat {
            let delta = r.varint()?;
            if delta == 0 {
                return Err("feature keys are not strictly increasing".into());
            }
            key = key.checked_add(delta).ok_or("feature key overflow")?;
            let m = r.take(3)?;
            let mask = u32::from(m[0]) | u32::from(m[1]) << 8 | u32::from(m[2]) << 16;
            if mask >> N_TAGS != 0 {
                return Err("bad tag mask".into());
            }
            let mut w = [0i16; N_TAGS];
            for (t, w) in w.iter_mut().enumerate() {
                if mask & 1 << t != 0 {
                    let z = r.varint()?;
                    let v = ((z >> 1) as i64) ^ -((z & 1) as i64);
                    *w = i16::try_from(v).map_err(|_| "weight out of range")?;
                }
            }
            rows.push((key, w));
        }
        let mut lexicon = Vec::with_capacity(n_lex);
        let mut key = 0u64;
        for _ in 0..n_lex {
            let delta = r.varint()?;
            if delta == 0 {
                return Err("lexicon keys are not strictly increasing".into());
            }
            key = key.checked_add(delta).ok_or("lexicon key overflow")?;
            let m = r.take(3)?;
            let mask = u32::from(m[0]) | u32::from(m[1]) << 8 | u32::from(m[2]) << 16;
            if mask == 0 || mask >> N_TAGS != 0 {
                return Err("bad lexicon tag mask".into());
            }
            lexicon.push((key, mask));
        }
        if r.pos != body.len() {
            return Err("trailing bytes in model".into());
        }
        Ok(Tagger::from_parts(rows, dict_words, &lexicon, scale))
    }
}

fn dict_key(word: &str) -> u64 {
    dict_key_from_hash(features::cased_hash(word))
}

fn dict_key_from_hash(h: u64) -> u64 {
    features::key(1000, h)
}

#[inline]
fn argmax(scores: &[i32; N_TAGS]) -> usize {
    let mut best = 0;
    for (t, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = t;
        }
    }
    best
}

fn write_varint(b: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        b.push((v as u8) | 0x80);
        v >>= 7;
    }
    b.push(v as u8);
}

struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.b.len());
        match end {
            Some(end) => {
                let s = &self.b[self.pos..end];
                self.pos = end;
                Ok(s)
            }
            None => Err("model truncated".into()),
        }
    }

    fn u8(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?[0])
    }

    fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().map_err(|_| "truncated")?,
        ))
    }

    fn varint(&mut self) -> Result<u64, String> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.u8()?;
            v |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                if shift == 63 && byte > 1 {
                    return Err("varint overflow".into());
                }
                return Ok(v);
            }
        }
        Err("varint too long".into())
    }
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
            state = features::fmix(state.wrapping_add(0x9e37_79b9_7f4a_7c15));
            state
        };
        let seal = |mut b: Vec<u8>| {
            let sum = features::hash_bytes(0, &b);
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

    #[test]
    fn varint_round_trips() {
        for v in [0u64, 1, 127, 128, 300, u64::MAX, u64::MAX - 1, 1 << 63] {
            let mut b = Vec::new();
            write_varint(&mut b, v);
            let mut r = Reader { b: &b, pos: 0 };
            assert_eq!(r.varint().unwrap(), v);
            assert_eq!(r.pos, b.len());
        }
    }
}
