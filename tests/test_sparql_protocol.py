"""The SPARQL 1.1 Protocol at /sparql: three ways to ask, every result format, datasets, errors, description, row cap.

All of it reads the shared bundled-notes store (`kubecon_store`, `client`); expected values come from the store itself.
"""

from __future__ import annotations

import csv
import io
import json
import re
import warnings
import xml.etree.ElementTree as ET

import pytest
import rdflib
from pyoxigraph import BlankNode
from rdflib.namespace import RDF

from talkgraph.ontology import SD, VOCABULARY_GRAPH, VOID
from tests.conftest import assert_clean_error, make_client

NOTES = "https://w3id.org/talkgraph/id/graph/notes/kubecon-na-2020"
VOCABULARY = str(VOCABULARY_GRAPH)
TG = "PREFIX tg: <https://w3id.org/talkgraph/ns#>\n"
COUNT_TALKS = TG + "SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { ?t a tg:Talk }"
SRX = "{http://www.w3.org/2005/sparql-results#}"
FORM = "application/x-www-form-urlencoded"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def count(store, where: str) -> int:
    return int(store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")[0]["n"].value)


@pytest.fixture(scope="module")
def talks(kubecon_store) -> int:
    number = count(kubecon_store, "SELECT DISTINCT ?t WHERE { ?t a <https://w3id.org/talkgraph/ns#Talk> }")
    assert number > 5  # the bundled notes hold a whole conference
    return number


def json_values(response, variable: str) -> list[str]:
    assert response.status_code == 200, response.text
    return [row[variable]["value"] for row in response.json()["results"]["bindings"]]


def xml_values(body: bytes, variable: str) -> list[str]:
    root = ET.fromstring(body)
    return [binding[0].text or "" for binding in root.iter(f"{SRX}binding") if binding.get("name") == variable]


def csv_rows(body: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))


# --- three ways to send a query ------------------------------------------------------------------

TALK_TITLES = (
    TG
    + "SELECT ?t ?title WHERE { ?t a tg:Talk ; <http://www.w3.org/2000/01/rdf-schema#label> ?title } ORDER BY ?t LIMIT 7"
)


def send(client, how: str, query: str, **extra):
    if how == "get":
        return client.get("/sparql", params={"query": query, **extra})
    if how == "form":
        return client.post("/sparql", data={"query": query, **extra}, headers={"Content-Type": FORM})
    return client.post(
        "/sparql", params=extra, content=query.encode(), headers={"Content-Type": "application/sparql-query"}
    )


@pytest.mark.parametrize("how", ["get", "form", "direct"])
def test_get_form_and_direct_post_give_the_same_bindings(client, kubecon_store, how):
    expected = [(r["t"].value, r["title"].value) for r in kubecon_store.select(TALK_TITLES)]
    assert len(expected) == 7
    response = send(client, how, TALK_TITLES)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/sparql-results+json"
    rows = response.json()["results"]["bindings"]
    assert [(r["t"]["value"], r["title"]["value"]) for r in rows] == expected
    assert response.json()["head"]["vars"] == ["t", "title"]


def test_a_direct_post_takes_protocol_parameters_from_the_url(client, talks):
    assert json_values(send(client, "direct", COUNT_TALKS, **{"default-graph-uri": NOTES}), "n") == [str(talks)]
    assert json_values(send(client, "direct", COUNT_TALKS, **{"default-graph-uri": VOCABULARY}), "n") == ["0"]


def test_a_content_type_with_parameters_is_understood(client, talks):
    response = client.post(
        "/sparql", content=COUNT_TALKS.encode(), headers={"Content-Type": "application/sparql-query; charset=UTF-8"}
    )
    assert json_values(response, "n") == [str(talks)]


# --- result formats ------------------------------------------------------------------------------


