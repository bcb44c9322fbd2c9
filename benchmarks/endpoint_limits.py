"""The endpoint's limits, measured on a live server: a runaway query, requests served meanwhile,
CPU after the time limit, and an oversized body.

    PYTHONPATH=. .venv/bin/python benchmarks/endpoint_limits.py [--timeout 2]   (it borrows the tests' LiveServer)

Starts Talkgraph (uvicorn, embedded store with the bundled notes plus 3,000 extra triples) on a free
loopback port in this process, then: sends a three-way cartesian product, and while it runs, sends
simple queries from another thread and times them; checks that the query's child process is gone
and that the server's CPU time stays flat after the 503; posts a 20 MB body.
"""

from __future__ import annotations

import argparse
import os
import statistics
import threading
import time
from pathlib import Path

import httpx
from pyoxigraph import Literal, NamedNode, Quad

from talkgraph.api.app import create_app
from talkgraph.api.settings import Settings
from talkgraph.graph.ingest import ingest
from talkgraph.graph.linking.vocabulary import load_vocabulary
from talkgraph.graph.rdf.store import EmbeddedStore
from tests.conftest import LiveServer

ROOT = Path(__file__).resolve().parent.parent
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SIMPLE = "PREFIX tg: <https://w3id.org/talkgraph/ns#> SELECT (COUNT(*) AS ?n) WHERE { ?t a tg:Talk }"


def children() -> list[int]:
    me = os.getpid()
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == me:
                found.append(int(entry.name))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=2.0)
    args = parser.parse_args()
    store = EmbeddedStore()
    ingest(store, [ROOT / "data" / "notes" / "kubecon-na-2020.txt"], load_vocabulary())
    g = NamedNode("https://example.org/bulk")
    store.replace_graph(
        g.value,
        [
            Quad(NamedNode(f"https://example.org/s{i}"), NamedNode("https://example.org/p"), Literal(str(i)), g)
            for i in range(3000)
        ],
    )
    with LiveServer(create_app(store, Settings(query_timeout=args.timeout))) as server:
        url = server.url + "/sparql"
        latencies: list[float] = []
        done = threading.Event()

        def meanwhile() -> None:
            with httpx.Client() as client:
                while not done.is_set():
                    start = time.perf_counter()
                    assert client.get(url, params={"query": SIMPLE}).status_code == 200
                    latencies.append(time.perf_counter() - start)

        thread = threading.Thread(target=meanwhile)
        start = time.perf_counter()
        thread.start()
        runaway = httpx.get(url, params={"query": RUNAWAY}, timeout=60)
        elapsed = time.perf_counter() - start
        done.set()
        thread.join()
        print(
            f"runaway query: HTTP {runaway.status_code} after {elapsed:.2f} s (limit {args.timeout:g} s): {runaway.json()['error']}"
        )
        print(
            f"meanwhile: {len(latencies)} simple queries answered, median {statistics.median(latencies) * 1000:.1f} ms, "
            f"max {max(latencies) * 1000:.1f} ms"
        )
        print(f"query child processes left: {len(children())}")
        cpu_before = time.process_time()
        time.sleep(3)
        print(f"server CPU time in the 3 s after the 503: {time.process_time() - cpu_before:.3f} s")
        body = b"x" * 20_000_000
        start = time.perf_counter()
        big = httpx.post(url, content=body, headers={"Content-Type": "application/sparql-query"}, timeout=60)
        print(f"20 MB body: HTTP {big.status_code} after {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
