"""Unknown names linked as tools when two independent kinds of evidence agree (graph/linking/unvetted.py)."""

from __future__ import annotations

import pytest
from pyoxigraph import NamedNode
from rdflib import Graph

from talkgraph.graph import ingest as ingest_module
from talkgraph.graph.analytics import derived
from talkgraph.graph.analytics.derived import Analytics
from talkgraph.graph.analytics.stored import read_counts
from talkgraph.graph.ingest import ingest, refresh_analytics
from talkgraph.graph.linking.candidates import Candidate, hosted_repository
from talkgraph.graph.linking.curation import add_entry
from talkgraph.graph.linking.extract import extract
from talkgraph.graph.linking.linker import SHOWN_ELSEWHERE, Linker
from talkgraph.graph.linking.unvetted import evidence_kinds, is_strong
from talkgraph.graph.linking.vocabulary import load_vocabulary
from talkgraph.graph.notes.segment import parse_notes
from talkgraph.graph.rdf.store import EmbeddedStore
from talkgraph.graph.rdf.triples import extraction_quads
from talkgraph.graph.rdf.validate import validate_quads, validate_store
from talkgraph.ontology import ID, TG, sparql_prologue
from tests.test_incremental_analytics import analytics_quads, answers
from tests.test_ingest_in_parts import analytics_text

NOTES = """# Tools day

## Logging at the edge - Ana Silva, Initech

Ana showed the zorblax library: `pip install zorblax` sets it up.
Zorblax Jones, her manager, asked a question about it.
She replaced Nagios, `quillmon` and Prometheus with it.
Traces go through FrobDB, whose code is at https://github.com/frobco/frobdb.
She also mentioned KlaxonHub once.
Her demo repository: https://github.com/anasilva/zorbtrace

## Dashboards - Tom Reyes

Tom pointed Grafana at FrobDB and at the zorblax exporter.
"""


@pytest.fixture(scope="module")
def extraction(vocabulary):
    return extract(parse_notes(NOTES, "tools-day.md"), Linker(vocabulary))


def tools(item) -> list[tuple[str, str, str]]:
    return [(m.entry.label, m.surface, m.reason) for m in item.mentions if m.entry.kind == "tool"]


def test_two_kinds_of_evidence_link_an_unknown_name(extraction):
    first = extraction.talks[0]
    assert tools(first) == [
        ("zorblax", "zorblax", "unvetted: code, cue"),  # "the zorblax library" and "pip install zorblax"
        ("pip", "pip install", ""),
        ("zorblax", "zorblax", "unvetted: code, cue"),
        ("Nagios", "Nagios", ""),
        ("quillmon", "quillmon", "unvetted: code, list"),  # written as code, in a list of known tools
        ("Prometheus", "Prometheus", ""),
        ("FrobDB", "FrobDB", "unvetted: repository, shape"),  # CamelCase, and the repository a link points to
    ]
    assert first.as_json()["tools"] == ["zorblax", "pip", "Nagios", "quillmon", "Prometheus", "FrobDB"]
    assert first.as_json()["unvetted"] == ["zorblax", "quillmon", "FrobDB"]
    zorblax = next(m.entry for m in first.mentions if m.entry.label == "zorblax")
    assert (zorblax.iri, zorblax.curated, zorblax.unvetted) == (str(ID["tool/zorblax"]), False, True)


def test_only_the_spellings_the_evidence_used_are_linked(extraction):
    said = [m.sentence.text for m in extraction.talks[0].mentions if m.entry.label == "zorblax"]
    assert not any(s.startswith("Zorblax Jones") for s in said)  # the person, written capitalised


def test_one_kind_of_evidence_leaves_a_candidate(extraction):
    found = {c.label: sorted({why for why, _ in c.evidence}) for c in extraction.candidates}
    assert found == {"KlaxonHub": ["camel-case"], "zorbtrace": ["repository"]}  # a shape alone; a link alone


def test_other_talks_of_the_notes_link_the_name_where_written_the_same_way(extraction):
    assert tools(extraction.talks[1]) == [
        ("Grafana", "Grafana", ""),
        ("FrobDB", "FrobDB", SHOWN_ELSEWHERE),
        ("zorblax", "zorblax", SHOWN_ELSEWHERE),
    ]


