"""HTML pages: home, search, one page per resource (RDF and JSON by content negotiation), graph pages."""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
from fastapi import APIRouter, HTTPException, Query, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup
from pyvis.network import Network
from starlette.concurrency import run_in_threadpool

from talkgraph.api.examples import EXAMPLE_QUERIES
from talkgraph.api.negotiation import GRAPH_MEDIA, choose, media_type
from talkgraph.api.schema import prefixed
from talkgraph.api.serialize import to_json
from talkgraph.api.state import AppState, app_state
from talkgraph.api.templating import templates
from talkgraph.api.urls import OWN_IRIS, resource_path
from talkgraph.graph.analytics.viz import (
    CLASS_COLORS,
    COMMUNITY_COLORS,
    FAINT,
    GraphPage,
    Links,
    Positions,
    cooccurrence_page,
    edge_id,
    full_tooltip,
    neighbourhood_page,
    overview_page,
    page_options,
    to_networkx,
)
from talkgraph.graph.rdf.described import statements
from talkgraph.graph.rdf.results import SerializedResult
from talkgraph.ontology import FOCUSABLE, ID, RDF, RDFS, SCHEMA, SKOS, EntityClass, slug

router = APIRouter(include_in_schema=False)

HTML_OR_JSON = {"text/html": "html", "application/xhtml+xml": "html", "application/json": "json"}
NAME_PREDICATES = {str(RDFS.label), str(SCHEMA.name), str(SKOS.prefLabel)}
PAGE_MEDIA = {**HTML_OR_JSON, **{k: v for k, v in GRAPH_MEDIA.items() if k != "application/json"}}


def _state(request: Request) -> AppState:
    return app_state(request)


def _render(request: Request, name: str, **context) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context, headers={"Vary": "Accept"})


PAGE_TALKS = 100  # talks a page lists (the home page, a resource page); the next page is a link away


@router.get("/")
def home(request: Request, offset: int = Query(0, ge=0)) -> HTMLResponse:
    state = _state(request)
    view, questions = state.view, state.questions
    talks = questions.talks(offset=offset, limit=PAGE_TALKS)
    topics = sorted(
        (n for n in questions.entities() if n.cls == EntityClass.TOPIC and view.talk_count(n.iri)),
        key=lambda n: (-view.talk_count(n.iri), n.label),
    )
    return _render(
        request,
        "home.html",
        stats=to_json(questions.stats()),
        talks=[summary.talk for summary in talks.results],
        next_offset=talks.next_offset,
        topics=[(topic, view.talk_count(topic.iri)) for topic in topics[:30]],
        examples=EXAMPLE_QUERIES,
        path=resource_path,
        corpus=state.corpus,
        notes_page=lambda key: resource_path(str(ID[f"notes/{key}"])),
    )


SEARCH_LIMIT = 200  # characters: a longer query gets a message, not a 422


@router.get("/search")
def search_page(request: Request, q: str = Query("", max_length=10_000)) -> Response:
    """Full-text search grouped by class (its JSON twin with ?format=json or Accept: application/json)."""
    too_long = len(q) > SEARCH_LIMIT
    answer = _state(request).questions.find(q) if q and not too_long else None
    wanted = request.query_params.get("format") or choose(request.headers.get("accept"), HTML_OR_JSON, "html")
    if wanted == "json":
        if too_long:
            raise HTTPException(400, f"a search is at most {SEARCH_LIMIT} characters")
        return JSONResponse(to_json(answer) if answer else {"query": q, "count": 0, "groups": [], "unnamed": []})
    return _render(request, "search.html", q=q, answer=to_json(answer) if answer else None, too_long=too_long,
                   limit=SEARCH_LIMIT)  # fmt: skip


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
    if node is None:  # not a talk or something talks name: a mention, a notes document, an ontology term …
        return _statements_page(request, state, iri, fmt)
    offset = request.query_params.get("offset", "0")
    if not offset.isdigit():
        raise HTTPException(400, "offset must be a whole number")
    answer = state.questions.describe(node, int(offset), PAGE_TALKS)
    details = to_json(answer)
    if details.get("next_offset") is not None:
        following = request.url.include_query_params(offset=details["next_offset"])
        details["next"] = f"{following.path}?{following.query}"
    if fmt == "json":
        return JSONResponse(details, headers={"Vary": "Accept"})
    profile = to_json(state.questions.profile_of(node))
    talk = answer.about
    speakers = {s.value for s in talk.speakers} if talk else set()
    groups: dict[str, list] = {}
    for named in details.get("names", []):  # a talk's names grouped by class (its speakers are listed above)
        if named["iri"] not in speakers:
            groups.setdefault(named["class"], []).append(named)
    return _render(
        request,
        "resource.html",
        node=node,
        details=details,
        profile=profile,
        groups=groups,
        talk=talk,
        path=resource_path,
    )


