//! The role patterns around a person: the affiliation before a title, `X was appointed as
//! TITLE (of Y)`, and appositives (`X, a real estate developer and longtime associate of
//! Y,`).

use super::confidence;
use super::{Ctx, Found, push};
use crate::lexicon::TitleClass;
use crate::lexicon::lexicon;
use crate::lexicon::words::{WordClass, is};
use crate::stages::entities::{ActorRef, Actors, Entities};
use crate::stages::segment::{Span, TokenKind};
use crate::tagger::Upos;
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

/// An honorific that is no office: "Mr", "Dr" (but "Sen.", "Gov." are offices).
pub(super) fn is_honorific(t: &str) -> bool {
    let lx = lexicon();
    lx.honorific(t).is_some() && lx.title(&t.trim_end_matches('.').to_lowercase()).is_none()
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
    // a party adjective: "Liberal Democrat spokesman X", "Conservative leader X"
    if p > s0
        && let Some(r) = party(ctx, actors, &format!("{} {w}", ctx.tok.word(p - 1)))
    {
        return Some(r);
    }
    party(ctx, actors, w)
}

/// The party a party adjective (`Conservative`, `Liberal Democrat`, `Republican`) stands
/// for, requested under the adjective as an alias; None for other words.
pub(super) fn party(ctx: &Ctx, actors: &mut Actors, adjective: &str) -> Option<ActorRef> {
    let last = adjective.rsplit(' ').next().unwrap_or(adjective);
    if !ctx.lx.party_adjectives.contains(last) {
        return None;
    }
    let name = [
        adjective.to_string(),
        format!("{adjective}s"),
        format!("{adjective} Party"),
    ]
    .iter()
    .find_map(|n| ctx.lx.orgs.get(n.as_str()))?
    .canonical
    .clone();
    let alias = (name != adjective).then_some(adjective);
    Some(actors.request(EntityKind::Organization, &name, alias))
}

/// Roles in an appositive: comma-separated, `and`-coordinated noun phrases headed by
/// a title, each possibly followed by `of/for/at Y`: `X, a real estate developer and
/// longtime associate of Y,`, `X, spokesman for Iran's Ministry of Foreign Affairs,`,
/// `X, president and chief economist at Y` (two roles, both at Y), `X, the Conservative
/// co-chairman`.
#[allow(clippy::too_many_arguments)]
pub(super) fn appositive_roles(
    ctx: &Ctx,
    actors: &mut Actors,
    person: usize,
    k: usize,
    s1: usize,
    evidence: Span,
    out: &mut Found,
) {
    let start = k;
    if start >= s1 {
        // a name and a comma end the sentence ("… met X,"): no appositive
        return;
    }
    // the appositive runs to the next comma or the sentence end, at most 16 tokens
    let end = (k..s1.min(k + 16))
        .find(|&j| {
            matches!(ctx.tok.word(j), "," | ";" | "." | "(" | ")" | "—" | "–")
                || clause_verb(ctx, j)
        })
        .unwrap_or(s1.min(k + 16));
    if end >= s1 && s1 - start > 16 {
        return;
    }
    // must open like a noun phrase: a determiner, an owner, or a title
    let first = ctx.tok.lower(start);
    let opens = matches!(
        first.as_str(),
        "a" | "an" | "the" | "his" | "her" | "its" | "their" | "former" | "now"
    ) || actors.entities().entity_at(start).is_some()
        || ((ctx.is_title_head(start) || ctx.is_modifier(start))
            && ctx.tok.seg.tokens[start].kind == TokenKind::Word);
    if !opens {
        return;
    }
    // each coordinated part: (title, its own affiliation)
    let mut parts: Vec<(String, Option<ActorRef>, bool)> = Vec::new();
    let mut k = start;
    while k < end {
        let (owner, t0) = owner_at(ctx, actors, k, end);
        k = t0;
        let ents = actors.entities();
        // title words up to a head
        let mut head = None;
        while k < end
            && ctx.tok.seg.tokens[k].kind == TokenKind::Word
            && ents.entity_at(k).is_none()
        {
            let lw = ctx.tok.lower(k);
            if matches!(
                lw.as_str(),
                "and" | "of" | "who" | "which" | "for" | "at" | "to"
            ) {
                break;
            }
            if ctx.is_title_head(k) {
                head = Some(k);
            } else if !ctx.is_modifier(k) && !lw.chars().all(|c| c.is_lowercase() || c == '-') {
                break;
            }
            k += 1;
        }
        let Some(h) = head else {
            // not a title phrase: skip to the next coordinated part
            while k < end && ctx.tok.lower(k) != "and" {
                k += 1;
            }
            k += 1;
            continue;
        };
        let sp = Span::new(
            ctx.tok.seg.tokens[t0].span.start,
            ctx.tok.seg.tokens[h].span.end,
        );
        let title = ctx.tok.text[sp.range()].to_string();
        k = h + 1;
        // the affiliation: `of/for/at/with (the) (far-right) Y` within the part, the owner of
        // a possessive (`for Iran's Ministry of Foreign Affairs`: the ministry)
        let mut affiliation = owner;
        let mut stated = false;
        let mut j = k;
        while j < end && ctx.tok.lower(j) != "and" {
            if matches!(
                ctx.tok.lower(j).as_str(),
                "of" | "for" | "at" | "with" | "to" | "in"
            ) && let Some((e, after)) = entity_after(ctx, actors, j + 1, end)
            {
                affiliation = Some(ActorRef::Entity(e));
                stated = true;
                j = after;
                break;
            }
            j += 1;
        }
        // a complement that names nobody is part of the title: "expert in maritime law",
        // "head of global affairs", "leader of the opposition"
        let mut title = title;
        if !stated && let Some(c) = lowercase_complement(ctx, actors.entities(), h + 1, end) {
            let sp = Span::new(
                ctx.tok.seg.tokens[t0].span.start,
                ctx.tok.seg.tokens[c - 1].span.end,
            );
            title = ctx.tok.text[sp.range()].to_string();
            j = c;
        }
        k = j;
        let office = ctx.lx.title(&ctx.tok.lower(h)) == Some(TitleClass::Office);
        parts.push((clean_title(&title), affiliation, office));
        while k < end && ctx.tok.lower(k) != "and" {
            k += 1;
        }
        k += 1;
    }
    // coordinated offices share an affiliation written after the last one ("president and
    // chief economist at Y"); professions do not ("a developer and associate of Y")
    let mut shared = None;
    for (title, affiliation, office) in parts.into_iter().rev() {
        let affiliation = affiliation.or(if office { shared } else { None });
        shared = affiliation;
        push(
            out,
            person,
            Some(title),
            affiliation,
            evidence,
            confidence::APPOSITIVE,
        );
    }
}

