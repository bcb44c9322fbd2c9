"""A learned tagger of the blocks that start talks, for notes whose layout the segmenter's rules do not know.

The rules read a recap by the layouts they were written for; on a recap nobody has read they find no talk at all
more often than a tagger of block shapes does (benchmarks/README.md, "learned_segmenter.py"). When the rules find
nothing, segment.py asks this tagger which blocks start talks and assembles the talks from those.

The model is data: gradient-boosted trees trained by `benchmarks/learned_segmenter.py --write-model` on the
evaluation recaps the rules were written from (never on the sets kept unread), exported to start_model.json as
plain arrays, and evaluated here with numpy. scikit-learn is needed to train it, not to use it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from talkgraph.graph.notes.block_features import block_features
from talkgraph.graph.notes.blocks import Block

MODEL_PATH = Path(__file__).with_name("start_model.json")


@dataclass(frozen=True)
class Tree:
    """One regression tree as arrays indexed by node: a row goes left when its feature is at most the threshold."""

    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    leaf: np.ndarray
    value: np.ndarray

    def predict(self, X: np.ndarray) -> np.ndarray:
        node = np.zeros(len(X), dtype=np.intp)
        rows = np.arange(len(X))
        active = ~self.leaf[node]
        while active.any():
            at = node[active]
            goes_left = X[rows[active], self.feature[at]] <= self.threshold[at]
            node[active] = np.where(goes_left, self.left[at], self.right[at])
            active = ~self.leaf[node]
        return self.value[node]


@dataclass(frozen=True)
class StartModel:
    features: list[str]
    baseline: float
    trees: list[Tree]
    threshold: float  # the probability from which a block is taken to start a talk

    @classmethod
    def from_json(cls, data: dict) -> StartModel:
        trees = [
            Tree(
                np.array(t["feature"], dtype=np.intp),
                np.array(t["threshold"], dtype=float),
                np.array(t["left"], dtype=np.intp),
                np.array(t["right"], dtype=np.intp),
                np.array(t["leaf"], dtype=bool),
                np.array(t["value"], dtype=float),
            )
            for t in data["trees"]
        ]
        return cls(list(data["features"]), float(data["baseline"]), trees, float(data["threshold"]))

    def probabilities(self, blocks: list[Block], fmt: str) -> np.ndarray:
        """Each block's probability of starting a talk."""
        if not blocks:
            return np.zeros(0)
        rows = block_features(blocks, fmt)
        X = np.array([[row[name] for name in self.features] for row in rows], dtype=float)
        raw = self.baseline + sum((tree.predict(X) for tree in self.trees), np.zeros(len(X)))
        return 1.0 / (1.0 + np.exp(-raw))

    def starts(self, blocks: list[Block], fmt: str) -> list[int]:
        """The indices of the blocks taken to start talks."""
        return [int(i) for i in np.flatnonzero(self.probabilities(blocks, fmt) >= self.threshold)]


@cache
def start_model() -> StartModel:
    return StartModel.from_json(json.loads(MODEL_PATH.read_text(encoding="utf-8")))
