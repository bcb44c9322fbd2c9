"""The store's version and the background analytics kept under it across restarts."""

from __future__ import annotations

import json
import os
import time
from concurrent.futures import Future
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from talkgraph.api.settings import Settings
from talkgraph.api.state import AppState
from talkgraph.graph.analytics import background
from talkgraph.graph.analytics.view import Node, TalkGraph
from talkgraph.graph.ingest import ingest, remove_document
from talkgraph.graph.rdf import store as store_module
from talkgraph.graph.rdf.policy import SparqlRequestError
from talkgraph.graph.rdf.store import EmbeddedStore, StoreError
from talkgraph.ontology import DERIVED_GRAPH, EntityClass
from tests.conftest import BUNDLED_NOTES, make_client

TOKEN = "s3cret-token"
WRITER = {"Authorization": f"Bearer {TOKEN}"}
EX = "http://example.org/"
ID = "https://w3id.org/talkgraph/id/"
CILIUM = ID + "tool/cilium"
NOTES = b"# Notes from WidgetConf\n\n## Scaling Prometheus with Thanos\nAda Brown showed Thanos beside Prometheus.\n"


def quad(n: int) -> Quad:
    return Quad(NamedNode(f"{EX}s{n}"), NamedNode(EX + "p"), Literal(str(n)), NamedNode(EX + "g"))


@pytest.fixture
def on_disk(bundled_store_copy) -> EmbeddedStore:
    """The bundled notes' store on disk, reopened (as a server finds it)."""
    store = EmbeddedStore(bundled_store_copy)
    yield store
    if hasattr(store, "store"):
        store.close()


def test_a_version_is_kept_across_restarts_and_none_in_memory(tmp_path, vocabulary):
    store = EmbeddedStore(tmp_path / "store")
    ingest(store, [BUNDLED_NOTES], vocabulary)
    version = store.version
    assert version is not None and len(version) == 32
    assert (tmp_path / "store.version").read_text().strip() == version  # while open: the key alone
    store.close()
    again = EmbeddedStore(tmp_path / "store")
    assert again.version == version
    again.close()
    assert EmbeddedStore().version is None


WRITES = {
    "update": lambda s: s.update(f"INSERT DATA {{ <{EX}a> <{EX}b> <{EX}c> }}"),
    "update_together": lambda s: s.update_together(
        [f"INSERT DATA {{ <{EX}a> <{EX}b> <{EX}d> }}", "CLEAR SILENT DEFAULT"]
    ),
    "replace_graph": lambda s: s.replace_graph(EX + "g", [quad(1)]),
    "drop_graph": lambda s: s.drop_graph(EX + "g"),
    "add_quads": lambda s: s.add_quads([quad(1), quad(2)]),
    "add_quads in bulk": lambda s: s.add_quads([quad(n) for n in range(5)]),
    "a failed update": lambda s: failed(s.update, "INSERT DATA { nonsense"),
}


def failed(write, argument) -> None:
    with pytest.raises(SparqlRequestError):
        write(argument)


@pytest.mark.parametrize("write", WRITES)
def test_every_write_of_the_store_renews_its_version(on_disk, monkeypatch, write):
    monkeypatch.setattr(store_module, "BULK_QUADS", 3)  # the five quads go through the bulk loader
    before = on_disk.version
    WRITES[write](on_disk)
    assert on_disk.version not in (None, before)


def test_no_version_while_a_write_is_held_back(on_disk):
    with on_disk.shown_together():
        on_disk.update(f"INSERT DATA {{ <{EX}a> <{EX}b> <{EX}c> }}")
        assert on_disk.version is None  # readers' snapshot is behind the store
    assert on_disk.version is not None


def test_ingest_and_removal_renew_the_version(on_disk, vocabulary, tmp_path):
    notes = tmp_path / "widgetconf.md"
    notes.write_bytes(NOTES)
    seen = {on_disk.version}
    ingest(on_disk, [notes], vocabulary)
    seen.add(on_disk.version)
    remove_document(on_disk, "widgetconf")
    seen.add(on_disk.version)
    assert len(seen) == 3 and None not in seen


