"""Extraction → RDF quads in the notes document's own named graph.

Every link a talk makes (tg:mentions, tg:hasTopic, tg:presentedBy) comes with
the tg:Mention nodes that support it: the sentence, the surface form and the
character offsets in the document, so any edge of the graph can be traced
back to the words that made it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePath

from pyoxigraph import Literal, NamedNode, Quad

from talkgraph import ontology
from talkgraph.graph.linking.candidates import Candidate
from talkgraph.graph.linking.extract import Extraction, TalkExtraction
from talkgraph.graph.notes.talks import NotesDocument
from talkgraph.ontology import ID, NOTES_GRAPH_PREFIX, XSD, slug


class _Terms:
    """A namespace whose terms are NamedNodes made once: rdflib's Namespace builds and checks a new URIRef on
    every access, which was a third of the time to turn a document into quads (benchmarks/ingest.py)."""

    def __init__(self, namespace):
        self._namespace = namespace

    def __getattr__(self, name: str) -> NamedNode:
        term = NamedNode(str(self._namespace[name]))
        setattr(self, name, term)
        return term

    __getitem__ = __getattr__


PROV, RDF, RDFS, SCHEMA, TG = (
    _Terms(n) for n in (ontology.PROV, ontology.RDF, ontology.RDFS, ontology.SCHEMA, ontology.TG)
)

KIND_IRIS = {
    "keynote": TG.Keynote,
    "talk": TG.RegularTalk,
    "tutorial": TG.Tutorial,
    "update": TG.ProjectUpdate,
    "panel": TG.Panel,
    "lightning": TG.LightningTalk,
}
_INTEGER = NamedNode(str(XSD.integer))
_FALSE = Literal("false", datatype=NamedNode(str(XSD.boolean)))


def n(iri) -> NamedNode:
    return iri if isinstance(iri, NamedNode) else NamedNode(str(iri))


_DATETIME = NamedNode(str(XSD.dateTime))
_ID = str(ID)


def _id(path: str) -> NamedNode:
    """An IRI under the id namespace, made without rdflib's URIRef (a fifth of the time per talk's quads)."""
    return NamedNode(_ID + path)


@lru_cache(maxsize=16_384)
def _cached_slug(label: str) -> str:
    return slug(label)  # vocabulary labels and speakers recur in every talk that names them


def document_key(source: str) -> str:
    """'2019/Day 1.md' → '2019-day-1', '日本.txt' → '日本': the document's part of every IRI it mints."""
    path = PurePath(source.replace("\\", "/"))
    parts = [p for p in path.parts if p not in ("/", ".", "..")]
    if parts:
        parts[-1] = PurePath(parts[-1]).stem
    return key_slug("/".join(parts))


def key_slug(text: str) -> str:
    """Letters and digits of any script stay as they are (IRIs hold Unicode), so names in other
    scripts stay readable and distinct; everything else, folder separators included, becomes a dash."""
    text = unicodedata.normalize("NFC", text).casefold()
    return re.sub(r"[\W_]+", "-", text).strip("-") or "x"


def notes_graph(key: str) -> NamedNode:
    return NamedNode(NOTES_GRAPH_PREFIX + key)


@dataclass(frozen=True)
class Source:
    """Where a document came from, recorded on its tg:Notes node."""

    path: str  # as given, relative to the folder ingested: never an absolute path that would show a home folder
    source_id: str  # hash of the absolute path: content-independent, tells two sources of one key apart
    encoding: str
    ingested_at: str  # xsd:dateTime, UTC


def source_quads(key: str, source: Source) -> list[Quad]:
    graph, notes = notes_graph(key), _id(f"notes/{key}")
    return [
        Quad(notes, n(TG.sourcePath), Literal(source.path), graph),
        Quad(notes, n(TG.sourceId), Literal(source.source_id), graph),
        Quad(notes, n(TG.encoding), Literal(source.encoding), graph),
        Quad(notes, n(TG.ingestedAt), Literal(source.ingested_at, datatype=_DATETIME), graph),
    ]


def event_name(title: str | None, name: str) -> str:
    """'Kubecon NA 2020 virtual – recap' → 'Kubecon NA 2020 virtual': the event, not the write-up."""
    text = title or PurePath(name).stem.replace("-", " ")
    return (
        re.sub(r"\s*[–—:|-]\s*(?:my\s+)?(?:recap|notes|summary|highlights|takeaways)\s*$", "", text, flags=re.I).strip()
        or text
    )


def extraction_quads(extraction: Extraction, key: str | None = None) -> list[Quad]:
    """The document's quads under `key` (by default derived from its file name)."""
    builder = DocumentQuads(extraction.document, key)
    out = builder.head()
    for item in extraction.talks:
        out += builder.talk(item)
    return out + builder.candidates(extraction.candidates)


