"""Ingest holds at most PREPARED_BYTES of files read and linked before its first write: the others are read when
their batch is written, and the store ends the same; a file read later that cannot be read is reported alone.
New documents added as Quad objects give the quads the text of a SPARQL update gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from talkgraph.graph import ingest as ingest_module
from talkgraph.graph.analytics.derived import Analytics
from talkgraph.graph.analytics.stored import incomplete_writes
from talkgraph.graph.documents import stored_documents
from talkgraph.graph.ingest import ingest
from talkgraph.graph.rdf.store import EmbeddedStore
from tests.test_backends import canonical

TALKS = {
    "a.md": "## Tracing with eBPF\n\nCilium and Falco rely on eBPF. Prometheus scrapes the Cilium agent.\n",
    "b.md": "## Metrics at scale\n\nPrometheus and Thanos keep metrics for years; Grafana draws them.\n",
    "c.md": "## GitOps in practice\n\nArgo CD and Flux apply Helm charts; Prometheus alerts on drift.\n",
    "d.md": "## Observability pipelines\n\nOpenTelemetry sends traces to Jaeger; Prometheus keeps metrics.\n",
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    notes = tmp_path / "notes"
    notes.mkdir()
    for name, text in TALKS.items():
        (notes / name).write_text(text, encoding="utf-8")
    (notes / "broken.md").write_bytes(b"\x00\x81binary\x00" * 10)  # not UTF-8, NUL bytes, no BOM: refused
    return notes


def without_times(store: EmbeddedStore) -> list[str]:
    return canonical(store.quads())


def test_files_past_the_budget_are_read_when_written_and_the_store_is_the_same(folder, vocabulary, monkeypatch):
    everything = EmbeddedStore()
    whole = ingest(everything, [folder], vocabulary)
    monkeypatch.setattr(ingest_module, "PREPARED_BYTES", len(TALKS["a.md"].encode()))  # one file fits
    monkeypatch.setattr(ingest_module, "BATCH_QUADS", 1)  # one document per write
    prepared_at_write: list[int] = []
    calls: list[str] = []
    real_prepare, real_write = ingest_module._prepare, Analytics.write_prepared

    def prepare(source, linker, max_bytes):
        calls.append(source.given)
        return real_prepare(source, linker, max_bytes)

    def write(self, documents):
        prepared_at_write.append(len(calls))
        real_write(self, documents)

    monkeypatch.setattr(ingest_module, "_prepare", prepare)
    monkeypatch.setattr(Analytics, "write_prepared", write)
    store = EmbeddedStore()
    report = ingest(store, [folder], vocabulary)
    # a.md read before the first write; b, broken, c and d each when its turn comes (broken.md is refused then)
    assert prepared_at_write == [1, 2, 4, 5]
    assert calls == ["a.md", "b.md", "broken.md", "c.md", "d.md"]
    assert report.documents == whole.documents == {"a": 1, "b": 1, "c": 1, "d": 1}
    assert report.errors == whole.errors and list(report.errors) == ["broken.md"]
    assert report.triples == whole.triples
    assert without_times(store) == without_times(everything)
    assert incomplete_writes(store) == []


def test_a_file_read_later_that_fails_is_reported_and_the_others_are_written(folder, vocabulary, monkeypatch):
    monkeypatch.setattr(ingest_module, "PREPARED_BYTES", 0)  # every file read when written
    (folder / "c.md").write_bytes(b"\x00\x81not notes\x00")  # passes the size check; refused when read
    store = EmbeddedStore()
    report = ingest(store, [folder], vocabulary)
    assert sorted(report.errors) == ["broken.md", "c.md"]
    assert "looks binary" in report.errors["c.md"]
    assert {d.key: d.talks for d in stored_documents(store)} == {"a": 1, "b": 1, "d": 1}
    assert incomplete_writes(store) == []


def test_new_documents_added_natively_are_the_quads_an_update_writes(folder, vocabulary, monkeypatch):
    native = EmbeddedStore()
    ingest(native, [folder], vocabulary)
    monkeypatch.setattr(EmbeddedStore, "native_adds", False)  # every document as the text of one SPARQL update
    text = EmbeddedStore()
    ingest(text, [folder], vocabulary)
    assert len(native.quads()) > 500
    assert canonical(native.quads()) == canonical(text.quads())
