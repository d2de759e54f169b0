//! Entities: mentions clustered into the actors of one article.
//!
//! Entry point: [`resolve`]. Within an article a surname joins the full name it ends
//! ("Hale" → "Maria Hale"), a title does not change who is meant ("President Hale"),
//! acronyms join their long forms ("EU" ↔ "European Union", by lexicon or by initials),
//! places join on their canonical names ("U.S." ↔ "United States"), and a capital used as
//! an actor ("Kyiv rejected") stands for its country. Ambiguous surnames (two people in the
//! article share it) go to the most recently mentioned of them. Pronouns are resolved on
//! demand by [`Entities::resolve_pronoun`] for the stages that need a subject or speaker.

use std::collections::{BTreeSet, HashMap};

use crate::lexicon::words::{WordClass, is};
use crate::lexicon::{Gender, lexicon};
use crate::stages::mentions::Mention;
use crate::stages::segment::Segmentation;
use crate::stages::tokens::TokenView;
use crate::text::Document;
use crate::text::shape::is_acronym;
use crate::text::slug::slug;
use crate::vocab::EntityKind;

mod pronouns;
mod requests;

pub use requests::{ActorRef, ActorRequest, Actors, Requests, Staged};

#[derive(Clone, Debug)]
pub struct Entity {
    pub kind: EntityKind,
    /// Display name: the fullest form (people) or the canonical name (places, organizations).
    pub name: String,
    /// Name key ([`slug`]) of the name the entity was first found under: with the kind,
    /// what identifies it (a later, longer name does not change it). The graph layer
    /// makes its node id from the two (`person/maria-hale`).
    pub key: String,
    pub aliases: BTreeSet<String>,
    /// Indices into `Entities::mentions`, in text order.
    pub mentions: Vec<usize>,
    pub gender: Option<Gender>,
    pub confidence: f32,
}

/// The output of [`resolve`]: the actors of one article.
///
/// Read-only once [`resolve`] returns: its tables are read through `Deref` to
/// [`EntityTables`] (there is no `DerefMut`), and its indexes through the methods below.
/// Later stages that need an actor nobody named ask for it with [`Actors::request`]; only
/// the pipeline adds the requested actors (`pipeline::actors`), between stages, so the
/// indexes can never go stale.
#[derive(Clone, Debug, Default)]
pub struct Entities {
    tables: EntityTables,
    /// token → mention index + 1 (0: none), for lookups by token.
    token_mention: Vec<u32>,
    /// (kind, name key) → the entity with it.
    by_key: HashMap<(EntityKind, String), usize>,
}

/// The tables of [`Entities`], read through it.
#[derive(Clone, Debug, Default)]
pub struct EntityTables {
    pub mentions: Vec<Mention>,
    /// Entity of each mention.
    pub mention_entity: Vec<usize>,
    pub entities: Vec<Entity>,
}

impl std::ops::Deref for Entities {
    type Target = EntityTables;
    fn deref(&self) -> &EntityTables {
        &self.tables
    }
}

/// Confidence of an actor that a later stage asked for.
const REQUESTED_CONFIDENCE: f32 = 0.8;

impl Entities {
    /// The mention covering token `t`.
    pub fn mention_at(&self, t: usize) -> Option<usize> {
        match self.token_mention.get(t) {
            Some(&m) if m > 0 => Some(m as usize - 1),
            _ => None,
        }
    }

    /// The entity of the mention covering token `t`.
    pub fn entity_at(&self, t: usize) -> Option<usize> {
        self.mention_at(t).map(|m| self.mention_entity[m])
    }

    /// The entity of `kind` whose name key ([`slug`]) is `key`.
    pub fn find_key(&self, kind: EntityKind, key: &str) -> Option<usize> {
        self.by_key.get(&(kind, key.to_string())).copied()
    }

    /// The entity of `kind` named `name` (by name key: "U.S." finds "US").
    pub fn find(&self, kind: EntityKind, name: &str) -> Option<usize> {
        self.find_key(kind, &slug(name))
    }

    /// Adds a requested actor, or its aliases to the entity that has its kind and name key
    /// already. Called by the pipeline only (`pipeline::actors`), between stages.
    pub(crate) fn add_requested(&mut self, r: &ActorRequest) -> usize {
        let key = (r.kind, slug(&r.name));
        let e = match self.by_key.get(&key) {
            Some(&e) => e,
            None => {
                self.tables.entities.push(Entity {
                    kind: r.kind,
                    name: r.name.clone(),
                    key: key.1.clone(),
                    aliases: BTreeSet::new(),
                    mentions: Vec::new(),
                    gender: None,
                    confidence: REQUESTED_CONFIDENCE,
                });
                let e = self.tables.entities.len() - 1;
                self.by_key.insert(key, e);
                e
            }
        };
        for a in &r.aliases {
            self.add_alias(e, a);
        }
        e
    }

    /// Adds another name of entity `e` (not its own name). Called by the pipeline only.
    pub(crate) fn add_alias(&mut self, e: usize, alias: &str) {
        let ent = &mut self.tables.entities[e];
        if alias != ent.name {
            ent.aliases.insert(alias.to_string());
        }
    }
}

fn name_tokens(s: &str) -> Vec<&str> {
    s.split_whitespace().collect()
}

