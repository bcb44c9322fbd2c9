"""`talkgraph serve` at 1k, 10k and 100k talks: ready time, memory, first and warm answers, old code beside new.

For each size, benchmarks/corpus.py's synthetic corpus is written once, as ingest writes it (each document
with its analytics, by delta), into an on-disk data directory under --work (default /tmp/talkgraph-bench),
and reused by later runs. Then `talkgraph serve --data-dir` starts on it, once per code version (this
checkout, and --old: another checkout with its own virtual environment, e.g. the commit before the change),
interleaved so both see the same machine load. For each server the script prints:

- ready: seconds from spawning the process to its first answer to a SPARQL query (`ASK {}`);
- RSS: the server's resident memory with its query workers, after every request below;
- first: the latency of each request the first time it is asked after ready (each path once, in order);
- warm: the median of --repeat further requests.

    .venv/bin/python benchmarks/server_scale.py --build-only --sizes 1000,10000,100000   # the stores
    git worktree add /work/wt/serve-old <commit> && (cd /work/wt/serve-old && python3 -m venv .venv \
        && .venv/bin/pip install -q -e .)
    .venv/bin/python benchmarks/server_scale.py --sizes 1000,10000,100000 --old /work/wt/serve-old

A data directory is served read-write by one server at a time, so the two versions take turns on it.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import Templates, synthetic_extractions
from pyoxigraph import RdfFormat

from talkgraph.graph.analytics.derived import related_topic_triples, vocabulary_hash
from talkgraph.graph.analytics.links import Counts, DocumentLinks, Reference
from talkgraph.graph.analytics.stored import all_triples, analytics_graph
from talkgraph.graph.ingest import load_reference_graphs
from talkgraph.graph.rdf.store import EmbeddedStore
from talkgraph.graph.rdf.triples import document_key, extraction_quads, notes_graph
from talkgraph.ontology import DERIVED_GRAPH

HERE = Path(__file__).resolve().parent.parent
TALK = "Beyond the buzzword: BPF’s Unexpected role in Kubernetes"  # a bundled talk: in the corpus at every size
TALK_IRI = "https://w3id.org/talkgraph/id/talk/kubecon-na-2020/beyond-the-buzzword-bpfs-unexpected-role-in-kubernetes"
KUBERNETES = "https://w3id.org/talkgraph/id/tool/kubernetes"  # in the bundled talk's neighbourhood
PATHS = (
    ("/api/cooccur", {"focus": "eBPF"}),
    ("/api/related-topics", {"talk": TALK}),
    ("/api/stats", {}),
    ("/api/communities", {}),
    ("/api/talks", {"topic": "Observability"}),
    ("/graph", {}),
    ("/graph/around", {"ref": TALK_IRI, "format": "json"}),  # the talk's neighbourhood in the talk graph
    ("/api/tooltip", {"ref": KUBERNETES}),  # hovering the page's most-named node (since wt-G; 404 before: "–")
    ("/api/neighbours", {"ref": "Cilium", "graph": "talk", "limit": 25}),
    ("/api/path", {"source": "Cilium", "target": "Prometheus"}),
    ("/api/connection", {"source": TALK_IRI, "target": "Grafana"}),
    ("/api/search", {"q": "kube"}),
    ("/api/suggest", {"q": "obs"}),
)
READY = ("/sparql", {"query": "ASK {}"})  # answered: the server is up and its query workers run
NEWER = {"/api/tooltip"}  # routes older code may not have (shown as "–" for it)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def data_dir(work: Path, n: int) -> Path:
    """The data directory of n talks, built once (a marker file says it is complete)."""
    directory = work / f"serve-{n}"
    if (directory / "built").exists():
        return directory
    log(f"[{n} talks] building {directory}")
    started = time.monotonic()
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    quads = bulk_build(n, directory)
    (directory / "built").write_text(f"{quads:,} quads in {time.monotonic() - started:.0f} s\n")
    log(f"[{n} talks] built: {(directory / 'built').read_text().strip()}")
    return directory


def bulk_build(n: int, directory: Path) -> int:
    """What ingest writes for the synthetic corpus (each document, its related topics, the derived graph's
    counts), computed by the same functions, but written with one bulk load: writing 100 documents of
    1,000 talks one transaction at a time takes hours on a shared 2-core machine."""
    templates = Templates.load()
    store = EmbeddedStore(directory / "store")
    load_reference_graphs(store, templates.vocabulary)
    ref, vocabulary = Reference.from_store(store), vocabulary_hash(store)
    counts = Counts()
    dump = directory / "corpus.nq"
    with dump.open("w", encoding="utf-8") as out:
        for extraction in synthetic_extractions(n, templates):
            graph = notes_graph(document_key(extraction.document.name)).value
            quads = extraction_quads(extraction)
            links = DocumentLinks.from_quads(quads)
            counts.add(Counts.of_document(links, ref))
            out.writelines(f"{q.subject} {q.predicate} {q.object} <{graph}> .\n" for q in quads)
            target = analytics_graph(graph)
            out.writelines(f"{s} {p} {o} <{target}> .\n" for s, p, o in related_topic_triples(links, ref))
        out.writelines(f"{s} {p} {o} <{DERIVED_GRAPH}> .\n" for s, p, o in all_triples(counts, ref, vocabulary))
    store.store.bulk_load(path=str(dump), format=RdfFormat.N_QUADS)
    dump.unlink()
    total = len(store.store)
    store.close()
    return total


@dataclass
class Run:
    version: str
    ready: float = float("nan")
    rss_gib: float = float("nan")
    first: dict[str, float] = field(default_factory=dict)
    warm: dict[str, float] = field(default_factory=dict)
    sizes: dict[str, int] = field(default_factory=dict)  # bytes of each answer (uncompressed)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rss_gib(process: subprocess.Popen) -> float:
    try:
        family = [psutil.Process(process.pid), *psutil.Process(process.pid).children(recursive=True)]
        return sum(p.memory_info().rss for p in family) / 2**30
    except psutil.Error:
        return float("nan")


def first_line(path: Path) -> dict:
    """A kept file's first line: its key."""
    with path.open() as kept:
        return json.loads(kept.readline())


