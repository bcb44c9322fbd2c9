"""Graph pages in headless Chromium: drawn with nodes, no console errors, no network, XSS shown as text.

Chromium is Debian's (/usr/bin/chromium), driven by Playwright with its executable
path; every request that is not to the loopback test server is aborted and
counted, so a page that reached for a CDN fails the test.
"""

from __future__ import annotations

from urllib.parse import quote, unquote

import pytest

from tests.browser.conftest import XSS_TITLE, PageProbe

pytestmark = pytest.mark.browser


def _drawn(probe: PageProbe, url: str) -> int:
    probe.page.goto(url)
    probe.page.wait_for_selector("#network[data-drawn]", timeout=15_000)
    return int(probe.page.get_attribute("#network", "data-drawn"))


def test_whole_graph_page_draws_offline(probe, server):
    drawn = _drawn(probe, server.url + "/graph")
    expected = int(probe.page.get_attribute("#network", "data-node-count"))
    assert drawn == expected > 20
    assert probe.page.locator("#network canvas").count() == 1
    assert probe.page.locator(".legend li").all_inner_texts() == ["Tool", "Topic"]
    assert probe.errors == [] and probe.blocked == [] and probe.dialogs == []


def test_neighbourhood_and_cooccurrence_pages(probe, server):
    assert _drawn(probe, server.url + "/graph/around?ref=" + quote("A High Schoolers Guide")) >= 8
    assert _drawn(probe, server.url + "/graph/cooccur?focus=eBPF") >= 8
    assert probe.errors == [] and probe.blocked == [] and probe.dialogs == []


def test_hostile_title_shows_as_text_everywhere(probe, server):
    _drawn(probe, server.url + "/graph/around?ref=" + quote("Cilium"))
    tooltip_titles = probe.page.evaluate("() => window.talkgraphNetwork.body.data.nodes.get().map(n => n.title)")
    assert any(XSS_TITLE in t for t in tooltip_titles)
    labels = probe.page.evaluate("() => window.talkgraphNetwork.body.data.nodes.get().map(n => n.label)")
    assert XSS_TITLE in labels
    probe.page.goto(server.url + "/")
    link = probe.page.get_by_text(XSS_TITLE, exact=True)
    assert link.count() == 1 and link.evaluate("e => e.tagName") == "A"
    assert probe.page.locator("img[src=x]").count() == 0
    assert probe.dialogs == [] and probe.errors == [] and probe.blocked == []


def test_click_shows_details_that_link_to_the_resource_page(probe, server):
    _drawn(probe, server.url + "/graph/cooccur?focus=eBPF")
    probe.page.locator("#network").scroll_into_view_if_needed()  # a click focuses it, which would scroll it
    position = probe.page.evaluate(
        "() => { const n = window.talkgraphNetwork; const p = n.canvasToDOM(n.getPosition("
        "'https://w3id.org/talkgraph/id/topic/ebpf')); return p; }"
    )
    box = probe.page.locator("#network").bounding_box()
    probe.page.mouse.click(box["x"] + position["x"], box["y"] + position["y"])
    probe.page.wait_for_selector("#details h2", timeout=10_000)
    assert probe.page.locator("#details h2").inner_text() == "eBPF"
    probe.page.get_by_role("link", name="Open its page").click()
    probe.page.wait_for_url("**/id/topic/ebpf", timeout=10_000)
    assert probe.page.locator("h1").inner_text() == "eBPF"


def test_query_page_runs_offline_with_table_graph_and_shareable_url(probe, server):
    from talkgraph.api.examples import EXAMPLE_QUERIES

    construct = next(e for e in EXAMPLE_QUERIES if "CONSTRUCT" in e.query)
    probe.page.goto(server.url + "/sparql?query=" + quote(construct.query), wait_until="networkidle")
    probe.page.wait_for_selector("#construct-graph:not([hidden]) canvas", timeout=15_000)
    assert probe.page.evaluate("() => document.querySelector('.CodeMirror').CodeMirror.getValue()") == construct.query
    select = next(e for e in EXAMPLE_QUERIES if e.name.startswith("Tools that co-occur"))
    probe.page.get_by_text(select.name).click()
    probe.page.wait_for_selector(".yasr table tbody tr", timeout=15_000)
    assert "Cilium" in probe.page.locator(".yasr table").inner_text()
    assert probe.page.locator("#construct-graph").get_attribute("hidden") is not None
    assert "query=" in probe.page.url and "eBPF" in unquote(probe.page.url)
    assert probe.errors == [] and probe.blocked == [] and probe.dialogs == []
