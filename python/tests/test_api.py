"""The Python API: the graph JSON contract, equality with the CLI, determinism,
order-independent merging, errors, and threads (the GIL is released while extracting).

Every article here is invented (names included)."""

import ast
import concurrent.futures
import datetime
import inspect
import json
import pathlib
import random
import subprocess
import sys
import threading

import pytest

import newsgraph

TALKS = (
    "Harbour Talks in Vienna\n\n"
    "Trade Minister Olaf Brandt met Lena Kowalczyk, the head of the Harbour Workers "
    "Federation, in Vienna on Monday. \"We will not accept new tariffs,\" Brandt told "
    "reporters.\n\n"
    "Kowalczyk warned that the union would strike. Critics said the talks would fail.\n"
)

ARTICLES = {
    "a.txt": TALKS,
    "b.txt": "Tariff Row\n\nOlaf Brandt meets Lena Kowalczyk in Geneva next week. critics "
    "warned that the tariffs would hurt exporters. Kowalczyk criticised Brandt.\n",
    "c.txt": "Port Strike\n\nCRITICS said the strike would spread. Lena Kowalczyk attacked "
    "Olaf Brandt over the tariffs. Brandt warned the Harbour Workers Federation.\n",
    "d.txt": "Union Vote\n\nThe Harbour Workers Federation (HWF) backed Kowalczyk. Brandt "
    "said the HWF would lose. Olaf Brandt held talks with Lena Kowalczyk on Friday.\n",
    "e.txt": "Tariff Warning\n\nBrandt warned on Tuesday that the tariffs would hurt "
    "exporters.\n\nKowalczyk said the union would strike.\n",
}


def records():
    return [{"id": k, "text": v} for k, v in ARTICLES.items()]


def canonical(graph, drop_source=True):
    """The graph as compared by the issue: json.dumps(sort_keys=True), sources aside."""
    g = json.loads(json.dumps(graph))
    if drop_source:
        for d in g["documents"]:
            d.pop("source", None)
    return json.dumps(g, sort_keys=True)


# ---------------------------------------------------------------- the contract


def test_extract_gives_the_graph_json_contract():
    g = newsgraph.extract(TALKS, id="talks", published="2024-03-05")
    assert g["schema"] == "newsgraph/1" == newsgraph.SCHEMA
    assert g["documents"] == [
        {"id": "talks", "title": "Harbour Talks in Vienna", "source": None, "published": "2024-03-05"}
    ]
    nodes = {n["id"]: n for n in g["nodes"]}
    for n in g["nodes"]:
        assert {"id", "kind", "name"} <= n.keys()
        assert n["kind"] in {"Person", "Organization", "Place", "Group", "Proposal", "Meeting", "Statement"}
    brandt = nodes["person/olaf-brandt"]
    assert brandt["kind"] == "Person" and brandt["name"] == "Olaf Brandt"
    assert "Brandt" in brandt["aliases"]
    assert brandt["roles"] == [{"title": "Trade Minister", "affiliation": None}]
    assert {"title": "head", "affiliation": "org/harbour-workers-federation"} in nodes["person/lena-kowalczyk"]["roles"]
    assert nodes["place/vienna"]["kind"] == "Place"
    text_bytes = TALKS.encode("utf-8")
    relations = {(e["source"], e["relation"], e["target"]) for e in g["edges"]}
    # met-with holds both ways and is stored from the smaller id
    assert ("person/lena-kowalczyk", "met-with", "person/olaf-brandt") in relations
    assert ("person/olaf-brandt", "said", "statement/talks/1") in relations
    for e in g["edges"]:
        assert e["source"] in nodes and e["target"] in nodes
        assert 0.0 <= e["confidence"] <= 1.0
        assert e["evidence"], e
        for ev in e["evidence"]:
            assert ev["document"] == "talks"
            assert text_bytes[ev["start"] : ev["end"]].decode("utf-8") == ev["text"]
    said = [e for e in g["edges"] if e["relation"] == "said"]
    assert said and all(nodes[e["target"]]["kind"] == "Statement" for e in said)
    statement = nodes[said[0]["target"]]
    assert statement["quote"] in ("direct", "indirect") and statement["text"] and statement["cue"]
    meeting = nodes["meeting/talks/1"]
    assert (meeting["place"], meeting["when"], meeting["date"], meeting["status"]) == (
        "place/vienna", "Monday", "2024-03-04", "held"
    ), "Monday before the publication date"