def kept_for_this_version(directory: Path, wait: float) -> bool:
    """Whether the background's results are kept beside the store under its current version (waiting up to
    `wait` seconds for them), and the overview page too when the code keeps one (since G3, with the layout apart)."""
    started = time.monotonic()
    while True:
        with contextlib.suppress(OSError, ValueError, KeyError, IndexError):
            version = (directory / "store.version").read_text().split()[0]  # the key; then the files it was for
            files = [directory / "store.background.json"]
            if (directory / "store.background.layout.json").exists():
                files.append(directory / "store.background.page.json")
            if all(first_line(f)["version"] == version for f in files):
                return True
        if time.monotonic() - started > wait:
            return False
        time.sleep(0.5)


def serve(version: str, talkgraph: Path, directory: Path, repeat: int, timeout: float, keep: bool = False) -> Run:
    """Start one server on the data directory, ask every path, stop it (with `keep`, once the background's results
    are kept for the next start)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    run = Run(version)
    started = time.monotonic()
    process = subprocess.Popen(
        [str(talkgraph), "serve", "--data-dir", str(directory), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        with httpx.Client(base_url=base, timeout=httpx.Timeout(600)) as client:
            while time.monotonic() - started < 900:
                if process.poll() is not None:
                    raise RuntimeError(f"{version} server exited with {process.returncode}")
                try:
                    if client.get(READY[0], params=READY[1]).status_code == 200:
                        run.ready = time.monotonic() - started
                        break
                except httpx.TransportError:
                    time.sleep(0.05)
            for path, params in PATHS:
                t0 = time.perf_counter()
                try:
                    response = client.get(path, params=params, timeout=timeout)
                except httpx.TimeoutException:
                    run.first[path] = float("inf")  # not answered within the timeout: no warm figure either
                    continue
                if response.status_code == 404 and path in NEWER:  # a route this version does not have
                    run.first[path] = float("nan")
                    continue
                run.first[path] = time.perf_counter() - t0
                response.raise_for_status()
                run.sizes[path] = len(response.content)
            for path, params in PATHS:
                if not math.isfinite(run.first[path]):  # refused (inf) or not offered by this code (nan)
                    continue
                times = []
                for _ in range(repeat):
                    t0 = time.perf_counter()
                    client.get(path, params=params).raise_for_status()
                    times.append(time.perf_counter() - t0)
                run.warm[path] = statistics.median(times)
            run.rss_gib = rss_gib(process)
            if keep:  # the next start should find the background's results kept (wt-G): wait for them
                kept_for_this_version(directory, 300)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    return run


def ms(seconds: float) -> str:
    if seconds == float("inf"):
        return "timed out"
    if seconds != seconds:
        return "–"
    return f"{seconds * 1000:,.0f} ms" if seconds >= 0.1 else f"{seconds * 1000:.1f} ms"


def comparisons(names: list[str]) -> list[tuple[int, int]]:
    """Which runs are compared (old ÷ new): each with old; with old restarted too, first start with first start and
    restart with restart."""
    if not names or names[0] != "old":
        return []
    if "old, restarted" in names and "new, restarted" in names:
        return [(0, names.index("new")), (names.index("old, restarted"), names.index("new, restarted"))]
    return [(0, i) for i in range(1, len(names))]


def report(n: int, runs: list[Run]) -> None:
    print(f"\n## {n:,} talks\n")
    names = [r.version for r in runs]
    pairs = comparisons(names)
    print("| | " + " | ".join(names) + "".join(f" | {names[a]} ÷ {names[b]}" for a, b in pairs) + " |")
    print("|---|" + "---|" * (len(runs) + len(pairs)))

    def row(label: str, values: list[float], fmt) -> None:
        ratios = "".join(
            f" | {values[a] / values[b]:.1f}×"
            if values[b] and values[b] == values[b] and values[a] == values[a]
            else " | "
            for a, b in pairs
        )
        print(f"| {label} | " + " | ".join(fmt(v) for v in values) + ratios + " |")

    row("ready (first SPARQL answer)", [r.ready for r in runs], lambda v: f"{v:.2f} s")
    row("memory (RSS with workers)", [r.rss_gib for r in runs], lambda v: f"{v:.2f} GiB")
    for path, params in PATHS:
        query = "&".join(f"{k}={'(a bundled talk)' if v in (TALK, TALK_IRI) else v}" for k, v in params.items())
        label = f"{path}?{query}" if query else path
        row(f"first {label}", [r.first.get(path, float("nan")) for r in runs], ms)
        row(f"warm {label}", [r.warm.get(path, float("nan")) for r in runs], ms)
    for path, _ in PATHS:
        row(f"size of {path}", [r.sizes.get(path, float("nan")) / 1000 for r in runs], lambda v: f"{v:,.0f} kB")


SERVING_IMPORTS = "import talkgraph.api.cli, uvicorn, talkgraph.api.app"  # what `talkgraph serve` imports to serve
LINKER = ("talkgraph.graph.ingest", "wordfreq")


def import_times(versions: list[tuple[str, Path]], rounds: int) -> None:
    """Seconds a fresh interpreter of each version takes to import what serving needs, interleaved, and whether the
    linker came with it (since S4 it does not: it is imported by the first ingest through the server)."""
    code = f"import sys, time; t = time.perf_counter(); {SERVING_IMPORTS}; " + (
        f"print(time.perf_counter() - t, all(m not in sys.modules for m in {LINKER!r}))"
    )
    times: dict[str, list[float]] = {name: [] for name, _ in versions}
    linker: dict[str, bool] = {}
    for r in range(rounds):
        for name, talkgraph in versions[r % len(versions) :] + versions[: r % len(versions)]:
            out = subprocess.run([str(talkgraph.parent / "python"), "-c", code], capture_output=True, text=True)
            seconds, without = out.stdout.split()
            times[name].append(float(seconds))
            linker[name] = without != "True"
    print(f"\n## imports for serving (`{SERVING_IMPORTS}`), median of {rounds} interleaved fresh interpreters\n")
    print("| version | seconds | min–max | the linker imported |")
    print("|---|---|---|---|")
    for name, got in times.items():
        print(f"| {name} | {statistics.median(got):.2f} | {min(got):.2f}–{max(got):.2f} | {linker[name]} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="numbers of talks, comma-separated")
    parser.add_argument("--work", type=Path, default=Path("/tmp/talkgraph-bench"), help="where the stores are kept")
    parser.add_argument("--old", type=Path, help="a checkout with its own .venv to compare against (run first)")
    parser.add_argument("--new", type=Path, help="a checkout with its own .venv to serve as new (default: this one)")
    parser.add_argument("--repeat", type=int, default=10, help="warm requests per path")
    parser.add_argument("--build-only", action="store_true", help="build the stores and stop")
    parser.add_argument("--timeout", type=float, default=300, help="seconds a first request may take")
    parser.add_argument("--old-max-talks", type=int, default=10_000, help="serve the old code up to this size")
    parser.add_argument(
        "--restart",
        action="store_true",
        help="serve each code twice: first with no background results kept (they are deleted), then restarted",
    )
    parser.add_argument(
        "--imports", type=int, default=0, metavar="N", help="also time the imports serving needs, N rounds per version"
    )
    args = parser.parse_args()
    new = (args.new / ".venv" / "bin" if args.new else Path(sys.executable).parent) / "talkgraph"
    old = args.old / ".venv" / "bin" / "talkgraph" if args.old else None
    versions = [("new", new)]
    if old:
        versions.insert(0, ("old", old))
    if args.restart:
        versions.append(("new, restarted", new))
        if old:
            versions.insert(1, ("old, restarted", old))
    if args.imports:
        import_times([(name, path) for name, path in versions if "restarted" not in name], args.imports)
    for n in (int(s) for s in args.sizes.split(",")):
        directory = data_dir(args.work, n)
        if args.build_only:
            continue
        runs = []
        for version, talkgraph in versions:
            log(f"[{n} talks] serving with the {version} code")
            if version.startswith("old") and n > args.old_max_talks:
                continue
            restarting = version in ("old", "new") and args.restart
            if restarting:  # a first start: nothing kept (since G3 in several files), a new store version
                for kept_file in [*directory.glob("store.background*"), directory / "store.version"]:
                    kept_file.unlink(missing_ok=True)
            runs.append(serve(version, talkgraph, directory, args.repeat, args.timeout, keep=restarting))
            if restarting and not kept_for_this_version(directory, 0):
                log(f"[{n} talks] nothing was kept for the restart: it computes again")
        report(n, runs)
        sys.stdout.flush()


if __name__ == "__main__":
    main()
