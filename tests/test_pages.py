"""HTML pages: home, search, resource pages with content negotiation, graph pages, offline assets, escaping."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from markupsafe import escape
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

from talkgraph.api.urls import resource_path
from talkgraph.graph.ingest import ingest
from talkgraph.graph.rdf.store import EmbeddedStore
from talkgraph.ontology import ID, sparql_prologue
from tests.conftest import make_client

CILIUM = str(ID["tool/cilium"])
BEYOND = "Beyond the buzzword: BPF’s Unexpected role in Kubernetes"
BEYOND_PAGE = "/id/talk/kubecon-na-2020/beyond-the-buzzword-bpfs-unexpected-role-in-kubernetes"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


class Links(HTMLParser):
    """Every URL a page loads (script src, link href, img src) and every link (a href) with its text."""

    def __init__(self, page: str):
        super().__init__()
        self.loads: list[str] = []
        self.anchors: list[tuple[str, str]] = []
        self._href: str | None = None
        self._text: list[str] = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        wanted = {"script": "src", "link": "href", "img": "src"}.get(tag)
        if wanted and attrs.get(wanted) is not None:
            self.loads.append(attrs[wanted])
        if tag == "a":
            self._href, self._text = attrs.get("href"), []

    def handle_data(self, data):
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.anchors.append((self._href, "".join(self._text)))
            self._href = None


def talk_iris(store) -> set[str]:
    return {r["t"].value for r in store.select(sparql_prologue() + "SELECT ?t WHERE { ?t a tg:Talk }")}


def graph_data(page: str) -> dict:
    """The JSON block a graph page hands to graph.js."""
    found = re.search(r'<script id="graph-data" type="application/json">(.*?)</script>', page, re.S)
    assert found, "no graph-data block"
    return json.loads(found.group(1))


# -- home, search, resource pages -----------------------------------------------------------------


def test_home_lists_every_talk_with_its_page(client, kubecon_store):
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    section = re.search(r'<ul class="talks">(.*?)</ul>', response.text, re.S).group(1)
    pages = {href for href, _ in Links(section).anchors if href.startswith("/id/talk/")}
    expected = {"/id/" + iri.removeprefix(str(ID)) for iri in talk_iris(kubecon_store)}
    assert len(expected) == 23
    assert pages == expected
    assert f'<a href="{BEYOND_PAGE}">{escape(BEYOND)}</a>' in section
    assert ": 23 talks naming" in response.text  # after the event the notes are from
    for page in sorted(pages)[:3]:
        assert client.get(page).status_code == 200


def test_search_page(client):
    response = client.get("/search", params={"q": "falco"})
    assert response.status_code == 200
    twin = client.get("/search", params={"q": "falco", "format": "json"}).json()
    assert f"{twin['count']} results for “falco”" in response.text
    assert twin["groups"][0]["cls"] == "Tool" and twin["groups"][0]["results"][0]["label"] == "Falco"
    assert ("/id/tool/falco", "Falco") in Links(response.text).anchors
    assert "<small>2 talks</small>" in response.text
    assert 'value="falco"' in response.text  # the box keeps the query
    empty = client.get("/search")
    assert empty.status_code == 200 and "result" not in empty.text


def test_search_folds_accents_and_groups_by_class(client):
    twin = client.get("/search", params={"q": "kübernetes"}, headers={"Accept": "application/json"}).json()
    tools = next(g for g in twin["groups"] if g["cls"] == "Tool")
    assert tools["results"][0]["label"] == "Kubernetes" and tools["count"] == len(tools["results"])
    assert [g["cls"] for g in twin["groups"]] == sorted(
        (g["cls"] for g in twin["groups"]), key=["Tool", "Project", "Topic", "Company", "Person", "Talk"].index
    )
    assert all(r["talks"] == 0 for r in twin["unnamed"]) and twin["unnamed"]


def test_search_finds_words_of_a_sentence(client):
    twin = client.get("/search", params={"q": "network policy", "format": "json"}).json()
    sentences = [r["sentence"] for g in twin["groups"] for r in g["results"] if "sentence" in r]
    assert sentences and all("network" in s.casefold() and "polic" in s.casefold() for s in sentences)


def test_a_too_long_search_gets_a_message(client):
    response = client.get("/search", params={"q": "x" * 201}, headers={"Accept": BROWSER})
    assert response.status_code == 200 and "a search is at most 200" in response.text


def test_tool_page_has_its_label_and_talks(client, kubecon_store):
    response = client.get("/id/tool/cilium", headers={"Accept": BROWSER})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "Accept" in [v.strip() for v in response.headers["vary"].split(",")]  # (gzip adds Accept-Encoding)
    assert "<h1>Cilium</h1>" in response.text and "<title>Cilium · Talkgraph</title>" in response.text
    anchors = dict(Links(response.text).anchors)
    talks = {
        r["t"].value
        for r in kubecon_store.select(
            sparql_prologue() + f"SELECT DISTINCT ?t WHERE {{ ?m tg:entity <{CILIUM}> ; tg:talk ?t }}"
        )
    }
    for talk in talks:
        assert "/id/" + talk.removeprefix(str(ID)) in anchors
    assert anchors[BEYOND_PAGE] == BEYOND
    assert "<h2>Talks (2)</h2>" in response.text
    assert "1 talk · score" in response.text and "1 talks" not in response.text


def test_talk_page_shows_what_it_names_and_its_related_topics(client):
    response = client.get(BEYOND_PAGE)
    assert response.status_code == 200
    assert f"<h1>{escape(BEYOND)}</h1>" in response.text
    named, related = response.text.split("<h2>Related topics</h2>")
    anchors = dict(Links(related).anchors)
    assert {
        "/id/topic/ebpf": "eBPF",
        "/id/topic/networking": "Networking",
        "/id/topic/security": "Security",
    }.items() <= anchors.items()
    assert ("/id/tool/inspektor-gadget", "Inspektor Gadget") in Links(named).anchors
    assert "the talk names it: " in related


# -- content negotiation --------------------------------------------------------------------------


@pytest.mark.parametrize("media, rdflib_format", [("text/turtle", "turtle"), ("application/ld+json", "json-ld")])
def test_rdf_of_a_resource(client, media, rdflib_format):
    response = client.get("/id/tool/cilium", headers={"Accept": media})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media)
    graph = Graph().parse(data=response.text, format=rdflib_format)
    assert (URIRef(CILIUM), SKOS.prefLabel, Literal("Cilium")) in graph


def test_json_twin_of_a_resource(client):
    response = client.get("/id/tool/cilium", headers={"Accept": "application/json"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == client.get("/api/resource", params={"ref": CILIUM}).json()


@pytest.mark.parametrize(
    "accept",
    ["text/turtle", "application/ld+json", "application/rdf+xml", "application/n-triples", "application/json", None],
)
def test_unknown_resource_is_a_json_404_for_programs(client, accept):
    response = client.get("/id/tool/no-such-tool", headers={"Accept": accept} if accept else {})
    assert response.status_code == 404
    assert response.json() == {"error": f"nothing is known about {ID}tool/no-such-tool", "status": 404}


def test_unknown_resource_is_an_html_404_for_browsers(client):
    response = client.get("/id/tool/no-such-tool", headers={"Accept": BROWSER})
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "<h1>Error 404</h1>" in response.text and "no-such-tool" in response.text


@pytest.mark.parametrize("url", ["/id/tool/a%20b", "/id/tool/a%3Eb", "/resource?iri=not%20an%20iri"])
def test_a_string_that_is_no_iri_is_a_404_not_a_500(client, url):
    assert client.get(url, headers={"Accept": "text/turtle"}).status_code == 404


def test_unacceptable_media_type_is_a_406(client):
    response = client.get("/id/tool/cilium", headers={"Accept": "image/png"})
    assert response.status_code == 406
    assert "HTML, JSON or RDF" in response.json()["error"]


def test_resource_path_keeps_iris_intact(vocabulary):
    assert resource_path(CILIUM) == "/id/tool/cilium"
    assert resource_path("http://example.org/lang/C++#it") == "/resource?iri=http://example.org/lang/C%2B%2B%23it"
    # the same path on another host is not a Talkgraph IRI
    assert resource_path("http://example.org/talkgraph/id/tool/cilium").startswith("/resource?iri=")
    store = EmbeddedStore()
    iri = "http://example.org/lang/C++#it"
    store.update(
        f"INSERT DATA {{ GRAPH <urn:test> {{ <{iri}> a <https://w3id.org/talkgraph/ns#Tool> ; "
        f'<{SKOS.prefLabel}> "C plus plus" }} }}'
    )
    response = make_client(store).get(resource_path(iri), headers={"Accept": "application/json"})
    assert response.status_code == 200 and response.json()["iri"] == iri


# -- graph pages ----------------------------------------------------------------------------------

GRAPH_PAGES = ["/graph", f"/graph/around?ref={quote(CILIUM)}", "/graph/cooccur?focus=eBPF"]


@pytest.mark.parametrize("url", GRAPH_PAGES)
def test_graph_page_and_its_json_twin(client, url):
    page = client.get(url)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    data = graph_data(page.text)
    twin = client.get(url + ("&" if "?" in url else "?") + "format=json")
    assert twin.status_code == 200
    body = twin.json()
    assert (body["nodes"], body["options"]) == (data["nodes"], data["options"])
    by_index = [n["id"] for n in data["nodes"]]  # the page's links name their ends by index into its nodes
    links = [(by_index[a], by_index[b], talks, bool(faint)) for a, b, talks, faint in data["links"]]
    assert links == [(e["from"], e["to"], e["talks"], e.get("faint", False)) for e in body["edges"]]
    assert body["nodes"] and body["edges"]
    assert data["options"]["physics"]["enabled"] is False  # positions come precomputed
    for node in body["nodes"]:
        assert isinstance(node["x"], float) and isinstance(node["y"], float), node["id"]
        assert node["url"].startswith("/")
    ids = {n["id"] for n in body["nodes"]}
    assert all(e["from"] in ids and e["to"] in ids for e in body["edges"])
    assert f'data-node-count="{len(body["nodes"])}"' in page.text
    json_link = next(href for href, text in Links(page.text).anchors if text == "JSON")
    assert json_link.startswith("/") and "format=json" in json_link


def test_cooccurrence_graph_holds_the_focus_and_its_tools(client):
    body = client.get("/graph/cooccur", params={"focus": "eBPF", "format": "json"}).json()
    tools = {r["iri"] for r in client.get("/api/cooccur", params={"focus": "eBPF", "limit": 40}).json()["results"]}
    assert {n["id"] for n in body["nodes"]} == tools | {str(ID["topic/ebpf"])}
    assert body["title"] == "Co-occurring with eBPF"


def test_neighbourhood_graph_holds_the_talks(client):
    body = client.get("/graph/around", params={"ref": "cilium", "format": "json"}).json()
    labels = {n["label"] for n in body["nodes"]}
    assert {"Cilium", BEYOND, "A High Schoolers Guide to Kubernetes Network Observability"} <= labels
    assert body["title"] == "Around Cilium"


def test_graph_page_accept_json(client):
    response = client.get("/graph/cooccur", params={"focus": "eBPF"}, headers={"Accept": "application/json"})
    assert response.headers["content-type"] == "application/json" and response.json()["nodes"]


@pytest.mark.parametrize(
    "params, headers, status",
    [
        ({"format": "png"}, {}, 400),
        ({}, {"Accept": "image/png"}, 406),
        ({"focus": "no-such-topic"}, {}, 404),
    ],
)
def test_graph_page_refusals(client, params, headers, status):
    response = client.get("/graph/cooccur", params={"focus": "eBPF", **params}, headers=headers)
    assert response.status_code == status


def test_graph_unknown_classes(client):
    assert client.get("/graph", params={"classes": "Bogus"}).status_code == 400


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/graph",
        "/sparql",
        "/id/tool/cilium",
        BEYOND_PAGE,
        "/search?q=falco",
        "/graph/cooccur?focus=eBPF",
        "/id/tool/no-such-tool",
    ],
)
def test_pages_load_nothing_from_elsewhere(client, url):
    response = client.get(url, headers={"Accept": BROWSER})
    assert response.headers["content-type"].startswith("text/html")
    loads = Links(response.text).loads
    assert "/static/talkgraph.css" in loads
    for address in loads:
        assert address.startswith("/") and not address.startswith("//"), (url, address)
        assert client.get(address).status_code == 200, address


def test_stylesheet_imports_nothing(client):
    css = client.get("/static/talkgraph.css").text
    assert "@import" not in css and "url(" not in css


# -- escaping -------------------------------------------------------------------------------------

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = '"><script>alert(1)</script> and {{7*7}}'


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, vocabulary):
    """An app over notes whose talk titles are markup and template syntax."""
    notes = tmp_path_factory.mktemp("hostile") / "hostile.md"
    notes.write_text(
        f"# Hostile notes\n\n## {IMG}\n\nThe speaker showed Cilium and Falco for eBPF security.\n\n"
        f"## {SCRIPT}\n\nThey ran Prometheus next to Cilium.\n",
        "utf-8",
    )
    store = EmbeddedStore()
    assert ingest(store, [notes], vocabulary).documents == {"hostile": 2}
    client = make_client(store)
    talks = {t["label"]: t for t in client.get("/api/talks").json()["results"]}
    assert set(talks) == {IMG, SCRIPT}
    return client, talks


def assert_inert(page: str) -> None:
    assert "<img" not in page
    assert "<script>alert" not in page and "</script> and" not in page
    assert "onerror=alert(1)>" not in page


def test_hostile_titles_are_text_on_html_pages(hostile):
    client, talks = hostile
    for url in ["/", talks[IMG]["page"], talks[SCRIPT]["page"], "/search?q=alert", "/id/tool/cilium"]:
        page = client.get(url, headers={"Accept": BROWSER}).text
        assert_inert(page)
        if url != talks[IMG]["page"]:
            assert escape(SCRIPT) in page, url  # shown, escaped, and not evaluated: {{7*7}} stays as written
        if url != talks[SCRIPT]["page"]:
            assert escape(IMG) in page, url


@pytest.mark.parametrize("which", [IMG, SCRIPT])
def test_hostile_titles_are_text_in_graph_pages(hostile, which):
    client, talks = hostile
    page = client.get("/graph/around", params={"ref": talks[which]["iri"]}).text
    assert_inert(page)
    block = re.search(r'<script id="graph-data" type="application/json">(.*?)</script>', page, re.S).group(1)
    assert "<" not in block and ">" not in block and "&" not in block.replace("&amp;", "")
    assert which in {n["label"] for n in json.loads(block)["nodes"]}  # the data still says it, as text
    assert f"<h1>Around {escape(which)}</h1>" in page


def test_hostile_queries_are_text(hostile):
    client, _ = hostile
    payload = "<script>alert(3)</script>"
    search = client.get("/search", params={"q": payload}).text
    assert payload not in search and escape(payload) in search
    missing = client.get("/graph/around", params={"ref": payload}, headers={"Accept": BROWSER})
    assert missing.status_code == 404 and payload not in missing.text and escape(payload) in missing.text


def test_api_docs_page_uses_the_bundled_swagger_ui(client):
    response = client.get("/docs", headers={"Accept": BROWSER})
    assert response.status_code == 200
    loads = Links(response.text).loads
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in loads
    for address in loads:
        assert address.startswith("/") and not address.startswith("//"), address
        assert client.get(address).status_code == 200, address
    assert '"validatorUrl": null' in response.text  # no call to the online validator
    assert client.get("/openapi.json").json()["info"]["title"] == "Talkgraph"


def test_graph_pages_are_laid_out_once_per_view(kubecon_store, monkeypatch):
    import talkgraph.graph.analytics.viz

    calls = []
    real = talkgraph.graph.analytics.viz.layout
    monkeypatch.setattr(talkgraph.graph.analytics.viz, "layout", lambda *a: calls.append(1) or real(*a))
    client = make_client(kubecon_store)
    first = client.get("/graph", params={"format": "json"}).json()
    second = client.get("/graph", params={"format": "json"}).json()
    assert first == second and len(calls) == 1
    client.app.state.talkgraph.invalidate()  # what a write does
    client.get("/graph", params={"format": "json"})
    assert len(calls) == 2
