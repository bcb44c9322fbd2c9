"""Where the graph lives: an embedded Oxigraph store, or any SPARQL 1.1 server.

Both backends answer the same small interface, so nothing above this module
knows which one it talks to. Queries reach Oxigraph's own engine (in process,
or over HTTP); results come back as pyoxigraph objects in both cases, and the
endpoint serialises them with the same code (graph/results.py).

Writes replace one named graph at a time, atomically: one SPARQL Update
transaction in the embedded store, one Graph Store Protocol PUT on a server.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import os
import re
import secrets
import shutil
import threading
import time
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import httpx
from pyoxigraph import (
    DefaultGraph,
    NamedNode,
    Quad,
    QueryResultsFormat,
    QuerySolutions,
    RdfFormat,
    Store,
    Triple,
    parse,
    parse_query_results,
    serialize,
)

from talkgraph.graph.durable import replace_durably
from talkgraph.graph.errors import TalkgraphError
from talkgraph.graph.rdf.isolation import FORK_GATE, QueryTimeout, StoreSource, WorkerPool
from talkgraph.graph.rdf.policy import CheckedQuery, SparqlRequestError
from talkgraph.graph.rdf.queries import (
    VERDICTS,
    Dataset,
    QueryRequest,
    answer_job,
    no_store,
    open_snapshot,
    parse_job,
    run_job,
)
from talkgraph.graph.rdf.results import (
    GRAPH_FORMATS,
    MEDIA_TYPES,
    RESULT_FORMATS,
    SerializedResult,
    serialize_result,
    written,
)

Row = dict  # variable name → pyoxigraph term
T = TypeVar("T")
log = logging.getLogger(__name__)
__all__ = ["Dataset", "EmbeddedStore", "GraphStore", "QueryLimits", "RemoteStore", "StoreError", "open_store"]


_POOL_START = threading.Lock()
BULK_QUADS = 20_000  # parts at least this large go through the embedded store's bulk loader
# How the workers follow RocksDB's background compaction (EmbeddedStore._follow_compaction): the store's directory is
# looked at (one stat) at most this often, and must have been unchanged this long before a new snapshot is published.
COMPACTION_LOOK_EVERY = 1.0  # seconds
COMPACTION_QUIET = 2.0  # seconds


class StoreError(TalkgraphError, RuntimeError):
    """The store cannot be opened or reached (a message for people, not a traceback)."""

    status = 502


@dataclass(frozen=True)
class QueryLimits:
    """How users' queries run: workers (= queries at once), how many may wait, and each one's memory."""

    workers: int = 4
    queue: int = 16
    queue_wait: float = 10.0  # seconds a query may wait for a worker (not counted against its time limit)
    memory_mb: int | None = 500  # address space a worker may add while running a query; None: no cap


class GraphStore(ABC):
    description: str
    limits: QueryLimits = QueryLimits()
    _pool: WorkerPool | None = None

    @abstractmethod
    def select(self, sparql: str) -> list[Row]:
        """Run a trusted, built-in SELECT over the union of all graphs."""

    @abstractmethod
    def execute(
        self, sparql: str, fmt: str, *, row_limit: int, timeout: float, dataset: Dataset | None = None
    ) -> SerializedResult:
        """Run a checked query under a time limit and return it serialised in fmt."""

    def answer(self, request: QueryRequest, timeout: float) -> tuple[CheckedQuery, SerializedResult | None]:
        """A user's query, checked by the policy and run under one time limit (waiting for a worker aside).

        The result is None when the request accepts no format for the query's form."""
        checked = VERDICTS.get(request.text, request.allow_remote)
        checked, result = self._answer(request, checked, timeout)
        VERDICTS.put(request.text, request.allow_remote, checked)
        return checked, result

    async def answer_async(self, request: QueryRequest, timeout: float) -> tuple[CheckedQuery, SerializedResult | None]:
        """answer() for the server's event loop (the embedded store awaits its worker without a thread)."""
        checked = VERDICTS.get(request.text, request.allow_remote)
        checked, result = await self._answer_async(request, checked, timeout)
        VERDICTS.put(request.text, request.allow_remote, checked)
        return checked, result

    @abstractmethod
    def _answer(
        self, request: QueryRequest, checked: CheckedQuery | None, timeout: float
    ) -> tuple[CheckedQuery, SerializedResult | None]: ...

    async def _answer_async(
        self, request: QueryRequest, checked: CheckedQuery | None, timeout: float
    ) -> tuple[CheckedQuery, SerializedResult | None]:
        return await asyncio.to_thread(self._answer, request, checked, timeout)

    def in_worker(self, function: Callable[..., T], *args: Any, timeout: float) -> T:
        """function(worker's store, *args) in a query worker, stopped at the time limit."""
        return self._workers().call(function, *args, timeout=timeout)

    def limit_queries(self, limits: QueryLimits) -> None:
        """Apply the server's limits (the workers start again with them)."""
        self.limits = limits
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    def worker_pids(self) -> list[int]:
        """The query workers' process ids (none before the first query)."""
        return self._pool.pids() if self._pool is not None else []

    def start_workers(self) -> None:
        """Start the query workers now rather than at the first query."""
        self._workers().warm()

    def _workers(self) -> WorkerPool:
        with _POOL_START:
            return self._pool or self._new_pool()

    def _new_pool(self) -> WorkerPool:
        limits = self.limits
        self._pool = WorkerPool(
            self._source(),
            size=limits.workers,
            queue=limits.queue,
            queue_wait=limits.queue_wait,
            memory_limit=limits.memory_mb * 1_000_000 if limits.memory_mb else None,
            on_release=self._released,
        )
        return self._pool

    def _source(self) -> StoreSource:
        """What the workers need to see the data (a remote store's workers only check queries)."""
        return StoreSource(opener=no_store, forked=False)

    def _released(self) -> None:  # noqa: B027 - most stores keep nothing per call
        """A worker finished a call (the embedded store then drops snapshots nobody reads)."""

    @property
    def version(self) -> str | None:
        """A key that changes with every write, kept across restarts, for results computed from the store (the
        background analytics, graph/analytics/background.py); None when there is none, or while a write is under
        way or held back (a snapshot then may not be what the key says)."""
        return None

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

    # Whether add_quads is much cheaper per quad than a SPARQL update: then a new document's talks are written with
    # it, under an incomplete mark (graph/analytics/derived.py), rather than as the text of one update.
    native_adds = False

    @abstractmethod
    def add_quads(self, quads: list[Quad]) -> None:
        """Add quads without dropping anything: one part of a document written in parts (graph/analytics/derived.py
        marks such a write incomplete until its last part, so a part needs no transaction with the others)."""

    def add_nquads(self, path: Path) -> None:
        """add_quads for quads written to a file as N-Quads text (parts made in another process); read back into
        Quads here, where the store has no loader of its own for the text."""
        with path.open("rb") as text:
            self.add_quads(list(parse(text, format=RdfFormat.N_QUADS)))

    def drop_graph_in_parts(self, graph: str, part: int = 50_000) -> None:
        """Empty a graph a part at a time (a transaction that deletes millions of quads holds them all in
        memory), then drop it. Only for graphs marked incomplete: readers may see it half emptied."""
        target = f"<{NamedNode(graph).value}>"
        while self.select(f"SELECT ?s WHERE {{ GRAPH {target} {{ ?s ?p ?o }} }} LIMIT 1"):
            self.update(
                f"DELETE {{ GRAPH {target} {{ ?s ?p ?o }} }} WHERE {{ {{ SELECT ?s ?p ?o WHERE "
                f"{{ GRAPH {target} {{ ?s ?p ?o }} }} LIMIT {part} }} }}"
            )
        self.drop_graph(graph)

    @abstractmethod
    def graphs(self) -> set[str]: ...

    def has_graph(self, graph: str) -> bool:
        """Whether the store holds this named graph (without listing them all)."""
        return graph in self.graphs()

    @abstractmethod
    def quads(self, graph: str | None = None) -> list[Quad]:
        """Every quad of one named graph (graph=None: of all graphs)."""

    @contextmanager
    def shown_together(self) -> Iterator[None]:
        """Readers see the writes made inside all at once, when it ends: an ingest of many transactions (a
        document in parts, a replaced one emptied first) is never seen half done. Nothing to hold back here: a
        SPARQL server shows each transaction as it commits."""
        yield

    def close(self) -> None:
        """Release the store (the embedded one flushes and unlocks its directory) and its query workers."""
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    def export(self, fmt: str) -> bytes:
        """The whole dataset: N-Quads/TriG/JSON-LD keep graphs; Turtle and others merge them."""
        rdf_format = GRAPH_FORMATS[fmt]
        quads = self.quads()
        if not rdf_format.supports_datasets:
            quads = [Quad(q.subject, q.predicate, q.object, DefaultGraph()) for q in quads]
            return written(serialize([q.triple for q in quads], format=rdf_format))
        return written(serialize(quads, format=rdf_format))

    def graph_triples(self, graph: str | None, fmt: str) -> bytes:
        """One graph as triples (graph=None: the default graph), for the Graph Store Protocol."""
        quads = self.quads(graph) if graph else [q for q in self.quads() if isinstance(q.graph_name, DefaultGraph)]
        return written(serialize([q.triple for q in quads], format=GRAPH_FORMATS[fmt]))


