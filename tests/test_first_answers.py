"""The first answers at scale: a page's evidence in a few queries, the overview and the communities computed by a
process of the server's own (graph/analytics/background.py), with the answers the view gives in process."""

from __future__ import annotations

from collections import Counter
from concurrent.futures import Future

import networkx as nx
import pytest

import talkgraph.graph.analytics.view as view_module
from talkgraph.api.settings import Settings
from talkgraph.api.state import AppState
from talkgraph.graph.analytics import background
from talkgraph.graph.analytics.background import BackgroundFailed, SnapshotReader
from talkgraph.graph.analytics.facts import read_aliases
from talkgraph.graph.analytics.questions import Questions
from talkgraph.graph.analytics.stored import read_counts
from talkgraph.graph.analytics.view import EVIDENCE_TALKS, TalkGraph
from talkgraph.graph.analytics.viz import OverviewLayout, lay_out_overview, overview_page
from talkgraph.graph.ingest import ingest
from talkgraph.graph.linking.vocabulary import load_vocabulary
from talkgraph.graph.rdf.store import EmbeddedStore
from talkgraph.ontology import FOCUSABLE, EntityClass
from tests.conftest import BUNDLED_NOTES, make_client

FOCI = ("eBPF", "Observability", "Kubernetes", "Prometheus", "Cilium")


class Counting:
    """A store whose SELECTs are counted."""

    def __init__(self, store):
        self.store, self.queries = store, 0

    def select(self, sparql):
        self.queries += 1
        return self.store.select(sparql)


def expected_evidence(store, focus: str, entities: list[str]) -> dict[str, list[tuple[str, list[str]]]]:
    """The evidence from every link and every sentence read at once (the view's whole-store reads)."""
    whole = TalkGraph.from_store(store)
    by_entity = whole._all_links()[1]
    sentences = whole._read_all_sentences()
    return {
        e: [
            (t, sentences.get((t, e), []))
            for t in sorted(by_entity.get(focus, set()) & by_entity.get(e, set()))[:EVIDENCE_TALKS]
        ]
        for e in entities
    }


@pytest.mark.parametrize("rare", [0, 2, 500])  # every entity common, some rare, every one rare (focus too)
def test_the_evidence_of_a_page_comes_in_four_queries(kubecon_store, monkeypatch, rare):
    monkeypatch.setattr(view_module, "RARE_TALKS", rare)
    for ref in FOCI:
        counting = Counting(kubecon_store)
        view = TalkGraph.from_store(counting)  # type: ignore[arg-type]
        focus = view.resolve(ref).iri
        entities = [c.entity.iri for c in view.cooccurring(focus)]
        assert entities, ref
        counting.queries = 0
        found = view.evidence_of(focus, entities)
        assert counting.queries <= 4, (ref, counting.queries)
        got = {e: [(ev.talk.iri, ev.sentences) for ev in evidence] for e, evidence in found.items()}
        assert got == expected_evidence(kubecon_store, focus, entities), ref


def test_ebpf_and_cilium_evidence_with_every_entity_common(kubecon_store, monkeypatch):
    monkeypatch.setattr(view_module, "RARE_TALKS", 0)
    view = TalkGraph.from_store(kubecon_store)
    ebpf, cilium = view.resolve("eBPF").iri, view.resolve("Cilium").iri
    [evidence] = view.evidence_of(ebpf, [cilium]).values()
    assert sorted(e.talk.label for e in evidence) == [
        "A High Schoolers Guide to Kubernetes Network Observability",
        "Beyond the buzzword: BPF’s Unexpected role in Kubernetes",
    ]
    assert all(e.sentences and all("cilium" in s.lower() for s in e.sentences) for e in evidence)


@pytest.fixture(scope="module")
def on_disk(tmp_path_factory, vocabulary):
    """The bundled notes in a store on disk, with the snapshot its readers open."""
    store = EmbeddedStore(tmp_path_factory.mktemp("background") / "store")
    ingest(store, [BUNDLED_NOTES], vocabulary)
    yield store
    store.close()


