"""The overview's layout and the communities, computed in a process of their own.

At 100,000 talks they cost tens of seconds of CPU (reading 200,000 pairs, Louvain twice, a spring layout). In a
thread of the server they held the GIL while the first visitors waited for their answers; in a process of their
own they run on the other core, and the server reads each answer when it is ready. Not niced: on a busy machine a
niced process starves, and the first /api/communities waited for it (21 s at nice 10 and a load of 4, against
15 s computed in the request). The process reads the snapshot the store publishes for its query workers (a
read-only RocksDB checkpoint), so it sees what the server's view sees.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import hashlib
import json
import logging
import pickle
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Collection, Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import cast

from pyoxigraph import Literal, NamedNode, QuerySolutions, Store
from rdflib.namespace import RDF, SKOS

from talkgraph.graph.analytics.links import CLASS_OF_TYPE, LINKS, Counts, better_class
from talkgraph.graph.analytics.stored import read_entity_counts
from talkgraph.graph.analytics.view import Node, NodeIndex, TalkGraph, vouched
from talkgraph.graph.analytics.viz import (
    LISTED_TALKS,
    OVERVIEW_CLASSES,
    OVERVIEW_NODES,
    OverviewLayout,
    lay_out_overview,
)
from talkgraph.graph.durable import replace_durably
from talkgraph.graph.rdf.store import GraphStore, Row
from talkgraph.ontology import DERIVED_GRAPH, SCHEMA, TG, EntityClass

log = logging.getLogger("talkgraph")
_MAIN = "from talkgraph.graph.analytics.background import main; main()"


class BackgroundFailed(RuntimeError):
    """The background process ended without an answer (the server then computes in its own process)."""


@dataclass(frozen=True)
class Background:
    """What the background process computes for one version of the store, each part as soon as it is done."""

    communities: Future[list[list[str]]]  # TalkGraph.communities(), as IRIs: first, it is the cheaper
    overview: Future[OverviewLayout]  # the default overview page's layout
    process: subprocess.Popen | None = None
    nodes: Future[dict[str, Node]] = field(default_factory=Future)  # every node of the view (its NodeIndex in full)
    first_talks: Future[dict[str, list[Node]]] = field(default_factory=Future)  # each entity's, for its tooltip
    # kept results: how to read a part (nodes, overview) from its own file, the first time something needs it
    kept_parts: dict[str, Callable[[], object | None]] = field(default_factory=dict, compare=False, repr=False)
    _reading: threading.Lock = field(default_factory=threading.Lock, compare=False, repr=False)

    def stop(self) -> None:
        """End the process if it still runs (a write made its version of the store old, or the server stops):
        what it has not sent yet fails with BackgroundFailed."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()

    def part(self, name: str) -> Future:
        """One of the job's results by name ("overview", "nodes" …): a kept one is read from its file now, when
        first asked (it fails with BackgroundFailed if the file cannot be used); one the process computes may still
        be pending."""
        future: Future = getattr(self, name)
        read = self.kept_parts.get(name)
        if not future.done() and read is not None:
            with self._reading:  # requests that need it at the same time share one read
                if not future.done():
                    found = read()
                    if found is None:
                        future.set_exception(BackgroundFailed(f"the kept {name} could not be read"))
                    else:
                        future.set_result(found)
        return future

    def every_node(self) -> dict[str, Node] | None:
        """Every node, if the process has sent them, or read now (once) from the file they were kept in; None
        before the process sends them, or if it failed or the file cannot be used. Never waits for the process."""
        nodes = self.part("nodes")
        if not nodes.done() or nodes.exception() is not None:
            return None
        return nodes.result()


class SnapshotReader:
    """A read-only snapshot, answering the built-in SELECTs the analytics view asks (its only use of a store)."""

    def __init__(self, path: str):
        self.store = Store.read_only(path)

    def select(self, sparql: str) -> list[Row]:
        solutions = self.store.query(sparql, use_default_graph_as_union=True)
        assert isinstance(solutions, QuerySolutions), "select() runs SELECT queries"
        names = [v.value for v in solutions.variables]
        return [{name: s[name] for name in names} for s in solutions]


