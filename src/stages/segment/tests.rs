use super::*;
use crate::text::Document;

fn toks(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    tokenize(s, Span::new(0, s.len()), &mut out);
    out.iter().map(|t| &s[t.span.range()]).collect()
}

fn sents(s: &str) -> Vec<String> {
    let doc = Document::new("t", s);
    let seg = segment(&doc);
    seg.sentences
        .iter()
        .map(|x| s[x.span.range()].to_string())
        .collect()
}

#[test]
fn tokens_keep_compounds_and_split_clitics() {
    assert_eq!(
        toks("Donald Duck's son-in-law met U.S.-Ukraine teams, didn't he?"),
        vec![
            "Donald",
            "Duck",
            "'s",
            "son-in-law",
            "met",
            "U.S.-Ukraine",
            "teams",
            ",",
            "did",
            "n't",
            "he",
            "?"
        ]
    );
    assert_eq!(
        toks("Nadia’s 1.2 million, 3,000 O'Neill"),
        vec!["Nadia", "’s", "1.2", "million", ",", "3,000", "O'Neill"]
    );
    assert_eq!(
        toks("Mr. Hale and Dr. Ruiz."),
        vec!["Mr.", "Hale", "and", "Dr.", "Ruiz", "."]
    );
    assert_eq!(
        toks("AT&T — “Yes,” she said"),
        vec!["AT&T", "—", "“", "Yes", ",", "”", "she", "said"]
    );
}

#[test]
fn straight_quotes_get_a_direction() {
    let s = r#"He said "it works" and left."#;
    let mut out = Vec::new();
    tokenize(s, Span::new(0, s.len()), &mut out);
    let kinds: Vec<_> = out.iter().map(|t| t.kind).collect();
    assert_eq!(kinds[2], TokenKind::OpenQuote);
    assert_eq!(kinds[5], TokenKind::CloseQuote);
}

#[test]
fn sentences_respect_abbreviations() {
    assert_eq!(
        sents("Mr. Hale met Gen. Ruiz on Jan. 5 at 9 a.m. in St. Paul. They talked."),
        vec![
            "Mr. Hale met Gen. Ruiz on Jan. 5 at 9 a.m. in St. Paul.",
            "They talked."
        ]
    );
    assert_eq!(
        sents("Aid came from the U.S. The talks resumed. John F. Kennedy Airport was shut."),
        vec![
            "Aid came from the U.S.",
            "The talks resumed.",
            "John F. Kennedy Airport was shut."
        ]
    );
    assert_eq!(
        sents("The U.S. Senate voted. \"We won.\" She left. \"Why?\" she asked."),
        vec![
            "The U.S. Senate voted.",
            "\"We won.\"",
            "She left.",
            "\"Why?\" she asked."
        ]
    );
}

#[test]
fn stray_spaces_before_periods() {
    assert_eq!(
        sents("They met in Lisbon on Tuesday . The talks ended ."),
        vec!["They met in Lisbon on Tuesday .", "The talks ended ."]
    );
}

#[test]
fn offsets_map_back_to_input_with_crlf_and_bom() {
    let s = "\u{feff}Headline Here\r\n\r\nFirst one. Second “quoted” one.\r\n\r\nThird.\r\n";
    let doc = Document::new("t", s);
    let seg = segment(&doc);
    assert_eq!(seg.paragraphs[0].kind, ParagraphKind::Title);
    let texts: Vec<_> = seg.sentences.iter().map(|x| &s[x.span.range()]).collect();
    assert_eq!(
        texts,
        vec![
            "Headline Here",
            "First one.",
            "Second “quoted” one.",
            "Third."
        ]
    );
    for t in &seg.tokens {
        assert!(s.is_char_boundary(t.span.start) && s.is_char_boundary(t.span.end));
    }
}

#[test]
fn boilerplate_and_datelines() {
    let s = "Big Headline\n\nLISBON — The minister spoke on Monday.\n\nA Section Heading\n\nMore text here.\n\nDesk Staff\n\nDesk Staff\n\n- Author\nNext Story\nShare it";
    let doc = Document::new("t", s);
    let seg = segment(&doc);
    let kinds: Vec<_> = seg.paragraphs.iter().map(|p| p.kind).collect();
    use ParagraphKind::*;
    assert_eq!(
        kinds,
        vec![
            Title,
            Body,
            Heading,
            Body,
            Boilerplate,
            Boilerplate,
            Boilerplate,
            Boilerplate,
            Boilerplate
        ]
    );
    let dl = seg.dateline.clone().unwrap();
    assert_eq!(&s[seg.tokens[dl.start].span.range()], "LISBON");
    assert_eq!(
        &s[seg.sentences[1].span.range()],
        "The minister spoke on Monday."
    );
}

#[test]
fn a_title_case_first_line_is_the_title_even_with_a_period() {
    let s = "Senator Invokes Old Rival In Ad Attacking The Governor.\n\nThe ad ran on Thursday.";
    let seg = segment(&Document::new("t", s));
    assert_eq!(seg.paragraphs[0].kind, ParagraphKind::Title);
    let s = "The senator spoke.\n\nThe ad ran on Thursday.";
    let seg = segment(&Document::new("t", s));
    assert_eq!(seg.paragraphs[0].kind, ParagraphKind::Body);
}

#[test]
fn hard_wrapped_lines_join_and_single_lines_split() {
    let wrapped = "The committee met for several hours on Thursday to discuss the\nbudget and the new rules for the coming year, officials said.\nA second paragraph follows here.";
    let doc = Document::new("t", wrapped);
    let seg = segment(&doc);
    assert_eq!(seg.paragraphs.len(), 2);
}

#[test]
fn closing_brackets_and_titles_stay_within_the_cap() {
    // found by fuzzing: a period followed by hundreds of closing brackets, and a
    // title of more tokens than the cap
    let s = format!("Talks\n\nThe talks ended .{} Then more.", ")".repeat(400));
    let t = format!("{}\n\nBody text here.", "a,".repeat(120));
    for s in [s, t] {
        let seg = segment(&Document::new("t", s));
        assert!(
            seg.sentences
                .iter()
                .all(|x| x.tokens.len() <= MAX_SENTENCE_TOKENS)
        );
    }
}

#[test]
fn long_runs_are_capped() {
    let s = "word ".repeat(1000);
    let doc = Document::new("t", s);
    let seg = segment(&doc);
    assert!(
        seg.sentences
            .iter()
            .all(|x| x.tokens.len() <= MAX_SENTENCE_TOKENS)
    );
    assert_eq!(seg.tokens.len(), 1000);
}
