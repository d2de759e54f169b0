use super::*;
use crate::stages::segment::segment;
use crate::text::Document;
use crate::vocab::EntityKind;

fn mentions(text: &str) -> Vec<(String, EntityKind, Option<String>)> {
    let doc = Document::new("t", text);
    let seg = segment(&doc);
    detect(&doc, &seg, &crate::tagging::tag(&doc, &seg))
        .into_iter()
        .map(|m| (m.text, m.kind, m.title.map(|t| t.text)))
        .collect()
}

fn names(text: &str) -> Vec<(String, EntityKind)> {
    mentions(text).into_iter().map(|(n, k, _)| (n, k)).collect()
}

fn has(ms: &[(String, EntityKind, Option<String>)], name: &str, kind: EntityKind) -> bool {
    ms.iter().any(|(n, k, _)| n == name && *k == kind)
}

#[test]
fn titles_split_from_names() {
    let ms = mentions(
        "Estonian President Mart Kivisoo met Prime Minister Ilse Vandamme and Lunar Ministry spokesman Oskar Pellinen in Tallinn.",
    );
    assert!(ms.contains(&(
        "Mart Kivisoo".into(),
        EntityKind::Person,
        Some("President".into())
    )));
    assert!(ms.contains(&(
        "Ilse Vandamme".into(),
        EntityKind::Person,
        Some("Prime Minister".into())
    )));
    assert!(has(&ms, "Lunar Ministry", EntityKind::Organization));
    assert!(has(&ms, "Oskar Pellinen", EntityKind::Person));
    assert!(has(&ms, "Tallinn", EntityKind::Place));
}

#[test]
fn affiliation_inside_a_capitalized_run() {
    let ms = mentions("White House Press Secretary Dana Korvel spoke on Monday.");
    assert!(has(&ms, "White House", EntityKind::Organization));
    assert!(ms.contains(&(
        "Dana Korvel".into(),
        EntityKind::Person,
        Some("Press Secretary".into())
    )));
}

#[test]
fn sentence_initial_common_words_are_not_names() {
    let ms = mentions("Following the vote, officials left. Key issues remain unresolved.");
    assert!(ms.is_empty(), "{ms:?}");
}

#[test]
fn organizations_by_head_word_and_of() {
    let ms = mentions(
        "Anna Berg of Harwood House spoke to the Ministry of Defence and the Bank of Lorland.",
    );
    assert!(has(&ms, "Anna Berg", EntityKind::Person));
    assert!(has(&ms, "Harwood House", EntityKind::Organization));
    assert!(has(&ms, "Ministry of Defence", EntityKind::Organization));
    assert!(has(&ms, "Bank of Lorland", EntityKind::Organization));
}

#[test]
fn hyphenated_compounds_and_honorifics() {
    let ms = mentions("After U.S.-Ukraine talks, Mr Dorrance said NATO would wait.");
    assert!(has(&ms, "U.S.", EntityKind::Place));
    assert!(has(&ms, "Ukraine", EntityKind::Place));
    assert!(ms.contains(&("Dorrance".into(), EntityKind::Person, Some("Mr".into()))));
    assert!(has(&ms, "NATO", EntityKind::Organization));
}

#[test]
fn unknown_word_after_place_preposition_is_a_place() {
    let ms = mentions("Troops captured the hub of Zorivka and moved near Balakivsk.");
    assert!(has(&ms, "Zorivka", EntityKind::Place));
    assert!(has(&ms, "Balakivsk", EntityKind::Place));
}

#[test]
fn demonym_organizations_and_administrations() {
    let ms = names(
        "The Palestinian Authority and the Ukrainian Air Force said the Harmon administration erred.",
    );
    assert!(
        ms.contains(&("Palestinian Authority".into(), EntityKind::Organization)),
        "{ms:?}"
    );
    assert!(
        ms.contains(&("Ukrainian Air Force".into(), EntityKind::Organization)),
        "{ms:?}"
    );
    assert!(
        ms.contains(&("Harmon administration".into(), EntityKind::Organization)),
        "{ms:?}"
    );
}

