"""The SPARQL 1.1 Protocol endpoint at /sparql.

Query via GET, POST form or POST application/sparql-query; update via POST
form or application/sparql-update, only with the configured token. Every query
is checked by graph/rdf/policy.py, then runs off the event loop with the
server's time limit and row cap. A browser asking for /sparql gets the query
editor; a client asking for RDF gets the service description.
"""

from __future__ import annotations

import hmac
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import TypeVar
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

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
from talkgraph.api.state import AppState
from talkgraph.api.templating import templates
from talkgraph.api.urls import editor_url, public_url
from talkgraph.graph.rdf.formats import BY_KEY
from talkgraph.graph.rdf.isolation import run_with_deadline
from talkgraph.graph.rdf.policy import CheckedQuery, SparqlRequestError, check_graphs, check_query, check_update
from talkgraph.graph.rdf.store import Dataset
from talkgraph.ontology import PREFIXES

router = APIRouter(tags=["SPARQL"])
T = TypeVar("T")

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


def require_token(request: Request, state: AppState) -> None:
    """Writes need the configured bearer token; without one configured the server is read-only."""
    token = state.settings.update_token
    if not token:
        raise SparqlRequestError(
            "this Talkgraph is read-only: start it with --update-token to allow writes", status=403
        )
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip().encode(), token.encode()):
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
            return _editor(request)
        return await _description(request, state, accept, protocol.format)
    if wants_html(accept) and protocol.format is None:
        return _editor(request, protocol.query)
    started = time.monotonic()  # parsing and running share one time limit
    store_graphs = await run_in_threadpool(state.store.graphs)
    checked = await _bounded(
        check_query, protocol.query, store_graphs, state.settings.allow_remote, timeout=state.settings.query_timeout
    )
    if not state.settings.allow_remote:
        check_graphs(protocol.default_graphs + protocol.named_graphs, store_graphs, "default-graph-uri/named-graph-uri")
    offered = RESULT_MEDIA if checked.form in ("select", "ask") else GRAPH_MEDIA
    fmt = format_from_parameter(protocol.format, offered) if protocol.format else choose_for_form(accept, checked.form)
    if fmt is None:
        raise SparqlRequestError(
            f"cannot answer a {checked.form.upper()} query in any type the request accepts ({accept}); "
            f"available: {', '.join(sorted(set(offered)))}",
            status=406,
        )
    settings = state.settings
    remaining = max(0.05, settings.query_timeout - (time.monotonic() - started))
    result = await run_in_threadpool(
        state.store.execute,
        checked.text,
        fmt,
        row_limit=settings.max_rows,
        timeout=remaining,
        dataset=_dataset(protocol, checked),
    )
    headers = {"Vary": "Accept"}
    if result.truncated:
        headers["Talkgraph-Results-Truncated"] = f"true; limit={settings.max_rows}"
        headers["Warning"] = f'199 talkgraph "results truncated to {settings.max_rows} rows"'
    return Response(result.body, media_type=result.media_type, headers=headers)


async def _bounded(check: Callable[..., T], *args, timeout: float) -> T:
    """rdflib's parser needs minutes for some long queries: parse off the event loop, under the time limit."""
    return await run_in_threadpool(run_with_deadline, partial(check, *args), timeout)


def _dataset(protocol: ProtocolRequest, checked: CheckedQuery) -> Dataset:
    """The protocol's dataset replaces the query's, whole (SPARQL 1.1 Protocol 2.1.4).

    A dataset given either way holds exactly the graphs it lists: no default graph listed means an
    empty one, no named graph listed means none. Given neither way: the union of all graphs.
    """
    if protocol.default_graphs or protocol.named_graphs:
        return Dataset(protocol.default_graphs, protocol.named_graphs)
    if checked.from_graphs or checked.from_named:
        return Dataset(checked.from_graphs, checked.from_named)
    return Dataset()


async def _update(request: Request, state: AppState, update: str) -> Response:
    require_token(request, state)
    checked = await _bounded(check_update, update, state.settings.allow_remote, timeout=state.settings.query_timeout)
    await run_in_threadpool(state.store.update, checked)
    state.invalidate()
    return Response(status_code=204)


async def _description(request: Request, state: AppState, accept: str | None, fmt_param: str | None) -> Response:
    fmt = format_from_parameter(fmt_param, GRAPH_MEDIA) if fmt_param else choose(accept, GRAPH_MEDIA, "turtle")
    if fmt is None:
        raise SparqlRequestError(
            f"the service description is RDF; none of the accepted types fit ({accept})", status=406
        )
    endpoint = public_url(request, "/sparql")
    graph = await run_in_threadpool(service_description, state.store, endpoint, state.settings)
    body = graph.serialize(format=BY_KEY[fmt].rdflib, encoding="utf-8")
    return Response(body, media_type=media_type(fmt), headers={"Vary": "Accept"})


def _editor(request: Request, query: str | None = None) -> HTMLResponse:
    context = {
        "query": query or EXAMPLE_QUERIES[0].query,
        "examples": EXAMPLE_QUERIES,
        "prefixes": PREFIXES,
        "endpoint": editor_url(request, "/sparql"),
    }
    return templates.TemplateResponse(request, "sparql.html", context, headers={"Vary": "Accept"})
