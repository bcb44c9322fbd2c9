"""How long a PyVis graph page takes to build, three ways, on random graphs of 200 to 5,000 nodes.

    (a) from_nx       pyvis Network.from_nx on a NetworkX graph whose nodes and edges already carry
                      the attributes of the page (label, title, group, colour, size, x, y, url)
    (b) add loop      Network.add_node for every node, then Network.add_edge for every edge
    (c) build_page    talkgraph.graph.analytics.viz.build_page: node and edge dicts appended to the network directly

All three make the same nodes and edges: the same tooltip text (talkgraph.graph.analytics.viz.tooltip, computed inside
the timing in every method), the same colours, and the same precomputed positions. The positions
come from talkgraph.graph.analytics.viz.layout (NetworkX spring layout), which build_page runs itself; it is timed on
its own, and build_page is timed twice: as it is (with its layout) and with layout replaced by the
precomputed positions, which is the figure to compare with (a) and (b).

The graphs are Barabási–Albert graphs (3 edges per new node, so about 3 edges per node and a few
hubs, as tools and topics have), seeded; a node is a talk three times in ten, else a tool, project,
topic or company, and an edge between a talk and anything else is a "talk names it" link in the
view, so tooltips list talks as they do on the real pages.

Repetitions are interleaved (each round runs every method, in a rotating order) and the table shows
medians. A method whose single run passes --budget seconds is not repeated further at that size
(the table says how many runs the median is of).

    .venv/bin/python benchmarks/graph_pages.py                      # 200, 1000, 5000 nodes, 5 rounds
    .venv/bin/python benchmarks/graph_pages.py --sizes 200,1000 --repeat 7
    .venv/bin/python benchmarks/graph_pages.py --layout-alternatives     # also other NetworkX layouts
    .venv/bin/python benchmarks/graph_pages.py --only-layouts --repeat 3  # only those
    .venv/bin/python benchmarks/graph_pages.py --browser --baseline 9453b32 --physics --physics-iterations 100

--browser serves the explorer page of a 5,000-node, ~15,000-edge graph (laid out once, as the app does)
from a local uvicorn with the app's own template, script and bundled vis-network, opens it in headless
Chromium (/usr/bin/chromium) and reads how long after navigation start the first frame was drawn
(graph.js stamps it on #network as data-drawn-ms; the first frame holds every node and the heaviest links,
the rest follow in batches, data-complete-ms), how long a zoom step takes to redraw, and graph.js's own
performance marks (where the time goes). The alternatives, loaded in the same run in a rotating order:
--baseline REV, the same graph's page as that git revision builds it (its viz, pages, template, script and
vis-network, taken with `git archive` and run in a child process, with the same positions), and --physics,
this page as PyVis makes it by default: no positions, physics on, drawn once vis-network's stabilisation
ends (--physics-iterations, vis-network's default is 1000).
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import networkx as nx
from fastapi import Request  # at module level: the route's annotation is resolved from the module's names
from pyvis.network import Network

import talkgraph.graph.analytics.viz as viz
from talkgraph.graph.analytics.view import Node, TalkGraph
from talkgraph.ontology import EntityClass

CLASSES = ("Talk", "Tool", "Project", "Topic", "Company")
CLASS_WEIGHTS = (3, 3, 1, 2, 1)
ID = "https://w3id.org/talkgraph/id/"


def random_view(n: int, seed: int = 7) -> tuple[nx.Graph, TalkGraph, dict[str, int]]:
    """A seeded random graph of n nodes (≈3 edges each), the TalkGraph view its tooltips read, node sizes."""
    rng = random.Random(seed)
    shape = nx.barabasi_albert_graph(n, 3, seed=seed)
    view = TalkGraph()
    names: dict[int, str] = {}
    for i in shape.nodes:
        cls = rng.choices(CLASSES, CLASS_WEIGHTS)[0]
        iri = f"{ID}{cls.lower()}/n{i}"
        label = f"{cls} {i}" if cls != "Talk" else f"Talk {i}: notes on a cloud native topic, part {i % 17}"
        view.nodes[iri] = Node(iri, label, cls)
        names[i] = iri
    graph = nx.Graph()
    graph.add_nodes_from(names.values())
    for a, b in shape.edges:
        graph.add_edge(names[a], names[b], weight=rng.randint(1, 5))
        kinds = (view.nodes[names[a]].cls, view.nodes[names[b]].cls)
        if (kinds[0] == "Talk") != (kinds[1] == "Talk"):
            talk, entity = (names[a], names[b]) if kinds[0] == "Talk" else (names[b], names[a])
            view.talk_entities[talk].add(entity)
            view.entity_talks[entity].add(talk)
    sizes = {iri: len(view.entity_talks.get(iri, ())) for iri in graph}
    return graph, view, sizes


# -- the three ways ---------------------------------------------------------------


def _network() -> Network:
    """A network set up as build_page sets it up."""
    net = Network(height="100%", width="100%", directed=False, cdn_resources="local")
    net.toggle_physics(False)
    net.options.interaction.hover = True
    net.options.interaction.navigationButtons = True
    net.options.edges.smooth = False
    return net


def _node_attributes(iri: str, view: TalkGraph, positions, sizes) -> dict:
    node = view.nodes[iri]
    x, y = positions[iri]
    linked = view.talk_entities if node.cls == EntityClass.TALK else view.entity_talks  # a talk: things it names
    return {
        "label": node.label,
        "group": node.cls,
        "color": viz.CLASS_COLORS[node.cls],
        "shape": "dot",
        "size": 10 + min(30, 3 * sizes.get(iri, 0)),
        "title": viz.tooltip(node, len(linked.get(iri, ()))),
        "x": round(x, 1),
        "y": round(y, 1),
    }


def _edge_title(view: TalkGraph, a: str, b: str, weight: int) -> str:
    return (
        f"{view.nodes[a].label} – {view.nodes[b].label}: {weight} talk{'s' * (weight != 1)} (click for the sentences)"
    )


def with_from_nx(graph: nx.Graph, view: TalkGraph, sizes, positions) -> Network:
    """(a) Network.from_nx. It rewrites the graph's attributes in place, so it gets a fresh copy; the
    copy is made inside the timing, as a caller that keeps its graph would have to."""
    annotated = nx.Graph()
    for iri in graph.nodes:
        annotated.add_node(iri, **_node_attributes(iri, view, positions, sizes))
    for a, b, data in graph.edges(data=True):
        weight = data.get("weight", 1)
        annotated.add_edge(a, b, weight=weight, title=_edge_title(view, a, b, weight))
    net = _network()
    # from_nx sizes every node that has an edge through node_size_transf and moves weight to width/value:
    # identity transform and edge_scaling=True give the "value" build_page sets
    net.from_nx(annotated, edge_scaling=True)
    return net


def with_add_loop(graph: nx.Graph, view: TalkGraph, sizes, positions) -> Network:
    """(b) Network.add_node / add_edge, one call per node and per edge."""
    net = _network()
    for iri in graph.nodes:
        attributes = _node_attributes(iri, view, positions, sizes)
        net.add_node(iri, **attributes)
    for a, b, data in graph.edges(data=True):
        weight = data.get("weight", 1)
        net.add_edge(a, b, value=weight, title=_edge_title(view, a, b, weight))
    return net


def with_build_page(graph: nx.Graph, view: TalkGraph, sizes, positions) -> Network:
    """(c) talkgraph.graph.analytics.viz.build_page with its own layout replaced by the precomputed positions."""
    real = viz.layout
    viz.layout = lambda *_: positions
    try:
        return viz.build_page("benchmark", graph, view, sizes).network
    finally:
        viz.layout = real


def with_build_page_full(graph: nx.Graph, view: TalkGraph, sizes, positions) -> Network:
    """(c) talkgraph.graph.analytics.viz.build_page as the app calls it: it computes its own layout."""
    return viz.build_page("benchmark", graph, view, sizes).network


def layout_only(graph: nx.Graph, view: TalkGraph, sizes, positions):
    return viz.layout(graph)


def _iterations(graph: nx.Graph) -> int:
    return 100 if graph.number_of_nodes() <= 300 else 40  # as talkgraph.graph.analytics.viz.layout chooses


# Other NetworkX layouts with the same iteration count, for --layout-alternatives (timings only: the
# pictures differ, so a faster one is a candidate to look at, not a drop-in replacement).
LAYOUTS: dict[str, Callable] = {
    "viz.layout": lambda g: viz.layout(g),
    "spring force": lambda g: nx.spring_layout(g, seed=7, iterations=_iterations(g), weight=None, method="force"),
    "spring energy": lambda g: nx.spring_layout(g, seed=7, iterations=_iterations(g), weight=None, method="energy"),
    "forceatlas2": lambda g: nx.forceatlas2_layout(g, seed=7, max_iter=_iterations(g), weight=None),
}

METHODS: dict[str, Callable] = {
    "layout": layout_only,
    "from_nx": with_from_nx,
    "add loop": with_add_loop,
    "build_page": with_build_page,
    "build_page+layout": with_build_page_full,
}


def check_same(graph: nx.Graph, view: TalkGraph, sizes, positions) -> list[str]:
    """The three ways must build the same page, or the comparison means nothing. Returns notes.

    Colours are left out of the comparison: pyvis's add_node (which from_nx calls too) drops a node's
    color whenever it has a group, so (a) and (b) leave colouring to the groups; build_page keeps both."""

    def key(net: Network):
        nodes = sorted((n["id"], n["label"], n["title"], n["group"], n["x"], n["y"]) for n in net.nodes)
        edges = sorted(
            (min(e["from"], e["to"]), max(e["from"], e["to"]), e.get("value"), e.get("title")) for e in net.edges
        )
        return nodes, edges

    notes = []
    reference = with_build_page(graph, view, sizes, positions)
    for name in ("from_nx", "add loop"):
        net = METHODS[name](graph, view, sizes, positions)
        if key(net) != key(reference):
            notes.append(f"warning: {name} does not build the same nodes and edges as build_page")
        if not any("color" in n for n in net.nodes):
            notes.append(f"{name}: pyvis dropped every node's color (it does when a node has a group)")
    return notes


# -- running ----------------------------------------------------------------------


def run_size(n: int, repeat: int, budget: float, check: bool) -> tuple[dict[str, list[float]], list[str]]:
    graph, view, sizes = random_view(n)
    positions = viz.layout(graph)
    notes = check_same(graph, view, sizes, positions) if check and n <= 1000 else []
    times: dict[str, list[float]] = defaultdict(list)
    stopped: set[str] = set()
    names = list(METHODS)
    for round_ in range(repeat):
        order = names[round_ % len(names) :] + names[: round_ % len(names)]
        for name in order:
            if name in stopped:
                continue
            gc.collect()
            start = time.perf_counter()
            METHODS[name](graph, view, sizes, positions)
            elapsed = time.perf_counter() - start
            times[name].append(elapsed)
            if elapsed > budget:
                stopped.add(name)
    times["_edges"] = [graph.number_of_edges()]
    return times, notes


def layout_table(sizes: list[int], repeat: int, budget: float) -> None:
    print(
        f"\nlayouts alone, median ms of up to {repeat} interleaved rounds (same iterations as talkgraph.graph.analytics.viz.layout):"
    )
    print(f"{'nodes':>6} | " + " ".join(f"{name:>14}" for name in LAYOUTS))
    for n in sizes:
        graph, _, _ = random_view(n)
        times: dict[str, list[float]] = defaultdict(list)
        names = [name for name in LAYOUTS if hasattr(nx, "forceatlas2_layout") or name != "forceatlas2"]
        for round_ in range(repeat):
            for name in names[round_ % len(names) :] + names[: round_ % len(names)]:
                if times[name] and times[name][-1] > budget:
                    continue
                start = time.perf_counter()
                LAYOUTS[name](graph)
                times[name].append(time.perf_counter() - start)
        print(
            f"{n:>6} | "
            + " ".join(
                (
                    f"{statistics.median(times[name]) * 1000:.0f}"
                    + ("" if len(times[name]) >= repeat else f" ({len(times[name])})")
                    if times[name]
                    else "—"
                ).rjust(14)
                for name in LAYOUTS
            ),
            flush=True,
        )


# -- drawing in the browser ----------------------------------------------------------------------


def _serve(app):
    """uvicorn in a thread on a free loopback port; returns (url, server, thread)."""
    import socket
    import threading

    import uvicorn

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", server, thread


def _with_physics(html: str, iterations: int) -> str:
    """The page as PyVis makes it by default: no positions, physics on, stabilised before the first frame."""
    import json
    import re

    pattern = re.compile(r'(<script id="graph-data" type="application/json">)(.*?)(</script>)', re.S)
    match = pattern.search(html)
    data = json.loads(match.group(2))
    data["options"]["physics"] = {"enabled": True, "stabilization": {"enabled": True, "iterations": iterations}}
    for node in data["nodes"]:
        node.pop("x", None)
        node.pop("y", None)
    body = json.dumps(data).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return html[: match.start(2)] + body + html[match.end(2) :]


BASELINE = r"""
import pickle, sys
from fastapi import FastAPI, Request
from fastapi.testclient import TestClient
sys.path.insert(0, sys.argv[2])
import graph_pages as bench  # this file; its talkgraph imports resolve to the baseline's tree
import talkgraph.graph.analytics.viz as viz
from talkgraph.api import pages
n, positions = pickle.load(open(sys.argv[1], "rb"))
graph, view, sizes = bench.random_view(n)
viz.layout = lambda *_: positions
page = viz.build_page(f"{n} nodes", graph, view, sizes)
app = FastAPI()
@app.get("/graph")
def graph_page(request: Request):
    return pages._graph_response(request, page)