def parse_count(fmt: str, body: bytes) -> str:
    if fmt == "json":
        return json.loads(body)["results"]["bindings"][0]["n"]["value"]
    if fmt == "xml":
        return xml_values(body, "n")[0]
    if fmt == "csv":
        rows = csv_rows(body)
        assert rows[0] == ["n"] and len(rows) == 2
        return rows[1][0]
    lines = body.decode("utf-8").splitlines()
    assert lines[0] == "?n" and len(lines) == 2
    return lines[1]  # TSV writes an xsd:integer bare


RESULT_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
}


@pytest.mark.parametrize("fmt", RESULT_TYPES)
def test_select_results_by_accept(client, talks, fmt):
    response = client.get("/sparql", params={"query": COUNT_TALKS}, headers={"Accept": RESULT_TYPES[fmt].split(";")[0]})
    assert response.status_code == 200
    assert response.headers["content-type"] == RESULT_TYPES[fmt]
    assert "Accept" in response.headers["vary"]
    assert parse_count(fmt, response.content) == str(talks)


@pytest.mark.parametrize("fmt", RESULT_TYPES)
def test_select_results_by_format_parameter(client, talks, fmt):
    response = client.get("/sparql", params={"query": COUNT_TALKS, "format": fmt}, headers={"Accept": "text/csv"})
    assert response.status_code == 200
    assert response.headers["content-type"] == RESULT_TYPES[fmt]
    assert parse_count(fmt, response.content) == str(talks)


def test_select_rows_agree_across_formats(client, kubecon_store):
    expected = [r["title"].value for r in kubecon_store.select(TALK_TITLES)]
    assert json_values(send(client, "get", TALK_TITLES), "title") == expected
    assert xml_values(send(client, "get", TALK_TITLES, format="xml").content, "title") == expected
    assert [row[1] for row in csv_rows(send(client, "get", TALK_TITLES, format="csv").content)[1:]] == expected


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml"),
        (
            "application/sparql-results+xml;q=0.4, text/tab-separated-values;q=0.9",
            "text/tab-separated-values; charset=utf-8",
        ),
        ("*/*", "application/sparql-results+json"),
        ("image/png, */*;q=0.1", "application/sparql-results+json"),
        ("application/json", "application/sparql-results+json"),
        ("text/*", "text/csv; charset=utf-8"),
        ("application/sparql-results+json;q=0, */*;q=0.5", "application/sparql-results+xml"),
        ("", "application/sparql-results+json"),
    ],
)
def test_accept_negotiation(client, talks, accept, expected):
    response = client.get("/sparql", params={"query": COUNT_TALKS}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"] == expected
    fmt = next(key for key, media in RESULT_TYPES.items() if media == expected)
    assert parse_count(fmt, response.content) == str(talks)


@pytest.mark.parametrize("accept", ["image/png", "application/sparql-results+json;q=0", "text/turtle"])
def test_unacceptable_result_type_is_406(client, accept):
    response = client.get("/sparql", params={"query": COUNT_TALKS}, headers={"Accept": accept})
    assert response.status_code == 406
    assert response.headers["content-type"] == "application/json"
    assert "application/sparql-results+json" in response.json()["error"]


def test_unknown_format_parameter_is_406(client):
    assert client.get("/sparql", params={"query": COUNT_TALKS, "format": "png"}).status_code == 406


# --- ASK -----------------------------------------------------------------------------------------

ASK_TRUE = TG + "ASK { ?t a tg:Talk }"
ASK_FALSE = TG + "ASK { ?t a tg:NoSuchClass }"


def parse_boolean(fmt: str, body: bytes) -> bool:
    if fmt == "json":
        return json.loads(body)["boolean"]
    if fmt == "xml":
        return ET.fromstring(body).find(f"{SRX}boolean").text == "true"
    text = body.decode("utf-8").strip()
    assert text in ("true", "false")
    return text == "true"


@pytest.mark.parametrize("fmt", RESULT_TYPES)
@pytest.mark.parametrize(("query", "answer"), [(ASK_TRUE, True), (ASK_FALSE, False)])
def test_ask_in_every_result_format(client, fmt, query, answer):
    response = client.get("/sparql", params={"query": query}, headers={"Accept": RESULT_TYPES[fmt].split(";")[0]})
    assert response.status_code == 200
    assert response.headers["content-type"] == RESULT_TYPES[fmt]
    assert parse_boolean(fmt, response.content) is answer


# --- CONSTRUCT and DESCRIBE ----------------------------------------------------------------------

GRAPH_TYPES = {
    "text/turtle": ("text/turtle; charset=utf-8", "turtle"),
    "application/n-triples": ("application/n-triples", "nt"),
    "application/ld+json": ("application/ld+json", "json-ld"),
    "application/rdf+xml": ("application/rdf+xml", "xml"),
    "application/n-quads": ("application/n-quads", "nquads"),
}


def parsed_triples(body: bytes, rdflib_format: str) -> int:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # rdflib's N-Quads and JSON-LD parsers use its old API
        if rdflib_format == "nquads":
            dataset = rdflib.Dataset()
            dataset.parse(data=body, format=rdflib_format)
            return len(list(dataset.quads((None, None, None, None))))
        return len(rdflib.Graph().parse(data=body, format=rdflib_format))


@pytest.mark.parametrize("accept", GRAPH_TYPES)
def test_construct_in_every_graph_format(client, kubecon_store, accept):
    expected = len(kubecon_store.quads(NOTES))
    response = client.get(
        "/sparql",
        params={"query": f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{NOTES}> {{ ?s ?p ?o }} }}"},
        headers={"Accept": accept},
    )
    assert response.status_code == 200
    media, rdflib_format = GRAPH_TYPES[accept]
    assert response.headers["content-type"] == media
    assert parsed_triples(response.content, rdflib_format) == expected


