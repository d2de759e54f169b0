//! `output/` holds what `newsgraph` produces for each example article; this test fails
//! when it is stale. Regenerate with `tools/regen-output.sh`.

use std::path::Path;
use std::process::Command;

#[test]
fn output_folder_matches_what_the_binary_writes_now() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let list = std::fs::read_to_string(root.join("examples/published.tsv")).unwrap();
    let tmp = std::env::temp_dir().join(format!("newsgraph-fresh-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let mut checked = 0;
    let mut stale = Vec::new();
    for line in list
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let mut cols = line.split('\t');
        let stem = cols.next().unwrap();
        let published = cols.next().unwrap_or("-");
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_newsgraph"));
        cmd.current_dir(root)
            .arg("extract")
            .arg(format!("examples/{stem}.txt"))
            .arg("--out-dir")
            .arg(&tmp);
        if published != "-" {
            cmd.arg("--published").arg(published);
        }
        let st = cmd.status().unwrap();
        assert!(st.success(), "extract failed on {stem}");
        for entry in std::fs::read_dir(&tmp).unwrap() {
            let p = entry.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            if !name.starts_with(&format!("{stem}.")) {
                continue;
            }
            let fresh = std::fs::read(&p).unwrap();
            let kept = std::fs::read(root.join("output").join(&name)).unwrap_or_default();
            if fresh != kept {
                stale.push(name);
            }
            checked += 1;
        }
    }
    let _ = std::fs::remove_dir_all(&tmp);
    assert!(checked >= 3, "no outputs were compared");
    assert!(
        stale.is_empty(),
        "output/ is stale for {stale:?}: run tools/regen-output.sh"
    );
}
