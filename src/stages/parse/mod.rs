//! Syntax: a labeled dependency tree and a lemma for every token, from the embedded
//! parser ([`Parser::embedded`], `models/parse-ewt.bin`) trained on UD English EWT.
//!
//! Entry point: [`parse`] (the document's segmentation and tags in, a [`Syntax`] out),
//! run by the pipeline between tagging and mentions. Later stages read clause structure
//! through the [`Syntax`] API: [`Syntax::head`], [`Syntax::rel`], [`Syntax::lemma`],
//! [`Syntax::children`], [`Syntax::subjects`], [`Syntax::objects`],
//! [`Syntax::is_passive`], [`Syntax::agent`], [`Syntax::conjuncts`],
//! [`Syntax::clause_head`], [`Syntax::subtree`].
//!
//! **Indices are document-wide token indices** (into `Segmentation::tokens`, like every
//! other layer); a head is always in the same sentence as its dependent, and each
//! sentence has exactly one word whose head is `None` (relation `root`).
//!
//! # How it parses
//! A greedy transition-based parser over the arc-hybrid system (`system.rs`: moves
//! `SHIFT`, `LEFT`, `RIGHT`, a projective tree in `2n` moves). About 120 hashed feature
//! templates describe a state: words, tags, suffixes, word classes and word+tag of the
//! three top stack and three first buffer words, the leftmost and rightmost dependents
//! of `s0`, `s1` and `b0` with their labels, the distances `s0`–`b0` and `s1`–`s0`, the
//! punctuation and verbs between them, valencies, label sets and sentence neighbours.
//! Two classifiers of the learning core decide (`model.rs`): the move classifier scores
//! `SHIFT`, and `LEFT` and `RIGHT` each with one of four groups of relations per
//! direction (nine classes, a [`CompactWeights`](crate::learn::CompactWeights) table:
//! one lookup per feature in a small array of key checks); when it makes an arc, a
//! label classifier with its own features (head, dependent and the dependent's finished
//! subtree, direction, distance, what lies between) chooses the relation within the
//! group. Training (`train.rs`) uses the dynamic oracle with exploration and jackknifed
//! tags, so the parser learns from its own and the tagger's errors (the shipped model
//! sees each sentence a second time with its gold tags). Word classes
//! (`clusters.rs`) are learned from raw text by the exchange algorithm
//! ([`crate::learn::cluster`]).
//!
//! The lemmatizer (`lemma.rs`) is rules for regular inflection by UPOS plus an
//! exception table learned from EWT train.
//!
//! Files: `deprel.rs` (labels), `system.rs`, `model.rs`, `clusters.rs`, `lemma.rs`,
//! `train.rs`.

pub mod clusters;
mod deprel;
pub mod lemma;
mod model;
mod system;
pub mod train;

use std::ops::Range;

pub use deprel::{Deprel, LABELS, Rel};
pub use lemma::Lemmatizer;
pub use model::{Parser, SentenceParse};

use crate::stages::segment::Segmentation;
use crate::tagger::Upos;
use crate::tagging::Tags;
use crate::text::Document;

const NO_HEAD: u32 = u32::MAX;

/// The syntax layer: per token its head, relation and lemma, and each token's
/// dependents (document-wide token indices).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Syntax {
    heads: Vec<u32>,
    deprels: Vec<Deprel>,
    lemmas: String,
    lemma_ends: Vec<u32>,
    /// Dependents of token `i`: `child_list[child_start[i]..child_start[i + 1]]`, in
    /// text order.
    child_start: Vec<u32>,
    child_list: Vec<u32>,
}

/// Relations that head a clause of their own.
const CLAUSAL: [Rel; 8] = [
    Rel::Root,
    Rel::Ccomp,
    Rel::Xcomp,
    Rel::Advcl,
    Rel::Acl,
    Rel::Csubj,
    Rel::Parataxis,
    Rel::List,
];

impl Syntax {
    /// Builds the layer from per-token heads (`None` for a sentence's root word),
    /// relations and lemmas.
    pub fn from_parts(heads: &[Option<usize>], deprels: Vec<Deprel>, lemmas: &[&str]) -> Syntax {
        let n = heads.len();
        let mut s = Syntax {
            heads: heads
                .iter()
                .map(|h| h.filter(|&h| h < n).map_or(NO_HEAD, |h| h as u32))
                .collect(),
            deprels,
            ..Syntax::default()
        };
        s.deprels.resize(n, Deprel::DEP);
        for l in lemmas {
            s.lemmas.push_str(l);
            s.lemma_ends.push(s.lemmas.len() as u32);
        }
        s.lemma_ends.resize(n, s.lemmas.len() as u32);
        s.index_children();
        s
    }

