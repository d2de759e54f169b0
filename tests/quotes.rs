//! Who said what: every quote shape news uses, with invented names and sentences.

use std::time::Instant;

use newsgraph::vocab::QuoteKind;
use newsgraph::{Document, Pipeline};

#[derive(Debug)]
struct Q {
    speakers: Vec<String>,
    direct: bool,
    cue: String,
    text: String,
}

fn quotes(text: &str) -> Vec<Q> {
    let doc = Document::new("t", text);
    let a = Pipeline::default().analyze(&doc);
    a.statements
        .iter()
        .map(|s| Q {
            speakers: s
                .speakers
                .iter()
                .map(|&e| a.entities.entities[e].name.clone())
                .collect(),
            direct: s.kind == QuoteKind::Direct,
            cue: s.cue.clone(),
            text: s.text_in(&doc.text),
        })
        .collect()
}

/// The statement whose text starts with `start`.
fn find<'a>(qs: &'a [Q], start: &str) -> &'a Q {
    qs.iter()
        .find(|q| q.text.starts_with(start))
        .unwrap_or_else(|| panic!("no statement starting {start:?} in {qs:#?}"))
}

fn article(body: &str) -> String {
    format!("Talks resume in Valdora\n\n{body}\n")
}

#[test]
fn quote_then_speaker_then_cue() {
    let qs = quotes(&article(
        "\"We will keep the border open for trade,\" Minister Halvard Brekke said on Monday.",
    ));
    let q = find(&qs, "We will keep the border open");
    assert_eq!(q.speakers, ["Halvard Brekke"]);
    assert!(q.direct);
    assert_eq!(q.cue, "said");
    assert_eq!(q.text, "We will keep the border open for trade");
}

#[test]
fn quote_then_cue_then_speaker() {
    let qs = quotes(&article(
        "“Nobody wants another winter like the last one,” said Ottilie Marchetti, the mayor of Brenz.",
    ));
    let q = find(&qs, "Nobody wants");
    assert_eq!(q.speakers, ["Ottilie Marchetti"]);
    assert!(q.direct);
}

#[test]
fn speaker_colon_quote_and_told_reporters() {
    let qs = quotes(&article(
        "Ottilie Marchetti said: \"The bridge will reopen in spring.\" Later Gunnar Falk told reporters, \"We have the money for it.\"",
    ));
    assert_eq!(find(&qs, "The bridge").speakers, ["Ottilie Marchetti"]);
    let q = find(&qs, "We have the money");
    assert_eq!(q.speakers, ["Gunnar Falk"]);
    assert_eq!(q.cue, "told");
}

#[test]
fn a_quote_split_by_its_attribution_is_one_statement() {
    let qs = quotes(&article(
        "Senator Ines Valtonen spoke after the vote. \"We will not,\" she said, \"give up on this bill.\"",
    ));
    let direct: Vec<_> = qs.iter().filter(|q| q.direct).collect();
    assert_eq!(direct.len(), 1, "{qs:#?}");
    assert_eq!(direct[0].text, "We will not give up on this bill");
    assert_eq!(direct[0].speakers, ["Ines Valtonen"]);
}

#[test]
fn a_new_quoted_sentence_after_the_attribution_keeps_the_speaker() {
    let qs = quotes(&article(
        "“The shelling has to stop,” Mayor Piet Verhoeven wrote in a post. “Our schools are closed again.”",
    ));
    assert_eq!(find(&qs, "The shelling").speakers, ["Piet Verhoeven"]);
    assert_eq!(find(&qs, "Our schools").speakers, ["Piet Verhoeven"]);
}

#[test]
fn quote_first_and_speaker_in_the_next_sentence() {
    let qs = quotes(&article(
        "\"This is the worst harvest in thirty years.\" Edda Lindqvist said this on Tuesday.",
    ));
    assert_eq!(find(&qs, "This is the worst").speakers, ["Edda Lindqvist"]);
}

#[test]
fn a_quote_over_several_paragraphs() {
    let text = article(
        "Economist Rafael Montero said: “Inflation will fall this year, but slowly.\n\n“Households will feel it in their rent before they feel it in their food bills.”\n\nThe central bank meets next week.",
    );
    let qs = quotes(&text);
    let direct: Vec<_> = qs.iter().filter(|q| q.direct).collect();
    assert_eq!(direct.len(), 1, "{qs:#?}");
    assert!(direct[0].text.contains("Inflation will fall"));
    assert!(direct[0].text.contains("Households will feel it"));
    assert_eq!(direct[0].speakers, ["Rafael Montero"]);
}

