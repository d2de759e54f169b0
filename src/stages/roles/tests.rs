use super::*;
use crate::stages::entities::resolve;
use crate::stages::mentions::detect;
use crate::stages::segment::segment;
use crate::text::Document;

fn roles(text: &str) -> Vec<(String, Option<String>, Option<String>)> {
    let doc = Document::new("t", text);
    let seg = segment(&doc);
    let tags = crate::tagging::tag(&doc, &seg);
    let m = detect(&doc, &seg, &tags);
    let e = resolve(&doc, &seg, m);
    let Staged { layer, requests } = attach(&doc, &seg, &tags, &e);
    layer
        .into_iter()
        .map(|r| {
            (
                e.entities[r.person].name.clone(),
                r.title,
                r.affiliation.map(|a| requests.name(&e, a).to_string()),
            )
        })
        .collect()
}

#[test]
fn premodifier_titles_with_affiliations() {
    let r = roles(
        "EU foreign policy chief Ilse Marten met Estonian President Mart Kivisoo and Lunar Ministry spokesman Oskar Pellinen.",
    );
    assert!(
        r.contains(&(
            "Ilse Marten".into(),
            Some("foreign policy chief".into()),
            Some("European Union".into())
        )),
        "{r:?}"
    );
    assert!(
        r.contains(&(
            "Mart Kivisoo".into(),
            Some("President".into()),
            Some("Estonia".into())
        )),
        "{r:?}"
    );
    assert!(
        r.contains(&(
            "Oskar Pellinen".into(),
            Some("spokesman".into()),
            Some("Lunar Ministry".into())
        )),
        "{r:?}"
    );
}

#[test]
fn possessive_and_appositive_roles() {
    let r = roles(
        "Ana Ruiz's son-in-law Pablo Serrat arrived. Serrat, a real estate developer and longtime business associate of Ruiz, spoke.",
    );
    assert!(
        r.contains(&(
            "Pablo Serrat".into(),
            Some("son-in-law".into()),
            Some("Ana Ruiz".into())
        )),
        "{r:?}"
    );
    assert!(
        r.contains(&(
            "Pablo Serrat".into(),
            Some("real estate developer".into()),
            None
        )),
        "{r:?}"
    );
    assert!(
        r.contains(&(
            "Pablo Serrat".into(),
            Some("longtime business associate".into()),
            Some("Ana Ruiz".into())
        )),
        "{r:?}"
    );
}

#[test]
fn appositive_before_the_name_and_x_of_y() {
    let r = roles(
        "Mr Hale met his Latvian counterpart, Juris Ozols, and Nora Field of Brightwater Institute.",
    );
    assert!(
        r.contains(&(
            "Juris Ozols".into(),
            Some("counterpart".into()),
            Some("Latvia".into())
        )),
        "{r:?}"
    );
    assert!(
        r.contains(&(
            "Nora Field".into(),
            None,
            Some("Brightwater Institute".into())
        )),
        "{r:?}"
    );
}

#[test]
fn a_name_and_a_comma_at_the_end_of_the_text() {
    // found by the hostile-input tests: the appositive started past the last token
    for t in ["Minister Kalo Renvo,", "Kalo Renvo met Dora Senqui,"] {
        roles(t);
    }
}

#[test]
fn no_role_without_a_title_word() {
    let r = roles("Ana Ruiz, who arrived late, spoke. Carlos Vela, 45, left.");
    assert!(r.is_empty(), "{r:?}");
}

#[test]
fn appointed_as_a_title() {
    let r = roles(
        "Greta Holm was initially appointed as the Arctic envoy. Lars Berg, who serves as chief economist of Nordbank Group, agreed.",
    );
    assert!(
        r.contains(&("Greta Holm".into(), Some("Arctic envoy".into()), None)),
        "{r:?}"
    );
    assert!(
        r.contains(&(
            "Lars Berg".into(),
            Some("chief economist".into()),
            Some("Nordbank Group".into())
        )),
        "{r:?}"
    );
}

#[test]
fn an_organization_before_a_lowercase_title_is_not_part_of_it() {
    let r = roles("Estonian Air Force spokesperson Kalle Tamm spoke.");
    assert!(
        r.contains(&(
            "Kalle Tamm".into(),
            Some("spokesperson".into()),
            Some("Estonian Air Force".into())
        )),
        "{r:?}"
    );
}

