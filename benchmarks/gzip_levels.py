"""zlib levels on real /sparql answers: the time to compress each and its size, level by level.

The app compresses every answer over 1,000 bytes for a client that accepts gzip (Starlette's GZipMiddleware, with
zlib's compressobj as it uses it). The answers are the example queries' and two capped 10,000-row answers, run on
a store by the query worker's own job (graph.rdf.queries.run_job); each level compresses each answer --repeat
times, interleaved, and the median is printed with the size and both against level 9 (Starlette's default).

    .venv/bin/python benchmarks/gzip_levels.py --store DATA_DIR/store    # a Talkgraph store (or any Oxigraph one)
"""

from __future__ import annotations

import argparse
import statistics
import time
import zlib

from pyoxigraph import Store

from talkgraph.api.examples import EXAMPLE_QUERIES
from talkgraph.graph.rdf.queries import Dataset, run_job
from talkgraph.ontology import sparql_prologue

CAPPED = {
    "10,000 talk titles": "SELECT ?t ?title WHERE { ?t a tg:Talk ; schema:name ?title }",
    "10,000 mentions with their sentences": "SELECT ?m ?text WHERE { ?m tg:sentence ?text }",
}


def gzip_as_starlette(body: bytes, level: int) -> bytes:
    compressor = zlib.compressobj(level, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    return compressor.compress(body) + compressor.flush()


def answers(store: Store, formats: list[str]) -> list[tuple[str, bytes]]:
    found = []
    for example in EXAMPLE_QUERIES:
        graph = "CONSTRUCT" in example.query
        for fmt in ["turtle"] if graph else formats:
            found.append((f"{example.name} ({fmt})", run_job(store, example.query, fmt, 10_000, Dataset()).body))
    for name, query in CAPPED.items():
        for fmt in formats:
            found.append((f"{name} ({fmt})", run_job(store, sparql_prologue() + query, fmt, 10_000, Dataset()).body))
    return [(name, body) for name, body in found if len(body) >= 1000]  # the middleware's minimum_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", required=True, help="an Oxigraph store directory (opened read-only)")
    parser.add_argument("--levels", default="1,3,6,9", help="zlib levels, comma-separated (9 is the reference)")
    parser.add_argument("--formats", default="json,xml", help="result formats of the SELECT answers")
    parser.add_argument("--repeat", type=int, default=7, help="interleaved rounds per answer")
    args = parser.parse_args()
    levels = [int(level) for level in args.levels.split(",")]
    if 9 not in levels:
        levels.append(9)
    found = answers(Store.read_only(args.store), args.formats.split(","))
    header = ["answer", "plain kB"] + [f"L{lv} ms" for lv in levels] + [f"L{lv} kB" for lv in levels]
    header += [f"L{lv} time/L9" for lv in levels if lv != 9] + [f"L{lv} size/L9" for lv in levels if lv != 9]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for name, body in found:
        times: dict[int, list[float]] = {level: [] for level in levels}
        sizes = {level: len(gzip_as_starlette(body, level)) for level in levels}
        for round_ in range(args.repeat):
            for level in levels[round_ % len(levels) :] + levels[: round_ % len(levels)]:
                started = time.perf_counter()
                gzip_as_starlette(body, level)
                times[level].append(time.perf_counter() - started)
        ms = {level: statistics.median(times[level]) * 1000 for level in levels}
        row = [name, f"{len(body) / 1000:.1f}"] + [f"{ms[lv]:.2f}" for lv in levels]
        row += [f"{sizes[lv] / 1000:.1f}" for lv in levels]
        row += [f"{ms[lv] / ms[9]:.2f}" for lv in levels if lv != 9]
        row += [f"{sizes[lv] / sizes[9]:.2f}" for lv in levels if lv != 9]
        print("| " + " | ".join(row) + " |", flush=True)


if __name__ == "__main__":
    main()
