//! Actor requests: how a later stage names an actor the entity stage did not find.
//!
//! Roles, quotes and relations sometimes need an actor that no mention names: the country
//! of a demonym (`Estonian President X` → Estonia), an unnamed group (`analysts said`), an
//! institution named by a phrase (`the Russian embassy`), the state a capital stands for.
//! They do not create it. Each such stage reads [`Entities`] through `&` and works with an
//! [`Actors`] view of it: [`Actors::request`] returns an [`ActorRef`] — the existing entity
//! with that kind and name key when there is one, else a reference to a new request — and
//! the stage returns its layer with the [`Requests`] it made ([`Staged`]). Only the pipeline
//! (`pipeline::actors`) turns requests into entities, after the stage, in request order,
//! so the actor set grows only between stages and is read-only inside each.

use std::collections::{BTreeSet, HashMap};

use super::Entities;
use crate::lexicon::Gender;
use crate::text::slug::slug;
use crate::vocab::EntityKind;

/// An actor as a stage refers to it: an entity of [`Entities`], or the `n`-th new actor
/// the stage requested.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ActorRef {
    Entity(usize),
    Requested(usize),
}

/// A new actor a stage asks for: a country named through a demonym, a group, an
/// institution named by its phrase.
#[derive(Clone, Debug, PartialEq)]
pub struct ActorRequest {
    pub kind: EntityKind,
    /// The name it was first asked for by.
    pub name: String,
    /// Other names it was asked for by (a demonym noun, a capital).
    pub aliases: BTreeSet<String>,
    /// The key of the one document it belongs to, for an unnamed actor ("a
    /// spokeswoman"): its name key is then `scope/name`, so it is never the same actor
    /// as one of another document. None: known by its name everywhere.
    pub scope: Option<String>,
}

impl ActorRequest {
    /// The name key the actor is known under (see `scope`).
    pub fn key(&self) -> String {
        match &self.scope {
            Some(sc) => format!("{sc}/{}", slug(&self.name)),
            None => slug(&self.name),
        }
    }
}

/// What a stage asks of the actor set: new actors (in the order first asked for) and
/// names to add to existing entities.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Requests {
    pub new: Vec<ActorRequest>,
    /// (entity, alias): another name of an existing entity.
    pub aliases: Vec<(usize, String)>,
}

impl Requests {
    /// The name of an actor (for displays and tests that read a stage on its own).
    pub fn name<'a>(&'a self, ents: &'a Entities, a: ActorRef) -> &'a str {
        match a {
            ActorRef::Entity(e) => &ents.entities[e].name,
            ActorRef::Requested(i) => &self.new[i].name,
        }
    }
}

/// A stage's layer with the actors it asked for.
#[derive(Clone, Debug, PartialEq)]
pub struct Staged<T> {
    pub layer: T,
    pub requests: Requests,
}

/// A stage's read-only view of the entities, plus the actors it asks for.
pub struct Actors<'e> {
    ents: &'e Entities,
    requests: Requests,
    /// (kind, name key) → index in `requests.new`.
    index: HashMap<(EntityKind, String), usize>,
}

/// The entities are read through the view (`actors.entity_at(t)`).
impl std::ops::Deref for Actors<'_> {
    type Target = Entities;
    fn deref(&self) -> &Entities {
        self.ents
    }
}

impl<'e> Actors<'e> {
    pub fn new(ents: &'e Entities) -> Actors<'e> {
        Actors {
            ents,
            requests: Requests::default(),
            index: HashMap::new(),
        }
    }

    /// The entities this view reads.
    pub fn entities(&self) -> &'e Entities {
        self.ents
    }

    /// The actor of `kind` named `name`: the existing entity with that kind and name key,
    /// else a new actor (asked for once per key). `alias` is another name of it.
    pub fn request(&mut self, kind: EntityKind, name: &str, alias: Option<&str>) -> ActorRef {
        self.request_in(kind, name, alias, None)
    }

    /// An unnamed actor of one document ("a spokeswoman", "a senior official"): asked for
    /// once per name in the document with key `scope` (see [`ActorRequest::scope`]),
    /// never joined with an actor of another document.
    pub fn request_scoped(&mut self, kind: EntityKind, name: &str, scope: &str) -> ActorRef {
        self.request_in(kind, name, None, Some(scope))
    }

    fn request_in(
        &mut self,
        kind: EntityKind,
        name: &str,
        alias: Option<&str>,
        scope: Option<&str>,
    ) -> ActorRef {
        let key = (
            kind,
            match scope {
                Some(sc) => format!("{sc}/{}", slug(name)),
                None => slug(name),
            },
        );
        if let Some(e) = self.ents.find_key(kind, &key.1) {
            if let Some(a) = alias
                && a != self.ents.entities[e].name
            {
                self.requests.aliases.push((e, a.to_string()));
            }
            return ActorRef::Entity(e);
        }
        let i = match self.index.get(&key) {
            Some(&i) => i,
            None => {
                self.requests.new.push(ActorRequest {
                    kind,
                    name: name.to_string(),
                    aliases: BTreeSet::new(),
                    scope: scope.map(str::to_string),
                });
                self.index.insert(key, self.requests.new.len() - 1);
                self.requests.new.len() - 1
            }
        };
        if let Some(a) = alias
            && a != self.requests.new[i].name
        {
            self.requests.new[i].aliases.insert(a.to_string());
        }
        ActorRef::Requested(i)
    }

    pub fn kind(&self, a: ActorRef) -> EntityKind {
        match a {
            ActorRef::Entity(e) => self.ents.entities[e].kind,
            ActorRef::Requested(i) => self.requests.new[i].kind,
        }
    }

    pub fn name(&self, a: ActorRef) -> &str {
        match a {
            ActorRef::Entity(e) => &self.ents.entities[e].name,
            ActorRef::Requested(i) => &self.requests.new[i].name,
        }
    }

    /// Gender evidence: none for a requested actor.
    pub fn gender(&self, a: ActorRef) -> Option<Gender> {
        match a {
            ActorRef::Entity(e) => self.ents.entities[e].gender,
            ActorRef::Requested(_) => None,
        }
    }

    /// Every actor, entities first, then the requested ones in the order asked for (the
    /// order the pipeline will number them in).
    pub fn all(&self) -> impl DoubleEndedIterator<Item = ActorRef> + '_ {
        (0..self.ents.entities.len())
            .map(ActorRef::Entity)
            .chain((0..self.requests.new.len()).map(ActorRef::Requested))
    }

    /// The stage's layer with what it asked for.
    pub fn finish<T>(self, layer: T) -> Staged<T> {
        Staged {
            layer,
            requests: self.requests,
        }
    }
}
