#!/usr/bin/env python3
"""Feasibility study (issue 8): would a learned "does this block start a talk?" tagger generalise better than the
segmenter's hand-written rules on recaps nobody tuned to?

Every annotated recap of tests/eval/run.py's SETS is read into blocks as parse_notes reads it. A block is labelled 1 when it starts a gold talk: its first line holds the gold title (score.py's title
key and alignment ratio), else its text holds the whole title, else the rules' own talk aligned to that gold talk by
score.py starts in it (for titles the annotator derived). Gold talks tied to no block are out of reach of a block
tagger and are counted as missed by every method.

Evaluation is leave-one-SET-out: train on every other set, test on the left-out one, for (a) the rules alone (a
block is a start when a talk of parse_notes starts inside it), (b) the model on general shape features (LR, HGB;
"HGB shape" also without the segmenter's regexes and byline parsers, which were written reading these sets), (c)
the same plus the rules' decision. Per set and overall it prints block precision/recall/F1 of "starts a talk" and
docF, a document talks F1 estimate (gold talks whose block is predicted vs. predicted starts, averaged over
documents), beside score.py's real talks F1 of the rules and the estimate a perfect tagger would reach ("tied").
docF measures segmentation only: a start found with a badly cut title still scores there, not in score.py.
The rules have read every set here but heldout16, so their columns are in-sample elsewhere; the models' are not.
scikit-learn is needed at training time only (the project's `study` extra):

    .venv/bin/pip install -e '.[study]'
    .venv/bin/python benchmarks/learned_segmenter.py [--importance]
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import statistics
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # the boosted trees run 15x slower with threads on a shared 2-core box

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.inspection import permutation_importance
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "eval"))

from run import SETS, gold_files, notes_file, scorer  # noqa: E402

from talkgraph.graph.notes.blocks import Block, NotesError, detect_format, read_blocks  # noqa: E402
from talkgraph.graph.notes.bylines import SPEAKER_FIRST, item_heading, split_heading  # noqa: E402
from talkgraph.graph.notes.days import DAY_HEADING  # noqa: E402
from talkgraph.graph.notes.files import read_notes_text  # noqa: E402
from talkgraph.graph.notes.not_talks import not_a_talk, schedule_filler, tag_line  # noqa: E402
from talkgraph.graph.notes.roles import GROUP_HEADING, LABEL_HEADING, NON_TALK, SUBHEADING  # noqa: E402
from talkgraph.graph.notes.segment import parse_notes  # noqa: E402

KINDS = ("heading", "line", "paragraph", "item", "row")
FORMATS = ("text", "markdown", "html", "rst")
SMALL_WORDS = {"a", "an", "the", "of", "in", "on", "for", "to", "and", "or", "with", "at", "by", "from", "vs", "is"}


@dataclass
class Document:
    set_name: str
    name: str
    blocks: list[Block]
    fmt: str
    gold_talks: int
    labels: list[int]  # per block: 1 when it starts a gold talk
    rules: list[int]  # per block: 1 when a talk of parse_notes starts inside it
    rules_f1: float  # score.py's talks F1 of the rules on this document
    tie_count: Counter = field(default_factory=Counter)  # how gold talks were tied: first line, text, rules, none


def first_line(block: Block) -> str:
    return (block.lead or block.text.split("\n", 1)[0]).strip()


def title_ratio(gold: str, text: str) -> float:
    """score.py's alignment ratio between a gold title and a candidate title."""
    gk, pk = scorer.title_key(gold), scorer.title_key(text)
    if not gk or not pk:
        return 0.0
    ratio = difflib.SequenceMatcher(None, gk, pk).ratio()
    if (gk in pk or pk in gk) and min(len(gk), len(pk)) >= 12:
        ratio = max(ratio, 0.9)
    return ratio


