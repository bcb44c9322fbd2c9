"""The query page over HTTP: a refused query's position as fields of the 400, the ontology's terms for
completion, and the schema summary with class counts that are read once per write."""

from __future__ import annotations

import json
import re

import pytest
from rdflib import Graph
from rdflib.namespace import OWL, RDF

from talkgraph.api.schema import ontology_schema, prefixed
from talkgraph.graph.rdf.policy import engine_syntax_error
from talkgraph.graph.rdf.statistics import CLASS_SIZES, GRAPH_SIZES, TYPED_SUBJECTS, class_sizes
from talkgraph.graph.rdf.store import EmbeddedStore
from talkgraph.ontology import SD, TG, VOID, ontology_graph
from tests.conftest import assert_clean_error, make_client

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
RESULTS = "application/sparql-results+json"


def page_config(html: str) -> dict:
    found = re.search(r'<script id="sparql-config" type="application/json">(.*?)</script>', html, re.S)
    assert found is not None
    return json.loads(found.group(1))


def summary_rows(html: str) -> dict[str, tuple[int, list[str]]]:
    """Each class of the schema summary: its count and its properties, as the page shows them."""
    rows = {}
    for item in re.findall(r"<li(?: class=\"empty\")?><code title=\"[^\"]*\">(.*?)</li>", html, re.S):
        name = item.split("</code>")[0]
        count = int(re.search(r'<span class="count">(\d+)</span>', item).group(1))
        rows[name] = (count, re.findall(r'<code title="[^"]*">([^<]*)</code>', item.split('class="props"')[-1])
                      if 'class="props"' in item else [])  # fmt: skip
    return rows


def test_a_syntax_error_answers_with_its_line_and_column(client):
    query = "PREFIX tg: <https://w3id.org/talkgraph/ns#>\nSELECT ?x WHERE { ?x ?p ?o } GROUP ?x"
    response = client.post("/sparql", data={"query": query}, headers={"Accept": RESULTS})
    assert_clean_error(response, 400)
    assert response.json() == {
        "error": "SPARQL syntax error at line 2, column 30: the query should end here, or this clause is "
        "misspelt or out of order\nSELECT ?x WHERE { ?x ?p ?o } GROUP ?x\n" + " " * 29 + "^",
        "status": 400,
        "line": 2,
        "column": 30,
    }


def test_an_undeclared_prefix_is_named_with_its_place(client):
    response = client.get("/sparql", params={"query": "SELECT ?x WHERE {\n  ?x a tg:Talk }"})
    assert response.json() == {
        "error": "SPARQL syntax error at line 2, column 15: this prefix is not declared: add a PREFIX line for it"
        "\n  ?x a tg:Talk }\n" + " " * 14 + "^",
        "status": 400,
        "line": 2,
        "column": 15,
    }


def test_an_error_without_a_position_has_no_position_fields(client):
    response = client.get("/sparql", params={"query": "SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }"})
    assert set(response.json()) == {"error", "status"}


def test_the_engines_message_loses_its_character_classes():
    error = engine_syntax_error("SELECT\n LIMIT 5", SyntaxError("error at 2:9: expected one of LATERAL, SERVICE, [_]"))
    assert (error.line, error.column) == (2, 9)
    assert (
        str(error) == "SPARQL syntax error at line 2, column 9: expected one of LATERAL, SERVICE\n LIMIT 5\n        ^"
    )
    assert str(engine_syntax_error("x", SyntaxError("unexpected end"))) == "SPARQL syntax error: unexpected end"