@pytest.fixture(scope="module")
def described(kubecon_store):
    """One talk and the number of triples about it (it has no blank nodes, so DESCRIBE gives exactly these)."""
    talk = kubecon_store.select(TG + "SELECT ?t WHERE { ?t a tg:Talk } ORDER BY ?t LIMIT 1")[0]["t"].value
    objects = kubecon_store.select(f"SELECT DISTINCT ?p ?o WHERE {{ <{talk}> ?p ?o }}")
    assert objects and not any(isinstance(o["o"], BlankNode) for o in objects)
    return talk, len(objects)


@pytest.mark.parametrize("accept", GRAPH_TYPES)
def test_describe_in_every_graph_format(client, described, accept):
    talk, expected = described
    response = client.get("/sparql", params={"query": f"DESCRIBE <{talk}>"}, headers={"Accept": accept})
    assert response.status_code == 200
    media, rdflib_format = GRAPH_TYPES[accept]
    assert response.headers["content-type"] == media
    assert parsed_triples(response.content, rdflib_format) == expected


@pytest.mark.parametrize(
    ("fmt", "accept"),
    [
        ("turtle", "text/turtle"),
        ("nt", "application/n-triples"),
        ("jsonld", "application/ld+json"),
        ("json", "application/ld+json"),
        ("xml", "application/rdf+xml"),
        ("nquads", "application/n-quads"),
    ],
)
def test_describe_by_format_parameter(client, described, fmt, accept):
    """json and xml name JSON-LD and RDF/XML for a graph."""
    talk, expected = described
    response = client.get(
        "/sparql", params={"query": f"DESCRIBE <{talk}>", "format": fmt}, headers={"Accept": "text/csv"}
    )
    assert response.status_code == 200
    media, rdflib_format = GRAPH_TYPES[accept]
    assert response.headers["content-type"] == media
    assert parsed_triples(response.content, rdflib_format) == expected