def tie_gold(gold: dict, blocks: list[Block], talks: list) -> tuple[list[int], Counter]:
    """Label each block 1 when it starts a gold talk; count how each gold talk was tied."""
    labels = [0] * len(blocks)
    ties: Counter = Counter()
    gtalks = gold.get("talks") or []
    rules_pairs = dict(scorer.align(gtalks, [{"title": t.title} for t in talks]))
    lines = [first_line(b) for b in blocks]
    keys = [scorer.title_key(b.text) for b in blocks]
    for g, talk in enumerate(gtalks):
        title = talk.get("title", "")
        gk = scorer.title_key(title)
        free = [i for i in range(len(blocks)) if not labels[i]]
        scored = [(title_ratio(title, lines[i]), -i, i) for i in free]
        best = max(scored, default=(0.0, 0, -1))
        if best[0] >= 0.75:
            labels[best[2]] = 1
            ties["first line"] += 1
            continue
        inside = [i for i in free if len(gk) >= 12 and gk in keys[i]]
        if inside:
            labels[inside[0]] = 1
            ties["in text"] += 1
            continue
        if g in rules_pairs:
            start = talks[rules_pairs[g]].start
            hit = [i for i in free if blocks[i].start <= start < max(blocks[i].end, blocks[i].start + 1)]
            if hit:
                labels[hit[0]] = 1
                ties["rules' talk"] += 1
                continue
        ties["none"] += 1
    return labels, ties


def load_documents() -> list[Document]:
    documents = []
    for set_name, folder in SETS.items():
        for gold_path in gold_files(folder):
            gold = scorer.load(str(gold_path))
            path = notes_file(gold, folder)
            text = read_notes_text(path).text.replace("\r\n", "\n").replace("\r", "\n")
            try:
                notes = parse_notes(text, name=path.name)
                talks, fmt = notes.talks, notes.format
            except NotesError:
                talks, fmt = [], detect_format(text, path.name)
            blocks = read_blocks(text, fmt).blocks
            rules = [int(any(b.start <= t.start < max(b.end, b.start + 1) for t in talks)) for b in blocks]
            labels, ties = tie_gold(gold, blocks, talks)
            rules_f1 = scorer.score(gold, {"talks": [{"title": t.title} for t in talks]})["talks"]["f1"]
            gold_talks = len(gold.get("talks") or [])
            documents.append(
                Document(set_name, gold["document"], blocks, fmt, gold_talks, labels, rules, rules_f1, ties)
            )
    return documents


def shape(block: Block) -> tuple:
    return (block.kind, block.level, bool(block.lead), bool(block.links and first_line(block) == block.links[0][0]))


def capitalised_share(line: str) -> float:
    words = [w.strip("()[]\"'“”‘’:!?*,") for w in line.split()]
    significant = [w for w in words if w and w.lower() not in SMALL_WORDS and not w.isdigit()]
    if not significant:
        return 0.0
    return sum(1 for w in significant if w[0].isupper()) / len(significant)


