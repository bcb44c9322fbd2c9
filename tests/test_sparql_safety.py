"""The endpoint's safety limits: read-only by default, no network, time limit, size limit, text checks.

Each test here fails when its protection is removed: the store changes, the listener is reached,
the CPU keeps burning, the body is read, or a bad byte reaches the parser.
"""

from __future__ import annotations

import csv
import io
import json
import os
import socket
import threading
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import httpx
import pytest
import rdflib
from pyoxigraph import Literal, NamedNode, Quad, QueryResultsFormat, Store, parse_query_results

from talkgraph.api.app import create_app
from talkgraph.api.settings import Settings
from talkgraph.graph.rdf.store import EmbeddedStore
from tests.conftest import LiveServer, assert_clean_error, make_client

TOKEN = "s3cret"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
UPDATE = "application/sparql-update"
QUERY = "application/sparql-query"
FORM = "application/x-www-form-urlencoded"
EX = "http://example.org/"
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
# rdflib's parser needs seconds for this 50 kB query, far longer than its evaluation.
SLOW_PARSE = "SELECT * WHERE { ?s ?p ?o FILTER(?o IN (" + ",".join(str(i) for i in range(10_000)) + ")) }"
ON_LINUX = Path("/proc/self/stat").exists()


def small_store(triples: int = 3) -> EmbeddedStore:
    store = EmbeddedStore()
    graph = NamedNode(EX + "graph")
    store.replace_graph(
        graph.value, [Quad(NamedNode(f"{EX}s{i}"), NamedNode(EX + "p"), Literal(i), graph) for i in range(triples)]
    )
    return store


@pytest.fixture
def store() -> EmbeddedStore:
    """A fresh in-memory store of its own, as writing tests need."""
    return small_store()


@pytest.fixture(scope="module")
def big_store() -> EmbeddedStore:
    """3,000 triples: a three-way cartesian product over them never ends in a test's time."""
    return small_store(3_000)


# --- read-only by default ------------------------------------------------------------------------

INSERT = f'INSERT DATA {{ GRAPH <{EX}new> {{ <{EX}a> <{EX}b> "added" }} }}'


def send_update(api, how: str, update: str, headers: dict | None = None):
    if how == "form":
        return api.post("/sparql", data={"update": update}, headers=headers or {})
    return api.post("/sparql", content=update.encode(), headers={"Content-Type": UPDATE, **(headers or {})})


@pytest.mark.parametrize("how", ["form", "direct"])
@pytest.mark.parametrize("update", [INSERT, "CLEAR ALL", f"DROP GRAPH <{EX}graph>"])
def test_updates_are_refused_without_a_configured_token(store, how, update):
    before = store.quads()
    message = assert_clean_error(send_update(make_client(store), how, update, AUTH), 403)
    assert "read-only" in message
    assert store.quads() == before


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": "Bearer s3cre"},
        {"Authorization": "Bearer s3cret-and-more"},
        {"Authorization": "Basic s3cret"},
        {"Authorization": TOKEN},
        {"Authorization": "Bearer"},
    ],
)
@pytest.mark.parametrize("how", ["form", "direct"])
def test_updates_need_the_right_token(store, headers, how):
    before = store.quads()
    assert_clean_error(send_update(make_client(store, update_token=TOKEN), how, INSERT, headers), 403)
    assert store.quads() == before


@pytest.mark.parametrize("how", ["form", "direct"])
def test_the_right_token_writes(store, how):
    api = make_client(store, update_token=TOKEN)
    response = send_update(api, how, INSERT, AUTH)
    assert response.status_code == 204
    assert response.content == b""
    assert [(q.subject.value, q.object.value) for q in store.quads(EX + "new")] == [(EX + "a", "added")]
    answer = api.get("/sparql", params={"query": f'ASK {{ GRAPH <{EX}new> {{ ?s ?p "added" }} }}'})
    assert answer.json()["boolean"] is True


def test_a_query_cannot_write(store):
    api = make_client(store, update_token=TOKEN)
    assert_clean_error(api.post("/sparql", data={"query": "CLEAR ALL"}, headers=AUTH), 400)
    assert len(store.quads()) == 3


# --- no network fetch ----------------------------------------------------------------------------