STATEMENTS = 200  # statements shown each way on the page of an IRI that is not a node of the graph


def _statements_page(request: Request, state: AppState, iri: str, fmt: str) -> Response:
    try:
        outgoing, incoming = statements(state.store, iri, STATEMENTS)
    except ValueError:  # not an IRI, so nothing can be known about it
        raise HTTPException(404, f"nothing is known about {iri}") from None
    if not outgoing and not incoming:
        raise HTTPException(404, f"nothing is known about {iri}")
    names = [s.other.value for s in outgoing if s.predicate in NAME_PREDICATES and not s.other.is_iri]
    label = names[0] if names else prefixed(iri)
    types = [s.other for s in outgoing if s.predicate == str(RDF.type)]
    if fmt == "json":
        answer = {"iri": iri, "label": label, "outgoing": outgoing, "incoming": incoming}
        return JSONResponse(to_json(answer), headers={"Vary": "Accept"})
    return _render(
        request,
        "statements.html",
        iri=iri,
        label=label,
        types=types,
        outgoing=outgoing,
        incoming=incoming,
        limit=STATEMENTS,
        path=resource_path,
        short=prefixed,
        own=OWN_IRIS,
    )


def _describe(state: AppState, iri: str, fmt: str) -> SerializedResult:
    from pyoxigraph import NamedNode  # noqa: PLC0415 - only for building a safe IRI term

    try:
        term = NamedNode(iri)
    except ValueError:  # not an IRI, so nothing can be known about it
        raise HTTPException(404, f"nothing is known about {iri}") from None
    settings = state.settings
    return state.store.execute(f"DESCRIBE {term}", fmt, row_limit=settings.max_rows, timeout=settings.query_timeout)


# -- graph pages ------------------------------------------------------------------


EXPORTS = {
    "json": "application/json",
    "nodes.csv": "text/csv; charset=utf-8",
    "edges.csv": "text/csv; charset=utf-8",
    "graphml": "application/graphml+xml",
    "gexf": "application/gexf+xml",
}
TABLE_ROWS = 200  # rows of the text alternative's tables; the CSV exports hold all
FIRST_EDGES = 1000  # links drawn in the first frame, heaviest first; the script adds the rest right after
EXPAND_LIMIT = 25  # neighbours a double-click adds; the script asks /api/neighbours with the same limit


@dataclass(frozen=True)
class ViewFilters:
    """What the explorer hides, read from the page's URL: the page's script and the exports apply the same."""

    hide: frozenset[str]
    off: frozenset[str]  # classes switched off in the legend
    min_edge: int  # talks behind a link
    min_talks: int  # talks naming a node

    def keeps(self, node: dict) -> bool:
        return node["id"] not in self.hide and node["group"] not in self.off and node["talks"] >= self.min_talks


def _filters(request: Request) -> ViewFilters:
    params = request.query_params

    def number(name: str) -> int:
        value = params.get(name, "0") or "0"
        if not value.isdigit() or int(value) > 100_000:
            raise HTTPException(400, f"{name} must be a whole number of talks")
        return int(value)

    off = {c.strip().title() for c in params.get("off", "").split(",") if c.strip()}
    return ViewFilters(frozenset(params.getlist("hide")), frozenset(off), number("min_edge"), number("min_talks"))


def _graph_format(request: Request) -> str:
    """html or an export: ?format= first, then Accept; anything else is refused rather than answered with HTML."""
    wanted = request.query_params.get("format")
    if wanted is not None and wanted not in ("html", *EXPORTS):
        raise HTTPException(400, f"format must be html, {', '.join(EXPORTS)}")
    wanted = wanted or choose(request.headers.get("accept"), HTML_OR_JSON, "html")
    if wanted is None:
        raise HTTPException(406, "graph pages are available as HTML or JSON")
    return wanted


