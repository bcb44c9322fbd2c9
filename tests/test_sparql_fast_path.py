"""/sparql queries answered by QueryFastPath (under the app's middleware, without FastAPI's router), the rest
handed on to the route with the body already read; the serve command's access log."""

from __future__ import annotations

import gzip
import zlib

import httpx
import pytest
import uvicorn

from talkgraph.api import sparql
from talkgraph.api.app import GZIP_LEVEL
from tests.conftest import assert_clean_error, make_client

LOOKUP = "SELECT (COUNT(*) AS ?n) WHERE { ?talk a <https://w3id.org/talkgraph/ns#Talk> }"
JSON = "application/sparql-results+json"


@pytest.fixture
def reads(monkeypatch):
    """Each parse of a /sparql request, by the fast path ("fast") or by the route FastAPI's router chose ("route")."""
    calls = []
    parse = sparql.read_request

    async def counted(request):
        calls.append("route" if "endpoint" in request.scope else "fast")
        return await parse(request)

    monkeypatch.setattr(sparql, "read_request", counted)
    return calls


@pytest.mark.parametrize("method", ["GET", "POST form", "POST query"])
def test_a_query_is_answered_on_the_fast_path(client, reads, method):
    if method == "GET":
        response = client.get("/sparql", params={"query": LOOKUP}, headers={"Accept": JSON})
    elif method == "POST form":
        response = client.post("/sparql", data={"query": LOOKUP}, headers={"Accept": JSON})
    else:
        response = client.post(
            "/sparql", content=LOOKUP, headers={"Accept": JSON, "Content-Type": "application/sparql-query"}
        )
    assert response.status_code == 200
    assert response.headers["content-type"] == JSON
    assert response.headers["vary"] == "Accept"
    assert response.json()["results"]["bindings"] == [
        {"n": {"type": "literal", "value": "23", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}
    ]
    assert reads == ["fast"]


def test_the_route_takes_what_is_not_a_query_with_the_body_read_once(kubecon_store, reads):
    api = make_client(kubecon_store, update_token="secret")
    editor = api.post("/sparql", data={"query": LOOKUP}, headers={"Accept": "text/html"})
    assert editor.status_code == 200 and editor.headers["content-type"].startswith("text/html")
    assert "COUNT(*) AS ?n" in editor.text  # the editor opened with the posted query: the route read the body
    described = api.get("/sparql", headers={"Accept": "text/turtle"})
    assert described.status_code == 200 and described.headers["content-type"].startswith("text/turtle")
    update = 'INSERT DATA { GRAPH <urn:fast-path-test> { <urn:a> <urn:b> "c" } }'
    written = api.post("/sparql", data={"update": update}, headers={"Authorization": "Bearer secret"})
    assert written.status_code == 204, written.text
    cleared = api.post(
        "/sparql", data={"update": "DROP GRAPH <urn:fast-path-test>"}, headers={"Authorization": "Bearer secret"}
    )
    assert cleared.status_code == 204
    assert reads == ["fast", "route"] * 4


def test_a_request_the_endpoint_refuses_is_refused_by_the_route(client, reads):
    message = assert_clean_error(
        client.post("/sparql", content=b"query=x", headers={"Content-Type": "text/plain"}), 415
    )
    assert message.startswith("unsupported Content-Type text/plain")
    assert reads == ["fast", "route"]


def test_errors_on_the_fast_path_have_the_apps_format(client, reads):
    response = client.post("/sparql", data={"query": "SELECT ?x WHERE { ?x ?y }"}, headers={"Accept": JSON})
    message = assert_clean_error(response, 400)
    assert message.startswith("SPARQL syntax error at line 1, column")
    assert response.json()["line"] == 1
    refused = client.post("/sparql", data={"query": "SELECT * WHERE { SERVICE <http://x.example/> { ?s ?p ?o } }"})
    assert "SERVICE is disabled" in assert_clean_error(refused, 400)
    unacceptable = client.post("/sparql", data={"query": LOOKUP}, headers={"Accept": "text/turtle"})
    assert assert_clean_error(unacceptable, 406).startswith("cannot answer a SELECT query in any type")
    page = client.post(
        "/sparql", data={"query": "SELECT ?x WHERE {", "format": "json"}, headers={"Accept": "text/html"}
    )
    assert page.status_code == 400 and page.headers["content-type"].startswith("text/html")
    assert "SPARQL syntax error" in page.text
    assert reads == ["fast"] * 4


def test_the_apps_middleware_still_wraps_the_fast_path(kubecon_store, reads):
    api = make_client(kubecon_store, cors=True, max_request_bytes=2_000, max_parameter_chars=100)
    big = api.post(
        "/sparql",
        data={"query": "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 200"},
        headers={"Accept": JSON, "Accept-Encoding": "gzip", "Origin": "https://elsewhere.example"},
    )
    assert big.status_code == 200
    assert big.headers["content-encoding"] == "gzip"
    assert big.headers["access-control-allow-origin"] == "*"
    assert len(big.json()["results"]["bindings"]) == 200  # httpx undid the gzip
    too_large = api.post("/sparql", data={"query": LOOKUP + " " * 3_000})
    assert assert_clean_error(too_large, 413) == "request larger than the limit of 2000 bytes"
    long_graph = api.get("/sparql", params={"query": LOOKUP, "default-graph-uri": "urn:" + "g" * 200})
    assert "'default-graph-uri' is 204 characters long" in assert_clean_error(long_graph, 414)
    assert reads == ["fast"]  # the limits answered before the fast path was reached


def plain_and_gzipped(client) -> tuple[httpx.Response, bytes]:
    """One answer of 300 rows asked for as is, and the bytes sent when gzip is accepted."""
    query = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o LIMIT 300"
    plain = client.post("/sparql", data={"query": query}, headers={"Accept": JSON, "Accept-Encoding": "identity"})
    packed = client.stream(
        "POST", "/sparql", data={"query": query}, headers={"Accept": JSON, "Accept-Encoding": "gzip"}
    )
    with packed as response:
        return plain, b"".join(response.iter_raw())


def test_gzip_of_the_fast_paths_answer_is_the_answer(client):
    plain, raw = plain_and_gzipped(client)
    assert "content-encoding" not in plain.headers
    assert gzip.decompress(raw) == plain.content


def test_answers_are_compressed_at_the_apps_level_not_starlettes_default(client):
    """Level 1 compresses a 720 kB answer in 1.2 ms where level 9 took 4.6-9.1 ms (benchmarks/gzip_levels.py): the bytes
    sent are exactly what zlib writes at GZIP_LEVEL, as Starlette's GZipMiddleware calls it, and not level 9's."""
    plain, raw = plain_and_gzipped(client)

    def gzipped(level: int) -> bytes:
        compressor = zlib.compressobj(level, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
        return compressor.compress(plain.content) + compressor.flush()

    assert GZIP_LEVEL == 1
    assert raw == gzipped(1)
    assert raw != gzipped(9)


def test_serve_logs_requests_only_when_asked(tmp_path, monkeypatch):
    from talkgraph.api import cli
    from tests.test_cli import ok

    started = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: started.append(kwargs["access_log"]))
    monkeypatch.setattr(cli, "run_ingest", lambda *args, **kwargs: None)
    ok("serve", data_dir=tmp_path / "data")
    ok("serve", "--access-log", data_dir=tmp_path / "data")
    assert started == [False, True]


@pytest.mark.parametrize(
    ("parameter", "accept", "formats"),
    [
        (None, JSON, ("json", "turtle")),  # a result-set Accept: Turtle for a graph (lenient, as before)
        (None, "application/sparql-results+xml", ("xml", "turtle")),
        (None, "text/csv;q=0.5, application/n-triples", ("csv", "ntriples")),
        (None, "text/html", (None, None)),
        ("tsv", JSON, ("tsv", None)),
        (None, "text/x-none;q=0.9, " * 40 + "text/csv", ("csv", None)),  # over the cached length
    ],
)
def test_negotiation_is_decided_once_per_header_and_alike(parameter, accept, formats):
    sparql._cached_format.cache_clear()
    for _ in range(2):
        assert (sparql._format(parameter, accept, "select"), sparql._format(parameter, accept, "construct")) == formats
    cached = len(parameter or "") + len(accept) <= sparql.NEGOTIATION_CACHED
    assert sparql._cached_format.cache_info().hits == (2 if cached else 0)
    assert sparql._cached_format.cache_info().currsize == (2 if cached else 0)
