"""Which store answers the mission's SPARQL: pyoxigraph, rdflib, or rdflib over oxrdflib?

For each corpus size (benchmarks/corpus.py: synthetic talks cloned from the bundled notes, plus the
ontology, vocabulary and derived analytics graphs, as `talkgraph ingest` writes them), the same
N-Quads are loaded into

    pyoxigraph       talkgraph.graph.rdf.store.EmbeddedStore in memory (pyoxigraph Store), queried with .select()
    rdflib           rdflib Dataset(default_union=True) on rdflib's Memory store, prepared queries
    oxrdflib+prep    rdflib Dataset(store="Oxigraph", default_union=True) with a prepared query
                     (rdflib.plugins.sparql.prepareQuery): oxrdflib refuses parsed queries, so
                     rdflib's own engine runs them, reading triples out of Oxigraph pattern by pattern
    oxrdflib+str     the same Dataset queried with the query string, which oxrdflib hands to Oxigraph

and every SELECT of api/examples.py, plus "talks mentioning a tool" and two co-occurrence queries
computed on the fly in SPARQL (instead of read from the derived graph), is timed on each backend.
Every query runs once to warm up (and to compare row counts across backends), then --repeat rounds
in which the backends take turns in a rotating order; the table shows the median of those rounds
in ms, and each backend's ratio to pyoxigraph. Queries are prepared once, outside the timings; rows
are always materialised (a list of Python rows), as the app does.

A run longer than --timeout seconds is stopped and shown as "> 20 s": a SIGALRM handler raises
between two Python steps, which stops rdflib's pure-Python engine at once, while a native engine
(Oxigraph) first finishes the step it is in. That backend is then skipped for that query at the
larger sizes too ("> 20 s*"). A cell whose runs (warm-up included) add up to more than --budget
seconds stops repeating, after at least one timed run, and shows "(n)", the number of runs its
median is of: the slow cells are those with the largest ratios, where fewer runs cost little
precision, and this keeps the default sizes to about ten minutes (--budget 1e9: all --repeat runs).
Loads are repeated up to --load-repeat times (interleaved) unless one takes over --load-budget s.

    .venv/bin/python benchmarks/store_choice.py                       # 1,000 and 10,000 talks
    .venv/bin/python benchmarks/store_choice.py --sizes 1000,10000,100000
    .venv/bin/python benchmarks/store_choice.py --sizes 1000 --backends pyoxigraph,oxrdflib+str
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import os
import signal
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus
import pyoxigraph
import rdflib
from pyoxigraph import RdfFormat
from rdflib import Dataset
from rdflib.plugins.sparql import prepareQuery

from talkgraph.api.examples import EXAMPLE_QUERIES
from talkgraph.graph.rdf.store import EmbeddedStore
from talkgraph.ontology import sparql_prologue

BACKENDS = ("pyoxigraph", "rdflib", "oxrdflib+prep", "oxrdflib+str")
LOADERS = {"pyoxigraph": "pyoxigraph", "rdflib": "rdflib", "oxrdflib+prep": "oxrdflib", "oxrdflib+str": "oxrdflib"}

EXTRA_QUERIES = [
    (
        "Talks mentioning a tool",
        """
SELECT DISTINCT ?talk ?title WHERE {
  ?tool skos:prefLabel "Prometheus" .
  ?talk a tg:Talk ; tg:mentions ?tool ; schema:name ?title .
}
ORDER BY ?title
""",
    ),
    # The first example query reads tg:CoOccurrence nodes that refresh_analytics precomputed; these
    # work the same answer out from the talks at query time: tools and projects named in a talk that
    # names eBPF, by distinct talks (the derived graph's tg:weight). The scored one also ranks them as
    # the derived tg:score does: talks / sqrt(talks of eBPF × talks of the tool), compared squared
    # (SPARQL has no sqrt). The talks are found first and the tool's class checked with FILTER EXISTS:
    # the last query is the same question in the obvious shape, where joining `?tool a ?class` in the
    # pattern lets Oxigraph start from every tool (about 50x slower at 10,000 talks).
    (
        "Co-occurrence with eBPF, on the fly",
        """
SELECT ?tool ?label ?talks WHERE {
  { SELECT ?tool (COUNT(DISTINCT ?talk) AS ?talks) WHERE {
      ?topic skos:prefLabel "eBPF" .
      { ?talk tg:mentions ?topic } UNION { ?talk tg:hasTopic ?topic }
      { ?talk tg:mentions ?tool } UNION { ?talk tg:hasTopic ?tool }
      FILTER(?tool != ?topic)
      FILTER EXISTS { VALUES ?class { tg:Tool tg:Project } ?tool a ?class }
    } GROUP BY ?tool }
  ?tool skos:prefLabel ?label .
}
ORDER BY DESC(?talks) ?label
""",
    ),
    (
        "Co-occurrence with eBPF, scored on the fly",
        """
