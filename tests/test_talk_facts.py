"""A talk's own facts (event, day, kind, slides, speakers, notes) in its JSON answer, the same on its page's twin."""

from __future__ import annotations

import pytest

from talkgraph.graph.ingest import ingest
from talkgraph.graph.rdf.store import EmbeddedStore
from talkgraph.ontology import ID
from tests.conftest import make_client

NOTES = """# Notes from WidgetConf 2023 - Day Two

## Keynote: Scaling Prometheus with Thanos - Ada Brown, Acme
Ada Brown showed how Thanos keeps a year of Prometheus metrics in object storage.

[Slides](https://example.org/slides/thanos.pdf)
"""


@pytest.fixture(scope="module")
def client(vocabulary, tmp_path_factory):
    notes = tmp_path_factory.mktemp("notes") / "widgetconf-day-2.md"
    notes.write_text(NOTES, "utf-8")
    store = EmbeddedStore()
    ingest(store, [notes], vocabulary)
    yield make_client(store)
    store.close()


def test_a_talks_answer_says_its_event_day_kind_slides_speakers_and_notes(client):
    answer = client.get("/api/resource", params={"ref": "Scaling Prometheus with Thanos"}).json()
    about = answer["about"]
    assert (about["day"], about["kind"], about["slides"]) == (2, "keynote", ["https://example.org/slides/thanos.pdf"])
    assert [s["label"] for s in about["speakers"]] == ["Ada Brown"]
    assert about["notes"]["value"] == str(ID["notes/widgetconf-day-2"])
    assert about["event"]["is_iri"] is True


def test_the_talk_pages_json_twin_is_the_same_answer(client):
    answer = client.get("/api/resource", params={"ref": "Scaling Prometheus with Thanos"}).json()
    page = client.get(answer["page"], headers={"Accept": "application/json"}).json()
    assert page == answer
    html = client.get(answer["page"]).text
    assert 'href="https://example.org/slides/thanos.pdf"' in html and "keynote" in html.lower()
