"""Interactive graph pages: NetworkX graphs → PyVis networks with fixed positions.

PyVis supplies the network model and vis-network options; we feed it node
dicts directly (its add_node/from_nx cost seconds on thousands of nodes),
compute positions once with NetworkX so the browser draws at once instead of
simulating physics, and keep tooltips as plain text: the page template turns
each title into a text node, so nothing from the notes is ever parsed as HTML.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import networkx as nx
from pyvis.network import Network

from talkgraph.graph.analytics.view import Node, TalkGraph

CLASS_COLORS = {
    "Talk": "#f2a541",
    "Tool": "#4c8bf5",
    "Project": "#2bb0a6",
    "Topic": "#9b59b6",
    "Company": "#e55b5b",
    "Person": "#7f8c8d",
    "Event": "#34495e",
}
CANVAS = 900  # layout coordinates span about this many pixels


@dataclass
class GraphPage:
    title: str
    network: Network
    legend: dict[str, str]

    @property
    def node_count(self) -> int:
        return len(self.network.nodes)


def build_page(title: str, graph: nx.Graph, view: TalkGraph, sizes: dict[str, int] | None = None) -> GraphPage:
    net = Network(height="100%", width="100%", directed=False, cdn_resources="local")
    net.toggle_physics(False)  # positions are computed here; physics would re-simulate them in the browser
    net.options.interaction.hover = True
    net.options.interaction.navigationButtons = True
    net.options.edges.smooth = False
    positions = layout(graph)
    for iri in graph.nodes:
        node = view.nodes[iri]
        x, y = positions[iri]
        net.nodes.append(
            {
                "id": iri,
                "label": node.label,
                "group": node.cls,
                "color": CLASS_COLORS[node.cls],
                "shape": "dot",
                "size": 10 + min(30, 3 * (sizes or {}).get(iri, 0)),
                "title": tooltip(node, view),
                "x": round(x, 1),
                "y": round(y, 1),
            }
        )
    net.node_ids = [n["id"] for n in net.nodes]
    for a, b, data in graph.edges(data=True):
        weight = data.get("weight", 1)
        net.edges.append(
            {
                "from": a,
                "to": b,
                "value": weight,
                "title": f"{view.nodes[a].label} – {view.nodes[b].label}: {weight} talk{'s' * (weight != 1)}",
            }
        )
    legend = {cls: color for cls, color in CLASS_COLORS.items() if any(n["group"] == cls for n in net.nodes)}
    return GraphPage(title, net, legend)


def layout(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    """Positions computed once: force-directed for the largest component over the canvas, the
    small components (a topic only one talk names) in rows beneath it instead of flung to the edges."""
    if graph.number_of_nodes() == 0:
        return {}
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


def tooltip(node: Node, view: TalkGraph) -> str:
    """Plain text shown on hover (never HTML)."""
    talks = view.talks_of(node.iri)
    lines = [node.label, node.cls]
    if node.cls != "Talk":
        lines.append(f"named in {len(talks)} talk{'s' * (len(talks) != 1)}")
        lines += [f"• {t.label}" for t in talks[:5]]
    else:
        named = sorted(view.nodes[e].label for e in view.talk_entities.get(node.iri, ()))
        lines.append(f"names {len(named)}: " + ", ".join(named[:12]))
    return "\n".join(lines)


# -- the three pages ------------------------------------------------------------


def overview_page(
    view: TalkGraph, classes: tuple[str, ...] = ("Tool", "Project", "Topic"), min_weight: int = 1
) -> GraphPage:
    """Every tool and topic (or the given classes), linked by the talks that name both."""
    full = view.entity_graph()
    keep = [n for n in full.nodes if view.nodes[n].cls in classes]
    graph = full.subgraph(keep).copy()
    graph.remove_edges_from([(a, b) for a, b, w in graph.edges(data="weight") if w < min_weight])
    graph.remove_nodes_from([n for n in list(graph.nodes) if graph.degree(n) == 0 and min_weight > 1])
    sizes = {n: len(view.entity_talks[n]) for n in graph}
    return build_page("The tool and topic graph", graph, view, sizes)


def neighbourhood_page(view: TalkGraph, center: Node, radius: int = 1) -> GraphPage:
    """A talk, tool, topic, project or company with everything one step (or radius steps) away."""
    full = view.talk_graph()
    if center.iri in full:
        graph = nx.ego_graph(full, center.iri, radius=radius)  # a copy: the view's graph stays as it is
    else:
        graph = nx.Graph()
        graph.add_node(center.iri)
    sizes = {n: len(view.entity_talks.get(n, ())) for n in graph}
    sizes[center.iri] = 8
    return build_page(f"Around {center.label}", graph, view, sizes)


def cooccurrence_page(view: TalkGraph, focus: Node, limit: int = 40) -> GraphPage:
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
    sizes[focus.iri] = 8
    return build_page(f"Co-occurring with {focus.label}", graph, view, sizes)