    fn index_children(&mut self) {
        let n = self.heads.len();
        let mut count = vec![0u32; n + 1];
        for &h in &self.heads {
            if h != NO_HEAD {
                count[h as usize + 1] += 1;
            }
        }
        for i in 0..n {
            count[i + 1] += count[i];
        }
        self.child_start = count.clone();
        self.child_list = vec![0; self.child_start[n] as usize];
        let mut fill = count;
        for (d, &h) in self.heads.iter().enumerate() {
            if h != NO_HEAD {
                let at = &mut fill[h as usize];
                self.child_list[*at as usize] = d as u32;
                *at += 1;
            }
        }
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.heads.len()
    }

    pub fn is_empty(&self) -> bool {
        self.heads.is_empty()
    }

    /// The head of token `i`; `None` for a sentence's root word (or out of range).
    pub fn head(&self, i: usize) -> Option<usize> {
        self.heads
            .get(i)
            .filter(|&&h| h != NO_HEAD)
            .map(|&h| h as usize)
    }

    /// The full relation of token `i` to its head (`nsubj:pass`); `dep` out of range.
    pub fn deprel(&self, i: usize) -> Deprel {
        self.deprels.get(i).copied().unwrap_or(Deprel::DEP)
    }

    /// The universal relation of token `i` (`Nsubj` for `nsubj:pass`).
    pub fn rel(&self, i: usize) -> Rel {
        self.deprel(i).rel()
    }

    /// The lemma of token `i` (empty out of range).
    pub fn lemma(&self, i: usize) -> &str {
        let Some(&end) = self.lemma_ends.get(i) else {
            return "";
        };
        let start = if i == 0 { 0 } else { self.lemma_ends[i - 1] };
        self.lemmas
            .get(start as usize..end as usize)
            .unwrap_or_default()
    }

