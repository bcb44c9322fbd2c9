"""A node's tooltip in the explorer: the page's own text at once, its first talks fetched when it is hovered or
selected, shown as text (the hostile notes' titles included)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import XSS_TITLE
from tests.browser.test_explorer import CILIUM, FALCO, explore, screen_point, visible_nodes

pytestmark = pytest.mark.browser
TOOLTIP = "document.querySelector('.vis-tooltip')"


def test_hovering_a_node_shows_its_first_talks(probe, server):
    page = explore(probe, server.url + "/graph/around?ref=Cilium")
    assert page.evaluate("id => window.talkgraphExplorer.nodes.get(id).title", CILIUM).count("•") == 0
    expected = page.evaluate(
        "id => fetch('/api/tooltip?ref=' + encodeURIComponent(id)).then(r => r.json()).then(b => b.text)", CILIUM
    )
    assert expected.splitlines()[3] == f"• {XSS_TITLE}"  # '<' sorts first: the hostile title is listed
    page.mouse.move(*screen_point(page, CILIUM))
    page.wait_for_function(
        f"t => {TOOLTIP} && {TOOLTIP}.style.visibility !== 'hidden' && {TOOLTIP}.innerText === t",
        arg=expected,
        timeout=10_000,
    )
    tags = page.evaluate(f"() => Array.from({TOOLTIP}.querySelectorAll('*'), e => e.tagName)")
    assert set(tags) == {"BR"}  # text and line breaks (innerText): no element of the title parsed
    assert page.evaluate("id => window.talkgraphExplorer.nodes.get(id).title", CILIUM) == expected  # kept
    assert probe.errors == [] and probe.blocked == [] and probe.dialogs == []


def test_selecting_a_node_fetches_its_tooltip(probe, server):
    page = explore(probe, server.url + "/graph/around?ref=Cilium&select=" + CILIUM)
    page.wait_for_function("id => window.talkgraphExplorer.nodes.get(id).title.includes('•')", arg=CILIUM)
    assert page.evaluate("id => window.talkgraphExplorer.nodes.get(id).title", CILIUM).splitlines()[:3] == [
        "Cilium",
        "Tool",
        "named in 4 talks",
    ]
    assert probe.errors == [] and probe.blocked == [] and probe.dialogs == []


def empty_point(page) -> tuple[float, float]:
    """A point of the canvas with no node under it (its top-left corner)."""
    assert page.evaluate("() => window.talkgraphNetwork.getNodeAt({x: 5, y: 5})") is None
    box = page.locator("#network").bounding_box()
    return box["x"] + 5, box["y"] + 5


def test_a_pointer_crossing_a_node_asks_nothing_and_a_pause_asks_once(probe, server):
    page = explore(probe, server.url + "/graph/around?ref=Cilium")
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url) if "/api/tooltip" in request.url else None)
    page.mouse.move(*screen_point(page, CILIUM))
    page.mouse.move(*empty_point(page))  # gone before vis-network's tooltip delay: no popup, no request
    page.wait_for_timeout(1_000)
    assert asked == []
    page.mouse.move(*screen_point(page, CILIUM))
    page.wait_for_function(f"() => {TOOLTIP} && {TOOLTIP}.innerText.includes('•')", timeout=10_000)
    page.mouse.move(*empty_point(page))
    page.mouse.move(*screen_point(page, CILIUM))  # shown again: from what was fetched
    page.wait_for_timeout(1_000)
    assert len(asked) == 1
    assert probe.errors == [] and probe.blocked == [] and probe.dialogs == []


def test_a_node_drawn_again_after_undo_shows_its_full_tooltip(probe, server):
    page = explore(probe, server.url + "/graph/cooccur?focus=eBPF")
    before = set(visible_nodes(page))
    page.mouse.dblclick(*screen_point(page, FALCO))
    page.wait_for_selector("#network[data-expanded='1']", timeout=10_000)
    fresh = sorted(set(visible_nodes(page)) - before)[0]
    title = "id => window.talkgraphExplorer.nodes.get(id) && window.talkgraphExplorer.nodes.get(id).title"
    short = page.evaluate(title, fresh)
    page.mouse.move(*screen_point(page, fresh))
    page.wait_for_function(f"id => ({title})(id).includes('•')", arg=fresh, timeout=10_000)
    full = page.evaluate(title, fresh)
    assert full != short and "•" not in short
    page.mouse.move(*empty_point(page))
    page.click("#undo")
    assert fresh not in visible_nodes(page)
    page.mouse.dblclick(*screen_point(page, FALCO))
    page.wait_for_function("id => window.talkgraphExplorer.nodes.get(id)", arg=fresh, timeout=10_000)
    assert page.evaluate(title, fresh) == short  # drawn again with the page's own text
    page.mouse.move(*screen_point(page, fresh))
    page.wait_for_function(
        f"t => {TOOLTIP} && {TOOLTIP}.style.visibility !== 'hidden' && {TOOLTIP}.innerText === t",
        arg=full,
        timeout=10_000,
    )
    assert page.evaluate(title, fresh) == full
    assert probe.errors == [] and probe.blocked == [] and probe.dialogs == []
