"""Shortest paths through the talk graph, read from the store a level at a time, as NetworkX finds them.

At 100,000 talks the talk graph has about a million links; building it for one path took seconds. A search from
both ends needs only the neighbourhoods of the levels it reaches, each level read in one batch. The answers are
NetworkX's own (shortest_path's single path, all_shortest_paths's paths in their order), because the talk graph's
adjacency order is known without building it (TalkGraph._talk_graph adds every talk's links in IRI order, then the
vocabulary's tool → topic links in (tool, topic) order): a talk's neighbours come by IRI, an entity's talks by IRI
and then its vocabulary links by (tool, topic). A neighbour's rank in that order is all the searches compare.

Between two nodes that are not talks (tools, topics, people...), most paths take one or two links, and the ends can
be named by tens of thousands of talks each. Reading every talk of both ends (and checking each is a talk of the
view) cost seconds at 100,000 talks, though NetworkX's answer needs only the first shared neighbours in one end's
adjacency order: shortest_path's meeting level stops at the first neighbour of the target the source has seen, and
all_shortest_paths's paths of two links come in the order of the source's neighbours. So the talks of such an end
are read as bare IRIs, put in adjacency order, and tested against the other end in growing batches, stopping at the
first hit(s); an other end named by few talks has all of them tested at once instead, and a talk end is read alone
(a talk names a few things). A longer path from an end named by many talks keeps that end's first level as a
question to the store ("does this talk name it?") while the other side's levels stay smaller than it. Only when
neither applies (or for all_shortest_paths beyond two links) does the search read levels in full.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from talkgraph.ontology import EntityClass

Link = tuple[str, str, bool]  # (a, b, from the vocabulary): a talk's link is (talk, what it names, False)
Rank = tuple  # where a neighbour comes in a node's adjacency: (0, talk link's other end) or (1, tool, topic)
FIRST_BATCH = 64  # talks tested against the other end in the first batch; each next batch is four times larger,
LARGEST_BATCH = 1024  # up to this many (about 100 kB: Virtuoso fails on VALUES of a few thousand rows)
FEW_TALKS = 1024  # an end named by at most this many talks has them all tested against the other end at once
_LINKS = "FILTER(?link IN (tg:mentions, tg:hasTopic, tg:presentedBy))"


class NamingTalks:
    """What a path between two nodes that are not talks needs from the store: the talks naming an end (bare IRIs,
    one cheap query), which of some talks are talks of the view naming the other end, and the vocabulary's links."""

    def __init__(
        self,
        select: Callable[[str], list[dict[str, Any]]],
        nodes: Mapping[str, Any],
        vocabulary: Callable[[set[str]], set[tuple[str, str]]],
    ):
        self._select = select  # a SELECT with the tg: prologue
        self._nodes = nodes
        self._vocabulary = vocabulary
        self.rows = 0  # rows read so far (tests and benchmarks/paths.py compare what a search reads)

    def node_class(self, node: str) -> str | None:
        """The node's class in the view (None: no node has that IRI)."""
        known = self._nodes.get(node)
        return None if known is None else known.cls

    def talks(self, node: str, most: int | None = None) -> list[str]:
        """Everything linking to the node as talks link what they name, unchecked (the batches check); at most
        `most` of them if given (Oxigraph stops reading there)."""
        limit = "" if most is None else f" LIMIT {most}"
        return self._column(f"SELECT DISTINCT ?t WHERE {{ ?t ?link <{node}> {_LINKS} }}{limit}")

    def naming(self, talks: list[str], node: str) -> set[str]:
        """Those of these that are talks of the view (typed and labelled, as the view's nodes are) naming node."""
        if not talks:
            return set()
        return set(
            self._column(
                f"SELECT DISTINCT ?t WHERE {{ VALUES ?t {{ {' '.join(f'<{t}>' for t in talks)} }} "
                f"?t ?link <{node}> {_LINKS} FILTER EXISTS {{ ?t a tg:Talk }} "
                "FILTER EXISTS { VALUES ?lp { skos:prefLabel schema:name } ?t ?lp ?any } }"
            )
        )

    def vocabulary(self, node: str) -> dict[str, Rank]:
        """The node's neighbours by the vocabulary's links, with their ranks among its neighbours."""
        return {(b if a == node else a): (1, a, b) for a, b in self._vocabulary({node})}

    def _column(self, sparql: str) -> list[str]:
        rows = self._select(sparql)
        self.rows += len(rows)
        return [row["t"].value for row in rows]


