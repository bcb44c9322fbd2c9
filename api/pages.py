"""HTML pages: home, search, one page per resource (RDF and JSON by content negotiation), graph pages."""

from __future__ import annotations

import json

from fastapi import APIRouter, HTTPException, Query, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.concurrency import run_in_threadpool

from talkgraph.api.examples import EXAMPLE_QUERIES
from talkgraph.api.negotiation import GRAPH_MEDIA, choose, media_type
from talkgraph.api.serialize import to_json
from talkgraph.api.state import AppState, app_state
from talkgraph.api.templating import templates
from talkgraph.api.urls import resource_path
from talkgraph.graph.analytics.viz import GraphPage, cooccurrence_page, neighbourhood_page, overview_page
from talkgraph.graph.rdf.results import SerializedResult
from talkgraph.ontology import FOCUSABLE, ID, EntityClass

router = APIRouter(include_in_schema=False)

HTML_OR_JSON = {"text/html": "html", "application/xhtml+xml": "html", "application/json": "json"}
PAGE_MEDIA = {**HTML_OR_JSON, **{k: v for k, v in GRAPH_MEDIA.items() if k != "application/json"}}


def _state(request: Request) -> AppState:
    return app_state(request)


def _render(request: Request, name: str, **context) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context, headers={"Vary": "Accept"})


@router.get("/")
def home(request: Request) -> HTMLResponse:
    view = _state(request).view
    talks = sorted((n for n in view.nodes.values() if n.cls == "Talk"), key=lambda n: n.label.casefold())
    topics = sorted(
        (n for n in view.nodes.values() if n.cls == "Topic" and view.entity_talks.get(n.iri)),
        key=lambda n: (-len(view.entity_talks[n.iri]), n.label),
    )
    return _render(
        request,
        "home.html",
        stats=to_json(_state(request).questions.stats()),
        talks=talks,
        topics=topics[:30],
        examples=EXAMPLE_QUERIES,
        path=resource_path,
        view=view,
    )


@router.get("/search")
def search_page(request: Request, q: str = Query("", max_length=200)) -> HTMLResponse:
    results = to_json(_state(request).questions.search(q, limit=100).results) if q else []
    return _render(request, "search.html", q=q, results=results)


@router.get("/id/{path:path}")
def resource_page(request: Request, path: str) -> Response:
    return _resource(request, str(ID) + path)


@router.get("/resource")
def any_resource(request: Request, iri: str) -> Response:
    return _resource(request, iri)


def _resource(request: Request, iri: str) -> Response:
    state = _state(request)
    view = state.view
    node = view.nodes.get(iri)
    accept = request.headers.get("accept")
    fmt = choose(accept, PAGE_MEDIA, "html")
    if fmt is None:
        raise HTTPException(
            406, "this resource is available as HTML, JSON or RDF (Turtle, N-Triples, JSON-LD, RDF/XML)"
        )
    if fmt not in ("html", "json"):
        described = _describe(state, iri, fmt)
        if described.rows == 0:  # an empty JSON-LD or RDF/XML document is not an answer
            raise HTTPException(404, f"nothing is known about {iri}")
        return Response(described.body, media_type=media_type(fmt), headers={"Vary": "Accept"})
    if node is None:
        raise HTTPException(404, f"nothing is known about {iri}")
    details = to_json(state.questions.describe(node))
    if fmt == "json":
        return JSONResponse(details, headers={"Vary": "Accept"})
    return _render(request, "resource.html", node=node, details=details, path=resource_path)


def _describe(state: AppState, iri: str, fmt: str) -> SerializedResult:
    from pyoxigraph import NamedNode  # noqa: PLC0415 - only for building a safe IRI term

    try:
        term = NamedNode(iri)
    except ValueError:  # not an IRI, so nothing can be known about it
        raise HTTPException(404, f"nothing is known about {iri}") from None
    settings = state.settings
    return state.store.execute(f"DESCRIBE {term}", fmt, row_limit=settings.max_rows, timeout=settings.query_timeout)


# -- graph pages ------------------------------------------------------------------


def _graph_format(request: Request) -> str:
    """html or json: ?format= first, then Accept; anything else is refused rather than answered with HTML."""
    wanted = request.query_params.get("format")
    if wanted is not None and wanted not in HTML_OR_JSON.values():
        raise HTTPException(400, "format must be html or json")
    wanted = wanted or choose(request.headers.get("accept"), HTML_OR_JSON, "html")
    if wanted is None:
        raise HTTPException(406, "graph pages are available as HTML or JSON")
    return wanted


def _graph_response(request: Request, page: GraphPage) -> Response:
    """The page, or its JSON twin: the same nodes, edges and vis-network options the page draws."""
    wanted = _graph_format(request)
    nodes, edges, _, _, _, options = page.network.get_network_data()
    nodes = [{**node, "url": resource_path(node["id"])} for node in nodes]
    data = {"nodes": nodes, "edges": edges, "options": json.loads(options)}
    if wanted == "json":
        return JSONResponse({"title": page.title, **data})
    twin = request.url.include_query_params(format="json")  # relative: right behind any proxy or scheme
    return _render(
        request,
        "graph.html",
        title=page.title,
        data=data,
        legend=page.legend,
        node_count=len(nodes),
        edge_count=len(edges),
        json_url=f"{twin.path}?{twin.query}",
    )


OVERVIEW_CLASSES = "Tool,Project,Topic"


def _overview(state: AppState, wanted: tuple[str, ...], min_weight: int) -> GraphPage:
    return state.graph_page(("overview", wanted, min_weight), lambda v: overview_page(v, wanted, min_weight))


def warm_overview(state: AppState) -> None:
    """Build the default overview page once, before anyone asks for it."""
    _overview(state, tuple(OVERVIEW_CLASSES.split(",")), 1)


@router.get("/graph")
async def graph_overview(
    request: Request, classes: str = OVERVIEW_CLASSES, min_weight: int = Query(1, ge=1, le=1000)
) -> Response:
    names = {c.value for c in EntityClass if c != EntityClass.TALK}
    wanted = tuple(c for c in (s.strip().title() for s in classes.split(",")) if c in names)
    if not wanted:
        raise HTTPException(400, f"classes must name some of {', '.join(sorted(names))}")
    page = await run_in_threadpool(_overview, _state(request), wanted, min_weight)
    return _graph_response(request, page)


@router.get("/graph/around")
async def graph_around(request: Request, ref: str, radius: int = Query(1, ge=1, le=2)) -> Response:
    page = await run_in_threadpool(_around, _state(request), ref, radius)  # the name lookup is CPU work: off the loop
    return _graph_response(request, page)


def _around(state: AppState, ref: str, radius: int) -> GraphPage:
    node = state.questions.resolve(ref)
    return state.graph_page(("around", node.iri, radius), lambda v: neighbourhood_page(v, node, radius))


@router.get("/graph/cooccur")
async def graph_cooccur(request: Request, focus: str, limit: int = Query(40, ge=1, le=500)) -> Response:
    page = await run_in_threadpool(_cooccur, _state(request), focus, limit)
    return _graph_response(request, page)


def _cooccur(state: AppState, focus: str, limit: int) -> GraphPage:
    node = state.questions.resolve(focus, FOCUSABLE, "topic or tool")
    return state.graph_page(("cooccur", node.iri, limit), lambda v: cooccurrence_page(v, node, limit))
