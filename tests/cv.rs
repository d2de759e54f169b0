//! Cross-validated accuracy over `../shared/eval/train` (an `#[ignore]`d check CI runs when
//! `../shared` is beside the checkout): every learned component is trained on four folds, the
//! fifth is extracted and scored by `../shared/eval/score.py`, and the micro figures must
//! stay at or above floors a little below the figures README reports.

use std::path::Path;
use std::process::Command;

use newsgraph::Pipeline;
use newsgraph::formats::{ExportOptions, Exporter, json::Json};
use newsgraph::gold::{self, Example};

const TRAIN: &str = "../shared/eval/train";
const SCORER: &str = "../shared/eval/score.py";

#[test]
#[ignore = "needs ../shared/eval/train; CI runs it"]
fn cross_validated_figures_hold_their_floors() {
    let examples = gold::load_dir(Path::new(TRAIN)).expect("the training articles load");
    let k = gold::fold_count(&examples);
    assert!(k >= 2, "FOLDS.json gives the folds");
    let out = std::env::temp_dir().join(format!("newsgraph-cv-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).unwrap();
    for fold in 0..k {
        let rest: Vec<&Example> = examples.iter().filter(|e| e.fold != Some(fold)).collect();
        let config = newsgraph::train::train_all(&rest);
        let pipeline = Pipeline::new(config);
        for e in examples.iter().filter(|e| e.fold == Some(fold)) {
            let g = pipeline.extract(&e.doc);
            std::fs::write(
                out.join(format!("{}.json", e.doc.id)),
                Json.export(&g, &ExportOptions::default()),
            )
            .unwrap();
        }
    }
    let score = out.join("score.json");
    let status = Command::new("python3")
        .arg(SCORER)
        .arg(TRAIN)
        .arg(&out)
        .arg("--json")
        .arg(&score)
        .output()
        .expect("python3 runs the scorer");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&score).unwrap()).expect("the scorer's JSON");
    let micro = &v["micro"];
    let get = |a: &str, b: &str| micro[a][b].as_f64().unwrap_or(0.0);
    let _ = std::fs::remove_dir_all(&out);
    let figures = format!(
        "relation {:.3}/{:.3}/{:.3}, quote F1 {:.3}, entity F1 {:.3}, meeting F1 {:.3}",
        get("relations", "p"),
        get("relations", "r"),
        get("relations", "f1"),
        get("quotes", "f1"),
        get("entities", "f1"),
        get("meetings", "f1")
    );
    eprintln!("cross-validated: {figures}");
    // reported (README "Accuracy"): relation 0.29/0.16/0.205, quote F1 0.70, entity F1 0.89,
    // meeting F1 0.36
    assert!(get("relations", "f1") >= 0.19, "{figures}");
    assert!(get("relations", "r") >= 0.15, "{figures}");
    assert!(get("quotes", "f1") >= 0.68, "{figures}");
    assert!(get("entities", "f1") >= 0.86, "{figures}");
    assert!(get("meetings", "f1") >= 0.35, "{figures}");
}
