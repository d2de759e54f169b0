//! Actors on invented articles: every pattern of mention typing, coreference and roles,
//! and the cases that must not produce an entity or a merge.

use newsgraph::graph::{Graph, NodeKind};
use newsgraph::{Document, Pipeline};

fn graph(text: &str) -> Graph {
    Pipeline::default().extract(&Document::new("t", text))
}

fn kind_of(g: &Graph, name: &str) -> Option<NodeKind> {
    g.nodes()
        .find(|n| n.name == name || n.aliases.contains(name))
        .map(|n| n.kind)
}

fn actors(g: &Graph) -> Vec<String> {
    g.nodes()
        .filter(|n| n.kind.is_actor())
        .map(|n| n.name.clone())
        .collect()
}

const ARTICLE: &str = "Harbour Deal Stalls As Talks Drag On

VALLETTA — Maltese Prime Minister Elena Vassallo met with Tunisian Foreign Minister Karim \
Ben Salah in Valletta on Thursday. Vassallo's spokesman, Joseph Camilleri, said the meeting was \
useful. The Mediterranean Shipping Council (MSC) welcomed the talks.

Following the meeting, Ben Salah flew to Tunis. Tunis has rejected earlier proposals, and the \
MSC warned that delays would cost jobs. Analysts at Sandwell Institute said the deal was close.

President Vassallo later spoke to reporters. She said the talks would continue. Camilleri, a \
former journalist and longtime adviser of Vassallo, declined to comment.

Staff Reporter

Share it";

#[test]
fn people_with_titles_merge_with_their_surnames() {
    let g = graph(ARTICLE);
    let v = g.node("person/elena-vassallo").expect("Elena Vassallo");
    assert_eq!(v.kind, NodeKind::Person);
    assert!(v.aliases.contains("Vassallo"), "{:?}", v.aliases);
    let people: Vec<_> = g.nodes().filter(|n| n.kind == NodeKind::Person).collect();
    let names: Vec<_> = people.iter().map(|n| n.name.as_str()).collect();
    assert_eq!(
        names.iter().filter(|n| n.contains("Vassallo")).count(),
        1,
        "{names:?}"
    );
    assert!(names.contains(&"Karim Ben Salah"), "{names:?}");
    assert!(names.contains(&"Joseph Camilleri"), "{names:?}");
}

#[test]
fn roles_carry_titles_and_affiliations() {
    let g = graph(ARTICLE);
    let v = g.node("person/elena-vassallo").unwrap();
    assert!(
        v.roles
            .iter()
            .any(|r| r.title == "Prime Minister" && r.affiliation.as_deref() == Some("place/malta")),
        "{:?}",
        v.roles
    );
    let k = g.node("person/karim-ben-salah").unwrap();
    assert!(
        k.roles
            .iter()
            .any(|r| r.title == "Foreign Minister"
                && r.affiliation.as_deref() == Some("place/tunisia")),
        "{:?}",
        k.roles
    );
    let c = g.node("person/joseph-camilleri").unwrap();
    assert!(
        c.roles
            .iter()
            .any(|r| r.title == "spokesman"
                && r.affiliation.as_deref() == Some("person/elena-vassallo")),
        "{:?}",
        c.roles
    );
    assert!(
        c.roles.iter().any(|r| r.title == "former journalist"),
        "{:?}",
        c.roles
    );
    assert!(
        c.roles.iter().any(|r| r.title == "longtime adviser"
            && r.affiliation.as_deref() == Some("person/elena-vassallo")),
        "{:?}",
        c.roles
    );
}

#[test]
fn organizations_places_acronyms_and_capitals() {
    let g = graph(ARTICLE);
    assert_eq!(
        kind_of(&g, "Mediterranean Shipping Council"),
        Some(NodeKind::Organization)
    );
    let msc = g.node("org/mediterranean-shipping-council").unwrap();
    assert!(msc.aliases.contains("MSC"), "{:?}", msc.aliases);
    assert!(g.node("org/msc").is_none());
    assert_eq!(
        kind_of(&g, "Sandwell Institute"),
        Some(NodeKind::Organization)
    );
    assert_eq!(kind_of(&g, "Valletta"), Some(NodeKind::Place));
    // "Tunis has rejected": the capital acts for its state
    let tunisia = g.node("place/tunisia").expect("Tunisia");
    assert!(tunisia.aliases.contains("Tunis"), "{:?}", tunisia.aliases);
}

#[test]
fn no_junk_from_headlines_datelines_sentence_starts_or_bylines() {
    let g = graph(ARTICLE);
    let names = actors(&g);
    for junk in [
        "Harbour Deal Stalls",
        "Talks Drag On",
        "VALLETTA",
        "Following",
        "Staff Reporter",
        "Share",
        "Analysts",
        "Thursday",
        "President",
    ] {
        assert!(
            !names
                .iter()
                .any(|n| n == junk || n.contains(junk) && junk.len() > 8),
            "{junk} in {names:?}"
        );
    }
}

#[test]
fn possessives_do_not_change_the_entity() {
    let g =
        graph("Clara Ostrova arrived. Ostrova's plan was praised. Clara Ostrova's aides agreed.");
    let people: Vec<_> = g
        .nodes()
        .filter(|n| n.kind == NodeKind::Person)
        .map(|n| n.name.clone())
        .collect();
    assert_eq!(people, vec!["Clara Ostrova".to_string()]);
}

#[test]
fn two_people_sharing_a_surname_stay_apart() {
    let g =
        graph("Anna Lind met Peter Lind in Oslo. Anna Lind is a senator. Peter Lind runs a firm.");
    assert!(g.node("person/anna-lind").is_some());
    assert!(g.node("person/peter-lind").is_some());
    assert!(g.node("person/lind").is_none());
}

#[test]
fn places_named_like_people_follow_the_evidence() {
    let g = graph("Senator Washington met Mr Florence in Paris.");
    assert_eq!(kind_of(&g, "Washington"), Some(NodeKind::Person));
    assert_eq!(kind_of(&g, "Florence"), Some(NodeKind::Person));
    assert_eq!(kind_of(&g, "Paris"), Some(NodeKind::Place));
}

#[test]
fn hostile_text_does_not_panic_and_names_stay_nonempty() {
    let g = graph("Dr. \"Quote\\Back<script>\" met O'Brien-Smith & Co. in Z\u{202e}rich.\u{0}");
    for n in g.nodes() {
        assert!(!n.name.is_empty());
    }
}

#[test]
fn a_word_capitalized_only_at_sentence_starts_is_no_actor() {
    let g = graph("Licensees must comply with the law. Inspectors will visit bars in Leith.");
    let names = actors(&g);
    assert!(
        !names.iter().any(|n| n == "Licensees" || n == "Inspectors"),
        "{names:?}"
    );
    assert!(names.iter().any(|n| n == "Leith"), "{names:?}");
}
