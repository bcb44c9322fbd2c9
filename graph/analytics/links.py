"""What the analytics read: each document's talk → entity links, the vocabulary, and the counts they add up to.

Co-occurrence counts are sums over talks, and a talk lives in exactly one notes document, so the global
counts are the sum of each document's own counts: adding a document adds its counts, removing it subtracts
them, replacing it does both. Everything here is a pure function of one document's quads (or of the
vocabulary graph), so an incremental update and a rebuild from scratch compute the same numbers.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from pyoxigraph import BlankNode, Literal, NamedNode, Quad, Triple

from talkgraph.graph.rdf.store import GraphStore
from talkgraph.ontology import (
    NOTES_GRAPH_PREFIX,
    RDF,
    SCHEMA,
    SOFTWARE,
    TG,
    VOCABULARY_GRAPH,
    EntityClass,
    sparql_prologue,
)

CLASS_OF_TYPE = {
    str(TG.Talk): EntityClass.TALK,
    str(TG.Topic): EntityClass.TOPIC,
    str(TG.Company): EntityClass.COMPANY,
    str(TG.Foundation): EntityClass.COMPANY,
    str(TG.Organization): EntityClass.COMPANY,
    str(TG.Project): EntityClass.PROJECT,
    str(TG.Tool): EntityClass.TOOL,
    str(TG.Person): EntityClass.PERSON,
    str(TG.Event): EntityClass.EVENT,
}
CLASS_PRIORITY = tuple(EntityClass)  # when a node has several types, the first of these names its class
# the entity graph: the vocabulary's entries, and the unvetted tools the notes linked on evidence (linking/unvetted.py)
COUNTED_CLASSES = (*SOFTWARE, EntityClass.TOPIC, EntityClass.COMPANY)
LINKS = {str(TG.mentions), str(TG.hasTopic), str(TG.presentedBy)}

Pair = tuple[str, str]  # two entity IRIs, the smaller first

# what DocumentLinks.from_quads reads of each predicate (the four mention fields under their own names)
_ROLES = {
    **dict.fromkeys(LINKS, "link"),
    str(RDF.type): "type",
    str(SCHEMA.name): "name",
    str(TG.talk): "talk",
    str(TG.entity): "entity",
    str(TG.sentence): "sentence",
    str(TG.offset): "offset",
    str(TG.curated): "curated",
}
_TALK_CLASS = str(TG.Talk)
_ROLE_OF_PREDICATE = {NamedNode(predicate): role for predicate, role in _ROLES.items()}


def better_class(known: str | None, cls: str) -> bool:
    """Whether cls should win over the class already known for a node (a tool that is also a project is a tool)."""
    return known is None or CLASS_PRIORITY.index(cls) < CLASS_PRIORITY.index(known)


@dataclass
class DocumentLinks:
    """The part of one notes graph the analytics read: its talks, what each names, and the sentences that name it."""

    titles: dict[str, str] = field(default_factory=dict)  # talk IRI → title
    named: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # talk → entities it names
    sentences: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # (talk, entity) → sentences
    unvetted: dict[str, str] = field(default_factory=dict)  # unvetted tool the document describes → its name

    @classmethod
    def from_quads(cls, quads: list[Quad]) -> DocumentLinks:
        try:
            return cls._read(quads)
        except AttributeError:  # a term without a value: an RDF-star triple (notes data holds none)
            for q in quads:  # raises the clear error for the first one
                for term in (q.subject, q.object):
                    _value(term)
            raise

    @classmethod
    def _read(cls, quads: list[Quad]) -> DocumentLinks:
        links = cls()
        talks: set[str] = set()
        names: dict[str, str] = {}
        mentions: dict[str, dict[str, str]] = defaultdict(dict)  # mention node → talk, entity, sentence, offset
        uncurated: set[str] = set()
        roles, named = _ROLE_OF_PREDICATE, links.named
        read: list[Any] = quads  # terms read by .value: an RDF-star triple has none (from_quads says so)
        for q in read:  # the predicate first, by its node: most quads of a document are none of these
            role = roles.get(q.predicate)
            if role is None:
                continue
            if role == "link":
                named[q.subject.value].add(q.object.value)
            elif role == "type":
                if q.object.value == _TALK_CLASS:
                    talks.add(q.subject.value)
            elif role == "name":
                names[q.subject.value] = q.object.value
            elif role == "curated":
                if q.object.value == "false":
                    uncurated.add(q.subject.value)
            else:
                mentions[q.subject.value][role] = q.object.value
        links.titles = {t: names[t] for t in sorted(talks) if t in names}
        links.unvetted = {e: names[e] for e in sorted(uncurated) if e in names}
        links.named = defaultdict(set, {t: e for t, e in links.named.items() if t in links.titles})
        found = sorted(
            (m for m in mentions.values() if len(m) == 4 and m["talk"] in links.titles), key=lambda m: int(m["offset"])
        )
        for m in found:
            said = links.sentences.setdefault((m["talk"], m["entity"]), [])
            if m["sentence"] not in said:  # a sentence may name it twice
                said.append(m["sentence"])
        return links

    @classmethod
    def from_store(cls, store: GraphStore, graph: str) -> DocumentLinks:
        return cls.from_quads(store.quads(graph))


@dataclass(eq=False)  # one snapshot is one object: derived.py keeps its nodes per snapshot
class Reference:
    """The vocabulary as the analytics need it: every entity's class and label, tools' topics and makers,
    the topic hierarchy. Bounded by the vocabulary, read once per ingest or per view."""

    classes: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    tool_topics: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    developers: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    broader: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    unvetted: dict[str, Counter[str]] = field(default_factory=dict)  # unvetted tool → spelling → its documents
    admitted: int = 0  # how many admissions so far: a label may change without a new entity (derived._nodes)

    @classmethod
    def from_store(cls, store: GraphStore) -> Reference:
        ref = cls()
        p = sparql_prologue()
        graph = f"<{VOCABULARY_GRAPH}>"
        types = ", ".join(f"<{t}>" for t, c in CLASS_OF_TYPE.items() if c in COUNTED_CLASSES)
        for row in store.select(
            p + f"SELECT ?x ?type ?label WHERE {{ GRAPH {graph} {{ ?x a ?type . "
            "OPTIONAL { ?x skos:prefLabel ?pl } OPTIONAL { ?x schema:name ?n } "
            f"BIND(COALESCE(?pl, ?n) AS ?label) FILTER(BOUND(?label)) FILTER(?type IN ({types})) }} }}"
        ):
            iri, cls_ = row["x"].value, CLASS_OF_TYPE[row["type"].value]
            if better_class(ref.classes.get(iri), cls_):
                ref.classes[iri], ref.labels[iri] = cls_, row["label"].value
        for row in store.select(p + f"SELECT ?a ?b WHERE {{ GRAPH {graph} {{ ?a tg:inTopic ?b }} }}"):
            ref.tool_topics[row["a"].value].add(row["b"].value)
        for row in store.select(p + f"SELECT ?a ?b WHERE {{ GRAPH {graph} {{ ?a tg:developedBy ?b }} }}"):
            ref.developers[row["a"].value].add(row["b"].value)
        for row in store.select(p + f"SELECT ?a ?b WHERE {{ GRAPH {graph} {{ ?a a tg:Topic ; skos:broader ?b }} }}"):
            ref.broader[row["a"].value].add(row["b"].value)
        for row in store.select(p + UNVETTED_SPELLINGS):  # after the vocabulary: an entry curated since keeps its own
            ref.admit(row["x"].value, row["name"].value, int(row["documents"].value))
        return ref

    def admit(self, iri: str, label: str, documents: int = 1) -> None:
        """Count an unvetted tool as a tool, written `label` in this many more documents; a vocabulary entry of
        the same IRI (curated since) keeps its own class and label. Another spelling may change a label, so each
        admission is counted (derived._nodes keys its nodes on the count)."""
        if iri in self.classes and iri not in self.unvetted:
            return
        spellings = self.unvetted.setdefault(iri, Counter())
        spellings[label] += documents
        self.classes[iri], self.labels[iri] = EntityClass.TOOL, unvetted_label(spellings)
        self.admitted += 1

    def curated(self, iri: str) -> bool:
        """Whether the vocabulary vouches for an entity (False: an unvetted tool only the notes proved)."""
        return iri not in self.unvetted


def unvetted_label(spellings: Mapping[str, int]) -> str:
    """The one label an unvetted tool shows, whichever page, answer or ingest order: the spelling most documents
    use (what readers of those notes know it as), then the first in case-folded order, then in code-point order
    (a total order, so two stores holding the same documents agree)."""
    return min(spellings, key=lambda name: (-spellings[name], name.casefold(), name))


@dataclass
class Counts:
    """How many talks name each entity, and each pair of entities, over the classes of the entity graph."""

    talks: int = 0
    entities: Counter[str] = field(default_factory=Counter)
    pairs: Counter[Pair] = field(default_factory=Counter)

    @classmethod
    def of_document(cls, links: DocumentLinks, ref: Reference) -> Counts:
        """A document's counts over the classes ref knows (a new document's unvetted tools admitted first:
        PreparedDocument.of)."""
        counts = cls(talks=len(links.titles))
        for talk in links.titles:
            counted = sorted(e for e in links.named.get(talk, ()) if ref.classes.get(e) in COUNTED_CLASSES)
            counts.entities.update(counted)
            counts.pairs.update(combinations(counted, 2))
        return counts

    def add(self, other: Counts, sign: int = 1) -> None:
        """Add (sign=1) or subtract (sign=-1) another document's counts; zero counts are removed."""
        self.talks += sign * other.talks
        _add(self.entities, other.entities, sign)
        _add(self.pairs, other.pairs, sign)

    def neighbours(self) -> dict[str, set[str]]:
        out: dict[str, set[str]] = defaultdict(set)
        for a, b in self.pairs:
            out[a].add(b)
            out[b].add(a)
        return out


