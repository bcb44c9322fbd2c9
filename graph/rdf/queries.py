"""What a query worker does with a user's query: check it, run it, serialise it, in one round trip.

The policy check (graph/rdf/policy.py, rdflib's parser) and the run share the
worker and its time limit, so a query that is slow to parse is stopped like one
that is slow to run. The check's verdict does not depend on the data (only the
graphs a query names are looked up, each time), so it is kept per query text:
a repeated query is parsed by the engine alone.

A new text pays rdflib's parse (5 ms for a one-triple lookup with the usual
prefixes, 20–55 ms for the example queries), so a short SELECT or ASK whose text
cannot name a remote service or a graph (neither word is in it, not even in a
comment or a string) is not parsed for the policy: nothing in it can be refused,
and the engine's own parse, to run it, finds its syntax errors (said in rdflib's
words, as before, by the policy's parse of the text that failed). Short, because
Oxigraph's parser recurses without a bound: about 2,180 nested groups overflow a
worker's 8 MB stack and kill it, where rdflib answers a syntax error.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass

from pyoxigraph import BlankNode, DefaultGraph, NamedNode, QueryBoolean, QuerySolutions, Store

from talkgraph.graph.rdf.policy import (
    CheckedQuery,
    check_graphs,
    check_query,
    check_update,
    engine_syntax_error,
    normalised,
)
from talkgraph.graph.rdf.results import SerializedResult, serialize_result

GRAPH_FORMS = ("construct", "describe")
# What the policy looks for is only ever spelt with one of these words (keywords are case-insensitive tokens;
# \u escapes are expanded by normalised() first): a text without them has no SERVICE and no FROM.
REACHES_OUT = re.compile("service|from", re.IGNORECASE)
UNPARSED_LONGEST = 2_000  # characters: at most 1,000 nested groups, half of what overflows Oxigraph's parser


@dataclass
class Dataset:
    """The RDF dataset of a query, as the SPARQL Protocol lets a request choose it."""

    default_graphs: list[str] | None = None  # None: the union of all graphs; []: an empty default graph
    named_graphs: list[str] | None = None  # None: every named graph


@dataclass(frozen=True)
class QueryRequest:
    """A user's query as the endpoint received it, with the formats it may be answered in."""

    text: str
    result_format: str | None  # for SELECT/ASK; None: the request accepts none
    graph_format: str | None  # for CONSTRUCT/DESCRIBE
    row_limit: int
    allow_remote: bool = False
    default_graphs: tuple[str, ...] = ()  # the protocol's default-graph-uri
    named_graphs: tuple[str, ...] = ()  # the protocol's named-graph-uri

    def format_for(self, checked: CheckedQuery) -> str | None:
        return self.graph_format if checked.form in GRAPH_FORMS else self.result_format

    def dataset(self, checked: CheckedQuery) -> Dataset:
        """The protocol's dataset replaces the query's, whole (SPARQL 1.1 Protocol 2.1.4).

        A dataset given either way holds exactly the graphs it lists: no default graph listed means an
        empty one, no named graph listed means none. Given neither way: the union of all graphs.
        """
        if self.default_graphs or self.named_graphs:
            return Dataset(list(self.default_graphs), list(self.named_graphs))
        if checked.from_graphs or checked.from_named:
            return Dataset(checked.from_graphs, checked.from_named)
        return Dataset()

    def names_graphs(self, checked: CheckedQuery) -> bool:
        return bool(checked.from_graphs or checked.from_named or self.default_graphs or self.named_graphs)

    def refuse_unknown_graphs(self, checked: CheckedQuery, store_graphs) -> None:
        """FROM and the protocol's graph parameters may name only graphs the store holds."""
        if self.allow_remote:
            return
        check_graphs(checked.from_graphs + checked.from_named, store_graphs, "FROM")
        check_graphs(list(self.default_graphs + self.named_graphs), store_graphs, "default-graph-uri/named-graph-uri")


class _AnyGraph:
    """Every graph: the parse-only check leaves the graphs a query names to refuse_unknown_graphs."""

    def __contains__(self, graph: object) -> bool:
        return True


class StoreGraphs:
    """The named graphs of a pyoxigraph store, looked up one by one (no listing of every graph)."""

    def __init__(self, store: Store):
        self.store = store

    def __contains__(self, graph: object) -> bool:
        try:
            return self.store.contains_named_graph(NamedNode(str(graph)))
        except ValueError:  # not an IRI
            return False


