"""Query workers: no fork per request, writes seen at once, and the limits that keep one client from starving others.

Each test fails when its protection is removed: the worker ids change per request, a write stays unseen, a
memory-hungry query takes the machine's memory, excess queries pile up, or a killed worker keeps burning CPU.
"""

from __future__ import annotations

import os
import struct
import threading
import time
from pathlib import Path

import httpx
import pytest
from pyoxigraph import Literal, NamedNode, Quad

from talkgraph.api.app import create_app
from talkgraph.api.settings import Settings
from talkgraph.graph.rdf import isolation
from talkgraph.graph.rdf.store import EmbeddedStore
from tests.conftest import COUNT, LiveServer, assert_clean_error, count, make_client

EX = "http://example.org/"
TOKEN = "s3cret"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
# 9 M rows sorted in memory: gigabytes, far more than the cap these tests set.
HUNGRY = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f"
ON_LINUX = Path("/proc/self/stat").exists()


def filled(store: EmbeddedStore, triples: int) -> EmbeddedStore:
    graph = NamedNode(EX + "graph")
    store.replace_graph(
        graph.value, [Quad(NamedNode(f"{EX}s{i}"), NamedNode(EX + "p"), Literal(i), graph) for i in range(triples)]
    )
    return store


@pytest.fixture(params=["memory", "disk"])
def store(request, tmp_path):
    """3,000 triples in each kind of embedded store: forked workers (memory), spawned ones on snapshots (disk)."""
    store = filled(EmbeddedStore(None if request.param == "memory" else tmp_path / "store"), 3_000)
    yield store
    store.close()


def test_queries_reuse_their_workers(store):
    api = make_client(store, max_concurrent_queries=2)
    assert count(api) == 3000
    workers = store.worker_pids()
    assert len(workers) == 1
    for _ in range(20):
        assert count(api) == 3000
    assert store.worker_pids() == workers  # twenty more requests, not one more process


