use super::*;

/// "Mira said the plan was rejected by Tomas and Ines ." parsed by hand.
fn sample() -> Syntax {
    // 0 Mira 1 said 2 the 3 plan 4 was 5 rejected 6 by 7 Tomas 8 and 9 Ines 10 .
    let heads = [
        Some(1),
        None,
        Some(3),
        Some(5),
        Some(5),
        Some(1),
        Some(7),
        Some(5),
        Some(9),
        Some(7),
        Some(1),
    ];
    let rels = [
        "nsubj",
        "root",
        "det",
        "nsubj:pass",
        "aux:pass",
        "ccomp",
        "case",
        "obl:agent",
        "cc",
        "conj",
        "punct",
    ];
    let lemmas = [
        "Mira", "say", "the", "plan", "be", "reject", "by", "Tomas", "and", "Ines", ".",
    ];
    Syntax::from_parts(
        &heads,
        rels.iter().map(|r| Deprel::parse(r)).collect(),
        &lemmas,
    )
}

#[test]
fn the_api_reads_clause_structure() {
    let s = sample();
    assert_eq!(s.len(), 11);
    assert_eq!(s.head(1), None);
    assert_eq!(s.head(3), Some(5));
    assert_eq!(s.rel(3), Rel::Nsubj);
    assert_eq!(s.deprel(3).as_str(), "nsubj:pass");
    assert_eq!(s.lemma(5), "reject");
    assert_eq!(s.lemma(0), "Mira");
    assert_eq!(s.lemma(99), "");
    assert_eq!(s.children(5).collect::<Vec<_>>(), [3, 4, 7]);
    assert_eq!(s.subjects(1).collect::<Vec<_>>(), [0]);
    assert_eq!(s.subjects(5).collect::<Vec<_>>(), [3]);
    assert!(s.is_passive(5));
    assert!(!s.is_passive(1));
    assert_eq!(s.agent(5), Some(7));
    assert_eq!(s.conjuncts(7), [9]);
    assert_eq!(s.conjuncts(9), [7]);
    assert_eq!(s.subtree(5), 2..10);
    assert_eq!(s.subtree(7), 6..10);
    assert_eq!(s.clause_head(7), Some(5));
    assert_eq!(s.clause_head(0), Some(1));
    assert_eq!(s.dependents(1, Rel::Ccomp).collect::<Vec<_>>(), [5]);
    assert_eq!(s.objects(5).count(), 0);
    // out of range is harmless
    assert_eq!(
        (s.head(50), s.rel(50), s.clause_head(50)),
        (None, Rel::Dep, None)
    );
    assert_eq!(s.children(50).count(), 0);
}

/// Following a zero-cost move at every step rebuilds every projective gold tree: the
/// oracle's costs are right.
#[test]
fn the_dynamic_oracle_rebuilds_projective_trees() {
    use super::system::{N_MOVES, State};
    let text = include_str!("../../../tests/data/ewt-train-slice.conllu");
    let data = crate::conllu::parse(text).unwrap();
    let (mut projective, mut exact) = (0, 0);
    for s in &data {
        let n = s.words.len();
        let gold: Vec<u32> = s
            .words
            .iter()
            .map(|w| match w.head {
                Some(h) if h >= 1 => (h - 1) as u32,
                _ => n as u32,
            })
            .collect();
        let crosses = (0..n).any(|a| {
            let (a1, a2) = {
                let h = gold[a] as usize;
                (a.min(h), a.max(h))
            };
            (0..n).any(|b| {
                let h = gold[b] as usize;
                let (b1, b2) = (b.min(h), b.max(h));
                (a1 < b1 && b1 < a2 && a2 < b2) || (b1 < a1 && a1 < b2 && b2 < a2)
            })
        });
        let mut st = State::default();
        st.reset(n);
        let (mut valid, mut costs) = ([false; N_MOVES], [0u32; N_MOVES]);
        let mut steps = 0;
        while st.valid(&mut valid) {
            st.costs(&gold, &valid, &mut costs);
            let mv = (0..N_MOVES).find(|&m| valid[m] && costs[m] == 0);
            let Some(mv) = mv else { break };
            st.apply(mv, 0);
            steps += 1;
        }
        if !crosses {
            projective += 1;
            if steps == 2 * n && (0..n).all(|i| st.head[i] == gold[i]) {
                exact += 1;
            }
        }
    }
    assert!(projective > 30);
    assert_eq!(exact, projective);
}

/// Corrupt model bodies behind a valid checksum give an `Err` or a parser whose trees
/// are still well formed, never a panic.
#[test]
fn corrupt_models_are_errors_or_still_parse() {
    use crate::learn::hash::{fmix, hash_bytes};
    let good: &[u8] = include_bytes!("../../../models/parse-ewt.bin");
    let body = &good[..good.len() - 8];
    let mut state = 0x0123_4567_89ab_cdefu64;
    let mut rand = move || {
        state = fmix(state.wrapping_add(0x9e37_79b9_7f4a_7c15));
        state
    };
    let seal = |mut b: Vec<u8>| {
        let sum = hash_bytes(0, &b);
        b.extend_from_slice(&sum.to_le_bytes());
        b
    };
    let words = ["Envoy", "Tomas", "Reyes", "met", "the", "rebels", "."];
    let tags = [
        Upos::Noun,
        Upos::Propn,
        Upos::Propn,
        Upos::Verb,
        Upos::Det,
        Upos::Noun,
        Upos::Punct,
    ];
    for round in 0..24 {
        let mut b = body.to_vec();
        for _ in 0..1 + rand() % 6 {
            let at = 8 + (rand() as usize) % (b.len() - 8);
            b[at] = rand() as u8;
        }
        if round % 4 == 0 {
            let cut = 8 + (rand() as usize) % (b.len() - 8);
            b.truncate(cut);
        }
        if let Ok(p) = Parser::from_bytes(&seal(b)) {
            let out = p.parse(&words, &tags);
            assert!(train::is_tree(&out.heads));
        }
    }
    // an empty sentence and a sentence without tags
    let p = Parser::embedded();
    assert!(p.parse(&[], &[]).heads.is_empty());
    assert!(train::is_tree(&p.parse(&words, &[]).heads));
}