SERVER_WRITES = {
    "SPARQL Update": lambda c: c.post("/sparql", data={"update": f"INSERT DATA {{ <{EX}a> <{EX}b> <{EX}c> }}"}),
    "Graph Store PUT": lambda c: c.put(
        "/store",
        params={"graph": EX + "g"},
        content=f"<{EX}a> <{EX}b> <{EX}c> .",
        headers={"Content-Type": "application/n-triples"},
    ),
    "Graph Store POST": lambda c: c.post(
        "/store",
        params={"graph": EX + "g"},
        content=f"<{EX}a> <{EX}b> <{EX}e> .",
        headers={"Content-Type": "application/n-triples"},
    ),
    "Graph Store DELETE": lambda c: c.delete("/store", params={"graph": str(DERIVED_GRAPH)}),
    "a document added": lambda c: c.post("/api/documents", params={"path": "widgetconf.md"}, content=NOTES),
    "a document removed": lambda c: c.delete("/api/documents/kubecon-na-2020"),
}


@pytest.mark.parametrize("write", SERVER_WRITES)
def test_every_write_through_the_server_renews_the_version(on_disk, write):
    client = make_client(on_disk, update_token=TOKEN)
    client.headers.update(WRITER)
    before = on_disk.version
    response = SERVER_WRITES[write](client)
    assert response.status_code in (200, 201, 204), response.text
    assert on_disk.version not in (None, before)


def header(path: Path) -> dict:
    with path.open() as kept:
        return json.loads(kept.readline())


def kept_state(store: EmbeddedStore) -> tuple[AppState, background.Background]:
    """A server's state over the store with its background job, waiting until its results are kept."""
    state = AppState(store, Settings())
    job = state.start_background()
    assert job is not None
    path = background.kept_path(store.path)
    for _ in range(600):
        if path.exists() and header(path)["version"] == store.version:
            break
        time.sleep(0.1)
    return state, job


def no_process(monkeypatch) -> list[str]:
    """Record the background processes started instead of starting them: each gives a job that failed."""
    started: list[str] = []

    def start(snapshot: str) -> background.Background:
        started.append(snapshot)
        job = background.Background(Future(), Future())
        for part in (job.communities, job.overview, job.nodes, job.first_talks):
            part.set_exception(background.BackgroundFailed("not started in this test"))
        return job

    monkeypatch.setattr(background, "start", start)
    return started


def test_a_restart_uses_the_kept_results_without_a_process(tmp_path, on_disk, monkeypatch):
    state, job = kept_state(on_disk)
    assert job.process is not None
    overview, communities = job.overview.result(timeout=120), job.communities.result(timeout=120)
    nodes, first_talks = job.nodes.result(timeout=120), job.first_talks.result(timeout=120)
    state.stop_background()
    on_disk.close()
    started = no_process(monkeypatch)
    restarted = AppState(EmbeddedStore(tmp_path / "store"), Settings())
    again = restarted.start_background()
    assert started == [] and again is not None and again.process is None
    assert not again.overview.done()  # read from its own file when the overview page is built
    assert again.part("overview").result(timeout=0) == overview
    assert again.communities.result(timeout=0) == communities
    assert not again.nodes.done()  # every node is read from its own file when first needed, not at start
    assert again.first_talks.result(timeout=0) == first_talks
    assert again.every_node() == nodes and again.nodes.result(timeout=0) == nodes
    assert [[n.iri for n in c] for c in restarted.communities()] == communities
    restarted.store.close()


def test_a_write_makes_the_kept_results_stale(tmp_path, on_disk, monkeypatch):
    state, _ = kept_state(on_disk)
    state.stop_background()
    on_disk.update(f"INSERT DATA {{ <{EX}a> <{EX}b> <{EX}c> }}")
    on_disk.close()
    started = no_process(monkeypatch)
    restarted = EmbeddedStore(tmp_path / "store")
    AppState(restarted, Settings()).start_background()
    assert len(started) == 1  # computed again
    restarted.close()


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],  # cut short
        lambda text: "not json at all",
        lambda text: text.replace('"communities": [', '"communities": 7, "x": [', 1),
        lambda text: text.replace('"format": 3', '"format": 0', 1),
        lambda text: text.replace("\n", " ", 1),  # no header line
    ],
)
def test_a_damaged_kept_file_is_ignored(tmp_path, on_disk, monkeypatch, damage):
    state, _ = kept_state(on_disk)
    state.stop_background()
    path = background.kept_path(on_disk.path)
    path.write_text(damage(path.read_text()))
    version = on_disk.version
    assert background.kept(path, version) is None
    started = no_process(monkeypatch)
    AppState(on_disk, Settings()).start_background()
    assert len(started) == 1


