"""Shortest-path searches over the bundled notes' store, every ordered pair of every sixth talk-graph node (the five
first paths, as /api/connection asks), on a fresh view per run: the search's own cost, with nothing of a large store
in the way. Run it on two checkouts to compare them (PYTHONPATH naming a folder whose `talkgraph` is the other one).

    .venv/bin/python benchmarks/paths_bundled.py --repeat 3
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from talkgraph.graph.analytics.view import TalkGraph
from talkgraph.graph.ingest import ingest
from talkgraph.graph.linking.vocabulary import load_vocabulary
from talkgraph.graph.rdf.store import EmbeddedStore

NOTES = Path(__file__).resolve().parent.parent / "data" / "notes" / "kubecon-na-2020.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    store = EmbeddedStore()
    ingest(store, [NOTES], load_vocabulary())
    ends = sorted(TalkGraph.from_store(store).talk_graph())[::6]
    runs = []
    for _ in range(args.repeat):
        walking = TalkGraph.from_store(store)
        start = time.perf_counter()
        for source in ends:
            for target in ends:
                walking.shortest_paths(source, target, 5)
        runs.append(time.perf_counter() - start)
    median = statistics.median(runs)
    print(
        f"{len(ends) ** 2} searches: median {median:.2f} s ({1000 * median / len(ends) ** 2:.1f} ms a search), "
        f"runs {', '.join(f'{r:.2f}' for r in runs)}"
    )


if __name__ == "__main__":
    main()
