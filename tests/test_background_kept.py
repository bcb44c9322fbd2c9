"""The store's version and the background analytics kept under it across restarts."""

from __future__ import annotations

import json
import time
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
from talkgraph.graph.rdf.store import EmbeddedStore
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
def on_disk(tmp_path, vocabulary) -> EmbeddedStore:
    store = EmbeddedStore(tmp_path / "store")
    ingest(store, [BUNDLED_NOTES], vocabulary)
    yield store
    if hasattr(store, "store"):
        store.close()


def test_a_version_is_kept_across_restarts_and_none_in_memory(tmp_path, on_disk):
    version = on_disk.version
    assert version is not None and len(version) == 32
    assert (tmp_path / "store.version").read_text().strip() == version
    on_disk.close()
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


def kept_state(store: EmbeddedStore) -> tuple[AppState, background.Background]:
    """A server's state over the store with its background job, waiting until its results are kept."""
    state = AppState(store, Settings())
    job = state.start_background()
    assert job is not None
    path = background.kept_path(store.path)
    for _ in range(600):
        if path.exists() and json.loads(path.read_text())["version"] == store.version:
            break
        time.sleep(0.1)
    return state, job


def no_process(monkeypatch) -> list[str]:
    started: list[str] = []
    monkeypatch.setattr(
        background, "start", lambda snapshot: started.append(snapshot) or background.kept(Path("/nonexistent"), "")
    )
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
    assert again.overview.result(timeout=0) == overview
    assert again.communities.result(timeout=0) == communities
    assert again.nodes.result(timeout=0) == nodes
    assert again.first_talks.result(timeout=0) == first_talks
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
        lambda text: text.replace('"positions": {', '"positions": {"x": "y", '),
        lambda text: json.dumps({**json.loads(text), "format": 0}),
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
