#!/usr/bin/env python3
"""No name of a person from a sample article in the code or lexicons.

Reads every person (name and aliases) of the annotated sample articles
(../shared/eval/{train,dev}/*.gold.json) and fails (exit 1) when `src/` or `lexicon/` holds
- a sample person's full name (two or more words), or
- in `src/`, a sample person's surname (the name's last word, 4+ letters) as a capitalized
  word, unless that word is a given name of the census lists (lexicon/given-names.tsv), an
  English word (lexicon/common-words.txt) or listed with a reason in tools/sample-names-ok.txt.
The census lexicons (given names, surnames) and the gazetteers are general lists, not
names taken from the samples, and are exempt from the surname rule.

    tools/check_sample_names.py [SHARED_DIR]      (default ../shared)
"""
import glob
import json
import os
import re
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "..", "shared")
golds = glob.glob(os.path.join(shared, "eval", "train", "*.gold.json")) + glob.glob(
    os.path.join(shared, "eval", "dev", "*.gold.json"))
if not golds:
    print(f"no gold files under {shared}/eval", file=sys.stderr)
    sys.exit(2)


def words(path):
    out = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            w = line.split("\t")[0].strip()
            if w:
                out.add(w.lower())
    return out


given = words(os.path.join(root, "lexicon", "given-names.tsv"))
common = words(os.path.join(root, "lexicon", "common-words.txt"))
ok = set()
okfile = os.path.join(root, "tools", "sample-names-ok.txt")
if os.path.exists(okfile):
    for line in open(okfile, encoding="utf-8"):
        line = line.split("#")[0].strip()
        if line:
            ok.add(line.split()[0].lower())

full, surnames = set(), set()
for g in golds:
    for e in json.load(open(g, encoding="utf-8")).get("entities", []):
        if str(e.get("type", "")).lower() != "person":
            continue
        for n in [e.get("name", "")] + list(e.get("aliases", [])):
            toks = re.findall(r"[^\W\d_][\w'’\-]*", n)
            if len(toks) >= 2:
                full.add(" ".join(toks))
            last = re.findall(r"[^\W\d_]+", toks[-1]) if toks else []
            if last and len(last[-1]) >= 4 and last[-1][0].isupper():
                surnames.add(last[-1])

bad = []
full_re = [(n, re.compile(r"\b" + r"\s+".join(map(re.escape, n.split())) + r"\b")) for n in full]
for top in ("src", "lexicon"):
    for dp, _, fns in os.walk(os.path.join(root, top)):
        for fn in sorted(fns):
            p = os.path.join(dp, fn)
            if not fn.endswith((".rs", ".tsv", ".txt", ".md")):
                continue
            text = open(p, encoding="utf-8", errors="replace").read()
            rel = os.path.relpath(p, root)
            census = fn in ("given-names.tsv", "surnames.txt", "places.tsv", "capitals.tsv")
            for n, rx in full_re:
                if not census and rx.search(text):
                    bad.append(f"{rel}: full name of a sample person: {n}")
            if top != "src":
                continue
            for no, line in enumerate(text.splitlines(), 1):
                for w in re.findall(r"[^\W\d_]+", line):
                    lw = w.lower()
                    if w in surnames and lw not in given and lw not in common and lw not in ok:
                        bad.append(f"{rel}:{no}: surname of a sample person: {w}")
for b in sorted(set(bad)):
    print(b)
print(f"{len(full)} full names and {len(surnames)} surnames of sample persons checked; "
      f"{len(set(bad))} findings", file=sys.stderr)
sys.exit(1 if bad else 0)