#[test]
fn continental_adjectives_and_initials_are_not_names() {
    let ms = names("European diplomats met Asian envoys. She wrote on X.");
    assert!(ms.is_empty(), "{ms:?}");
}

#[test]
fn and_inside_an_organization_name() {
    let ms = names("The casino could be built at the Northern Exhibition and Conference Centre.");
    assert!(
        ms.contains(&(
            "Northern Exhibition and Conference Centre".into(),
            EntityKind::Organization
        )),
        "{ms:?}"
    );
    let ms = names("Officials from Brandt and Halvorsen Group attended.");
    assert!(!ms.iter().any(|(n, _)| n.contains(" and ")), "{ms:?}");
}

#[test]
fn adjective_compounds_and_plural_acronyms() {
    let ms =
        names("The US-based Zentrix Corp hired two MEPs and the Kremlin-backed Nordvale Group.");
    assert!(ms.contains(&("US".into(), EntityKind::Place)), "{ms:?}");
    assert!(
        ms.contains(&("Zentrix Corp".into(), EntityKind::Organization)),
        "{ms:?}"
    );
    assert!(
        ms.contains(&("Nordvale Group".into(), EntityKind::Organization)),
        "{ms:?}"
    );
    assert!(!ms.iter().any(|(n, _)| n == "MEPs"), "{ms:?}");
}

#[test]
fn an_honorific_inside_a_run_starts_a_new_name() {
    let ms = names("Aides told the BBC Mr Dorrance had always backed the plan.");
    assert!(
        ms.contains(&("BBC".into(), EntityKind::Organization)),
        "{ms:?}"
    );
    assert!(
        ms.contains(&("Dorrance".into(), EntityKind::Person)),
        "{ms:?}"
    );
}

#[test]
fn headline_capitalization_and_quoted_words() {
    let ms = names(
        "The campaign ran ads this week.\n\nSenator Invokes Rival Dana Korvel In Ad Attacking Mayor Lena Brandt. The second spot, titled \u{201c}Unfit,\u{201d} aired. HUFFPOST READERS wrote on Nov. 8.",
    );
    assert!(
        ms.contains(&("Dana Korvel".into(), EntityKind::Person)),
        "{ms:?}"
    );
    assert!(
        ms.contains(&("Lena Brandt".into(), EntityKind::Person)),
        "{ms:?}"
    );
    assert!(
        !ms.iter()
            .any(|(n, _)| n.contains("Invokes") || n.contains("Attacking")),
        "{ms:?}"
    );
    assert!(
        !ms.iter()
            .any(|(n, _)| n == "Unfit" || n.contains("READERS") || n.starts_with("Nov")),
        "{ms:?}"
    );
}

#[test]
fn party_adjectives_acronym_affiliations_and_place_words() {
    let ms = names(
        "Republican Dana Korvel met NRB Chairman Lars Ekdahl on Harlow Avenue near Lake Brenner, Fla. He left.",
    );
    assert!(
        ms.contains(&("Dana Korvel".into(), EntityKind::Person)),
        "{ms:?}"
    );
    assert!(
        ms.contains(&("NRB".into(), EntityKind::Organization)),
        "{ms:?}"
    );
    assert!(
        ms.contains(&("Lars Ekdahl".into(), EntityKind::Person)),
        "{ms:?}"
    );
    assert!(
        ms.contains(&("Harlow Avenue".into(), EntityKind::Place)),
        "{ms:?}"
    );
    assert!(
        ms.contains(&("Lake Brenner".into(), EntityKind::Place)),
        "{ms:?}"
    );
    assert!(ms.contains(&("Fla.".into(), EntityKind::Place)), "{ms:?}");
    assert!(!ms.iter().any(|(n, _)| n.contains("He")), "{ms:?}");
    let ms = names(
        "The Republican Party and the Green Party met the Liberal Democrats to discuss reforms.",
    );
    assert!(
        ms.contains(&("Liberal Democrats".into(), EntityKind::Organization)),
        "{ms:?}"
    );
    assert!(
        ms.contains(&("Republican Party".into(), EntityKind::Organization)),
        "{ms:?}"
    );
}