def test_a_store_in_memory_keeps_nothing(monkeypatch):
    started = no_process(monkeypatch)
    assert AppState(EmbeddedStore(), Settings()).start_background() is None
    assert started == []


def test_the_background_gives_each_entity_the_first_talks_the_view_reads(on_disk):
    state, job = kept_state(on_disk)
    first = job.first_talks.result(timeout=120)
    view = TalkGraph.from_store(on_disk)
    named = [e for e in view.nodes.entities if view.talk_count(e)]  # type: ignore[attr-defined]
    assert set(first) == set(named) and len(named) > 50
    assert {e: first[e] for e in named} == {e: view.first_talks(e, 3) for e in named}
    cilium = view.nodes[CILIUM]
    assert state.first_talks(cilium) == view.first_talks(CILIUM, 3) and len(state.first_talks(cilium)) == 2
    assert state.first_talks(view.nodes[ID + "person/liz-rice"]) is None  # people: the view reads theirs
    state.stop_background()


def test_first_talks_keep_the_least_titles_then_iris_once_each():
    talk = {i: Node(f"{EX}t{i}", title, EntityClass.TALK) for i, title in enumerate(["B", "A", "C", "A", "D"])}
    nodes = {**{n.iri: n for n in talk.values()}, EX + "p": Node(EX + "p", "0 a person", EntityClass.PERSON)}
    links = [(talk[i].iri, EX + "e") for i in (4, 0, 2, 1, 1, 3)] + [(EX + "p", EX + "e"), (talk[0].iri, EX + "x")]
    first = background.first_talks_of(links, nodes, {EX + "e"}, 3)
    assert first == {EX + "e": [talk[1], talk[3], talk[0]]}  # A (t1), A (t3), B; twice-linked t1 once; not x


# -- the review's findings (review-RG) -------------------------------------------------------------------------------


def test_a_directory_that_takes_no_version_file_still_opens_and_refuses_writes_clearly(tmp_path):
    EmbeddedStore(tmp_path / "store").close()
    (tmp_path / "store.version").unlink()
    (tmp_path / "store.version.tmp").mkdir()  # the version file cannot be written (as a full disk would refuse it)
    store = EmbeddedStore(tmp_path / "store")
    assert store.version is None and not store.read_only
    assert store.select(f"SELECT * WHERE {{ <{EX}a> ?p ?o }}") == []
    with pytest.raises(StoreError, match="cannot write the store's version file"):
        store.update(f"INSERT DATA {{ <{EX}a> <{EX}b> <{EX}c> }}")
    assert store.select(f"SELECT * WHERE {{ <{EX}a> ?p ?o }}") == []  # the write did not happen
    assert store.version is None
    store.close()


class Unwritable:
    """pyoxigraph's Store as a directory the process may not write answers it: read-only opening only."""

    def __init__(self, path: str) -> None:
        raise OSError(f"IO error: While mkdir if missing: {path}: Permission denied")

    read_only = staticmethod(store_module.Store.read_only)


def test_an_unwritable_directory_uses_the_kept_results_and_keeps_none(tmp_path, on_disk, monkeypatch):
    state, _ = kept_state(on_disk)
    state.stop_background()
    version = on_disk.version
    on_disk.close()  # the version is sealed with the files as closing left them
    monkeypatch.setattr(store_module, "Store", Unwritable)
    unwritable = EmbeddedStore(tmp_path / "store")
    assert unwritable.read_only and unwritable.version == version
    started = no_process(monkeypatch)
    job = AppState(unwritable, Settings()).start_background()
    assert started == [] and job is not None and job.process is None
    unwritable.close()
    path = background.kept_path(tmp_path / "store")
    path.unlink()
    unwritable = EmbeddedStore(tmp_path / "store")
    kept: list[str] = []
    monkeypatch.setattr(background, "keep_when_done", lambda job, path, version: kept.append(version))
    AppState(unwritable, Settings()).start_background()
    assert len(started) == 1 and kept == []  # computed, never kept in a directory nobody may write
    unwritable.close()


