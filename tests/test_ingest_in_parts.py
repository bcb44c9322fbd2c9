"""A document too large for one transaction: written in parts, marked incomplete until its last part, and an
interrupted write (an exception, or the process killed) is never a document and is removed by the next open."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from talkgraph.graph import ingest as ingest_module
from talkgraph.graph.analytics import derived
from talkgraph.graph.analytics.derived import Analytics
from talkgraph.graph.analytics.stored import analytics_graph, incomplete_writes, read_counts
from talkgraph.graph.documents import stored_documents
from talkgraph.graph.ingest import ingest, remove_document
from talkgraph.graph.notes.files import DEFAULT_MAX_BYTES
from talkgraph.graph.notes.segment import parse_notes
from talkgraph.graph.rdf.store import EmbeddedStore, GraphStore
from talkgraph.graph.rdf.triples import notes_graph
from talkgraph.ontology import DERIVED_GRAPH, TG
from tests.test_backends import canonical

TALKS = (
    ("Tracing with eBPF", "Cilium and Falco rely on eBPF in the kernel. Prometheus scrapes the Cilium agent."),
    ("Metrics at scale", "Prometheus and Thanos keep metrics for years; Grafana draws them."),
    ("GitOps in practice", "Argo CD and Flux apply Helm charts; Prometheus alerts on drift."),
    ("Observability pipelines", "OpenTelemetry sends traces to Jaeger; Prometheus keeps metrics."),
)
PART_TALKS = 3  # so that a document of a dozen talks is written in four parts


def notes(copies: int, edition: str = "") -> str:
    """copies × the four talks, each copy's titles its own (`edition` makes a second version of the document)."""
    return "".join(f"## {title} {i}{edition}\n\n{body}\n\n" for i in range(copies) for title, body in TALKS)


def talks(text: str) -> int:
    return len(parse_notes(text, "notes.md").talks)


@pytest.fixture
def in_parts(monkeypatch):
    """Every file streamed, and a document of more than PART_TALKS talks written in parts; read in this process,
    so that store.add_quads sees every part (a forked child's parts go in as N-Quads: tests/test_ingest_forked.py)."""
    monkeypatch.setattr(ingest_module, "STREAM_BYTES", 0)
    monkeypatch.setattr(ingest_module, "FORK_LARGE", False)
    monkeypatch.setattr(ingest_module, "PART_TALKS", PART_TALKS)
    monkeypatch.setattr(derived, "PART_TALKS", PART_TALKS)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def analytics_text(store: GraphStore) -> dict[str, set[str]]:
    graphs = {g for g in store.graphs() if g == str(DERIVED_GRAPH) or "/graph/analytics/" in g}
    return {g: {f"{q.subject} {q.predicate} {q.object}" for q in store.quads(g)} for g in graphs}


def assert_analytics_equal_a_rebuild(store: GraphStore) -> None:
    kept = analytics_text(store)
    Analytics.open(store, rebuild=True)
    assert analytics_text(store) == kept


def test_a_document_in_parts_is_the_document_one_transaction_writes(any_store, tmp_path, vocabulary, monkeypatch):
    path = write(tmp_path, "big.md", notes(6))
    whole = EmbeddedStore()
    whole_report = ingest(whole, [path], vocabulary)
    monkeypatch.setattr(ingest_module, "STREAM_BYTES", 0)
    monkeypatch.setattr(ingest_module, "PART_TALKS", PART_TALKS)
    report = ingest(any_store, [path], vocabulary)
    assert report.documents == {"big": talks(notes(6))} and report.errors == {}
    assert talks(notes(6)) > 4 * PART_TALKS
    assert report.triples == whole_report.triples
    assert canonical(any_store.quads()) == canonical(whole.quads())
    assert incomplete_writes(any_store) == []


