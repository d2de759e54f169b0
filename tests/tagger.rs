//! Tests of the embedded POS tagger. The sentences are invented news; all names in them
//! are made up.

use newsgraph::tagger::train::{self, Sentence};
use newsgraph::tagger::{Tagger, Upos};

use Upos::*;

fn tags(sentence: &str) -> Vec<(String, Upos)> {
    let words: Vec<&str> = sentence.split_whitespace().collect();
    let tags = Tagger::embedded().tag(&words);
    assert_eq!(tags.len(), words.len());
    words.iter().map(|w| w.to_string()).zip(tags).collect()
}

/// The tag of `word` (its first occurrence) in `sentence`.
fn tag_of(tagged: &[(String, Upos)], word: &str) -> Upos {
    tagged
        .iter()
        .find(|(w, _)| w == word)
        .unwrap_or_else(|| panic!("{word} not in {tagged:?}"))
        .1
}

fn expect(sentence: &str, expected: &[(&str, &[Upos])]) {
    let tagged = tags(sentence);
    for (word, allowed) in expected {
        let t = tag_of(&tagged, word);
        assert!(
            allowed.contains(&t),
            "{word}: got {t}, wanted one of {allowed:?} in {tagged:?}"
        );
    }
}

/// Reads `tests/data/ewt-test.upos`: `FORM\tUPOS` lines, sentences split by blank lines.
fn ewt_test() -> Vec<Sentence> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/ewt-test.upos");
    let text = std::fs::read_to_string(path).expect("tests/data/ewt-test.upos");
    let mut out = Vec::new();
    let (mut words, mut gold) = (Vec::new(), Vec::new());
    for line in text.lines() {
        if line.is_empty() {
            if !words.is_empty() {
                out.push((std::mem::take(&mut words), std::mem::take(&mut gold)));
            }
            continue;
        }
        let (form, tag) = line.rsplit_once('\t').expect("FORM\\tUPOS");
        words.push(form.to_string());
        gold.push(Upos::parse(tag).unwrap_or_else(|| panic!("bad tag {tag}")));
    }
    if !words.is_empty() {
        out.push((words, gold));
    }
    out
}

#[test]
fn embedded_model_accuracy_on_ewt_test() {
    let data = ewt_test();
    assert_eq!(data.len(), 2077);
    let acc = train::accuracy(Tagger::embedded(), &data);
    assert!(acc >= 0.95, "accuracy {acc:.4} on the EWT test split");
}

#[test]
fn names_in_running_text_are_propn() {
    expect(
        "Minister Arvid Kolström met with Premier Dalia Ostrava in Vilnius on Tuesday .",
        &[
            ("Arvid", &[Propn]),
            ("Kolström", &[Propn]),
            ("met", &[Verb]),
            ("with", &[Adp]),
            ("Dalia", &[Propn]),
            ("Ostrava", &[Propn]),
            ("in", &[Adp]),
            ("Vilnius", &[Propn]),
            ("Tuesday", &[Propn]),
            (".", &[Punct]),
        ],
    );
    expect(
        "Vandor Ilkstrom , a real estate developer , was appointed as envoy .",
        &[
            ("Vandor", &[Propn]),
            ("Ilkstrom", &[Propn]),
            ("developer", &[Noun]),
            ("was", &[Aux]),
            ("appointed", &[Verb]),
        ],
    );
}

#[test]
fn sentence_initial_common_words_are_not_propn() {
    expect(
        "The meeting follows a weekend of intense negotiations in Trovask .",
        &[
            ("The", &[Det]),
            ("meeting", &[Noun]),
            ("follows", &[Verb]),
            ("Trovask", &[Propn]),
        ],
    );
    expect(
        "Following the talks , Marrek said the plan was acceptable .",
        &[
            ("Following", &[Verb, Adp]),
            ("Marrek", &[Propn]),
            ("said", &[Verb]),
        ],
    );
    expect(
        "Officials said the ceasefire would hold .",
        &[("Officials", &[Noun]), ("said", &[Verb]), ("would", &[Aux])],
    );
}