def read_counts(reader: SnapshotReader) -> Counts | None:
    """The derived graph's counts, pairs included, as stored.read_counts reads them, but the table of pairs from
    three scans of its quads rather than a SELECT: half the time for its hundreds of thousands of rows."""
    header = read_entity_counts(cast(GraphStore, reader))
    if header is None:
        return None
    counts, graph = header[0], NamedNode(str(DERIVED_GRAPH))
    ends: list[dict] = [
        {
            q.subject: q.object.value
            for q in reader.store.quads_for_pattern(None, NamedNode(str(term)), None, graph)
            if isinstance(q.object, NamedNode | Literal)
        }
        for term in (TG.source, TG.target, TG.weight)
    ]
    for pair, a in ends[0].items():
        b, weight = ends[1].get(pair), ends[2].get(pair)
        if b is not None and weight is not None:
            counts.pairs[(a, b) if a < b else (b, a)] = int(weight)
    return counts


def read_nodes(reader: SnapshotReader) -> dict[str, Node]:
    """Every node of the view (TalkGraph._read_all_nodes: each typed, labelled subject under its best class, its
    skos:prefLabel before its schema:name), read from the snapshot's quads rather than by a SELECT with two OPTIONALs:
    about half the time at 10,000 talks. Of several labels of one kind, the least (the SELECT takes any)."""
    classes: dict[str, str] = {}
    for type_iri, cls in CLASS_OF_TYPE.items():
        for quad in reader.store.quads_for_pattern(None, NamedNode(str(RDF.type)), NamedNode(type_iri), None):
            if isinstance(quad.subject, NamedNode):
                iri = quad.subject.value
                if better_class(classes.get(iri), cls):
                    classes[iri] = cls
    labels: dict[str, str] = {}
    for label in (SCHEMA.name, SKOS.prefLabel):  # a prefLabel replaces a name
        found: dict[str, str] = {}
        for quad in reader.store.quads_for_pattern(None, NamedNode(str(label)), None, None):
            if not isinstance(quad.subject, NamedNode) or not isinstance(quad.object, NamedNode | Literal):
                continue
            iri, value = quad.subject.value, quad.object.value
            if iri in classes and (iri not in found or value < found[iri]):
                found[iri] = value
        labels.update(found)
    return {iri: Node(iri, labels[iri], cls) for iri, cls in classes.items() if iri in labels}


def read_links(reader: SnapshotReader) -> Iterator[tuple[str, str]]:
    """(talk, entity) for every link a talk makes to what it names, from the snapshot's quads (the view's
    _all_links without a SELECT; talks and entities not checked here: first_talks_of keeps only nodes)."""
    for link in LINKS:
        for quad in reader.store.quads_for_pattern(None, NamedNode(link), None, None):
            if isinstance(quad.subject, NamedNode) and isinstance(quad.object, NamedNode):
                yield quad.subject.value, quad.object.value


def first_talks_of(
    links: Iterable[tuple[str, str]], nodes: dict[str, Node], entities: Collection[str], most: int = LISTED_TALKS
) -> dict[str, list[Node]]:
    """Each entity's first `most` talks by title, then IRI (TalkGraph.first_talks for all of them at once: the
    tooltip of an entity named by 30,000 talks is then a lookup, not a query of 1-2 s at 100,000 talks). Only
    those few are held per entity, not every talk of it."""
    first: dict[str, list[tuple[str, str]]] = {}
    for talk, entity in links:
        if entity not in entities:
            continue
        node = nodes.get(talk)
        if node is None or node.cls != EntityClass.TALK:
            continue
        kept = first.setdefault(entity, [])
        key = (node.label, talk)
        if key not in kept and (len(kept) < most or key < kept[-1]):
            bisect.insort(kept, key)
            del kept[most:]
    return {entity: [nodes[talk] for _, talk in kept] for entity, kept in first.items()}