def test_replaced_and_removed_in_parts_the_analytics_equal_a_rebuild(tmp_path, vocabulary, in_parts):
    store = EmbeddedStore()
    ingest(store, [write(tmp_path, "small.md", notes(1))], vocabulary)
    ingest(store, [write(tmp_path, "big.md", notes(4))], vocabulary)
    assert_analytics_equal_a_rebuild(store)
    ingest(store, [write(tmp_path, "big.md", notes(5, " (again)"))], vocabulary)  # same source, new content
    assert {d.key: d.talks for d in stored_documents(store)} == {"small": talks(notes(1)), "big": talks(notes(5))}
    titles = {
        r["n"].value
        for r in store.select(
            f"SELECT ?n WHERE {{ ?t a <{TG.Talk}> ; <{TG.position}> ?p ; <https://schema.org/name> ?n }}"
        )
    }
    assert "Metrics at scale 3" not in titles and "Metrics at scale 3 (again)" in titles
    assert_analytics_equal_a_rebuild(store)
    remove_document(store, "big")
    assert {d.key for d in stored_documents(store)} == {"small"}
    assert notes_graph("big").value not in store.graphs()
    assert analytics_graph(notes_graph("big").value) not in store.graphs()
    assert read_counts(store)[0].talks == talks(notes(1))
    assert_analytics_equal_a_rebuild(store)


def test_readers_see_a_document_replaced_in_parts_only_once_it_is_whole(tmp_path, vocabulary, in_parts, monkeypatch):
    store = EmbeddedStore(tmp_path / "store")
    ingest(store, [write(tmp_path, "small.md", notes(1)), write(tmp_path, "big.md", notes(4))], vocabulary)
    count_talks = f"SELECT (COUNT(?t) AS ?n) WHERE {{ ?t a <{TG.Talk}> }}"

    def seen() -> int:  # what a SPARQL client sees: a query worker on the published snapshot
        result = store.execute(count_talks, "json", row_limit=10, timeout=30)
        return int(json.loads(result.body)["results"]["bindings"][0]["n"]["value"])

    before = talks(notes(1)) + talks(notes(4))
    assert seen() == before
    seen_between: list[int] = []
    add_quads = store.add_quads

    def add_and_look(quads):
        add_quads(quads)
        seen_between.append(seen())

    monkeypatch.setattr(store, "add_quads", add_and_look)
    ingest(store, [write(tmp_path, "big.md", notes(5, " (again)"))], vocabulary)
    assert len(seen_between) >= 5  # five parts of three talks (and their related topics) went in one by one
    assert set(seen_between) == {before}  # never the old version emptied, never the new one half written
    assert seen() == talks(notes(1)) + talks(notes(5))
    store.close()


class Interrupted(Exception):
    pass


@pytest.mark.parametrize("replacing", [False, True], ids=["new document", "replacing one"])
@pytest.mark.parametrize("cleanup", ["cleaned up", "cleanup fails"])
def test_a_write_that_fails_midway_is_no_document_and_its_parts_are_removed(
    tmp_path, vocabulary, in_parts, monkeypatch, replacing, cleanup
):
    store = EmbeddedStore()
    ingest(store, [write(tmp_path, "small.md", notes(1))], vocabulary)
    if replacing:
        ingest(store, [write(tmp_path, "big.md", notes(4))], vocabulary)
    real, calls = store.add_quads, []

    def fail_on_the_second_part(quads):
        calls.append(len(quads))
        if len(calls) == 2:
            raise Interrupted
        real(quads)

    def repair_fails(store):
        raise Interrupted

    monkeypatch.setattr(store, "add_quads", fail_on_the_second_part)
    if cleanup == "cleanup fails":  # the ingest's own removal of its parts (the store gone bad meanwhile)
        monkeypatch.setattr(ingest_module, "repair_incomplete_writes", repair_fails)
    with pytest.raises(Interrupted):
        ingest(store, [write(tmp_path, "big.md", notes(5, " (again)"))], vocabulary)
    monkeypatch.undo()
    big = notes_graph("big").value
    assert {d.key for d in stored_documents(store)} == {"small"}
    assert read_counts(store)[0].talks == talks(notes(1))
    if cleanup == "cleaned up":  # the failed ingest removed its part before readers were shown anything
        assert incomplete_writes(store) == [] and big not in store.graphs()
    else:  # a part was written, but it is no document, is not counted, and is marked for removal
        assert len(store.quads(big)) > 0
        assert incomplete_writes(store) == [big]
    # the next ingest (here of another file) opens the analytics: what was written is removed first
    ingest(store, [write(tmp_path, "other.md", notes(1, " (other)"))], vocabulary)
    assert incomplete_writes(store) == []
    assert big not in store.graphs() and analytics_graph(big) not in store.graphs()
    assert read_counts(store)[0].talks == 2 * talks(notes(1))
    assert_analytics_equal_a_rebuild(store)


