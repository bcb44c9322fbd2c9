"""A large document written in parts lets go of what it no longer needs: its parsed document (the text, the blocks
outside any talk) before its first part is written, each part's talks once they are turned into quads, and each
written part before the next one is built. Checked by weak references at every write of a part, with the file read
in this process (FORK_LARGE off): a forked child runs the same code (graph/ingest.py's _LocalParts)."""

from __future__ import annotations

import gc
import weakref

from talkgraph.graph import ingest as ingest_module
from talkgraph.graph.analytics import derived
from talkgraph.graph.analytics.derived import PreparedDocument
from talkgraph.graph.ingest import ingest
from talkgraph.graph.rdf.store import EmbeddedStore
from tests.test_ingest_in_parts import PART_TALKS, notes, talks, write


def test_written_talks_parts_and_the_parsed_document_are_let_go_of(tmp_path, vocabulary, monkeypatch):
    monkeypatch.setattr(ingest_module, "STREAM_BYTES", 0)
    monkeypatch.setattr(ingest_module, "FORK_LARGE", False)
    monkeypatch.setattr(ingest_module, "PART_TALKS", PART_TALKS)
    monkeypatch.setattr(derived, "PART_TALKS", PART_TALKS)
    path = write(tmp_path, "big.md", notes(4))  # 12 talks: four parts of three
    documents: list[weakref.ref] = []
    talk_refs: list[weakref.ref] = []
    part_refs: list[weakref.ref] = []
    real_parse, real_read, real_of = ingest_module._parse, ingest_module._read_large, PreparedDocument.of

    def parse(source, max_bytes):
        text, document = real_parse(source, max_bytes)
        documents.append(weakref.ref(document))
        return text, document

    def read_large(*args):
        large = real_read(*args)
        talk_refs.extend(weakref.ref(talk) for talk in large.talks)
        return large

    alive_at_builds: list[int] = []  # written parts alive as each part is built

    def prepared_of(graph, quads, ref, *, part=False):
        gc.collect()
        alive_at_builds.append(sum(r() is not None for r in part_refs))
        prepared = real_of(graph, quads, ref, part=part)
        part_refs.append(weakref.ref(prepared))
        return prepared

    alive_at_writes: list[tuple[bool, int, int]] = []  # (document alive, talks alive, parts alive) at each part
    store = EmbeddedStore()
    real_add = store.add_quads

    def add_quads(quads):
        if part_refs:  # a part of the document (not the reference graphs)
            gc.collect()
            alive = (documents[0]() is not None, sum(r() is not None for r in talk_refs))
            alive_at_writes.append((*alive, sum(r() is not None for r in part_refs)))
        real_add(quads)

    monkeypatch.setattr(ingest_module, "_parse", parse)
    monkeypatch.setattr(ingest_module, "_read_large", read_large)
    monkeypatch.setattr(PreparedDocument, "of", staticmethod(prepared_of))
    monkeypatch.setattr(store, "add_quads", add_quads)
    report = ingest(store, [path], vocabulary)
    assert report.documents == {"big": 12} == {"big": talks(notes(4))}
    # at the k-th part's write: no parsed document, only the talks of the parts not yet built, only this part
    assert alive_at_builds == [0, 0, 0, 0]
    assert alive_at_writes == [(False, 9, 1), (False, 6, 1), (False, 3, 1), (False, 0, 1)]
