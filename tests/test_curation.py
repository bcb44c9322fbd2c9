"""People, organisations, unknown-tool candidates, the user's vocabulary overlay and the landscape import."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from talkgraph.api.cli import app
from talkgraph.graph.linking.curation import CurationError, add_entry
from talkgraph.graph.linking.extract import extract
from talkgraph.graph.linking.landscape import LandscapeError, import_landscape, read_landscape
from talkgraph.graph.linking.linker import Linker
from talkgraph.graph.linking.vocabulary import load_vocabulary
from talkgraph.graph.notes.segment import parse_notes
from tests.conftest import FIXTURES

NOTES = """Summit notes

Scaling Widgets

Ann Lee from Zorbcorp talked about scaling widgets with the Zorblax CLI and `quill-sync`.
An engineer at Quillium Labs explained sharding with kube-widgetd. A Frobco engineer asked about Zorblax.
Bob Smith, principal engineer at Grunt Works, showed Prometheus charts. We paid tribute to Carl Jones.

Quiet Clusters

Quasarwatch and Prometheus were compared on a small cluster. Look at it through the lantern of reason.
"""


@pytest.fixture(scope="module")
def extraction(vocabulary):
    return extract(parse_notes(NOTES, "summit.txt"), Linker(vocabulary))


def test_speakers_affiliations_and_unknown_organisations(extraction):
    talk = extraction.talks[0]
    assert [(p.name, p.affiliation) for p in talk.speakers] == [("Ann Lee", "Zorbcorp"), ("Bob Smith", "Grunt Works")]
    assert talk.as_json()["companies"] == ["Zorbcorp", "Grunt Works", "Quillium Labs", "Frobco"]
    assert "Carl Jones" not in [p.name for p in talk.speakers]  # mentioned, not presenting


def test_candidates_are_software_shaped_unknown_names(extraction):
    found = {c.label: c for c in extraction.candidates}
    assert set(found) == {"Zorblax", "quill-sync", "kube-widgetd"}
    assert {why for why, _ in found["quill-sync"].evidence} == {"kebab-case"}  # backticks are literal in plain text
    assert found["Zorblax"].evidence[0] == (
        "cue",
        "Ann Lee from Zorbcorp talked about scaling widgets with the Zorblax CLI and `quill-sync`.",
    )
    assert extraction.candidates[0].label in {"Zorblax", "quill-sync", "kube-widgetd"}


def test_vocab_add_then_reingest_links_the_candidate(tmp_path):
    runner = CliRunner()
    notes = tmp_path / "summit.txt"
    notes.write_text(NOTES, "utf-8")
    before = json.loads(runner.invoke(app, ["extract", str(notes), "--data-dir", str(tmp_path)]).stdout)
    assert "Zorblax" not in before["talks"][0]["tools"]
    assert "Zorblax" in [c["label"] for c in before["candidates"]]
    added = runner.invoke(
        app,
        [
            "vocab",
            "add",
            "Zorblax",
            "--kind",
            "tool",
            "--topic",
            "Observability",
            "--alias",
            "zorblax-cli",
            "--data-dir",
            str(tmp_path),
        ],
    )
    assert added.exit_code == 0, added.output
    after = json.loads(runner.invoke(app, ["extract", str(notes), "--data-dir", str(tmp_path)]).stdout)
    assert "Zorblax" in after["talks"][0]["tools"]
    assert "Zorblax" not in [c["label"] for c in after["candidates"]]
    again = runner.invoke(app, ["vocab", "add", "zorblax", "--data-dir", str(tmp_path)])
    assert again.exit_code == 1 and "already in the vocabulary" in again.stderr


def test_vocab_add_refuses_unknown_topics(tmp_path, vocabulary):
    with pytest.raises(CurationError, match="no topic named 'Underwater Basketry'"):
        add_entry(tmp_path, vocabulary, "Quillium", "tool", topics=["Underwater Basketry"])
    assert not (tmp_path / "vocabulary" / "user.ttl").exists()


def test_landscape_import_never_overrides_curated_entries(tmp_path, vocabulary):
    report = import_landscape(read_landscape(str(FIXTURES / "landscape.yml")), vocabulary, tmp_path)
    assert (report.tools, report.projects) == (3, 1)
    assert report.skipped_curated == ["Prometheus"]
    merged = load_vocabulary([report.path])
    by_label = {e.label: e for e in merged.entries.values()}
    quasar = by_label["Quasarwatch"]
    assert quasar.is_project and not quasar.curated and quasar.match_case
    assert "https://w3id.org/talkgraph/id/topic/observability" in quasar.topics  # linked to the curated topic
    assert by_label["Lantern"].ambiguous  # an ordinary English word
    assert by_label["Prometheus"].curated  # still the curated entry
    network = next(e for e in merged.entries.values() if e.label == "Network" and e.kind == "topic")
    assert not network.linkable
    texts = extract(parse_notes(NOTES, "summit.txt"), Linker(merged)).as_json()["talks"]
    assert "Quasarwatch" in texts[1]["tools"] and "Lantern" not in texts[1]["tools"]


def test_landscape_errors_are_clear(tmp_path, vocabulary):
    bad = tmp_path / "bad.yml"
    bad.write_text("landscape: [\n", "utf-8")
    with pytest.raises(LandscapeError, match="not valid YAML"):
        read_landscape(str(bad))
    other = tmp_path / "other.yml"
    other.write_text("items: []\n", "utf-8")
    with pytest.raises(LandscapeError, match="not a landscape data file"):
        read_landscape(str(other))
