"""Paths and connections searched through the store a level at a time (graph/analytics/paths.py) are NetworkX's
over the whole talk graph: the same paths, in the same order, without building it."""

from __future__ import annotations

from collections import Counter
from itertools import islice

import networkx as nx
import pytest

from talkgraph.graph.analytics import paths as paths_module
from talkgraph.graph.analytics.paths import FIRST_BATCH, Link, NamingTalks, TalkGraphWalk
from talkgraph.graph.analytics.questions import Questions
from talkgraph.graph.analytics.view import TalkGraph
from talkgraph.graph.rdf.store import EmbeddedStore
from talkgraph.ontology import sparql_prologue
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


@pytest.mark.parametrize("few", [1, 3])
def test_a_path_from_an_end_named_by_many_talks_is_networkx_shortest_path(kubecon_store, ends, monkeypatch, few):
    """With FEW_TALKS lowered, the bundled notes' popular ends are searched without reading their first level."""
    monkeypatch.setattr(paths_module, "FEW_TALKS", few)
    monkeypatch.setattr(paths_module, "FIRST_BATCH", 2)
    whole = TalkGraph.from_store(kubecon_store).talk_graph()
    answered = []  # (length, whether the popular end's talks were read) of the paths found without the fallback
    search = TalkGraphWalk._from_a_popular_end

    def counted(walk, source, target):
        found = search(walk, source, target)
        if found:
            popular = next(end for end in (source, target) if walk._popular(end))
            answered.append((len(found) - 1, popular in walk._adjacent))
        return found

    monkeypatch.setattr(TalkGraphWalk, "_from_a_popular_end", counted)
    walking = TalkGraph.from_store(kubecon_store)
    for source in ends:
        for target in ends:
            assert [n.iri for n in walking.path(source, target)] == nx_path(whole, source, target), (source, target)
    # (links, popular end's talks read): paths of 3 and 4 links found without reading the popular end's talks
    assert Counter(answered) == {1: {(3, False): 46, (4, False): 27}, 3: {(3, False): 23, (4, False): 18}}[few]


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
    assert max(counts) == min(most, 36) and counts.count(0) == 134  # up to 36 paths of equal length


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
    assert counting.queries == 3  # the talks naming the source (few), those of them naming the target, the path
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


class Rows:
    """A store whose SELECTs' rows are counted."""

    def __init__(self, store):
        self.store, self.rows = store, 0

    def select(self, sparql):
        rows = self.store.select(sparql)
        self.rows += len(rows)
        return rows


class ListedNaming(NamingTalks):
    """NamingTalks over a list of links, counting the talks it lists and tests."""

    def __init__(self, links: list[Link]):
        self.links, self.listed, self.tested = links, 0, 0
        self.talks_of = {t for t, _, vocabulary in links if not vocabulary}

    def node_class(self, node):
        if node in self.talks_of:
            return "Talk"
        return "Tool" if any(node in link[:2] for link in self.links) else None

    def talks(self, node, most=None):
        found = [t for t, x, vocabulary in self.links if x == node and not vocabulary][:most]
        self.listed += len(found)
        return found

    def naming(self, talks, node):
        self.tested += len(talks)
        return {t for t in talks if (t, node, False) in self.links}

    def vocabulary(self, node):
        return {(b if a == node else a): (1, a, b) for a, b, vocabulary in self.links if vocabulary and node in (a, b)}


def talk_graph(links: list[Link]) -> nx.Graph:
    """The talk graph as TalkGraph._talk_graph builds it: talks' links in IRI order, then the vocabulary's."""
    graph = nx.Graph()
    for a, b, _ in sorted(x for x in links if not x[2]):
        graph.add_edge(a, b)
    for a, b, _ in sorted(x for x in links if x[2]):
        graph.add_edge(a, b)
    return graph


def counted_walk(links: list[Link]) -> tuple[TalkGraphWalk, ListedNaming, list[int]]:
    read = [0]  # links read level by level

    def links_of(nodes):
        found = [x for x in links if x[0] in nodes or x[1] in nodes]
        read[0] += len(found)
        return found

    naming = ListedNaming(links)
    return TalkGraphWalk(links_of, naming), naming, read


