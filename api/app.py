"""The FastAPI application: one factory, shared state, limits and errors.

Routes live in their own modules (sparql.py, graph_store.py, json_api.py,
pages.py); this module wires them to one store and one settings object and
makes every error an answer a person can read: JSON for programs, HTML for
browsers, never a stack trace or a file path.
"""

from __future__ import annotations

import logging
import threading
from contextlib import asynccontextmanager
from importlib.metadata import version
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect
from starlette.types import ASGIApp, Receive, Scope, Send

from talkgraph.api import documents_api, graph_store, json_api, pages, sparql
from talkgraph.api.activity import TrackActivity
from talkgraph.api.limits import ParameterLimit
from talkgraph.api.local_server import LocalServer, announce, withdraw
from talkgraph.api.negotiation import wants_html
from talkgraph.api.settings import Settings
from talkgraph.api.state import AppState
from talkgraph.api.templating import templates
from talkgraph.graph.errors import TalkgraphError
from talkgraph.graph.rdf.isolation import QueryTimeout
from talkgraph.graph.rdf.store import GraphStore

log = logging.getLogger("talkgraph")
STATIC = Path(__file__).parent / "static"
# zlib's level for compressed answers (/sparql's, the JSON API's). At 10,000 talks Starlette's default, 9, took 1.4-11 ms
# on the example queries' answers over 100 kB and 38-58 ms on capped 10,000-row ones; level 1 takes 0.07-0.27 of that,
# for bodies 1.1-1.6x level 9's, 13-56x smaller than plain (benchmarks/gzip_levels.py). Pages.py packs graph pages once.
GZIP_LEVEL = 1


class BodyLimit:
    """413 for a body (by Content-Length, or as it streams in) larger than the configured limit."""

    def __init__(self, app: ASGIApp, limit: int, larger: dict[str, int] | None = None):
        self.app = app
        self.limit = limit
        self.larger = larger or {}  # path → its own limit (a notes file sent for ingest may be larger)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = self.larger.get(scope.get("path", ""), self.limit)
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length", b"0")
        too_big = not declared.isdigit() or int(declared) > limit or len(scope.get("query_string", b"")) > limit
        if too_big:
            return await _send_json(send, 413, f"request larger than the limit of {limit} bytes")
        received = 0

        async def limited_receive():
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > limit:
                raise _TooLarge()
            return message

        try:
            await self.app(scope, limited_receive, send)
        except _TooLarge:
            await _send_json(send, 413, f"request larger than the limit of {limit} bytes")


class _TooLarge(Exception):
    pass


async def _send_json(send: Send, status: int, message: str) -> None:
    response = JSONResponse({"error": message, "status": status}, status_code=status)
    await send({"type": "http.response.start", "status": status, "headers": response.raw_headers})
    await send({"type": "http.response.body", "body": response.body})


def error_response(
    request: Request, status: int, message: str, headers: dict | None = None, details: dict | None = None
):
    if wants_html(request.headers.get("accept")):
        return templates.TemplateResponse(
            request, "error.html", {"status": status, "message": message}, status_code=status, headers=headers
        )
    return JSONResponse({"error": message, "status": status, **(details or {})}, status_code=status, headers=headers)


@asynccontextmanager
async def _lifespan(app: FastAPI):
    """Start the query workers and lay out the overview graph in the background at start, so the first
    visitors do not wait for them (the store stops its workers when it closes; a store on disk lays the
    overview out in a process of its own, started once the workers run, so the first answers do not wait
    behind it either); announce the server in its data directory while it serves."""
    state: AppState = app.state.talkgraph

    def start() -> None:  # one after the other: the workers (the first SPARQL answer needs one), then the rest
        state.store.start_workers()
        state.start_background()
        pages.warm_overview(state)
        state.warm_every_node()  # for search, typeahead and listings, once the overview is served

    threading.Thread(target=start, daemon=True).start()
    if state.local and state.data_dir:  # here, not around uvicorn.run: uvicorn re-raises SIGTERM after shutdown
        announce(state.data_dir, state.local)
    yield
    state.stop_background()
    if state.local and state.data_dir:
        withdraw(state.data_dir, state.local)


