#!/usr/bin/env python3
"""What a request costs, in store queries and time, with this revision's code and with another's in the same run:
flagging unvetted tools (Node.curated, read once per view) must add no store query to a request.

Each revision runs in a child process over the same notes: the bundled notes, `--copies` copies of a document
with unvetted tools, spelled two ways. For each route it prints the store queries and the time of the first
request and of a warm one (the median of `--repeat`), and the ratio now / before.

    python benchmarks/request_cost.py --baseline 9b07102 --copies 20 --repeat 20
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from baseline import baseline_package

ROUTES = (
    "/api/cooccur?focus=Grafana",
    "/api/search?q=frobdb",
    "/api/resource?ref=https://w3id.org/talkgraph/id/tool/frobdb",
    "/api/neighbours?ref=Grafana",
    "/api/suggest?q=fro",
    "/graph/cooccur?focus=Grafana&format=json",
    "/id/tool/frobdb",
)


def notes(name: str) -> str:
    return (
        "# Day\n\n## Traces at scale - Ana Silva, Initech\n\n"
        f"Traces go through {name}, whose code is at https://github.com/frobco/{name.lower()}.\n\n"
        f"## Dashboards - Tom Reyes\n\nTom pointed Grafana and Prometheus at {name}.\n"
    )


def child(copies: int, repeat: int) -> None:
    """Run in the revision's process: ingest, then time and count every route's requests."""
    from fastapi.testclient import TestClient

    from talkgraph.api.app import create_app
    from talkgraph.api.settings import Settings
    from talkgraph.data import bundled_notes
    from talkgraph.graph.ingest import ingest
    from talkgraph.graph.linking.vocabulary import load_vocabulary
    from talkgraph.graph.rdf.store import EmbeddedStore

    folder = Path(tempfile.mkdtemp())
    paths = [bundled_notes()]
    for i in range(copies):
        path = folder / f"tools-{i}.md"
        path.write_text(notes("FrobDB" if i % 3 else "FROBdb"), "utf-8")
        paths.append(path)
    store = EmbeddedStore()
    ingest(store, paths, load_vocabulary())
    queries = [0]
    select = store.select

    def counted(*args, **kwargs):
        queries[0] += 1
        return select(*args, **kwargs)

    store.select = counted  # type: ignore[method-assign]
    client = TestClient(create_app(store, Settings()))
    out = {}
    for route in ROUTES:
        queries[0], start = 0, time.perf_counter()
        status = client.get(route).status_code
        first = (queries[0], time.perf_counter() - start)
        warm = []
        for _ in range(repeat):
            queries[0], start = 0, time.perf_counter()
            client.get(route)
            warm.append((queries[0], time.perf_counter() - start))
        out[route] = {
            "status": status,
            "first_queries": first[0],
            "first_ms": first[1] * 1000,
            "warm_queries": max(q for q, _ in warm),
            "warm_ms": statistics.median(t for _, t in warm) * 1000,
        }
    print(json.dumps(out))


def run(pythonpath: str | None, copies: int, repeat: int) -> dict:
    env = dict(os.environ)
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    command = [sys.executable, __file__, "--child", "--copies", str(copies), "--repeat", str(repeat)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--baseline", default="9b07102", help="the revision to compare with")
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.copies, args.repeat)
        return
    with tempfile.TemporaryDirectory() as work:
        package, _ = baseline_package(args.baseline, Path(work))
        before = run(str(package), args.copies, args.repeat)
        now = run(None, args.copies, args.repeat)
    print(f"bundled notes + {args.copies} documents with an unvetted tool; warm = median of {args.repeat}")
    print(f"{'route':48} {'status':>6} {'first q':>9} {'warm q':>8} {'first ms':>15} {'warm ms':>15} {'warm ×':>7}")
    for route in ROUTES:
        b, n = before[route], now[route]
        print(
            f"{route[:48]:48} {n['status']:>6} {b['first_queries']:>4}→{n['first_queries']:<4} "
            f"{b['warm_queries']:>3}→{n['warm_queries']:<4} {b['first_ms']:>7.1f}→{n['first_ms']:<7.1f} "
            f"{b['warm_ms']:>7.2f}→{n['warm_ms']:<7.2f} {n['warm_ms'] / b['warm_ms']:>6.2f}"
        )


if __name__ == "__main__":
    main()
