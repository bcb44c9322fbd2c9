"""Analytics over the bundled notes: co-occurrence, related topics, companies, communities, paths, derived triples."""

from __future__ import annotations

import math

import pytest

from talkgraph.graph.analytics.view import TalkGraph
from talkgraph.ontology import ID, sparql_prologue

EBPF_TOOLS = {"Cilium", "Falco", "bpftrace", "kubectl-trace", "Inspektor Gadget", "kube-netc", "Prometheus"}
BPF_TALK = "Beyond the buzzword: BPF’s Unexpected role in Kubernetes"


@pytest.fixture(scope="module")
def view(kubecon_store) -> TalkGraph:
    return TalkGraph.from_store(kubecon_store)


def test_tools_cooccurring_with_ebpf(view):
    ebpf = view.resolve("eBPF", ("Topic",))
    ranked = view.cooccurring(ebpf.iri)
    labels = [c.entity.label for c in ranked]
    assert set(labels) >= EBPF_TOOLS
    assert [c.score for c in ranked] == sorted((c.score for c in ranked), reverse=True)
    cilium = next(c for c in ranked if c.entity.label == "Cilium")
    assert cilium.weight == 2  # two talks name both eBPF and Cilium
    assert cilium.score == round(
        2 / math.sqrt(len(view.entity_talks[ebpf.iri]) * len(view.entity_talks[cilium.entity.iri])), 4
    )
    assert {e.talk.label for e in cilium.evidence} == {
        BPF_TALK,
        "A High Schoolers Guide to Kubernetes Network Observability",
    }
    for evidence in cilium.evidence:
        assert evidence.sentences and all("cilium" in s.lower() for s in evidence.sentences)


def test_normalised_score_keeps_kubernetes_from_topping_every_list(view):
    ebpf = view.resolve("eBPF", ("Topic",))
    ranked = [c.entity.label for c in view.cooccurring(ebpf.iri)]
    assert ranked.index("Kubernetes") > ranked.index("Cilium")
    weights = {c.entity.label: c.weight for c in view.cooccurring(ebpf.iri)}
    assert weights["Kubernetes"] == max(weights.values())  # the raw count alone would have put it first


def test_related_topics_of_the_bpf_talk(view):
    talk = view.resolve(BPF_TALK, ("Talk",))
    related = view.related_topics(talk.iri)
    labels = [r.topic.label for r in related]
    assert {"eBPF", "Observability", "Networking", "Security"} <= set(labels[:6])
    assert labels[0] == "eBPF"
    ebpf = related[0]
    assert ebpf.explicit and ebpf.reasons[0].startswith("the talk names it")
    assert any(reason.startswith("shared tools: ") and "Cilium" in reason for reason in ebpf.reasons)
    assert [r.score for r in related] == sorted((r.score for r in related), reverse=True)


def test_companies_behind_observability_tools(view):
    topic = view.resolve("Observability", ("Topic",))
    companies = view.companies_of_topic(topic.iri)
    assert companies
    for org, tools in companies:
        assert all(topic.iri in view.tool_topics[t.iri] for t in tools)
        assert all(org.iri in view.developers[t.iri] for t in tools)


def test_communities_partition_the_entity_graph(view, kubecon_store):
    communities = view.communities()
    members = [m.iri for c in communities for m in c]
    assert len(members) == len(set(members)) == view.entity_graph().number_of_nodes()
    assert len(communities) > 1 and all(communities)
    # seeded: a view built anew from the same store finds the same communities, in the same order
    again = TalkGraph.from_store(kubecon_store).communities()
    assert [[m.iri for m in c] for c in again] == [[m.iri for m in c] for c in communities]


def test_path_between_two_tools_runs_through_a_talk(view):
    cilium, netc = view.resolve("Cilium"), view.resolve("kube-netc")
    path = view.path(cilium.iri, netc.iri)
    assert path[0] == cilium and path[-1] == netc and len(path) == 3
    assert path[1].cls == "Talk"


def test_derived_graph_answers_the_same_through_sparql(kubecon_store, view):
    rows = kubecon_store.select(
        sparql_prologue()
        + """
        SELECT ?label ?weight ?score WHERE {
          ?c a tg:CoOccurrence ; tg:source <%s> ; tg:target ?tool ; tg:weight ?weight ; tg:score ?score .
          ?tool skos:prefLabel ?label }"""
        % ID["topic/ebpf"]
    )
    from_sparql = {r["label"].value: (int(r["weight"].value), float(r["score"].value)) for r in rows}
    from_view = {c.entity.label: (c.weight, c.score) for c in view.cooccurring(str(ID["topic/ebpf"]))}
    assert from_sparql == from_view
    related = kubecon_store.select(
        sparql_prologue()
        + """
        SELECT ?topic WHERE { ?r tg:relationTalk ?t ; tg:relationTopic ?x . ?t schema:name "%s" .
          ?x skos:prefLabel ?topic }"""
        % BPF_TALK
    )
    assert {"eBPF", "Observability", "Networking", "Security"} <= {r["topic"].value for r in related}
