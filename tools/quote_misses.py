#!/usr/bin/env python3
"""List the gold quotes a prediction run missed or gave the wrong speaker, by shape.

Usage: tools/quote_misses.py GOLD_DIR PRED_DIR [--show CLASS] [--limit N]

Uses the scorer's own matching (../shared/eval/score.py is imported from GOLD_DIR/..):
a gold quote is *found* when a predicted statement with a speaker mapped to the gold
speaker has token F1 >= 0.5 with it; *wrong speaker* when some predicted statement has
F1 >= 0.5 but none with the right speaker; *partial* when the best predicted statement
overlaps (F1 > 0) but below 0.5 (a span problem); *missed* otherwise.

Every miss and wrong speaker is given one shape from how the gold text sits in the article:
the kind (direct / indirect), where the cue and speaker are (after the quote, before it,
another sentence), the cue word, and what the speaker is (pronoun, unnamed phrase, role).
Python 3 standard library only; a development aid, not part of the build.
"""
from __future__ import annotations

import argparse
import collections
import importlib.util
import json
import re
import sys
from pathlib import Path

PRONOUNS = {"he", "she", "they", "it", "we", "i"}
ROLE_WORDS = {
    "minister", "president", "spokesman", "spokeswoman", "spokesperson", "secretary",
    "chancellor", "leader", "chairman", "chief", "official", "officials", "head", "mayor",
    "governor", "ambassador", "envoy", "director", "commissioner", "prime", "premier",
    "senator", "ceo", "executive", "chair", "general", "judge", "statement", "spokespeople",
}
SPEECH = re.compile(
    r"\b(said|says|say|saying|told|tells|added|adding|warned|wrote|stated|insisted|argued|"
    r"claimed|noted|asked|explained|declared|stressed|tweeted|posted|announced|according to)\b",
    re.I,
)
OPEN_MARKS = "\"“‘'«"
CLOSE_MARKS = "\"”’'»"