#[test]
fn guillemets_and_single_quotes_inside_double() {
    let qs = quotes(&article(
        "«We are ready to talk about the 'final status' question,» said negotiator Aurelio Bassani.",
    ));
    let q = find(&qs, "We are ready");
    assert_eq!(q.speakers, ["Aurelio Bassani"]);
    assert!(q.text.contains("'final status'"));
}

#[test]
fn a_partial_quote_belongs_to_the_indirect_statement() {
    let qs = quotes(&article(
        "Prime Minister Lotte Kjaer said on Monday that the new offer \"looks much better\" than the first one.",
    ));
    assert_eq!(qs.len(), 1, "{qs:#?}");
    assert!(!qs[0].direct);
    assert_eq!(
        qs[0].text,
        "the new offer \"looks much better\" than the first one"
    );
    assert_eq!(qs[0].speakers, ["Lotte Kjaer"]);
}

#[test]
fn indirect_shapes() {
    let qs = quotes(&article(
        "Minister Halvard Brekke warned that the reservoir could run dry by August. \
         The pipeline will be finished next year, according to engineer Sunniva Dahl. \
         According to Gunnar Falk, the tender was rigged from the start. \
         The harbour needs dredging before the season, Brekke said. \
         Brekke has stated that no new taxes are planned.",
    ));
    let q = find(&qs, "the reservoir could run dry");
    assert_eq!(
        (q.speakers[0].as_str(), q.cue.as_str()),
        ("Halvard Brekke", "warned")
    );
    let q = find(&qs, "The pipeline will be finished");
    assert_eq!(q.speakers, ["Sunniva Dahl"]);
    assert_eq!(q.cue, "according to");
    assert_eq!(find(&qs, "the tender was rigged").speakers, ["Gunnar Falk"]);
    let q = find(&qs, "The harbour needs dredging");
    assert_eq!(q.speakers, ["Halvard Brekke"]);
    assert_eq!(q.text, "The harbour needs dredging before the season");
    assert_eq!(find(&qs, "no new taxes").speakers, ["Halvard Brekke"]);
}

#[test]
fn coordinated_reports_split_and_nested_beliefs_do_not() {
    let qs = quotes(&article(
        "Ines Valtonen acknowledged some voters believed she was too cautious, but said the budget rules left no choice.",
    ));
    let texts: Vec<&str> = qs.iter().map(|q| q.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "some voters believed she was too cautious",
            "the budget rules left no choice"
        ]
    );
    assert!(qs.iter().all(|q| q.speakers == ["Ines Valtonen"]));
}

#[test]
fn middle_according_to_joins_both_halves() {
    let qs = quotes(&article(
        "The main obstacles, according to diplomats close to the talks, are the water rights and the border line.",
    ));
    assert_eq!(qs.len(), 1, "{qs:#?}");
    assert_eq!(
        qs[0].text,
        "The main obstacles are the water rights and the border line"
    );
    assert_eq!(qs[0].speakers, ["diplomats close to the talks"]);
}

#[test]
fn reporting_nouns_and_in_x_words() {
    let qs = quotes(&article(
        "Halvard Brekke met union leaders in Brenz. Brekke's warning that the mines would close shocked the town. In Brekke's words, the region has been forgotten.",
    ));
    assert_eq!(
        find(&qs, "the mines would close").speakers,
        ["Halvard Brekke"]
    );
    assert_eq!(
        find(&qs, "the region has been forgotten").speakers,
        ["Halvard Brekke"]
    );
}

#[test]
fn pronouns_follow_the_speaker_of_the_discourse_and_gender() {
    let qs = quotes(&article(
        "Ottilie Marchetti met Gunnar Falk in Brenz on Monday. She said the talks had gone well. He said the deal was not finished.",
    ));
    assert_eq!(
        find(&qs, "the talks had gone").speakers,
        ["Ottilie Marchetti"]
    );
    assert_eq!(find(&qs, "the deal was not").speakers, ["Gunnar Falk"]);
}

