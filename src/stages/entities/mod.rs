//! Entities: mentions clustered into the actors of one article.
//!
//! Entry point: [`resolve`]. Within an article a surname joins the full name it ends
//! ("Hale" → "Maria Hale"), a title does not change who is meant ("President Hale"),
//! acronyms join their long forms ("EU" ↔ "European Union", by lexicon or by initials),
//! places join on their canonical names ("U.S." ↔ "United States"), and a capital used as
//! an actor ("Kyiv rejected") stands for its country. Ambiguous surnames (two people in the
//! article share it) go to the most recently mentioned of them. Pronouns are resolved on
//! demand by [`Entities::resolve_pronoun`] for the stages that need a subject or speaker.
//!
//! Files: `cluster.rs` ([`resolve`]), `pronouns.rs` (the pronoun resolver), `requests.rs`
//! (how later stages ask for actors nobody named), `confidence.rs`. [`Entities`] is
//! read-only once `resolve` returns; only the pipeline adds requested actors.

mod cluster;

use std::collections::{BTreeSet, HashMap};

use crate::lexicon::Gender;
use crate::stages::mentions::Mention;
use crate::text::slug::slug;
use crate::vocab::EntityKind;

mod confidence;
mod pronouns;
mod requests;

pub use cluster::resolve;

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
    /// Per kind ([`EntityKind`] as index): name key → the entity with it.
    by_key: [HashMap<String, usize>; EntityKind::ALL.len()],
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
        self.by_key[kind as usize].get(key).copied()
    }

    /// The entity of `kind` named `name` (by name key: "U.S." finds "US").
    pub fn find(&self, kind: EntityKind, name: &str) -> Option<usize> {
        self.find_key(kind, &slug(name))
    }

    /// Adds a requested actor, or its aliases to the entity that has its kind and name key
    /// already. Called by the pipeline only (`pipeline::actors`), between stages.
    pub(crate) fn add_requested(&mut self, r: &ActorRequest) -> usize {
        let key = r.key();
        let e = match self.by_key[r.kind as usize].get(&key) {
            Some(&e) => e,
            None => {
                self.tables.entities.push(Entity {
                    kind: r.kind,
                    name: r.name.clone(),
                    key: key.clone(),
                    aliases: BTreeSet::new(),
                    mentions: Vec::new(),
                    gender: None,
                    confidence: confidence::REQUESTED,
                });
                let e = self.tables.entities.len() - 1;
                self.by_key[r.kind as usize].insert(key, e);
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

#[cfg(test)]
mod tests;