SELECT ?tool ?label ?talks ?score2 WHERE {
  { SELECT ?tool (COUNT(DISTINCT ?talk) AS ?talks) WHERE {
      ?topic skos:prefLabel "eBPF" .
      { ?talk tg:mentions ?topic } UNION { ?talk tg:hasTopic ?topic }
      { ?talk tg:mentions ?tool } UNION { ?talk tg:hasTopic ?tool }
      FILTER(?tool != ?topic)
      FILTER EXISTS { VALUES ?class { tg:Tool tg:Project } ?tool a ?class }
    } GROUP BY ?tool }
  { SELECT (COUNT(DISTINCT ?t) AS ?focus) WHERE {
      ?topic skos:prefLabel "eBPF" .
      { ?t tg:mentions ?topic } UNION { ?t tg:hasTopic ?topic }
    } }
  { SELECT ?tool (COUNT(DISTINCT ?t) AS ?all) WHERE {
      { ?t tg:mentions ?tool } UNION { ?t tg:hasTopic ?tool }
    } GROUP BY ?tool }
  ?tool skos:prefLabel ?label .
  BIND(?talks * ?talks / (?focus * ?all) AS ?score2)
}
ORDER BY DESC(?score2) DESC(?talks) ?label
""",
    ),
    (
        "Co-occurrence with eBPF, naive join order",
        """
