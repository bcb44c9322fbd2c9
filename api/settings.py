"""Server settings, declared once: name, default, help (and an environment variable where one fits).

The same table makes the CLI's options (`api/options.py` adds one per field to
`talkgraph serve`), the README's settings section (a test checks they agree)
and the app's behaviour.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path

import platformdirs

from talkgraph.graph.notes.files import DEFAULT_MAX_BYTES
from talkgraph.graph.rdf.store import QueryLimits


def default_data_dir() -> Path:
    return Path(os.environ.get("TALKGRAPH_DATA_DIR") or platformdirs.user_data_dir("talkgraph"))


@dataclass
class Settings:
    query_timeout: float = field(default=10.0, metadata={"help": "Time limit for one SPARQL query, in seconds."})
    max_request_bytes: int = field(
        default=1_000_000,
        metadata={"help": "Largest request body (and query string) accepted, in bytes; larger ones get 413."},
    )
    max_document_bytes: int = field(
        default=DEFAULT_MAX_BYTES,
        metadata={
            "help": "Largest notes file /api/documents ingests (what `talkgraph ingest` sends to the server that "
            "holds its data directory), in bytes; larger ones get 413.",
            "env": "TALKGRAPH_MAX_DOCUMENT_BYTES",
        },
    )
    max_rows: int = field(
        default=10_000,
        metadata={"help": "Most result rows (or triples) one query returns; the response says when it cut."},
    )
    update_token: str | None = field(
        default=None,
        metadata={
            "help": "Bearer token that allows SPARQL Update and Graph Store writes; without one the server is read-only.",
            "env": "TALKGRAPH_UPDATE_TOKEN",
        },
    )
    allow_remote: bool = field(
        default=False,
        metadata={
            "help": "Allow SERVICE, LOAD and FROM of graphs outside the store (off: Talkgraph never fetches remote data)."
        },
    )
    max_parameter_chars: int = field(
        default=2_000,
        metadata={
            "help": "Longest URL path or query parameter (names, IRIs, searches; not SPARQL text) accepted; "
            "longer ones get 414."
        },
    )
    base_url: str | None = field(
        default=None,
        metadata={
            "help": "The server's public URL (e.g. https://talks.example.org), used for the endpoint address in the "
            "query editor and the service description; never taken from a request's Host header.",
            "env": "TALKGRAPH_BASE_URL",
        },
    )
    cors: bool = field(
        default=False,
        metadata={
            "help": "Let pages from other origins read (GET, HEAD, POST queries without credentials); writes stay "
            "same-origin."
        },
    )
    max_concurrent_queries: int = field(
        default=4,
        metadata={"help": "SPARQL queries that run at once, each in a long-lived worker process (the pool's size)."},
    )
    query_queue: int = field(
        default=16,
        metadata={
            "help": "Queries that may wait for a free worker (waiting does not count against the time limit, and "
            "lasts at most twice the time limit); more are answered 503 with Retry-After."
        },
    )
    query_memory: int = field(
        default=500,
        metadata={
            "help": "Memory one query may use, in MB (its worker's growth); a query that needs more is stopped and "
            "answered 503. 0: no cap."
        },
    )
    timeout_keep_alive: int = field(
        default=5, metadata={"help": "Seconds an idle keep-alive connection is kept open (uvicorn)."}
    )
    timeout_request_head: int = field(
        default=10,
        metadata={
            "help": "Seconds a client has to send each request's line and headers, from connecting or from its "
            "first byte; then 408 and the connection is closed (uvicorn has no such limit of its own)."
        },
    )
    limit_concurrency: int = field(
        default=200,
        metadata={"help": "Most connections and requests handled at once; beyond it uvicorn answers 503 (uvicorn)."},
    )
    access_log: bool = field(
        default=False,
        metadata={
            "help": "Log a line per request (uvicorn's access log); off by default, as it costs about a fifth of "
            "the server's CPU for a small SPARQL query."
        },
    )

    @classmethod
    def documented(cls) -> list[tuple[str, object, str]]:
        return [(f.name, f.default, f.metadata["help"]) for f in fields(cls)]

    @classmethod
    def help(cls, name: str) -> str:
        return next(text for setting, _, text in cls.documented() if setting == name)


def query_limits(settings: Settings) -> QueryLimits:
    """How the store's query workers run under these settings (here, not in api/state.py: `serve` starts the
    workers before it imports the app)."""
    return QueryLimits(
        workers=settings.max_concurrent_queries,
        queue=settings.query_queue,
        queue_wait=2 * settings.query_timeout,  # a queued query waits for a runaway ahead to be stopped
        memory_mb=settings.query_memory or None,
    )
