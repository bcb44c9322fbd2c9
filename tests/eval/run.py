#!/usr/bin/env python3
"""Score Talkgraph's extractor on the evaluation set in tests/eval/.

Every gold file in gold/ names its notes file in notes/ (`document:` is the notes file's stem). Each notes file is
extracted in process, exactly as `talkgraph extract --format json` does it, and scored with score.py (a copy of the
project's scorer, per talk). The vocabulary is the bundled one only, so a user's overlays never move the figures.

Usage, from the repository root with the venv:
    python tests/eval/run.py             # per-document table and the means
    python tests/eval/run.py --details   # also the missed and spurious labels of each document
    python tests/eval/run.py --json      # the figures as JSON
    python tests/eval/run.py --set heldout   # the held-out recaps (heldout/: scored, never tuned to)
    python tests/eval/run.py --set heldout2  # the second held-out set (heldout2/: the same, made later)
    python tests/eval/run.py --set heldout3  # the third (heldout3/: made at the start of the fourth pass)
    python tests/eval/run.py --set heldout4  # the fourth (heldout4/: made during it, scored only at its end)
    python tests/eval/run.py --set heldout5  # the fifth (heldout5/: made at the start of the fifth pass)
    python tests/eval/run.py --set heldout6  # the sixth (heldout6/: made during it, its categories used later)
    python tests/eval/run.py --set heldout7  # the seventh (heldout7/: its categories used for the last rules)
    python tests/eval/run.py --set heldout8  # the eighth (heldout8/: never used for rules in the fifth pass)
    python tests/eval/run.py --set heldout9  # the ninth (heldout9/: made in the sixth pass, then used for rules)
    python tests/eval/run.py --set heldout10  # the tenth (heldout10/: made in the sixth pass, then used for rules)
    python tests/eval/run.py --set heldout11  # the eleventh (heldout11/: made last in the sixth pass, used in the seventh)
    python tests/eval/run.py --set heldout12  # the twelfth (heldout12/: events 2012-2018, made in the seventh pass)
    python tests/eval/run.py --set heldout13  # the thirteenth (heldout13/: events 2019-2025, made in the seventh pass)
    python tests/eval/run.py --set heldout14  # the fourteenth (heldout14/: events 2011-2023, made in the eighth pass)
    python tests/eval/run.py --set heldout15  # the fifteenth (heldout15/: events 2011-2025, read in the ninth pass)
    python tests/eval/run.py --set heldout16  # the sixteenth (heldout16/: events 2017-2026, never read in the ninth)
    python tests/eval/run.py --set heldout17  # the seventeenth (heldout17/: events 2013-2023, made in the tenth pass, never read)
    python tests/eval/run.py --set heldout18  # the eighteenth (heldout18/: events 2010-2024, made in the eleventh, never read)
    python tests/eval/run.py --set heldout19  # the nineteenth (heldout19/: events 2010-2025, made in the fifteenth, never read)
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import ModuleType

from talkgraph.graph.linking.extract import extract
from talkgraph.graph.linking.linker import Linker
from talkgraph.graph.linking.vocabulary import load_vocabulary
from talkgraph.graph.notes.blocks import NotesError
from talkgraph.graph.notes.segment import parse_file

EVAL_DIR = Path(__file__).resolve().parent
# Each set is a folder of notes/, gold/, floor.json and README.md; heldout/ to heldout19/ hold recaps added
# after the rules were written, so nobody tuned to them.
SETS = {
    "tuned": EVAL_DIR,
    "heldout": EVAL_DIR / "heldout",
    "heldout2": EVAL_DIR / "heldout2",
    "heldout3": EVAL_DIR / "heldout3",
    "heldout4": EVAL_DIR / "heldout4",
    "heldout5": EVAL_DIR / "heldout5",
    "heldout6": EVAL_DIR / "heldout6",
    "heldout7": EVAL_DIR / "heldout7",
    "heldout8": EVAL_DIR / "heldout8",
    "heldout9": EVAL_DIR / "heldout9",
    "heldout10": EVAL_DIR / "heldout10",
    "heldout11": EVAL_DIR / "heldout11",
    "heldout12": EVAL_DIR / "heldout12",
    "heldout13": EVAL_DIR / "heldout13",
    "heldout14": EVAL_DIR / "heldout14",
    "heldout15": EVAL_DIR / "heldout15",
    "heldout16": EVAL_DIR / "heldout16",
    "heldout17": EVAL_DIR / "heldout17",
    "heldout18": EVAL_DIR / "heldout18",
    "heldout19": EVAL_DIR / "heldout19",
    "heldout20": EVAL_DIR / "heldout20",
    "heldout21": EVAL_DIR / "heldout21",
}
MEASURES = ("talks", "tools", "speakers", "companies")


def load_scorer() -> ModuleType:
    """score.py sits beside this script; loading it by path works both as a script and under pytest."""
    spec = importlib.util.spec_from_file_location("talkgraph_eval_score", EVAL_DIR / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


scorer = load_scorer()


def gold_files(folder: Path = EVAL_DIR) -> list[Path]:
    return sorted((folder / "gold").glob("*.gold.yaml"))


def notes_file(gold: dict, folder: Path = EVAL_DIR) -> Path:
    """The notes file a gold file annotates: the one whose stem is the gold's `document`."""
    notes = folder / "notes"
    matches = sorted(p for p in notes.iterdir() if p.stem == gold["document"])
    if len(matches) != 1:
        raise FileNotFoundError(f"{len(matches)} notes files named {gold['document']!r} in {notes}")
    return matches[0]


