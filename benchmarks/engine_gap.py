"""Why pyoxigraph in a query worker ran the example queries in twice the time `oxigraph serve` took: the files.

The same N-Quads are bulk-loaded into one directory, which is copied twice; one copy is then opened read-write
and left until RocksDB's background compaction is over (its directory unchanged for --quiet seconds), as
`oxigraph serve` and `talkgraph serve` leave the stores they open. Each query of api/examples.py then runs,
interleaved, on:

- `loaded, read-only`: pyoxigraph's Store.read_only on the bulk-loaded files, what a Talkgraph worker read
  before (a snapshot taken at the server's start, before the compaction);
- `compacted, read-only`: the same on the compacted copy, what a worker reads now (graph/rdf/store.py follows
  the compaction);
- `compacted, read-write`: pyoxigraph's Store (read-write) on the second, compacted copy;
- `serve-read-only loaded` and `serve-read-only compacted`: the oxigraph binary's own server over HTTP on each
  (read-only, so nothing compacts during the run).

In process the answer is iterated (every solution or triple read), over HTTP read whole as JSON or Turtle.

    .venv/bin/python benchmarks/engine_gap.py --nquads /tmp/bench/10000.nq --work /tmp/bench/gap
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx
from pyoxigraph import RdfFormat, Store

from talkgraph.api.examples import EXAMPLE_QUERIES

OXIGRAPH = Path(sys.executable).parent / "oxigraph"


def compact(directory: Path, quiet: float) -> float:
    """Open read-write and wait until RocksDB stops changing the directory; the seconds it took."""
    started = time.monotonic()
    store = Store(str(directory))
    seen, since = os.stat(directory).st_mtime_ns, time.monotonic()
    while time.monotonic() - since < quiet:
        time.sleep(0.2)
        mtime = os.stat(directory).st_mtime_ns
        if mtime != seen:
            seen, since = mtime, time.monotonic()
    del store
    return time.monotonic() - started - quiet


def tables(directory: Path) -> str:
    sizes = [f.stat().st_size for f in directory.glob("*.sst")]
    return f"{len(sizes)} table files, {sum(sizes) / 2**20:.0f} MiB"


def serve(directory: Path, port: int) -> tuple[subprocess.Popen, str]:
    command = [str(OXIGRAPH), "serve-read-only", "--location", str(directory), "--bind", f"127.0.0.1:{port}"]
    process = subprocess.Popen(
        [*command, "--union-default-graph"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/query"
    for _ in range(600):
        try:
            if httpx.get(url, params={"query": "ASK {}"}).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.1)
    return process, url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nquads", type=Path, required=True, help="the quads (e.g. http_endpoints.py's N.nq)")
    parser.add_argument("--work", type=Path, required=True, help="where the three stores go (removed at the end)")
    parser.add_argument("--rounds", type=int, default=7, help="interleaved rounds per query")
    parser.add_argument("--quiet", type=float, default=5.0, help="seconds unchanged that end the compaction")
    parser.add_argument("--port", type=int, default=17850, help="first of the two oxigraph servers' ports")
    args = parser.parse_args()
    loaded, compacted, writable = args.work / "loaded", args.work / "compacted", args.work / "writable"
    shutil.rmtree(args.work, ignore_errors=True)
    loaded.mkdir(parents=True)
    started = time.monotonic()
    store = Store(str(loaded))
    store.bulk_load(path=str(args.nquads), format=RdfFormat.N_QUADS)
    store.flush()
    del store
    print(f"bulk load {time.monotonic() - started:.0f} s: {tables(loaded)}")
    shutil.copytree(loaded, compacted)
    print(f"background compaction after a read-write open: {compact(compacted, args.quiet):.0f} s: {tables(compacted)}")
    shutil.copytree(compacted, writable)
    processes = []
    try:
        http = httpx.Client(timeout=600)
        urls = {}
        for i, (name, directory) in enumerate((("loaded", loaded), ("compacted", compacted))):
            process, urls[name] = serve(directory, args.port + i)
            processes.append(process)
        stores = {
            "loaded, read-only": Store.read_only(str(loaded)),
            "compacted, read-only": Store.read_only(str(compacted)),
            "compacted, read-write": Store(str(writable)),
        }

        def in_process(store: Store):
            return lambda text: sum(1 for _ in store.query(text, use_default_graph_as_union=True))

        def over_http(url: str):
            def ask(text: str) -> int:
                accept = "text/turtle" if "CONSTRUCT" in text else "application/sparql-results+json"
                response = http.post(url, data={"query": text}, headers={"Accept": accept})
                response.raise_for_status()
                return len(response.content)

            return ask

        variants = {name: in_process(store) for name, store in stores.items()}
        variants |= {f"serve-read-only {name}": over_http(url) for name, url in urls.items()}
        names = list(variants)
        print("\nmedian ms of interleaved rounds after one warm-up; ratio: to `compacted, read-only`\n")
        print("| query | " + " | ".join(names) + " | loaded/compacted (pyoxigraph) | loaded/compacted (serve) |")
        print("|" + "---|" * (len(names) + 3))
        for example in EXAMPLE_QUERIES:
            times: dict[str, list[float]] = {name: [] for name in names}
            for run in variants.values():
                run(example.query)
            for round_ in range(args.rounds):
                for name in names[round_ % len(names) :] + names[: round_ % len(names)]:
                    began = time.perf_counter()
                    variants[name](example.query)
                    times[name].append(time.perf_counter() - began)
            ms = {name: statistics.median(times[name]) * 1000 for name in names}
            row = [example.name] + [f"{ms[name]:.1f}" for name in names]
            row += [f"{ms['loaded, read-only'] / ms['compacted, read-only']:.2f}"]
            row += [f"{ms['serve-read-only loaded'] / ms['serve-read-only compacted']:.2f}"]
            print("| " + " | ".join(row) + " |", flush=True)
    finally:
        for process in processes:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait()
        shutil.rmtree(args.work, ignore_errors=True)


if __name__ == "__main__":
    main()
