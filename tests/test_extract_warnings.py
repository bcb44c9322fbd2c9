"""A document that yields no talk is reported, by extract and by ingest, never passed over in silence: a run that
finds no talk at all ends with exit status 1."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from talkgraph.api.cli import app

runner = CliRunner()


def test_extract_warns_when_no_talk_is_found(tmp_path):
    notes = tmp_path / "idea.txt"
    notes.write_text("just a thought about nothing in particular, written in one line.\n", "utf-8")
    result = runner.invoke(app, ["extract", str(notes), "--format", "json", "--data-dir", str(tmp_path / "d")])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["warnings"] == [
        "idea.txt: no talk found (no heading, title line, list or table of talks)"
    ]
    assert "warning: idea.txt: no talk found" in " ".join(result.stderr.split())


def test_ingest_warns_when_a_document_has_no_talk(tmp_path):
    notes = tmp_path / "idea.txt"
    notes.write_text("just a thought about nothing in particular, written in one line.\n", "utf-8")
    result = runner.invoke(app, ["ingest", str(notes), "--data-dir", str(tmp_path / "d")])
    assert result.exit_code == 1
    assert "idea.txt: 0 talks" in result.stdout
    assert "warning: idea.txt: no talk found" in " ".join(result.stderr.split())


def test_extract_as_a_table_exits_1_when_no_talk_is_found(tmp_path):
    notes = tmp_path / "idea.txt"
    notes.write_text("just a thought about nothing in particular, written in one line.\n", "utf-8")
    result = runner.invoke(app, ["extract", str(notes), "--format", "table", "--data-dir", str(tmp_path / "d")])
    assert result.exit_code == 1


def test_ingest_exits_0_when_another_document_of_the_run_has_talks(tmp_path):
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "idea.txt").write_text("just a thought, in one line.\n", "utf-8")
    (tmp_path / "notes" / "talks.md").write_text("# Conf\n\n## Queues by Ana Silva\n\nAna used Kafka.\n", "utf-8")
    result = runner.invoke(app, ["ingest", str(tmp_path / "notes"), "--data-dir", str(tmp_path / "d")])
    assert result.exit_code == 0
    assert "talks.md: 1 talks" in result.stdout and "idea.txt: 0 talks" in result.stdout
