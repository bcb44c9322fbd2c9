"""Ingest speed: talks/s from notes files, building a large store, and one document added, replaced, removed.

Four parts, each run in a process of its own (so the peak RSS printed is that run's), printing its figures and,
with `--baseline REV`, the same run with that git revision's code (`git archive`) and the ratios before / now:

1. End to end from notes: copies of the bundled notes (23 talks each, each copy its own document) through
   talkgraph.graph.ingest.ingest into an on-disk store, as `talkgraph ingest` writes them.
2. Building a large store from benchmarks/corpus.py's synthetic corpus (1,000-talk documents, parse and link
   replaced by cloning): every document written with its analytics by delta, into an on-disk store
   (`--in-memory`: in memory); the peak resident memory of the process.
3. In that store (now only): one 25-talk document added, replaced, removed, then a full rebuild of the
   analytics from every document, and a check that both give the same triples; the view a server starts from.
4. One large notes file (`--large-mb`): the bundled notes repeated, each copy's headings its own, through
   `ingest` into an on-disk store, streamed and written in parts; beside it, up to `--whole-up-to-mb`, the
   same file read whole and written as one batch.

    .venv/bin/python benchmarks/ingest.py --copies 100 --talks 10000 --baseline d2414f5
    .venv/bin/python benchmarks/ingest.py --copies 0 --talks 0 --large-mb 5,50 --whole-up-to-mb 0 --baseline d2414f5
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus
from baseline import baseline_package

from talkgraph.graph import ingest as ingest_module
from talkgraph.graph.analytics.derived import Analytics
from talkgraph.graph.analytics.stored import ANALYTICS_GRAPH_PREFIX
from talkgraph.graph.analytics.view import TalkGraph
from talkgraph.graph.ingest import ingest
from talkgraph.graph.linking.vocabulary import load_vocabulary
from talkgraph.graph.notes.segment import parse_notes
from talkgraph.graph.rdf.store import EmbeddedStore
from talkgraph.graph.rdf.triples import extraction_quads, notes_graph
from talkgraph.ontology import DERIVED_GRAPH


def peak_rss_gib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20


def child_peak_rss_gib() -> float:
    """The largest peak of this process's finished children (ingest reads a large file in a forked child)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 2**20


