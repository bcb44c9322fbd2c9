"""The questions Talkgraph answers, each one method returning one typed answer.

The JSON API, the pages and the CLI all ask here and serialise the answer the
same way (`talkgraph.api.serialize`), so `/api/cooccur?focus=eBPF` and
`talkgraph cooccur eBPF --format json` cannot drift apart. Refs are resolved
here too: an IRI, a slug or a label in any case; one that names nothing raises
NotFound (a 404 on the web, exit 1 in the CLI).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from talkgraph.graph.analytics.view import Evidence, Node, TalkGraph
from talkgraph.graph.errors import NotFound
from talkgraph.ontology import FOCUSABLE, SOFTWARE, EntityClass

FLATTEN = {"flatten": True}  # serialised as the node's own keys beside the other fields
OPTIONAL = {"optional": True}  # left out of the JSON when None


@dataclass(frozen=True)
class Stats:
    classes: dict[str, int]
    linked_entities: int
    talks: int


@dataclass(frozen=True)
class SearchHit:
    node: Node = field(metadata=FLATTEN)
    talks: int = 0


@dataclass(frozen=True)
class SearchAnswer:
    query: str
    results: list[SearchHit]


@dataclass(frozen=True)
class RankedCoOccurrence:
    rank: int
    entity: Node = field(metadata=FLATTEN)
    talks: int = 0  # distinct talks naming both
    score: float = 0.0  # talks / sqrt(talks of focus × talks of entity)
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(frozen=True)
class CoOccurrenceAnswer:
    focus: Node
    results: list[RankedCoOccurrence]


@dataclass(frozen=True)
class RankedTopic:
    rank: int
    topic: Node = field(metadata=FLATTEN)
    score: float = 0.0
    explicit: bool = False
    reasons: list[str] = field(default_factory=list)
    shared_tools: list[Node] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RelatedTopicsAnswer:
    talk: Node
    results: list[RankedTopic]


@dataclass(frozen=True)
class TalkSummary:
    talk: Node = field(metadata=FLATTEN)
    names: list[Node] = field(default_factory=list)


@dataclass(frozen=True)
class TalksAnswer:
    count: int
    results: list[TalkSummary]


@dataclass(frozen=True)
class CompanyTools:
    company: Node = field(metadata=FLATTEN)
    tools: list[Node] = field(default_factory=list)


@dataclass(frozen=True)
class CompaniesAnswer:
    topic: Node
    results: list[CompanyTools]


@dataclass(frozen=True)
class Community:
    community: int
    members: list[Node]


@dataclass(frozen=True)
class CommunitiesAnswer:
    results: list[Community]


@dataclass(frozen=True)
class PathAnswer:
    source: Node
    target: Node
    path: list[Node]
    found: bool


@dataclass(frozen=True)
class Named:
    """Something a talk names (or a talk naming something), with the sentences that do."""

    node: Node = field(metadata=FLATTEN)
    sentences: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ResourceAnswer:
    node: Node = field(metadata=FLATTEN)
    names: list[Named] | None = field(default=None, metadata=OPTIONAL)  # a talk's
    related_topics: list[RankedTopic] | None = field(default=None, metadata=OPTIONAL)  # a talk's
    talks: list[Named] | None = field(default=None, metadata=OPTIONAL)  # anything else's
    cooccurring: list[RankedCoOccurrence] | None = field(default=None, metadata=OPTIONAL)  # software and topics


class Questions:
    """Answers over one analytics view."""

    RESOURCE_COOCCURRENCES = 20  # a resource shows its best co-occurring tools, not all of them

    def __init__(self, view: TalkGraph):
        self.view = view

    def resolve(self, ref: str, classes: tuple[str, ...] = (), what: str = "resource") -> Node:
        """The node a ref names; a blank ref names nothing (as a substring it would match anything)."""
        node = self.view.resolve(ref, classes) if ref.strip() else None
        if node is None:
            raise NotFound(f"no {what} matches {ref!r}")
        return node

    def stats(self) -> Stats:
        counts: dict[str, int] = {}
        for node in self.view.nodes.values():
            counts[node.cls] = counts.get(node.cls, 0) + 1
        linked = {e for entities in self.view.talk_entities.values() for e in entities}
        return Stats(dict(sorted(counts.items())), len(linked), counts.get(EntityClass.TALK, 0))

    def search(self, query: str, limit: int = 20) -> SearchAnswer:
        """Labels containing the query, those starting with it first, then the most-named."""
        view, folded = self.view, query.casefold()
        hits = [n for n in view.nodes.values() if folded in n.label.casefold()]
        hits.sort(key=lambda n: (not n.label.casefold().startswith(folded), -self._talk_count(n), n.label))
        return SearchAnswer(query, [SearchHit(n, self._talk_count(n)) for n in hits[:limit]])

    def cooccurrence(self, focus: str, limit: int = 50) -> CoOccurrenceAnswer:
        node = self.resolve(focus, FOCUSABLE, "topic or tool")
        return CoOccurrenceAnswer(node, self._ranked_cooccurrences(node, limit))

    def related_topics(self, talk: str) -> RelatedTopicsAnswer:
        node = self.resolve(talk, (EntityClass.TALK,), "talk")
        return RelatedTopicsAnswer(node, self._ranked_topics(node))

    def talks(
        self, topic: str | None = None, tool: str | None = None, company: str | None = None, person: str | None = None
    ) -> TalksAnswer:
        """All talks, or those matching every filter given (about a topic, naming a tool, …)."""
        view = self.view
        filters = [
            (topic, (EntityClass.TOPIC,), "topic"),
            (tool, SOFTWARE, "tool"),
            (company, (EntityClass.COMPANY,), "company"),
            (person, (EntityClass.PERSON,), "person"),
        ]
        selected: set[str] | None = None
        for ref, classes, what in filters:
            if ref is not None:
                found = {t.iri for t in view.talks_of(self.resolve(ref, classes, what).iri)}
                selected = found if selected is None else selected & found
        talks = [
            n for n in view.nodes.values() if n.cls == EntityClass.TALK and (selected is None or n.iri in selected)
        ]
        results = [
            TalkSummary(talk, [view.nodes[e] for e in sorted(view.talk_entities.get(talk.iri, ()))])
            for talk in sorted(talks, key=lambda n: n.label.casefold())
        ]
        return TalksAnswer(len(results), results)

    def companies(self, topic: str) -> CompaniesAnswer:
        node = self.resolve(topic, (EntityClass.TOPIC,), "topic")
        return CompaniesAnswer(
            node, [CompanyTools(org, tools) for org, tools in self.view.companies_of_topic(node.iri)]
        )

    def communities(self) -> CommunitiesAnswer:
        return CommunitiesAnswer([Community(i, members) for i, members in enumerate(self.view.communities(), 1)])

    def path(self, source: str, target: str) -> PathAnswer:
        a, b = self.resolve(source), self.resolve(target)
        steps = self.view.path(a.iri, b.iri)
        return PathAnswer(a, b, steps, bool(steps))

    def resource(self, ref: str) -> ResourceAnswer:
        return self.describe(self.resolve(ref))

    def describe(self, node: Node) -> ResourceAnswer:
        """Everything the view knows of one node: what a talk names and its topics, or the talks naming it."""
        view = self.view
        if node.cls == EntityClass.TALK:
            names = [view.nodes[e] for e in sorted(view.talk_entities.get(node.iri, ()))]
            return ResourceAnswer(
                node,
                names=[Named(e, view.sentences.get((node.iri, e.iri), [])) for e in names],
                related_topics=self._ranked_topics(node),
            )
        talks = [Named(t, view.sentences.get((t.iri, node.iri), [])) for t in view.talks_of(node.iri)]
        cooccurring = None
        if node.cls in FOCUSABLE:
            cooccurring = self._ranked_cooccurrences(node, self.RESOURCE_COOCCURRENCES)
        return ResourceAnswer(node, talks=talks, cooccurring=cooccurring)

    # -- shared pieces --------------------------------------------------------

    def _talk_count(self, node: Node) -> int:
        return len(self.view.entity_talks.get(node.iri, ()))

    def _ranked_cooccurrences(self, node: Node, limit: int) -> list[RankedCoOccurrence]:
        return [
            RankedCoOccurrence(i, c.entity, c.weight, c.score, c.evidence)
            for i, c in enumerate(self.view.cooccurring(node.iri)[:limit], start=1)
        ]

    def _ranked_topics(self, talk: Node) -> list[RankedTopic]:
        return [
            RankedTopic(i, r.topic, r.score, r.explicit, r.reasons, r.tools, r.sentences)
            for i, r in enumerate(self.view.related_topics(talk.iri), start=1)
        ]
