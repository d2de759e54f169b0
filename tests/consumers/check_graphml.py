#!/usr/bin/env python3
r"""Reads `newsgraph --format graphml` with networkx (`networkx.read_graphml`), as Gephi
and networkx users do, and checks it against the graph JSON of the same run: node and
edge counts, every node's id, label and kind, every edge's endpoints and relation, typed
attributes (`confidence` is a float, the others strings; JSON lists in strings decode),
and a directed multigraph (a person can hold two titles at one place).

Cases: the sample article (examples/envoy-moscow-talks.txt) and tests/consumers/hostile.json
(hostile names, via `newsgraph merge`). XML 1.0 cannot carry most C0 control characters;
the exporter writes U+FFFD for them, and the expectations do the same.

    python3 tests/consumers/check_graphml.py target/debug/newsgraph

Needs `pip install networkx`. Prints `N passed, 0 failed`.
"""

import io
import json
import os
import subprocess
import sys
from collections import Counter

import networkx as nx

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def cases(newsgraph):
    sample = ["extract", "examples/envoy-moscow-talks.txt", "--published", "2025-12-02"]
    hostile = ["merge", os.path.join(HERE, "hostile.json")]
    for name, args in (("sample", sample), ("hostile", hostile)):
        out = {}
        for fmt in ("json", "graphml"):
            out[fmt] = subprocess.run(
                [newsgraph, *args, "--format", fmt], cwd=ROOT, check=True, capture_output=True
            ).stdout
        yield name, json.loads(out["json"]), out["graphml"]


def xml_text(s):
    """A string as XML 1.0 carries it (the exporter's replacement of what it cannot)."""
    if s is None:
        return None
    bad = lambda c: (ord(c) < 0x20 and c not in "\t\n\r") or c in "\ufffe\uffff"
    return "".join("\ufffd" if bad(c) else c for c in s)


def check(name, g, data, failures):
    def expect(what, got, want):
        if got != want:
            failures.append(f"{name}: {what}: got {got!r}, expected {want!r}")

    G = nx.read_graphml(io.BytesIO(data), force_multigraph=True)
    expect("directed", G.is_directed(), True)
    expect("node count", G.number_of_nodes(), len(g["nodes"]))
    expect("edge count", G.number_of_edges(), len(g["edges"]))
    got = sorted((n, a.get("label"), a.get("kind")) for n, a in G.nodes(data=True))
    want = sorted((xml_text(n["id"]), xml_text(n["name"]), n["kind"]) for n in g["nodes"])
    expect("nodes", got, want)
    for n, a in G.nodes(data=True):
        for k, v in a.items():
            if not isinstance(v, str):
                failures.append(f"{name}: node {n!r} attribute {k} is {type(v).__name__}")
        if "roles" in a:
            roles = json.loads(a["roles"])
            if not all(set(r) == {"title", "affiliation"} for r in roles):
                failures.append(f"{name}: roles of {n!r} are not title/affiliation objects")
    got = sorted(
        (s, t, a["relation"], a.get("title"), round(a["confidence"], 3))
        for s, t, a in G.edges(data=True)
    )
    want = sorted(
        (xml_text(e["source"]), xml_text(e["target"]), e["relation"], xml_text(e.get("title")),
         round(e["confidence"], 3))
        for e in g["edges"]
    )
    expect("edges", got, want)
    for s, t, a in G.edges(data=True):
        if not isinstance(a["confidence"], float):
            failures.append(f"{name}: confidence of {s}->{t} is {type(a['confidence']).__name__}")
        for ev in json.loads(a.get("evidence", "[]")):
            if not isinstance(ev["start"], int) or not isinstance(ev["text"], str):
                failures.append(f"{name}: evidence of {s}->{t} is not typed")
    expect(
        "relations",
        Counter(a["relation"] for _, _, a in G.edges(data=True)),
        Counter(e["relation"] for e in g["edges"]),
    )


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    newsgraph = os.path.abspath(sys.argv[1])
    failures, passed, failed = [], 0, 0
    for name, g, data in cases(newsgraph):
        before = len(failures)
        check(name, g, data, failures)
        if len(failures) == before:
            passed += 1
            print(f"graphml {name}: {len(g['nodes'])} nodes, {len(g['edges'])} edges in networkx: ok")
        else:
            failed += 1
    for f in failures:
        print("FAIL", f)
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