#[test]
fn office_country_from_the_sentence_or_a_demonym_elsewhere() {
    let r = roles(
        "The Kremlin pushed back, with Foreign Minister Pavel Orlov calling it a ploy. Prime Minister Edwin Hale arrived. Later the British prime minister spoke. President Ana Lopes met Russian President Ivan Petrov.",
    );
    assert!(
        r.contains(&(
            "Pavel Orlov".into(),
            Some("Foreign Minister".into()),
            Some("Russia".into())
        )),
        "{r:?}"
    );
    assert!(
        r.contains(&(
            "Edwin Hale".into(),
            Some("Prime Minister".into()),
            Some("United Kingdom".into())
        )),
        "{r:?}"
    );
    // a demonym title naming someone else says nothing about Ana Lopes
    assert!(
        r.contains(&("Ana Lopes".into(), Some("President".into()), None)),
        "{r:?}"
    );
}

#[test]
fn no_country_for_other_titles_or_without_evidence() {
    let r = roles("In Peru, spokesman Tomas Vargas spoke. President Ana Lopes left.");
    assert!(
        r.contains(&("Tomas Vargas".into(), Some("spokesman".into()), None)),
        "{r:?}"
    );
    assert!(
        r.contains(&("Ana Lopes".into(), Some("President".into()), None)),
        "{r:?}"
    );
}

#[test]
fn appositives_without_a_determiner_and_coordinated_titles() {
    let r = roles(
        "Omid Farahani, spokesman for Iran's Ministry of Foreign Affairs, said on Monday that talks would go on. Li Wenhao, president and chief economist at Harbour Point Capital, agreed with the assessment.",
    );
    assert!(
        r.contains(&(
            "Omid Farahani".into(),
            Some("spokesman".into()),
            Some("Ministry of Foreign Affairs".into())
        )),
        "{r:?}"
    );
    for t in ["president", "chief economist"] {
        assert!(
            r.contains(&(
                "Li Wenhao".into(),
                Some(t.into()),
                Some("Harbour Point Capital".into())
            )),
            "{t}: {r:?}"
        );
    }
}

#[test]
fn appositive_roles_with_party_and_place_owners() {
    let r = roles(
        "Ruth Adeyemi, associate professor of government at Carrow University, spoke first. Tom Ashby, the Conservative co-chairman, left early. Oleh Marchenko, head of the delegation, came late.",
    );
    assert!(
        r.contains(&(
            "Ruth Adeyemi".into(),
            Some("associate professor".into()),
            Some("Carrow University".into())
        )),
        "{r:?}"
    );
    assert!(
        r.iter().any(|(p, t, a)| p == "Tom Ashby"
            && t.as_deref() == Some("co-chairman")
            && a.is_some()),
        "{r:?}"
    );
    // a complement that names nobody is part of the title
    assert!(
        r.contains(&(
            "Oleh Marchenko".into(),
            Some("head of the delegation".into()),
            None
        )),
        "{r:?}"
    );
}

#[test]
fn titles_before_honorifics_and_post_nominals() {
    let r = roles(
        "Among the critics was the bank's chief economist Sir Alec Dunmore, while Tamsin Achebe QC said the case was weak.",
    );
    assert!(
        r.iter()
            .any(|(p, t, _)| p == "Alec Dunmore" && t.as_deref() == Some("chief economist")),
        "{r:?}"
    );
    assert!(
        r.contains(&("Tamsin Achebe".into(), Some("QC".into()), None)),
        "{r:?}"
    );
}

#[test]
fn a_sentence_subject_after_a_comma_is_no_appositive() {
    // negative: "X, Y and Z met" lists people; a name after the comma is not a title
    let r = roles(
        "Dana Roe, Mark Veil and Ilse Marten met in the capital on Friday to discuss the budget.",
    );
    assert!(r.is_empty(), "{r:?}");
}

#[test]
fn a_capitalized_title_before_an_honorific() {
    let r = roles(
        "The agency must improve its service within weeks. Chairman Sir Archy Kellwood said the agency would be wound up otherwise.",
    );
    assert!(
        r.iter()
            .any(|(p, t, _)| p == "Archy Kellwood" && t.as_deref() == Some("Chairman")),
        "{r:?}"
    );
}

#[test]
fn abbreviated_offices_and_new_title_words_are_roles() {
    let r = roles(
        "Nevada Gov. Rhea Saltonstall met Italian PM Carla Ventimiglia and British hostage Tom Quarrie.",
    );
    assert!(
        r.contains(&(
            "Rhea Saltonstall".into(),
            Some("Gov.".into()),
            Some("Nevada".into())
        )),
        "{r:?}"
    );
    assert!(
        r.contains(&(
            "Carla Ventimiglia".into(),
            Some("PM".into()),
            Some("Italy".into())
        )),
        "{r:?}"
    );
    assert!(
        r.iter()
            .any(|(p, t, _)| p == "Tom Quarrie" && t.as_deref() == Some("hostage")),
        "{r:?}"
    );
    // an honorific is no role
    assert!(roles("Mr Tom Quarrie spoke.").is_empty());
}

