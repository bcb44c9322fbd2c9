"""Server settings, declared once: name, default, help.

The same table feeds the CLI's options (`talkgraph serve --help`), the
README's settings section (a test checks they agree) and the app.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path

import platformdirs


def default_data_dir() -> Path:
    return Path(os.environ.get("TALKGRAPH_DATA_DIR") or platformdirs.user_data_dir("talkgraph"))


@dataclass
class Settings:
    query_timeout: float = field(default=10.0, metadata={"help": "Time limit for one SPARQL query, in seconds."})
    max_request_bytes: int = field(
        default=1_000_000,
        metadata={"help": "Largest request body (and query string) accepted, in bytes; larger ones get 413."},
    )
    max_rows: int = field(
        default=10_000,
        metadata={"help": "Most result rows (or triples) one query returns; the response says when it cut."},
    )
    update_token: str | None = field(
        default=None,
        metadata={
            "help": "Bearer token that allows SPARQL Update and Graph Store writes; without one the server is read-only."
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
            "query editor and the service description; never taken from a request's Host header."
        },
    )
    cors: bool = field(
        default=False,
        metadata={
            "help": "Let pages from other origins read (GET, HEAD, POST queries without credentials); writes stay "
            "same-origin."
        },
    )

    @classmethod
    def documented(cls) -> list[tuple[str, object, str]]:
        return [(f.name, f.default, f.metadata["help"]) for f in fields(cls)]

    @classmethod
    def help(cls, name: str) -> str:
        return next(text for setting, _, text in cls.documented() if setting == name)