def test_results_kept_by_other_code_or_for_another_limit_are_computed_again(tmp_path, on_disk, monkeypatch):
    state, _ = kept_state(on_disk)
    state.stop_background()
    path, version = background.kept_path(on_disk.path), on_disk.version
    assert background.kept(path, version) is not None
    assert header(path)["code"] == background.code_key() and len(background.code_key()) == 32
    monkeypatch.setattr(background, "code_key", lambda: "another talkgraph")
    assert background.kept(path, version) is None
    monkeypatch.undo()
    monkeypatch.setattr(background, "OVERVIEW_NODES", 5)
    assert background.kept(path, version) is None


def test_the_key_is_checked_before_the_results_are_parsed(tmp_path, on_disk, monkeypatch):
    state, _ = kept_state(on_disk)
    state.stop_background()
    path = background.kept_path(on_disk.path)
    parsed: list[int] = []
    loads = json.loads
    monkeypatch.setattr(background.json, "loads", lambda text, **kw: parsed.append(len(text)) or loads(text, **kw))
    assert background.kept(path, "another version") is None
    assert len(parsed) == 1 and parsed[0] == len(path.read_text().split("\n", 1)[0]) + 1  # the header line only


def test_the_kept_results_are_read_outside_the_state_lock(tmp_path, on_disk, monkeypatch):
    state, _ = kept_state(on_disk)
    state.stop_background()
    restarted = AppState(on_disk, Settings())
    read = background.kept
    held: list[bool] = []
    monkeypatch.setattr(
        background, "kept", lambda path, version: held.append(restarted._lock.locked()) or read(path, version)
    )
    job = restarted.start_background()
    assert held == [False] and job is not None and job.process is None


def test_a_write_racing_the_version_read_never_gives_the_new_key(on_disk, monkeypatch):
    """The writer renews the key right after the reader found no write under way: the reader must return the
    key from before (which no kept result can match any more), never the renewed one beside an old snapshot."""
    busy = on_disk._busy

    def a_write_starts_after_the_check() -> bool:
        answer = busy()
        monkeypatch.setattr(on_disk, "_busy", busy)
        on_disk.update(f"INSERT DATA {{ <{EX}a> <{EX}b> <{EX}c> }}")
        return answer

    before = on_disk.version
    monkeypatch.setattr(on_disk, "_busy", a_write_starts_after_the_check)
    assert on_disk.version == before
    assert on_disk.version not in (None, before)


def test_stray_temporary_files_of_a_cut_keeping_are_removed_at_start(tmp_path, on_disk, monkeypatch):
    path = background.kept_path(on_disk.path)
    strays = [path.with_name(path.name + ".tmp"), path.with_name(path.name + ".4242.tmp")]
    for stray in strays:
        stray.write_text("half a dump")
    no_process(monkeypatch)
    AppState(on_disk, Settings()).start_background()
    assert [stray.exists() for stray in strays] == [False, False]


def test_the_version_file_rename_is_synced_in_its_directory(tmp_path, on_disk, monkeypatch):
    opened: dict[int, str] = {}
    synced: list[str] = []
    real_open, real_fsync = os.open, os.fsync

    def recorded_open(path, *args, **kwargs) -> int:
        fd = real_open(path, *args, **kwargs)
        opened[fd] = str(path)
        return fd

    monkeypatch.setattr(os, "open", recorded_open)
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(opened.get(fd, "a file")) or real_fsync(fd))
    on_disk.update(f"INSERT DATA {{ <{EX}a> <{EX}b> <{EX}c> }}")
    assert str(tmp_path) in synced


# -- G3: a start reads only what the overview needs; the overview page kept; the key covers the store's files ----------


def kept_and_closed(tmp_path: Path, on_disk: EmbeddedStore) -> Path:
    """The background's results kept beside the store, the store closed; the kept file's path."""
    state, job = kept_state(on_disk)
    job.first_talks.result(timeout=120)
    state.stop_background()
    path = background.kept_path(on_disk.path)
    for _ in range(600):  # the nodes are kept first, then the rest: wait for both
        if background.nodes_path(path).exists() and header(path)["version"] == on_disk.version:
            break
        time.sleep(0.1)
    on_disk.close()
    return path


