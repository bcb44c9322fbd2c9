"""Bounded work per request: long paths and parameters refused up front, name lookups off the event loop."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from talkgraph.api.app import create_app
from talkgraph.api.settings import Settings
from talkgraph.graph.analytics.questions import Questions
from tests.conftest import LiveServer, assert_clean_error, make_client

LONG = "x" * 50_000  # httpx itself refuses URLs over 64 KB


@pytest.mark.parametrize(
    ("path", "params", "name"),
    [
        ("/graph/around", {"ref": LONG}, "ref"),
        ("/graph/cooccur", {"focus": LONG}, "focus"),
        ("/api/resource", {"ref": LONG}, "ref"),
        ("/api/path", {"source": "Cilium", "target": LONG}, "target"),
        ("/api/talks", {"topic": LONG}, "topic"),
        ("/api/cooccur", {"focus": LONG}, "focus"),
        ("/resource", {"iri": "https://example.org/" + LONG}, "iri"),
        ("/search", {"q": LONG}, "q"),
        ("/store", {"graph": "https://example.org/" + LONG}, "graph"),
        ("/sparql", {"query": "ASK {}", "default-graph-uri": "https://example.org/" + LONG}, "default-graph-uri"),
    ],
)
def test_a_long_parameter_is_refused_with_414_on_every_route(client, path, params, name):
    started = time.monotonic()
    error = assert_clean_error(client.get(path, params=params), 414)
    assert error.startswith(f"the parameter '{name}' is ") and error.endswith("characters long; the limit is 2,000")
    assert time.monotonic() - started < 2


def test_a_long_path_is_refused_with_414_in_the_browser_format_too(client):
    response = client.get("/id/tool/" + LONG, headers={"Accept": "text/html"})
    assert response.status_code == 414 and response.headers["content-type"].startswith("text/html")
    assert "the URL path is 50,009 characters long; the limit is 2,000" in response.text


def test_sparql_text_is_not_a_parameter_the_limit_applies_to(client):
    query = "ASK { ?s ?p ?o }" + " " * 5_000 + "# padding"
    response = client.get("/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200 and response.json()["boolean"] is True


def test_the_limit_is_a_setting(kubecon_store):
    client = make_client(kubecon_store, max_parameter_chars=20)
    assert client.get("/api/resource", params={"ref": "Cilium"}).status_code == 200
    refused = client.get("/api/resource", params={"ref": "Kubernetes Networking!"})
    assert assert_clean_error(refused, 414) == "the parameter 'ref' is 22 characters long; the limit is 20"


def test_stats_answer_while_name_lookups_run(kubecon_store, monkeypatch):
    """Four graph-page lookups held busy (as a long name's lookup would be) do not stop /api/stats."""
    release = threading.Event()
    busy = threading.Semaphore(0)
    real_resolve = Questions.resolve

    def slow_resolve(self, *args, **kwargs):
        busy.release()
        release.wait(timeout=30)  # a blocking call: on the event loop it would stall every route
        return real_resolve(self, *args, **kwargs)

    monkeypatch.setattr(Questions, "resolve", slow_resolve)
    with LiveServer(create_app(kubecon_store, Settings())) as server, ThreadPoolExecutor(4) as pool:
        lookups = [
            pool.submit(httpx.get, server.url + path, params=params, timeout=60)
            for path, params in [
                ("/graph/around", {"ref": "Cilium", "format": "json"}),
                ("/graph/around", {"ref": "eBPF", "format": "json"}),
                ("/graph/cooccur", {"focus": "eBPF", "format": "json"}),
                ("/graph/cooccur", {"focus": "Observability", "format": "json"}),
            ]
        ]
        for _ in range(4):
            assert busy.acquire(timeout=20)  # all four are inside their lookup now
        stats = httpx.get(server.url + "/api/stats", timeout=5)
        assert stats.status_code == 200 and stats.json()["talks"] == 23
        release.set()
        assert [f.result().status_code for f in lookups] == [200, 200, 200, 200]