class Listener:
    """A TCP server on 127.0.0.1 that counts every connection made to it (and answers nothing)."""

    def __init__(self) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(16)
        self.socket.settimeout(0.05)
        self.port = self.socket.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.connections = 0
        self.marked = 0
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stopping.is_set():
            try:
                connection, _ = self.socket.accept()
            except TimeoutError:
                continue
            self.connections += 1
            connection.close()

    def mark(self) -> Listener:
        self.marked = self.connections
        return self

    @property
    def new_connections(self) -> int:
        """Connections since mark(). No waiting needed: a connection is counted before it is closed,
        and a client gives up (so its request ends) only once it sees that close."""
        return self.connections - self.marked

    def wait_for(self, connections: int, seconds: float = 5) -> int:
        deadline = time.monotonic() + seconds
        while self.connections < connections and time.monotonic() < deadline:
            time.sleep(0.01)
        return self.connections

    def close(self) -> None:
        self.stopping.set()
        self.thread.join(timeout=5)
        self.socket.close()


@pytest.fixture(scope="module")
def listener():
    server = Listener()
    socket.create_connection(("127.0.0.1", server.port), timeout=2).close()
    assert server.wait_for(1) == 1  # it does notice a connection
    yield server
    server.close()


@pytest.fixture
def untouched(listener) -> Listener:
    """The listener, marked: the test checks it made no new connection."""
    return listener.mark()


@pytest.mark.parametrize("request_", ["query", "update"])
def test_the_engine_alone_would_fetch(untouched, request_):
    """The control: without Talkgraph's refusal, Oxigraph itself connects for SERVICE and LOAD."""
    with pytest.raises(OSError):  # the listener answers nothing
        if request_ == "query":
            list(Store().query(f"SELECT * WHERE {{ SERVICE <{untouched.url}/sparql> {{ ?s ?p ?o }} }}"))
        else:
            Store().update(f"LOAD <{untouched.url}/x>")
    assert untouched.new_connections == 1


REMOTE_QUERIES = [
    "SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ service <{url}/sparql> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ SeRvIcE <{url}/sparql> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ SERVICE SILENT <{url}/sparql> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?s ?p ?o OPTIONAL {{ SERVICE <{url}/sparql> {{ ?s ?p ?x }} }} }}",
    "SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }} }}",
    "SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }} }} }}",
    "SELECT * WHERE {{ VALUES ?e {{ <{url}/sparql> }} SERVICE ?e {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ \\u0053ERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
    "ASK {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
    "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
    "DESCRIBE ?s WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
    "SELECT * FROM <{url}/x> WHERE {{ ?s ?p ?o }}",
    "SELECT * FROM NAMED <{url}/x> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
    "SELECT * FROM <http://example.org/graph> FROM <{url}/x> WHERE {{ ?s ?p ?o }}",
]


@pytest.mark.parametrize("template", REMOTE_QUERIES)
@pytest.mark.parametrize("how", ["get", "form", "direct"])
def test_queries_that_would_fetch_are_refused(store, untouched, template, how):
    api = make_client(store)
    query = template.format(url=untouched.url)
    if how == "get":
        response = api.get("/sparql", params={"query": query})
    elif how == "form":
        response = api.post("/sparql", data={"query": query})
    else:
        response = api.post("/sparql", content=query.encode(), headers={"Content-Type": QUERY})
    message = assert_clean_error(response, 400)
    assert "remote" in message or "SERVICE" in message or "syntax error" in message
    assert untouched.new_connections == 0


# Texts the policy's parser (rdflib) and the engine (Oxigraph) would read differently if the engine
# were given the text as sent: rdflib expands \u escapes everywhere, Oxigraph only inside strings, so
# \u0022 ends a string for one and not the other; rdflib's comments end at LF only, Oxigraph's at CR.
SMUGGLED = [  # (text, status): harmless as both now read it (200), or a SERVICE both now see (400)
    (
        r'SELECT * WHERE {{ FILTER(CONCAT("a\u0022, ")) SERVICE <{url}/sparql> {{ ?s ?p ?o }} FILTER(CONCAT(", \u0022")) }}',
        200,
    ),
    (
        r'SELECT * WHERE {{ FILTER(CONCAT("a\u00000022, ")) SERVICE <{url}/sparql> {{ ?s ?p ?o }} '
        r'FILTER(CONCAT(", \u00000022")) }}',
        200,
    ),
    ("SELECT * WHERE {{ # a comment\rSERVICE <{url}/sparql> {{ ?s ?p ?o }}\n}}", 400),
    ("SELECT * WHERE {{ # a comment\r\tservice silent <{url}/sparql> {{ ?s ?p ?o }}\n}}", 400),
]


