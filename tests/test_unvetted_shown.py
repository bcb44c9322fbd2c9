"""Unvetted tools (found in the notes, in no vocabulary) are told apart wherever an entity is shown, under one label."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter

import networkx as nx
import pytest
from typer.testing import CliRunner

from talkgraph.api import cli as cli_module
from talkgraph.api.cli import app as cli
from talkgraph.graph.analytics import background, derived
from talkgraph.graph.analytics.derived import PreparedDocument
from talkgraph.graph.analytics.links import Counts, DocumentLinks, Reference, unvetted_label
from talkgraph.graph.analytics.questions import Questions
from talkgraph.graph.analytics.view import TalkGraph
from talkgraph.graph.analytics.viz import UNVETTED_NOTE
from talkgraph.graph.ingest import ingest
from talkgraph.graph.linking.extract import extract
from talkgraph.graph.linking.linker import Linker
from talkgraph.graph.notes.segment import parse_notes
from talkgraph.graph.rdf.statistics import stored_candidates
from talkgraph.graph.rdf.store import EmbeddedStore
from talkgraph.graph.rdf.triples import extraction_quads, notes_graph
from talkgraph.ontology import ID
from tests.conftest import make_client

FROBDB, GRAFANA = str(ID["tool/frobdb"]), str(ID["tool/grafana"])


def notes(name: str) -> str:
    """Two talks that name the same unknown database, spelled `name`: CamelCase, and the repository a link names."""
    return (
        "# Day\n\n## Traces at scale - Ana Silva, Initech\n\n"
        f"Traces go through {name}, whose code is at https://github.com/frobco/{name.lower()}.\n\n"
        f"## Dashboards - Tom Reyes\n\nTom pointed Grafana at {name}.\n"
    )


def store_of(tmp_path, vocabulary, spellings: list[str]) -> EmbeddedStore:
    """A store that ingested one document per spelling, one ingest after the other (the incremental path)."""
    store = EmbeddedStore()
    for i, name in enumerate(spellings):
        path = tmp_path / f"{i}-{name.lower()}-{len(spellings)}.md"
        path.write_text(notes(name), "utf-8")
        ingest(store, [path], vocabulary)
    return store


def labels_shown(store: EmbeddedStore) -> dict[str, str]:
    """FrobDB's label where it is shown: the view (SPARQL-derived analytics), the JSON API, the graph page, the
    background process's nodes and the CLI's candidates."""
    view = TalkGraph.from_store(store)
    client = make_client(store)
    search = client.get("/api/search", params={"q": "frobdb"}).json()
    page = client.get("/graph/cooccur", params={"focus": "Grafana", "format": "json"}).json()
    sent: list = []
    background.compute(store, sent.append)
    iris, names = sent[2][0], sent[2][1]
    return {
        "view": view.nodes[FROBDB].label,
        "cooccur": Questions(view).cooccurrence("Grafana").results[0].entity.label,
        "search": next(r["label"] for r in search["results"] if r["iri"] == FROBDB),
        "page": next(n["label"] for n in page["nodes"] if n["id"] == FROBDB),
        "background": names[iris.index(FROBDB)],
        "candidates": next(r.label for r in stored_candidates(store) if r.unvetted),
    }


@pytest.mark.parametrize("spellings", [["FROBdb", "FrobDB"], ["FrobDB", "FROBdb"]])
def test_two_spellings_give_one_label_everywhere_whatever_the_order(tmp_path, vocabulary, spellings):
    shown = labels_shown(store_of(tmp_path, vocabulary, spellings))
    assert shown == dict.fromkeys(shown, "FROBdb")  # one document each: case-folded equal, then code points


@pytest.mark.parametrize("spellings", [["FROBdb", "FrobDB", "FrobDB"], ["FrobDB", "FrobDB", "FROBdb"]])
def test_the_spelling_most_documents_use_is_the_label(tmp_path, vocabulary, spellings):
    shown = labels_shown(store_of(tmp_path, vocabulary, spellings))
    assert shown == dict.fromkeys(shown, "FrobDB")


def test_the_label_rule():
    assert unvetted_label(Counter({"zorb": 1, "Zorb": 1})) == "Zorb"  # case-folded equal: code points
    assert unvetted_label(Counter({"Zorb": 1, "alpha": 1})) == "alpha"  # case-folded order first
    assert unvetted_label(Counter({"Zorb": 2, "alpha": 1})) == "Zorb"  # most documents first


@pytest.fixture(scope="module")
def tools_store(tmp_path_factory, vocabulary) -> EmbeddedStore:
    return store_of(tmp_path_factory.mktemp("unvetted"), vocabulary, ["FrobDB"])


def test_the_json_api_flags_every_entity(tools_store):
    client = make_client(tools_store)
    cooccur = client.get("/api/cooccur", params={"focus": "Grafana"}).json()
    assert [(r["label"], r["curated"]) for r in cooccur["results"]] == [("FrobDB", False)]
    assert cooccur["focus"]["curated"] is True
    resource = client.get("/api/resource", params={"ref": FROBDB}).json()
    assert (resource["label"], resource["class"], resource["curated"]) == ("FrobDB", "Tool", False)
    neighbours = client.get("/api/neighbours", params={"ref": "Grafana"}).json()
    assert (neighbours["node"]["curated"], [(r["label"], r["curated"]) for r in neighbours["results"]]) == (
        True,
        [("FrobDB", False)],
    )
    connection = client.get("/api/connection", params={"source": "Grafana", "target": FROBDB}).json()
    assert [(n["label"], n["curated"]) for n in connection["paths"][0]["nodes"]] == [
        ("Grafana", True),
        ("Dashboards", True),
        ("FrobDB", False),
    ]
    talks = client.get("/api/resource", params={"ref": "Dashboards"}).json()["names"]
    assert sorted((n["label"], n["curated"]) for n in talks) == [
        ("FrobDB", False),
        ("Grafana", True),
        ("Tom Reyes", True),
    ]


def test_graph_pages_draw_and_describe_unvetted_tools_apart(tools_store):
    client = make_client(tools_store)
    nodes = {
        n["id"]: n for n in client.get("/graph/cooccur", params={"focus": "Grafana", "format": "json"}).json()["nodes"]
    }
    frobdb, grafana = nodes[FROBDB], nodes[GRAFANA]
    assert (frobdb["curated"], frobdb["borderWidth"], frobdb["shapeProperties"]) == (False, 3, {"borderDashes": [6, 4]})
    assert frobdb["title"].split("\n")[:3] == ["FrobDB", "Tool", UNVETTED_NOTE]
    assert "curated" not in grafana and "shapeProperties" not in grafana and UNVETTED_NOTE not in grafana["title"]
    html = client.get("/graph/cooccur", params={"focus": "Grafana"}).text
    assert html.count('<span class="unvetted" title="found in the notes, not in the vocabulary">(unvetted)</span>') == 1
    page = client.get("/id/tool/frobdb").text
    assert "Unvetted: found in the notes, not in the vocabulary" in page
    assert "Unvetted: found" not in client.get("/id/tool/grafana").text
    search = client.get("/search", params={"q": "frobdb"}).text
    assert '>FrobDB</a> <span class="unvetted"' in search


def test_the_cli_marks_unvetted_tools_and_their_evidence(tools_store, tmp_path, monkeypatch):
    rows = stored_candidates(tools_store)
    assert [(r.label, r.talks, r.mentions, r.unvetted) for r in rows] == [("FrobDB", 2, 2, ["repository", "shape"])]
    (tmp_path / "day.md").write_text(notes("FrobDB") + "\nShe also mentioned KlaxonHub once.\n", "utf-8")
    out = CliRunner().invoke(cli, ["candidates", "--notes", str(tmp_path / "day.md"), "--format", "json"])
    assert out.exit_code == 0, out.output
    assert [(r["label"], r["unvetted"]) for r in json.loads(out.output)] == [
        ("FrobDB", ["repository", "shape"]),
        ("KlaxonHub", []),
    ]
    monkeypatch.setattr(cli_module.console, "_width", 200)  # rich read the width once, wherever the tests run
    table = CliRunner().invoke(cli, ["candidates", "--notes", str(tmp_path / "day.md")])
    assert "unvetted tool: repository, shape" in table.output


def test_counting_a_document_leaves_the_reference_as_it_was(vocabulary):
    quads = extraction_quads(extract(parse_notes(notes("FrobDB"), "a.md"), Linker(vocabulary)), "a")
    ref = Reference()
    Counts.of_document(DocumentLinks.from_quads(quads), ref)
    assert (ref.classes, ref.unvetted) == ({}, {})


def test_a_documents_unvetted_tools_are_admitted_before_its_related_topics_are_ranked(vocabulary, monkeypatch):
    seen: list[set[str]] = []
    rank = derived.rank_related_topics
    monkeypatch.setattr(
        derived,
        "rank_related_topics",
        lambda talk, named, s, nodes, ref: seen.append(set(nodes)) or rank(talk, named, s, nodes, ref),
    )
    linker = Linker(vocabulary)
    ref = Reference()
    for key, name in (("a", "FrobDB"), ("b", "ZorbixDB")):
        quads = extraction_quads(extract(parse_notes(notes(name), f"{key}.md"), linker), key)
        PreparedDocument.of(notes_graph(key).value, quads, ref)
    assert [iri in nodes for nodes in seen for iri in (FROBDB,)] == [True] * 4
    assert [str(ID["tool/zorbixdb"]) in nodes for nodes in seen[2:]] == [True, True]  # a reference that grew since
    assert (ref.labels[FROBDB], ref.curated(FROBDB), ref.curated(GRAFANA)) == ("FrobDB", False, True)


def test_graph_exports_carry_the_flag(tools_store):
    client = make_client(tools_store)
    params = {"focus": "Grafana"}
    rows = csv.DictReader(io.StringIO(client.get("/graph/cooccur", params={**params, "format": "nodes.csv"}).text))
    assert {r["label"]: r["curated"] for r in rows} == {"Grafana": "True", "FrobDB": "False"}
    graphml = nx.parse_graphml(client.get("/graph/cooccur", params={**params, "format": "graphml"}).text)
    assert (graphml.nodes[FROBDB]["curated"], graphml.nodes[GRAFANA]["curated"]) == (False, True)


def test_a_spelling_that_changes_a_label_gives_new_nodes_to_the_related_topics():
    ref = Reference()
    ref.admit(FROBDB, "FrobDB")
    assert derived._nodes(ref, ref.admitted)[FROBDB].label == "FrobDB"
    ref.admit(FROBDB, "FROBDB", documents=2)  # no new entity, a new label
    assert derived._nodes(ref, ref.admitted)[FROBDB].label == "FROBDB"
