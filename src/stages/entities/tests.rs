use super::*;
use crate::stages::mentions::detect;
use crate::stages::segment::{Segmentation, segment};
use crate::text::Document;
use crate::vocab::EntityKind;

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
    let (_, _, e) = ents("The leader, Omar Qaddour, also known as Abu Karim, spoke.");
    let n = names(&e);
    assert_eq!(n, vec![("Omar Qaddour".to_string(), EntityKind::Person)]);
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

#[test]
fn capitals_stand_for_their_state_only_where_the_state_acts() {
    let (_, _, e) = ents(
        "Talks between Belgrade and Pristina stalled over the plan, which Athens rejected. Later the envoy flew to Belgrade and met a Belgrade lawyer.",
    );
    let n = names(&e);
    assert!(n.contains(&("Serbia".into(), EntityKind::Place)), "{n:?}");
    assert!(n.contains(&("Kosovo".into(), EntityKind::Place)), "{n:?}");
    assert!(n.contains(&("Greece".into(), EntityKind::Place)), "{n:?}");
    // the city itself, where it is meant
    assert!(n.contains(&("Belgrade".into(), EntityKind::Place)), "{n:?}");
    let serbia = e.find(EntityKind::Place, "Serbia").unwrap();
    assert!(e.entities[serbia].aliases.contains("Belgrade"));
}

#[test]
fn short_forms_join_the_full_name() {
    let (_, _, e) = ents(
        "Party leader Keir Bramwell spoke first, and Keir later said the vote was close. Senator Odell said Odell would wait. Viktor Halàsz met reporters and Halász smiled.",
    );
    let people: Vec<_> = e
        .entities
        .iter()
        .filter(|x| x.kind == EntityKind::Person)
        .map(|x| x.name.as_str())
        .collect();
    assert_eq!(people.len(), 3, "{people:?}");
    assert!(people.contains(&"Keir Bramwell"), "{people:?}");
    assert!(people.contains(&"Odell"), "{people:?}");
    assert!(
        !names(&e)
            .iter()
            .any(|(n, k)| n == "Odell" && *k != EntityKind::Person)
    );
}

#[test]
fn a_given_name_two_people_share_joins_neither() {
    let (_, _, e) =
        ents("Anna Korvel met Anna Linde in the capital on Monday, and Anna said little.");
    let anna = e.entities.iter().find(|x| x.name == "Anna");
    assert!(anna.is_some(), "{:?}", names(&e));
}

#[test]
fn a_word_of_one_organization_name_joins_it() {
    let (_, _, e) = ents(
        "The House of Commons voted late on Tuesday, and the Commons will vote again. Harbour Point Capital said the Commons had erred.",
    );
    let commons = e
        .find(EntityKind::Organization, "House of Commons")
        .unwrap();
    assert!(
        e.entities[commons].aliases.contains("Commons"),
        "{:?}",
        names(&e)
    );
    assert!(
        !names(&e).iter().any(|(n, _)| n == "Commons"),
        "{:?}",
        names(&e)
    );
}

#[test]
fn one_word_gets_one_type() {
    let (_, _, e) = ents(
        "Shares in Tarvik fell sharply on Monday after the results. Later Tarvik said it would cut costs, and analysts expect Tarvik to recover.",
    );
    let n: Vec<_> = names(&e)
        .into_iter()
        .filter(|(n, _)| n == "Tarvik")
        .collect();
    assert_eq!(n.len(), 1, "{:?}", names(&e));
}
