"""Extraction with the bundled vocabulary, its triples, and their SHACL validity."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode
from rdflib import SKOS, Graph, URIRef
from rdflib import Literal as RdfLiteral

from talkgraph.graph.linking.extract import extract
from talkgraph.graph.linking.linker import Linker
from talkgraph.graph.notes.segment import parse_file, parse_notes
from talkgraph.graph.rdf.triples import extraction_quads, notes_graph
from talkgraph.graph.rdf.validate import validate_quads
from talkgraph.ontology import ID, TG
from tests.conftest import BUNDLED_NOTES

EBPF_TALK = "A High Schoolers Guide to Kubernetes Network Observability"


@pytest.fixture(scope="module")
def extraction(vocabulary):
    return extract(parse_file(BUNDLED_NOTES), Linker(vocabulary))


@pytest.fixture(scope="module")
def talks(extraction):
    return {t["title"]: t for t in extraction.as_json()["talks"]}


def test_extraction_json_shape(extraction):
    data = extraction.as_json()
    assert len(data["talks"]) == 23
    assert set(data["talks"][0]) == {
        "title",
        "kind",
        "day",
        "speakers",
        "companies",
        "tools",
        "unvetted",
        "projects",
        "topics",
    }


def test_tools_of_the_ebpf_talk(talks):
    assert talks[EBPF_TALK]["tools"] == [
        "Kubernetes",
        "kube-netc",
        "Linux",
        "bpftrace",
        "Cilium",
        "Falco",
        "kubectl-trace",
        "Prometheus",
    ]
    assert {"eBPF", "Networking", "Observability"} <= set(talks[EBPF_TALK]["topics"])


def test_ambiguous_names_in_the_bundled_notes(talks):
    updates = talks["CNCF Project Updates"]["tools"]
    assert {"Rook", "Harbor", "Helm", "TUF", "TiKV"} <= set(updates)
    assert "Lens" in talks["A Walk Through the Kubernetes UI Landscape"]["tools"]
    assert "pack" in talks["Production CI/CD with Cloud Native Buildpacks"]["tools"]
    assert "Argo" in talks["Constructing Chaos Workflow with Argo and LitmusChaos"]["tools"]


def test_speakers_and_companies(talks):
    assert talks["More Power, Less Pain: Building an Internal Platform with CNCF Tools"]["speakers"] == ["David Sudia"]
    assert talks["Day 3 keynotes"]["speakers"] == ["Stephen Augustus"]
    assert talks["Day 3 keynotes"]["companies"] == ["VMware"]
    assert talks["Beyond the buzzword: BPF’s Unexpected role in Kubernetes"]["speakers"] == ["Alban"]
    assert talks["Day 1 Keynotes"]["speakers"] == []  # Dan Kohn is mentioned, not presenting
    assert talks["Kubernetes CronJobs – Does Anyone Actually Use This [in Production]?"]["companies"] == ["Lyft"]


def test_every_link_has_a_mention_with_its_sentence(extraction):
    quads = extraction_quads(extraction)
    graph = notes_graph("kubecon-na-2020")
    assert all(q.graph_name == graph for q in quads)
    talk = NamedNode(str(ID["talk/kubecon-na-2020/a-high-schoolers-guide-to-kubernetes-network-observability"]))
    kube_netc = NamedNode(str(ID["tool/kube-netc"]))
    triples = {(q.subject, q.predicate, q.object) for q in quads}
    assert (talk, NamedNode(str(TG.mentions)), kube_netc) in triples
    mentions = [q.subject for q in quads if q.predicate == NamedNode(str(TG.entity)) and q.object == kube_netc]
    sentences = {q.object.value for q in quads if q.subject in mentions and q.predicate == NamedNode(str(TG.sentence))}
    assert sentences == {
        "The project he worked on: kube-netc is a tool to grab all network statistics at the TCP layer.",
        "The result, kube-netc allows you to discover network metrics on your k8s nodes; you can find out more reading this blog post.",
    }
    text = BUNDLED_NOTES.read_text("utf-8")
    for mention in mentions:
        start = next(
            int(q.object.value) for q in quads if q.subject == mention and q.predicate == NamedNode(str(TG.offset))
        )
        end = next(
            int(q.object.value) for q in quads if q.subject == mention and q.predicate == NamedNode(str(TG.endOffset))
        )
        assert text[start:end] == "kube-netc"


def test_talk_triples(extraction):
    quads = extraction_quads(extraction)
    talk = NamedNode(str(ID["talk/kubecon-na-2020/day-3-keynotes"]))
    about = {
        (q.predicate.value, q.object.value if isinstance(q.object, (NamedNode, Literal)) else None)
        for q in quads
        if q.subject == talk
    }
    assert (str(TG.kind), str(TG.Keynote)) in about
    assert (str(TG.day), "3") in about
    assert (str(TG.presentedBy), str(ID["person/stephen-augustus"])) in about
    assert ("https://schema.org/name", "Day 3 keynotes") in about


def test_ingest_output_conforms_to_the_shapes(extraction, vocabulary):
    conforms, report = validate_quads(extraction_quads(extraction), vocabulary.graph)
    assert conforms, report


def test_shapes_catch_a_broken_talk(vocabulary):
    extraction = extract(
        parse_notes("My notes\n\nTitle One\n\nLink to slides\n\nText about Cilium.", "t.txt"), Linker(vocabulary)
    )
    assert [t.talk.title for t in extraction.talks] == ["Title One"]
    quads = [q for q in extraction_quads(extraction) if q.predicate != NamedNode(str(TG.kind))]
    conforms, report = validate_quads(quads, vocabulary.graph)
    assert not conforms
    assert "kind" in report


def test_the_vocabulary_entries_the_notes_reach_are_checked_and_the_rest_only_when_asked(small_vocabulary):
    """Cilium (named) brings its topics and its developer, whose types its shape checks; Falco (not named) is
    checked only with whole_vocabulary."""
    notes = (
        "# Day one\n\n## Routing packets - Ana Lee\n\nCilium routes packets.\n\n## Storage - Bo Chan\n\nDisks fail.\n"
    )
    extraction = extract(parse_notes(notes, "t.md"), Linker(small_vocabulary))
    assert [t["tools"] for t in extraction.as_json()["talks"]] == [["Cilium"], []]
    quads = extraction_quads(extraction)
    assert validate_quads(quads, small_vocabulary.graph) == (True, "Validation Report\nConforms: True\n")
    broken = Graph() + small_vocabulary.graph
    for name in ("cilium", "falco"):  # a second preferred label: a tool has at most one
        broken.add((URIRef(str(ID[f"tool/{name}"])), SKOS.prefLabel, RdfLiteral(f"{name} again")))
    conforms, report = validate_quads(quads, broken)
    assert not conforms and "tool/cilium" in report and "tool/falco" not in report
    conforms, report = validate_quads(quads, broken, whole_vocabulary=True)
    assert not conforms and "tool/cilium" in report and "tool/falco" in report


def test_the_bundled_vocabulary_conforms_to_the_shapes(vocabulary):
    assert validate_quads([], vocabulary.graph, whole_vocabulary=True) == (True, "Validation Report\nConforms: True\n")
