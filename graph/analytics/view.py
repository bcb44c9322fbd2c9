"""NetworkX view of the store: co-occurrence, related topics, communities, centrality, paths.

The view starts from what is bounded by the vocabulary: the nodes (talks, people, entities), the vocabulary's
links, and the entity graph's counts, which ingest keeps in the derived graph (or, for a store without them,
SPARQL aggregates the store runs). What a talk names, the talks of an entity and the sentences behind an
answer are read from the store when a question needs them, a few at a time: a server never holds every
mention of the corpus. Co-occurrence scores are computed from the counts when asked.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, ItemsView, Iterator, Mapping, ValuesView
from dataclasses import dataclass, field
from functools import cached_property, lru_cache, partial
from typing import Generic, TypeVar

import networkx as nx

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
from talkgraph.graph.analytics.stored import aggregate_counts, read_counts
from talkgraph.graph.rdf.store import GraphStore
from talkgraph.ontology import SOFTWARE, slug, sparql_prologue

__all__ = ["CLASS_OF_TYPE", "CLASS_PRIORITY", "CoOccurrence", "Evidence", "Node", "RelatedTopic", "TalkGraph"]
_LINKS = "tg:mentions|tg:hasTopic|tg:presentedBy"
K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


@dataclass
class Node:
    iri: str
    label: str
    cls: str  # Talk, Tool, Project, Topic, Company, Person, Event


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


@dataclass(eq=False)
class TalkGraph:
    nodes: dict[str, Node] = field(default_factory=dict)
    talk_entities: Mapping[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    entity_talks: Mapping[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    sentences: Mapping[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    tool_topics: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    developers: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    broader: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # topic → broader topics
    counts: Counts | None = None  # the entity graph's counts; None: counted from talk_entities when needed
    store: GraphStore | None = None  # where evidence is read when asked; None: from the mappings above

    # -- building -------------------------------------------------------------

    @classmethod
    def from_store(cls, store: GraphStore) -> TalkGraph:
        """The nodes and the vocabulary's links now, the counts from the derived graph (or as aggregates
        the store runs), and store-backed indexes for what talks name."""
        ref = Reference.from_store(store)
        view = cls(tool_topics=ref.tool_topics, developers=ref.developers, broader=ref.broader, store=store)
        for row in store.select(
            sparql_prologue() + "SELECT ?x ?type ?label WHERE { ?x a ?type . "
            "OPTIONAL { ?x skos:prefLabel ?pl } OPTIONAL { ?x schema:name ?n } "
            "BIND(COALESCE(?pl, ?n) AS ?label) FILTER(BOUND(?label)) "
            "FILTER(?type IN (tg:Talk, tg:Tool, tg:Project, tg:Topic, tg:Company, tg:Foundation, "
            "tg:Organization, tg:Person, tg:Event)) }"
        ):
            view._add_node(row["x"].value, row["label"].value, CLASS_OF_TYPE[row["type"].value])
        stored = read_counts(store)
        view.counts = stored[0] if stored else aggregate_counts(store, ref)
        view.talk_entities = StoreIndex(view._read_talk_entities, lambda: view._all_links()[0], set)
        view.entity_talks = StoreIndex(view._read_entity_talks, lambda: view._all_links()[1], set)
        view.sentences = StoreIndex(
            lambda key: view._read_talk_sentences(key[0]).get(key[1], []), view._read_all_sentences, list
        )
        return view

    def _add_node(self, iri: str, label: str, cls: str) -> None:
        known = self.nodes.get(iri)
        if better_class(known.cls if known else None, cls):
            self.nodes[iri] = Node(iri, label, cls)

    def _select(self, sparql: str):
        assert self.store is not None
        return self.store.select(sparql_prologue() + sparql)

    def _read_talk_entities(self, talk: str) -> set[str]:
        rows = self._select(f"SELECT DISTINCT ?e WHERE {{ <{talk}> a tg:Talk ; {_LINKS} ?e }}")
        return {r["e"].value for r in rows if r["e"].value in self.nodes}

    def _read_entity_talks(self, entity: str) -> set[str]:
        rows = self._select(f"SELECT DISTINCT ?t WHERE {{ ?t a tg:Talk ; {_LINKS} <{entity}> }}")
        return {r["t"].value for r in rows if r["t"].value in self.nodes} if entity in self.nodes else set()

    @lru_cache(maxsize=4096)  # noqa: B019 - a view lives as long as its store's contents; then it is dropped
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

    @lru_cache(maxsize=1)  # noqa: B019
    def _all_links(self) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
        """Every talk → entity link (for the talk graph paths run through, and for whole-corpus listings)."""
        if self.store is None:
            return dict(self.talk_entities), dict(self.entity_talks)
        by_talk: dict[str, set[str]] = defaultdict(set)
        by_entity: dict[str, set[str]] = defaultdict(set)
        for row in self._select(f"SELECT ?t ?e WHERE {{ ?t a tg:Talk ; {_LINKS} ?e }}"):
            talk, entity = row["t"].value, row["e"].value
            if talk in self.nodes and entity in self.nodes:
                by_talk[talk].add(entity)
                by_entity[entity].add(talk)
        return dict(by_talk), dict(by_entity)

    @cached_property
    def _counts(self) -> Counts:
        if self.counts is not None:
            return self.counts
        classes = {iri: n.cls for iri, n in self.nodes.items()}
        links = DocumentLinks(titles={t: self.nodes[t].label for t in self.talk_entities if t in self.nodes})
        links.named.update(self.talk_entities)
        return Counts.of_document(links, Reference(classes=classes))

    @cached_property
    def _neighbours(self) -> dict[str, set[str]]:
        return self._counts.neighbours()

    # -- questions ------------------------------------------------------------

    def resolve(self, text: str, classes: tuple[str, ...] = ()) -> Node | None:
        """An IRI, a slug or a label (any case) → the node it names."""
        if text in self.nodes:
            node = self.nodes[text]
            return node if not classes or node.cls in classes else None
        wanted = [n for n in self.nodes.values() if not classes or n.cls in classes]
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

    def talks_of(self, entity: str) -> list[Node]:
        return sorted(
            (self.nodes[t] for t in self.entity_talks.get(entity, ()) if t in self.nodes), key=lambda n: n.label
        )

    def cooccurring(self, focus: str, classes: tuple[str, ...] = SOFTWARE) -> list[CoOccurrence]:
        """Entities of the given classes named in the same talks as focus, best score first: weights and
        scores from the entity graph's counts, evidence read when asked."""
        node = self.nodes.get(focus)
        if node is None:
            return []
        if node.cls not in COUNTED_CLASSES or not set(classes) <= set(COUNTED_CLASSES):
            return self._cooccurring_by_talks(focus, classes)
        counts = self._counts
        ranked = []
        for entity in self._neighbours.get(focus, ()):
            if entity in self.nodes and self.nodes[entity].cls in classes:
                weight = counts.pairs[(focus, entity) if focus < entity else (entity, focus)]
                score = cooccurrence_score(weight, counts.entities[focus], counts.entities[entity])
                ranked.append(CoOccurrence(self.nodes[entity], weight, score, self._evidence_reader(focus, entity)))
        return sorted(ranked, key=lambda c: (-c.score, -c.weight, c.entity.label.casefold()))

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
            evidence = [Evidence(self.nodes[t], self.sentences.get((t, entity), [])) for t in sorted(talks)]
            ranked.append(CoOccurrence(self.nodes[entity], len(talks), score, partial(list, evidence)))
        return sorted(ranked, key=lambda c: (-c.score, -c.weight, c.entity.label.casefold()))

    def _evidence_reader(self, focus: str, entity: str) -> Callable[[], list[Evidence]]:
        def read() -> list[Evidence]:
            if self.store is None:
                talks = self.entity_talks.get(focus, set()) & self.entity_talks.get(entity, set())
                return [Evidence(self.nodes[t], self.sentences.get((t, entity), [])) for t in sorted(talks)]
            both = f"?t a tg:Talk ; {_LINKS} <{focus}>, <{entity}> ."
            found = sorted({r["t"].value for r in self._select(f"SELECT DISTINCT ?t WHERE {{ {both} }}")})
            said: dict[str, list[str]] = defaultdict(list)
            for row in self._select(
                f"SELECT ?t ?sentence ?offset WHERE {{ {both} ?m tg:talk ?t ; tg:entity <{entity}> ; "
                "tg:sentence ?sentence ; tg:offset ?offset } ORDER BY ?offset"
            ):
                if row["sentence"].value not in said[row["t"].value]:
                    said[row["t"].value].append(row["sentence"].value)
            return [Evidence(self.nodes[t], said.get(t, [])) for t in found if t in self.nodes]

        return read

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
        for tool, topics in self.tool_topics.items():
            if topic in topics and tool in self.nodes:
                for org in self.developers.get(tool, ()):
                    if org in self.nodes:
                        behind[org].append(self.nodes[tool])
        return sorted(
            ((self.nodes[o], sorted(t, key=lambda n: n.label)) for o, t in behind.items()),
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

    def path(self, source: str, target: str) -> list[Node]:
        graph = self.talk_graph()
        try:
            return [self.nodes[n] for n in nx.shortest_path(graph, source, target)]
        except (nx.NetworkXNoPath, nx.NodeNotFound):
            return []
