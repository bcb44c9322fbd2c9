"""Ingest speed: talks/s from notes files, building a large store, and one document added, replaced, removed.

Three parts, each printing its figures and the alternative it is compared with in the same run:

1. End to end from notes: copies of the bundled notes (23 talks each, each copy its own document) through
   talkgraph.graph.ingest.ingest into an on-disk store, as `talkgraph ingest` writes them; parse and link
   timed apart from the writes.
2. Building a large store from benchmarks/corpus.py's synthetic corpus (1,000-talk documents, parse and link
   replaced by cloning): every document written with its analytics by delta, into an on-disk store without
   the in-memory working copy (see DiskStore); the peak resident memory of the process.
3. In that store: one 25-talk document added, replaced, removed (each one transaction with its analytics),
   then a full rebuild of the analytics from every document, and a check that both give the same triples;
   the view a server starts from, timed.
4. One large notes file (`--large-mb`): the bundled notes repeated, each copy's headings its own, through
   `ingest` into an on-disk store, streamed and written in parts; beside it, up to `--whole-up-to-mb`, the
   same file as one document in one transaction (the path every file took before). Each run in a process of
   its own, so its peak RSS is its own.

    .venv/bin/python benchmarks/ingest.py --copies 100 --talks 100000
    .venv/bin/python benchmarks/ingest.py --copies 0 --talks 0 --large-mb 5,50 --whole-up-to-mb 5
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from pyoxigraph import Store

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus

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


class DiskStore(EmbeddedStore):
    """The embedded store reading and writing RocksDB directly, without the in-memory working copy that
    EmbeddedStore keeps beside it today (that copy alone would not let 100,000 talks fit in 3 GiB)."""

    def __init__(self, path: Path):
        self.path, self.disk = path, None
        self.store = Store(str(path))
        self.description = f"embedded Oxigraph at {path} (no working copy)"


def peak_rss_gib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20


def end_to_end(copies: int, work: Path) -> None:
    notes = work / "notes"
    notes.mkdir()
    for i in range(copies):
        shutil.copy(corpus.BUNDLED_NOTES, notes / f"recap-{i:04d}.txt")
    templates = corpus.Templates.load()
    store = EmbeddedStore(work / "e2e-store")
    prepared: list[float] = []
    start, cpu = time.perf_counter(), time.process_time()
    report = ingest(store, [notes], templates.vocabulary, progress=lambda _: prepared.append(time.perf_counter()))
    total, cpu = time.perf_counter() - start, time.process_time() - cpu
    talks = sum(report.documents.values())
    parse_link = prepared[-1] - start
    print(
        f"\n1. end to end from notes: {copies} files, {talks:,} talks, {report.triples:,} notes quads\n"
        f"   {talks / total:,.0f} talks/s ({total:.1f} s: parse, link and quads {parse_link:.1f} s = "
        f"{talks / parse_link:,.0f} talks/s; writes with analytics {total - parse_link:.1f} s = "
        f"{talks / (total - parse_link):,.0f} talks/s); CPU {cpu:.1f} s = {talks / cpu:,.0f} talks/s",
        flush=True,
    )
    store.close()


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


def large_store(n_talks: int, work: Path, on_disk: bool, bulk_floor: bool) -> None:
    templates = corpus.Templates.load()
    store = DiskStore(work / "large-store") if on_disk else EmbeddedStore()
    start, cpu = time.perf_counter(), time.process_time()
    built = corpus.build_store(n_talks, templates, store=store)
    total, cpu = time.perf_counter() - start, time.process_time() - cpu
    s = built.seconds
    print(
        f"\n2. {n_talks:,} talks in {built.documents} documents, {store.description}: {built.total_quads:,} quads "
        f"({built.notes_quads:,} notes, {built.derived_quads:,} analytics)\n"
        f"   built in {total:.1f} s = {n_talks / total:,.0f} talks/s; CPU {cpu:.1f} s = {n_talks / cpu:,.0f} talks/s "
        f"(documents cloned {s['generate']:.1f} s, "
        f"written with their analytics {s['load']:.1f} s); peak RSS {peak_rss_gib():.2f} GiB",
        flush=True,
    )
    if bulk_floor:
        bulk_load(store, n_talks, work, on_disk)
    small_steps(store, templates, n_talks)


def bulk_load(store, n_talks: int, work: Path, on_disk: bool) -> None:
    """The floor: the same quads through pyoxigraph's bulk loader, without transactions or analytics."""
    bulk = DiskStore(work / "bulk-store") if on_disk else EmbeddedStore()
    quads = [q for g in sorted(store.graphs()) for q in store.quads(g)]
    bulk_seconds = timed(lambda: bulk.store.bulk_extend(quads))
    print(
        f"   the same {len(quads):,} quads through pyoxigraph's bulk loader (no transactions): {bulk_seconds:.1f} s "
        f"= {n_talks / bulk_seconds:,.0f} talks/s",
        flush=True,
    )
    bulk.close()


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
    print(
        f"\n3. one 25-talk document in the {n_talks:,}-talk store (each step one transaction with its analytics):\n"
        f"   counts: {len(analytics.counts.entities):,} entities, {len(analytics.counts.pairs):,} pairs\n"
        f"   open the writer (vocabulary and counts) {opened:.2f} s; add {added:.2f} s, replace {replaced:.2f} s, "
        f"remove {removed:.2f} s; add with a fresh writer {readded:.2f} s\n"
        f"   CPU seconds: open {cpu['open']:.2f}, add {cpu['add']:.2f}, replace {cpu['replace']:.2f}, "
        f"remove {cpu['remove']:.2f}, add with a fresh writer {cpu['readd']:.2f}, rebuild {cpu['rebuild']:.1f}\n"
        f"   full rebuild of the analytics {rebuilt:.1f} s = {rebuilt / readded:,.0f}x the add; "
        f"analytics after the steps identical to the rebuild: {'yes' if same else 'NO'}",
        flush=True,
    )
    view_start = timed(lambda: TalkGraph.from_store(store))
    print(f"   TalkGraph.from_store (what a server starts from) {view_start:.2f} s; peak RSS {peak_rss_gib():.2f} GiB")
    store.close()


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
    if whole:  # every file read first and written as one document in one transaction: the path before streaming
        ingest_module.STREAM_BYTES = 10**12
    vocabulary = load_vocabulary()
    store = EmbeddedStore(store_dir)
    start, cpu = time.perf_counter(), time.process_time()
    report = ingest(store, [path], vocabulary, max_bytes=10**12)
    store.close()
    return {
        "seconds": time.perf_counter() - start,
        "cpu": time.process_time() - cpu,
        "talks": sum(report.documents.values()),
        "quads": report.triples,
        "peak_rss_gib": peak_rss_gib(),
    }