def compute(
    store: GraphStore,
    send: Callable[[object], None],
    counts: Counts | None = None,
    nodes: Callable[[], dict[str, Node]] | None = None,
    links: Callable[[], Iterable[tuple[str, str]]] | None = None,
) -> None:
    """The communities, the overview's layout, every node (for search and typeahead: after those, as the first
    pages do not wait for it), then each entity's first talks (for tooltips), of the view over this store (the
    same as the server's own), each sent when done; `counts`, the entity graph's counts when they are read already;
    `nodes` and `links`, how to read every node and every talk's links (else the view's SELECTs)."""
    view = TalkGraph.from_store(store)
    if counts is not None:
        view.counts = counts
    send([[n.iri for n in c] for c in view.communities()])
    send(lay_out_overview(view))
    every = vouched((nodes or view._read_all_nodes)(), view.unvetted)
    send(
        (
            [n.iri for n in every.values()],
            [n.label for n in every.values()],
            [str(n.cls) for n in every.values()],
            [n.iri for n in every.values() if not n.curated],
        )
    )
    entities = view.nodes.entities if isinstance(view.nodes, NodeIndex) else view.nodes
    linked = links() if links is not None else ((t, e) for t, named in view._all_links()[0].items() for e in named)
    first = first_talks_of(linked, every, entities)
    send({entity: [t.iri for t in talks] for entity, talks in first.items()})


# -- kept across restarts ----------------------------------------------------------------------------------

# the kept files' layout (3: every node, and the overview's layout, each in a file of its own, read when first
# needed; the overview page in another; 2: a header line before the results): files of another are computed again
KEPT_FORMAT = 3
_KEEPING = threading.Lock()  # one writer of kept files (and their temporary files) at a time in this process
_CLASSES = {str(c): c for c in EntityClass}


def kept_path(store_path: Path) -> Path:
    """Where the background's results for a store on disk are kept: beside the store, in its data directory. They
    are small (bounded by the vocabulary): what a start reads. Every node is in nodes_path, the overview's layout in
    layout_path, the overview page in page_path, each under the same key."""
    return store_path.with_name(store_path.name + ".background.json")


def nodes_path(path: Path) -> Path:
    """Every node with its label (41 MB at 100,000 talks: 2/3 of a restart's time when it was read at start), read
    only when search, typeahead or a listing first goes through every node."""
    return path.with_name(path.stem + ".nodes.json")


def layout_path(path: Path) -> Path:
    """The overview's layout (its 2,000 nodes' positions and every link among them: 20 MB at 100,000 talks), read
    only when the overview page is built (a start that finds the page kept never reads it)."""
    return path.with_name(path.stem + ".layout.json")


def page_path(path: Path) -> Path:
    """The default overview page as the server rendered it (its script's data and its tables)."""
    return path.with_name(path.stem + ".page.json")


def _temporary(path: Path) -> Path:
    return path.with_name(path.name + ".tmp")


@functools.cache
def code_key() -> str:
    """A fingerprint of the code that computes the results (the analytics modules' source, the package's version,
    the overview's bounds): results kept by another Talkgraph are computed again, even with no write between."""
    digest = hashlib.sha256()
    with contextlib.suppress(metadata.PackageNotFoundError):
        digest.update(metadata.version("talkgraph").encode())
    digest.update(repr((KEPT_FORMAT, OVERVIEW_NODES, OVERVIEW_CLASSES, LISTED_TALKS)).encode())
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()[:32]


def kept_header(version: str, **more: str) -> dict:
    """The first line of every kept file: what the results are for (layout, store version, code, and `more`)."""
    return {"format": KEPT_FORMAT, "version": version, "code": code_key(), "limit": OVERVIEW_NODES, **more}


def clear_stray(path: Path) -> None:
    """Remove temporary files a keeping cut short (a stop or a crash during the dump) left beside `path`: called
    by the one process holding the data directory, before it keeps anything."""
    with _KEEPING:
        for kept_file in (path, nodes_path(path), layout_path(path), page_path(path)):
            for stray in [_temporary(kept_file), *kept_file.parent.glob(kept_file.name + ".*.tmp")]:
                stray.unlink(missing_ok=True)


def write_kept(path: Path, header: dict, *lines: str) -> bool:
    """One kept file: its header line, then `lines` (JSON each), written to a temporary file, synced and renamed
    over the old one, the directory synced: a reader finds the old file or the new one, never half. False (and a
    warning) when it cannot be written: a full disk or a read-only directory; the next start computes again."""
    text = "\n".join([json.dumps(header), *lines])
    with _KEEPING:
        try:
            replace_durably(path, text, _temporary(path))
        except OSError as exc:
            log.warning("the background results could not be kept in %s: %s", path, exc)
            return False
    return True


