"""Write a document and its share of the analytics in one transaction; remove it the same way.

A document's share is its talks' related topics (its own analytics graph, replaced whole) and its counts,
added to the derived graph's by delta: only the triples of the pairs and entities whose numbers change are
deleted and inserted, so the cost follows the document, not the corpus. Both go into one SPARQL update with
the document's graph, so a crash leaves the old document with the old analytics or the new with the new.

A document too large for one transaction (a transaction holds all it writes in memory, and costs more per quad
the larger it is) is written in parts instead: first a mark on the derived graph that its graph is incomplete
(with the old document's counts subtracted and its tg:Notes node dropped, in that same transaction), then its
talks a part at a time, and last, in one transaction, its tg:Notes node, its counts and the mark's removal.
A graph so marked is no document (`talkgraph documents` lists tg:Notes nodes) and is not counted; a crash
leaves the mark, and the next Analytics.open removes what was written before it counts anything.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, RdfFormat, serialize

from talkgraph.graph.analytics.links import Counts, DocumentLinks, Reference
from talkgraph.graph.analytics.stored import (
    ANALYTICS_GRAPH_PREFIX,
    Triple,
    aggregate_counts,
    all_triples,
    analytics_graph,
    entity_triples,
    header_triples,
    incomplete_mark,
    incomplete_writes,
    pair_triples,
    pair_values,
    read_counts,
)
from talkgraph.graph.analytics.view import Node, rank_related_topics
from talkgraph.graph.rdf.store import GraphStore
from talkgraph.ontology import DERIVED_GRAPH, ID, NOTES_GRAPH_PREFIX, RDF, TG, VOCABULARY_GRAPH, XSD, EntityClass, slug


def vocabulary_hash(store: GraphStore) -> str:
    """What the counts depend on besides the notes: a new vocabulary re-classifies entities, so it means a rebuild."""
    lines = sorted(f"{q.subject} {q.predicate} {q.object}" for q in store.quads(str(VOCABULARY_GRAPH)))
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def related_topic_triples(links: DocumentLinks, ref: Reference) -> list[Triple]:
    """Each talk's related topics with scores and reasons (tg:TopicRelation), from the document alone, as the
    text of N-Triples terms (for a SPARQL update)."""
    return [(str(q.subject), str(q.predicate), str(q.object)) for q in related_topic_quads(links, ref, DefaultGraph())]


def related_topic_quads(links: DocumentLinks, ref: Reference, graph: NamedNode | DefaultGraph) -> list[Quad]:
    """related_topic_triples as Quad objects in graph: written as they are, with no N-Quads text to parse."""
    nodes = _nodes(ref, ref.admitted)
    out: list[Quad] = []
    append = out.append
    for talk, title in links.titles.items():
        talk_slug = talk.rsplit("/talk/", 1)[-1]
        talk_node = NamedNode(talk)
        for related in rank_related_topics(
            Node(talk, title, EntityClass.TALK), links.named[talk], links.sentences, nodes, ref
        ):
            iri = NamedNode(f"{ID}topic-relation/{talk_slug}/{_slug(related.topic.label)}")
            topic = _named(related.topic.iri)
            append(Quad(iri, _TYPE, _TOPIC_RELATION, graph))
            append(Quad(iri, _RELATION_TALK, talk_node, graph))
            append(Quad(iri, _RELATION_TOPIC, topic, graph))
            append(Quad(iri, _SCORE, Literal(f"{related.score:.4f}", datatype=_DECIMAL), graph))
            append(Quad(iri, _EXPLICIT, _TRUE if related.explicit else _FALSE, graph))
            for reason in related.reasons:
                append(Quad(iri, _REASON, Literal(reason), graph))
            for tool in related.tools:
                append(Quad(iri, _VIA_TOOL, _named(tool.iri), graph))
            append(Quad(talk_node, _RELATED_TOPIC, topic, graph))
    return out


# made once: rdflib's Namespace builds and checks a new URIRef on every lookup
_TYPE, _TOPIC_RELATION, _RELATION_TALK = NamedNode(RDF.type), NamedNode(TG.TopicRelation), NamedNode(TG.relationTalk)
_RELATION_TOPIC, _SCORE, _EXPLICIT = NamedNode(TG.relationTopic), NamedNode(TG.score), NamedNode(TG.explicit)
_REASON, _VIA_TOOL, _RELATED_TOPIC = NamedNode(TG.reason), NamedNode(TG.viaTool), NamedNode(TG.relatedTopic)
_DECIMAL, _BOOLEAN = NamedNode(XSD.decimal), NamedNode(XSD.boolean)
_TRUE, _FALSE = Literal("true", datatype=_BOOLEAN), Literal("false", datatype=_BOOLEAN)


@lru_cache(maxsize=4096)
def _named(iri: str) -> NamedNode:
    """An entity's node, made once: the same topics and tools recur in every talk."""
    return NamedNode(iri)