def cpu_seconds() -> float:
    """CPU of this process (every thread) and of its finished children: the forked child that reads a file counts."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def end_to_end(copies: int, work: Path) -> dict:
    """Part 1 in this process (a child of main's: its peak RSS is its own); the figures main prints."""
    notes = work / "notes"
    notes.mkdir()
    for i in range(copies):
        shutil.copy(corpus.BUNDLED_NOTES, notes / f"recap-{i:04d}.txt")
    return timed_ingest(work / "e2e-store", notes, corpus.Templates.load().vocabulary)


def timed_ingest(store_dir: Path, notes: Path, vocabulary, **options) -> dict:
    """One ingest of notes (a file or a folder) into a new on-disk store: the figures main prints."""
    store = EmbeddedStore(store_dir)
    start, cpu = time.perf_counter(), cpu_seconds()
    report = ingest(store, [notes], vocabulary, **options)
    store.close()
    return {
        "seconds": time.perf_counter() - start,
        "cpu": cpu_seconds() - cpu,
        "talks": sum(report.documents.values()),
        "quads": report.triples,
        "peak_rss_gib": peak_rss_gib(),
        "child_peak_rss_gib": child_peak_rss_gib(),
    }


def print_end_to_end(copies: int, work: Path, baseline: Path | None) -> None:
    runs = [("now", None)] + ([(f"before ({ARGS.baseline})", baseline)] if baseline else [])
    figures = {}
    for label, tree in runs:
        figures[label] = r = child(["--child-e2e", str(copies), str(work / label.split()[0])], tree)
        if r is None:
            continue
        print(
            f"\n1. end to end from notes, {label}: {copies} files, {r['talks']:,} talks, {r['quads']:,} notes quads\n"
            f"   {r['talks'] / r['seconds']:,.0f} talks/s ({r['seconds']:.1f} s); CPU {r['cpu']:.1f} s = "
            f"{r['talks'] / r['cpu']:,.0f} talks/s; peak RSS {r['peak_rss_gib']:.2f} GiB{children(r)}",
            flush=True,
        )
    print_ratios(figures)


def children(r: dict) -> str:
    """The reading child's peak, where the run had one (its CPU is in the run's CPU seconds)."""
    peak = r.get("child_peak_rss_gib", 0)
    return f" (and its reading child {peak:.2f} GiB)" if peak else ""


def print_ratios(figures: dict) -> None:
    """before / now, wall and CPU seconds (over 1: now is faster)."""
    now = figures.get("now")
    before = next((r for label, r in figures.items() if label.startswith("before")), None)
    if now and before:
        print(
            f"   before / now: wall {before['seconds'] / now['seconds']:.2f}x, CPU {before['cpu'] / now['cpu']:.2f}x; "
            f"peak RSS {before['peak_rss_gib']:.2f} -> {now['peak_rss_gib']:.2f} GiB",
            flush=True,
        )


def child(arguments: list[str], tree: Path | None) -> dict | None:
    """Run this script with arguments in a process of its own (with `talkgraph` imported from tree, the
    --baseline revision, if given); echo what it prints and return the figures of its last line."""
    env = {**os.environ, "PYTHONPATH": str(tree)} if tree else None
    done = subprocess.run([sys.executable, __file__, *arguments], capture_output=True, text=True, env=env)
    if done.returncode:
        print(f"   failed: {done.stderr.strip()[-600:]}", flush=True)
        return None
    lines = done.stdout.strip().splitlines()
    for line in lines[:-1]:
        print(line, flush=True)
    return json.loads(lines[-1])


def analytics_state(store) -> set[str]:
    graphs = [g for g in store.graphs() if g == str(DERIVED_GRAPH) or g.startswith(ANALYTICS_GRAPH_PREFIX)]
    return {f"{q.subject} {q.predicate} {q.object} {q.graph_name}" for g in graphs for q in store.quads(g)}


def small_document(templates, seed: int, name: str = "added-25.txt"):
    extraction = next(corpus.synthetic_extractions(25, templates, talks_per_document=25, seed=seed))
    extraction = replace(extraction, document=replace(extraction.document, name=name), candidates=[])
    return notes_graph(name).value, extraction_quads(extraction)


def timed(work) -> float:
    """Wall-clock seconds; CPU seconds of the process are added to CPU_SECONDS (the machine is shared)."""
    start, cpu = time.perf_counter(), time.process_time()
    work()
    CPU_SECONDS.append(time.process_time() - cpu)
    return time.perf_counter() - start


CPU_SECONDS: list[float] = []


def large_store(n_talks: int, work: Path, on_disk: bool, bulk_floor: bool, steps: bool) -> dict:
    """Parts 2 and 3 in this process (a child of main's); part 3 and the bulk floor come back as text."""
    templates = corpus.Templates.load()
    store = EmbeddedStore(work / "large-store" if on_disk else None)
    start, cpu = time.perf_counter(), time.process_time()
    built = corpus.build_store(n_talks, templates, store=store)
    figures = {
        "seconds": time.perf_counter() - start,
        "cpu": time.process_time() - cpu,
        "description": store.description,
        "documents": built.documents,
        "quads": [built.total_quads, built.notes_quads, built.derived_quads],
        "cloned": built.seconds["generate"],
        "written": built.seconds["load"],
        "peak_rss_gib": peak_rss_gib(),
        "text": "",
    }
    if bulk_floor:
        figures["text"] += bulk_load(store, n_talks, work, on_disk)
    if steps:
        figures["text"] += small_steps(store, templates, n_talks)
    store.close()
    return figures


def print_large_store(n_talks: int, work: Path, in_memory: bool, bulk_floor: bool, baseline: Path | None) -> None:
    runs = [("now", None)] + ([(f"before ({ARGS.baseline})", baseline)] if baseline else [])
    figures = {}
    for label, tree in runs:
        flags = (["--in-memory"] if in_memory else []) + (["--bulk-floor"] if bulk_floor and not tree else [])
        flags += [] if tree is None else ["--no-steps"]
        command = ["--child-store", str(n_talks), str(work / f"store-{label.split()[0]}"), *flags]
        figures[label] = r = child(command, tree)
        if r is None:
            continue
        total, notes, derived = r["quads"]
        print(
            f"\n2. {label}: {n_talks:,} talks in {r['documents']} documents, {r['description']}: {total:,} quads "
            f"({notes:,} notes, {derived:,} analytics)\n"
            f"   built in {r['seconds']:.1f} s = {n_talks / r['seconds']:,.0f} talks/s; CPU {r['cpu']:.1f} s = "
            f"{n_talks / r['cpu']:,.0f} talks/s (documents cloned {r['cloned']:.1f} s, written with their analytics "
            f"{r['written']:.1f} s); peak RSS {r['peak_rss_gib']:.2f} GiB" + r["text"],
            flush=True,
        )
    print_ratios(figures)


def bulk_load(store, n_talks: int, work: Path, on_disk: bool) -> str:
    """The floor: the same quads through pyoxigraph's bulk loader, without transactions or analytics."""
    bulk = EmbeddedStore(work / "bulk-store" if on_disk else None)
    quads = [q for g in sorted(store.graphs()) for q in store.quads(g)]
    bulk_seconds = timed(lambda: bulk.store.bulk_extend(quads))
    bulk.close()
    return (
        f"\n   the same {len(quads):,} quads through pyoxigraph's bulk loader (no transactions): {bulk_seconds:.1f} s "
        f"= {n_talks / bulk_seconds:,.0f} talks/s"
    )


def small_steps(store, templates, n_talks: int) -> None:
    graph, quads = small_document(templates, seed=7)
    _, other = small_document(templates, seed=8)
    analytics = None

    def open_writer():
        nonlocal analytics
        analytics = Analytics.open(store)

    opened = timed(open_writer)
    added = timed(lambda: analytics.write_document(graph, quads))
    replaced = timed(lambda: analytics.write_document(graph, other))
    removed = timed(lambda: analytics.remove_document(graph))
    readded = timed(lambda: Analytics.open(store).write_document(graph, quads))  # as `talkgraph ingest` runs it
    incremental = analytics_state(store)
    rebuilt = timed(lambda: Analytics.open(store, rebuild=True))
    same = analytics_state(store) == incremental
    cpu = dict(zip(("open", "add", "replace", "remove", "readd", "rebuild"), CPU_SECONDS[-6:], strict=True))
    view_start = timed(lambda: TalkGraph.from_store(store))
    return (
        f"\n\n3. one 25-talk document in the {n_talks:,}-talk store (each step one transaction with its analytics):\n"
        f"   counts: {len(analytics.counts.entities):,} entities, {len(analytics.counts.pairs):,} pairs\n"
        f"   open the writer (vocabulary and counts) {opened:.2f} s; add {added:.2f} s, replace {replaced:.2f} s, "
        f"remove {removed:.2f} s; add with a fresh writer {readded:.2f} s\n"
        f"   CPU seconds: open {cpu['open']:.2f}, add {cpu['add']:.2f}, replace {cpu['replace']:.2f}, "
        f"remove {cpu['remove']:.2f}, add with a fresh writer {cpu['readd']:.2f}, rebuild {cpu['rebuild']:.1f}\n"
        f"   full rebuild of the analytics {rebuilt:.1f} s = {rebuilt / readded:,.0f}x the add; "
        f"analytics after the steps identical to the rebuild: {'yes' if same else 'NO'}\n"
        f"   TalkGraph.from_store (what a server starts from) {view_start:.2f} s; peak RSS {peak_rss_gib():.2f} GiB"
    )


def large_notes(megabytes: float) -> str:
    """The bundled notes repeated to about this size. Each copy's talk and day headings get " (edition i)", so
    every copy is read as the same talks under titles of their own (a heading written twice would be read as a
    section label); the document title is written once."""
    text = corpus.BUNDLED_NOTES.read_text(encoding="utf-8")
    heads = {text.index("\n", t.start) for t in parse_notes(text, "notes.txt").talks if not t.title_derived}
    heads |= {m.end() for m in re.finditer(r"(?m)^Day \d.*$", text)}
    body_start = text.index("\n") + 1

    def copy(i: int) -> str:
        out, position = [], 0
        for end in sorted(heads):
            out += [text[position:end], f" (edition {i})"]
            position = end
        edition = "".join(out) + text[position:]
        return edition if i == 0 else edition[body_start:]

    copies = max(1, round(megabytes * 1e6 / len(text.encode())))
    return "\n".join(copy(i) for i in range(copies))


def one_large_file(path: Path, store_dir: Path, whole: bool) -> dict:
    """One `talkgraph ingest` of the file (run in a process of its own: see large_file)."""
    if whole:  # every file read first and written as one batch: the path before streaming
        ingest_module.STREAM_BYTES = 10**12
    return timed_ingest(store_dir, path, load_vocabulary(), max_bytes=10**12)


def large_file(sizes: list[float], whole_up_to: float, work: Path, baseline: Path | None) -> None:
    print("\n4. one large notes file into an on-disk store (each run a process of its own)", flush=True)
    for megabytes in sizes:
        path = work / f"large-{megabytes:g}mb.txt"
        path.write_text(large_notes(megabytes), encoding="utf-8")
        runs = [("streamed, in parts, now", False, None)]
        runs += [(f"streamed, in parts, before ({ARGS.baseline})", False, baseline)] if baseline else []
        runs += [("whole, one batch, now", True, None)] if megabytes <= whole_up_to else []
        figures = {}
        for label, whole, tree in runs:
            store_dir = work / f"store-{megabytes:g}-{whole}-{tree is None}"
            command = ["--one-large-file", str(path), str(store_dir)] + (["--whole"] if whole else [])
            r = child(command, tree)
            shutil.rmtree(store_dir, ignore_errors=True)
            if r is None:
                continue
            figures["now" if label.endswith("now") and not whole else label.split(", ")[-1]] = r
            print(
                f"   {path.stat().st_size / 1e6:5.1f} MB, {r['talks']:,} talks, {r['quads']:,} quads, {label}: "
                f"{r['seconds']:.1f} s ({r['talks'] / r['seconds']:,.0f} talks/s), CPU {r['cpu']:.1f} s "
                f"({r['talks'] / r['cpu']:,.0f} talks/s); peak RSS {r['peak_rss_gib']:.2f} GiB{children(r)}",
                flush=True,
            )
        print_ratios(figures)
        path.unlink()


ARGS = argparse.Namespace(baseline=None)


def main() -> None:
    global ARGS
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=100, help="copies of the bundled notes for part 1 (0: skip)")
    parser.add_argument("--talks", type=int, default=100_000, help="talks of the large store (0: skip)")
    parser.add_argument("--in-memory", action="store_true", help="the large store in memory, not on disk")
    parser.add_argument("--bulk-floor", action="store_true", help="also time pyoxigraph's bulk loader on the quads")
    parser.add_argument("--large-mb", default="", help="sizes in MB of one large notes file for part 4 (e.g. 5,50)")
    parser.add_argument("--whole-up-to-mb", type=float, default=5, help="part 4 also read whole up to this")
    parser.add_argument("--baseline", help="parts 1, 2 and 4 also as this git revision runs them (before/after)")
    parser.add_argument("--one-large-file", nargs=2, type=Path, help=argparse.SUPPRESS)  # part 4's child process
    parser.add_argument("--whole", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--child-e2e", nargs=2, help=argparse.SUPPRESS)  # part 1's child process
    parser.add_argument("--child-store", nargs=2, help=argparse.SUPPRESS)  # parts 2 and 3's child process
    parser.add_argument("--no-steps", action="store_true", help=argparse.SUPPRESS)
    ARGS = args = parser.parse_args()
    if args.one_large_file:
        print(json.dumps(one_large_file(*args.one_large_file, whole=args.whole)))
        return
    if args.child_e2e:
        copies, folder = args.child_e2e
        Path(folder).mkdir(parents=True)
        print(json.dumps(end_to_end(int(copies), Path(folder))))
        return
    if args.child_store:
        talks, folder = args.child_store
        Path(folder).mkdir(parents=True)
        print(json.dumps(large_store(int(talks), Path(folder), not args.in_memory, args.bulk_floor, not args.no_steps)))
        return
    with tempfile.TemporaryDirectory(prefix="talkgraph-ingest-") as tmp:
        work = Path(tmp)
        baseline = baseline_package(args.baseline, work)[0] if args.baseline else None
        if args.talks:
            print_large_store(args.talks, work, args.in_memory, args.bulk_floor, baseline)
        if args.copies:
            print_end_to_end(args.copies, work, baseline)
        if args.large_mb:
            sizes = [float(size) for size in args.large_mb.split(",")]
            large_file(sizes, args.whole_up_to_mb, work, baseline)


if __name__ == "__main__":
    main()
