"""Where the graph lives: an embedded Oxigraph store, or any SPARQL 1.1 server.

Both backends answer the same small interface, so nothing above this module
knows which one it talks to. Queries reach Oxigraph's own engine (in process,
or over HTTP); results come back as pyoxigraph objects in both cases, and the
endpoint serialises them with the same code (graph/results.py).

Writes replace one named graph at a time, atomically: one SPARQL Update
transaction in the embedded store, one Graph Store Protocol PUT on a server.
"""

from __future__ import annotations

import json
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import httpx
from pyoxigraph import (
    DefaultGraph,
    NamedNode,
    Quad,
    QueryResultsFormat,
    RdfFormat,
    Store,
    Triple,
    parse,
    parse_query_results,
    serialize,
)

from talkgraph.graph.errors import TalkgraphError
from talkgraph.graph.rdf.isolation import FORK_GATE, run_with_deadline
from talkgraph.graph.rdf.policy import SparqlRequestError
from talkgraph.graph.rdf.results import GRAPH_FORMATS, MEDIA_TYPES, RESULT_FORMATS, SerializedResult, serialize_result

Row = dict  # variable name → pyoxigraph term


class StoreError(TalkgraphError, RuntimeError):
    """The store cannot be opened or reached (a message for people, not a traceback)."""

    status = 502


@dataclass
class Dataset:
    """The RDF dataset of a query, as the SPARQL Protocol lets a request choose it."""

    default_graphs: list[str] | None = None  # None: the union of all graphs; []: an empty default graph
    named_graphs: list[str] | None = None  # None: every named graph


class GraphStore(ABC):
    description: str

    @abstractmethod
    def select(self, sparql: str) -> list[Row]:
        """Run a trusted, built-in SELECT over the union of all graphs."""

    @abstractmethod
    def execute(
        self, sparql: str, fmt: str, *, row_limit: int, timeout: float, dataset: Dataset | None = None
    ) -> SerializedResult:
        """Run a user's query under a time limit and return it serialised in fmt."""

    @abstractmethod
    def update(self, sparql: str) -> None: ...

    def update_together(self, operations: list[str]) -> None:
        """SPARQL update operations that belong together, as one request (one transaction)."""
        self.update(" ;\n".join(operations))

    @abstractmethod
    def replace_graph(self, graph: str, quads: Iterable[Quad]) -> None:
        """Make graph hold exactly these quads, in one transaction."""

    @abstractmethod
    def drop_graph(self, graph: str) -> None: ...

    @abstractmethod
    def graphs(self) -> set[str]: ...

    @abstractmethod
    def quads(self, graph: str | None = None) -> list[Quad]:
        """Every quad of one named graph (graph=None: of all graphs)."""

    def close(self) -> None:  # noqa: B027 - a no-op is right for stores that hold nothing open
        """Release the store (the embedded one flushes and unlocks its directory)."""

    def export(self, fmt: str) -> bytes:
        """The whole dataset: N-Quads/TriG/JSON-LD keep graphs; Turtle and others merge them."""
        rdf_format = GRAPH_FORMATS[fmt]
        quads = self.quads()
        if not rdf_format.supports_datasets:
            quads = [Quad(q.subject, q.predicate, q.object, DefaultGraph()) for q in quads]
            return serialize([q.triple for q in quads], format=rdf_format)
        return serialize(quads, format=rdf_format)

    def graph_triples(self, graph: str | None, fmt: str) -> bytes:
        """One graph as triples (graph=None: the default graph), for the Graph Store Protocol."""
        quads = self.quads(graph) if graph else [q for q in self.quads() if isinstance(q.graph_name, DefaultGraph)]
        return serialize([q.triple for q in quads], format=GRAPH_FORMATS[fmt])


