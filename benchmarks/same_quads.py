"""Whether a change left ingest's output alone: the sorted N-Quads of every graph ingest writes, this code's
against another revision's (`--baseline REV`), on the same files at the same paths, compared line for line.

Each input is ingested by a process of its own into a new on-disk store, as `talkgraph ingest` does (the
bundled vocabulary), and the whole store (notes, analytics, derived counts, vocabulary, ontology) is dumped as
N-Quads, sorted, with the one value that differs from run to run, tg:ingestedAt, masked. Inputs:

- the bundled notes;
- every evaluation recap, one store per set (tests/eval/notes and tests/eval/*/notes);
- one large notes file (`--large-mb`, 2.5 by default: benchmarks/ingest.py's, written in parts).

    .venv/bin/python benchmarks/same_quads.py --baseline 578229e
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from baseline import baseline_package

ROOT = Path(__file__).resolve().parent.parent
INGESTED_AT = re.compile(r"(<[^>]*#ingestedAt> )\"[^\"]*\"")


def inputs(work: Path, megabytes: float) -> dict[str, Path]:
    """Name → the file or folder to ingest (written under work once: both revisions read the same paths)."""
    from ingest import large_notes

    found = {"bundled": ROOT / "data" / "notes" / "kubecon-na-2020.txt"}
    eval_dir = ROOT / "tests" / "eval"
    found |= {f"eval-{d.parent.name}": d for d in sorted(eval_dir.glob("*/notes"))}
    found["eval-tuned"] = eval_dir / "notes"
    if megabytes:
        large = work / f"large-{megabytes:g}mb.txt"
        large.write_text(large_notes(megabytes), encoding="utf-8")
        found["large"] = large
    return found


def dump(source: Path, store_dir: Path, out: Path) -> None:
    """Child process: ingest source into a new store at store_dir and write its sorted, masked N-Quads to out."""
    from talkgraph.graph.ingest import ingest
    from talkgraph.graph.linking.vocabulary import load_vocabulary
    from talkgraph.graph.rdf.store import EmbeddedStore

    store, vocabulary = EmbeddedStore(store_dir), load_vocabulary()
    failed = []
    for path in sorted(p for p in source.iterdir() if p.is_file()) if source.is_dir() else [source]:
        try:  # one file at a time: a file that fails (the same way before and after) does not hide the others
            ingest(store, [path], vocabulary, max_bytes=10**12)
        except Exception as error:  # recorded in the dump, compared like the quads
            failed.append(f"# failed: {path.name}: {type(error).__name__}: {error}")
    lines = failed + sorted(INGESTED_AT.sub(r'\1"…"', f"{q} .") for q in store.quads())
    store.close()
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def run(name: str, source: Path, work: Path, label: str, package: Path | None) -> Path:
    out = work / f"{name}.{label}.nq"
    env = {**os.environ, "PYTHONPATH": str(package)} if package else None
    command = [sys.executable, __file__, "--child", str(source), str(work / f"store-{name}-{label}"), str(out)]
    subprocess.run(command, check=True, env=env)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", help="the git revision to compare with")
    parser.add_argument("--large-mb", type=float, default=2.5, help="size of the large file (0: none)")
    parser.add_argument("--only", help="names of the inputs to run, comma-separated (bundled, eval-SET, large)")
    parser.add_argument("--child", nargs=3, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        dump(*args.child)
        return
    if not args.baseline:
        parser.error("--baseline REV is required")
    differ = []
    with tempfile.TemporaryDirectory(prefix="talkgraph-same-quads-") as tmp:
        work = Path(tmp)
        package = baseline_package(args.baseline, work)[0]
        wanted = set(args.only.split(",")) if args.only else None
        for name, source in inputs(work, args.large_mb if not wanted or "large" in wanted else 0).items():
            if wanted and name not in wanted:
                continue
            now = run(name, source, work, "now", None)
            before = run(name, source, work, "before", package)
            same = now.read_bytes() == before.read_bytes()
            text = now.read_text(encoding="utf-8")
            lines = text.count("\n") - text.count("# failed: ")
            for failure in (line for line in text.splitlines() if line.startswith("# failed: ")):
                print(f"   {failure[2:]} (before and now alike)" if same else f"   {failure[2:]}", flush=True)
            digest = hashlib.sha256(now.read_bytes()).hexdigest()[:16]
            print(f"{name}: {lines:,} quads, sha256 {digest}…, {'identical' if same else 'DIFFERENT'}", flush=True)
            if not same:
                differ.append(name)
                diff = subprocess.run(["diff", str(before), str(now)], capture_output=True, text=True).stdout
                print("\n".join(diff.splitlines()[:20]), flush=True)
    print("all identical" if not differ else f"different: {', '.join(differ)}")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
