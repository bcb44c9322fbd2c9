"""The JSON API over the bundled notes: answers checked against the data, errors that say what is wrong."""

from __future__ import annotations

import itertools

import pytest

from talkgraph.api import json_api
from talkgraph.ontology import ID, TG, sparql_prologue

EBPF = str(ID["topic/ebpf"])
OBSERVABILITY = str(ID["topic/observability"])
HIGH_SCHOOLERS = "A High Schoolers Guide to Kubernetes Network Observability"
BEYOND = "Beyond the buzzword: BPF’s Unexpected role in Kubernetes"


def select_set(store, body: str, var: str) -> set[str]:
    """An independent answer: one SPARQL SELECT on the store, one variable's values."""
    return {row[var].value for row in store.select(sparql_prologue() + body)}


def talks_naming(store, entity: str) -> set[str]:
    """Talk IRIs with a Mention of the entity (tool or topic), straight from the notes graph."""
    return select_set(store, f"SELECT DISTINCT ?t WHERE {{ ?m tg:entity <{entity}> ; tg:talk ?t }}", "t")


def labels(results: list[dict]) -> list[str]:
    return [r["label"] for r in results]


# -- co-occurrence ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ebpf(client) -> dict:
    response = client.get("/api/cooccur", params={"focus": "eBPF"})
    assert response.status_code == 200
    return response.json()


def test_cooccur_names_the_ebpf_tools(ebpf):
    assert ebpf["focus"] == {"iri": EBPF, "label": "eBPF", "class": "Topic", "page": "/id/topic/ebpf", "curated": True}
    assert {"Cilium", "Falco", "bpftrace", "kubectl-trace", "Inspektor Gadget", "kube-netc", "Prometheus"} <= set(
        labels(ebpf["results"])
    )
    assert labels(ebpf["results"])[0] == "Cilium"  # the only tool named in two eBPF talks
    assert ebpf["results"][0]["talks"] == 2


def test_cooccur_ranks_follow_descending_score(ebpf):
    results = ebpf["results"]
    assert [r["rank"] for r in results] == list(range(1, len(results) + 1))
    scores = [r["score"] for r in results]
    assert scores == sorted(scores, reverse=True)
    assert all(0 < s <= 1 for s in scores)


def test_cooccur_talk_counts_match_the_mentions(ebpf, kubecon_store):
    ebpf_talks = talks_naming(kubecon_store, EBPF) | select_set(
        kubecon_store, f"SELECT ?t WHERE {{ ?t tg:hasTopic <{EBPF}> }}", "t"
    )
    for result in ebpf["results"]:
        expected = select_set(kubecon_store, f"SELECT DISTINCT ?t WHERE {{ ?t tg:mentions <{result['iri']}> }}", "t")
        assert {e["talk"]["iri"] for e in result["evidence"]} == expected & ebpf_talks, result["label"]
        assert result["talks"] == len(result["evidence"])


@pytest.mark.parametrize("tool", ["Cilium", "kube-netc"])
def test_cooccur_evidence_sentences_name_the_tool(ebpf, vocabulary, tool):
    result = next(r for r in ebpf["results"] if r["label"] == tool)
    names = [name.casefold() for name in vocabulary.entries[result["iri"]].labels]
    assert result["evidence"]
    for evidence in result["evidence"]:
        assert evidence["sentences"], evidence["talk"]["label"]
        for sentence in evidence["sentences"]:
            assert any(name in sentence.casefold() for name in names), sentence


def test_cooccur_evidence_sentences_are_not_repeated(ebpf):
    # "Inspektor gadget can be used from kubectl gadget …" names Inspektor Gadget twice: one sentence, once.
    for result in ebpf["results"]:
        for evidence in result["evidence"]:
            assert len(evidence["sentences"]) == len(set(evidence["sentences"])), (result["label"], evidence)


@pytest.mark.parametrize("focus", [EBPF, "ebpf", "EBPF", "eBPF"])
def test_cooccur_focus_by_iri_slug_or_label_in_any_case(client, ebpf, focus):
    response = client.get("/api/cooccur", params={"focus": focus})
    assert response.status_code == 200
    assert response.json() == ebpf


def test_cooccur_unknown_focus_is_a_404_that_names_it(client):
    response = client.get("/api/cooccur", params={"focus": "no-such-topic"})
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/json")
    assert response.json() == {"error": "no topic or tool matches 'no-such-topic'", "status": 404}


