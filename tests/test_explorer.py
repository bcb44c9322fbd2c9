"""The explorer's questions and routes: typeahead, edge evidence, neighbours, paths with evidence, exports."""

from __future__ import annotations

import csv
import io
import math
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from talkgraph.graph.analytics import viz
from talkgraph.graph.analytics.questions import fold
from talkgraph.graph.analytics.view import Node, TalkGraph
from talkgraph.graph.analytics.viz import build_page, page_options
from talkgraph.ontology import ID
from tests.big_graph import label, most_central, star_store, tool
from tests.conftest import make_client

CILIUM, EBPF, HELM = str(ID["tool/cilium"]), str(ID["topic/ebpf"]), str(ID["tool/helm"])


def test_fold_drops_case_and_accents():
    assert fold("  Kübernetes  Ñet ") == "kubernetes net"


@pytest.mark.parametrize("typed", ["kübernetes", "KUBERN", "k8s"])
def test_suggest_folds_case_and_accents_and_knows_aliases(client, typed):
    results = client.get("/api/suggest", params={"q": typed, "limit": 3}).json()["results"]
    assert results[0]["label"] == "Kubernetes"
    assert results[0]["matched"] == ("k8s" if typed == "k8s" else "Kubernetes")


def test_suggest_puts_prefixes_before_inner_matches(client):
    labels = [r["label"] for r in client.get("/api/suggest", params={"q": "cil"}).json()["results"]]
    assert labels[0] == "Cilium"


def test_edge_evidence_gives_the_talks_and_sentences_naming_both(client, kubecon_store):
    answer = client.get("/api/edge", params={"source": "eBPF", "target": "Cilium"}).json()
    assert answer["relation"] == "cooccurrence"
    assert answer["explanation"] == f"{answer['talks']} talks name both"
    both = client.get("/api/talks", params={"topic": "eBPF", "tool": "Cilium"}).json()
    assert answer["talks"] == both["count"] == len(answer["evidence"]) == 2
    for item in answer["evidence"]:
        assert all("ebpf" in s.casefold() or "bpf" in s.casefold() for s in item["source_sentences"])
        assert all("cilium" in s.casefold() for s in item["target_sentences"])


def test_edge_of_a_talk_gives_its_sentences(client):
    talk = client.get("/api/talks", params={"tool": "Cilium"}).json()["results"][0]
    answer = client.get("/api/edge", params={"source": talk["iri"], "target": "Cilium"}).json()
    assert answer["relation"] == "names" and answer["talks"] == 1
    assert answer["evidence"][0]["source_sentences"] == []
    assert all("cilium" in s.casefold() for s in answer["evidence"][0]["target_sentences"])


def test_neighbours_are_the_heaviest_with_the_links_among_them(client):
    answer = client.get("/api/neighbours", params={"ref": "Cilium", "limit": 5}).json()
    weights = [n["weight"] for n in answer["results"]]
    assert len(weights) == 5 and weights == sorted(weights, reverse=True) and answer["total"] > 5
    members = {CILIUM, *(n["iri"] for n in answer["results"])}
    assert all(a in members and b in members and a < b for a, b, _ in answer["links"])
    assert {(min(CILIUM, n["iri"]), max(CILIUM, n["iri"]), n["weight"]) for n in answer["results"]} <= {
        tuple(link) for link in answer["links"]
    }


def test_connection_between_cilium_and_helm_explains_every_step(client):
    answer = client.get("/api/connection", params={"source": "Cilium", "target": "Helm"}).json()
    assert answer["found"] is True
    for path in answer["paths"]:
        labels = [n["label"] for n in path["nodes"]]
        assert labels[0] == "Cilium" and labels[-1] == "Helm" and len(labels) == len(answer["paths"][0]["nodes"])
        assert [(s["source"]["iri"], s["target"]["iri"]) for s in path["steps"]] == list(
            zip([n["iri"] for n in path["nodes"]], [n["iri"] for n in path["nodes"]][1:], strict=False)
        )
        assert all(s["relation"] in ("cooccurrence", "names", "vocabulary") for s in path["steps"])


def test_connection_to_itself_is_not_found(client):
    assert client.get("/api/connection", params={"source": "Cilium", "target": "cilium"}).json()["paths"] == []


