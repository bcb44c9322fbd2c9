"""Notes files → the store: parse, link, build triples, replace each document's graph.

Files are parsed and turned into quads before anything is written (up to PREPARED_BYTES of them; the rest
when their batch is written), so a malformed file is reported and skipped without touching the store; each
document then gets its key (never another source's, see documents.py) and
replaces its own named graph, together with its share of the analytics
(graph/analytics/derived.py): its talks' related topics, and its counts added
to the derived graph's by delta. A replaced document changes in one transaction; a new one is added under an
incomplete mark, its tg:Notes node and counts in one last transaction.

A large file (over STREAM_BYTES) is read only when its turn comes, and linked and turned into quads a
part of talks at a time, so memory follows its parsed text and one part, not all its quads; one of more
than PART_TALKS talks is written in parts, marked incomplete until its last part is in. Where the platform
forks, that reading, linking and building is done by a forked child (graph/forked.py) while this process
loads the parts it has made before: the two halves each keep a core busy.
"""

from __future__ import annotations

import gc
import hashlib
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import count, islice
from pathlib import Path
from typing import Any, TypeVar

from pyoxigraph import (
    BlankNode,
    CanonicalizationAlgorithm,
    Dataset,
    Literal,
    NamedNode,
    Quad,
    RdfFormat,
    parse,
    serialize,
)
from rdflib import BNode, Graph, URIRef
from rdflib import Literal as RdflibLiteral
from rdflib.term import Node

from talkgraph.graph.analytics.derived import (
    PART_TALKS,
    Analytics,
    PreparedDocument,
    SentParts,
    repair_incomplete_writes,
)
from talkgraph.graph.analytics.links import Reference
from talkgraph.graph.analytics.view import TalkGraph
from talkgraph.graph.documents import Claim, StoredDocument, assign_keys, stored_documents
from talkgraph.graph.errors import NotFound
from talkgraph.graph.forked import forked_items
from talkgraph.graph.linking.candidates import CandidateFinder
from talkgraph.graph.linking.extract import Extraction, extract, extract_talk
from talkgraph.graph.linking.linker import Linker
from talkgraph.graph.linking.vocabulary import Vocabulary
from talkgraph.graph.notes.blocks import NotesError
from talkgraph.graph.notes.files import DEFAULT_MAX_BYTES, NotesText, read_notes_text
from talkgraph.graph.notes.segment import parse_notes
from talkgraph.graph.notes.talks import NotesDocument, Talk
from talkgraph.graph.rdf.isolation import CAN_FORK
from talkgraph.graph.rdf.store import GraphStore
from talkgraph.graph.rdf.triples import (
    DocumentQuads,
    Source,
    document_key,
    extraction_quads,
    key_slug,
    notes_graph,
    source_quads,
)
from talkgraph.ontology import ONTOLOGY_GRAPH, VOCABULARY_GRAPH, ontology_graph

T = TypeVar("T")
NOTES_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".rst")
SKOLEM_PREFIX = "https://w3id.org/talkgraph/.well-known/genid/"
BATCH_QUADS = 200_000  # documents written in one transaction, at most (a larger document alone)


@dataclass
class IngestReport:
    documents: dict[str, int] = field(default_factory=dict)  # document key → talks
    sources: dict[str, str] = field(default_factory=dict)  # document key → source path as given
    encodings: dict[str, str] = field(default_factory=dict)  # document key → the encoding it was read with
    errors: dict[str, str] = field(default_factory=dict)  # file → why it was skipped
    warnings: dict[str, str] = field(default_factory=dict)  # file → what looks wrong in what was stored
    triples: int = 0

    def add(self, other: IngestReport) -> None:
        """Take in another run's report (each file sent to a server comes back with its own)."""
        for part in ("documents", "sources", "encodings", "errors", "warnings"):
            getattr(self, part).update(getattr(other, part))
        self.triples += other.triples


@dataclass(frozen=True)
class NotesSource:
    """One notes file and the path that names it: relative to the folder ingested, or as given.

    `sent_id` is the identity the sender computed, for a file another process read and sent here (a CLI
    ingest through the server that holds the store): the copy here must keep its source's identity."""

    path: Path
    given: str
    sent_id: str | None = None

    @property
    def source_id(self) -> str:
        return self.sent_id or hashlib.sha256(str(self.path.resolve()).encode("utf-8")).hexdigest()[:16]