/// A finite verb that ends an appositive: "X, the bank's economist said that …". A
/// participle that may qualify a title ("the newly elected mayor", "the acting head") does
/// not, unless a determiner, pronoun, preposition or clause word follows it.
fn clause_verb(ctx: &Ctx, j: usize) -> bool {
    // a possessive clitic the tagger may read as "is": "Greenland's acting head"
    if ctx.is_title_head(j) || ctx.is_modifier(j) || matches!(ctx.tok.word(j), "'s" | "’s") {
        return false;
    }
    match ctx.tok.tag(j) {
        Upos::Aux => true,
        Upos::Verb => {
            let lw = ctx.tok.lower(j);
            let participle = lw.ends_with("ing") || lw.ends_with("ed");
            !participle
                || (j + 1 < ctx.tok.seg.tokens.len()
                    && matches!(
                        ctx.tok.tag(j + 1),
                        Upos::Det | Upos::Pron | Upos::Sconj | Upos::Adp | Upos::Punct
                    ))
        }
        _ => false,
    }
}

/// A complement after a title head at `k` that names nobody: `of/for/in/on/to` and up to
/// [`MAX_COMPLEMENT`] lowercase words (determiners, adjectives, nouns, "and") to the end
/// of the part, ending on a noun. Returns the token after it.
fn lowercase_complement(ctx: &Ctx, ents: &Entities, k: usize, end: usize) -> Option<usize> {
    if k + 1 >= end || !matches!(ctx.tok.lower(k).as_str(), "of" | "for" | "in" | "on" | "to") {
        return None;
    }
    let mut j = k + 1;
    let mut last_noun = None;
    while j < end && j - k <= MAX_COMPLEMENT {
        let w = ctx.tok.word(j);
        if ctx.tok.seg.tokens[j].kind != TokenKind::Word
            || ents.mention_at(j).is_some()
            || !w.chars().all(|c| c.is_lowercase() || c == '-')
        {
            break;
        }
        // "head of research and chief economist": a coordinated title ends it
        if ctx.tok.lower(j) == "and"
            && j + 1 < end
            && (ctx.is_title_head(j + 1) || ctx.is_modifier(j + 1))
        {
            break;
        }
        match ctx.tok.tag(j) {
            Upos::Noun => last_noun = Some(j + 1),
            Upos::Det | Upos::Adj | Upos::Cconj | Upos::Num => {}
            _ => break,
        }
        j += 1;
    }
    // the complement ends its part or a preposition follows: a name or possessive after
    // it makes it an owner the rule does not read ("head of the ministry's Harbour Office")
    let stop = last_noun?;
    // "for the party", "of the ministry": an unnamed organization, the owner, not the title
    let noun = ctx.tok.word(stop - 1);
    let mut upper = noun.chars();
    let capitalized: String = upper
        .next()
        .map(|c| c.to_uppercase().chain(upper).collect())
        .unwrap_or_default();
    if (k + 1..stop).any(|i| ctx.tok.tag(i) == Upos::Det) && ctx.lx.org_words.contains(&capitalized)
    {
        return None;
    }
    let clean = stop == end
        || matches!(ctx.tok.word(stop), "," | ";" | "." | ")" | "—" | "–")
        || ctx.tok.tag(stop) == Upos::Adp;
    clean.then_some(stop)
}