@lru_cache(maxsize=8)
def _nodes(ref: Reference, admitted: int) -> dict[str, Node]:
    """The nodes of ref's entities, made once per reference and number of admissions: a reference that admitted
    a document's unvetted tools since (new ones, or another spelling that changes a label) is told apart by it."""
    return {iri: Node(iri, ref.labels[iri], cls, ref.curated(iri)) for iri, cls in ref.classes.items()}


@lru_cache(maxsize=4096)
def _slug(label: str) -> str:
    return slug(label)


def _data(graph: str, triples: Iterable[Triple] | str) -> str:
    body = triples if isinstance(triples, str) else "\n".join(" ".join(t) + " ." for t in triples)
    return f"GRAPH <{graph}> {{\n{body}\n}}"


def _quads_text(quads: Iterable[Quad]) -> str:
    return "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)


@dataclass
class PreparedDocument:
    """One document ready to be written: its quads (those of its tg:Notes node apart: written last, they make it
    a document), and its share of the analytics (its counts, its talks' related topics as quads of its analytics
    graph), worked out once, where the document is built."""

    graph: str
    head: list[Quad]
    body: list[Quad]
    counts: Counts
    related: list[Quad]
    admitted: dict[str, str] = field(default_factory=dict)  # the unvetted tools it admitted to the reference

    @classmethod
    def of(cls, graph: str, quads: list[Quad], ref: Reference, *, part: bool = False) -> PreparedDocument:
        """A whole document's quads, or (`part`) one part's of a document written in parts: talks only, in graph
        already, nothing to split off."""
        links = DocumentLinks.from_quads(quads)
        for iri, name in links.unvetted.items():  # before anything reads ref: counted as a rebuild would count them
            ref.admit(iri, name)
        head, body = ([], quads) if part else _split_notes_node(quads, graph)
        related = related_topic_quads(links, ref, NamedNode(analytics_graph(graph)))
        return cls(graph, head, body, Counts.of_document(links, ref), related, dict(links.unvetted))

    def write_part(self, store: GraphStore) -> None:
        """Write it as one part of a document written in parts: its quads and its related topics."""
        store.add_quads(self.body + self.related)

    @property
    def quads(self) -> list[Quad]:
        return self.head + self.body

    @property
    def size(self) -> int:
        return len(self.head) + len(self.body)


@dataclass
class SentParts:
    """Parts of a document written in parts, prepared in another process (graph/ingest.py reads a large file in a
    forked child) and written there to a file of N-Quads text, which the store's loader reads (no Quad objects
    are made here; one load of many parts costs RocksDB about a quarter less than a load per part). With them
    their counts, and the unvetted tools each part admitted there, admitted here in the same order (see receive),
    so this process's reference is the one the parts were counted with."""

    path: Path
    counts: Counts = field(default_factory=Counts)
    admitted: list[dict[str, str]] = field(default_factory=list)  # per part, in order
    size: int = 0  # their quads, related topics aside
    quads: int = 0  # the quads in the file, related topics included

    def add(self, part: PreparedDocument) -> None:
        """Append a part: its quads to the file, its counts to theirs."""
        quads = part.body + part.related
        with self.path.open("ab") as out:
            serialize(quads, out, format=RdfFormat.N_QUADS)
        self.counts.add(part.counts)
        self.admitted.append(part.admitted)
        self.size += part.size
        self.quads += len(quads)

    def receive(self, ref: Reference) -> SentParts:
        for admitted in self.admitted:
            for iri, name in admitted.items():
                ref.admit(iri, name)
        return self

    def write_part(self, store: GraphStore) -> None:
        try:
            store.add_nquads(self.path)
        finally:
            self.path.unlink(missing_ok=True)


