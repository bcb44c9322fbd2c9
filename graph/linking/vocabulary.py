"""The curated vocabulary: tools, projects, topics and organisations with their labels.

The vocabulary is data (SKOS Turtle under data/vocabulary/, plus the user's own
files in the data directory); this module only reads it into plain objects the
linker can index. Later files never override an entry an earlier, curated file
defined, so an import cannot rename a curated tool.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import tempfile
from dataclasses import dataclass, field, fields
from importlib import resources
from pathlib import Path

import platformdirs
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from talkgraph.ontology import TG

CACHE_FORMAT = 1  # bump when the pickled objects change shape in a way the Entry fields do not show
KIND_OF_TYPE = {
    TG.Tool: "tool",
    TG.Project: "tool",
    TG.Topic: "topic",
    TG.Company: "org",
    TG.Foundation: "org",
    TG.Organization: "org",
}


@dataclass
class Entry:
    iri: str
    label: str
    kind: str  # "tool", "topic" or "org"
    types: set[str] = field(default_factory=set)
    labels: list[str] = field(default_factory=list)  # prefLabel first, then altLabels and hiddenLabels
    match_case: bool = False
    ambiguous: bool = False
    cues: set[str] = field(default_factory=set)
    topics: set[str] = field(default_factory=set)
    organisations: set[str] = field(default_factory=set)
    curated: bool = True
    linkable: bool = True  # False: classifies other entries, never looked for in text
    unvetted: bool = False  # True: in no vocabulary file; linked on the notes' own evidence (graph/linking/unvetted.py)

    @property
    def is_project(self) -> bool:
        return str(TG.Project) in self.types

    @property
    def is_tool(self) -> bool:
        return str(TG.Tool) in self.types


@dataclass
class Vocabulary:
    entries: dict[str, Entry] = field(default_factory=dict)
    graph: Graph = field(default_factory=Graph)  # every triple read, for the store's vocabulary graph

    def of_kind(self, kind: str) -> list[Entry]:
        return [e for e in self.entries.values() if e.kind == kind]

    def add_graph(self, graph: Graph, curated: bool = True) -> int:
        """Add the entries of one vocabulary graph; returns how many were new."""
        added = 0
        for subject in sorted(set(graph.subjects(RDF.type, None)), key=str):
            if not isinstance(subject, URIRef) or str(subject) in self.entries:
                continue
            entry = _entry(graph, subject, curated)
            if entry is not None:
                self.entries[entry.iri] = entry
                added += 1
                for triple in graph.triples((subject, None, None)):
                    self.graph.add(triple)
        return added


def bundled_vocabulary_files() -> list[Path]:
    folder = resources.files("talkgraph.data").joinpath("vocabulary")
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".ttl"))


def load_vocabulary(extra: list[Path] | None = None, bundled: bool = True, cache_dir: Path | None = None) -> Vocabulary:
    """Bundled curated files first, then the user's files (overlays, imports) in order.

    Parsing the Turtle is most of a short CLI call, so the result is kept as a pickle in the user's cache
    folder (or `cache_dir`), named by the files' paths, sizes and modification times: editing, adding or
    removing a file gives a new name, and the old pickle is simply never read again."""
    paths = [*(bundled_vocabulary_files() if bundled else []), *(extra or [])]
    cache = _cache_file(paths, cache_dir or Path(platformdirs.user_cache_dir("talkgraph")))
    if cache is not None:
        with contextlib.suppress(Exception):  # a missing, unreadable, truncated or stale pickle is only a cache miss
            vocabulary = pickle.loads(cache.read_bytes())
            if isinstance(vocabulary, Vocabulary):
                return vocabulary
    vocabulary = _parse_vocabulary(paths)
    if cache is not None:
        _write_cache(cache, vocabulary)
    return vocabulary


def _parse_vocabulary(paths: list[Path]) -> Vocabulary:
    vocabulary = Vocabulary()
    for path in paths:
        graph = Graph()
        graph.parse(path, format="turtle")
        curated = not any(graph.triples((None, TG.curated, Literal(False))))
        vocabulary.add_graph(graph, curated=curated)
    return vocabulary


def _cache_file(paths: list[Path], folder: Path) -> Path | None:
    """The pickle's name: a digest of each file's path, size and mtime, and of the Entry fields (code changes)."""
    try:
        stats = [(str(Path(p).resolve()), os.stat(p).st_size, os.stat(p).st_mtime_ns) for p in paths]
    except OSError:
        return None  # a missing file: let the parser report it
    key = json.dumps([CACHE_FORMAT, [f.name for f in fields(Entry)], stats])
    return folder / f"vocabulary-{hashlib.sha256(key.encode()).hexdigest()[:32]}.pickle"


def _write_cache(cache: Path, vocabulary: Vocabulary) -> None:
    """Write atomically (a parallel run never reads half a file); a read-only cache folder is no error."""
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=cache.parent, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as out:
            pickle.dump(vocabulary, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, cache)
    except OSError:
        pass
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)  # gone after os.replace; left only by a failed write


def _entry(graph: Graph, subject: URIRef, curated: bool) -> Entry | None:
    types = {str(t) for t in graph.objects(subject, RDF.type)}
    kinds = {KIND_OF_TYPE[URIRef(t)] for t in types if URIRef(t) in KIND_OF_TYPE}
    pref = graph.value(subject, SKOS.prefLabel)
    if not kinds or pref is None:
        return None
    kind = "tool" if "tool" in kinds else ("topic" if "topic" in kinds else "org")
    labels = [
        str(pref),
        *sorted({str(o) for p in (SKOS.altLabel, SKOS.hiddenLabel) for o in graph.objects(subject, p)} - {str(pref)}),
    ]
    flag = lambda p: graph.value(subject, p) == Literal(True)  # noqa: E731 - a one-line reader
    return Entry(
        iri=str(subject),
        label=str(pref),
        kind=kind,
        types=types,
        labels=labels,
        match_case=flag(TG.matchCase),
        ambiguous=flag(TG.ambiguous),
        cues={str(c).lower() for c in graph.objects(subject, TG.cue)},
        topics={str(t) for t in graph.objects(subject, TG.inTopic)},
        organisations={str(o) for o in graph.objects(subject, TG.developedBy)},
        curated=curated and graph.value(subject, TG.curated) != Literal(False),
        linkable=graph.value(subject, TG.linkable) != Literal(False),
    )
