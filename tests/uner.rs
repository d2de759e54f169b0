//! Person/organization/location recognition checked on Universal NER over UD English EWT
//! (web text, not news: a check, not the yardstick). Needs `../shared/data`; run with
//! `cargo test --release --test uner -- --ignored --nocapture`.

use std::collections::HashSet;
use std::path::Path;

use newsgraph::Document;
use newsgraph::stages::entities::resolve;
use newsgraph::stages::mentions::detect;
use newsgraph::stages::mentions::typer::MentionTyper;
use newsgraph::stages::segment::segment_plain;
use newsgraph::vocab::EntityKind as NodeKind;

type Spans = HashSet<(usize, usize, usize, &'static str)>;

fn label(kind: NodeKind) -> Option<&'static str> {
    match kind {
        NodeKind::Person => Some("PER"),
        NodeKind::Organization => Some("ORG"),
        NodeKind::Place => Some("LOC"),
        _ => None,
    }
}

fn evaluate(path: &Path) -> (Spans, Spans) {
    let data = std::fs::read_to_string(path).unwrap();
    let (mut gold, mut pred) = (Spans::new(), Spans::new());
    for (si, block) in data.split("\n\n").enumerate() {
        let rows: Vec<Vec<&str>> = block
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .map(|l| l.split('\t').collect())
            .filter(|c: &Vec<&str>| c.len() >= 3)
            .collect();
        if rows.is_empty() {
            continue;
        }
        // text = tokens joined by spaces; remember byte offsets
        let mut text = String::new();
        let mut offs = Vec::new();
        for r in &rows {
            if !text.is_empty() {
                text.push(' ');
            }
            offs.push((text.len(), text.len() + r[1].len()));
            text.push_str(r[1]);
        }
        let mut cur: Option<(usize, &'static str)> = None;
        for (i, r) in rows.iter().enumerate() {
            let tag = r[2];
            let ty: Option<&'static str> = match tag.get(2..) {
                Some("PER") => Some("PER"),
                Some("ORG") => Some("ORG"),
                Some("LOC") => Some("LOC"),
                _ => None,
            };
            if let Some((s, t)) = cur
                && !(tag.starts_with("I-") && ty == Some(t))
            {
                gold.insert((si, offs[s].0, offs[i - 1].1, t));
                cur = None;
            }
            if tag.starts_with("B-")
                && let Some(t) = ty
            {
                cur = Some((i, t));
            }
        }
        if let Some((s, t)) = cur {
            gold.insert((si, offs[s].0, offs[rows.len() - 1].1, t));
        }
        let doc = Document::new("s", text);
        let seg = segment_plain(&doc);
        let tags = newsgraph::tagging::tag(&doc, &seg);
        let ms = detect(&doc, &seg, &tags);
        // the trained mention typer, as the pipeline runs it
        let ms = match MentionTyper::embedded() {
            Some(t) => t.filter(&doc, &seg, &tags, ms),
            None => ms,
        };
        let ents = resolve(&doc, &seg, ms);
        for (mi, m) in ents.mentions.iter().enumerate() {
            let kind = ents.entities[ents.mention_entity[mi]].kind;
            if let Some(l) = label(kind) {
                pred.insert((si, m.span.start, m.span.end, l));
            }
        }
    }
    (gold, pred)
}

fn prf(gold: &Spans, pred: &Spans, ty: Option<&str>) -> (f64, f64, f64) {
    let g: HashSet<_> = gold
        .iter()
        .filter(|x| ty.is_none_or(|t| x.3 == t))
        .collect();
    let p: HashSet<_> = pred
        .iter()
        .filter(|x| ty.is_none_or(|t| x.3 == t))
        .collect();
    let tp = g.intersection(&p).count() as f64;
    let pr = if p.is_empty() {
        0.0
    } else {
        tp / p.len() as f64
    };
    let rc = if g.is_empty() {
        0.0
    } else {
        tp / g.len() as f64
    };
    let f = if pr + rc > 0.0 {
        2.0 * pr * rc / (pr + rc)
    } else {
        0.0
    };
    (pr, rc, f)
}

#[test]
#[ignore = "needs ../shared/data/uner-english-ewt"]
fn uner_ewt_person_organization_location() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/uner-english-ewt");
    if !dir.exists() {
        eprintln!("skipped: {} not found", dir.display());
        return;
    }
    for split in ["dev", "test"] {
        let (gold, pred) = evaluate(&dir.join(format!("en_ewt-ud-{split}.iob2")));
        if std::env::var_os("UNER_DUMP").is_some() {
            let mut fp: Vec<_> = pred.difference(&gold).collect();
            fp.sort();
            let mut fnn: Vec<_> = gold.difference(&pred).collect();
            fnn.sort();
            let txt = std::fs::read_to_string(dir.join(format!("en_ewt-ud-{split}.iob2"))).unwrap();
            let blocks: Vec<String> = txt
                .split("\n\n")
                .map(|b| {
                    b.lines()
                        .filter(|l| !l.starts_with('#') && !l.is_empty())
                        .filter_map(|l| l.split('\t').nth(1))
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect();
            for (tag, list) in [("FP", fp), ("FN", fnn)] {
                for x in list {
                    println!("{tag} {} {:?}", x.3, &blocks[x.0][x.1..x.2]);
                }
            }
        }
        let (p, r, f) = prf(&gold, &pred, None);
        println!(
            "UNER EWT {split}: typed exact-span P {p:.3} R {r:.3} F1 {f:.3} (gold {})",
            gold.len()
        );
        for t in ["PER", "ORG", "LOC"] {
            let (p, r, f) = prf(&gold, &pred, Some(t));
            println!("  {t}: P {p:.3} R {r:.3} F1 {f:.3}");
        }
        // web text is far from news; this guards against regressions, not a target
        assert!(f > 0.45, "{split}: F1 {f:.3}");
    }
}
