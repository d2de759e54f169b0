#!/usr/bin/env python3
"""Extracts a folder of articles on a Dask cluster into one merged graph.

    python examples/distributed_corpus.py INPUT_DIR -o OUT.json [--workers N]
        [--scheduler ADDRESS] [--partition-size N] [--fan-in N] [--base-iri IRI]

The articles (``*.txt`` and ``*.md`` under INPUT_DIR, hidden files and folders skipped)
are split into partitions of consecutive documents. Each partition is a task: a worker
reads its files, extracts them with ``newsgraph.extract_many(..., resolve=False)`` into
one partition graph, and writes that graph's N-Quads. Partition graphs are then merged
pairwise (``newsgraph.merge(..., resolve=False)``) in a tree reduction on the workers, and
the last task joins actors across documents once, on the whole graph. Merging does not
depend on order or grouping (see the README, "Corpora larger than one machine"), so OUT.json
is the graph ``newsgraph extract INPUT_DIR`` writes, byte for byte but for the documents'
``source``.

Written next to OUT.json, in ``OUT.nquads/`` (OUT without its extension):
- ``part-NNNNN.nq``: each partition's facts as N-Quads, every document in its own named
  graph (``<base>document/<id>``), for bulk loading into a triple store or Neo4j;
- ``joins.nq``: ``owl:sameAs`` links between the nodes that cross-document resolution
  joined (``person/hale`` → ``person/maria-hale``), which the per-partition facts cannot
  know.

Without ``--scheduler`` a local cluster of ``--workers`` processes (one thread each) is
started; with it, the job runs on that cluster, whose workers must see INPUT_DIR and the
output folder at the same paths (a shared file system) and have newsgraph installed.
Document ids are paths relative to INPUT_DIR, as the CLI gives them.

Exit codes as the CLI's: 0 success, 1 usage error, 2 no input could be used, 3 output
could not be written, 4 some inputs failed (reported on stderr; the others were used).
"""

import argparse
import json
import logging
import os
import sys
import time

import newsgraph

OWL_SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"
TEXT_EXTENSIONS = (".txt", ".md")
OTHER_ARTICLE_EXTENSIONS = (".html", ".htm", ".jsonl")


class Usage(Exception):
    pass


class Parser(argparse.ArgumentParser):
    def error(self, message):
        raise Usage(message)


def discover(root):
    """(document id, path) of every text or Markdown file under root, sorted by id;
    and the article files of other kinds that are skipped."""
    found, skipped = [], []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, root).replace(os.sep, "/")
            lower = name.lower()
            if lower.endswith(TEXT_EXTENSIONS):
                found.append((rel, path))
            elif lower.endswith(OTHER_ARTICLE_EXTENSIONS):
                skipped.append(path)
    found.sort()
    return found, skipped


def write_atomic(path, data):
    tmp = f"{path}.tmp-{os.getpid()}"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def extract_partition(index, files, nquads_dir, base_iri):
    """Runs on a worker: reads and extracts one partition, writes its N-Quads.
    Returns (partition graph, failures)."""
    records, failures = [], []
    for doc_id, path in files:
        try:
            with open(path, "rb") as f:
                records.append({"id": doc_id, "text": f.read(), "url": path})
        except OSError as e:
            failures.append(f"{path}: {e.strerror or e}")
    try:
        graph = newsgraph.extract_many(records, jobs=1, resolve=False)
    except ValueError:
        # a file that is no text (binary data): find it, report it, use the others
        good = []
        for r in records:
            try:
                newsgraph.extract(r["text"], id=r["id"])
                good.append(r)
            except ValueError as e:
                failures.append(f"{r['url']}: {e}")
        graph = newsgraph.extract_many(good, jobs=1, resolve=False)
    quads = newsgraph.to_format(graph, "nquads", base_iri=base_iri)
    write_atomic(os.path.join(nquads_dir, f"part-{index:05d}.nq"), quads.encode("utf-8"))
    return graph, failures


def merge_partitions(*results):
    """Runs on a worker: one step of the tree reduction (no resolution yet)."""
    graph = newsgraph.merge([g for g, _ in results], resolve=False)
    return graph, [f for _, fs in results for f in fs]


def finish(result):
    """Runs on a worker: joins actors across documents once, on the whole graph, as the
    CLI does when it read more than one document. Returns the graph JSON text, the joins
    and the failures."""
    graph, failures = result
    if len(graph["documents"]) > 1:
        joins = newsgraph.joins(graph)
        graph = newsgraph.merge([graph])
    else:
        joins = {}
    return newsgraph.to_format(graph, "json"), joins, failures