def _graph_response(request: Request, page: GraphPage) -> Response:
    """The explorer, or its twin in JSON, CSV, GraphML or GEXF: the nodes and edges the view shows."""
    wanted = _graph_format(request)
    if wanted != "html":
        nodes, edges, _ = explorer_data(page)
        return _export(request, page, wanted, nodes, edges)
    twin = request.url.include_query_params(format="json")  # relative: right behind any proxy or scheme
    json_url = f"{twin.path}?{twin.query}"
    is_around = request.url.path.endswith("/around")
    shown = html_parts(page)
    bodies = page.rendered.setdefault("bodies", {})  # the page's HTML as sent, per link to its twin
    key = (json_url, is_around)
    if key not in bodies:
        html = _render(
            request,
            "graph.html",
            title=page.title,
            data_json=shown["json"],
            legend=page.legend,
            node_count=shown["node_count"],
            edge_count=shown["edge_count"],
            json_url=json_url,
            focus=page.focus,
            nodes=shown["nodes"],
            edges=shown["edges"],
            table_rows=TABLE_ROWS,
            labels=shown["labels"],
            is_around=is_around,
            shown_of=page.shown_of,
        ).body
        while len(bodies) >= 4:  # the same page under a few URLs: the oldest goes
            bodies.pop(next(iter(bodies)))
        bodies[key] = (html, gzip.compress(html, GRAPH_GZIP_LEVEL))
    html, compressed = bodies[key]
    headers = {"Vary": "Accept, Accept-Encoding"}
    if "gzip" in request.headers.get("accept-encoding", ""):  # as the app's GZipMiddleware decides
        headers["Content-Encoding"] = "gzip"  # the middleware passes an encoded body on as it is
        return Response(compressed, media_type="text/html; charset=utf-8", headers=headers)
    return Response(html, media_type="text/html; charset=utf-8", headers=headers)


# A graph page's HTML is compressed once per page and kept (at 100,000 talks the overview is 3.9 MB: the app's
# GZipMiddleware, at zlib's level 9, took 1.0 s for it at every request; level 6 takes 0.15 s, 1.4 % larger)
GRAPH_GZIP_LEVEL = 6


def html_parts(page: GraphPage) -> dict:
    """What the explorer's HTML shows of a page besides its own URL: the script's data as JSON text, the tables'
    rows, the labels of the links' ends in them, the counts (made once per page; given by a kept page)."""
    if "html" not in page.rendered:
        nodes, edges, _ = explorer_data(page)
        table_nodes = sorted(nodes, key=lambda n: (-n["talks"], n["label"].casefold()))[:TABLE_ROWS]
        table_edges = sorted(edges, key=lambda e: -e["talks"])[:TABLE_ROWS]
        labels = {n["id"]: n["label"] for n in nodes}
        page.rendered["html"] = {
            "json": page.rendered["json"],
            "nodes": table_nodes,
            "edges": table_edges,
            "labels": {end: labels[end] for e in table_edges for end in (e["from"], e["to"])},
            "node_count": len(nodes),
            "edge_count": len(edges),
        }
    return page.rendered["html"]


def explorer_data(page: GraphPage) -> tuple[list[dict], list[dict], dict]:
    """The page's nodes (with their local page), edges, and all the explorer's script reads (made once per page;
    for a kept page, read back from its script's data)."""
    if "data" not in page.rendered and "json" in page.rendered:  # a kept page: no network behind it
        data = json.loads(page.rendered["json"])
        nodes = data["nodes"]
        edges = [_edge(nodes[a]["id"], nodes[b]["id"], talks, faint) for a, b, talks, faint in data["links"]]
        page.rendered["data"] = (nodes, edges, data)
    if "data" not in page.rendered:
        nodes, edges, _, _, _, _ = page.network.get_network_data()
        nodes = [{**node, "url": resource_path(node["id"])} for node in nodes]
        index = {node["id"]: i for i, node in enumerate(nodes)}
        data = {
            "nodes": nodes,
            # [from, to, talks, faint] by node index: a link's IRIs four times over made 2/3 of a big page
            "links": [[index[e["from"]], index[e["to"]], e["talks"], int(e.get("faint", False))] for e in edges],
            "linkTitles": not page.big,  # a big graph's links say who they join on click, not on hover
            "faintColor": FAINT,
            "options": page_options(page),
            "focus": page.focus,
            "expandGraph": page.expand_graph,
            "expandLimit": EXPAND_LIMIT,
            "classColors": CLASS_COLORS,
            "communityColors": COMMUNITY_COLORS,
            "firstEdges": FIRST_EDGES,
        }
        page.rendered["data"] = (nodes, edges, data)
        page.rendered["json"] = htmlsafe_json_dumps(data)  # what {{ data|tojson }} would write, once
    return page.rendered["data"]


