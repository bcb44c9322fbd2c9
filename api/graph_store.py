"""SPARQL 1.1 Graph Store HTTP Protocol at /store: reads for everyone, writes with the token."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from pyoxigraph import NamedNode, Quad, parse
from starlette.concurrency import run_in_threadpool

from talkgraph.api.negotiation import GRAPH_MEDIA, choose, media_type
from talkgraph.api.sparql import require_token
from talkgraph.api.state import AppState
from talkgraph.graph.errors import TalkgraphError
from talkgraph.graph.rdf.results import GRAPH_FORMATS


class GraphStoreRequestError(TalkgraphError):
    """A Graph Store Protocol request Talkgraph refuses (bad graph IRI, unknown graph, unsupported body)."""

    status = 400


router = APIRouter(tags=["Graph Store"])


def _target(request: Request) -> str | None:
    """?graph=IRI → that graph; ?default → None (the default graph)."""
    params = request.query_params
    if "graph" in params and "default" not in params:
        return _absolute_iri(params["graph"])
    if "default" in params and "graph" not in params:
        return None
    raise GraphStoreRequestError("give exactly one of ?graph=IRI or ?default")


def _absolute_iri(value: str) -> str:
    """A graph name is an absolute IRI; anything else is the client's mistake, not a missing graph."""
    try:
        return NamedNode(value).value
    except ValueError as exc:
        raise GraphStoreRequestError(f"?graph={value!r} is not an absolute IRI: {exc}") from None


@router.get("/store", summary="Read one graph (Graph Store Protocol)")
async def read_graph(request: Request) -> Response:
    state: AppState = request.app.state.talkgraph
    graph = _target(request)
    if graph is not None and not await run_in_threadpool(state.store.has_graph, graph):
        raise GraphStoreRequestError(f"no graph named {graph} in the store", status=404)
    fmt = choose(
        request.headers.get("accept"), {k: v for k, v in GRAPH_MEDIA.items() if v != "nquads" and v != "trig"}, "turtle"
    )
    if fmt is None:
        raise GraphStoreRequestError("a graph is served as Turtle, N-Triples, JSON-LD or RDF/XML", status=406)
    body = await run_in_threadpool(state.store.graph_triples, graph, fmt)
    return Response(body, media_type=media_type(fmt), headers={"Vary": "Accept"})


WRITE_DOC = (
    "PUT replaces the graph, POST adds to it, DELETE drops it; 201 when a write creates the graph, 204 otherwise."
)


@router.put("/store", summary="Replace one graph (needs the token)", description=WRITE_DOC)
@router.post("/store", summary="Add to one graph (needs the token)", description=WRITE_DOC)
@router.delete("/store", summary="Drop one graph (needs the token)", description=WRITE_DOC)
async def write_graph(request: Request) -> Response:
    state: AppState = request.app.state.talkgraph
    require_token(request, state)
    graph = _target(request)
    if graph is None:
        raise GraphStoreRequestError("Talkgraph keeps all data in named graphs: write with ?graph=IRI", status=400)
    existed = await run_in_threadpool(state.store.has_graph, graph)
    if request.method == "DELETE":
        if not existed:
            raise GraphStoreRequestError(f"no graph named {graph} in the store", status=404)
        await run_in_threadpool(state.write, lambda: state.store.drop_graph(graph))
    else:
        quads = await _body_quads(request, graph)

        def put_or_post() -> None:
            kept = state.store.quads(graph) if request.method == "POST" else []  # POST adds to what it holds
            state.store.replace_graph(graph, kept + quads)

        await run_in_threadpool(state.write, put_or_post)
    created = not existed and await run_in_threadpool(state.store.has_graph, graph)
    return Response(status_code=201 if created else 204)  # Graph Store Protocol 5.3, 5.5


async def _body_quads(request: Request, graph: str) -> list[Quad]:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    fmt = GRAPH_MEDIA.get(content_type)
    if fmt is None or fmt in ("nquads", "trig"):
        raise GraphStoreRequestError(f"unsupported Content-Type {content_type or '(none)'} for a graph", status=415)
    try:
        triples = list(parse(await request.body(), format=GRAPH_FORMATS[fmt], base_iri=graph))
    except SyntaxError as exc:
        raise GraphStoreRequestError(f"the body is not valid {content_type}: {exc}") from None
    target = NamedNode(graph)
    return [Quad(t.subject, t.predicate, t.object, target) for t in triples]
