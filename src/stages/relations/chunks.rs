//! One sentence, chunked ([`Sent`]): its words, lowercase forms and tags, and its noun
//! phrases ([`Np`]: runs of determiners, adjectives, numbers, nouns, proper nouns,
//! possessives and `'s`, with entities kept whole).
//!
//! **The stage's reading of the tags.** `Sent::tag` starts as the tagger's tags and is then
//! corrected where the relation lexicon knows better: an `-ing`/`-ed` word tagged noun or
//! adjective that is a stance or demand verb in the lexicon reads as a verb, a participle
//! before a noun reads as an adjective, a lexicon adjective tagged noun reads as an
//! adjective. This is a derived, read-only view local to this stage: `Tags` is never
//! written, and quotes and mentions keep reading the tagger's tags. It stays here, not in
//! the tagger, because it depends on the relation lexicon, which users extend with
//! `--lexicon`, and because other stages reading it would change their output: giving it to
//! quotes changed the graphs of 3 train and 2 PolNeAR articles and of the whole corpus
//! (measured when the stages were split). Mentions could not read it at all: it depends
//! on the entities.

use super::facts::Extractor;
use crate::lexicon::relations::{Pos, Sense};
use crate::lexicon::words::{WordClass, is};
use crate::stages::entities::Entities;
use crate::stages::segment::Span;
use crate::tagger::Upos;
use crate::text::date::{is_month, is_weekday};

pub(super) struct Np {
    pub(super) start: usize,
    /// Exclusive.
    pub(super) end: usize,
}

impl Np {
    pub(super) fn head(&self) -> usize {
        self.end - 1
    }
}

/// One sentence, chunked. Indices are relative to `lo`; `tag` is this stage's reading
/// of the tags (see the module docs).
pub(super) struct Sent<'a> {
    pub(super) lo: usize,
    pub(super) span: Span,
    pub(super) words: Vec<&'a str>,
    pub(super) lower: Vec<String>,
    pub(super) tag: Vec<Upos>,
    /// Noun phrase of each token.
    pub(super) np: Vec<Option<usize>>,
    pub(super) nps: Vec<Np>,
}

impl Sent<'_> {
    pub(super) fn n(&self) -> usize {
        self.words.len()
    }
    pub(super) fn lw(&self, i: usize) -> &str {
        self.lower.get(i).map_or("", String::as_str)
    }
    pub(super) fn np_at(&self, i: usize) -> Option<&Np> {
        self.np.get(i).copied().flatten().map(|j| &self.nps[j])
    }
    /// The noun phrase starting at `i`.
    pub(super) fn np_starting(&self, i: usize) -> Option<&Np> {
        self.np_at(i).filter(|n| n.start == i)
    }
    pub(super) fn is_be(&self, i: usize) -> bool {
        matches!(
            self.lw(i),
            "is" | "are" | "was" | "were" | "be" | "been" | "being" | "am" | "remain" | "remains"
        )
    }
}

/// A time word that heads a noun phrase: `TIME_HEADS`, a weekday or a month ("may" is
/// left out: it is far more often the modal).
pub(super) fn is_time_head(w: &str) -> bool {
    is(WordClass::TimeHead, w) || is_weekday(w) || (is_month(w) && w != "may")
}

impl<'a> Extractor<'a> {
    pub(super) fn sentence(
        &self,
        toks: std::ops::Range<usize>,
        span: Span,
        ents: &Entities,
    ) -> Sent<'a> {
        let lo = toks.start;
        let words: Vec<&'a str> = toks.clone().map(|t| self.tok.word(t)).collect();
        let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
        let mut tag: Vec<Upos> = toks.clone().map(|t| self.tok.tag(t)).collect();
        let n = words.len();
        // this stage's reading of the tags (see the module docs): a copy, never written back
        for i in 0..n {
            let w = lower[i].as_str();
            let in_entity = ents.entity_at(lo + i).is_some();
            match tag[i] {
                Upos::Noun | Upos::Adj | Upos::Propn
                    if !in_entity
                        && (w.ends_with("ing") || w.ends_with("ed"))
                        && self.lx.exact(Pos::Noun, w).next().is_none()
                        && self
                            .lx
                            .verb(w)
                            .iter()
                            .any(|e| matches!(e.sense, Sense::Stance(_) | Sense::Demand)) =>
                {
                    tag[i] = Upos::Verb;
                }
                Upos::Verb
                    if w.ends_with("ed")
                        && (w.contains('-') || (i > 0 && tag[i - 1] == Upos::Det) || in_entity)
                        && i + 1 < n
                        && matches!(tag[i + 1], Upos::Noun | Upos::Propn | Upos::Adj) =>
                {
                    tag[i] = Upos::Adj;
                }
                _ => {}
            }
            if self.lx.exact(Pos::Adj, w).next().is_some() && tag[i] == Upos::Noun {
                tag[i] = Upos::Adj;
            }
        }
        // noun phrases
        let mut np = vec![None; n];
        let mut nps: Vec<Np> = Vec::new();
        let mut i = 0;
        while i < n {
            let w = lower[i].as_str();
            if tag[i] == Upos::Pron && is(WordClass::PersonalPronoun, w) {
                np[i] = Some(nps.len());
                nps.push(Np {
                    start: i,
                    end: i + 1,
                });
                i += 1;
                continue;
            }
            let starts = |k: usize| {
                let w = lower[k].as_str();
                let ent = ents.entity_at(lo + k).is_some();
                ent || matches!(
                    tag[k],
                    Upos::Det | Upos::Adj | Upos::Num | Upos::Noun | Upos::Propn
                ) && !matches!(w, "that" | "which" | "what" | "whose")
                    || (tag[k] == Upos::Pron && is(WordClass::Possessive, w))
            };
            if !starts(i) {
                i += 1;
                continue;
            }
            let start = i;
            let mut k = i + 1;
            while k < n {
                let w = lower[k].as_str();
                let poss = matches!(w, "'s" | "’s" | "'" | "’") && tag[k] != Upos::Punct;
                let ent = ents.entity_at(lo + k).is_some();
                let ok = poss
                    || ent
                    || (matches!(tag[k], Upos::Adj | Upos::Num | Upos::Noun | Upos::Propn)
                        && !(tag[k - 1] == Upos::Pron && is(WordClass::PersonalPronoun, lower[k - 1].as_str()))
                        || is(WordClass::Possessive, w))
                    // a determiner after a noun starts a new phrase; after 's it does not
                    || (tag[k] == Upos::Det && matches!(lower[k - 1].as_str(), "'s" | "’s"));
                // a new entity after a complete one of a different kind starts a new phrase
                if !ok || (tag[k] == Upos::Pron && is(WordClass::PersonalPronoun, w)) {
                    break;
                }
                // "On Monday Jane Roe met …", "In 2004 Jane Roe …": a name after a time word
                // starts the subject, it does not extend the time phrase
                let prev = lower[k - 1].as_str();
                if ent
                    && ents.entity_at(lo + k - 1).is_none()
                    && (is_time_head(prev) || tag[k - 1] == Upos::Num)
                {
                    break;
                }
                k += 1;
            }
            // never end on a possessive marker
            let mut end = k;
            while end > start + 1 && matches!(lower[end - 1].as_str(), "'s" | "’s") {
                end -= 1;
            }
            for slot in np.iter_mut().take(end).skip(start) {
                *slot = Some(nps.len());
            }
            nps.push(Np { start, end });
            i = end.max(start + 1);
        }
        Sent {
            lo,
            span,
            words,
            lower,
            tag,
            np,
            nps,
        }
    }
}