@pytest.mark.parametrize(("template", "status"), SMUGGLED)
def test_a_service_hidden_from_the_policy_parser_never_reaches_the_engine(store, untouched, template, status):
    query = template.format(url=untouched.url)
    response = make_client(store).post("/sparql", content=query.encode(), headers={"Content-Type": QUERY})
    assert response.status_code == status, response.text[:300]
    assert untouched.new_connections == 0


def test_an_update_hidden_from_the_policy_parser_never_reaches_the_engine(store, untouched):
    update = f"INSERT DATA {{ <{EX}a> <{EX}b> 1 }} ; # note\rLOAD <{untouched.url}/x>\n"
    response = send_update(make_client(store, update_token=TOKEN), "direct", update, AUTH)
    assert "LOAD is disabled" in assert_clean_error(response, 400)
    assert untouched.new_connections == 0
    assert len(store.quads()) == 3


@pytest.mark.parametrize(
    ("literal", "value"),
    [
        (r'"\u00E9t\u00E9"', "été"),
        (r'"\U0001F600"', "😀"),
        ("'''two\rlines'''", "two\nlines"),
        ("'''two\r\nlines'''", "two\r\nlines"),
    ],
)
def test_escapes_keep_their_meaning_and_a_lone_cr_ends_a_line(store, literal, value):
    api = make_client(store, update_token=TOKEN)
    update = f"INSERT DATA {{ GRAPH <{EX}g> {{ <{EX}x> <{EX}y> {literal} }} }}"
    assert send_update(api, "direct", update, AUTH).status_code == 204
    assert [q.object.value for q in store.quads(EX + "g")] == [value]
    response = api.get("/sparql", params={"query": f"ASK {{ ?s ?p {literal} }}"})
    assert response.json()["boolean"] is True


@pytest.mark.parametrize("parameter", ["default-graph-uri", "named-graph-uri"])
def test_dataset_parameters_that_would_fetch_are_refused(store, untouched, parameter):
    response = make_client(store).get(
        "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }", parameter: untouched.url + "/x"}
    )
    assert "never fetches remote data" in assert_clean_error(response, 400)
    assert untouched.new_connections == 0


REMOTE_UPDATES = [
    "LOAD <{url}/x>",
    "load <{url}/x>",
    "LOAD SILENT <{url}/x> INTO GRAPH <http://example.org/loaded>",
    "INSERT DATA {{ <http://example.org/a> <http://example.org/b> 1 }} ; LOAD <{url}/x>",
    "INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
    "DELETE {{ ?s ?p ?o }} WHERE {{ SERVICE SILENT <{url}/sparql> {{ ?s ?p ?o }} }}",
]


@pytest.mark.parametrize("template", REMOTE_UPDATES)
@pytest.mark.parametrize("how", ["form", "direct"])
def test_updates_that_would_fetch_are_refused_even_with_the_token(store, untouched, template, how):
    before = store.quads()
    response = send_update(make_client(store, update_token=TOKEN), how, template.format(url=untouched.url), AUTH)
    message = assert_clean_error(response, 400)
    assert "LOAD is disabled" in message or "SERVICE is disabled" in message
    assert untouched.new_connections == 0
    assert store.quads() == before  # nothing of a refused request runs, not even its first operation


# --- the query time limit ------------------------------------------------------------------------


def child_processes() -> set[int]:
    """Processes (running or zombie) whose parent is this test process, from /proc."""
    me, found = os.getpid(), set()
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue  # it ended while we looked
        if int(stat.rsplit(")", 1)[1].split()[1]) == me:
            found.add(int(entry.name))
    return found


def cpu_seconds() -> float:
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


