"""NetworkX view of the store: co-occurrence, related topics, communities, centrality, paths.

The view is built from the store with a few SELECTs (talks, what they name,
the sentences that name it, the vocabulary's tool → topic links); every
answer carries the talks and sentences behind it. `derived_quads` writes the
same answers back as triples, so SPARQL can ask for them too.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

import networkx as nx
from pyoxigraph import Literal, NamedNode, Quad

from talkgraph.graph.rdf.store import GraphStore
from talkgraph.ontology import DERIVED_GRAPH, ID, RDF, RDFS, TG, XSD, slug, sparql_prologue

_DECIMAL = NamedNode(str(XSD.decimal))
_INTEGER = NamedNode(str(XSD.integer))
_BOOLEAN = NamedNode(str(XSD.boolean))
CLASS_OF_TYPE = {
    str(TG.Talk): "Talk",
    str(TG.Topic): "Topic",
    str(TG.Company): "Company",
    str(TG.Foundation): "Company",
    str(TG.Organization): "Company",
    str(TG.Project): "Project",
    str(TG.Tool): "Tool",
    str(TG.Person): "Person",
    str(TG.Event): "Event",
}
CLASS_PRIORITY = ("Talk", "Tool", "Project", "Topic", "Company", "Person", "Event")
# The derived graph keeps each tool's and topic's best co-occurrences only: all pairs grow with the
# square of a talk's names and made the derived graph as large as the notes (benchmarks/corpus.py).
DERIVED_COOCCURRENCES = 50


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
    evidence: list[Evidence]


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


@dataclass
class TalkGraph:
    nodes: dict[str, Node] = field(default_factory=dict)
    talk_entities: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    entity_talks: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    sentences: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    tool_topics: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    explicit_topics: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    developers: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    broader: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # topic → broader topics

    # -- building -------------------------------------------------------------

    @classmethod
    def from_store(cls, store: GraphStore) -> TalkGraph:
        view = cls()
        p = sparql_prologue()
        for row in store.select(
            p + "SELECT ?x ?type ?label WHERE { ?x a ?type . "
            "OPTIONAL { ?x skos:prefLabel ?pl } OPTIONAL { ?x schema:name ?n } "
            "BIND(COALESCE(?pl, ?n) AS ?label) FILTER(BOUND(?label)) "
            "FILTER(?type IN (tg:Talk, tg:Tool, tg:Project, tg:Topic, tg:Company, tg:Foundation, "
            "tg:Organization, tg:Person, tg:Event)) }"
        ):
            view._add_node(row["x"].value, row["label"].value, CLASS_OF_TYPE[row["type"].value])
        for row in store.select(
            p + "SELECT ?talk ?e WHERE { ?talk a tg:Talk ; tg:mentions|tg:hasTopic|tg:presentedBy ?e }"
        ):
            talk, entity = row["talk"].value, row["e"].value
            if entity in view.nodes:
                view.talk_entities[talk].add(entity)
                view.entity_talks[entity].add(talk)
        for row in store.select(
            p + "SELECT ?talk ?e ?sentence ?offset WHERE { ?m a tg:Mention ; tg:talk ?talk ; "
            "tg:entity ?e ; tg:sentence ?sentence ; tg:offset ?offset } ORDER BY ?offset"
        ):
            talk, entity = row["talk"].value, row["e"].value
            if row["sentence"].value not in view.sentences[(talk, entity)]:  # a sentence may name it twice
                view.sentences[(talk, entity)].append(row["sentence"].value)
            if view.nodes.get(entity) and view.nodes[entity].cls == "Topic":
                view.explicit_topics[talk].add(entity)
        for row in store.select(p + "SELECT ?tool ?topic WHERE { ?tool tg:inTopic ?topic }"):
            view.tool_topics[row["tool"].value].add(row["topic"].value)
        for row in store.select(p + "SELECT ?tool ?org WHERE { ?tool tg:developedBy ?org }"):
            view.developers[row["tool"].value].add(row["org"].value)
        for row in store.select(p + "SELECT ?topic ?broader WHERE { ?topic a tg:Topic ; skos:broader ?broader }"):
            view.broader[row["topic"].value].add(row["broader"].value)
        return view

    def _add_node(self, iri: str, label: str, cls: str) -> None:
        known = self.nodes.get(iri)
        if known is None or CLASS_PRIORITY.index(cls) < CLASS_PRIORITY.index(known.cls):
            self.nodes[iri] = Node(iri, label, cls)

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

    def cooccurring(self, focus: str, classes: tuple[str, ...] = ("Tool", "Project")) -> list[CoOccurrence]:
        """Entities of the given classes named in the same talks as focus, best score first."""
        focus_talks = self.entity_talks.get(focus, set())
        together: dict[str, set[str]] = defaultdict(set)
        for talk in focus_talks:
            for entity in self.talk_entities[talk]:
                if entity != focus and self.nodes[entity].cls in classes:
                    together[entity].add(talk)
        ranked = []
        for entity, talks in together.items():
            score = len(talks) / math.sqrt(len(focus_talks) * len(self.entity_talks[entity]))
            evidence = [Evidence(self.nodes[t], self.sentences.get((t, entity), [])) for t in sorted(talks)]
            ranked.append(CoOccurrence(self.nodes[entity], len(talks), round(score, 4), evidence))
        return sorted(ranked, key=lambda c: (-c.score, -c.weight, c.entity.label.casefold()))

    def related_topics(self, talk: str) -> list[RelatedTopic]:
        """Topics of a talk, ranked. A topic the talk names counts 1, a quarter more for each further
        sentence naming it (up to 2) and 1 more when the title names it; each of the talk's tools
        adds 1 / (number of topics the tool belongs to); a broader topic gets half of each narrower
        topic's score (Monitoring and Tracing make a talk about Observability too)."""
        entities = self.talk_entities.get(talk, set())
        tools = [e for e in entities if self.nodes[e].cls in ("Tool", "Project")]
        own: dict[str, float] = defaultdict(float)
        via: dict[str, list[Node]] = defaultdict(list)
        for tool in tools:
            topics = self.tool_topics.get(tool, set())
            for topic in topics:
                if topic in self.nodes:
                    own[topic] += 1 / len(topics)
                    via[topic].append(self.nodes[tool])
        title = self.nodes[talk].label
        for topic in self.explicit_topics.get(talk, set()):
            sentences = self.sentences.get((talk, topic), [])
            own[topic] += min(2.0, 0.75 + 0.25 * len(sentences)) + (1.0 if title in sentences else 0.0)
        scores = defaultdict(float, own)
        narrower: dict[str, list[Node]] = defaultdict(list)
        for topic, score in own.items():
            for parent in self.broader.get(topic, ()):
                if parent in self.nodes:
                    scores[parent] += score / 2
                    narrower[parent].append(self.nodes[topic])
        related = [
            RelatedTopic(
                self.nodes[t],
                round(s, 4),
                t in self.explicit_topics.get(talk, set()),
                sorted(via[t], key=lambda n: n.label.casefold()),
                self.sentences.get((talk, t), []),
                sorted(narrower[t], key=lambda n: n.label.casefold()),
            )
            for t, s in scores.items()
        ]
        return sorted(related, key=lambda r: (-r.score, r.topic.label.casefold()))

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
        for _, entities in sorted(self.talk_entities.items()):
            named = sorted(e for e in entities if self.nodes[e].cls in ("Tool", "Project", "Topic", "Company"))
            for i, a in enumerate(named):
                graph.add_node(a)
                for b in named[i + 1 :]:
                    weight = graph.get_edge_data(a, b, {"weight": 0})["weight"]
                    graph.add_edge(a, b, weight=weight + 1)
        return nx.freeze(graph)

    def entity_graph(self) -> nx.Graph:
        """Tools, projects, topics and companies linked by how many talks name both (built once per
        view, read-only: the view does not change after from_store)."""
        return self._entity_graph

    @cached_property
    def _talk_graph(self) -> nx.Graph:
        graph = nx.Graph()
        for talk, entities in sorted(self.talk_entities.items()):
            for entity in sorted(entities):
                graph.add_edge(talk, entity)
        for tool, topics in sorted(self.tool_topics.items()):
            for topic in sorted(topics):
                if tool in graph and topic in graph:
                    graph.add_edge(tool, topic)
        return nx.freeze(graph)

    def talk_graph(self) -> nx.Graph:
        """Talks and everything they name: the graph paths run through (built once per view, read-only)."""
        return self._talk_graph

    def communities(self, seed: int = 7) -> list[list[Node]]:
        graph = self.entity_graph()
        if graph.number_of_edges() == 0:
            return []
        found = nx.community.louvain_communities(graph, weight="weight", seed=seed)
        ordered = sorted(found, key=lambda c: (-len(c), min(c)))
        return [
            sorted((self.nodes[i] for i in c), key=lambda n: (-len(self.entity_talks[n.iri]), n.label)) for c in ordered
        ]

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