def read_kept(path: Path, header: dict) -> list[str] | None:
    """The lines after a kept file's header when the header is `header` (checked before anything else is read);
    None when there is no such file or it was kept for something else."""
    try:
        with path.open(encoding="utf-8") as source:
            if json.loads(source.readline()) != header:
                return None
            return source.read().split("\n")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        log.warning("the background results kept in %s are ignored: %s", path, exc)
        return None


def _node_row(node: Node) -> list:
    return [node.iri, node.label, str(node.cls), node.curated]


def _node(row: list) -> Node:
    iri, label, cls, curated = row
    return Node(str(iri), str(label), _CLASSES[cls], bool(curated))


def keep_when_done(job: Background, path: Path, version: str) -> None:
    """Write the job's results under the store's version once all have come: every node first, in a file of its
    own, then the overview's layout in another, then the rest (what a start reads), so a start that finds the rest
    finds the others kept under the same key. A failed job keeps nothing. Each file's first line is its key (layout,
    store version, code_key, the overview's limit)."""

    def write() -> None:
        try:
            communities, overview, nodes = job.communities.result(), job.overview.result(), job.nodes.result()
            first_talks = job.first_talks.result()
        except Exception:  # failed or stopped (a write made its version old): nothing to keep
            return
        header = kept_header(version)
        if not write_kept(nodes_path(path), header, json.dumps([_node_row(n) for n in nodes.values()])):
            return
        layout = {
            "nodes": overview.nodes,
            "links": overview.links,
            "positions": overview.positions,
            "communities": overview.communities,
            "total": overview.total,
            "limit": overview.limit,
        }
        if not write_kept(layout_path(path), header, json.dumps(layout, ensure_ascii=False)):
            return
        talks = {t.iri: t for listed in first_talks.values() for t in listed}
        kept = {
            "communities": communities,
            "talks": [_node_row(t) for t in talks.values()],  # the first talks' own nodes: no need of every node
            "first_talks": {entity: [t.iri for t in listed] for entity, listed in first_talks.items()},
        }
        write_kept(path, header, json.dumps(kept, ensure_ascii=False))

    threading.Thread(target=write, daemon=True, name="talkgraph-background-keep").start()


def _kept_nodes(path: Path, header: dict) -> dict[str, Node] | None:
    """Every node from their kept file, if it was kept under `header`; None otherwise (the view reads them)."""
    lines = read_kept(path, header)
    if lines is None:
        return None
    try:
        return {node.iri: node for node in map(_node, json.loads(lines[0]))}
    except (ValueError, KeyError, TypeError, IndexError) as exc:
        log.warning("the nodes kept in %s are ignored: %s", path, exc)
        return None