class EmbeddedStore(GraphStore):
    """pyoxigraph's Store: durable on disk (RocksDB) under a data directory, or in memory for tests.

    With a directory, queries run on an in-memory working copy loaded from disk at open,
    and every write goes to disk first, then to the copy. Queries run in forked children
    (graph/rdf/isolation.py), and a child must never touch RocksDB: its background threads
    may hold a lock at the moment of the fork, and the child would then wait forever.
    """

    def __init__(self, path: Path | None = None):
        self.path = path
        self.disk: Store | None = None
        try:
            if path is not None:
                path.mkdir(parents=True, exist_ok=True)
                self.disk = Store(str(path))
        except OSError as exc:
            hint = (
                " (is another talkgraph process, such as `talkgraph serve`, using it?)"
                if "lock" in str(exc).lower()
                else ""
            )
            raise StoreError(f"cannot open the store at {path}: {exc}{hint}") from None
        self.store = Store()
        if self.disk is not None:
            self.store.extend(self.disk)
        self.description = f"embedded Oxigraph at {path}" if path else "embedded Oxigraph in memory"

    def _write(self, update: str) -> None:
        """Apply one update (one transaction) to disk, then to the working copy."""
        with FORK_GATE.reading():
            for store in (self.disk, self.store):
                if store is not None:
                    store.update(update)

    def select(self, sparql: str) -> list[Row]:
        with FORK_GATE.reading():
            solutions = self.store.query(sparql, use_default_graph_as_union=True)
            names = [v.value for v in solutions.variables]
            return [{name: s[name] for name in names} for s in solutions]

    def execute(self, sparql, fmt, *, row_limit, timeout, dataset=None):
        dataset = dataset or Dataset()

        def work() -> SerializedResult:
            try:
                result = self.store.query(
                    sparql,
                    use_default_graph_as_union=dataset.default_graphs is None,
                    default_graph=_nodes(dataset.default_graphs),
                    named_graphs=_nodes(dataset.named_graphs),
                )
                return serialize_result(result, fmt, row_limit)
            except SyntaxError as exc:
                raise SparqlRequestError(f"SPARQL syntax error: {exc}") from None

        return run_with_deadline(work, timeout)

    def update(self, sparql: str) -> None:
        try:
            self._write(sparql)
        except SyntaxError as exc:
            raise SparqlRequestError(f"SPARQL syntax error: {exc}") from None

    def replace_graph(self, graph: str, quads: Iterable[Quad]) -> None:
        target = NamedNode(graph)
        body = "\n".join(f"{q.subject} {q.predicate} {_sparql_term(q.object)} ." for q in quads)
        # One update request is one transaction: readers see the old graph or the new one, never half.
        self._write(f"DROP SILENT GRAPH {target} ;\nINSERT DATA {{ GRAPH {target} {{\n{body}\n}} }}")

    def drop_graph(self, graph: str) -> None:
        self._write(f"DROP SILENT GRAPH {NamedNode(graph)}")

    def graphs(self) -> set[str]:
        with FORK_GATE.reading():
            return {g.value for g in self.store.named_graphs() if isinstance(g, NamedNode)}

    def quads(self, graph: str | None = None) -> list[Quad]:
        with FORK_GATE.reading():
            return list(self.store.quads_for_pattern(None, None, None, NamedNode(graph) if graph else None))

    def close(self) -> None:
        if self.disk is not None:
            with FORK_GATE.reading():
                self.disk.flush()
            del self.disk
        del self.store

    def rdflib_dataset(self):
        """The same data as an rdflib Dataset (oxrdflib), for rdflib-based tools such as pyshacl (read it only:
        writes through this view would miss the disk)."""
        from oxrdflib import OxigraphStore  # noqa: PLC0415 - only some callers need rdflib's view
        from rdflib import Dataset as RdflibDataset  # noqa: PLC0415

        return RdflibDataset(store=OxigraphStore(store=self.store), default_union=True)


