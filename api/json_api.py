"""The JSON API under /api: the mission's questions, each answer with its evidence.

A "ref" anywhere below is an IRI, the last segment of one ("cilium"), or a
label in any case ("Cilium"); an unknown ref is a 404 that says so.
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Query, Request

from talkgraph.api.app import AppState
from talkgraph.api.urls import resource_path
from talkgraph.graph.analytics.view import Node, TalkGraph

router = APIRouter(prefix="/api", tags=["JSON API"])

ENTITY_CLASSES = ("Tool", "Project", "Topic", "Company", "Person", "Event")


def _view(request: Request) -> TalkGraph:
    state: AppState = request.app.state.talkgraph
    return state.view


def node_json(node: Node) -> dict:
    return {"iri": node.iri, "label": node.label, "class": node.cls, "page": resource_path(node.iri)}


def resolve(view: TalkGraph, ref: str, classes: tuple[str, ...] = (), what: str = "resource") -> Node:
    """The node a ref names, or 404; a blank ref names nothing (as a substring it would match anything)."""
    node = view.resolve(ref, classes) if ref.strip() else None
    if node is None:
        raise HTTPException(404, f"no {what} matches {ref!r}")
    return node


@router.get("/stats", summary="How many talks, tools, topics, companies and people the graph holds")
def stats(request: Request) -> dict:
    view = _view(request)
    counts: dict[str, int] = {}
    for node in view.nodes.values():
        counts[node.cls] = counts.get(node.cls, 0) + 1
    linked = {e for entities in view.talk_entities.values() for e in entities}
    return {"classes": dict(sorted(counts.items())), "linked_entities": len(linked), "talks": counts.get("Talk", 0)}


@router.get("/search", summary="Find talks, tools, topics, projects, companies and people by label")
def search(
    request: Request, q: str = Query(..., min_length=1, max_length=200), limit: int = Query(20, ge=1, le=200)
) -> dict:
    view = _view(request)
    folded = q.casefold()
    hits = [n for n in view.nodes.values() if folded in n.label.casefold()]
    hits.sort(
        key=lambda n: (not n.label.casefold().startswith(folded), -len(view.entity_talks.get(n.iri, ())), n.label)
    )
    return {
        "query": q,
        "results": [node_json(n) | {"talks": len(view.entity_talks.get(n.iri, ()))} for n in hits[:limit]],
    }


@router.get(
    "/cooccur", summary="Tools that co-occur with a topic or tool, ranked, with the supporting talks and sentences"
)
def cooccur(
    request: Request,
    focus: str = Query(..., description="topic or tool ref, e.g. eBPF"),
    limit: int = Query(50, ge=1, le=1000),
) -> dict:
    view = _view(request)
    node = resolve(view, focus, ("Topic", "Tool", "Project"), "topic or tool")
    ranked = view.cooccurring(node.iri)[:limit]
    return {
        "focus": node_json(node),
        "results": [
            {
                "rank": i,
                **node_json(c.entity),
                "talks": c.weight,
                "score": c.score,
                "evidence": [{"talk": node_json(e.talk), "sentences": e.sentences} for e in c.evidence],
            }
            for i, c in enumerate(ranked, start=1)
        ],
    }


@router.get("/related-topics", summary="Topics related to a talk, ranked, with their reasons")
def related_topics(request: Request, talk: str = Query(..., description="talk ref: IRI, slug or title")) -> dict:
    view = _view(request)
    node = resolve(view, talk, ("Talk",), "talk")
    return {
        "talk": node_json(node),
        "results": [
            {
                "rank": i,
                **node_json(r.topic),
                "score": r.score,
                "explicit": r.explicit,
                "reasons": r.reasons,
                "shared_tools": [node_json(t) for t in r.tools],
                "sentences": r.sentences,
            }
            for i, r in enumerate(view.related_topics(node.iri), start=1)
        ],
    }


@router.get("/talks", summary="Talks, all or those about a topic / naming a tool, project, company or person")
def talks(
    request: Request,
    topic: str | None = None,
    tool: str | None = None,
    company: str | None = None,
    person: str | None = None,
) -> dict:
    view = _view(request)
    filters = [(topic, ("Topic",)), (tool, ("Tool", "Project")), (company, ("Company",)), (person, ("Person",))]
    selected = None
    for ref, classes in filters:
        if ref is not None:
            node = resolve(view, ref, classes, classes[0].lower())
            found = {t.iri for t in view.talks_of(node.iri)}
            selected = found if selected is None else selected & found
    talk_nodes = [n for n in view.nodes.values() if n.cls == "Talk" and (selected is None or n.iri in selected)]
    results = []
    for talk in sorted(talk_nodes, key=lambda n: n.label.casefold()):
        entities = [view.nodes[e] for e in sorted(view.talk_entities.get(talk.iri, ()))]
        results.append(node_json(talk) | {"names": [node_json(e) for e in entities]})
    return {"count": len(results), "results": results}


@router.get("/companies", summary="Companies behind the tools of a topic, with those tools")
def companies(request: Request, topic: str = Query(..., description="topic ref, e.g. Observability")) -> dict:
    view = _view(request)
    node = resolve(view, topic, ("Topic",), "topic")
    return {
        "topic": node_json(node),
        "results": [
            node_json(org) | {"tools": [node_json(t) for t in tools]}
            for org, tools in view.companies_of_topic(node.iri)
        ],
    }


@router.get("/communities", summary="Communities of tools and topics (Louvain on talk co-occurrence)")
def communities(request: Request) -> dict:
    view = _view(request)
    return {
        "results": [
            {"community": i, "members": [node_json(m) for m in members]}
            for i, members in enumerate(view.communities(), start=1)
        ]
    }


@router.get("/path", summary="The shortest path between two things, through talks and topics")
def path(request: Request, source: str, target: str) -> dict:
    view = _view(request)
    a, b = resolve(view, source), resolve(view, target)
    steps = view.path(a.iri, b.iri)
    return {"source": node_json(a), "target": node_json(b), "path": [node_json(n) for n in steps], "found": bool(steps)}


@router.get("/resource", summary="Everything about one resource: class, talks, mentions with their sentences")
def resource(request: Request, ref: str) -> dict:
    view = _view(request)
    return resource_json(view, resolve(view, ref))


def resource_json(view: TalkGraph, node: Node) -> dict:
    out = node_json(node)
    if node.cls == "Talk":
        names = [view.nodes[e] for e in sorted(view.talk_entities.get(node.iri, ()))]
        out["names"] = [node_json(e) | {"sentences": view.sentences.get((node.iri, e.iri), [])} for e in names]
        out["related_topics"] = [
            {**node_json(r.topic), "score": r.score, "reasons": r.reasons} for r in view.related_topics(node.iri)
        ]
    else:
        out["talks"] = [
            node_json(t) | {"sentences": view.sentences.get((t.iri, node.iri), [])} for t in view.talks_of(node.iri)
        ]
        if node.cls in ("Tool", "Project", "Topic"):
            out["cooccurring"] = [
                {**node_json(c.entity), "talks": c.weight, "score": c.score} for c in view.cooccurring(node.iri)[:20]
            ]
    return out