sys.stdout.write(TestClient(app).get("/graph").text)
"""


def baseline_page(revision: str, n: int, positions: dict, workdir: Path) -> tuple[str, Path]:
    """The same graph's page as `revision` of this repository builds it (its viz, pages, template, script and
    vis-network, from `git archive`, run in a child process), and that revision's static folder."""
    import pickle
    import subprocess

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from baseline import baseline_package

    pythonpath, tree = baseline_package(revision, workdir)
    (workdir / "positions.pickle").write_bytes(pickle.dumps((n, positions)))
    html = subprocess.run(
        [sys.executable, "-c", BASELINE, str(workdir / "positions.pickle"), str(Path(__file__).parent)],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(pythonpath)},
    ).stdout
    return html.replace('"/static/', '"/before/static/'), tree / "api" / "static"


ZOOM_STEPS = """(steps) => {
  const n = window.talkgraphNetwork, times = [];
  for (let i = 0; i < steps; i++) {
    n.moveTo({ scale: n.getScale() * (i % 2 ? 1 / 1.25 : 1.25) });
    const start = performance.now();
    n.redraw();  // one whole frame, drawn synchronously
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}"""
LONG_TASKS = """window.talkgraphLongTasks = [];
new PerformanceObserver(list => list.getEntries().forEach(t => window.talkgraphLongTasks.push([t.startTime, t.duration])))
  .observe({ type: "longtask", buffered: true });"""