#[test]
fn listening_to_someone_is_not_a_place() {
    let ms = names("They can listen to Brahmsley while they wait.");
    assert!(!ms.iter().any(|(_, k)| *k == EntityKind::Place), "{ms:?}");
}

#[test]
fn titles_with_complements_and_portfolios_leave_the_name() {
    let ms = mentions(
        "On a visit that was planned for months, the officials met with Secretary of State Dana Whitcombe and later with the visiting Trade Minister Orla Benning on Monday.",
    );
    assert!(ms.contains(&(
        "Dana Whitcombe".into(),
        EntityKind::Person,
        Some("Secretary of State".into())
    )));
    assert!(ms.contains(&(
        "Orla Benning".into(),
        EntityKind::Person,
        Some("Trade Minister".into())
    )));
    assert!(
        !ms.iter().any(|(n, _, _)| n.contains("State Dana")),
        "{ms:?}"
    );
}

#[test]
fn a_title_before_an_organization_head_is_part_of_its_name() {
    let ms =
        names("Delegates spoke at the UN General Assembly while the US Justice Department waited.");
    assert!(
        ms.contains(&("UN General Assembly".into(), EntityKind::Organization)),
        "{ms:?}"
    );
    assert!(
        ms.contains(&("US Justice Department".into(), EntityKind::Organization)),
        "{ms:?}"
    );
    assert!(
        !ms.iter().any(|(n, _)| n == "Assembly" || n == "Department"),
        "{ms:?}"
    );
}

#[test]
fn name_extents_drop_post_nominals_and_stray_connectors() {
    let ms = names(
        "Tamsin Achebe QC said the High Court on Monday heard Ursula van der Kolk and the Ministry of the Interior.",
    );
    assert!(
        ms.contains(&("Tamsin Achebe".into(), EntityKind::Person)),
        "{ms:?}"
    );
    assert!(
        ms.contains(&("High Court".into(), EntityKind::Organization)),
        "{ms:?}"
    );
    assert!(
        ms.contains(&("Ursula van der Kolk".into(), EntityKind::Person)),
        "{ms:?}"
    );
    assert!(
        ms.contains(&("Ministry of the Interior".into(), EntityKind::Organization)),
        "{ms:?}"
    );
}

#[test]
fn two_word_demonyms_are_not_names() {
    let ms = names("South African President Tumelo Vane met North Korean envoys.");
    assert!(
        ms.contains(&("Tumelo Vane".into(), EntityKind::Person)),
        "{ms:?}"
    );
    assert!(
        !ms.iter()
            .any(|(n, _)| n.contains("African") || n.contains("Korean")),
        "{ms:?}"
    );
}

#[test]
fn the_embedded_typer_drops_mentions_of_no_actor() {
    let text = "Users of a messaging app fear World War III and the Care Standards Bill, Dana Roe told the Harbour Point Group on Friday in Oslo.";
    let doc = Document::new("t", text);
    let seg = segment(&doc);
    let tags = crate::tagging::tag(&doc, &seg);
    let typer = typer::MentionTyper::embedded().expect("models/mention-typer.bin parses");
    let kept: Vec<String> = typer
        .filter(&doc, &seg, &tags, detect(&doc, &seg, &tags))
        .into_iter()
        .map(|m| m.text)
        .collect();
    assert!(kept.contains(&"Dana Roe".to_string()), "{kept:?}");
    assert!(kept.contains(&"Oslo".to_string()), "{kept:?}");
    assert!(
        !kept.iter().any(|m| m.contains("War") || m.contains("Bill")),
        "{kept:?}"
    );
}