def block_features(doc: Document, i: int, shape_counts: Counter, shape_rules: Counter) -> dict[str, float]:
    """General features of one block: its shape, its words' form, its neighbours, its siblings, the segmenter's
    regexes and the bylines' parsers. No word of any document is a feature."""
    blocks = doc.blocks
    b = blocks[i]
    line = first_line(b)
    words = line.split()
    heading_levels = [x.level for x in blocks if x.kind == "heading"]
    item_levels = [x.level for x in blocks if x.kind == "item"]
    base = min(heading_levels) if b.kind == "heading" and heading_levels else min(item_levels, default=0)
    prev = blocks[i - 1] if i else None
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    _, _, speakers = split_heading(line, [t for t, _ in b.links])
    title, _ = item_heading(b.text, b.links, b.tail, emphasis=b.emphasis) if b.kind == "item" else (line, "")
    f: dict[str, float] = {f"kind={k}": float(b.kind == k) for k in KINDS}
    f |= {f"format={k}": float(doc.fmt == k) for k in FORMATS}
    f |= {
        "level": b.level,
        "relative level": b.level - base,
        "deepest heading": float(b.kind == "heading" and b.level == max(heading_levels)),
        "top heading": float(b.kind == "heading" and b.level == min(heading_levels)),
        "chars": min(len(line), 400),
        "words": min(len(words), 80),
        "lines": min(b.text.count("\n") + 1, 50),
        "text chars": min(len(b.text), 3000),
        "capitalised share": capitalised_share(line),
        "ends with stop": float(line.endswith(".")),
        "ends with colon": float(line.endswith(":")),
        "question": float(line.endswith("?")),
        "has dash": float(bool(re.search(r"\s[-–—|]\s", line))),
        "has by": float(bool(re.search(r"\bby\s+[A-Z]", line))),
        "has colon": float(":" in line),
        "has quote": float(bool(re.search(r"[\"“”‘’«»]", line))),
        "has digit": float(any(c.isdigit() for c in line)),
        "starts with number": float(bool(re.match(r"^\d{1,2}[.):]?\s", line))),
        "links": min(len(b.links), 10),
        "link is line": float(bool(b.links) and b.links[0][0].strip() == line),
        "code spans": min(len(b.code), 10),
        "lead": float(bool(b.lead)),
        "tail": float(bool(b.tail)),
        "emphasis": min(len(b.emphasis), 10),
        "cells": len(b.cells),
        "aside": float(b.aside),
        "chrome": float(b.chrome),
        "position": i / max(len(blocks) - 1, 1),
        "first block": float(i == 0),
        "speakers in heading": min(len(speakers), 5),
        "item title shorter": float(b.kind == "item" and 0 < len(title) < len(line)),
        "speaker first": float(bool(SPEAKER_FIRST.match(line))),
        "day heading": float(bool(DAY_HEADING.match(line))),
        "group heading": float(bool(GROUP_HEADING.match(line))),
        "label heading": float(bool(LABEL_HEADING.match(line))),
        "non-talk heading": float(bool(NON_TALK.match(line))),
        "subheading words": float(bool(SUBHEADING.match(line))),
        "not a talk": float(not_a_talk(line, blocks[i + 1 : i + 4])),
        "schedule filler": float(schedule_filler(line)),
        "tag line": float(tag_line(line)),
        "siblings of shape": min(shape_counts[shape(b)], 100),
        "shape share": shape_counts[shape(b)] / len(blocks),
        "doc blocks": min(len(blocks), 2000),
        "doc headings": min(len(heading_levels), 200),
    }
    for side, other in (("prev", prev), ("next", nxt)):
        f |= {f"{side} kind={k}": float(other is not None and other.kind == k) for k in KINDS}
        f[f"{side} level"] = other.level if other else -1
        f[f"{side} same shape"] = float(other is not None and shape(other) == shape(b))
        f[f"{side} chars"] = min(len(other.text), 3000) if other else 0
    f["next deeper"] = float(nxt is not None and nxt.kind == b.kind == "heading" and nxt.level > b.level)
    f["rules start"] = doc.rules[i]  # (c) only
    f["rules share of shape"] = shape_rules[shape(b)] / shape_counts[shape(b)]  # (c) only
    f["rules talks"] = min(sum(doc.rules), 200)  # (c) only
    return f


RULE_FEATURES = {"rules start", "rules share of shape", "rules talks"}
# The segmenter's regexes and the bylines' parsers: written while reading most of these sets, so a model on shape
# alone ("HGB shape") shows how much of the learned figure could be knowledge leaked from them.
PARSER_FEATURES = {
    "speakers in heading",
    "item title shorter",
    "speaker first",
    "day heading",
    "group heading",
    "label heading",
    "non-talk heading",
    "subheading words",
    "not a talk",
    "schedule filler",
    "tag line",
}


def featurise(documents: list[Document]) -> tuple[np.ndarray, list[str]]:
    rows = []
    for doc in documents:
        shape_counts = Counter(shape(b) for b in doc.blocks)
        shape_rules = Counter(shape(b) for b, r in zip(doc.blocks, doc.rules, strict=True) if r)
        rows += [block_features(doc, i, shape_counts, shape_rules) for i in range(len(doc.blocks))]
    names = list(rows[0])
    return np.array([[row[n] for n in names] for row in rows], dtype=float), names


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else (1.0 if not fn else 0.0)
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def document_f1(doc: Document, predicted: np.ndarray) -> float:
    """Talks F1 estimate: gold talks whose block is predicted are found; predicted starts on other blocks are
    spurious; gold talks tied to no block are missed."""
    labels = np.array(doc.labels)
    tp = int((predicted & (labels == 1)).sum())
    return prf(tp, int(predicted.sum()) - tp, doc.gold_talks - tp)[2]


METHODS = {  # name: (model, features left out, threshold on the probability)
    "rules": None,
    "LR": ("lr", RULE_FEATURES, 0.5),
    "HGB": ("hgb", RULE_FEATURES, 0.5),
    "HGB@.3": ("hgb", RULE_FEATURES, 0.3),
    "HGB shape@.3": ("hgb", RULE_FEATURES | PARSER_FEATURES, 0.3),
    "LR+rules": ("lr", set(), 0.5),
    "HGB+rules": ("hgb", set(), 0.5),
}