LONGEST_AFTER = """(after) => Math.max(0, ...window.talkgraphLongTasks.filter(t => t[0] >= after).map(t => t[1]))"""
MARKS = """() => Object.fromEntries(performance.getEntriesByType("mark").map(m => [m.name, m.startTime]))"""
PHASES = ("talkgraph:script", "talkgraph:data", "talkgraph:network", "talkgraph:drawn")


def _load(browser, url: str, complete: bool) -> dict[str, float]:
    """Open the page once; when it drew its first frame (ms after navigation start), and if `complete`, when
    it had every link, one zoom step's frame, the HTML's arrival and graph.js's own marks."""
    tab = browser.new_page(viewport={"width": 1280, "height": 900})
    tab.add_init_script(LONG_TASKS)
    try:
        tab.goto(url, timeout=600_000)  # physics stabilises before the load event
        tab.wait_for_selector("#network[data-drawn-ms]", timeout=600_000)
        out = {"drawn": float(tab.get_attribute("#network", "data-drawn-ms"))}
        if complete:
            tab.wait_for_selector("#network[data-complete-ms]", timeout=600_000)
            out["complete"] = float(tab.get_attribute("#network", "data-complete-ms"))
            out["blocked"] = tab.evaluate(LONGEST_AFTER, out["drawn"])
            out["zoom"] = tab.evaluate(ZOOM_STEPS, 8)
            out["html"] = tab.evaluate("() => performance.getEntriesByType('navigation')[0].responseEnd")
            out.update(tab.evaluate(MARKS))
        return out
    finally:
        tab.close()


