"""The evaluation set in tests/eval/: every gold file is well formed and names a notes file, and the extractor's mean
per-talk F1 over the set never drops below the floor stored in tests/eval/floor.json."""

import html
import json

import pytest
import yaml

from talkgraph.graph.notes.talks import KINDS
from tests.eval import run

GOLD_FILES = [path for folder in run.SETS.values() for path in run.gold_files(folder)]
LIST_FIELDS = ("speakers", "companies", "tools", "topics")


@pytest.mark.parametrize("folder", run.SETS.values(), ids=run.SETS.keys())
def test_each_set_has_gold_for_every_notes_file(folder):
    notes = sorted(p.stem for p in (folder / "notes").iterdir())
    documents = sorted(yaml.safe_load(p.read_text(encoding="utf-8"))["document"] for p in run.gold_files(folder))
    assert documents == notes


def test_the_tuned_set_holds_at_least_fifteen_documents():
    assert len(run.gold_files()) >= 15


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_gold_file_parses_and_names_an_existing_notes_file(path):
    gold = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert path.name == f"{gold['document']}.gold.yaml"
    assert run.notes_file(gold, path.parent.parent).is_file()
    assert gold["talks"], "a gold file lists at least one talk"
    for talk in gold["talks"]:
        assert talk["title"].strip()
        assert talk["kind"] in KINDS
        assert talk["day"] is None or isinstance(talk["day"], int)
        for name in LIST_FIELDS:
            assert isinstance(talk[name], list), (talk["title"], name)
        assert all(isinstance(k, str) and k for k in talk.get("title_keywords") or [])
    for canonical, spellings in (gold.get("aliases") or {}).items():
        assert isinstance(canonical, str) and all(isinstance(s, str) for s in spellings)


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_every_gold_label_and_title_word_occurs_in_its_notes(path):
    """A gold label (or one of its aliases) is written in the notes, and so is every word of a title not derived."""
    gold = run.scorer.load(str(path))
    notes = run.notes_file(gold, path.parent.parent)
    text = notes.read_text(encoding="utf-8")
    text = html.unescape(text) if notes.suffix in (".html", ".htm") else text  # "Ma&iacute;ra" is "Maíra"
    folded, words = run.scorer.fold(text), set(run.scorer.title_key(text).split())
    aliases = gold.get("aliases") or {}
    absent = []
    for talk in gold["talks"]:
        if not talk.get("title_keywords"):
            absent += [w for w in run.scorer.title_key(talk["title"]).split() if w not in words]
        for name in ("tools", "companies", "speakers"):
            absent += [
                label
                for label in talk[name]
                if not any(run.scorer.fold(form) in folded for form in [label, *(aliases.get(label) or [])])
            ]
    assert absent == []


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_gold_scored_against_itself_is_perfect(path):
    gold = run.scorer.load(str(path))
    result = run.scorer.score(gold, {"talks": gold["talks"]})
    assert {m: result[m]["f1"] for m in run.MEASURES} == dict.fromkeys(run.MEASURES, 1.0)


@pytest.mark.parametrize("folder", run.SETS.values(), ids=run.SETS.keys())
def test_readme_credits_every_notes_file(folder):
    readme = (folder / "README.md").read_text(encoding="utf-8")
    missing = [p.name for p in (folder / "notes").iterdir() if f"notes/{p.name}" not in readme]
    assert missing == []


def test_a_wrong_extraction_scores_below_a_right_one():
    gold = run.scorer.load(str(run.EVAL_DIR / "gold" / "phpday-2016.gold.yaml"))
    right = run.scorer.score(gold, {"talks": gold["talks"]})
    wrong = run.scorer.score(gold, {"talks": [{"title": "Sponsors and breakfast", "tools": ["Kafka"]}]})
    assert right["talks"]["f1"] == 1.0
    assert wrong["talks"]["f1"] == 0.0
    assert wrong["tools"]["spurious"] == ["kafka"]


@pytest.mark.parametrize("folder", run.SETS.values(), ids=run.SETS.keys())
def test_mean_f1_holds_the_floor(folder, linker):
    floor = json.loads((folder / "floor.json").read_text(encoding="utf-8"))
    mean = run.means(run.evaluate(folder, linker))
    below = {m: (round(mean[m], 3), floor[m]) for m in run.MEASURES if mean[m] < floor[m]}
    assert below == {}, f"mean F1 below the floor (measured, floor): {below}"