def test_extract_equals_the_cli(cli, tmp):
    f = tmp / "talks.txt"
    f.write_text(TALKS, encoding="utf-8")
    out = subprocess.run(
        [str(cli), "extract", str(f), "--id", "t1", "--published", "2024-03-05", "--min-confidence", "0.5"],
        check=True, capture_output=True,
    ).stdout
    g = newsgraph.extract(TALKS, id="t1", published=datetime.date(2024, 3, 5), min_confidence=0.5)
    assert canonical(g) == canonical(json.loads(out))
    # the same bytes, too
    assert newsgraph.to_format(g, "json").encode("utf-8").replace(b'"source": null', b"") == out.replace(
        f'"source": "{f}"'.encode(), b""
    )


def test_extract_many_equals_the_cli_on_a_folder(cli, tmp):
    for name, text in ARTICLES.items():
        (tmp / name).write_text(text, encoding="utf-8")
    out = subprocess.run([str(cli), "extract", str(tmp), "--quiet"], check=True, capture_output=True).stdout
    assert canonical(newsgraph.extract_many(records())) == canonical(json.loads(out))
    # and `newsgraph merge` of graphs written earlier equals newsgraph.merge
    files = []
    for name, text in ARTICLES.items():
        p = tmp / f"{name}.json"
        p.write_text(json.dumps(newsgraph.extract(text, id=name)), encoding="utf-8")
        files.append(str(p))
    out = subprocess.run([str(cli), "merge", *files], check=True, capture_output=True).stdout
    graphs = [json.loads(pathlib.Path(p).read_text(encoding="utf-8")) for p in files]
    assert canonical(newsgraph.merge(graphs)) == canonical(json.loads(out))


def test_the_same_input_gives_the_same_output():
    a = newsgraph.extract(TALKS, id="x")
    b = newsgraph.extract(TALKS, id="x")
    assert json.dumps(a) == json.dumps(b)
    assert newsgraph.to_format(a, "nquads") == newsgraph.to_format(b, "nquads")
    many = [json.dumps(newsgraph.extract_many(records(), jobs=j)) for j in (1, 2, 3)]
    assert many[0] == many[1] == many[2]