def _kept_layout(path: Path, header: dict) -> OverviewLayout | None:
    """The overview's layout from its kept file, if it was kept under `header`; None otherwise (laid out again)."""
    lines = read_kept(path, header)
    if lines is None:
        return None
    try:
        overview = json.loads(lines[0])
        layout = OverviewLayout(
            nodes=[str(n) for n in overview["nodes"]],
            links=[(str(a), str(b), int(w)) for a, b, w in overview["links"]],
            positions={str(n): (float(x), float(y)) for n, (x, y) in overview["positions"].items()},
            communities={str(n): int(c) for n, c in overview["communities"].items()},
            total=int(overview["total"]),
            limit=int(overview["limit"]),
        )
        if set(layout.positions) != set(layout.nodes) or layout.limit != OVERVIEW_NODES:
            raise ValueError("its positions are not its nodes', or its limit not the overview's")
    except (ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        log.warning("the overview's layout kept in %s is ignored: %s", path, exc)
        return None
    return layout


def kept(path: Path, version: str) -> Background | None:
    """The results kept for this version of the store, as a finished job (no process) whose nodes and overview layout
    are read from their own files when first needed (Background.part); None when there is no file, it was kept for
    another version or by other code (its first line says so, before anything else is parsed), or it cannot be read
    (corrupt, truncated, another layout): computed again."""
    header = kept_header(version)
    lines = read_kept(path, header)
    if lines is None:
        return None
    try:
        data = json.loads(lines[0])
        communities = [[str(iri) for iri in members] for members in data["communities"]]
        talks = {node.iri: node for node in map(_node, data["talks"])}
        first_talks = {str(entity): [talks[str(t)] for t in listed] for entity, listed in data["first_talks"].items()}
    except (ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        log.warning("the background results kept in %s are ignored: %s", path, exc)
        return None
    lazy = {
        "nodes": functools.partial(_kept_nodes, nodes_path(path), header),
        "overview": functools.partial(_kept_layout, layout_path(path), header),
    }
    job = Background(Future(), Future(), kept_parts=cast(dict[str, Callable[[], object | None]], lazy))
    job.communities.set_result(communities)
    job.first_talks.set_result(first_talks)
    return job


def keep_page(path: Path, version: str, meta: dict, data: str) -> None:
    """Keep a rendered overview page (`meta`: what its HTML shows besides the script's data; `data`: that data as
    JSON text, on one line) beside the results kept under `version`, in a thread of its own."""
    if "\n" in data:
        raise ValueError("a kept page's data is JSON text on one line")
    meta = {**meta, "data_sha256": hashlib.sha256(data.encode()).hexdigest()}
    line = json.dumps(meta, ensure_ascii=False)
    threading.Thread(
        target=write_kept,
        args=(page_path(path), kept_header(version), line, data),
        daemon=True,
        name="talkgraph-keep-page",
    ).start()


def kept_page(path: Path, version: str) -> tuple[dict, str] | None:
    """The overview page kept under `version` (what keep_page was given), or None: none kept, kept for another
    version or by other code, or its data not what was kept (checked by its hash, not parsed: 4 MB at 100,000 talks)."""
    lines = read_kept(page_path(path), kept_header(version))
    try:
        if lines is None or len(lines) != 2:
            return None
        meta, data = json.loads(lines[0]), lines[1]
        if not isinstance(meta, dict) or meta.pop("data_sha256", None) != hashlib.sha256(data.encode()).hexdigest():
            raise ValueError("its data is not what was kept")
    except ValueError as exc:
        log.warning("the overview page kept in %s is ignored: %s", page_path(path), exc)
        return None
    return meta, data


def start(snapshot: str) -> Background:
    """compute() over the snapshot in a new process; the futures fail if the process does."""
    # a file, not a pipe: a long error output cannot block the process; wait() closes it
    errors = tempfile.TemporaryFile()  # noqa: SIM115
    process = subprocess.Popen([sys.executable, "-c", _MAIN, snapshot], stdout=subprocess.PIPE, stderr=errors)
    job = Background(Future(), Future(), process)

    def wait() -> None:
        assert process.stdout is not None
        pending: list[Future] = [job.communities, job.overview, job.nodes, job.first_talks]
        with process, errors:  # closes the pipe and the file, and waits for the process
            try:
                while pending:
                    part = pickle.load(process.stdout)
                    if pending[0] is job.nodes:  # lists: a tenth of the time to unpickle 100,000 nodes
                        iris, labels, classes, unvetted = part
                        part = {i: Node(i, label, c) for i, label, c in zip(iris, labels, classes, strict=True)}
                        for iri in unvetted:
                            part[iri].curated = False
                    elif pending[0] is job.first_talks:  # IRIs: the nodes came in the part before
                        every = job.nodes.result()
                        part = {entity: [every[t] for t in talks] for entity, talks in part.items()}
                    pending[0].set_result(part)
                    pending.pop(0)
            except (EOFError, pickle.UnpicklingError):
                failure = None  # the process ended early: its error output says why
            except Exception as exc:  # a part that could not be read: no future may wait for it for ever
                failure = f"its answer could not be read ({exc!r})"
                process.kill()
            else:
                failure = None
            process.wait()
            errors.seek(0)
            err = errors.read()
        if pending:
            tail = [failure] if failure else err.decode("utf-8", "replace").strip().splitlines()[-1:]
            tail = tail or [f"exit {process.returncode}"]
            for future in pending:
                future.set_exception(BackgroundFailed(f"the background analytics process failed: {tail[0]}"))

    threading.Thread(target=wait, daemon=True, name="talkgraph-background").start()
    return job


def main() -> None:
    """The process's entry point: the snapshot's path as its argument, each part pickled on stdout."""

    def send(part: object) -> None:
        pickle.dump(part, sys.stdout.buffer)
        sys.stdout.flush()

    reader = SnapshotReader(sys.argv[1])
    compute(cast(GraphStore, reader), send, read_counts(reader), lambda: read_nodes(reader), lambda: read_links(reader))
