"""Paths through the talk graph at 10k and 100k talks: searched from both ends through the store, against NetworkX
over the whole talk graph built first (what /api/path and /api/connection did before), in one run, same answers.

It reads a store server_scale.py built (`--build-only`), as the CLI does (the snapshot a running server published,
if one holds the data directory). For each pair it prints the time of the first path and of the first five shortest
paths on a fresh view (nothing read yet), then the time to build the talk graph and the same answers over it.

    .venv/bin/python benchmarks/paths.py --sizes 10000,100000
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from talkgraph.graph.analytics.view import NodeIndex, TalkGraph
from talkgraph.graph.rdf.store import EmbeddedStore

TALK = "https://w3id.org/talkgraph/id/talk/kubecon-na-2020/beyond-the-buzzword-bpfs-unexpected-role-in-kubernetes"
PAIRS = (("Cilium", "Prometheus"), ("eBPF", "Prometheus"), ("Kubernetes", "Observability"), (TALK, "Grafana"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000", help="numbers of talks, comma-separated")
    parser.add_argument("--work", type=Path, default=Path("/tmp/talkgraph-bench"), help="where the stores are")
    args = parser.parse_args()
    for n in (int(s) for s in args.sizes.split(",")):
        store = EmbeddedStore(args.work / f"serve-{n}" / "store")
        try:
            nodes = TalkGraph.from_store(store).nodes
            assert isinstance(nodes, NodeIndex)
            entities = {node.label: node.iri for node in nodes.entities.values()}
            pairs = [(entities.get(a, a), entities.get(b, b)) for a, b in PAIRS]
            print(f"\n## {n:,} talks\n")
            print("| pair | path, searched | 5 paths, searched | links | same answers (NetworkX's time) |")
            print("|---|---|---|---|---|")
            walked = []
            for a, b in pairs:
                view = TalkGraph.from_store(store)
                t0 = time.perf_counter()
                path = [node.iri for node in view.path(a, b)]
                t1 = time.perf_counter()
                paths = TalkGraph.from_store(store).shortest_paths(a, b, 5)
                t2 = time.perf_counter()
                walked.append((a, b, path, paths, t1 - t0, t2 - t1))
            whole = TalkGraph.from_store(store)
            t0 = time.perf_counter()
            graph = whole.talk_graph()
            built = time.perf_counter() - t0
            for a, b, path, paths, one, five in walked:
                t0 = time.perf_counter()
                same = [node.iri for node in whole.path(a, b)] == path and whole.shortest_paths(a, b, 5) == paths
                over = time.perf_counter() - t0
                name = f"{a.rsplit('/', 1)[-1]} → {b.rsplit('/', 1)[-1]}"
                print(f"| {name} | {one:.2f} s | {five:.2f} s | {len(path) - 1} | {same} ({over:.2f} s) |")
            print(f"\nthe talk graph built first: {built:.1f} s ({graph.number_of_edges():,} links)")
        finally:
            store.close()


if __name__ == "__main__":
    main()
