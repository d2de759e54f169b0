//! Roles: titles and affiliations attached to people.
//!
//! Entry point: [`attach`]. Patterns, all from the tokens around a person mention:
//! - a premodifier title, capitalized or not, with what stands before it as the
//!   affiliation: `Estonian President X` (demonym → country), `Lunar Ministry spokesman X`,
//!   `U.S. special envoy X`, `the Agency's chief economist X`, `Ana Ruiz's son-in-law X`;
//! - an appositive after the name: `X, a real estate developer and longtime business
//!   associate of Y,` and `X, the bank's chief economist,`;
//! - an appositive before the name: `his Latvian counterpart, X`, `the ministry's
//!   spokesman, X`;
//! - `X of Y` where Y is an organization (`affiliated-with`, no title);
//! - a definite description for a person named before (`definite.rs`: `… Rhea Salt said.
//!   The rural affairs minister added …`).
//!
//! Files: `patterns.rs` (the patterns after the premodifier), `countries.rs` (the country
//! an office implies), `confidence.rs`. A country named only by a demonym is a requested
//! actor; the pipeline adds it.

mod confidence;
mod countries;
mod definite;
mod patterns;

use countries::implied_country;
use patterns::{
    affiliation_before, appositive_roles, as_title, clean_title, entity_after, is_honorific, party,
};

use std::cell::RefCell;
use std::collections::HashMap;

use crate::lexicon::{Lexicon, lexicon};
use crate::stages::entities::{ActorRef, Actors, Entities, Staged};
use crate::stages::segment::{Segmentation, Span, TokenKind};
use crate::stages::tokens::TokenView;
use crate::tagger::Upos;
use crate::tagging::Tags;
use crate::text::Document;
use crate::vocab::EntityKind;

/// A role found in the text. The stage returns its affiliations as [`ActorRef`]s (a
/// country named by a demonym may be a requested actor); the pipeline settles them into
/// entity indices (`A = usize`).
#[derive(Clone, Debug, PartialEq)]
pub struct RoleFact<A = usize> {
    /// The person (entity index).
    pub person: usize,
    /// Title without the affiliation word; None for a bare `X of Y` affiliation.
    pub title: Option<String>,
    /// The actor the title is held at.
    pub affiliation: Option<A>,
    /// The sentence span that states it.
    pub evidence: Span,
    pub confidence: f32,
}

impl<A> RoleFact<A> {
    /// The same role with its affiliation mapped by `f`.
    pub fn map_actors<B>(self, f: impl FnOnce(A) -> B) -> RoleFact<B> {
        RoleFact {
            person: self.person,
            title: self.title,
            affiliation: self.affiliation.map(f),
            evidence: self.evidence,
            confidence: self.confidence,
        }
    }
}

/// The roles found so far, indexed by person and lowercase title (one role each).
#[derive(Default)]
struct Found {
    roles: Vec<RoleFact<ActorRef>>,
    index: HashMap<(usize, Option<String>), usize>,
    /// Roles whose affiliation is only implied (`countries::implied_country`): a stated
    /// one for the same person and title replaces it.
    implied: std::collections::HashSet<usize>,
}

struct Ctx<'a> {
    tok: TokenView<'a>,
    lx: &'static Lexicon,
    /// Lowercase word after each demonym → the demonym's token positions (built on demand).
    demonym_index: RefCell<Option<HashMap<String, Vec<usize>>>>,
    /// The country the article is about (`countries::main_country`), computed once.
    main_country: std::cell::OnceCell<Option<usize>>,
    /// Country implied by a title elsewhere in the text, per lowercase title.
    implied: RefCell<HashMap<String, Option<String>>>,
}

impl Ctx<'_> {
    fn is_title_head(&self, t: usize) -> bool {
        let lw = self.tok.lower(t);
        let lw = lw.trim_end_matches('.');
        // "co-chairman", "vice-chair", "ex-president": a prefixed title
        self.lx.title(lw).is_some()
            || lw
                .split_once('-')
                .is_some_and(|(p, rest)| p.len() <= 4 && self.lx.title(rest).is_some())
    }
    fn is_modifier(&self, t: usize) -> bool {
        let lw = self.tok.lower(t);
        self.lx.title_modifiers.contains(lw.as_str())
            || (self.lx.title(&lw).is_some() && self.tok.seg.tokens[t].kind == TokenKind::Word)
    }
}