class Analytics:
    """The derived analytics of one store, kept in step with its documents.

    Open it once per ingest (it reads the vocabulary and the counts: bounded by the vocabulary), then write or
    remove documents through it. A store whose counts are missing or were made with another vocabulary is
    rebuilt from its documents when opened."""

    def __init__(self, store: GraphStore, ref: Reference, counts: Counts, vocabulary: str):
        self.store, self.ref, self.counts, self.vocabulary = store, ref, counts, vocabulary
        self.neighbours = counts.neighbours()

    @classmethod
    def open(cls, store: GraphStore, rebuild: bool = False) -> Analytics:
        repair_incomplete_writes(store)
        ref, vocabulary = Reference.from_store(store), vocabulary_hash(store)
        stored = None if rebuild else read_counts(store)
        if stored is not None and stored[1] == vocabulary:
            return cls(store, ref, stored[0], vocabulary)
        analytics = cls(store, ref, Counts(), vocabulary)
        analytics.rebuild()
        return analytics

    def write_document(self, graph: str, quads: list[Quad]) -> None:
        """Make graph hold exactly these quads, with the analytics that follow, in one transaction."""
        self.write_documents([(graph, quads)])

    def write_documents(self, documents: list[tuple[str, list[Quad]]]) -> None:
        """Several documents (graph, quads) with their analytics in one transaction: see write_prepared."""
        self.write_prepared([PreparedDocument.of(graph, quads, self.ref) for graph, quads in documents])

    def write_prepared(self, documents: list[PreparedDocument]) -> None:
        """Several documents with their analytics in one transaction: one delta of the derived graph for all of
        them, so many small files cost one pass over the scores, not one each. New documents go in natively
        where the store allows it (see write_new_documents)."""
        new: list[PreparedDocument] = []
        if self.store.native_adds:
            new = [d for d in documents if not self.store.has_graph(d.graph)]
            documents = [d for d in documents if self.store.has_graph(d.graph)]
        if new:
            self.write_new_documents(new)
        if not documents:
            return
        removed, added, changes = Counts(), Counts(), []
        for document in documents:
            removed.add(Counts.of_document(DocumentLinks.from_store(self.store, document.graph), self.ref))
            added.add(document.counts)
            changes.append((document.graph, _quads_text(document.quads), document.related))
        self._commit(changes, removed, added)

    def write_new_documents(self, documents: list[PreparedDocument]) -> None:
        """Documents whose graphs the store does not hold, written as a document in parts is: marked incomplete,
        their quads and related topics added as Quad objects (the store's bulk loader for many: several times
        cheaper than the text of a SPARQL update), then in one transaction their tg:Notes nodes (what makes
        each a document), their counts and the marks' removal. There is no old version to keep in view meanwhile;
        a crash leaves marked graphs, which are not counted and which the next open removes."""
        marks = [incomplete_mark(d.graph) for d in documents]
        added = Counts()
        body: list[Quad] = []
        heads: list[str] = []
        for document in documents:
            added.add(document.counts)
            body += document.body
            body += document.related
            heads.append(_data(document.graph, _quads_text(document.head)))
        # an analytics graph left by a notes graph dropped outside ingest (Graph Store DELETE) goes with the marks
        stale = [f"DROP SILENT GRAPH <{analytics_graph(d.graph)}>" for d in documents]
        self.store.update_together([f"INSERT DATA {{ {_data(str(DERIVED_GRAPH), marks)} }}", *stale])
        try:
            self.store.add_quads(body)
            heads_and_marks = [
                f"INSERT DATA {{ {' '.join(heads)} }}",
                f"DELETE DATA {{ {_data(str(DERIVED_GRAPH), marks)} }}",
            ]
            self._add_counts_with(heads_and_marks, added)
        except Exception:
            _abandon(self.store, [d.graph for d in documents])
            raise

    def remove_document(self, graph: str) -> None:
        """Drop a document's graph and subtract its share of the analytics, in one transaction (a large one:
        marked incomplete and subtracted in one, then emptied in parts)."""
        if talks_in(self.store, graph) > PART_TALKS:
            self._mark_incomplete(graph)
            finish_incomplete(self.store, graph)
            return
        old = DocumentLinks.from_store(self.store, graph)
        self._commit([(graph, None, None)], Counts.of_document(old, self.ref), Counts())

    def write_in_parts(
        self, graph: str, parts: Iterable[PreparedDocument | SentParts], last: Callable[[], list[Quad]]
    ) -> None:
        """Make graph hold the parts' quads and then last()'s (its tg:Notes node: what makes it a document),
        for a document too large for one transaction. parts are whole talks each (a talk's quads and its
        mentions'), so each part's related topics and counts follow from it alone; only the counts, bounded
        by the vocabulary, are kept until the end."""
        self._mark_incomplete(graph)
        added = Counts()
        for part in parts:
            added.add(part.counts)
            part.write_part(self.store)
            del part  # not held while the next part is built
        final = last()
        head_and_mark = [
            f"INSERT DATA {{ {_data(graph, _quads_text(final))} }}",
            f"DELETE DATA {{ {_data(str(DERIVED_GRAPH), [incomplete_mark(graph)])} }}",
        ]
        self._add_counts_with(head_and_mark, added)

    def _add_counts_with(self, updates: list[str], added: Counts) -> None:
        """The updates that complete documents written in parts, and the derived graph's delta for their counts,
        in one transaction: the documents and their counts appear together. The counts kept in memory are
        put back if it fails."""
        delete, insert = self._delta(Counts(), added)
        try:
            self.store.update_together(updates + self._derived_updates(delete, insert))
        except BaseException:
            self._delta(added, Counts())
            raise

    def _mark_incomplete(self, graph: str) -> None:
        """One transaction: graph marked incomplete, and the document it held (if any) subtracted from the
        counts, its tg:Notes node and analytics graph dropped. Its other quads are removed in parts after."""
        removed = aggregate_counts(self.store, self.ref, graph) if self.store.has_graph(graph) else Counts()
        delete, insert = self._delta(removed, Counts())
        parts = [
            f"INSERT DATA {{ {_data(str(DERIVED_GRAPH), [incomplete_mark(graph)])} }}",
            f"DROP SILENT GRAPH <{analytics_graph(graph)}>",
            f"DELETE WHERE {{ GRAPH <{graph}> {{ ?notes a <{TG.Notes}> ; ?p ?o }} }}",
            *self._derived_updates(delete, insert),
        ]
        try:
            self.store.update_together(parts)
        except BaseException:
            self._delta(Counts(), removed)
            raise
        self.store.drop_graph_in_parts(graph)

    def rebuild(self) -> None:
        """Count every document again and rewrite all analytics graphs (a new vocabulary, or a store without
        counts): the one step whose cost follows the corpus."""
        self.ref = Reference.from_store(self.store)
        self.counts = Counts()
        graphs = self.store.graphs()
        documents = sorted(g for g in graphs if g.startswith(NOTES_GRAPH_PREFIX))
        for graph in documents:  # one document at a time: the derived graph's hash, written last, marks the end
            target = analytics_graph(graph)
            if talks_in(self.store, graph) > PART_TALKS:  # read and rewritten a part of its talks at a time
                self.store.drop_graph_in_parts(target)
                for links in stored_parts(self.store, graph):
                    self.counts.add(Counts.of_document(links, self.ref))
                    self.store.add_quads(related_topic_quads(links, self.ref, NamedNode(target)))
                continue
            links = DocumentLinks.from_store(self.store, graph)
            self.counts.add(Counts.of_document(links, self.ref))
            self.store.update_together(
                [
                    f"DROP SILENT GRAPH <{target}>",
                    f"INSERT DATA {{ {_data(target, related_topic_triples(links, self.ref))} }}",
                ]
            )
        self.neighbours = self.counts.neighbours()
        kept = {analytics_graph(g) for g in documents}
        parts = [f"DROP SILENT GRAPH <{g}>" for g in graphs if g.startswith(ANALYTICS_GRAPH_PREFIX) and g not in kept]
        parts.append(f"DROP SILENT GRAPH <{DERIVED_GRAPH}>")
        parts.append(
            f"INSERT DATA {{ {_data(str(DERIVED_GRAPH), all_triples(self.counts, self.ref, self.vocabulary))} }}"
        )
        self.store.update_together(parts)

    def _delta(self, removed: Counts, added: Counts) -> tuple[list[Triple], list[Triple]]:
        """Apply a document's change to the counts; the derived triples that go, and those that come."""
        changed_pairs = set(removed.pairs) | set(added.pairs)
        touched = set(removed.entities) | set(added.entities)
        changed = {e for e in touched if removed.entities.get(e, 0) != added.entities.get(e, 0)}
        pairs = set(changed_pairs)
        for entity in changed:  # a scored pair's score follows both ends' talk counts
            pairs.update((entity, n) if entity < n else (n, entity) for n in self.neighbours.get(entity, ()))
        classes = self.ref.classes
        before = {p: pair_values(p, self.counts, classes) for p in pairs}
        talks_before = {e: self.counts.entities.get(e, 0) for e in changed}
        old_header = header_triples(self.counts, self.vocabulary)
        self.counts.add(removed, -1)
        self.counts.add(added)
        for a, b in changed_pairs:
            if (a, b) in self.counts.pairs:
                self.neighbours.setdefault(a, set()).add(b)
                self.neighbours.setdefault(b, set()).add(a)
            else:
                self.neighbours.get(a, set()).discard(b)
                self.neighbours.get(b, set()).discard(a)
        old, new = set(old_header), set(header_triples(self.counts, self.vocabulary))
        for pair in pairs:
            now = pair_values(pair, self.counts, classes)
            if now != before[pair]:  # most pairs of a large store keep their rounded score
                old.update(pair_triples(pair, before[pair], classes))
                new.update(pair_triples(pair, now, classes))
        for entity, n in talks_before.items():
            if self.counts.entities.get(entity, 0) != n:
                old.update(entity_triples(entity, Counts(entities=Counter({entity: n}))))
                new.update(entity_triples(entity, self.counts))
        return sorted(old - new), sorted(new - old)

    def _commit(
        self, changes: Sequence[tuple[str, str | None, list[Quad] | None]], removed: Counts, added: Counts
    ) -> None:
        """One SPARQL update: each (graph, its quads as text or None to drop it, its related topics), then the
        derived graph's delta."""
        delete, insert = self._delta(removed, added)
        parts = []
        for graph, document, related in changes:
            parts += [f"DROP SILENT GRAPH <{graph}>", f"DROP SILENT GRAPH <{analytics_graph(graph)}>"]
            if document:
                parts.append(f"INSERT DATA {{ {_data(graph, document)} }}")
            if related:
                parts.append(f"INSERT DATA {{ {_data(analytics_graph(graph), _quads_text(related))} }}")
        parts += self._derived_updates(delete, insert)
        try:
            self.store.update_together(parts)
        except BaseException:
            self._delta(added, removed)  # the store kept the old documents: so do the counts
            raise

    @staticmethod
    def _derived_updates(delete: list[Triple], insert: list[Triple]) -> list[str]:
        parts = []
        if delete:
            parts.append(f"DELETE DATA {{ {_data(str(DERIVED_GRAPH), delete)} }}")
        if insert:
            parts.append(f"INSERT DATA {{ {_data(str(DERIVED_GRAPH), insert)} }}")
        return parts