def test_completion_offers_every_class_and_property_of_the_ontology_with_labels(client):
    config = page_config(client.get("/sparql", headers={"Accept": BROWSER}).text)
    graph = ontology_graph()
    expected = {
        (str(s), "class" if kind == OWL.Class else "property")
        for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
        for s in graph.subjects(RDF.type, kind)
        if not s.startswith("n") and str(s).startswith("http")
    }
    assert {(t["iri"], t["kind"]) for t in config["terms"]} == expected
    assert len(expected) == 17 + 52  # the classes and properties of ontology/talkgraph.ttl
    talk = next(t for t in config["terms"] if t["iri"] == str(TG.Talk))
    assert (talk["name"], talk["label"]) == ("tg:Talk", "talk")
    assert talk["comment"].startswith("A single session held at an event")
    assert config["own"] == {"id": "https://w3id.org/talkgraph/id/", "base": "https://w3id.org/talkgraph/"}


def test_the_schema_summary_counts_the_stores_classes(client, kubecon_store):
    rows = summary_rows(client.get("/sparql", headers={"Accept": BROWSER}).text)
    assert rows["tg:Talk"] == (
        23,
        [
            "tg:day",
            "tg:hasTopic",
            "tg:kind",
            "tg:mentions",
            "tg:partOf",
            "tg:position",
            "tg:presentedBy",
            "tg:relatedTopic",
            "tg:slides",
        ],
    )
    for name, (count, _) in rows.items():
        iri = next(t.iri for t in ontology_schema().classes if t.name == name)
        stored = kubecon_store.select(f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH ?g {{ ?s a <{iri}> }} }}")
        assert count == int(stored[0]["n"].value), name
    counts = [count for count, _ in rows.values()]
    assert counts == sorted(counts, reverse=True) and counts[0] > 1000  # the most instances first: the tools


def test_the_stores_counts_are_read_once_per_write():
    store = EmbeddedStore()
    asked: list[str] = []
    select = store.select
    store.select = lambda sparql: (asked.append(sparql), select(sparql))[1]  # type: ignore[method-assign]
    client = make_client(store, update_token="secret")
    for _ in range(3):
        assert summary_rows(client.get("/sparql", headers={"Accept": BROWSER}).text)["tg:Talk"][0] == 0
        assert described_triples(client) == 0
    assert [asked.count(q) for q in (CLASS_SIZES, GRAPH_SIZES, TYPED_SUBJECTS)] == [1, 1, 1]
    insert = f"INSERT DATA {{ GRAPH <urn:g> {{ <urn:t> a <{TG.Talk}> }} }}"
    response = client.post("/sparql", data={"update": insert}, headers={"Authorization": "Bearer secret"})
    assert response.status_code == 204
    assert summary_rows(client.get("/sparql", headers={"Accept": BROWSER}).text)["tg:Talk"][0] == 1
    assert described_triples(client) == 1
    assert [asked.count(q) for q in (CLASS_SIZES, GRAPH_SIZES, TYPED_SUBJECTS)] == [2, 2, 2]


def described_triples(client) -> int:
    graph = Graph().parse(data=client.get("/sparql", headers={"Accept": "text/turtle"}).text, format="turtle")
    return graph.value(next(graph.objects(None, SD.defaultDataset)), VOID.triples).toPython()


@pytest.mark.parametrize(("iri", "name"), [(str(TG.Talk), "tg:Talk"), ("urn:x", "<urn:x>")])
def test_prefixed_names(iri, name):
    assert prefixed(iri) == name


def test_the_service_description_partitions_classes_from_the_same_counts(client, kubecon_store):
    graph = Graph().parse(data=client.get("/sparql", headers={"Accept": "text/turtle"}).text, format="turtle")
    dataset = next(graph.objects(None, SD.defaultDataset))
    partitions = {
        str(graph.value(p, VOID["class"])): graph.value(p, VOID.entities).toPython()
        for p in graph.objects(dataset, VOID.classPartition)
    }
    assert partitions[str(TG.Talk)] == 23
    assert partitions == class_sizes(kubecon_store)
    stored = kubecon_store.select("SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { GRAPH ?g { ?s a ?c } }")
    assert graph.value(dataset, VOID.classes).toPython() == len(partitions) == int(stored[0]["n"].value)
