"""The JSON API under /api: the mission's questions, each answer with its evidence.

Each route asks one method of `Questions` and serialises its typed answer with
`api.serialize.to_json`, exactly as the CLI's `--format json` does. A "ref"
anywhere below is an IRI, the last segment of one ("cilium"), or a label in any
case ("Cilium"); an unknown ref is a 404 that says so.
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, Query, Request

from talkgraph.api.serialize import to_json
from talkgraph.api.state import AppState, app_state

TALKS_PAGE = 100  # talks per page of /api/talks and /api/resource by default: small whatever the corpus
COOCCUR_MAX = 200  # results per page of /api/cooccur at most: each carries up to 10 talks of evidence


def with_next(request: Request, page: dict, next_offset: int | None) -> dict:
    """The page with a link to the next one (relative, like the pages' links: right behind any proxy)."""
    if next_offset is not None:
        following = request.url.include_query_params(offset=next_offset)
        page["next"] = f"{following.path}?{following.query}"
    return page


router = APIRouter(prefix="/api", tags=["JSON API"])

State = Depends(app_state)


@router.get("/stats", summary="How many talks, tools, topics, companies and people the graph holds")
def stats(state: AppState = State) -> Any:
    return to_json(state.questions.stats())


@router.get("/search", summary="Find talks, tools, topics, projects, companies and people by label")
def search(
    q: str = Query(..., min_length=1, max_length=200),
    limit: int = Query(20, ge=1, le=200),
    state: AppState = State,
) -> Any:
    return to_json(state.questions.search(q, limit))


@router.get(
    "/cooccur", summary="Tools that co-occur with a topic or tool, ranked, with the supporting talks and sentences"
)
def cooccur(
    request: Request,
    focus: str = Query(..., description="topic or tool ref, e.g. eBPF"),
    offset: int = Query(0, ge=0),
    limit: int = Query(50, ge=1, le=COOCCUR_MAX),
    state: AppState = State,
) -> Any:
    answer = state.questions.cooccurrence(focus, limit, offset)
    return with_next(request, to_json(answer), answer.next_offset)


@router.get("/related-topics", summary="Topics related to a talk, ranked, with their reasons")
def related_topics(talk: str = Query(..., description="talk ref: IRI, slug or title"), state: AppState = State) -> Any:
    return to_json(state.questions.related_topics(talk))


@router.get("/talks", summary="Talks, all or those about a topic / naming a tool, project, company or person")
def talks(
    request: Request,
    topic: str | None = None,
    tool: str | None = None,
    company: str | None = None,
    person: str | None = None,
    offset: int = Query(0, ge=0),
    limit: int = Query(TALKS_PAGE, ge=1, le=1000),
    state: AppState = State,
) -> Any:
    answer = state.questions.talks(topic, tool, company, person, offset, limit)
    return with_next(request, to_json(answer), answer.next_offset)


@router.get("/companies", summary="Companies behind the tools of a topic, with those tools")
def companies(topic: str = Query(..., description="topic ref, e.g. Observability"), state: AppState = State) -> Any:
    return to_json(state.questions.companies(topic))


@router.get("/communities", summary="Communities of tools and topics (Louvain on talk co-occurrence)")
def communities(state: AppState = State) -> Any:
    return to_json(state.questions.communities(state.communities()))


@router.get("/path", summary="The shortest path between two things, through talks and topics")
def path(source: str, target: str, state: AppState = State) -> Any:
    return to_json(state.questions.path(source, target))


@router.get("/resource", summary="Everything about one resource: class, talks (in pages), mentions with sentences")
def resource(
    request: Request,
    ref: str,
    offset: int = Query(0, ge=0),
    limit: int = Query(TALKS_PAGE, ge=1, le=1000),
    state: AppState = State,
) -> Any:
    answer = state.questions.resource(ref, offset, limit)
    return with_next(request, to_json(answer), answer.next_offset)


# -- what the explorer asks while it runs ------------------------------------------------


@router.get("/suggest", summary="Typeahead: labels and aliases matching what was typed, case and accents folded")
def suggest(
    q: str = Query(..., min_length=1, max_length=200),
    limit: int = Query(10, ge=1, le=50),
    state: AppState = State,
) -> Any:
    return to_json(state.questions.suggest(q, limit))


@router.get("/edge", summary="Why two nodes are linked: the talks naming both, with the sentences naming each")
def edge(
    source: str = Query(..., description="ref of one end"),
    target: str = Query(..., description="ref of the other end"),
    state: AppState = State,
) -> Any:
    return to_json(state.questions.edge(source, target))


@router.get("/neighbours", summary="A node's heaviest neighbours and the links among them (what expand adds)")
def neighbours(
    ref: str,
    graph: Literal["entity", "talk"] = Query(
        "entity", description="entity: tools and topics by shared talks; talk: talks and what they name"
    ),
    limit: int = Query(25, ge=1, le=200),
    state: AppState = State,
) -> Any:
    return to_json(state.questions.neighbours(ref, graph, limit))


@router.get("/connection", summary="How A is connected to B: the shortest paths, each step with its evidence")
def connection(source: str, target: str, state: AppState = State) -> Any:
    return to_json(state.questions.connection(source, target))


@router.get("/profile", summary="What the vocabulary says of an entry: definition, maturity, topics, developers, tools")
def profile(ref: str, state: AppState = State) -> Any:
    return to_json(state.questions.profile(ref))