@dataclass
class DocumentScore:
    document: str
    gold_talks: int
    predicted_talks: int
    f1: dict[str, float]
    missed: dict[str, list[str]] = field(default_factory=dict)
    spurious: dict[str, list[str]] = field(default_factory=dict)
    error: str | None = None


def predict(path: Path, linker: Linker) -> tuple[dict, str | None]:
    """The extractor's JSON for one notes file; a file it rejects predicts no talk (and says why)."""
    try:
        return extract(parse_file(path), linker).as_json(), None
    except NotesError as exc:
        return {"talks": []}, str(exc)


def score_document(gold_path: Path, linker: Linker) -> DocumentScore:
    gold = scorer.load(str(gold_path))
    prediction, error = predict(notes_file(gold, gold_path.parent.parent), linker)
    result = scorer.score(gold, prediction)
    kinds = MEASURES[1:]
    return DocumentScore(
        document=gold["document"],
        gold_talks=len(gold.get("talks") or []),
        predicted_talks=len(prediction.get("talks") or []),
        f1={m: result[m]["f1"] for m in MEASURES},
        missed={k: result[k]["missed"] for k in kinds},
        spurious={k: result[k]["spurious"] for k in kinds},
        error=error,
    )


def evaluate(folder: Path = EVAL_DIR, linker: Linker | None = None) -> list[DocumentScore]:
    """One linker for the whole set, as an ingest has: building its automaton costs more than a document's extraction."""
    linker = linker if linker is not None else Linker(load_vocabulary())
    return [score_document(path, linker) for path in gold_files(folder)]


def means(scores: list[DocumentScore]) -> dict[str, float]:
    return {m: sum(s.f1[m] for s in scores) / len(scores) for m in MEASURES}


def table(scores: list[DocumentScore], details: bool = False) -> str:
    width = max(len(s.document) for s in scores)
    head = f"{'document':<{width}}  gold  pred  " + "  ".join(f"{m:>9}" for m in MEASURES)
    lines = [head, "-" * len(head)]
    for s in scores:
        row = f"{s.document:<{width}}  {s.gold_talks:>4}  {s.predicted_talks:>4}  "
        lines.append(row + "  ".join(f"{s.f1[m]:>9.2f}" for m in MEASURES))
        if s.error:
            lines.append(f"  error: {s.error}")
        if details:
            for kind in MEASURES[1:]:
                if s.missed[kind]:
                    lines.append(f"  {kind} missed:   {', '.join(s.missed[kind])}")
                if s.spurious[kind]:
                    lines.append(f"  {kind} spurious: {', '.join(s.spurious[kind])}")
    mean = means(scores)
    lines.append("-" * len(head))
    lines.append(f"{'mean (' + str(len(scores)) + ' documents)':<{width}}  {'':>4}  {'':>4}  ")
    lines[-1] += "  ".join(f"{mean[m]:>9.2f}" for m in MEASURES)
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="list missed and spurious labels per document")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--set", choices=SETS, default="tuned", help="the set to score (default: the 30 recaps)")
    args = parser.parse_args()
    scores = evaluate(folder=SETS[args.set])
    if args.json:
        print(json.dumps({"documents": [asdict(s) for s in scores], "mean": means(scores)}, indent=2))
    else:
        print(table(scores, details=args.details))
    return 0


if __name__ == "__main__":
    sys.exit(main())
