"""Shared fixtures: vocabularies, stores with the bundled notes, the app, a live server."""
from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from graph.ingest import ingest
from graph.store import EmbeddedStore
from graph.vocabulary import Vocabulary, load_vocabulary

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
def kubecon_store(vocabulary) -> EmbeddedStore:
    """An in-memory store holding the bundled notes; shared, so tests must not write to it."""
    store = EmbeddedStore()
    ingest(store, [BUNDLED_NOTES], vocabulary)
    return store


def make_client(store, **settings) -> TestClient:
    return TestClient(create_app(store, Settings(**settings)), raise_server_exceptions=False)


@pytest.fixture(scope="session")
def client(kubecon_store) -> TestClient:
    """The app over the shared bundled-notes store, with default settings."""
    return make_client(kubecon_store)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveServer:
    """uvicorn in a background thread, for clients that need a real HTTP server."""

    def __init__(self, app):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> "LiveServer":
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
