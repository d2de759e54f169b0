"""newsgraph: knowledge graphs of who did what with whom, from English news text.

Actors (people, organizations, places, groups), their roles, the meetings they held,
the stances they took (met-with, warned, proposed, opposes, supports, criticized) and who
said what — every fact with its evidence (document, byte span, sentence) and a
confidence. Graphs are the graph JSON contract (``newsgraph/1``) as Python objects:
dicts with ``schema``, ``documents``, ``nodes`` and ``edges``, exactly what ``json.loads``
gives for the output of the ``newsgraph`` command-line tool.

>>> import newsgraph
>>> g = newsgraph.extract("Talks\\n\\nMinister Ana Ruiz met Carlos Vela in Lisbon.", id="d1")
>>> sorted(n["id"] for n in g["nodes"] if n["kind"] == "Person")
['person/ana-ruiz', 'person/carlos-vela']

The extraction runs in compiled Rust (``newsgraph._native``) with the GIL released, so
threads extract in parallel; ``extract_many`` also uses several cores itself.
"""

from typing import TYPE_CHECKING, Any, Dict

from ._native import (
    DEFAULT_BASE_IRI,
    FORMATS,
    SCHEMA,
    __version__,
    _check,
    document_iri,
    extract,
    extract_many,
    joins,
    merge,
    node_iri,
    to_format,
)

if TYPE_CHECKING:  # pragma: no cover
    import networkx

__all__ = [
    "DEFAULT_BASE_IRI",
    "FORMATS",
    "SCHEMA",
    "__version__",
    "document_iri",
    "extract",
    "extract_many",
    "joins",
    "merge",
    "node_iri",
    "to_format",
    "to_networkx",
]


def to_networkx(graph: Dict[str, Any]) -> "networkx.MultiDiGraph":
    """Turns a graph into a ``networkx.MultiDiGraph``.

    Nodes are keyed by their id and carry the other fields of the graph JSON node
    (``kind``, ``name``, ``aliases``, ``roles``, ``documents``, ``evidence``, ...).
    Edges go from ``source`` to ``target`` with the key ``relation`` (``relation:title``
    for ``holds-role`` edges, which may link the same two nodes under several titles)
    and carry the other fields of the edge (``relation``, ``confidence``, ``cue``,
    ``evidence``, ...). ``met-with`` holds both ways but is one edge, from the smaller
    id. The graph's ``schema`` and ``documents`` are in ``G.graph``.

    networkx is an optional dependency (``pip install networkx``); ImportError says so
    when it is missing. Raises TypeError or ValueError when ``graph`` is not graph JSON.
    """
    try:
        import networkx as nx
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError(
            "newsgraph.to_networkx needs networkx: pip install networkx"
        ) from e
    _check(graph)
    g = nx.MultiDiGraph(schema=graph.get("schema"), documents=list(graph.get("documents", [])))
    for n in graph.get("nodes", []):
        g.add_node(n["id"], **{k: v for k, v in n.items() if k != "id"})
    for e in graph.get("edges", []):
        key = e["relation"] if e.get("title") is None else f"{e['relation']}:{e['title']}"
        attrs = {k: v for k, v in e.items() if k not in ("source", "target")}
        g.add_edge(e["source"], e["target"], key=key, **attrs)
    return g
