"""The embedded store: persistence, one transaction per graph replacement, idempotent ingest, rdflib's view."""

from __future__ import annotations

import threading

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from talkgraph.graph.analytics.stored import ANALYTICS_GRAPH_PREFIX
from talkgraph.graph.ingest import ingest
from talkgraph.graph.rdf.store import EmbeddedStore, StoreError
from talkgraph.ontology import DERIVED_GRAPH, NOTES_GRAPH_PREFIX, ONTOLOGY_GRAPH, VOCABULARY_GRAPH
from tests.conftest import BUNDLED_NOTES

G = "https://example.org/graph/g"


def quads(n: int, graph: str = G, tag: str = "v") -> list[Quad]:
    return [
        Quad(
            NamedNode(f"https://example.org/s{i}"),
            NamedNode("https://example.org/p"),
            Literal(f"{tag}{i}"),
            NamedNode(graph),
        )
        for i in range(n)
    ]


def test_graphs_after_ingest(kubecon_store):
    assert kubecon_store.graphs() == {
        str(ONTOLOGY_GRAPH),
        str(VOCABULARY_GRAPH),
        str(DERIVED_GRAPH),
        NOTES_GRAPH_PREFIX + "kubecon-na-2020",
        ANALYTICS_GRAPH_PREFIX + "kubecon-na-2020",  # the document's related topics, written with it
    }


def test_replace_graph_replaces_only_that_graph():
    store = EmbeddedStore()
    store.replace_graph(G, quads(5))
    store.replace_graph("https://example.org/graph/other", quads(2, "https://example.org/graph/other"))
    store.replace_graph(G, quads(3, tag="w"))
    assert sorted(q.object.value for q in store.quads(G)) == ["w0", "w1", "w2"]
    assert len(store.quads("https://example.org/graph/other")) == 2


def test_a_failure_while_building_quads_leaves_the_old_graph():
    store = EmbeddedStore()
    store.replace_graph(G, quads(4))

    def broken():
        yield from quads(2, tag="new")
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        store.replace_graph(G, broken())
    assert sorted(q.object.value for q in store.quads(G)) == ["v0", "v1", "v2", "v3"]


def test_readers_never_see_half_a_replacement():
    store = EmbeddedStore()
    store.replace_graph(G, quads(2000))
    seen: set[int] = set()
    stop = threading.Event()

    def read():
        while not stop.is_set():
            seen.add(int(store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{G}> {{ ?s ?p ?o }} }}")[0]["n"].value))

    reader = threading.Thread(target=read)
    reader.start()
    for round_ in range(10):
        store.replace_graph(G, quads(1000 if round_ % 2 == 0 else 2000, tag=str(round_)))
    stop.set()
    reader.join()
    assert seen and seen <= {1000, 2000}  # the reader ran, and only ever saw a whole graph


def test_store_persists_on_disk(tmp_path, vocabulary):
    """What is written is there after a reopen (idempotent ingest is tested on every backend in test_backends)."""
    path = tmp_path / "store"
    store = EmbeddedStore(path)
    ingest(store, [BUNDLED_NOTES], vocabulary)
    first = sorted(str(q) for q in store.quads())
    store.close()
    reopened = EmbeddedStore(path)
    assert sorted(str(q) for q in reopened.quads()) == first
    reopened.close()


def test_a_locked_store_gives_a_clear_error(tmp_path):
    store = EmbeddedStore(tmp_path / "store")
    with pytest.raises(StoreError, match="cannot open the store"):
        EmbeddedStore(tmp_path / "store")
    store.close()


def test_rdflib_dataset_view_sees_the_same_data(kubecon_store):
    dataset = kubecon_store.rdflib_dataset()
    rows = list(dataset.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"))
    assert int(rows[0][0]) == len(kubecon_store.quads())


def test_export_keeps_graphs_in_nquads_and_merges_in_turtle(kubecon_store):
    from rdflib import Dataset, Graph

    nquads = kubecon_store.export("nquads")
    dataset = Dataset()
    dataset.parse(data=nquads, format="nquads")
    assert len(list(dataset.quads())) == len(kubecon_store.quads())
    turtle = Graph().parse(data=kubecon_store.export("turtle"), format="turtle")
    assert len(turtle) == len({(q.subject, q.predicate, q.object) for q in kubecon_store.quads()})
