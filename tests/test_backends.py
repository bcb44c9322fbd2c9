"""The same store, ingest, analytics and endpoint behaviour on the embedded store and on a real SPARQL server."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient
from pyoxigraph import Literal, NamedNode, Quad

from talkgraph.api.app import create_app
from talkgraph.api.settings import Settings
from talkgraph.graph.analytics.view import TalkGraph
from talkgraph.graph.ingest import ingest
from talkgraph.ontology import NOTES_GRAPH_PREFIX, TG
from tests.conftest import BUNDLED_NOTES

G = "https://example.org/graph/g"


def _quads(n: int, tag: str) -> list[Quad]:
    return [
        Quad(
            NamedNode(f"https://example.org/s{i}"),
            NamedNode("https://example.org/p"),
            Literal(f"{tag}{i}"),
            NamedNode(G),
        )
        for i in range(n)
    ]


def test_replace_and_drop_graph(any_store):
    any_store.replace_graph(G, _quads(3, "a"))
    any_store.replace_graph(G, _quads(2, "b"))
    assert sorted(q.object.value for q in any_store.quads(G)) == ["b0", "b1"]
    assert G in any_store.graphs()
    any_store.drop_graph(G)
    assert G not in any_store.graphs() and any_store.quads(G) == []


BOOLEAN = "^^<http://www.w3.org/2001/XMLSchema#boolean>"


def canonical(quads) -> list[str]:
    """The quads as sorted text, without the one that says when the document was ingested and the fingerprint of
    the vocabulary as the store gives it back, and with booleans in their canonical form: Virtuoso stores true
    as "1" (the same value)."""
    text = (
        str(q).replace(f'"1"{BOOLEAN}', f'"true"{BOOLEAN}').replace(f'"0"{BOOLEAN}', f'"false"{BOOLEAN}')
        for q in quads
        if q.predicate.value not in (str(TG.ingestedAt), str(TG.vocabularyHash))
    )
    return sorted(text)


def test_ingest_gives_the_same_dataset_on_every_backend(any_store, kubecon_store, vocabulary):
    ingest(any_store, [BUNDLED_NOTES], vocabulary)
    assert canonical(any_store.quads()) == canonical(kubecon_store.quads())
    ingest(any_store, [BUNDLED_NOTES], vocabulary)  # twice: still the same
    assert len(any_store.quads()) == len(kubecon_store.quads())
    assert NOTES_GRAPH_PREFIX + "kubecon-na-2020" in any_store.graphs()


def test_analytics_agree_across_backends(any_store, kubecon_store, vocabulary):
    ingest(any_store, [BUNDLED_NOTES], vocabulary)
    here, there = TalkGraph.from_store(any_store), TalkGraph.from_store(kubecon_store)
    focus = here.resolve("eBPF", ("Topic",)).iri
    assert [(c.entity.label, c.weight, c.score) for c in here.cooccurring(focus)] == [
        (c.entity.label, c.weight, c.score) for c in there.cooccurring(focus)
    ]


def test_endpoint_over_each_backend(any_store, vocabulary):
    ingest(any_store, [BUNDLED_NOTES], vocabulary)
    client = TestClient(create_app(any_store, Settings(max_rows=5)), raise_server_exceptions=False)
    count = "PREFIX tg: <https://w3id.org/talkgraph/ns#> SELECT (COUNT(*) AS ?n) WHERE { ?t a tg:Talk }"
    answer = client.get("/sparql", params={"query": count}, headers={"Accept": "application/sparql-results+json"})
    assert answer.status_code == 200
    assert json.loads(answer.text)["results"]["bindings"][0]["n"]["value"] == "23"
    csv = client.get("/sparql", params={"query": count}, headers={"Accept": "text/csv"})
    assert csv.text.splitlines() == ["n", "23"]
    capped = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert len(capped.json()["results"]["bindings"]) == 5 and "Talkgraph-Results-Truncated" in capped.headers
    construct = client.post(
        "/sparql",
        content="CONSTRUCT { ?t a ?c } WHERE { ?t a ?c } LIMIT 3",
        headers={"Content-Type": "application/sparql-query", "Accept": "application/n-triples"},
    )
    assert construct.status_code == 200 and len(construct.text.strip().splitlines()) == 3
    assert client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p }"}).status_code == 400
    service = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    assert client.get("/sparql", params={"query": service}).status_code == 400
    cooccur = client.get("/api/cooccur", params={"focus": "eBPF"})
    assert cooccur.status_code == 200, cooccur.text  # what the server said, where a backend failed it
    assert cooccur.json()["results"][0]["label"] == "Cilium"