def _edge(a: str, b: str, talks: int, faint: int) -> dict:
    """A link as graph/analytics/viz.py build_page draws it, from the script's data of a kept page."""
    return {
        "id": edge_id(a, b),
        "from": a,
        "to": b,
        "talks": talks,
        **({"color": FAINT, "faint": True} if faint else {}),
    }


def _positions(page: GraphPage) -> Positions:
    return {node["id"]: (node["x"], node["y"]) for node in explorer_data(page)[0]}


# -- the default overview, kept beside the store -----------------------------------------------------------------

KEPT_PAGE_CODE = hashlib.sha256(
    Path(__file__).read_bytes() + (Path(__file__).parent / "templates" / "graph.html").read_bytes()
).hexdigest()[:32]  # a page kept by other code (this module and its template make it) is built again


def kept_page_parts(page: GraphPage) -> tuple[dict, str]:
    """What the next start needs to answer /graph without building the page: its HTML's parts and the page's own."""
    shown = html_parts(page)
    meta = {
        "code": KEPT_PAGE_CODE,
        "title": page.title,
        "legend": page.legend,
        "focus": page.focus,
        "expand_graph": page.expand_graph,
        "big": page.big,
        "shown_of": page.shown_of,
        **{k: v for k, v in shown.items() if k != "json"},
    }
    return meta, str(shown["json"])


def page_from_kept(meta: dict, data: str) -> GraphPage | None:
    """The page kept_page_parts kept (its network left empty: its nodes and edges are read back from its data when
    an export or an expansion needs them); None if other code kept it."""
    if meta.get("code") != KEPT_PAGE_CODE:
        return None
    shown_of = meta["shown_of"]
    page = GraphPage(
        meta["title"],
        Network(cdn_resources="local"),
        meta["legend"],
        meta["focus"],
        meta["expand_graph"],
        meta["big"],
        (int(shown_of[0]), int(shown_of[1])) if shown_of else None,
    )
    page.rendered["json"] = Markup(data)  # as htmlsafe_json_dumps wrote it
    page.rendered["html"] = {
        "json": page.rendered["json"],
        **{k: meta[k] for k in ("nodes", "edges", "labels", "node_count", "edge_count")},
    }
    return page


def _export(request: Request, page: GraphPage, wanted: str, nodes: list[dict], edges: list[dict]) -> Response:
    filters = _filters(request)
    nodes = [n for n in nodes if filters.keeps(n)]
    kept = {n["id"] for n in nodes}
    edges = [e for e in edges if e["from"] in kept and e["to"] in kept and e["talks"] >= filters.min_edge]
    stem = slug(page.title) or "graph"
    if wanted == "json":
        twin = {"title": page.title, "nodes": nodes, "edges": edges, "options": explorer_data(page)[2]["options"]}
        if page.shown_of:  # the overview draws only its most central nodes
            twin["most_central"] = {"shown": page.shown_of[0], "of": page.shown_of[1], "by": "weighted degree"}
        return JSONResponse(twin)
    if wanted.endswith(".csv"):
        out = io.StringIO()
        if wanted == "nodes.csv":
            columns = ["id", "label", "group", "talks", "links", "community", "x", "y", "url", "curated"]
            table = csv.DictWriter(out, columns, extrasaction="ignore")
            table.writeheader()
            table.writerows({**n, "curated": n.get("curated", True)} for n in nodes)  # only unvetted tools say
        else:
            labels = {n["id"]: n["label"] for n in nodes}
            rows = csv.writer(out)
            rows.writerow(["source", "target", "source_label", "target_label", "talks"])
            rows.writerows([e["from"], e["to"], labels[e["from"]], labels[e["to"]], e["talks"]] for e in edges)
        body = out.getvalue()
    else:
        graph = to_networkx(nodes, edges)
        writer_of = nx.generate_graphml if wanted == "graphml" else nx.generate_gexf
        body = "\n".join(writer_of(graph))
    disposition = f'attachment; filename="{stem}.{wanted.replace(".csv", "")}{".csv" * wanted.endswith(".csv")}"'
    return Response(body, media_type=EXPORTS[wanted], headers={"Content-Disposition": disposition})


OVERVIEW_CLASSES = "Tool,Project,Topic"
DEFAULT_OVERVIEW = tuple(OVERVIEW_CLASSES.split(","))


def _expansions(state: AppState, expand: list[str], graph: str) -> tuple[tuple[str, str, int], ...]:
    """The links double-click added to a page, again: a permalink shows the expanded view."""
    questions = state.questions
    links: set[tuple[str, str, int]] = set()
    for ref in expand[:50]:
        links.update(questions.neighbours(ref, graph, EXPAND_LIMIT).links)
    return tuple(sorted(links))