def _endpoint(render: Callable):
    def endpoint(request: Request):
        return render(request)

    return endpoint


def browser_table(
    sizes: list[int], repeat: int, physics_iterations: int, chromium: str, baseline: str | None, physics: bool
) -> None:
    import tempfile

    import httpx
    from fastapi import FastAPI
    from fastapi.responses import HTMLResponse
    from fastapi.staticfiles import StaticFiles
    from playwright.sync_api import sync_playwright

    from talkgraph.api import pages
    from talkgraph.api.app import STATIC

    modes = ["now"] + (["before"] if baseline else []) + (["physics"] if physics else [])
    print(f"explorer page in headless Chromium ({chromium}); median of {repeat} interleaved loads per page, ms after")
    print(f"navigation start; now: this tree; before: {baseline or '-'} (--baseline); physics: this page as PyVis")
    print(f"makes it by default (no positions, vis-network's physics, {physics_iterations} stabilisation iterations)")
    for n in sizes:
        graph, view, node_sizes = random_view(n)
        start = time.perf_counter()
        page = viz.build_page(f"{n} nodes", graph, view, node_sizes)  # computed once, then cached by the app
        layout_s = time.perf_counter() - start
        positions = {node["id"]: (node["x"], node["y"]) for node in page.network.nodes}
        app = FastAPI()
        app.mount("/static", StaticFiles(directory=STATIC), name="static")
        served = {"now": lambda request: pages._graph_response(request, page)}
        with tempfile.TemporaryDirectory() as workdir:
            if baseline:
                before, static = baseline_page(baseline, n, positions, Path(workdir))
                app.mount("/before/static", StaticFiles(directory=static), name="before")
                served["before"] = lambda request: HTMLResponse(before)
            if physics:
                served["physics"] = lambda request: HTMLResponse(
                    _with_physics(pages._graph_response(request, page).body.decode(), physics_iterations)
                )
            for mode, render in served.items():
                app.add_api_route(f"/{mode}", _endpoint(render))
            url, server, thread = _serve(app)  # before Playwright: its loop and uvicorn's do not share a thread
            playwright = sync_playwright().start()
            browser = playwright.chromium.launch(executable_path=chromium, headless=True, args=["--no-sandbox"])
            size_kb = {mode: len(httpx.get(f"{url}/{mode}").content) / 1000 for mode in modes}
            runs: dict[str, list[dict[str, float]]] = defaultdict(list)
            for round_ in range(repeat):
                for mode in modes[round_ % len(modes) :] + modes[: round_ % len(modes)]:
                    runs[mode].append(_load(browser, f"{url}/{mode}", complete=mode != "physics"))
            browser.close()
            playwright.stop()
            server.should_exit = True
            thread.join(timeout=10)

        def median(mode: str, key: str) -> float:
            values = [run[key] for run in runs[mode] if key in run]
            return statistics.median(values) if values else float("nan")

        print(
            f"\n{n} nodes, {graph.number_of_edges()} edges; layout and page built once on the server: {layout_s:.1f} s"
        )
        print(
            f"{'page':>8} {'HTML kB':>8} | {'first frame':>11} {'÷ now':>6} | {'all links':>9} {'longest task':>12} "
            f"{'zoom frame':>10}"
        )
        for mode in modes:
            print(
                f"{mode:>8} {size_kb[mode]:>8.0f} | {median(mode, 'drawn'):>11.0f} "
                f"{median(mode, 'drawn') / median('now', 'drawn'):>5.1f}x | {median(mode, 'complete'):>9.0f} "
                f"{median(mode, 'blocked'):>12.0f} {median(mode, 'zoom'):>10.0f}",
                flush=True,
            )
        phases = ["html"] + [p for p in PHASES if runs["now"] and p in runs["now"][0]]
        print(
            "now, by phase (median ms after navigation start): "
            + ", ".join(f"{p.removeprefix('talkgraph:')} {median('now', p):.0f}" for p in phases)
        )
    print("first frame: every node and the heaviest links drawn; all links: the rest added, a few thousand at a")
    print("time; longest task: the longest the page could not answer input after its first frame, until it had")
    print("every link; zoom frame: one frame drawn after zooming in or out by 25 % (median of 8).")
    print("phases: html = the page received; script = graph.js starts (vis-network loaded); data = its data")
    print("prepared; network = vis-network built; drawn = the first frame.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="200,1000,5000", help="numbers of nodes, comma-separated")
    parser.add_argument("--repeat", type=int, default=5, help="interleaved rounds (median reported)")
    parser.add_argument(
        "--budget",
        type=float,
        default=30.0,
        help="seconds: a method whose one run takes longer is not repeated at that size",
    )
    parser.add_argument("--no-check", action="store_true", help="skip checking that the three ways agree")
    parser.add_argument(
        "--layout-alternatives",
        action="store_true",
        help="also time other NetworkX layouts (spring force/energy, forceatlas2) on the same graphs",
    )
    parser.add_argument("--only-layouts", action="store_true", help="just the --layout-alternatives table")
    parser.add_argument("--browser", action="store_true", help="only the draw time in headless Chromium")
    parser.add_argument("--browser-sizes", default="5000", help="numbers of nodes for --browser")
    parser.add_argument("--baseline", help="--browser: also the page as this git revision builds it (before/after)")
    parser.add_argument("--physics", action="store_true", help="--browser: also PyVis's default, physics on")
    parser.add_argument("--physics-iterations", type=int, default=1000, help="vis-network stabilisation, --physics")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    if args.browser:
        sizes = [int(s) for s in args.browser_sizes.split(",")]
        browser_table(sizes, args.repeat, args.physics_iterations, args.chromium, args.baseline, args.physics)
        return
    if args.only_layouts:
        layout_table([int(s) for s in args.sizes.split(",")], args.repeat, args.budget)
        return
    print(
        f"python {sys.version.split()[0]}, networkx {nx.__version__}, pyvis {__import__('pyvis').__version__}; "
        f"median of up to {args.repeat} interleaved rounds, ms"
    )
    header = (
        f"{'nodes':>6} {'edges':>6} | {'layout':>11} | {'from_nx':>11} {'add loop':>11} {'build_page':>11} | "
        f"{'from_nx/bp':>10} {'loop/bp':>9} | {'build_page+layout':>17} {'layout share':>12}"
    )
    print(header)
    print("-" * len(header))
    notes: list[str] = []
    for n in (int(s) for s in args.sizes.split(",")):
        times, found = run_size(n, args.repeat, args.budget, not args.no_check)
        notes += [f for f in found if f not in notes]
        med = {k: statistics.median(v) * 1000 for k, v in times.items() if not k.startswith("_")}

        def cell(name: str, width: int) -> str:
            runs = len(times[name])
            mark = "" if runs >= args.repeat else f" ({runs})"
            value = med[name]
            return ((f"{value:.1f}" if value < 100 else f"{value:.0f}") + mark).rjust(width)

        bp = med["build_page"]
        print(
            f"{n:>6} {times['_edges'][0]:>6} | {cell('layout', 11)} | {cell('from_nx', 11)} {cell('add loop', 11)} "
            f"{cell('build_page', 11)} | {med['from_nx'] / bp:>9.1f}x {med['add loop'] / bp:>8.1f}x | "
            f"{cell('build_page+layout', 17)} {med['layout'] / med['build_page+layout']:>11.0%}",
            flush=True,
        )
    print("(n) after a figure: the median of only n runs (one run took longer than --budget).")
    print("from_nx/bp, loop/bp: times build_page without its layout; layout share: layout / build_page+layout.")
    for note in notes:
        print("note:", note)
    if args.layout_alternatives:
        layout_table([int(s) for s in args.sizes.split(",")], args.repeat, args.budget)


if __name__ == "__main__":
    main()
