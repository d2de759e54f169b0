#!/usr/bin/env python3
"""Precision and recall of the stances at several --min-confidence settings.

Reads the held-out predictions that `cargo run --release --example cv` wrote (default
target/cv/train-100pct), drops the stance edges below each threshold (what
`newsgraph extract --min-confidence T` drops) and scores them with ../shared/eval/score.py.
The table tells a user which threshold buys which precision on articles the models were not
trained on.

    python3 tools/cv_confidence.py [PRED_DIR] [GOLD_DIR]
"""
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

STANCES = {"met-with", "warned", "proposed", "opposes", "supports", "criticized"}


def main() -> int:
    pred = Path(sys.argv[1] if len(sys.argv) > 1 else "target/cv/train-100pct")
    gold = Path(sys.argv[2] if len(sys.argv) > 2 else "../shared/eval/train")
    scorer = gold.parent / "score.py"
    files = sorted(pred.glob("*.json"))
    if not files:
        print(f"no predictions in {pred}: run the cv example first", file=sys.stderr)
        return 2
    print("min-confidence  relation P/R/F1  tp/fp/fn")
    for th in (0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7):
        with tempfile.TemporaryDirectory() as tmp:
            for f in files:
                d = json.loads(f.read_text())
                if "edges" in d:
                    d["edges"] = [e for e in d["edges"]
                                  if e.get("relation") not in STANCES or e.get("confidence", 1.0) >= th]
                (Path(tmp) / f.name).write_text(json.dumps(d))
            out = subprocess.run(["python3", str(scorer), str(gold), tmp],
                                 capture_output=True, text=True, check=True).stdout
        micro = next(l for l in out.splitlines() if l.startswith("MICRO"))
        counts = next(l for l in out.splitlines() if l.startswith("counts"))
        prf = re.findall(r"\d\.\d\d/\d\.\d\d/\d\.\d\d", micro)[1]
        rel = re.search(r"relations (\d+/\d+/\d+)", counts).group(1)
        print(f"{th:>14.1f}  {prf:<15}  {rel}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
