#!/usr/bin/env python3
"""What the server's own reads cost while an ingest holds its writes back (EmbeddedStore.shown_together), three ways:

- live: no block open, the reads run on the live store (the reference: what every read cost before);
- snapshot: a block open in another thread, so the reads run on the snapshot published before it, opened read-only
  in this process once per block (what the server does now; timed after the block's first read, which opens it);
- worker: the same query sent to a query worker, which reads that snapshot too, and the JSON it answers parsed back
  into rows (the alternative: routing select() through the workers).

The store is on disk and holds the synthetic corpus of benchmarks/corpus.py (`--talks`). Each read is timed
`--repeat` times, the three ways interleaved in a rotating order; medians and ratios to live are printed, and the
one-off cost of the snapshot way: opening the read-only instance, and the memory it adds.

    .venv/bin/python benchmarks/reads_during_ingest.py --talks 10000 --repeat 15
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from pyoxigraph import QueryResultsFormat, Store, parse_query_results

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import build_store

from talkgraph.graph.analytics.view import TalkGraph
from talkgraph.graph.rdf.store import EmbeddedStore, QueryLimits
from talkgraph.ontology import sparql_prologue

READS = {
    "count talks (/api/stats)": sparql_prologue() + "SELECT (COUNT(?t) AS ?n) WHERE { ?t a tg:Talk }",
    "50 talks by title (/api/talks)": sparql_prologue()
    + "SELECT ?t ?n WHERE { ?t a tg:Talk ; schema:name ?n } ORDER BY ?n LIMIT 50",
    "every talk's links": sparql_prologue() + "SELECT ?t ?e WHERE { ?t a tg:Talk ; tg:mentions|tg:hasTopic ?e }",
}


def through_worker(store: EmbeddedStore, sparql: str) -> int:
    """select() as the workers would answer it: JSON from a worker, parsed back into rows here."""
    body = store.execute(sparql, "json", row_limit=10_000_000, timeout=600).body
    solutions = parse_query_results(body, QueryResultsFormat.JSON)
    names = [v.value for v in solutions.variables]
    return len([{name: s[name] for name in names} for s in solutions])


class Held:
    """A shown_together block held open by another thread, as an ingest holds it, until closed."""

    def __init__(self, store: EmbeddedStore):
        self.opened, self.done = threading.Event(), threading.Event()
        self.thread = threading.Thread(target=self._hold, args=(store,))
        self.thread.start()
        self.opened.wait()

    def _hold(self, store: EmbeddedStore) -> None:
        with store.shown_together():
            self.opened.set()
            self.done.wait()

    def close(self) -> None:
        self.done.set()
        self.thread.join()


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def rss_mib() -> float:
    """This process's resident memory now (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--talks", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="talkgraph-reads-"))
    print(f"building {args.talks:,} talks on disk in {folder}", file=sys.stderr)
    store = EmbeddedStore(folder / "store")
    build_store(args.talks, store=store)
    store.limit_queries(QueryLimits(workers=1, memory_mb=None))
    store.start_workers()
    snapshot = store.snapshot()
    assert snapshot is not None
    opening = [timed(lambda: Store.read_only(str(snapshot))) for _ in range(args.repeat)]

    reads: dict[str, dict[str, Callable[[], object]]] = {
        name: {
            "live": lambda q=query: store.select(q),
            "snapshot": lambda q=query: store.select(q),
            "worker": lambda q=query: through_worker(store, q),
        }
        for name, query in READS.items()
    }
    reads["the whole view (TalkGraph.from_store)"] = {
        "live": lambda: TalkGraph.from_store(store),
        "snapshot": lambda: TalkGraph.from_store(store),
    }
    first = next(iter(READS.values()))
    store.select(first)
    before = rss_mib()  # after the same read on the live store: what the read-only instance adds
    held = Held(store)
    store.select(first)  # the block's read-only instance opened here
    added = rss_mib() - before
    held.close()
    for ways in reads.values():  # once each, untimed: caches warm, the worker started
        for way, read in ways.items():
            held = Held(store) if way == "snapshot" else None
            read()
            if held:
                held.close()

    seconds: dict[str, dict[str, list[float]]] = {name: {way: [] for way in ways} for name, ways in reads.items()}
    for i in range(args.repeat):
        for name, ways in reads.items():
            order = list(ways)
            order = order[i % len(order) :] + order[: i % len(order)]
            for way in order:
                held = Held(store) if way == "snapshot" else None
                if held:
                    ways[way]()  # the block's first read opens its read-only instance (timed apart, above)
                seconds[name][way].append(timed(ways[way]))
                if held:
                    held.close()
        print(f"round {i + 1}/{args.repeat}", file=sys.stderr)

    print(f"{args.talks:,} talks, {args.repeat} repetitions, medians")
    print(f"opening the snapshot read-only (once per block): {statistics.median(opening) * 1000:.1f} ms")
    print(f"resident memory added by opening it and a first count on it: {added:.1f} MiB")
    print(f"{'read':40} {'live ms':>9} {'snapshot ms':>12} {'worker ms':>10} {'snap/live':>10} {'worker/live':>12}")
    for name, ways in seconds.items():
        live, snap = statistics.median(ways["live"]), statistics.median(ways["snapshot"])
        worker = statistics.median(ways["worker"]) if ways.get("worker") else None
        print(
            f"{name:40} {live * 1000:9.1f} {snap * 1000:12.1f} "
            + (f"{worker * 1000:10.1f}" if worker is not None else f"{'-':>10}")
            + f" {snap / live:10.2f}"
            + (f" {worker / live:12.2f}" if worker is not None else f" {'-':>12}")
        )
    store.close()


if __name__ == "__main__":
    main()