/// The token suffixes of a name, longest (the whole name) first, each joined by spaces.
fn suffixes<'a>(tokens: &'a [&'a str]) -> impl Iterator<Item = String> + 'a {
    (0..tokens.len()).map(|i| tokens[i..].join(" "))
}

fn initials(name: &str) -> String {
    name.split([' ', '-'])
        .filter(|w| !w.is_empty() && !is(WordClass::InitialsSkip, w))
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

fn is_actor_position(tok: &TokenView, m: &Mention) -> bool {
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
        let et = name_tokens(&ents.entities[e].name);
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
    // records that mention `mi` names entity `e`, for the candidates' recency
    let seen = |ents: &EntityTables, longer: &mut HashMap<String, Longer>, e: usize| {
        if ents.entities[e].kind != EntityKind::Person {
            return;
        }
        let et = name_tokens(&ents.entities[e].name);
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
            let l = longer.get(&name_tokens(&m.text).join(" "))?;
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
        let (kind, name) = match (&m.canonical, m.kind) {
            (Some(c), k) => (k, c.clone()),
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
    for mi in 0..n {
        let m = &ents.mentions[mi];
        if let Some(country) = m.capital_of.clone()
            && is_actor_position(&tok, m)
        {
            let alias = m.text.clone();
            let e = new_entity(&mut ents, EntityKind::Place, &country, 0.8);
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
                .filter(|(_, s)| *s >= 0.85)
                .map(|(g, _)| *g);
        }
    }
    let by_key = ents
        .entities
        .iter()
        .enumerate()
        .map(|(i, e)| ((e.kind, e.key.clone()), i))
        .collect();
    Entities {
        tables: ents,
        token_mention,
        by_key,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stages::mentions::detect;
    use crate::stages::segment::segment;

    fn ents(text: &str) -> (Document, Segmentation, Entities) {
        let doc = Document::new("t", text);
        let seg = segment(&doc);
        let m = detect(&doc, &seg, &crate::tagging::tag(&doc, &seg));
        let e = resolve(&doc, &seg, m);
        (doc, seg, e)
    }

    fn names(e: &Entities) -> Vec<(String, EntityKind)> {
        let mut v: Vec<_> = e
            .entities
            .iter()
            .map(|e| (e.name.clone(), e.kind))
            .collect();
        v.sort_by(|a, b| a.0.cmp(&b.0));
        v
    }

    #[test]
    fn surnames_join_full_names_and_titles_do_not_matter() {
        let (_, _, e) = ents(
            "Finance Minister Tomas Brandvold arrived in Oslo. Brandvold said the budget was ready. Later, Minister Brandvold left.",
        );
        let people: Vec<_> = e
            .entities
            .iter()
            .filter(|x| x.kind == EntityKind::Person)
            .collect();
        assert_eq!(people.len(), 1, "{:?}", names(&e));
        assert_eq!(people[0].name, "Tomas Brandvold");
        assert_eq!(people[0].mentions.len(), 3);
    }

    #[test]
    fn a_surname_before_the_full_name_joins_it() {
        let (_, _, e) = ents("Okafor spoke first. Later Chidi Okafor, the envoy, left for Lagos.");
        let people: Vec<_> = e
            .entities
            .iter()
            .filter(|x| x.kind == EntityKind::Person)
            .collect();
        assert_eq!(people.len(), 1, "{:?}", names(&e));
        assert_eq!(people[0].name, "Chidi Okafor");
    }

    #[test]
    fn acronyms_and_canonical_places_join() {
        let (_, _, e) = ents(
            "The European Union and the EU's envoy visited the U.S. and the United States. The Baltic Fisheries Council (BFC) met; the BFC agreed.",
        );
        let n = names(&e);
        assert!(
            n.contains(&("European Union".into(), EntityKind::Organization)),
            "{n:?}"
        );
        assert!(!n.iter().any(|(x, _)| x == "EU"), "{n:?}");
        assert_eq!(n.iter().filter(|(x, _)| x == "United States").count(), 1);
        assert!(!n.iter().any(|(x, _)| x == "BFC"), "{n:?}");
    }

    #[test]
    fn also_known_as_gives_an_alias() {
        let (_, _, e) = ents("The leader, Omar Haddad, also known as Abu Karim, spoke.");
        let n = names(&e);
        assert_eq!(n, vec![("Omar Haddad".to_string(), EntityKind::Person)]);
        assert!(e.entities[0].aliases.contains("Abu Karim"));
    }

    #[test]
    fn capitals_as_actors_stand_for_the_state() {
        let (_, _, e) = ents("Kyiv has rejected the offer. The talks took place in Kyiv.");
        let n = names(&e);
        assert!(n.contains(&("Ukraine".into(), EntityKind::Place)), "{n:?}");
        assert!(n.contains(&("Kyiv".into(), EntityKind::Place)), "{n:?}");
    }

    #[test]
    fn pronouns_follow_gender_and_subjects() {
        let text =
            "Maria Lindqvist met John Carver in Rome. She said the talks went well. He left early.";
        let (doc, seg, e) = ents(text);
        let she = seg
            .tokens
            .iter()
            .position(|t| &text[t.span.range()] == "She")
            .unwrap();
        let he = seg
            .tokens
            .iter()
            .position(|t| &text[t.span.range()] == "He")
            .unwrap();
        let who = |t| {
            e.resolve_pronoun(&seg, &doc.text, t)
                .map(|x| e.entities[x].name.clone())
        };
        assert_eq!(who(she).as_deref(), Some("Maria Lindqvist"));
        assert_eq!(who(he).as_deref(), Some("John Carver"));
    }
}
