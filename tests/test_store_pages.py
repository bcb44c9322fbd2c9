"""Pages that show what the store knows, over HTTP: the home page's corpus, a talk's own facts, and the
page of any IRI the store holds that is not a node of the graph (a notes document, an ontology term)."""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import quote

import pytest
from markupsafe import escape

from talkgraph.graph.documents import stored_documents
from talkgraph.graph.ingest import ingest
from talkgraph.graph.rdf.store import EmbeddedStore
from talkgraph.ontology import ID, TG
from tests.conftest import make_client
from tests.test_pages import BEYOND_PAGE, BROWSER, Links

NOTES = """# DevConf 2024 - notes

## Day 1

### Observability with eBPF - Jane Doe, Acme

[Link to slides](https://example.org/ebpf-slides.pdf)

Jane showed Cilium and Falco for runtime security. Cilium uses eBPF for networking.

### Helm at scale

A talk on Helm charts and Argo CD.

## Day 2

### Keynote: Platform teams - John Roe

John talked about Kubernetes and Backstage.

### <img src=x onerror=alert(1)>

They ran <script>alert(2)</script> next to Prometheus.
"""
EBPF_TALK = "/id/talk/devconf-2024/observability-with-ebpf"


@pytest.fixture(scope="module")
def devconf(tmp_path_factory, vocabulary):
    """The bundled notes and a second document with days, speakers and a slides link."""
    folder = tmp_path_factory.mktemp("corpus")
    (folder / "devconf-2024.md").write_text(NOTES, "utf-8")
    store = EmbeddedStore()
    ingest(store, [folder], vocabulary)
    return store, make_client(store)


def section(page: str, start: str) -> str:
    found = re.search(re.escape(start) + r".*?</section>", page, re.S)
    assert found is not None, start
    return found.group(0)


def facts(page: str) -> dict[str, str]:
    block = re.search(r'<dl class="facts talk-facts">(.*?)</dl>', page, re.S)
    assert block is not None
    pairs = re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", block.group(1), re.S)
    return {name: re.sub(r"\s+", " ", value) for name, value in pairs}


def test_home_names_the_corpus_events_days_and_documents(client, kubecon_store):
    [document] = stored_documents(kubecon_store)
    at = document.ingested_at
    assert section(client.get("/").text, '<section aria-labelledby="corpus-title">') == (
        '<section aria-labelledby="corpus-title">\n<h2 id="corpus-title">The notes</h2>\n<ul class="events">\n'
        '<li><a href="/id/event/kubecon-na-2020">Kubecon North america 2020 virtual</a>: 23 talks, days 1 to 3</li>\n'
        '</ul>\n<h3>Documents (1)</h3>\n<ul class="documents">\n'
        '<li><a href="/id/notes/kubecon-na-2020">kubecon-na-2020</a> · <code>kubecon-na-2020.txt</code>\n'
        f'  · 23 talks · ingested <time datetime="{at}">{at.replace("T", " ").replace("Z", " UTC")}</time></li>\n'
        "</ul>\n</section>"
    )


def test_home_shows_no_server_path(devconf, tmp_path_factory):
    _, client = devconf
    page = client.get("/").text
    assert "<code>devconf-2024.md</code>" in page
    assert str(tmp_path_factory.getbasetemp()) not in page and "/tmp/" not in page


def test_home_reads_the_corpus_again_after_a_write():
    store = EmbeddedStore()
    client = make_client(store, update_token="secret")
    assert "<h3>Documents (0)</h3>" in client.get("/").text
    notes = f"{ID}notes/added"
    insert = (
        f"INSERT DATA {{ GRAPH <{ID}graph/notes/added> {{ <{notes}> a <{TG.Notes}> ; <{TG.sourcePath}> 'added.md' }} }}"
    )
    response = client.post("/sparql", data={"update": insert}, headers={"Authorization": "Bearer secret"})
    assert response.status_code == 204
    page = client.get("/").text
    assert "<h3>Documents (1)</h3>" in page
    assert '<li><a href="/id/notes/added">added</a> · <code>added.md</code>\n  · 0 talks</li>' in page


def test_a_talk_page_gives_event_day_kind_speakers_slides_and_notes(devconf):
    _, client = devconf
    assert facts(client.get(EBPF_TALK).text) == {
        "Event": '<a href="/id/event/devconf-2024">DevConf 2024</a>',
        "Day": "1",
        "Kind": "talk",
        "Speaker": '<a href="/id/person/jane-doe">Jane Doe</a>',
        "Slides": '<a href="https://example.org/ebpf-slides.pdf" rel="noopener noreferrer">'
        "https://example.org/ebpf-slides.pdf</a>",
        "From the notes": '<a href="/id/notes/devconf-2024">devconf-2024.md</a>',
    }
    keynote = facts(client.get("/id/talk/devconf-2024/platform-teams").text)
    assert (keynote["Day"], keynote["Kind"], keynote["Speaker"]) == (
        "2",
        "keynote",
        '<a href="/id/person/john-roe">John Roe</a>',
    )
    assert facts(client.get("/id/talk/devconf-2024/helm-at-scale").text)["Speakers"] == "not named in the notes"


def test_a_talk_page_groups_what_it_names_without_its_speakers_or_a_repeated_sentence(client):
    page = client.get(BEYOND_PAGE).text
    assert facts(page)["Speaker"] == '<a href="/id/person/alban">Alban</a>'
    named = page.split("<h2>Named in this talk</h2>")[1].split("<h2>Related topics</h2>")[0]
    assert re.findall(r"<h3>(\w+) <small>", named) == ["Company", "Tool", "Topic"]
    assert "/id/person/alban" not in dict(Links(named).anchors)
    quoted = Counter(re.findall(r"<blockquote>(.*?)</blockquote>", named, re.S))
    assert quoted and max(quoted.values()) == 1