class EmbeddedStore(GraphStore):
    """pyoxigraph's Store: durable on disk (RocksDB) under a data directory, or in memory for tests.

    Queries are read in place: there is one copy of the data. Users' queries run in query
    workers (graph/rdf/isolation.py). In memory, the workers are forked and share the store's
    memory; a write makes later queries use freshly forked ones. On disk, a process holding
    RocksDB must never be forked (its threads may hold locks), so after a write the store
    publishes a snapshot beside itself (`<dir>.readers/`, a RocksDB checkpoint: hard links, no
    copy) and the workers, separate interpreters, open it read-only. The latest snapshot is
    also how other processes read while this one holds the directory (a `talkgraph query`
    beside `talkgraph serve`): a store that finds the directory locked opens it read-only.
    """

    native_adds = True  # Quad objects straight in, no SPARQL text to write and parse (benchmarks/ingest.py)

    def __init__(self, path: Path | None = None):
        self.path = path
        self.read_only = False
        self._generation = 0  # writes so far
        self._shown = 0  # the generation readers see (behind _generation while writes are held back)
        self._holding = 0  # shown_together() blocks open
        self._writers: Counter[int] = Counter()  # threads inside those blocks: they read the live store
        self._held_view: tuple[Path, Store] | None = None  # the snapshot other threads read while a block is open
        self._held_reads: Counter[Path] = Counter()  # reads under way on such snapshots (not deleted meanwhile)
        self._published: Path | None = None  # the snapshot workers open (None: publish before the next query)
        self._retired: set[Path] = set()
        self._publishing = threading.Lock()
        self._snapshots = 0  # snapshots published: what a spawned worker's generation follows
        self._next_look = 0.0  # when _follow_compaction next looks at the directory
        self._seen: tuple[int, float] = (0, 0.0)  # the directory's mtime last seen, and since when
        self._compared = 0  # the directory mtime whose table files were last compared with the snapshot's
        self._writing = 0  # writes under way
        self._version: str | None = None  # the version file's key (EmbeddedStore.version)
        if path is None:
            self.store = Store()
            self.description = "embedded Oxigraph in memory"
            return
        self.readers = path.with_name(path.name + ".readers")
        self.version_file = path.with_name(path.name + ".version")
        files: str | None = None  # no fingerprint: no key kept
        try:
            path.mkdir(parents=True, exist_ok=True)
            files = files_key(path)  # before RocksDB opens them: as the last process to open the store left them
            self.store = Store(str(path))
        except OSError as exc:
            reason = str(exc).lower()
            if "lock" in reason:
                self.store = self._open_published(path, exc)
                self.read_only = True
                self.description = f"embedded Oxigraph at {path} (read-only: another process holds it)"
                return
            if "permission denied" in reason or "read-only file system" in reason:
                self.store = self._open_unwritable(path, exc)
                self.read_only = True
                self.description = f"embedded Oxigraph at {path} (read-only: the directory is not writable)"
                self._version = self._read_version(files)  # nobody writes here: results may be used
                return
            raise StoreError(f"cannot open the store at {path}: {exc}") from None
        shutil.rmtree(self.readers, ignore_errors=True)  # snapshots of an earlier run
        self.description = f"embedded Oxigraph at {path}"
        self._version = self._read_version(files)
        if self._version is None:  # a store changed by other code, or not closed, or a file lost: a key nothing had
            try:
                self._renew_version()
            except StoreError as exc:  # a directory that takes no new file, a full disk: reads still work
                log.warning("%s", exc)

    def _read_version(self, files: str | None) -> str | None:
        """The version file's key if the store's files are as this class left them when it last closed the store
        (the file's second line, written by close()); None otherwise. So a store that other code changed (pyoxigraph
        or RocksDB used directly, an older Talkgraph), that was restored from a backup or copied in, or whose last
        process died, gets a new key beside an unchanged version file, and nothing kept under the old one is used."""
        try:
            key, sealed, *_ = [*self.version_file.read_text("ascii").split(), "", ""]
        except (OSError, UnicodeDecodeError):
            return None
        return key if key and files is not None and sealed == files else None

    def _renew_version(self) -> None:
        """A new random key in the version file (written and synced, then renamed over the old one, the directory
        synced too): a result kept under an older key never matches again, whatever the write that follows does,
        even if it never ends. A StoreError if the file cannot be written (the key is forgotten first)."""
        self._version = None
        key = secrets.token_hex(16)
        self._write_version(key + "\n")
        self._version = key

    def _seal_version(self) -> None:
        """Write, beside the key, the fingerprint of the store's files as closing left them (files_key): the next
        open keeps the key only if it finds them so. Best effort: unwritten, the next open renews the key."""
        key = self._version
        if self.path is None or key is None or self._busy():
            return
        try:
            self._write_version(f"{key}\n{files_key(self.path)}\n")
        except (StoreError, OSError) as exc:
            log.warning("%s", exc)

    def _write_version(self, text: str) -> None:
        """The version file's new text (written and synced, then renamed over the old one, the directory synced too);
        a StoreError if it cannot be written."""
        temporary = self.version_file.with_name(self.version_file.name + ".tmp")
        try:
            replace_durably(self.version_file, text, temporary, encoding="ascii")
        except OSError as exc:
            raise StoreError(f"cannot write the store's version file {self.version_file}: {exc}") from None

    @property
    def version(self) -> str | None:
        """The version file's key, renewed before every write (all go through _apply): cheap (read once), exact
        (no write leaves it as it was) and invisible to queries, unlike a counter kept in the store. None in memory,
        when another process holds the directory, when the file cannot be written, or while a write is under way or
        held back from readers; a directory nobody may write gives the key its file holds."""
        key = self._version  # read before the flags: a write that starts after this check renews it, never reuses it
        if self._busy() or self.held_elsewhere:
            return None
        return key

    def _busy(self) -> bool:
        """A write under way or held back from readers."""
        return bool(self._writing or self._holding or self._shown != self._generation)

    def _open_published(self, path: Path, locked: OSError) -> Store:
        """The latest snapshot the process holding the directory published, opened read-only."""
        try:
            name = (self.readers / "CURRENT").read_text().strip()
            store = Store.read_only(str(self.readers / name))
        except OSError:
            raise StoreError(
                f"cannot open the store at {path}: {locked} (is another talkgraph process, such as "
                "`talkgraph ingest`, writing to it?)"
            ) from None
        self._published = self.readers / name
        return store

    def _open_unwritable(self, path: Path, refused: OSError) -> Store:
        """A directory this process may not write (a read-only mount, another user's files) still answers
        reads: RocksDB opens it read-only, and the query workers open the directory itself, as nobody writes it."""
        try:
            store = Store.read_only(str(path))
        except OSError:
            raise StoreError(f"cannot open the store at {path}: {refused}") from None
        self._published = path
        return store

    def _write(self, update: str) -> None:
        """Apply one update (one transaction); later queries see it."""
        self._apply(self.store.update, update)

    def _apply(self, write: Callable[[Any], None], argument: Any) -> None:
        if self.read_only:
            raise StoreError(self._read_only_why())
        self._writing += 1
        try:
            if self.path is not None:
                self._renew_version()
            with FORK_GATE.reading():
                write(argument)
            self._generation += 1
            if not self._holding:
                self._show()
        finally:
            self._writing -= 1

    @contextmanager
    def shown_together(self) -> Iterator[None]:
        """Held back from every reader but the block's own thread: the query workers and readers beside the
        server read the snapshot published before the block, and so do the server's own built-in reads (select,
        graphs, quads) from any other thread (see _reading). In memory there is no snapshot: other threads, and a
        worker forked during the block (one replaced at its time limit), see the live store."""
        if not self._holding and self.path is not None:
            self.snapshot()  # readers who come during the block find the store as it was, not half of it
        me = threading.get_ident()
        with self._publishing:
            self._holding += 1
            self._writers[me] += 1
        try:
            yield
        finally:
            with self._publishing:
                self._holding -= 1
                self._writers -= Counter({me: 1})
                if not self._holding:
                    self._held_view = None  # reads in flight keep theirs; later ones read the live store
            if not self._holding and self._shown != self._generation:
                self._show()

    @contextmanager
    def _reading(self) -> Iterator[Store]:
        """The store a built-in read runs on: the live one, except while a shown_together block is open, where
        only the threads inside it (the ingest, whose analytics must read what it wrote) read the live store and
        others the snapshot published before the block, opened read-only once per block (RocksDB checkpoints are
        hard links: no copy, and no worker round trip per read)."""
        view = self._snapshot_view() if self._holding and self.path is not None else None
        if view is None:
            with FORK_GATE.reading():
                yield self.store
            return
        path, store = view
        try:
            yield store
        finally:
            with self._publishing:
                self._held_reads -= Counter({path: 1})
            self._released()

    def _snapshot_view(self) -> tuple[Path, Store] | None:
        """The block's snapshot, opened read-only, counted as read until _reading is done with it; None for the
        block's own threads, or once the block is over."""
        with self._publishing:
            if not self._holding or threading.get_ident() in self._writers or self._published is None:
                return None
            if self._held_view is None or self._held_view[0] != self._published:
                self._held_view = (self._published, Store.read_only(str(self._published)))
            self._held_reads[self._held_view[0]] += 1
            return self._held_view

    def _show(self) -> None:
        """Let readers see every write so far."""
        self._shown = self._generation
        if self.path is None:
            if self._pool is not None:
                self._pool.renew(self._source())
        elif self._published is not None:  # readers exist: show them the write now (else at the first query)
            self._publish()

    @property
    def held_elsewhere(self) -> bool:
        """Open read-only because another process (a `talkgraph serve`) holds the directory."""
        return self.read_only and self._published != self.path

    def _read_only_why(self) -> str:
        if not self.held_elsewhere:
            return (
                f"the store at {self.path} is open read-only: this process may not write the directory "
                "(make it writable, or export it and ingest into a new --data-dir)"
            )
        return (
            f"the store at {self.path} is held by another process (such as `talkgraph serve`) and is open "
            "read-only here: write through that server, or stop it first"
        )

    def select(self, sparql: str) -> list[Row]:
        with self._reading() as store:
            solutions = store.query(sparql, use_default_graph_as_union=True)
            assert isinstance(solutions, QuerySolutions), "select() runs SELECT queries"
            names = [v.value for v in solutions.variables]
            return [{name: s[name] for name in names} for s in solutions]

    def execute(self, sparql, fmt, *, row_limit, timeout, dataset=None):
        return self.in_worker(run_job, sparql, fmt, row_limit, dataset, timeout=timeout)

    def _answer(self, request, checked, timeout):
        self._follow_compaction()
        return self.in_worker(answer_job, request, checked, timeout=timeout)

    async def _answer_async(self, request, checked, timeout):
        self._follow_compaction()
        pool = self._pool or await asyncio.to_thread(self._workers)
        return await pool.acall(answer_job, request, checked, timeout=timeout)

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

    def add_quads(self, quads: list[Quad]) -> None:
        if not quads:
            return
        # A large part goes through the bulk loader (about 3x less CPU than a transaction, benchmarks/ingest.py):
        # it writes sorted files beside the database instead of one transaction's batch in memory.
        if len(quads) >= BULK_QUADS:
            self._apply(self.store.bulk_extend, quads)
        else:
            self._apply(self.store.extend, quads)

    def add_nquads(self, path: Path) -> None:
        """A file of N-Quads text straight into the bulk loader: no Quad objects made in Python. The text is
        pyoxigraph's own writing of valid Quads, so its IRIs are not checked again (`lenient`)."""
        self._apply(lambda file: self.store.bulk_load(path=str(file), format=RdfFormat.N_QUADS, lenient=True), path)

    def graphs(self) -> set[str]:
        with self._reading() as store:
            return {g.value for g in store.named_graphs() if isinstance(g, NamedNode)}

    def has_graph(self, graph: str) -> bool:
        with self._reading() as store:
            return store.contains_named_graph(NamedNode(graph))

    def quads(self, graph: str | None = None) -> list[Quad]:
        with self._reading() as store:
            return list(store.quads_for_pattern(None, None, None, NamedNode(graph) if graph else None))

    def close(self) -> None:
        super().close()
        writable = self.path is not None and not self.read_only
        if writable:
            with FORK_GATE.reading():
                self.store.flush()
            shutil.rmtree(self.readers, ignore_errors=True)
        del self.store
        if writable:
            self._seal_version()

    def rdflib_dataset(self):
        """The same data as an rdflib Dataset (oxrdflib), for rdflib-based tools such as pyshacl (read it only:
        writes through this view would bypass the store's snapshots for queries)."""
        from oxrdflib import OxigraphStore  # noqa: PLC0415 - only some callers need rdflib's view
        from rdflib import Dataset as RdflibDataset  # noqa: PLC0415

        return RdflibDataset(store=OxigraphStore(store=self.store), default_union=True)

    # -- what the query workers see

    def snapshot(self) -> Path | None:
        """The latest read-only snapshot (published now if there is none), for readers in other processes; None
        for a store in memory."""
        if self.path is None:
            return None
        with _POOL_START:  # as the workers' pool publishes its first: one snapshot, not two racing
            return self._published or self._publish()

    def _source(self) -> StoreSource:
        if self.path is None:
            return StoreSource(local=self.store, generation=self._shown, forked=True)
        published = self._published or self._publish()
        return StoreSource(opener=open_snapshot, args=(str(published),), generation=self._snapshots, forked=False)

    def _publish(self) -> Path:
        """Checkpoint the store for readers (workers, other processes) and point CURRENT at it."""
        if self.read_only:
            assert self._published is not None
            return self._published
        with self._publishing:
            snapshot = self.readers / f"{self._generation:08d}-{os.getpid()}-{threading.get_ident()}"
            self.readers.mkdir(exist_ok=True)
            shutil.rmtree(snapshot, ignore_errors=True)
            with FORK_GATE.reading():
                self.store.backup(str(snapshot))
            pointer = self.readers / "CURRENT.tmp"
            pointer.write_text(snapshot.name + "\n")
            pointer.replace(self.readers / "CURRENT")
            if self._published is not None:
                self._retired.add(self._published)
            self._published = snapshot
            self._snapshots += 1
        if self._pool is not None:
            self._pool.renew(self._source())
        self._released()
        return snapshot

    def _follow_compaction(self) -> None:
        """Give the workers the files RocksDB compacted since the snapshot they read was taken.

        An open store compacts in the background (after a start, an ingest, a bulk load), and a snapshot keeps the
        files it was taken from: at 10,000 talks a bulk-loaded store's files answer the example queries in about twice
        the time of the compacted ones (benchmarks/README.md, H3). So once the directory has stayed unchanged for
        COMPACTION_QUIET seconds (a compaction writes several files in turn) and holds other table files than the
        published snapshot, a new snapshot is published, with no write. Costs one stat per COMPACTION_LOOK_EVERY."""
        now = time.monotonic()
        if now < self._next_look or self.path is None or self.read_only or self._published is None or self._busy():
            return
        self._next_look = now + COMPACTION_LOOK_EVERY
        try:
            mtime = os.stat(self.path).st_mtime_ns
            if mtime != self._seen[0]:
                self._seen = (mtime, now)
            if now - self._seen[1] < COMPACTION_QUIET or mtime == self._compared:
                return
            self._compared = mtime
            if table_files(self.path) != table_files(self._published):
                self._publish()
        except OSError as exc:  # a directory gone or unreadable: the snapshot workers have still answers
            log.warning("could not compare the store's files with its snapshot: %s", exc)

    def _released(self) -> None:
        """Delete retired snapshots no worker has open any more."""
        if not self._retired:
            return
        in_use = {Path(args[0]) for args in (self._pool.in_use() if self._pool else []) if args}
        with self._publishing:
            in_use |= set(self._held_reads)  # read in this process (see _reading)
            unused = {snapshot for snapshot in self._retired if snapshot not in in_use}
            self._retired -= unused
        for snapshot in unused:
            shutil.rmtree(snapshot, ignore_errors=True)