#[test]
fn a_model_file_round_trips() {
    let typer = typer::MentionTyper::embedded().expect("embedded model");
    let again = typer::MentionTyper::from_bytes(&typer.to_bytes()).expect("parses");
    assert_eq!(again.to_bytes(), typer.to_bytes());
    assert!(typer::MentionTyper::from_bytes(b"not a model").is_none());
}

#[test]
fn codes_and_shouted_words_are_no_acronyms() {
    let ms = names(
        "The A400M order was cancelled, NATO said, and officials must respond IMMEDIATELY to the request.",
    );
    assert!(
        !ms.iter().any(|(n, _)| n == "A400M" || n == "IMMEDIATELY"),
        "{ms:?}"
    );
    assert!(
        ms.contains(&("NATO".into(), EntityKind::Organization)),
        "{ms:?}"
    );
}

#[test]
fn an_unknown_word_before_a_title_is_split_off_as_the_employer() {
    let ms = mentions("Kestrelix CEO Dana Morrow accused the union of bad faith.");
    assert!(
        ms.contains(&("Dana Morrow".into(), EntityKind::Person, Some("CEO".into()))),
        "{ms:?}"
    );
    assert!(has(&ms, "Kestrelix", EntityKind::Organization), "{ms:?}");
    // a full name with no title inside stays whole
    assert!(has(
        &mentions("Dana Morrow Kestrel spoke."),
        "Dana Morrow Kestrel",
        EntityKind::Person
    ));
}

#[test]
fn a_surname_that_is_also_a_common_word_stays_in_the_name() {
    let ms = mentions("Lawyer Marta Christian, who represents him, spoke on Tuesday.");
    assert!(has(&ms, "Marta Christian", EntityKind::Person), "{ms:?}");
}

#[test]
fn a_datelines_places_are_mentions() {
    let ms = names(
        "Bank acts\n\nWARSAW, Poland — The central bank said on Monday it was ready.\n\nIt met again on Tuesday.\n",
    );
    assert!(ms.contains(&("WARSAW".into(), EntityKind::Place)), "{ms:?}");
    assert!(ms.contains(&("Poland".into(), EntityKind::Place)), "{ms:?}");
    // a dateline of no known place gives nothing
    let ms = names(
        "Bank acts\n\nZORVANIA — The central bank said on Monday it was ready.\n\nIt met again.\n",
    );
    assert!(ms.is_empty(), "{ms:?}");
}

#[test]
fn a_given_name_that_is_also_an_adjective_stays_before_a_surname() {
    let ms = names("The chancellor sacked his finance minister Christian Lendel on Wednesday.");
    assert!(
        ms.contains(&("Christian Lendel".into(), EntityKind::Person)),
        "{ms:?}"
    );
    // the adjective before a party's word is no given name
    let ms = names("The Christian Democrats won the vote on Wednesday.");
    assert!(
        !ms.iter()
            .any(|(n, k)| n.starts_with("Christian") && *k == EntityKind::Person),
        "{ms:?}"
    );
}

#[test]
fn a_quoted_nickname_inside_a_name_joins_it() {
    let ms = mentions("The ruling is a blow to President Tomas “Tommy” Varenko’s plans.");
    assert!(
        ms.contains(&(
            "Tomas Varenko".into(),
            EntityKind::Person,
            Some("President".into())
        )),
        "{ms:?}"
    );
    assert!(!ms.iter().any(|(n, _, _)| n == "Tommy"), "{ms:?}");
    let ms = names("Czech billionaire Daniel ‘The Owl’ Kresta bid for the firm.");
    assert!(
        ms.contains(&("Daniel Kresta".into(), EntityKind::Person)),
        "{ms:?}"
    );
    // a quoted title after a name is no nickname
    let ms = names("Mara Olsen wrote “Silent Rivers” Tuesday.");
    assert!(!ms.iter().any(|(n, _)| n.contains("Tuesday")), "{ms:?}");
}