def run(args):
    started = time.perf_counter()
    if not os.path.isdir(args.input_dir):
        print(f"newsgraph: {args.input_dir}: not a directory", file=sys.stderr)
        return 2
    files, skipped = discover(args.input_dir)
    for path in skipped:
        print(f"newsgraph: warning: {path}: HTML and JSONL files are not read by this example; skipped", file=sys.stderr)
    if not files:
        print(f"newsgraph: {args.input_dir}: no article files (*.txt, *.md) in this directory", file=sys.stderr)
        return 2
    out = os.path.abspath(args.output)
    nquads_dir = os.path.splitext(out)[0] + ".nquads"
    try:
        os.makedirs(nquads_dir, exist_ok=True)
        for name in os.listdir(nquads_dir):  # parts of an earlier run
            if name.startswith("part-") and name.endswith(".nq"):
                os.remove(os.path.join(nquads_dir, name))
    except OSError as e:
        print(f"newsgraph: cannot create {nquads_dir}: {e}", file=sys.stderr)
        return 3
    size = args.partition_size
    partitions = [files[i : i + size] for i in range(0, len(files), size)]

    # imported here so that --help and usage errors need no Dask
    from dask.distributed import Client, LocalCluster

    if args.scheduler:
        cluster = None
        client = Client(args.scheduler)
    else:
        cluster = LocalCluster(
            n_workers=args.workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        client = Client(cluster)
    try:
        cluster_up = time.perf_counter()
        level = [
            client.submit(extract_partition, i, part, nquads_dir, args.base_iri, pure=False)
            for i, part in enumerate(partitions)
        ]
        while len(level) > 1:
            level = [
                client.submit(merge_partitions, *level[i : i + args.fan_in], pure=False)
                for i in range(0, len(level), args.fan_in)
            ]
        text, joins, failures = client.submit(finish, level[0], pure=False).result()
        del level
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    for f in failures:
        print(f"newsgraph: {f}", file=sys.stderr)
    try:
        lines = "".join(
            f"<{newsgraph.node_iri(a, base_iri=args.base_iri)}> <{OWL_SAME_AS}> "
            f"<{newsgraph.node_iri(b, base_iri=args.base_iri)}> .\n"
            for a, b in sorted(joins.items())
        )
        write_atomic(os.path.join(nquads_dir, "joins.nq"), lines.encode("utf-8"))
        write_atomic(out, text.encode("utf-8"))
    except OSError as e:
        print(f"newsgraph: cannot write {out}: {e}", file=sys.stderr)
        return 3
    documents = len(json.loads(text)["documents"])
    done = time.perf_counter()
    print(
        f"newsgraph: {documents} documents in {len(partitions)} partitions on "
        f"{'the cluster at ' + args.scheduler if args.scheduler else str(args.workers) + ' local workers'}: "
        f"{done - started:.2f} s ({cluster_up - started:.2f} s starting the cluster), "
        f"{len(joins)} joins across documents",
        file=sys.stderr,
    )
    if documents == 0:
        return 2
    return 4 if failures else 0


def main(argv=None):
    p = Parser(description=__doc__.split("\n\n")[0])
    p.add_argument("input_dir", metavar="INPUT_DIR", help="folder of articles (*.txt, *.md), walked recursively")
    p.add_argument("-o", "--output", required=True, metavar="OUT.json", help="the merged graph (graph JSON)")
    p.add_argument("--workers", type=int, default=2, help="worker processes of the local cluster (default 2)")
    p.add_argument("--scheduler", metavar="ADDRESS", help="run on this Dask cluster (tcp://host:8786) instead of a local one")
    p.add_argument("--partition-size", type=int, default=32, metavar="N", help="documents per partition (default 32)")
    p.add_argument("--fan-in", type=int, default=2, metavar="N", help="partition graphs merged by one task of the tree (default 2)")
    p.add_argument("--base-iri", default=newsgraph.DEFAULT_BASE_IRI, metavar="IRI", help="base of node IRIs in the N-Quads")
    try:
        args = p.parse_args(argv)
        if args.workers < 1 or args.partition_size < 1 or args.fan_in < 2:
            raise Usage("--workers and --partition-size must be at least 1, --fan-in at least 2")
        newsgraph.node_iri("x", base_iri=args.base_iri)
    except (Usage, ValueError) as e:
        print(f"newsgraph: {e}", file=sys.stderr)
        return 1
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
