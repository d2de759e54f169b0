//! Relation and meeting extraction on invented sentences, one construction per test.

use std::sync::Arc;

use newsgraph::graph::{NodeKind, Relation, Status};
use newsgraph::lexicon::RelationLexicon;
use newsgraph::{Config, Date, Document, Graph, Pipeline};

fn graph_with(text: &str, published: Option<&str>, config: Config) -> Graph {
    let mut doc = Document::new("t", format!("Headline\n\n{text}\n"));
    doc.published = published.and_then(Date::parse);
    Pipeline::new(config).extract(&doc)
}

fn graph(text: &str, published: Option<&str>) -> Graph {
    graph_with(text, published, Config::default())
}

/// (source name, relation, target name, planned)
fn rels(g: &Graph) -> Vec<(String, String, String, bool)> {
    let mut out: Vec<_> = g
        .edges()
        .into_iter()
        .filter(|e| e.edge.relation.is_stance())
        .map(|e| {
            (
                e.source.name.clone(),
                e.edge.relation.as_str().to_string(),
                e.target.name.clone(),
                e.edge.status == Some(Status::Planned),
            )
        })
        .collect();
    out.sort();
    out
}

fn has(g: &Graph, a: &str, rel: &str, b: &str) -> bool {
    rels(g).iter().any(|(s, r, t, _)| {
        r == rel && ((s == a && t == b) || (rel == Relation::MetWith.as_str() && s == b && t == a))
    })
}

/// (participants, place, date, status)
type MeetingRow = (Vec<String>, Option<String>, Option<String>, Option<Status>);

fn meetings(g: &Graph) -> Vec<MeetingRow> {
    g.nodes()
        .filter(|n| n.kind == NodeKind::Meeting)
        .map(|m| {
            let mut parts: Vec<String> = g
                .edges_of(&m.id)
                .filter(|e| e.edge.relation == Relation::Attended)
                .map(|e| e.source.name.clone())
                .collect();
            parts.sort();
            let place = m
                .place
                .as_ref()
                .and_then(|p| g.node(p))
                .map(|p| p.name.clone());
            (parts, place, m.date.clone(), m.status)
        })
        .collect()
}

#[test]
fn coordinated_subjects_meet_the_object_with_place_and_date() {
    let g = graph(
        "Foreign Minister Ana Ruiz and Carlos Vela met with Prime Minister Lena Okafor in Lisbon on Tuesday.",
        Some("2025-12-02"),
    );
    assert!(
        has(&g, "Ana Ruiz", "met-with", "Lena Okafor"),
        "{:?}",
        rels(&g)
    );
    assert!(has(&g, "Carlos Vela", "met-with", "Lena Okafor"));
    assert!(!has(&g, "Ana Ruiz", "met-with", "Carlos Vela"));
    let m = meetings(&g);
    assert_eq!(m.len(), 1, "{m:?}");
    assert_eq!(m[0].0, vec!["Ana Ruiz", "Carlos Vela", "Lena Okafor"]);
    assert_eq!(m[0].1.as_deref(), Some("Lisbon"));
    assert_eq!(m[0].2.as_deref(), Some("2025-12-02"));
    assert_eq!(m[0].3, Some(Status::Held));
}

#[test]
fn two_events_in_one_clause_are_two_meetings() {
    let g = graph(
        "Chilean and Peruvian negotiators met in Geneva and again this past weekend in Lisbon.",
        Some("2025-12-02"),
    );
    assert!(has(&g, "Chile", "met-with", "Peru"), "{:?}", rels(&g));
    let m = meetings(&g);
    assert_eq!(m.len(), 2, "{m:?}");
    let lisbon = m.iter().find(|x| x.1.as_deref() == Some("Lisbon")).unwrap();
    assert_eq!(lisbon.2.as_deref(), Some("2025-11-29"));
}

#[test]
fn passive_with_coordinated_agents_opposes_a_proposal() {
    let g = graph(
        "A 12-point draft leaked last week was denounced by European officials and members of Parliament as a surrender.",
        None,
    );
    assert!(
        has(&g, "European officials", "opposes", "12-point draft"),
        "{:?}",
        rels(&g)
    );
    assert!(has(
        &g,
        "members of Parliament",
        "opposes",
        "12-point draft"
    ));
    let groups: Vec<_> = g.nodes().filter(|n| n.kind == NodeKind::Group).collect();
    assert_eq!(groups.len(), 2);
}

