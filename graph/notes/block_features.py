"""What a block looks like, as numbers: the features the learned start tagger (start_model.py) reads.

General shape only: a block's kind and level, its first line's length, capitals and punctuation, its neighbours,
how many blocks of the document share its shape, and what the segmenter's own parsers make of its first line. No
word of any document is a feature, so the tagger learns how recaps are laid out, not what they are about. The
training script (benchmarks/learned_segmenter.py --write-model) and the product read the same features from here.
"""

from __future__ import annotations

import re
from collections import Counter

from talkgraph.graph.notes.blocks import Block
from talkgraph.graph.notes.bylines import SPEAKER_FIRST, item_heading, split_heading
from talkgraph.graph.notes.days import DAY_HEADING
from talkgraph.graph.notes.not_talks import not_a_talk, schedule_filler, tag_line
from talkgraph.graph.notes.roles import GROUP_HEADING, LABEL_HEADING, NON_TALK, SUBHEADING

KINDS = ("heading", "line", "paragraph", "item", "row")
FORMATS = ("text", "markdown", "html", "rst")
SMALL_WORDS = {"a", "an", "the", "of", "in", "on", "for", "to", "and", "or", "with", "at", "by", "from", "vs", "is"}
DASH = re.compile(r"\s[-–—|]\s")
BY_SOMEONE = re.compile(r"\bby\s+[A-Z]")
QUOTE = re.compile(r"[\"“”‘’«»]")
NUMBERED = re.compile(r"^\d{1,2}[.):]?\s")


def first_line(block: Block) -> str:
    return (block.lead or block.text.split("\n", 1)[0]).strip()


def shape(block: Block) -> tuple:
    """Blocks of one shape in a document are usually all talks or all not: a recap repeats its layout."""
    return (block.kind, block.level, bool(block.lead), bool(block.links and first_line(block) == block.links[0][0]))


def capitalised_share(line: str) -> float:
    words = [w.strip("()[]\"'“”‘’:!?*,") for w in line.split()]
    significant = [w for w in words if w and w.lower() not in SMALL_WORDS and not w.isdigit()]
    if not significant:
        return 0.0
    return sum(1 for w in significant if w[0].isupper()) / len(significant)


def block_features(blocks: list[Block], fmt: str) -> list[dict[str, float]]:
    """Each block's features, in a dict of the same keys in the same order for every block."""
    shape_counts = Counter(shape(b) for b in blocks)
    heading_levels = [b.level for b in blocks if b.kind == "heading"]
    item_levels = [b.level for b in blocks if b.kind == "item"]
    return [_features(blocks, i, fmt, shape_counts, heading_levels, item_levels) for i in range(len(blocks))]


def _features(
    blocks: list[Block], i: int, fmt: str, shape_counts: Counter, heading_levels: list[int], item_levels: list[int]
) -> dict[str, float]:
    b = blocks[i]
    line = first_line(b)
    words = line.split()
    base = min(heading_levels) if b.kind == "heading" and heading_levels else min(item_levels, default=0)
    prev = blocks[i - 1] if i else None
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    _, _, speakers = split_heading(line, [t for t, _ in b.links])
    title, _ = item_heading(b.text, b.links, b.tail, emphasis=b.emphasis) if b.kind == "item" else (line, "")
    f: dict[str, float] = {f"kind={k}": float(b.kind == k) for k in KINDS}
    f |= {f"format={k}": float(fmt == k) for k in FORMATS}
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
        "has dash": float(bool(DASH.search(line))),
        "has by": float(bool(BY_SOMEONE.search(line))),
        "has colon": float(":" in line),
        "has quote": float(bool(QUOTE.search(line))),
        "has digit": float(any(c.isdigit() for c in line)),
        "starts with number": float(bool(NUMBERED.match(line))),
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
    return f
