"""The distributed example (examples/distributed_corpus.py) on a real Dask LocalCluster
with 2 worker processes, compared with the CLI's graph of the same folder.

The 200-article check reads ../shared/corpus/bbc (the first 40 articles of each of its five
categories, copied into one folder as `<category>-<nnn>.txt`, so that document ids are file
names); the small check uses invented articles and a file that is no text."""

import json
import pathlib
import re
import shutil
import subprocess
import sys
import time

import pytest

import newsgraph

from test_api import ARTICLES, canonical

PER_CATEGORY = 40


def run_example(repo, folder, out, *extra):
    started = time.perf_counter()
    p = subprocess.run(
        [sys.executable, str(repo / "examples" / "distributed_corpus.py"), str(folder), "-o", str(out), "--workers", "2", *extra],
        capture_output=True, text=True, timeout=600,
    )
    return p, time.perf_counter() - started


def run_cli(cli, folder, out):
    started = time.perf_counter()
    p = subprocess.run([str(cli), "extract", str(folder), "--quiet", "-o", str(out)], capture_output=True, text=True)
    return p, time.perf_counter() - started


def check_nquads(out, graph, partitions):
    """The per-partition N-Quads: one file per partition, every document's facts in its
    named graph; joins.nq holds an owl:sameAs per cross-document join."""
    folder = out.with_suffix(".nquads")
    parts = sorted(folder.glob("part-*.nq"))
    assert len(parts) == partitions
    quad = re.compile(r"^(<[^>]*>|_:\S+) <[^>]*> .* (<[^>]*>) \.$")
    graphs = set()
    for p in parts:
        for line in p.read_text(encoding="utf-8").splitlines():
            m = quad.match(line)
            assert m, line
            graphs.add(m.group(2))
    docs = {f"<{newsgraph.document_iri(d['id'])}>" for d in graph["documents"]}
    assert docs <= graphs, "every document has its named graph"
    joins = (folder / "joins.nq").read_text(encoding="utf-8").splitlines()
    assert all("<http://www.w3.org/2002/07/owl#sameAs>" in j for j in joins)
    return len(joins)


def test_the_example_on_200_bbc_articles_equals_the_cli(repo, cli, bbc, dask_available, tmp, capsys):
    folder = tmp / "articles"
    folder.mkdir()
    records = []
    for category in sorted(p for p in bbc.iterdir() if p.is_dir()):
        for f in sorted(category.glob("*.txt"))[:PER_CATEGORY]:
            name = f"{category.name}-{f.name}"
            shutil.copyfile(f, folder / name)
            records.append({"id": name, "text": f.read_bytes()})
    assert len(records) == 200

    p, cli_s = run_cli(cli, folder, tmp / "cli.json")
    assert p.returncode == 0, p.stderr
    expected = json.loads((tmp / "cli.json").read_text(encoding="utf-8"))
    assert len(expected["documents"]) == 200

    out = tmp / "out" / "graph.json"
    out.parent.mkdir()
    p, dist_s = run_example(repo, folder, out)
    assert p.returncode == 0, p.stderr
    got = json.loads(out.read_text(encoding="utf-8"))
    assert canonical(got) == canonical(expected)
    # the example names each document's source as the CLI does
    assert got["documents"] == expected["documents"]

    # extract_many over the same records gives the same graph
    assert canonical(newsgraph.extract_many(records)) == canonical(expected)

    joins = check_nquads(out, got, partitions=(200 + 31) // 32)
    assert joins > 0, "some actors are joined across these articles"
    with capsys.disabled():
        print(f"\n[distributed] 200 bbc articles: CLI {cli_s:.2f} s, Dask example (2 workers) {dist_s:.2f} s; {p.stderr.strip()}")


def test_the_example_reports_bad_files_and_uses_the_others(repo, cli, dask_available, tmp):
    folder = tmp / "articles"
    (folder / "politics").mkdir(parents=True)
    for name, text in ARTICLES.items():
        (folder / "politics" / name).write_text(text, encoding="utf-8")
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
    (folder / ".hidden.txt").write_text("Hidden\n\nMinister Ana Ruiz met Carlos Vela.", encoding="utf-8")
    out = tmp / "small.json"
    p, _ = run_example(repo, folder, out, "--partition-size", "2")
    assert p.returncode == 4, p.stderr
    assert "photo.txt" in p.stderr and "PNG" in p.stderr
    cli_out = subprocess.run([str(cli), "extract", str(folder), "--quiet"], capture_output=True)
    assert cli_out.returncode == 4
    got = json.loads(out.read_text(encoding="utf-8"))
    assert [d["id"] for d in got["documents"]] == [f"politics/{n}" for n in ARTICLES]
    assert canonical(got) == canonical(json.loads(cli_out.stdout))
    check_nquads(out, got, partitions=3)


def test_the_example_refuses_bad_usage(repo, tmp):
    script = str(repo / "examples" / "distributed_corpus.py")
    for args, code in (
        ([str(tmp / "missing"), "-o", str(tmp / "x.json")], 2),
        ([str(tmp), "-o", str(tmp / "x.json"), "--workers", "0"], 1),
        ([str(tmp)], 1),
        ([str(tmp), "-o", str(tmp / "x.json")], 2),  # no articles
    ):
        p = subprocess.run([sys.executable, script, *args], capture_output=True, text=True)
        assert p.returncode == code, (args, p.stderr)
        assert p.stderr.startswith("newsgraph: "), p.stderr
        assert "Traceback" not in p.stderr
    assert not pathlib.Path(tmp / "x.json").exists()