    /// The dependents of token `i`, in text order.
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let r = match (self.child_start.get(i), self.child_start.get(i + 1)) {
            (Some(&a), Some(&b)) => a as usize..b as usize,
            _ => 0..0,
        };
        self.child_list[r].iter().map(|&c| c as usize)
    }

    /// The dependents of `i` whose universal relation is `rel`.
    pub fn dependents(&self, i: usize, rel: Rel) -> impl Iterator<Item = usize> + '_ {
        self.children(i).filter(move |&c| self.rel(c) == rel)
    }

    /// The dependents of `i` whose full label is `label` (`obl:agent`).
    pub fn dependents_labeled<'a>(
        &'a self,
        i: usize,
        label: &'a str,
    ) -> impl Iterator<Item = usize> + 'a {
        self.children(i)
            .filter(move |&c| self.deprel(c).as_str() == label)
    }

    /// The tokens `i` dominates, itself included, as a range (the trees are projective,
    /// so the subtree is contiguous).
    pub fn subtree(&self, i: usize) -> Range<usize> {
        if i >= self.len() {
            return i..i;
        }
        let (mut lo, mut hi) = (i, i);
        loop {
            match self.children(lo).next() {
                Some(c) if c < lo => lo = c,
                _ => break,
            }
        }
        loop {
            match self.children(hi).last() {
                Some(c) if c > hi => hi = c,
                _ => break,
            }
        }
        lo..hi + 1
    }

    /// The subjects of predicate `i` (`nsubj`, `csubj`, with their subtypes).
    pub fn subjects(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.children(i)
            .filter(move |&c| matches!(self.rel(c), Rel::Nsubj | Rel::Csubj))
    }

    /// The objects of predicate `i` (`obj`, `iobj`).
    pub fn objects(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.children(i)
            .filter(move |&c| matches!(self.rel(c), Rel::Obj | Rel::Iobj))
    }

    /// Whether predicate `i` is passive (a passive subject or auxiliary).
    pub fn is_passive(&self, i: usize) -> bool {
        self.children(i).any(|c| {
            matches!(
                self.deprel(c).as_str(),
                "nsubj:pass" | "csubj:pass" | "aux:pass"
            )
        })
    }

    /// The agent of passive predicate `i` (the noun of its `by` phrase, `obl:agent`).
    pub fn agent(&self, i: usize) -> Option<usize> {
        self.dependents_labeled(i, "obl:agent").next()
    }

    /// The other members of the coordination `i` belongs to (its `conj` dependents, or,
    /// when it is itself a conjunct, the first conjunct and the others), in text order.
    pub fn conjuncts(&self, i: usize) -> Vec<usize> {
        let mut first = i;
        let mut guard = 0;
        while self.rel(first) == Rel::Conj
            && let Some(h) = self.head(first)
            && guard < self.len()
        {
            first = h;
            guard += 1;
        }
        let mut out = Vec::new();
        let mut stack = vec![first];
        while let Some(x) = stack.pop() {
            if x != i {
                out.push(x);
            }
            for c in self.dependents(x, Rel::Conj) {
                if out.len() + stack.len() < self.len() {
                    stack.push(c);
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The head of the clause token `i` is in: the nearest of `i` and its ancestors whose
    /// relation heads a clause (`root`, `ccomp`, `xcomp`, `advcl`, `acl`, `csubj`,
    /// `parataxis`, `list`, or `conj` of such a head).
    pub fn clause_head(&self, i: usize) -> Option<usize> {
        if i >= self.len() {
            return None;
        }
        let mut at = i;
        for _ in 0..=self.len() {
            let r = self.rel(at);
            if CLAUSAL.contains(&r) {
                return Some(at);
            }
            if r == Rel::Conj
                && let Some(h) = self.head(at)
                && self.clause_head(h) == Some(h)
            {
                return Some(at);
            }
            at = self.head(at)?;
        }
        None
    }
}

/// Parses every sentence of the document with the embedded parser.
pub fn parse(doc: &Document, seg: &Segmentation, tags: &Tags) -> Syntax {
    parse_with(Parser::embedded(), doc, seg, tags)
}

/// Parses every sentence of the document with `parser`.
pub fn parse_with(parser: &Parser, doc: &Document, seg: &Segmentation, tags: &Tags) -> Syntax {
    let n = seg.tokens.len();
    let mut heads: Vec<Option<usize>> = vec![None; n];
    let mut deprels = vec![Deprel::ROOT; n];
    let mut lemmas = String::with_capacity(doc.text.len());
    let mut lemma_ends = Vec::with_capacity(n);
    let mut words: Vec<&str> = Vec::with_capacity(64);
    let mut stags: Vec<Upos> = Vec::with_capacity(64);
    let mut out = SentenceParse::default();
    let mut lower = String::new();
    let mut covered = 0;
    let lem = parser.lemmatizer();
    for s in &seg.sentences {
        let r = s.tokens.clone();
        // tokens outside sentences (none, normally) stay roots of their own
        while covered < r.start.min(n) {
            let w = &doc.text[seg.tokens[covered].span.range()];
            lem.lemma_into(w, tags.at(covered), &mut lower, &mut lemmas);
            lemma_ends.push(lemmas.len() as u32);
            covered += 1;
        }
        if r.end > n || r.start < covered {
            continue;
        }
        words.clear();
        words.extend(
            seg.tokens[r.clone()]
                .iter()
                .map(|t| &doc.text[t.span.range()]),
        );
        stags.clear();
        stags.extend(r.clone().map(|t| tags.at(t)));
        parser.parse_into(&words, &stags, &mut out);
        for (k, (h, d)) in out.heads.iter().zip(&out.deprels).enumerate() {
            heads[r.start + k] = h.map(|h| r.start + h);
            deprels[r.start + k] = *d;
            lem.lemma_into(words[k], stags[k], &mut lower, &mut lemmas);
            lemma_ends.push(lemmas.len() as u32);
        }
        covered = r.end;
    }
    while covered < n {
        let w = &doc.text[seg.tokens[covered].span.range()];
        lem.lemma_into(w, tags.at(covered), &mut lower, &mut lemmas);
        lemma_ends.push(lemmas.len() as u32);
        covered += 1;
    }
    let mut s = Syntax {
        heads: heads
            .iter()
            .map(|h| h.map_or(NO_HEAD, |h| h as u32))
            .collect(),
        deprels,
        lemmas,
        lemma_ends,
        ..Syntax::default()
    };
    s.index_children();
    s
}

#[cfg(test)]
mod tests;