def derived_quads(view: TalkGraph) -> list[Quad]:
    """Co-occurrences, related topics, communities and centrality as triples of the derived graph."""
    graph = NamedNode(str(DERIVED_GRAPH))
    out: list[Quad] = []

    def add(s, p, o) -> None:
        out.append(Quad(s, NamedNode(str(p)), o, graph))

    def dec(value: float) -> Literal:
        return Literal(f"{value:.4f}", datatype=_DECIMAL)

    for focus, node in sorted(view.nodes.items()):
        if node.cls not in ("Tool", "Project", "Topic"):
            continue
        for co in view.cooccurring(focus)[:DERIVED_COOCCURRENCES]:
            if co.entity.iri <= focus and node.cls != "Topic":
                continue  # tool–tool pairs once
            iri = NamedNode(str(ID[f"cooccurrence/{slug(node.label)}--{slug(co.entity.label)}"]))
            add(iri, RDF.type, NamedNode(str(TG.CoOccurrence)))
            add(iri, TG.source, NamedNode(focus))
            add(iri, TG.target, NamedNode(co.entity.iri))
            add(iri, TG.weight, Literal(str(co.weight), datatype=_INTEGER))
            add(iri, TG.score, dec(co.score))
            for evidence in co.evidence:
                add(iri, TG.evidenceTalk, NamedNode(evidence.talk.iri))
            add(NamedNode(focus), TG.coOccursWith, NamedNode(co.entity.iri))
    for talk in sorted(t for t, n in view.nodes.items() if n.cls == "Talk"):
        talk_slug = talk.rsplit("/talk/", 1)[-1]
        for related in view.related_topics(talk):
            iri = NamedNode(str(ID[f"topic-relation/{talk_slug}/{slug(related.topic.label)}"]))
            add(iri, RDF.type, NamedNode(str(TG.TopicRelation)))
            add(iri, TG.relationTalk, NamedNode(talk))
            add(iri, TG.relationTopic, NamedNode(related.topic.iri))
            add(iri, TG.score, dec(related.score))
            add(iri, TG.explicit, Literal("true" if related.explicit else "false", datatype=_BOOLEAN))
            for reason in related.reasons:
                add(iri, TG.reason, Literal(reason))
            for tool in related.tools:
                add(iri, TG.viaTool, NamedNode(tool.iri))
            add(NamedNode(talk), TG.relatedTopic, NamedNode(related.topic.iri))
    for number, members in enumerate(view.communities(), start=1):
        iri = NamedNode(str(ID[f"community/{number}"]))
        add(iri, RDF.type, NamedNode(str(TG.Community)))
        add(iri, RDFS.label, Literal(f"Community {number}: " + ", ".join(m.label for m in members[:3])))
        for member in members:
            add(NamedNode(member.iri), TG.community, iri)
    for entity, (degree, between) in sorted(view.centrality().items()):
        add(NamedNode(entity), TG.degreeCentrality, dec(degree))
        add(NamedNode(entity), TG.betweenness, dec(between))
    return out
