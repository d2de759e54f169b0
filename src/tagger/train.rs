//! Training the tagger: reading CoNLL-U, the training loop over the learning core's
//! averaged perceptron, evaluation.
//!
//! Training is deterministic: integer perceptron weights, a seeded shuffle, sorted
//! output. The same data, iterations and seed give the same model bytes.

use std::collections::HashMap;

use super::features::{
    Lexicon, MAX_FEATURES, Mode, Scratch, TAG_START1, TAG_START2, normalize_into,
};
use super::{N_TAGS, Tagger, Upos};
use crate::learn::decode::{self, Learn, Sequence};
use crate::learn::train::{KeyMap, Rng, shuffle};
use crate::learn::{FeatureBuf, Perceptron};

/// One tagged sentence: words and their tags.
pub type Sentence = (Vec<String>, Vec<Upos>);

struct Token<'a> {
    form: &'a str,
    upos: Upos,
    hyph: bool,
    space_after: bool,
}

/// Reads the CoNLL-U sentences of `text`, calling `f` with each sentence's tokens.
/// Multiword-token lines (`1-2`) and empty nodes (`1.1`) are skipped, and so are
/// tokens whose UPOS is not one of the 17 tags.
fn for_each_sentence<'a>(text: &'a str, mut f: impl FnMut(&[Token<'a>])) {
    let mut sent = Vec::new();
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            if !sent.is_empty() {
                f(&sent);
                sent.clear();
            }
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 4 || !cols[0].bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let Some(upos) = Upos::parse(cols[3]) else {
            continue;
        };
        sent.push(Token {
            form: cols[1],
            upos,
            hyph: cols.get(4) == Some(&"HYPH"),
            space_after: !cols
                .get(9)
                .is_some_and(|m| m.split('|').any(|x| x == "SpaceAfter=No")),
        });
    }
    if !sent.is_empty() {
        f(&sent);
    }
}

/// Reads the sentences of a CoNLL-U file as (words, UPOS tags).
pub fn read_conllu(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    for_each_sentence(text, |toks| {
        out.push((
            toks.iter().map(|t| t.form.to_string()).collect(),
            toks.iter().map(|t| t.upos).collect(),
        ));
    });
    out
}

/// Reads CoNLL-U like [`read_conllu`] but joins hyphenated compounds that EWT splits
/// (`son` `-` `in` `-` `law`, written without spaces, the hyphen tagged `HYPH`) into
/// one token (`son-in-law`) tagged like its last part, as our tokenizer keeps them.
/// Returns only the sentences that had such a compound: extra training variants.
pub fn merge_hyphen_compounds(text: &str) -> Vec<Sentence> {
    let has_alnum = |s: &str| s.chars().any(char::is_alphanumeric);
    let mut out = Vec::new();
    for_each_sentence(text, |toks| {
        let mut words = Vec::with_capacity(toks.len());
        let mut tags = Vec::with_capacity(toks.len());
        let mut merged = false;
        let mut i = 0;
        while i < toks.len() {
            let mut word = toks[i].form.to_string();
            let mut tag = toks[i].upos;
            let mut j = i;
            while j + 2 < toks.len()
                && !toks[j].space_after
                && toks[j + 1].hyph
                && !toks[j + 1].space_after
                && has_alnum(toks[j].form)
                && has_alnum(toks[j + 2].form)
            {
                word.push_str(toks[j + 1].form);
                word.push_str(toks[j + 2].form);
                tag = toks[j + 2].upos;
                j += 2;
                merged = true;
            }
            words.push(word);
            tags.push(tag);
            i = j + 1;
        }
        if merged {
            out.push((words, tags));
        }
    });
    out
}

