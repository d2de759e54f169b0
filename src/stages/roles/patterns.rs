//! The role patterns around a person: the affiliation before a title, `X was appointed as
//! TITLE (of Y)`, and appositives (`X, a real estate developer and longtime associate of
//! Y,`).

use super::confidence;
use super::{Ctx, Found, push};
use crate::lexicon::lexicon;
use crate::lexicon::words::{WordClass, is};
use crate::stages::entities::{ActorRef, Actors, Entities};
use crate::stages::segment::{Span, TokenKind};
use crate::vocab::EntityKind;

/// After a person: `(who)? (is|was|has been)? (initially)? VERB as (the|a)? TITLE (of Y)?`
/// within a few tokens. Returns the title and its affiliation.
pub(super) fn as_title(
    ctx: &Ctx,
    ents: &Entities,
    from: usize,
    s1: usize,
) -> Option<(String, Option<usize>)> {
    let mut k = from;
    // skip an appositive: "X, a former banker, was appointed as …"
    if k + 1 < s1
        && ctx.tok.word(k) == ","
        && !matches!(ctx.tok.lower(k + 1).as_str(), "who" | "which")
    {
        let close = (k + 1..s1.min(k + 24)).find(|&j| ctx.tok.word(j) == ",")?;
        k = close + 1;
    }
    let limit = s1.min(k + 8);
    let mut verb = false;
    while k < limit {
        let lw = ctx.tok.lower(k);
        if is(WordClass::OfficeVerb, lw.as_str()) {
            verb = true;
        } else if lw == "as" && verb {
            break;
        } else if !matches!(
            lw.as_str(),
            "," | "who"
                | "is"
                | "was"
                | "has"
                | "had"
                | "been"
                | "be"
                | "initially"
                | "first"
                | "later"
                | "recently"
                | "then"
                | "now"
                | "also"
                | "in"
                | "since"
        ) && !lw.chars().all(|c| c.is_ascii_digit())
        {
            return None;
        }
        k += 1;
    }
    if k >= limit || !verb {
        return None;
    }
    k += 1;
    if k < s1
        && matches!(
            ctx.tok.lower(k).as_str(),
            "the" | "a" | "an" | "its" | "his" | "her"
        )
    {
        k += 1;
    }
    let t0 = k;
    let mut head = None;
    while k < s1.min(t0 + 6) && ctx.tok.seg.tokens[k].kind == TokenKind::Word {
        if ctx.is_title_head(k) {
            head = Some(k);
        } else if !(ctx.is_modifier(k) || ents.mention_at(k).is_some()) {
            break;
        }
        k += 1;
    }
    let h = head?;
    let sp = Span::new(
        ctx.tok.seg.tokens[t0].span.start,
        ctx.tok.seg.tokens[h].span.end,
    );
    let title = ctx.tok.text[sp.range()].to_string();
    let mut affiliation = None;
    if h + 2 < s1 && ctx.tok.word(h + 1) == "of" {
        let j = if matches!(ctx.tok.lower(h + 2).as_str(), "the" | "a") {
            h + 3
        } else {
            h + 2
        };
        affiliation = ents.entity_at(j);
    }
    Some((title, affiliation))
}

pub(super) fn is_honorific(t: &str) -> bool {
    lexicon().honorific(t).is_some()
}

/// Strips determiners and possessive pronouns off a title.
pub(super) fn clean_title(t: &str) -> String {
    let mut s = t.trim();
    for p in [
        "the ", "a ", "an ", "his ", "her ", "its ", "their ", "The ",
    ] {
        if let Some(r) = s.strip_prefix(p) {
            s = r;
        }
    }
    s.to_string()
}

/// The affiliation written before a title that starts at token `t`: a demonym, a named
/// mention, or a possessive (`X's`).
pub(super) fn affiliation_before(
    ctx: &Ctx,
    actors: &mut Actors,
    t: usize,
    s0: usize,
) -> Option<ActorRef> {
    let ents = actors.entities();
    if t <= s0 {
        return None;
    }
    let mut p = t - 1;
    // possessive: "Ana Ruiz's son-in-law", "the BBC's political editor"
    if matches!(ctx.tok.word(p), "'s" | "’s" | "'" | "’") && p > s0 {
        p -= 1;
    }
    // every entity is an actor
    if let Some(e) = ents.entity_at(p) {
        return Some(ActorRef::Entity(e));
    }
    let w = ctx.tok.word(p);
    // a two-word demonym: "South African President X"
    if p > s0
        && let Some((country, _)) = ctx.lx.demonyms.get(&format!("{} {w}", ctx.tok.word(p - 1)))
    {
        let country = country.clone();
        return Some(actors.request(EntityKind::Place, &country, None));
    }
    if let Some((country, _)) = ctx.lx.demonyms.get(w) {
        let country = country.clone();
        return Some(actors.request(EntityKind::Place, &country, None));
    }
    None
}

