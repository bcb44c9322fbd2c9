"""The questions Talkgraph answers, each one method returning one typed answer.

The JSON API, the pages and the CLI all ask here and serialise the answer the
same way (`talkgraph.api.serialize`), so `/api/cooccur?focus=eBPF` and
`talkgraph cooccur eBPF --format json` cannot drift apart. Refs are resolved
here too: an IRI, a slug or a label in any case; one that names nothing raises
NotFound (a 404 on the web, exit 1 in the CLI).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from itertools import pairwise
from typing import TypeVar

from talkgraph.graph.analytics.facts import Facts
from talkgraph.graph.analytics.view import Evidence, Node, NodeIndex, TalkGraph
from talkgraph.graph.errors import NotFound
from talkgraph.graph.rdf.described import TalkFacts, talk_facts
from talkgraph.ontology import FOCUSABLE, SOFTWARE, EntityClass

CLASS_ORDER = (
    *SOFTWARE,
    EntityClass.TOPIC,
    EntityClass.COMPANY,
    EntityClass.PERSON,
    EntityClass.TALK,
    EntityClass.EVENT,
)  # search groups, in this order
FLATTEN = {"flatten": True}  # serialised as the node's own keys beside the other fields
OPTIONAL = {"optional": True}  # left out of the JSON when None

T = TypeVar("T")


NO_ALIASES: dict[str, list[str]] = {}  # read-only: what a Questions without aliases hands out


@dataclass(frozen=True)
class Stats:
    classes: dict[str, int]  # everything the store holds, the vocabulary included
    linked_entities: int
    talks: int
    named: dict[str, int] = field(default_factory=dict)  # what the notes name, by class
    events: list[Node] = field(default_factory=list)  # the conferences the notes are about


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
    count: int = 0  # entities co-occurring, on every page
    offset: int = 0  # rank of this page's first result, less one
    next_offset: int | None = None  # of the next page; None on the last


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
    count: int  # talks that match, on every page
    offset: int  # of this page's first talk
    results: list[TalkSummary]
    next_offset: int | None = None  # of the next page; None on the last


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
class Suggestion:
    """A typeahead hit: the node, the name that matched (its label or an alias) and its talks."""

    node: Node = field(metadata=FLATTEN)
    matched: str = ""
    talks: int = 0


@dataclass(frozen=True)
class SuggestAnswer:
    query: str
    results: list[Suggestion]


@dataclass(frozen=True)
class DevelopedTool:
    tool: Node = field(metadata=FLATTEN)
    talks: list[Node] = field(default_factory=list)  # the talks naming it


@dataclass(frozen=True)
class ProfileAnswer:
    """What a resource page shows above its talks: what the entry is, from the vocabulary."""

    node: Node = field(metadata=FLATTEN)
    definition: str | None
    maturity: str | None
    aliases: list[str]
    topics: list[Node]  # a tool's topics in the vocabulary
    developers: list[Node]
    governed_by: list[Node]
    develops: list[DevelopedTool]  # a company's tools, with the talks naming them


@dataclass(frozen=True)
class Found:
    """A search hit: the node, its talks, and why it matched (its name, an alias, or a sentence naming it)."""

    node: Node = field(metadata=FLATTEN)
    talks: int = 0
    matched: str = ""
    sentence: str | None = field(default=None, metadata=OPTIONAL)


@dataclass(frozen=True)
class FoundClass:
    cls: str
    count: int
    results: list[Found]


@dataclass(frozen=True)
class FindAnswer:
    """Full-text search: every word of the query in a name, an alias or a sentence naming the thing,
    grouped by class; `unnamed` holds vocabulary entries that match but that no talk names."""

    query: str
    count: int
    groups: list[FoundClass]
    unnamed: list[Found]


@dataclass(frozen=True)
class EdgeEvidence:
    """One talk behind a link, with the sentences naming each end (a talk end has none of its own)."""

    talk: Node
    source_sentences: list[str] = field(default_factory=list)
    target_sentences: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class EdgeAnswer:
    """Why two nodes are linked: the talks naming both, a talk naming the other, or the vocabulary."""

    source: Node
    target: Node
    relation: str  # cooccurrence | names | vocabulary | none
    explanation: str
    talks: int
    evidence: list[EdgeEvidence]


@dataclass(frozen=True)
class Neighbour:
    node: Node = field(metadata=FLATTEN)
    talks: int = 0  # talks naming the node itself
    weight: int = 1  # talks behind the link (1 for a talk-names link)


@dataclass(frozen=True)
class NeighboursAnswer:
    node: Node
    graph: str  # entity | talk
    total: int  # neighbours there are, of which `results` are the heaviest
    results: list[Neighbour]
    links: list[tuple[str, str, int]]  # links among the node and its neighbours: (iri, iri, weight)


@dataclass(frozen=True)
class ConnectionPath:
    nodes: list[Node]
    steps: list[EdgeAnswer]


@dataclass(frozen=True)
class ConnectionAnswer:
    """How A is connected to B: the shortest paths through talks and topics, each step with its evidence."""

    source: Node
    target: Node
    found: bool
    paths: list[ConnectionPath]


@dataclass(frozen=True)
class Named:
    """Something a talk names (or a talk naming something), with the sentences that do."""

    node: Node = field(metadata=FLATTEN)
    sentences: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ResourceAnswer:
    node: Node = field(metadata=FLATTEN)
    names: list[Named] | None = field(default=None, metadata=OPTIONAL)  # a talk's
    about: TalkFacts | None = field(default=None, metadata=OPTIONAL)  # a talk's event, day, kind, slides, speakers
    related_topics: list[RankedTopic] | None = field(default=None, metadata=OPTIONAL)  # a talk's
    talks: list[Named] | None = field(default=None, metadata=OPTIONAL)  # anything else's: one page of them
    talk_count: int | None = field(default=None, metadata=OPTIONAL)  # talks naming it, on every page
    next_offset: int | None = field(default=None, metadata=OPTIONAL)  # of the next page of talks
    cooccurring: list[RankedCoOccurrence] | None = field(default=None, metadata=OPTIONAL)  # software and topics


class Questions:
    """Answers over one analytics view."""

    RESOURCE_COOCCURRENCES = 20  # a resource shows its best co-occurring tools, not all of them

    MAX_PATHS = 5  # shortest paths shown between two nodes (there can be hundreds of equal length)

    def __init__(
        self,
        view: TalkGraph,
        aliases: dict[str, list[str]] | Callable[[], dict[str, list[str]]] | None = None,
        facts: dict[str, Facts] | Callable[[], dict[str, Facts]] | None = None,
    ):
        """aliases and facts, or how to read them when an answer first needs them (a co-occurrence does not: the
        server's first one waited 0.3–0.9 s for both at 100,000 talks)."""
        self.view = view
        self._aliases = aliases
        self._facts = facts

    @cached_property
    def aliases(self) -> dict[str, list[str]]:
        """iri → the vocabulary's other names (skos:altLabel)."""
        aliases = self._aliases() if callable(self._aliases) else self._aliases
        return NO_ALIASES if aliases is None else aliases  # one object: the typeahead's table is kept by it

    @cached_property
    def facts(self) -> dict[str, Facts]:
        return (self._facts() if callable(self._facts) else self._facts) or {}

    def resolve(self, ref: str, classes: tuple[str, ...] = (), what: str = "resource") -> Node:
        """The node a ref names; a blank ref names nothing (as a substring it would match anything)."""
        node = self.view.resolve(ref, classes) if ref.strip() else None
        if node is None and not getattr(self.view.nodes, "entities", self.view.nodes):  # not even the vocabulary
            raise NotFound(f"no {what} matches {ref!r}: the store holds no notes yet (`talkgraph ingest FILE`)")
        if node is None:
            raise NotFound(f"no {what} matches {ref!r}")
        return node

    def stats(self) -> Stats:
        """Sizes from the entities in hand and the store's counts: no talk is read one by one."""
        counts, named = self.view.census()
        events = sorted((n for n in self.entities() if n.cls == EntityClass.EVENT), key=lambda n: n.label)
        return Stats(
            dict(sorted(counts.items())),
            sum(named.values()),
            counts.get(EntityClass.TALK, 0),
            dict(sorted(named.items())),
            events,
        )

    def entities(self):
        """The view's nodes that are not talks or people (held from the start; all nodes for a view in memory)."""
        nodes = self.view.nodes
        return nodes.entities.values() if isinstance(nodes, NodeIndex) else nodes.values()

    def search(self, query: str, limit: int = 20) -> SearchAnswer:
        """Labels containing the query, those starting with it first, then the most-named."""
        folded = query.casefold()
        hits = [n for n, label in self._labels() if folded in label]
        counts = self._talk_counts(hits)
        hits.sort(key=lambda n: (not n.label.casefold().startswith(folded), -counts[n.iri], n.label))
        return SearchAnswer(query, [SearchHit(n, counts[n.iri]) for n in hits[:limit]])

    def suggest(self, query: str, limit: int = 10, classes: tuple[str, ...] = ()) -> SuggestAnswer:
        """Typeahead over labels and aliases, case and accents folded ("kübernetes" finds Kubernetes):
        the name itself first, then names starting with the query, then names with a word starting with it;
        the most-named first within each."""
        wanted = fold(query)
        if not wanted:
            return SuggestAnswer(query, [])
        best: dict[str, tuple[tuple, str, Node]] = {}  # each node's best name, the talks naming it apart
        for node, names in self._names():
            if classes and node.cls not in classes:
                continue
            for name, folded in names:
                if wanted not in folded:
                    continue
                tier = (
                    0
                    if folded == wanted
                    else 1
                    if folded.startswith(wanted)
                    else 2
                    if f" {wanted}" in f" {folded}"
                    else 3
                )
                key = (tier, name != node.label)
                if node.iri not in best or key < best[node.iri][0]:
                    best[node.iri] = (key, name, node)
        counts = self._talk_counts(node for _, _, node in best.values())
        ranked = sorted(best.items(), key=lambda item: (*item[1][0], -counts[item[0]], item[1][2].label.casefold()))[
            :limit
        ]
        return SuggestAnswer(
            query, [Suggestion(self.view.nodes[iri], name, counts[iri]) for iri, (_, name, _) in ranked]
        )

    def profile(self, ref: str) -> ProfileAnswer:
        return self.profile_of(self.resolve(ref))

    def profile_of(self, node: Node) -> ProfileAnswer:
        view, facts = self.view, self.facts.get(node.iri, Facts())

        def nodes(iris) -> list[Node]:
            return sorted((view.nodes[i] for i in iris if i in view.nodes), key=lambda n: n.label.casefold())

        develops = [
            DevelopedTool(tool, view.talks_of(tool.iri))
            for tool in nodes(t for t, orgs in view.developers.items() if node.iri in orgs)
        ]
        develops.sort(key=lambda d: (-len(d.talks), d.tool.label.casefold()))
        return ProfileAnswer(
            node,
            facts.definition,
            facts.maturity,
            sorted(self.aliases.get(node.iri, ()), key=str.casefold),
            nodes(view.tool_topics.get(node.iri, ())),
            nodes(view.developers.get(node.iri, ())),
            nodes(facts.governed_by),
            develops,
        )

    def find(self, query: str, per_class: int = 50) -> FindAnswer:
        """Full text over titles, labels, aliases and the sentences naming things; every word must
        appear (case and accents folded). A name match ranks before a sentence match, then most talks."""
        words = fold(query).split()
        if not words:
            return FindAnswer(query, 0, [], [])
        view = self.view
        hits: dict[str, tuple[tuple, Found]] = {}
        for node in view.nodes.values():
            talks = self._talk_count(node)
            names = (node.label, *self.aliases.get(node.iri, ()))
            name = next((n for n in names if all(w in fold(n) for w in words)), None)
            if name is not None:
                hits[node.iri] = ((0, -talks, node.label.casefold()), Found(node, talks, name))
        for (talk, entity), sentences in view.sentences.items():
            wanted = [iri for iri in (entity, talk) if iri not in hits and iri in view.nodes]
            sentence = next((s for s in sentences if all(w in fold(s) for w in words)), None) if wanted else None
            for iri in wanted if sentence is not None else ():
                node = view.nodes[iri]
                talks = self._talk_count(node)
                hits[iri] = ((1, -talks, node.label.casefold()), Found(node, talks, "a sentence", sentence))
        ranked = [found for _, found in sorted(hits.values(), key=lambda pair: pair[0])]
        groups = []
        for cls in CLASS_ORDER:
            members = [f for f in ranked if f.node.cls == cls and (f.talks or cls == EntityClass.TALK)]
            if members:
                groups.append(FoundClass(cls, len(members), members[:per_class]))
        unnamed = [f for f in ranked if not f.talks and f.node.cls != EntityClass.TALK][:per_class]
        return FindAnswer(query, len(ranked), groups, unnamed)

    def edge(self, source: str, target: str) -> EdgeAnswer:
        """The evidence for the link between two nodes as the graph pages draw it."""
        return self._edge(self.resolve(source), self.resolve(target))

    def neighbours(self, ref: str, graph: str = "entity", limit: int = 25) -> NeighboursAnswer:
        """What double-click adds: the node's heaviest neighbours in the entity graph (tools, topics …
        linked by shared talks) or the talk graph (talks and what they name), with the links among them."""
        node = self.resolve(ref)
        if graph == "talk":
            return self._talk_graph_neighbours(node, limit)
        g = self.view.entity_graph()
        if node.iri not in g:
            return NeighboursAnswer(node, graph, 0, [], [])
        view = self.view
        around = [(n, g[node.iri][n].get("weight", 1)) for n in g[node.iri]]
        around.sort(key=lambda pair: (-pair[1], -view.talk_count(pair[0]), pair[0]))  # by IRI: no node read
        kept = around[:limit]
        members = {node.iri, *(n for n, _ in kept)}
        links = sorted(
            (min(a, b), max(a, b), int(w)) for a, b, w in g.subgraph(members).edges(data="weight", default=1)
        )
        nodes = view.nodes.many(members) if isinstance(view.nodes, NodeIndex) else view.nodes  # one query
        results = [Neighbour(nodes[n], view.talk_count(n), int(w)) for n, w in kept]
        return NeighboursAnswer(node, graph, len(around), results, links)

    def _talk_graph_neighbours(self, node: Node, limit: int) -> NeighboursAnswer:
        """neighbours() in the talk graph, whose links have no weight: the neighbours most talks name first (then by
        IRI), and the links among the page's nodes alone (not among every neighbour: thousands for a popular tool)."""
        view = self.view
        around = view.talk_graph_neighbours(node.iri)
        entities = getattr(view.nodes, "entities", None)  # a view over a store: the entities in hand
        if entities is None or node.cls == EntityClass.TALK:  # in memory, or a talk's few neighbours: count each
            counts = view.talk_counts(around)
        else:  # what an entity or a person neighbours besides entities are talks, which no talk names
            counts = dict.fromkeys(around, 0) | view.talk_counts(n for n in around if n in entities)
        kept = sorted(around, key=lambda n: (-counts[n], n))[:limit]
        members = {node.iri, *kept}
        links = sorted((min(a, b), max(a, b), 1) for a, b in view.talk_graph_links_among(members))
        nodes = view.nodes.many(members) if isinstance(view.nodes, NodeIndex) else view.nodes
        return NeighboursAnswer(node, "talk", len(around), [Neighbour(nodes[n], counts[n], 1) for n in kept], links)

    def connection(self, source: str, target: str) -> ConnectionAnswer:
        """The shortest paths from A to B through talks, topics and the vocabulary, each step explained."""
        a, b = self.resolve(source), self.resolve(target)
        paths: list[ConnectionPath] = []
        for found in self.view.shortest_paths(a.iri, b.iri, self.MAX_PATHS):
            nodes = [self.view.nodes[n] for n in found]
            paths.append(ConnectionPath(nodes, [self._edge(x, y) for x, y in pairwise(nodes)]))
        return ConnectionAnswer(a, b, bool(paths), paths)

    def cooccurrence(self, focus: str, limit: int = 50, offset: int = 0) -> CoOccurrenceAnswer:
        """One page of what co-occurs with focus, ranked (only the page's evidence is read)."""
        node = self.resolve(focus, FOCUSABLE, "topic or tool")
        count = len(self.view.cooccurring(node.iri))
        end = offset + limit
        return CoOccurrenceAnswer(
            node, self._ranked_cooccurrences(node, limit, offset), count, offset, end if end < count else None
        )

    def related_topics(self, talk: str) -> RelatedTopicsAnswer:
        node = self.resolve(talk, (EntityClass.TALK,), "talk")
        return RelatedTopicsAnswer(node, self._ranked_topics(node))

    def talks(
        self,
        topic: str | None = None,
        tool: str | None = None,
        company: str | None = None,
        person: str | None = None,
        offset: int = 0,
        limit: int | None = None,
    ) -> TalksAnswer:
        """All talks, or those matching every filter given (about a topic, naming a tool, …), by title, one page
        of them: only that page's talks have what they name read, so a page costs its size, not the corpus's."""
        view = self.view
        filters = [
            (topic, (EntityClass.TOPIC,), "topic"),
            (tool, SOFTWARE, "tool"),
            (company, (EntityClass.COMPANY,), "company"),
            (person, (EntityClass.PERSON,), "person"),
        ]
        selected: dict[str, Node] | None = None
        for ref, classes, what in filters:
            if ref is not None:
                found = {t.iri: t for t in view.talks_of(self.resolve(ref, classes, what).iri)}
                selected = found if selected is None else {iri: t for iri, t in selected.items() if iri in found}
        talks = (
            list(selected.values())
            if selected is not None
            else [n for n in view.nodes.values() if n.cls == EntityClass.TALK]
        )
        talks.sort(key=lambda n: n.label.casefold())
        end = len(talks) if limit is None else offset + limit
        page = talks[offset:end]
        named = view.named_by([talk.iri for talk in page])
        results = [TalkSummary(talk, named.get(talk.iri, [])) for talk in page]
        return TalksAnswer(len(talks), offset, results, end if end < len(talks) else None)

    def companies(self, topic: str) -> CompaniesAnswer:
        node = self.resolve(topic, (EntityClass.TOPIC,), "topic")
        return CompaniesAnswer(
            node, [CompanyTools(org, tools) for org, tools in self.view.companies_of_topic(node.iri)]
        )

    def communities(self, found: list[list[Node]] | None = None) -> CommunitiesAnswer:
        """The view's communities, or those `found` for it elsewhere (the server's background process)."""
        found = self.view.communities() if found is None else found
        return CommunitiesAnswer([Community(i, members) for i, members in enumerate(found, 1)])

    def path(self, source: str, target: str) -> PathAnswer:
        a, b = self.resolve(source), self.resolve(target)
        steps = self.view.path(a.iri, b.iri)
        return PathAnswer(a, b, steps, bool(steps))

    def resource(self, ref: str, offset: int = 0, limit: int | None = None) -> ResourceAnswer:
        return self.describe(self.resolve(ref), offset, limit)

    def describe(self, node: Node, offset: int = 0, limit: int | None = None) -> ResourceAnswer:
        """Everything the view knows of one node: what a talk names and its topics, or one page of the talks
        naming it (by title; only the page's sentences are read)."""
        view = self.view
        if node.cls == EntityClass.TALK:
            names = [view.nodes[e] for e in sorted(view.talk_entities.get(node.iri, ()))]
            return ResourceAnswer(
                node,
                names=[Named(e, view.sentences.get((node.iri, e.iri), [])) for e in names],
                about=talk_facts(view.store, node.iri) if view.store is not None else None,
                related_topics=self._ranked_topics(node),
            )
        every = view.talks_of(node.iri)
        end = len(every) if limit is None else offset + limit
        talks = [Named(t, view.sentences.get((t.iri, node.iri), [])) for t in every[offset:end]]
        cooccurring = None
        if node.cls in FOCUSABLE:
            cooccurring = self._ranked_cooccurrences(node, self.RESOURCE_COOCCURRENCES)
        following = end if end < len(every) else None
        return ResourceAnswer(node, talks=talks, cooccurring=cooccurring, talk_count=len(every), next_offset=following)

    # -- shared pieces --------------------------------------------------------

    def _edge(self, a: Node, b: Node) -> EdgeAnswer:
        view = self.view
        if EntityClass.TALK in (a.cls, b.cls) and a.cls != b.cls:
            talk, other = (a, b) if a.cls == EntityClass.TALK else (b, a)
            if other.iri in view.talk_entities.get(talk.iri, ()):
                sentences = view.sentences.get((talk.iri, other.iri), [])
                named = EdgeEvidence(talk, [] if a is talk else sentences, [] if b is talk else sentences)
                how = "names" if other.cls != EntityClass.PERSON else "is presented by"
                return EdgeAnswer(a, b, "names", f"the talk {how} {other.label}", 1, [named])
        shared = sorted(view.entity_talks.get(a.iri, set()) & view.entity_talks.get(b.iri, set()))
        if shared:
            evidence = [
                EdgeEvidence(view.nodes[t], view.sentences.get((t, a.iri), []), view.sentences.get((t, b.iri), []))
                for t in shared
                if t in view.nodes
            ]
            plural = "s" * (len(evidence) != 1)
            return EdgeAnswer(a, b, "cooccurrence", f"{len(evidence)} talk{plural} name both", len(evidence), evidence)
        for tool, topic in ((a, b), (b, a)):
            if topic.iri in view.tool_topics.get(tool.iri, ()):
                return EdgeAnswer(a, b, "vocabulary", f"the vocabulary files {tool.label} under {topic.label}", 0, [])
        return EdgeAnswer(a, b, "none", "no talk links them", 0, [])

    def _labels(self) -> list[tuple[Node, str]]:
        """Every node with its label case-folded, for search: once per view (kept in it), not per request."""
        return self._kept(
            "_labels_folded", lambda: [(n, n.label.casefold()) for n in self.view.nodes.values()], made_with=None
        )

    def _names(self) -> list[tuple[Node, tuple[tuple[str, str], ...]]]:
        """Every node with its names (its label, then its aliases), each with its folded form, for typeahead: folded
        once per view and aliases (kept in the view), not for every node at every keystroke (2 s at 100,000 talks)."""
        return self._kept(
            "_names_folded",
            lambda: [
                (n, tuple((name, fold(name)) for name in (n.label, *self.aliases.get(n.iri, ()))))
                for n in self.view.nodes.values()
            ],
            made_with=self.aliases,
        )

    def _kept(self, slot: str, make: Callable[[], list[T]], made_with: object) -> list[T]:
        """A table of the view's nodes, kept in the view beside what else it was made with (the aliases, or None):
        a Questions lives for one request; the view and its aliases, until the next write."""
        kept = self.view.__dict__.get(slot)
        if kept is None or kept[0] is not made_with:
            kept = self.view.__dict__[slot] = (made_with, make())
        return kept[1]

    def _talk_counts(self, nodes: Iterable[Node]) -> dict[str, int]:
        """_talk_count of each of these nodes (by IRI), the people among them counted for themselves alone
        (view.talk_counts), not by counting every person's talks for a search's hits (2.6 s at 100,000 talks)."""
        nodes = list(nodes)
        out = {n.iri: 0 for n in nodes if n.cls == EntityClass.TALK and self.view.store is not None}
        out.update(self.view.talk_counts(n.iri for n in nodes if n.iri not in out))
        return out

    def _talk_count(self, node: Node) -> int:
        if node.cls == EntityClass.TALK and self.view.store is not None:
            return 0  # a view over a store counts no talk as named (view.talk_count would count every person's first)
        return self.view.talk_count(node.iri)

    def _ranked_cooccurrences(self, node: Node, limit: int, offset: int = 0) -> list[RankedCoOccurrence]:
        ranked = self.view.cooccurring(node.iri)[offset : offset + limit]
        self.view.read_evidence(node.iri, ranked)
        return [
            RankedCoOccurrence(i, c.entity, c.weight, c.score, c.evidence)
            for i, c in enumerate(ranked, start=offset + 1)
        ]

    def _ranked_topics(self, talk: Node) -> list[RankedTopic]:
        return [
            RankedTopic(i, r.topic, r.score, r.explicit, r.reasons, r.tools, r.sentences)
            for i, r in enumerate(self.view.related_topics(talk.iri), start=1)
        ]


def fold(text: str) -> str:
    """Case and accents folded, spaces collapsed: what typeahead and search compare."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())