#[test]
fn an_employer_before_a_title_is_the_affiliation() {
    let r = roles("Kestrelix CEO Dana Morrow accused the union of bad faith.");
    assert!(
        r.contains(&(
            "Dana Morrow".into(),
            Some("CEO".into()),
            Some("Kestrelix".into())
        )),
        "{r:?}"
    );
}

#[test]
fn a_definite_description_names_the_person_named_before() {
    let r = roles(
        "Rhea Saltonstall has said the rules are clear. The rural affairs minister said it would become obvious.",
    );
    assert!(
        r.iter()
            .any(|(p, t, _)| p == "Rhea Saltonstall"
                && t.as_deref() == Some("rural affairs minister")),
        "{r:?}"
    );
    // two people named before: nobody is meant for sure
    let r = roles(
        "Rhea Saltonstall met Tom Quarrie on Monday. The rural affairs minister said it would become obvious.",
    );
    assert!(r.is_empty(), "{r:?}");
    // the one holder of the title elsewhere in the article
    let r = roles(
        "Prime Minister Tom Quarrie spoke first. Dana Morrow met him. But the prime minister said no.",
    );
    assert!(
        !r.iter().any(|(p, t, _)| p == "Dana Morrow" && t.is_some()),
        "{r:?}"
    );
    // a description followed by the name is a premodifier, not a reference back
    let r = roles("Rhea Saltonstall spoke. The prime minister Tom Quarrie said no.");
    assert!(!r.iter().any(|(p, _, _)| p == "Rhea Saltonstall"), "{r:?}");
}

#[test]
fn qualifiers_before_a_title_belong_to_it() {
    let r = roles(
        "Former welfare minister Tom Quarrie said so. The plan is wrong, said parliamentary group leader Pia Dermot.",
    );
    assert!(
        r.iter()
            .any(|(p, t, _)| p == "Tom Quarrie" && t.as_deref() == Some("Former welfare minister")),
        "{r:?}"
    );
    assert!(
        r.iter().any(
            |(p, t, _)| p == "Pia Dermot" && t.as_deref() == Some("parliamentary group leader")
        ),
        "{r:?}"
    );
    // a verb before the title is no qualifier
    assert!(
        !r.iter()
            .any(|(_, t, _)| t.as_deref().is_some_and(|t| t.contains("said")))
    );
}

#[test]
fn a_party_adjective_before_a_title_is_the_affiliation() {
    let r = roles(
        "But Liberal Democrat spokesman Tom Quarrie warned them. His Labour MP Dana Morrow welcomed it. It was aimed at Conservative leader Rhea Salt.",
    );
    for (person, title, party) in [
        ("Tom Quarrie", "spokesman", "Liberal Democrats"),
        ("Dana Morrow", "MP", "Labour"),
        ("Rhea Salt", "leader", "Conservatives"),
    ] {
        assert!(
            r.contains(&(person.into(), Some(title.into()), Some(party.into()))),
            "{person}: {r:?}"
        );
    }
    // an adjective that names no party is no affiliation
    let r = roles("Green activist Tom Quarrie spoke.");
    assert!(r.iter().all(|(_, _, a)| a.is_none()), "{r:?}");
}

#[test]
fn an_office_without_a_country_takes_the_one_its_sentence_names() {
    let r = roles("Prime Minister Tom Quarrie voiced Canada's disappointment on Friday.");
    assert!(
        r.contains(&(
            "Tom Quarrie".into(),
            Some("Prime Minister".into()),
            Some("Canada".into())
        )),
        "{r:?}"
    );
    // a stated country wins over one the sentence implies
    let r = roles(
        "Prime Minister Tom Quarrie met Ukraine's envoy. Later, Canadian Prime Minister Tom Quarrie left.",
    );
    assert!(
        r.contains(&(
            "Tom Quarrie".into(),
            Some("Prime Minister".into()),
            Some("Canada".into())
        )),
        "{r:?}"
    );
}

#[test]
fn an_appositive_title_with_its_of_complement_before_the_name() {
    let r = roles(
        "He met the Prime Minister of Estonia, Dana Morrow, in Paris. The new chairman of the European Union, Tom Quarrie, spoke.",
    );
    assert!(
        r.contains(&(
            "Dana Morrow".into(),
            Some("Prime Minister".into()),
            Some("Estonia".into())
        )),
        "{r:?}"
    );
    assert!(
        r.contains(&(
            "Tom Quarrie".into(),
            Some("new chairman".into()),
            Some("European Union".into())
        )),
        "{r:?}"
    );
    // no title before the complement: no role
    let r = roles("He spoke of the plans of Estonia, Dana Morrow said.");
    assert!(r.is_empty(), "{r:?}");
}