/// Roles in an appositive: comma-separated, `and`-coordinated noun phrases headed by
/// a title, each possibly followed by `of Y`.
#[allow(clippy::too_many_arguments)]
pub(super) fn appositive_roles(
    ctx: &Ctx,
    actors: &mut Actors,
    person: usize,
    mut k: usize,
    s1: usize,
    evidence: Span,
    out: &mut Found,
) {
    let ents = actors.entities();
    let start = k;
    if start >= s1 {
        // a name and a comma end the sentence ("… met X,"): no appositive
        return;
    }
    // the appositive runs to the next comma or the sentence end, at most 16 tokens
    let end = (k..s1.min(k + 16))
        .find(|&j| matches!(ctx.tok.word(j), "," | ";" | "." | "(" | ")" | "—" | "–"))
        .unwrap_or(s1.min(k + 16));
    if end >= s1 && s1 - start > 16 {
        return;
    }
    // must open like a noun phrase
    let first = ctx.tok.lower(start);
    let opens = matches!(
        first.as_str(),
        "a" | "an" | "the" | "his" | "her" | "its" | "their" | "former" | "now"
    ) || ents.entity_at(start).is_some();
    if !opens {
        return;
    }
    while k < end {
        // skip determiners and a possessive owner
        let mut owner = None;
        while k < end
            && matches!(
                ctx.tok.lower(k).as_str(),
                "a" | "an" | "the" | "his" | "her" | "its" | "their" | "now" | "and"
            )
        {
            k += 1;
        }
        if k + 1 < end
            && let Some(e) = ents.entity_at(k)
        {
            let mut j = k;
            while j < end && ents.entity_at(j) == Some(e) {
                j += 1;
            }
            if j < end && matches!(ctx.tok.word(j), "'s" | "’s") {
                owner = Some(ActorRef::Entity(e));
                k = j + 1;
            } else if let Some((country, _)) = ctx.lx.demonyms.get(ctx.tok.word(k)) {
                let country = country.clone();
                owner = Some(actors.request(EntityKind::Place, &country, None));
                k += 1;
            }
        } else if k < end
            && let Some((country, _)) = ctx.lx.demonyms.get(ctx.tok.word(k))
        {
            let country = country.clone();
            owner = Some(actors.request(EntityKind::Place, &country, None));
            k += 1;
        }
        // title words up to a head
        let t0 = k;
        let mut head = None;
        while k < end
            && ctx.tok.seg.tokens[k].kind == TokenKind::Word
            && ents.entity_at(k).is_none()
        {
            let lw = ctx.tok.lower(k);
            if lw == "and" || lw == "of" || lw == "who" || lw == "which" {
                break;
            }
            if ctx.is_title_head(k) {
                head = Some(k);
            } else if !ctx.is_modifier(k) && !lw.chars().all(char::is_lowercase) {
                break;
            }
            k += 1;
        }
        let Some(h) = head else {
            // not a title phrase: skip to the next coordinated part
            while k < end && ctx.tok.lower(k) != "and" {
                k += 1;
            }
            if k < end {
                k += 1;
                continue;
            }
            break;
        };
        let sp = Span::new(
            ctx.tok.seg.tokens[t0].span.start,
            ctx.tok.seg.tokens[h].span.end,
        );
        let title = ctx.tok.text[sp.range()].to_string();
        k = h + 1;
        let mut affiliation = owner;
        if k + 1 < end && ctx.tok.word(k) == "of" {
            let mut j = k + 1;
            if matches!(ctx.tok.lower(j).as_str(), "the" | "a") {
                j += 1;
            }
            if j < end
                && let Some(e) = ents.entity_at(j)
            {
                affiliation = Some(ActorRef::Entity(e));
                while j < end && ents.entity_at(j) == Some(e) {
                    j += 1;
                }
                k = j;
            }
        }
        push(
            out,
            person,
            Some(clean_title(&title)),
            affiliation,
            evidence,
            confidence::APPOSITIVE,
        );
        while k < end && ctx.tok.lower(k) != "and" {
            k += 1;
        }
        k += 1;
    }
}
