//! Definite descriptions: `the TITLE` standing for a person named elsewhere ("Rhea Salt
//! has said so. The rural affairs minister said …", "The Tory leader said …").
//!
//! A description opens its sentence (`The …`, `But the …`), is headed by a title word, and
//! names nobody itself (no name or appositive name after it). It refers to the one person
//! who holds that title already in the article, else to the one person named in the
//! nearest earlier sentence that names people (at most two sentences back), provided its
//! own sentence names no person before it; a lead that nobody is named before refers to
//! the one person of the next sentence that names people (at most two ahead).
//!
//! Inside a sentence that names nobody, an office no found title covers ("Critics said
//! the plan helped the chancellor") goes to the person named most often within two
//! sentences either side who has no title of their own, decided once per article: one
//! office per person, none on a tie, none for an office the article also names in the
//! plural ("officials") or with "a" ("a spokesman for the authority": an unnamed holder),
//! nor for a former, incoming or acting holder.

use std::collections::HashMap;

use super::patterns::{clean_title, entity_after, owner_at};
use super::{Ctx, Found, confidence, push};
use crate::lexicon::TitleClass;
use crate::stages::entities::{ActorRef, Actors};
use crate::stages::segment::{Span, TokenKind};
use crate::tagger::Upos;
use crate::vocab::EntityKind;

/// How many tokens into its sentence a description may start ("But the", "And now the").
const MAX_OPENING: usize = 3;
/// How many words no title list knows a description may hold.
const MAX_OTHER: usize = 3;
/// How many sentences back the person it stands for may be named.
const MAX_BACK: usize = 2;
/// How many sentences either side the holder of an office named inside a sentence may be named.
const MAX_AROUND: usize = 2;

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
    // how often each person is named in the article, and who has a role already
    let mut named = vec![0usize; ents.entities.len()];
    for (mi, _) in ents.mentions.iter().enumerate() {
        named[ents.mention_entity[mi]] += 1;
    }
    let titled: Vec<usize> = out.roles.iter().map(|r| r.person).collect();
    let mut found = Vec::new();
    let mut inside: Vec<(Description, usize, Span)> = Vec::new();
    for (si, s) in seg.sentences.iter().enumerate() {
        let (s0, s1) = (s.tokens.start, s.tokens.end);
        for the in s0..s1 {
            if ctx.tok.lower(the) != "the" {
                continue;
            }
            // opening its sentence: only openers before "the" ("But", "And", "Now", a comma)
            let opening = the < s0 + MAX_OPENING
                && (s0..the).all(|k| actors.entities().mention_at(k).is_none());
            let Some(d) = description(ctx, actors, the, s1) else {
                continue;
            };
            // the person: the one holder of the title, else the one person named just before
            let person = match holders.get(&d.head).map(Vec::as_slice) {
                // inside a sentence, a title someone holds already adds nothing
                Some(_) if !opening => continue,
                Some([p]) => Some(*p),
                Some(_) => None,
                // nobody named before it (a lead: "The Veltrian prime minister has
                // defended ... Marta Kessvik said"): the next sentence that names people
                None if opening => (1..=MAX_BACK.min(si))
                    .map(|b| &people[si - b])
                    .find(|p| !p.is_empty())
                    .or_else(|| {
                        (si + 1..people.len().min(si + 1 + MAX_BACK))
                            .map(|b| &people[b])
                            .find(|p| !p.is_empty())
                    })
                    .and_then(|p| match p.as_slice() {
                        [p] => Some(*p),
                        _ => None,
                    }),
                // inside a sentence: an office, decided for the whole article below
                None => {
                    // ... in a sentence that names nobody, not after "as" ("as the
                    // Democratic candidate" is said of someone in the sentence)
                    if d.office
                        && people[si].is_empty()
                        && !(the > s0 && ctx.tok.lower(the - 1) == "as")
                        && let Some(p) = around(&people, &named, &titled, si)
                    {
                        inside.push((d, p, s.span));
                    }
                    continue;
                }
            };
            let Some(person) = person else { continue };
            found.push((person, d.title, d.affiliation, s.span));
        }
    }
    // an office named inside sentences and held by nobody named with it: the person most
    // often found around its descriptions; one office per person, offices spoken of in the
    // plural ("officials", "candidates") have no one holder, nor offices an unnamed holder
    // has ("a spokesman")
    let text = ctx.tok.text.to_lowercase();
    let mut votes: HashMap<(&str, usize), usize> = HashMap::new();
    for (d, p, _) in &inside {
        *votes.entry((d.key.as_str(), *p)).or_default() += 1;
    }
    let mut ranked: Vec<((&str, usize), usize)> = votes.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut office_of: HashMap<&str, usize> = HashMap::new();
    let mut assigned: Vec<usize> = Vec::new();
    for ((key, p), n) in &ranked {
        let contested = ranked
            .iter()
            .any(|((k2, p2), n2)| k2 == key && p2 != p && n2 == n);
        if contested
            || office_of.contains_key(key)
            || assigned.contains(p)
            || plural_in(&text, key)
            || indefinite_in(&text, key)
        {
            office_of.entry(key).or_insert(usize::MAX);
            continue;
        }
        office_of.insert(key, *p);
        assigned.push(*p);
    }
    for (d, _, evidence) in &inside {
        if let Some(&p) = office_of.get(d.key.as_str())
            && p != usize::MAX
        {
            found.push((p, d.title.clone(), d.affiliation, *evidence));
        }
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

/// The person most named within [`MAX_AROUND`] sentences of sentence `si`, not named in it
/// and holding no title found by the other patterns; None on a tie.
fn around(people: &[Vec<usize>], named: &[usize], titled: &[usize], si: usize) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    let mut tie = false;
    let lo = si.saturating_sub(MAX_AROUND);
    let hi = (si + MAX_AROUND).min(people.len() - 1);
    let mut seen = Vec::new();
    for p in (lo..=hi)
        .filter(|&b| b != si)
        .flat_map(|b| people[b].iter())
    {
        if seen.contains(p) || people[si].contains(p) || titled.contains(p) {
            continue;
        }
        seen.push(*p);
        match best {
            Some((_, n)) if named[*p] == n => tie = true,
            Some((_, n)) if named[*p] < n => {}
            _ => {
                best = Some((*p, named[*p]));
                tie = false;
            }
        }
    }
    best.filter(|_| !tie).map(|(p, _)| p)
}