/// Finds roles of the people in `ents`. An affiliation named only by a demonym is the
/// country's entity, or a request for it.
pub fn attach(
    doc: &Document,
    seg: &Segmentation,
    tags: &Tags,
    ents: &Entities,
) -> Staged<Vec<RoleFact<ActorRef>>> {
    let mut requests = Actors::new(ents);
    let actors = &mut requests;
    let ctx = Ctx {
        tok: TokenView::tagged(&doc.text, seg, tags),
        lx: lexicon(),
        demonym_index: RefCell::new(None),
        main_country: std::cell::OnceCell::new(),
        implied: RefCell::new(HashMap::new()),
    };
    let mut out = Found::default();
    let n = ents.mentions.len();
    // the singular title of a plural one before a list of names, and its sentence
    let mut list_title: Option<(usize, String, Option<ActorRef>)> = None;
    for mi in 0..n {
        let e = ents.mention_entity[mi];
        if ents.entities[e].kind != EntityKind::Person {
            continue;
        }
        let m = ents.mentions[mi].clone();
        let sent = seg.sentences[m.sentence].clone();
        let evidence = sent.span;
        let s0 = sent.tokens.start;
        let s1 = sent.tokens.end;

        // the next name of a list after a plural title: "ministers X, Y and Z"
        if let Some((ls, t, a)) = &list_title {
            let prev_end = (mi > 0).then(|| ents.mentions[mi - 1].tokens.end);
            let joined = *ls == m.sentence
                && m.title.is_none()
                && prev_end.is_some_and(|p| {
                    p < m.tokens.start
                        && m.tokens.start - p <= 2
                        && (p..m.tokens.start).all(|k| matches!(ctx.tok.word(k), "," | "and"))
                });
            if joined {
                push(
                    &mut out,
                    e,
                    Some(t.clone()),
                    *a,
                    evidence,
                    confidence::PREMODIFIER,
                );
            } else {
                list_title = None;
            }
        }
        let mut starts_list = false;
        // 1. premodifier title: the mention's own capitalized title, or lowercase title words
        let (title_range, title_text) = match &m.title {
            Some(t) if !is_honorific(&t.text) => (Some(t.tokens.clone()), Some(t.text.clone())),
            _ => {
                // lowercase title words right before the name (or its honorific): "...
                // special envoy X", "the city's top policeman Sir X"
                let name_start = m.title.as_ref().map_or(m.tokens.start, |t| t.tokens.start);
                // a plural title before a list of names: "ministers X, Y and Z"
                let plural = m.title.is_none()
                    && name_start > s0
                    && ents.mention_at(name_start - 1).is_none()
                    && plural_title(&ctx, name_start - 1);
                let mut k = if plural { name_start - 1 } else { name_start };
                while k > s0
                    && ctx.tok.seg.tokens[k - 1].kind == TokenKind::Word
                    && ents.mention_at(k - 1).is_none()
                    && {
                        let w = ctx.tok.word(k - 1);
                        // capitalized too before an honorific: "Chairman Sir X"
                        (m.title.is_some() || w.chars().all(|c| c.is_lowercase() || c == '-'))
                            && (ctx.is_modifier(k - 1) || ctx.is_title_head(k - 1))
                    }
                {
                    k -= 1;
                }
                // the last word before the name must be a head
                if k < name_start && (plural || ctx.is_title_head(name_start - 1)) {
                    k = qualifiers_before(&ctx, ents, k, s0);
                    let sp = Span::new(
                        seg.tokens[k].span.start,
                        seg.tokens[name_start - 1].span.end,
                    );
                    let mut t = doc.text[sp.range()].to_string();
                    if plural {
                        t.pop();
                        list_title = Some((m.sentence, t.clone(), None));
                        starts_list = true;
                    }
                    (Some(k..name_start), Some(t))
                } else {
                    (None, None)
                }
            }
        };
        // the role of a title before the name that states no affiliation: "Chairman X of Y"
        let mut title_role = None;
        if let (Some(mut tr), Some(mut title)) = (title_range, title_text) {
            // a party adjective opening the title is its affiliation: "Labour MP X"
            let mut party_of = None;
            if tr.len() > 1
                && let Some(p) = party(&ctx, actors, ctx.tok.word(tr.start))
            {
                party_of = Some(p);
                tr.start += 1;
                let sp = Span::new(
                    seg.tokens[tr.start].span.start,
                    seg.tokens[tr.end - 1].span.end,
                );
                title = doc.text[sp.range()].to_string();
            }
            // a coordinated lowercase title before it shares its owner: "the agency's
            // founder and chief executive X" (founder and chief executive, both of the agency)
            let coordinated = if party_of.is_none() {
                coordinated_title(&ctx, ents, tr.start, s0)
            } else {
                None
            };
            let owner_at = coordinated.as_ref().map_or(tr.start, |(r, _)| r.start);
            let stated = party_of.or_else(|| affiliation_before(&ctx, actors, owner_at, s0));
            if let Some((_, t)) = &coordinated {
                push(
                    &mut out,
                    e,
                    Some(clean_title(t)),
                    stated,
                    evidence,
                    confidence::PREMODIFIER,
                );
            }
            let implied = stated
                .is_none()
                .then(|| implied_country(&ctx, actors, &title, tr.start, s0))
                .flatten();
            // the list after a plural title shares its stated affiliation
            if let Some(l) = list_title.as_mut()
                && starts_list
            {
                l.2 = stated;
            }
            let i = push(
                &mut out,
                e,
                Some(clean_title(&title)),
                stated.or(implied),
                evidence,
                confidence::PREMODIFIER,
            );
            if let Some(i) = i
                && implied.is_some()
                && out.roles[i].affiliation == implied
            {
                out.implied.insert(i);
            }
            if stated.is_none() {
                title_role = i;
            }
        }

        // 1b. a post-nominal title: "Dana Roe QC", "Tom Ashby MP"
        let mut k = m.tokens.end;
        if k < s1 {
            let w = ctx.tok.word(k);
            if w.len() >= 2
                && w.chars().all(|c| c.is_ascii_uppercase())
                && ents.mention_at(k).is_none()
                && ctx.lx.title(&w.to_lowercase()).is_some()
            {
                push(
                    &mut out,
                    e,
                    Some(w.to_string()),
                    None,
                    evidence,
                    confidence::PREMODIFIER,
                );
                k += 1;
            }
        }
        // 2. appositive after the name: "X, a real estate developer and ... associate of Y,"
        if k < s1 && matches!(ctx.tok.word(k), "," | "-" | "–" | "—") {
            k += 1;
            // "X, who is chairman of Y": a relative clause that gives the office
            if k + 2 < s1
                && ctx.tok.lower(k) == "who"
                && matches!(ctx.tok.lower(k + 1).as_str(), "is" | "was")
            {
                k += 2;
            }
            appositive_roles(&ctx, actors, e, k, s1, evidence, &mut out);
        }

        // 3. appositive before the name: "his Israeli counterpart, X" / "the bank's chief, X"
        let start = m.title.as_ref().map_or(m.tokens.start, |t| t.tokens.start);
        if start >= s0 + 2 && ctx.tok.word(start - 1) == "," {
            // "the chairman of the Bar Council, X": the title's `of Y` complement
            let of_y = of_complement_before(&ctx, ents, start - 1, s0);
            let head = of_y.map_or(start - 2, |(h, _)| h);
            if ctx.is_title_head(head) && ents.mention_at(head).is_none() {
                let mut k = head;
                while k > s0 && ctx.is_modifier(k - 1) && ents.mention_at(k - 1).is_none() {
                    k -= 1;
                }
                // up to two adjectives no title list knows: "Sukarto's eldest son, X",
                // "the still-serving attorney general, X"
                let mut adjectives = 0;
                while adjectives < 2
                    && k > s0 + 1
                    && ents.mention_at(k - 1).is_none()
                    && ctx.tok.seg.tokens[k - 1].kind == TokenKind::Word
                    && ctx
                        .tok
                        .word(k - 1)
                        .chars()
                        .all(|c| c.is_lowercase() || c == '-')
                    && !matches!(
                        ctx.tok.lower(k - 1).as_str(),
                        "the" | "his" | "her" | "its" | "their" | "a" | "an" | "and" | "of"
                    )
                    && (matches!(
                        ctx.tok.lower(k - 2).as_str(),
                        "the" | "his" | "her" | "its" | "their" | "a" | "an" | "'s" | "’s"
                    ) || adjectives == 0)
                {
                    k -= 1;
                    adjectives += 1;
                }
                // back off adjectives that do not reach a determiner or possessive
                while adjectives > 0
                    && !matches!(
                        ctx.tok.lower(k - 1).as_str(),
                        "the" | "his" | "her" | "its" | "their" | "a" | "an" | "'s" | "’s"
                    )
                {
                    k += 1;
                    adjectives -= 1;
                }
                // the title phrase must open its noun phrase: a determiner, possessive or
                // demonym/affiliation before it
                let sp = Span::new(seg.tokens[k].span.start, seg.tokens[head].span.end);
                let title = doc.text[sp.range()].to_string();
                let affiliation = of_y
                    .map(|(_, a)| ActorRef::Entity(a))
                    .or_else(|| affiliation_before(&ctx, actors, k, s0));
                let opens_np = of_y.is_some()
                    || k > s0
                        && (matches!(
                            ctx.tok.lower(k - 1).as_str(),
                            "the" | "his" | "her" | "its" | "their" | "a" | "an" | "'s" | "’s"
                        ) || affiliation.is_some());
                if opens_np {
                    push(
                        &mut out,
                        e,
                        Some(clean_title(&title)),
                        affiliation,
                        evidence,
                        confidence::APPOSITIVE,
                    );
                }
            }
        }

        // 4. "X was appointed as the Middle East envoy", "X, who serves as chief of staff"
        let clause_start = m.title.as_ref().map_or(m.tokens.start, |t| t.tokens.start) == s0;
        if clause_start && let Some(r) = as_title(&ctx, ents, m.tokens.end, s1) {
            push(
                &mut out,
                e,
                Some(r.0),
                r.1.map(ActorRef::Entity),
                evidence,
                confidence::APPOINTED_AS,
            );
        }

        // 5. "X of Y" with Y an organization; after a title that named no affiliation
        // before the name, Y is the title's ("Chairman X of the Harbour Bank", "party
        // leader X of the Greens", "Mayor X of Portwell")
        let k = m.tokens.end;
        if let Some(i) = title_role
            && k + 1 < s1
            && ctx.tok.word(k) == "of"
            && let Some((a, _)) = entity_after(&ctx, actors, k + 1, s1)
            && matches!(
                ents.entities[a].kind,
                EntityKind::Organization | EntityKind::Place
            )
            && a != e
        {
            out.roles[i].affiliation = Some(ActorRef::Entity(a));
            out.implied.remove(&i);
        } else if k + 1 < s1
            && ctx.tok.word(k) == "of"
            && let Some(a) = ents.entity_at(k + 1)
            && ents.entities[a].kind == EntityKind::Organization
        {
            push(
                &mut out,
                e,
                None,
                Some(ActorRef::Entity(a)),
                evidence,
                confidence::X_OF_Y,
            );
        }
    }
    // 6. "The rural affairs minister said": a description for a person named before
    definite::definite_roles(&ctx, actors, &mut out);
    requests.finish(out.roles)
}