def test_the_background_process_computes_what_the_view_does(on_disk):
    snapshot = on_disk.snapshot()
    assert snapshot is not None and snapshot.parent.name == "store.readers"
    job = background.start(str(snapshot))
    laid_out = job.overview.result(timeout=120)
    view = TalkGraph.from_store(on_disk)
    here = lay_out_overview(view)
    assert isinstance(laid_out, OverviewLayout)
    assert laid_out == here and len(laid_out.nodes) == laid_out.total == 110
    assert job.communities.result() == [[n.iri for n in c] for c in view.communities()]
    assert job.nodes.result() == view._read_all_nodes()
    page = overview_page(view, laid_out=laid_out)
    assert page.network.nodes == overview_page(view).network.nodes
    assert page.network.edges == overview_page(view).network.edges


def test_the_counts_read_from_quads_are_the_stored_counts(on_disk, tmp_path):
    counts = background.read_counts(SnapshotReader(str(on_disk.snapshot())))
    stored = read_counts(on_disk)
    assert counts is not None and stored is not None
    assert counts == stored[0] and len(counts.pairs) == 986
    empty = EmbeddedStore(tmp_path / "empty")
    assert background.read_counts(SnapshotReader(str(empty.snapshot()))) is None
    empty.close()


def test_the_snapshot_reader_answers_like_the_store(on_disk):
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    reader = SnapshotReader(str(on_disk.snapshot()))
    assert reader.select(query)[0]["n"].value == on_disk.select(query)[0]["n"].value == str(len(on_disk.store))


def test_a_failed_background_process_is_reported_and_the_server_computes_instead(on_disk, tmp_path, monkeypatch):
    job = background.start(str(tmp_path / "no-such-snapshot"))
    for part in (job.communities, job.overview):
        with pytest.raises(BackgroundFailed, match=r"^the background analytics process failed: \S"):
            part.result(timeout=120)
    state = AppState(on_disk, Settings())
    monkeypatch.setattr(background, "start", lambda snapshot: job)
    assert [[n.iri for n in c] for c in state.communities()] == [
        [n.iri for n in c] for c in TalkGraph.from_store(on_disk).communities()
    ]
    assert state.overview_layout() is None


def test_the_server_over_a_store_on_disk_answers_as_in_memory(on_disk, kubecon_store):
    on_disk_client, in_memory = make_client(on_disk), make_client(kubecon_store)
    with on_disk_client:  # the app's start: the background process starts
        job = on_disk_client.app.state.talkgraph.start_background()
        assert job is not None
        for path in ("/api/communities", "/graph?format=json"):
            assert on_disk_client.get(path).json() == in_memory.get(path).json(), path
        assert job.overview.done() and job.communities.done()


def test_a_write_starts_the_background_again(on_disk):
    state = AppState(on_disk, Settings())
    first = state.start_background()
    assert first is not None and state.start_background() is first
    state.invalidate()  # what a write does
    second = state.start_background()
    assert second is not None and second is not first
    expected = [[n.iri for n in c] for c in TalkGraph.from_store(on_disk).communities()]
    assert second.communities.result(timeout=120) == expected
    state.stop_background()


def test_a_store_in_memory_has_no_background_process(kubecon_store):
    assert AppState(kubecon_store, Settings()).start_background() is None
    assert EmbeddedStore().snapshot() is None


def edges(graph) -> set[frozenset[str]]:
    return {frozenset(e) for e in graph.edges}


@pytest.mark.parametrize("radius", [1, 2])
def test_around_a_node_is_its_ego_graph_in_the_talk_graph(kubecon_store, radius):
    reading = TalkGraph.from_store(kubecon_store)  # reads a step at a time
    whole = TalkGraph.from_store(kubecon_store).talk_graph()
    talk = reading.resolve("Beyond the buzzword: BPF’s Unexpected role in Kubernetes").iri
    person = next(n for n in whole if reading.nodes[n].cls == "Person")
    for center in [reading.resolve(r).iri for r in ("Cilium", "eBPF", "Observability", "Kubernetes")] + [talk, person]:
        expected = nx.ego_graph(whole, center, radius=radius)
        got = reading.around(center, radius)
        assert set(got) == set(expected) and edges(got) == edges(expected), center
    assert "_talk_graph" not in reading.__dict__  # the whole talk graph was not built


