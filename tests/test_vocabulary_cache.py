"""The parsed vocabulary is cached; a changed, added or removed file is parsed again."""

from __future__ import annotations

import os
from pathlib import Path

from rdflib import Graph

from talkgraph.graph.linking.vocabulary import load_vocabulary

TURTLE = """@prefix tg: <https://w3id.org/talkgraph/ns#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/talkgraph/id/tool/gizmo> a tg:Tool ; skos:prefLabel "%s" .
"""


def labels(vocabulary) -> list[str]:
    return sorted(e.label for e in vocabulary.entries.values())


def test_a_second_load_reads_the_cache_not_the_turtle(tmp_path, monkeypatch):
    ttl = tmp_path / "mine.ttl"
    ttl.write_text(TURTLE % "Gizmo", "utf-8")
    first = load_vocabulary([ttl], bundled=False, cache_dir=tmp_path / "cache")
    assert len(list((tmp_path / "cache").glob("vocabulary-*.pickle"))) == 1

    def no_parsing(*args, **kwargs):
        raise AssertionError("parsed again")

    monkeypatch.setattr(Graph, "parse", no_parsing)
    second = load_vocabulary([ttl], bundled=False, cache_dir=tmp_path / "cache")
    assert labels(second) == labels(first) == ["Gizmo"]
    assert len(second.graph) == len(first.graph) == 2


def test_a_changed_file_invalidates_the_cache(tmp_path):
    ttl = tmp_path / "mine.ttl"
    ttl.write_text(TURTLE % "Gizmo", "utf-8")
    assert labels(load_vocabulary([ttl], bundled=False, cache_dir=tmp_path / "cache")) == ["Gizmo"]
    ttl.write_text(TURTLE % "Gizmo Pro", "utf-8")
    stat = ttl.stat()
    os.utime(ttl, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # a later modification time
    assert labels(load_vocabulary([ttl], bundled=False, cache_dir=tmp_path / "cache")) == ["Gizmo Pro"]


def test_an_added_file_invalidates_the_cache(tmp_path):
    one, two = tmp_path / "one.ttl", tmp_path / "two.ttl"
    one.write_text(TURTLE % "Gizmo", "utf-8")
    two.write_text(TURTLE.replace("gizmo", "gadget") % "Gadget", "utf-8")
    assert labels(load_vocabulary([one], bundled=False, cache_dir=tmp_path / "c")) == ["Gizmo"]
    assert labels(load_vocabulary([one, two], bundled=False, cache_dir=tmp_path / "c")) == ["Gadget", "Gizmo"]


def test_a_corrupt_cache_is_a_miss(tmp_path):
    ttl = tmp_path / "mine.ttl"
    ttl.write_text(TURTLE % "Gizmo", "utf-8")
    load_vocabulary([ttl], bundled=False, cache_dir=tmp_path / "cache")
    for pickle_file in (tmp_path / "cache").glob("*.pickle"):
        pickle_file.write_bytes(b"not a pickle")
    assert labels(load_vocabulary([ttl], bundled=False, cache_dir=tmp_path / "cache")) == ["Gizmo"]


def test_a_cache_folder_this_user_may_not_read_is_only_a_miss(tmp_path, monkeypatch):
    """A home directory owned by another user (a service account, `sudo -u`) must not stop a CLI call."""
    ttl = tmp_path / "mine.ttl"
    ttl.write_text(TURTLE % "Gizmo", "utf-8")
    forbidden = tmp_path / "cache"
    real_stat, real_read = Path.stat, Path.read_bytes

    def refuse(method):
        def guarded(self, *args, **kwargs):
            if self.parent == forbidden:
                raise PermissionError(13, "Permission denied", str(self))
            return method(self, *args, **kwargs)

        return guarded

    monkeypatch.setattr(Path, "stat", refuse(real_stat))
    monkeypatch.setattr(Path, "read_bytes", refuse(real_read))
    assert labels(load_vocabulary([ttl], bundled=False, cache_dir=forbidden)) == ["Gizmo"]
