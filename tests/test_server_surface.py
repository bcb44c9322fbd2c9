"""The server's edges: its own error format for unknown routes and methods, no data directory or Host
header reflected, CORS for reads only, the update token from a file, a client gone mid-upload."""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor

import pytest
import uvicorn

from talkgraph.api.app import create_app
from talkgraph.api.settings import Settings
from tests.conftest import assert_clean_error, make_client

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


# -- unknown routes and methods answer in the app's own format ---------------------------------------


def test_an_unknown_route_is_a_json_404_for_programs(client):
    error = assert_clean_error(client.get("/no/such/thing"), 404)
    assert error == "no such page: /no/such/thing"


def test_an_unknown_route_is_an_html_page_for_browsers(client):
    response = client.get("/no/such/<b>thing</b>", headers=BROWSER)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "no such page: /no/such/&lt;b&gt;thing&lt;/b&gt;" in response.text
    assert "<b>thing</b>" not in response.text


def test_a_wrong_method_is_a_405_in_the_app_format_with_allow(client):
    response = client.delete("/api/stats")
    assert assert_clean_error(response, 405) == "DELETE is not allowed on /api/stats"
    assert response.headers["allow"] == "GET"
    page = client.put("/api/stats", headers=BROWSER)
    assert page.status_code == 405 and page.headers["content-type"].startswith("text/html")
    assert "PUT is not allowed on /api/stats" in page.text


# -- nothing of the server's setup or the request's Host reflected ---------------------------------------


def test_the_home_page_does_not_show_the_data_directory(tmp_path, vocabulary):
    from talkgraph.graph.ingest import ingest
    from talkgraph.graph.rdf.store import EmbeddedStore
    from tests.conftest import BUNDLED_NOTES

    store = EmbeddedStore(tmp_path / "secret-place")
    ingest(store, [BUNDLED_NOTES], vocabulary)
    try:
        page = make_client(store).get("/", headers=BROWSER)
        assert page.status_code == 200 and "23 talks naming" in page.text
        assert "secret-place" not in page.text and str(tmp_path) not in page.text
    finally:
        store.close()


def test_the_host_header_is_not_reflected_into_the_editor_or_the_description(client):
    forged = {"Host": "evil.example"}
    editor = client.get("/sparql", headers={**BROWSER, **forged})
    assert editor.status_code == 200 and "evil.example" not in editor.text
    assert '"endpoint": "/sparql"' in editor.text
    description = client.get("/sparql", headers={"Accept": "text/turtle", **forged})
    assert description.status_code == 200 and "evil.example" not in description.text
    assert "<http://testserver/sparql>" in description.text  # the address the server is bound to


def test_a_configured_base_url_is_the_endpoint_address(kubecon_store):
    client = make_client(kubecon_store, base_url="https://talks.example.org/")
    editor = client.get("/sparql", headers={**BROWSER, "Host": "evil.example"})
    assert '"endpoint": "https://talks.example.org/sparql"' in editor.text and "evil.example" not in editor.text
    description = client.get("/sparql", headers={"Accept": "text/turtle", "Host": "evil.example"})
    assert "<https://talks.example.org/sparql>" in description.text


# -- CORS: opt-in, reads only ------------------------------------------------------------------------------


def test_without_cors_no_other_origin_may_read(client):
    response = client.get("/api/stats", headers={"Origin": "https://notebook.example"})
    assert response.status_code == 200 and "access-control-allow-origin" not in response.headers


def test_cors_allows_reads_from_any_origin(kubecon_store):
    client = make_client(kubecon_store, cors=True)
    origin = {"Origin": "https://notebook.example"}
    response = client.get("/sparql", params={"query": "ASK {}"}, headers={**origin, "Accept": "application/json"})
    assert response.status_code == 200 and response.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in response.headers
    preflight = client.options(
        "/sparql",
        headers={**origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"},
    )
    assert preflight.status_code == 200 and "POST" in preflight.headers["access-control-allow-methods"]


@pytest.mark.parametrize(
    ("method", "headers"),
    [("PUT", ""), ("DELETE", ""), ("POST", "authorization"), ("POST", "content-type, authorization")],
)
def test_cors_never_lets_another_origin_write(kubecon_store, method, headers):
    client = make_client(kubecon_store, cors=True, update_token="s3cret")
    preflight = client.options(
        "/store",
        headers={
            "Origin": "https://notebook.example",
            "Access-Control-Request-Method": method,
            **({"Access-Control-Request-Headers": headers} if headers else {}),
        },
    )
    assert preflight.status_code == 400  # the browser then never sends the write
    assert preflight.headers["access-control-allow-methods"] == "GET, HEAD, POST"
    assert "authorization" not in preflight.headers["access-control-allow-headers"].lower()


# -- the update token from a file or the environment -------------------------------------------------------


def test_the_update_token_comes_from_a_file(tmp_path):
    from talkgraph.api.cli import token_from

    path = tmp_path / "token"
    path.write_text("from-the-file\n", "utf-8")
    assert token_from(None, path) == "from-the-file"
    assert token_from("given", None) == "given"


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "cannot read the update token file"), ("  \n", "is empty")],
)
def test_a_bad_token_file_is_a_clear_error(tmp_path, content, message):
    from tests.test_cli import flat, talkgraph

    path = tmp_path / "token"
    if content is not None:
        path.write_text(content, "utf-8")
    result = talkgraph("serve", "--update-token-file", str(path), data_dir=tmp_path / "data")
    assert result.exit_code == 1 and message in flat(result.stderr)


