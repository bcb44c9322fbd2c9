"""The SPARQL 1.1 Protocol endpoint at /sparql.

Query via GET, POST form or POST application/sparql-query; update via POST
form or application/sparql-update, only with the configured token. Every query
is checked by graph/rdf/policy.py and run in a query worker (graph/rdf/isolation.py),
in one round trip, with the server's time limit and row cap. A browser asking for /sparql gets the query
editor; a client asking for RDF gets the service description.

Queries, the endpoint's hot path, are answered by QueryFastPath, an ASGI layer under the app's own
middleware (body and parameter limits, gzip, CORS) that skips FastAPI's routing; everything else goes on
to the routes below.
"""

from __future__ import annotations

import hmac
import inspect
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from urllib.parse import parse_qsl

from fastapi import APIRouter, FastAPI, Request, Response
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from talkgraph.api.description import service_description
from talkgraph.api.examples import EXAMPLE_QUERIES
from talkgraph.api.negotiation import (
    GRAPH_MEDIA,
    RESULT_MEDIA,
    choose,
    choose_for_form,
    format_from_parameter,
    media_type,
    wants_html,
)
from talkgraph.api.schema import ontology_schema
from talkgraph.api.state import AppState
from talkgraph.api.templating import templates
from talkgraph.api.urls import OWN_IRIS, editor_url, public_url
from talkgraph.graph.rdf.formats import BY_KEY
from talkgraph.graph.rdf.policy import SparqlRequestError
from talkgraph.graph.rdf.queries import QueryRequest, check_update_job
from talkgraph.ontology import ID, PREFIXES

router = APIRouter(tags=["SPARQL"])

FORM = "application/x-www-form-urlencoded"


@dataclass
class ProtocolRequest:
    query: str | None = None
    update: str | None = None
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)
    format: str | None = None


def _decode(raw: bytes, what: str) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SparqlRequestError(f"{what} is not valid UTF-8 (byte {exc.start})") from None
    return text


def _params(raw: bytes, what: str) -> list[tuple[str, str]]:
    try:
        return parse_qsl(_decode(raw, what), keep_blank_values=True, errors="strict")
    except UnicodeDecodeError:
        raise SparqlRequestError(f"{what} holds percent-encoded bytes that are not valid UTF-8") from None


async def read_request(request: Request) -> ProtocolRequest:
    params = _params(request.scope.get("query_string", b""), "the query string")
    if request.method == "POST":
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = await request.body()
        if content_type == FORM:
            params += _params(body, "the form body")
        elif content_type == "application/sparql-query":
            params.append(("query", _decode(body, "the query")))
        elif content_type == "application/sparql-update":
            params.append(("update", _decode(body, "the update")))
        else:
            raise SparqlRequestError(
                f"unsupported Content-Type {content_type or '(none)'}: use {FORM}, application/sparql-query "
                "or application/sparql-update",
                status=415,
            )
    parsed = ProtocolRequest()
    for name, value in params:
        if name in ("query", "update"):
            if getattr(parsed, name) is not None:
                raise SparqlRequestError(f"more than one '{name}' parameter")
            if "\x00" in value:
                raise SparqlRequestError(f"the {name} contains a NUL character")
            setattr(parsed, name, value)
        elif name == "default-graph-uri":
            parsed.default_graphs.append(value)
        elif name == "named-graph-uri":
            parsed.named_graphs.append(value)
        elif name == "format" and parsed.format is None:  # the first: SPARQLWrapper adds a list of types after it
            parsed.format = value
    if parsed.query is not None and parsed.update is not None:
        raise SparqlRequestError("a request carries either a query or an update, not both")
    if parsed.update is not None and request.method != "POST":
        raise SparqlRequestError("updates must be sent with POST", status=405)
    return parsed


