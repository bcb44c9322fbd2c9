"""Document identity: two sources never share a key; the same source replaces itself; documents and remove."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pyoxigraph import NamedNode

from talkgraph.graph.documents import DocumentConflict, stored_documents
from talkgraph.graph.ingest import NotesSource, ingest, remove_document
from talkgraph.graph.rdf.store import EmbeddedStore
from talkgraph.graph.rdf.triples import document_key
from talkgraph.ontology import DERIVED_GRAPH, ID, NOTES_GRAPH_PREFIX, sparql_prologue
from tests.test_cli import flat, ok, talkgraph


def notes(path: Path, *titles: str) -> Path:
    """A small Markdown notes file with one talk per title, each naming Cilium."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(f"## {t}\n\nThe team ran Cilium for eBPF networking.\n\n" for t in titles), "utf-8")
    return path


def talk_titles(store) -> dict[str, set[str]]:
    """document key → the titles of its talks."""
    rows = store.select(sparql_prologue() + "SELECT ?g ?title WHERE { GRAPH ?g { ?t a tg:Talk ; schema:name ?title } }")
    out: dict[str, set[str]] = {}
    for row in rows:
        out.setdefault(row["g"].value.removeprefix(NOTES_GRAPH_PREFIX), set()).add(row["title"].value)
    return out


@pytest.mark.parametrize(
    ("source", "key"),
    [
        ("2019/day-1.md", "2019-day-1"),
        ("Day 1.md", "day-1"),
        ("day_1.md", "day-1"),
        ("日本.txt", "日本"),
        ("Café Notes.html", "café-notes"),
        ("../notes/./kubecon-na-2020.txt", "notes-kubecon-na-2020"),
        ("!!!.txt", "x"),
    ],
)
def test_document_key_keeps_folders_and_every_script_readable(source, key):
    assert document_key(source) == key


def test_same_file_names_in_two_folders_both_survive(tmp_path, small_vocabulary):
    store = EmbeddedStore()
    first = notes(tmp_path / "2019" / "day-1.md", "Scaling Kafka", "Service Mesh Basics")
    second = notes(tmp_path / "2020" / "day-1.md", "Observability at Scale")
    assert ingest(store, [tmp_path], small_vocabulary).documents == {"2019-day-1": 2, "2020-day-1": 1}
    assert talk_titles(store) == {
        "2019-day-1": {"Scaling Kafka", "Service Mesh Basics"},
        "2020-day-1": {"Observability at Scale"},
    }
    # one file at a time, each given by its bare name from its own folder: still two documents
    store = EmbeddedStore()
    ingest(store, [first], small_vocabulary)
    report = ingest(store, [second], small_vocabulary)
    disambiguated = "day-1-" + report_source_id(second)[:6]
    assert report.documents == {disambiguated: 1}
    assert talk_titles(store) == {
        "day-1": {"Scaling Kafka", "Service Mesh Basics"},
        disambiguated: {"Observability at Scale"},
    }


def report_source_id(path: Path) -> str:
    return NotesSource(path, path.name).source_id


def test_names_in_other_scripts_and_case_variants_all_survive(tmp_path, small_vocabulary):
    store = EmbeddedStore()
    folder = tmp_path / "notes"
    notes(folder / "日本.txt", "Tokyo Keynote", "Osaka Keynote")
    notes(folder / "中国.txt", "Beijing Keynote", "Shanghai Keynote")
    notes(folder / "Day 1.md", "Upper Case Day")
    notes(folder / "day_1.md", "Snake Case Day")
    report = ingest(store, [folder], small_vocabulary)
    snake = "day-1-" + report_source_id(folder / "day_1.md")[:6]
    assert report.documents == {"day-1": 1, snake: 1, "中国": 2, "日本": 2}
    assert talk_titles(store) == {
        "day-1": {"Upper Case Day"},
        snake: {"Snake Case Day"},
        "中国": {"Beijing Keynote", "Shanghai Keynote"},
        "日本": {"Tokyo Keynote", "Osaka Keynote"},
    }
    # the talk IRIs carry the readable key
    assert store.quads(NOTES_GRAPH_PREFIX + "日本")[0].graph_name == NamedNode(f"{ID}graph/notes/日本")
    assert any(q.subject == NamedNode(f"{ID}talk/日本/tokyo-keynote") for q in store.quads(NOTES_GRAPH_PREFIX + "日本"))
    # ingesting the folder again keeps every key: the same sources replace themselves
    again = ingest(store, [folder], small_vocabulary)
    assert again.documents == report.documents
    assert {d.key for d in stored_documents(store)} == {"day-1", snake, "中国", "日本"}


def test_reingesting_a_source_replaces_it_and_records_where_it_came_from(tmp_path, small_vocabulary):
    store = EmbeddedStore()
    path = notes(tmp_path / "conf.md", "Old Talk")
    ingest(store, [path], small_vocabulary)
    notes(path, "New Talk", "Another Talk")
    ingest(store, [path], small_vocabulary)
    assert talk_titles(store) == {"conf": {"New Talk", "Another Talk"}}
    [document] = stored_documents(store)
    assert (document.key, document.source, document.talks, document.encoding) == ("conf", "conf.md", 2, "utf-8")
    assert document.source_id == report_source_id(path)
    assert len(document.sha256) == 64
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", document.ingested_at)


