"""Tooltips on demand: a graph page carries what it knows of each node; /api/tooltip adds the first talks."""

from __future__ import annotations

import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from talkgraph.graph.analytics.view import TalkGraph
from talkgraph.graph.analytics.viz import UNVETTED_NOTE, neighbourhood_page
from talkgraph.ontology import EntityClass
from tests.conftest import make_client
from tests.test_pages import IMG, SCRIPT, hostile  # noqa: F401 - the hostile notes' app, a fixture
from tests.test_unvetted_shown import FROBDB, store_of

ID = "https://w3id.org/talkgraph/id/"
CILIUM = ID + "tool/cilium"
GUIDE = "A High Schoolers Guide to Kubernetes Network Observability"


def talk_iri(client, title: str) -> str:
    return next(t["iri"] for t in client.get("/api/talks").json()["results"] if t["label"] == title)


def test_a_page_carries_only_what_it_knows(client):
    nodes = {
        n["id"]: n for n in client.get("/graph/around", params={"ref": "Cilium", "format": "json"}).json()["nodes"]
    }
    assert nodes[CILIUM]["title"] == "Cilium\nTool\nnamed in 2 talks"
    assert nodes[talk_iri(client, GUIDE)]["title"] == f"{GUIDE}\nTalk\nnames 15"
    assert not any("•" in n["title"] for n in nodes.values())


def test_the_tooltip_of_a_tool_lists_its_first_three_talks_by_title(client):
    response = client.get("/api/tooltip", params={"ref": CILIUM})
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    assert response.json() == {
        "iri": CILIUM,
        "label": "Cilium",
        "class": "Tool",
        "talks": 2,
        "text": "Cilium\nTool\nnamed in 2 talks\n"
        "• A High Schoolers Guide to Kubernetes Network Observability\n"
        "• Beyond the buzzword: BPF’s Unexpected role in Kubernetes",
    }
    assert client.get("/api/tooltip", params={"ref": "cilium"}).json()["iri"] == CILIUM  # any ref, as elsewhere


def test_the_tooltip_of_a_talk_names_what_it_names(client):
    answer = client.get("/api/tooltip", params={"ref": talk_iri(client, GUIDE)}).json()
    assert answer["names"] == 15 and "talks" not in answer  # things it names, not talks
    assert answer["text"] == (
        f"{GUIDE}\nTalk\nnames 15: Cilium, Debugging, Falco, "
        "Kubernetes, Linux, Monitoring, Networking, Observability, Prometheus, Security, Tracing, bpftrace"
    )


def test_first_talks_are_talks_of_in_title_order(kubecon_store):
    """Over the store, one query of the talks' names; the same three talks_of's titles give, for every entity."""
    view = TalkGraph.from_store(kubecon_store)
    entities = [e for e in view.nodes.entities if view.talk_count(e)]  # type: ignore[attr-defined]
    assert len(entities) > 50
    for entity in entities:
        expected = sorted(view.talks_of(entity), key=lambda n: (n.label, n.iri))[:3]
        assert view.first_talks(entity, 3) == expected, entity
    assert view.first_talks(ID + "tool/no-such-tool", 3) == []


def test_a_hostile_title_comes_as_text_with_markup_escaped(hostile):  # noqa: F811
    client, talks = hostile
    response = client.get("/api/tooltip", params={"ref": CILIUM})
    assert "<" not in response.text and ">" not in response.text and "&" not in response.text
    text = json.loads(response.text)["text"]
    assert text.splitlines()[3:] == sorted([f"• {IMG}", f"• {SCRIPT}"])  # as written, by title
    assert json.loads(client.get("/api/tooltip", params={"ref": talks[IMG]["iri"]}).text)["label"] == IMG


def test_an_unknown_ref_is_a_json_404(client):
    response = client.get("/api/tooltip", params={"ref": ID + "tool/no-such-tool"})
    assert response.status_code == 404
    assert response.json() == {"error": f"no resource matches '{ID}tool/no-such-tool'", "status": 404}
    assert client.get("/api/tooltip").status_code == 422


@pytest.mark.parametrize(("length", "status"), [(2000, 404), (2001, 414)])
def test_a_ref_is_at_most_the_parameter_limit(client, length, status):
    response = client.get("/api/tooltip", params={"ref": "x" * length})
    assert response.status_code == status and response.json()["status"] == status


def test_an_unvetted_tool_says_so_in_its_tooltip(tmp_path, vocabulary):
    client = make_client(store_of(tmp_path, vocabulary, ["FrobDB"]))
    assert client.get("/api/tooltip", params={"ref": FROBDB}).json()["text"].splitlines()[:3] == [
        "FrobDB",
        "Tool",
        UNVETTED_NOTE,
    ]


def test_a_page_s_nodes_counted_alone_count_as_every_person_counted(kubecon_store):
    """A page's people are counted for that page (one aggregate, kept per view), not every person of the store."""
    iris = [*TalkGraph.from_store(kubecon_store).nodes, ID + "tool/no-such-tool", "not an IRI"]
    alone = TalkGraph.from_store(kubecon_store)
    got = alone.talk_counts(iris)
    assert "_uncounted_talks" not in alone.__dict__
    every = TalkGraph.from_store(kubecon_store)
    assert every._uncounted_talks
    assert got == {iri: every.talk_count(iri) for iri in iris}
    people = [iri for iri in iris if every.nodes.get(iri) and every.nodes[iri].cls == EntityClass.PERSON]
    assert len([p for p in people if got[p]]) == 6  # the bundled notes' named speakers
    assert got[ID + "tool/no-such-tool"] == got["not an IRI"] == 0


def test_a_neighbourhood_page_counts_only_its_own_people(kubecon_store):
    view = TalkGraph.from_store(kubecon_store)
    page = neighbourhood_page(view, view.nodes[ID + "person/liz-rice"], radius=2)
    people = {n["id"]: n["talks"] for n in page.network.nodes if n["group"] == EntityClass.PERSON}
    assert people == {ID + "person/liz-rice": 1}
    assert "_uncounted_talks" not in view.__dict__


def test_a_person_s_tooltip_counts_only_that_person(kubecon_store):
    client = make_client(kubecon_store)
    answer = client.get("/api/tooltip", params={"ref": ID + "person/liz-rice"}).json()
    assert answer["talks"] == 1 and answer["text"].splitlines()[:3] == ["Liz Rice", "Person", "named in 1 talk"]
    assert "_uncounted_talks" not in client.app.state.talkgraph.view.__dict__


def test_concurrent_tooltips_of_one_entity_read_its_talks_once(kubecon_store, monkeypatch):
    """Before the background's first talks come, requests for the same entity at once share one read."""
    client = make_client(kubecon_store)
    state = client.app.state.talkgraph
    monkeypatch.setattr(state, "first_talks", lambda node: None)  # the background has not answered yet
    view, cilium = state.view, state.view.nodes[CILIUM]
    expected = view.first_talks(CILIUM, 3)
    reads: list[str] = []
    release = threading.Event()

    def slow_first_talks(entity: str, most: int) -> list:
        reads.append(entity)
        release.wait(10)
        return expected

    monkeypatch.setattr(view, "first_talks", slow_first_talks)
    with ThreadPoolExecutor(4) as pool:
        answers = [pool.submit(state.tooltip_talks, cilium) for _ in range(4)]
        for _ in range(100):
            if len(state._asking) == 1 and reads:
                break
            time.sleep(0.01)
        time.sleep(0.2)  # the other three are waiting for the first
        release.set()
        assert [a.result(timeout=10) for a in answers] == [expected] * 4
    assert reads == [CILIUM] and state._asking == {} and len(expected) == 2
