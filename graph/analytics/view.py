"""NetworkX view of the store: co-occurrence, related topics, communities, centrality, paths.

The view starts from what is bounded by the vocabulary: the entities (tools, projects, topics, companies,
events), the vocabulary's links, and each entity's number of talks, which ingest keeps in the derived graph
(or, for a store without them, SPARQL aggregates the store runs). Talks and people, the pairs of one focus,
what a talk names, the talks of an entity and the sentences behind an answer are read from the store when a
question needs them, a few at a time: a server's start reads nothing whose size follows the number of talks.
Co-occurrence scores are computed from the counts when asked; the whole table of pairs is read
only for the entity graph (communities, the overview).
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, ItemsView, Iterable, Iterator, Mapping, ValuesView
from contextlib import suppress
from dataclasses import dataclass, field
from functools import cached_property, lru_cache, partial, wraps
from itertools import islice
from typing import Any, Generic, TypeVar

import networkx as nx
from pyoxigraph import Literal, NamedNode

from talkgraph.graph.analytics.links import (
    CLASS_OF_TYPE,
    CLASS_PRIORITY,
    COUNTED_CLASSES,
    Counts,
    DocumentLinks,
    Reference,
    better_class,
    cooccurrence_score,
)
from talkgraph.graph.analytics.paths import Link, NamingTalks, TalkGraphWalk
from talkgraph.graph.analytics.stored import aggregate_counts, read_counts, read_entity_counts, read_pairs_of
from talkgraph.graph.rdf.store import GraphStore
from talkgraph.ontology import SOFTWARE, EntityClass, slug, sparql_prologue

__all__ = ["CLASS_OF_TYPE", "CLASS_PRIORITY", "CoOccurrence", "Evidence", "Node", "RelatedTopic", "TalkGraph"]
_LINKS = "tg:mentions|tg:hasTopic|tg:presentedBy"


def _names(talk: str, entity: str, link: str = "?link") -> str:
    """Talks naming an entity given: VALUES over the three links, which Oxigraph answers from its indexes
    (30× faster than the property path at 1,000 talks, which scans)."""
    return f"VALUES {link} {{ tg:mentions tg:hasTopic tg:presentedBy }} {talk} {link} {entity} ."


def _named_by(talk: str, entity: str) -> str:
    """What a talk names, for a talk given or bound already: its own triples, filtered (VALUES over the links
    would scan every triple of each link)."""
    return f"{talk} ?link {entity} . FILTER(?link IN (tg:mentions, tg:hasTopic, tg:presentedBy))"


_NAMED_BY_A_TALK = "{ ?t tg:mentions ?x } UNION { ?t tg:hasTopic ?x } UNION { ?t tg:presentedBy ?x }"  # ?x bound
_NODE_TYPES = "tg:Talk, tg:Tool, tg:Project, tg:Topic, tg:Company, tg:Foundation, tg:Organization, tg:Person, tg:Event"
_ENTITY_TYPES = "tg:Tool tg:Project tg:Topic tg:Company tg:Foundation tg:Organization tg:Event"  # not talks, people
_ABOVE_PERSON = "tg:Talk, tg:Tool, tg:Project, tg:Topic, tg:Company, tg:Foundation, tg:Organization"
_LABEL = "OPTIONAL { ?x skos:prefLabel ?pl } OPTIONAL { ?x schema:name ?n } BIND(COALESCE(?pl, ?n) AS ?label) "
_LABELLED = "FILTER EXISTS { VALUES ?lp { skos:prefLabel schema:name } ?x ?lp ?any }"
EVIDENCE_TALKS = 10  # talks of evidence given for a pair at most: `weight` says how many there are in all
UNCOUNTED_AT_ONCE = 500  # nodes the counts leave out (people) counted by talk_counts for themselves at most
RARE_TALKS = 500  # an entity named by at most this many talks has its evidence found from its own talks
K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


@dataclass
class Node:
    iri: str
    label: str
    cls: str  # Talk, Tool, Project, Topic, Company, Person, Event
    curated: bool = True  # False: an unvetted tool, found in the notes (graph/linking/unvetted.py), in no vocabulary


@dataclass
class Evidence:
    talk: Node
    sentences: list[str]


@dataclass
class CoOccurrence:
    entity: Node
    weight: int  # distinct talks naming both
    score: float  # weight / sqrt(talks of focus × talks of entity): frequent tools do not top every list
    read_evidence: Callable[[], list[Evidence]] = field(repr=False, compare=False)

    @cached_property
    def evidence(self) -> list[Evidence]:
        """The talks naming both, with the sentences naming the entity: read when asked, not for every pair."""
        return self.read_evidence()


@dataclass
class RelatedTopic:
    topic: Node
    score: float
    explicit: bool
    tools: list[Node]
    sentences: list[str]  # where the talk names the topic itself
    narrower: list[Node] = field(default_factory=list)  # narrower topics of the talk that lift this one

    @property
    def reasons(self) -> list[str]:
        reasons = [f"the talk names it: “{s}”" for s in self.sentences[:2]]
        if self.tools:
            reasons.append("shared tools: " + ", ".join(t.label for t in self.tools))
        if self.narrower:
            reasons.append("narrower topics: " + ", ".join(t.label for t in self.narrower))
        return reasons


class StoreIndex(Mapping[K, V], Generic[K, V]):
    """A read-only mapping whose values are read from the store on first use (the last few thousand kept),
    or all at once when someone iterates over it. A key the store knows nothing of maps to an empty value,
    as a defaultdict would."""

    def __init__(self, one: Callable[[K], V], every: Callable[[], Mapping[K, V]], empty: Callable[[], V]):
        self._one = lru_cache(maxsize=4096)(one)
        self._every = every
        self._empty = empty

    def __getitem__(self, key: K) -> V:
        if "_all" in self.__dict__:  # read in full already: no query per key
            return self._all[key] if key in self._all else self._empty()
        return self._one(key)

    def __contains__(self, key: object) -> bool:
        return bool(self[key])  # type: ignore[index]

    @cached_property
    def _all(self) -> Mapping[K, V]:
        return self._every()

    def __iter__(self) -> Iterator[K]:
        return iter(self._all)

    def __len__(self) -> int:
        return len(self._all)

    def values(self) -> ValuesView[V]:  # Mapping's own would look every key up again, one query each
        return self._all.values()

    def items(self) -> ItemsView[K, V]:
        return self._all.items()


class NodeIndex(Mapping[str, Node]):
    """Every node of the view. The entities (tools, topics, companies, events: bounded by the vocabulary) are
    held from the start; talks and people, as many as the notes hold, are read one at a time when asked (the
    last few thousand kept), or all at once when someone iterates (search, listings)."""

    def __init__(
        self,
        entities: dict[str, Node],
        some: Callable[[list[str]], dict[str, Node]],
        every: Callable[[], dict[str, Node]],
    ):
        self.entities = entities
        self._some = some
        self._one = lru_cache(maxsize=8192)(lambda iri: some([iri]).get(iri))
        self._every = every

    def __getitem__(self, iri: str) -> Node:
        if "_all" in self.__dict__:
            return self._all[iri]
        node = self.entities.get(iri) or self._one(iri)
        if node is None:
            raise KeyError(iri)
        return node

    def __contains__(self, iri: object) -> bool:
        if not isinstance(iri, str):
            return False
        try:
            self[iri]
        except KeyError:
            return False
        return True

    def many(self, iris: set[str]) -> dict[str, Node]:
        """The nodes of these IRIs (those that name one), those not in hand read in one query."""
        if self.complete:
            return {i: self._all[i] for i in iris if i in self._all}
        found = {i: self.entities[i] for i in iris if i in self.entities}
        missing = sorted(iris - found.keys())
        if missing:
            found.update(self._some(missing))
        return found

    def read_every_with(self, every: Callable[[], dict[str, Node]]) -> None:
        """Read every node with this instead when first asked (the server's background process reads them)."""
        self._every = every

    @cached_property
    def _all(self) -> dict[str, Node]:
        return self._every()

    @property
    def complete(self) -> bool:
        """Whether every node has been read (then nothing is looked up one by one)."""
        return "_all" in self.__dict__

    def __iter__(self) -> Iterator[str]:
        return iter(self._all)

    def __len__(self) -> int:
        return len(self._all)

    def values(self) -> ValuesView[Node]:
        return self._all.values()

    def items(self) -> ItemsView[str, Node]:
        return self._all.items()


def _best_nodes(rows) -> dict[str, Node]:
    """Rows of ?x ?type ?label as nodes, each under its best class (a tool that is also a project is a tool)."""
    nodes: dict[str, Node] = {}
    for row in rows:
        iri, cls = row["x"].value, CLASS_OF_TYPE[row["type"].value]
        known = nodes.get(iri)
        if better_class(known.cls if known else None, cls):
            nodes[iri] = Node(iri, row["label"].value, cls)
    return nodes


def vouched(nodes: dict[str, Node], unvetted: Mapping[str, str]) -> dict[str, Node]:
    """The nodes with each unvetted tool among them flagged and under its one label (links.unvetted_label: the
    store holds a name per document describing it, and a SELECT would take any)."""
    fewer, more = (nodes, unvetted) if len(nodes) < len(unvetted) else (unvetted, nodes)  # a few nodes are asked for
    for iri in [iri for iri in fewer if iri in more]:
        nodes[iri] = Node(iri, unvetted[iri], nodes[iri].cls, curated=False)
    return nodes


def rank_related_topics(
    talk: Node, named: set[str], sentences: Mapping[tuple[str, str], list[str]], nodes: Mapping[str, Node], ref
) -> list[RelatedTopic]:
    """Topics of a talk, ranked. A topic the talk names counts 1, a quarter more for each further
    sentence naming it (up to 2) and 1 more when the title names it; each of the talk's tools
    adds 1 / (number of topics the tool belongs to); a broader topic gets half of each narrower
    topic's score (Monitoring and Tracing make a talk about Observability too).

    It reads only the talk (what it names, its sentences) and the vocabulary (ref: tool_topics, broader),
    so ingest ranks a document's talks when it writes the document."""
    tools = [e for e in named if e in nodes and nodes[e].cls in SOFTWARE]
    explicit = {e for e in named if e in nodes and nodes[e].cls == "Topic" and sentences.get((talk.iri, e))}
    own: dict[str, float] = defaultdict(float)
    via: dict[str, list[Node]] = defaultdict(list)
    for tool in tools:
        topics = ref.tool_topics.get(tool, set())
        for topic in topics:
            if topic in nodes:
                own[topic] += 1 / len(topics)
                via[topic].append(nodes[tool])
    for topic in explicit:
        said = sentences.get((talk.iri, topic), [])
        own[topic] += min(2.0, 0.75 + 0.25 * len(said)) + (1.0 if talk.label in said else 0.0)
    scores = defaultdict(float, own)
    narrower: dict[str, list[Node]] = defaultdict(list)
    for topic, score in own.items():
        for parent in ref.broader.get(topic, ()):
            if parent in nodes:
                scores[parent] += score / 2
                narrower[parent].append(nodes[topic])
    related = [
        RelatedTopic(
            nodes[t],
            round(s, 4),
            t in explicit,
            sorted(via[t], key=lambda n: n.label.casefold()),
            sentences.get((talk.iri, t), []),
            sorted(narrower[t], key=lambda n: n.label.casefold()),
        )
        for t, s in scores.items()
    ]
    return sorted(related, key=lambda r: (-r.score, r.topic.label.casefold()))


def kept_per_view(maxsize: int) -> Callable[[Callable[..., V]], Callable[..., V]]:
    """functools.lru_cache for one view's method, kept in the view itself: its entries go when the view goes.
    (lru_cache on a method is one cache for the class, keyed by the instance, so it would keep views a write
    has replaced alive, with everything they read, until their entries were pushed out.)"""

    def decorate(method: Callable[..., V]) -> Callable[..., V]:
        slot = f"_kept_{method.__name__}"

        @wraps(method)
        def cached(self: Any, *args: Any, **kwargs: Any) -> V:
            cache = self.__dict__.get(slot)
            if cache is None:
                cache = self.__dict__.setdefault(slot, lru_cache(maxsize=maxsize)(partial(method, self)))
            return cache(*args, **kwargs)

        return cached

    return decorate


@dataclass(eq=False)
class TalkGraph:
    nodes: dict[str, Node] = field(default_factory=dict)
    talk_entities: Mapping[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    entity_talks: Mapping[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    sentences: Mapping[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    tool_topics: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    developers: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    broader: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # topic → broader topics
    counts: Counts | None = None  # the entity graph's counts; None: read from the store, or counted from talk_entities
    entity_counts: Mapping[str, int] | None = None  # each entity's talks, when the pairs are read from the store
    counted_talks: int | None = None  # the talks the stored counts were made from
    vocabulary_counted: frozenset[str] = frozenset()  # the entities the counts cover, named or not
    store: GraphStore | None = None  # where evidence is read when asked; None: from the mappings above
    unvetted: dict[str, str] = field(default_factory=dict)  # unvetted tool → its label (Reference.unvetted)

    # -- building -------------------------------------------------------------

    @classmethod
    def from_store(cls, store: GraphStore) -> TalkGraph:
        """What is bounded by the vocabulary now (the entities, the vocabulary's links, each entity's number of
        talks from the derived graph, or as aggregates the store runs); what grows with the notes (talks, people,
        pairs of entities, what talks name) read from the store when a question needs it."""
        ref = Reference.from_store(store)
        view = cls(tool_topics=ref.tool_topics, developers=ref.developers, broader=ref.broader, store=store)
        view.unvetted = {iri: ref.labels[iri] for iri in ref.unvetted}
        entities = view._best_nodes(
            view._select(
                f"SELECT ?x ?type ?label WHERE {{ VALUES ?type {{ {_ENTITY_TYPES} }} ?x a ?type . "
                "FILTER NOT EXISTS { ?x a tg:Talk } FILTER(?type != tg:Event || NOT EXISTS { ?x a tg:Person }) "
                f"{_LABEL} FILTER(BOUND(?label)) }}"
            )
        )
        view.nodes = NodeIndex(entities, view._read_nodes, view._read_all_nodes)  # type: ignore[assignment]
        stored = read_entity_counts(store)
        if stored is None:
            view.counts = aggregate_counts(store, ref)
        else:
            view.entity_counts, view.counted_talks = stored[0].entities, stored[0].talks
        view.vocabulary_counted = frozenset(e for e, c in ref.classes.items() if c in COUNTED_CLASSES)
        view.talk_entities = StoreIndex(view._read_talk_entities, lambda: view._all_links()[0], set)
        view.entity_talks = StoreIndex(view._read_entity_talks, lambda: view._all_links()[1], set)
        view.sentences = StoreIndex(
            lambda key: view._read_talk_sentences(key[0]).get(key[1], []), view._read_all_sentences, list
        )
        return view

    def _best_nodes(self, rows) -> dict[str, Node]:
        return vouched(_best_nodes(rows), self.unvetted)

    def _add_node(self, iri: str, label: str, cls: str) -> None:
        known = self.nodes.get(iri)
        if better_class(known.cls if known else None, cls):
            self.nodes[iri] = Node(iri, label, cls)

    def _select(self, sparql: str):
        assert self.store is not None
        return self.store.select(sparql_prologue() + sparql)

    def _read_nodes(self, iris: list[str]) -> dict[str, Node]:
        """Talks or people (or anything not held from the start) by IRI; a string that is no IRI names none."""
        terms = []
        for iri in iris:
            try:
                terms.append(str(NamedNode(iri)))
            except ValueError:
                continue
        if not terms:
            return {}
        return self._best_nodes(
            self._select(
                f"SELECT ?x ?type ?label WHERE {{ VALUES ?x {{ {' '.join(terms)} }} ?x a ?type . "
                f"FILTER(?type IN ({_NODE_TYPES})) {_LABEL} FILTER(BOUND(?label)) }}"
            )
        )

    def _read_all_nodes(self) -> dict[str, Node]:
        return self._best_nodes(
            self._select(
                f"SELECT ?x ?type ?label WHERE {{ ?x a ?type . {_LABEL} FILTER(BOUND(?label)) "
                f"FILTER(?type IN ({_NODE_TYPES})) }}"
            )
        )

    def _read_talk_entities(self, talk: str) -> set[str]:
        rows = self._select(
            f"SELECT DISTINCT ?x WHERE {{ {_named_by(f'<{talk}>', '?x')} <{talk}> a tg:Talk . ?x a ?type "
            f"FILTER(?type IN ({_NODE_TYPES})) {_LABELLED} }}"
        )
        return {r["x"].value for r in rows}

    def _read_entity_talks(self, entity: str) -> set[str]:
        if entity not in self.nodes:
            return set()
        rows = self._select(f"SELECT DISTINCT ?x WHERE {{ {_names('?x', f'<{entity}>')} }}")
        return {r["x"].value for r in rows}

    @kept_per_view(4096)
    def _read_talk_sentences(self, talk: str) -> dict[str, list[str]]:
        rows = self._select(
            f"SELECT ?e ?sentence ?offset WHERE {{ ?m a tg:Mention ; tg:talk <{talk}> ; tg:entity ?e ; "
            "tg:sentence ?sentence ; tg:offset ?offset } ORDER BY ?offset"
        )
        out: dict[str, list[str]] = defaultdict(list)
        for row in rows:
            if row["sentence"].value not in out[row["e"].value]:  # a sentence may name it twice
                out[row["e"].value].append(row["sentence"].value)
        return out

    def _read_all_sentences(self) -> dict[tuple[str, str], list[str]]:
        rows = self._select(
            "SELECT ?t ?e ?sentence ?offset WHERE { ?m a tg:Mention ; tg:talk ?t ; "
            "tg:entity ?e ; tg:sentence ?sentence ; tg:offset ?offset } ORDER BY ?offset"
        )
        out: dict[tuple[str, str], list[str]] = defaultdict(list)
        for row in rows:
            said = out[(row["t"].value, row["e"].value)]
            if row["sentence"].value not in said:
                said.append(row["sentence"].value)
        return out

    @kept_per_view(1)
    def _all_links(self) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
        """Every talk → entity link (for the talk graph paths run through, and for whole-corpus listings)."""
        if self.store is None:
            return dict(self.talk_entities), dict(self.entity_talks)
        by_talk: dict[str, set[str]] = defaultdict(set)
        by_entity: dict[str, set[str]] = defaultdict(set)
        nodes = self.nodes.values()  # read in full once: no lookup per link
        known = {n.iri for n in nodes}
        for row in self._select(f"SELECT ?t ?e WHERE {{ ?t a tg:Talk ; {_LINKS} ?e }}"):
            talk, entity = row["t"].value, row["e"].value
            if talk in known and entity in known:
                by_talk[talk].add(entity)
                by_entity[entity].add(talk)
        return dict(by_talk), dict(by_entity)

    @cached_property
    def _counts(self) -> Counts:
        """The entity graph's counts in full, pairs included (for communities and the overview)."""
        if self.counts is not None:
            return self.counts
        if self.store is not None:
            stored = read_counts(self.store)
            if stored is not None:
                return stored[0]
        classes = {iri: n.cls for iri, n in self.nodes.items()}
        links = DocumentLinks(titles={t: self.nodes[t].label for t in self.talk_entities if t in self.nodes})
        links.named.update(self.talk_entities)
        return Counts.of_document(links, Reference(classes=classes))

    @cached_property
    def _neighbours(self) -> dict[str, set[str]]:
        return self._counts.neighbours()

    @property
    def _entity_talk_counts(self) -> Mapping[str, int]:
        return self.entity_counts if self.entity_counts is not None else self._counts.entities

    @kept_per_view(4096)
    def _pairs_of(self, focus: str) -> dict[str, int]:
        """How many talks name focus with each other entity: from the store's pairs when the view has not read
        them all (one entity's row of the table), else from the counts in hand."""
        if self.counts is None and self.store is not None and "_counts" not in self.__dict__:
            return read_pairs_of(self.store, focus)
        pairs = self._counts.pairs
        return {e: pairs[(focus, e) if focus < e else (e, focus)] for e in self._neighbours.get(focus, ())}

    @cached_property
    def _uncounted_talks(self) -> dict[str, int]:
        """How many talks name each node the counts leave out (people, and entities the vocabulary does not
        count): aggregates the store runs, starting from those nodes rather than from every link."""
        out: dict[str, int] = {}
        for where in self._uncounted_nodes():
            for row in self._select(
                f"SELECT ?x (COUNT(DISTINCT ?t) AS ?n) WHERE {{ {where} {_NAMED_BY_A_TALK} }} GROUP BY ?x"
            ):
                out[row["x"].value] = int(row["n"].value)
        return out

    def _uncounted_nodes(self) -> tuple[str, str]:
        """Patterns binding ?x to the people (not also of a class above them) and the entities in hand the
        counts leave out."""
        counted = self.vocabulary_counted  # an entity of these the counts leave out is named by no talk
        left = " ".join(f"<{e}>" for e in self.nodes.entities if e not in counted)  # type: ignore[attr-defined]
        return (
            # a subquery: each person once before the links are joined (2.7× faster at 10,000 talks)
            f"{{ SELECT DISTINCT ?x WHERE {{ ?x a tg:Person . {_LABELLED} "
            f"FILTER NOT EXISTS {{ ?x a ?above . FILTER(?above IN ({_ABOVE_PERSON})) }} }} }}",
            f"VALUES ?x {{ {left} }}",
        )

    # -- questions ------------------------------------------------------------

    def talk_count(self, iri: str) -> int:
        """How many talks name a node: from the counts for the entity graph's classes, without reading its talks."""
        if self.store is None:
            return len(self.entity_talks.get(iri, ()))
        counted = self._entity_talk_counts.get(iri)
        if counted is not None:
            return counted
        if iri in self.vocabulary_counted:
            return 0  # the counts leave it out: no talk names it (no need to count every person's talks)
        return self._uncounted_talks.get(iri, 0)

    def talk_counts(self, iris: Iterable[str]) -> dict[str, int]:
        """talk_count of each of these nodes (a page's), those the counts leave out (its people) counted for these
        alone, in one or two aggregates, unless every person is counted already: counting every person's talks for
        a page took 3 s of the first /graph/around at 100,000 talks."""
        out: dict[str, int] = {}
        left: list[str] = []
        for iri in iris:
            if (
                self.store is None
                or iri in self._entity_talk_counts
                or iri in self.vocabulary_counted
                or "_uncounted_talks" in self.__dict__
            ):
                out[iri] = self.talk_count(iri)
            else:
                left.append(iri)
        if len(left) > UNCOUNTED_AT_ONCE:  # many (a search's hits): one aggregate of every person beats a long VALUES
            out.update((iri, self._uncounted_talks.get(iri, 0)) for iri in left)
        elif left:
            out.update(self._uncounted_talks_of(tuple(sorted(left))))
        return out

    @kept_per_view(64)
    def _uncounted_talks_of(self, iris: tuple[str, ...]) -> dict[str, int]:
        """These nodes' entries of _uncounted_talks (0 for a node it does not count), as _uncounted_nodes binds them."""
        out = dict.fromkeys(iris, 0)
        terms = []
        for iri in iris:
            with suppress(ValueError):
                terms.append(NamedNode(iri))
        entities = self.nodes.entities  # type: ignore[attr-defined]
        left = " ".join(str(t) for t in terms if t.value in entities)  # entities the vocabulary does not count
        others = " ".join(str(t) for t in terms if t.value not in entities)  # people (or talks: no talk names one)
        person = (
            f"?x a tg:Person . {_LABELLED} FILTER NOT EXISTS {{ ?x a ?above . FILTER(?above IN ({_ABOVE_PERSON})) }}"
        )
        for values, where in ((left, ""), (others, person)):
            if values:
                for row in self._select(
                    f"SELECT ?x (COUNT(DISTINCT ?t) AS ?n) WHERE {{ VALUES ?x {{ {values} }} {where} "
                    f"{_NAMED_BY_A_TALK} }} GROUP BY ?x"
                ):
                    out[row["x"].value] = int(row["n"].value)
        return out

    @kept_per_view(1)
    def census(self) -> tuple[dict[str, int], dict[str, int]]:
        """How many nodes of each class the view holds, and how many of each class some talk names: from the
        entities in hand, the counts and aggregates the store runs, not from every talk (once per view)."""
        if self.store is None or not isinstance(self.nodes, NodeIndex):
            held = Counter(n.cls for n in self.nodes.values())
            linked = {e for entities in self.talk_entities.values() for e in entities if e in self.nodes}
            return dict(held), dict(Counter(self.nodes[e].cls for e in linked))
        entities = self.nodes.entities
        held = Counter(n.cls for n in entities.values())
        people, left = self._uncounted_nodes()
        talks = self.counted_talks
        if talks is None:
            talks = self._count(f"?x a tg:Talk . {_LABELLED}")
        # the people, and those some talk names, in one pass over them (they grow with the notes); an OPTIONAL,
        # not EXISTS inside the aggregate: Virtuoso refuses that, and Oxigraph runs this one faster (0.6 s
        # against 1.1 s at 100,000 talks)
        [row] = self._select(
            "SELECT (COUNT(DISTINCT ?x) AS ?n) (COUNT(DISTINCT ?named) AS ?named) "
            f"WHERE {{ {people} OPTIONAL {{ {_NAMED_BY_A_TALK} BIND(?x AS ?named) }} }}"
        )
        for cls, n in ((EntityClass.TALK, talks), (EntityClass.PERSON, int(row["n"].value))):
            if n:
                held[cls] = n
        named = Counter(entities[e].cls for e in self._entity_talk_counts if e in entities)
        named.update(
            entities[r["x"].value].cls
            for r in self._select(f"SELECT DISTINCT ?x WHERE {{ {left} {_NAMED_BY_A_TALK} }}")
        )
        named_people = int(row["named"].value)
        if named_people:
            named[EntityClass.PERSON] += named_people
        return dict(held), dict(named)

    def _count(self, where: str) -> int:
        return int(self._select(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {where} }}")[0]["n"].value)

    def resolve(self, text: str, classes: tuple[str, ...] = ()) -> Node | None:
        """An IRI, a slug or a label (any case) → the node it names. A talk's exact title and a ref to an
        entity are found without reading every talk, nor going through them once they are read (100,000 labels
        folded: 40-80 ms of every /api/cooccur and /api/related-topics)."""
        if text in self.nodes:
            node = self.nodes[text]
            return node if not classes or node.cls in classes else None
        pool = self.nodes.values
        if isinstance(self.nodes, NodeIndex):
            if classes and not {EntityClass.TALK, EntityClass.PERSON} & set(classes):
                pool = self.nodes.entities.values
            elif tuple(classes) == (EntityClass.TALK,):
                titled = self._talk_titled(text.strip())
                if titled is not None:
                    return titled
        wanted = [n for n in pool() if not classes or n.cls in classes]
        folded = text.strip().casefold()
        for match in (
            lambda n: n.label.casefold() == folded,
            lambda n: n.iri.rsplit("/", 1)[-1] == slug(text),
            lambda n: folded in n.label.casefold(),
        ):
            found = sorted((n for n in wanted if match(n)), key=lambda n: (CLASS_PRIORITY.index(n.cls), len(n.label)))
            if found:
                return found[0]
        return None

    def _talk_titled(self, title: str) -> Node | None:
        """The talk with exactly this title (the store's index on names finds it), if there is one."""
        rows = self._select(f"SELECT ?x WHERE {{ ?x schema:name {Literal(title)} ; a tg:Talk }} ORDER BY ?x")
        found = [self.nodes.get(r["x"].value) for r in rows]
        return next((n for n in found if n is not None and n.cls == EntityClass.TALK), None)

    def talks_of(self, entity: str) -> list[Node]:
        if self.store is not None and isinstance(self.nodes, NodeIndex) and not self.nodes.complete:
            return self._read_talk_nodes(entity)
        return sorted(
            (self.nodes[t] for t in self.entity_talks.get(entity, ()) if t in self.nodes), key=lambda n: n.label
        )

    @kept_per_view(1024)
    def first_talks(self, entity: str, most: int) -> list[Node]:
        """The first `most` talks naming an entity by title (then IRI), for its tooltip: over a store, one query of
        the talks' names alone, sorted here (Kubernetes's 30,664 talks at 100,000: 0.9 s, against 7.7 s with
        talks_of's labels, and 3.9 s with ORDER BY ?label LIMIT in the query, which Oxigraph sorts in full)."""
        if self.store is None:
            return sorted(self.talks_of(entity), key=lambda n: (n.label, n.iri))[:most]
        if entity not in self.nodes:
            return []
        labels: dict[str, str] = {}
        for row in self._select(
            f"SELECT ?x ?n ?pl WHERE {{ {_names('?x', f'<{entity}>')} ?x a tg:Talk ; schema:name ?n "
            "OPTIONAL { ?x skos:prefLabel ?pl } }"
        ):
            iri, label = row["x"].value, (row["pl"] or row["n"]).value
            if iri not in labels or label < labels[iri]:
                labels[iri] = label
        first = heapq.nsmallest(most, ((label, iri) for iri, label in labels.items()))
        return [Node(iri, label, EntityClass.TALK) for label, iri in first]

    def named_by(self, talks: list[str]) -> dict[str, list[Node]]:
        """What each of these talks names (by IRI), read for all of them at once: a page of talks costs one query."""
        if self.store is None or not isinstance(self.nodes, NodeIndex) or not talks:
            return {t: [self.nodes[e] for e in sorted(self.talk_entities.get(t, ())) if e in self.nodes] for t in talks}
        named: dict[str, set[str]] = defaultdict(set)
        for row in self._select(
            f"SELECT ?t ?x WHERE {{ VALUES ?t {{ {' '.join(f'<{t}>' for t in talks)} }} {_named_by('?t', '?x')} }}"
        ):
            named[row["t"].value].add(row["x"].value)
        nodes = self.nodes.many({e for entities in named.values() for e in entities})
        return {t: [nodes[e] for e in sorted(named[t]) if e in nodes] for t in talks}

    @kept_per_view(256)
    def _read_talk_nodes(self, entity: str) -> list[Node]:
        """The talks naming an entity with their titles, in one query rather than one per talk."""
        if entity not in self.nodes:
            return []
        rows = self._select(
            f"SELECT DISTINCT ?x ?label WHERE {{ {_names('?x', f'<{entity}>')} ?x a tg:Talk . {_LABEL} "
            "FILTER(BOUND(?label)) }"
        )
        talks = {r["x"].value: Node(r["x"].value, r["label"].value, EntityClass.TALK) for r in rows}
        return sorted(talks.values(), key=lambda n: n.label)

    def cooccurring(self, focus: str, classes: tuple[str, ...] = SOFTWARE) -> list[CoOccurrence]:
        """Entities of the given classes named in the same talks as focus, best score first: weights and
        scores from the entity graph's counts, evidence read when asked (and kept with the answer)."""
        return list(self._cooccurring(focus, classes))

    @kept_per_view(256)
    def _cooccurring(self, focus: str, classes: tuple[str, ...]) -> tuple[CoOccurrence, ...]:
        node = self.nodes.get(focus)
        if node is None:
            return ()
        if node.cls not in COUNTED_CLASSES or not set(classes) <= set(COUNTED_CLASSES):
            return tuple(self._cooccurring_by_talks(focus, classes))
        talks = self._entity_talk_counts
        ranked = []
        for entity, weight in self._pairs_of(focus).items():
            other = self.nodes.get(entity)
            if other is not None and other.cls in classes:
                score = cooccurrence_score(weight, talks[focus], talks[entity])
                ranked.append(CoOccurrence(other, weight, score, self._evidence_reader(focus, entity)))
        return tuple(sorted(ranked, key=lambda c: (-c.score, -c.weight, c.entity.label.casefold())))

    def _cooccurring_by_talks(self, focus: str, classes: tuple[str, ...]) -> list[CoOccurrence]:
        """Co-occurrence over classes the counts do not cover (people, talks): from the talks of focus."""
        focus_talks = self.entity_talks.get(focus, set())
        together: dict[str, set[str]] = defaultdict(set)
        for talk in focus_talks:
            for entity in self.talk_entities.get(talk, ()):
                if entity != focus and self.nodes[entity].cls in classes:
                    together[entity].add(talk)
        ranked = []
        for entity, talks in together.items():
            score = cooccurrence_score(len(talks), len(focus_talks), len(self.entity_talks[entity]))
            evidence = [
                Evidence(self.nodes[t], self.sentences.get((t, entity), [])) for t in sorted(talks)[:EVIDENCE_TALKS]
            ]
            ranked.append(CoOccurrence(self.nodes[entity], len(talks), score, partial(list, evidence)))
        return sorted(ranked, key=lambda c: (-c.score, -c.weight, c.entity.label.casefold()))

    def _evidence_reader(self, focus: str, entity: str) -> Callable[[], list[Evidence]]:
        def read() -> list[Evidence]:
            if self.store is None:
                talks = self.entity_talks.get(focus, set()) & self.entity_talks.get(entity, set())
                return [
                    Evidence(self.nodes[t], self.sentences.get((t, entity), [])) for t in sorted(talks)[:EVIDENCE_TALKS]
                ]
            return self.evidence_of(focus, [entity])[entity]

        return read

    def evidence_of(self, focus: str, entities: list[str]) -> dict[str, list[Evidence]]:
        """For each entity, talks naming it and focus (all of them up to EVIDENCE_TALKS, else that many), in IRI
        order, each with the sentences naming the entity (a view over a store): a page of pairs in a few queries,
        not a few per pair."""
        assert isinstance(self.nodes, NodeIndex)
        found = self._talks_naming_both(focus, entities)
        nodes = self.nodes.many({t for talks in found.values() for t in talks})
        said: dict[tuple[str, str], list[str]] = defaultdict(list)
        # one block per entity, each starting from its talks' own mentions (a constant entity would make Oxigraph
        # start from every mention of it)
        blocks = [
            f"{{ VALUES ?t {{ {' '.join(f'<{t}>' for t in talks)} }} ?m tg:talk ?t . ?m tg:entity ?e . "
            f"FILTER(?e = <{e}>) ?m tg:sentence ?sentence ; tg:offset ?offset }}"
            for e, talks in found.items()
            if talks
        ]
        if blocks:
            for row in self._select(f"SELECT ?t ?e ?sentence WHERE {{ {' UNION '.join(blocks)} }} ORDER BY ?offset"):
                sentences = said[(row["t"].value, row["e"].value)]
                if row["sentence"].value not in sentences:
                    sentences.append(row["sentence"].value)
        return {
            e: [Evidence(nodes[t], said.get((t, e), [])) for t in talks if t in nodes and nodes[t].cls == "Talk"]
            for e, talks in found.items()
        }

    def _talks_naming_both(self, focus: str, entities: list[str]) -> dict[str, list[str]]:
        """For each entity, talks naming it and focus, up to EVIDENCE_TALKS, by IRI. When focus has few talks
        (at most RARE_TALKS), from its talks: they in one query, what they name in one more. Else the entities
        with few talks in one query that joins their talks with focus; the others in one more, a join per entity
        whose LIMIT stops it early (the first talks it meets, without sorting every one). Only talks have these
        links (their domain)."""
        talks = self._entity_talk_counts
        links = "FILTER(?link IN (tg:mentions, tg:hasTopic, tg:presentedBy))"
        if talks.get(focus, 0) <= RARE_TALKS:  # focus is the rare end: what its talks name
            candidates = " ".join(
                f"<{r['x'].value}>" for r in self._select(f"SELECT ?x WHERE {{ ?x ?link <{focus}> . {links} }}")
            )
            named: dict[str, set[str]] = defaultdict(set)
            for row in self._select(f"SELECT ?x ?e WHERE {{ VALUES ?x {{ {candidates} }} ?x ?link ?e . {links} }}"):
                named[row["e"].value].add(row["x"].value)
            return {e: sorted(named.get(e, ()))[:EVIDENCE_TALKS] for e in entities}
        found: dict[str, set[str]] = {e: set() for e in entities}
        rare = [e for e in entities if talks.get(e, 0) <= RARE_TALKS]
        if rare:
            for row in self._select(
                f"SELECT ?x ?e WHERE {{ VALUES ?e {{ {' '.join(f'<{e}>' for e in rare)} }} ?x ?link ?e . {links} "
                f"?x ?also <{focus}> . FILTER(?also IN (tg:mentions, tg:hasTopic, tg:presentedBy)) }}"
            ):
                found[row["e"].value].add(row["x"].value)
        common = [
            f"{{ SELECT DISTINCT ?x ?e WHERE {{ {_names('?x', f'<{focus}>', '?one')} "
            f"{_names('?x', f'<{e}>', '?other')} BIND(<{e}> AS ?e) }} LIMIT {EVIDENCE_TALKS} }}"
            for e in entities
            if e not in rare
        ]
        if common:
            for row in self._select(f"SELECT ?x ?e WHERE {{ {' UNION '.join(common)} }}"):
                found[row["e"].value].add(row["x"].value)
        return {e: sorted(found[e])[:EVIDENCE_TALKS] for e in entities}

    def read_evidence(self, focus: str, ranked: list[CoOccurrence]) -> None:
        """Read the evidence of several co-occurrences with focus at once (evidence_of), where it is not read yet."""
        wanted = [c for c in ranked if "evidence" not in c.__dict__]
        if self.store is None or not wanted:
            return
        for c, evidence in zip(wanted, self.evidence_of(focus, [c.entity.iri for c in wanted]).values(), strict=True):
            c.__dict__["evidence"] = evidence

    def related_topics(self, talk: str) -> list[RelatedTopic]:
        """Topics of a talk, ranked (rank_related_topics): read from the talk alone."""
        if talk not in self.nodes:
            return []
        return rank_related_topics(
            self.nodes[talk], self.talk_entities.get(talk, set()), self.sentences, self.nodes, self
        )

    def companies_of_topic(self, topic: str) -> list[tuple[Node, list[Node]]]:
        """Organisations behind the tools that belong to a topic (in the vocabulary), with those tools."""
        behind: dict[str, list[Node]] = defaultdict(list)
        for tool in self._topic_tools.get(topic, ()):
            if tool in self.nodes:
                for org in self.developers.get(tool, ()):
                    if org in self.nodes:
                        behind[org].append(self.nodes[tool])
        return sorted(
            ((self.nodes[o], sorted(t, key=lambda n: (n.label, n.iri))) for o, t in behind.items()),
            key=lambda pair: (-len(pair[1]), pair[0].label.casefold()),
        )

    @cached_property
    def _entity_graph(self) -> nx.Graph:
        graph = nx.Graph()  # built in sorted order: Louvain's seeded answer depends on insertion order
        counts = self._counts
        graph.add_nodes_from(sorted(e for e in counts.entities if e in self.nodes))
        graph.add_weighted_edges_from(
            (a, b, w) for (a, b), w in sorted(counts.pairs.items()) if a in self.nodes and b in self.nodes
        )
        return nx.freeze(graph)

    def entity_graph(self) -> nx.Graph:
        """Tools, projects, topics and companies linked by how many talks name both: built from the counts,
        bounded by the vocabulary (once per view, read-only: the view does not change after from_store)."""
        return self._entity_graph

    @cached_property
    def _talk_graph(self) -> nx.Graph:
        graph = nx.Graph()
        for talk, entities in sorted(self._all_links()[0].items()):
            for entity in sorted(entities):
                graph.add_edge(talk, entity)
        for tool, topics in sorted(self.tool_topics.items()):
            for topic in sorted(topics):
                if tool in graph and topic in graph:
                    graph.add_edge(tool, topic)
        return nx.freeze(graph)

    def talk_graph(self) -> nx.Graph:
        """Talks and everything they name: the graph paths run through (read from the store the first time
        a path is asked, then kept; read-only)."""
        return self._talk_graph

    @kept_per_view(64)
    def around(self, center: str, radius: int = 1) -> nx.Graph:
        """The talk graph's nodes at most `radius` steps from center and the links among them (its ego graph;
        read-only, kept for the view). A view over a store reads them a step at a time, a query or two per step,
        rather than the whole talk graph (a million links at 100,000 talks); a node in no link stands alone."""
        return nx.freeze(self._around(center, radius))

    def _around(self, center: str, radius: int) -> nx.Graph:
        if self._walks_whole_talk_graph():
            full = self.talk_graph()
            if center in full:
                return nx.ego_graph(full, center, radius=radius)
            alone = nx.Graph()
            alone.add_node(center)
            return alone
        seen, frontier = {center}, {center}
        for _ in range(radius):
            frontier = self._talk_graph_neighbours(frontier) - seen
            seen |= frontier
        graph = nx.Graph()
        graph.add_nodes_from(sorted(seen))
        graph.add_edges_from(sorted(self._talk_graph_links(seen)))
        return graph

    @kept_per_view(64)
    def talk_graph_neighbours(self, center: str) -> frozenset[str]:
        """center's neighbours in the talk graph: around(center)'s, without reading the links among them (at
        100,000 talks the 6,740 talks around Cilium name 200,000 things: 3 s to read, for a page of 25)."""
        if self._walks_whole_talk_graph():
            g = self.around(center)
            return frozenset(g[center]) if center in g else frozenset()
        return frozenset(self._talk_graph_neighbours({center}) - {center})

    def talk_graph_links_among(self, nodes: set[str]) -> set[tuple[str, str]]:
        """The talk graph's links with both ends among these nodes (a few: one query for their talks' links)."""
        if self._walks_whole_talk_graph():
            return set(self.talk_graph().subgraph(nodes).edges())
        return self._talk_graph_links(nodes)

    def _walks_whole_talk_graph(self) -> bool:
        """Whether talk-graph questions read the whole talk graph (a view in memory, or one that has read it)
        rather than a step at a time from the store."""
        return self.store is None or not isinstance(self.nodes, NodeIndex) or "_talk_graph" in self.__dict__

    def _linked(self, nodes: set[str], naming: bool = True) -> set[tuple[str, str]]:
        """(talk, thing it names) for these nodes, both ends nodes of the view, as the talk graph links them: what
        the talks among them name, and (naming) the talks naming the others; one query for each side."""
        assert isinstance(self.nodes, NodeIndex)
        held = self.nodes.many(nodes)
        talks = sorted(n for n, node in held.items() if node.cls == EntityClass.TALK)
        others = sorted(n for n, node in held.items() if node.cls != EntityClass.TALK) if naming else []
        pairs: set[tuple[str, str]] = set()
        for bound, members in (("?t", talks), ("?x", others)):
            if members:
                rows = self._select(
                    f"SELECT DISTINCT ?t ?x WHERE {{ VALUES {bound} {{ {' '.join(f'<{n}>' for n in members)} }} "
                    # no `?t a tg:Talk`: with it Oxigraph joined every talk's links before the VALUES (minutes
                    # at 100k talks); only talks have these links, and the ends' classes are checked below
                    f"?t ?link ?x . FILTER(?link IN (tg:mentions, tg:hasTopic, tg:presentedBy)) }}"
                )
                pairs.update((r["t"].value, r["x"].value) for r in rows)
        known = self.nodes.many({end for pair in pairs for end in pair})
        return {(t, x) for t, x in pairs if t in known and x in known and known[t].cls == EntityClass.TALK}

    def _in_talk_graph(self, entity: str) -> bool:
        """Whether some talk names this entity (a vocabulary link joins the talk graph only between such)."""
        return self.talk_count(entity) > 0

    @cached_property
    def _topic_tools(self) -> dict[str, set[str]]:
        """The vocabulary's tool → topic links read from the topic's end (a search steps from either end)."""
        tools: dict[str, set[str]] = defaultdict(set)
        for tool, topics in self.tool_topics.items():
            for topic in topics:
                tools[topic].add(tool)
        return tools

    def _vocabulary_links(self, nodes: set[str]) -> set[tuple[str, str]]:
        """The vocabulary's tool → topic links touching these nodes, between entities some talk names (looked up
        from each node: a search step asks this for a few nodes, and the vocabulary has thousands of links)."""
        links = {(node, topic) for node in nodes for topic in self.tool_topics.get(node, ())}
        links |= {(tool, node) for node in nodes for tool in self._topic_tools.get(node, ())}
        return {
            (a, b)
            for a, b in links
            if a in self.nodes and b in self.nodes and self._in_talk_graph(a) and self._in_talk_graph(b)
        }

    def _talk_graph_neighbours(self, nodes: set[str]) -> set[str]:
        found: set[str] = set()
        for a, b in self._linked(nodes) | self._vocabulary_links(nodes):
            found.update((a, b))
        return found

    def _talk_graph_links(self, nodes: set[str]) -> set[tuple[str, str]]:
        """The talk graph's links with both ends among these nodes."""
        links = {(t, x) for t, x in self._linked(nodes, naming=False) if x in nodes}
        links |= {(a, b) for a, b in self._vocabulary_links(nodes) if a in nodes and b in nodes}
        return links

    @kept_per_view(4)
    def communities(self, seed: int = 7) -> list[list[Node]]:
        graph = self.entity_graph()
        if graph.number_of_edges() == 0:
            return []
        found = nx.community.louvain_communities(graph, weight="weight", seed=seed)
        ordered = sorted(found, key=lambda c: (-len(c), min(c)))
        talks = self._counts.entities
        return [sorted((self.nodes[i] for i in c), key=lambda n: (-talks.get(n.iri, 0), n.label)) for c in ordered]

    def centrality(self) -> dict[str, tuple[float, float]]:
        graph = self.entity_graph()
        if graph.number_of_nodes() == 0:
            return {}
        degree = nx.degree_centrality(graph)
        between = nx.betweenness_centrality(graph, normalized=True)
        return {n: (round(degree[n], 4), round(between[n], 4)) for n in graph}

    @kept_per_view(256)
    def path(self, source: str, target: str) -> list[Node]:
        """A shortest path through the talk graph (networkx.shortest_path's); a view over a store searches from
        both ends a level at a time rather than building the talk graph."""
        if self._walks_the_store():
            found = self._walk().shortest_path(source, target)
        else:
            try:
                found = nx.shortest_path(self.talk_graph(), source, target)
            except (nx.NetworkXNoPath, nx.NodeNotFound):
                found = []
        held = self.nodes.many(set(found)) if isinstance(self.nodes, NodeIndex) else self.nodes  # one query
        return [held[n] for n in found]

    @kept_per_view(256)
    def shortest_paths(self, source: str, target: str, most: int) -> list[list[str]]:
        """The first `most` shortest paths through the talk graph, in networkx.all_shortest_paths's order (none when
        source is target); a view over a store searches from both ends a level at a time."""
        if self._walks_the_store():
            return self._walk().all_shortest_paths(source, target, most)
        graph = self.talk_graph()
        if source == target or source not in graph or target not in graph:
            return []
        try:
            return list(islice(nx.all_shortest_paths(graph, source, target), most))
        except nx.NetworkXNoPath:
            return []

    def _walks_the_store(self) -> bool:
        return self.store is not None and isinstance(self.nodes, NodeIndex) and "_talk_graph" not in self.__dict__

    def _walk(self) -> TalkGraphWalk:
        """A search's own reading of the talk graph (its answer is kept, not what it read: concurrent searches
        share nothing half-read)."""
        return TalkGraphWalk(self._talk_graph_links_of, NamingTalks(self._select, self.nodes, self._vocabulary_links))

    def _talk_graph_links_of(self, nodes: set[str]) -> list[Link]:
        """Every talk graph link of these nodes: what the talks name, the talks naming the others, the vocabulary's."""
        return [(t, x, False) for t, x in self._linked(nodes)] + [
            (tool, topic, True) for tool, topic in self._vocabulary_links(nodes)
        ]
