"""What each step of a /sparql answer costs in CPU, without HTTP: the app's middleware, the fast path, the worker
round trip and the worker's own job, peeled off one at a time.

    .venv/bin/python benchmarks/sparql_steps.py --data-dir DIR      # a Talkgraph data directory (no server on it)

Each step is driven in this process, back to back (--requests per figure, --repeat rounds in rotating order),
with the 1-row lookup (or --query-file's text, repeated as a client would); it prints the median CPU per request
of this process (the server's side) and of the query workers. The difference between two rows is what the outer
step adds. `benchmarks/sparql_cpu.py` measures the same request through uvicorn: its server figure minus the
"app" row here is the HTTP side (httptools, uvloop, the socket).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from pathlib import Path
from urllib.parse import urlencode

import psutil

from talkgraph.api.app import create_app
from talkgraph.api.settings import Settings
from talkgraph.api.sparql import ProtocolRequest, QueryFastPath, answer_query
from talkgraph.graph.rdf.queries import QueryRequest, answer_job, open_snapshot
from talkgraph.graph.rdf.store import open_store
from talkgraph.ontology import sparql_prologue

ACCEPT = "application/sparql-results+json"


def lookup(store) -> str:
    talk = store.select(sparql_prologue() + "SELECT ?t WHERE { ?t a tg:Talk } LIMIT 1")[0]["t"]
    return sparql_prologue() + f"SELECT ?title WHERE {{ {talk} schema:name ?title }}"


def asgi_request(query: str):
    """A POST form to /sparql as uvicorn hands it to the app: the scope, a receive that gives the body, a send."""
    body = urlencode({"query": query}).encode()
    headers = [
        (b"host", b"127.0.0.1"),
        (b"accept", ACCEPT.encode()),
        (b"content-type", b"application/x-www-form-urlencoded"),
        (b"content-length", str(len(body)).encode()),
    ]

    def scope(app) -> dict:
        return {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "POST",
            "scheme": "http",
            "path": "/sparql",
            "raw_path": b"/sparql",
            "root_path": "",
            "query_string": b"",
            "headers": headers,
            "client": ("127.0.0.1", 50000),
            "server": ("127.0.0.1", 8000),
            "app": app,
            "state": {},
        }

    async def receive() -> dict:
        return {"type": "http.request", "body": body, "more_body": False}

    return scope, receive


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--query-file", help="the query to send (default: a 1-row lookup)")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    store = open_store(args.data_dir)
    settings = Settings()
    app = create_app(store, settings)
    state = app.state.talkgraph
    store.start_workers()
    query = Path(args.query_file).read_text("utf-8") if args.query_file else lookup(store)
    scope, receive = asgi_request(query)
    statuses: list[int] = []

    async def send(message: dict) -> None:
        if message["type"] == "http.response.start":
            statuses.append(message["status"])

    fast = QueryFastPath(app)  # its next app is never reached by a query
    request = QueryRequest(query, "json", None, settings.max_rows)
    snapshot = open_snapshot(str(store.snapshot()))
    checked, _ = answer_job(snapshot, request, None)

    async def full_app() -> None:
        await app(scope(app), receive, send)

    async def fast_path() -> None:
        await fast(scope(app), receive, send)

    async def answer() -> None:
        await answer_query(state, query, ProtocolRequest(query=query), ACCEPT)

    async def round_trip() -> None:
        await store.answer_async(request, settings.query_timeout)

    async def empty_call() -> None:
        await store._workers().acall(id, timeout=settings.query_timeout)

    async def job() -> None:
        answer_job(snapshot, request, checked)

    steps = {
        "app (every middleware, the fast path, the worker)": full_app,
        "QueryFastPath alone": fast_path,
        "answer_query (negotiation, headers, Response)": answer,
        "store.answer_async (pickles, pipe round trip, worker)": round_trip,
        "an empty worker call (pipe round trip only)": empty_call,
        "the worker's job, in this process (run, serialise)": job,
    }
    family = psutil.Process().children
    cpu: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in steps}

    async def run() -> None:
        for step in steps.values():  # warm up
            for _ in range(50):
                await step()
        for round_ in range(args.repeat):
            names = list(steps)
            names = names[round_ % len(names) :] + names[: round_ % len(names)]
            for name in names:
                workers = family(recursive=True)
                before = time.process_time(), sum(sum(w.cpu_times()[:2]) for w in workers)
                for _ in range(args.requests):
                    await steps[name]()
                after = time.process_time(), sum(sum(w.cpu_times()[:2]) for w in workers)
                cpu[name][0].append((after[0] - before[0]) / args.requests * 1000)
                cpu[name][1].append((after[1] - before[1]) / args.requests * 1000)

    asyncio.run(run())
    assert set(statuses) == {200}, statuses
    print(f"{args.requests} requests × {args.repeat} rounds; query of {len(query)} characters\n")
    print("| step | server CPU ms/request | workers CPU ms/request |")
    print("|---|---|---|")
    for name, (own, workers) in cpu.items():
        print(f"| {name} | {statistics.median(own):.3f} | {statistics.median(workers):.3f} |")
    store.close()


if __name__ == "__main__":
    main()