def test_serve_reads_the_token_file_and_the_environment(tmp_path, monkeypatch):
    from talkgraph.api import cli
    from tests.test_cli import ok

    started = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: started.append(app.state.talkgraph.settings))
    monkeypatch.setattr(cli, "run_ingest", lambda *args, **kwargs: None)  # the bundled notes are not needed here
    path = tmp_path / "token"
    path.write_text("from-the-file\n", "utf-8")
    ok("serve", "--update-token-file", str(path), data_dir=tmp_path / "data")
    monkeypatch.setenv("TALKGRAPH_UPDATE_TOKEN_FILE", str(path))
    ok("serve", "--base-url", "https://talks.example.org", "--cors", data_dir=tmp_path / "data")
    monkeypatch.delenv("TALKGRAPH_UPDATE_TOKEN_FILE")
    monkeypatch.setenv("TALKGRAPH_UPDATE_TOKEN", "from-the-environment")
    ok("serve", data_dir=tmp_path / "data")
    assert [(s.update_token, s.base_url, s.cors) for s in started] == [
        ("from-the-file", None, False),
        ("from-the-file", "https://talks.example.org", True),
        ("from-the-environment", None, False),
    ]


# -- a client gone mid-upload: one line in the log ----------------------------------------------------------


def test_a_client_that_disconnects_mid_upload_logs_one_line(kubecon_store, caplog):
    app = create_app(kubecon_store, Settings(update_token="s3cret"))
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "PUT",
        "scheme": "http",
        "path": "/store",
        "raw_path": b"/store",
        "query_string": b"graph=https://example.org/g",
        "root_path": "",
        "headers": [
            (b"host", b"testserver"),
            (b"content-type", b"text/turtle"),
            (b"content-length", b"100000"),
            (b"authorization", b"Bearer s3cret"),
        ],
        "client": ("127.0.0.1", 5000),
        "server": ("testserver", 80),
    }
    messages = iter(
        [{"type": "http.request", "body": b"<a> <b> <c> .\n", "more_body": True}, {"type": "http.disconnect"}]
    )
    sent = []

    async def receive():
        return next(messages)

    async def send(message):
        sent.append(message)

    # in a thread of its own: the browser tests' Playwright keeps an event loop in the main thread
    with caplog.at_level(logging.INFO), ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, app(scope, receive, send)).result()
    records = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [r.getMessage() for r in records] == ["client disconnected during PUT /store: request dropped"]
    assert all(r.exc_info is None for r in records)
    assert "https://example.org/g" not in kubecon_store.graphs()


# -- a graph query asked with only result-set types gets Turtle ------------------------------------------------


def test_rdflib_sparqlstore_in_json_mode_gets_a_construct_as_turtle(live_server, kubecon_store):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    notes = "https://w3id.org/talkgraph/id/graph/notes/kubecon-na-2020"
    store = SPARQLStore(live_server.url + "/sparql", returnFormat="json")
    result = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{notes}> {{ ?s ?p ?o }} }}")
    assert len(result.graph) == len(kubecon_store.quads(notes))


@pytest.mark.parametrize(
    ("accept", "status", "content_type"),
    [
        ("application/sparql-results+json", 200, "text/turtle"),
        ("application/sparql-results+xml, text/csv;q=0.5", 200, "text/turtle"),
        ("application/ld+json", 200, "application/ld+json"),
        ("image/png", 406, "application/json"),
    ],
)
def test_a_construct_asked_with_result_types_only_is_answered_in_turtle(client, accept, status, content_type):
    response = client.get(
        "/sparql", params={"query": "CONSTRUCT WHERE { ?s a ?c } LIMIT 1"}, headers={"Accept": accept}
    )
    assert response.status_code == status
    assert response.headers["content-type"].split(";")[0] == content_type
