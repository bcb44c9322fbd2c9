"""Long names against a live server: how fast /api/stats answers while four /graph/around requests with a
60,000-character `ref` run, with the parameter limit (default 2,000 characters) and without it.

    PYTHONPATH=. .venv/bin/python benchmarks/long_names.py   (it borrows the tests' LiveServer)

The issue's run: four 100 KB refs froze every route for 9.5 s (the lookup ran on the event loop). httpx
refuses URL parts over 64 KB, hence 60,000 characters here. Without the limit the lookups run in the
thread pool, so /api/stats is still answered, but they share the interpreter's lock with it; with the
limit they are refused before any work.
"""

from __future__ import annotations

import statistics
import threading
import time
from pathlib import Path

import httpx

from talkgraph.api.app import create_app
from talkgraph.api.settings import Settings
from talkgraph.graph.ingest import ingest
from talkgraph.graph.linking.vocabulary import load_vocabulary
from talkgraph.graph.rdf.store import EmbeddedStore
from tests.conftest import LiveServer

ROOT = Path(__file__).resolve().parent.parent
REF = "kubernetes " * 5_454  # 59,994 characters


def stats_latencies(url: str, stop: threading.Event) -> list[float]:
    latencies = []
    with httpx.Client(timeout=60) as client:
        while not stop.is_set():
            started = time.perf_counter()
            assert client.get(url + "/api/stats").status_code == 200
            latencies.append(time.perf_counter() - started)
            time.sleep(0.05)
    return latencies


def run(store: EmbeddedStore, settings: Settings) -> tuple[list[int], float, list[float], list[float]]:
    with LiveServer(create_app(store, settings)) as server:
        httpx.get(server.url + "/graph/around", params={"ref": "Cilium", "format": "json"}, timeout=60)  # warm
        stop = threading.Event()
        idle: list[float] = []
        probe = threading.Thread(target=lambda: idle.extend(stats_latencies(server.url, stop)))
        probe.start()
        time.sleep(1)
        stop.set()
        probe.join()
        codes: list[int] = []
        busy: list[float] = []
        stop = threading.Event()
        probe = threading.Thread(target=lambda: busy.extend(stats_latencies(server.url, stop)))
        probe.start()
        started = time.perf_counter()

        def long_lookup() -> None:
            response = httpx.get(server.url + "/graph/around", params={"ref": REF, "format": "json"}, timeout=120)
            codes.append(response.status_code)

        lookups = [threading.Thread(target=long_lookup) for _ in range(4)]
        for thread in lookups:
            thread.start()
        for thread in lookups:
            thread.join()
        took = time.perf_counter() - started
        stop.set()
        probe.join()
        return sorted(codes), took, idle, busy


def main() -> None:
    store = EmbeddedStore()
    ingest(store, [ROOT / "data" / "notes" / "kubecon-na-2020.txt"], load_vocabulary())
    print(f"{'limit':>16} {'codes':>22} {'4 lookups s':>12} {'stats idle ms':>14} {'stats busy median/max ms':>26}")
    results = {}
    for label, settings in [("2,000 (default)", Settings()), ("none", Settings(max_parameter_chars=10**9))]:
        codes, took, idle, busy = run(store, settings)
        results[label] = (took, max(busy))
        print(
            f"{label:>16} {codes!s:>22} {took:>12.2f} {statistics.median(idle) * 1000:>14.1f}"
            f" {statistics.median(busy) * 1000:>12.1f} / {max(busy) * 1000:.1f}"
        )
    (limited, limited_max), (unlimited, unlimited_max) = results.values()
    print(f"the limit makes the four requests {unlimited / limited:.0f}x faster to settle and the slowest")
    print(f"/api/stats meanwhile {unlimited_max / limited_max:.1f}x faster")


if __name__ == "__main__":
    main()