KILLED_MIDWAY = """
import os, signal, sys
from pathlib import Path
from talkgraph.graph import ingest as ingest_module
from talkgraph.graph.analytics import derived
from talkgraph.graph.linking.vocabulary import load_vocabulary
from talkgraph.graph.rdf.store import EmbeddedStore

ingest_module.STREAM_BYTES = 0
ingest_module.FORK_LARGE = False
ingest_module.PART_TALKS = derived.PART_TALKS = {part_talks}
store = EmbeddedStore(Path(sys.argv[1]))
real, calls = store.add_quads, []

def killed_on_the_third_part(quads):
    calls.append(1)
    if len(calls) == 3:
        os.kill(os.getpid(), signal.SIGKILL)  # no exception handler, no flush, no close: as a power cut
    real(quads)

store.add_quads = killed_on_the_third_part
ingest_module.ingest(store, [Path(sys.argv[2])], load_vocabulary())
"""


def test_an_ingest_killed_midway_leaves_a_consistent_store(tmp_path, vocabulary, in_parts):
    path = tmp_path / "data" / "store"
    store = EmbeddedStore(path)
    ingest(store, [write(tmp_path, "small.md", notes(1))], vocabulary)
    before = analytics_text(store)
    store.close()
    script = textwrap.dedent(KILLED_MIDWAY.format(part_talks=PART_TALKS))
    killed = subprocess.run(
        [sys.executable, "-c", script, str(path), str(write(tmp_path, "big.md", notes(5)))],
        capture_output=True,
        timeout=300,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr.decode()[-2000:]
    store = EmbeddedStore(path)
    big = notes_graph("big").value
    assert len(store.quads(big)) > 0  # two parts reached the disk
    assert {d.key for d in stored_documents(store)} == {"small"}
    assert incomplete_writes(store) == [big]
    mark = f"<{DERIVED_GRAPH}> <{TG.incompleteWrite}> <{big}>"
    now = analytics_text(store)
    assert now.pop(analytics_graph(big))  # the parts' related topics: removed with them
    assert now == before | {str(DERIVED_GRAPH): before[str(DERIVED_GRAPH)] | {mark}}  # counts untouched
    Analytics.open(store)  # what the next ingest or remove does first
    assert incomplete_writes(store) == [] and big not in store.graphs()
    assert analytics_text(store) == before
    assert_analytics_equal_a_rebuild(store)
    ingest(store, [tmp_path / "big.md"], vocabulary)  # and the file goes in whole the next time
    assert {d.key: d.talks for d in stored_documents(store)} == {"small": talks(notes(1)), "big": talks(notes(5))}
    assert_analytics_equal_a_rebuild(store)
    store.close()


def test_a_file_over_the_default_limit_is_refused_before_anything_is_read(tmp_path, vocabulary):
    path = tmp_path / "huge.md"
    with path.open("wb") as f:
        f.truncate(DEFAULT_MAX_BYTES + 1)  # sparse: the size is all the check reads
    store = EmbeddedStore()
    report = ingest(store, [write(tmp_path, "small.md", notes(1)), path], vocabulary)
    assert DEFAULT_MAX_BYTES == 64_000_000
    assert report.errors == {
        "huge.md": f"{path} is 64,000,001 bytes, more than the limit of 64,000,000 bytes (raise --max-document-bytes)"
    }
    assert report.documents == {"small": talks(notes(1))}