#[test]
fn role_nouns_find_the_person_holding_the_role() {
    let qs = quotes(&article(
        "Ministry spokesman Teodor Halloran announced the schedule. The spokesman said the minister would travel on Friday.",
    ));
    assert_eq!(
        find(&qs, "the minister would travel").speakers,
        ["Teodor Halloran"]
    );
}

#[test]
fn groups_are_named_by_their_phrase() {
    let qs = quotes(&article(
        "Analysts suggest the central bank will cut rates again. \
         A former senior Treasury official noted that the deficit was growing. \
         Valdoran officials said the convoy had been stopped twice.",
    ));
    assert_eq!(
        find(&qs, "the central bank will cut").speakers,
        ["analysts"]
    );
    assert_eq!(
        find(&qs, "the deficit was growing").speakers,
        ["former senior Treasury official"]
    );
    assert_eq!(
        find(&qs, "the convoy had been stopped").speakers,
        ["Valdoran officials"]
    );
}

#[test]
fn demonym_nouns_stand_for_the_state_and_countries_speak() {
    let qs = quotes(&article(
        "The Egyptians said they would not attend the conference. Norway has confirmed it will send a delegation.",
    ));
    assert_eq!(find(&qs, "they would not attend").speakers, ["Egypt"]);
    assert_eq!(find(&qs, "it will send a delegation").speakers, ["Norway"]);
}

#[test]
fn coordinated_speakers_each_say_it() {
    let qs = quotes(&article(
        "Ines Valtonen spoke first. She and other Nordic leaders, including Halvard Brekke and Sunniva Dahl, have insisted that the fishing quotas must be shared fairly.",
    ));
    let q = find(&qs, "the fishing quotas");
    for who in [
        "Ines Valtonen",
        "Nordic leaders",
        "Halvard Brekke",
        "Sunniva Dahl",
    ] {
        assert!(q.speakers.iter().any(|s| s == who), "{who} missing: {q:?}");
    }
}

#[test]
fn appositions_and_relative_clauses_do_not_steal_the_subject() {
    let qs = quotes(&article(
        "Envoy Corvin Maddox, who travelled with Ansel Pryor, the deputy minister, said on Thursday that the ceasefire was holding.",
    ));
    assert_eq!(
        find(&qs, "the ceasefire was holding").speakers,
        ["Corvin Maddox"]
    );
}

#[test]
fn scare_quotes_titles_and_unattributed_quotes_are_not_statements() {
    let qs = quotes(&article(
        "The so-called \"peace dividend\" never arrived. Critics of the plan watched \"The Long Winter Road\" at the festival. \"Nobody knows what comes next,\" a banner on the bridge read.",
    ));
    assert!(qs.is_empty(), "{qs:#?}");
}

#[test]
fn negated_cues_report_nothing() {
    let qs = quotes(&article(
        "Officials did not say what action they would take if the deadline passed.",
    ));
    assert!(qs.is_empty(), "{qs:#?}");
}

#[test]
fn an_unbalanced_mark_does_not_swallow_the_article() {
    let text = article(
        "The mayor opened the \"new market on Sunday.\n\nGunnar Falk said the stalls were too expensive.\n\nTraders left early.",
    );
    let qs = quotes(&text);
    let q = find(&qs, "the stalls were too expensive");
    assert_eq!(q.speakers, ["Gunnar Falk"]);
    assert!(!qs.iter().any(|q| q.text.contains("Traders")), "{qs:#?}");
}

#[test]
fn hostile_input_stays_linear() {
    let marks = "\" ".repeat(100_000);
    let words = "word ".repeat(10_000);
    let body = format!("{marks}\n\nAna Ruiz said {words}.\n\n“{words}");
    let t = Instant::now();
    let _ = quotes(&article(&body));
    assert!(t.elapsed().as_secs() < 20, "took {:?}", t.elapsed());
}

#[test]
fn a_new_sentence_after_a_full_stop_is_not_an_attribution() {
    let qs = quotes(&article(
        "Mayor Ansel Pryor told the council: \"We cannot pay for the new line.\" Edda Lindqvist said the budget had room for it.",
    ));
    assert_eq!(find(&qs, "We cannot pay").speakers, ["Ansel Pryor"]);
    assert_eq!(
        find(&qs, "the budget had room").speakers,
        ["Edda Lindqvist"]
    );
}