def notes_sources(paths: Iterable[Path | NotesSource]) -> list[NotesSource]:
    """Files as given, and the notes files inside folders (sorted, so runs are repeatable; READMEs skipped)."""
    found: list[NotesSource] = []
    for path in paths:
        if isinstance(path, NotesSource):
            found.append(path)
        elif path.is_dir():
            found.extend(
                NotesSource(p, p.relative_to(path).as_posix())
                for p in sorted(path.rglob("*"))
                if p.suffix.lower() in NOTES_SUFFIXES
                and p.is_file()
                and not p.stem.upper().startswith(("README", "LICENSE", "CHANGELOG"))
            )
        else:
            found.append(NotesSource(path, path.name if path.is_absolute() else path.as_posix()))
    return found


def rdflib_quads(graph: Graph, name: str) -> list[Quad]:
    """An rdflib graph → pyoxigraph quads in one named graph.

    Blank nodes (the ontology's owl:unionOf lists) get canonical labels (RDFC-1.0) and then
    Skolem IRIs: a store gives every blank node of an update a fresh identity, so without
    this, loading the same ontology twice would not write the same quads. Terms are converted one by one
    (the vocabulary's 16,000 triples through N-Triples text cost several times more).
    """
    target = NamedNode(str(name))
    quads = [Quad(_term(s), NamedNode(str(p)), _term(o), target) for s, p, o in graph]  # type: ignore[arg-type]
    if not any(isinstance(q.subject, BlankNode) or isinstance(q.object, BlankNode) for q in quads):
        return quads
    dataset = Dataset(quads)
    dataset.canonicalize(CanonicalizationAlgorithm.RDFC_1_0)
    return [Quad(_skolem(q.subject), q.predicate, _skolem(q.object), target) for q in dataset]


def _term(term: Node) -> NamedNode | BlankNode | Literal:
    if isinstance(term, URIRef):
        return NamedNode(str(term))
    if isinstance(term, BNode):
        return BlankNode(str(term))
    if isinstance(term, RdflibLiteral):
        if term.language:
            return Literal(str(term), language=term.language)
        return Literal(str(term), datatype=NamedNode(str(term.datatype)) if term.datatype else None)
    raise ValueError(f"an RDF term Talkgraph's reference graphs do not hold: {term!r}")


def _skolem(term):
    return NamedNode(f"{SKOLEM_PREFIX}{term.value}") if isinstance(term, BlankNode) else term


def load_reference_graphs(
    store: GraphStore, vocabulary: Vocabulary, quads_of: dict[str, list[Quad]] | None = None
) -> None:
    """The ontology and vocabulary graphs (their quads, if made already), each rewritten only when the store
    holds other quads for it: most ingests find them unchanged, and rewriting 16,000 quads was most of a small
    ingest's fixed cost."""
    for graph, quads in (quads_of or reference_quads(vocabulary)).items():
        held = set(store.quads(graph))
        if not held and store.native_adds:
            store.add_quads(quads)  # a new store: Quad objects straight in (one transaction), no SPARQL text
        elif held != set(quads):
            store.replace_graph(graph, quads)


def reference_quads(vocabulary: Vocabulary) -> dict[str, list[Quad]]:
    return {
        str(ONTOLOGY_GRAPH): rdflib_quads(ontology_graph(), str(ONTOLOGY_GRAPH)),
        str(VOCABULARY_GRAPH): rdflib_quads(vocabulary.graph, str(VOCABULARY_GRAPH)),
    }


def refresh_analytics(store: GraphStore) -> TalkGraph:
    """Recount every document and rewrite all analytics (ingest itself updates them by delta)."""
    Analytics.open(store, rebuild=True)
    return TalkGraph.from_store(store)


def remove_document(store: GraphStore, key: str) -> None:
    """Drop a notes document's graph and subtract its share of the analytics, in one transaction."""
    if key not in {d.key for d in stored_documents(store)}:
        raise NotFound(f"no document {key!r} in the store (`talkgraph documents` lists them)")
    with shown_whole(store):  # a large document is emptied in parts
        Analytics.open(store).remove_document(notes_graph(key).value)


