"""The learned start tagger (graph/notes/start_model.py): its trees evaluated exactly, the shipped model in step with
the features the product computes, and the segmenter falling back to it only where its rules find no talk."""

import json
import math
import subprocess
import sys

import numpy as np
import pytest

from talkgraph.graph.notes.block_features import block_features
from talkgraph.graph.notes.blocks import read_blocks
from talkgraph.graph.notes.segment import _reads_as_title, parse_notes
from talkgraph.graph.notes.start_model import MODEL_PATH, StartModel, Tree, start_model

# One split on feature 1 at 2.5, then on feature 0 at 0.5 on the right: leaves -1.0, 0.25 and 2.0.
TREE = {
    "feature": [1, 0, 0, 0, 0],
    "threshold": [2.5, 0.0, 0.5, 0.0, 0.0],
    "left": [1, 0, 3, 0, 0],
    "right": [2, 0, 4, 0, 0],
    "leaf": [False, True, False, True, True],
    "value": [0.0, -1.0, 0.0, 0.25, 2.0],
}


def test_a_tree_sends_each_row_to_its_leaf():
    tree = StartModel.from_json({"features": ["a", "b"], "baseline": 0, "threshold": 0.5, "trees": [TREE]}).trees[0]
    assert isinstance(tree, Tree)
    rows = np.array([[0.0, 1.0], [0.0, 2.5], [0.5, 3.0], [0.6, 3.0]])
    assert tree.predict(rows).tolist() == [-1.0, -1.0, 0.25, 2.0]


def test_probabilities_are_the_sigmoid_of_the_baseline_and_every_tree():
    model = StartModel.from_json(
        {"features": ["kind=heading", "level"], "baseline": -0.5, "threshold": 0.5, "trees": [TREE, TREE]}
    )
    blocks = read_blocks("# A\n\n### B\n\ntext\n", "markdown").blocks
    # kind=heading, level: (1, 1) -> -1.0; (1, 3) -> 2.0; (0, 0) -> -1.0, each counted twice
    expected = [1 / (1 + math.exp(-(-0.5 + 2 * v))) for v in (-1.0, 2.0, -1.0)]
    assert model.probabilities(blocks, "markdown").tolist() == pytest.approx(expected, abs=1e-12)
    assert model.starts(blocks, "markdown") == [1]


def test_the_shipped_model_reads_the_features_the_product_computes():
    """Change a feature and the model must be trained again (benchmarks/learned_segmenter.py --write-model)."""
    blocks = read_blocks("# A\n\ntext\n", "markdown").blocks
    assert start_model().features == list(block_features(blocks, "markdown")[0])


def test_the_shipped_model_never_trained_on_the_unread_sets():
    trained_on = json.loads(MODEL_PATH.read_text(encoding="utf-8"))["trained_on"]
    assert "tuned" in trained_on and "heldout15" in trained_on
    assert not {"heldout16", "heldout17", "heldout18", "heldout19", "heldout20"} & set(trained_on)
    assert start_model().threshold == 0.3


# Numbered setext sections ("2) Title - Speaker." underlined): a layout the rules do not read as talks.
DIARY = """# Three days at Devopsdagen

I went to Devopsdagen again this year. Here is what I wrote down, day by day, while it was fresh.

1) Arriving and the first morning.
----------------------------------

The registration queue was short and the coffee was good. I sat down in the big hall just before the opening.

2) Pipelines that heal themselves - Karin Holm.
-----------------------------------------------

Karin showed how her team at Spotify retries flaky stages in Jenkins and why they stopped doing it.

3) Chaos days for small teams - Olle Berg.
------------------------------------------

Olle ran game days with three people and a whiteboard, and later with Gremlin. His advice: start with the runbook.

4) Going home.
--------------

The train was late, as always. See you next year.
"""


def test_notes_the_rules_find_no_talk_in_are_read_by_the_tagger():
    rules = parse_notes(DIARY, "devopsdagen.md", learned=False)
    assert rules.talks == []
    assert rules.warnings == ["devopsdagen.md: no talk found (no heading, title line, list or table of talks)"]
    notes = parse_notes(DIARY, "devopsdagen.md")
    assert [(t.title, [s.name for s in t.speakers], t.kind) for t in notes.talks] == [
        ("Pipelines that heal themselves", ["Karin Holm"], "talk"),
        ("Chaos days for small teams", ["Olle Berg"], "talk"),
    ]
    assert notes.talks[0].body_text.startswith("Karin showed how her team at Spotify")
    assert "Going home" not in notes.talks[1].body_text and "train was late" not in notes.talks[1].body_text
    assert notes.title == "Three days at Devopsdagen"  # the rules' reading of the document's title is kept
    assert notes.warnings == [
        "devopsdagen.md: the rules know no layout of these notes; 2 talk(s) found by the learned tagger of block "
        "shapes (check the titles)"
    ]


def test_the_tagger_is_not_asked_where_the_rules_find_talks(monkeypatch):
    monkeypatch.setattr("talkgraph.graph.notes.start_model.start_model", lambda: pytest.fail("the tagger was asked"))
    notes = parse_notes("## Streaming joins without tears\n\nMaria Olsen on Flink.\n", "a.md")
    assert [t.title for t in notes.talks] == ["Streaming joins without tears"]


def test_reading_notes_the_rules_know_loads_neither_numpy_nor_the_model():
    """numpy and the model's trees cost a CLI call a third of a second; notes the rules read never need them."""
    script = (
        "import sys\n"
        "import talkgraph.api.cli\n"
        "from talkgraph.graph.notes.segment import parse_notes\n"
        "parse_notes('## Streaming joins without tears\\n\\nMaria Olsen on Flink.\\n', 'a.md')\n"
        "print(sorted(m for m in ('numpy', 'talkgraph.graph.notes.start_model') if m in sys.modules))\n"
    )
    ran = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert ran.stdout.strip() == "[]"


def test_a_start_whose_title_is_a_sentence_is_text_not_a_talk():
    text = "Widget Days 2019\n\nThe speakers were Ada Brown (Initech), Tom Reyes (Red Hat) and Kim Ho (Globex).\n"
    blocks = read_blocks(text, "text").blocks
    assert start_model().starts(blocks, "text") == [1]  # the tagger proposes the sentence …
    notes = parse_notes(text, "days.txt")
    assert notes.talks == []  # … which reads as no title, so no talk is made of it
    assert notes.warnings == ["days.txt: no talk found (no heading, title line, list or table of talks)"]


@pytest.mark.parametrize(
    "title",
    [
        "Ada Brown von Initech sprach über Fehlerkultur. Die Aufzeichnung",  # a sentence ends inside
        "Paper pic.twitter.com/vFBkijD8Io— Λdrøn (@Adron) September 7, 2016",  # an embedded post
        "It began when the CfP opened.",  # a closing full stop
    ],
)
def test_titles_the_tagger_may_not_give(title):
    assert not _reads_as_title(title)
    assert _reads_as_title("Pipelines that heal themselves")
