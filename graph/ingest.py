"""Notes files → the store: parse, link, build triples, replace each document's graph.

Every file is parsed and turned into quads before anything is written, so a
malformed file is reported and skipped without touching the store; each
document then replaces its own named graph in one transaction, together with
its share of the analytics (graph/analytics/derived.py): its talks' related
topics, and its counts added to the derived graph's by delta.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import BlankNode, CanonicalizationAlgorithm, Dataset, NamedNode, Quad, RdfFormat, parse
from rdflib import Graph

from talkgraph.graph.analytics.derived import Analytics
from talkgraph.graph.analytics.view import TalkGraph
from talkgraph.graph.linking.extract import Extraction, extract
from talkgraph.graph.linking.linker import Linker
from talkgraph.graph.linking.vocabulary import Vocabulary
from talkgraph.graph.notes.blocks import NotesError
from talkgraph.graph.notes.segment import parse_file
from talkgraph.graph.rdf.store import GraphStore
from talkgraph.graph.rdf.triples import extraction_quads, notes_graph
from talkgraph.ontology import ONTOLOGY_GRAPH, VOCABULARY_GRAPH, ontology_graph

NOTES_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
SKOLEM_PREFIX = "https://w3id.org/talkgraph/.well-known/genid/"
BATCH_QUADS = 200_000  # documents written in one transaction, at most (a larger document alone)


@dataclass
class IngestReport:
    documents: dict[str, int] = field(default_factory=dict)  # document name → talks
    errors: dict[str, str] = field(default_factory=dict)  # file → why it was skipped
    triples: int = 0


def notes_files(paths: Iterable[Path]) -> list[Path]:
    """Files as given, and the notes files inside folders (sorted, so runs are repeatable; READMEs skipped)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.suffix.lower() in NOTES_SUFFIXES
                    and p.is_file()
                    and not p.stem.upper().startswith(("README", "LICENSE", "CHANGELOG"))
                )
            )
        else:
            found.append(path)
    return found


def rdflib_quads(graph: Graph, name: str) -> list[Quad]:
    """An rdflib graph → pyoxigraph quads in one named graph.

    Blank nodes (the ontology's owl:unionOf lists) get canonical labels (RDFC-1.0) and then
    Skolem IRIs: a store gives every blank node of an update a fresh identity, so without
    this, loading the same ontology twice would not write the same quads.
    """
    target = NamedNode(str(name))
    triples = parse(graph.serialize(format="nt", encoding="utf-8"), format=RdfFormat.N_TRIPLES)
    dataset = Dataset(Quad(t.subject, t.predicate, t.object, target) for t in triples)
    dataset.canonicalize(CanonicalizationAlgorithm.RDFC_1_0)
    return [Quad(_skolem(q.subject), q.predicate, _skolem(q.object), target) for q in dataset]


def _skolem(term):
    return NamedNode(f"{SKOLEM_PREFIX}{term.value}") if isinstance(term, BlankNode) else term


def load_reference_graphs(store: GraphStore, vocabulary: Vocabulary) -> None:
    store.replace_graph(str(ONTOLOGY_GRAPH), rdflib_quads(ontology_graph(), str(ONTOLOGY_GRAPH)))
    store.replace_graph(str(VOCABULARY_GRAPH), rdflib_quads(vocabulary.graph, str(VOCABULARY_GRAPH)))


def refresh_analytics(store: GraphStore) -> TalkGraph:
    """Recount every document and rewrite all analytics (ingest itself updates them by delta)."""
    Analytics.open(store, rebuild=True)
    return TalkGraph.from_store(store)


def remove_document(store: GraphStore, graph: str) -> None:
    """Drop a notes document's graph and subtract its share of the analytics, in one transaction."""
    Analytics.open(store).remove_document(graph)


def ingest(
    store: GraphStore, paths: Iterable[Path], vocabulary: Vocabulary, progress: Callable[[Path], None] | None = None
) -> IngestReport:
    report = IngestReport()
    linker = Linker(vocabulary)
    prepared: list[tuple[Extraction, list[Quad]]] = []
    for path in notes_files(paths):
        try:
            extraction = extract(parse_file(path), linker)
        except NotesError as exc:
            report.errors[str(path)] = str(exc)
        else:
            prepared.append((extraction, extraction_quads(extraction)))
        if progress:
            progress(path)
    names = [e.document.name for e, _ in prepared]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        raise NotesError(f"two files share the document name {sorted(duplicates)[0]!r}; rename one of them")
    load_reference_graphs(store, vocabulary)
    analytics = Analytics.open(store)
    for batch in _batches(prepared):  # each batch one transaction with its analytics
        analytics.write_documents([(notes_graph(e.document.name).value, quads) for e, quads in batch])
        for extraction, quads in batch:
            report.documents[extraction.document.name] = len(extraction.talks)
            report.triples += len(quads)
    return report


def _batches(prepared: list[tuple[Extraction, list[Quad]]]) -> Iterable[list[tuple[Extraction, list[Quad]]]]:
    """Documents in groups of about BATCH_QUADS quads: small files share one analytics delta and one commit."""
    batch: list[tuple[Extraction, list[Quad]]] = []
    size = 0
    for item in prepared:
        if batch and size + len(item[1]) > BATCH_QUADS:
            yield batch
            batch, size = [], 0
        batch.append(item)
        size += len(item[1])
    if batch:
        yield batch