/// Before a comma at `comma`: `TITLE of/for/at (the) (adjectives) Y` with Y a named actor
/// ("the chairman of the Bar Council,", "the Prime Minister of the so-called Kosovo,").
/// Returns the title's head and Y.
fn of_complement_before(
    ctx: &Ctx,
    ents: &Entities,
    comma: usize,
    s0: usize,
) -> Option<(usize, usize)> {
    let a = ents.entity_at(comma.checked_sub(1)?)?;
    let mut j = comma - 1;
    while j > s0 && ents.entity_at(j - 1) == Some(a) {
        j -= 1;
    }
    let mut skipped = 0;
    while j > s0 + 1 && skipped < 4 && {
        let w = ctx.tok.word(j - 1);
        ents.mention_at(j - 1).is_none()
            && !matches!(w, "of" | "for" | "at")
            && w.chars().all(|c| c.is_lowercase() || c == '-')
    } {
        j -= 1;
        skipped += 1;
    }
    if j < s0 + 2 || !matches!(ctx.tok.word(j - 1), "of" | "for" | "at") {
        return None;
    }
    let head = j - 2;
    (ctx.is_title_head(head) && ents.mention_at(head).is_none()).then_some((head, a))
}

/// A lowercase title coordinated before the title starting at `t`: `founder and` before
/// "chief executive X". Returns its token range and text.
fn coordinated_title(
    ctx: &Ctx,
    ents: &Entities,
    t: usize,
    s0: usize,
) -> Option<(std::ops::Range<usize>, String)> {
    if t < s0 + 2 || ctx.tok.word(t - 1) != "and" {
        return None;
    }
    let head = t - 2;
    let lower = |k: usize| {
        ctx.tok.seg.tokens[k].kind == TokenKind::Word
            && ents.mention_at(k).is_none()
            && ctx
                .tok
                .word(k)
                .chars()
                .all(|c| c.is_lowercase() || c == '-')
    };
    if !(lower(head) && ctx.is_title_head(head)) {
        return None;
    }
    let mut k = head;
    while k > s0 && lower(k - 1) && (ctx.is_modifier(k - 1) || ctx.is_title_head(k - 1)) {
        k -= 1;
    }
    let k = qualifiers_before(ctx, ents, k, s0);
    let sp = Span::new(
        ctx.tok.seg.tokens[k].span.start,
        ctx.tok.seg.tokens[head].span.end,
    );
    Some((k..head + 1, ctx.tok.text[sp.range()].to_string()))
}

