"""Analytics kept by delta: adding, replacing and removing documents gives what a rebuild from scratch gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from talkgraph.graph.analytics.derived import Analytics
from talkgraph.graph.analytics.stored import analytics_graph, incomplete_writes, read_counts
from talkgraph.graph.analytics.view import StoreIndex, TalkGraph
from talkgraph.graph.documents import stored_documents
from talkgraph.graph.ingest import ingest, refresh_analytics, remove_document
from talkgraph.graph.rdf.policy import SparqlRequestError
from talkgraph.graph.rdf.store import EmbeddedStore
from talkgraph.graph.rdf.triples import notes_graph
from talkgraph.ontology import DERIVED_GRAPH, ID, NOTES_GRAPH_PREFIX, sparql_prologue

NOTES = {
    "alpha.md": """
## Tracing with eBPF

Cilium and Falco rely on eBPF in the kernel. Prometheus scrapes the Cilium agent.

## Metrics at scale

Prometheus and Thanos keep metrics for years; Grafana draws them.
""",
    "beta.md": """
## Observability pipelines

OpenTelemetry sends traces to Jaeger; Prometheus keeps metrics for Observability.

## Secure runtimes

Falco watches syscalls with eBPF; Cilium enforces network policies.
""",
    "gamma.md": """
## GitOps in practice

Argo CD and Flux apply Helm charts; Prometheus alerts on drift.
""",
    "beta-v2.md": """
## Observability pipelines, again

OpenTelemetry and Jaeger for tracing; Grafana for dashboards.

## Packaging

