"""Interactive graph pages: NetworkX graphs → PyVis networks with fixed positions.

PyVis supplies the network model and vis-network options; we feed it node
dicts directly (its add_node/from_nx cost seconds on thousands of nodes),
compute positions once with NetworkX so the browser draws at once instead of
simulating physics, and keep tooltips as plain text: the page template turns
each title into a text node, so nothing from the notes is ever parsed as HTML.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import networkx as nx
from pyvis.network import Network

from talkgraph.graph.analytics.view import Node, NodeIndex, TalkGraph
from talkgraph.ontology import SOFTWARE, EntityClass

CLASS_COLORS = {
    EntityClass.TALK: "#f2a541",
    EntityClass.TOOL: "#4c8bf5",
    EntityClass.PROJECT: "#2bb0a6",
    EntityClass.TOPIC: "#9b59b6",
    EntityClass.COMPANY: "#e55b5b",
    EntityClass.PERSON: "#7f8c8d",
    EntityClass.EVENT: "#34495e",
}
# An unvetted tool (graph/linking/unvetted.py) is drawn with a dashed, thicker border (a shape, not a colour,
# so it reads in either colouring and without colour vision) and says so in its tooltip.
UNVETTED_NOTE = "unvetted: found in the notes, not in the vocabulary"
UNVETTED_STYLE = {"curated": False, "borderWidth": 3, "shapeProperties": {"borderDashes": [6, 4]}}
Links = Sequence[tuple[str, str, int]]  # (iri, iri, weight)
Positions = dict[str, tuple[float, float]]
CANVAS = 900  # layout coordinates span about this many pixels
COMMUNITY_COLORS = (
    "#4c8bf5", "#e55b5b", "#2bb0a6", "#f2a541", "#9b59b6", "#34495e", "#e67e22", "#16a085",
    "#c0392b", "#7f8c8d", "#d35400", "#2980b9",
)  # fmt: skip
BIG = 2000  # links: above this a page is big (see GraphPage.big)
LISTED_TALKS = 3  # talks a node's full tooltip lists (fetched when the node is hovered or selected)
OVERVIEW_NODES = 2000  # the overview draws at most this many nodes, the most central; the rest are found or expanded
FAINT = "rgba(120,130,145,0.18)"  # links that do not touch the focus, on a focused page
EDGE_COLOR = "rgba(90,100,120,0.55)"
# vis-network draws a label at font size × zoom and hides it below drawThreshold − 1 px, so no label is
# ever drawn smaller than 10 px. The page's script applies the scaling's sizes itself (vis-network's own
# `value` scaling redoes every node on each change): the biggest nodes get the biggest labels and are the
# ones still labelled when zoomed out.
READABLE = {
    "nodes": {
        "shape": "dot",
        "scaling": {"min": 8, "max": 30, "label": {"enabled": True, "min": 14, "max": 30, "maxVisible": 24,
                                                    "drawThreshold": 11}},
        "font": {"strokeWidth": 3, "strokeColor": "#ffffff"},
    },
    "edges": {"smooth": False, "color": {"color": EDGE_COLOR, "inherit": False}, "scaling": {"min": 1, "max": 8}},
    "interaction": {"hover": True, "navigationButtons": True, "keyboard": {"enabled": True, "bindToWindow": False},
                    "tooltipDelay": 250, "multiselect": False, "hideEdgesOnDrag": False, "hideEdgesOnZoom": False},
    "physics": {"enabled": False, "stabilization": {"enabled": False, "fit": False}},  # the script zooms itself
}  # fmt: skip


@dataclass
class GraphPage:
    title: str
    network: Network
    legend: dict[str, str]
    focus: str | None = None  # the node the page is about, drawn at the centre
    expand_graph: str = "entity"  # where double-click looks for neighbours: entity or talk graph
    big: bool = False  # more links than BIG: no hover titles on links, links hidden while dragging or zooming
    shown_of: tuple[int, int] | None = None  # (drawn, of how many) when the page draws the most central only
    rendered: dict = field(default_factory=dict)  # what the pages made of it once (it does not change)

    @property
    def node_count(self) -> int:
        return len(self.network.nodes)


def edge_id(a: str, b: str) -> str:
    """One id per link whichever way it is written, the same on the server and in the page's script."""
    return f"{min(a, b)} {max(a, b)}"