def test_graph_exports_hold_the_same_view(client):
    params = {"focus": "eBPF"}
    data = client.get("/graph/cooccur", params={**params, "format": "json"}).json()
    edges = {(e["from"], e["to"]) for e in data["edges"]}
    graphml = client.get("/graph/cooccur", params={**params, "format": "graphml"})
    assert graphml.headers["content-type"].startswith("application/graphml+xml")
    from_graphml = nx.parse_graphml(graphml.text)
    assert set(from_graphml.nodes) == {n["id"] for n in data["nodes"]}
    assert {tuple(sorted(e)) for e in from_graphml.edges} == {tuple(sorted(e)) for e in edges}
    assert from_graphml.nodes[EBPF]["label"] == "eBPF"
    gexf = client.get("/graph/cooccur", params={**params, "format": "gexf"})
    assert "attachment" in gexf.headers["content-disposition"]
    assert ET.fromstring(gexf.text).tag.endswith("gexf")
    rows = list(
        csv.DictReader(io.StringIO(client.get("/graph/cooccur", params={**params, "format": "nodes.csv"}).text))
    )
    assert {r["id"] for r in rows} == {n["id"] for n in data["nodes"]}


def test_exports_apply_the_view_filters(client):
    base = {"focus": "eBPF", "format": "json"}
    everything = client.get("/graph/cooccur", params=base).json()
    heavy = client.get("/graph/cooccur", params={**base, "min_edge": 2}).json()
    assert {e["id"] for e in heavy["edges"]} == {e["id"] for e in everything["edges"] if e["talks"] >= 2}
    no_topics = client.get("/graph/cooccur", params={**base, "off": "topic", "hide": CILIUM}).json()
    assert {n["id"] for n in no_topics["nodes"]} == {
        n["id"] for n in everything["nodes"] if n["group"] != "Topic" and n["id"] != CILIUM
    }
    rows = list(csv.reader(io.StringIO(client.get("/graph/cooccur", params={**base, "format": "edges.csv"}).text)))
    assert rows[0] == ["source", "target", "source_label", "target_label", "talks"]
    assert len(rows) == len(everything["edges"]) + 1


def test_a_permalink_rebuilds_the_expanded_nodes(client):
    base = client.get("/graph/cooccur", params={"focus": "eBPF", "format": "json"}).json()
    grown = client.get("/graph/cooccur", params={"focus": "eBPF", "expand": "Helm", "format": "json"}).json()
    neighbours = client.get("/api/neighbours", params={"ref": "Helm", "limit": 25}).json()
    expected = {n["id"] for n in base["nodes"]} | {HELM} | {n["iri"] for n in neighbours["results"]}
    assert {n["id"] for n in grown["nodes"]} == expected


def test_focus_is_at_the_centre_and_links_among_the_others_are_faint(client):
    data = client.get("/graph/cooccur", params={"focus": "eBPF", "format": "json"}).json()
    focus = next(n for n in data["nodes"] if n["id"] == EBPF)
    assert (focus["x"], focus["y"]) == (0, 0)
    assert all(e.get("faint", False) == (EBPF not in (e["from"], e["to"])) for e in data["edges"])
    assert len({e["id"] for e in data["edges"]}) == len(data["edges"])


def test_labels_are_never_drawn_below_10_px(client):
    options = client.get("/graph", params={"format": "json"}).json()["options"]
    assert options["nodes"]["scaling"]["label"]["drawThreshold"] - 1 >= 10
    assert options["physics"]["enabled"] is False


@pytest.mark.parametrize("params", [{"format": "pdf"}, {"min_edge": "x", "format": "json"}])
def test_bad_export_requests_are_400(client, params):
    assert client.get("/graph", params=params).status_code == 400


def test_profile_of_a_tool_and_of_its_company(client):
    cilium = client.get("/api/profile", params={"ref": "Cilium"}).json()
    assert cilium["definition"] == "eBPF-based networking, security and observability for Kubernetes."
    assert cilium["maturity"] == "Graduated"
    assert "eBPF" in [t["label"] for t in cilium["topics"]]
    assert [d["label"] for d in cilium["developers"]] == ["Isovalent"]
    assert [g["label"] for g in cilium["governed_by"]] == ["CNCF"]
    isovalent = client.get("/api/profile", params={"ref": "Isovalent"}).json()
    tools = {d["label"]: d for d in isovalent["develops"]}
    talks = client.get("/api/talks", params={"tool": "Cilium"}).json()["results"]
    assert [t["iri"] for t in tools["Cilium"]["talks"]] == [t["iri"] for t in talks]


