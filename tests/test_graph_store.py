"""The Graph Store Protocol at /store: reading one graph, and writing with the token (PUT, POST, DELETE)."""

from __future__ import annotations

import pytest
import rdflib
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, serialize

from talkgraph.graph.rdf.store import EmbeddedStore
from talkgraph.ontology import VOCABULARY_GRAPH
from tests.conftest import assert_clean_error, make_client

NOTES = "https://w3id.org/talkgraph/id/graph/notes/kubecon-na-2020"
TOKEN = "s3cret"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
EX = "http://example.org/"
GRAPH = EX + "graph"
OTHER = EX + "other"
NT = "application/n-triples"
TWO_TRIPLES = f'<{EX}a> <{EX}p> <{EX}b> .\n<{EX}a> <{EX}label> "A" .\n'.encode()


@pytest.fixture
def store() -> EmbeddedStore:
    """A fresh store for each writing test: one graph of three triples, and another of one."""
    store = EmbeddedStore()
    store.replace_graph(
        GRAPH, [Quad(NamedNode(f"{EX}s{i}"), NamedNode(EX + "p"), Literal(i), NamedNode(GRAPH)) for i in range(3)]
    )
    store.replace_graph(OTHER, [Quad(NamedNode(EX + "o"), NamedNode(EX + "p"), Literal("kept"), NamedNode(OTHER))])
    return store


@pytest.fixture
def writer(store):
    return make_client(store, update_token=TOKEN)


def as_rdflib(quads) -> rdflib.Graph:
    return rdflib.Graph().parse(data=serialize([q.triple for q in quads], format=RdfFormat.N_TRIPLES), format="nt")


def same_triples(left: rdflib.Graph, right: rdflib.Graph) -> bool:
    """Set equality: the store holds no blank nodes (reference graphs are skolemised), so no isomorphism needed."""
    assert not any(isinstance(term, rdflib.BNode) for triple in left for term in triple)
    return set(left) == set(right)


# --- reading -------------------------------------------------------------------------------------


FORMATS = [
    ("text/turtle", "text/turtle; charset=utf-8", "turtle"),
    (None, "text/turtle; charset=utf-8", "turtle"),
    ("application/n-triples", "application/n-triples", "nt"),
    ("application/ld+json", "application/ld+json", "json-ld"),
    ("application/rdf+xml", "application/rdf+xml", "xml"),
]


# Every format for a notes graph; the vocabulary graph (six times larger, the same serialisers) in the default one.
@pytest.mark.parametrize(
    ("graph", "accept", "media", "rdflib_format"),
    [(NOTES, *f) for f in FORMATS] + [(str(VOCABULARY_GRAPH), *FORMATS[1])],
)
def test_get_one_graph_gives_exactly_its_triples(client, kubecon_store, graph, accept, media, rdflib_format):
    response = client.get("/store", params={"graph": graph}, headers={"Accept": accept} if accept else {})
    assert response.status_code == 200
    assert response.headers["content-type"] == media
    served = rdflib.Graph().parse(data=response.content, format=rdflib_format)
    expected = kubecon_store.quads(graph)
    assert len(expected) > 50
    assert len(served) == len(expected)
    assert same_triples(served, as_rdflib(expected))


def test_get_the_default_graph_is_empty(client):
    response = client.get("/store?default")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/turtle; charset=utf-8"
    assert len(rdflib.Graph().parse(data=response.content, format="turtle")) == 0


def test_get_an_unknown_graph_is_404(client):
    assert "no graph named" in assert_clean_error(client.get("/store", params={"graph": EX + "nowhere"}), 404)


@pytest.mark.parametrize("query", ["", f"?graph={NOTES}&default", "?other=1"])
def test_neither_or_both_targets_is_400(client, query):
    assert "exactly one" in assert_clean_error(client.get("/store" + query), 400)


@pytest.mark.parametrize("graph", ["not an iri", "relative/graph", "http://example.org/a b", "http://x> <y"])
def test_a_graph_name_that_is_not_an_absolute_iri_is_400(client, graph):
    assert "not an absolute IRI" in assert_clean_error(client.get("/store", params={"graph": graph}), 400)


@pytest.mark.parametrize("accept", ["image/png", "application/n-quads", "application/sparql-results+json"])
def test_get_in_an_unavailable_type_is_406(client, accept):
    assert_clean_error(client.get("/store", params={"graph": NOTES}, headers={"Accept": accept}), 406)


# --- who may write -------------------------------------------------------------------------------

WRITES = [
    ("put", {"content": TWO_TRIPLES, "headers": {"Content-Type": NT}}),
    ("post", {"content": TWO_TRIPLES, "headers": {"Content-Type": NT}}),
    ("delete", {}),
]


@pytest.mark.parametrize(("method", "request_"), WRITES)
def test_writes_are_refused_without_a_configured_token(store, method, request_):
    before = store.quads()
    api = make_client(store)
    headers = {**request_.get("headers", {}), **AUTH}
    response = api.request(
        method.upper(), "/store", params={"graph": GRAPH}, content=request_.get("content"), headers=headers
    )
    assert "read-only" in assert_clean_error(response, 403)
    assert store.quads() == before


