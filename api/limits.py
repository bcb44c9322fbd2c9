"""Bounds on what one URL may ask: a long path or parameter is refused before any route works on it.

A name lookup costs time in proportion to the name's length times the graph's size, so a 100 KB
`ref` would keep a worker busy for seconds; no real name, IRI or search is longer than a couple of
thousand characters. A SPARQL query or update is exempt: it may be long, and the request body
limit (BodyLimit) and the query time limit bound it instead.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, unquote

from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

LONG_PARAMETERS = {"query", "update"}  # SPARQL text: bounded by the body limit and the query time limit


class ParameterLimit:
    """414 (in the app's error format) for a URL path or a query parameter longer than the limit."""

    def __init__(self, app: ASGIApp, limit: int):
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            problem = self.problem(scope)
            if problem is not None:
                from talkgraph.api.app import error_response  # noqa: PLC0415 - app imports this module

                response = error_response(Request(scope), 414, problem)
                return await response(scope, receive, send)
        return await self.app(scope, receive, send)

    def problem(self, scope: Scope) -> str | None:
        path = unquote(scope.get("path", ""))
        if len(path) > self.limit:
            return f"the URL path is {len(path):,} characters long; the limit is {self.limit:,}"
        query = scope.get("query_string", b"").decode("latin-1")
        for name, value in parse_qsl(query, keep_blank_values=True):
            if name not in LONG_PARAMETERS and len(value) > self.limit:
                return f"the parameter {name[:40]!r} is {len(value):,} characters long; the limit is {self.limit:,}"
        return None