@pytest.mark.skipif(not ON_LINUX, reason="reads /proc")
@pytest.mark.parametrize("runaway", [CARTESIAN, SLOW_PARSE], ids=["evaluation", "parsing"])
def test_a_runaway_query_is_stopped_at_the_time_limit(big_store, runaway):
    api = make_client(big_store, query_timeout=1)
    children = child_processes()
    start = time.monotonic()
    response = api.post("/sparql", data={"query": runaway})
    elapsed = time.monotonic() - start
    message = assert_clean_error(response, 503)
    assert elapsed < 3
    assert "time limit" in message and "1 s" in message
    # The work really stopped: no process of ours is left, and no thread keeps a core busy.
    assert child_processes() - children == set()
    before = cpu_seconds()
    time.sleep(1)
    assert cpu_seconds() - before < 0.3  # a query still running in a thread of ours would add ~1 s


def test_a_browser_gets_the_time_limit_as_a_page(big_store):
    response = make_client(big_store, query_timeout=1).get(
        "/sparql", params={"query": CARTESIAN, "format": "json"}, headers={"Accept": "text/html"}
    )
    assert response.status_code == 503
    assert response.headers["content-type"].startswith("text/html")
    assert "time limit" in response.text


def test_queries_within_the_limit_are_answered(big_store):
    response = make_client(big_store, query_timeout=1).get(
        "/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}
    )
    assert response.json()["results"]["bindings"][0]["n"]["value"] == "3000"


@pytest.mark.parametrize("runaway", [CARTESIAN, SLOW_PARSE], ids=["evaluation", "parsing"])
def test_other_queries_are_answered_while_a_runaway_runs(big_store, runaway):
    with LiveServer(create_app(big_store, Settings(query_timeout=2))) as server:
        outcome: dict[str, httpx.Response] = {}
        slow = threading.Thread(
            target=lambda: outcome.setdefault(
                "runaway", httpx.post(server.url + "/sparql", data={"query": runaway}, timeout=30)
            )
        )
        slow.start()
        time.sleep(0.3)
        start = time.monotonic()
        quick = httpx.get(server.url + "/sparql", params={"query": f"ASK {{ <{EX}s7> ?p 7 }}"}, timeout=10)
        assert time.monotonic() - start < 1
        assert slow.is_alive()  # the runaway was still running when the quick query was answered
        assert quick.status_code == 200 and quick.json()["boolean"] is True
        slow.join(timeout=15)
        assert outcome["runaway"].status_code == 503


# --- request size --------------------------------------------------------------------------------


def padded(size: int) -> str:
    """A valid query of exactly size bytes (padded with a comment)."""
    query = "SELECT * WHERE { ?s ?p ?o } #"
    return query + "x" * (size - len(query))


@pytest.fixture
def limited(store):
    return make_client(store, max_request_bytes=1000)


def test_bodies_within_the_limit_are_read(limited):
    assert limited.post("/sparql", content=padded(900).encode(), headers={"Content-Type": QUERY}).status_code == 200
    assert limited.get("/sparql", params={"query": padded(800)}).status_code == 200


@pytest.mark.parametrize("content_type", [QUERY, UPDATE])
def test_a_body_over_the_limit_is_413(limited, store, content_type):
    before = store.quads()
    response = limited.post("/sparql", content=padded(2000).encode(), headers={"Content-Type": content_type, **AUTH})
    assert "1000 bytes" in assert_clean_error(response, 413)
    assert store.quads() == before


def test_a_form_over_the_limit_is_413(limited):
    assert_clean_error(limited.post("/sparql", data={"query": padded(2000)}), 413)


def test_a_query_string_over_the_limit_is_413(limited):
    assert_clean_error(limited.get("/sparql", params={"query": padded(2000)}), 413)


def twenty_megabytes():
    for _ in range(20):
        yield b"#" * 1_000_000


def test_twenty_megabytes_are_refused_by_the_default_limit(store):
    api = make_client(store)
    assert_clean_error(api.post("/sparql", content=b"#" * 20_000_000, headers={"Content-Type": QUERY}), 413)
    assert_clean_error(api.post("/sparql", content=twenty_megabytes(), headers={"Content-Type": QUERY}), 413)


