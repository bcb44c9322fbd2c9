"""A node's tooltip in the explorer: the page's own text at once, its first talks fetched when it is hovered or
selected, shown as text (the hostile notes' titles included)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import XSS_TITLE
from tests.browser.test_explorer import CILIUM, explore, screen_point

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
