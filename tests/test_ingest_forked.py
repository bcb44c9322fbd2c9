"""Ingest with forked workers (`jobs` > 1): files are read, linked and built in other processes, written here in
order, and the store and the report are those of a serial run; an unreadable file read up front sends the run
back to the serial path before anything is written. The reference graphs are rewritten only when they changed."""

from __future__ import annotations

import os
import pickle
from collections import Counter
from pathlib import Path

import pytest

from talkgraph.graph import ingest as ingest_module
from talkgraph.graph.analytics.derived import PreparedDocument
from talkgraph.graph.analytics.links import Reference
from talkgraph.graph.analytics.stored import incomplete_writes
from talkgraph.graph.forked import forked_map
from talkgraph.graph.ingest import ingest, reference_quads
from talkgraph.graph.linking.extract import extract
from talkgraph.graph.linking.linker import Linker
from talkgraph.graph.notes.segment import parse_notes
from talkgraph.graph.rdf.store import EmbeddedStore
from talkgraph.graph.rdf.triples import extraction_quads
from talkgraph.ontology import ONTOLOGY_GRAPH, TG, VOCABULARY_GRAPH
from tests.conftest import BUNDLED_NOTES
from tests.test_backends import canonical
from tests.test_cli import export_lines, flat, ok, talkgraph
from tests.test_ingest_in_parts import (
    PART_TALKS,
    assert_analytics_equal_a_rebuild,
    in_parts,  # noqa: F401 - the fixture, found here by name
    notes,
    talks,
    write,
)
from tests.test_ingest_memory import TALKS

BROKEN = b"\x00\x81binary\x00" * 10  # not UTF-8, NUL bytes, no BOM: refused when read


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    found = tmp_path / "notes"
    found.mkdir()
    for name, text in TALKS.items():
        (found / name).write_text(text, encoding="utf-8")
    return found


def serial_and_forked(paths, vocabulary, **options):
    serial, forked = EmbeddedStore(), EmbeddedStore()
    report = ingest(serial, paths, vocabulary, jobs=1, **options)
    forked_report = ingest(forked, paths, vocabulary, jobs=2, **options)
    return (serial, report), (forked, forked_report)


def only_in_workers(monkeypatch) -> list[str]:
    """Files are prepared in forked workers only: preparing one in this process fails the test. The names of
    the files this process prepared (the serial fallback) are listed."""
    parent, here = os.getpid(), []
    real_prepare = ingest_module._prepare

    def prepare(source, linker, max_bytes):
        if os.getpid() == parent:
            here.append(source.given)
        return real_prepare(source, linker, max_bytes)

    monkeypatch.setattr(ingest_module, "_prepare", prepare)
    return here


def test_forked_workers_build_the_documents_and_the_store_is_the_serial_runs(folder, vocabulary, monkeypatch):
    monkeypatch.setattr(ingest_module, "PREPARED_BYTES", len(TALKS["a.md"].encode()) + 1)  # a.md up front
    monkeypatch.setattr(ingest_module, "BATCH_QUADS", 1)  # one document per write: the order shows
    here = only_in_workers(monkeypatch)
    (serial, report), (forked, forked_report) = serial_and_forked([folder], vocabulary)
    assert here == ["a.md", "b.md", "c.md", "d.md"]  # the serial run's; the forked run read none here
    assert forked_report == report
    assert list(forked_report.documents) == ["a", "b", "c", "d"]
    assert forked_report.documents == {"a": 1, "b": 1, "c": 1, "d": 1}
    assert canonical(forked.quads()) == canonical(serial.quads())
    assert incomplete_writes(forked) == []


def test_a_file_read_later_that_fails_is_reported_as_in_a_serial_run(folder, vocabulary, monkeypatch):
    monkeypatch.setattr(ingest_module, "PREPARED_BYTES", 0)  # every file read when written
    (folder / "c.md").write_bytes(BROKEN)
    here = only_in_workers(monkeypatch)
    (serial, report), (forked, forked_report) = serial_and_forked([folder], vocabulary)
    assert here == ["a.md", "b.md", "c.md", "d.md"]  # the serial run's; the forked run read none here
    assert forked_report == report
    assert list(forked_report.errors) == ["c.md"] and "looks binary" in forked_report.errors["c.md"]
    assert forked_report.documents == {"a": 1, "b": 1, "d": 1}
    assert canonical(forked.quads()) == canonical(serial.quads())


def test_an_unreadable_file_read_up_front_sends_the_run_back_to_serial(folder, vocabulary, monkeypatch):
    (folder / "b.md").write_bytes(BROKEN)
    (folder / "B.md").write_text(TALKS["b.md"], encoding="utf-8")  # would share b's key if b.md could be read
    here = only_in_workers(monkeypatch)
    (serial, report), (forked, forked_report) = serial_and_forked([folder], vocabulary)
    assert here == ["B.md", "a.md", "b.md", "c.md", "d.md"] * 2  # read here in both runs
    assert forked_report == report
    assert list(report.errors) == ["b.md"]
    assert report.documents == {"b": 1, "a": 1, "c": 1, "d": 1}  # B.md takes b's key: no disambiguator
    assert canonical(forked.quads()) == canonical(serial.quads())