@contextmanager
def shown_whole(store: GraphStore) -> Iterator[None]:
    """store.shown_together(), and if the writes inside fail, what a write in parts left (talks marked incomplete)
    removed before readers are shown anything: they see the store as it was, or without the document that failed,
    never part of it. If even that fails, the marks stay and the next open removes it (documents.repair_interrupted)."""
    with store.shown_together():
        try:
            yield
        except Exception:
            with suppress(Exception):
                repair_incomplete_writes(store)
            raise


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Python's cycle collector run less often while ingest makes objects by the hundred thousand (Quads,
    mentions, blocks, sentences): each collection walked them and found nothing to free, which was about a
    third of the time to build a document's quads. The collector's thresholds come back when the last ingest
    running (in any thread) is done."""
    with _COLLECTOR.lock:
        if not _COLLECTOR.running:
            _COLLECTOR.saved = gc.get_threshold()
            gc.set_threshold(max(INGEST_GC_YOUNG, _COLLECTOR.saved[0]), *_COLLECTOR.saved[1:])
        _COLLECTOR.running += 1
    try:
        yield
    finally:
        with _COLLECTOR.lock:
            _COLLECTOR.running -= 1
            if not _COLLECTOR.running:
                gc.set_threshold(*_COLLECTOR.saved)


@dataclass
class _Collector:
    """The collector's thresholds before the first ingest running changed them, and how many are running."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    running: int = 0
    saved: tuple[int, ...] = ()


INGEST_GC_YOUNG = 100_000  # objects made between two collections of the young generation (Python's default: 700)
_COLLECTOR = _Collector()