#[test]
fn inverted_role_nouns_take_the_named_apposition_and_refer_back() {
    let qs = quotes(&article(
        "\"The figures are wrong,\" said the chairman of the audit committee, Corvin Maddox. \
         A spokesman for the Harbour Authority said the report was being reviewed. \
         \"We will publish our own numbers in March,\" said the spokesman.",
    ));
    assert_eq!(
        find(&qs, "The figures are wrong").speakers,
        ["Corvin Maddox"]
    );
    let group = &find(&qs, "the report was being").speakers;
    assert_eq!(group, &["spokesman for the Harbour Authority"]);
    assert_eq!(&find(&qs, "We will publish").speakers, group);
}

#[test]
fn participle_cues_and_object_relatives() {
    let qs = quotes(&article(
        "Senator Ines Valtonen rejected the plan, saying: \"It would close three hospitals.\" \
         She praised Ansel Pryor, whom she described as a careful negotiator.",
    ));
    assert_eq!(find(&qs, "It would close").speakers, ["Ines Valtonen"]);
    assert!(
        !qs.iter().any(|q| q.text.contains("careful negotiator")),
        "{qs:#?}"
    );
}

#[test]
fn a_bare_role_noun_nobody_holds_is_no_speaker() {
    let qs = quotes(&article(
        "The talks ended late. The prime minister said the budget would pass.",
    ));
    assert!(
        qs.iter()
            .all(|q| !q.speakers.iter().any(|s| s.contains("prime minister"))),
        "{qs:?}"
    );
}

#[test]
fn an_unnamed_office_holder_speaks_for_its_document_only() {
    // "a spokesman" is a speaker scoped to this document (see
    // `unnamed_speakers_are_not_merged_across_documents`)
    let qs = quotes(&article(
        "The budget was set. A spokesman said the figures were sound. Officials said the plan would work.",
    ));
    assert_eq!(find(&qs, "the figures were sound").speakers, ["spokesman"]);
    assert!(
        qs.iter()
            .any(|q| q.speakers.iter().any(|s| s == "officials")),
        "{qs:?}"
    );
}

// ---- the shapes of issue 15, one invented sentence each

#[test]
fn the_speaker_as_an_apposition_after_the_quote() {
    let qs = quotes(&article(
        "\"The levy is a mistake,\" Ines Halvorsen, the party spokeswoman, said in a statement.",
    ));
    let q = find(&qs, "The levy is a mistake");
    assert_eq!(q.speakers, ["Ines Halvorsen"]);
    assert!(q.direct);
}

#[test]
fn an_unnamed_office_holder_is_a_speaker_of_its_document() {
    let qs = quotes(&article(
        "\"This is a matter for the bank,\" a spokeswoman said.",
    ));
    assert_eq!(
        find(&qs, "This is a matter for the bank").speakers,
        ["spokeswoman"]
    );
}

#[test]
fn unnamed_speakers_are_not_merged_across_documents() {
    use newsgraph::graph::NodeKind;
    let mut g = Pipeline::default().extract(&Document::new(
        "first",
        article("\"The plant will close,\" a spokeswoman said."),
    ));
    g.merge(&Pipeline::default().extract(&Document::new(
        "second",
        article("\"Prices will rise in spring,\" a spokeswoman said."),
    )));
    newsgraph::resolve_across(&mut g);
    let groups: Vec<&str> = g
        .nodes()
        .filter(|n| n.kind == NodeKind::Group && n.name == "spokeswoman")
        .map(|n| n.id.as_str())
        .collect();
    assert_eq!(groups.len(), 2, "{groups:?}");
    assert!(
        groups
            .iter()
            .all(|id| id.contains("first") || id.contains("second"))
    );
    // each statement is said by the spokeswoman of its own document
    for id in &groups {
        assert_eq!(g.edges_of(id).count(), 1, "{id}");
    }
}