def load_scorer(gold_dir: Path):
    path = gold_dir.parent / "score.py"
    spec = importlib.util.spec_from_file_location("score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def quote_status(S, gold_d, pred_d):
    """Per gold quote: (status, best F1, best pred text, pred speaker names)."""
    G = S.Gold(gold_d)
    P = S.Pred(pred_d or {})
    g_ent = [e for e in G.entities if e.type in S.ENTITY_TYPES]
    p_ent = [n for n in P.nodes if n.kind in S.ENTITY_TYPES]
    pairs = S.greedy_match(g_ent, p_ent)
    g_grp = [e for e in G.entities if e.type == "Group"]
    p_grp = [n for n in P.nodes if n.kind == "Group"]
    pairs += S.greedy_match(g_grp, p_grp)
    mapping = {p.id: g for g, p, _ in pairs}
    for p in P.nodes:
        if p.id in mapping or not p.is_actor:
            continue
        best = None
        for g in G.entities:
            t = S.entity_tier(g, p)
            if t > 0 and (best is None or (t, g.type == p.kind) > best[0]):
                best = ((t, g.type == p.kind), g)
        if best:
            mapping[p.id] = best[1]

    def mkey(nid):
        g = mapping.get(str(nid))
        return "G:" + g.name if g else "P:" + S.normalize(P.node(nid).name)

    def gold_key(s):
        e = G.resolve(s)
        return "G:" + e.name if e else "S:" + S.normalize(s)

    pred_q, seen = [], set()
    for e in P.edges:
        if e.get("relation") != "said":
            continue
        tgt = P.node(e.get("target"))
        if tgt.kind != "Statement":
            continue
        src = P.node(e.get("source"))
        text = tgt.raw.get("text") or tgt.name
        key = (mkey(src.id), S.normalize(text))
        if key in seen:
            continue
        seen.add(key)
        pred_q.append({"src": src, "skey": key[0], "text": text})
    gold_q = [
        {"speaker": q.get("speaker"), "skey": gold_key(q.get("speaker")), "text": q.get("text") or ""}
        for q in (gold_d.get("quotes") or [])
    ]

    def ok(pq, gq):
        if pq["skey"].startswith("G:"):
            return pq["skey"] == gq["skey"]
        if gq["skey"].startswith("S:"):
            return S.phrase_score(pq["src"].name, gq["speaker"]) > 0
        return False

    f1m = [[S.token_f1(pq["text"], gq["text"]) for gq in gold_q] for pq in pred_q]
    cands = []
    for pi, pq in enumerate(pred_q):
        for gi, gq in enumerate(gold_q):
            if f1m[pi][gi] >= 0.5 and ok(pq, gq):
                cands.append((-f1m[pi][gi], pi, gi))
    cands.sort()
    up, ug = set(), set()
    for _, pi, gi in cands:
        if pi in up or gi in ug:
            continue
        up.add(pi)
        ug.add(gi)
    out = []
    for gi, gq in enumerate(gold_q):
        best = max(range(len(pred_q)), key=lambda pi: f1m[pi][gi], default=None)
        bf = f1m[best][gi] if best is not None else 0.0
        if gi in ug:
            st = "found"
        elif bf >= 0.5:
            st = "wrong-speaker"
        elif best is not None and shares_ngram(pred_q[best]["text"], gq["text"], S):
            st = "partial"
        else:
            st = "missed"
        spk = sorted({pq["src"].name for pi, pq in enumerate(pred_q) if f1m[pi][gi] >= 0.5})
        out.append((gq, st, bf, pred_q[best]["text"] if best is not None else "", spk))
    fp = [pq for pi, pq in enumerate(pred_q) if pi not in up]
    return out, fp, G


def shares_ngram(a, b, S, n=4):
    """Whether two texts share n consecutive tokens (the prediction overlaps the gold)."""
    ta, tb = S.tokens(a), S.tokens(b)
    grams = {tuple(ta[i:i + n]) for i in range(len(ta) - n + 1)}
    return any(tuple(tb[i:i + n]) in grams for i in range(len(tb) - n + 1)) or (
        len(tb) < n and bool(set(ta) & set(tb)) and " ".join(tb) in " ".join(ta))


def sentence_around(text, a, b):
    lo = max(text.rfind("\n", 0, a), 0)
    hi = text.find("\n", b)
    if hi < 0:
        hi = len(text)
    return lo, hi


def shape(text, gq, gold_ent, G):
    """A coarse class for a gold quote in its article."""
    t = gq["text"]
    kind = gq.get("kind") or "?"
    cue = (gq.get("cue") or "").lower()
    a = text.find(t)
    if a < 0:
        return f"{kind}:not-substring"
    b = a + len(t)
    pl, ph = sentence_around(text, a, b)
    before = text[max(pl, a - 120):a]
    after = text[b:min(ph, b + 120)]
    spk = gq.get("speaker") or ""
    ent = G.resolve(spk)
    etype = ent.type if ent else "?"
    names = ent.names if ent else {S_norm(spk)}
    window = text[max(pl, a - 200):min(ph, b + 200)]
    lwin = S_norm(window)
    # is the speaker named in the paragraph?
    named_here = any(n and re.search(r"\b" + re.escape(n) + r"\b", lwin) for n in names)
    last_word = S_norm(spk).split()[-1:] if spk else []
    named_here = named_here or (last_word and re.search(r"\b" + re.escape(last_word[0]) + r"\b", lwin))
    attrib = "named" if named_here else "unnamed-here"
    # pronoun speaker near the cue
    near = (before[-60:] + " " + after[:60]).lower()
    if not named_here and re.search(r"\b(he|she|they|it|we)\b\s+(\w+\s+)?(said|says|added|told|" + re.escape(cue.split()[0] if cue else "said") + r")", near):
        attrib = "pronoun"
    if not named_here and re.search(r"\b(said|added|says)\s+(he|she)\b", near):
        attrib = "pronoun"
    if etype == "Group":
        attrib = "group:" + attrib
    if kind == "direct":
        ob = before.rstrip()[-1:] if before.rstrip() else ""
        marks = "dq" if ob in "\"“" else ("sq" if ob in "‘'" else "nomark")
        multi = "multipara" if "\n" in t else ("multisent" if re.search(r"[.?!][\"”’]?\s+[A-Z“\"]", t) else "")
        aft = after.lstrip("\"”’'.,!? ")[:60]
        if SPEECH.search(aft[:40]) or re.match(r"^\s*(\w+\s){0,6}\w+\s+" + re.escape(cue.split()[0] if cue else "said"), aft):
            where = "cue-after"
        elif SPEECH.search(before[-80:]) or (cue and cue.split()[0] in before[-80:].lower()):
            where = "cue-before"
        else:
            where = "cue-elsewhere"
        parts = ["direct", marks, where, attrib]
        if multi:
            parts.append(multi)
        return ":".join(parts)
    # indirect
    lb = before[-60:].lower()
    cls = "other-cue"
    if cue == "according to" or "according to" in (lb + after[:60].lower()):
        cls = "according-to"
    elif re.search(r"\b(accus|urg|call|den|insist|stress|alleg|describ|brand|blam|criticis|criticiz|condemn)\w*", cue):
        cls = "cue-" + re.match(r"[a-z]+", cue).group(0)[:6]
    elif re.search(r"\bthat\s*$", lb):
        cls = "said-that"
    elif cue and re.search(re.escape(cue.split()[0]) + r"\s*$", lb):
        cls = "said-bare"
    elif cue and cue.split()[0] in after[:80].lower():
        cls = "trailing-attrib"
    elif cue and cue.split()[0] in lb:
        cls = "cue-before-gap"
    return f"indirect:{cls}:{attrib}"


def S_norm(s):
    return " ".join(re.sub(r"[^\w\s-]", " ", (s or "").casefold()).split())


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("--show", default=None, help="print the items of shapes containing this")
    ap.add_argument("--status", default=None, help="only this status (missed, partial, wrong-speaker)")
    ap.add_argument("--limit", type=int, default=40)
    ap.add_argument("--context", type=int, default=0, help="show this many characters before")
    ap.add_argument("--fp", action="store_true", help="list false-positive statements")
    a = ap.parse_args(argv)
    gold_dir, pred_dir = Path(a.gold), Path(a.pred)
    S = load_scorer(gold_dir)
    counts = collections.Counter()
    by_status = collections.Counter()
    items = collections.defaultdict(list)
    fps = []
    for gp in sorted(gold_dir.glob("*.gold.json")):
        slug = gp.name[: -len(".gold.json")]
        gold_d = json.loads(gp.read_text())
        pp = pred_dir / f"{slug}.json"
        pred_d = json.loads(pp.read_text()) if pp.exists() else {}
        text = (gold_dir / f"{slug}.txt").read_text()
        res, fp, G = quote_status(S, gold_d, pred_d)
        fps.extend((slug, q["src"].name, q["text"]) for q in fp)
        golds = gold_d.get("quotes") or []
        for (gq, st, bf, ptext, spk), raw in zip(res, golds):
            by_status[st] += 1
            if st == "found":
                continue
            sh = shape(text, raw, None, G)
            counts[(st, sh)] += 1
            items[(st, sh)].append((slug, raw, bf, ptext, spk))
    tot = sum(by_status.values())
    print(f"gold quotes {tot}: " + ", ".join(f"{k} {v}" for k, v in by_status.most_common()))
    for st in ("missed", "partial", "wrong-speaker"):
        sub = [(sh, n) for (s, sh), n in counts.items() if s == st]
        sub.sort(key=lambda x: -x[1])
        print(f"\n== {st} ({sum(n for _, n in sub)})")
        agg = collections.Counter()
        for sh, n in sub:
            agg[":".join(sh.split(":")[:3])] += n
        for sh, n in agg.most_common():
            print(f"  {n:4d}  {sh}")
    if a.show:
        print()
        for (st, sh), lst in sorted(items.items(), key=lambda x: -len(x[1])):
            if a.show not in sh or (a.status and st != a.status):
                continue
            print(f"### {st} {sh} ({len(lst)})")
            for slug, raw, bf, ptext, spk in lst[: a.limit]:
                print(f"  [{slug}] {raw.get('speaker')!r} cue={raw.get('cue')!r}: {raw.get('text')[:160]!r}")
                if a.context:
                    txt = (gold_dir / f"{slug}.txt").read_text()
                    i = txt.find(raw.get("text") or "")
                    if i >= 0:
                        j = i + len(raw.get("text"))
                        print("      ctx: " + (txt[max(0, i - a.context):i] + "[[" + txt[i:j][:80] + "]]" + txt[j:j + a.context // 2]).replace("\n", " / "))
                if bf > 0:
                    print(f"      pred F1 {bf:.2f} by {spk}: {ptext[:160]!r}")
    if a.fp:
        print(f"\n== false positives ({len(fps)})")
        for slug, s, t in fps[: a.limit]:
            print(f"  [{slug}] {s!r}: {t[:150]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
