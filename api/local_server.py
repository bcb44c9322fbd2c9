"""The server that holds a data directory, found from the CLI, so writes beside it go through it.

RocksDB lets one process write a directory. While `talkgraph serve` holds one, `talkgraph ingest` and
`talkgraph remove` with the same --data-dir send their work to that server (POST and DELETE
/api/documents), which writes it with its analytics and shows it at once, without a restart.

The server leaves a record in the directory (`server.json`, readable by its owner only) with its
loopback URL and a token made for this run. Whoever can read the record can write the directory's
files anyway, so the token grants nothing more than that; it is accepted by /api/documents only.
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import httpx

from talkgraph.graph.errors import TalkgraphError

if TYPE_CHECKING:  # the server imports this module; ingest (the linker, wordfreq) only when notes are sent
    from talkgraph.graph.ingest import IngestReport, NotesSource

RECORD = "server.json"
SEND_TIMEOUT = 600.0  # seconds for one document's ingest by the server (a large file takes minutes)


class ServerWriteError(TalkgraphError):
    """The server holding the data directory refused or failed a write sent to it."""


@dataclass(frozen=True)
class LocalServer:
    url: str
    token: str
    pid: int

    @classmethod
    def serving(cls, host: str, port: int) -> LocalServer:
        """This process, serving on host:port, reached over loopback, with a fresh token."""
        loopback = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}.get(host, host)
        address = f"[{loopback}]" if ":" in loopback else loopback
        return cls(f"http://{address}:{port}", secrets.token_urlsafe(32), os.getpid())


def announce(data_dir: Path, server: LocalServer) -> None:
    """Write the server's record into the data directory (replacing a stale one), readable by its owner only."""
    record = data_dir / RECORD
    temporary = record.with_suffix(".tmp")
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump(asdict(server), out)
    temporary.replace(record)


def withdraw(data_dir: Path, server: LocalServer) -> None:
    """Remove the record if it is still this server's."""
    if running_server(data_dir, check_alive=False) == server:
        (data_dir / RECORD).unlink(missing_ok=True)


def running_server(data_dir: Path, check_alive: bool = True) -> LocalServer | None:
    """The server that announced itself in this directory, if its process still runs."""
    try:
        server = LocalServer(**json.loads((data_dir / RECORD).read_text("utf-8")))
    except (OSError, ValueError, TypeError):
        return None
    if check_alive:
        try:
            os.kill(server.pid, 0)
        except ProcessLookupError:
            return None  # a server killed without cleaning up
        except PermissionError:
            pass  # alive, another user's
    return server


def send_notes(server: LocalServer, source: NotesSource, notes: bytes, name: str | None, replace: bool) -> IngestReport:
    """One notes file, read here, ingested by the server; its report, as a local ingest gives it."""
    from talkgraph.graph.ingest import IngestReport  # noqa: PLC0415

    params: dict[str, str] = {"path": source.given, "source_id": source.source_id, "replace": str(replace).lower()}
    if name is not None:
        params["name"] = name
    answer = _call(server, "POST", "/api/documents", params=params, content=notes)
    return IngestReport(**answer)


def remove_via(server: LocalServer, key: str) -> None:
    _call(server, "DELETE", f"/api/documents/{key}")


def _call(server: LocalServer, method: str, path: str, **request) -> dict:
    try:
        response = httpx.request(
            method,
            server.url + path,
            headers={"Authorization": f"Bearer {server.token}"},
            timeout=SEND_TIMEOUT,
            **request,
        )
    except httpx.HTTPError as exc:
        raise ServerWriteError(
            f"the store is held by the server at {server.url}, which did not answer ({exc}); stop it or retry"
        ) from None
    body = response.json() if response.headers.get("content-type", "").startswith("application/json") else {}
    if response.status_code != 200:
        message = body.get("error") or response.text[:200]
        raise ServerWriteError(f"the server at {server.url} refused: {message}", status=response.status_code)
    return body