def test_every_node_is_kept_in_a_file_of_its_own_that_a_start_does_not_read(tmp_path, on_disk, monkeypatch):
    path = kept_and_closed(tmp_path, on_disk)
    nodes_file = background.nodes_path(path)
    assert nodes_file.name == "store.background.nodes.json"
    assert header(nodes_file) == header(path)  # the same key on both
    rest = json.loads(path.read_text().split("\n")[1])
    assert set(rest) == {"communities", "talks", "first_talks"}  # no node list nor layout in what a start reads
    every = json.loads(nodes_file.read_text().split("\n")[1])
    assert [CILIUM, "Cilium", "Tool", True] in every
    started = no_process(monkeypatch)
    opened: list[str] = []
    real_open = Path.open
    monkeypatch.setattr(Path, "open", lambda self, *a, **kw: opened.append(self.name) or real_open(self, *a, **kw))
    restarted = AppState(EmbeddedStore(tmp_path / "store"), Settings())
    job = restarted.start_background()
    assert started == [] and job is not None and "store.background.nodes.json" not in opened
    assert "store.background.layout.json" not in opened  # the overview's layout: read when its page is built
    assert restarted.questions.find("cilium").count > 0  # search goes through every node: read now
    assert opened.count("store.background.nodes.json") == 1 and job.nodes.done()
    assert len(every) == len(job.nodes.result()) == len(TalkGraph.from_store(restarted.store)._read_all_nodes())
    assert restarted.view.nodes[CILIUM] == Node(CILIUM, "Cilium", EntityClass.TOOL)
    restarted.store.close()


@pytest.mark.parametrize("damage", ["missing", "another key", "corrupt"])
def test_kept_nodes_that_cannot_be_used_are_read_from_the_store(tmp_path, on_disk, monkeypatch, damage):
    path = kept_and_closed(tmp_path, on_disk)
    nodes_file = background.nodes_path(path)
    if damage == "missing":
        nodes_file.unlink()
    elif damage == "another key":
        nodes_file.write_text(nodes_file.read_text().replace(header(path)["version"], "0" * 32, 1))
    else:
        nodes_file.write_text(nodes_file.read_text()[:-100])
    no_process(monkeypatch)
    restarted = AppState(EmbeddedStore(tmp_path / "store"), Settings())
    job = restarted.start_background()
    assert job is not None and job.every_node() is None and isinstance(job.nodes.exception(), Exception)
    expected = TalkGraph.from_store(restarted.store)._read_all_nodes()
    assert dict(restarted.view.nodes.items()) == expected and len(expected) > 100  # read by the view instead
    restarted.store.close()


def test_the_overview_page_is_kept_and_a_restart_answers_it_unbuilt_and_the_same(tmp_path, on_disk, monkeypatch):
    client = make_client(on_disk)
    built = {fmt: client.get("/graph", params={"format": fmt}) for fmt in ("json", "nodes.csv", "edges.csv")}
    built["html"] = client.get("/graph")
    expanded = client.get("/graph", params={"expand": "Cilium", "format": "json"})
    page = background.page_path(background.kept_path(on_disk.path))
    for _ in range(600):
        if page.exists() and header(page)["version"] == on_disk.version:
            break
        time.sleep(0.1)
    assert page.name == "store.background.page.json"
    client.app.state.talkgraph.stop_background()
    kept_and_closed(tmp_path, on_disk)
    no_process(monkeypatch)
    from talkgraph.api import pages

    def not_built(*args, **kwargs):
        raise AssertionError("the overview page was built again")

    monkeypatch.setattr(pages, "overview_page", not_built)
    restarted = make_client(EmbeddedStore(tmp_path / "store"))
    again = restarted.get("/graph")
    assert again.status_code == 200 and again.content == built["html"].content
    for fmt in ("json", "nodes.csv", "edges.csv"):
        answer = restarted.get("/graph", params={"format": fmt})
        assert answer.status_code == 200 and answer.content == built[fmt].content, fmt
    monkeypatch.undo()
    assert restarted.get("/graph", params={"expand": "Cilium", "format": "json"}).json() == expanded.json()
    restarted.app.state.talkgraph.store.close()


def test_a_kept_page_of_another_version_or_code_or_changed_is_not_used(tmp_path, on_disk):
    path = background.kept_path(on_disk.path)
    version = on_disk.version
    background.keep_page(path, version, {"code": "x", "title": "T"}, '{"nodes": []}')
    page = background.page_path(path)
    for _ in range(100):
        if page.exists():
            break
        time.sleep(0.05)
    assert background.kept_page(path, version) == ({"code": "x", "title": "T"}, '{"nodes": []}')
    assert background.kept_page(path, "another version") is None
    page.write_text(page.read_text().replace('{"nodes": []}', '{"nodes": [1]}'))
    assert background.kept_page(path, version) is None  # its data is not what was kept
    from talkgraph.api import pages

    assert pages.page_from_kept({"code": "other code"}, "{}") is None
    with pytest.raises(ValueError, match="on one line"):
        background.keep_page(path, version, {}, "{\n}")