def test_a_prepared_document_comes_back_from_a_worker_with_the_same_quads_and_counts(vocabulary):
    store = EmbeddedStore()
    store.add_quads(reference_quads(vocabulary)[str(VOCABULARY_GRAPH)])
    ref = Reference.from_store(store)
    document = parse_notes(BUNDLED_NOTES.read_text(encoding="utf-8"), name=BUNDLED_NOTES.name)
    quads = extraction_quads(extract(document, Linker(vocabulary)), "kubecon")
    document = PreparedDocument.of("https://example.org/graph", quads, ref)
    with forked_map(lambda d: d, [document], jobs=1) as results:
        (back,) = list(results)
    again = pickle.loads(pickle.dumps(document))
    for copy in (back, again):
        assert (copy.graph, copy.head, copy.body, copy.related) == (
            document.graph,
            document.head,
            document.body,
            document.related,
        )
        assert (copy.counts.talks, copy.counts.entities, copy.counts.pairs) == (23, *_counted(document))
    assert len(document.head) == 4 and len(document.related) > 1000


def _counted(document: PreparedDocument) -> tuple[Counter, Counter]:
    return document.counts.entities, document.counts.pairs


def test_forked_map_gives_results_in_order_and_raises_a_workers_error():
    with forked_map(lambda n: (n, os.getpid()), list(range(20)), jobs=2, ahead=3) as results:
        got = list(results)
    assert [n for n, _ in got] == list(range(20))
    assert os.getpid() not in {pid for _, pid in got}
    with pytest.raises(ZeroDivisionError), forked_map(lambda n: 1 // n, [2, 1, 0, 3], jobs=2) as results:
        assert [next(results), next(results)] == [0, 1]
        next(results)


def test_the_reference_graphs_are_rewritten_only_when_they_changed(vocabulary, monkeypatch):
    store = EmbeddedStore()
    written: list[str] = []
    real = EmbeddedStore.replace_graph

    def replace_graph(self, graph, quads):
        written.append(graph)
        real(self, graph, quads)

    monkeypatch.setattr(EmbeddedStore, "replace_graph", replace_graph)
    ingest_module.load_reference_graphs(store, vocabulary)
    assert written == []  # a new store: the quads added as they are
    expected = reference_quads(vocabulary)
    assert {g: set(store.quads(g)) for g in expected} == {g: set(q) for g, q in expected.items()}
    assert len(expected[str(ONTOLOGY_GRAPH)]) > 500 and len(expected[str(VOCABULARY_GRAPH)]) > 10_000
    before = canonical(store.quads())
    ingest_module.load_reference_graphs(store, vocabulary)
    assert written == []  # unchanged: nothing written
    one = store.quads(str(VOCABULARY_GRAPH))[0]
    store.update(f"DELETE DATA {{ GRAPH <{VOCABULARY_GRAPH}> {{ {one.subject} {one.predicate} {one.object} }} }}")
    store.update(f"INSERT DATA {{ GRAPH <{ONTOLOGY_GRAPH}> {{ <https://example.org/x> a <https://example.org/Y> }} }}")
    ingest_module.load_reference_graphs(store, vocabulary)
    assert written == [str(ONTOLOGY_GRAPH), str(VOCABULARY_GRAPH)]
    assert canonical(store.quads()) == before


@pytest.mark.usefixtures("in_parts")
def test_a_large_file_is_built_in_parts_by_one_forked_worker_and_written_as_a_serial_run_writes(
    tmp_path, vocabulary, monkeypatch
):
    path = write(tmp_path, "big.md", notes(6))
    parent, linked_here = os.getpid(), []
    real_extract_talk = ingest_module.extract_talk

    def extract_talk(talk, linker):
        if os.getpid() == parent:
            linked_here.append(talk.title)
        return real_extract_talk(talk, linker)

    monkeypatch.setattr(ingest_module, "extract_talk", extract_talk)
    serial, forked = EmbeddedStore(), EmbeddedStore()
    report = ingest(serial, [path], vocabulary, jobs=1)
    assert len(linked_here) == talks(notes(6)) > 4 * PART_TALKS
    forked_report = ingest(forked, [path], vocabulary, jobs=2)
    assert len(linked_here) == talks(notes(6))  # none more: the forked run linked every talk in its worker
    assert forked_report == report and report.documents == {"big": talks(notes(6))}
    assert canonical(forked.quads()) == canonical(serial.quads())
    assert incomplete_writes(forked) == []
    assert_analytics_equal_a_rebuild(forked)


def test_the_cli_ingests_with_forked_workers_when_asked_and_exports_the_serial_runs_store(folder, tmp_path):
    exported = {}
    for jobs in ("1", "2"):
        data_dir = tmp_path / f"data-{jobs}"
        result = ok("ingest", "--jobs", jobs, str(folder), data_dir=data_dir)
        assert "4 document graph(s)" in flat(result.stdout)
        exported[jobs] = [line for line in export_lines(data_dir) if str(TG.ingestedAt) not in line]
    assert len(exported["1"]) > 17_000
    assert exported["2"] == exported["1"]
    refused = talkgraph("ingest", "--jobs", "0", str(folder), data_dir=tmp_path / "data-0")
    assert (
        refused.exit_code == 2 and "--jobs" in refused.stderr and "greater than or equal to 1" in flat(refused.stderr)
    )
