"""Extraction speed: a 1 MB notes file, and linking time with and without the imported CNCF landscape.

    .venv/bin/python benchmarks/extraction.py [--landscape ../shared/data/cncf-landscape.yml] [--repeat 5]

The last line compares loading the vocabulary by parsing its Turtle with reading the cached pickle.

The 1 MB file is the bundled recap repeated with numbered titles (so every talk is new, but its lines repeat: a
line already read costs less). The eval recaps (`tests/eval/*/notes/`, 0.8 MB of real notes by other authors in
every format) are timed too, each pass in a fresh process: that is the figure per MB a user's new notes see.
Linking time is
measured on the same talks with the curated vocabulary alone and with the landscape imported into a
temporary data directory; the Aho-Corasick automaton makes one pass over the text whatever the vocabulary
size, so the two should be close. Figures are medians of interleaved runs (the machine is shared).
"""

from __future__ import annotations

import argparse
import multiprocessing
import re
import statistics
import tempfile
import time
from pathlib import Path

from talkgraph.graph.ingest import fewer_collections
from talkgraph.graph.linking.extract import extract
from talkgraph.graph.linking.landscape import import_landscape, read_landscape
from talkgraph.graph.linking.linker import Linker
from talkgraph.graph.linking.vocabulary import load_vocabulary
from talkgraph.graph.notes.files import read_notes_text
from talkgraph.graph.notes.segment import parse_notes

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "data" / "notes" / "kubecon-na-2020.txt"


def megabyte_of_notes(size: int = 1_000_000) -> str:
    base = BUNDLED.read_text("utf-8")
    head, body = base.split("Day 1 Keynotes", 1)
    parts, copy = [head], 0
    while sum(map(len, parts)) < size:
        copy += 1
        parts.append(
            re.sub(
                r"^(Day \d) (K|k)eynotes$", rf"\1 \2eynotes (edition {copy})", "Day 1 Keynotes" + body, flags=re.M
            ).replace("\nStop Writing Operators\n", f"\nStop Writing Operators, part {copy}\n")
        )
    return "".join(parts)


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--landscape", default=str(ROOT.parent / "shared" / "data" / "cncf-landscape.yml"))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    text = megabyte_of_notes()
    curated = load_vocabulary()
    linkers = {"curated": Linker(curated)}
    if Path(args.landscape).exists():
        with tempfile.TemporaryDirectory() as tmp:
            report = import_landscape(read_landscape(args.landscape), curated, Path(tmp))
            with_landscape = load_vocabulary([report.path])
        linkers["curated + landscape"] = Linker(with_landscape)
    sizes = {name: len(linker.vocabulary.entries) for name, linker in linkers.items()}

    document = parse_notes(text, "megabyte.txt")
    sentences = [t.sentences for t in document.talks]
    print(f"notes: {len(text):,} characters, {len(document.talks):,} talks, {sum(map(len, sentences)):,} sentences")

    parse_times, extract_times = [], {name: [] for name in linkers}
    link_times = {name: [] for name in linkers}
    together: dict[str, list[float]] = {"default collector": [], "fewer collections": []}
    curated_linker = linkers["curated"]
    for _ in range(args.repeat):
        parse_times.append(timed(lambda: parse_notes(text, "megabyte.txt")))
        for name, linker in linkers.items():
            link_times[name].append(timed(lambda: [linker.link(s) for s in sentences]))
            extract_times[name].append(timed(lambda: extract(document, linker)))
        # Parse and extract in one go, with Python's collector as it is and as ingest and extract set it
        together["default collector"].append(timed(lambda: extract(parse_notes(text, "m.txt"), curated_linker)))
        with fewer_collections():
            together["fewer collections"].append(timed(lambda: extract(parse_notes(text, "m.txt"), curated_linker)))
    print(f"parse (segment + sentences)         median {statistics.median(parse_times):.3f} s")
    for name in linkers:
        print(f"link only, {name:<22} ({sizes[name]:>5} entries)  median {statistics.median(link_times[name]):.3f} s")
    for name in linkers:
        total = statistics.median(parse_times) + statistics.median(extract_times[name])
        print(f"parse + extract, {name:<22} median {total:.3f} s")
    for name, times in together.items():
        print(f"parse + extract in one go, curated, {name:<18} median {statistics.median(times):.3f} s")
    if len(linkers) == 2:
        a, b = (statistics.median(link_times[n]) for n in linkers)
        print(f"linking time ratio with/without the landscape: {b / a:.2f}")

    # What a CLI call pays for the vocabulary: parsing the Turtle, or reading the cached pickle.
    with tempfile.TemporaryDirectory() as tmp:
        parsing, cached = [], []
        for n in range(args.repeat):
            parsing.append(timed(lambda: load_vocabulary(cache_dir=Path(tmp) / f"cold-{n}")))
            cached.append(timed(lambda: load_vocabulary(cache_dir=Path(tmp) / "cold-0")))
    cold, warm = statistics.median(parsing), statistics.median(cached)
    print(f"vocabulary: parse {cold:.3f} s, cached {warm:.3f} s (ratio {cold / warm:.1f}x)")

    # Each pass in a fresh process: a second pass over the same notes would find their patterns and splits cached.
    with multiprocessing.get_context("spawn").Pool(1, maxtasksperchild=1) as pool:
        passes = [pool.apply(cold_pass_over_recaps) for _ in range(args.repeat)]
    size, median = passes[0][0], statistics.median(seconds for _, seconds in passes)
    print(
        f"eval recaps: {len(eval_recaps())} files, {size:.2f} MB, parse + extract median {median:.3f} s ({median / size:.2f} s/MB)"
    )


def eval_recaps() -> list[Path]:
    return sorted(ROOT.glob("tests/eval/*/notes/*"))


def cold_pass_over_recaps() -> tuple[float, float]:
    """(MB, seconds) of one pass over the eval recaps in this process, after one over the bundled notes (imports and
    lazily loaded data are then paid for, no recap's text is cached)."""
    linker = Linker(load_vocabulary())
    extract(parse_notes(BUNDLED.read_text("utf-8"), BUNDLED.name), linker)
    recaps = [(path.name, read_notes_text(path).text) for path in eval_recaps()]
    seconds = timed(lambda: [extract(parse_notes(text, name), linker) for name, text in recaps])
    return sum(len(text.encode("utf-8")) for _, text in recaps) / 1e6, seconds


if __name__ == "__main__":
    main()
