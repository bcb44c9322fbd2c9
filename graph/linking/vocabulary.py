"""The curated vocabulary: tools, projects, topics and organisations with their labels.

The vocabulary is data (SKOS Turtle under data/vocabulary/, plus the user's own
files in the data directory); this module only reads it into plain objects the
linker can index. Later files never override an entry an earlier, curated file
defined, so an import cannot rename a curated tool.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from talkgraph.ontology import TG

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


def load_vocabulary(extra: list[Path] | None = None, bundled: bool = True) -> Vocabulary:
    """Bundled curated files first, then the user's files (overlays, imports) in order."""
    vocabulary = Vocabulary()
    for path in [*(bundled_vocabulary_files() if bundled else []), *(extra or [])]:
        graph = Graph()
        graph.parse(path, format="turtle")
        curated = not any(graph.triples((None, TG.curated, Literal(False))))
        vocabulary.add_graph(graph, curated=curated)
    return vocabulary


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