Helm charts deployed by Flux, with Kyverno policies.
""",
}


def write(folder: Path, name: str, text: str | None = None) -> Path:
    path = folder / name
    path.write_text(NOTES[name] if text is None else text, encoding="utf-8")
    return path


def analytics_quads(store: EmbeddedStore) -> dict[str, set[str]]:
    """Every analytics graph's triples (the derived graph, each document's), as text."""
    graphs = {g for g in store.graphs() if g == str(DERIVED_GRAPH) or "/graph/analytics/" in g}
    return {g: {f"{q.subject} {q.predicate} {q.object}" for q in store.quads(g)} for g in graphs}


def answers(store: EmbeddedStore) -> dict:
    view = TalkGraph.from_store(store)
    entities = sorted(e for e in view.nodes if view.nodes[e].cls in ("Tool", "Project", "Topic"))
    talks = sorted(t for t, n in view.nodes.items() if n.cls == "Talk")
    return {
        "cooccurring": {
            e: [
                (c.entity.iri, c.weight, c.score, [(x.talk.iri, x.sentences) for x in c.evidence])
                for c in view.cooccurring(e)
            ]
            for e in entities
        },
        "related": {t: [(r.topic.iri, r.score, r.reasons) for r in view.related_topics(t)] for t in talks},
        "communities": [[n.iri for n in c] for c in view.communities()],
        "centrality": view.centrality(),
    }


@pytest.fixture
def folder(tmp_path) -> Path:
    return tmp_path


def test_add_replace_remove_equals_a_rebuild(folder, vocabulary):
    store = EmbeddedStore()
    for name in ("alpha.md", "beta.md", "gamma.md"):  # one by one: each is a delta on the last
        ingest(store, [write(folder, name)], vocabulary)
    first = analytics_quads(store)
    # B is replaced: same file name, new content
    ingest(store, [write(folder, "beta.md", NOTES["beta-v2.md"])], vocabulary)
    assert analytics_quads(store) != first
    remove_document(store, "gamma")

    fresh_folder = folder / "fresh"
    fresh_folder.mkdir()
    fresh = EmbeddedStore()
    ingest(fresh, [write(fresh_folder, "alpha.md"), write(fresh_folder, "beta.md", NOTES["beta-v2.md"])], vocabulary)
    refresh_analytics(fresh)  # from scratch: every document counted again

    assert analytics_quads(store) == analytics_quads(fresh)
    assert answers(store) == answers(fresh)
    assert NOTES_GRAPH_PREFIX + "gamma" not in store.graphs()
    assert analytics_graph(NOTES_GRAPH_PREFIX + "gamma") not in store.graphs()


def test_counts_after_the_steps_are_exact(folder, vocabulary):
    store = EmbeddedStore()
    ingest(store, [write(folder, "alpha.md"), write(folder, "beta.md")], vocabulary)
    counts, _ = read_counts(store)
    cilium, ebpf, prometheus = str(ID["tool/cilium"]), str(ID["topic/ebpf"]), str(ID["tool/prometheus"])
    assert counts.talks == 4
    assert counts.entities[cilium] == 2 and counts.entities[prometheus] == 3
    assert counts.pairs[(cilium, ebpf)] == 2
    remove_document(store, "beta")
    counts, _ = read_counts(store)
    assert counts.talks == 2 and counts.entities[cilium] == 1 and counts.pairs[(cilium, ebpf)] == 1
    rows = store.select(
        sparql_prologue()
        + f"SELECT ?w ?score WHERE {{ ?c a tg:CoOccurrence ; tg:source <{ebpf}> ; tg:target <{cilium}> ; "
        "tg:weight ?w ; tg:score ?score }"
    )
    assert [(int(r["w"].value), float(r["score"].value)) for r in rows] == [(1, 1.0)]  # one talk names each, and both


def test_a_failed_write_leaves_the_old_document_and_its_analytics(folder, vocabulary, monkeypatch):
    store = EmbeddedStore()
    ingest(store, [write(folder, "alpha.md"), write(folder, "beta.md")], vocabulary)
    before = {g: set(map(str, store.quads(g))) for g in store.graphs()}

    def crash(sparql: str) -> None:  # the process dies while the store applies the update: nothing is applied
        raise KeyboardInterrupt

    monkeypatch.setattr(store, "update", crash)
    with pytest.raises(KeyboardInterrupt):
        ingest(store, [write(folder, "beta.md", NOTES["beta-v2.md"])], vocabulary)
    monkeypatch.undo()
    assert {g: set(map(str, store.quads(g))) for g in store.graphs()} == before
    # and the next run carries on from consistent counts
    ingest(store, [write(folder, "beta.md", NOTES["beta-v2.md"])], vocabulary)
    fresh = EmbeddedStore()
    ingest(fresh, [write(folder, "alpha.md"), write(folder, "beta.md", NOTES["beta-v2.md"])], vocabulary)
    assert analytics_quads(store) == analytics_quads(fresh)


def refuse_derived_deletes(store: EmbeddedStore):
    """Make the store refuse any update that deletes from the derived graph (its text made invalid); returns
    the real update, to put back with `store.update = real`."""
    real = store.update

    def refuse_the_derived_part(sparql: str) -> None:
        real(sparql.replace(f"DELETE DATA {{ GRAPH <{DERIVED_GRAPH}>", "DELETE DATA { GRAPH <not an iri>"))

    store.update = refuse_the_derived_part  # type: ignore[method-assign]
    return real


def test_an_update_that_fails_in_the_store_changes_nothing(folder, vocabulary):
    """One SPARQL update holds a replaced document and its analytics: when the store refuses part of it, none is
    kept, and the counts the writer holds in memory are put back."""
    store = EmbeddedStore()
    ingest(store, [write(folder, "alpha.md")], vocabulary)
    before = {g: set(map(str, store.quads(g))) for g in store.graphs()}
    analytics = Analytics.open(store)
    real = refuse_derived_deletes(store)
    parsed = EmbeddedStore()
    ingest(parsed, [write(folder, "alpha.md", NOTES["beta.md"])], vocabulary)  # alpha's graph, beta's talks
    quads = parsed.quads(notes_graph("alpha").value)
    with pytest.raises(SparqlRequestError):
        analytics.write_document(notes_graph("alpha").value, quads)
    store.update = real
    assert {g: set(map(str, store.quads(g))) for g in store.graphs()} == before
    assert analytics.counts == read_counts(store)[0]  # the in-memory counts were put back too


def test_a_new_document_whose_last_transaction_fails_is_no_document_and_is_removed(folder, vocabulary):
    """A new document's talks go in before its tg:Notes node and counts (see Analytics.write_new_documents):
    when the store refuses that last transaction, what was written is removed at once where the store allows,
    else it stays marked (no document, not counted) and the next open removes it."""
    store = EmbeddedStore()
    ingest(store, [write(folder, "alpha.md")], vocabulary)
    before = {g: set(map(str, store.quads(g))) for g in store.graphs()}
    analytics = Analytics.open(store)
    real = refuse_derived_deletes(store)
    parsed = EmbeddedStore()
    ingest(parsed, [write(folder, "beta.md")], vocabulary)
    beta = notes_graph("beta").value
    with pytest.raises(SparqlRequestError):
        analytics.write_document(beta, parsed.quads(beta))
    store.update = real
    assert analytics.counts == read_counts(store)[0]  # the in-memory counts were put back
    assert [d.key for d in stored_documents(store)] == ["alpha"]
    # the talks were removed at once; the mark could not be (the store refused it too): the next open lifts it
    assert beta not in store.graphs() and analytics_graph(beta) not in store.graphs()
    assert incomplete_writes(store) == [beta]
    Analytics.open(store)
    assert {g: set(map(str, store.quads(g))) for g in store.graphs()} == before


def test_a_new_document_whose_talks_fail_to_go_in_leaves_the_store_as_it_was(folder, vocabulary, monkeypatch):
    store = EmbeddedStore()
    ingest(store, [write(folder, "alpha.md")], vocabulary)
    before = {g: set(map(str, store.quads(g))) for g in store.graphs()}
    real = store.add_quads

    def half_then_fail(quads):
        real(quads[: len(quads) // 2])
        raise OSError("disk full")

    monkeypatch.setattr(store, "add_quads", half_then_fail)
    with pytest.raises(OSError, match="disk full"):
        ingest(store, [write(folder, "beta.md")], vocabulary)
    assert {g: set(map(str, store.quads(g))) for g in store.graphs()} == before


def test_a_store_without_counts_is_rebuilt_when_opened(folder, vocabulary):
    store = EmbeddedStore()
    ingest(store, [write(folder, "alpha.md"), write(folder, "beta.md")], vocabulary)
    expected = analytics_quads(store)
    store.drop_graph(str(DERIVED_GRAPH))  # a store written before counts were kept
    view = TalkGraph.from_store(store)  # counted by SPARQL aggregates instead
    assert answers_of(view) == answers_of(TalkGraph.from_store(fresh_copy(folder, vocabulary)))
    Analytics.open(store)  # what every ingest and remove does first
    assert analytics_quads(store) == expected


def answers_of(view: TalkGraph) -> dict:
    return {
        e: [(c.entity.iri, c.weight, c.score) for c in view.cooccurring(e)]
        for e in sorted(view.nodes)
        if view.nodes[e].cls in ("Tool", "Topic")
    }


def fresh_copy(folder: Path, vocabulary) -> EmbeddedStore:
    store = EmbeddedStore()
    ingest(store, [folder / "alpha.md", folder / "beta.md"], vocabulary)
    return store


def test_documents_written_in_batches_give_the_same_analytics(folder, vocabulary, monkeypatch):
    files = [write(folder, name) for name in ("alpha.md", "beta.md", "gamma.md")]
    together = EmbeddedStore()
    ingest(together, files, vocabulary)  # one transaction for the three
    commits: list[str] = []
    apart = EmbeddedStore()
    real = apart.update
    monkeypatch.setattr(apart, "update", lambda sparql: (commits.append(sparql), real(sparql)))
    monkeypatch.setattr("talkgraph.graph.ingest.BATCH_QUADS", 1)  # each document its own transaction
    ingest(apart, files, vocabulary)
    assert sum(f"INSERT DATA {{ GRAPH <{NOTES_GRAPH_PREFIX}" in c for c in commits) == 3
    assert analytics_quads(apart) == analytics_quads(together)


def test_the_view_starts_from_counts_not_from_every_mention(folder, vocabulary, monkeypatch):
    store = EmbeddedStore()
    ingest(store, [write(folder, "alpha.md"), write(folder, "beta.md")], vocabulary)
    asked: list[str] = []
    real = store.select
    monkeypatch.setattr(store, "select", lambda sparql: (asked.append(sparql), real(sparql))[1])
    view = TalkGraph.from_store(store)
    assert not [q for q in asked if "tg:Mention" in q or "tg:mentions" in q]  # no talk → entity link read yet
    started = len(asked)
    cilium = next(c for c in view.cooccurring(str(ID["topic/ebpf"])) if c.entity.label == "Cilium")
    assert cilium.weight == 2  # weights and scores come from the counts: one query, the focus's pairs
    assert len(asked) == started + 1 and "tg:weight" in asked[-1] and "tg:Talk" not in asked[-1]
    before = len(asked)
    assert [e.talk.label for e in cilium.evidence] == ["Tracing with eBPF", "Secure runtimes"]  # by talk IRI
    assert len(asked) == before + 4  # the evidence: the rarer end's talks, which name both, titles, sentences


def test_a_store_index_read_in_full_asks_no_query_per_key():
    """Iterating values or items (as /api/stats does) reads everything once, then looks nothing up one by one."""
    asked: list[str] = []

    def one(key: str) -> set[str]:
        asked.append(key)
        return {f"{key}-entity"}

    index = StoreIndex(one, lambda: {"a": {"a-entity"}, "b": {"b-entity"}}, set)
    assert sorted(map(sorted, index.values())) == [["a-entity"], ["b-entity"]]
    assert dict(index.items()) == {"a": {"a-entity"}, "b": {"b-entity"}}
    assert index["a"] == {"a-entity"} and index["missing"] == set() and "missing" not in index
    assert asked == []


def test_a_new_document_goes_into_the_graph_it_is_written_to(folder, vocabulary):
    """write_document(graph, quads) puts the quads in graph whatever graph they name, as the text of an update
    does: the new documents' native path too."""
    parsed = EmbeddedStore()
    ingest(parsed, [write(folder, "beta.md")], vocabulary)
    quads = parsed.quads(notes_graph("beta").value)
    store = EmbeddedStore()
    ingest(store, [write(folder, "alpha.md")], vocabulary)
    copy = notes_graph("copy").value
    Analytics.open(store).write_document(copy, quads)
    assert notes_graph("beta").value not in store.graphs()
    assert len(store.quads(copy)) == len(quads)
    assert {d.key for d in stored_documents(store)} == {"alpha", "copy"}
    kept = analytics_quads(store)
    Analytics.open(store, rebuild=True)
    assert analytics_quads(store) == kept


def test_a_document_dropped_outside_ingest_leaves_no_analytics_behind_its_next_version(tmp_path, vocabulary):
    """A Graph Store DELETE drops the notes graph only; the next ingest of that key starts its analytics afresh."""
    notes = tmp_path / "widgets.md"
    notes.write_text("## Tracing at Widgets\n\nJaeger and OpenTelemetry trace every request.\n", encoding="utf-8")
    store = EmbeddedStore()
    ingest(store, [notes], vocabulary)
    graph = notes_graph("widgets").value
    store.drop_graph(graph)  # what DELETE /rdf-graphs?graph=… does
    notes.write_text("## Metrics at Widgets\n\nPrometheus scrapes and Grafana draws every dashboard.\n", "utf-8")
    ingest(store, [notes], vocabulary)
    fresh = EmbeddedStore()
    ingest(fresh, [notes], vocabulary)
    assert set(store.quads(analytics_graph(graph))) == set(fresh.quads(analytics_graph(graph)))
    assert set(fresh.quads(analytics_graph(graph)))  # the talk has related topics to compare
