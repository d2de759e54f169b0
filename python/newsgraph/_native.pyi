"""Type stubs of the compiled part of newsgraph (``newsgraph._native``).

Graphs are the graph JSON contract ``newsgraph/1`` as Python objects: see
``docs/graph-json.md`` of the design notes and the README.
"""

import datetime
from typing import Any, Dict, Iterable, Mapping, Optional, Tuple, Union

#: A graph: ``{"schema": "newsgraph/1", "documents": [...], "nodes": [...], "edges": [...]}``.
Graph = Dict[str, Any]
#: A publication date: ``"YYYY-MM-DD"`` (or an RFC 3339 timestamp) or a ``datetime.date``.
Published = Union[str, datetime.date, None]

__version__: str
#: The formats ``to_format`` writes: json, jsonld, dot, turtle, nquads, cypher, graphml, html.
FORMATS: Tuple[str, ...]
#: The ``schema`` of graph JSON: ``"newsgraph/1"``.
SCHEMA: str
#: The base of node IRIs in the RDF formats unless ``base_iri`` is given.
DEFAULT_BASE_IRI: str

def extract(
    text: Union[str, bytes],
    *,
    id: Union[str, int, None] = None,
    published: Published = None,
    min_confidence: float = 0.0,
) -> Graph:
    """Extracts the knowledge graph of one article.

    ``text``: headline on the first line, then paragraphs; ``str`` used as is, ``bytes``
    decoded as the CLI decodes a file. ``id``: the document id (``"document"`` when None).
    ``published``: the publication date, for dates of meetings. ``min_confidence``: stance
    edges below it (0 to 1) are dropped. Returns ``json.loads`` of what ``newsgraph extract``
    writes. Releases the GIL while extracting. TypeError/ValueError for bad arguments.
    """

def extract_many(
    records: Iterable[Mapping[str, Any]],
    *,
    jobs: Optional[int] = None,
    min_confidence: float = 0.0,
    resolve: bool = True,
) -> Graph:
    """Extracts many articles into one merged graph, as ``newsgraph extract`` does.

    ``records``: dicts ``{"id", "text", "title"?, "published"?, "url"?}`` (the JSONL fields),
    ids unique. ``jobs``: threads (all cores when None; the result is the same for any).
    ``resolve``: join actors across documents (False for one partition of a corpus whose
    graphs are merged later). The order of the records does not matter.
    """

def merge(graphs: Iterable[Graph], *, resolve: bool = True) -> Graph:
    """Merges graphs made earlier, as ``newsgraph merge`` does; in any order, same result.

    ``resolve``: join actors across documents after merging; False at the inner steps of a
    tree reduction, True once at the end.
    """

def to_format(
    graph: Graph,
    format: str,
    *,
    base_iri: Optional[str] = None,
    statements: bool = False,
) -> str:
    """Writes a graph in one of ``FORMATS`` (``"jsonld"``, ``"nquads"``, ``"cypher"``, ...)."""

def joins(graph: Graph) -> Dict[str, str]:
    """The joins cross-document resolution would make in an unresolved merged graph:
    node id → id of the node it joins."""

def node_iri(id: str, *, base_iri: Optional[str] = None) -> str:
    """The IRI the RDF formats give the node ``id``."""

def document_iri(id: str, *, base_iri: Optional[str] = None) -> str:
    """The IRI the RDF formats give the document ``id``: in N-Quads, the name of the graph
    that holds its facts."""

def _check(graph: Graph) -> None:
    """Raises TypeError or ValueError unless ``graph`` is graph JSON."""
