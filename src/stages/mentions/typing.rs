//! Typing a name: lexicon hits, person evidence (titles, honorifics, given names),
//! organization and place head words, acronyms, and context (`in X` → place).

use std::ops::Range;

use super::confidence;
use super::context::{Ctx, lookup, span_of};
use super::{Mention, TitleInfo};
use crate::lexicon::names::CLEAR_GENDER_SHARE;
use crate::lexicon::words::{WordClass, is};
use crate::lexicon::{Gender, Lexicon};
use crate::stages::segment::TokenKind;
use crate::tagger::Upos;
use crate::text::shape::{controls_as_spaces, is_all_caps, is_initial};
use crate::vocab::EntityKind;

pub(super) fn push_name(
    ctx: &Ctx,
    si: usize,
    r: Range<usize>,
    title: Option<TitleInfo>,
    gender: Option<Gender>,
    person_evidence: bool,
    out: &mut Vec<Mention>,
) {
    let lx = ctx.lx;
    let span = span_of(ctx, &r);
    let name = controls_as_spaces(&ctx.tok.text[span.range()]);
    let text = name.as_str();
    let n = r.len();
    let first = ctx.tok.word(r.start);
    let last = ctx.tok.word(r.end - 1);
    let mut m = Mention {
        tokens: r.clone(),
        span,
        sentence: si,
        kind: EntityKind::Person,
        text: text.to_string(),
        canonical: None,
        title,
        gender,
        capital_of: None,
        confidence: confidence::PERSON,
        tentative: false,
        weak: false,
    };
    if n == 1 && (lx.not_names.contains(first) || is_initial(first)) {
        return;
    }
    if let Some((kind, canonical, capital_of)) = lookup(lx, text) {
        if person_evidence && kind == EntityKind::Place {
            // "President Jackson", "Mr Washington": a person named like a place
            m.kind = EntityKind::Person;
        } else {
            m.kind = kind;
            m.canonical = Some(canonical);
            m.capital_of = capital_of;
            m.confidence = confidence::LEXICON;
        }
        out.push(m);
        return;
    }
    if person_evidence {
        if m.gender.is_none() {
            m.gender = given_gender(lx, first);
        }
        out.push(m);
        return;
    }
    // organization head words: "Chatham House", "Ministry of Defence", "Labour Party"
    if lx.org_words.contains(last)
        || (n > 1 && is(WordClass::OfHead, first) && text.contains(" of "))
    {
        m.kind = EntityKind::Organization;
        m.confidence = confidence::ORGANIZATION_HEAD;
        out.push(m);
        return;
    }
    // place head and first words: "Pennsylvania Avenue", "Lake Worth", "Mount Kenya"
    if n >= 2 && (lx.place_heads.contains(last) || lx.place_firsts.contains(first)) {
        m.kind = EntityKind::Place;
        m.confidence = confidence::PLACE_WORD;
        out.push(m);
        return;
    }
    if text.contains(" of ") {
        // "Gulf of Mexico", "Republic of Korea"
        m.kind = EntityKind::Place;
        m.confidence = confidence::OF_NAME_PLACE;
        out.push(m);
        return;
    }
    // acronyms: "OPEC", "IAEA"
    let shouting = ctx.caps_sentences[si];
    if n == 1
        && !shouting
        && is_all_caps(first)
        && first.chars().filter(|c| c.is_alphabetic()).count() >= 2
    {
        // codes and shouted words are no acronyms: "A400M", "CS2", "IMMEDIATELY", "BIG"
        if first.chars().any(|c| c.is_ascii_digit())
            || (first.len() >= 6 && lx.is_common(&first.to_lowercase()))
        {
            return;
        }
        m.kind = EntityKind::Organization;
        m.confidence = confidence::ACRONYM;
        out.push(m);
        return;
    }
    if n >= 2 {
        // a run of five or more words, or of capitals only ("READERS SAY"), is no name
        if n >= 5
            || ctx.tok.seg.tokens[r.clone()]
                .iter()
                .all(|t| is_all_caps(&ctx.tok.text[t.span.range()]))
        {
            return;
        }
        // a multi-word name whose words are not common words is a person's name,
        // the more so with a known given name
        let given = lx.given_names.contains_key(first);
        let proper = r.clone().any(|t| ctx.tok.tag(t) == Upos::Propn);
        if !proper && !given {
            return;
        }
        let commons = ctx.tok.seg.tokens[r.clone()]
            .iter()
            .filter(|t| {
                let w = &ctx.tok.text[t.span.range()];
                lx.is_common(&w.to_lowercase()) && !lx.given_names.contains_key(w)
            })
            .count();
        if given || commons == 0 {
            m.gender = given_gender(lx, first);
            m.confidence = if given {
                confidence::PERSON
            } else {
                confidence::PROPER_NAME
            };
            out.push(m);
        } else if commons < n {
            // "Harmon Group"-like runs without a head word: keep as a weak organization
            m.kind = EntityKind::Organization;
            m.confidence = confidence::WEAK_ORGANIZATION;
            out.push(m);
        }
        return;
    }
    // a single unknown capitalized word: a surname, a place or an organization; the
    // entity stage decides from coreference, this stage from context
    if shouting || (lx.is_common(&first.to_lowercase()) && !ctx.inner_caps.contains(first)) {
        return;
    }
    // a word alone in quotation marks is a title or a term: “Unfit,”
    let quoted = r.start > 0
        && ctx.tok.seg.tokens[r.start - 1].kind == TokenKind::OpenQuote
        && ctx.tok.seg.tokens.get(r.end).is_some_and(|t| {
            t.kind == TokenKind::CloseQuote || matches!(&ctx.tok.text[t.span.range()], "," | ".")
        });
    if quoted {
        return;
    }
    // not tagged a proper noun: kept only if it turns out to be a known person's surname
    // Also weak: a word capitalized only where a sentence starts ("Licensees must ...").
    let sentence_initial = r.start == ctx.tok.seg.sentences[si].tokens.start;
    m.weak = ctx.tok.tag(r.start) != Upos::Propn
        || (sentence_initial
            && !ctx.inner_caps.contains(first)
            && !lx.surnames.contains(&first.to_lowercase()));
    let prev = (r.start > 0).then(|| ctx.tok.word(r.start - 1).to_lowercase());
    let prev2 = (r.start > 1).then(|| ctx.tok.word(r.start - 2).to_lowercase());
    let place_ctx = prev
        .as_deref()
        .is_some_and(|p| is(WordClass::PlacePreposition, p))
        || (prev.as_deref() == Some("of")
            && prev2
                .as_deref()
                .is_some_and(|p| is(WordClass::PlaceNoun, p)));
    if place_ctx {
        m.kind = EntityKind::Place;
        m.confidence = confidence::PLACE_CONTEXT;
    } else if lx.surnames.contains(&first.to_lowercase())
        || lx.given_names.contains_key(first)
        || next_is_cue(ctx, r.end)
    {
        m.gender = given_gender(lx, first);
        m.confidence = confidence::MAYBE_PERSON;
    } else {
        // a lone unknown proper noun with no person evidence: most often a company,
        // party or body ("Enron", "Hamas"); coreference may still make it a surname
        m.kind = EntityKind::Organization;
        m.confidence = confidence::LONE_PROPER_NOUN;
    }
    m.tentative = true;
    out.push(m);
}

/// The word after a name is a speech verb ("X said", "X told").
pub(super) fn next_is_cue(ctx: &Ctx, t: usize) -> bool {
    t < ctx.tok.seg.tokens.len()
        && ctx
            .lx
            .cues
            .get(ctx.tok.word(t))
            .is_some_and(|c| c.strength == 1)
}

pub(super) fn given_gender(lx: &Lexicon, first: &str) -> Option<Gender> {
    lx.given_names
        .get(first)
        .filter(|(_, share)| *share >= CLEAR_GENDER_SHARE)
        .map(|(g, _)| *g)
}