def test_cooccur_limit(client, ebpf):
    response = client.get("/api/cooccur", params={"focus": "eBPF", "limit": 2})
    assert response.status_code == 200
    assert response.json()["results"] == ebpf["results"][:2]
    for limit in (0, -1, 1001):
        response = client.get("/api/cooccur", params={"focus": "eBPF", "limit": limit})
        assert response.status_code == 422
        assert "limit" in response.json()["error"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/cooccur?focus=",
        "/api/cooccur?focus=%20",
        "/api/resource?ref=",
        "/api/talks?topic=",
        "/api/path?source=&target=Falco",
    ],
)
def test_a_blank_ref_names_nothing(client, url):
    # As a substring "" is in every label: it must not pick an arbitrary resource.
    assert client.get(url).status_code == 404


# -- related topics -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def related(client) -> dict:
    response = client.get("/api/related-topics", params={"talk": "Beyond the buzzword"})
    assert response.status_code == 200
    return response.json()


def test_related_topics_of_the_ebpf_talk(related):
    assert related["talk"]["label"] == BEYOND
    by_label = {r["label"]: r for r in related["results"]}
    assert {"eBPF", "Observability", "Networking", "Security"} <= set(by_label)
    assert by_label["eBPF"]["explicit"] is True
    assert by_label["eBPF"]["rank"] <= 3
    assert [r["rank"] for r in related["results"]] == list(range(1, len(related["results"]) + 1))
    scores = [r["score"] for r in related["results"]]
    assert scores == sorted(scores, reverse=True)


def test_related_topics_give_reasons(related):
    for result in related["results"]:
        assert result["reasons"] and all(isinstance(r, str) and r for r in result["reasons"]), result["label"]
        if result["explicit"]:
            assert result["sentences"] and result["reasons"][0].startswith("the talk names it: ")
    observability = next(r for r in related["results"] if r["label"] == "Observability")
    assert observability["explicit"] is False  # the talk never says it: its tools do
    assert {t["label"] for t in observability["shared_tools"]} == {"Cilium", "Inspektor Gadget"}


def test_related_topics_by_iri_and_slug(client, related):
    iri = related["talk"]["iri"]
    assert client.get("/api/related-topics", params={"talk": iri}).json() == related
    assert client.get("/api/related-topics", params={"talk": iri.rsplit("/", 1)[-1]}).json() == related


def test_related_topics_unknown_talk(client):
    response = client.get("/api/related-topics", params={"talk": "No such talk"})
    assert response.status_code == 404
    assert response.json()["error"] == "no talk matches 'No such talk'"


@pytest.mark.parametrize(
    "url, params",
    [
        ("/api/related-topics", {"talk": str(ID["tool/cilium"])}),  # a tool is not a talk
        ("/api/companies", {"topic": str(ID["tool/cilium"])}),  # nor a topic
        ("/api/cooccur", {"focus": str(ID["org/cncf"])}),  # a company is no co-occurrence focus
    ],
)
def test_an_iri_of_another_class_is_refused(client, url, params):
    # by label such refs already give 404; by IRI they must too (TalkGraph.resolve ignores classes for IRIs)
    assert client.get(url, params=params).status_code == 404


# -- talks, companies, communities, paths, search, stats, resources ----------------------------------


def test_talks_about_a_topic(client, kubecon_store):
    body = client.get("/api/talks", params={"topic": "Observability"}).json()
    expected = select_set(kubecon_store, f"SELECT ?t WHERE {{ ?t a tg:Talk ; tg:hasTopic <{OBSERVABILITY}> }}", "t")
    assert {r["iri"] for r in body["results"]} == expected
    assert body["count"] == len(expected) == 7
    assert all(OBSERVABILITY in {n["iri"] for n in r["names"]} for r in body["results"])


def test_talks_naming_a_tool(client, kubecon_store):
    body = client.get("/api/talks", params={"tool": "Prometheus"}).json()
    expected = talks_naming(kubecon_store, str(ID["tool/prometheus"]))
    assert {r["iri"] for r in body["results"]} == expected
    assert body["count"] == len(expected) == 3
    assert HIGH_SCHOOLERS in labels(body["results"])
    assert labels(body["results"]) == sorted(labels(body["results"]), key=str.casefold)