def new_model(kind: str):
    if kind == "lr":
        return make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000, class_weight="balanced"))
    return HistGradientBoostingClassifier(max_iter=100, learning_rate=0.1, max_leaf_nodes=15, random_state=0)


def evaluate(documents: list[Document], X: np.ndarray, names: list[str], importance: bool) -> None:
    """Leave one set out for every method; print the table, then (optionally) the features that matter."""
    y = np.array([label for d in documents for label in d.labels])
    offsets = np.cumsum([0] + [len(d.blocks) for d in documents])
    sets = sorted({d.set_name for d in documents}, key=list(SETS).index)
    block_set = np.concatenate([[d.set_name] * len(d.blocks) for d in documents])
    predictions = {m: np.zeros(len(y), dtype=bool) for m in METHODS}
    predictions["rules"] = X[:, names.index("rules start")].astype(bool)
    importances: dict[str, list[float]] = {}
    for held in sets:
        train, test = block_set != held, block_set == held
        for method, spec in METHODS.items():
            if spec is None:
                continue
            kind, left_out, threshold = spec
            cols = [j for j, n in enumerate(names) if n not in left_out]
            model = new_model(kind).fit(X[train][:, cols], y[train])
            predictions[method][test] = model.predict_proba(X[test][:, cols])[:, 1] >= threshold
            if importance and method in ("HGB", "HGB+rules"):
                result = permutation_importance(
                    model, X[test][:, cols], y[test], scoring="f1", n_repeats=3, random_state=0
                )
                importances.setdefault(method, [0.0] * len(names))
                for j, value in zip(cols, result.importances_mean, strict=True):
                    importances[method][j] += value / len(sets)
    print(
        f"{'':<11}{'docs':>5}{'gold':>6}{'tied':>6} {'rules':>6} {'tied':>5} | "
        + " | ".join(f"{m:^19}" for m in METHODS)
    )
    print(
        f"{'set':<11}{'':>5}{'':>6}{'':>6} {'real F1':>6} {'docF':>5} | "
        + " | ".join(f"{'blkP blkR blkF docF':^19}" for _ in METHODS)
    )
    for row in [*sets, "ALL"]:
        chosen = [k for k, d in enumerate(documents) if row in ("ALL", d.set_name)]
        mask = np.ones(len(y), bool) if row == "ALL" else block_set == row
        cells = []
        for method in METHODS:
            pred = predictions[method]
            tp = int((pred & (y == 1) & mask).sum())
            p, r, f = prf(tp, int((pred & mask).sum()) - tp, int(((y == 1) & mask).sum()) - tp)
            doc_f = statistics.mean(document_f1(documents[k], pred[offsets[k] : offsets[k + 1]]) for k in chosen)
            cells.append(f"{p:4.2f} {r:4.2f} {f:4.2f} {doc_f:4.2f}")
        gold = sum(documents[k].gold_talks for k in chosen)
        tied = sum(sum(documents[k].labels) for k in chosen)
        real = statistics.mean(documents[k].rules_f1 for k in chosen)
        ceiling = statistics.mean(document_f1(documents[k], np.array(documents[k].labels) == 1) for k in chosen)
        print(f"{row:<11}{len(chosen):>5}{gold:>6}{tied:>6} {real:>7.2f} {ceiling:>5.2f} | " + " | ".join(cells))
    for method, values in importances.items():
        print(f"\n{method}: mean drop of block F1 on the left-out set when a feature is shuffled (top 15)")
        for j in np.argsort(values)[::-1][:15]:
            print(f"  {names[j]:<24} {values[j]:+.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--importance", action="store_true", help="print the features that matter (slower)")
    args = parser.parse_args()
    documents = load_documents()
    ties = sum((d.tie_count for d in documents), Counter())
    print(
        f"{len(documents)} documents, {sum(len(d.blocks) for d in documents)} blocks, "
        f"{sum(d.gold_talks for d in documents)} gold talks tied by: {dict(ties)}"
    )
    X, names = featurise(documents)
    evaluate(documents, X, names, args.importance)


if __name__ == "__main__":
    main()
