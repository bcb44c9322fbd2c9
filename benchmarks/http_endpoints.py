"""Talkgraph's /sparql beside `oxigraph serve` and rdflib-endpoint, over HTTP, on the same quads.

For each size, benchmarks/corpus.py builds the synthetic corpus; its N-Quads are loaded into a
Talkgraph data directory (served by `talkgraph serve`, a separate process with its query workers),
into an Oxigraph directory (served by `oxigraph serve --union-default-graph`) and into rdflib
(rdflib-endpoint over a Dataset with the union default graph). Every query of api/examples.py and
a 1-row lookup runs against each server with 1 and with 8 concurrent clients, interleaved (rounds
in rotating server order); the script prints the median latency (1 client), requests/s (1 and 8
clients) and ratios, plus "engine": the same query run and serialised by pyoxigraph in this process
on a read-only snapshot, which Talkgraph's added cost per request is measured against.

    .venv/bin/pip install oxigraph rdflib-endpoint      # the other servers (not project dependencies)
    .venv/bin/python benchmarks/http_endpoints.py --sizes 1000,10000
    .venv/bin/python benchmarks/http_endpoints.py --sizes 1000,10000 --baseline main --rdflib-max-talks 0

`--data-dir N=DIR` serves an existing Talkgraph data directory of N talks (such as benchmarks/server_scale.py's
serve-N) in place instead of building a corpus (over an hour at 100,000 talks): its store is exported to N-Quads in
--work, which the other servers load. The server writes to DIR (snapshots, its version file): pass a copy.

    .venv/bin/python benchmarks/http_endpoints.py --sizes 100000 --data-dir 100000=/tmp/copy/serve-100000

`--baseline REV` also serves the same quads with that git revision's Talkgraph (`git archive`, imported as
`talkgraph` by its server process: benchmarks/baseline.py), as `talkgraph-before`, interleaved with the others,
so a change to the request path is measured before and after in one run.

The clients are threads of this process with one keep-alive httpx.Client each; on a 2-core machine
they share the cores with the server under test, so the cheapest queries are bound by HTTP on
both sides, for every server alike.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psutil
import rdflib
from pyoxigraph import RdfFormat, Store

sys.path.insert(0, str(Path(__file__).resolve().parent))
from baseline import baseline_package
from corpus import Templates, build_store, nquads

from talkgraph.api.examples import EXAMPLE_QUERIES
from talkgraph.graph.rdf.queries import Dataset, run_job
from talkgraph.graph.rdf.store import COMPACTION_LOOK_EVERY, COMPACTION_QUIET
from talkgraph.ontology import sparql_prologue

BIN = Path(sys.executable).parent
RDFLIB_SERVER = """
import sys, uvicorn
from rdflib import Dataset
from rdflib_endpoint import SparqlEndpoint
dataset = Dataset(default_union=True)
dataset.parse(sys.argv[1], format="nquads")
app = SparqlEndpoint(graph=dataset, path="/sparql", enable_update=False)
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
"""
TALKGRAPH_CLI = "from talkgraph.api.cli import app; app()"
ACCEPT = {"select": "application/sparql-results+json", "construct": "text/turtle"}


@dataclass
class Query:
    name: str
    text: str
    form: str  # select or construct


@dataclass
class Server:
    name: str
    url: str  # the query endpoint
    process: subprocess.Popen
    ready_seconds: float = 0.0
    clients: list[httpx.Client] = field(default_factory=list)  # kept across batches: connections stay open

    def client(self, i: int) -> httpx.Client:
        while len(self.clients) <= i:
            self.clients.append(httpx.Client(timeout=httpx.Timeout(300)))
        return self.clients[i]

    def rss_gib(self) -> float:
        try:
            family = [psutil.Process(self.process.pid), *psutil.Process(self.process.pid).children(recursive=True)]
            return sum(p.memory_info().rss for p in family) / 2**30
        except psutil.Error:
            return float("nan")

    def stop(self) -> None:
        for client in self.clients:
            client.close()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


@dataclass
class Cell:
    latencies: list[float] = field(default_factory=list)  # 1 client, seconds
    rates: dict[int, list[float]] = field(default_factory=dict)  # clients → requests/s per round
    errors: int = 0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def start(name: str, command: list[str], url: str, probe: dict, env: dict | None = None) -> Server:
    started = time.monotonic()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True, env=env
    )
    deadline = started + 600
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with {process.returncode}")
        try:
            if httpx.get(url, params=probe, timeout=5).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    server = Server(name, url, process, time.monotonic() - started)
    settle(server)
    return server


def settle(server: Server, quiet: float = 0.05) -> None:
    """Wait until the server is idle (Talkgraph lays out its overview graph in the background at start)."""
    family = psutil.Process(server.process.pid)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        processes = [family, *family.children(recursive=True)]
        before = sum(sum(p.cpu_times()[:2]) for p in processes if p.is_running())
        time.sleep(1)
        after = sum(sum(p.cpu_times()[:2]) for p in processes if p.is_running())
        if after - before < quiet:
            return


def start_talkgraph(name: str, data_dir: Path, workers: int, max_rows: int, env: dict | None = None) -> Server:
    """`talkgraph serve` on data_dir: this tree's, or (env with PYTHONPATH) the baseline revision's."""
    port = free_port()
    return start(
        name,
        [
            *(sys.executable, "-c", TALKGRAPH_CLI, "serve", "--data-dir", str(data_dir), "--port", str(port)),
            *("--query-timeout", "300", "--max-concurrent-queries", str(workers), "--max-rows", str(max_rows)),
        ],
        f"http://127.0.0.1:{port}/sparql",
        {"query": "ASK {}", "format": "json"},
        env,
    )


def follow_compaction(server: Server) -> None:
    """A few queries 1.1 s apart, once the server is idle: Talkgraph publishes a snapshot of the files its store
    compacted at start after the directory stayed unchanged for COMPACTION_QUIET seconds and a query came (its
    workers, and the engine column, read that snapshot)."""
    for _ in range(int(COMPACTION_QUIET + COMPACTION_LOOK_EVERY) + 2):
        httpx.get(server.url, params={"query": "ASK {}", "format": "json"}, timeout=60)
        time.sleep(1.1)


def queries(store: Store) -> list[Query]:
    talk = next(
        iter(
            store.query(sparql_prologue() + "SELECT ?t WHERE { ?t a tg:Talk } LIMIT 1", use_default_graph_as_union=True)
        )
    )["t"]
    found = [
        Query("1-row lookup", sparql_prologue() + f"SELECT ?title WHERE {{ {talk} schema:name ?title }}", "select")
    ]
    for example in EXAMPLE_QUERIES:
        form = "construct" if "CONSTRUCT" in example.query else "select"
        found.append(Query(example.name, example.query, form))
    return found


def ask(client: httpx.Client, server: Server, query: Query) -> httpx.Response:
    return client.post(server.url, data={"query": query.text}, headers={"Accept": ACCEPT[query.form]})


def batch(server: Server, query: Query, clients: int, budget: float, cell: Cell) -> None:
    """Each client sends requests back to back until the budget is spent (at least one each)."""
    done: list[float] = []
    errors = [0]
    lock = threading.Lock()
    begin = time.perf_counter()

    def client(http: httpx.Client) -> None:
        while True:
            t0 = time.perf_counter()
            response = ask(http, server, query)
            elapsed = time.perf_counter() - t0
            with lock:
                done.append(elapsed)
                if response.status_code != 200:
                    errors[0] += 1
            if time.perf_counter() - begin > budget:
                return

    threads = [threading.Thread(target=client, args=(server.client(i),)) for i in range(clients)]
    begin = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - begin
    cell.errors += errors[0]
    cell.rates.setdefault(clients, []).append(len(done) / wall)
    if clients == 1:
        cell.latencies.extend(done)


def engine_batch(store: Store, query: Query, budget: float, max_rows: int, times: list[float]) -> None:
    """The query run and serialised by pyoxigraph in this process, as a Talkgraph worker runs it."""
    fmt = "json" if query.form == "select" else "turtle"
    begin = time.perf_counter()
    while True:
        t0 = time.perf_counter()
        run_job(store, query.text, fmt, max_rows, Dataset())
        times.append(time.perf_counter() - t0)
        if time.perf_counter() - begin > budget:
            return


def rows(server: Server, query: Query) -> str:
    response = ask(server.client(0), server, query)
    if response.status_code != 200:
        return f"HTTP {response.status_code}"
    if query.form == "select":
        return str(len(response.json()["results"]["bindings"]))
    return f"{len(rdflib.Graph().parse(data=response.content, format='turtle'))} triples"


def run_size(n: int, args, templates: Templates, work: Path) -> None:
    source = work / f"{n}.nq"
    existing = args.data_dir.get(n)  # a Talkgraph data directory of n talks, served in place
    if source.exists() and args.reuse:
        log(f"[{n} talks] reusing {source}")
    elif existing is not None:
        log(f"[{n} talks] exporting {existing / 'store'} to N-Quads")
        started = time.monotonic()
        Store.read_only(str(existing / "store")).dump(output=str(source.with_suffix(".tmp")), format=RdfFormat.N_QUADS)
        source.with_suffix(".tmp").replace(source)
        log(f"[{n} talks] exported in {time.monotonic() - started:.0f} s")
    else:
        log(f"[{n} talks] building the corpus")
        built = build_store(n, templates)
        source.with_suffix(".tmp").write_bytes(nquads(built))
        source.with_suffix(".tmp").replace(source)
        built.store.close()
        del built
    with source.open("rb") as lines:
        quads = sum(1 for _ in lines)
    loaded = [
        "oxigraph",
        *(["talkgraph"] if existing is None else []),
        *(["talkgraph-before"] if args.baseline else []),
    ]
    for name in loaded:
        directory = work / f"{name}-{n}" / ("store" if name.startswith("talkgraph") else "")
        if args.keep_stores and directory.is_dir() and any(directory.iterdir()):
            log(f"[{n} talks] keeping {name}'s store from an earlier run")
            continue
        shutil.rmtree(directory, ignore_errors=True)
        directory.mkdir(parents=True)
        log(f"[{n} talks] loading {name}'s store")
        store = Store(str(directory))
        store.bulk_load(path=str(source), format=RdfFormat.N_QUADS)
        store.flush()
        del store
    served = existing or work / f"talkgraph-{n}"
    servers: list[Server] = []
    try:  # a server that fails to start stops the ones started before it
        servers.append(start_talkgraph("talkgraph", served, args.workers, args.max_rows))
        if args.baseline:
            env = {**os.environ, "PYTHONPATH": str(args.baseline_path)}
            servers.append(
                start_talkgraph("talkgraph-before", work / f"talkgraph-before-{n}", args.workers, args.max_rows, env)
            )
        port = free_port()
        servers.append(
            start(
                "oxigraph",
                [
                    *(str(BIN / "oxigraph"), "serve", "--location", str(work / f"oxigraph-{n}")),
                    *("--bind", f"127.0.0.1:{port}", "--union-default-graph"),
                ],
                f"http://127.0.0.1:{port}/query",
                {"query": "ASK {}"},
            )
        )
        if n <= args.rdflib_max_talks:
            port = free_port()
            servers.append(
                start(
                    "rdflib-endpoint",
                    [sys.executable, "-c", RDFLIB_SERVER, str(source), str(port)],
                    f"http://127.0.0.1:{port}/sparql",
                    {"query": "ASK {}"},
                )
            )
        follow_compaction(servers[0])
        readers = served / "store.readers"
        engine_store = Store.read_only(str(readers / (readers / "CURRENT").read_text().strip()))
        print(f"\n## {n:,} talks ({quads:,} quads)\n")
        print("| server | ready after start | memory (RSS, with workers) |")
        print("|---|---|---|")
        for server in servers:
            print(f"| {server.name} | {server.ready_seconds:.1f} s | {server.rss_gib():.2f} GiB |")
        measure(servers, queries(engine_store), engine_store, args)
    finally:
        for server in servers:
            server.stop()


def measure(servers: list[Server], found: list[Query], engine_store: Store, args) -> None:
    names = [s.name for s in servers]
    talkgraphs = [name for name in names if name.startswith("talkgraph")]
    print()
    header = ["query", "rows", "engine ms"] + [f"{s} ms" for s in names] + [f"{t} added ms" for t in talkgraphs]
    header += [f"{s} req/s ({c})" for c in args.clients for s in names]
    header += [f"{t}/oxigraph req/s ({c})" for c in args.clients for t in talkgraphs]
    header += ["errors"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for query in found:
        log(f"  {query.name}")
        counts = {server.name: rows(server, query) for server in servers}
        cells = {server.name: Cell() for server in servers}
        engine_times: list[float] = []
        for round_ in range(args.rounds):
            order = servers[round_ % len(servers) :] + servers[: round_ % len(servers)]
            engine_batch(engine_store, query, args.budget, args.max_rows, engine_times)
            for clients in args.clients:
                for server in order:
                    batch(server, query, clients, args.budget, cells[server.name])
        engine = statistics.median(engine_times)
        medians = {name: statistics.median(cell.latencies) * 1000 for name, cell in cells.items()}
        rates = {(name, c): statistics.median(cell.rates[c]) for name, cell in cells.items() for c in args.clients}
        distinct = set(counts.values())
        row = [query.name, counts["talkgraph"] if len(distinct) == 1 else "DIFF " + "/".join(counts.values())]
        row += [f"{engine * 1000:.2f}"] + [f"{medians[name]:.2f}" for name in names]
        row += [f"{medians[t] - engine * 1000:.2f}" for t in talkgraphs]
        row += [f"{rates[(name, c)]:.1f}" for c in args.clients for name in names]
        row += [f"{rates[(t, c)] / rates[('oxigraph', c)]:.2f}" for c in args.clients for t in talkgraphs]
        row += [", ".join(f"{name} {cell.errors}" for name, cell in cells.items() if cell.errors) or "0"]
        print("| " + " | ".join(row) + " |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="numbers of talks, comma-separated")
    parser.add_argument("--clients", default="1,8", help="concurrent clients, comma-separated")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds per query and client count")
    parser.add_argument("--budget", type=float, default=1.0, help="seconds of requests per server per round")
    parser.add_argument("--workers", type=int, default=4, help="Talkgraph's --max-concurrent-queries")
    parser.add_argument(
        "--max-rows",
        type=int,
        default=10_000,
        help="Talkgraph's --max-rows (its default: 10,000); above it, its answers are cut where the others' are not",
    )
    parser.add_argument("--rdflib-max-talks", type=int, default=10_000, help="skip rdflib-endpoint above this")
    parser.add_argument("--work", type=Path, help="where the stores go (default: a temporary directory)")
    parser.add_argument("--reuse", action="store_true", help="reuse the N-Quads of an earlier run in --work")
    parser.add_argument(
        "--keep-stores",
        action="store_true",
        help="with --reuse, also keep the stores an earlier run loaded in --work (a bulk load of 100,000 talks takes "
        "about 10 min)",
    )
    parser.add_argument(
        "--data-dir",
        action="append",
        default=[],
        metavar="N=DIR",
        help="serve this Talkgraph data directory of N talks in place (pass a copy: the server writes to it) instead "
        "of building a corpus; its store is exported to N-Quads in --work for the other servers (repeatable)",
    )
    parser.add_argument("--baseline", help="also serve the quads with this git revision's Talkgraph (before/after)")
    args = parser.parse_args()
    args.clients = [int(c) for c in args.clients.split(",")]
    args.data_dir = {int(n): Path(d) for n, d in (given.split("=", 1) for given in args.data_dir)}
    for tool in ("talkgraph", "oxigraph"):
        if not (BIN / tool).exists():
            sys.exit(f"{BIN / tool} is missing: pip install -e . oxigraph rdflib-endpoint")
    templates = Templates.load()
    work = args.work or Path(tempfile.mkdtemp(prefix="talkgraph-http-"))
    work.mkdir(parents=True, exist_ok=True)
    if args.baseline:
        shutil.rmtree(work / "baseline-tree", ignore_errors=True)
        shutil.rmtree(work / "baseline-package", ignore_errors=True)
        args.baseline_path = baseline_package(args.baseline, work)[0]
    print(
        f"python {sys.version.split()[0]}, {os.cpu_count()} cores; clients: threads with keep-alive httpx", flush=True
    )
    try:
        for n in (int(s) for s in args.sizes.split(",")):
            run_size(n, args, templates, work)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