@pytest.mark.parametrize(
    "evidence, strong",
    [
        ([("camel-case", "s"), ("digits", "s"), ("kebab-case", "s")], False),  # three shapes are one kind
        ([("link text", "s"), ("camel-case", "s")], False),  # a link's text is only a link
        ([("cue", "s"), ("product domain", "s")], True),
        ([("install command", "s"), ("code span", "s")], False),  # both are code
        ([("listed with tools", "s"), ("repository", "s")], True),
    ],
)
def test_strength_counts_kinds_not_reasons(evidence, strong):
    candidate = Candidate("Zorbix", evidence=evidence)
    assert is_strong(candidate) is strong
    assert len(evidence_kinds(candidate)) == (2 if strong else 1)


@pytest.mark.parametrize(
    "url, name",
    [
        ("https://github.com/acme/zorb-ctl", "zorb-ctl"),
        ("https://gitlab.com/acme/zorbctl.git", "zorbctl"),
        ("github.com/acme/Zorbctl/", "Zorbctl"),
        ("https://github.com/acme/zorbctl.", "zorbctl"),  # a sentence's full stop is not part of the link
        ("https://github.com/acme", None),  # an account, no repository
        ("https://github.com/acme/zorbctl/blob/main/README.md", None),  # a file inside it
        ("https://example.org/acme/zorbctl", None),  # not a code host
    ],
)
def test_a_code_hosts_link_names_its_repository(url, name):
    assert hosted_repository(url) == name


def test_a_link_to_the_products_own_domain_and_a_named_apposition(vocabulary):
    notes = (
        "# Day one\n\n## Logs at scale - Kim Ho\n\n"
        "They built [QuillLog](http://quilllog.io/), a replicated log service, for their events.\n"
    )
    talk = extract(parse_notes(notes, "day.md"), Linker(vocabulary)).talks[0]
    assert tools(talk) == [("QuillLog", "QuillLog", "unvetted: cue, domain, shape")]


def test_people_and_employers_are_never_linked_as_unvetted_tools(vocabulary):
    notes = (
        "# Day one\n\n## Graphs - Ana Silva, ZorbWorks\n\n"
        "ZorbWorks, a database company, hosts ZorbWorks on https://github.com/zorbworks/zorbworks today.\n"
    )
    talk = extract(parse_notes(notes, "day.md"), Linker(vocabulary)).talks[0]
    assert tools(talk) == []


def test_the_graph_types_an_unvetted_tool_and_the_shapes_accept_it(extraction, vocabulary):
    quads = extraction_quads(extraction)
    zorblax = NamedNode(str(ID["tool/zorblax"]))
    about = sorted((q.predicate.value, q.object.value) for q in quads if q.subject == zorblax)
    assert about == sorted(
        [
            ("http://www.w3.org/1999/02/22-rdf-syntax-ns#type", str(TG.Tool)),
            ("https://schema.org/name", "zorblax"),
            (str(TG.curated), "false"),
        ]
        * 2  # written once in each talk that names it
    )
    conforms, report = validate_quads(quads, vocabulary.graph)
    assert conforms, report
    unnamed = [q for q in quads if not (q.subject == zorblax and q.predicate.value == "https://schema.org/name")]
    conforms, report = validate_quads(unnamed, vocabulary.graph)
    assert not conforms and "unvetted tool" in report


def test_sparql_tells_unvetted_tools_and_the_analytics_count_them_as_a_rebuild_does(tmp_path, vocabulary):
    (tmp_path / "tools-day.md").write_text(NOTES, "utf-8")
    (tmp_path / "other.md").write_text("## Metrics\n\nPrometheus keeps metrics; FrobDB keeps traces.\n", "utf-8")
    store = EmbeddedStore()
    ingest(store, [tmp_path / "tools-day.md"], vocabulary)
    ingest(store, [tmp_path / "other.md"], vocabulary)
    rows = store.select(
        sparql_prologue() + "SELECT ?name (COUNT(DISTINCT ?m) AS ?n) (SAMPLE(?why) AS ?reason) WHERE { "
        "?tool a tg:Tool ; tg:curated false ; schema:name ?name . "
        "?m tg:entity ?tool ; tg:linkReason ?why . FILTER(STRSTARTS(?why, 'unvetted')) } GROUP BY ?name ORDER BY ?name"
    )
    assert [(r["name"].value, int(r["n"].value), r["reason"].value) for r in rows] == [
        ("FrobDB", 1, "unvetted: repository, shape"),
        ("quillmon", 1, "unvetted: code, list"),
        ("zorblax", 2, "unvetted: code, cue"),
    ]
    assert validate_store(store)[0]
    counts, _ = read_counts(store)
    frobdb, zorblax, grafana = (str(ID[f"tool/{name}"]) for name in ("frobdb", "zorblax", "grafana"))
    assert (counts.entities[frobdb], counts.entities[zorblax]) == (2, 2)  # both talks of tools-day; other.md
    assert counts.pairs[(frobdb, grafana)] == 1  # only names it, with one kind of evidence (a candidate there)
    assert counts.pairs[(frobdb, zorblax)] == 2
    fresh = EmbeddedStore()
    ingest(fresh, [tmp_path / "tools-day.md", tmp_path / "other.md"], vocabulary)
    refresh_analytics(fresh)
    assert analytics_quads(store) == analytics_quads(fresh)
    assert answers(store) == answers(fresh)


