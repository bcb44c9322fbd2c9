"""Browser fixtures: the app with the bundled notes and hostile notes on a live server, headless Chromium,
and a page probe that records console errors, alerts and every request that is not to the test server
(aborted, so a page that reached for a CDN fails its test)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from talkgraph.api.app import create_app
from talkgraph.api.settings import Settings
from talkgraph.graph.ingest import ingest
from talkgraph.graph.rdf.store import EmbeddedStore
from tests.conftest import BUNDLED_NOTES, LiveServer

CHROMIUM = os.environ.get("TALKGRAPH_CHROMIUM", "/usr/bin/chromium")
XSS_TITLE = "<img src=x onerror=alert(1)>"


def _chromium_or_skip() -> str:
    if Path(CHROMIUM).exists() or shutil.which(CHROMIUM):
        return CHROMIUM
    if os.environ.get("TALKGRAPH_REQUIRE_BROWSER"):
        pytest.fail(f"Chromium is required here but {CHROMIUM} is missing")
    pytest.skip(f"no Chromium at {CHROMIUM} (CI installs Debian's chromium)")


@pytest.fixture(scope="session")
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


@pytest.fixture(scope="session")
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