# 1,000 talks name A; five of the first 64 and the last 500 name B too
POPULAR = [(f"t{i:04}", "A", False) for i in range(1000)] + [
    (f"t{i:04}", "B", False) for i in (10, 20, 30, 40, 50, *range(500, 1000))
]


def test_a_path_between_popular_ends_stops_at_the_first_batch_naming_both(monkeypatch):
    monkeypatch.setattr(paths_module, "FEW_TALKS", 100)  # A and B are popular: more talks than that name each
    graph = talk_graph(POPULAR)
    walk, naming, read = counted_walk(POPULAR)
    assert walk.shortest_path("A", "B") == nx.shortest_path(graph, "A", "B") == ["A", "t0010", "B"]
    # 101 of the source's talks (too many to test them all), the target's 505, the first batch tested; no level read
    assert (naming.listed, naming.tested, read[0]) == (101 + 505, FIRST_BATCH, 0)
    walk, naming, read = counted_walk(POPULAR)
    paths = walk.all_shortest_paths("A", "B", 5)
    assert paths == list(islice(nx.all_shortest_paths(graph, "A", "B"), 5))
    assert paths == [["A", f"t00{i}0", "B"] for i in range(1, 6)]
    assert (naming.listed, naming.tested, read[0]) == (101 + 1000, FIRST_BATCH, 0)  # the source's talks, in order
    # the sixth path is in the third batch (64, then 256, then the rest)
    walk, naming, read = counted_walk(POPULAR)
    paths = walk.all_shortest_paths("A", "B", 6)
    assert paths == list(islice(nx.all_shortest_paths(graph, "A", "B"), 6))
    assert paths[-1] == ["A", "t0500", "B"] and (naming.tested, read[0]) == (1000, 0)


def test_an_end_named_by_few_talks_has_them_all_tested_against_the_popular_one():
    links = [*POPULAR, ("t0950", "P", False), ("t0005", "P", False), ("t0900", "P", False), ("u", "P", False)]
    graph = talk_graph(links)
    walk, naming, read = counted_walk(links)
    assert walk.shortest_path("P", "A") == nx.shortest_path(graph, "P", "A") == ["P", "t0005", "A"]
    assert (naming.listed, naming.tested, read[0]) == (4, 4, 0)  # none of A's 1,000 talks listed
    paths = walk.all_shortest_paths("A", "P", 5)
    assert paths == list(islice(nx.all_shortest_paths(graph, "A", "P"), 5))
    assert paths == [["A", t, "P"] for t in ("t0005", "t0900", "t0950")]
    assert (naming.listed, naming.tested, read[0]) == (8, 8, 0)


def test_a_talk_end_is_read_alone_and_the_vocabulary_joins_two_ends():
    links = [*POPULAR, ("u1", "C", False), ("u1", "X", False), ("u2", "D", False), ("u2", "X", False)]
    links += [("C", "X", True), ("D", "X", True), ("A", "X", True)]
    graph = talk_graph(links)
    walk, naming, read = counted_walk(links)
    assert walk.shortest_path("t0010", "B") == nx.shortest_path(graph, "t0010", "B") == ["t0010", "B"]
    assert (naming.listed, read[0]) == (0, 2)  # the talk's two links, none of B's 505 talks
    assert walk.shortest_path("t0001", "X") == nx.shortest_path(graph, "t0001", "X") == ["t0001", "A", "X"]
    assert (naming.listed, read[0]) == (0, 2 + 1)  # t0001's one link, then X's by the vocabulary
    for source, target in (("C", "D"), ("D", "C"), ("A", "X"), ("X", "A"), ("A", "D")):
        assert walk.shortest_path(source, target) == nx.shortest_path(graph, source, target), (source, target)
        expected = list(islice(nx.all_shortest_paths(graph, source, target), 5))
        assert walk.all_shortest_paths(source, target, 5) == expected, (source, target)
    assert walk.shortest_path("C", "D") == ["C", "X", "D"] and walk.shortest_path("A", "X") == ["A", "X"]
    assert walk.shortest_path("A", "D") == ["A", "X", "D"]  # two links: the vocabulary's after A's 1,000 talks