def test_talk_filters_combine(client):
    about = {r["iri"] for r in client.get("/api/talks", params={"topic": "Observability"}).json()["results"]}
    naming = {r["iri"] for r in client.get("/api/talks", params={"tool": "Prometheus"}).json()["results"]}
    both = client.get("/api/talks", params={"topic": "Observability", "tool": "Prometheus"}).json()
    assert {r["iri"] for r in both["results"]} == about & naming
    assert both["count"] == 2


def test_all_talks(client):
    assert client.get("/api/talks").json()["count"] == 23


@pytest.mark.parametrize(
    "params, message",
    [
        ({"topic": "Nope"}, "no topic matches 'Nope'"),
        ({"tool": "Chaos Engineering"}, "no tool matches 'Chaos Engineering'"),  # a topic is not a tool
        ({"company": "Nope"}, "no company matches 'Nope'"),
    ],
)
def test_talk_filters_that_match_nothing(client, params, message):
    response = client.get("/api/talks", params=params)
    assert (response.status_code, response.json()["error"]) == (404, message)


def test_companies_behind_a_topic(client, vocabulary):
    body = client.get("/api/companies", params={"topic": "Observability"}).json()
    assert body["topic"]["iri"] == OBSERVABILITY
    assert body["results"]
    for company in body["results"]:
        assert company["class"] == "Company" and company["tools"]
        for tool in company["tools"]:
            entry = vocabulary.entries[tool["iri"]]
            assert OBSERVABILITY in entry.topics, tool["label"]
            assert company["iri"] in entry.organisations, (company["label"], tool["label"])
    counts = [len(c["tools"]) for c in body["results"]]
    assert counts == sorted(counts, reverse=True)
    isovalent = next(c for c in body["results"] if c["label"] == "Isovalent")
    assert "Cilium" in labels(isovalent["tools"])


def test_companies_needs_a_topic(client):
    assert client.get("/api/companies", params={"topic": "Cilium"}).status_code == 404
    assert client.get("/api/companies").status_code == 422


def test_every_named_thing_is_in_exactly_one_community(client, kubecon_store):
    body = client.get("/api/communities").json()
    members = [m["iri"] for c in body["results"] for m in c["members"]]
    named = select_set(
        kubecon_store,
        "SELECT DISTINCT ?e WHERE { ?t a tg:Talk ; tg:mentions|tg:hasTopic ?e . ?e a ?c "
        "FILTER(?c IN (tg:Tool, tg:Project, tg:Topic, tg:Company, tg:Foundation, tg:Organization)) }",
        "e",
    )
    assert len(members) == len(set(members))
    assert set(members) == named
    assert [c["community"] for c in body["results"]] == list(range(1, len(body["results"]) + 1))
    cilium = next(c for c in body["results"] if str(ID["tool/cilium"]) in {m["iri"] for m in c["members"]})
    assert {"Cilium", "eBPF"} <= set(labels(cilium["members"]))


def test_path_between_two_tools(client, kubecon_store):
    body = client.get("/api/path", params={"source": "Cilium", "target": "Falco"}).json()
    path = body["path"]
    assert body["found"] is True
    assert path[0]["label"] == "Cilium" and path[-1]["label"] == "Falco"
    # both are named in one talk, so the shortest path runs through it
    shared = talks_naming(kubecon_store, str(ID["tool/cilium"])) & talks_naming(kubecon_store, str(ID["tool/falco"]))
    assert len(path) == 3 and path[1]["iri"] in shared
    for a, b in itertools.pairwise(path):
        links = select_set(
            kubecon_store,
            f"SELECT ?p WHERE {{ {{ <{a['iri']}> ?p <{b['iri']}> }} UNION {{ <{b['iri']}> ?p <{a['iri']}> }} }}",
            "p",
        )
        assert links & {f"{TG}mentions", f"{TG}hasTopic", f"{TG}presentedBy", f"{TG}inTopic"}, (a, b)


def test_path_not_found_and_unknown(client):
    body = client.get("/api/path", params={"source": "Cilium", "target": "Beyla"}).json()  # Beyla: in no talk
    assert (body["found"], body["path"]) == (False, [])
    response = client.get("/api/path", params={"source": "Cilium", "target": "No such thing"})
    assert (response.status_code, response.json()["error"]) == (404, "no resource matches 'No such thing'")


