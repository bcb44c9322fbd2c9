"""The FastAPI application: one factory, shared state, limits and errors.

Routes live in their own modules (sparql.py, graph_store.py, json_api.py,
pages.py); this module wires them to one store and one settings object and
makes every error an answer a person can read: JSON for programs, HTML for
browsers, never a stack trace or a file path.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.types import ASGIApp, Receive, Scope, Send

from talkgraph.api.negotiation import wants_html
from talkgraph.api.settings import Settings
from talkgraph.graph.analytics.view import TalkGraph
from talkgraph.graph.analytics.viz import GraphPage
from talkgraph.graph.rdf.isolation import QueryMemoryExceeded, QueryOverloaded, QueryTimeout
from talkgraph.graph.rdf.policy import SparqlRequestError
from talkgraph.graph.rdf.store import GraphStore, QueryLimits, StoreError

log = logging.getLogger("talkgraph")
STATIC = Path(__file__).parent / "static"


class AppState:
    """The store, the settings, the analytics view and the graph pages built from it;
    the view and the pages are rebuilt after every write."""

    PAGE_CACHE = 256  # graph pages kept (their layout is the costly part)

    def __init__(self, store: GraphStore, settings: Settings):
        self.store = store
        self.settings = settings
        limits = query_limits(settings)
        if store.limits != limits:
            store.limit_queries(limits)
        self._view: TalkGraph | None = None
        self._pages: OrderedDict[tuple, GraphPage] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def view(self) -> TalkGraph:
        with self._lock:
            if self._view is None:
                self._view = TalkGraph.from_store(self.store)
            return self._view

    def invalidate(self) -> None:
        with self._lock:
            self._view = None
            self._pages.clear()

    def graph_page(self, key: tuple, build: Callable[[TalkGraph], GraphPage]) -> GraphPage:
        """A graph page with its positions computed once per view, not once per request."""
        view = self.view
        with self._lock:
            if key in self._pages:
                self._pages.move_to_end(key)
                return self._pages[key]
        page = build(view)
        with self._lock:
            if self._view is view:
                self._pages[key] = page
                while len(self._pages) > self.PAGE_CACHE:
                    self._pages.popitem(last=False)
        return page


def query_limits(settings: Settings) -> QueryLimits:
    return QueryLimits(
        workers=settings.max_concurrent_queries,
        queue=settings.query_queue,
        queue_wait=2 * settings.query_timeout,  # a queued query waits for a runaway ahead to be stopped
        memory_mb=settings.query_memory or None,
    )


templates = Environment(loader=PackageLoader("talkgraph.api", "templates"), autoescape=select_autoescape(["html"]))


class BodyLimit:
    """413 for a body (by Content-Length, or as it streams in) larger than the configured limit."""

    def __init__(self, app: ASGIApp, limit: int):
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length", b"0")
        too_big = (
            not declared.isdigit() or int(declared) > self.limit or len(scope.get("query_string", b"")) > self.limit
        )
        if too_big:
            return await _send_json(send, 413, f"request larger than the limit of {self.limit} bytes")
        received = 0

        async def limited_receive():
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.limit:
                raise _TooLarge()
            return message

        try:
            await self.app(scope, limited_receive, send)
        except _TooLarge:
            await _send_json(send, 413, f"request larger than the limit of {self.limit} bytes")


class _TooLarge(Exception):
    pass


async def _send_json(send: Send, status: int, message: str) -> None:
    response = JSONResponse({"error": message, "status": status}, status_code=status)
    await send({"type": "http.response.start", "status": status, "headers": response.raw_headers})
    await send({"type": "http.response.body", "body": response.body})


def error_response(request: Request, status: int, message: str, headers: dict | None = None):
    if wants_html(request.headers.get("accept")):
        page = templates.get_template("error.html").render(status=status, message=message)
        return HTMLResponse(page, status_code=status, headers=headers)
    return JSONResponse({"error": message, "status": status}, status_code=status, headers=headers)


@asynccontextmanager
async def _lifespan(app: FastAPI):
    """Start the query workers and lay out the overview graph in the background at start, so the first
    visitors do not wait for them (the store stops its workers when it closes)."""
    from talkgraph.api.pages import warm_overview  # noqa: PLC0415 - pages imports this module

    state: AppState = app.state.talkgraph
    threading.Thread(target=state.store.start_workers, daemon=True).start()
    threading.Thread(target=warm_overview, args=(state,), daemon=True).start()
    yield


def create_app(store: GraphStore, settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    app = FastAPI(
        title="Talkgraph",
        description="A knowledge graph of conference talks, tools, topics, projects and companies: "
        "SPARQL 1.1 endpoint, JSON API and interactive graph pages.",
        version="0.1.0",
        docs_url=None,  # FastAPI's own /docs loads Swagger UI from a CDN; ours serves the bundled copy
        redoc_url=None,
        lifespan=_lifespan,
    )
    app.state.talkgraph = AppState(store, settings)
    app.add_middleware(BodyLimit, limit=settings.max_request_bytes)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        """The OpenAPI documentation with the bundled Swagger UI: no CDN, no online validator."""
        return get_swagger_ui_html(
            openapi_url=app.openapi_url,
            title="Talkgraph API",
            swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/vendor/swagger-ui/favicon-32x32.png",
            swagger_ui_parameters={"validatorUrl": None},
        )

    @app.exception_handler(SparqlRequestError)
    async def _refused(request: Request, exc: SparqlRequestError):
        return error_response(request, exc.status, str(exc))

    @app.exception_handler(QueryTimeout)
    async def _timeout(request: Request, exc: QueryTimeout):
        return error_response(request, 503, f"{exc} (limit {settings.query_timeout:g} s)")

    @app.exception_handler(QueryOverloaded)
    async def _overloaded(request: Request, exc: QueryOverloaded):
        return error_response(request, 503, f"{exc}: try again shortly", {"Retry-After": str(exc.retry_after)})

    @app.exception_handler(QueryMemoryExceeded)
    async def _memory(request: Request, exc: QueryMemoryExceeded):
        return error_response(request, 503, str(exc))

    @app.exception_handler(StoreError)
    async def _store(request: Request, exc: StoreError):
        return error_response(request, 502, str(exc))

    @app.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException):
        return error_response(request, exc.status_code, str(exc.detail), getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
        return error_response(request, 422, f"invalid request: {problems}")

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        log.exception("unexpected error on %s", request.url.path)
        return error_response(request, 500, "internal error: the server log has the details")

    from talkgraph.api import graph_store, json_api, pages, sparql  # noqa: PLC0415 - routers need `templates` above

    app.include_router(sparql.router)
    app.include_router(graph_store.router)
    app.include_router(json_api.router)
    app.include_router(pages.router)
    return app
