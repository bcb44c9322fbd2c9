"""Paths through the talk graph at 10k and 100k talks, in one run, same answers checked: the search as /api/path and
/api/connection run it now (a path of one or two links found from one end's talks in adjacency order, stopping at
the first hit), beside the search that read every level in full (TalkGraphWalk without NamingTalks, what they did
before), beside NetworkX over the whole talk graph built first.

It reads the stores server_scale.py built (`--build-only`), opened read-only (RocksDB's read-only mode: nothing is
written, no lock is taken, a server may hold the directory). For each pair, on a fresh view each time (nothing read
yet, as a first request), it prints the time of the first path and of the first five shortest paths, the rows the
store returned for them, the median of `--repeat` runs, the two searches alternating which goes first.

    .venv/bin/python benchmarks/paths.py --sizes 10000,100000
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from pyoxigraph import Store

from talkgraph.graph.analytics.paths import TalkGraphWalk
from talkgraph.graph.analytics.view import NodeIndex, TalkGraph
from talkgraph.graph.rdf.store import EmbeddedStore
from talkgraph.ontology import sparql_prologue

TALK = "https://w3id.org/talkgraph/id/talk/kubecon-na-2020/beyond-the-buzzword-bpfs-unexpected-role-in-kubernetes"
PAIRS = (
    ("Cilium", "Prometheus"),
    ("eBPF", "Prometheus"),
    ("Kubernetes", "Observability"),
    ("Observability", "Kubernetes"),
    (TALK, "Grafana"),
    (TALK, "Kubernetes"),
)  # then Kubernetes → a speaker none of whose talks names it, and back


class ReadOnlyStore(EmbeddedStore):
    """A built store opened with RocksDB's read-only mode: the benchmark can neither write nor lock it."""

    def __init__(self, path: Path):
        super().__init__()  # in memory, replaced by the read-only view of the directory
        self.store, self.path, self.read_only, self._published = Store.read_only(str(path)), path, True, path


class Rows:
    """The store as the view reads it, its SELECTs' rows counted."""

    def __init__(self, store: EmbeddedStore):
        self.store, self.rows = store, 0

    def select(self, sparql: str):
        rows = self.store.select(sparql)
        self.rows += len(rows)
        return rows

    def __getattr__(self, name: str):
        return getattr(self.store, name)


def far_speaker(store: EmbeddedStore, entity: str) -> str:
    """A speaker none of whose talks names the entity (a path of three or four links from it)."""
    rows = store.select(
        f"{sparql_prologue()}SELECT ?p WHERE {{ ?t tg:presentedBy ?p "
        f"FILTER NOT EXISTS {{ ?other tg:presentedBy ?p . ?other ?link <{entity}> }} }} LIMIT 1"
    )
    return rows[0]["p"].value


def timed(store: EmbeddedStore, search: Callable[[TalkGraph], object]) -> tuple[float, int, object]:
    """Seconds and rows for one search on a fresh view (the view's own start-up reads not counted)."""
    rows = Rows(store)
    view = TalkGraph.from_store(rows)  # type: ignore[arg-type]
    rows.rows = 0
    t0 = time.perf_counter()
    answer = search(view)
    return time.perf_counter() - t0, rows.rows, answer


def now_path(a: str, b: str) -> Callable[[TalkGraph], object]:
    return lambda view: [node.iri for node in view.path(a, b)]


def now_paths(a: str, b: str) -> Callable[[TalkGraph], object]:
    return lambda view: view.shortest_paths(a, b, 5)


def before_path(a: str, b: str) -> Callable[[TalkGraph], object]:
    return lambda view: TalkGraphWalk(view._talk_graph_links_of).shortest_path(a, b)


def before_paths(a: str, b: str) -> Callable[[TalkGraph], object]:
    return lambda view: TalkGraphWalk(view._talk_graph_links_of).all_shortest_paths(a, b, 5)


def compared(store: EmbeddedStore, now, before, repeat: int) -> tuple[float, int, float, int, object, bool]:
    """Median seconds and rows of the search now and before, interleaved; the answer, and whether both agree."""
    runs: dict[str, list[tuple[float, int, object]]] = {"now": [], "before": []}
    for i in range(repeat):
        order = (("now", now), ("before", before)) if i % 2 else (("before", before), ("now", now))
        for name, search in order:
            runs[name].append(timed(store, search))
    answers = {repr(answer) for name in runs for _, _, answer in runs[name]}
    now_s = statistics.median(s for s, _, _ in runs["now"])
    before_s = statistics.median(s for s, _, _ in runs["before"])
    return now_s, runs["now"][0][1], before_s, runs["before"][0][1], runs["now"][0][2], len(answers) == 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000", help="numbers of talks, comma-separated")
    parser.add_argument("--work", type=Path, default=Path("/tmp/talkgraph-bench"), help="where the stores are")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each search (the median is printed)")
    args = parser.parse_args()
    for n in (int(s) for s in args.sizes.split(",")):
        store = ReadOnlyStore(args.work / f"serve-{n}" / "store")
        try:
            nodes = TalkGraph.from_store(store).nodes
            assert isinstance(nodes, NodeIndex)
            entities = {node.label: node.iri for node in nodes.entities.values()}
            pairs = [(entities.get(a, a), entities.get(b, b)) for a, b in PAIRS]
            far = far_speaker(store, entities["Kubernetes"])
            pairs += [(entities["Kubernetes"], far), (far, entities["Kubernetes"])]
            print(f"\n## {n:,} talks\n")
            print(
                "| pair | links | path: now / before (rows) | before ÷ now "
                "| 5 paths: now / before (rows) | before ÷ now | same answers as NetworkX (its time) |"
            )
            print("|---|---|---|---|---|---|---|")
            measured = []
            for a, b in pairs:
                one = compared(store, now_path(a, b), before_path(a, b), args.repeat)
                five = compared(store, now_paths(a, b), before_paths(a, b), args.repeat)
                measured.append((a, b, one, five))
            whole = TalkGraph.from_store(store)
            t0 = time.perf_counter()
            graph = whole.talk_graph()
            built = time.perf_counter() - t0
            for a, b, one, five in measured:
                t0 = time.perf_counter()
                same = [node.iri for node in whole.path(a, b)] == one[4] and whole.shortest_paths(a, b, 5) == five[4]
                over = time.perf_counter() - t0
                name = f"{a.rsplit('/', 1)[-1]} → {b.rsplit('/', 1)[-1]}"
                path = one[4]
                assert isinstance(path, list)
                print(
                    f"| {name} | {len(path) - 1} "
                    f"| {one[0]:.3f} / {one[2]:.3f} s ({one[1]:,} / {one[3]:,}) | {one[2] / one[0]:.1f}× "
                    f"| {five[0]:.3f} / {five[2]:.3f} s ({five[1]:,} / {five[3]:,}) | {five[2] / five[0]:.1f}× "
                    f"| {same and one[5] and five[5]} ({over:.2f} s) |"
                )
            print(f"\nthe talk graph built first: {built:.1f} s ({graph.number_of_edges():,} links)")
        finally:
            store.close()


if __name__ == "__main__":
    main()
