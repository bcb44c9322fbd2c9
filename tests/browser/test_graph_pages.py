"""Graph pages in headless Chromium: drawn with nodes, no console errors, no network, XSS shown as text.

Chromium is Debian's (/usr/bin/chromium), driven by Playwright with its executable
path; every request that is not to the loopback test server is aborted and
counted, so a page that reached for a CDN fails the test.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import pytest

from talkgraph.api.app import create_app
from talkgraph.api.settings import Settings
from talkgraph.graph.ingest import ingest
from talkgraph.graph.rdf.store import EmbeddedStore
from tests.conftest import BUNDLED_NOTES, LiveServer

CHROMIUM = os.environ.get("TALKGRAPH_CHROMIUM", "/usr/bin/chromium")
XSS_TITLE = "<img src=x onerror=alert(1)>"

pytestmark = pytest.mark.browser


def _chromium_or_skip() -> str:
    if Path(CHROMIUM).exists() or shutil.which(CHROMIUM):
        return CHROMIUM
    if os.environ.get("TALKGRAPH_REQUIRE_BROWSER"):
        pytest.fail(f"Chromium is required here but {CHROMIUM} is missing")
    pytest.skip(f"no Chromium at {CHROMIUM} (CI installs Debian's chromium)")


@pytest.fixture(scope="module")
def server(tmp_path_factory, vocabulary):
    notes = tmp_path_factory.mktemp("notes")
    (notes / "kubecon-na-2020.txt").write_text(BUNDLED_NOTES.read_text("utf-8"), "utf-8")
    (notes / "hostile.md").write_text(
        f"# Hostile notes\n\n## {XSS_TITLE}\n\nThis talk uses Cilium and Falco with eBPF.\n\n"
        "## <script>alert(2)</script> and Prometheus\n\nWe ran Prometheus next to Cilium.\n",
        "utf-8",
    )
    store = EmbeddedStore()
    ingest(store, [notes], vocabulary)
    with LiveServer(create_app(store, Settings())) as live:
        yield live


@pytest.fixture(scope="module")
def browser():
    executable = _chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield browser
        browser.close()


class PageProbe:
    """A page with its console errors, uncaught exceptions, alerts and blocked requests recorded."""

    def __init__(self, browser, server):
        self.context = browser.new_context()
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.blocked: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        host = urlsplit(server.url).netloc

        def route(request_route):
            if urlsplit(request_route.request.url).netloc == host:
                request_route.continue_()
            else:
                self.blocked.append(request_route.request.url)
                request_route.abort()

        self.context.route("**/*", route)

    def close(self):
        self.context.close()


@pytest.fixture
def probe(browser, server):
    probe = PageProbe(browser, server)
    yield probe
    probe.close()


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
    tooltip_titles = probe.page.evaluate(
        "() => window.talkgraphNetwork.body.data.nodes.get().map(n => n.title.textContent)"
    )
    assert any(XSS_TITLE in t for t in tooltip_titles)
    labels = probe.page.evaluate("() => window.talkgraphNetwork.body.data.nodes.get().map(n => n.label)")
    assert XSS_TITLE in labels
    probe.page.goto(server.url + "/")
    link = probe.page.get_by_text(XSS_TITLE, exact=True)
    assert link.count() == 1 and link.evaluate("e => e.tagName") == "A"
    assert probe.page.locator("img[src=x]").count() == 0
    assert probe.dialogs == [] and probe.errors == [] and probe.blocked == []


def test_click_opens_the_resource_page(probe, server):
    _drawn(probe, server.url + "/graph/cooccur?focus=eBPF")
    position = probe.page.evaluate(
        "() => { const n = window.talkgraphNetwork; const p = n.canvasToDOM(n.getPosition("
        "'https://w3id.org/talkgraph/id/topic/ebpf')); return p; }"
    )
    box = probe.page.locator("#network").bounding_box()
    probe.page.mouse.click(box["x"] + position["x"], box["y"] + position["y"])
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
