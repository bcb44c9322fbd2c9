"""The explorer as a user drives it in headless Chromium: search, evidence of a link, expand, filters,
permalinks, exports, paths, legible labels, a phone's width, the keyboard and axe-core."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

import networkx as nx
import pytest

from talkgraph.api.app import create_app
from talkgraph.api.settings import Settings
from talkgraph.graph.analytics.viz import edge_id
from tests.big_graph import label, star_store, tool
from tests.browser.conftest import PageProbe
from tests.conftest import LiveServer

pytestmark = pytest.mark.browser

ID = "https://w3id.org/talkgraph/id/"
CILIUM, HELM, EBPF, FALCO = ID + "tool/cilium", ID + "tool/helm", ID + "topic/ebpf", ID + "tool/falco"
AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"


def explore(probe: PageProbe, url: str):
    page = probe.page
    page.goto(url)
    page.wait_for_selector("#network[data-ready]", timeout=15_000)
    page.locator("#network").scroll_into_view_if_needed()  # a click focuses it, which would scroll it
    return page


def visible_nodes(page) -> list[str]:
    return page.evaluate("() => window.talkgraphNetwork.body.nodeIndices.slice().sort()")


def visible_edges(page) -> list[str]:
    return page.evaluate("() => window.talkgraphNetwork.body.edgeIndices.slice().sort()")


def screen_point(page, iri: str, towards: str | None = None, share: float = 0.0) -> tuple[float, float]:
    """Where a node is on the screen, or a point `share` of the way from it towards another."""
    point = page.evaluate(
        """([a, b, t]) => { const n = window.talkgraphNetwork; const p = n.getPosition(a);
             const q = b ? n.getPosition(b) : p;
             return n.canvasToDOM({x: p.x + (q.x - p.x) * t, y: p.y + (q.y - p.y) * t}); }""",
        [iri, towards, share],
    )
    box = page.locator("#network").bounding_box()
    return box["x"] + point["x"], box["y"] + point["y"]


def search(page, typed: str, expected: str) -> None:
    page.fill("#explore-search", typed)
    first = page.locator("#explore-suggestions [role=option]").first
    first.wait_for(timeout=10_000)
    assert first.inner_text().startswith(expected)
    page.press("#explore-search", "Enter")
    page.wait_for_function("e => document.querySelector('#details h2')?.textContent === e", arg=expected)


def test_typing_in_search_selects_and_centres_the_node(probe, server):
    page = explore(probe, server.url + "/graph")
    search(page, "kübernetes", "Kubernetes")
    search(page, "cili", "Cilium")
    assert page.evaluate("() => window.talkgraphNetwork.getSelectedNodes()") == [CILIUM]
    box = page.locator("#network").bounding_box()
    x, y = screen_point(page, CILIUM)
    assert abs(x - (box["x"] + box["width"] / 2)) < 2 and abs(y - (box["y"] + box["height"] / 2)) < 2
    assert "Named in" in page.locator("#details").inner_text()
    assert "select=" + quote(CILIUM, safe="") in page.url
    assert probe.errors == [] and probe.blocked == []


def test_clicking_a_link_shows_the_sentences_behind_it(probe, server):
    page = explore(probe, server.url + "/graph/cooccur?focus=eBPF")
    page.uncheck("#show-others")  # only the links of the focus remain
    page.mouse.click(*screen_point(page, EBPF, CILIUM, 0.45))
    page.wait_for_selector("#details .evidence li", timeout=10_000)
    assert page.locator("#details h2").inner_text() == "eBPF – Cilium"
    both = page.evaluate("() => fetch('/api/talks?topic=eBPF&tool=Cilium').then(r => r.json()).then(b => b.count)")
    assert page.locator("#details .explanation").inner_text() == f"{both} talks name both" and both >= 2
    quotes = page.locator("#details .evidence blockquote").all_inner_texts()
    assert any("cilium" in q.casefold() for q in quotes)
    assert probe.errors == [] and probe.blocked == []


def test_double_click_adds_the_neighbours_and_undo_removes_them(probe, server):
    page = explore(probe, server.url + "/graph/cooccur?focus=eBPF")
    before = set(visible_nodes(page))
    answer = page.evaluate(
        "() => fetch('/api/neighbours?graph=entity&limit=25&ref=' + encodeURIComponent(arguments[0])).then(r => r.json())".replace(
            "arguments[0]", json.dumps(FALCO)
        )
    )
    fresh = {n["iri"] for n in answer["results"]} - before
    assert fresh
    page.mouse.dblclick(*screen_point(page, FALCO))
    page.wait_for_selector("#network[data-expanded='1']", timeout=10_000)
    after = set(visible_nodes(page))
    assert after - before == fresh
    assert "expand=" + quote(FALCO, safe="") in page.url
    page.click("#undo")
    assert set(visible_nodes(page)) == before
    assert probe.errors == [] and probe.blocked == []


def test_the_legend_switches_a_class_off_and_on(probe, server):
    page = explore(probe, server.url + "/graph")
    every = visible_nodes(page)
    topics = page.evaluate("() => window.talkgraphExplorer.nodes.get().filter(n => n.group === 'Topic').length")
    toggle = page.locator(".class-toggle[data-class=Topic]")
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "false"
    assert len(visible_nodes(page)) == len(every) - topics and topics > 5
    assert "off=Topic" in page.url
    toggle.click()
    assert visible_nodes(page) == every


def test_a_permalink_opens_the_same_view(probe, server, browser):
    page = explore(probe, server.url + "/graph/cooccur?focus=eBPF")
    page.locator("#min-edge").fill("2")
    page.select_option("#colour-mode", "community")
    search(page, "Helm", "Helm")  # not drawn yet: choosing it expands it
    page.locator(".class-toggle[data-class=Topic]").click()
    view = (visible_nodes(page), visible_edges(page))
    assert "Helm" in page.evaluate("() => window.talkgraphExplorer.nodes.get().map(n => n.label)")
    again = PageProbe(browser, server)
    try:
        other = explore(again, page.url)
        assert (visible_nodes(other), visible_edges(other)) == view
        assert other.input_value("#colour-mode") == "community" and other.input_value("#min-edge") == "2"
        assert other.evaluate("() => window.talkgraphNetwork.getSelectedNodes()") == [HELM]
        twin = other.evaluate("() => fetch(document.querySelector('a[data-format=json]').href).then(r => r.json())")
        assert sorted(n["id"] for n in twin["nodes"]) == view[0]
        assert again.errors == []
    finally:
        again.close()


def test_export_png_and_graphml(probe, server, tmp_path):
    page = explore(probe, server.url + "/graph/cooccur?focus=eBPF")
    page.locator(".class-toggle[data-class=Topic]").click()
    with page.expect_download() as download:
        page.click("#export-png")
    png = tmp_path / "view.png"
    download.value.save_as(png)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5_000
    with page.expect_download() as download:
        page.get_by_role("link", name="GraphML").click()
    graphml = tmp_path / "view.graphml"
    download.value.save_as(graphml)
    exported = nx.read_graphml(graphml)
    assert sorted(exported.nodes) == visible_nodes(page)
    assert EBPF not in exported  # the view had topics switched off
    assert probe.errors == [] and probe.blocked == []


def test_a_path_between_cilium_and_helm_with_evidence_per_step(probe, server):
    page = explore(probe, server.url + "/graph")
    search(page, "Cilium", "Cilium")
    page.get_by_role("button", name="Path from Cilium").click()
    search(page, "Helm", "Helm")
    page.get_by_role("button", name="Path to Helm").click()
    page.wait_for_selector("#network[data-path]", timeout=10_000)
    headings = page.locator("#details h3").all_inner_texts()
    assert headings and all(h.startswith("Path ") and ": Cilium – " in h and h.endswith(" – Helm") for h in headings)
    steps = page.locator("#details .steps > li")
    assert steps.count() == len(headings) * (headings[0].count(" – "))
    assert all(e for e in page.locator("#details .steps .explanation").all_inner_texts())
    highlighted = page.evaluate(
        "() => window.talkgraphExplorer.edges.get().filter(e => e.color === '#d62f8a').map(e => e.id)"
    )
    assert len(highlighted) >= headings[0].count(" – ")
    assert set(highlighted) <= set(visible_edges(page))
    assert "from=" in page.url and "to=" in page.url


@pytest.mark.parametrize("url", ["/graph", "/graph/cooccur?focus=eBPF", "/graph/around?ref=Cilium"])
def test_labels_are_legible_at_the_first_zoom(probe, server, url):
    page = explore(probe, server.url + url)
    sizes = page.evaluate(
        """() => { const n = window.talkgraphNetwork, scale = n.getScale();
             return Object.values(n.body.nodes).filter(x => x.labelModule.visible())
               .map(x => x.labelModule.fontOptions.size * scale); }"""
    )
    assert len(sizes) >= 8
    assert min(sizes) >= 10


@pytest.mark.parametrize(
    "url", ["/", "/graph", "/graph/cooccur?focus=eBPF", "/id/tool/cilium", "/search?q=cilium", "/no/such/page"]
)
def test_pages_fit_a_phone(browser, server, url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(server.url + url)
        page.wait_for_load_state("load")
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    finally:
        context.close()


def test_the_keyboard_finds_hides_and_undoes(probe, server):
    page = explore(probe, server.url + "/graph/cooccur?focus=eBPF")
    page.focus("#explore-search")
    page.keyboard.type("falco")
    page.locator("#explore-suggestions [role=option]").first.wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('#details h2')?.textContent === 'Falco'")
    page.focus("#network")
    page.keyboard.press("Delete")
    assert FALCO not in visible_nodes(page)
    page.keyboard.press("Control+z")
    assert FALCO in visible_nodes(page)


@pytest.mark.parametrize(
    "url", ["/", "/graph", "/graph/cooccur?focus=eBPF", "/id/tool/cilium", "/search?q=cilium", "/no/such/page"]
)
def test_axe_finds_no_violation(probe, server, url):
    if not AXE.exists():
        pytest.skip("axe-core is not bundled (scripts/vendor-assets.sh)")
    page = probe.page
    page.goto(server.url + url)
    if page.locator("#network").count():
        page.wait_for_selector("#network[data-ready]", timeout=15_000)
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        "() => axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'best-practice']})"
        ".then(r => r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')))"
    )
    assert violations == []


def test_on_a_touch_screen_the_graph_does_not_trap_scrolling(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(server.url + "/graph/cooccur?focus=eBPF")
        page.wait_for_selector("#network[data-ready]", timeout=15_000)
        options = page.evaluate("() => window.talkgraphNetwork.interactionHandler.options")
        assert options["dragView"] is False and options["zoomView"] is False
        assert options["navigationButtons"] is True
    finally:
        context.close()


@pytest.fixture(scope="module")
def big_server():
    with LiveServer(create_app(star_store(), Settings())) as live:
        yield live


LABELLED = """() => { const n = window.talkgraphNetwork, scale = n.getScale();
  const box = n.body.container.getBoundingClientRect();
  const a = n.DOMtoCanvas({x: 0, y: 0}), b = n.DOMtoCanvas({x: box.width, y: box.height});
  const all = Object.values(n.body.nodes);
  const inView = all.filter(x => x.x >= a.x && x.x <= b.x && x.y >= a.y && x.y <= b.y);
  return {labelled: all.filter(x => x.options.label !== undefined).length,
          drawn: all.filter(x => x.labelModule.visible()).map(x => x.labelModule.fontOptions.size * scale),
          inView: inView.length, unlabelledInView: inView.filter(x => !x.options.label).length}; }"""


def test_a_big_overview_draws_its_2000_most_central_nodes_and_labels_what_is_legible(browser, big_server):
    probe = PageProbe(browser, big_server)
    try:
        page = explore(probe, big_server.url + "/graph")
        assert page.get_attribute("#network", "data-drawn") == "2000"
        assert page.locator("#shown-of").inner_text().startswith("The 2,000 most central of 2,300 nodes")
        first = page.evaluate(LABELLED)
        assert 8 <= len(first["drawn"]) <= first["labelled"] <= 120 and min(first["drawn"]) >= 10
        # zoomed in past 10 px / the smallest font (6 px), every node in view gets its label, and only those
        page.evaluate(
            "c => window.talkgraphNetwork.moveTo({position: window.talkgraphNetwork.getPosition(c), scale: 2.5})",
            tool(50 * 23),  # the centre of a star laid out small, beneath the biggest
        )
        page.wait_for_function(f"() => ({LABELLED})().unlabelledInView === 0", timeout=10_000)
        closer = page.evaluate(LABELLED)
        assert closer["inView"] >= 10 and closer["labelled"] < 2000 and min(closer["drawn"]) >= 10
        search(page, label(2297), label(2297))  # outside the 2,000: choosing it adds it, and its links
        assert len(visible_nodes(page)) == 2001 and tool(2297) in visible_nodes(page)
        assert edge_id(tool(2277), tool(2297)) in visible_edges(page)
        assert page.evaluate("() => window.talkgraphNetwork.getSelectedNodes()") == [tool(2297)]
        assert probe.errors == [] and probe.blocked == []
    finally:
        probe.close()