def test_the_pool_never_grows_past_its_size(store):
    api = make_client(store, max_concurrent_queries=3)
    threads = [threading.Thread(target=store.start_workers) for _ in range(3)]
    threads += [threading.Thread(target=count, args=(api,)) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(store.worker_pids()) == 3
    store.start_workers()
    assert count(api) == 3000 and len(store.worker_pids()) == 3


def test_a_write_is_seen_by_the_next_query(store):
    api = make_client(store, update_token=TOKEN)
    assert count(api) == 3000
    for added in range(1, 4):
        update = f'INSERT DATA {{ GRAPH <{EX}new> {{ <{EX}a{added}> <{EX}b> "x" }} }}'
        response = api.post("/sparql", data={"update": update}, headers=AUTH)
        assert response.status_code == 204
        assert count(api) == 3000 + added


def test_writes_shown_together_are_seen_by_queries_only_when_the_block_ends(store):
    api = make_client(store)
    assert count(api) == 3000
    with store.shown_together():
        for added in range(3):
            store.add_quads(
                [Quad(NamedNode(f"{EX}held{added}"), NamedNode(EX + "p"), Literal(added), NamedNode(EX + "g"))]
            )
            assert count(api) == 3000  # the workers still read the store as it was
        with store.shown_together():  # nested: only the outermost block shows them
            store.drop_graph(EX + "graph")
        assert count(api) == 3000
    assert count(api) == 3
    store.add_quads([Quad(NamedNode(EX + "after"), NamedNode(EX + "p"), Literal(9), NamedNode(EX + "g"))])
    assert count(api) == 4  # outside a block, each write is seen at once again


def test_a_sparql_update_waits_for_the_write_under_way(tmp_path):
    """One writer at a time: an update is not applied inside an ingest's held-back block, nor between its deltas."""
    store = filled(EmbeddedStore(tmp_path / "store"), 10)
    api = make_client(store, update_token=TOKEN)
    answers: list[int] = []
    update = {"update": f"INSERT DATA {{ <{EX}late> <{EX}p> 1 }}"}
    sender = threading.Thread(target=lambda: answers.append(api.post("/sparql", data=update, headers=AUTH).status_code))
    with api.app.state.talkgraph.writing:  # an ingest through the server holds it
        sender.start()
        sender.join(timeout=1.0)
        assert sender.is_alive() and answers == []
    sender.join(timeout=30)
    assert answers == [204] and count(api) == 11
    store.close()


def test_the_first_reader_during_held_writes_finds_the_store_as_it_was(tmp_path):
    store = filled(EmbeddedStore(tmp_path / "store"), 10)  # no query yet: nothing published
    api = make_client(store)
    with store.shown_together():
        store.add_quads([Quad(NamedNode(EX + "held"), NamedNode(EX + "p"), Literal(1), NamedNode(EX + "g"))])
        assert count(api) == 10
    assert count(api) == 11
    store.close()


def test_a_disk_store_keeps_one_snapshot_for_readers_and_removes_it_at_close(tmp_path):
    store = filled(EmbeddedStore(tmp_path / "store"), 10)
    api = make_client(store, update_token=TOKEN)
    readers = tmp_path / "store.readers"
    for added in range(3):
        api.post("/sparql", data={"update": f"INSERT DATA {{ <{EX}x{added}> <{EX}p> 1 }}"}, headers=AUTH)
        assert count(api) == 11 + added
        snapshots = sorted(p.name for p in readers.iterdir() if p.is_dir())
        assert len(snapshots) == 1  # older ones went once no worker had them open
        assert (readers / "CURRENT").read_text().strip() == snapshots[0]
    store.close()
    assert not readers.exists()


def test_an_answer_awaited_without_a_deadline_waits_on_a_non_blocking_pipe():
    """uvloop's add_reader (libuv) makes a worker's answer pipe non-blocking. Reopening that worker on a newer snapshot
    then reads the pipe outside the loop, with no deadline: it must wait for the answer, where it raised
    BlockingIOError (a 500 under uvicorn after a write or a new snapshot, when the open took more than a moment;
    asyncio's own loop, which TestClient runs, leaves the pipe blocking)."""
    reader, writer = os.pipe()
    os.set_blocking(reader, False)
    frame = struct.pack("!Q", 5) + b"hello"
    later = threading.Timer(0.2, os.write, (writer, frame))
    later.start()
    try:
        assert isolation._read_until(reader, None) == b"hello"
    finally:
        later.join()
        os.close(reader)
        os.close(writer)


def test_a_query_that_needs_too_much_memory_is_stopped_and_its_worker_replaced(store):
    api = make_client(store, query_memory=150, query_timeout=20)
    assert count(api) == 3000
    before = store.worker_pids()
    response = api.get("/sparql", params={"query": HUNGRY})
    assert "more memory than the limit of 150 MB" in assert_clean_error(response, 503)
    assert count(api) == 3000  # a new worker answers
    assert store.worker_pids() != before


def descendants() -> set[int]:
    """This process's children and their children, from /proc."""
    parents: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int(Path(entry.path, "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError):
                continue
    found, frontier = set(), {os.getpid()}
    while frontier:
        frontier = {pid for pid, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def cpu_ticks(pids: set[int]) -> int:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total


@pytest.mark.skipif(not ON_LINUX, reason="reads /proc")
def test_a_runaway_on_a_disk_store_stops_with_its_worker(tmp_path):
    store = filled(EmbeddedStore(tmp_path / "store"), 3_000)
    try:
        api = make_client(store, query_timeout=1)
        assert count(api) == 3000
        (runner,) = store.worker_pids()
        assert_clean_error(api.post("/sparql", data={"query": CARTESIAN}), 503)
        assert not Path(f"/proc/{runner}").exists()  # killed and reaped
        family = descendants()
        before = cpu_ticks(family) + sum(os.times()[:2]) * os.sysconf("SC_CLK_TCK")
        time.sleep(1)
        after = cpu_ticks(family) + sum(os.times()[:2]) * os.sysconf("SC_CLK_TCK")
        assert after - before < 0.3 * os.sysconf("SC_CLK_TCK")
    finally:
        store.close()


def test_excess_queries_wait_then_are_refused_while_other_requests_are_served(tmp_path):
    """One worker, one place in the queue: the third runaway is refused at once with Retry-After; the
    queued one still gets its whole time limit after waiting; pages and cheap queries are answered."""
    store = filled(EmbeddedStore(), 3_000)
    limit = 1.5
    settings = Settings(query_timeout=limit, max_concurrent_queries=1, query_queue=1)
    with LiveServer(create_app(store, settings)) as server:
        assert count(httpx.Client(base_url=server.url)) == 3000
        assert httpx.get(server.url + "/api/stats", timeout=30).status_code == 200  # its view is built now
        outcome: dict[str, tuple[httpx.Response, float]] = {}

        def runaway(name: str) -> None:
            start = time.monotonic()
            response = httpx.post(server.url + "/sparql", data={"query": CARTESIAN}, timeout=30)
            outcome[name] = (response, time.monotonic() - start)

        runaways = [threading.Thread(target=runaway, args=(name,)) for name in ("a", "b")]
        for thread in runaways:
            thread.start()
            time.sleep(0.3)
        refused = httpx.post(server.url + "/sparql", data={"query": CARTESIAN}, timeout=30)
        assert "busy" in assert_clean_error(refused, 503)
        assert refused.headers["retry-after"] == "1"
        stats = httpx.get(server.url + "/api/stats", timeout=5)
        assert stats.status_code == 200
        assert any(thread.is_alive() for thread in runaways)  # the queued runaway was still waiting meanwhile
        for thread in runaways:
            thread.join(timeout=20)
        for response, _ in outcome.values():
            assert "time limit" in assert_clean_error(response, 503)
        # The one that waited for the other still ran for its own full time limit.
        assert max(elapsed for _, elapsed in outcome.values()) >= 2 * limit - 0.3
        assert count(httpx.Client(base_url=server.url)) == 3000
    store.close()


# --- the same path over a SPARQL server: the policy's parse in a worker, graphs looked up only when named ---

SLOW_PARSE = "SELECT * WHERE { ?s ?p ?o FILTER(?o IN (" + ",".join(str(i) for i in range(10_000)) + ")) }"


def test_graph_lookups_and_refusals_on_each_backend(any_store):
    any_store.replace_graph(EX + "graph", [Quad(NamedNode(EX + "s"), NamedNode(EX + "p"), Literal(1))])
    assert any_store.has_graph(EX + "graph") and not any_store.has_graph(EX + "other")
    api = make_client(any_store)
    named = f"SELECT (COUNT(*) AS ?n) FROM <{EX}graph> WHERE {{ ?s ?p ?o }}"
    assert api.get("/sparql", params={"query": named}).json()["results"]["bindings"][0]["n"]["value"] == "1"
    unknown = f"SELECT * FROM <{EX}other> WHERE {{ ?s ?p ?o }}"
    assert "FROM names a graph" in assert_clean_error(api.get("/sparql", params={"query": unknown}), 400)
    response = api.get("/sparql", params={"query": COUNT, "default-graph-uri": EX + "other"})
    assert "default-graph-uri" in assert_clean_error(response, 400)
    service = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    assert "SERVICE is disabled" in assert_clean_error(api.get("/sparql", params={"query": service}), 400)
    any_store.drop_graph(EX + "graph")
    assert not any_store.has_graph(EX + "graph")
    assert "FROM names a graph" in assert_clean_error(api.get("/sparql", params={"query": named}), 400)


def test_a_slow_parse_is_stopped_on_each_backend(any_store):
    api = make_client(any_store, query_timeout=1)
    start = time.monotonic()
    assert "time limit" in assert_clean_error(api.post("/sparql", data={"query": SLOW_PARSE}), 503)
    assert time.monotonic() - start < 3
    assert api.get("/sparql", params={"query": "ASK {}"}).json()["boolean"] is True  # a new worker answers


@pytest.mark.parametrize(
    ("held", "size"),
    [
        (b"", 1 << 16),  # no header yet
        (b"\x00" * 5, 1 << 16),
        (struct.pack("!Q", 100), 100),  # the header: exactly the rest of the frame
        (struct.pack("!Q", 100) + b"x" * 40, 60),
        (struct.pack("!Q", 5_000_000), 1 << 20),  # a large answer: at most 1 MB a read
        (struct.pack("!Q", 3) + b"abc", 1),  # complete (only EOF is left to read)
    ],
)
def test_an_answer_is_read_in_pieces_no_larger_than_what_is_left(held, size):
    assert isolation._read_size(bytearray(held)) == size
