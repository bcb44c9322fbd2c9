"""The user's own vocabulary overlay: accept a candidate (or any name) as a tool, topic or organisation.

Entries go to <data-dir>/vocabulary/user.ttl, plain SKOS Turtle in the same
shape as the bundled files, so a person can also edit it by hand; the next
ingest links the new names.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from talkgraph.graph.errors import TalkgraphError
from talkgraph.graph.linking.vocabulary import Vocabulary, load_vocabulary
from talkgraph.ontology import ID, TG, slug

KIND_TYPES = {
    "tool": [TG.Tool],
    "project": [TG.Tool, TG.Project],
    "topic": [TG.Topic],
    "company": [TG.Company],
    "foundation": [TG.Foundation],
}
KIND_PATH = {"tool": "tool", "project": "tool", "topic": "topic", "company": "org", "foundation": "org"}


class CurationError(TalkgraphError, ValueError):
    """The entry cannot be added as asked (a message for people)."""

    status = 400


def overlay_path(data_dir: Path) -> Path:
    return data_dir / "vocabulary" / "user.ttl"


def user_vocabulary_files(data_dir: Path) -> list[Path]:
    """The user's curated overlays first, then imported vocabularies (which never override them)."""
    folder = data_dir / "vocabulary"
    if not folder.is_dir():
        return []
    return sorted(folder.glob("*.ttl"), key=lambda p: (p.name.startswith("imported-"), p.name))


def own_entries(data_dir: Path) -> set[str]:
    """The IRIs of the entries the user wrote (`vocab add`, overlays; not imports): what `talkgraph validate` checks
    whether or not the notes name them."""
    own = [path for path in user_vocabulary_files(data_dir) if not path.name.startswith("imported-")]
    return {str(s) for path in own for s in Graph().parse(path, format="turtle").subjects() if isinstance(s, URIRef)}


def vocabulary_for(data_dir: Path) -> Vocabulary:
    """The bundled vocabulary with this data directory's overlays and imports on top."""
    return load_vocabulary(user_vocabulary_files(data_dir))


def add_entry(
    data_dir: Path,
    vocabulary: Vocabulary,
    label: str,
    kind: str,
    aliases: Sequence[str] = (),
    topics: Sequence[str] = (),
    developers: Sequence[str] = (),
    match_case: bool = False,
    ambiguous: bool = False,
) -> str:
    """Add one entry to the user's overlay; returns its IRI."""
    label = label.strip()
    if kind not in KIND_TYPES:
        raise CurationError(f"kind must be one of {', '.join(KIND_TYPES)}")
    if not label:
        raise CurationError("the label is empty")
    taken = _labels(vocabulary)
    for name in [label, *aliases]:
        if name.lower() in taken:
            raise CurationError(f"{name!r} is already in the vocabulary as {taken[name.lower()]}")
    iri = URIRef(str(ID[f"{KIND_PATH[kind]}/{slug(label)}"]))
    graph = Graph()
    path = overlay_path(data_dir)
    if path.exists():
        graph.parse(path, format="turtle")
    graph.bind("tg", TG)
    graph.bind("skos", SKOS)
    for rdf_type in KIND_TYPES[kind]:
        graph.add((iri, RDF.type, rdf_type))
    graph.add((iri, SKOS.prefLabel, Literal(label)))
    for alias in aliases:
        graph.add((iri, SKOS.altLabel, Literal(alias)))
    for topic in topics:
        graph.add((iri, TG.inTopic, URIRef(_resolve(vocabulary, topic, "topic"))))
    for developer in developers:
        graph.add((iri, TG.developedBy, URIRef(_resolve(vocabulary, developer, "org"))))
    if match_case:
        graph.add((iri, TG.matchCase, Literal(True)))
    if ambiguous:
        graph.add((iri, TG.ambiguous, Literal(True)))
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".ttl.tmp")
    graph.serialize(tmp, format="turtle")
    tmp.replace(path)  # the overlay is never left half-written
    return str(iri)


def _labels(vocabulary: Vocabulary) -> dict[str, str]:
    return {label.lower(): entry.label for entry in vocabulary.entries.values() for label in entry.labels}


def _resolve(vocabulary: Vocabulary, name: str, kind: str) -> str:
    folded = name.lower()
    for entry in vocabulary.entries.values():
        if entry.kind == kind and (entry.iri == name or any(label.lower() == folded for label in entry.labels)):
            return entry.iri
    raise CurationError(f"no {kind} named {name!r} in the vocabulary")