/// A plural title word: "ministers", "leaders", "candidates".
fn plural_title(ctx: &Ctx, t: usize) -> bool {
    let w = ctx.tok.word(t);
    w.len() > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && w.chars().all(|c| c.is_lowercase())
        && ctx.lx.title(&w[..w.len() - 1]).is_some()
}

/// Words that qualify a title no title list knows, before it at `k`: "parliamentary group
/// leader", "former welfare minister", "Former far-right president", "Home Affairs
/// spokesman". Up to three lowercase adjectives and nouns or capitalized common words, kept only where they open the noun phrase (the sentence start, a
/// determiner, pronoun, verb, preposition, punctuation, a possessive or a named actor
/// before them); a capitalized title modifier may open the sentence ("Former").
fn qualifiers_before(ctx: &Ctx, ents: &Entities, k: usize, s0: usize) -> usize {
    let tok = &ctx.tok;
    let mut j = k;
    while j > s0
        && k - j < MAX_QUALIFIERS
        && tok.seg.tokens[j - 1].kind == TokenKind::Word
        && ents.mention_at(j - 1).is_none()
        && {
            let w = tok.word(j - 1);
            let lower = w.chars().all(|c| c.is_lowercase() || c == '-');
            // a capitalized portfolio of common words: "Home Affairs spokesman"
            let portfolio = !lower
                && w.chars().skip(1).all(char::is_lowercase)
                && ctx.lx.is_common(&tok.lower(j - 1))
                && !ctx.lx.party_adjectives.contains(w)
                && !ctx.lx.org_words.contains(w);
            (lower && matches!(tok.tag(j - 1), Upos::Adj | Upos::Noun))
                || (portfolio && matches!(tok.tag(j - 1), Upos::Adj | Upos::Noun | Upos::Propn))
        }
        && !ctx.lx.demonyms.contains_key(tok.word(j - 1))
    {
        j -= 1;
    }
    if j > s0 && ctx.is_modifier(j - 1) && (j - 1 == s0 || tok.lower(j - 1) == "former") {
        j -= 1;
    }
    if j == k {
        return k;
    }
    let opens = j == s0
        || ents.mention_at(j - 1).is_some()
        || matches!(tok.word(j - 1), "'s" | "’s")
        // an owner no mention covers: "Liberal Democrat constitutional affairs spokesman"
        || (tok.tag(j - 1) == Upos::Propn
            && (ctx.lx.party_adjectives.contains(tok.word(j - 1))
                || ctx.lx.demonyms.contains_key(tok.word(j - 1))))
        || matches!(
            tok.tag(j - 1),
            Upos::Det | Upos::Pron | Upos::Verb | Upos::Aux | Upos::Adp | Upos::Punct | Upos::Sconj
        );
    if opens { j } else { k }
}

/// How many words no title list knows may qualify a title before it.
const MAX_QUALIFIERS: usize = 3;

fn push(
    out: &mut Found,
    person: usize,
    title: Option<String>,
    affiliation: Option<ActorRef>,
    evidence: Span,
    confidence: f32,
) -> Option<usize> {
    if affiliation == Some(ActorRef::Entity(person)) {
        return None;
    }
    let key = (person, title.as_deref().map(str::to_lowercase));
    if let Some(&i) = out.index.get(&key) {
        let r = &mut out.roles[i];
        // a stated affiliation replaces an implied one
        if affiliation.is_some() && (r.affiliation.is_none() || out.implied.remove(&i)) {
            r.affiliation = affiliation;
        }
        return Some(i);
    }
    out.index.insert(key, out.roles.len());
    out.roles.push(RoleFact {
        person,
        title,
        affiliation,
        evidence,
        confidence,
    });
    Some(out.roles.len() - 1)
}

#[cfg(test)]
mod tests;