#[test]
fn dateline_in_capitals() {
    expect(
        "VELMORA — Special envoy Brannic Tuloff met with President Quill Marrek on Tuesday .",
        &[
            ("VELMORA", &[Propn]),
            ("—", &[Punct]),
            ("envoy", &[Noun]),
            ("Brannic", &[Propn]),
            ("Tuloff", &[Propn]),
            ("met", &[Verb]),
            ("Marrek", &[Propn]),
        ],
    );
}

#[test]
fn headline_case() {
    expect(
        "Premier Dalia Ostrava Says She Will Not Resign",
        &[
            ("Ostrava", &[Propn]),
            ("Says", &[Verb]),
            ("She", &[Pron]),
            ("Will", &[Aux]),
            ("Resign", &[Verb]),
        ],
    );
    expect(
        "Trovask Envoy Holds Talks With Vilnius Officials",
        &[("Holds", &[Verb]), ("With", &[Adp]), ("Officials", &[Noun])],
    );
}

#[test]
fn hyphenated_compounds() {
    expect(
        "Her son-in-law Pell Harrow met with the envoy .",
        &[
            ("son-in-law", &[Noun]),
            ("Harrow", &[Propn]),
            ("met", &[Verb]),
        ],
    );
    expect(
        "Marrek rejected the 28-point plan for Russian-controlled areas .",
        &[
            ("28-point", &[Noun, Adj, Num]),
            ("plan", &[Noun]),
            ("Russian-controlled", &[Verb, Adj]),
            ("areas", &[Noun]),
        ],
    );
    expect(
        "The talks follow a weekend of intense U.S.-Ukraine negotiations in Florida .",
        &[("U.S.-Ukraine", &[Propn, Adj]), ("negotiations", &[Noun])],
    );
    expect(
        "They held closed-door talks on a high-stakes deal .",
        &[("closed-door", &[Adj, Noun]), ("talks", &[Noun])],
    );
}

#[test]
fn curly_apostrophes_and_quotes() {
    let curly = "“ I think so , ” Corvel said , but he did n’t say whether they ’re ready .";
    let straight = "\" I think so , \" Corvel said , but he did n't say whether they 're ready .";
    let c = tags(curly);
    let s = tags(straight);
    assert_eq!(
        c.iter().map(|x| x.1).collect::<Vec<_>>(),
        s.iter().map(|x| x.1).collect::<Vec<_>>()
    );
    expect(
        curly,
        &[
            ("“", &[Punct]),
            ("”", &[Punct]),
            ("Corvel", &[Propn]),
            ("n’t", &[Part]),
            ("’re", &[Aux]),
        ],
    );
    expect(
        "Kolström ’s portfolio expanded , and Ostrava ’s aides said they ’ll wait .",
        &[
            ("’s", &[Part]),
            ("portfolio", &[Noun]),
            ("’ll", &[Aux]),
            ("wait", &[Verb]),
        ],
    );
    expect(
        "« Nous » , said Marrek – briefly .",
        &[("«", &[Punct]), ("»", &[Punct]), ("–", &[Punct])],
    );
}

#[test]
fn odd_input_does_not_panic() {
    let t = Tagger::embedded();
    assert!(t.tag(&[]).is_empty());
    let long = "x".repeat(100_000);
    let inputs: Vec<Vec<&str>> = vec![
        vec![""],
        vec!["", "", ""],
        vec!["🙂", "e\u{301}", "\u{0}", "ΣΊΣΥΦΟΣ", "İstanbul", "ﬁ"],
        vec![&long, "-", "--", "'", "’", "…"],
        vec!["-", "-"],
        vec!["123-456", "a-", "-b", "---"],
    ];
    for words in inputs {
        assert_eq!(t.tag(&words).len(), words.len());
    }
}

#[test]
fn tag_into_reuses_the_buffer() {
    let t = Tagger::embedded();
    let mut out = vec![X; 50];
    let words = ["Ostrava", "resigned", "on", "Friday", "."];
    t.tag_into(&words, &mut out);
    assert_eq!(out, t.tag(&words));
    t.tag_into(&[], &mut out);
    assert!(out.is_empty());
}