def test_tool_page_shows_its_profile(client):
    page = client.get("/id/tool/kubernetes", headers={"Accept": "text/html"}).text
    assert "Container orchestrator that runs and heals workloads" in page
    assert "<dt>Also called</dt><dd>k8s</dd>" in page and "CNCF Graduated" in page


def test_talk_page_groups_names_by_class_and_shows_each_sentence_once(client):
    talk = "/id/talk/kubecon-na-2020/beyond-the-buzzword-bpfs-unexpected-role-in-kubernetes"
    page = client.get(talk, headers={"Accept": "text/html"}).text
    named = page.split("<h2>Named in this talk</h2>")[1].split("<h2>Related topics</h2>")[0]
    quotes = [q.split("</blockquote>")[0] for q in named.split("<blockquote>")[1:]]
    assert quotes and len(quotes) == len(set(quotes))
    assert named.index("<h3>Tool") < named.index("<h3>Topic")


@pytest.fixture(scope="module")
def big_client():
    return make_client(star_store())


def test_the_overview_draws_the_2000_most_central_nodes_and_the_rest_is_reachable(big_client, monkeypatch):
    body = big_client.get("/graph", params={"format": "json"}).json()
    monkeypatch.setattr(viz, "layout", lambda *a: pytest.fail("a permalink's expansions were laid out again"))
    drawn = {n["id"] for n in body["nodes"]}
    assert body["most_central"] == {"shown": 2000, "of": 2300, "by": "weighted degree"}
    assert drawn == most_central(2000) and {tool(2298), tool(2299)} <= drawn and tool(2297) not in drawn
    page = big_client.get("/graph").text
    assert "The 2,000 most central of 2,300 nodes" in page and 'data-node-count="2000"' in page
    hits = big_client.get("/api/suggest", params={"q": label(2297)}).json()["results"]
    assert hits[0]["iri"] == tool(2297)
    answer = big_client.get("/api/neighbours", params={"ref": tool(2297), "graph": "entity"}).json()
    assert [n["iri"] for n in answer["results"]] == [tool(2277)]  # its star's centre, drawn already
    grown = big_client.get("/graph", params={"expand": tool(2297), "format": "json"}).json()
    assert {n["id"] for n in grown["nodes"]} == drawn | {tool(2297)}
    where = {n["id"]: (n["x"], n["y"]) for n in body["nodes"]}
    moved = {n["id"]: (n["x"], n["y"]) for n in grown["nodes"]}
    assert {k: moved[k] for k in where} == where  # no new layout: the drawn nodes stay, the new one beside
    (x, y), (cx, cy) = moved[tool(2297)], where[tool(2277)]
    assert round(math.hypot(x - cx, y - cy)) == 166  # on a ring of one around its neighbour
    assert {(e["from"], e["to"]) for e in grown["edges"]} - {(e["from"], e["to"]) for e in body["edges"]} in (
        {(tool(2277), tool(2297))},
        {(tool(2297), tool(2277))},
    )


def test_a_smaller_overview_draws_every_node(client):
    body = client.get("/graph", params={"format": "json"}).json()
    assert "most_central" not in body
    assert "most central" not in client.get("/graph").text


def test_only_a_big_graph_hides_its_links_while_dragging_or_zooming():
    view = TalkGraph()
    for i in range(70):
        view.nodes[f"{ID}tool/t{i}"] = Node(f"{ID}tool/t{i}", f"T{i}", "Tool")
    complete = nx.complete_graph([f"{ID}tool/t{i}" for i in range(70)])  # 2,415 links
    small = complete.subgraph(list(complete)[:60])  # 1,770
    for graph, hidden in ((complete, True), (small, False)):
        interaction = page_options(build_page("g", graph, view))["interaction"]
        assert (interaction["hideEdgesOnDrag"], interaction["hideEdgesOnZoom"]) == (hidden, hidden)
