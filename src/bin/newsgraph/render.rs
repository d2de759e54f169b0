//! `newsgraph render`: runs Graphviz on the DOT export to draw a picture.
//!
//! `dot` lays out graphs of up to [`SFDP_ABOVE`] drawn nodes (ranked, left to right);
//! larger ones go to `sfdp` (force-directed, with overlap removal), which scales to
//! thousands of nodes. Graphviz is not bundled: when it is missing the error says how
//! to install it.

use std::io::{ErrorKind, Write};
use std::process::{Command, Stdio};

/// Above this many drawn nodes, `sfdp` is used instead of `dot`.
pub const SFDP_ABOVE: usize = 150;

const INSTALL: &str = "Graphviz is needed to draw pictures; install it with \
`apt-get install graphviz` (Debian, Ubuntu), `dnf install graphviz` (Fedora), \
`brew install graphviz` (macOS) or `choco install graphviz` (Windows), see \
https://graphviz.org/download/ — or write DOT with `newsgraph extract INPUT --format dot`";

/// Runs the layout engine for `nodes` drawn nodes on `dot`, writing `format` (`svg`,
/// `png`). The error names what failed and, when Graphviz is missing, how to install it.
pub fn graphviz(dot: &[u8], format: &str, nodes: usize) -> Result<Vec<u8>, String> {
    let engine = if nodes > SFDP_ABOVE { "sfdp" } else { "dot" };
    let mut cmd = Command::new(engine);
    cmd.arg(format!("-T{format}"));
    if engine == "sfdp" {
        // sfdp draws straight edges over nodes and overlapping nodes unless told
        cmd.args(["-Goverlap=prism", "-Gsplines=true", "-Gsep=+6"]);
    }
    let mut child = match cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) if e.kind() == ErrorKind::NotFound => {
            return Err(format!("`{engine}` not found: {INSTALL}"));
        }
        Err(e) => return Err(format!("cannot run Graphviz `{engine}`: {e}")),
    };
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let input = dot.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child
        .wait_with_output()
        .map_err(|e| format!("Graphviz `{engine}` failed: {e}"))?;
    let written = writer.join();
    if !out.status.success() {
        return Err(format!(
            "Graphviz `{engine}` failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    if let Ok(Err(e)) = written {
        return Err(format!("Graphviz `{engine}` did not read the graph: {e}"));
    }
    if out.stdout.is_empty() {
        return Err(format!("Graphviz `{engine}` wrote nothing"));
    }
    Ok(out.stdout)
}