#[test]
fn from_bytes_rejects_garbage() {
    let good = Tagger::embedded().to_bytes();
    assert!(Tagger::from_bytes(&good).is_ok());
    let mut bad: Vec<Vec<u8>> = vec![
        Vec::new(),
        b"NGPOSTAG".to_vec(),
        vec![0; 64],
        vec![0xff; 1000],
        b"hello, world, this is not a model at all, sorry".to_vec(),
    ];
    for cut in [
        1,
        8,
        12,
        40,
        100,
        good.len() / 2,
        good.len() - 9,
        good.len() - 1,
    ] {
        bad.push(good[..cut].to_vec());
    }
    for at in [9, 20, 30, good.len() / 3, good.len() - 3] {
        let mut b = good.clone();
        b[at] ^= 0x55;
        bad.push(b);
    }
    let mut longer = good.clone();
    longer.push(0);
    bad.push(longer);
    for b in bad {
        assert!(
            Tagger::from_bytes(&b).is_err(),
            "accepted {} bytes",
            b.len()
        );
    }
}

fn tiny_corpus() -> Vec<Sentence> {
    let conllu = "\
# text = Kolström met Ostrava.
1\tKolström\tKolström\tPROPN\tNNP\t_\t2\tnsubj\t_\t_
2\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_
3\tOstrava\tOstrava\tPROPN\tNNP\t_\t2\tobj\t_\tSpaceAfter=No
4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

1-2\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_
1\tdid\tdo\tAUX\tVBD\t_\t3\taux\t_\t_
2\tn't\tnot\tPART\tRB\t_\t3\tadvmod\t_\t_
3\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\t_
3.1\tgo\tgo\tVERB\tVB\t_\t_\t_\t_\t_
4\tto\tto\tADP\tIN\t_\t6\tcase\t_\t_
5\tthe\tthe\tDET\tDT\t_\t6\tdet\t_\t_
6\tson\tson\tNOUN\tNN\t_\t3\tobl\t_\tSpaceAfter=No
7\t-\t-\tPUNCT\tHYPH\t_\t8\tpunct\t_\tSpaceAfter=No
8\tin\tin\tADP\tIN\t_\t9\tcase\t_\tSpaceAfter=No
9\t-\t-\tPUNCT\tHYPH\t_\t6\tpunct\t_\tSpaceAfter=No
10\tlaw\tlaw\tNOUN\tNN\t_\t6\tnmod\t_\t_
11\t-\t-\tPUNCT\t,\t_\t3\tpunct\t_\t_
12\tnow\tnow\tADV\tRB\t_\t3\tadvmod\t_\t_
";
    let plain = train::read_conllu(conllu);
    assert_eq!(plain.len(), 2);
    assert_eq!(plain[0].0, ["Kolström", "met", "Ostrava", "."]);
    assert_eq!(plain[1].0.len(), 12);
    assert_eq!(plain[1].0[..3], ["did", "n't", "go"]);
    let merged = train::merge_hyphen_compounds(conllu);
    assert_eq!(merged.len(), 1);
    assert_eq!(
        merged[0].0,
        ["did", "n't", "go", "to", "the", "son-in-law", "-", "now"]
    );
    assert_eq!(merged[0].1[5], Noun);
    assert_eq!(merged[0].1[6], Punct);
    plain.into_iter().chain(merged).collect()
}

#[test]
fn training_is_deterministic_and_round_trips() {
    let data = tiny_corpus();
    let a = train::train(&data, 5, 7);
    let b = train::train(&data, 5, 7);
    let bytes = a.to_bytes();
    assert_eq!(bytes, b.to_bytes());
    let c = Tagger::from_bytes(&bytes).expect("round trip");
    assert_eq!(c.to_bytes(), bytes);
    for (words, _) in &data {
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        assert_eq!(a.tag(&words), c.tag(&words));
    }
    assert!(train::accuracy(&c, &data) > 0.9);
}

#[test]
fn embedded_model_round_trips() {
    let t = Tagger::embedded();
    let bytes = t.to_bytes();
    let u = Tagger::from_bytes(&bytes).unwrap();
    assert_eq!(u.to_bytes(), bytes);
    let words = ["Ostrava", "’s", "aides", "met", "on", "Friday", "."];
    assert_eq!(t.tag(&words), u.tag(&words));
}