#[test]
fn negation_and_refusal_give_no_relation() {
    let g = graph(
        "Ana Ruiz did not oppose the plan. Carlos Vela refused to meet Lena Okafor. Lena Okafor would reject the offer.",
        None,
    );
    // a refusal is no meeting; by the rule book it may be an opposition to what is refused
    // ("refuses" is one of the words of `opposes`), so only that is allowed
    let r = rels(&g);
    assert!(
        r.iter()
            .all(|(s, rel, t, _)| s == "Carlos Vela" && rel == "opposes" && t.contains("meet")),
        "{r:?}"
    );
    assert!(meetings(&g).is_empty());
}

#[test]
fn planned_meetings_are_kept_as_planned() {
    let g = graph(
        "Ana Ruiz will meet Carlos Vela in Oslo next week.",
        Some("2026-02-07"),
    );
    let r = rels(&g);
    assert!(r.iter().any(|x| x.1 == "met-with" && x.3), "{r:?}");
    let m = meetings(&g);
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].3, Some(Status::Planned));
    assert_eq!(m[0].2.as_deref(), Some("2026-W07"));
}

#[test]
fn nominal_meetings() {
    let g = graph(
        "The deadline follows Chile-Peru negotiations in Lisbon. The talks in Oslo between Norway and Chile ended. Ana Ruiz held talks with Carlos Vela.",
        None,
    );
    assert!(has(&g, "Chile", "met-with", "Peru"), "{:?}", rels(&g));
    assert!(has(&g, "Norway", "met-with", "Chile"));
    assert!(has(&g, "Ana Ruiz", "met-with", "Carlos Vela"));
    let m = meetings(&g);
    assert!(m.iter().any(|x| x.1.as_deref() == Some("Oslo")), "{m:?}");
}

#[test]
fn state_nouns_resolve_to_the_country() {
    let g = graph(
        "Prime Minister Lena Okafor received the Chilean delegation.",
        None,
    );
    assert!(
        has(&g, "Lena Okafor", "met-with", "Chile"),
        "{:?}",
        rels(&g)
    );
    assert!(g.node("place/chile").is_some());
}

#[test]
fn warnings_direct_clausal_and_conditional() {
    let g = graph(
        "Ana Ruiz warned Carlos Vela. Lena Okafor warned that the sanctions will hurt farmers. President Ivo Marsh has stated that if Peru refuses the offer, Chilean forces will advance further.",
        None,
    );
    assert!(
        has(&g, "Ana Ruiz", "warned", "Carlos Vela"),
        "{:?}",
        rels(&g)
    );
    assert!(has(&g, "Lena Okafor", "warned", "sanctions"));
    assert!(has(&g, "Ivo Marsh", "warned", "Peru"));
    // the refusal inside the condition is no stance
    assert!(!rels(&g).iter().any(|x| x.1 == "opposes"));
}

#[test]
fn proposals_are_named_and_linked() {
    let g = graph(
        "Chile proposed a revised Chilean peace proposal on Monday. Peru rejected the revised proposal. The talks centre on a Chilean peace plan.",
        None,
    );
    assert!(
        has(&g, "Chile", "proposed", "revised Chilean peace proposal"),
        "{:?}",
        rels(&g)
    );
    assert!(has(&g, "Peru", "opposes", "revised Chilean peace proposal"));
    let proposals = g.nodes().filter(|n| n.kind == NodeKind::Proposal).count();
    assert_eq!(proposals, 1);
}

#[test]
fn adjectival_and_control_predicates() {
    let g = graph(
        "Peru is unwilling to cede territory, and Bolivia is determined to prevent a deal that rewards aggression. European leaders, while supportive of peace efforts, are worried. Chile continues to insist on a pledge that Peru will never join NATO.",
        None,
    );
    let r = rels(&g);
    assert!(has(&g, "Peru", "opposes", "cede territory"), "{r:?}");
    assert!(has(&g, "Bolivia", "opposes", "deal"), "{r:?}");
    assert!(
        has(&g, "European leaders", "supports", "peace efforts"),
        "{r:?}"
    );
    assert!(has(&g, "Chile", "opposes", "Peru joining NATO"), "{r:?}");
}

#[test]
fn criticism_through_participles_and_of_phrases() {
    let g = graph(
        "The plan stalled, with critics accusing Carlos Vela of delay. Ana Ruiz criticized Lena Okafor. European officials have expressed unease, with one questioning the mandate of a negotiator like Carlos Vela.",
        None,
    );
    let r = rels(&g);
    assert!(has(&g, "critics", "criticized", "Carlos Vela"), "{r:?}");
    assert!(has(&g, "Ana Ruiz", "criticized", "Lena Okafor"), "{r:?}");
    assert!(
        has(&g, "European officials", "criticized", "Carlos Vela"),
        "{r:?}"
    );
}