class TalkGraphWalk:
    """The talk graph as far as a search has read it: `read` gives every link of the nodes asked (one batch)."""

    def __init__(self, read: Callable[[set[str]], Iterable[Link]], naming: NamingTalks | None = None):
        self._read = read
        self._naming = naming  # how paths of one or two links between nodes that are not talks are found
        self._talks: set[str] = set()  # the nodes read as talks (a talk link's first end)
        self._listed: dict[str, list[str]] = {}  # up to FEW_TALKS + 1 talks of the nodes asked whether popular
        self._vocabularies: dict[str, dict[str, Rank]] = {}
        self._adjacent: dict[str, set[str]] = {}  # the nodes read, with their neighbours
        self._rank: dict[tuple[str, str], Rank] = {}  # (v, w): w's rank among v's neighbours, for every link read

    def read(self, nodes: Iterable[str]) -> None:
        """Read the links of the nodes not read yet, in one batch."""
        missing = {n for n in nodes if n not in self._adjacent}
        if not missing:
            return
        for node in missing:
            self._adjacent[node] = set()
        for a, b, vocabulary in self._read(missing):
            if not vocabulary:
                self._talks.add(a)
            for v, w in ((a, b), (b, a)):
                rank = (1, a, b) if vocabulary else (0, w)
                if (v, w) not in self._rank or rank < self._rank[(v, w)]:
                    self._rank[(v, w)] = rank
                if v in missing:
                    self._adjacent[v].add(w)

    def neighbours(self, node: str) -> list[str]:
        """A node's neighbours (read already) in the talk graph's adjacency order."""
        return sorted(self._adjacent[node], key=lambda w: self._rank[(node, w)])

    def shortest_path(self, source: str, target: str) -> list[str]:
        """networkx.shortest_path over the talk graph ([] for no path, or an end no talk links)."""
        near = self._near(source, target, target, 1)  # the meeting level scans the target's neighbours
        if near:
            return near[0]
        if source != target and self._naming is not None:
            searched = self._from_a_popular_end(source, target)
            if searched is not None:
                return searched
        self.read((source, target))
        if not self._adjacent[source] or not self._adjacent[target]:
            return []
        if source == target:
            return [source]
        # networkx's _bidirectional_pred_succ, reading each level before it is searched
        pred: dict[str, str | None] = {source: None}
        succ: dict[str, str | None] = {target: None}
        forward, reverse = [source], [target]
        while forward and reverse:
            forwards = len(forward) <= len(reverse)
            level, seen, other = (forward, pred, succ) if forwards else (reverse, succ, pred)
            self.read(level)
            found: list[str] = []
            for v in level:
                for w in self.neighbours(v):
                    if w not in seen:
                        found.append(w)
                        seen[w] = v
                    if w in other:
                        return _joined(pred, succ, w)
            forward, reverse = (found, reverse) if forwards else (forward, found)
        return []

    def _from_a_popular_end(self, source: str, target: str) -> list[str] | None:
        """networkx's bidirectional search when exactly one end is named by many talks: that end's first level (its
        talks and vocabulary neighbours) is kept as a question to the store ("does this talk name it?") instead of
        read, while the other side's levels stay smaller than it; the other side's levels are read as usual, except
        that a node of theirs named by many talks is only asked for its first neighbour on the popular side. None
        when that is not enough (both ends or neither popular, the popular level would be expanded, or a level
        holding a popular node has to be read in full): the caller then reads levels in full."""
        assert self._naming is not None
        popular = [end for end in (source, target) if self._popular(end)]
        if len(popular) != 1 or any(self._naming.node_class(end) is None for end in (source, target)):
            return None
        (end,) = popular
        least = self._least_talks(end) + len(self._vocabulary_of(end))  # the popular level holds at least these
        if least == 0:
            return None
        self.read([n for n in (source, target) if n != end])
        if any(not self._adjacent[n] for n in (source, target) if n != end):
            return []
        pred: dict[str, str | None] = {source: None}
        succ: dict[str, str | None] = {target: None}
        forward: list[str] | None = [source]  # None: the popular end's first level, not read
        reverse: list[str] | None = [target]
        while forward != [] and reverse != []:
            if forward is None:
                forwards = False if len(reverse or ()) < least else None
            elif reverse is None:
                forwards = True if len(forward) <= least else None
            else:
                forwards = len(forward) <= len(reverse)
            if forwards is None:
                return None  # which side is smaller depends on the popular level's exact size
            level, seen, other = (forward, pred, succ) if forwards else (reverse, succ, pred)
            if level is None:
                return None
            met = self._first_met(level, other, end if None in (forward, reverse) else None)
            if met is not None:
                v, w = met
                seen.setdefault(w, v)
                other.setdefault(w, end)  # a neighbour of the popular end not read: its parent is that end
                return _joined(pred, succ, w)
            if level == [end]:
                found: list[str] | None = None
                for w in self._vocabulary_of(end):
                    seen.setdefault(w, end)  # the level's vocabulary neighbours are in hand, its talks are not
            else:
                if any(self._popular(v) for v in level):
                    return None
                self.read(level)
                found = []
                for v in level:
                    for w in self.neighbours(v):
                        if w not in seen:
                            found.append(w)
                            seen[w] = v
            forward, reverse = (found, reverse) if forwards else (forward, found)
        return []

    def _first_met(self, level: list[str], other: dict[str, str | None], lazy: str | None) -> tuple[str, str] | None:
        """The first (v, w) in the level's order, w in v's adjacency order, with w on the other side: those in
        `other`, and when `lazy` is the popular end whose first level is not read, its neighbours too."""
        small = [v for v in level if not self._popular(v)]
        self.read(small)
        candidates = {w for v in small for w in self._adjacent[v] if w not in other}
        on_other = self._on_popular_level(candidates, lazy) | (candidates & other.keys())
        for v in level:
            if v in self._adjacent and not self._popular(v):
                w = next((w for w in self.neighbours(v) if w in other or w in on_other), None)
            else:
                w = self._first_neighbour_among(v, other, lazy)
            if w is not None:
                return v, w
        return None

    def _first_neighbour_among(self, node: str, other: dict[str, str | None], lazy: str | None) -> str | None:
        """A popular node's first neighbour on the other side, without reading its talks: the first talk by IRI
        naming the popular end (lazy) or among the other side's talks, else the first such vocabulary neighbour."""
        assert self._naming is not None
        if lazy is not None:
            talks = self._shared_talks(node, lazy, 1) if node != lazy else []
        else:
            held = [w for w in other if w in self._talks]
            talks = sorted(self._naming.naming(held, node))[:1] if held else []
        if talks:
            return talks[0]
        vocabulary = self._vocabulary_of(node)
        on_other = [w for w in vocabulary if w in other or (lazy is not None and self._on_popular_level({w}, lazy))]
        return min(on_other, key=vocabulary.__getitem__, default=None)

    def _on_popular_level(self, nodes: set[str], popular: str | None) -> set[str]:
        """Those of these nodes (read as some link's ends) that are neighbours of the popular end."""
        if popular is None or not nodes:
            return set()
        assert self._naming is not None
        found = {w for w in nodes if w in self._vocabulary_of(popular)}
        talks = sorted(w for w in nodes if w in self._talks)
        for start in range(0, len(talks), LARGEST_BATCH):
            found |= self._naming.naming(talks[start : start + LARGEST_BATCH], popular)
        return found

    def _popular(self, node: str) -> bool:
        """Whether a node that is no talk is named by more than FEW_TALKS talks (listed once per walk)."""
        assert self._naming is not None
        if node in self._talks or self._naming.node_class(node) in (None, EntityClass.TALK):
            return False
        if node not in self._listed:
            self._listed[node] = self._naming.talks(node, FEW_TALKS + 1)
        return len(self._listed[node]) > FEW_TALKS

    def _least_talks(self, node: str) -> int:
        """How many of the talks listed for a popular node are talks of the view naming it: at least its talks."""
        assert self._naming is not None
        return len(self._naming.naming(self._listed[node], node))

    def _vocabulary_of(self, node: str) -> dict[str, Rank]:
        assert self._naming is not None
        if node not in self._vocabularies:
            self._vocabularies[node] = self._naming.vocabulary(node)
        return self._vocabularies[node]

    def all_shortest_paths(self, source: str, target: str, most: int) -> list[list[str]]:
        """The first `most` paths of networkx.all_shortest_paths over the talk graph, in its order ([] for none, or
        when source is target)."""
        near = self._near(source, target, source, most)  # in networkx.predecessor's order: the source's neighbours
        if near:
            return near
        self.read((source, target))
        if source == target or not self._adjacent[source] or not self._adjacent[target]:
            return []
        ahead, behind = {source: 0}, {target: 0}  # steps from source, from target
        forward, reverse = [source], [target]
        met: list[str] = []
        while forward and reverse and not met:
            if len(forward) <= len(reverse):
                forward = self._step(forward, ahead)
                met = [w for w in forward if w in behind]
            else:
                reverse = self._step(reverse, behind)
                met = [w for w in reverse if w in ahead]
        if not met:
            return []
        # both searches stop at the level where they meet, so every node of a shortest path was reached by one
        length = ahead[met[0]] + behind[met[0]]
        level = {n: length - d for n, d in behind.items()} | ahead  # steps from source
        on_path = self._on_shortest_paths(set(met), ahead, behind)
        found: dict[str, set[str]] = {n: set() for n in on_path}  # each node's parents: a level nearer source
        for v in on_path:
            for w in self._adjacent.get(v, ()):  # every link of a shortest path has an end that was read
                if w in on_path and abs(level[w] - level[v]) == 1:
                    child, parent = (w, v) if level[w] > level[v] else (v, w)
                    found[child].add(parent)
        # networkx.predecessor meets a level's nodes in the order of (its finder's place, rank among its neighbours)
        place: dict[str, tuple] = {source: ()}
        for node in sorted(on_path - {source}, key=level.__getitem__):
            place[node] = min(place[v] + (self._rank[(v, node)],) for v in found[node])
        parents = {node: sorted(found[node], key=place.__getitem__) for node in found}
        paths: list[list[str]] = []
        for path in _paths_to(target, source, parents):
            paths.append(path)
            if len(paths) == most:
                break
        return paths

    def _near(self, source: str, target: str, ordered: str, most: int) -> list[list[str]]:
        """The first `most` shortest paths of one or two links when an end is no talk, their middles in `ordered`'s
        adjacency order: a direct link, else the talks of `ordered` naming the other end (tested in growing
        batches, stopping once `most` are found), then the neighbours both ends have by a talk's links or the
        vocabulary's ([]: no such path, both ends talks, or no NamingTalks)."""
        naming = self._naming
        if naming is None or source == target:
            return []
        classes = [naming.node_class(end) for end in (source, target)]
        if None in classes or classes.count(EntityClass.TALK) == 2:
            return []
        other = target if ordered == source else source
        few = {end: self._few_neighbours(end) for end in (ordered, other)}
        if other in few[ordered] or ordered in few[other]:
            return [[source, target]]
        middles = self._shared_talks(ordered, other, most) if EntityClass.TALK not in classes else []
        shared = few[ordered].keys() & few[other].keys()
        middles += sorted(shared, key=few[ordered].__getitem__)[: most - len(middles)]
        return [[source, middle, target] for middle in middles]

    def _shared_talks(self, ordered: str, other: str, most: int) -> list[str]:
        """The first `most` talks naming both ends by IRI (a node's talks come first in its adjacency, by IRI): all
        of them from the other end's talks if it has few, else from `ordered`'s, tested in growing batches."""
        assert self._naming is not None
        naming = self._naming
        few = naming.talks(other, FEW_TALKS + 1)
        if len(few) <= FEW_TALKS:
            return sorted(naming.naming(few, ordered))[:most]
        talks = sorted(naming.talks(ordered))
        found: list[str] = []
        start, size = 0, FIRST_BATCH
        while start < len(talks) and len(found) < most:
            batch = talks[start : start + size]
            named = naming.naming(batch, other)
            found += [t for t in batch if t in named][: most - len(found)]
            start, size = start + size, min(size * 4, LARGEST_BATCH)
        return found

    def _few_neighbours(self, node: str) -> dict[str, Rank]:
        """A talk's neighbours (read in full: a talk names a few), or a node's by the vocabulary, with their ranks."""
        assert self._naming is not None
        if self._naming.node_class(node) != EntityClass.TALK:
            return self._naming.vocabulary(node)
        self.read((node,))
        return {w: self._rank[(node, w)] for w in self._adjacent[node]}

    def _step(self, level: list[str], steps: dict[str, int]) -> list[str]:
        """The next level of a breadth-first search (its nodes in the order they are met), read in one batch."""
        self.read(level)
        found = []
        for v in level:
            for w in self.neighbours(v):
                if w not in steps:
                    steps[w] = steps[v] + 1
                    found.append(w)
        return found

    def _on_shortest_paths(self, met: set[str], ahead: dict[str, int], behind: dict[str, int]) -> set[str]:
        """The nodes of the shortest paths: those where the searches met, and back from them on either side each
        node a level nearer its end with a link to one already found."""
        on_path = set(met)
        for steps in (ahead, behind):
            deepest = max(steps[n] for n in met)
            for depth in range(deepest - 1, -1, -1):
                for node in [n for n, d in steps.items() if d == depth]:
                    if any(steps.get(w) == depth + 1 and w in on_path for w in self._adjacent[node]):
                        on_path.add(node)
        return on_path


def _joined(pred: dict[str, str | None], succ: dict[str, str | None], middle: str) -> list[str]:
    path: list[str] = []
    node: str | None = middle
    while node is not None:
        path.append(node)
        node = pred[node]
    path.reverse()
    node = succ[path[-1]]
    while node is not None:
        path.append(node)
        node = succ[node]
    return path


def _paths_to(node: str, source: str, parents: dict[str, list[str]]) -> Iterator[list[str]]:
    """Every path from source to node through the parents, depth first in their order (as networkx yields them)."""
    if node == source:
        yield [source]
        return
    for parent in parents[node]:
        for path in _paths_to(parent, source, parents):
            yield [*path, node]
