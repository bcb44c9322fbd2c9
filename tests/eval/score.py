#!/usr/bin/env python3
# Copied from ../shared/eval/score.py (the project's own scorer, kept beside the gold it scores so tests/eval/
# needs nothing outside the repository); the scoring logic is unchanged, the layout is ruff's.
# ruff: noqa: SIM115, B905, RUF100  (kept as the original wrote it)
"""Score an extraction of conference notes against a hand-made gold file.

Usage:
    python score.py --gold kubecon-na-2020.gold.yaml --pred extraction.json [--json]
    talkgraph extract notes.txt --format json | python score.py --gold G --pred -

The prediction is JSON of this shape (extra keys are ignored):
    {"talks": [{"title": "...", "day": 1, "speakers": ["..."],
                "companies": ["..."], "tools": ["..."], "projects": ["..."],
                "topics": ["..."]}]}
"projects" are scored together with "tools" (a CNCF project is a tool too).

Gold talks are aligned one-to-one with predicted talks by title similarity; a
gold talk whose title the notes do not give (it was made up by the annotator)
lists `title_keywords`, and any predicted title containing one of them aligns.
Entities are compared by label after folding case, spaces, dashes and dots, so
"Argo CD", "argocd" and "Argo-CD" are the same; the gold's `aliases` map adds
other accepted spellings. A predicted entity listed under a gold talk's
`uncertain` counts neither for nor against. Entities of predicted talks that
match no gold talk count as false positives; those of unmatched gold talks as
false negatives. Standard library only (PyYAML is used when present).
"""

from __future__ import annotations

import argparse
import difflib
import json
import pathlib
import re
import sys
import unicodedata

KINDS = ("tools", "topics", "companies", "speakers")


def load(path: str) -> dict:
    text = sys.stdin.read() if path == "-" else pathlib.Path(path).read_text("utf-8")
    if path.endswith((".yaml", ".yml")):
        try:
            import yaml  # noqa: PLC0415 - only needed for YAML gold files
        except ImportError:  # the same gold is also kept as JSON beside it
            return json.loads(pathlib.Path(re.sub(r"\.ya?ml$", ".json", path)).read_text("utf-8"))
        return yaml.safe_load(text)
    return json.loads(text)


def fold(label: str) -> str:
    label = unicodedata.normalize("NFKC", str(label)).casefold()
    return re.sub(r"[\s\-_./'’`\"()]+", "", label)


def title_key(title: str) -> str:
    title = unicodedata.normalize("NFKC", str(title)).casefold()
    return " ".join(re.findall(r"[a-z0-9]+", title))


class Vocabulary:
    """Maps any accepted spelling to the gold's canonical label."""

    def __init__(self, aliases: dict[str, list[str]] | None):
        self.canonical: dict[str, str] = {}
        for name, others in (aliases or {}).items():
            for spelling in [name, *(others or [])]:
                self.canonical[fold(spelling)] = fold(name)

    def __call__(self, label: str) -> str:
        key = fold(label)
        return self.canonical.get(key, key)


def entities(talk: dict, kind: str, canon: Vocabulary) -> set[str]:
    labels = list(talk.get(kind) or [])
    if kind == "tools":
        labels += list(talk.get("projects") or [])
    return {canon(x) for x in labels if str(x).strip()}


def align(gold: list[dict], pred: list[dict]) -> list[tuple[int, int]]:
    scored = []
    for g, gt in enumerate(gold):
        gk = title_key(gt.get("title", ""))
        for p, pt in enumerate(pred):
            pk = title_key(pt.get("title", ""))
            if not gk or not pk:
                continue
            ratio = difflib.SequenceMatcher(None, gk, pk).ratio()
            if gk in pk or pk in gk:
                ratio = max(ratio, 0.9 if min(len(gk), len(pk)) >= 12 else ratio)
            if any(title_key(k) in pk for k in gt.get("title_keywords") or []):
                ratio = max(ratio, 0.76)  # a session the notes give no title: any title naming it
            if ratio >= 0.75:
                scored.append((ratio, g, p))
    pairs, used_g, used_p = [], set(), set()
    for _, g, p in sorted(scored, reverse=True):
        if g not in used_g and p not in used_p:
            pairs.append((g, p))
            used_g.add(g)
            used_p.add(p)
    return pairs


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else (1.0 if not fn else 0.0)
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score(gold: dict, pred: dict) -> dict:
    canon = Vocabulary(gold.get("aliases"))
    gtalks, ptalks = gold.get("talks") or [], pred.get("talks") or []
    pairs = align(gtalks, ptalks)
    result = {
        "talks": dict(
            zip(("precision", "recall", "f1"), prf(len(pairs), len(ptalks) - len(pairs), len(gtalks) - len(pairs)))
        )
    }
    matched_g = {g for g, _ in pairs}
    matched_p = {p for _, p in pairs}
    for kind in KINDS:
        tp = fp = fn = 0
        doc_gold: set[str] = set()
        doc_pred: set[str] = set()
        doc_unsure: set[str] = set()
        for g, p in pairs:
            gset = entities(gtalks[g], kind, canon)
            pset = entities(ptalks[p], kind, canon)
            unsure = {canon(x) for x in gtalks[g].get("uncertain") or []}
            tp += len(gset & pset)
            fp += len(pset - gset - unsure)
            fn += len(gset - pset)
        for g, gt in enumerate(gtalks):
            doc_gold |= entities(gt, kind, canon)
            doc_unsure |= {canon(x) for x in gt.get("uncertain") or []}
            if g not in matched_g:
                fn += len(entities(gt, kind, canon))
        for p, pt in enumerate(ptalks):
            doc_pred |= entities(pt, kind, canon)
            if p not in matched_p:
                fp += len(entities(pt, kind, canon))
        per_talk = prf(tp, fp, fn)
        per_doc = prf(len(doc_gold & doc_pred), len(doc_pred - doc_gold - doc_unsure), len(doc_gold - doc_pred))
        result[kind] = {
            "precision": per_talk[0],
            "recall": per_talk[1],
            "f1": per_talk[2],
            "document_f1": per_doc[2],
            "missed": sorted(doc_gold - doc_pred),
            "spurious": sorted(doc_pred - doc_gold - doc_unsure),
        }
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", required=True)
    parser.add_argument("--pred", required=True, help="prediction JSON file, or - for stdin")
    parser.add_argument("--json", action="store_true", help="print the full result as JSON")
    args = parser.parse_args()
    result = score(load(args.gold), load(args.pred))
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    t = result["talks"]
    print(f"talks      P={t['precision']:.2f} R={t['recall']:.2f} F1={t['f1']:.2f}")
    for kind in KINDS:
        k = result[kind]
        print(
            f"{kind:<10} P={k['precision']:.2f} R={k['recall']:.2f} F1={k['f1']:.2f}  (whole document F1={k['document_f1']:.2f})"
        )
        if k["missed"]:
            print(f"  missed:   {', '.join(k['missed'][:25])}")
        if k["spurious"]:
            print(f"  spurious: {', '.join(k['spurious'][:25])}")
    print("score: " + " ".join(f"{k}={result[k]['f1']:.2f}" for k in ("talks", *KINDS)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