def build_page(
    title: str,
    graph: nx.Graph,
    view: TalkGraph,
    sizes: dict[str, int] | None = None,
    focus: str | None = None,
    expand_graph: str = "entity",
    placed: Positions | None = None,
    communities: dict[str, int] | None = None,
) -> GraphPage:
    """The page of `graph`, laid out here, or where `placed` puts its nodes (the others beside them); coloured
    by `communities` (community_of(graph), computed here when not given)."""
    net = Network(height="100%", width="100%", directed=False, cdn_resources="local")
    net.toggle_physics(False)  # positions are computed here; physics would re-simulate them in the browser
    net.options.interaction.hover = True
    net.options.interaction.navigationButtons = True
    net.options.edges.smooth = False
    positions = layout(graph, focus) if placed is None else beside(graph, placed)
    if communities is None:
        communities = community_of(graph)
    strength = dict(graph.degree(weight="weight"))
    counts = view.talk_counts(iri for iri in graph.nodes if view.nodes[iri].cls != EntityClass.TALK)
    for iri in graph.nodes:
        node = view.nodes[iri]
        x, y = positions[iri]
        talks = counts[iri] if node.cls != EntityClass.TALK else len(view.talk_entities.get(iri, ()))
        net.nodes.append(
            {
                "id": iri,
                "label": node.label,
                "group": node.cls,  # coloured by its group in the options, not one colour per node
                "weight": round(math.log1p((sizes or {}).get(iri, talks)), 3),  # log: one hub does not shrink the rest
                "talks": talks,
                "links": round(math.log1p(strength.get(iri, 0)), 3),  # weighted degree, as a log like value
                "community": communities.get(iri, 0),
                "title": tooltip(node, talks),
                "x": round(x, 1),
                "y": round(y, 1),
                **({} if node.curated else UNVETTED_STYLE),
            }
        )
    net.node_ids = [n["id"] for n in net.nodes]
    for a, b, data in graph.edges(data=True):
        edge = {"id": edge_id(a, b), "from": a, "to": b, "talks": data.get("weight", 1)}
        if focus is not None and focus not in (a, b):  # thin and pale whatever its weight
            edge.update(color=FAINT, faint=True)
        net.edges.append(edge)
    legend = {str(cls): color for cls, color in CLASS_COLORS.items() if any(n["group"] == cls for n in net.nodes)}
    return GraphPage(title, net, legend, focus, expand_graph, big=graph.number_of_edges() > BIG)


def page_options(page: GraphPage) -> dict:
    """PyVis's options for the page with ours for reading and navigating laid over them."""
    ours = {**READABLE, "groups": {cls: {"color": color} for cls, color in CLASS_COLORS.items()}}
    if page.big:
        ours = _merged(ours, {"interaction": {"hideEdgesOnDrag": True, "hideEdgesOnZoom": True}})
    return _merged(json.loads(page.network.options.to_json()), ours)