#[test]
fn reports_with_an_object_accuse_urge_call_on_describe_as() {
    let qs = quotes(&article(
        "Senator Corvin Maddox accused the minister of hiding the figures from parliament. \
         Mayor Ottilie Marchetti urged the council to approve the budget before the winter. \
         Union leader Gunnar Falk called on the government to raise wages for nurses. \
         Tomas Vidal described the proposal as a betrayal of rural voters.",
    ));
    let q = find(&qs, "the minister of hiding the figures");
    assert_eq!(
        (q.speakers.as_slice(), q.cue.as_str()),
        (&["Corvin Maddox".to_string()][..], "accused")
    );
    assert_eq!(
        find(&qs, "the council to approve").speakers,
        ["Ottilie Marchetti"]
    );
    assert_eq!(
        find(&qs, "the government to raise wages").speakers,
        ["Gunnar Falk"]
    );
    assert_eq!(
        find(&qs, "the proposal as a betrayal").speakers,
        ["Tomas Vidal"]
    );
}

#[test]
fn reports_after_deny_insist_stress_allege() {
    let qs = quotes(&article(
        "Finance Minister Halvard Brekke denied that the treasury had lost money on the deal. \
         Ansel Pryor insisted the new border checks would not slow trade. \
         Edda Ring spoke for an hour, stressing that the farmers had waited long enough. \
         Lawyer Mira Solberg alleged the contract had been signed before the vote.",
    ));
    assert_eq!(
        find(&qs, "the treasury had lost money").speakers,
        ["Halvard Brekke"]
    );
    assert_eq!(
        find(&qs, "the new border checks would not slow").speakers,
        ["Ansel Pryor"]
    );
    assert_eq!(find(&qs, "the farmers had waited").speakers, ["Edda Ring"]);
    assert!(find(&qs, "the contract had been signed").speakers[0].ends_with("Mira Solberg"));
}

#[test]
fn a_reported_clause_with_a_quoted_word_and_a_long_subject() {
    let qs = quotes(&article(
        "Ines Halvorsen said the \"fairness\" of the levy remained in doubt. \
         Police in Brenz said the old bridge, by the market square, will be shut on Sunday.",
    ));
    let q = find(&qs, "the \"fairness\" of the levy");
    assert_eq!(q.speakers, ["Ines Halvorsen"]);
    assert!(!q.direct);
    assert!(
        find(&qs, "the old bridge, by the market square")
            .text
            .ends_with("on Sunday")
    );
}

#[test]
fn a_quote_over_several_sentences_and_british_single_marks() {
    let qs = quotes(&article(
        "\"We will not give up. The farmers deserve better,\" said Mira Solberg.\n\n\
         Opposition leader Edda Ring was blunt. 'We will fight this levy in every court,' she said.",
    ));
    let q = find(&qs, "We will not give up");
    assert_eq!(q.text, "We will not give up. The farmers deserve better");
    assert_eq!(q.speakers, ["Mira Solberg"]);
    let q = find(&qs, "We will fight this levy");
    assert_eq!(q.speakers, ["Edda Ring"]);
    assert!(q.direct);
}

#[test]
fn a_quote_reopened_after_a_full_stop_and_a_quoted_paragraph_after_a_report() {
    let qs = quotes(&article(
        "Mayor Ottilie Marchetti said: \"The market stays open. \"Nobody will lose a stall.\"\n\n\
         Ansel Pryor said the stalls were too expensive.\n\n\
         \"Traders cannot pay these rents any more.\"",
    ));
    assert_eq!(
        find(&qs, "The market stays open").speakers,
        ["Ottilie Marchetti"]
    );
    assert_eq!(
        find(&qs, "Nobody will lose a stall").speakers,
        ["Ottilie Marchetti"]
    );
    assert_eq!(find(&qs, "Traders cannot pay").speakers, ["Ansel Pryor"]);
}

#[test]
fn he_added_is_the_previous_speaker_not_a_person_named_in_his_quote() {
    let qs = quotes(&article(
        "Lars Storm spoke first. \"I told Pavel Ostrova that we need more time,\" he said. \
         He added: \"We will decide next week.\"",
    ));
    assert_eq!(
        find(&qs, "We will decide next week").speakers,
        ["Lars Storm"]
    );
}

#[test]
fn a_role_noun_is_the_person_introduced_in_that_office() {
    let qs = quotes(&article(
        "Harald Fenn, the French foreign minister, met his Danish counterpart on Monday.\n\n\
         \"The talks were useful,\" the French foreign minister emphasized.",
    ));
    assert_eq!(find(&qs, "The talks were useful").speakers, ["Harald Fenn"]);
}

