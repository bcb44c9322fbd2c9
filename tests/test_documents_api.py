"""/api/documents: list, add (the body is a notes file) and remove documents through the server."""

from __future__ import annotations

import pytest

from talkgraph.graph.ingest import ingest
from talkgraph.graph.rdf.store import EmbeddedStore
from tests.conftest import BUNDLED_NOTES, assert_clean_error, make_client

TOKEN = "s3cret-token"
NOTES = b"""# Notes from WidgetConf

## Scaling Prometheus with Thanos
Ada Brown showed how Thanos keeps a year of Prometheus metrics in object storage.

## Tracing everything with Jaeger
Tom Reyes walked through Jaeger sampling and why traces beat logs for latency hunts.
"""
WRITER = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def writable(vocabulary):
    """A fresh store with the bundled notes, served with an update token (tests here write to it)."""
    store = EmbeddedStore()
    ingest(store, [BUNDLED_NOTES], vocabulary)
    yield make_client(store, update_token=TOKEN, max_document_bytes=2_000)
    store.close()


def talks(client) -> int:
    return client.get("/api/stats").json()["talks"]


def test_documents_lists_what_the_store_holds(client):
    answer = client.get("/api/documents")
    assert answer.status_code == 200
    [document] = answer.json()
    assert (document["key"], document["talks"], document["source"]) == ("kubecon-na-2020", 23, "kubecon-na-2020.txt")


def jaeger_talks(client) -> set[str]:
    return {t["label"] for t in client.get("/api/talks", params={"tool": "Jaeger"}).json()["results"]}


def test_a_notes_file_sent_with_the_token_is_ingested_and_shown_at_once(writable):
    assert talks(writable) == 23
    before = jaeger_talks(writable)
    answer = writable.post("/api/documents", params={"path": "2023/widgetconf.md"}, content=NOTES, headers=WRITER)
    assert answer.status_code == 200, answer.text
    report = answer.json()
    assert report["documents"] == {"2023-widgetconf": 2}
    assert report["sources"] == {"2023-widgetconf": "2023/widgetconf.md"}
    assert report["encodings"] == {"2023-widgetconf": "utf-8"}
    assert talks(writable) == 25  # the cached analytics view was renewed
    assert jaeger_talks(writable) == before | {"Tracing everything with Jaeger"}
    assert "Tracing everything with Jaeger" not in before
    keys = {d["key"]: d["talks"] for d in writable.get("/api/documents").json()}
    assert keys == {"kubecon-na-2020": 23, "2023-widgetconf": 2}


def test_the_same_source_sent_again_replaces_its_document(writable):
    params = {"path": "widgetconf.md", "source_id": "0123456789abcdef"}
    assert writable.post("/api/documents", params=params, content=NOTES, headers=WRITER).status_code == 200
    shorter = NOTES.split(b"## Tracing")[0]
    again = writable.post("/api/documents", params=params, content=shorter, headers=WRITER)
    assert again.json()["documents"] == {"widgetconf": 1}
    assert talks(writable) == 24


def test_another_source_never_takes_a_documents_key(writable):
    first = {"path": "day-1.md", "source_id": "1111111111111111"}
    second = {"path": "day-1.md", "source_id": "2222222222222222"}
    assert writable.post("/api/documents", params=first, content=NOTES, headers=WRITER).json()["documents"] == {
        "day-1": 2
    }
    [key] = writable.post("/api/documents", params=second, content=NOTES, headers=WRITER).json()["documents"]
    assert key.startswith("day-1-") and len(key) == len("day-1-") + 6
    assert talks(writable) == 27


def test_removing_a_document_takes_its_talks_out(writable):
    writable.post("/api/documents", params={"path": "widgetconf.md"}, content=NOTES, headers=WRITER)
    answer = writable.delete("/api/documents/widgetconf", headers=WRITER)
    assert (answer.status_code, answer.json()) == (200, {"removed": "widgetconf"})
    assert talks(writable) == 23
    assert "no document 'widgetconf'" in assert_clean_error(
        writable.delete("/api/documents/widgetconf", headers=WRITER), 404
    )


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"}])
def test_writes_need_the_token(writable, headers):
    refused = writable.post("/api/documents", params={"path": "x.md"}, content=NOTES, headers=headers)
    assert "bearer token" in assert_clean_error(refused, 403)
    assert "bearer token" in assert_clean_error(writable.delete("/api/documents/kubecon-na-2020", headers=headers), 403)
    assert talks(writable) == 23


def test_a_read_only_server_refuses_writes(client):
    refused = client.post("/api/documents", params={"path": "x.md"}, content=NOTES, headers=WRITER)
    assert "read-only" in assert_clean_error(refused, 403)


def test_a_file_over_the_document_limit_is_refused_and_nothing_is_written(writable):
    large = NOTES + b"More notes. " * 200  # over the 2,000 bytes this server allows
    refused = writable.post("/api/documents", params={"path": "big.md"}, content=large, headers=WRITER)
    assert refused.status_code == 413
    assert talks(writable) == 23


def test_a_file_that_is_not_notes_is_refused_with_the_reason(writable):
    refused = writable.post("/api/documents", params={"path": "photo.txt"}, content=b"\x89PNG\x00\x00", headers=WRITER)
    assert "looks binary" in assert_clean_error(refused, 422)
    assert talks(writable) == 23


def test_the_servers_own_record_token_writes_documents_and_nothing_else(vocabulary):
    """The token in server.json (for CLI writes beside the server) is accepted by /api/documents only."""
    from fastapi.testclient import TestClient

    from talkgraph.api.app import create_app
    from talkgraph.api.local_server import LocalServer
    from talkgraph.api.settings import Settings

    store = EmbeddedStore()
    ingest(store, [BUNDLED_NOTES], vocabulary)
    local = LocalServer("http://127.0.0.1:9", "record-token", 1)
    client = TestClient(create_app(store, Settings(), local=local), raise_server_exceptions=False)
    own = {"Authorization": "Bearer record-token"}
    try:
        assert client.post("/api/documents", params={"path": "w.md"}, content=NOTES, headers=own).status_code == 200
        update = "INSERT DATA { <https://example.org/a> <https://example.org/b> 1 }"
        assert "read-only" in assert_clean_error(client.post("/sparql", data={"update": update}, headers=own), 403)
    finally:
        store.close()


def test_an_ingest_that_fails_after_writing_still_renews_what_the_server_shows(writable, monkeypatch):
    """A run can write some of its documents and then fail: the server's view must not stay the one of before."""
    import talkgraph.graph.ingest as ingesting
    from talkgraph.graph.errors import TalkgraphError

    assert talks(writable) == 23
    real_ingest = ingesting.ingest

    def writes_then_fails(store, *args, **kwargs):
        real_ingest(store, *args, **kwargs)
        raise TalkgraphError("a later file could not be read")

    monkeypatch.setattr(ingesting, "ingest", writes_then_fails)
    answer = writable.post("/api/documents", params={"path": "widgetconf.md"}, content=NOTES, headers=WRITER)
    assert answer.status_code == 500 and answer.json()["error"] == "a later file could not be read"
    assert talks(writable) == 25  # what was written is shown, not the view cached before the run