/// `title` (lowercase) also stands in the plural in `text` (lowercase): "officials".
fn plural_in(text: &str, title: &str) -> bool {
    let plural = format!("{title}s");
    text.match_indices(&plural).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + plural.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// `title` (lowercase) also stands after "a"/"an" in `text` (lowercase): an unnamed holder
/// ("a spokesman for the authority") the description refers back to.
fn indefinite_in(text: &str, title: &str) -> bool {
    text.contains(&format!(" a {title}")) || text.contains(&format!(" an {title}"))
}

/// A definite description at `the`: `the (owner) (words) TITLE (of Y)?` that names nobody.
struct Description {
    /// The title as written, without the determiner.
    title: String,
    /// Its lowercase head word.
    head: String,
    /// Its lowercase title words after the owner ("prime minister").
    key: String,
    affiliation: Option<ActorRef>,
    /// Headed by an office ("minister", "chancellor"), not a profession.
    office: bool,
}

fn description(ctx: &Ctx, actors: &mut Actors, the: usize, s1: usize) -> Option<Description> {
    let seg = ctx.tok.seg;
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
            && matches!(ctx.tok.tag(k), Upos::Adj | Upos::Noun | Upos::Num)
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
    let h = head?;
    // the head is the last title word; the description names nobody itself
    if h + 1 != k || k >= s1 {
        return None;
    }
    let next = ctx.tok.word(k);
    // the noun phrase ends at the head ("the 150-member parliament" is no title)
    if ents.mention_at(k).is_some()
        || (next == "," && k + 1 < s1 && ents.mention_at(k + 1).is_some())
        || next == "-"
        || matches!(ctx.tok.tag(k), Upos::Noun | Upos::Propn)
    {
        return None;
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
        return None;
    }
    let mut affiliation = owner;
    if k + 1 < s1
        && matches!(ctx.tok.lower(k).as_str(), "of" | "for" | "at")
        && let Some((e, after)) = entity_after(ctx, actors, k + 1, s1)
    {
        affiliation = Some(ActorRef::Entity(e));
        // "the leader of the Union, Dana Roe": an appositive before a name
        if after + 1 < s1 && ctx.tok.word(after) == "," && ents.mention_at(after + 1).is_some() {
            return None;
        }
    }
    let sp = Span::new(seg.tokens[t0].span.start, seg.tokens[h].span.end);
    let title = clean_title(&ctx.tok.text[sp.range()]);
    // a time qualifier names another holder than the present one: "the former president"
    let timed = (t0..h).any(|j| {
        matches!(
            ctx.tok.lower(j).as_str(),
            "former" | "outgoing" | "incoming" | "acting" | "interim" | "late"
        )
    });
    Some(Description {
        key: title.to_lowercase(),
        title,
        head: lh.to_string(),
        affiliation,
        office: class == Some(TitleClass::Office) && other == 0 && !timed,
    })
}