def test_search(client):
    results = client.get("/api/search", params={"q": "cil"}).json()["results"]
    assert results[0]["label"] == "Cilium" and results[0]["page"] == "/id/tool/cilium" and results[0]["talks"] == 2
    assert all("cil" in r["label"].casefold() for r in results)
    assert client.get("/api/search", params={"q": "CIL"}).json()["results"] == results
    assert client.get("/api/search", params={"q": "falco", "limit": 1}).json()["results"][0]["label"] == "Falco"
    assert client.get("/api/search", params={"q": ""}).status_code == 422
    assert client.get("/api/search", params={"q": "zzzz-nothing"}).json()["results"] == []


def test_stats(client, kubecon_store):
    body = client.get("/api/stats").json()
    assert body["talks"] == 23
    assert body["classes"]["Talk"] == 23
    tools = select_set(kubecon_store, "SELECT ?t WHERE { ?t a tg:Tool ; skos:prefLabel ?l }", "t")
    assert body["classes"]["Tool"] == len(tools)


def test_resource_of_a_tool(client, kubecon_store):
    body = client.get("/api/resource", params={"ref": "cilium"}).json()
    assert (body["iri"], body["label"], body["class"], body["page"]) == (
        str(ID["tool/cilium"]),
        "Cilium",
        "Tool",
        "/id/tool/cilium",
    )
    assert {t["iri"] for t in body["talks"]} == talks_naming(kubecon_store, str(ID["tool/cilium"]))
    assert all(t["sentences"] and all("cilium" in s.casefold() for s in t["sentences"]) for t in body["talks"])
    assert "eBPF" not in labels(body["cooccurring"])  # tools only
    assert {"Falco", "bpftrace"} <= set(labels(body["cooccurring"]))


def test_resource_of_a_talk(client):
    body = client.get("/api/resource", params={"ref": "Beyond the buzzword"}).json()
    assert body["class"] == "Talk" and body["label"] == BEYOND
    assert {"Cilium", "Inspektor Gadget", "eBPF"} <= set(labels(body["names"]))
    assert "eBPF" in labels(body["related_topics"])


def test_resource_unknown(client):
    response = client.get("/api/resource", params={"ref": "no-such-thing"})
    assert (response.status_code, response.json()["error"]) == (404, "no resource matches 'no-such-thing'")


# -- OpenAPI --------------------------------------------------------------------------------------


def test_openapi_lists_every_api_route(client):
    spec = client.get("/openapi.json").json()
    api_routes = {route.path for route in json_api.router.routes}
    assert api_routes == {
        "/api/stats",
        "/api/search",
        "/api/cooccur",
        "/api/related-topics",
        "/api/talks",
        "/api/companies",
        "/api/communities",
        "/api/path",
        "/api/resource",
        "/api/suggest",
        "/api/edge",
        "/api/neighbours",
        "/api/connection",
        "/api/profile",
    }
    assert api_routes <= set(spec["paths"])
    for path in api_routes:
        assert spec["paths"][path]["get"]["summary"], path


def test_docs_page(client):
    response = client.get("/docs")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "/openapi.json" in response.text


def test_talks_come_in_pages_with_a_next_link(client):
    """A page holds at most `limit` talks; following `next` until it is gone gives every talk once, in order."""
    everything = client.get("/api/talks").json()
    assert everything["count"] == len(everything["results"]) == 23 and "next" not in everything
    seen, url, pages = [], "/api/talks?limit=5", 0
    while url:
        page = client.get(url).json()
        assert page["count"] == 23 and len(page["results"]) <= 5 and page["offset"] == len(seen)
        seen += [talk["iri"] for talk in page["results"]]
        url, pages = page.get("next"), pages + 1
    assert pages == 5 and seen == [talk["iri"] for talk in everything["results"]]


def test_a_page_past_the_end_is_empty_and_a_bad_limit_is_refused(client):
    past = client.get("/api/talks", params={"offset": 100}).json()
    assert past["count"] == 23 and past["results"] == [] and "next" not in past
    assert client.get("/api/talks", params={"limit": 0}).status_code == 422


