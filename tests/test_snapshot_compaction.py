"""The query workers follow RocksDB's background compaction: they read the files the live store reads.

A snapshot (a RocksDB checkpoint) keeps the table files it was taken from; the live store compacts them into new
ones. At 10,000 talks the bulk-loaded files took twice as long to answer as the compacted ones, so after a
compaction (forced here with pyoxigraph's optimize()) the next query publishes a new snapshot, with no write."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from talkgraph.graph.rdf import store as store_module
from talkgraph.graph.rdf.store import EmbeddedStore, table_files
from tests.conftest import count, make_client

EX = "http://example.org/"


@pytest.fixture
def store(tmp_path, monkeypatch):
    """A disk store written in three batches (three table files once flushed), looked at on every query."""
    monkeypatch.setattr(store_module, "COMPACTION_LOOK_EVERY", 0.0)
    monkeypatch.setattr(store_module, "COMPACTION_QUIET", 0.0)
    store = EmbeddedStore(tmp_path / "store")
    for batch in range(3):
        graph = NamedNode(f"{EX}g{batch}")
        store.add_quads(
            [Quad(NamedNode(f"{EX}s{batch}-{i}"), NamedNode(EX + "p"), Literal(i), graph) for i in range(100)]
        )
        store.store.flush()
    yield store
    store.close()


def published(store: EmbeddedStore):
    readers = store.path.with_name("store.readers")
    return readers / (readers / "CURRENT").read_text().strip()


def test_after_a_compaction_the_workers_read_the_compacted_files(store):
    api = make_client(store)
    assert count(api) == 300
    first = published(store)
    before = table_files(store.path)
    assert table_files(first) == before
    store.store.optimize()  # what RocksDB does in the background: new table files, the same data
    assert table_files(store.path) != before
    assert count(api) == 300  # sees the directory changed: waits for it to stay so (no quiet time here)
    assert count(api) == 300  # quiet: a new snapshot with the compacted files
    second = published(store)
    assert second != first
    assert table_files(second) == table_files(store.path)
    assert [args[0] for args in store._pool.in_use()] == [str(second)]  # the worker reopened on it
    assert not first.exists()  # the older snapshot went once no worker had it open


def test_without_a_compaction_the_snapshot_stays(store):
    api = make_client(store)
    assert count(api) == 300
    first = published(store)
    for _ in range(5):
        assert count(api) == 300
    assert published(store) == first


def test_the_directory_must_stay_unchanged_for_the_quiet_time(store, monkeypatch):
    monkeypatch.setattr(store_module, "COMPACTION_QUIET", 3600.0)
    api = make_client(store)
    assert count(api) == 300
    first = published(store)
    store.store.optimize()
    for _ in range(3):
        assert count(api) == 300
    assert published(store) == first


def test_no_new_snapshot_while_writes_are_held_back_from_readers(store):
    api = make_client(store)
    assert count(api) == 300
    first = published(store)
    with store.shown_together():
        store.add_quads([Quad(NamedNode(EX + "held"), NamedNode(EX + "p"), Literal(1), NamedNode(EX + "g9"))])
        store.store.optimize()
        for _ in range(3):
            assert count(api) == 300  # the held write stays unseen: no snapshot of the live store
        assert published(store) == first
    assert count(api) == 301