def test_curating_the_name_later_keeps_its_iri(tmp_path, extraction):
    before = {m.iri for t in extraction.talks for m in t.mentions if m.entry.unvetted}
    vocabulary = load_vocabulary()
    iris = {add_entry(tmp_path, vocabulary, label, "tool") for label in ("zorblax", "quillmon", "FrobDB")}
    assert iris == before
    curated = load_vocabulary([tmp_path / "vocabulary" / "user.ttl"], cache_dir=tmp_path / "cache")
    again = extract(parse_notes(NOTES, "tools-day.md"), Linker(curated))
    linked = {m.iri: m.entry for t in again.talks for m in t.mentions if m.iri in before}
    assert set(linked) == before and not any(e.unvetted for e in linked.values())
    assert Graph().parse(tmp_path / "vocabulary" / "user.ttl")  # the overlay stays plain Turtle


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "We wrote a tool called QuillSync; see quillsync.io.",  # the domain names it too, as helm.sh does Helm
            [("QuillSync", "unvetted: cue, domain, shape"), ("quillsync", "unvetted: cue, domain, shape")],
        ),
        (
            "Zorbtrace is an open-source tracing library: pip install zorbtrace.",
            [("Zorbtrace", "unvetted: code, cue"), ("zorbtrace", "unvetted: code, cue")],
        ),
        ("This is a tool we love, and quillsync is a name.", []),  # a pronoun; a name with no evidence
        ("Run setup-quill.sh and open klaxon.com before the demo.", []),  # a script and a company's site
    ],
)
def test_sentences_that_say_what_a_name_is(vocabulary, sentence, expected):
    talk = extract(parse_notes(f"# Day one\n\n## Tools - Kim Ho\n\n{sentence}\n", "day.md"), Linker(vocabulary)).talks[
        0
    ]
    assert [(m.surface, m.reason) for m in talk.mentions if m.entry.unvetted] == expected


def test_a_list_of_companies_is_no_list_of_tools(vocabulary):
    notes = "# Day one\n\n## Metrics - Kim Ho\n\n{}\n"
    sponsors = "Thanks to our sponsors: QuasarDash, Datadog and PagerDuty."
    talk = extract(parse_notes(notes.format(sponsors), "day.md"), Linker(vocabulary)).talks[0]
    assert [m.surface for m in talk.mentions if m.entry.unvetted] == []
    stack = "Our stack: QuasarDash, Datadog and PagerDuty."
    talk = extract(parse_notes(notes.format(stack), "day.md"), Linker(vocabulary)).talks[0]
    assert [(m.surface, m.reason) for m in talk.mentions if m.entry.unvetted] == [
        ("QuasarDash", "unvetted: list, shape")
    ]


def test_a_document_written_in_parts_links_and_counts_its_unvetted_tools(tmp_path, vocabulary, monkeypatch):
    monkeypatch.setattr(ingest_module, "STREAM_BYTES", 0)  # every file streamed, a talk per part
    monkeypatch.setattr(ingest_module, "PART_TALKS", 1)
    monkeypatch.setattr(derived, "PART_TALKS", 1)
    (tmp_path / "tools-day.md").write_text(NOTES, "utf-8")
    store = EmbeddedStore()
    ingest(store, [tmp_path / "tools-day.md"], vocabulary)
    counts, _ = read_counts(store)
    assert counts.entities[str(ID["tool/zorblax"])] == 1  # each part is linked alone: no talk-to-talk step
    assert counts.entities[str(ID["tool/quillmon"])] == 1
    kept = analytics_text(store)
    Analytics.open(store, rebuild=True)
    assert analytics_text(store) == kept
    assert validate_store(store)[0]
