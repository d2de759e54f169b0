//! Settling actor requests: the only place that adds entities after the entity stage.
//!
//! A stage that needs an actor nobody named (the country of a demonym, an unnamed group)
//! returns an [`ActorRef::Requested`] and the request with its layer (see
//! `stages::entities::requests`). After the stage, [`settle`] adds the requested actors
//! to [`Entities`] in the order they were first asked for (an actor another stage added
//! meanwhile is found by kind and name key instead) and maps the layer's references to
//! entity indices. So the actor set is fixed while a stage runs, and grows only here.

use crate::stages::entities::{ActorRef, Entities, Requests};

/// Where each requested actor of one stage ended up.
#[derive(Clone, Debug, Default)]
pub struct Settled {
    new: Vec<usize>,
}

impl Settled {
    /// The entity an actor reference of the settled stage stands for.
    pub fn entity(&self, a: ActorRef) -> usize {
        match a {
            ActorRef::Entity(e) => e,
            ActorRef::Requested(i) => self.new[i],
        }
    }
}

/// Adds a stage's requested actors and aliases to `ents`.
pub fn settle(ents: &mut Entities, requests: &Requests) -> Settled {
    let new = requests.new.iter().map(|r| ents.add_requested(r)).collect();
    for (e, alias) in &requests.aliases {
        ents.add_alias(*e, alias);
    }
    Settled { new }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stages::entities::{Actors, resolve};
    use crate::stages::{mentions, segment};
    use crate::text::Document;
    use crate::vocab::EntityKind;

    #[test]
    fn requests_find_existing_actors_and_settle_new_ones_in_order() {
        let doc = Document::new("t", "Ana Ruiz met officials in Latvia on Monday.");
        let seg = segment::segment(&doc);
        let tags = crate::tagging::tag(&doc, &seg);
        let mut ents = resolve(&doc, &seg, mentions::detect(&doc, &seg, &tags));
        let before = ents.entities.len();
        let latvia = ents
            .find(EntityKind::Place, "Latvia")
            .expect("Latvia is named");

        let mut actors = Actors::new(&ents);
        // an actor the text names is that entity; its new name is an alias request
        let a = actors.request(EntityKind::Place, "Latvia", Some("Latvians"));
        assert_eq!(a, ActorRef::Entity(latvia));
        // a new actor is asked for once per kind and name key
        let g = actors.request(EntityKind::Group, "officials", None);
        assert_eq!(actors.request(EntityKind::Group, "Officials", None), g);
        assert_ne!(actors.request(EntityKind::Place, "officials", None), g);
        let e = actors.request(EntityKind::Place, "Estonia", Some("Estonians"));
        assert_eq!(actors.kind(g), EntityKind::Group);
        assert_eq!(actors.name(e), "Estonia");
        // the entities are untouched until the pipeline settles the requests
        let staged = actors.finish(());
        assert_eq!(ents.entities.len(), before);

        let settled = settle(&mut ents, &staged.requests);
        assert_eq!(ents.entities.len(), before + 3);
        assert_eq!(settled.entity(a), latvia);
        assert!(ents.entities[latvia].aliases.contains("Latvians"));
        let g = &ents.entities[settled.entity(g)];
        assert_eq!((g.kind, g.name.as_str()), (EntityKind::Group, "officials"));
        assert_eq!(settled.entity(e), before + 2);
        assert!(ents.entities[before + 2].aliases.contains("Estonians"));
        assert_eq!(ents.find(EntityKind::Place, "Estonia"), Some(before + 2));
    }
}