#[test]
fn a_plural_title_before_a_list_of_names_gives_each_the_title() {
    let r = roles(
        "Voting against were ministers Tom Quarrie, Dana Morrow and Rhea Salt. Estonian leaders Ola Brenn and Kai Morst said so. Tom Quarrie met Lena Vos.",
    );
    for p in ["Tom Quarrie", "Dana Morrow", "Rhea Salt"] {
        assert!(
            r.contains(&(p.into(), Some("minister".into()), None)),
            "{p}: {r:?}"
        );
    }
    for p in ["Ola Brenn", "Kai Morst"] {
        assert!(
            r.contains(&(p.into(), Some("leader".into()), Some("Estonia".into()))),
            "{p}: {r:?}"
        );
    }
    // the list ends with its sentence
    assert!(!r.iter().any(|(p, _, _)| p == "Lena Vos"), "{r:?}");
}

#[test]
fn an_office_inside_sentences_goes_to_the_untitled_person_around_it() {
    // "the chancellor" in sentences that name nobody: the one untitled person around it
    let text = "Harlan Brisk wants lower taxes. Mr Brisk said so on Monday. Several aides said on Monday that the chancellor would speak again soon. Critics said the plan helped the chancellor more than anyone.";
    let r = roles(text);
    assert!(
        r.iter()
            .any(|(p, t, _)| p == "Harlan Brisk" && t.as_deref() == Some("chancellor")),
        "{r:?}"
    );
    // not when the sentence names someone, nor for an office spoken of in the plural
    let r = roles(
        "Harlan Brisk wants lower taxes. Mr Brisk said so on Monday. Several aides said on Monday that the official met Tom Quarrie on Monday.",
    );
    assert!(!r.iter().any(|(p, _, _)| p == "Harlan Brisk"), "{r:?}");
    let r = roles(
        "Harlan Brisk wants lower taxes. Mr Brisk said so on Monday. Several aides said on Monday that the official would speak. Other officials agreed.",
    );
    assert!(!r.iter().any(|(p, _, _)| p == "Harlan Brisk"), "{r:?}");
    // "the 150-member parliament" is no title
    let r = roles(
        "Harlan Brisk wants lower taxes. Mr Brisk said so. Several aides said on Monday that the 150-member parliament would vote.",
    );
    assert!(!r.iter().any(|(p, _, _)| p == "Harlan Brisk"), "{r:?}");
}

#[test]
fn a_country_adjective_in_the_sentence_is_an_office_s_country() {
    let r = roles("Prime Minister Tom Quarrie said the Danish budget would hold.");
    assert!(
        r.contains(&(
            "Tom Quarrie".into(),
            Some("Prime Minister".into()),
            Some("Denmark".into())
        )),
        "{r:?}"
    );
    // royal and abbreviated offices are national too; a profession is not
    let r = roles(
        "Crown Prince Tariq Hallan toured the Jordanian capital. Analyst Mira Sobel watched the Jordanian market.",
    );
    assert!(
        r.contains(&(
            "Tariq Hallan".into(),
            Some("Crown Prince".into()),
            Some("Jordan".into())
        )),
        "{r:?}"
    );
    assert!(
        !r.iter()
            .any(|(p, _, a)| p == "Mira Sobel" && a.as_deref() == Some("Jordan")),
        "{r:?}"
    );
}

#[test]
fn capitalized_portfolios_and_party_owners_before_lowercase_titles() {
    let r = roles("Home Affairs spokesman Brin Talwood also demanded assurances.");
    assert!(
        r.iter()
            .any(|(p, t, _)| p == "Brin Talwood" && t.as_deref() == Some("Home Affairs spokesman")),
        "{r:?}"
    );
    let r = roles(
        "The comments came in response to a question from Liberal Democrat constitutional affairs spokesman Dafydd Morlan.",
    );
    assert!(
        r.contains(&(
            "Dafydd Morlan".into(),
            Some("constitutional affairs spokesman".into()),
            Some("Liberal Democrats".into())
        )),
        "{r:?}"
    );
    // an organization's word is no portfolio: "Heathland Alliance chairman"
    let r = roles("Heathland Alliance chairman Tobin Reece said the ban had failed.");
    assert!(
        r.iter()
            .any(|(p, t, _)| p == "Tobin Reece" && t.as_deref() == Some("chairman")),
        "{r:?}"
    );
}

