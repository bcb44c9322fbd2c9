"""Readers never see a half-written ingest: while a document is written in parts, the server's own reads (the JSON
API, the pages), its SPARQL workers and readers beside it all see the store as it was; the ingest's own reads see
what it wrote. A failed or killed ingest leaves no partial talk for any reader."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from talkgraph.graph import ingest as ingest_module
from talkgraph.graph.analytics import derived
from talkgraph.graph.analytics.stored import incomplete_writes
from talkgraph.graph.documents import repair_interrupted, stored_documents
from talkgraph.graph.ingest import ingest
from talkgraph.graph.rdf.store import EmbeddedStore
from talkgraph.graph.rdf.triples import notes_graph
from talkgraph.ontology import TG
from tests.conftest import make_client
from tests.test_cli import ok
from tests.test_ingest_in_parts import PART_TALKS, assert_analytics_equal_a_rebuild, notes, talks, write

COUNT_TALKS = f"SELECT (COUNT(?t) AS ?n) WHERE {{ ?t a <{TG.Talk}> }}"
SPARQL_JSON = {"accept": "application/sparql-results+json"}


@pytest.fixture
def in_parts(monkeypatch):
    """Every file streamed, and a document of more than PART_TALKS talks written in parts; read in this process,
    so that store.add_quads sees every part (a forked child's parts go in as N-Quads: tests/test_ingest_forked.py)."""
    monkeypatch.setattr(ingest_module, "STREAM_BYTES", 0)
    monkeypatch.setattr(ingest_module, "FORK_LARGE", False)
    monkeypatch.setattr(ingest_module, "PART_TALKS", PART_TALKS)
    monkeypatch.setattr(derived, "PART_TALKS", PART_TALKS)


def looked(client) -> dict:
    """What a visitor sees: the stats, the talks listed, and a SPARQL count of talks."""
    sparql = client.get("/sparql", params={"query": COUNT_TALKS}, headers=SPARQL_JSON)
    assert sparql.status_code == 200, sparql.text
    listed = client.get("/api/talks", params={"limit": 1000}).json()
    return {
        "stats": client.get("/api/stats").json(),
        "talks": sorted(t["label"] for t in listed["results"]),
        "sparql": int(sparql.json()["results"]["bindings"][0]["n"]["value"]),
    }


class Paused:
    """store.add_quads stopped before its second part until resumed: an ingest caught between two parts. What
    the ingest itself reads there (its own thread: the live store) is kept in `writer_saw`."""

    def __init__(self, store, monkeypatch):
        self.reached, self.resume, self.calls = threading.Event(), threading.Event(), 0
        self.writer_saw: dict = {}
        real = store.add_quads

        def add_quads(quads):
            self.calls += 1
            if self.calls == 2:
                self.writer_saw = {
                    "documents": {d.key for d in stored_documents(store)},
                    "talks": int(store.select(COUNT_TALKS)[0]["n"].value),
                }
                self.reached.set()
                assert self.resume.wait(120)
            real(quads)

        monkeypatch.setattr(store, "add_quads", add_quads)


def test_the_api_and_sparql_show_the_store_as_it_was_until_an_ingest_in_parts_ends(
    tmp_path, vocabulary, in_parts, monkeypatch
):
    store = EmbeddedStore(tmp_path / "store")
    small, big = write(tmp_path, "small.md", notes(1)), write(tmp_path, "big.md", notes(4))
    ingest(store, [small, big], vocabulary)
    client = make_client(store, max_concurrent_queries=1)  # one worker: it lets go of the old snapshot at once
    state = client.app.state.talkgraph
    before = looked(client)
    assert before["sparql"] == before["stats"]["talks"] == len(before["talks"]) == talks(notes(1)) + talks(notes(4))
    state.invalidate()  # nothing kept from before: what is asked during the ingest is read then
    paused = Paused(store, monkeypatch)
    replaced, new = write(tmp_path, "big.md", notes(5, " (again)")), write(tmp_path, "new.md", notes(4, " (new)"))
    failed: list[BaseException] = []

    def run() -> None:
        try:
            state.write(lambda: ingest(store, [replaced, new], vocabulary))
        except BaseException as exc:
            failed.append(exc)

    writer = threading.Thread(target=run)
    writer.start()
    try:
        assert paused.reached.wait(120), failed
        # the live store: the old big.md emptied (no document), one part of the new one in, and the new file
        assert paused.writer_saw == {"documents": {"small"}, "talks": talks(notes(1)) + PART_TALKS}
        assert looked(client) == before
        assert {d.key for d in stored_documents(store)} == {"small", "big"}
    finally:
        paused.resume.set()
        writer.join(300)
    assert not failed and not writer.is_alive()
    after = looked(client)
    assert after["sparql"] == after["stats"]["talks"] == talks(notes(1)) + talks(notes(5)) + talks(notes(4))
    assert "Metrics at scale 3 (again)" in after["talks"] and "Metrics at scale 3" not in after["talks"]
    assert sorted(p.name for p in store.readers.iterdir() if p.name != "CURRENT") == [
        (store.readers / "CURRENT").read_text().strip()
    ]  # the snapshot read during the ingest is deleted once no read has it open
    assert paused.calls >= 6  # big.md's five parts, and the new file's own part(s)
    assert_analytics_equal_a_rebuild(store)  # the ingest's analytics read what it wrote, not the snapshot
    store.close()


def test_inside_a_block_only_its_own_thread_reads_the_writes(tmp_path):
    store = EmbeddedStore(tmp_path / "store")
    graph = "https://example.org/g"
    store.update(f"INSERT DATA {{ GRAPH <{graph}> {{ <https://example.org/a> a <{TG.Talk}> }} }}")

    def reads() -> tuple:
        return (
            int(store.select(COUNT_TALKS)[0]["n"].value),
            sorted(store.graphs()),
            store.has_graph(graph + "/new"),
            len(store.quads()),
        )

    def from_another_thread() -> tuple:
        seen: list[tuple] = []
        reader = threading.Thread(target=lambda: seen.append(reads()))
        reader.start()
        reader.join(60)
        return seen[0]

    before = reads()
    assert before == (1, [graph], False, 1)
    with store.shown_together():
        store.update(f"INSERT DATA {{ GRAPH <{graph}/new> {{ <https://example.org/b> a <{TG.Talk}> }} }}")
        assert reads() == (2, [graph, graph + "/new"], True, 2)  # the block's own thread: the live store
        assert from_another_thread() == before  # any other: the snapshot published before the block
        assert from_another_thread() == before  # (one read-only instance for the block, kept between reads)
    assert from_another_thread() == reads() == (2, [graph, graph + "/new"], True, 2)
    assert store._held_view is None and not store._held_reads  # nothing of the block's snapshot held here
    store.close()


KILLED_BETWEEN_PARTS = """
import os, sys, time
from pathlib import Path
from talkgraph.graph import ingest as ingest_module
from talkgraph.graph.analytics import derived
from talkgraph.graph.linking.vocabulary import load_vocabulary
from talkgraph.graph.rdf.store import EmbeddedStore

ingest_module.STREAM_BYTES = 0
ingest_module.FORK_LARGE = False
ingest_module.PART_TALKS = derived.PART_TALKS = {part_talks}
store = EmbeddedStore(Path(sys.argv[1]))
real, calls = store.add_quads, []

def paused_on_the_third_part(quads):
    calls.append(1)
    if len(calls) == 3:
        Path(sys.argv[3]).write_text("paused")
        time.sleep(600)  # killed here
    real(quads)

store.add_quads = paused_on_the_third_part
ingest_module.ingest(store, [Path(sys.argv[2])], load_vocabulary())
"""


def test_an_ingest_killed_between_parts_is_seen_by_no_reader(tmp_path, vocabulary, in_parts):
    data_dir = tmp_path / "data"
    path = data_dir / "store"
    store = EmbeddedStore(path)
    ingest(store, [write(tmp_path, "small.md", notes(1))], vocabulary)
    before = talks(notes(1))
    store.close()
    paused = tmp_path / "paused"
    script = textwrap.dedent(KILLED_BETWEEN_PARTS.format(part_talks=PART_TALKS))
    writer = subprocess.Popen(
        [sys.executable, "-c", script, str(path), str(write(tmp_path, "big.md", notes(5))), str(paused)],
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 240
        while not paused.exists():
            assert writer.poll() is None and time.monotonic() < deadline, writer.stderr.read().decode()[-2000:]
            time.sleep(0.1)
        beside = EmbeddedStore(path)  # the writer holds the directory: its snapshot, read-only
        assert beside.read_only
        assert counted(beside) == (before, before, {"small"})
        assert cli_count(data_dir) == before  # `talkgraph query` beside the writer
    finally:
        writer.kill()
        writer.wait(60)
        writer.stderr.close()
    assert writer.returncode == -signal.SIGKILL
    assert counted(beside) == (before, before, {"small"})  # a reader opened before the crash, after it
    beside.close()
    # the next process to open the directory removes the two parts before anything reads them
    result = cli_query(data_dir)
    assert int(json.loads(result.stdout)["results"]["bindings"][0]["n"]["value"]) == before
    big = notes_graph("big").value
    assert f"removed what an interrupted ingest left of {big}" in " ".join(result.stderr.split())
    store = EmbeddedStore(path)
    assert incomplete_writes(store) == [] and big not in store.graphs()
    assert counted(store) == (before, before, {"small"})
    assert repair_interrupted(store) == []
    assert_analytics_equal_a_rebuild(store)
    store.close()


def counted(store: EmbeddedStore) -> tuple[int, int, set[str]]:
    """Talks as the server's own reads count them, as a SPARQL client does (a query worker), and the documents."""
    answer = json.loads(store.execute(COUNT_TALKS, "json", row_limit=10, timeout=60).body)
    return (
        int(store.select(COUNT_TALKS)[0]["n"].value),
        int(answer["results"]["bindings"][0]["n"]["value"]),
        {d.key for d in stored_documents(store)},
    )


def cli_query(data_dir: Path):
    return ok("query", COUNT_TALKS, "--format", "json", data_dir=data_dir)


def cli_count(data_dir: Path) -> int:
    return int(json.loads(cli_query(data_dir).stdout)["results"]["bindings"][0]["n"]["value"])