def _add(table: Counter, delta: Counter, sign: int) -> None:
    for key, n in delta.items():
        table[key] += sign * n
        if table[key] == 0:
            del table[key]
        elif table[key] < 0:
            raise ValueError(f"analytics counts went negative for {key}: the derived graph is stale")


def cooccurrence_score(weight: int, talks_a: int, talks_b: int) -> float:
    """Talks naming both / sqrt(talks naming each): frequent tools do not top every list."""
    return round(weight / math.sqrt(talks_a * talks_b), 4)


def string_literal(text: str) -> str:
    """A plain string literal escaped as N-Triples (and SPARQL) write it."""
    return str(Literal(text))


# Each spelling of each unvetted tool, with the number of documents describing it so: the notes graphs, not the
# other graphs of the store (a Graph Store upload is no document).
UNVETTED_SPELLINGS = (
    "SELECT ?x ?name (COUNT(DISTINCT ?g) AS ?documents) WHERE { GRAPH ?g { ?x a tg:Tool ; tg:curated false ; "
    f"schema:name ?name }} FILTER(STRSTARTS(STR(?g), {string_literal(NOTES_GRAPH_PREFIX)})) }} GROUP BY ?x ?name"
)


def _value(term: NamedNode | BlankNode | Literal | Triple) -> str:
    """A term's text; notes graphs hold no RDF-star triples as terms."""
    if isinstance(term, Triple):
        raise ValueError(f"an RDF-star triple where notes data holds terms: {term}")
    return term.value