class Verdicts:
    """The policy's verdicts on recent query texts (only accepted ones: a refusal is raised, not kept).

    Texts up to `longest` characters are kept, so the cache holds at most size × longest × 2 characters."""

    def __init__(self, size: int = 512, longest: int = 32_000):
        self.size = size
        self.longest = longest
        self._kept: OrderedDict[tuple[str, bool], CheckedQuery] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, text: str, allow_remote: bool) -> CheckedQuery | None:
        with self._lock:
            checked = self._kept.get((text, allow_remote))
            if checked is not None:
                self._kept.move_to_end((text, allow_remote))
            return checked

    def put(self, text: str, allow_remote: bool, checked: CheckedQuery) -> None:
        if len(text) > self.longest:
            return
        with self._lock:
            self._kept[(text, allow_remote)] = checked
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)


VERDICTS = Verdicts()


# --- jobs: the functions a worker runs (each takes the worker's store first) --------------------


def parse_job(_store: object, text: str, allow_remote: bool) -> CheckedQuery:
    return check_query(text, _AnyGraph(), allow_remote)  # type: ignore[arg-type]


def check_update_job(_store: object, text: str, allow_remote: bool) -> str:
    return check_update(text, allow_remote)


def answer_job(
    store: Store, request: QueryRequest, checked: CheckedQuery | None
) -> tuple[CheckedQuery, SerializedResult | None]:
    """Check (unless a verdict is given), then run and serialise; None as the result: no acceptable format."""
    if checked is None:
        text = normalised(request.text)
        if len(text) <= UNPARSED_LONGEST and not REACHES_OUT.search(text):
            answered = _answer_unparsed(store, request, text)
            if answered is not None:
                return answered
        checked = parse_job(store, request.text, request.allow_remote)
    if request.names_graphs(checked):
        request.refuse_unknown_graphs(checked, StoreGraphs(store))
    fmt = request.format_for(checked)
    if fmt is None:
        return checked, None
    return checked, run_job(store, checked.text, fmt, request.row_limit, request.dataset(checked))


def _answer_unparsed(
    store: Store, request: QueryRequest, text: str
) -> tuple[CheckedQuery, SerializedResult | None] | None:
    """A text that names no service and no graph, run without the policy's parse: its form is its result's.
    None (then the policy parses it, as before): a syntax error, or a graph (CONSTRUCT and DESCRIBE look
    alike from their triples, and the form is said in a refusal), or no format the request accepts."""
    unparsed = CheckedQuery("select", text)  # no FROM in the text: the dataset is the request's
    if request.names_graphs(unparsed):
        request.refuse_unknown_graphs(unparsed, StoreGraphs(store))
    try:
        result = _query(store, text, request.dataset(unparsed))
    except SyntaxError:
        return None
    if isinstance(result, QuerySolutions):
        checked = unparsed
    elif isinstance(result, QueryBoolean):
        checked = CheckedQuery("ask", text)
    else:
        return None
    fmt = request.format_for(checked)
    if fmt is None:
        return None
    return checked, serialize_result(result, fmt, request.row_limit)


def run_job(store: Store, sparql: str, fmt: str, row_limit: int, dataset: Dataset | None) -> SerializedResult:
    try:
        return serialize_result(_query(store, sparql, dataset), fmt, row_limit)
    except SyntaxError as exc:
        raise engine_syntax_error(sparql, exc) from None


def _query(store: Store, sparql: str, dataset: Dataset | None):
    dataset = dataset or Dataset()
    return store.query(
        sparql,
        use_default_graph_as_union=dataset.default_graphs is None,
        default_graph=_nodes(dataset.default_graphs),
        named_graphs=_named(dataset.named_graphs),
    )


def open_snapshot(path: str) -> Store:
    """A worker's store: a snapshot nobody writes to, so a read-only open is safe beside the writer."""
    return Store.read_only(path)


def no_store() -> None:
    """A worker for a remote store holds no data: it only checks queries."""
    return None


def _named(graphs: list[str] | None) -> list[NamedNode | BlankNode] | None:
    return None if graphs is None else [NamedNode(g) for g in graphs]


def _nodes(graphs: list[str] | None) -> list[NamedNode | BlankNode | DefaultGraph] | None:
    """None stays None (no choice made); an empty list stays empty (an empty graph, or no named graphs)."""
    return None if graphs is None else [NamedNode(g) for g in graphs]