#[test]
fn a_short_quotation_of_what_a_speaker_called_something() {
    let qs = quotes(&article(
        "Economy Minister Tomas Vidal called the tariff \"irrational\" on Monday.",
    ));
    let q = find(&qs, "irrational");
    assert_eq!(q.speakers, ["Tomas Vidal"]);
    assert!(q.direct);
}

#[test]
fn scare_quotes_titles_and_single_quoted_words_stay_out() {
    let qs = quotes(&article(
        "The so-called 'fairness' test never arrived. Critics watched 'The Long Winter Road' at the festival. \
         Farmers gathered at the \"scandal\" site in the square.",
    ));
    assert!(qs.is_empty(), "{qs:#?}");
}

/// The speaker ranker: the embedded model is built, and without one the rules' speakers
/// stand (the same statements, the rules' speakers).
#[test]
fn the_speaker_ranker_is_embedded_and_falls_back_to_the_rules() {
    use newsgraph::stages::quotes::{self, SpeakerModel};
    assert!(SpeakerModel::embedded().is_some());
    let text = article(
        "Minister Halvard Brekke warned that the reservoir could run dry by August. \
         \"We have no time to lose,\" Brekke said. He added that the tender was open.",
    );
    let doc = Document::new("ranker", text);
    let a = Pipeline::default().analyze_before_quotes(&doc);
    let with = quotes::extract_with_roles(&doc, &a.seg, &a.tags, &a.entities, &a.roles);
    let without = quotes::extract_with_model(&doc, &a.seg, &a.tags, &a.entities, &a.roles, None);
    let texts = |s: &[quotes::StatementFact<_>]| -> Vec<_> { s.iter().map(|q| q.text).collect() };
    assert_eq!(texts(&with.layer), texts(&without.layer));
    assert_eq!(without.layer.len(), 3);
    for s in &without.layer {
        assert_eq!(
            without.requests.name(&a.entities, s.speakers[0]),
            "Halvard Brekke"
        );
    }
    // training reads every statement's candidates, the rules' speaker first
    let choices = quotes::speaker_choices(&doc, &a.seg, &a.tags, &a.entities, &a.roles);
    assert_eq!(choices.len(), 3);
    assert!(choices.iter().all(|c| c.candidates[0].sources & 1 == 1));
}

/// A reported clause stops before a coordinated new stance (`… but called on X to …`); a
/// gerund opens a bare clause; a coordinated or prepositional participle cue before a
/// quotation reports the sentence's subject.
#[test]
fn coordinated_stances_gerund_clauses_and_coordinated_cues() {
    let qs = quotes(&article(
        "The rights group Fairwatch said it was \"delighted\" but called on the council to \
         release the files.\n\n\
         Mr Lund said being \"better prepared\" would also help avoid the need for mass culls.\n\n\
         Ola Nordmann was considering peaceful protests and said \"every legal option is on \
         the table.\"\n\n\
         Petra Lind, a lawyer for the fishermen, began her argument by simply noting: \
         \"Quotas are taxes.\"",
    ));
    let q = find(&qs, "it was");
    assert_eq!(q.text, "it was \"delighted\"");
    assert_eq!(find(&qs, "the council to release").cue, "called");
    assert_eq!(find(&qs, "being \"better prepared\"").speakers, ["Lund"]);
    let q = find(&qs, "every legal option");
    assert!(q.direct);
    assert_eq!(q.speakers, ["Ola Nordmann"]);
    let q = find(&qs, "Quotas are taxes");
    assert_eq!(
        (q.speakers[0].as_str(), q.cue.as_str()),
        ("Petra Lind", "noting")
    );
}

/// A surname the entity stage leaves without a mention (`said Mr Halvorsen-Lie`) names
/// the person named before with that last name.
#[test]
fn a_surname_without_a_mention_names_the_person_named_before() {
    let qs = quotes(&article(
        "Robert Halvorsen-Lie has quit the Fenland Party, saying it was going nowhere.\n\n\
         \"The party is going nowhere and I am ashamed to be a member of it,\" said Mr \
         Halvorsen-Lie.",
    ));
    let q = find(&qs, "The party is going nowhere");
    assert!(q.direct);
    assert_eq!(q.speakers, ["Robert Halvorsen-Lie"]);
}