@pytest.mark.parametrize("auth", [None, "Bearer wrong", "Basic s3cret", TOKEN, "Bearer s3cret2"])
@pytest.mark.parametrize(("method", "request_"), WRITES)
def test_writes_need_the_right_token(writer, store, method, request_, auth):
    before = store.quads()
    headers = {**request_.get("headers", {}), **({"Authorization": auth} if auth else {})}
    response = writer.request(
        method.upper(), "/store", params={"graph": GRAPH}, content=request_.get("content"), headers=headers
    )
    assert_clean_error(response, 403)
    assert store.quads() == before


# --- PUT, POST, DELETE ---------------------------------------------------------------------------


def values(store, graph: str) -> set[tuple[str, str, str]]:
    return {(q.subject.value, q.predicate.value, q.object.value) for q in store.quads(graph)}


def test_put_n_triples_replaces_the_graph(writer, store):
    response = writer.put("/store", params={"graph": GRAPH}, content=TWO_TRIPLES, headers={"Content-Type": NT, **AUTH})
    assert response.status_code == 204
    assert values(store, GRAPH) == {(EX + "a", EX + "p", EX + "b"), (EX + "a", EX + "label", "A")}
    assert values(store, OTHER) == {(EX + "o", EX + "p", "kept")}


def test_put_turtle_replaces_the_graph_and_resolves_against_it(writer, store):
    body = b"@prefix ex: <http://example.org/> .\nex:t ex:p <relative> ; ex:q 'x'@en ."
    response = writer.put(
        "/store", params={"graph": GRAPH}, content=body, headers={"Content-Type": "text/turtle; charset=utf-8", **AUTH}
    )
    assert response.status_code == 204
    assert values(store, GRAPH) == {(EX + "t", EX + "p", EX + "relative"), (EX + "t", EX + "q", "x")}


def test_put_creates_a_graph_with_201(writer, store):
    fresh = EX + "fresh"
    response = writer.put("/store", params={"graph": fresh}, content=TWO_TRIPLES, headers={"Content-Type": NT, **AUTH})
    assert response.status_code == 201
    assert len(store.quads(fresh)) == 2
    again = writer.put("/store", params={"graph": fresh}, content=TWO_TRIPLES, headers={"Content-Type": NT, **AUTH})
    assert again.status_code == 204


def test_what_was_put_is_what_is_read(writer):
    writer.put("/store", params={"graph": GRAPH}, content=TWO_TRIPLES, headers={"Content-Type": NT, **AUTH})
    response = writer.get("/store", params={"graph": GRAPH}, headers={"Accept": NT})
    assert same_triples(
        rdflib.Graph().parse(data=response.content, format="nt"), rdflib.Graph().parse(data=TWO_TRIPLES, format="nt")
    )


def test_post_adds_to_the_graph(writer, store):
    response = writer.post("/store", params={"graph": GRAPH}, content=TWO_TRIPLES, headers={"Content-Type": NT, **AUTH})
    assert response.status_code == 204
    assert len(store.quads(GRAPH)) == 5
    again = writer.post("/store", params={"graph": GRAPH}, content=TWO_TRIPLES, headers={"Content-Type": NT, **AUTH})
    assert again.status_code == 204
    assert len(store.quads(GRAPH)) == 5  # a graph is a set: the same triples twice are there once


def test_post_creates_a_graph_with_201(writer, store):
    response = writer.post(
        "/store", params={"graph": EX + "new"}, content=TWO_TRIPLES, headers={"Content-Type": NT, **AUTH}
    )
    assert response.status_code == 201
    assert len(store.quads(EX + "new")) == 2


def test_post_keeps_blank_nodes_apart(writer, store):
    body = b"_:x <http://example.org/p> 1 . _:y <http://example.org/p> 2 ."
    for _ in range(2):
        assert writer.post(
            "/store", params={"graph": EX + "b"}, content=body, headers={"Content-Type": "text/turtle", **AUTH}
        ).status_code in (201, 204)
    assert len({q.subject for q in store.quads(EX + "b")}) == 4


def test_delete_removes_the_graph_only(writer, store):
    response = writer.delete("/store", params={"graph": GRAPH}, headers=AUTH)
    assert response.status_code == 204
    assert GRAPH not in store.graphs()
    assert values(store, OTHER) == {(EX + "o", EX + "p", "kept")}
    assert writer.get("/store", params={"graph": GRAPH}).status_code == 404


