//! The detectors' read-only view ([`Ctx`]): the token view, which sentences are shouted
//! or in headline capitalization, which word forms are capitalized away from sentence
//! starts; and lexicon lookups of names.

use std::collections::HashSet;
use std::ops::Range;

use super::titles::title_len;
use crate::lexicon::Lexicon;
use crate::lexicon::words::{WordClass, is};
use crate::stages::segment::Span;
use crate::stages::tokens::TokenView;
use crate::tagger::Upos;
use crate::text::shape::{is_all_caps, is_capitalized, is_clitic};
use crate::vocab::EntityKind;

/// Read-only view of the text for the detectors.
pub(super) struct Ctx<'a> {
    pub(super) tok: TokenView<'a>,
    /// Sentences written mostly in capitals (headlines, shouting): no acronyms there.
    pub(super) caps_sentences: Vec<bool>,
    /// Sentences in headline capitalization: capitals there do not mark names.
    pub(super) title_case: Vec<bool>,
    pub(super) lx: &'static Lexicon,
    /// Word forms capitalized somewhere that is not a sentence start.
    pub(super) inner_caps: HashSet<&'a str>,
}

impl<'a> Ctx<'a> {
    pub(super) fn is_cap(&self, t: usize) -> bool {
        if !self.tok.is_word(t) {
            return false;
        }
        let w = self.tok.word(t);
        if is_capitalized(w) {
            return !is_clitic(w);
        }
        // "al-Qaeda", "bin-Salman", "el-Ghoul": a particle joined to a capitalized name
        w.split_once('-')
            .is_some_and(|(p, rest)| is(WordClass::NameParticle, p) && is_capitalized(rest))
    }

    /// In a headline-capitalized sentence, a capitalized common word ("Invokes", "In")
    /// is not part of a name.
    pub(super) fn headline_word(&self, si: usize, t: usize) -> bool {
        self.title_case[si] && {
            let w = self.tok.word(t);
            let lw = w.to_lowercase();
            is(WordClass::FunctionWord, lw.as_str())
                || (lookup(self.lx, w).is_none()
                    && self.lx.title(&lw).is_none()
                    && ((self.lx.is_common(&lw) && !self.lx.given_names.contains_key(w))
                        || matches!(
                            self.tok.tag(t),
                            Upos::Verb | Upos::Aux | Upos::Adp | Upos::Det | Upos::Cconj
                        )
                        || (["ing", "ed", "es", "s"].iter().any(|e| lw.ends_with(e))
                            && !self.lx.given_names.contains_key(w)
                            && !self.lx.surnames.contains(&lw))))
        }
    }

    pub(super) fn title_words(&self, t: usize, end: usize) -> Option<usize> {
        title_len(self, t, end)
    }
}

/// A run starting at `start` begins with a multi-word lexicon name ("White House").
pub(super) fn known_prefix(ctx: &Ctx, start: usize, end: usize) -> bool {
    (start + 2..=end.min(start + 5)).any(|e| {
        let sp = span_of(ctx, &(start..e));
        lookup(ctx.lx, &ctx.tok.text[sp.range()]).is_some()
    })
}

/// Looks a surface form up in the place and organization lexicons.
pub(super) fn lookup(lx: &Lexicon, name: &str) -> Option<(EntityKind, String, Option<String>)> {
    if let Some(o) = lx.orgs.get(name) {
        return Some((EntityKind::Organization, o.canonical.clone(), None));
    }
    if let Some(p) = lx.places.get(name) {
        return Some((EntityKind::Place, p.canonical.clone(), p.capital_of.clone()));
    }
    // "the U.S," : an abbreviation whose last period the punctuation took
    if name.ends_with(|c: char| c.is_uppercase())
        && name.contains('.')
        && let Some(found) = lookup(lx, &format!("{name}."))
    {
        return Some(found);
    }
    // a dateline or headline in capitals: "WASHINGTON", "SAO PAULO"
    if name.len() >= 4 && is_all_caps(name) {
        let titled: Vec<String> = name
            .split(' ')
            .map(|w| {
                let mut c = w.chars();
                c.next().map_or(String::new(), |f| {
                    f.to_uppercase()
                        .chain(c.flat_map(char::to_lowercase))
                        .collect()
                })
            })
            .collect();
        if let Some(p) = lx.places.get(&titled.join(" ")) {
            return Some((EntityKind::Place, p.canonical.clone(), None));
        }
    }
    None
}

pub(super) fn span_of(ctx: &Ctx, r: &Range<usize>) -> Span {
    Span::new(
        ctx.tok.seg.tokens[r.start].span.start,
        ctx.tok.seg.tokens[r.end - 1].span.end,
    )
}
