//! Clustering mentions into entities ([`resolve`]): people by full name and surname,
//! aliases (`also known as`), bracketed acronyms, initials, canonical places, capitals that
//! stand for their state; then mention lists, aliases and gender.

use std::collections::{BTreeSet, HashMap};

use super::{Entities, Entity, EntityTables, confidence};
use crate::lexicon::lexicon;
use crate::lexicon::names::CLEAR_GENDER_SHARE;
use crate::lexicon::words::{WordClass, is};
use crate::stages::mentions::Mention;
use crate::stages::segment::Segmentation;
use crate::stages::tokens::TokenView;
use crate::text::Document;
use crate::text::shape::is_acronym;
use crate::text::slug::slug;
use crate::vocab::EntityKind;

pub(super) fn name_tokens(s: &str) -> Vec<&str> {
    s.split_whitespace().collect()
}

/// The token suffixes of a name, longest (the whole name) first, each joined by spaces.
pub(super) fn suffixes<'a>(tokens: &'a [&'a str]) -> impl Iterator<Item = String> + 'a {
    (0..tokens.len()).map(|i| tokens[i..].join(" "))
}

pub(super) fn initials(name: &str) -> String {
    name.split([' ', '-'])
        .filter(|w| !w.is_empty() && !is(WordClass::InitialsSkip, w))
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

pub(super) fn is_actor_position(tok: &TokenView, m: &Mention) -> bool {
    let prev = m.tokens.start.checked_sub(1).map(|p| tok.lower(p));
    if prev.as_deref().is_some_and(|p| {
        matches!(
            p,
            "in" | "to" | "from" | "at" | "near" | "of" | "into" | "for" | "on" | "via" | "through"
        )
    }) {
        return false;
    }
    let next = m.tokens.end;
    if next >= tok.seg.tokens.len() || !tok.is_word(next) {
        return false;
    }
    let nw = tok.lower(next);
    is(WordClass::ActorNext, nw.as_str()) || (nw.ends_with("ed") && nw.len() > 4)
}

/// The tokens of a name folded to their name keys ("Halàsz" and "Halász" are `halasz`).
pub(super) fn folded_tokens(s: &str) -> Vec<String> {
    s.split_whitespace().map(slug).collect()
}

/// A capital written where a state acts or is acted on, though no verb follows it:
/// `between Belgrade and Pristina`, `Riyadh and Moscow were`, `which Athens rejected`,
/// `accused Washington of`, `ties with Beijing`, `led by Moscow`. Not after a place
/// preposition (`in Moscow`, `to Kyiv`), and not as a modifier (`a London lawyer`).
pub(super) fn stands_for_state(tok: &TokenView, mentions: &[Mention], mi: usize) -> bool {
    let m = &mentions[mi];
    let s = m.tokens.start;
    let e = m.tokens.end;
    let word = |k: usize| (k < tok.seg.tokens.len()).then(|| tok.lower(k));
    let prev = s.checked_sub(1).and_then(word);
    let next = word(e);
    if next
        .as_deref()
        .is_some_and(|n| n.chars().next().is_some_and(char::is_alphabetic))
        && tok.is_word(e)
        && tok.word(e).chars().next().is_some_and(char::is_uppercase)
    {
        return false;
    }
    let state_like = |x: &Mention| x.capital_of.is_some() || x.kind != EntityKind::Person;
    // "X and Y": two capitals or states side by side
    let pair = (next.as_deref() == Some("and")
        && mentions
            .get(mi + 1)
            .is_some_and(|n| n.tokens.start == e + 1 && state_like(n)))
        || (prev.as_deref() == Some("and")
            && mi > 0
            && mentions[mi - 1].tokens.end + 1 == s
            && state_like(&mentions[mi - 1]));
    match prev.as_deref() {
        Some("between" | "which" | "accused" | "blamed" | "urged" | "warned" | "with" | "by") => {
            true
        }
        Some(
            "in" | "at" | "from" | "to" | "near" | "into" | "via" | "through" | "outside"
            | "around" | "across" | "of" | "visit" | "visited",
        ) => pair && prev.as_deref() != Some("in"),
        _ => pair,
    }
}

/// Clusters mentions into entities.
pub fn resolve(doc: &Document, seg: &Segmentation, mut mentions: Vec<Mention>) -> Entities {
    let tok = TokenView::new(&doc.text, seg);
    let lx = lexicon();
    // weak single words survive only as surnames of people named in full
    let surnames: std::collections::HashSet<String> = mentions
        .iter()
        .filter(|m| m.kind == EntityKind::Person && !m.weak)
        .filter_map(|m| name_tokens(&m.text).last().map(|s| s.to_string()))
        .collect();
    mentions.retain(|m| !m.weak || surnames.contains(&m.text));
    // one word typed by context in one sentence and by other evidence in another ("Tarvik
    // said" beside "Tarvik shares"): one type for the word, that of its surest mention
    let mut surest: HashMap<String, (f32, EntityKind)> = HashMap::new();
    for m in mentions.iter().filter(|m| !m.text.contains(' ')) {
        let e = surest.entry(slug(&m.text)).or_insert((f32::MIN, m.kind));
        let conf = if m.tentative {
            m.confidence
        } else {
            m.confidence + 1.0
        };
        if conf > e.0 {
            *e = (conf, m.kind);
        }
    }
    for m in mentions.iter_mut().filter(|m| m.tentative) {
        if let Some(&(_, kind)) = surest.get(&slug(&m.text)) {
            m.kind = kind;
        }
    }
    let mut token_mention = vec![0; seg.tokens.len()];
    let mut ents = EntityTables {
        mention_entity: vec![usize::MAX; mentions.len()],
        mentions,
        entities: Vec::new(),
    };
    let mut by_key: HashMap<(EntityKind, String), usize> = HashMap::new();
    let mut new_entity =
        |ents: &mut EntityTables, kind: EntityKind, name: &str, conf: f32| -> usize {
            let id = (kind, slug(name));
            if let Some(&e) = by_key.get(&id) {
                return e;
            }
            ents.entities.push(Entity {
                kind,
                name: name.to_string(),
                key: id.1.clone(),
                aliases: BTreeSet::new(),
                mentions: Vec::new(),
                gender: None,
                confidence: conf,
            });
            by_key.insert(id, ents.entities.len() - 1);
            ents.entities.len() - 1
        };

    // 1. people with full names (two or more tokens), in text order
    let n = ents.mentions.len();
    // Indices that keep this linear in the number of mentions: every person entity so
    // far under each of its name's token suffixes (the first such entity), and under its
    // whole name. A name only ever grows at the front, so suffixes never go stale.
    let mut by_suffix: HashMap<String, usize> = HashMap::new();
    let mut by_name: HashMap<String, usize> = HashMap::new();
    for mi in 0..n {
        let m = &ents.mentions[mi];
        if m.kind == EntityKind::Person && name_tokens(&m.text).len() >= 2 {
            let name = m.text.clone();
            let conf = m.confidence;
            let mt = name_tokens(&name);
            // a longer form of an existing person ("Maria Hale" after "Maria Hale Smith"):
            // the first person whose name ends with this one, or that this one ends with
            let existing = suffixes(&mt)
                .filter_map(|s| by_name.get(&s).copied())
                .filter(|&e| mt.ends_with(&name_tokens(&ents.entities[e].name)))
                .chain(by_suffix.get(&mt.join(" ")).copied())
                .min();
            let e = match existing {
                Some(e) => {
                    if mt.len() > name_tokens(&ents.entities[e].name).len() {
                        let old = std::mem::replace(&mut ents.entities[e].name, name.clone());
                        ents.entities[e].aliases.insert(old);
                    }
                    e
                }
                None => new_entity(&mut ents, EntityKind::Person, &name, conf),
            };
            let et = name_tokens(&ents.entities[e].name);
            by_name.insert(et.join(" "), e);
            for s in suffixes(&et) {
                by_suffix
                    .entry(s)
                    .and_modify(|x| *x = (*x).min(e))
                    .or_insert(e);
            }
            ents.mention_entity[mi] = e;
        }
    }
    // 2. single-token names: surnames of those people, else their own entity.
    // The candidates for a name are the people whose longer names end with it: indexed
    // by each proper suffix of a person's name (how many, the first), and, as the
    // mentions are walked in order, the last mention so far of any of them.
    #[derive(Default)]
    struct Longer {
        count: usize,
        first: usize,
        last_mentioned: Option<usize>,
    }
    let mut longer: HashMap<String, Longer> = HashMap::new();
    let mut indexed = vec![false; ents.entities.len()];
    let index_person = |ents: &EntityTables,
                        longer: &mut HashMap<String, Longer>,
                        indexed: &mut Vec<bool>,
                        e: usize| {
        if indexed.len() <= e {
            indexed.resize(e + 1, false);
        }
        if indexed[e] || ents.entities[e].kind != EntityKind::Person {
            return;
        }
        indexed[e] = true;
        let et = folded_tokens(&ents.entities[e].name);
        let et: Vec<&str> = et.iter().map(String::as_str).collect();
        for s in suffixes(&et).skip(1) {
            let l = longer.entry(s).or_insert(Longer {
                count: 0,
                first: e,
                last_mentioned: None,
            });
            l.count += 1;
            l.first = l.first.min(e);
        }
    };
    for e in 0..ents.entities.len() {
        index_person(&ents, &mut longer, &mut indexed, e);
    }
    // first names of the people named in full: how many people, the first of them
    let mut firsts: HashMap<String, (usize, usize)> = HashMap::new();
    for (e, ent) in ents.entities.iter().enumerate() {
        if ent.kind == EntityKind::Person
            && let Some(first) = folded_tokens(&ent.name).into_iter().next()
        {
            let f = firsts.entry(first).or_insert((0, e));
            f.0 += 1;
        }
    }
    // the first and last words of organizations named in several words (not head words
    // like "Party", not places): how many organizations, the first one's name
    let mut org_short: HashMap<String, (usize, String)> = HashMap::new();
    let mut seen_orgs = std::collections::HashSet::new();
    for m in ents.mentions.iter() {
        let name = m.canonical.as_ref().unwrap_or(&m.text);
        let words = name_tokens(name);
        if m.kind != EntityKind::Organization
            || m.tentative
            || words.len() < 2
            || !seen_orgs.insert(name.clone())
        {
            continue;
        }
        let mut ends = vec![words[0]];
        if words.len() > 1 {
            ends.push(words[words.len() - 1]);
        }
        for w in ends {
            if lx.org_words.contains(w)
                || lx.places.contains_key(w)
                || lx.demonyms.contains_key(w)
                || is(WordClass::FunctionWord, w.to_lowercase().as_str())
                || lx.is_common(&w.to_lowercase())
            {
                continue;
            }
            let e = org_short.entry(slug(w)).or_insert((0, name.clone()));
            e.0 += 1;
        }
    }
    // one-word names that person evidence (a title, an honorific) typed as people
    let one_word_people: std::collections::HashSet<String> = ents
        .mentions
        .iter()
        .filter(|m| m.kind == EntityKind::Person && !m.tentative && !m.text.contains(' '))
        .map(|m| slug(&m.text))
        .collect();
    // records that mention `mi` names entity `e`, for the candidates' recency
    let seen = |ents: &EntityTables, longer: &mut HashMap<String, Longer>, e: usize| {
        if ents.entities[e].kind != EntityKind::Person {
            return;
        }
        let et = folded_tokens(&ents.entities[e].name);
        let et: Vec<&str> = et.iter().map(String::as_str).collect();
        for s in suffixes(&et).skip(1) {
            if let Some(l) = longer.get_mut(&s) {
                l.last_mentioned = Some(e);
            }
        }
    };
    for mi in 0..n {
        if ents.mention_entity[mi] != usize::MAX {
            let e = ents.mention_entity[mi];
            seen(&ents, &mut longer, e);
            continue;
        }
        let m = ents.mentions[mi].clone();
        // the most recently mentioned person whose name ends with this mention
        let surname_of = |longer: &HashMap<String, Longer>| -> Option<usize> {
            let l = longer.get(&folded_tokens(&m.text).join(" "))?;
            if l.count <= 1 {
                return Some(l.first);
            }
            l.last_mentioned.or(Some(l.first))
        };
        let can_be_person = m.kind == EntityKind::Person || m.tentative;
        if can_be_person && let Some(e) = surname_of(&longer) {
            ents.mentions[mi].kind = EntityKind::Person;
            ents.mention_entity[mi] = e;
            seen(&ents, &mut longer, e);
            continue;
        }
        // a given name alone for the one person whose full name opens with it ("Tove" for
        // "Tove Brannigan"), when no person's name ends with it
        let key = folded_tokens(&m.text).join(" ");
        if can_be_person
            && m.canonical.is_none()
            && !key.contains(' ')
            && let Some(&(count, e)) = firsts.get(&key)
            && count == 1
        {
            ents.mentions[mi].kind = EntityKind::Person;
            ents.mention_entity[mi] = e;
            seen(&ents, &mut longer, e);
            continue;
        }
        // a word typed only by context that is elsewhere a person's name ("Vance said"
        // beside "Senator Vance")
        if m.tentative && m.kind != EntityKind::Person && one_word_people.contains(&key) {
            ents.mentions[mi].kind = EntityKind::Person;
            let e = new_entity(&mut ents, EntityKind::Person, &m.text, m.confidence);
            index_person(&ents, &mut longer, &mut indexed, e);
            ents.mention_entity[mi] = e;
            seen(&ents, &mut longer, e);
            continue;
        }
        let (kind, name) = match (&m.canonical, m.kind) {
            (Some(c), k) => (k, c.clone()),
            // "Amnesty" for "Amnesty International", "Commons" for "House of Commons"
            (None, k) if k != EntityKind::Person || m.tentative => match org_short.get(&key) {
                Some((1, full)) => (EntityKind::Organization, full.clone()),
                _ => (k, m.text.clone()),
            },
            (None, k) => (k, m.text.clone()),
        };
        let e = new_entity(&mut ents, kind, &name, m.confidence);
        index_person(&ents, &mut longer, &mut indexed, e);
        ents.mention_entity[mi] = e;
        seen(&ents, &mut longer, e);
    }
    // 2b. "X, also known as Y": Y is another name of X
    for mi in 1..n {
        let m = &ents.mentions[mi];
        let s = m.tokens.start;
        if s >= 3 {
            let w = |k: usize| tok.word(k);
            let aka =
                (w(s - 2) == "known" && w(s - 1) == "as") || w(s - 1).eq_ignore_ascii_case("aka");
            let prev = &ents.mentions[mi - 1];
            if aka
                && prev.sentence == m.sentence
                && s - prev.tokens.end <= 5
                && ents.entities[ents.mention_entity[mi - 1]].kind == m.kind
            {
                let target = ents.mention_entity[mi - 1];
                ents.mention_entity[mi] = target;
            }
        }
    }
    // 2c. "Legal Affairs Committee (LAC)" and "(JURI)": an acronym in brackets right after
    // an organization names it, and its later mentions too (until it is bracketed again)
    let mut bracketed: HashMap<String, usize> = HashMap::new();
    for mi in 1..n {
        if let Some(&target) = bracketed.get(&ents.mentions[mi].text) {
            ents.mention_entity[mi] = target;
        }
        let m = &ents.mentions[mi];
        let s = m.tokens.start;
        let prev = &ents.mentions[mi - 1];
        if s >= 1
            && is_acronym(&m.text)
            && tok.word(s - 1) == "("
            && prev.tokens.end == s - 1
            && ents.entities[ents.mention_entity[mi - 1]].kind == EntityKind::Organization
        {
            let target = ents.mention_entity[mi - 1];
            bracketed.insert(m.text.clone(), target);
            ents.mention_entity[mi] = target;
        }
    }
    // 3. acronyms join organizations whose initials they are ("IAEA")
    // (initials → the first organization with them)
    let mut orgs: HashMap<String, usize> = HashMap::new();
    for (i, e) in ents.entities.iter().enumerate() {
        if e.kind == EntityKind::Organization && e.name.contains(' ') {
            orgs.entry(initials(&e.name)).or_insert(i);
        }
    }
    for mi in 0..n {
        let e = ents.mention_entity[mi];
        let ent = &ents.entities[e];
        if ent.kind == EntityKind::Organization
            && !ent.name.contains(' ')
            && is_acronym(&ent.name)
            && let Some(&target) = orgs.get(&ent.name)
        {
            ents.mention_entity[mi] = target;
        }
    }
    // 4. capitals standing for their state ("Kyiv has rejected")
    let org_keys: HashMap<String, usize> = ents
        .entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == EntityKind::Organization)
        .map(|(i, e)| (slug(&e.name), i))
        .collect();
    for mi in 0..n {
        let m = &ents.mentions[mi];
        if let Some(country) = m.capital_of.clone()
            && (is_actor_position(&tok, m) || stands_for_state(&tok, &ents.mentions, mi))
        {
            let alias = m.text.clone();
            // the body a seat stands for may be named already ("Brussels": the EU)
            let e = match org_keys.get(&slug(&country)) {
                Some(&e) => e,
                None => new_entity(
                    &mut ents,
                    EntityKind::Place,
                    &country,
                    confidence::CAPITAL_AS_STATE,
                ),
            };
            ents.entities[e].aliases.insert(alias);
            ents.mention_entity[mi] = e;
        }
    }
    // 5. fill entity mention lists, aliases, gender; index tokens
    for mi in 0..n {
        let e = ents.mention_entity[mi];
        let m = &ents.mentions[mi];
        let ent = &mut ents.entities[e];
        ent.mentions.push(mi);
        if m.text != ent.name {
            ent.aliases.insert(m.text.clone());
        }
        if ent.gender.is_none() {
            ent.gender = m.gender;
        }
        if m.confidence > ent.confidence {
            ent.confidence = m.confidence;
        }
        for t in m.tokens.clone() {
            if token_mention[t] == 0 {
                token_mention[t] = mi as u32 + 1;
            }
        }
    }
    // drop entities that lost all their mentions to a merge, and renumber
    let mut remap = vec![usize::MAX; ents.entities.len()];
    let mut kept = Vec::new();
    for (i, e) in std::mem::take(&mut ents.entities).into_iter().enumerate() {
        if !e.mentions.is_empty() {
            remap[i] = kept.len();
            kept.push(e);
        }
    }
    ents.entities = kept;
    for e in &mut ents.mention_entity {
        *e = remap[*e];
    }
    // unknown single words that never joined anyone and have no typing evidence stay,
    // typed by context; a person's gender also comes from a given name in the full name
    for e in &mut ents.entities {
        if e.kind == EntityKind::Person && e.gender.is_none() {
            let first = name_tokens(&e.name).first().copied().unwrap_or("");
            e.gender = lx
                .given_names
                .get(first)
                .filter(|(_, s)| *s >= CLEAR_GENDER_SHARE)
                .map(|(g, _)| *g);
        }
    }
    let mut by_key: [HashMap<String, usize>; EntityKind::ALL.len()] = Default::default();
    for (i, e) in ents.entities.iter().enumerate() {
        by_key[e.kind as usize].insert(e.key.clone(), i);
    }
    Entities {
        tables: ents,
        token_mention,
        by_key,
    }
}