# Named graphs a SPARQL server keeps for its own workings (Virtuoso's schemas, its DAV and service graphs);
# as a SPARQL regex too, so they are left out by the server (their blank nodes are not even valid RDF terms).
SERVER_GRAPHS_PATTERN = (
    r"^(http://www\.openlinksw\.com/schemas/virtrdf#|http://www\.w3\.org/ns/ldp#$|http://www\.w3\.org/2002/07/owl#$"
    r"|http://localhost:[0-9]+/(DAV/|sparql$))"
)
_NOT_SERVER_GRAPH = "FILTER(!REGEX(STR(?g), " + json.dumps(SERVER_GRAPHS_PATTERN) + "))"


class RemoteStore(GraphStore):
    """Any SPARQL 1.1 server (Oxigraph server, Fuseki, Virtuoso, Neptune …) over HTTP.

    Built-in queries read the union of all graphs from the default graph, so the
    server must be configured that way (Oxigraph: `serve --union-default-graph`;
    Fuseki: `tdb2:unionDefaultGraph true`; Virtuoso does it by default). Graphs a
    server keeps for itself (Virtuoso's schemas and DAV) are not the user's data:
    graphs(), quads() and export leave them out.
    """

    def __init__(
        self,
        query_url: str,
        update_url: str | None = None,
        store_url: str | None = None,
        auth: tuple[str, str] | httpx.Auth | None = None,
        timeout: float = 30.0,
        max_update_bytes: int | None = None,
    ):
        self.query_url = query_url
        self.update_url = update_url or query_url
        self.store_url = store_url
        self.client = httpx.Client(auth=auth, timeout=timeout, follow_redirects=False)
        self.max_update_bytes = max_update_bytes
        self.description = f"SPARQL server at {query_url}"

    def select(self, sparql: str) -> list[Row]:
        solutions = parse_query_results(self._query(sparql, "json").content, QueryResultsFormat.JSON)
        names = [v.value for v in solutions.variables]
        return [{name: s[name] for name in names} for s in solutions]

    def execute(self, sparql, fmt, *, row_limit, timeout, dataset=None):
        # Ask the server for a lossless format (CSV drops datatypes), then serialise here with the row cap.
        if fmt in RESULT_FORMATS:
            response = self._query(sparql, "json", dataset or Dataset(), timeout)
            result = parse_query_results(response.content, QueryResultsFormat.JSON)
        else:
            response = self._query(sparql, "ntriples", dataset or Dataset(), timeout)
            result = list(parse(response.content, format=RdfFormat.N_TRIPLES))  # CONSTRUCT/DESCRIBE triples
        return serialize_result(result, fmt, row_limit)

    def update(self, sparql: str) -> None:
        self._post(self.update_url, data={"update": sparql})

    def update_together(self, operations: list[str]) -> None:
        """One request, unless the server caps an update's size (max_update_bytes; Virtuoso's SPARQL compiler
        runs out of memory on a few MB): then requests within the cap, in order, with large INSERT/DELETE DATA
        split by triple. Such a server can be left with part of the operations if a request fails between."""
        text = " ;\n".join(operations)
        if self.max_update_bytes is None or len(text.encode()) <= self.max_update_bytes:
            return self.update(text)
        pieces = [piece for operation in operations for piece in _split_data(operation, self.max_update_bytes)]
        batch: list[str] = []
        for piece in pieces:
            if batch and len(" ;\n".join([*batch, piece]).encode()) > self.max_update_bytes:
                self.update(" ;\n".join(batch))
                batch = []
            batch.append(piece)
        if batch:
            self.update(" ;\n".join(batch))

    def replace_graph(self, graph: str, quads: Iterable[Quad]) -> None:
        body = serialize([q.triple for q in quads], format=RdfFormat.N_TRIPLES)
        if self.store_url:
            self._request(
                "PUT",
                self.store_url,
                params={"graph": graph},
                content=body,
                headers={"Content-Type": "application/n-triples"},
            )
        else:  # one update request; servers run it as one transaction
            self.update(f"DROP SILENT GRAPH <{graph}> ;\nINSERT DATA {{ GRAPH <{graph}> {{\n{body.decode()}\n}} }}")

    def drop_graph(self, graph: str) -> None:
        self.update(f"DROP SILENT GRAPH <{graph}>")

    def graphs(self) -> set[str]:
        rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } " + _NOT_SERVER_GRAPH + " }")
        return {r["g"].value for r in rows}

    def quads(self, graph: str | None = None) -> list[Quad]:
        where = f"GRAPH <{graph}> {{ ?s ?p ?o }} BIND(<{graph}> AS ?g)" if graph else "GRAPH ?g { ?s ?p ?o } "
        rows = self.select(f"SELECT ?s ?p ?o ?g WHERE {{ {where}{'' if graph else _NOT_SERVER_GRAPH} }}")
        return [Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows]

    def close(self) -> None:
        self.client.close()

    def _query(
        self, sparql: str, fmt: str, dataset: Dataset | None = None, timeout: float | None = None
    ) -> httpx.Response:
        params: list[tuple[str, str]] = []
        if dataset is not None:
            params += [("default-graph-uri", g) for g in dataset.default_graphs or []]
            params += [("named-graph-uri", g) for g in dataset.named_graphs or []]
        return self._post(
            self.query_url,
            data={"query": sparql},
            params=params,
            headers={"Accept": MEDIA_TYPES[fmt].split(";")[0]},
            timeout=timeout,
        )

    def _post(self, url: str, **kwargs) -> httpx.Response:
        return self._request("POST", url, **kwargs)

    def _request(self, method: str, url: str, timeout: float | None = None, **kwargs) -> httpx.Response:
        try:
            response = self.client.request(method, url, timeout=timeout or self.client.timeout, **kwargs)
        except httpx.TimeoutException:
            from talkgraph.graph.rdf.isolation import QueryTimeout  # noqa: PLC0415 - same error as the embedded store

            raise QueryTimeout(f"the SPARQL server did not answer within the time limit ({url})") from None
        except httpx.HTTPError as exc:
            raise StoreError(f"cannot reach the SPARQL server at {url}: {exc}") from None
        if response.status_code == 400:
            raise SparqlRequestError(f"the SPARQL server refused the request: {response.text[:500]}")
        if response.status_code >= 300:
            raise StoreError(f"the SPARQL server at {url} answered {response.status_code}: {response.text[:300]}")
        return response