#[test]
fn a_lead_description_names_the_person_of_the_next_sentence() {
    let r = roles(
        "Tax row deepens\n\nThe Veltrian prime minister has defended her husband's business links. Marta Kessvik said the firm had done nothing wrong.",
    );
    assert!(
        r.iter()
            .any(|(p, t, _)| p == "Marta Kessvik" && t.as_deref() == Some("prime minister")),
        "{r:?}"
    );
    // not when the next sentence names two people
    let r = roles(
        "Tax row deepens\n\nThe prime minister has defended the links. Marta Kessvik and Oren Daley said the firm had done nothing wrong.",
    );
    assert!(
        !r.iter()
            .any(|(_, t, _)| t.as_deref() == Some("prime minister")),
        "{r:?}"
    );
}

fn has(r: &[(String, Option<String>, Option<String>)], p: &str, t: &str, a: Option<&str>) -> bool {
    r.contains(&(p.into(), Some(t.into()), a.map(Into::into)))
}

#[test]
fn an_of_complement_after_the_name_is_the_title_s_affiliation() {
    let r =
        roles("On Monday, Chairman Oren Talvik of the Harbour Bank pushed back against critics.");
    assert!(
        has(&r, "Oren Talvik", "Chairman", Some("Harbour Bank")),
        "{r:?}"
    );
    // the title took it: no second, untitled role
    assert!(r.iter().all(|(_, t, _)| t.is_some()), "{r:?}");
    // without a title before the name it stays an untitled affiliation
    let r = roles("On Monday, Oren Talvik of Harbour Bank pushed back against critics.");
    assert!(
        r.contains(&("Oren Talvik".into(), None, Some("Harbour Bank".into()))),
        "{r:?}"
    );
}

#[test]
fn coordinated_titles_before_the_name_share_the_owner() {
    let r =
        roles("Harbour Bank's founder and chief executive Lena Morvik hit back at the regulator.");
    assert!(
        has(&r, "Lena Morvik", "founder", Some("Harbour Bank")),
        "{r:?}"
    );
    assert!(
        has(&r, "Lena Morvik", "chief executive", Some("Harbour Bank")),
        "{r:?}"
    );
    // a noun that is no title before "and" is not coordinated with the title
    let r = roles("They read the report and spokesman Tom Vale answered.");
    assert!(
        r.iter().all(|(_, t, _)| t.as_deref() == Some("spokesman")),
        "{r:?}"
    );
}

#[test]
fn a_complement_that_names_nobody_is_part_of_the_title() {
    let r = roles("Ivo Marsh, expert in maritime law, said the claim was weak.");
    assert!(
        has(&r, "Ivo Marsh", "expert in maritime law", None),
        "{r:?}"
    );
    let r = roles("Mira Solberg, Greenland's acting head of government, denounced the visit.");
    assert!(
        has(
            &r,
            "Mira Solberg",
            "acting head of government",
            Some("Greenland")
        ),
        "{r:?}"
    );
    // an unnamed organization after the title is no part of it
    let r = roles("Ivo Marsh, a spokesman for the party, said the claim was weak.");
    assert!(has(&r, "Ivo Marsh", "spokesman", None), "{r:?}");
}

#[test]
fn an_appositive_ends_at_its_clause_verb() {
    let r = roles(
        "Ivo Marsh, the bloc's economist said that he and Trade Minister Lea Kant had a good call.",
    );
    assert!(
        !r.iter()
            .any(|(p, t, _)| p == "Ivo Marsh"
                && t.as_deref().is_some_and(|t| t.contains("Minister"))),
        "{r:?}"
    );
}

#[test]
fn the_country_of_an_office_and_of_another_office() {
    // "Secretary of State" is a national office: its head stands before "of"
    let r = roles("Secretary of State Dana Whitcombe said France would not sign.");
    assert!(
        has(&r, "Dana Whitcombe", "Secretary of State", Some("France")),
        "{r:?}"
    );
    // a title word after the country's possessive and a modifier: this office's country
    let r = roles("He offered asylum to Peru's former President Tomas Ardo and his family.");
    assert!(has(&r, "Tomas Ardo", "President", Some("Peru")), "{r:?}");
    // a country later in the sentence with its own office is not this office's
    let r =
        roles("Secretary of State Dana Whitcombe met Panama's President Jose Arvelo on Sunday.");
    assert!(
        !has(&r, "Dana Whitcombe", "Secretary of State", Some("Panama")),
        "{r:?}"
    );
    // an office that is no national one takes no country
    let r = roles("Chief of Staff Tom Vale said France would not sign.");
    assert!(r.iter().all(|(_, _, a)| a.is_none()), "{r:?}");
}