PART_TALKS = 1_000  # a document with more talks is written (and removed) in parts of this many talks


def talks_in(store: GraphStore, graph: str) -> int:
    rows = store.select(f"SELECT (COUNT(?t) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?t a <{TG.Talk}> }} }}")
    return int(rows[0]["n"].value) if rows else 0


def stored_parts(store: GraphStore, graph: str) -> Iterator[DocumentLinks]:
    """A stored document's links, PART_TALKS talks at a time (each talk's own triples and its mentions')."""
    talks = sorted(r["t"].value for r in store.select(f"SELECT ?t WHERE {{ GRAPH <{graph}> {{ ?t a <{TG.Talk}> }} }}"))
    named = NamedNode(graph)
    for start in range(0, len(talks), PART_TALKS):
        values = " ".join(f"<{t}>" for t in talks[start : start + PART_TALKS])
        rows = store.select(
            f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ VALUES ?t {{ {values} }} "
            f"{{ ?t ?p ?o BIND(?t AS ?s) }} UNION {{ ?s <{TG.talk}> ?t ; ?p ?o }} }} }}"
        )
        yield DocumentLinks.from_quads([Quad(r["s"], r["p"], r["o"], named) for r in rows])


def _split_notes_node(quads: list[Quad], graph: str) -> tuple[list[Quad], list[Quad]]:
    """A document's quads about its tg:Notes node, and the others, all in graph (as the text of an update puts
    them, whatever graph they name)."""
    target = NamedNode(graph)
    if any(q.graph_name != target for q in quads):
        quads = [Quad(q.subject, q.predicate, q.object, target) for q in quads]
    nodes = {q.subject for q in quads if q.predicate == _RDF_TYPE and q.object == _NOTES}
    head = [q for q in quads if q.subject in nodes]
    return head, [q for q in quads if q.subject not in nodes]


_RDF_TYPE, _NOTES = NamedNode(str(RDF.type)), NamedNode(str(TG.Notes))


def repair_incomplete_writes(store: GraphStore) -> list[str]:
    """Remove what an interrupted write in parts left (its graph is not counted: nothing else to undo)."""
    graphs = incomplete_writes(store)
    for graph in graphs:
        finish_incomplete(store, graph)
    return graphs


def _abandon(store: GraphStore, graphs: list[str]) -> None:
    """Remove a failed write's leftovers now if the store lets us; if not, their marks stay for the next open."""
    for graph in graphs:
        with suppress(Exception):
            finish_incomplete(store, graph)


def finish_incomplete(store: GraphStore, graph: str) -> None:
    """Empty an incomplete graph's leftovers (its analytics graph too), then lift the mark."""
    store.drop_graph_in_parts(graph)
    store.drop_graph_in_parts(analytics_graph(graph))
    store.update(f"DELETE DATA {{ {_data(str(DERIVED_GRAPH), [incomplete_mark(graph)])} }}")
