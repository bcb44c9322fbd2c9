"""Real SPARQL clients against a real server (live_server over kubecon_store): SPARQLWrapper, rdflib's SPARQLStore."""

from __future__ import annotations

import csv
import io
import warnings
from urllib.error import HTTPError

import pytest
import rdflib
from rdflib.namespace import RDF
from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore
from SPARQLWrapper import CSV, JSON, JSONLD, POST, RDFXML, TURTLE, XML, SPARQLWrapper

from talkgraph.ontology import TG

NOTES = "https://w3id.org/talkgraph/id/graph/notes/kubecon-na-2020"
PREFIX = f"PREFIX tg: <{TG}>\n"
COUNT_TALKS = PREFIX + "SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { ?t a tg:Talk }"
NOTES_CONSTRUCT = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{NOTES}> {{ ?s ?p ?o }} }}"


@pytest.fixture(scope="module")
def talks(kubecon_store) -> int:
    return int(kubecon_store.select(COUNT_TALKS)[0]["n"].value)


@pytest.fixture(scope="module")
def notes_triples(kubecon_store) -> int:
    number = len(kubecon_store.quads(NOTES))
    assert number > 100
    return number


def wrapper(live_server, query: str, fmt: str, method: str | None = None) -> SPARQLWrapper:
    client = SPARQLWrapper(live_server.url + "/sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    if method:
        client.setMethod(method)
    return client


# --- SPARQLWrapper -------------------------------------------------------------------------------


@pytest.mark.parametrize("method", [None, POST])
def test_sparqlwrapper_json(live_server, talks, method):
    result = wrapper(live_server, COUNT_TALKS, JSON, method).query()
    assert result.response.headers["Content-Type"] == "application/sparql-results+json"
    assert result.convert()["results"]["bindings"][0]["n"]["value"] == str(talks)


@pytest.mark.parametrize("method", [None, POST])
def test_sparqlwrapper_xml(live_server, talks, method):
    document = wrapper(live_server, COUNT_TALKS, XML, method).queryAndConvert()  # a minidom Document
    [literal] = document.getElementsByTagName("literal")
    assert literal.firstChild.data == str(talks)
    assert literal.getAttribute("datatype") == "http://www.w3.org/2001/XMLSchema#integer"


def test_sparqlwrapper_csv(live_server, talks):
    body = wrapper(live_server, COUNT_TALKS, CSV).queryAndConvert()
    assert list(csv.reader(io.StringIO(body.decode("utf-8")))) == [["n"], [str(talks)]]


def test_sparqlwrapper_ask(live_server):
    assert wrapper(live_server, PREFIX + "ASK { ?t a tg:Talk }", JSON).queryAndConvert()["boolean"] is True


@pytest.mark.parametrize("fmt", [RDFXML, JSONLD])
def test_sparqlwrapper_construct_gives_an_rdflib_graph(live_server, notes_triples, fmt):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # SPARQLWrapper builds a ConjunctiveGraph
        graph = wrapper(live_server, NOTES_CONSTRUCT, fmt).queryAndConvert()
    assert isinstance(graph, rdflib.Graph)
    assert len(graph) == notes_triples


def test_sparqlwrapper_construct_as_turtle(live_server, notes_triples):
    body = wrapper(live_server, NOTES_CONSTRUCT, TURTLE, POST).queryAndConvert()
    assert len(rdflib.Graph().parse(data=body, format="turtle")) == notes_triples


def test_sparqlwrapper_construct_asking_json_gets_json_ld(live_server, notes_triples):
    """SPARQLWrapper sends format=json (and Accept */*) for a CONSTRUCT asked as JSON."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        result = wrapper(live_server, NOTES_CONSTRUCT, JSON).query()
    assert result.response.headers["Content-Type"] == "application/ld+json"
    assert len(rdflib.Graph().parse(data=result.response.read(), format="json-ld")) == notes_triples


def test_sparqlwrapper_sees_a_clean_error(live_server):
    from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

    with pytest.raises(QueryBadFormed) as raised:
        wrapper(live_server, "SELECT * WHERE { ?s ?p }", JSON).query()
    assert "line 1, column" in str(raised.value)


# --- rdflib's SPARQLStore ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def remote(live_server) -> rdflib.Graph:
    """rdflib's default: SPARQL XML results for SELECT/ASK, RDF/XML for CONSTRUCT (one Accept header for both)."""
    return rdflib.Graph(SPARQLStore(query_endpoint=live_server.url + "/sparql"))


def test_sparqlstore_select_rows(remote, kubecon_store):
    query = PREFIX + "SELECT ?t WHERE { ?t a tg:Talk } ORDER BY ?t"
    expected = [rdflib.URIRef(row["t"].value) for row in kubecon_store.select(query)]
    assert len(expected) > 5
    assert [row.t for row in remote.query(query)] == expected


def test_sparqlstore_with_json_results(live_server, talks):
    remote = rdflib.Graph(SPARQLStore(query_endpoint=live_server.url + "/sparql", returnFormat="json"))
    [(count,)] = list(remote.query(COUNT_TALKS))
    assert count.toPython() == talks


def test_sparqlstore_count_and_ask(remote, talks):
    [(count,)] = list(remote.query(COUNT_TALKS))
    assert count.toPython() == talks
    assert remote.query(PREFIX + "ASK { ?t a tg:Talk }").askAnswer is True


def test_sparqlstore_triples_pattern(remote, talks):
    found = set(remote.triples((None, RDF.type, TG.Talk)))
    assert len(found) == talks
    assert all(isinstance(s, rdflib.URIRef) for s, _, _ in found)


def test_sparqlstore_len_of_the_union(remote, kubecon_store):
    expected = int(kubecon_store.select("SELECT (COUNT(*) AS ?c) WHERE { ?s ?p ?o }")[0]["c"].value)
    assert len(remote) == expected


def test_sparqlstore_one_named_graph(live_server, kubecon_store):
    # The notes graph, not the vocabulary graph: the vocabulary outgrew the endpoint's default row cap (10,000).
    graph = rdflib.Graph(SPARQLStore(query_endpoint=live_server.url + "/sparql"), identifier=rdflib.URIRef(NOTES))
    expected = len(kubecon_store.quads(NOTES))
    assert len(graph) == expected
    assert len(set(graph.triples((None, None, None)))) == expected


def test_sparqlstore_construct(remote, notes_triples):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        result = remote.query(NOTES_CONSTRUCT)
    assert len(result.graph) == notes_triples


def test_an_update_client_without_the_token_is_refused_and_changes_nothing(live_server):
    """rdflib's SPARQLUpdateStore posts an update to the endpoint: Talkgraph answers 403 and writes nothing."""
    endpoint = live_server.url + "/sparql"
    store = SPARQLUpdateStore(query_endpoint=endpoint, update_endpoint=endpoint)
    with pytest.raises(HTTPError) as refused:
        store.update(f"INSERT DATA {{ GRAPH <{TG.g}> {{ <{TG.x}> <{TG.y}> <{TG.z}> }} }}")
    assert refused.value.code == 403
    ask = SPARQLWrapper(endpoint, returnFormat=JSON)
    ask.setQuery(f"ASK {{ GRAPH ?g {{ <{TG.x}> ?p ?o }} }}")
    assert ask.queryAndConvert()["boolean"] is False