SELECT ?tool ?label (COUNT(DISTINCT ?talk) AS ?talks) WHERE {
  ?topic skos:prefLabel "eBPF" .
  ?talk a tg:Talk ; tg:mentions|tg:hasTopic ?topic ; tg:mentions|tg:hasTopic ?tool .
  VALUES ?class { tg:Tool tg:Project }
  ?tool a ?class ; skos:prefLabel ?label .
  FILTER(?tool != ?topic)
}
GROUP BY ?tool ?label
ORDER BY DESC(?talks) ?label
""",
    ),
]


def queries() -> list[tuple[str, str]]:
    """The SELECT examples of api/examples.py (by name) and the extra queries above."""
    chosen = [(e.name, e.query) for e in EXAMPLE_QUERIES if _form(e.query) == "SELECT"]
    return chosen + [(name, sparql_prologue() + body.strip() + "\n") for name, body in EXTRA_QUERIES]


def _form(query: str) -> str:
    body = "\n".join(line for line in query.splitlines() if not line.strip().upper().startswith(("PREFIX", "BASE")))
    for word in body.split():
        if word.upper() in ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE"):
            return word.upper()
    return "?"


# -- timing with a deadline --------------------------------------------------------


class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout()


def timed(work: Callable[[], Any], timeout: float) -> tuple[float, Any]:
    """(seconds, result) of work(), or raise Timeout once it passes timeout seconds."""
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        start = time.perf_counter()
        result = work()
        return time.perf_counter() - start, result
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def rss_bytes() -> int:
    """Resident memory now, after handing freed heap back to the system (so a load's growth shows)."""
    gc.collect()
    if _LIBC is not None:
        _LIBC.malloc_trim(0)
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


try:
    _LIBC = ctypes.CDLL("libc.so.6")
except OSError:  # not glibc: RSS growth is rougher
    _LIBC = None


# -- backends ------------------------------------------------------------------------


def load(kind: str, data: bytes):
    if kind == "pyoxigraph":
        store = EmbeddedStore()
        store.store.load(data, format=RdfFormat.N_QUADS)
        return store
    if kind == "rdflib":
        dataset = Dataset(default_union=True)
        dataset.parse(data=data, format="nquads")
        return dataset
    if kind == "oxrdflib":
        dataset = Dataset(store="Oxigraph", default_union=True)
        dataset.parse(data=data, format="ox-nquads")
        return dataset
    raise ValueError(kind)


def runner(backend: str, loaded, query: str, prepared) -> Callable[[], list]:
    if backend == "pyoxigraph":
        return lambda: loaded.select(query)
    if backend in ("rdflib", "oxrdflib+prep"):
        return lambda: list(loaded.query(prepared))
    if backend == "oxrdflib+str":
        return lambda: list(loaded.query(query))
    raise ValueError(backend)


@dataclass
class Cell:
    times: list[float] = field(default_factory=list)
    rows: int | None = None
    timed_out: bool = False
    skipped: str = ""  # why it did not run


def run_size(size: int, backends: list[str], args, templates, slow: set[tuple[str, str]]) -> None:
    t0 = time.perf_counter()
    built = corpus.build_store(size, templates, seed=args.seed)
    data = corpus.nquads(built)
    s = built.seconds
    print(
        f"\n== {size:,} talks: {built.total_quads:,} quads ({built.notes_quads:,} notes, {built.derived_quads:,} derived), "
        f"{len(data) / 1e6:.0f} MB of N-Quads; corpus built in {time.perf_counter() - t0:.0f} s "
        f"(generate {s['generate']:.1f} s, load with analytics {s['load']:.1f} s)",
        flush=True,
    )
    del built
    gc.collect()

    # loads, interleaved
    kinds = list(dict.fromkeys(LOADERS[b] for b in backends))
    too_big = {k for k in kinds if k == "rdflib" and size > args.rdflib_max_talks}
    load_times: dict[str, list[float]] = {k: [] for k in kinds}
    load_rss: dict[str, int] = {}
    loaded: dict[str, Any] = {}
    done: set[str] = set(too_big)
    for round_ in range(args.load_repeat):
        order = kinds[round_ % len(kinds) :] + kinds[: round_ % len(kinds)]
        for kind in order:
            if kind in done:
                continue
            loaded.pop(kind, None)
            before = rss_bytes()
            try:
                seconds, loaded[kind] = timed(lambda: load(kind, data), args.load_timeout)
            except Timeout:
                print(f"   {kind}: load stopped after {args.load_timeout:.0f} s; its queries are skipped", flush=True)
                done.add(kind)
                too_big.add(kind)
                gc.collect()
                continue
            load_rss[kind] = rss_bytes() - before
            load_times[kind].append(seconds)
            if seconds > args.load_budget:
                done.add(kind)
    data = b""  # the N-Quads text is not needed any more
    gc.collect()
    # The loaded stores are millions of long-lived Python objects (rdflib's above all): frozen, the
    # collector stops walking them, so a collection during a timed run costs what it would in a
    # long-running app, not seconds. (Collecting before every run made the run take twice as long.)
    gc.freeze()
    print("load (N-Quads bytes → store), median s [runs], RSS growth of the last load:")
    for kind in kinds:
        if kind in too_big:
            why = (
                f"more than {args.rdflib_max_talks:,} talks (--rdflib-max-talks)"
                if kind == "rdflib" and not load_times[kind]
                else f"> {args.load_timeout:.0f} s"
            )
            print(f"   {kind:<12} skipped: {why}")
        else:
            print(
                f"   {kind:<12} {statistics.median(load_times[kind]):8.2f} s [{len(load_times[kind])}]"
                f"   +{load_rss[kind] / 2**30:.2f} GiB"
            )

    # queries
    rows_out = []
    prep_ms: dict[str, float] = {}
    for name, query in queries():
        t = time.perf_counter()
        prepared = prepareQuery(query)
        prep_ms[name] = (time.perf_counter() - t) * 1000
        cells = {b: Cell() for b in backends}
        active = []
        for b in backends:
            if LOADERS[b] in too_big:
                cells[b].skipped = "not loaded"
            elif (b, name) in slow:
                cells[b].skipped = "slow before"
            else:
                active.append(b)
        spent = {b: 0.0 for b in backends}
        # warm-up: once each, also the row count check
        for b in active:
            try:
                seconds, result = timed(runner(b, loaded[LOADERS[b]], query, prepared), args.timeout)
                cells[b].rows = len(result)
                spent[b] += seconds
            except Timeout:
                cells[b].timed_out = True
                slow.add((b, name))
        for round_ in range(args.repeat):
            live = [b for b in active if not cells[b].timed_out and (not cells[b].times or spent[b] <= args.budget)]
            if not live:
                break
            shift = round_ % len(live)
            for b in live[shift:] + live[:shift]:
                try:
                    seconds, _ = timed(runner(b, loaded[LOADERS[b]], query, prepared), args.timeout)
                except Timeout:
                    cells[b].timed_out = True
                    slow.add((b, name))
                    continue
                cells[b].times.append(seconds)
                spent[b] += seconds
        rows_out.append((name, cells))
        print(
            f"   .. {name}: " + ", ".join(f"{b} {_cell(cells[b], args)}" for b in backends), file=sys.stderr, flush=True
        )

    # the table
    width = max(len(n) for n, _ in rows_out)
    others = [b for b in backends if b != "pyoxigraph"]
    head = f"{'query':<{width}} {'rows':>6} | " + " ".join(f"{b:>14}" for b in backends)
    if "pyoxigraph" in backends:
        head += " | " + " ".join(f"{b + ' ÷ pyox':>20}" for b in others)
    print(f"\nqueries at {size:,} talks, median ms of {args.repeat} interleaved rounds after one warm-up:")
    print(head)
    print("-" * len(head))
    for name, cells in rows_out:
        counts = {c.rows for c in cells.values() if c.rows is not None}
        rows = "?" if not counts else (str(counts.pop()) if len(counts) == 1 else "DIFF")
        line = f"{name:<{width}} {rows:>6} | " + " ".join(f"{_cell(cells[b], args):>14}" for b in backends)
        if "pyoxigraph" in backends:
            base = cells["pyoxigraph"]
            ratios = []
            for b in others:
                c = cells[b]
                if c.times and base.times:
                    ratios.append(f"{_ratio(statistics.median(c.times) / statistics.median(base.times)):>20}")
                elif (c.timed_out or c.skipped == "slow before") and base.times:
                    ratios.append(f"{'> ' + _ratio(args.timeout / statistics.median(base.times)):>20}")
                else:
                    ratios.append(f"{'—':>20}")
            line += " | " + " ".join(ratios)
        print(line)
        if len({c.rows for c in cells.values() if c.rows is not None}) > 1:
            print("   rows differ: " + ", ".join(f"{b} {c.rows}" for b, c in cells.items() if c.rows is not None))
    print(
        f"(prepareQuery, once per query, not in the timings: {min(prep_ms.values()):.0f}–{max(prep_ms.values()):.0f} ms)"
    )
    loaded.clear()
    gc.unfreeze()
    gc.collect()


def _ratio(value: float) -> str:
    return f"{value:.1f}x" if value < 10 else f"{value:.0f}x"


def _cell(cell: Cell, args) -> str:
    if cell.skipped == "not loaded":
        return "not loaded"
    if cell.skipped == "slow before":
        return f"> {args.timeout:.0f} s*"
    if cell.timed_out and not cell.times:
        return f"> {args.timeout:.0f} s"
    if not cell.times:
        return "—"
    value = statistics.median(cell.times) * 1000
    text = f"{value:.1f}" if value < 100 else f"{value:.0f}"
    return text + (f" ({len(cell.times)})" if len(cell.times) < args.repeat else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="numbers of talks, comma-separated")
    parser.add_argument("--backends", default=",".join(BACKENDS), help=f"comma-separated, from {', '.join(BACKENDS)}")
    parser.add_argument("--repeat", type=int, default=5, help="timed rounds per query (after one warm-up)")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds one query run may take")
    parser.add_argument(
        "--budget", type=float, default=8.0, help="seconds of runs per query and backend after which it stops repeating"
    )
    parser.add_argument("--load-repeat", type=int, default=3)
    parser.add_argument("--load-budget", type=float, default=5.0, help="a load slower than this is not repeated")
    parser.add_argument("--load-timeout", type=float, default=600.0)
    parser.add_argument(
        "--rdflib-max-talks",
        type=int,
        default=20000,
        help="skip the rdflib Memory store above this many talks (about 0.6 GB per 1,000 talks)",
    )
    parser.add_argument("--seed", type=int, default=corpus.DEFAULT_SEED)
    args = parser.parse_args()
    backends = [b for b in args.backends.split(",") if b]
    unknown = set(backends) - set(BACKENDS)
    if unknown:
        parser.error(f"unknown backends: {', '.join(sorted(unknown))}")
    print(
        f"python {sys.version.split()[0]}, pyoxigraph {pyoxigraph.__version__}, rdflib {rdflib.__version__}, "
        f"oxrdflib {_version('oxrdflib')}; {os.cpu_count()} CPUs; {time.strftime('%Y-%m-%d %H:%M')}"
    )
    started = time.perf_counter()
    templates = corpus.Templates.load()
    slow: set[tuple[str, str]] = set()
    for size in (int(s) for s in args.sizes.split(",")):
        run_size(size, backends, args, templates, slow)
    print(
        f"\n> {args.timeout:.0f} s: one run passed --timeout and was stopped; * : stopped at a smaller size, not run; "
        f"(n): median of n runs (--budget reached); DIFF: backends disagree on the row count."
    )
    print(f"total {time.perf_counter() - started:.0f} s")


def _version(package: str) -> str:
    from importlib.metadata import version

    return version(package)


if __name__ == "__main__":
    main()