def _overview(state: AppState, wanted: tuple[str, ...], min_weight: int, extra: Links = ()) -> GraphPage:
    """The overview; with expansions, the overview's own positions and the added nodes beside them. The default
    one is laid out by the background process when the store has one."""
    placed = _positions(_overview(state, wanted, min_weight)) if extra else None

    def build(view) -> GraphPage:
        default = (wanted, min_weight, extra) == (DEFAULT_OVERVIEW, 1, ())
        kept = state.kept_overview_page() if default else None
        page = page_from_kept(*kept) if kept is not None else None
        if page is not None:  # as the server built it for this version of the store, before a restart
            return page
        laid_out = state.overview_layout() if default else None
        page = overview_page(view, wanted, min_weight, extra, placed=placed, laid_out=laid_out)
        if laid_out is not None:
            state.keep_overview_page(view, laid_out, lambda: kept_page_parts(page))
        return page

    return state.graph_page(("overview", wanted, min_weight, extra), build)


def warm_overview(state: AppState) -> None:
    """Build the default overview page once, before anyone asks for it (when the background process has laid it
    out, if the store has one: until then this thread only waits)."""
    _overview(state, DEFAULT_OVERVIEW, 1)


Expand = Query([], description="refs of nodes expanded in the page (their neighbours are added)")


@router.get("/graph")
async def graph_overview(
    request: Request,
    classes: str = OVERVIEW_CLASSES,
    min_weight: int = Query(1, ge=1, le=1000),
    expand: list[str] = Expand,
) -> Response:
    names = {c.value for c in EntityClass if c != EntityClass.TALK}
    wanted = tuple(c for c in (s.strip().title() for s in classes.split(",")) if c in names)
    if not wanted:
        raise HTTPException(400, f"classes must name some of {', '.join(sorted(names))}")
    state = _state(request)
    page = await run_in_threadpool(lambda: _overview(state, wanted, min_weight, _expansions(state, expand, "entity")))
    return _graph_response(request, page)


@router.get("/graph/around")
async def graph_around(
    request: Request, ref: str, radius: int = Query(1, ge=1, le=2), expand: list[str] = Expand
) -> Response:
    # name lookups and expansions are CPU work: off the event loop
    page = await run_in_threadpool(_around, _state(request), ref, radius, expand)
    return _graph_response(request, page)


def _around(state: AppState, ref: str, radius: int, expand: list[str]) -> GraphPage:
    node = state.questions.resolve(ref)
    extra = _expansions(state, expand, "talk")
    return state.graph_page(("around", node.iri, radius, extra), lambda v: neighbourhood_page(v, node, radius, extra))


@router.get("/graph/cooccur")
async def graph_cooccur(
    request: Request, focus: str, limit: int = Query(40, ge=1, le=500), expand: list[str] = Expand
) -> Response:
    page = await run_in_threadpool(_cooccur, _state(request), focus, limit, expand)
    return _graph_response(request, page)


def _cooccur(state: AppState, focus: str, limit: int, expand: list[str]) -> GraphPage:
    node = state.questions.resolve(focus, FOCUSABLE, "topic or tool")
    extra = _expansions(state, expand, "entity")
    return state.graph_page(("cooccur", node.iri, limit, extra), lambda v: cooccurrence_page(v, node, limit, extra))


@router.get("/api/tooltip")
def node_tooltip(request: Request, ref: str = Query(..., min_length=1)) -> Response:
    """A node's full tooltip (graph/analytics/viz.py full_tooltip), which the explorer fetches when the node is
    hovered or selected rather than every page listing every node's talks. Plain text in JSON whose <, > and &
    are escapes, so no part of it reads as markup even if the body were taken for HTML. A ref longer than the app's
    parameter limit is refused before this runs (api/limits.py)."""
    state = _state(request)
    node = state.questions.resolve(ref)
    view = state.view
    body: dict[str, object] = {"iri": node.iri, "label": node.label, "class": node.cls}
    if node.cls == EntityClass.TALK:
        body["names"] = len(view.talk_entities.get(node.iri, ()))  # things the talk names
        body["text"] = full_tooltip(node, view)
    else:
        body["talks"] = talks = view.talk_counts([node.iri])[node.iri]  # talks naming it, counted once
        body["text"] = full_tooltip(node, view, state.tooltip_talks(node), talks)
    return Response(str(htmlsafe_json_dumps(body)), media_type="application/json")
