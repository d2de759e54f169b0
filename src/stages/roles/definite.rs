//! Definite descriptions: `the TITLE` standing for a person named elsewhere ("Rhea Salt
//! has said so. The rural affairs minister said …", "The Tory leader said …").
//!
//! A description opens its sentence (`The …`, `But the …`), is headed by a title word, and
//! names nobody itself (no name or appositive name after it). It refers to the one person
//! who holds that title already in the article, else to the one person named in the
//! nearest earlier sentence that names people (at most two sentences back), provided its
//! own sentence names no person before it.

use std::collections::HashMap;

use super::patterns::{clean_title, entity_after, owner_at};
use super::{Ctx, Found, confidence, push};
use crate::lexicon::TitleClass;
use crate::stages::entities::{ActorRef, Actors};
use crate::stages::segment::{Span, TokenKind};
use crate::vocab::EntityKind;

/// How many tokens into its sentence a description may start ("But the", "And now the").
const MAX_OPENING: usize = 3;
/// How many words no title list knows a description may hold.
const MAX_OTHER: usize = 3;
/// How many sentences back the person it stands for may be named.
const MAX_BACK: usize = 2;

pub(super) fn definite_roles(ctx: &Ctx, actors: &mut Actors, out: &mut Found) {
    let ents = actors.entities();
    let seg = ctx.tok.seg;
    // the people named in each sentence, in text order, once each
    let mut people: Vec<Vec<usize>> = vec![Vec::new(); seg.sentences.len()];
    for (mi, m) in ents.mentions.iter().enumerate() {
        let e = ents.mention_entity[mi];
        if ents.entities[e].kind == EntityKind::Person && !people[m.sentence].contains(&e) {
            people[m.sentence].push(e);
        }
    }
    // title head word → the people holding a title with it (found by the other patterns)
    let mut holders: HashMap<String, Vec<usize>> = HashMap::new();
    for r in &out.roles {
        if let Some(t) = &r.title
            && let Some(h) = t.rsplit(' ').next()
        {
            let v = holders.entry(h.to_lowercase()).or_default();
            if !v.contains(&r.person) {
                v.push(r.person);
            }
        }
    }
    let mut found = Vec::new();
    for (si, s) in seg.sentences.iter().enumerate() {
        let (s0, s1) = (s.tokens.start, s.tokens.end);
        let Some(the) = (s0..s1.min(s0 + MAX_OPENING)).find(|&k| ctx.tok.lower(k) == "the") else {
            continue;
        };
        // only openers before "the": "But", "And", "Now", a comma
        if (s0..the).any(|k| ents.mention_at(k).is_some()) {
            continue;
        }
        let (owner, t0) = owner_at(ctx, actors, the, s1);
        let ents = actors.entities();
        let mut k = t0;
        let mut head = None;
        // lowercase words no title list knows may qualify the title: "the rural affairs
        // minister", "the Indian-born magnate"
        let mut other = 0;
        while k < s1 && seg.tokens[k].kind == TokenKind::Word && ents.mention_at(k).is_none() {
            if ctx.is_title_head(k) {
                head = Some(k);
            } else if ctx.is_modifier(k) {
            } else if head.is_none()
                && other < MAX_OTHER
                && ctx
                    .tok
                    .word(k)
                    .chars()
                    .all(|c| c.is_lowercase() || c == '-')
            {
                other += 1;
            } else {
                break;
            }
            k += 1;
        }
        let Some(h) = head else { continue };
        // the head is the last title word; the description names nobody itself
        if h + 1 != k || k >= s1 {
            continue;
        }
        let next = ctx.tok.word(k);
        if ents.mention_at(k).is_some()
            || (next == "," && k + 1 < s1 && ents.mention_at(k + 1).is_some())
            || next == "-"
        {
            continue;
        }
        let lh = ctx.tok.lower(h);
        let lh = lh.trim_end_matches('.');
        let class = ctx
            .lx
            .title(lh)
            .or_else(|| lh.split_once('-').and_then(|(_, rest)| ctx.lx.title(rest)));
        if !matches!(
            class,
            Some(TitleClass::Office | TitleClass::Profession | TitleClass::Military)
        ) {
            continue;
        }
        // the person: the one holder of the title, else the one person named just before
        let person = match holders.get(lh).map(Vec::as_slice) {
            Some([p]) => Some(*p),
            Some(_) => None,
            None => (1..=MAX_BACK.min(si))
                .map(|b| &people[si - b])
                .find(|p| !p.is_empty())
                .and_then(|p| match p.as_slice() {
                    [p] => Some(*p),
                    _ => None,
                }),
        };
        let Some(person) = person else { continue };
        let mut affiliation = owner;
        if k + 1 < s1
            && matches!(ctx.tok.lower(k).as_str(), "of" | "for" | "at")
            && let Some((e, _)) = entity_after(ctx, actors, k + 1, s1)
        {
            affiliation = Some(ActorRef::Entity(e));
        }
        let sp = Span::new(seg.tokens[t0].span.start, seg.tokens[h].span.end);
        let title = clean_title(&ctx.tok.text[sp.range()]);
        found.push((person, title, affiliation, s.span));
    }
    for (person, title, affiliation, evidence) in found {
        push(
            out,
            person,
            Some(title),
            affiliation,
            evidence,
            confidence::DEFINITE,
        );
    }
}
