"""A query whose text cannot name a remote service or a graph is run without the policy's rdflib parse; every
other text is parsed and checked as before, and errors read the same either way."""

from __future__ import annotations

import json

import pytest
from pyoxigraph import Literal, NamedNode, Quad, Store

from talkgraph.graph.rdf import queries
from talkgraph.graph.rdf.policy import SparqlRequestError
from talkgraph.graph.rdf.queries import UNPARSED_LONGEST, QueryRequest, answer_job
from tests.conftest import assert_clean_error

EX = "http://example.org/"
GRAPH = EX + "graph"


@pytest.fixture
def store() -> Store:
    store = Store()
    store.add(Quad(NamedNode(EX + "s"), NamedNode(EX + "p"), Literal("one"), NamedNode(GRAPH)))
    return store


@pytest.fixture
def parses(monkeypatch):
    """The texts the policy parsed (rdflib)."""
    texts = []
    parse = queries.parse_job

    def counted(store, text, allow_remote):
        texts.append(text)
        return parse(store, text, allow_remote)

    monkeypatch.setattr(queries, "parse_job", counted)
    return texts


def ask(store, text, result_format="json", graph_format="turtle", **request):
    return answer_job(store, QueryRequest(text, result_format, graph_format, 100, **request), None)


def test_a_select_without_service_or_from_is_run_unparsed(store, parses):
    checked, result = ask(store, f"PREFIX ex: <{EX}>\nSELECT ?o WHERE {{ ex:s ex:p ?o }}")
    assert (checked.form, checked.from_graphs, checked.from_named) == ("select", [], [])
    assert json.loads(result.body)["results"]["bindings"] == [{"o": {"type": "literal", "value": "one"}}]
    checked, result = ask(store, f"ASK {{ <{EX}s> ?p ?o }}")
    assert checked.form == "ask" and json.loads(result.body)["boolean"] is True
    assert parses == []


@pytest.mark.parametrize(
    "text",
    [
        f"SELECT * WHERE {{ SERVICE <{EX}sparql> {{ ?s ?p ?o }} }}",
        f"select * where {{ service <{EX}sparql> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ \\u0053ERVICE <{EX}sparql> {{ ?s ?p ?o }} }}",  # an escape spelling the keyword
    ],
)
def test_service_is_still_refused_by_the_policy(store, parses, text):
    with pytest.raises(SparqlRequestError, match="SERVICE is disabled"):
        ask(store, text)
    assert len(parses) == 1


def test_from_is_still_checked_by_the_policy(store, parses):
    checked, result = ask(store, f"SELECT ?o FROM <{GRAPH}> WHERE {{ ?s ?p ?o }}")
    assert checked.from_graphs == [GRAPH]
    assert len(json.loads(result.body)["results"]["bindings"]) == 1
    with pytest.raises(SparqlRequestError, match="names a graph that is not in the store"):
        ask(store, f"SELECT ?o FROM <{EX}elsewhere> WHERE {{ ?s ?p ?o }}")
    ask(store, "SELECT ?o WHERE { ?s ?p ?o } # a comment saying where it comes from")  # the word alone suffices
    assert len(parses) == 3


def test_the_protocols_graphs_are_checked_without_the_parse(store, parses):
    _, result = ask(store, "SELECT ?o WHERE { ?s ?p ?o }", default_graphs=(GRAPH,))
    assert len(json.loads(result.body)["results"]["bindings"]) == 1
    with pytest.raises(SparqlRequestError, match=r"default-graph-uri/named-graph-uri names a graph"):
        ask(store, "SELECT ?o WHERE { ?s ?p ?o }", named_graphs=(EX + "elsewhere",))
    assert parses == []


def test_a_syntax_error_reads_as_the_policys(store, parses):
    text = "SELECT ?o WHERE { ?s ?p }"
    with pytest.raises(SparqlRequestError) as unparsed:
        ask(store, text)
    assert parses == [text]  # the engine's parse failed: the policy's parse says why
    with pytest.raises(SparqlRequestError) as parsed:
        queries.parse_job(store, text, False)
    assert str(unparsed.value) == str(parsed.value)
    assert str(unparsed.value).startswith("SPARQL syntax error at line 1, column")


def test_graphs_and_refusals_take_the_form_from_the_parse(store, parses):
    described, _ = ask(store, f"DESCRIBE <{EX}s>")
    constructed, result = ask(store, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert (described.form, constructed.form) == ("describe", "construct")
    assert result.body.count(b"\n") == 1  # one triple, in Turtle
    refused, nothing = ask(store, "SELECT * WHERE { ?s ?p ?o }", result_format=None)
    assert (refused.form, nothing) == ("select", None)
    assert len(parses) == 3


def test_long_texts_are_parsed_by_the_policy_first(store, parses):
    """Oxigraph's parser overflows a worker's stack at about 2,180 nested groups; rdflib refuses them cleanly."""
    shallow = "SELECT * WHERE " + "{" * 400 + "}" * 400
    _, result = ask(store, shallow)
    assert json.loads(result.body)["results"]["bindings"] == [{}] and parses == []
    padded = "SELECT ?o WHERE { ?s ?p ?o }" + " " * UNPARSED_LONGEST
    ask(store, padded)
    assert parses == [padded]


def test_deep_nesting_is_a_clean_400_and_the_worker_lives(client):
    assert client.post("/sparql", data={"query": "ASK {}"}).status_code == 200
    pids = client.app.state.talkgraph.store._workers().pids()
    deep = "SELECT * WHERE " + "{" * 3_000 + "}" * 3_000
    assert "syntax error" in assert_clean_error(client.post("/sparql", data={"query": deep}), 400)
    nested = client.post("/sparql", data={"query": "SELECT * WHERE " + "{" * 400 + "}" * 400})
    assert nested.status_code == 200 and nested.json()["results"]["bindings"] == [{}]
    assert client.app.state.talkgraph.store._workers().pids() == pids
