"""The ontology and vocabulary graphs: added as they are to a new store, rewritten only when they changed (most
ingests find them as they were, and rewriting 16,000 quads was most of a small ingest's fixed cost)."""

from __future__ import annotations

from talkgraph.graph import ingest as ingest_module
from talkgraph.graph.ingest import reference_quads
from talkgraph.graph.rdf.store import EmbeddedStore
from talkgraph.ontology import ONTOLOGY_GRAPH, VOCABULARY_GRAPH
from tests.test_backends import canonical


def test_the_reference_graphs_are_rewritten_only_when_they_changed(vocabulary, monkeypatch):
    store = EmbeddedStore()
    written: list[str] = []
    real = EmbeddedStore.replace_graph

    def replace_graph(self, graph, quads):
        written.append(graph)
        real(self, graph, quads)

    monkeypatch.setattr(EmbeddedStore, "replace_graph", replace_graph)
    ingest_module.load_reference_graphs(store, vocabulary)
    assert written == []  # a new store: the quads added as they are
    expected = reference_quads(vocabulary)
    assert {g: set(store.quads(g)) for g in expected} == {g: set(q) for g, q in expected.items()}
    assert len(expected[str(ONTOLOGY_GRAPH)]) > 500 and len(expected[str(VOCABULARY_GRAPH)]) > 10_000
    before = canonical(store.quads())
    ingest_module.load_reference_graphs(store, vocabulary)
    assert written == []  # unchanged: nothing written
    one = store.quads(str(VOCABULARY_GRAPH))[0]
    store.update(f"DELETE DATA {{ GRAPH <{VOCABULARY_GRAPH}> {{ {one.subject} {one.predicate} {one.object} }} }}")
    store.update(f"INSERT DATA {{ GRAPH <{ONTOLOGY_GRAPH}> {{ <https://example.org/x> a <https://example.org/Y> }} }}")
    ingest_module.load_reference_graphs(store, vocabulary)
    assert written == [str(ONTOLOGY_GRAPH), str(VOCABULARY_GRAPH)]
    assert canonical(store.quads()) == before