def test_delete_of_an_absent_graph_is_404(writer, store):
    assert "no graph named" in assert_clean_error(
        writer.delete("/store", params={"graph": EX + "absent"}, headers=AUTH), 404
    )
    assert len(store.quads()) == 4


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        (NT, b"<http://example.org/a> <http://example.org/p> .\n"),
        (NT, b"<relative> <http://example.org/p> <http://example.org/b> ."),
        ("text/turtle", b"@prefix ex: <http://example.org/> . ex:a ex:p"),
        ("text/turtle", b'<http://example.org/a> <http://example.org/p> "\xff" .'),
        ("text/turtle", b"ex:a ex:p ex:b ."),
        ("application/ld+json", b"{"),
        ("application/ld+json", b'{"@context": "http://127.0.0.1:9/context.jsonld", "@id": "http://example.org/a"}'),
        ("application/rdf+xml", b"<rdf:RDF"),
        (
            "application/rdf+xml",
            b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]><r>&e;</r>',
        ),
    ],
)
@pytest.mark.parametrize("method", ["PUT", "POST"])
def test_a_malformed_body_is_400_and_changes_nothing(writer, store, method, content_type, body):
    before = store.quads()
    response = writer.request(
        method, "/store", params={"graph": GRAPH}, content=body, headers={"Content-Type": content_type, **AUTH}
    )
    assert "not valid" in assert_clean_error(response, 400)
    assert store.quads() == before
    assert "root:" not in response.text


@pytest.mark.parametrize(
    "content_type", ["image/png", "application/n-quads", "application/trig", "application/sparql-update", None]
)
@pytest.mark.parametrize("method", ["PUT", "POST"])
def test_an_unsupported_content_type_is_415(writer, store, method, content_type):
    headers = {**AUTH, **({"Content-Type": content_type} if content_type else {})}
    response = writer.request(method, "/store", params={"graph": GRAPH}, content=TWO_TRIPLES, headers=headers)
    assert "Content-Type" in assert_clean_error(response, 415)
    assert len(store.quads(GRAPH)) == 3


@pytest.mark.parametrize("method", ["PUT", "POST", "DELETE"])
def test_writes_need_a_named_graph(writer, store, method):
    response = writer.request(method, "/store?default", content=TWO_TRIPLES, headers={"Content-Type": NT, **AUTH})
    assert "named graphs" in assert_clean_error(response, 400)
    assert len(store.quads()) == 4


@pytest.mark.parametrize(
    "graph", ["relative", "http://x> <y", "http://example.org/g> } } ; DROP ALL ; INSERT DATA { GRAPH <http://e/x"]
)
def test_a_write_to_a_name_that_is_not_an_iri_is_400(writer, store, graph):
    response = writer.put("/store", params={"graph": graph}, content=TWO_TRIPLES, headers={"Content-Type": NT, **AUTH})
    assert "not an absolute IRI" in assert_clean_error(response, 400)
    assert len(store.quads()) == 4


def test_literals_cannot_break_out_of_the_write(writer, store):
    """replace_graph writes SPARQL text: quotes, braces and line ends in a literal stay in the literal."""
    tricky = 'x" } } ; DROP ALL ; INSERT DATA { GRAPH <http://example.org/evil> { <a:a> <a:b> "\n\r\t\\ \u0000 😀'
    body = serialize(
        [Quad(NamedNode(EX + "t"), NamedNode(EX + "p"), Literal(tricky)).triple], format=RdfFormat.N_TRIPLES
    )
    response = writer.put("/store", params={"graph": GRAPH}, content=body, headers={"Content-Type": NT, **AUTH})
    assert response.status_code == 204
    assert values(store, GRAPH) == {(EX + "t", EX + "p", tricky)}
    assert store.graphs() == {GRAPH, OTHER}


def test_a_triple_term_can_be_put(writer, store):
    body = (
        b'<http://example.org/s> <http://example.org/says> <<( <http://example.org/a> <http://example.org/p> "1" )>> .'
    )
    response = writer.put(
        "/store", params={"graph": GRAPH}, content=body, headers={"Content-Type": "text/turtle", **AUTH}
    )
    assert response.status_code == 204
    [quad] = store.quads(GRAPH)
    assert (quad.object.subject.value, quad.object.predicate.value, quad.object.object.value) == (
        EX + "a",
        EX + "p",
        "1",
    )


def test_a_body_over_the_limit_is_413(store):
    api = make_client(store, update_token=TOKEN, max_request_bytes=1000)
    body = b"".join(f'<{EX}s{i}> <{EX}p> "{i}" .\n'.encode() for i in range(100))
    assert len(body) > 1000
    assert_clean_error(
        api.put("/store", params={"graph": GRAPH}, content=body, headers={"Content-Type": NT, **AUTH}), 413
    )
    assert len(store.quads(GRAPH)) == 3


def test_writes_are_seen_by_sparql(writer):
    writer.put("/store", params={"graph": EX + "seen"}, content=TWO_TRIPLES, headers={"Content-Type": NT, **AUTH})
    response = writer.get(
        "/sparql", params={"query": f"SELECT ?o WHERE {{ GRAPH <{EX}seen> {{ <{EX}a> <{EX}label> ?o }} }}"}
    )
    assert [row["o"]["value"] for row in response.json()["results"]["bindings"]] == ["A"]