@fewer_collections()
def ingest(
    store: GraphStore,
    paths: Iterable[Path | NotesSource],
    vocabulary: Vocabulary,
    progress: Callable[[Path], None] | None = None,
    *,
    name: str | None = None,
    replace: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> IngestReport:
    """Read every file first, then give each document its key (see documents.assign_keys) and replace its graph.

    `name` gives the one document its key instead of its path; `replace` lets a source take a key
    another source holds. A conflict refuses the whole run before anything is written. Files larger than
    STREAM_BYTES are read only when their turn comes, one at a time, after the others are written; a
    document of more than PART_TALKS talks is written in parts (see graph/analytics/derived.py).
    """
    linker = Linker(vocabulary)
    sources = notes_sources(paths)
    if name is not None and len(sources) != 1:
        raise NotesError(f"--name names one document, but {len(sources)} files were given")
    report = IngestReport()
    read: list[tuple[NotesSource, Prepared | str]] = []  # LARGE or LATER: a file read when written
    held = 0  # bytes of the files prepared so far: past PREPARED_BYTES, the others are read when written
    for source in sources:
        try:
            size = _size(source.path, max_bytes)
            if size > STREAM_BYTES:
                read.append((source, LARGE))
            elif held + size > PREPARED_BYTES:
                read.append((source, LATER))
            else:
                read.append((source, _prepare(source, linker, max_bytes)))
                held += size
        except NotesError as exc:
            report.errors[source.given] = str(exc)
        if progress:
            progress(source.path)
    if not read:
        return report  # nothing readable: the store is left exactly as it was
    claims = [_claim(source, name) for source, _ in read]
    stored = {d.key: d for d in stored_documents(store)}
    assignments = assign_keys(claims, list(stored.values()), explicit=name is not None, replace=replace)
    now = _now()
    with shown_whole(store):  # readers see the whole run at once: no document in parts or half replaced
        load_reference_graphs(store, vocabulary)
        analytics = Analytics.open(store)
        documents: list[PreparedDocument] = []
        run = _Run(analytics, linker, report, stored, max_bytes, _spool_dir(store))
        for (source, prepared), assignment in zip(read, assignments, strict=True):
            run.superseded += [notes_graph(old).value for old in assignment.supersedes]
            key = assignment.key
            if isinstance(prepared, tuple):
                built = _built(source, prepared, key, stored.get(key), now, analytics.ref)
                documents.append(_recorded(report, source, key, built))
            else:
                (run.large if prepared == LARGE else run.later).append((source, key))
        read.clear()  # the parsed files: their quads are all that is written

        def built_later() -> Iterator[PreparedDocument]:
            for source, key in run.later:
                try:
                    prepared = _prepare(source, linker, max_bytes)
                except NotesError as exc:
                    report.errors[source.given] = str(exc)
                    continue
                yield _recorded(report, source, key, _built(source, prepared, key, stored.get(key), now, analytics.ref))

        run.write(_taken(documents), built_later(), now)
    return report


@dataclass
class _Run:
    """The writing half of an ingest, once every key is known: documents in batches (each one transaction with
    its analytics), then the large files one at a time, then the graphs of sources that moved to a new key."""

    analytics: Analytics
    linker: Linker
    report: IngestReport
    stored: dict[str, StoredDocument]
    max_bytes: int
    spool: Path | None = None  # beside the store's directory, if it has one (see _LargeRead)
    later: list[tuple[NotesSource, str]] = field(default_factory=list)  # read when their batch is written
    large: list[tuple[NotesSource, str]] = field(default_factory=list)
    superseded: list[str] = field(default_factory=list)

    def write(self, documents: Iterable[PreparedDocument], later: Iterable[PreparedDocument], now: str) -> None:
        for batch in _batches(documents):
            self.analytics.write_prepared(batch)
        for batch in _batches(later):
            self.analytics.write_prepared(batch)
        for source, key in self.large:
            read = _LargeRead(
                source, key, self.max_bytes, self.stored.get(key), now, self.linker, self.analytics.ref, self.spool
            )
            try:
                with large_parts(read) as parts:
                    written = _write_large(self.analytics, parts, key)
            except NotesError as exc:
                self.report.errors[source.given] = str(exc)
                continue
            _record(self.report, key, source, parts.encoding, parts.talks, written)
        for graph in self.superseded:  # after the new graph: a crash in between leaves a source twice, never missing
            self.analytics.remove_document(graph)


@dataclass
class Built:
    """A document ready to write, with what the report says of it."""

    document: PreparedDocument
    encoding: str
    talks: int


def _claim(source: NotesSource, name: str | None) -> Claim:
    return Claim(source.given, source.source_id, key_slug(name) if name else document_key(source.given))


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


Prepared = tuple[NotesText, Extraction]
STREAM_BYTES = 1_000_000  # files larger than this are read, linked and written one at a time, last
# Files are read and linked before anything is written (a file that cannot be read is reported and the store left
# alone) up to this many bytes in all; the others are read when their batch is written, so memory follows one
# batch, not the whole run (a read error is then reported for that file alone, as for a large file).
PREPARED_BYTES = 1_000_000
LARGE, LATER = "large", "later"  # in place of a file's Prepared: read when written, alone or in a batch


def _size(path: Path, max_bytes: int) -> int:
    """The file's size, checked now so that a refusal comes first (0 when it cannot be read: reading says why)."""
    try:
        size = path.stat().st_size
    except OSError:
        return 0
    if size > max_bytes:
        read_notes_text(path, max_bytes)  # raises the refusal
    return size


def _parse(source: NotesSource, max_bytes: int) -> tuple[NotesText, NotesDocument]:
    notes = read_notes_text(source.path, max_bytes)
    return notes, parse_notes(notes.text, name=source.path.name)


def _prepare(source: NotesSource, linker: Linker, max_bytes: int) -> Prepared:
    notes, document = _parse(source, max_bytes)
    return notes, extract(document, linker)


def _built(
    source: NotesSource, prepared: Prepared, key: str, before: StoredDocument | None, now: str, ref: Reference
) -> Built:
    """A prepared file's graph and quads under its key, with its share of the analytics."""
    notes, extraction = prepared
    ingested_at = _ingested_at(before, source, extraction.document, now)
    quads = extraction_quads(extraction, key) + source_quads(key, _source(source, notes, ingested_at))
    return Built(PreparedDocument.of(notes_graph(key).value, quads, ref), notes.encoding, len(extraction.talks))


def _recorded(report: IngestReport, source: NotesSource, key: str, built: Built) -> PreparedDocument:
    _record(report, key, source, built.encoding, built.talks, built.document.size)
    return built.document


def _source(source: NotesSource, notes: NotesText, ingested_at: str) -> Source:
    return Source(source.given, source.source_id, notes.encoding, ingested_at)


def _record(report: IngestReport, key: str, source: NotesSource, encoding: str, talks: int, quads: int) -> None:
    report.documents[key] = talks
    report.sources[key] = source.given
    report.encodings[key] = encoding
    report.triples += quads
    if not talks:
        report.warnings[source.given] = (
            f"no talk found: stored as {key} with 0 talks; check its headings with `talkgraph extract`"
            f" or take it out with `talkgraph remove {key}`"
        )


@dataclass
class _LargeFile:
    """A large file parsed, without its text: the builder of its quads (which keeps what its head says), its talks
    (let go of as they are written, with their blocks and sentences), and what its source quads and the report
    say of it."""

    builder: DocumentQuads
    talks: list[Talk]
    source: Source
    encoding: str
    in_parts: bool  # more than PART_TALKS talks, now or in the version it replaces


def _read_large(source: NotesSource, key: str, max_bytes: int, before: StoredDocument | None, now: str) -> _LargeFile:
    """Parse a large file and keep only its talks and head: its text and the blocks outside any talk go here."""
    notes, document = _parse(source, max_bytes)
    return _LargeFile(
        DocumentQuads(document, key),
        document.talks,
        _source(source, notes, _ingested_at(before, source, document, now)),
        notes.encoding,
        in_parts=len(document.talks) > PART_TALKS or (before is not None and before.talks > PART_TALKS),
    )


@dataclass(frozen=True)
class _LargeRead:
    """What reading one large file needs (a forked child inherits it as it is: nothing here is pickled)."""

    source: NotesSource
    key: str
    max_bytes: int
    before: StoredDocument | None
    now: str
    linker: Linker
    ref: Reference  # the analytics' reference, which a document's parts admit their unvetted tools to
    spool_dir: Path | None  # where a forked child writes the parts for the store's loader (None: the temp folder)


class _LocalParts:
    """A large file's quads a part of PART_TALKS talks at a time, made in this process: each part's talks linked
    and turned into quads, then let go of; last(), once every part is made, its tg:Notes node, event, candidates
    and source."""

    def __init__(self, read: _LargeRead):
        large = _read_large(read.source, read.key, read.max_bytes, read.before, read.now)
        self.talks: int = len(large.talks)
        self.encoding: str = large.encoding
        self.in_parts: bool = large.in_parts
        self._large, self._linker, self._ref = large, read.linker, read.ref
        self._finder = CandidateFinder(read.linker.known_labels)
        self._remaining = _taken(large.talks)

    @property
    def left(self) -> int:
        """Talks not yet made into quads."""
        return len(self._large.talks)

    def next_part(self) -> list[Quad]:
        """The next part's quads ([] when every talk is made)."""
        quads: list[Quad] = []
        for talk in islice(self._remaining, PART_TALKS):
            item = extract_talk(talk, self._linker)
            self._finder.add(item)
            quads += self._large.builder.talk(item)
        return quads

    def prepared_parts(self) -> Iterator[PreparedDocument]:
        """Each part with its share of the analytics, built only once the one before is written and let go of
        (no name here still holds it)."""
        graph = self._large.builder.graph.value
        while quads := self.next_part():
            part = PreparedDocument.of(graph, quads, self._ref, part=True)
            del quads
            yield part
            del part

    def last(self) -> list[Quad]:
        builder = self._large.builder
        return (
            builder.head()
            + builder.candidates(self._finder.candidates())
            + source_quads(builder.key, self._large.source)
        )


class _ForkedParts:
    """_LocalParts run in a forked child (graph/forked.py), which parses and links the next parts while this
    process writes the last. Parts to write in parts come prepared (derived.SentParts: a file of their N-Quads for
    the store's loader, their counts); the quads of a document written whole come as N-Quads text, read back
    here (pyoxigraph writes and reads it exactly, in order)."""

    def __init__(self, items: Iterator[tuple[str, Any]], ref: Reference):
        self._items, self._ref = items, ref
        head: tuple[int, str, bool] = next(items)[1]
        self.talks, self.encoding, self.in_parts = head
        self._last: list[Quad] | None = None

    def next_part(self) -> list[Quad]:
        kind, data = next(self._items)
        quads = list(parse(data, format=RdfFormat.N_QUADS))
        if kind == "last":
            self._last = quads
            return []
        return quads

    def prepared_parts(self) -> Iterator[SentParts]:
        while True:
            kind, data = next(self._items)
            if kind == "last":
                self._last = list(parse(data, format=RdfFormat.N_QUADS))
                return
            yield data.receive(self._ref)
            del data

    def last(self) -> list[Quad]:
        assert self._last is not None, "last() before every part was read"
        return self._last


def _produced(read: _LargeRead, spool: Path) -> Iterator[tuple[str, Any]]:
    """The child's side of _ForkedParts: what the file holds, its parts, then the last quads. The parts go in
    files under spool, each up to LOAD_QUADS quads, but no more than were sent before them (the writes start
    with the first part) nor than half of what is left to make (the last load, which nothing overlaps, is small)."""
    local = _LocalParts(read)
    gc.freeze()  # the parsed document is not walked by every full collection (it goes by reference counts)
    yield "head", (local.talks, local.encoding, local.in_parts)
    if local.in_parts:
        files = (spool / f"parts-{i}.nq" for i in count())
        sent, before = SentParts(next(files)), 0  # the parts being gathered; the quads sent before them
        for part in local.prepared_parts():
            sent.add(part)
            del part
            made = local.talks - local.left
            if sent.quads >= min(LOAD_QUADS, before, local.left * (before + sent.quads) // made // 2):
                before += sent.quads
                yield "parts", sent
                sent = SentParts(next(files))
        if sent.quads:
            yield "parts", sent
    else:
        while quads := local.next_part():
            yield "quads", serialize(quads, format=RdfFormat.N_QUADS)
            del quads
    yield "last", serialize(local.last(), format=RdfFormat.N_QUADS)


# Quads loaded at once from a forked child's parts. One load of about eight parts of 1,000 talks cost RocksDB a
# quarter less CPU than eight loads (4 M quads of a 50 MB file), but the loader holds what it sorts in memory: with
# 1 M quads a load, the 50 MB file peaked at 1.26 GiB in this process. About one part a load keeps to the bound.
LOAD_QUADS = 250_000
SPOOL_PREFIX = ".talkgraph-parts-"
FORK_LARGE = CAN_FORK  # a large file read and linked in a forked child beside the writes (else in this process)


@contextmanager
def large_parts(read: _LargeRead) -> Iterator[_LocalParts | _ForkedParts]:
    """A large file's parts, read in a forked child where the platform forks (the child is gone when the block
    ends); a read error is the same NotesError either way, raised here before any part."""
    if not FORK_LARGE:
        yield _LocalParts(read)
        return
    if read.spool_dir is not None:  # left by an ingest killed midway (one process writes a store at a time)
        for left in read.spool_dir.glob(f"{SPOOL_PREFIX}*"):
            shutil.rmtree(left, ignore_errors=True)
    with (
        tempfile.TemporaryDirectory(prefix=SPOOL_PREFIX, dir=read.spool_dir) as spool,
        forked_items(lambda: _produced(read, Path(spool)), f"reading {read.source.given}") as items,
    ):
        yield _ForkedParts(items, read.ref)


def _spool_dir(store: GraphStore) -> Path | None:
    """The folder that holds an on-disk store: parts waiting for its loader go on the same disk (the temp folder
    may be memory)."""
    path = getattr(store, "path", None)
    return path.parent if isinstance(path, Path) else None


def _write_large(analytics: Analytics, parts: _LocalParts | _ForkedParts, key: str) -> int:
    """One large file's document, its parts written as they come, in parts when it is too large for one
    transaction (else in one, like the others). The quads written."""
    graph = notes_graph(key).value
    if not parts.in_parts:
        quads: list[Quad] = []
        while part := parts.next_part():
            quads += part
        quads = parts.last() + quads
        analytics.write_documents([(graph, quads)])
        return len(quads)
    written = _Written()

    def counted() -> Iterator[PreparedDocument | SentParts]:
        for prepared in parts.prepared_parts():
            written.quads += prepared.size
            yield prepared
            del prepared  # not held while the next part is built

    analytics.write_in_parts(graph, counted(), written.last(parts.last))
    return written.quads


@dataclass
class _Written:
    """The quads a document written in parts adds up to, counted as its parts and its last quads go by."""

    quads: int = 0

    def last(self, last: Callable[[], list[Quad]]) -> Callable[[], list[Quad]]:
        def counted() -> list[Quad]:
            quads = last()
            self.quads += len(quads)
            return quads

        return counted


def _taken(items: list[T]) -> Iterator[T]:
    """The items in order, each let go of by the list as it is given (so a written batch can be freed)."""
    items.reverse()
    while items:
        yield items.pop()


def _batches(documents: Iterable[PreparedDocument]) -> Iterator[list[PreparedDocument]]:
    """Documents in groups of about BATCH_QUADS quads: small files share one analytics delta and one commit. A
    group is given as soon as it is full, so documents read as they are batched are held one group at a time."""
    batch: list[PreparedDocument] = []
    size = 0
    for item in documents:
        batch.append(item)
        size += item.size
        if size >= BATCH_QUADS:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _ingested_at(before: StoredDocument | None, source: NotesSource, document: NotesDocument, now: str) -> str:
    """The stored time when the same source comes back with the same content: the same quads, so an ingest
    that changes nothing writes nothing new."""
    if before is not None and (before.source_id, before.sha256) == (source.source_id, document.sha256):
        return before.ingested_at or now
    return now
