"""The explorer draws and describes an unvetted tool apart, on the page and in what double-click and a click add."""

from __future__ import annotations

import pytest

from talkgraph.api.app import create_app
from talkgraph.api.settings import Settings
from talkgraph.graph.analytics.viz import UNVETTED_NOTE
from tests.browser.conftest import PageProbe
from tests.conftest import LiveServer
from tests.test_unvetted_shown import FROBDB, GRAFANA, store_of

DASHBOARDS = "https://w3id.org/talkgraph/id/talk/0-frobdb-1/dashboards"
DRAWN = (
    "() => window.talkgraphNetwork.body.data.nodes.get().map(n => [n.id, n.title, n.shapeProperties, n.borderWidth])"
)


@pytest.fixture(scope="module")
def tools_server(tmp_path_factory, vocabulary):
    store = store_of(tmp_path_factory.mktemp("unvetted-pages"), vocabulary, ["FrobDB"])
    with LiveServer(create_app(store, Settings())) as live:
        yield live


@pytest.fixture
def tools_probe(browser, tools_server):
    probe = PageProbe(browser, tools_server)
    yield probe
    probe.close()


def drawn(probe) -> dict[str, tuple]:
    return {iri: (title.split("\n")[2], dashes, width) for iri, title, dashes, width in probe.page.evaluate(DRAWN)}


def click(probe, iri: str, double: bool = False) -> None:
    probe.page.locator("#network").scroll_into_view_if_needed()
    position = probe.page.evaluate(
        "iri => { const n = window.talkgraphNetwork; return n.canvasToDOM(n.getPosition(iri)); }", iri
    )
    box = probe.page.locator("#network").bounding_box()
    (probe.page.mouse.dblclick if double else probe.page.mouse.click)(
        box["x"] + position["x"], box["y"] + position["y"]
    )


def test_the_page_draws_an_unvetted_tool_dashed_and_says_so(tools_probe, tools_server):
    tools_probe.page.goto(tools_server.url + "/graph/cooccur?focus=Grafana")
    tools_probe.page.wait_for_selector("#network[data-drawn]", timeout=15_000)
    shown = drawn(tools_probe)
    assert shown[FROBDB] == (UNVETTED_NOTE, {"borderDashes": [6, 4]}, 3)
    assert shown[GRAFANA] == ("named in 1 talk", None, None)
    click(tools_probe, FROBDB)
    tools_probe.page.wait_for_selector("#details h2", timeout=10_000)
    assert tools_probe.page.locator("#details .unvetted").inner_text() == (
        "Unvetted: found in the notes, not in the vocabulary"
    )
    assert tools_probe.errors == [] and tools_probe.blocked == [] and tools_probe.dialogs == []


def test_a_node_expand_adds_is_drawn_as_the_server_draws_it(tools_probe, tools_server):
    tools_probe.page.goto(tools_server.url + "/graph/around?ref=Grafana")
    tools_probe.page.wait_for_selector("#network[data-drawn]", timeout=15_000)
    assert FROBDB not in drawn(tools_probe)
    click(tools_probe, DASHBOARDS, double=True)
    tools_probe.page.wait_for_selector("#network[data-expanded]", timeout=10_000)
    assert drawn(tools_probe)[FROBDB] == (UNVETTED_NOTE, {"borderDashes": [6, 4]}, 3)
    assert tools_probe.errors == [] and tools_probe.blocked == [] and tools_probe.dialogs == []
