"""The pages that show what the store knows, driven in headless Chromium: the query page (result IRIs open
their local page, a malformed query is explained and marked, completion from the ontology, the schema
summary), the home page's corpus and a talk page; axe-core and a phone's width on each."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest

from talkgraph.ontology import sparql_prologue
from tests.browser.conftest import PageProbe

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
TALKS = (
    "SELECT ?talk ?title WHERE { ?talk a tg:Talk ; tg:partOf <https://w3id.org/talkgraph/id/event/kubecon-na-2020> ; schema:name ?title } "
    "ORDER BY ?title LIMIT 3"
)
FIRST_TALK = "A High Schoolers Guide to Kubernetes Network Observability"  # the first title of the bundled notes
FIRST_TALK_PAGE = "/id/talk/kubecon-na-2020/a-high-schoolers-guide-to-kubernetes-network-observability"
TALK_PAGE = "/id/talk/kubecon-na-2020/beyond-the-buzzword-bpfs-unexpected-role-in-kubernetes"
TG_TALK = "https://w3id.org/talkgraph/ns#Talk"
# the bundled notes' 23 talks and the two of the browser tests' hostile notes
SERVER_TALKS = 25


def editor(probe: PageProbe, url: str):
    page = probe.page
    page.goto(url)
    page.wait_for_selector(".CodeMirror", timeout=15_000)
    return page


def editor_text(page) -> str:
    return page.evaluate("() => document.querySelector('.CodeMirror').CodeMirror.getValue()")


def test_a_result_iri_opens_its_local_page(probe, server):
    page = editor(probe, server.url + "/sparql?query=" + quote(sparql_prologue() + TALKS))
    page.wait_for_selector(".yasr table tbody tr", timeout=15_000)
    link = page.locator(".yasr table tbody tr a.iri").first
    assert link.get_attribute("href") == FIRST_TALK_PAGE
    assert link.get_attribute("target") is None
    link.click()
    page.wait_for_url("**" + FIRST_TALK_PAGE, timeout=10_000)
    assert page.locator("h1").inner_text() == FIRST_TALK
    assert probe.errors == [] and probe.blocked == []


def test_a_node_of_a_construct_graph_opens_its_local_page(probe, server):
    from talkgraph.api.examples import EXAMPLE_QUERIES

    construct = next(e for e in EXAMPLE_QUERIES if "CONSTRUCT" in e.query)
    page = editor(probe, server.url + "/sparql?query=" + quote(construct.query))
    page.wait_for_selector("#construct-graph:not([hidden]) canvas", timeout=15_000)
    page.wait_for_function("() => window.talkgraphConstruct && !window.talkgraphConstruct.physics.stabilizing")
    page.locator("#construct-graph").scroll_into_view_if_needed()
    talk = "https://w3id.org/talkgraph" + FIRST_TALK_PAGE
    # Under load the layout may stop with the talk under another node, or the view may still move (a fit, a
    # redraw): the talk is set apart, right of every other node, the view fitted, and its place taken only once
    # the network itself, redrawn, says that place shows the node.
    page.wait_for_function(
        """(id) => { const n = window.talkgraphConstruct; n.setOptions({physics: false});
                     const others = Object.entries(n.getPositions()).filter(([k]) => k !== id).map(([, p]) => p);
                     const right = Math.max(...others.map(p => p.x));
                     const middle = others.reduce((sum, p) => sum + p.y, 0) / others.length;
                     if (n.getPosition(id).x < right + 150) { n.moveNode(id, right + 300, middle); n.fit({animation: false}); }
                     const at = n.canvasToDOM(n.getPosition(id)); return n.getNodeAt(at) === id; }""",
        arg=talk,
        timeout=10_000,
    )
    point = page.evaluate(
        "(id) => window.talkgraphConstruct.canvasToDOM(window.talkgraphConstruct.getPosition(id))", talk
    )
    box = page.locator("#construct-graph").bounding_box()
    page.mouse.dblclick(box["x"] + point["x"], box["y"] + point["y"])
    page.wait_for_url("**" + FIRST_TALK_PAGE, timeout=10_000)
    assert page.locator("h1").inner_text() == FIRST_TALK


def test_the_simple_table_is_the_default_view(probe, server):
    page = editor(probe, server.url + "/sparql?query=" + quote(sparql_prologue() + TALKS))
    page.wait_for_selector(".yasr table tbody tr", timeout=15_000)
    assert page.locator(".yasr .select_table.selected").count() == 1
    assert page.locator(".tableControls input[type=checkbox]").first.is_checked()  # "Simple view"
    assert page.locator(".yasr table tbody tr").count() == 3
    assert page.locator(".yasr .rowNumber").count() == 0  # the simple view drops the row numbers


def test_a_malformed_query_is_explained_and_its_place_marked(probe, server):
    query = "SELECT ?x WHERE { ?x ?p ?o } GROUP ?x"
    page = editor(probe, server.url + "/sparql?query=" + quote(query))
    page.wait_for_selector(".query-error", timeout=15_000)
    lines = editor_text(page).split("\n")
    number = next(i for i, line in enumerate(lines, start=1) if line.startswith("SELECT"))
    message = page.locator(".query-error pre").inner_text()
    assert message.startswith(f"SPARQL syntax error at line {number}, column 30: ")
    assert message.endswith(query + "\n" + " " * 29 + "^")
    assert page.locator(".query-error p").inner_text() == f"Marked in the editor: line {number}, column 30."
    assert page.locator(".CodeMirror .query-error-mark").inner_text() == "G"
    marked_line = page.locator(".CodeMirror-code > div", has=page.locator(".query-error-line"))
    assert marked_line.locator("pre").inner_text() == query
    assert page.evaluate("() => document.querySelector('.CodeMirror').CodeMirror.getCursor()") == {
        "line": number - 1,
        "ch": 29,
    }
    page.evaluate(
        "() => document.querySelector('.CodeMirror').CodeMirror.setValue('SELECT * WHERE { ?s ?p ?o } LIMIT 1')"
    )
    page.keyboard.press("Control+Enter")  # a good query clears the mark
    page.wait_for_selector(".yasr table tbody tr", timeout=15_000)
    assert page.locator(".CodeMirror .query-error-mark").count() == 0
    assert page.locator(".CodeMirror .query-error-line").count() == 0


def test_completion_offers_the_ontology_classes_with_their_labels(probe, server):
    page = editor(probe, server.url + "/sparql")
    page.evaluate(
        "() => { const cm = document.querySelector('.CodeMirror').CodeMirror;"
        " cm.setValue('PREFIX tg: <https://w3id.org/talkgraph/ns#>\\nSELECT * WHERE { ?x a  }');"
        " cm.focus(); cm.setCursor({line: 1, ch: 22}); }"
    )
    page.keyboard.type("tg:Ta")
    page.wait_for_function(  # the hints for what was typed, not the ones offered after "tg:T" on a busy machine
        "() => { const items = [...document.querySelectorAll('.CodeMirror-hints li')];"
        " return items.length > 0 && items.every(li => li.textContent.startsWith('tg:Ta')); }",
        timeout=10_000,
    )
    hints = page.locator(".CodeMirror-hints li").all_inner_texts()
    assert hints == ["tg:Talk · talk", "tg:TalkKind · talk kind"]
    page.keyboard.press("Enter")
    assert editor_text(page).endswith("SELECT * WHERE { ?x a tg:Talk }")


def test_completion_offers_properties_in_a_predicate_place(probe, server):
    page = editor(probe, server.url + "/sparql")
    page.evaluate(
        "() => { const cm = document.querySelector('.CodeMirror').CodeMirror;"
        " cm.setValue('PREFIX tg: <https://w3id.org/talkgraph/ns#>\\nSELECT * WHERE { ?x  }');"
        " cm.focus(); cm.setCursor({line: 1, ch: 20}); }"
    )
    page.keyboard.type("tg:presen")
    page.wait_for_selector(".CodeMirror-hints li", timeout=10_000)
    assert page.locator(".CodeMirror-hints li").all_inner_texts() == ["tg:presentedBy · presented by"]


def test_the_schema_summary_lists_the_classes_with_counts(probe, server):
    page = editor(probe, server.url + "/sparql")
    first = page.locator(".schema-classes > li", has=page.get_by_text("tg:Talk", exact=True))
    assert first.locator("> code").inner_text() == "tg:Talk"
    assert first.locator(".count").inner_text() == str(SERVER_TALKS)
    properties = first.locator(".props code").all_inner_texts()
    assert properties == [
        "tg:day",
        "tg:hasTopic",
        "tg:kind",
        "tg:mentions",
        "tg:partOf",
        "tg:position",
        "tg:presentedBy",
        "tg:relatedTopic",
        "tg:slides",
    ]
    assert "tg:" in page.locator("dl.prefixes dt").all_inner_texts()
    assert probe.errors == [] and probe.blocked == []


def test_home_lists_the_bundled_document_with_its_talks(probe, server):
    page = probe.page
    page.goto(server.url + "/")
    documents = page.locator("ul.documents > li")
    assert documents.count() == 2  # the bundled notes and the browser tests' hostile notes
    bundled = documents.filter(has=page.get_by_role("link", name="kubecon-na-2020", exact=True))
    assert re.fullmatch(
        r"kubecon-na-2020 · kubecon-na-2020\.txt · 23 talks · ingested \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC",
        bundled.inner_text(),
    )
    bundled.get_by_role("link", name="kubecon-na-2020", exact=True).click()
    page.wait_for_url("**/id/notes/kubecon-na-2020", timeout=10_000)
    assert page.locator("h1").inner_text() == "kubecon-na-2020.txt"
    assert probe.errors == [] and probe.blocked == []


def test_a_talk_page_shows_its_facts(probe, server):
    page = probe.page
    page.goto(server.url + TALK_PAGE)
    facts = dict(
        zip(
            page.locator(".talk-facts dt").all_inner_texts(),
            page.locator(".talk-facts dd").all_inner_texts(),
            strict=True,
        )
    )
    assert facts == {
        "Event": "Kubecon North america 2020 virtual",
        "Kind": "talk",
        "Speaker": "Alban",
        "From the notes": "kubecon-na-2020.txt",
    }


QUERY_PAGE = "/sparql?query=" + quote(sparql_prologue() + TALKS)
PAGES = [QUERY_PAGE, "/", TALK_PAGE, "/id/notes/kubecon-na-2020", "/resource?iri=" + quote(TG_TALK)]


ERROR_PAGE = "/sparql?query=" + quote("SELECT ?x WHERE { ?x ?p ?o } GROUP ?x")


@pytest.mark.parametrize("url", [*PAGES, ERROR_PAGE])
def test_axe_finds_no_violation(probe, server, url):
    if not AXE.exists():
        pytest.skip("axe-core is not bundled (scripts/vendor-assets.sh)")
    page = probe.page
    page.goto(server.url + url)
    if url == QUERY_PAGE:
        page.wait_for_selector(".yasr table tbody tr", timeout=15_000)  # with its results drawn
    if url == ERROR_PAGE:
        page.wait_for_selector(".query-error-mark", timeout=15_000)  # the message shown and its place marked
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        "() => axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'best-practice']})"
        ".then(r => r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')))"
    )
    assert violations == []


@pytest.mark.parametrize("url", PAGES)
def test_pages_fit_a_phone(browser, server, url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(server.url + url)
        page.wait_for_load_state("load")
        if url == QUERY_PAGE:
            page.wait_for_selector(".yasr table tbody tr", timeout=15_000)
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    finally:
        context.close()