def test_an_explicit_name_held_by_another_source_is_refused_unless_replace(tmp_path, small_vocabulary):
    store = EmbeddedStore()
    ingest(store, [notes(tmp_path / "a.md", "Talk A")], small_vocabulary, name="KubeCon 2020")
    other = notes(tmp_path / "b.md", "Talk B")
    with pytest.raises(DocumentConflict, match=r"the name 'kubecon-2020' already holds the document read from a\.md"):
        ingest(store, [other], small_vocabulary, name="KubeCon 2020")
    assert talk_titles(store) == {"kubecon-2020": {"Talk A"}}  # nothing written
    ingest(store, [other], small_vocabulary, name="KubeCon 2020", replace=True)
    assert talk_titles(store) == {"kubecon-2020": {"Talk B"}}


def test_renaming_a_source_moves_its_document(tmp_path, small_vocabulary):
    store = EmbeddedStore()
    path = notes(tmp_path / "a.md", "Talk A")
    ingest(store, [path], small_vocabulary)
    ingest(store, [path], small_vocabulary, name="renamed")
    assert talk_titles(store) == {"renamed": {"Talk A"}}


def test_remove_takes_the_document_and_its_analytics_out(tmp_path, small_vocabulary):
    store = EmbeddedStore()
    ingest(store, [notes(tmp_path / "a.md", "Talk A"), notes(tmp_path / "b.md", "Talk B")], small_vocabulary)
    derived = store.quads(str(DERIVED_GRAPH))
    remove_document(store, "a")
    assert talk_titles(store) == {"b": {"Talk B"}}
    assert [d.key for d in stored_documents(store)] == ["b"]
    assert store.quads(str(DERIVED_GRAPH)) != derived  # recomputed without a's talk
    with pytest.raises(Exception, match=r"no document 'a' in the store"):
        remove_document(store, "a")


def test_a_document_without_talks_is_reported(tmp_path, small_vocabulary):
    store = EmbeddedStore()
    empty = tmp_path / "empty.md"
    empty.write_text("Just a line of text without any heading.\n", "utf-8")
    report = ingest(store, [empty], small_vocabulary)
    assert report.documents == {"empty": 0}
    assert report.warnings == {
        "empty.md": "no talk found: stored as empty with 0 talks; check its headings with `talkgraph extract`"
        " or take it out with `talkgraph remove empty`"
    }
    assert [d.key for d in stored_documents(store)] == ["empty"]


# -- the CLI ----------------------------------------------------------------------------------------


def test_cli_lists_refuses_replaces_and_removes_documents(tmp_path):
    data_dir = tmp_path / "data"
    first = notes(tmp_path / "2019" / "day-1.md", "Scaling Kafka", "Service Mesh Basics")
    second = notes(tmp_path / "2020" / "day-1.md", "Observability at Scale")
    result = ok("ingest", str(tmp_path / "2019"), str(tmp_path / "2020"), data_dir=data_dir)
    assert "day-1.md: 2 talks, stored as day-1 (read as utf-8)" in flat(result.stdout)
    listed = json.loads(ok("documents", "--format", "json", data_dir=data_dir).stdout)
    other = "day-1-" + report_source_id(second)[:6]
    assert [(d["key"], d["source"], d["talks"]) for d in listed] == [("day-1", "day-1.md", 2), (other, "day-1.md", 1)]
    table = flat(ok("documents", data_dir=data_dir).stdout)
    assert "day-1 │ day-1.md │ 2" in table and listed[0]["sha256"][:12] in table

    refused = talkgraph("ingest", str(second), "--name", "day-1", data_dir=data_dir)
    assert refused.exit_code == 1
    assert "already holds the document read from day-1.md" in flat(refused.stderr)
    assert "--replace" in flat(refused.stderr)
    ok("ingest", str(second), "--name", "day-1", "--replace", data_dir=data_dir)
    listed = json.loads(ok("documents", "--format", "json", data_dir=data_dir).stdout)
    assert [(d["key"], d["talks"]) for d in listed] == [("day-1", 1)]  # the 2020 notes, moved to the name given

    ok("ingest", str(first), data_dir=data_dir)  # the 2019 notes come back beside it, under a key of their own
    assert "removed day-1" in ok("remove", "day-1", data_dir=data_dir).stdout
    listed = json.loads(ok("documents", "--format", "json", data_dir=data_dir).stdout)
    assert [(d["key"], d["talks"]) for d in listed] == [("day-1-" + report_source_id(first)[:6], 2)]
    missing = talkgraph("remove", "day-1", data_dir=data_dir)
    assert missing.exit_code == 1 and "no document 'day-1' in the store" in flat(missing.stderr)


def test_a_document_keyed_in_another_script_has_working_pages(tmp_path, small_vocabulary):
    from tests.conftest import make_client

    store = EmbeddedStore()
    ingest(store, [notes(tmp_path / "日本.md", "Tokyo Keynote", "Osaka Keynote")], small_vocabulary)
    client = make_client(store)
    talks = {t["label"]: t for t in client.get("/api/talks").json()["results"]}
    assert talks["Tokyo Keynote"]["iri"] == f"{ID}talk/日本/tokyo-keynote"
    assert talks["Tokyo Keynote"]["page"] == "/id/talk/%E6%97%A5%E6%9C%AC/tokyo-keynote"
    page = client.get(talks["Tokyo Keynote"]["page"], headers={"Accept": "application/json"})
    assert page.status_code == 200 and page.json()["label"] == "Tokyo Keynote"


def test_a_name_is_for_one_file_only(tmp_path, small_vocabulary):
    store = EmbeddedStore()
    folder = tmp_path / "two"
    notes(folder / "a.md", "Talk A")
    notes(folder / "b.md", "Talk B")
    with pytest.raises(Exception, match="--name names one document, but 2 files were given"):
        ingest(store, [folder], small_vocabulary, name="both")
    assert store.graphs() == set()