#[test]
fn support_verbs() {
    let g = graph(
        "Ana Ruiz backed the ceasefire plan. Chile welcomed the accord.",
        None,
    );
    assert!(
        has(&g, "Ana Ruiz", "supports", "ceasefire plan"),
        "{:?}",
        rels(&g)
    );
    assert!(has(&g, "Chile", "supports", "accord"));
}

#[test]
fn confidence_reflects_the_rule() {
    let g = graph(
        "Ana Ruiz criticized Carlos Vela. The talks between Norway and Chile ended.",
        None,
    );
    let conf = |a: &str, b: &str| {
        g.edges()
            .into_iter()
            .find(|e| {
                e.source.name == a && e.target.name == b || e.source.name == b && e.target.name == a
            })
            .map(|e| e.edge.confidence)
            .unwrap()
    };
    assert!(conf("Ana Ruiz", "Carlos Vela") > conf("Norway", "Chile"));
}

#[test]
fn a_user_lexicon_extends_the_embedded_one() {
    let text = "Ana Ruiz lambasted Carlos Vela.";
    assert!(rels(&graph(text, None)).is_empty());
    let lx = RelationLexicon::with_user_file("lambast\tverb\tcriticized\t111\t-\n").unwrap();
    let config = Config {
        relation_lexicon: Some(Arc::new(lx)),
        ..Config::default()
    };
    let g = graph_with(text, None, config);
    assert!(
        has(&g, "Ana Ruiz", "criticized", "Carlos Vela"),
        "{:?}",
        rels(&g)
    );
}

#[test]
fn courtesies_are_not_proposals() {
    let g = graph(
        "Prime Minister Aino Laakso offered her congratulations to the winners. Laakso also offered a ceasefire plan.",
        None,
    );
    assert!(
        !rels(&g)
            .iter()
            .any(|(_, _, t, _)| t.contains("congratulations")),
        "{:?}",
        rels(&g)
    );
    assert!(
        has(&g, "Aino Laakso", "proposed", "ceasefire plan"),
        "{:?}",
        rels(&g)
    );
}

#[test]
fn meeting_ones_future_spouse_is_no_talks() {
    let g = graph(
        "At university Tomas Reyes met his future wife Lena Ortiz. On Monday Reyes met Carla Brandt in Quito. In 2005 Tomas Reyes met Ana Vidal.",
        None,
    );
    assert!(
        !has(&g, "Tomas Reyes", "met-with", "Lena Ortiz"),
        "{:?}",
        rels(&g)
    );
    assert!(
        has(&g, "Tomas Reyes", "met-with", "Carla Brandt"),
        "{:?}",
        rels(&g)
    );
    assert!(
        has(&g, "Tomas Reyes", "met-with", "Ana Vidal"),
        "{:?}",
        rels(&g)
    );
}

#[test]
fn capitals_taking_stances_stand_for_their_states() {
    let g = graph(
        "The army rejected the offer, accusing Nairobi of siding with the rebels. Later Ana Ruiz and Carlos Vela held talks in Panama. Peru and Ecuador resumed negotiations on Monday. Officials said talks between Managua and Tegucigalpa took place in Panama.",
        None,
    );
    assert!(
        rels(&g)
            .iter()
            .any(|(_, r, t, _)| r == "criticized" && t == "Kenya"),
        "{:?}",
        rels(&g)
    );
    assert!(
        has(&g, "Ana Ruiz", "met-with", "Carlos Vela"),
        "{:?}",
        rels(&g)
    );
    assert!(has(&g, "Peru", "met-with", "Ecuador"), "{:?}", rels(&g));
    assert!(
        has(&g, "Nicaragua", "met-with", "Honduras"),
        "{:?}",
        rels(&g)
    );
}

#[test]
fn a_generic_noun_is_no_proposal() {
    let g = graph(
        "Secretary-General Maria Lindahl warned that the country faced a grave crisis.",
        None,
    );
    assert!(
        !rels(&g).iter().any(|(_, _, t, _)| t == "country"),
        "{:?}",
        rels(&g)
    );
}