def require_token(request: Request, state: AppState, local: bool = False) -> None:
    """Writes need the configured bearer token; without one configured the server is read-only. `local` also
    accepts the token of the server's own record in its data directory (CLI writes beside it: local_server.py)."""
    local_token = state.local.token if local and state.local else None
    accepted = [t for t in (state.settings.update_token, local_token) if t]
    if not accepted:
        raise SparqlRequestError(
            "this Talkgraph is read-only: start it with --update-token to allow writes", status=403
        )
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    given = value.strip().encode()
    if scheme.lower() != "bearer" or not any(hmac.compare_digest(given, t.encode()) for t in accepted):
        raise SparqlRequestError("writes need a valid bearer token (Authorization: Bearer …)", status=403)


SPARQL_DOC = (
    "Query (GET, POST form, POST application/sparql-query) or update (POST, with the token). "
    "Results as JSON, XML, CSV or TSV, graphs as Turtle, N-Triples, N-Quads, JSON-LD or "
    "RDF/XML, by Accept or by ?format=. Without a query: the query editor (browsers) or the "
    "service description with VoID statistics."
)


# One route per method, so each gets its own OpenAPI operation id.
@router.get("/sparql", summary="SPARQL 1.1 Protocol endpoint (GET)", description=SPARQL_DOC)
@router.post("/sparql", summary="SPARQL 1.1 Protocol endpoint (POST)", description=SPARQL_DOC)
async def sparql_endpoint(request: Request) -> Response:
    state: AppState = request.app.state.talkgraph
    protocol = await read_request(request)
    if protocol.update is not None:
        return await _update(request, state, protocol.update)
    accept = request.headers.get("accept")
    if protocol.query is None:
        if wants_html(accept) and protocol.format is None:
            return await _editor(request, state)
        return await _description(request, state, accept, protocol.format)
    if wants_html(accept) and protocol.format is None:
        return await _editor(request, state, protocol.query)
    return await answer_query(state, protocol.query, protocol, accept)


async def answer_query(state: AppState, text: str, protocol: ProtocolRequest, accept: str | None) -> Response:
    """A query's answer, in the format the request asks for: checked and run in one worker round trip."""
    settings = state.settings
    query = QueryRequest(
        text,
        result_format=_format(protocol.format, accept, "select"),
        graph_format=_format(protocol.format, accept, "construct"),
        row_limit=settings.max_rows,
        allow_remote=settings.allow_remote,
        default_graphs=tuple(protocol.default_graphs),
        named_graphs=tuple(protocol.named_graphs),
    )
    # One worker round trip: the policy's check and the run share the time limit; waiting for a worker does not.
    checked, result = await state.store.answer_async(query, settings.query_timeout)
    if result is None:
        offered = RESULT_MEDIA if checked.form in ("select", "ask") else GRAPH_MEDIA
        raise SparqlRequestError(
            f"cannot answer a {checked.form.upper()} query in any type the request accepts ({accept}); "
            f"available: {', '.join(sorted(set(offered)))}",
            status=406,
        )
    headers = {"Vary": "Accept"}
    if result.truncated:
        headers["Talkgraph-Results-Truncated"] = f"true; limit={settings.max_rows}"
        headers["Warning"] = f'199 talkgraph "results truncated to {settings.max_rows} rows"'
    return Response(result.body, media_type=result.media_type, headers=headers)