def large_file(sizes: list[float], whole_up_to: float, work: Path) -> None:
    print("\n4. one large notes file into an on-disk store (each run a process of its own)", flush=True)
    for megabytes in sizes:
        path = work / f"large-{megabytes:g}mb.txt"
        path.write_text(large_notes(megabytes), encoding="utf-8")
        runs = [("streamed, in parts", False)] + (
            [("whole, one transaction", True)] if megabytes <= whole_up_to else []
        )
        for label, whole in runs:
            store_dir = work / f"store-{megabytes:g}-{whole}"
            command = [sys.executable, __file__, "--one-large-file", str(path), str(store_dir)]
            done = subprocess.run([*command, "--whole"] if whole else command, capture_output=True, text=True)
            if done.returncode:
                print(f"   {path.stat().st_size / 1e6:.1f} MB {label}: failed ({done.stderr.strip()[-300:]})")
                continue
            r = json.loads(done.stdout.strip().splitlines()[-1])
            print(
                f"   {path.stat().st_size / 1e6:5.1f} MB, {r['talks']:,} talks, {r['quads']:,} quads, {label}: "
                f"{r['seconds']:.1f} s ({r['talks'] / r['seconds']:,.0f} talks/s), CPU {r['cpu']:.1f} s "
                f"({r['talks'] / r['cpu']:,.0f} talks/s); peak RSS {r['peak_rss_gib']:.2f} GiB",
                flush=True,
            )
            shutil.rmtree(store_dir, ignore_errors=True)
        path.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=100, help="copies of the bundled notes for part 1 (0: skip)")
    parser.add_argument("--talks", type=int, default=100_000, help="talks of the large store (0: skip)")
    parser.add_argument("--in-memory", action="store_true", help="the large store in memory, not on disk")
    parser.add_argument("--bulk-floor", action="store_true", help="also time pyoxigraph's bulk loader on the quads")
    parser.add_argument("--large-mb", default="", help="sizes in MB of one large notes file for part 4 (e.g. 5,50)")
    parser.add_argument("--whole-up-to-mb", type=float, default=5, help="part 4 also as one transaction up to this")
    parser.add_argument("--one-large-file", nargs=2, type=Path, help=argparse.SUPPRESS)  # part 4's child process
    parser.add_argument("--whole", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one_large_file:
        print(json.dumps(one_large_file(*args.one_large_file, whole=args.whole)))
        return
    with tempfile.TemporaryDirectory(prefix="talkgraph-ingest-") as tmp:
        if args.talks:  # first: the peak RSS it prints is this part's
            large_store(args.talks, Path(tmp), not args.in_memory, args.bulk_floor)
        if args.copies:
            end_to_end(args.copies, Path(tmp))
        if args.large_mb:
            large_file([float(size) for size in args.large_mb.split(",")], args.whole_up_to_mb, Path(tmp))


if __name__ == "__main__":
    main()