/// Training settings; [`Options::default`] gives the settings of the shipped model.
#[derive(Clone, Debug)]
pub struct Options {
    pub iterations: usize,
    pub seed: u64,
    /// Averaged weights with a smaller absolute value are dropped.
    pub prune: f64,
    /// Percent of sentences also trained on in headline case.
    pub title_percent: u64,
    /// Percent of sentences also trained on in capitals.
    pub caps_percent: u64,
    /// A word enters the tag dictionary when seen at least this often...
    pub dict_min_count: u32,
    /// ...with its most frequent tag at least this share of the time.
    pub dict_min_share: f64,
    /// A word gets an ambiguity class when seen at least this often; its class holds
    /// the tags it had at least `lex_min_share` of the time.
    pub lex_min_count: u32,
    pub lex_min_share: f64,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            iterations: 10,
            seed: 1,
            prune: 0.5,
            title_percent: 15,
            caps_percent: 3,
            dict_min_count: 20,
            dict_min_share: 0.97,
            lex_min_count: 3,
            lex_min_share: 0.05,
        }
    }
}

/// Trains a tagger with the default [`Options`], `iterations` passes and `seed`.
pub fn train(train: &[Sentence], iterations: usize, seed: u64) -> Tagger {
    train_with(
        train,
        &Options {
            iterations,
            seed,
            ..Options::default()
        },
    )
}

/// Share of tokens of `data` that `t` tags correctly (0 when there are none).
pub fn accuracy(t: &Tagger, data: &[Sentence]) -> f64 {
    let mut right = 0usize;
    let mut total = 0usize;
    let mut words: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    for (w, gold) in data {
        words.clear();
        words.extend(w.iter().map(String::as_str));
        t.tag_into(&words, &mut out);
        right += out.iter().zip(gold).filter(|(a, b)| a == b).count();
        total += gold.len();
    }
    if total == 0 {
        0.0
    } else {
        right as f64 / total as f64
    }
}

/// Words that are not capitalized in headline case.
const SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "and", "but", "or", "nor", "for", "of", "in", "on", "at", "to", "by", "as",
    "up", "via", "vs", "vs.",
];

fn title_case(words: &[String], all: bool) -> Vec<String> {
    words
        .iter()
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(c) if c.is_lowercase() && (all || !SMALL_WORDS.contains(&w.as_str())) => {
                    c.to_uppercase().chain(cs).collect()
                }
                _ => w.clone(),
            }
        })
        .collect()
}

fn mode_of(scratch: &mut Scratch, words: &[String]) -> Mode {
    scratch.prepare(words, &Lexicon::default());
    scratch.mode()
}

/// Adds headline-case and all-caps copies of some sentences (chosen by `rng`).
fn augment(data: &[Sentence], opts: &Options, rng: &mut Rng) -> Vec<Sentence> {
    let mut scratch = Scratch::default();
    let mut out: Vec<Sentence> = data.to_vec();
    for (words, tags) in data {
        let r = rng.next_u64() % 100;
        if r < opts.title_percent {
            let all = rng.next_u64() & 1 == 0;
            let v = title_case(words, all);
            if mode_of(&mut scratch, &v) == Mode::Title {
                out.push((v, tags.clone()));
            }
        } else if r < opts.title_percent + opts.caps_percent {
            let v: Vec<String> = words.iter().map(|w| w.to_uppercase()).collect();
            if mode_of(&mut scratch, &v) == Mode::AllCaps {
                out.push((v, tags.clone()));
            }
        }
    }
    out
}

/// Frequent words that (nearly) always have one tag, in running text.
fn build_dict(data: &[Sentence], opts: &Options) -> Vec<(String, Upos)> {
    let mut scratch = Scratch::default();
    let mut counts: HashMap<String, [u32; N_TAGS]> = HashMap::new();
    let mut norm = String::new();
    for (words, tags) in data {
        if mode_of(&mut scratch, words) != Mode::Normal {
            continue;
        }
        for (w, t) in words.iter().zip(tags) {
            normalize_into(w, &mut norm);
            counts.entry(norm.clone()).or_insert([0; N_TAGS])[t.id()] += 1;
        }
    }
    let mut dict: Vec<(String, Upos)> = counts
        .into_iter()
        .filter_map(|(w, c)| {
            let n: u32 = c.iter().sum();
            let (best, &m) = c
                .iter()
                .enumerate()
                .max_by_key(|&(t, &m)| (m, N_TAGS - t))?;
            let ok = n >= opts.dict_min_count
                && f64::from(m) >= opts.dict_min_share * f64::from(n)
                && w.len() <= usize::from(u16::MAX);
            ok.then(|| (w, Upos::ALL[best]))
        })
        .collect();
    dict.sort();
    dict
}