def table_files(path: Path) -> set[str]:
    """The names of a RocksDB directory's table files (a checkpoint links the live store's under the same names)."""
    return {name for name in os.listdir(path) if name.endswith(".sst")}


def files_key(path: Path) -> str:
    """A fingerprint of an embedded store's files: each one's name, size and modification time, but RocksDB's info
    logs (LOG*) and its LOCK. Opening a store for writing makes a new MANIFEST, OPTIONS and write-ahead log file, a
    write appends to the log or adds table files (which are never rewritten), so the fingerprint taken when this class
    closes a store changes whenever anything else opens it to write, and a copy or restore of other data differs in
    names, sizes or times. A read-only open changes nothing. Costs a directory listing (under a ms)."""
    digest = hashlib.sha256()
    with os.scandir(path) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            if entry.name.startswith("LOG") or entry.name == "LOCK" or not entry.is_file():
                continue
            stat = entry.stat()
            digest.update(f"{entry.name}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return "files-" + digest.hexdigest()[:32]


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
        self._graphs: set[str] | None = None  # listed when a query names graphs; forgotten on our writes

    def select(self, sparql: str) -> list[Row]:
        solutions = parse_query_results(self._query(sparql, "json").content, QueryResultsFormat.JSON)
        assert isinstance(solutions, QuerySolutions), "select() runs SELECT queries"
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

    def _answer(self, request, checked, timeout):
        started = time.monotonic()
        if checked is None:  # the policy's parse runs in a worker, stopped at the time limit
            checked = self.in_worker(parse_job, request.text, request.allow_remote, timeout=timeout)
        if request.names_graphs(checked) and not request.allow_remote:
            request.refuse_unknown_graphs(checked, self._graph_names())
        fmt = request.format_for(checked)
        if fmt is None:
            return checked, None
        remaining = timeout - (time.monotonic() - started)
        if remaining <= 0:
            raise QueryTimeout("the query ran past its time limit and was stopped")
        dataset = request.dataset(checked)
        return checked, self.execute(checked.text, fmt, row_limit=request.row_limit, timeout=remaining, dataset=dataset)

    def _graph_names(self) -> set[str]:
        if self._graphs is None:
            self._graphs = self.graphs()
        return self._graphs

    def update(self, sparql: str) -> None:
        self._graphs = None
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
        self._graphs = None
        if self.store_url:
            self._request(
                "PUT",
                self.store_url,
                params={"graph": graph},
                content=body,
                headers={"Content-Type": "application/n-triples"},
            )
        else:  # one update request; servers run it as one transaction
            text = written(body).decode()
            self.update(f"DROP SILENT GRAPH <{graph}> ;\nINSERT DATA {{ GRAPH <{graph}> {{\n{text}\n}} }}")

    def drop_graph(self, graph: str) -> None:
        self.update(f"DROP SILENT GRAPH <{graph}>")

    def add_quads(self, quads: list[Quad]) -> None:
        if not quads:
            return
        by_graph: dict[str, list[Quad]] = {}
        for q in quads:
            by_graph.setdefault(str(q.graph_name), []).append(q)  # parts hold named graphs: "<iri>"
        self.update_together(
            [
                f"INSERT DATA {{ GRAPH {graph} {{\n"
                + "\n".join(f"{q.subject} {q.predicate} {_sparql_term(q.object)} ." for q in part)
                + "\n} }"
                for graph, part in by_graph.items()
            ]
        )

    def graphs(self) -> set[str]:
        rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } " + _NOT_SERVER_GRAPH + " }")
        return {r["g"].value for r in rows}

    def has_graph(self, graph: str) -> bool:
        response = self._query(f"ASK {{ GRAPH <{NamedNode(graph).value}> {{ ?s ?p ?o }} }}", "json")
        return bool(parse_query_results(response.content, QueryResultsFormat.JSON))

    def quads(self, graph: str | None = None) -> list[Quad]:
        where = f"GRAPH <{graph}> {{ ?s ?p ?o }} BIND(<{graph}> AS ?g)" if graph else "GRAPH ?g { ?s ?p ?o } "
        rows = self.select(f"SELECT ?s ?p ?o ?g WHERE {{ {where}{'' if graph else _NOT_SERVER_GRAPH} }}")
        return [Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows]

    def close(self) -> None:
        super().close()
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
            raise QueryTimeout(f"the SPARQL server did not answer within the time limit ({url})") from None
        except httpx.HTTPError as exc:
            raise StoreError(f"cannot reach the SPARQL server at {url}: {exc}") from None
        if response.status_code == 400:
            raise SparqlRequestError(f"the SPARQL server refused the request: {response.text[:500]}")
        if response.status_code >= 300:
            raise StoreError(f"the SPARQL server at {url} answered {response.status_code}: {response.text[:300]}")
        return response


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
    pieces: list[list[str]] = []
    lines: list[str] = []
    size = 0
    for line in body.split("\n"):
        if lines and size + len(line.encode()) > limit // 2:
            pieces.append(lines)
            lines, size = [], 0
        lines.append(line)
        size += len(line.encode()) + 1
    pieces.append(lines)
    return [f"{verb} DATA {{ GRAPH <{graph}> {{\n" + "\n".join(chunk) + "\n} }" for chunk in pieces]
