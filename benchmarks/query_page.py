"""What the query page and the service description cost per request on a synthetic store, with the store's
counts kept until the next write (as the app does) against counting them on every request; and each
whole-store aggregate the service description used to run on every request (five; now once per write).

    .venv/bin/python benchmarks/query_page.py --talks 2000,10000

Repetitions are interleaved round-robin in a rotating order; medians are printed, with the ratios.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable

from fastapi.testclient import TestClient

from benchmarks.corpus import build_store
from talkgraph.api.app import create_app
from talkgraph.graph.rdf.statistics import CLASS_SIZES, GRAPH_SIZES

HTML = {"Accept": "text/html"}
TURTLE = {"Accept": "text/turtle"}
AGGREGATES = {  # what the service description ran per request: the last three now run once per write
    "dataset triples (COUNT *)": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
    "distinct classes": "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?c WHERE { GRAPH ?g { ?s a ?c } } }",
    "class partitions": CLASS_SIZES,
    "graph sizes": GRAPH_SIZES,
    "typed subjects": "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s WHERE { GRAPH ?g { ?s a ?c } } }",
}


def medians(runs: dict[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    times: dict[str, list[float]] = {name: [] for name in runs}
    names = list(runs)
    for i in range(repeat):
        for name in names[i % len(names) :] + names[: i % len(names)]:
            started = time.perf_counter()
            runs[name]()
            times[name].append(time.perf_counter() - started)
    return {name: statistics.median(values) * 1000 for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--talks", default="2000,10000", help="store sizes, in talks (comma-separated)")
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    for size in (int(s) for s in args.talks.split(",")):
        print(f"building a store of {size} talks …", file=sys.stderr)
        built = build_store(size, analytics=False)
        app = create_app(built.store)
        client, state = TestClient(app), app.state.talkgraph
        assert state.class_sizes and state.dataset_sizes  # counted once, as after a write

        def get(headers: dict[str, str], counted: bool) -> Callable[[], object]:
            def run() -> object:
                kept = state._class_sizes, state._dataset_sizes
                if counted:  # what a request paid before the counts were kept
                    state._class_sizes = state._dataset_sizes = None
                response = client.get("/sparql", headers=headers)
                assert response.status_code == 200
                state._class_sizes, state._dataset_sizes = kept  # the next run finds them as it would in the app
                return response

            return run

        pages = medians(
            {
                "query page, counts kept": get(HTML, False),
                "query page, counted per request": get(HTML, True),
                "service description, counts kept": get(TURTLE, False),
                "service description, counted per request": get(TURTLE, True),
            },
            args.repeat,
        )
        store = built.store
        aggregates = medians({name: (lambda q=q: store.select(q)) for name, q in AGGREGATES.items()}, args.repeat)
        print(f"\n{size} talks, {built.total_quads:,} quads: median ms")
        for name, ms in {**pages, **aggregates}.items():
            print(f"  {name:<45} {ms:9.1f}")
        kept, counted = pages["query page, counts kept"], pages["query page, counted per request"]
        print(f"  query page: counting per request costs {counted / kept:.1f}× keeping the counts")
        kept, counted = pages["service description, counts kept"], pages["service description, counted per request"]
        print(f"  service description: counting per request costs {counted / kept:.1f}× keeping the counts")
        print(f"  its five aggregates, as run per request before: {sum(aggregates.values()):.1f} ms")


if __name__ == "__main__":
    main()