def test_around_a_node_no_talk_names_is_the_node_alone(kubecon_store):
    view = TalkGraph.from_store(kubecon_store)
    unnamed = next(e for e in view.nodes.entities if view.talk_count(e) == 0)
    assert list(view.around(unnamed).nodes) == [unnamed] and view.around(unnamed).number_of_edges() == 0


def test_around_cilium_in_a_few_queries(kubecon_store):
    counting = Counting(kubecon_store)
    view = TalkGraph.from_store(counting)  # type: ignore[arg-type]
    cilium = view.resolve("Cilium").iri
    view.talk_count(cilium)
    counting.queries = 0
    graph = view.around(cilium)
    # the talks naming it, then what they name (the vocabulary neighbours' talk counts come from the counts: an
    # entity they leave out is named by no talk, so no person's talks are counted for it)
    assert counting.queries == 2
    counting.queries = 0
    assert view.around(cilium) is graph and counting.queries == 0  # kept for the view
    assert sorted(view.nodes[n].label for n in graph) == [
        "A High Schoolers Guide to Kubernetes Network Observability",
        "Beyond the buzzword: BPF’s Unexpected role in Kubernetes",
        "Cilium",
        "Networking",
        "Observability",
        "Security",
        "Service Mesh",
        "eBPF",
    ]


def test_talk_neighbours_are_those_of_the_talk_graph(kubecon_store):
    from talkgraph.graph.analytics.questions import Questions

    reading = Questions(TalkGraph.from_store(kubecon_store))
    whole_view = TalkGraph.from_store(kubecon_store)
    whole_view.talk_graph()  # read in full: around() is then the ego graph of it
    whole = Questions(whole_view)
    for ref in ("Cilium", "eBPF", "Kubernetes", "Beyond the buzzword: BPF’s Unexpected role in Kubernetes"):
        assert reading.neighbours(ref, "talk", 5) == whole.neighbours(ref, "talk", 5), ref
    assert "_talk_graph" not in reading.view.__dict__


@pytest.mark.parametrize("limit", [1, 3, 25])
def test_talk_neighbours_read_the_links_among_the_page_alone(kubecon_store, monkeypatch, limit):
    """A page of a popular node's talk-graph neighbours reads the links among the page's nodes, not among every
    neighbour (thousands of talks at scale), and counts the talks of no one but them: the answer is the one the
    whole talk graph gives."""
    from talkgraph.graph.analytics.questions import Questions

    whole_view = TalkGraph.from_store(kubecon_store)
    whole_view.talk_graph()
    whole = Questions(whole_view)
    for ref in ("Kubernetes", "Observability", "Beyond the buzzword: BPF’s Unexpected role in Kubernetes"):
        view = TalkGraph.from_store(kubecon_store)
        linked: list[int] = []
        real = view._talk_graph_links
        monkeypatch.setattr(
            view, "_talk_graph_links", lambda nodes, real=real, linked=linked: linked.append(len(nodes)) or real(nodes)
        )
        answer = Questions(view).neighbours(ref, "talk", limit)
        assert answer == whole.neighbours(ref, "talk", limit), ref
        assert linked == [min(limit, answer.total) + 1], ref
        assert "_uncounted_talks" not in view.__dict__  # every person's talks were not counted for the sort