def test_a_notes_document_has_a_page_of_its_statements(client, kubecon_store):
    [document] = stored_documents(kubecon_store)
    page = client.get("/id/notes/kubecon-na-2020", headers={"Accept": BROWSER}).text
    assert '<p class="cls">tg:Notes</p>\n<h1>kubecon-na-2020.txt</h1>' in page
    said = section(page, "<h2>What the store says of it")
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td></tr>", said)
    own = "/resource?iri=https://w3id.org/talkgraph/ns%23"
    assert rows == [
        ("rdf:type", f'<a href="{own}Notes">notes document</a>'),
        ("schema:name", "kubecon-na-2020.txt"),
        (f'<a href="{own}encoding">tg:encoding</a>', "utf-8"),
        (f'<a href="{own}format">tg:format</a>', "text"),
        (f'<a href="{own}ingestedAt">tg:ingestedAt</a>', document.ingested_at),
        (f'<a href="{own}sha256">tg:sha256</a>', document.sha256),
        (f'<a href="{own}sourceId">tg:sourceId</a>', document.source_id),
        (f'<a href="{own}sourcePath">tg:sourcePath</a>', "kubecon-na-2020.txt"),
    ]
    assert "<h2>What refers to it <small>(200: the first 200)</small></h2>" in page


def test_an_ontology_term_has_a_page_with_what_refers_to_it(client):
    response = client.get("/resource", params={"iri": str(TG.Talk)}, headers={"Accept": BROWSER})
    assert response.status_code == 200
    page = response.text
    assert '<p class="cls">owl:Class</p>\n<h1>talk</h1>' in page
    incoming = section(page, "<h2>What refers to it")
    assert "<small>(36)</small>" in incoming  # the 23 talks, and 13 ontology statements naming the class
    assert incoming.count("<td>rdf:type</td>") == 23
    assert f'<a href="{BEYOND_PAGE}">{escape("Beyond the buzzword: BPF’s Unexpected role in Kubernetes")}</a>' in page


def test_the_statements_page_has_a_json_twin(client):
    response = client.get("/resource", params={"iri": str(TG.Talk)}, headers={"Accept": "application/json"})
    body = response.json()
    assert (body["iri"], body["label"]) == (str(TG.Talk), "talk")
    assert body["outgoing"][0] == {
        "predicate": "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
        "other": {"value": "http://www.w3.org/2002/07/owl#Class", "is_iri": True, "label": None},
    }
    assert len(body["incoming"]) == 36


def test_what_the_notes_say_is_text_on_the_statements_pages(devconf):
    store, client = devconf
    [mention] = [
        r["m"].value
        for r in store.select(
            f"SELECT ?m WHERE {{ ?m <{TG.talk}> <{ID}talk/devconf-2024/img-src-x-onerror-alert-1> ; "
            f"<{TG.surfaceForm}> 'Prometheus' }}"
        )
    ]
    mention_page = "/id/" + mention.removeprefix(str(ID))
    for url in ["/id/notes/devconf-2024", "/id/event/devconf-2024", mention_page]:
        response = client.get(url, headers={"Accept": BROWSER})
        assert response.status_code == 200, url
        assert "<img" not in response.text and "<script>alert" not in response.text, url
    mention_page = client.get(mention_page, headers={"Accept": BROWSER}).text
    assert f"<td>{escape('They ran <script>alert(2)</script> next to Prometheus.')}</td>" in mention_page
    assert f">{escape('<img src=x onerror=alert(1)>')}</a>" in mention_page


@pytest.mark.parametrize("url", ["/id/mention/none/1-x", "/resource?iri=urn:nothing:here"])
def test_an_iri_the_store_does_not_hold_is_still_a_404(client, url):
    response = client.get(url, headers={"Accept": BROWSER})
    assert response.status_code == 404
    assert "<h1>Error 404</h1>" in response.text


def test_the_pages_read_every_backend_alike(any_store, client, vocabulary):
    """The corpus, the class and dataset counts, a talk's facts and a statements page come from SPARQL that
    every backend must answer the same: against the embedded store's pages, on each of them."""
    from talkgraph.graph.ingest import ingest as ingest_notes
    from tests.conftest import BUNDLED_NOTES

    ingest_notes(any_store, [BUNDLED_NOTES], vocabulary)
    there = make_client(any_store)
    ingested = re.compile(r"\d{4}-\d\d-\d\dT[\d:]+Z|\d{4}-\d\d-\d\d [\d:]+ UTC")  # when each store was written
    for url in ["/", BEYOND_PAGE, "/id/notes/kubecon-na-2020", "/resource?iri=" + quote(str(TG.Talk))]:
        page, expected = there.get(url, headers={"Accept": BROWSER}), client.get(url, headers={"Accept": BROWSER})
        assert page.status_code == 200, url
        mine, theirs = (r.text.split("<main>")[1].split("</main>")[0] for r in (page, expected))
        assert ingested.sub("…", mine) == ingested.sub("…", theirs), url
    editor = there.get("/sparql", headers={"Accept": BROWSER}).text
    assert (
        editor.split('<ul class="schema-classes">')[1].split("</ul>")[0]
        == (
            client.get("/sparql", headers={"Accept": BROWSER})
            .text.split('<ul class="schema-classes">')[1]
            .split("</ul>")[0]
        )
    )