/// Ambiguity classes of the words seen at least `lex_min_count` times.
fn build_lexicon(data: &[Sentence], opts: &Options) -> Vec<(u64, u32)> {
    let mut scratch = Scratch::default();
    let empty = Lexicon::default();
    let mut counts: KeyMap<[u32; N_TAGS]> = KeyMap::default();
    for (words, tags) in data {
        scratch.prepare(words, &empty);
        for (info, t) in scratch.infos.iter().zip(tags) {
            counts.entry(info.lower).or_insert([0; N_TAGS])[t.id()] += 1;
        }
    }
    let mut lex: Vec<(u64, u32)> = counts
        .into_iter()
        .filter_map(|(k, c)| {
            let n: u32 = c.iter().sum();
            let mask = c
                .iter()
                .enumerate()
                .filter(|&(_, &m)| m > 0 && f64::from(m) >= opts.lex_min_share * f64::from(n))
                .fold(0u32, |mask, (t, _)| mask | 1 << t);
            (n >= opts.lex_min_count && mask != 0 && k != 0).then_some((k, mask))
        })
        .collect();
    lex.sort_unstable();
    lex
}

/// The sequence training decodes: a prepared sentence, with the exact-match dictionary.
struct Training<'a> {
    scratch: &'a Scratch,
    words: &'a [String],
    dict: Option<&'a HashMap<&'a str, usize>>,
    norm: String,
}

impl Sequence for Training<'_> {
    fn forced(&mut self, i: usize) -> Option<usize> {
        let dict = self.dict?;
        normalize_into(&self.words[i], &mut self.norm);
        dict.get(self.norm.as_str()).copied()
    }

    fn features(&mut self, i: usize, history: &[usize], out: &mut FeatureBuf) {
        self.scratch.features(i, history[0], history[1], out);
    }
}

/// Trains a tagger on `data` with `opts`.
pub fn train_with(data: &[Sentence], opts: &Options) -> Tagger {
    let mut rng = Rng::new(opts.seed);
    let dict_words = build_dict(data, opts);
    let dict: HashMap<&str, usize> = dict_words
        .iter()
        .map(|(w, t)| (w.as_str(), t.id()))
        .collect();
    let lex_entries = build_lexicon(data, opts);
    let lexicon = Lexicon::new(&lex_entries);
    let data = augment(data, opts, &mut rng);
    let mut p = Perceptron::new(N_TAGS);
    let mut scratch = Scratch::default();
    let mut feats = FeatureBuf::with_capacity(MAX_FEATURES);
    let mut gold: Vec<usize> = Vec::new();
    let mut out = Vec::new();
    let mut order: Vec<usize> = (0..data.len()).collect();
    for _ in 0..opts.iterations {
        shuffle(&mut order, &mut rng);
        for &s in &order {
            let (words, tags) = &data[s];
            scratch.prepare(words, &lexicon);
            let use_dict = scratch.mode() == Mode::Normal;
            gold.clear();
            gold.extend(tags.iter().map(|t| t.id()));
            out.clear();
            let mut seq = Training {
                scratch: &scratch,
                words,
                dict: use_dict.then_some(&dict),
                norm: String::new(),
            };
            decode::greedy(
                &mut seq,
                &mut Learn::new(&mut p),
                words.len(),
                &[TAG_START1, TAG_START2],
                Some(&gold),
                &mut feats,
                &mut out,
            );
        }
    }
    Tagger::from_parts(p.quantize(opts.prune), dict_words, &lex_entries)
}