@pytest.mark.parametrize("at_once", [2, 500])  # few people among the hits: counted alone; many: every person at once
def test_search_and_typeahead_count_the_talks_of_their_hits_alone(kubecon_store, monkeypatch, at_once):
    """The hits' talk counts (which rank them) come from aggregates over the hits' people, not from counting
    every person's talks; the answers are those of a view that counted every person first."""
    from talkgraph.graph.analytics.questions import Questions

    monkeypatch.setattr(view_module, "UNCOUNTED_AT_ONCE", at_once)
    counted_view = TalkGraph.from_store(kubecon_store)
    counted_view._uncounted_talks  # noqa: B018 - every person's talks counted: talk_count reads from it
    counted = Questions(counted_view)
    for query in ("kube", "li", "an", "ob"):
        view = TalkGraph.from_store(kubecon_store)
        view.nodes.values()  # every node read, as the server's start does
        asked = Questions(view)
        assert asked.search(query, 20) == counted.search(query, 20), query
        assert asked.suggest(query, 10) == counted.suggest(query, 10), query
        people = sum(1 for n in view.nodes.values() if n.cls == EntityClass.PERSON and query in n.label.casefold())
        assert ("_uncounted_talks" in view.__dict__) == (people > at_once), query
    assert any(hit.talks > 0 for hit in counted.search("li", 50).results if hit.node.cls == EntityClass.PERSON)


def test_a_focus_or_a_talk_title_is_found_without_going_through_every_node_once_all_are_read(
    kubecon_store, monkeypatch
):
    """Once every node is read (the server's start reads them), a co-occurrence focus is still looked for among the
    entities and a talk by its title: the same nodes as before they were read, not a pass over every label."""
    from talkgraph.graph.analytics.view import NodeIndex

    refs = [("eBPF", FOCUSABLE), ("observability", FOCUSABLE), ("prometheus", FOCUSABLE), ("cilium", ())]
    refs.append(("Beyond the buzzword: BPF’s Unexpected role in Kubernetes", (EntityClass.TALK,)))
    fresh = TalkGraph.from_store(kubecon_store)
    expected = [fresh.resolve(ref, classes) for ref, classes in refs]
    assert all(node is not None for node in expected)
    view = TalkGraph.from_store(kubecon_store)
    view.nodes.values()
    assert view.nodes.complete
    every = NodeIndex.values
    monkeypatch.setattr(NodeIndex, "values", lambda self: pytest.fail("went through every node"))
    assert [view.resolve(ref, classes) for ref, classes in refs[:3] + refs[4:]] == expected[:3] + expected[4:]
    monkeypatch.setattr(NodeIndex, "values", every)
    assert view.resolve("cilium") == expected[3]  # no class given: any node may be meant, every one is looked at


def test_a_view_a_write_replaced_is_freed_with_what_it_kept(kubecon_store):
    """Its kept answers live in the view: nothing keeps a replaced view (and all it read) alive."""
    import gc
    import weakref

    view = TalkGraph.from_store(kubecon_store)
    cilium = view.resolve("Cilium").iri
    view.around(cilium, radius=2)
    view.census()
    assert view.around(cilium, radius=2) is view.around(cilium, radius=2)  # kept: the same frozen graph
    gone = weakref.ref(view)
    del view
    gc.collect()
    assert gone() is None


def test_communities_found_before_a_write_leave_out_what_the_view_no_longer_holds(on_disk, monkeypatch):
    """The background process reads a snapshot: a node a later write took away is not looked up (no KeyError)."""
    state = AppState(on_disk, Settings())
    view = state.view
    known = [n.iri for n in view.communities()[0]][:2]
    gone = "https://w3id.org/talkgraph/id/tool/taken-away-since"
    monkeypatch.setattr(AppState, "_computed", lambda self, part: [[gone], [known[0], gone, known[1]]])
    assert [[n.iri for n in c] for c in state.communities()] == [known]


def test_a_write_stops_the_background_process_of_the_version_it_replaced(on_disk):
    background.kept_path(on_disk.path).unlink(missing_ok=True)  # else a start uses what an earlier test kept
    state = AppState(on_disk, Settings())
    job = state.start_background()
    assert job is not None and job.process is not None
    state.invalidate()  # what every write through the server does
    assert job.process.wait(timeout=30) is not None
    for part in (job.communities, job.overview):
        if not part.done() or part.exception() is not None:  # what it had sent before it was stopped stays
            with pytest.raises(BackgroundFailed):
                part.result(timeout=30)
    assert state.start_background() is not job  # the next use starts one for the store as it is now
    state.stop_background()