class QueryFastPath:
    """SPARQL queries (GET or POST to /sparql) answered here, without FastAPI's router, route and dependency
    machinery, which cost about as much CPU as the rest of a small query's answer. It sits inside the app's
    middleware, so the body and parameter limits, gzip and CORS apply as before, and errors are answered by
    the app's own exception handlers. Anything but a query a program asks for (an update, the editor, the
    service description, a request /sparql refuses) goes on to the route, with the body it sent."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != "/sparql" or scope["method"] not in ("GET", "POST"):
            return await self.app(scope, receive, send)
        request = Request(scope, receive)
        try:
            body = await request.body()
        except ClientDisconnect:  # the route meets the same disconnect and answers it its way
            return await self.app(scope, receive, send)
        try:
            protocol = await read_request(request)
        except SparqlRequestError:  # the route refuses it again, in the same words
            return await self.app(scope, _replaying(body, receive), send)
        accept = request.headers.get("accept")
        if protocol.query is None or protocol.update is not None or (wants_html(accept) and protocol.format is None):
            return await self.app(scope, _replaying(body, receive), send)
        app: FastAPI = scope["app"]
        try:
            response = await answer_query(app.state.talkgraph, protocol.query, protocol, accept)
        except Exception as exc:
            handler = _exception_handler(app, exc)
            if handler is None:
                raise
            response = handler(request, exc)
            if inspect.isawaitable(response):
                response = await response
        await response(scope, receive, send)


def _replaying(body: bytes, receive: Receive) -> Receive:
    """A receive that gives the body already read once, then what the client sends next (a disconnect)."""
    replayed = False

    async def replay() -> Message:
        nonlocal replayed
        if replayed:
            return await receive()
        replayed = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


def _exception_handler(app: FastAPI, exc: Exception):
    """The app's handler for exc, as Starlette's ExceptionMiddleware finds it (the catch-all for Exception
    is the server-error middleware's, which a re-raised exception reaches as before)."""
    for cls in type(exc).__mro__:
        if cls is Exception:
            return None
        if cls in app.exception_handlers:
            return app.exception_handlers[cls]
    return None


def _format(parameter: str | None, accept: str | None, form: str) -> str | None:
    """The format for one family of query forms: ?format= if given, else by Accept (None: none fits).

    A client sends the same few headers again and again: short ones are decided once (negotiating both forms
    from Accept was about 10 µs of a small query's answer)."""
    if len(parameter or "") + len(accept or "") <= NEGOTIATION_CACHED:
        return _cached_format(parameter, accept, form)
    return _negotiated_format(parameter, accept, form)


def _negotiated_format(parameter: str | None, accept: str | None, form: str) -> str | None:
    if parameter:
        return format_from_parameter(parameter, RESULT_MEDIA if form == "select" else GRAPH_MEDIA)
    return choose_for_form(accept, form)


NEGOTIATION_CACHED = 512  # characters of ?format= and Accept together; longer ones are negotiated each time
_cached_format = lru_cache(maxsize=256)(_negotiated_format)


async def _update(request: Request, state: AppState, update: str) -> Response:
    require_token(request, state)
    checked = await run_in_threadpool(
        state.store.in_worker,
        check_update_job,
        update,
        state.settings.allow_remote,
        timeout=state.settings.query_timeout,
    )
    await run_in_threadpool(state.write, lambda: state.store.update(checked))
    return Response(status_code=204)


async def _description(request: Request, state: AppState, accept: str | None, fmt_param: str | None) -> Response:
    fmt = format_from_parameter(fmt_param, GRAPH_MEDIA) if fmt_param else choose(accept, GRAPH_MEDIA, "turtle")
    if fmt is None:
        raise SparqlRequestError(
            f"the service description is RDF; none of the accepted types fit ({accept})", status=406
        )
    endpoint = public_url(request, "/sparql")
    graph = await run_in_threadpool(
        lambda: service_description(endpoint, state.settings, state.dataset_sizes, state.class_sizes)
    )
    body = graph.serialize(format=BY_KEY[fmt].rdflib or "turtle", encoding="utf-8")
    return Response(body, media_type=media_type(fmt), headers={"Vary": "Accept"})


async def _editor(request: Request, state: AppState, query: str | None = None) -> HTMLResponse:
    schema = ontology_schema()
    sizes = await run_in_threadpool(lambda: state.class_sizes)  # a store query once per write: off the event loop
    context = {
        "query": query or EXAMPLE_QUERIES[0].query,
        "examples": EXAMPLE_QUERIES,
        "prefixes": PREFIXES,
        "endpoint": editor_url(request, "/sparql"),
        "summary": schema.summary(sizes),
        "terms": [asdict(t) for t in (*schema.classes, *schema.properties)],
        "own": {"id": str(ID), "base": OWN_IRIS},
    }
    return templates.TemplateResponse(request, "sparql.html", context, headers={"Vary": "Accept"})