def test_a_streamed_body_without_length_is_cut_by_a_real_server(store):
    with LiveServer(create_app(store, Settings())) as server:
        response = httpx.post(
            server.url + "/sparql", content=twenty_megabytes(), headers={"Content-Type": QUERY}, timeout=30
        )
        assert response.request.headers.get("transfer-encoding") == "chunked"
        assert "content-length" not in response.request.headers
        assert_clean_error(response, 413)
        declared = httpx.post(
            server.url + "/sparql", content=b"#" * 20_000_000, headers={"Content-Type": QUERY}, timeout=30
        )
        assert_clean_error(declared, 413)


# --- text: UTF-8, NUL, odd Unicode ---------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        b"SELECT * WHERE { ?s ?p \xff }",
        b'SELECT * WHERE { ?s ?p "\xed\xa0\x80" }',
        b'SELECT * WHERE { ?s ?p "\xc0\xaf" }',
    ],
)
def test_a_query_body_that_is_not_utf8_is_400(store, body):
    response = make_client(store).post("/sparql", content=body, headers={"Content-Type": QUERY})
    assert "UTF-8" in assert_clean_error(response, 400)


def test_an_update_body_that_is_not_utf8_is_400(store):
    response = make_client(store, update_token=TOKEN).post(
        "/sparql", content=b'INSERT DATA { <urn:a> <urn:b> "\xff" }', headers={"Content-Type": UPDATE, **AUTH}
    )
    assert "UTF-8" in assert_clean_error(response, 400)
    assert len(store.quads()) == 3


def test_percent_encoded_bytes_that_are_not_utf8_are_400(store):
    api = make_client(store)
    assert "UTF-8" in assert_clean_error(
        api.post(
            "/sparql", content=b"query=SELECT%20*%20WHERE%20{%20?s%20?p%20%FF%20}", headers={"Content-Type": FORM}
        ),
        400,
    )
    assert "UTF-8" in assert_clean_error(api.get("/sparql?query=%FF"), 400)
    assert "UTF-8" in assert_clean_error(api.get("/sparql?query=ASK%7B%7D&default-graph-uri=%C3%28"), 400)


def test_a_nul_character_is_400(store):
    api = make_client(store)
    assert "NUL" in assert_clean_error(api.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p '\x00' }"}), 400)
    assert "NUL" in assert_clean_error(api.post("/sparql", content=b"ASK {}\x00", headers={"Content-Type": QUERY}), 400)
    assert "NUL" in assert_clean_error(
        api.post("/sparql", content=b"query=ASK%7B%7D%00", headers={"Content-Type": FORM}), 400
    )


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ('SELECT * WHERE { ?s ?p "😀" }', 200),
        ('SELECT * WHERE { ?s ?p "עברית\u200f" }', 200),
        ('SELECT * WHERE { ?s ?p "e\u0301\u0301\u0301" }', 200),
        ('SELECT * WHERE { ?s ?p "\uffff\ufffe" }', 200),
        ('SELECT * WHERE { ?s ?p "\u202eevil" } # \u202e comment', 200),
        ('SELECT * WHERE { ?s ?p "\\U0001F600" }', 200),
        ('SELECT * WHERE { ?s ?p "\\uFFFF" }', 200),
        ("SELECT ?ñ WHERE { ?s <urn:x:none> ?ñ }", 200),
        ("PREFIX é: <http://example.org/é/> SELECT * WHERE { é:x ?p ?o }", 200),
        ('SELECT * WHERE { ?s ?p "\\uD800" }', 400),
        ('SELECT * WHERE { ?s ?p "\\uDC00\\uD800" }', 400),
        ('SELECT * WHERE { ?s ?p "\\U00110000" }', 400),
        ('SELECT * WHERE { ?s ?p "\\u12" }', 400),
    ],
)
def test_odd_unicode_in_queries_is_never_a_500(store, query, status):
    response = make_client(store).post("/sparql", content=query.encode(), headers={"Content-Type": QUERY})
    if status == 200:
        assert response.status_code == 200, response.text
        assert response.json()["results"]["bindings"] == []
    else:
        assert_clean_error(response, 400)


ODD_LITERALS = [
    "😀 grinning",
    "עברית \u200f right-to-left",
    "e\u0301 combining",
    "non-character \uffff and \ufffe",
    "control \u0001 and \u001f",
    "nul \u0000 inside",
    "tab\tnewline\ncarriage\r",
    'quote " comma , semicolon ;',
    "line separator \u2028",
    "override \u202e backwards",
    "plane sixteen \U0010fffd",
    "\U0001f469\u200d\U0001f52c zwj",
]