def test_bytes_are_read_as_the_cli_reads_a_file():
    latin1 = "Caf\u00e9 Talks\n\nMinister Ana Ruiz met Carlos Vela in Lisbon on Monday.\n".encode("cp1252")
    with pytest.warns(UserWarning, match="Windows-1252"):
        g = newsgraph.extract(latin1, id="l1")
    assert g["documents"][0]["title"] == "Caf\u00e9 Talks"
    assert any(n["id"] == "person/ana-ruiz" for n in g["nodes"])
    utf8 = newsgraph.extract(TALKS.encode("utf-8"), id="u")
    assert utf8 == newsgraph.extract(TALKS, id="u")
    with pytest.raises(ValueError, match="PNG"):
        newsgraph.extract(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", id="p")


def test_min_confidence_drops_weak_stances():
    full = newsgraph.extract(TALKS)
    strict = newsgraph.extract(TALKS, min_confidence=1.0)
    stances = {"met-with", "warned", "proposed", "opposes", "supports", "criticized"}
    weak = [e for e in full["edges"] if e["relation"] in stances and e["confidence"] < 1.0]
    assert weak, "the article has stance edges below 1.0"
    assert all(e["confidence"] >= 1.0 for e in strict["edges"] if e["relation"] in stances)
    assert len(strict["edges"]) == len(full["edges"]) - len(weak)


# ---------------------------------------------------------------- merging


def test_merge_order_does_not_matter():
    graphs = [newsgraph.extract(r["text"], id=r["id"]) for r in records()]
    expected = canonical(newsgraph.extract_many(records()))
    assert canonical(newsgraph.merge(graphs)) == expected
    rng = random.Random(19)
    for _ in range(10):
        shuffled = graphs[:]
        rng.shuffle(shuffled)
        assert canonical(newsgraph.merge(shuffled)) == expected
        # a random tree of unresolved merges, resolved once at the end
        level = shuffled
        while len(level) > 1:
            i = rng.randrange(len(level) - 1)
            level = level[:i] + [newsgraph.merge(level[i : i + 2], resolve=False)] + level[i + 2 :]
        assert canonical(newsgraph.merge(level)) == expected
    recs = records()
    rng.shuffle(recs)
    assert canonical(newsgraph.extract_many(recs)) == expected
    # the earliest document's name wins, whatever the order
    critics = [n for n in newsgraph.merge(graphs[::-1])["nodes"] if n["id"] == "group/critics"]
    assert critics[0]["name"] == "Critics"


def test_resolution_joins_across_documents_once():
    unresolved = newsgraph.extract_many(records(), resolve=False)
    ids = {n["id"] for n in unresolved["nodes"]}
    assert "person/brandt" in ids, "e.txt names only the surname"
    assert newsgraph.joins(unresolved)["person/brandt"] == "person/olaf-brandt"
    resolved = newsgraph.merge([unresolved])
    assert "person/brandt" not in {n["id"] for n in resolved["nodes"]}
    brandt = next(n for n in resolved["nodes"] if n["id"] == "person/olaf-brandt")
    assert "e.txt" in brandt["documents"]
    assert canonical(resolved) == canonical(newsgraph.extract_many(records()))
    # one document alone is not resolved (as the CLI does)
    one = newsgraph.extract_many(records()[:1])
    assert canonical(one) == canonical(newsgraph.extract(TALKS, id="a.txt"))


def test_no_records_give_an_empty_graph_that_merges_as_nothing():
    empty = newsgraph.extract_many([])
    assert empty == {"schema": "newsgraph/1", "documents": [], "nodes": [], "edges": []}
    g = newsgraph.extract(TALKS, id="x")
    assert canonical(newsgraph.merge([empty, g], resolve=False)) == canonical(g)
    # records may be any iterable, a generator too
    assert newsgraph.extract_many(r for r in records()) == newsgraph.extract_many(records())


# ---------------------------------------------------------------- other formats


def test_to_format_writes_every_format():
    g = newsgraph.extract(TALKS, id="talks")
    assert set(newsgraph.FORMATS) >= {"json", "jsonld", "dot", "turtle", "nquads", "cypher", "graphml", "html"}
    for f in newsgraph.FORMATS:
        out = newsgraph.to_format(g, f)
        assert isinstance(out, str) and out.strip(), f
    assert json.loads(newsgraph.to_format(g, "json")) == g
    assert "@context" in json.loads(newsgraph.to_format(g, "jsonld"))
    quads = newsgraph.to_format(g, "nquads", base_iri="https://example.org/ng/").splitlines()
    assert quads and all(q.endswith(" .") for q in quads)
    assert any(q.endswith("<https://example.org/ng/document/talks> .") for q in quads)
    assert newsgraph.to_format(g, "dot").startswith("digraph")
    assert "MERGE" in newsgraph.to_format(g, "cypher")
    assert newsgraph.node_iri("person/olaf-brandt") == newsgraph.DEFAULT_BASE_IRI + "person/olaf-brandt"
    assert newsgraph.node_iri("person/x y", base_iri="https://example.org/") == "https://example.org/person/x%20y"
    assert newsgraph.document_iri("politics/a.txt", base_iri="https://example.org/ng/") == (
        "https://example.org/ng/document/politics%2Fa.txt"
    )


def test_to_networkx_keeps_nodes_edges_and_attributes():
    nx = pytest.importorskip("networkx")
    g = newsgraph.extract_many(records())
    G = newsgraph.to_networkx(g)
    assert isinstance(G, nx.MultiDiGraph)
    assert G.number_of_nodes() == len(g["nodes"])
    assert G.number_of_edges() == len(g["edges"])
    assert G.graph["schema"] == "newsgraph/1" and len(G.graph["documents"]) == len(ARTICLES)
    assert G.nodes["person/olaf-brandt"]["kind"] == "Person"
    for e in g["edges"]:
        key = e["relation"] if e.get("title") is None else f"{e['relation']}:{e['title']}"
        data = G.edges[e["source"], e["target"], key]
        assert data["confidence"] == e["confidence"] and data["evidence"] == e["evidence"]


# ---------------------------------------------------------------- errors


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: newsgraph.extract(123), TypeError, "text must be a str or bytes, not int"),
        (lambda: newsgraph.extract(None), TypeError, "text"),
        (lambda: newsgraph.extract("x", id=""), ValueError, "id must not be blank"),
        (lambda: newsgraph.extract("x", id=1.5), TypeError, "id must be a str or an int"),
        (lambda: newsgraph.extract("x", published="2024-13-01"), ValueError, "not a date"),
        (lambda: newsgraph.extract("x", published="soon"), ValueError, "not a date"),
        (lambda: newsgraph.extract("x", published=20240101), TypeError, "published must be"),
        (lambda: newsgraph.extract("x", min_confidence=1.5), ValueError, "from 0 to 1"),
        (lambda: newsgraph.extract("x", min_confidence=float("nan")), ValueError, "from 0 to 1"),
        (lambda: newsgraph.extract("x", min_confidence="high"), TypeError, "min_confidence"),
        (lambda: newsgraph.extract("x", min_confidence=True), TypeError, "min_confidence must be a number"),
        (lambda: newsgraph.extract("x", "y"), TypeError, "positional"),
        (lambda: newsgraph.extract("lone \ud800 surrogate"), ValueError, "surrogate"),
        (lambda: newsgraph.extract_many("abc"), TypeError, "records must be an iterable of dicts"),
        (lambda: newsgraph.extract_many({"id": "a", "text": "x"}), TypeError, "records must be"),
        (lambda: newsgraph.extract_many(5), TypeError, "records must be"),
        (lambda: newsgraph.extract_many([1]), TypeError, r"records\[0\] must be a dict"),
        (lambda: newsgraph.extract_many([{"text": "x"}]), ValueError, r'records\[0\] has no "id"'),
        (lambda: newsgraph.extract_many([{"id": "a"}]), ValueError, r'records\[0\] has no "text"'),
        (lambda: newsgraph.extract_many([{"id": "a", "text": 3}]), TypeError, r'records\[0\]\["text"\]'),
        (lambda: newsgraph.extract_many([{"id": "a", "text": "x", "title": 3}]), TypeError, r'\["title"\]'),
        (lambda: newsgraph.extract_many([{"id": "a", "text": "x", "published": "2024-02-30"}]), ValueError, "not a date"),
        (lambda: newsgraph.extract_many([{"id": "a", "text": "x"}, {"id": "a", "text": "y"}]), ValueError, "used by an earlier record"),
        (lambda: newsgraph.extract_many([{"id": "a", "text": b"\x7fELF\x02\x01"}]), ValueError, "executable"),
        (lambda: newsgraph.extract_many([], jobs=0), ValueError, "jobs must be from 1"),
        (lambda: newsgraph.extract_many([], jobs=-3), ValueError, "jobs must be from 1"),
        (lambda: newsgraph.extract_many([], jobs=10**30), ValueError, "jobs must be from 1"),
        (lambda: newsgraph.extract_many([], jobs="2"), TypeError, "jobs must be an int"),
        (lambda: newsgraph.extract_many([], jobs=True), TypeError, "jobs must be an int"),
        (lambda: newsgraph.merge(newsgraph.extract("x")), TypeError, "not one graph"),
        (lambda: newsgraph.merge("graph"), TypeError, "graphs must be"),
        (lambda: newsgraph.merge([42]), TypeError, r"graphs\[0\] must be a graph"),
        (lambda: newsgraph.merge([{"schema": "other/9"}]), ValueError, r"graphs\[0\].*schema"),
        (lambda: newsgraph.merge([{"nodes": []}]), ValueError, "not graph JSON"),
        (lambda: newsgraph.merge([{"schema": "newsgraph/1", "edges": [{"source": "a", "target": "b", "relation": "warned"}]}]), ValueError, "unknown endpoint"),
        (lambda: newsgraph.merge([{"schema": "newsgraph/1", "x": object()}]), TypeError, "not JSON data"),
        (lambda: newsgraph.merge([{"schema": "newsgraph/1", "x": float("inf")}]), ValueError, "not JSON data"),
        (lambda: newsgraph.to_format(newsgraph.extract("x"), "pdf"), ValueError, "unknown format"),
        (lambda: newsgraph.to_format(newsgraph.extract("x"), 3), TypeError, "format must be a str"),
        (lambda: newsgraph.to_format(newsgraph.extract("x"), "jsonld", base_iri="not an iri"), ValueError, "not an absolute IRI"),
        (lambda: newsgraph.to_format([], "json"), TypeError, "graph must be a graph"),
        (lambda: newsgraph.to_format(newsgraph.extract("x"), "dot", statements="yes"), TypeError, "statements must be True or False"),
        (lambda: newsgraph.to_format(newsgraph.extract("x"), "jsonld", base_iri=5), TypeError, "base_iri must be a str"),
        (lambda: newsgraph.merge([], resolve=1), TypeError, "resolve must be True or False"),
        (lambda: newsgraph.extract_many([], resolve="no"), TypeError, "resolve must be True or False"),
        (lambda: newsgraph.joins({"schema": "newsgraph/1", "nodes": [{"id": "x"}]}), ValueError, "not graph JSON"),
        (lambda: newsgraph.node_iri(5), TypeError, "id must be a str"),
        (lambda: newsgraph.document_iri("a", base_iri="relative/"), ValueError, "not an absolute IRI"),
        (lambda: newsgraph.to_networkx({"schema": "nope"}), ValueError, "schema"),
    ],
)
def test_bad_arguments_raise_clear_errors(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_errors_leave_the_interpreter_working():
    for bad in (b"\0\0\0", 3, "\udfff"):
        with pytest.raises((TypeError, ValueError)):
            newsgraph.extract(bad)
    assert newsgraph.extract(TALKS, id="after")["documents"][0]["id"] == "after"


def test_hostile_text_gives_a_valid_graph():
    hostile = '"' * 5000 + "\u202e\0\x1b[31m" + "Minister " * 2000 + "\n" * 300 + "said " * 3000
    g = newsgraph.extract(hostile, id="h")
    ids = {n["id"] for n in g["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in g["edges"])


# ---------------------------------------------------------------- threads


def test_a_thread_pool_extracts_concurrently_with_the_same_results():
    texts = [(f"t{i}", t) for i, t in enumerate(list(ARTICLES.values()) * 4)]
    sequential = [newsgraph.extract(t, id=i) for i, t in texts]
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        concurrent_ = list(pool.map(lambda it: newsgraph.extract(it[1], id=it[0]), texts))
        many = list(pool.map(lambda _: newsgraph.extract_many(records(), jobs=2), range(4)))
    assert concurrent_ == sequential
    assert all(m == many[0] for m in many)


def test_the_gil_is_released_while_extracting():
    # With automatic thread switching off, another Python thread can only run while the
    # extracting thread has released the GIL: the main thread, woken by `started`, must
    # see the extraction still running.
    big = (TALKS + "\n") * 400
    started = threading.Event()
    state = {"done": False}

    def work():
        started.set()
        newsgraph.extract(big, id="big")
        state["done"] = True

    old = sys.getswitchinterval()
    sys.setswitchinterval(1000.0)
    try:
        t = threading.Thread(target=work)
        t.start()
        started.wait()
        seen_running = not state["done"]
        t.join()
    finally:
        sys.setswitchinterval(old)
    assert state["done"]
    assert seen_running, "the main thread ran only after extract returned: the GIL was held"


# ---------------------------------------------------------------- docs and stubs


def _stub_functions():
    stub = pathlib.Path(newsgraph.__file__).with_name("_native.pyi")
    tree = ast.parse(stub.read_text(encoding="utf-8"))
    return {f.name: f for f in tree.body if isinstance(f, ast.FunctionDef)}


def test_the_stub_matches_the_compiled_functions():
    stubs = _stub_functions()
    public = [n for n in newsgraph.__all__ if callable(getattr(newsgraph, n)) and n != "to_networkx"]
    assert sorted(public) == sorted(n for n in stubs if not n.startswith("_"))
    for name, f in stubs.items():
        sig = inspect.signature(getattr(newsgraph._native, name))
        stub_params = [(a.arg, "positional") for a in f.args.args] + [(a.arg, "keyword") for a in f.args.kwonlyargs]
        real = [
            (p.name, "keyword" if p.kind is inspect.Parameter.KEYWORD_ONLY else "positional")
            for p in sig.parameters.values()
        ]
        assert real == stub_params, name
        defaults = [ast.literal_eval(d) for d in f.args.kw_defaults]
        real_defaults = [p.default for p in sig.parameters.values() if p.kind is inspect.Parameter.KEYWORD_ONLY]
        assert real_defaults == defaults, name


def test_every_public_function_has_a_docstring():
    for name in newsgraph.__all__:
        obj = getattr(newsgraph, name)
        if callable(obj):
            assert obj.__doc__ and len(obj.__doc__) > 80, name
    assert newsgraph.__version__


def test_the_package_docstring_example_runs():
    import doctest

    result = doctest.testmod(newsgraph)
    assert result.attempted > 0 and result.failed == 0
