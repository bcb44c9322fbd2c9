"""Connections that never finish their request head are answered 408 and closed (api/connections.py)."""

from __future__ import annotations

import socket
import time

import pytest

from talkgraph.api.app import create_app
from talkgraph.api.connections import deadline_protocol
from talkgraph.api.settings import Settings
from tests.conftest import LiveServer

HEAD_SECONDS = 1


@pytest.fixture(scope="module")
def server(kubecon_store):
    app = create_app(kubecon_store, Settings())
    with LiveServer(app, http=deadline_protocol(HEAD_SECONDS), timeout_keep_alive=30) as live:
        yield live


def connect(server) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", server.port))
    sock.settimeout(10 * HEAD_SECONDS)  # far past the deadline: without it the server would keep us waiting
    return sock


def read_until_closed(sock: socket.socket) -> bytes:
    received = b""
    while chunk := sock.recv(65536):
        received += chunk
    return received


def read_response(sock: socket.socket) -> bytes:
    received = b""
    while b"\r\n\r\n" not in received:
        received += sock.recv(65536)
    head, _, body = received.partition(b"\r\n\r\n")
    length = int(next(line for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:")).split()[1])
    while len(body) < length:
        body += sock.recv(65536)
    return head


def test_a_connection_that_never_sends_is_answered_408_and_closed(server):
    with connect(server) as sock:
        started = time.monotonic()
        answer = read_until_closed(sock)
        waited = time.monotonic() - started
    assert answer.startswith(b"HTTP/1.1 408 Request Timeout\r\n")
    assert answer.endswith(b"\r\n\r\nThe request's head did not arrive in time.\n")
    assert HEAD_SECONDS * 0.9 <= waited < HEAD_SECONDS * 5


def test_headers_trickled_past_the_deadline_are_cut_off(server):
    with connect(server) as sock:
        sock.sendall(b"GET /api/stats HTTP/1.1\r\nHost: talkgraph\r\n")
        for _ in range(3):  # a header now and then, never the blank line that ends the head
            time.sleep(HEAD_SECONDS / 2)
            try:
                sock.sendall(b"X-Slow: 1\r\n")
            except OSError:  # already closed by the server
                break
        answer = read_until_closed(sock)
    assert answer.startswith(b"HTTP/1.1 408 ")


def test_a_kept_alive_connection_gets_the_deadline_again_for_its_next_request(server):
    with connect(server) as sock:
        sock.sendall(b"GET /api/stats HTTP/1.1\r\nHost: talkgraph\r\n\r\n")
        assert read_response(sock).startswith(b"HTTP/1.1 200 OK\r\n")
        time.sleep(HEAD_SECONDS * 1.5)  # idle between requests: keep-alive's business (30 s here), not the head's
        sock.sendall(b"GET /api/stats HTTP/1.1\r\nHost: talkgraph\r\n\r\n")
        assert read_response(sock).startswith(b"HTTP/1.1 200 OK\r\n")
        sock.sendall(b"GET /api/stats HTTP/1.1\r\n")  # the third request's head never ends
        answer = read_until_closed(sock)
    assert answer.startswith(b"HTTP/1.1 408 ")


def test_serve_runs_uvicorn_with_the_head_deadline_and_the_connection_settings(tmp_path, monkeypatch):
    import uvicorn
    from typer.testing import CliRunner
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    from talkgraph.api.cli import app

    given = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: given.update(options))
    result = CliRunner().invoke(
        app,
        [
            "serve",
            "--data-dir",
            str(tmp_path),
            "--timeout-request-head",
            "7",
            "--timeout-keep-alive",
            "3",
            "--limit-concurrency",
            "50",
        ],
    )
    assert result.exit_code == 0, result.output
    assert issubclass(given["http"], HttpToolsProtocol)
    assert given["http"].head_seconds == 7
    assert (given["timeout_keep_alive"], given["limit_concurrency"]) == (3, 50)