def _nodes(graphs: list[str] | None) -> list[NamedNode] | None:
    """None stays None (no choice made); an empty list stays empty (an empty graph, or no named graphs)."""
    return None if graphs is None else [NamedNode(g) for g in graphs]


def _sparql_term(term) -> str:
    """A term as SPARQL writes it: str() of a triple term (RDF 1.2) leaves out its <<( )>>."""
    if isinstance(term, Triple):
        return f"<<( {term.subject} {term.predicate} {_sparql_term(term.object)} )>>"
    return str(term)


def open_store(data_dir: Path | None, store_url: str | None = None, **remote) -> GraphStore:
    """The store for a data directory (embedded), or the server at store_url; None, None: in memory."""
    if store_url:
        return RemoteStore(store_url, **remote)
    return EmbeddedStore(None if data_dir is None else data_dir / "store")


_DATA = re.compile(r"(INSERT|DELETE) DATA \{ GRAPH <([^>]*)> \{\n(.*)\n\} \}", re.DOTALL)


def _split_data(operation: str, limit: int) -> list[str]:
    """An INSERT/DELETE DATA of one graph (one triple per line) as several within the limit; others as they are."""
    found = _DATA.fullmatch(operation)
    if found is None or len(operation.encode()) <= limit:
        return [operation]
    verb, graph, body = found.groups()
    pieces, lines, size = [], [], 0
    for line in body.split("\n"):
        if lines and size + len(line.encode()) > limit // 2:
            pieces.append(lines)
            lines, size = [], 0
        lines.append(line)
        size += len(line.encode()) + 1
    pieces.append(lines)
    return [f"{verb} DATA {{ GRAPH <{graph}> {{\n" + "\n".join(chunk) + "\n} }" for chunk in pieces]