#[test]
fn one_predicate_with_several_partners_is_one_meeting() {
    // read pair by pair, "met with A, B and C" is still one meeting of four
    let g = graph(
        "Council President Ivo Kask met on Wednesday with Lena Morrow, Tomas Berg and Commission President Pia Lund. \
         Later, Lena Morrow held a separate discussion with Omar Sayed.",
        Some("2025-12-02"),
    );
    let m = meetings(&g);
    let four = vec!["Ivo Kask", "Lena Morrow", "Pia Lund", "Tomas Berg"];
    assert!(m.iter().any(|x| x.0 == four), "{m:?}");
    // at a meeting of up to four parties each pair met
    assert!(
        has(&g, "Ivo Kask", "met-with", "Pia Lund"),
        "{:?}",
        rels(&g)
    );
    assert!(
        has(&g, "Lena Morrow", "met-with", "Tomas Berg"),
        "{:?}",
        rels(&g)
    );
    // the later talks of one of them are a meeting of their own
    assert!(
        m.iter()
            .all(|x| x.0 == four || !x.0.contains(&"Ivo Kask".to_string())),
        "{m:?}"
    );
}

#[test]
fn a_bodys_own_gathering_is_a_meeting_of_one() {
    let g = graph(
        "Defence ministers arrived for the NATO summit in Vilnius on Tuesday.",
        Some("2025-12-02"),
    );
    let m = meetings(&g);
    assert_eq!(m.len(), 1, "{m:?}");
    assert_eq!(m[0].0, vec!["NATO"]);
    assert_eq!(m[0].1.as_deref(), Some("Vilnius"));
    // a person's meeting with nobody named is no gathering of theirs
    let g = graph(
        "Aides to Senator Ivo Kask said his meeting had been productive.",
        Some("2025-12-02"),
    );
    assert!(meetings(&g).is_empty(), "{:?}", meetings(&g));
}

#[test]
fn a_partys_conference_is_its_gathering_but_a_press_conference_is_not() {
    let g = graph(
        "Delegates cheered at the Green Party's spring conference in Leeds.",
        Some("2025-12-02"),
    );
    let m = meetings(&g);
    assert_eq!(m.len(), 1, "{m:?}");
    assert_eq!(m[0].0, vec!["Green Party"]);
    assert_eq!(m[0].1.as_deref(), Some("Leeds"));
    for text in [
        "The Green Party held a press conference in Leeds on Monday.",
        "Minister Ivo Kask told a news conference in Oslo that the talks had failed.",
    ] {
        let g = graph(text, Some("2025-12-02"));
        assert!(meetings(&g).is_empty(), "{text}: {:?}", meetings(&g));
    }
}

#[test]
fn a_body_named_for_its_meeting_met_when_named_as_a_time_or_place() {
    for text in [
        "The two presidents spoke on the sidelines of the UN General Assembly this week.",
        "The proposals will be discussed at tomorrow's European Council in Brussels.",
    ] {
        let g = graph(text, Some("2025-12-02"));
        let m = meetings(&g);
        assert_eq!(m.len(), 1, "{text}: {m:?}");
        assert_eq!(m[0].0.len(), 1, "{text}: {m:?}");
    }
    // the body as a subject, or as a body one belongs to, is no meeting
    for text in [
        "After the European Council voted, the ministers left.",
        "The European Council said the plan was sound.",
        "Members of the UN General Assembly were divided.",
    ] {
        let g = graph(text, Some("2025-12-02"));
        assert!(meetings(&g).is_empty(), "{text}: {:?}", meetings(&g));
    }
}

#[test]
fn a_meeting_at_a_seat_of_government_is_not_the_seats_gathering() {
    let g = graph(
        "Senator Tomas Brekke said after a White House meeting that nothing had changed.",
        Some("2025-12-02"),
    );
    assert!(meetings(&g).is_empty(), "{:?}", meetings(&g));
}

#[test]
fn a_telephone_conversation_is_a_meeting() {
    // ANNOTATION.md: a phone call between leaders is a met-with and a meeting
    let g = graph(
        "Prime Minister Ana Dorr confirmed her resignation in a telephone conversation on Friday with Foreign Minister Ivo Kask.",
        Some("2025-12-02"),
    );
    assert!(
        has(&g, "Ana Dorr", "met-with", "Ivo Kask"),
        "{:?}",
        rels(&g)
    );
    let m = meetings(&g);
    assert_eq!(m.len(), 1, "{m:?}");
    assert_eq!(m[0].0, vec!["Ana Dorr", "Ivo Kask"]);
}

#[test]
fn the_addressee_of_a_warning_is_not_its_author() {
    let g = graph(
        "Tomas Brandt warned Ana Dorr that sanctions would follow.",
        Some("2025-12-02"),
    );
    assert!(
        has(&g, "Tomas Brandt", "warned", "Ana Dorr"),
        "{:?}",
        rels(&g)
    );
    assert!(
        !rels(&g)
            .iter()
            .any(|r| r.0 == "Ana Dorr" && r.1 == "warned"),
        "{:?}",
        rels(&g)
    );
}