/// How many words a title's complement that names nobody may hold.
const MAX_COMPLEMENT: usize = 6;

/// The owner written before a title at `k` after determiners: an entity with `'s`, a
/// demonym, a party adjective (`the Conservative co-chairman`). Returns it and where the
/// title starts.
pub(super) fn owner_at(
    ctx: &Ctx,
    actors: &mut Actors,
    mut k: usize,
    end: usize,
) -> (Option<ActorRef>, usize) {
    while k < end
        && matches!(
            ctx.tok.lower(k).as_str(),
            "a" | "an" | "the" | "his" | "her" | "its" | "their" | "now" | "and"
        )
    {
        k += 1;
    }
    if k >= end {
        return (None, k);
    }
    let ents = actors.entities();
    if let Some(e) = ents.entity_at(k) {
        let mut j = k;
        while j < end && ents.entity_at(j) == Some(e) {
            j += 1;
        }
        if j < end && matches!(ctx.tok.word(j), "'s" | "’s") {
            return (Some(ActorRef::Entity(e)), j + 1);
        }
        // "the Harbour Point chief economist": the entity before a title
        if j < end && (ctx.is_title_head(j) || ctx.is_modifier(j)) {
            return (Some(ActorRef::Entity(e)), j);
        }
    }
    let w = ctx.tok.word(k);
    if let Some((country, _)) = ctx.lx.demonyms.get(w) {
        let country = country.clone();
        return (
            Some(actors.request(EntityKind::Place, &country, None)),
            k + 1,
        );
    }
    if k + 1 < end
        && let Some(p) = party(ctx, actors, &format!("{w} {}", ctx.tok.word(k + 1)))
    {
        return (Some(p), k + 2);
    }
    if let Some(p) = party(ctx, actors, w) {
        return (Some(p), k + 1);
    }
    (None, k)
}

/// The entity after a preposition: `the far-right National Rally` → the rally, `Iran's
/// Ministry of Foreign Affairs` → the ministry. Determiners and up to three lowercase
/// words may come first. Returns the entity and the token after it.
pub(super) fn entity_after(
    ctx: &Ctx,
    actors: &Actors,
    mut j: usize,
    end: usize,
) -> Option<(usize, usize)> {
    let ents = actors.entities();
    let mut skipped = 0;
    while j < end && ents.entity_at(j).is_none() {
        let lw = ctx.tok.lower(j);
        let det = matches!(
            lw.as_str(),
            "the" | "a" | "an" | "its" | "his" | "her" | "their"
        );
        let adjective = lw.chars().all(|c| c.is_lowercase() || c == '-') && skipped < 3;
        if !(det || adjective) {
            return None;
        }
        if !det {
            skipped += 1;
        }
        j += 1;
    }
    let e = ents.entity_at(j)?;
    let mut after = j;
    while after < end && ents.entity_at(after) == Some(e) {
        after += 1;
    }
    if after + 1 < end
        && matches!(ctx.tok.word(after), "'s" | "’s")
        && let Some(e2) = ents.entity_at(after + 1)
    {
        let mut a2 = after + 1;
        while a2 < end && ents.entity_at(a2) == Some(e2) {
            a2 += 1;
        }
        return Some((e2, a2));
    }
    Some((e, after))
}