def test_the_store_lists_an_ends_talks_and_tests_which_name_the_other_as_the_talk_graph_links_them(kubecon_store):
    whole = TalkGraph.from_store(kubecon_store).talk_graph()
    rows = Rows(kubecon_store)
    view = TalkGraph.from_store(rows)  # type: ignore[arg-type]
    naming = NamingTalks(view._select, view.nodes, view._vocabulary_links)
    kubernetes, observability, ebpf = (view.resolve(r).iri for r in ("Kubernetes", "Observability", "eBPF"))
    talks = naming.talks(kubernetes)
    assert sorted(talks) == sorted(t for t in whole[kubernetes] if view.nodes[t].cls == "Talk") and len(talks) == 17
    rows.rows = 0
    named = naming.naming([*talks, ebpf, "https://example.org/no-such-talk"], observability)
    assert named == {t for t in talks if whole.has_edge(t, observability)} and len(named) == 6
    assert rows.rows == naming.rows - len(talks) == 6  # a row for each talk naming both, in one query
    assert naming.vocabulary(ebpf) == {w: (1, w, ebpf) for w in whole[ebpf] if view.nodes[w].cls != "Talk"}  # tools
    assert naming.node_class(ebpf) == "Topic" and naming.node_class("https://example.org/none") is None


def test_only_typed_and_labelled_talks_join_two_ends():
    """As the view's nodes: a subject of a talk's links that is no tg:Talk, or has no label, is no talk."""
    store = EmbeddedStore()
    store.update(
        sparql_prologue()
        + "INSERT DATA { GRAPH tgid:g { "
        + "tgid:t1 a tg:Talk ; schema:name 'one' ; tg:mentions tgid:a, tgid:b . "
        + "tgid:t2 a tg:Talk ; tg:mentions tgid:a, tgid:b . "  # no label
        + "tgid:t3 schema:name 'three' ; tg:hasTopic tgid:a, tgid:b . "  # no type
        + "tgid:t4 a tg:Talk ; skos:prefLabel 'four' ; tg:hasTopic tgid:b ; tg:presentedBy tgid:a . } }"
    )
    naming = NamingTalks(lambda sparql: store.select(sparql_prologue() + sparql), {}, lambda nodes: set())
    prefix = "https://w3id.org/talkgraph/id/"
    talks = naming.talks(prefix + "a")
    assert sorted(talks) == [prefix + t for t in ("t1", "t2", "t3", "t4")]  # listed unchecked
    assert naming.naming(talks, prefix + "b") == {prefix + "t1", prefix + "t4"}
    assert naming.rows == 4 + 2


def test_a_far_path_from_a_popular_end_asks_whether_talks_name_it_instead_of_reading_its_talks(monkeypatch):
    monkeypatch.setattr(paths_module, "FEW_TALKS", 100)  # A's 1,000 talks are many
    links = [*POPULAR, ("u1", "P", False), ("u1", "C", False), ("t0500", "C", False), ("t0700", "C", False)]
    graph = talk_graph(links)
    walk, naming, read = counted_walk(links)
    assert walk.shortest_path("P", "A") == nx.shortest_path(graph, "P", "A") == ["P", "u1", "C", "t0500", "A"]
    # P's, u1's and C's links read; of A's talks 101 listed (more than FEW_TALKS), the 3 talks met tested
    # no path of two links first (P's one talk tested against A); then P's, u1's and C's links read, of A's talks
    # 101 listed (more than FEW_TALKS) and tested (a level of at least 101), and the 3 talks met tested
    assert (read[0], naming.listed, naming.tested) == (1 + 2 + 3, 1 + 101 + 1 + 3, 1 + 101 + 3)
    walk, naming, read = counted_walk(links)
    assert walk.shortest_path("A", "P") == nx.shortest_path(graph, "A", "P") == ["A", "t0500", "C", "u1", "P"]
    # the two-link search listed A's first 101 talks and P's one (tested); then A's 101 listed again and tested,
    # P's and C's talks listed to know they are few, and the talks met on P's side tested: u1, then C's three
    assert (read[0], naming.listed, naming.tested) == (1 + 2 + 3, 101 + 1 + 101 + 1 + 3, 1 + 101 + 1 + 3)
