"""CPU per /sparql request of a running server: its own process, its query workers, and this client.

Start a server (`talkgraph serve --data-dir DIR --port 8931`), then

    .venv/bin/python benchmarks/sparql_cpu.py --pid PID --port 8931 --requests 3000 --repeat 3

sends the 1-row lookup (or --query-file's text) back to back from one keep-alive httpx client and prints, per
repetition, the median latency and the CPU time each side spent per request (process user + system time,
read with psutil before and after). `--path /nosuch` sends the same request to a path with no route: the cost
of the HTTP stack and middleware alone. A worker replaced during a run makes its figure meaningless (negative).
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import httpx
import psutil

from talkgraph.ontology import sparql_prologue

LOOKUP = sparql_prologue() + "SELECT ?title WHERE { <https://w3id.org/talkgraph/id/talk/x> schema:name ?title }"


def cpu_seconds(process: psutil.Process) -> float:
    times = process.cpu_times()
    return times.user + times.system


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pid", type=int, required=True, help="the server's process id")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--path", default="/sparql")
    parser.add_argument("--query-file", help="the query to send (default: a 1-row lookup)")
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    query = Path(args.query_file).read_text("utf-8") if args.query_file else LOOKUP
    url = f"http://127.0.0.1:{args.port}{args.path}"
    server, client = psutil.Process(args.pid), psutil.Process()
    with httpx.Client() as http:

        def ask() -> None:
            http.post(url, data={"query": query}, headers={"Accept": "application/sparql-results+json"})

        for _ in range(50):
            ask()
        for _ in range(args.repeat):
            workers = server.children(recursive=True)
            before = (cpu_seconds(server), sum(cpu_seconds(w) for w in workers), cpu_seconds(client))
            latencies = []
            for _ in range(args.requests):
                start = time.perf_counter()
                ask()
                latencies.append(time.perf_counter() - start)
            after = (cpu_seconds(server), sum(cpu_seconds(w) for w in workers), cpu_seconds(client))
            server_ms, workers_ms, client_ms = (
                (b - a) * 1000 / args.requests for a, b in zip(before, after, strict=True)
            )
            print(
                f"{args.path}: median {statistics.median(latencies) * 1000:.3f} ms; CPU per request: "
                f"server {server_ms:.3f} ms, workers {workers_ms:.3f} ms, client {client_ms:.3f} ms",
                flush=True,
            )


if __name__ == "__main__":
    main()