def _merged(base: dict, over: dict) -> dict:
    out = dict(base)
    for key, value in over.items():
        out[key] = _merged(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def to_networkx(nodes: list[dict], edges: list[dict]) -> nx.Graph:
    """A drawn view as a NetworkX graph with its labels, classes and positions, for GraphML and GEXF."""
    graph = nx.Graph()
    for n in nodes:
        graph.add_node(
            n["id"], label=n["label"], kind=str(n["group"]), talks=n["talks"], community=n["community"],
            x=float(n["x"]), y=float(n["y"]), curated=n.get("curated", True),
        )  # fmt: skip
    for e in edges:
        graph.add_edge(e["from"], e["to"], weight=int(e["talks"]))
    return graph


def community_of(graph: nx.Graph) -> dict[str, int]:
    """Louvain communities of the drawn graph (seeded), numbered from 1 by size; 0 for lone nodes."""
    if graph.number_of_edges() == 0:
        return {}
    found = nx.community.louvain_communities(graph, weight="weight", seed=7)
    ordered = sorted(found, key=lambda c: (-len(c), min(c)))
    return {n: i for i, members in enumerate(ordered, 1) for n in members if len(members) > 1}


def with_neighbours(graph: nx.Graph, links: Links) -> nx.Graph:
    """The graph with the links (and so the nodes) double-click added: a permalink rebuilds expansions."""
    if not links:
        return graph
    grown = nx.Graph(graph)
    for a, b, weight in links:
        if not grown.has_edge(a, b):
            grown.add_edge(a, b, weight=weight)
    return grown


def positions_of(page: GraphPage) -> Positions:
    return {node["id"]: (node["x"], node["y"]) for node in page.network.nodes}


def beside(graph: nx.Graph, placed: Positions) -> Positions:
    """The placed nodes where they are, each other node on a ring around a neighbour placed before it (as
    the page's script places what a double-click adds): a permalink's expansions cost no new layout."""
    positions = {n: placed[n] for n in graph if n in placed}
    waiting = sorted(n for n in graph if n not in placed)
    while waiting:
        rings: dict[str, list[str]] = {}
        for node in waiting:
            anchors = sorted(n for n in graph[node] if n in positions)
            if anchors:
                rings.setdefault(anchors[0], []).append(node)
        if not rings:  # nothing placed is linked to the rest: around the middle
            rings = {"": waiting}
        for anchor, ring in rings.items():
            cx, cy = positions.get(anchor, (0.0, 0.0))
            radius = 160 + 6 * len(ring)
            for i, node in enumerate(ring):
                angle = 2 * math.pi * i / len(ring)
                positions[node] = (cx + radius * math.cos(angle), cy + radius * math.sin(angle))
        waiting = [n for n in waiting if n not in positions]
    return positions


def layout(graph: nx.Graph, focus: str | None = None) -> Positions:
    """Positions computed once: force-directed for the largest component over the canvas, the
    small components (a topic only one talk names) in rows beneath it instead of flung to the edges;
    the focus, if any, at the centre."""
    if graph.number_of_nodes() == 0:
        return {}
    if focus is not None and focus in graph:
        return radial(graph, focus)
    return _spread(graph)


def radial(graph: nx.Graph, focus: str) -> dict[str, tuple[float, float]]:
    """The focus at the centre, each step away on a ring of its own, the heaviest links first
    around each ring: a neighbourhood reads from the middle outwards, with no node flung away."""
    positions = {focus: (0.0, 0.0)}
    distance = nx.single_source_shortest_path_length(graph, focus)
    rings: dict[int, list[str]] = {}
    for node, steps in distance.items():
        if steps:
            rings.setdefault(steps, []).append(node)
    unreachable = [n for n in graph if n not in distance]
    if unreachable:
        rings[max(rings, default=0) + 1] = unreachable
    radius = 0.0
    for steps in sorted(rings):
        ring = sorted(rings[steps], key=lambda n: (-graph.degree(n, weight="weight"), n))
        # room for about 90 px of node and label per place, never closer to the previous ring than 220 px
        radius = max(radius + 220, len(ring) * 90 / (2 * math.pi))
        for i, node in enumerate(ring):
            angle = 2 * math.pi * i / len(ring) - math.pi / 2
            positions[node] = (radius * math.cos(angle), radius * math.sin(angle))
    return positions


def _spread(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    components = sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c[0]))
    main = graph.subgraph(components[0])
    # Each iteration costs O(nodes²) for small graphs and about 0.7 s at 5,000 nodes: fewer for big ones.
    iterations = 100 if main.number_of_nodes() <= 300 else max(15, 12_000 // main.number_of_nodes())
    spread = 2.0 / math.sqrt(main.number_of_nodes())  # more room than networkx's default 1/sqrt(n)
    positions = {
        n: (float(x), float(y))
        for n, (x, y) in nx.spring_layout(main, seed=7, iterations=iterations, k=spread, scale=CANVAS).items()
    }
    per_row = 12
    for slot, component in enumerate(components[1:]):
        centre_x = -CANVAS + (slot % per_row) * (2 * CANVAS / per_row)
        centre_y = CANVAS * 1.2 + (slot // per_row) * 120
        if len(component) == 1:
            positions[component[0]] = (centre_x, centre_y)
        else:
            small = nx.spring_layout(graph.subgraph(component), seed=7, scale=40, center=(centre_x, centre_y))
            positions.update({n: (float(x), float(y)) for n, (x, y) in small.items()})
    return positions


def tooltip(node: Node, talks: int, named: list[str] | None = None) -> str:
    """Plain text shown on hover (never HTML), from what the page knows already: what a node is and how many talks
    name it (for a talk: how many things it names, and which when `named` gives their labels). What needs the store
    (full_tooltip) is fetched when the node is hovered or selected: listing every node's talks at page build cost
    22 s of the first /graph/around at 100,000 talks."""
    lines = [node.label, node.cls] if node.curated else [node.label, node.cls, UNVETTED_NOTE]
    if node.cls != EntityClass.TALK:
        lines.append(f"named in {talks} talk{'s' * (talks != 1)}")
    else:
        lines.append(f"names {talks}" + (": " + ", ".join(named[:12]) if named is not None else ""))
    return "\n".join(lines)


def full_tooltip(node: Node, view: TalkGraph, first_talks: list[Node] | None = None, talks: int | None = None) -> str:
    """The tooltip with what the store says: the first LISTED_TALKS talks (by title) naming an entity (or person),
    `first_talks` when they are known already (`talks`, how many name it, when counted already), or the first 12
    things (by label) a talk names."""
    if node.cls != EntityClass.TALK:
        if first_talks is None:
            first_talks = view.first_talks(node.iri, LISTED_TALKS)
        listed = [f"• {t.label}" for t in first_talks[:LISTED_TALKS]]
        counted = view.talk_counts([node.iri])[node.iri] if talks is None else talks
        return "\n".join([tooltip(node, counted), *listed])
    iris = set(view.talk_entities.get(node.iri, ()))
    found = view.nodes.many(iris) if isinstance(view.nodes, NodeIndex) else {i: view.nodes[i] for i in iris}
    return tooltip(node, len(iris), sorted(n.label for n in found.values()))


# -- the three pages ------------------------------------------------------------


OVERVIEW_CLASSES = (*SOFTWARE, EntityClass.TOPIC)
OVERVIEW_TITLE = "The tool and topic graph"


@dataclass(frozen=True)
class OverviewLayout:
    """The overview's drawn graph, its positions and its colouring: the costly part of the page (seconds at
    100,000 talks), plain data so that a process of its own can compute it (graph/analytics/background.py)."""

    nodes: list[str]  # in the graph's order, which the page keeps
    links: list[tuple[str, str, int]]
    positions: Positions
    communities: dict[str, int]  # community_of the drawn graph
    total: int  # nodes there are of the classes, of which `nodes` are the most central
    limit: int

    def graph(self) -> nx.Graph:
        """The drawn graph again, nodes and links in their order (a copy's: the page comes out the same)."""
        graph = nx.Graph()
        graph.add_nodes_from(self.nodes)
        graph.add_weighted_edges_from(self.links)
        return graph


def overview_graph(
    view: TalkGraph, classes: tuple[str, ...], min_weight: int = 1, limit: int = OVERVIEW_NODES
) -> tuple[nx.Graph, int]:
    """Every tool and topic (or the given classes) linked by the talks that name both, or the `limit` most
    central of them; and how many there are in all."""
    full = view.entity_graph()
    keep = [n for n in full.nodes if view.nodes[n].cls in classes]
    graph = full.subgraph(keep).copy()
    graph.remove_edges_from([(a, b) for a, b, w in graph.edges(data="weight") if w < min_weight])
    graph.remove_nodes_from([n for n in list(graph.nodes) if graph.degree(n) == 0 and min_weight > 1])
    total = graph.number_of_nodes()
    if total > limit:
        graph = graph.subgraph(most_central(graph, limit)).copy()
    return graph, total


def lay_out_overview(
    view: TalkGraph, classes: tuple[str, ...] = OVERVIEW_CLASSES, min_weight: int = 1, limit: int = OVERVIEW_NODES
) -> OverviewLayout:
    graph, total = overview_graph(view, classes, min_weight, limit)
    links = [(a, b, int(w)) for a, b, w in graph.edges(data="weight", default=1)]
    return OverviewLayout(list(graph.nodes), links, layout(graph), community_of(graph), total, limit)


def overview_page(
    view: TalkGraph,
    classes: tuple[str, ...] = OVERVIEW_CLASSES,
    min_weight: int = 1,
    extra: Links = (),
    limit: int = OVERVIEW_NODES,
    placed: Positions | None = None,
    laid_out: OverviewLayout | None = None,
) -> GraphPage:
    """Every tool and topic (or the given classes), linked by the talks that name both, or the `limit`
    most central of them; `extra` holds the links of nodes expanded in the page (here and in the two
    other pages), so what search or a double-click added stays in a permalink; `placed`, the positions of
    the page without them, so that they cost no new layout; `laid_out`, the page's layout made already
    (lay_out_overview, perhaps in another process)."""
    if extra or placed is not None:
        graph, total = overview_graph(view, classes, min_weight, limit)
        page = build_page(OVERVIEW_TITLE, with_neighbours(graph, extra), view, placed=placed)
    else:
        laid_out = laid_out or lay_out_overview(view, classes, min_weight, limit)
        total = laid_out.total
        page = build_page(
            OVERVIEW_TITLE, laid_out.graph(), view, placed=laid_out.positions, communities=laid_out.communities
        )
    page.shown_of = (limit, total) if total > limit else None
    return page


def most_central(graph: nx.Graph, limit: int) -> list[str]:
    """The `limit` nodes of highest weighted degree (the talks each shares with the others), ties by IRI.

    Weighted degree because it is exact, deterministic and linear in the links (betweenness, the other
    centrality the analytics compute, costs O(nodes × links), too much for a page built at start), it
    counts a pair once per talk that names both where unweighted degree counts it once, and it is the
    page's "size by links", so the nodes drawn are the biggest ones in that mode."""
    strength = graph.degree(weight="weight")
    return sorted(graph, key=lambda n: (-strength[n], n))[:limit]


def neighbourhood_page(view: TalkGraph, center: Node, radius: int = 1, extra: Links = ()) -> GraphPage:
    """A talk, tool, topic, project or company with everything one step (or radius steps) away."""
    graph = with_neighbours(view.around(center.iri, radius), extra)
    counts = view.talk_counts(n for n in graph if view.nodes[n].cls != EntityClass.TALK)
    biggest = max((counts.get(n, 0) for n in graph), default=1)
    return build_page(
        f"Around {center.label}", graph, view, {center.iri: biggest}, focus=center.iri, expand_graph="talk"
    )


def cooccurrence_page(view: TalkGraph, focus: Node, limit: int = 40, extra: Links = ()) -> GraphPage:
    """The tools that co-occur with a topic or tool, edge weight = talks naming both."""
    graph = nx.Graph()
    graph.add_node(focus.iri)
    ranked = view.cooccurring(focus.iri)[:limit]
    for co in ranked:
        graph.add_edge(focus.iri, co.entity.iri, weight=co.weight)
    members = [c.entity.iri for c in ranked]
    entity_graph = view.entity_graph()
    for i, a in enumerate(members):
        for b in members[i + 1 :]:
            if entity_graph.has_edge(a, b):
                graph.add_edge(a, b, weight=entity_graph[a][b]["weight"])
    sizes = {c.entity.iri: c.weight for c in ranked}
    sizes[focus.iri] = max(sizes.values(), default=1)
    return build_page(f"Co-occurring with {focus.label}", with_neighbours(graph, extra), view, sizes, focus=focus.iri)