def test_responses_are_compressed_for_clients_that_accept_it(client):
    response = client.get("/api/talks", headers={"Accept-Encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"
    assert int(response.headers["content-length"]) < len(response.content) / 3  # sent compressed, read whole
    assert "content-encoding" not in client.get("/api/talks", headers={"Accept-Encoding": "identity"}).headers


def test_stats_tell_what_the_notes_name_apart_from_the_vocabulary(client, kubecon_store):
    stats = client.get("/api/stats").json()
    tools_named = select_set(
        kubecon_store, "SELECT DISTINCT ?e WHERE { ?t a tg:Talk ; tg:mentions ?e . ?e a tg:Tool }", "e"
    )
    topics_named = select_set(kubecon_store, "SELECT DISTINCT ?e WHERE { ?t a tg:Talk ; tg:hasTopic ?e }", "e")
    assert stats["named"]["Tool"] == len(tools_named) < stats["classes"]["Tool"]
    assert stats["named"]["Topic"] == len(topics_named) <= stats["classes"]["Topic"]
    assert [e["iri"] for e in stats["events"]] == [str(ID["event/kubecon-na-2020"])]
    home = client.get("/").text
    assert f"<strong>{len(tools_named)}</strong> tools named" in home
    assert f"holds {stats['classes']['Company']} companies, {stats['classes']['Tool']} tools" in home


def test_cooccurrences_come_in_pages_with_a_next_link(client, ebpf):
    """Pages of 3 ranked co-occurrences, followed by `next`, give exactly the one-page answer, ranks included."""
    count = len(ebpf["results"])
    assert ebpf["count"] == count and ebpf["offset"] == 0 and "next" not in ebpf and count > 6
    seen, url = [], "/api/cooccur?focus=eBPF&limit=3"
    while url:
        page = client.get(url).json()
        assert page["count"] == count and page["offset"] == len(seen) and len(page["results"]) <= 3
        seen += page["results"]
        url = page.get("next")
    assert seen == ebpf["results"]
    assert client.get("/api/cooccur", params={"focus": "eBPF", "limit": json_api.COOCCUR_MAX + 1}).status_code == 422


def test_the_talks_of_a_resource_come_in_pages(client, kubecon_store):
    """/api/resource lists a page of the talks naming it, says how many there are, and links the next page."""
    expected = talks_naming(kubecon_store, str(ID["tool/kubernetes"]))
    whole = client.get("/api/resource", params={"ref": "kubernetes"}).json()
    assert whole["talk_count"] == len(whole["talks"]) == len(expected) > 4 and "next" not in whole
    first = client.get("/api/resource", params={"ref": "kubernetes", "limit": 4}).json()
    assert [t["iri"] for t in first["talks"]] == [t["iri"] for t in whole["talks"]][:4]
    assert (first["talk_count"], first["next"]) == (len(expected), "/api/resource?ref=kubernetes&limit=4&offset=4")
    rest = client.get(first["next"]).json()
    assert [t["iri"] for t in rest["talks"]] == [t["iri"] for t in whole["talks"]][4:8]
    page = client.get("/id/tool/kubernetes", params={"offset": 4}, headers={"Accept": "application/json"}).json()
    assert [t["iri"] for t in page["talks"]] == [t["iri"] for t in whole["talks"]][4:]


def test_stats_from_counts_match_a_count_of_every_node_and_link(client, kubecon_store):
    """The census (entities in hand, stored counts, aggregates) gives what counting every node and link gives."""
    from talkgraph.graph.analytics.view import TalkGraph

    view = TalkGraph.from_store(kubecon_store)
    nodes = dict(view.nodes.items())  # every node read
    linked = {e for entities in view.talk_entities.values() for e in entities}  # every link read
    held: dict[str, int] = {}
    for node in nodes.values():
        held[node.cls] = held.get(node.cls, 0) + 1
    named: dict[str, int] = {}
    for iri in linked:
        named[nodes[iri].cls] = named.get(nodes[iri].cls, 0) + 1
    stats = client.get("/api/stats").json()
    assert (stats["classes"], stats["named"], stats["linked_entities"]) == (held, named, len(linked))
    assert named["Person"] > 0


def test_the_home_page_lists_talks_in_pages(client, monkeypatch):
    from talkgraph.api import pages

    monkeypatch.setattr(pages, "PAGE_TALKS", 10)
    first, last = client.get("/").text, client.get("/", params={"offset": 20}).text
    assert first.count('class="small" href="/graph/around') == 10 and 'href="/?offset=10"' in first
    assert last.count('class="small" href="/graph/around') == 3 and "More talks" not in last
    assert first.count('href="/graph/cooccur?focus=https') == 5  # the five most-named topics, each with its IRI
