"""SELECT answers serialised with the row cap: this code's writer against a revision's (--baseline), against a
LIMIT put in the query text, and against pyoxigraph writing the whole answer with no cap at all.

    .venv/bin/python benchmarks/select_serialisation.py --store DIR --baseline 51f0fac

DIR is a pyoxigraph store (for example a Talkgraph data directory's `store/`, or a snapshot under
`store.readers/`), opened read-only. Each variant runs the query and serialises its answer, in this process,
interleaved (--rounds rounds in rotating order, --budget seconds each); the script prints the median ms and
each variant's ratio to this code's. Variants:

- `now`: graph/rdf/results.py (pyoxigraph writes TSV into a writer that stops the query one row past the
  cap; other formats are written from that TSV);
- `before`: the same function of the --baseline revision (its results.py from `git show`);
- `LIMIT n+1`: this code on the query with `LIMIT cap+1` appended to its text, so the engine itself stops at
  the cap (what a rewrite of the query would give where the text allows one);
- `no cap`: pyoxigraph's own serialiser over the whole answer (a floor: memory unbounded).
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pyoxigraph import Store

from talkgraph.api.examples import EXAMPLE_QUERIES
from talkgraph.graph.rdf.results import RESULT_FORMATS, serialize_result
from talkgraph.ontology import sparql_prologue

ROOT = Path(__file__).resolve().parent.parent
CAPPED = {  # over 10,000 rows from 1,000 talks up
    "every talk's topics": "SELECT ?talk ?topic WHERE { ?talk tg:hasTopic ?topic }",
    "every talk's topics, ordered": "SELECT ?talk ?topic WHERE { ?talk tg:hasTopic ?topic } ORDER BY ?topic ?talk",
}


def baseline_serializer(revision: str) -> Callable:
    """serialize_result as the revision wrote it (its module imports only talkgraph modules that exist here)."""
    source = subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{revision}:graph/rdf/results.py"], check=True, capture_output=True
    ).stdout
    path = Path(tempfile.mkdtemp(prefix="results-before-")) / "results_before.py"
    path.write_bytes(source)
    spec = importlib.util.spec_from_file_location("results_before", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module.serialize_result


def variants_for(run: Callable, before: Callable, text: str, fmt: str, cap: int) -> dict[str, Callable[[], object]]:
    """The four ways to answer one query in one format (see the module's docstring)."""

    def now() -> object:
        return serialize_result(run(text), fmt, cap)

    def old() -> object:
        return before(run(text), fmt, cap)

    def limited() -> object:
        return serialize_result(run(f"{text}\nLIMIT {cap + 1}"), fmt, cap)

    def uncapped() -> object:
        return run(text).serialize(format=RESULT_FORMATS[fmt])

    return {"now": now, "before": old, "limit": limited, "no cap": uncapped}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True, help="a pyoxigraph store directory (opened read-only)")
    parser.add_argument("--baseline", required=True, help="the git revision to compare with")
    parser.add_argument("--formats", default="json,xml", help="comma-separated: json, xml, csv, tsv")
    parser.add_argument("--cap", type=int, default=10_000, help="the row cap (Talkgraph's default max_rows)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--budget", type=float, default=0.5, help="seconds per variant per round")
    args = parser.parse_args()
    store = Store.read_only(str(args.store))
    before = baseline_serializer(args.baseline)
    queries = {e.name: e.query for e in EXAMPLE_QUERIES if "CONSTRUCT" not in e.query}
    queries.update({name: sparql_prologue() + text for name, text in CAPPED.items()})

    def run(text: str):
        return store.query(text, use_default_graph_as_union=True)

    print(f"store {args.store}, cap {args.cap:,} rows, baseline {args.baseline}\n")
    print("| query | format | rows | cut | now ms | before ms | LIMIT n+1 ms | no cap ms | before/now | LIMIT/now |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, text in queries.items():
        for fmt in args.formats.split(","):
            reference = serialize_result(run(text), fmt, args.cap)
            old = before(run(text), fmt, args.cap)
            if (old.rows, old.truncated) != (reference.rows, reference.truncated):
                sys.exit(f"{name} {fmt}: before gives {old.rows} rows, now {reference.rows}")
            variants = variants_for(run, before, text, fmt, args.cap)
            times: dict[str, list[float]] = {v: [] for v in variants}
            for round_ in range(args.rounds):
                order = list(variants)[round_ % len(variants) :] + list(variants)[: round_ % len(variants)]
                for variant in order:
                    begin = time.perf_counter()
                    while True:
                        start = time.perf_counter()
                        variants[variant]()
                        times[variant].append(time.perf_counter() - start)
                        if time.perf_counter() - begin > args.budget:
                            break
            ms = {v: statistics.median(t) * 1000 for v, t in times.items()}
            print(
                f"| {name} | {fmt} | {reference.rows:,} | {'yes' if reference.truncated else 'no'} "
                f"| {ms['now']:.2f} | {ms['before']:.2f} | {ms['limit']:.2f} | {ms['no cap']:.2f} "
                f"| {ms['before'] / ms['now']:.2f} | {ms['limit'] / ms['now']:.2f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