ECHAR = {'"': '\\"', "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}


def sparql_string(text: str) -> str:
    """A SPARQL string literal in printable ASCII: the string escapes where SPARQL has one, else \\U escapes.

    (A \\U escape is expanded before parsing, so it cannot write a quote, a backslash or a line end.)
    """
    out = [ECHAR.get(char) or (char if " " <= char <= "~" else f"\\U{ord(char):08X}") for char in text]
    return '"' + "".join(out) + '"'


def xml_safe(text: str) -> str:
    """What an XML 1.0 document can carry of text: characters outside XML's Char become U+FFFD."""
    return "".join(
        c if c in "\t\n\r" or " " <= c <= "\ud7ff" or "\ue000" <= c <= "\ufffd" or c >= "\U00010000" else "\ufffd"
        for c in text
    )


@pytest.fixture
def odd_api(store):
    api = make_client(store, update_token=TOKEN)
    objects = " , ".join(sparql_string(text) for text in ODD_LITERALS)
    update = f"INSERT DATA {{ GRAPH <{EX}odd> {{ <{EX}odd> <{EX}says> {objects} }} }}"
    assert api.post("/sparql", content=update.encode(), headers={"Content-Type": UPDATE, **AUTH}).status_code == 204
    assert sorted(q.object.value for q in store.quads(EX + "odd")) == sorted(ODD_LITERALS)
    return api


ODD_SELECT = f"SELECT ?o WHERE {{ <{EX}odd> <{EX}says> ?o }}"


def test_odd_literals_in_json_results(odd_api):
    response = odd_api.get("/sparql", params={"query": ODD_SELECT, "format": "json"})
    values = [row["o"]["value"] for row in json.loads(response.content.decode("utf-8"))["results"]["bindings"]]
    assert sorted(values) == sorted(ODD_LITERALS)


def test_odd_literals_in_xml_results(odd_api):
    response = odd_api.get("/sparql", params={"query": ODD_SELECT, "format": "xml"})
    root = ET.fromstring(response.content)
    values = [literal.text or "" for literal in root.iter("{http://www.w3.org/2005/sparql-results#}literal")]
    assert sorted(values) == sorted(xml_safe(text) for text in ODD_LITERALS)


def test_odd_literals_in_csv_results(odd_api):
    response = odd_api.get("/sparql", params={"query": ODD_SELECT, "format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8"), newline="")))
    assert rows[0] == ["o"]
    assert sorted(row[0] for row in rows[1:]) == sorted(ODD_LITERALS)


def test_odd_literals_in_tsv_results(odd_api):
    response = odd_api.get("/sparql", params={"query": ODD_SELECT, "format": "tsv"})
    lines = response.content.decode("utf-8").split("\n")
    assert lines[0] == "?o" and lines[-1] == "" and len(lines) == len(ODD_LITERALS) + 2  # tabs and newlines escaped
    # read in one expression: pyoxigraph's results may only be freed on the thread that made them, and this frame
    # can outlive the test in a reference cycle that the collector frees on a server thread
    values = sorted(s["o"].value for s in parse_query_results(response.content, QueryResultsFormat.TSV))
    assert values == sorted(ODD_LITERALS)


@pytest.mark.parametrize(
    ("accept", "rdflib_format"),
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
    ],
)
def test_odd_literals_in_graphs(odd_api, accept, rdflib_format):
    response = odd_api.get(
        "/sparql", params={"query": f"CONSTRUCT WHERE {{ <{EX}odd> <{EX}says> ?o }}"}, headers={"Accept": accept}
    )
    assert response.status_code == 200
    graph = rdflib.Graph().parse(data=response.content, format=rdflib_format)
    assert len(graph) == len(ODD_LITERALS)


# --- content types -------------------------------------------------------------------------------


@pytest.mark.parametrize("content_type", ["text/plain", "application/json", "multipart/form-data; boundary=x", None])
def test_an_unsupported_content_type_is_415(store, content_type):
    headers = {"Content-Type": content_type} if content_type else {}
    response = make_client(store).post("/sparql", content=b"ASK {}", headers=headers)
    assert "Content-Type" in assert_clean_error(response, 415)