def test_a_background_process_that_does_not_answer_in_time_is_not_waited_for(on_disk, monkeypatch, caplog):
    background.kept_path(on_disk.path).unlink(missing_ok=True)  # else a start uses what an earlier test kept
    never: Future = Future()  # a process that never sends anything
    job = background.Background(never, Future())
    state = AppState(on_disk, Settings())
    state.BACKGROUND_WAIT = 0.05
    monkeypatch.setattr(background, "start", lambda snapshot: job)
    assert [[n.iri for n in c] for c in state.communities()] == [
        [n.iri for n in c] for c in TalkGraph.from_store(on_disk).communities()
    ]
    assert state.overview_layout() is None
    assert caplog.messages == ["the background analytics process did not answer in 0.05 s"] * 2
    assert not never.done()  # still its own: a later request takes its answer when it comes
    never.set_result([["https://w3id.org/talkgraph/id/tool/cilium"]])
    assert [[n.label for n in c] for c in state.communities()] == [["Cilium"]]


def test_every_node_read_from_the_snapshot_is_every_node_the_view_reads(on_disk):
    nodes = background.read_nodes(SnapshotReader(str(on_disk.snapshot())))
    assert nodes == TalkGraph.from_store(on_disk)._read_all_nodes()
    vocabulary = Counter(e.kind for e in load_vocabulary().entries.values())  # every entry is a node
    assert Counter(n.cls for n in nodes.values()) == {
        "Talk": 23,
        "Person": 6,
        "Event": 1,
        "Company": vocabulary["org"],
        "Tool": vocabulary["tool"],
        "Topic": vocabulary["topic"],
    }


def test_search_and_typeahead_take_every_node_from_the_background_process(on_disk, kubecon_store, monkeypatch):
    state = AppState(on_disk, Settings())
    job = state.start_background()
    assert job is not None
    job.nodes.result(timeout=120)
    in_memory = Questions(TalkGraph.from_store(kubecon_store), read_aliases(kubecon_store))

    def refused(self):
        raise AssertionError("the server read every node itself")

    monkeypatch.setattr(TalkGraph, "_read_all_nodes", refused)
    questions = state.questions
    for query in ("kube", "ebpf", "observ", "tha", "a"):
        assert questions.search(query) == in_memory.search(query), query
        assert questions.suggest(query) == in_memory.suggest(query), query
    assert questions.resolve("beyond the buzzword: bpf’s unexpected role in kubernetes").cls == "Talk"
    assert state.view.nodes.complete  # type: ignore[attr-defined]
    state.stop_background()


def test_every_node_of_a_view_a_write_replaced_is_not_taken_from_the_new_background(on_disk, monkeypatch):
    state = AppState(on_disk, Settings())
    old = state.view
    state.invalidate()  # what a write does: the background process is of the new version
    read = []
    monkeypatch.setattr(TalkGraph, "_read_all_nodes", lambda self: read.append(self) or {})
    assert dict(old.nodes.items()) == {} and read == [old]


def test_typeahead_folds_every_name_once_per_view_and_aliases(kubecon_store, monkeypatch):
    import talkgraph.graph.analytics.questions as questions_module

    view, aliases = TalkGraph.from_store(kubecon_store), read_aliases(kubecon_store)
    expected = Questions(TalkGraph.from_store(kubecon_store), aliases).suggest("kube")
    folded = []
    fold = questions_module.fold
    monkeypatch.setattr(questions_module, "fold", lambda text: folded.append(text) or fold(text))
    assert Questions(view, aliases).suggest("kube") == expected
    names = len(folded)
    assert names == len(view.nodes) + sum(len(a) for iri, a in aliases.items() if iri in view.nodes) + 1
    assert Questions(view, aliases).suggest("kube") == expected and len(folded) == names + 1  # the query alone
    assert Questions(view, aliases).suggest("k8s").results[0].node.label == "Kubernetes"  # its alias
    assert "Kubernetes" not in [s.node.label for s in Questions(view, {}).suggest("k8s").results]  # folded anew
    assert len(folded) == 2 * names - sum(len(a) for iri, a in aliases.items() if iri in view.nodes) + 2