class DocumentQuads:
    """One document's quads a talk at a time (a large document is written in parts): the head (its tg:Notes
    node and event), each talk with its mentions, then its candidates. It remembers the talks' IRIs, so
    candidates can name the talks they were seen in and a repeated title gets its own IRI. It keeps only what the
    head says of the document (its hash taken once), not the document: a large one's text and talks can go as
    they are written."""

    def __init__(self, document: NotesDocument, key: str | None = None):
        self.name, self.format, self.title, self.sha256 = (
            document.name,
            document.format,
            document.title,
            document.sha256,
        )
        self.key = key or document_key(document.name)
        self.graph = notes_graph(self.key)
        self.notes = _id(f"notes/{self.key}")
        self.event = _id(f"event/{self.key}")
        self._slugs: set[str] = set()
        self._talk_iris: dict[str, NamedNode] = {}

    def _adder(self, out: list[Quad]):
        graph, append = self.graph, out.append

        def add(s, p: NamedNode, o) -> None:  # p is a NamedNode already (_Terms): checking it was a quarter of the time
            append(Quad(s, p, o, graph))

        return add

    def head(self) -> list[Quad]:
        notes, event = self.notes, self.event
        out: list[Quad] = []
        add = self._adder(out)
        add(notes, RDF.type, n(TG.Notes))
        add(notes, SCHEMA.name, Literal(self.name))
        add(notes, TG.sha256, Literal(self.sha256))
        add(notes, TG["format"], Literal(self.format))
        add(event, RDF.type, n(TG.Event))
        add(event, SCHEMA.name, Literal(event_name(self.title, self.name)))
        add(event, PROV.wasDerivedFrom, notes)
        return out

    def talk(self, item: TalkExtraction) -> list[Quad]:
        out: list[Quad] = []
        talk_slug = _unique_slug(slug(item.talk.title)[:80], self._slugs)
        iri = self._talk_iris[item.talk.title] = _id(f"talk/{self.key}/{talk_slug}")
        _talk_quads(item, iri, self.event, self.notes, self.key, self._adder(out))
        return out

    def candidates(self, candidates: list[Candidate]) -> list[Quad]:
        out: list[Quad] = []
        add = self._adder(out)
        for candidate in candidates:
            iri = _id(f"candidate/{self.key}/{slug(candidate.label)}")
            add(iri, RDF.type, n(TG.Candidate))
            add(iri, RDFS.label, Literal(candidate.label))
            add(iri, TG.mentionCount, Literal(str(candidate.count), datatype=_INTEGER))
            add(iri, PROV.wasDerivedFrom, self.notes)
            for title in sorted(candidate.talks):
                add(iri, TG.candidateIn, self._talk_iris[title])
            for _, sentence in candidate.evidence[:5]:
                add(iri, TG.evidence, Literal(sentence))
        return out


def _talk_quads(item: TalkExtraction, talk: NamedNode, event: NamedNode, notes: NamedNode, key: str, add) -> None:
    t = item.talk
    add(talk, RDF.type, n(TG.Talk))
    add(talk, SCHEMA.name, Literal(t.title))
    add(talk, RDFS.label, Literal(t.title))
    add(talk, TG.partOf, event)
    add(talk, TG.kind, n(KIND_IRIS[t.kind]))
    add(talk, TG.position, Literal(str(t.position), datatype=_INTEGER))
    add(talk, PROV.wasDerivedFrom, notes)
    if t.day is not None:
        add(talk, TG.day, Literal(str(t.day), datatype=_INTEGER))
    for href in t.slides:
        if re.match(r"^https?://\S+$", href):
            add(talk, TG.slides, NamedNode(href))
    for person in item.speakers:
        iri = _id(f"person/{_cached_slug(person.name)}")
        add(talk, TG.presentedBy, iri)
        add(iri, RDF.type, n(TG.Person))
        add(iri, SCHEMA.name, Literal(person.name))
        if person.affiliation:
            org = _organisation(person.affiliation, item)
            add(iri, SCHEMA.affiliation, org)
            if not any(m.entry.label == person.affiliation for m in item.mentions):
                add(org, RDF.type, n(TG.Organization))
                add(org, SCHEMA.name, Literal(person.affiliation))
    described: set[str] = set()
    for mention in item.mentions:
        entity = NamedNode(mention.iri)
        add(talk, TG.hasTopic if mention.entry.kind == "topic" else TG.mentions, entity)
        node = _id(f"mention/{key}/{mention.start}-{_cached_slug(mention.entry.label)}")
        add(node, RDF.type, n(TG.Mention))
        add(node, TG.talk, talk)
        add(node, TG.entity, entity)
        add(node, TG.surfaceForm, Literal(mention.surface))
        add(node, TG.sentence, Literal(mention.sentence.text))
        add(node, TG.sentenceOffset, Literal(str(mention.sentence.start), datatype=_INTEGER))
        add(node, TG.offset, Literal(str(mention.start), datatype=_INTEGER))
        add(node, TG.endOffset, Literal(str(mention.end), datatype=_INTEGER))
        add(node, PROV.wasDerivedFrom, notes)
        if mention.reason:
            add(node, TG.linkReason, Literal(mention.reason))
        if mention.entry.unvetted and mention.iri not in described:  # in no vocabulary: the notes' graph says
            described.add(mention.iri)  # what it is (graph/linking/unvetted.py)
            add(entity, RDF.type, n(TG.Tool))
            add(entity, SCHEMA.name, Literal(mention.entry.label))
            add(entity, TG.curated, _FALSE)
    for topic in item.topics:
        add(talk, TG.hasTopic, NamedNode(topic.topic.iri))


def _organisation(label: str, item: TalkExtraction) -> NamedNode:
    for mention in item.mentions:
        if mention.entry.kind == "org" and mention.entry.label == label:
            return NamedNode(mention.iri)
    return _id(f"org/{slug(label)}")


def _unique_slug(candidate: str, used: set[str]) -> str:
    value, i = candidate, 2
    while value in used:
        value, i = f"{candidate}-{i}", i + 1
    used.add(value)
    return value