def create_app(
    store: GraphStore, settings: Settings | None = None, data_dir: Path | None = None, local: LocalServer | None = None
) -> FastAPI:
    """The app over one store. With `local`, the server announces itself in `data_dir` while it serves, so
    `talkgraph ingest` beside it sends its notes here (see local_server.py); `data_dir` also holds the
    vocabulary overlays those ingests link with."""
    settings = settings or Settings()
    app = FastAPI(
        title="Talkgraph",
        description="A knowledge graph of conference talks, tools, topics, projects and companies: "
        "SPARQL 1.1 endpoint, JSON API and interactive graph pages.",
        version=version("talkgraph"),
        docs_url=None,  # FastAPI's own /docs loads Swagger UI from a CDN; ours serves the bundled copy
        redoc_url=None,
        lifespan=_lifespan,
    )
    app.state.talkgraph = AppState(store, settings, data_dir, local)
    app.add_middleware(sparql.QueryFastPath)  # innermost: under every limit, gzip and CORS
    app.add_middleware(TrackActivity, activity=app.state.talkgraph.activity)  # the start's node read waits for quiet
    app.add_middleware(GZipMiddleware, minimum_size=1000, compresslevel=GZIP_LEVEL)  # for clients that accept gzip
    app.add_middleware(
        BodyLimit, limit=settings.max_request_bytes, larger={"/api/documents": settings.max_document_bytes}
    )
    app.add_middleware(ParameterLimit, limit=settings.max_parameter_chars)
    if settings.cors:  # reads only: no credentials, no Authorization header, no PUT/DELETE, so no cross-origin write
        app.add_middleware(
            CORSMiddleware,
            allow_origins=["*"],
            allow_methods=["GET", "HEAD", "POST"],
            allow_headers=["Accept", "Content-Type"],
            allow_credentials=False,
            expose_headers=["Talkgraph-Results-Truncated"],
            max_age=600,
        )
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        """The OpenAPI documentation with the bundled Swagger UI: no CDN, no online validator."""
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title="Talkgraph API",
            swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/vendor/swagger-ui/favicon-32x32.png",
            swagger_ui_parameters={"validatorUrl": None},
        )

    @app.exception_handler(TalkgraphError)
    async def _refused(request: Request, exc: TalkgraphError):
        message = str(exc)
        if isinstance(exc, QueryTimeout):
            message += f" (limit {settings.query_timeout:g} s)"
        return error_response(request, exc.status, message, exc.headers, exc.details)

    @app.exception_handler(StarletteHTTPException)  # FastAPI's HTTPException, and the router's own 404 and 405
    async def _http(request: Request, exc: StarletteHTTPException):
        message = str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":  # the router's words: say which page
            message = f"no such page: {request.url.path}"
        elif exc.status_code == 405 and message == "Method Not Allowed":
            message = f"{request.method} is not allowed on {request.url.path}"
        return error_response(request, exc.status_code, message, getattr(exc, "headers", None))

    @app.exception_handler(ClientDisconnect)
    async def _gone(request: Request, exc: ClientDisconnect):
        log.warning("client disconnected during %s %s: request dropped", request.method, request.url.path)
        return Response(status_code=499)  # nobody reads it: the connection is closed

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
        return error_response(request, 422, f"invalid request: {problems}")

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        log.exception("unexpected error on %s", request.url.path)
        return error_response(request, 500, "internal error: the server log has the details")

    app.include_router(sparql.router)
    app.include_router(graph_store.router)
    app.include_router(json_api.router)
    app.include_router(documents_api.router)
    app.include_router(pages.router)
    return app