/// `"A. B. C. D. E," he said`: the pronoun's antecedent is sought before the quotation,
/// however many sentences the quotation runs over.
#[test]
fn a_pronoun_after_a_long_quotation_looks_before_it() {
    let qs = quotes(&article(
        "Tomas Verhaegen said Belgium made its own rules, warning the government did not \
         respond to threats.\n\n\
         \"Let me be clear. Belgium makes our rules for things you can do in Belgium. That is \
         done in our parliament. It is done by our government. And that is how things work \
         here. But we do not respond to threats,\" he said.",
    ));
    let q = find(&qs, "Let me be clear");
    assert!(q.direct);
    assert_eq!(q.speakers, ["Tomas Verhaegen"]);
}

/// The embedded ranker overrides the rules where they are wrong: `The firm warned` after
/// a named company is that company (the rules keep a group called "firm"; the ranker
/// takes the organization named before, a candidate the body noun proposes).
#[test]
fn the_embedded_ranker_prefers_the_company_named_before_to_a_body_noun() {
    use newsgraph::stages::quotes;
    let text = article(
        "Brightwell Doughnuts has said it will have to restate its 2004 financial reports. \
         The firm warned that the move would cut its profits by $4m.",
    );
    let doc = Document::new("ranker-firm", text);
    let a = Pipeline::default().analyze_before_quotes(&doc);
    let speaker = |r: &newsgraph::stages::entities::Staged<Vec<quotes::StatementFact<_>>>| {
        let s = r
            .layer
            .iter()
            .find(|s| s.text_in(&doc.text).starts_with("the move would cut"))
            .expect("the firm's statement");
        r.requests.name(&a.entities, s.speakers[0]).to_string()
    };
    let rules = quotes::extract_with_model(&doc, &a.seg, &a.tags, &a.entities, &a.roles, None);
    let ranked = quotes::extract_with_roles(&doc, &a.seg, &a.tags, &a.entities, &a.roles);
    assert_eq!(speaker(&rules), "firm");
    assert_eq!(speaker(&ranked), "Brightwell Doughnuts");
}

/// `he` after a new subject introduced behind an opening adverbial (`However during the
/// hearing on Tuesday Mr Orrin denied …`) is that subject, not the last speaker.
#[test]
fn a_new_subject_after_an_opening_adverbial_takes_over_the_pronoun() {
    let qs = quotes(&article(
        "Former chief executive Bram Orrin is on trial in Valdora. Finance chief Silas Tallis \
         said he had warned Mr Orrin that the accounts were wrong. However during the hearing \
         on Tuesday Mr Orrin denied the allegations. \"I was never advised by Mr Tallis of \
         anything ever being wrong,\" he told the court.",
    ));
    let q = find(&qs, "I was never advised");
    assert!(q.direct);
    assert_eq!(q.speakers, ["Bram Orrin"]);
}

#[test]
fn a_verb_the_lexicon_does_not_list_after_the_quotation_is_its_cue() {
    let qs = quotes(&article(
        "\"We will not give up the harbour without a fight,\" Ottilie Marchetti fumed.\n\n\
         \"Never,\" Marchetti shrugged.\n\n\
         \"Winter Harbour,\" Marchetti painted in 1998, hangs in the town hall.",
    ));
    let q = find(&qs, "We will not give up the harbour");
    assert_eq!(q.speakers, ["Ottilie Marchetti"]);
    assert_eq!(q.cue, "fumed");
    assert!(q.direct);
    // a quoted single word and a title of a work are no statements
    assert_eq!(qs.len(), 1, "{qs:#?}");
}

#[test]
fn a_name_and_a_colon_before_a_paragraph_of_quotation() {
    let qs = quotes(&article(
        "Who won the harbour debate?\n\n\
         Tomas Brekke, The Evening Courier: \"The debate was a disaster for both of them. Nobody won.\"\n\n\
         Harbour plan: \"a disaster for the town and its fishermen.\"",
    ));
    let q = find(&qs, "The debate was a disaster");
    assert_eq!(q.speakers, ["Tomas Brekke"]);
    assert_eq!(q.cue, ":");
    assert_eq!(
        q.text,
        "The debate was a disaster for both of them. Nobody won"
    );
    // a label that names nobody attributes nothing
    assert_eq!(qs.len(), 1, "{qs:#?}");
}
