#!/usr/bin/env python3
"""Actor errors of a prediction run, counted by cause.

Usage:
    tools/actor_errors.py GOLD_DIR PRED_DIR [--list CAUSE] [--examples N]

Reads the gold articles (GOLD_DIR/<slug>.gold.json, <slug>.txt) and the predicted graph JSON
(PRED_DIR/<slug>.json, e.g. target/cv/train-100pct after `cargo run --release --example cv`),
matches entities exactly like ../shared/eval/score.py (it imports the scorer), and lists:

- spurious entities (predicted, matched to no gold entity), with a guessed cause;
- missed entities (gold, matched by no prediction), with a guessed cause;
- missed roles of matched people, and wrong affiliations of matched roles.

Causes are heuristics for triage, not truth: they say which mechanism to look at first.
Standard library only.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
LEX = HERE.parent / "lexicon"


def load_scorer(gold_dir: Path):
    for cand in [gold_dir.parent / "score.py", HERE.parent.parent / "shared/eval/score.py"]:
        if cand.exists():
            spec = importlib.util.spec_from_file_location("score", cand)
            mod = importlib.util.module_from_spec(spec)
            sys.modules["score"] = mod
            spec.loader.exec_module(mod)
            return mod
    sys.exit("score.py not found")


def read_words(name: str, col: int = 0) -> set[str]:
    out = set()
    p = LEX / name
    if not p.exists():
        return out
    for line in p.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        out.add(line.split("\t")[col].strip().lower())
    return out


TITLES = read_words("titles.tsv") | read_words("title-modifiers.txt")
CAPITALS = {}
for line in (LEX / "capitals.tsv").read_text(encoding="utf-8").splitlines():
    if line and not line.startswith("#"):
        cols = line.split("\t")
        if len(cols) >= 2:
            CAPITALS[cols[0].strip().lower()] = cols[1].strip()
NON_ACTOR_WORDS = {"app", "war", "pipeline", "bill", "act", "street", "live", "republic",
                   "radio", "news", "online", "day", "agreement", "treaty", "accord", "plan"}


def spurious_cause(S, node, G, text: str, golds) -> str:
    name = node.name
    toks = name.split()
    low = [t.lower().strip(".,") for t in toks]
    n = S.normalize(name)
    # a gold entity already matched under another form: a duplicate
    for g in golds:
        if n in g.names:
            return "duplicate-of-matched"
        if g.type == "Person" and any(S.is_token_suffix(n, x) for x in g.names):
            return "person-short-form-or-extent"
    if any(w in TITLES for w in low):
        return "title-in-name"
    if n in CAPITALS:
        return "capital-not-government"
    if name.isupper() and len(name) > 1:
        return "all-caps"
    # part of a longer gold name
    for g in golds:
        for x in g.names:
            if n and f" {n} " in f" {x} " and n != x:
                return "leftover-of-longer-name"
            if x and f" {x} " in f" {n} " and n != x:
                return "extent-noise(contains-gold)"
    if any(w in NON_ACTOR_WORDS for w in low):
        return "non-actor-head"
    # followed in text by a non-actor head
    m = re.search(re.escape(name) + r"\s+(\w+)", text)
    if m and m.group(1).lower() in NON_ACTOR_WORDS:
        return "non-actor-head(next)"
    if len(toks) == 1:
        return "single-word-other"
    return "multiword-other"


def missed_cause(S, g, preds, text: str) -> str:
    forms = [g.name, *g.aliases]
    if not any(f in text for f in forms):
        return "not-in-text-verbatim"
    for p in preds:
        for x in p.names:
            for y in g.names:
                if x and y and (f" {y} " in f" {x} " or f" {x} " in f" {y} "):
                    return "extent-differs(pred:%s)" % p.kind
    if g.type == "Place" and S.normalize(g.name) in {S.normalize(v) for v in CAPITALS.values()}:
        return "country-only-as-capital/demonym"
    if all(f.islower() for f in forms if f):
        return "lowercase-name"
    return "not-detected:%s" % g.type


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("--list", default=None, help="print every item of causes starting so (ALL: every cause)")
    ap.add_argument("--examples", type=int, default=4)
    a = ap.parse_args()
    gold_dir, pred_dir = Path(a.gold), Path(a.pred)
    S = load_scorer(gold_dir)

    spur, miss, mrole, waff = (defaultdict(list) for _ in range(4))
    totals = Counter()
    for gp in sorted(gold_dir.glob("*.gold.json")):
        slug = gp.name[: -len(".gold.json")]
        gd = json.loads(gp.read_text(encoding="utf-8"))
        tp = gold_dir / f"{slug}.txt"
        text = tp.read_text(encoding="utf-8") if tp.exists() else ""
        pp = pred_dir / f"{slug}.json"
        pd = json.loads(pp.read_text(encoding="utf-8")) if pp.exists() else {}
        G, P = S.Gold(gd), S.Pred(pd)
        g_ent = [e for e in G.entities if e.type in S.ENTITY_TYPES]
        p_ent = [n for n in P.nodes if n.kind in S.ENTITY_TYPES]
        pairs = S.greedy_match(g_ent, p_ent)
        mg = {g.idx for g, _, _ in pairs}
        mp = {p.idx for _, p, _ in pairs}
        totals["gold"] += len(g_ent)
        totals["pred"] += len(p_ent)
        totals["tp"] += len(pairs)
        matched_golds = [g for g, _, _ in pairs]
        for p in p_ent:
            if p.idx not in mp:
                c = spurious_cause(S, p, G, text, matched_golds + [g for g in g_ent if g.idx not in mg])
                spur[c].append(f"{slug}: {p.kind} {p.name!r}")
        for g in g_ent:
            if g.idx not in mg:
                c = missed_cause(S, g, p_ent, text)
                miss[c].append(f"{slug}: {g.type} {g.name!r} aliases={g.aliases}")
        by_id = {n.id: n for n in P.nodes}
        mapping = {p.id: g for g, p, _ in pairs}
        for g, p, _ in pairs:
            if g.type != "Person":
                continue
            groles = [r for r in g.roles if isinstance(r, dict)]
            proles = p.roles
            used = set()
            for gr in groles:
                totals["roles"] += 1
                best, bj = None, 0.0
                for pi, pr in enumerate(proles):
                    if pi in used:
                        continue
                    cg, cp = S.content_tokens(gr.get("title")), S.content_tokens(pr.get("title"))
                    j = S.jaccard(cg, cp)
                    if j >= 0.5 and j > bj:
                        best, bj = pi, j
                ptitles = [(r.get("title"), by_id.get(str(r.get("affiliation")), None) and by_id[str(r.get("affiliation"))].name) for r in proles]
                if best is None:
                    cause = "no-roles-predicted" if not proles else "other-titles-predicted"
                    mrole[cause].append(f"{slug}: {g.name!r} gold={gr.get('title')!r}@{gr.get('affiliation')!r} pred={ptitles}")
                    continue
                used.add(best)
                gaff = gr.get("affiliation")
                if gaff:
                    totals["aff"] += 1
                    paff = proles[best].get("affiliation")
                    node = by_id.get(str(paff)) if paff else None
                    ge = G.resolve(gaff)
                    ok = node is not None and ((ge is not None and mapping.get(node.id) is ge)
                                               or S.normalize(node.name) == S.normalize(gaff)
                                               or (ge is not None and node.canon in ge.names))
                    if not ok:
                        cause = "no-affiliation" if node is None else "wrong-affiliation"
                        waff[cause].append(f"{slug}: {g.name!r} {gr.get('title')!r} gold={gaff!r} pred={node.name if node else None!r}")

    print(f"entities: gold {totals['gold']} pred {totals['pred']} matched {totals['tp']}")
    for title, d in [("SPURIOUS", spur), ("MISSED", miss), ("MISSED ROLES", mrole), ("AFFILIATION", waff)]:
        print(f"\n== {title}: {sum(len(v) for v in d.values())}")
        for c, items in sorted(d.items(), key=lambda kv: -len(kv[1])):
            print(f"  {len(items):4d}  {c}")
            show = items if a.list and (a.list == "ALL" or c.startswith(a.list)) else items[: a.examples]
            for it in show:
                print(f"          {it}")
    print(f"\nroles gold {totals['roles']}, affiliations scored {totals['aff']}")


if __name__ == "__main__":
    main()