def test_the_first_format_parameter_wins(client, described):
    """SPARQLWrapper sends format=json-ld, then format=<a list of media types>."""
    talk, expected = described
    response = client.get(
        "/sparql",
        params=[
            ("query", f"DESCRIBE <{talk}>"),
            ("format", "json-ld"),
            ("format", "application/ld+json,application/x-json+ld"),
        ],
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/ld+json"
    assert parsed_triples(response.content, "json-ld") == expected


def test_construct_with_a_results_only_accept_is_answered_in_turtle(client):
    """As lenient servers do: rdflib's SPARQLStore(returnFormat="json") asks every form this way (issue 10)."""
    response = client.get(
        "/sparql",
        params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")


# --- the dataset: default-graph-uri, named-graph-uri, FROM, FROM NAMED ----------------------------


def talk_count(client, query: str, **params) -> int:
    return int(json_values(client.get("/sparql", params={"query": query, **params}), "n")[0])


def test_default_graph_uri_chooses_the_default_graph(client, talks, kubecon_store):
    assert talk_count(client, COUNT_TALKS) == talks  # no dataset: the union of every graph
    assert talk_count(client, COUNT_TALKS, **{"default-graph-uri": VOCABULARY}) == 0
    assert talk_count(client, COUNT_TALKS, **{"default-graph-uri": NOTES}) == talks
    assert talk_count(client, COUNT_TALKS, **{"default-graph-uri": [VOCABULARY, NOTES]}) == talks
    everything = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert talk_count(client, everything, **{"default-graph-uri": NOTES}) == len(kubecon_store.quads(NOTES))
    assert talk_count(client, everything, **{"default-graph-uri": VOCABULARY}) == len(kubecon_store.quads(VOCABULARY))


def test_named_graph_uri_chooses_the_named_graphs(client, talks):
    in_graphs = TG + "SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { GRAPH ?g { ?t a tg:Talk } }"
    assert talk_count(client, in_graphs, **{"named-graph-uri": NOTES}) == talks
    assert talk_count(client, in_graphs, **{"named-graph-uri": VOCABULARY}) == 0
    graphs = client.get(
        "/sparql",
        params={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", "named-graph-uri": [NOTES, VOCABULARY]},
    )
    assert sorted(json_values(graphs, "g")) == sorted([NOTES, VOCABULARY])


def test_a_dataset_given_only_by_named_graphs_has_an_empty_default_graph(client):
    # SPARQL 1.1 Query 13.2 and Protocol 2.1.4: no default graph listed means an empty one, not the union.
    assert talk_count(client, COUNT_TALKS, **{"named-graph-uri": NOTES}) == 0
    assert (
        talk_count(client, TG + f"SELECT (COUNT(DISTINCT ?t) AS ?n) FROM NAMED <{NOTES}> WHERE {{ ?t a tg:Talk }}") == 0
    )


def test_from_and_from_named_in_the_query(client, talks):
    assert (
        talk_count(client, TG + f"SELECT (COUNT(DISTINCT ?t) AS ?n) FROM <{VOCABULARY}> WHERE {{ ?t a tg:Talk }}") == 0
    )
    assert (
        talk_count(client, TG + f"SELECT (COUNT(DISTINCT ?t) AS ?n) FROM <{NOTES}> WHERE {{ ?t a tg:Talk }}") == talks
    )
    named = "SELECT (COUNT(DISTINCT ?t) AS ?n) FROM NAMED <{}> WHERE {{ GRAPH ?g {{ ?t a tg:Talk }} }}"
    assert talk_count(client, TG + named.format(NOTES)) == talks
    assert talk_count(client, TG + named.format(VOCABULARY)) == 0
    # FROM alone: the named graphs are only those listed (none)
    assert (
        talk_count(
            client, TG + f"SELECT (COUNT(DISTINCT ?t) AS ?n) FROM <{NOTES}> WHERE {{ GRAPH ?g {{ ?t a tg:Talk }} }}"
        )
        == 0
    )


def test_the_protocol_dataset_takes_precedence_over_the_query(client, talks):
    query = TG + f"SELECT (COUNT(DISTINCT ?t) AS ?n) FROM <{NOTES}> FROM NAMED <{NOTES}> WHERE {{ ?t a tg:Talk }}"
    assert talk_count(client, query) == talks
    assert talk_count(client, query, **{"default-graph-uri": VOCABULARY}) == 0
    in_graphs = TG + f"SELECT (COUNT(DISTINCT ?t) AS ?n) FROM NAMED <{NOTES}> WHERE {{ GRAPH ?g {{ ?t a tg:Talk }} }}"
    assert talk_count(client, in_graphs) == talks
    assert talk_count(client, in_graphs, **{"default-graph-uri": NOTES}) == 0  # the protocol listed no named graphs


def test_a_graph_that_is_not_in_the_store_is_refused(client):
    for params in ({"default-graph-uri": "https://example.org/nowhere"}, {"named-graph-uri": "urn:x:nowhere"}):
        response = client.get("/sparql", params={"query": COUNT_TALKS, **params})
        assert response.status_code == 400
        assert "not in the store" in response.json()["error"]


# --- errors --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { ?s ?p }",
        "SELECT",
        "",
        "SELECT * WHERE {\n  ?s ?p ?o .\n  FILTER(\n}",
        "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } GROUP BY",
        "SELECT * WHERE { ?s <not an iri> ?o }",
    ],
)
@pytest.mark.parametrize("how", ["get", "form", "direct"])
def test_a_malformed_query_is_400_with_the_parsers_position(client, query, how):
    message = assert_clean_error(send(client, how, query), 400)
    assert re.search(r"line \d+, column \d+", message), message
    assert "syntax error" in message


def test_the_position_points_at_the_mistake(client):
    message = assert_clean_error(client.get("/sparql", params={"query": "SELECT ?s\nWHERE { ?s ?p ?o \n ?? }"}), 400)
    assert "line 3" in message


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { undeclared:x ?p ?o }",
        "PREFIX x: <relative> SELECT * WHERE { x:a ?p ?o }",
        "SELECT ?x WHERE { ?s ?p ?o } GROUP BY ?s",
        "SELECT * WHERE { ?s ?p ?o } LIMIT 99999999999999999999999",
        "SELECT * WHERE " + "{" * 3_000 + "}" * 3_000,  # deeper than Oxigraph's parser can go: rdflib refuses it
        'SELECT * WHERE { ?s ?p "\\U00110000" }',
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    ],
)
def test_queries_the_engine_refuses_are_400_never_500(client, query):
    assert "syntax error" in assert_clean_error(client.get("/sparql", params={"query": query}), 400)