def test_search_counts_no_talk_as_named_without_counting_every_person(kubecon_store):
    view = TalkGraph.from_store(kubecon_store)
    talks = [n for n in view.nodes.values() if n.cls == "Talk"]
    answer = Questions(view).search("buzzword")
    assert "_uncounted_talks" not in view.__dict__  # the people's counts were not read: only a talk matched
    assert [(h.node.label, h.talks) for h in answer.results] == [
        ("Beyond the buzzword: BPF’s Unexpected role in Kubernetes", 0)
    ]
    assert {view.talk_count(t.iri) for t in talks} == {0}  # what the view counts for them, reading the people


def test_a_co_occurrence_reads_neither_aliases_nor_facts(kubecon_store):
    state = AppState(kubecon_store, Settings())
    answer = state.questions.cooccurrence("eBPF", limit=3)
    assert [c.entity.label for c in answer.results] == [
        c.entity.label for c in Questions(TalkGraph.from_store(kubecon_store)).cooccurrence("eBPF", limit=3).results
    ]
    assert state._aliases is None and state._facts is None  # not read: a co-occurrence needs neither
    assert state.questions.suggest("k8s").results[0].node.label == "Kubernetes"  # an alias: read now
    assert state._aliases is not None and state._facts is None


def test_search_before_the_background_process_sent_every_node_reads_them_here_without_waiting(on_disk, monkeypatch):
    state = AppState(on_disk, Settings())
    state.BACKGROUND_WAIT = 600  # a wait would show as a hung test
    pending = background.Background(Future(), Future())  # the process is still laying out the overview
    monkeypatch.setattr(state, "start_background", lambda: pending)
    assert [hit.node.label for hit in state.questions.search("cilium").results][:1] == ["Cilium"]
    assert not pending.nodes.done()


def test_a_write_takes_the_background_process_away_with_the_view_in_one_step(on_disk):
    """Between the two, a request could build the new view and be given the old version's nodes."""
    state = AppState(on_disk, Settings())
    job = background.Background(Future(), Future())
    state.view  # noqa: B018
    state._background = job
    seen = []

    class Watching:
        def __init__(self, inner):
            self.inner = inner

        def __enter__(self):
            self.inner.acquire()

        def __exit__(self, *exc):
            seen.append((state._view, state._background))
            self.inner.release()

    state._lock = Watching(state._lock)  # type: ignore[assignment]
    state.invalidate()
    assert seen and all(found is None for view, found in seen if view is None)


def test_a_part_the_server_cannot_read_fails_instead_of_being_waited_for(on_disk, monkeypatch):
    def unreadable(iri, label, cls):
        raise ValueError("a node the server cannot build")

    monkeypatch.setattr(background, "Node", unreadable)
    job = background.start(str(on_disk.snapshot()))
    assert len(job.communities.result(timeout=120)) > 1
    with pytest.raises(BackgroundFailed, match="its answer could not be read"):
        job.nodes.result(timeout=120)


def test_without_aliases_the_typeahead_table_is_still_kept_and_search_never_reads_aliases(kubecon_store, monkeypatch):
    import talkgraph.graph.analytics.questions as questions_module

    view = TalkGraph.from_store(kubecon_store)
    folded = []
    fold = questions_module.fold
    monkeypatch.setattr(questions_module, "fold", lambda text: folded.append(text) or fold(text))
    first = Questions(view, None).suggest("kube")
    names = len(folded)
    assert Questions(view, None).suggest("kube") == first and len(folded) == names + 1  # the query alone

    def unread():
        raise AssertionError("search read the aliases")

    assert Questions(view, unread).search("kube").results[0].node.label == "Kubernetes"
