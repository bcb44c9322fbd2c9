"""Paths and connections searched through the store a level at a time (graph/analytics/paths.py) are NetworkX's
over the whole talk graph: the same paths, in the same order, without building it."""

from __future__ import annotations

from itertools import islice

import networkx as nx
import pytest

from talkgraph.graph.analytics.paths import TalkGraphWalk
from talkgraph.graph.analytics.questions import Questions
from talkgraph.graph.analytics.view import TalkGraph
from tests.test_first_answers import Counting

REFS = (
    "eBPF",
    "Cilium",
    "Kubernetes",
    "Observability",
    "Prometheus",
    "Security",
    "Beyond the buzzword: BPF’s Unexpected role in Kubernetes",
    "A High Schoolers Guide to Kubernetes Network Observability",
)


def nx_path(graph: nx.Graph, source: str, target: str) -> list[str]:
    try:
        return nx.shortest_path(graph, source, target)
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return []


def nx_paths(graph: nx.Graph, source: str, target: str, most: int) -> list[list[str]]:
    if source == target or source not in graph or target not in graph:
        return []
    try:
        return list(islice(nx.all_shortest_paths(graph, source, target), most))
    except nx.NetworkXNoPath:
        return []


@pytest.fixture(scope="module")
def ends(kubecon_store) -> list[str]:
    """Tools, topics, talks, people, an entity no talk names, spread over the talk graph."""
    view = TalkGraph.from_store(kubecon_store)
    whole = TalkGraph.from_store(kubecon_store).talk_graph()
    by_class: dict[str, list[str]] = {}
    for node in sorted(whole):
        by_class.setdefault(view.nodes[node].cls, []).append(node)
    unnamed = next(e for e in sorted(view.nodes.entities) if view.talk_count(e) == 0)
    picked = [view.resolve(r).iri for r in REFS] + [unnamed]
    for members in by_class.values():
        picked += members[:: max(1, len(members) // 4)][:4]  # a few of each class, first to last
    return sorted(set(picked))


def test_a_path_searched_through_the_store_is_networkx_shortest_path(kubecon_store, ends):
    walking = TalkGraph.from_store(kubecon_store)
    whole = TalkGraph.from_store(kubecon_store).talk_graph()
    lengths = set()
    for source in ends:
        for target in ends:
            expected = nx_path(whole, source, target)
            assert [n.iri for n in walking.path(source, target)] == expected, (source, target)
            lengths.add(len(expected))
    assert lengths == set(range(8))  # no path, the node itself, and paths of one to six links
    assert "_talk_graph" not in walking.__dict__


@pytest.mark.parametrize("most", [1, 5, 1000])
def test_connections_searched_through_the_store_are_networkx_all_shortest_paths(kubecon_store, ends, most):
    walking = TalkGraph.from_store(kubecon_store)
    whole = TalkGraph.from_store(kubecon_store).talk_graph()
    counts = []
    for source in ends:
        for target in ends:
            expected = nx_paths(whole, source, target, most)
            assert walking.shortest_paths(source, target, most) == expected, (source, target)
            counts.append(len(expected))
    assert "_talk_graph" not in walking.__dict__
    assert max(counts) == min(most, 34) and counts.count(0) == 134  # up to 34 paths of equal length


def test_the_connection_answer_is_the_one_over_the_whole_talk_graph(kubecon_store):
    walking = Questions(TalkGraph.from_store(kubecon_store))
    whole_view = TalkGraph.from_store(kubecon_store)
    whole_view.talk_graph()  # built: the view answers with NetworkX over it
    whole = Questions(whole_view)
    for a, b in (("eBPF", "Prometheus"), ("Cilium", "Security"), (REFS[6], REFS[7]), ("Kubernetes", "Kubernetes")):
        assert walking.connection(a, b) == whole.connection(a, b)
        assert walking.path(a, b) == whole.path(a, b)
    answer = walking.connection("Cilium", "Prometheus")
    assert [[n.label for n in p.nodes] for p in answer.paths] == [
        ["Cilium", "A High Schoolers Guide to Kubernetes Network Observability", "Prometheus"],
        ["Cilium", "Observability", "Prometheus"],
    ]
    assert [[s.relation for s in p.steps] for p in answer.paths] == [
        ["names", "names"],
        ["cooccurrence", "cooccurrence"],
    ]
    assert "_talk_graph" not in walking.view.__dict__


def test_a_path_reads_a_level_per_step(kubecon_store):
    counting = Counting(kubecon_store)
    view = TalkGraph.from_store(counting)  # type: ignore[arg-type]
    cilium, prometheus = (view.resolve(r, ("Tool",)).iri for r in ("Cilium", "Prometheus"))
    view.talk_count(cilium)
    counting.queries = 0
    assert len(view.path(cilium, prometheus)) == 3
    assert counting.queries == 3  # the talks naming either end, their nodes (the next level met the first), the path
    assert not view.nodes.complete  # type: ignore[attr-defined]
    counting.queries = 0
    assert view.path(cilium, prometheus) == view.path(cilium, prometheus) and counting.queries == 0  # kept


def test_the_walk_follows_the_adjacency_order_networkx_holds():
    """Ties broken as the talk graph's insertion order does: talks by IRI, then vocabulary links by (tool, topic)."""
    links = [("t1", "a", False), ("t2", "a", False), ("t1", "b", False), ("t2", "b", False), ("a", "b", True)]
    graph = nx.Graph()
    for t, e, _ in sorted(x for x in links if not x[2]):
        graph.add_edge(t, e)
    graph.add_edge("a", "b")
    walk = TalkGraphWalk(lambda nodes: [x for x in links if x[0] in nodes or x[1] in nodes])
    walk.read(["a", "b", "t1", "t2"])
    assert [walk.neighbours(n) for n in ("a", "b", "t1")] == [list(graph["a"]), list(graph["b"]), list(graph["t1"])]
    assert walk.neighbours("a") == ["t1", "t2", "b"]
    assert walk.shortest_path("t1", "t2") == nx.shortest_path(graph, "t1", "t2") == ["t1", "a", "t2"]
    assert walk.all_shortest_paths("t1", "t2", 5) == list(nx.all_shortest_paths(graph, "t1", "t2"))
    assert walk.all_shortest_paths("t1", "t2", 5) == [["t1", "a", "t2"], ["t1", "b", "t2"]]