def test_protocol_mistakes_are_clean_errors(client):
    assert_clean_error(client.get("/sparql", params=[("query", COUNT_TALKS), ("query", COUNT_TALKS)]), 400)
    assert_clean_error(client.post("/sparql", data={"query": COUNT_TALKS, "update": "CLEAR ALL"}), 400)
    assert_clean_error(client.get("/sparql", params={"update": "CLEAR ALL"}), 405)


def test_an_error_for_a_browser_is_an_html_page(client):
    response = client.get(
        "/sparql",
        params={"query": COUNT_TALKS, "format": "json", "default-graph-uri": "urn:x:nowhere"},
        headers={"Accept": BROWSER},
    )
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/html")
    assert "not in the store" in response.text and "Traceback" not in response.text


# --- service description -------------------------------------------------------------------------


def description(client, accept: str = "text/turtle", rdflib_format: str = "turtle") -> rdflib.Graph:
    response = client.get("/sparql", headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == accept
    return rdflib.Graph().parse(data=response.content, format=rdflib_format)


def test_service_description_with_void_statistics(client, kubecon_store):
    graph = description(client)
    services = list(graph.subjects(RDF.type, SD.Service))
    assert services == [rdflib.URIRef("http://testserver/sparql")]
    service = services[0]
    assert graph.value(service, SD.endpoint) == service
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in graph
    assert (service, SD.supportedLanguage, SD.SPARQL11Update) not in graph  # read-only without a token
    assert set(graph.objects(service, SD.feature)) == {SD.UnionDefaultGraph}  # no federation, no empty graphs
    dataset = graph.value(service, SD.defaultDataset)
    quads = count(kubecon_store, "GRAPH ?g { ?s ?p ?o }")
    assert quads == len(kubecon_store.quads())
    assert graph.value(dataset, VOID.triples).toPython() == quads
    named = list(graph.objects(dataset, SD.namedGraph))
    assert len(named) == len(kubecon_store.graphs())
    per_graph = {
        str(graph.value(n, SD.name)): graph.value(graph.value(n, SD.name), VOID.triples).toPython() for n in named
    }
    assert per_graph == {g: len(kubecon_store.quads(g)) for g in kubecon_store.graphs()}
    assert sum(per_graph.values()) == quads


@pytest.mark.parametrize(
    ("accept", "rdflib_format"),
    [("application/n-triples", "nt"), ("application/ld+json", "json-ld"), ("application/rdf+xml", "xml")],
)
def test_service_description_in_other_formats(client, accept, rdflib_format):
    graph = description(client, accept, rdflib_format)
    assert len(list(graph.subjects(RDF.type, SD.Service))) == 1


def test_service_description_says_update_when_a_token_is_set(kubecon_store):
    graph = rdflib.Graph().parse(
        data=make_client(kubecon_store, update_token="t").get("/sparql").content, format="turtle"
    )
    assert (rdflib.URIRef("http://testserver/sparql"), SD.supportedLanguage, SD.SPARQL11Update) in graph


# --- browsers ------------------------------------------------------------------------------------


def page_config(html: str) -> dict:
    found = re.search(r'<script id="sparql-config" type="application/json">(.*?)</script>', html, re.S)
    assert found, "the editor's configuration is missing"
    return json.loads(found.group(1))


def test_a_browser_gets_the_query_editor(client):
    response = client.get("/sparql", headers={"Accept": BROWSER})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert "<h1>SPARQL</h1>" in response.text
    assert page_config(response.text)["endpoint"] == "/sparql"  # same origin as the page; never the Host header


def test_a_browser_asking_a_query_gets_the_editor_with_it_escaped(client):
    query = 'SELECT * WHERE { ?s ?p "</script><script>alert(1)</script> & <b>" }'
    response = client.get("/sparql", params={"query": query}, headers={"Accept": BROWSER})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert page_config(response.text)["query"] == query
    assert "<script>alert(1)" not in response.text
    assert "<b>" not in response.text


def test_a_browser_can_still_ask_for_results_with_format(client, talks):
    response = client.get("/sparql", params={"query": COUNT_TALKS, "format": "json"}, headers={"Accept": BROWSER})
    assert response.headers["content-type"] == "application/sparql-results+json"
    assert json_values(response, "n") == [str(talks)]


# --- the row cap ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def capped(kubecon_store):
    return make_client(kubecon_store, max_rows=5)


def test_a_large_select_is_cut_to_max_rows_and_says_so(capped, kubecon_store):
    assert len(kubecon_store.quads()) > 5
    for fmt in ("json", "csv"):
        response = capped.get("/sparql", params={"query": "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", "format": fmt})
        assert response.status_code == 200
        assert response.headers["talkgraph-results-truncated"] == "true; limit=5"
        rows = response.json()["results"]["bindings"] if fmt == "json" else csv_rows(response.content)[1:]
        assert len(rows) == 5


def test_a_large_construct_is_cut_to_max_rows(capped):
    response = capped.get(
        "/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"}, headers={"Accept": "application/n-triples"}
    )
    assert response.headers["talkgraph-results-truncated"] == "true; limit=5"
    assert parsed_triples(response.content, "nt") == 5


@pytest.mark.parametrize("limit", [3, 5])
def test_a_result_within_the_cap_is_not_marked(capped, limit):
    response = capped.get("/sparql", params={"query": f"SELECT * WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }} LIMIT {limit}"})
    assert len(json_values(response, "s")) == limit
    assert "talkgraph-results-truncated" not in response.headers
    assert "warning" not in response.headers
