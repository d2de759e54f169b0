//! The country of an office written without one (`Foreign Minister X`): a country named
//! earlier in the sentence, or the same title written with a demonym elsewhere.

use std::collections::HashMap;

use super::Ctx;
use crate::stages::entities::{ActorRef, Actors, Entities};
use crate::vocab::EntityKind;

/// Offices held for a country: their holder's country may be implied.
pub(super) fn is_national_office(title: &str) -> bool {
    let t = title.to_lowercase();
    // the head of "Secretary of State", "Minister of Foreign Affairs" stands before "of"
    let head = t
        .split_once(" of ")
        .map_or(t.as_str(), |(h, _)| h)
        .rsplit(' ')
        .next()
        .unwrap_or("");
    matches!(
        head,
        "president"
            | "minister"
            | "chancellor"
            | "premier"
            | "pm"
            | "king"
            | "queen"
            | "emir"
            | "sultan"
            | "taoiseach"
            | "secretary"
    ) && !t.contains("press")
        || t.ends_with("prime minister")
        || t.ends_with("crown prince")
}

/// The country of an office title written without one ("Foreign Minister X"): a country
/// (or a body of one, "the Kremlin", or its adjective, "the French government") named
/// earlier in the same sentence, else later in it
/// ("Prime Minister X voiced Canada's disappointment"), or the country of
/// the same title written with a demonym elsewhere ("the British prime minister").
pub(super) fn implied_country(
    ctx: &Ctx,
    actors: &mut Actors,
    title: &str,
    t: usize,
    s0: usize,
) -> Option<ActorRef> {
    let ents = actors.entities();
    if !is_national_office(title) {
        return None;
    }
    let lx = ctx.lx;
    let s1 = ctx
        .tok
        .seg
        .sentence_of(t)
        .map_or(t, |si| ctx.tok.seg.sentences[si].tokens.end);
    for k in (s0..t).rev().chain(t..s1) {
        let Some(e) = ents.entity_at(k) else {
            // a country's adjective: "the French government", "the Indian capital"; not
            // before another title ("Russian President Y" is someone else's)
            if let Some((c, false)) = lx.demonyms.get(ctx.tok.word(k))
                && lx.country_codes.contains_key(c)
                && !(k + 1 < s1 && (ctx.is_title_head(k + 1) || ctx.is_modifier(k + 1)))
            {
                let c = c.clone();
                return Some(actors.request(EntityKind::Place, &c, None));
            }
            continue;
        };
        // "Peru's former President Y": the country of this office
        let mut after = k + 1;
        while after < s1 && ents.entity_at(after) == Some(e) {
            after += 1;
        }
        if after < s1 && matches!(ctx.tok.word(after), "'s" | "’s") {
            after += 1;
        }
        let mut own = after;
        while own < t && ctx.is_modifier(own) {
            own += 1;
        }
        // later in the sentence, "Panama's President Y" is the country of another office
        if own != t && k > t && after < s1 && (ctx.is_title_head(after) || ctx.is_modifier(after)) {
            continue;
        }
        let ent = &ents.entities[e];
        match ent.kind {
            EntityKind::Place if lx.country_codes.contains_key(&ent.name) => {
                return Some(ActorRef::Entity(e));
            }
            EntityKind::Organization => {
                if let Some(c) = lx.orgs.get(&ent.name).and_then(|o| o.country.clone()) {
                    return Some(actors.request(EntityKind::Place, &c, None));
                }
            }
            _ => {}
        }
    }
    // "the British prime minister" anywhere in the text
    let lt = title.to_lowercase();
    let country = ctx
        .implied
        .borrow_mut()
        .entry(lt.clone())
        .or_insert_with(|| demonym_with_title(ctx, ents, &lt))
        .clone();
    if let Some(c) = country {
        return Some(actors.request(EntityKind::Place, &c, None));
    }
    // the country the article is about: named clearly more often than any other
    let ents = actors.entities();
    (*ctx.main_country.get_or_init(|| main_country(ctx, ents))).map(ActorRef::Entity)
}

/// The country named most often in the article, when it is named at least three times
/// and twice as often as the next one.
pub(super) fn main_country(ctx: &Ctx, ents: &Entities) -> Option<usize> {
    let mut counts: Vec<(usize, usize)> = ents
        .entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == EntityKind::Place && ctx.lx.country_codes.contains_key(&e.name))
        .map(|(i, e)| (e.mentions.len(), i))
        .collect();
    counts.sort_by(|a, b| b.cmp(a));
    match counts.as_slice() {
        [(n, e)] if *n >= 3 => Some(*e),
        [(n, e), (m, _), ..] if *n >= 3 && *n >= 2 * m => Some(*e),
        _ => None,
    }
}

/// The country of the first demonym in the text that stands before the lowercase title
/// `lt` (`British prime minister`), if it is a country's.
pub(super) fn demonym_with_title(ctx: &Ctx, ents: &Entities, lt: &str) -> Option<String> {
    let lx = ctx.lx;
    let toks = &ctx.tok.seg.tokens;
    let mut index = ctx.demonym_index.borrow_mut();
    // (lowercase word after a demonym → demonym positions, in text order), built once
    let index = index.get_or_insert_with(|| {
        let mut m: HashMap<String, Vec<usize>> = HashMap::new();
        for k in 0..toks.len().saturating_sub(1) {
            if let Some((_, false)) = lx.demonyms.get(ctx.tok.word(k)) {
                m.entry(ctx.tok.lower(k + 1)).or_default().push(k);
            }
        }
        m
    });
    let n = lt.split(' ').count();
    let first = lt.split(' ').next().unwrap_or("");
    for &k in index.get(first).map_or(&[][..], Vec::as_slice) {
        if k >= toks.len().saturating_sub(n + 1) {
            break;
        }
        let Some((country, false)) = lx.demonyms.get(ctx.tok.word(k)) else {
            continue;
        };
        let same = (0..n).all(|i| Some(ctx.tok.lower(k + 1 + i).as_str()) == lt.split(' ').nth(i));
        // "the British prime minister" refers back; "Russian President X" is someone else
        let names_other = k + 1 + n < toks.len() && ents.mention_at(k + 1 + n).is_some();
        if same && !names_other && lx.country_codes.contains_key(country) {
            return Some(country.clone());
        }
    }
    None
}
