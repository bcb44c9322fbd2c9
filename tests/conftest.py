"""Shared fixtures: vocabularies, stores with the bundled notes, the app, a live server."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient

from talkgraph.api.app import create_app
from talkgraph.api.settings import Settings
from talkgraph.graph.ingest import ingest
from talkgraph.graph.linking.linker import Linker
from talkgraph.graph.linking.vocabulary import Vocabulary, load_vocabulary
from talkgraph.graph.rdf.store import EmbeddedStore

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
BUNDLED_NOTES = ROOT / "data" / "notes" / "kubecon-na-2020.txt"


@pytest.fixture(scope="session")
def small_vocabulary() -> Vocabulary:
    """The tests' own small vocabulary (tests/fixtures/vocabulary.ttl), without the bundled one."""
    return load_vocabulary([FIXTURES / "vocabulary.ttl"], bundled=False)


@pytest.fixture(scope="session")
def vocabulary() -> Vocabulary:
    """The bundled, curated vocabulary."""
    return load_vocabulary()


@pytest.fixture(scope="session")
def linker(vocabulary) -> Linker:
    """A linker over the bundled vocabulary (modules that test their own vocabulary define their own `linker`)."""
    return Linker(vocabulary)


@pytest.fixture(scope="session")
def kubecon_store(vocabulary) -> EmbeddedStore:
    """An in-memory store holding the bundled notes; shared, so tests must not write to it."""
    store = EmbeddedStore()
    ingest(store, [BUNDLED_NOTES], vocabulary)
    return store


@pytest.fixture(scope="session")
def bundled_store_files(tmp_path_factory, vocabulary) -> Path:
    """A folder holding `store`, an on-disk store of the bundled notes, closed (its version file beside it)."""
    folder = tmp_path_factory.mktemp("bundled-store")
    store = EmbeddedStore(folder / "store")
    ingest(store, [BUNDLED_NOTES], vocabulary)
    store.close()
    return folder


@pytest.fixture
def bundled_store_copy(bundled_store_files, tmp_path) -> Path:
    """A copy of the bundled-notes store as tmp_path/store, as the last process to close it left it (file times
    kept, so its version holds): a test that writes to a store on disk starts here instead of ingesting again."""
    for entry in bundled_store_files.iterdir():
        if entry.is_dir():
            shutil.copytree(entry, tmp_path / entry.name)
        else:
            shutil.copy2(entry, tmp_path / entry.name)
    return tmp_path / "store"


def make_client(store, **settings) -> TestClient:
    return TestClient(create_app(store, Settings(**settings)), raise_server_exceptions=False)


COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def count(api: TestClient) -> int:
    """The triples the app's /sparql counts in its store."""
    response = api.get("/sparql", params={"query": COUNT})
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


@pytest.fixture(scope="session")
def client(kubecon_store) -> TestClient:
    """The app over the shared bundled-notes store, with default settings."""
    return make_client(kubecon_store)


def assert_clean_error(response, status: int) -> str:
    """A JSON error with the status, a message, and nothing of the server's insides."""
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert body["status"] == status
    for leak in ("Traceback", "/work/", ".py", "site-packages"):
        assert leak not in response.text
    return body["error"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveServer:
    """uvicorn in a background thread, for clients that need a real HTTP server."""

    def __init__(self, app, **config):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", **config)
        )
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                httpx.get(self.url + "/api/stats", timeout=1)
                return self
            except httpx.HTTPError:
                time.sleep(0.05)
        raise RuntimeError("the test server did not start")

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server(kubecon_store):
    """A real HTTP server over the bundled-notes store (read-only, default settings)."""
    with LiveServer(create_app(kubecon_store, Settings())) as server:
        yield server


def _oxigraph_binary() -> str | None:
    beside = Path(sys.executable).with_name("oxigraph")
    return str(beside) if beside.exists() else shutil.which("oxigraph")


def worker_server(variable: str) -> str | None:
    """This test process's server among the ones an environment variable lists (space-separated, one per pytest-xdist
    worker: tests empty the server they use, so two workers never share one); None when the variable is unset."""
    given = os.environ.get(variable, "").split()
    if not given:
        return None
    worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw"))
    if worker >= len(given):
        pytest.fail(f"{variable} lists {len(given)} servers for pytest worker {worker}: give one per worker")
    return given[worker].rstrip("/")


@pytest.fixture(scope="session")
def oxigraph_server():
    """Base URL of a real Oxigraph server: this worker's of TALKGRAPH_TEST_STORE (CI starts them), or one
    started here."""
    given = worker_server("TALKGRAPH_TEST_STORE")
    if given:
        yield given
        return
    binary = _oxigraph_binary()
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("no Oxigraph server: set TALKGRAPH_TEST_STORE or install the oxigraph package")
        pytest.skip("the oxigraph server is not installed (pip install oxigraph)")
    port = free_port()
    process = subprocess.Popen(
        [binary, "serve", "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if process.poll() is not None:  # it could not bind the port: never ask a server that is not ours
                pytest.fail(f"the Oxigraph server on port {port} exited with {process.returncode}")
            try:
                httpx.get(url + "/query", params={"query": "ASK {}"}, timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def remote_store(base_url: str):
    """A RemoteStore on the Oxigraph server, emptied first (the tests of one worker run one at a time)."""
    from talkgraph.graph.rdf.store import RemoteStore

    store = RemoteStore(base_url + "/query", update_url=base_url + "/update", store_url=base_url + "/store")
    store.update("DROP ALL")
    return store


VIRTUOSO_MAX_UPDATE_BYTES = 100_000  # Virtuoso's SPARQL compiler runs out of memory on an update of a few MB


def virtuoso_store():
    """A RemoteStore on this worker's Virtuoso server of TALKGRAPH_TEST_VIRTUOSO (CI starts them with
    scripts/virtuoso.sh), emptied of every graph but Virtuoso's own; skipped where none is given."""
    import httpx

    from talkgraph.graph.rdf.store import RemoteStore

    base = worker_server("TALKGRAPH_TEST_VIRTUOSO")
    if not base:
        if os.environ.get("TALKGRAPH_REQUIRE_VIRTUOSO"):
            pytest.fail("TALKGRAPH_REQUIRE_VIRTUOSO is set but TALKGRAPH_TEST_VIRTUOSO names no server")
        pytest.skip("no Virtuoso server: set TALKGRAPH_TEST_VIRTUOSO (scripts/virtuoso.sh starts one)")
    password = os.environ.get("TALKGRAPH_VIRTUOSO_PASSWORD", "dba")
    store = RemoteStore(
        base + "/sparql",
        update_url=base + "/sparql-auth",
        store_url=base + "/sparql-graph-crud-auth",
        auth=httpx.DigestAuth("dba", password),
        max_update_bytes=VIRTUOSO_MAX_UPDATE_BYTES,
    )
    for graph in store.graphs():
        store.drop_graph(graph)
    return store


@pytest.fixture(params=["embedded", "oxigraph-server", "virtuoso"])
def any_store(request):
    """An empty store of each backend: the embedded one, and two real SPARQL servers."""
    if request.param == "embedded":
        store = EmbeddedStore()
    elif request.param == "virtuoso":
        store = virtuoso_store()
    else:
        store = remote_store(request.getfixturevalue("oxigraph_server"))
    yield store
    store.close()