def test_a_graph_page_is_compressed_once_and_sent_compressed_or_not(on_disk, monkeypatch):
    from talkgraph.api import pages

    client = make_client(on_disk)
    compressed: list[int] = []
    real = pages.gzip.compress
    monkeypatch.setattr(pages.gzip, "compress", lambda data, level: compressed.append(level) or real(data, level))
    first = client.get("/graph", headers={"Accept-Encoding": "gzip"})
    second = client.get("/graph", headers={"Accept-Encoding": "gzip"})
    plain = client.get("/graph", headers={"Accept-Encoding": "identity"})
    assert first.headers["content-encoding"] == second.headers["content-encoding"] == "gzip"
    assert "content-encoding" not in plain.headers and plain.headers["content-type"] == "text/html; charset=utf-8"
    assert first.content == second.content == plain.content and b'<script id="graph-data"' in plain.content
    assert compressed == [pages.GRAPH_GZIP_LEVEL]  # once for the page, at level 6
    assert first.headers["vary"] == "Accept, Accept-Encoding"


def direct_write(path: Path) -> None:
    """What other code does to the store: pyoxigraph on the directory, no Talkgraph (so no version renewed)."""
    raw = store_module.Store(str(path))
    raw.add(quad(7))
    del raw


def test_the_version_stays_only_if_the_store_files_are_as_it_left_them(tmp_path, on_disk):
    version = on_disk.version
    on_disk.close()
    assert (tmp_path / "store.version").read_text().split()[0] == version
    reopened = EmbeddedStore(tmp_path / "store")
    assert reopened.version == version  # closed by Talkgraph, opened again: the same key
    reopened.close()
    direct_write(tmp_path / "store")  # the version file is left as it was
    changed = EmbeddedStore(tmp_path / "store")
    assert changed.version not in (None, version)
    assert changed.select(f"SELECT ?o WHERE {{ <{EX}s7> ?p ?o }}") == [{"o": Literal("7")}]
    changed.close()


def test_a_store_restored_beside_an_unchanged_version_file_gets_a_new_version(tmp_path, on_disk, vocabulary):
    other = EmbeddedStore(tmp_path / "other" / "store")
    ingest(other, [BUNDLED_NOTES], vocabulary)
    other.close()
    version = on_disk.version
    on_disk.close()
    import shutil

    shutil.rmtree(tmp_path / "store")
    shutil.copytree(tmp_path / "other" / "store", tmp_path / "store")  # the same notes, other files
    restored = EmbeddedStore(tmp_path / "store")
    assert restored.version not in (None, version)
    restored.close()


def test_a_store_not_closed_gets_a_new_version(tmp_path, on_disk):
    version = on_disk.version
    on_disk.store.flush()
    del on_disk.store  # the process died: close() never sealed the key
    again = EmbeddedStore(tmp_path / "store")
    assert again.version not in (None, version)
    again.close()


def test_kept_results_are_not_used_for_a_store_changed_by_other_code(tmp_path, on_disk, monkeypatch):
    kept_and_closed(tmp_path, on_disk)
    direct_write(tmp_path / "store")
    started = no_process(monkeypatch)
    AppState(EmbeddedStore(tmp_path / "store"), Settings()).start_background()
    assert len(started) == 1  # computed again


def test_a_kept_layout_that_cannot_be_used_is_laid_out_again(tmp_path, on_disk, monkeypatch):
    path = kept_and_closed(tmp_path, on_disk)
    layout = background.layout_path(path)
    assert layout.name == "store.background.layout.json" and header(layout) == header(path)
    layout.write_text(layout.read_text().replace('"positions": {', '"positions": {"x": "y", '))
    no_process(monkeypatch)
    client = make_client(EmbeddedStore(tmp_path / "store"))
    state = client.app.state.talkgraph
    job = state.start_background()
    assert job is not None and job.process is None
    assert state.overview_layout() is None and isinstance(job.overview.exception(), background.BackgroundFailed)
    answer = client.get("/graph", params={"format": "json"})  # laid out in the server instead
    assert answer.status_code == 200 and len(answer.json()["nodes"]) > 50
    state.store.close()
