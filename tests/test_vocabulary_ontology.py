"""The curated vocabulary, the ontology and the shapes: complete, consistent, and safe with plain English."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, Graph

from talkgraph.graph.linking.linker import Linker
from talkgraph.graph.linking.vocabulary import bundled_vocabulary_files
from talkgraph.graph.notes.sentences import split_sentences
from talkgraph.ontology import TG, ontology_graph, shapes_graph


def test_vocabulary_size(vocabulary):
    kinds = [e.kind for e in vocabulary.entries.values()]
    assert kinds.count("tool") >= 300 and kinds.count("topic") >= 40 and kinds.count("org") >= 80


def test_every_reference_points_at_an_entry(vocabulary):
    for entry in vocabulary.entries.values():
        for topic in entry.topics:
            assert vocabulary.entries[topic].kind == "topic", (entry.label, topic)
        for org in entry.organisations:
            assert vocabulary.entries[org].kind == "org", (entry.label, org)
        if entry.kind == "tool":
            assert entry.topics, f"{entry.label} belongs to no topic"


def test_no_two_entries_share_a_label_unless_case_decides(vocabulary):
    seen: dict[str, str] = {}
    for entry in vocabulary.entries.values():
        for label in entry.labels:
            key = label if entry.match_case else label.lower()
            assert seen.setdefault(key, entry.iri) == entry.iri, f"{label!r} names two entries"


def test_no_entry_is_described_in_two_files():
    """The first file to describe an IRI wins (Vocabulary.add_graph), so a second description would be dropped
    without a word: every entry lives in one file."""
    where: dict[str, str] = {}
    for path in bundled_vocabulary_files():
        for subject in set(Graph().parse(path, format="turtle").subjects(RDF.type, None)):
            first = where.setdefault(str(subject), path.name)
            assert first == path.name, f"{subject} is described in {first} and in {path.name}"


def test_aliases_from_the_field(vocabulary):
    linker = Linker(vocabulary)
    cases = {
        "k8s": "Kubernetes",
        "ArgoCD": "Argo CD",
        "Argo CD": "Argo CD",
        "Litmus": "LitmusChaos",
        "LitmusChaos": "LitmusChaos",
        "Cloud Events": "CloudEvents",
        "otel": "OpenTelemetry",
    }
    for alias, label in cases.items():
        mentions = linker.link(split_sentences(f"We deployed {alias} last week with the CLI."))
        assert [m.entry.label for m in mentions] == [label], alias


@pytest.mark.parametrize(
    "text, expected",
    [
        ("We installed the Flux CLI and let it reconcile the cluster.", "Flux"),
        ("Harbor is the registry we run for images.", "Harbor"),
        ("Rook (open source storage for k8s – graduated) manages Ceph.", "Rook"),
        ("Argo runs the workflow of experiments.", "Argo"),
        ("Keep routes the alerts from Prometheus to the team.", "Keep"),
    ],
)
def test_ambiguous_names_as_tools(vocabulary, text, expected):
    labels = [m.entry.label for m in Linker(vocabulary).link(split_sentences(text))]
    assert expected in labels


@pytest.mark.parametrize(
    "text, word",
    [
        ("The flux of new features never stops.", "Flux"),
        ("We sailed into the harbor at dawn.", "Harbor"),
        ("The rook moved across the board.", "Rook"),
        ("Keep it simple, they said.", "Keep"),
        ("Look at it through the lens of cost.", "Lens"),
        ("She took the helm of the project team.", "Helm"),
        ("Pack your laptop before the keynote.", "pack"),
    ],
)
def test_ambiguous_names_as_plain_english(vocabulary, text, word):
    labels = [m.entry.label for m in Linker(vocabulary).link(split_sentences(text))]
    assert word not in labels


def test_every_class_and_property_has_a_label_and_a_comment():
    graph = ontology_graph()
    terms = set()
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        terms |= {s for s in graph.subjects(RDF.type, kind) if str(s).startswith(str(TG))}
    assert len(terms) > 50
    for term in terms:
        assert graph.value(term, RDFS.label) is not None, term
        assert graph.value(term, RDFS.comment) is not None, term
    assert (TG.Talk, RDFS.subClassOf, None) in graph
    assert (TG.Topic, RDFS.subClassOf, None) in graph


def test_every_term_the_code_uses_is_declared():
    """A typo in a property name would silently make triples nobody can query."""
    import re
    from pathlib import Path

    graph = ontology_graph()
    declared = {str(s) for s in graph.subjects()}
    root = Path(__file__).resolve().parent.parent
    used = set()
    for path in list((root / "graph").glob("*.py")) + list((root / "api").glob("*.py")):
        used |= {m for m in re.findall(r"\bTG(?:\.(\w+)|\[\"(\w+)\"\])", path.read_text()) for m in m if m}
    missing = sorted(name for name in used if str(TG[name]) not in declared)
    assert missing == []


def test_shapes_parse():
    shapes = shapes_graph()
    assert isinstance(shapes, Graph) and len(shapes) > 100


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Target audience was mostly SREs.", []),
        ("Slack notifications were noisy all week.", []),
        ("We chatted on Slack all day.", ["Slack"]),
        ("Stripe engineers presented their CI.", ["Stripe"]),
        ("The Apple keynote was good.", ["Apple"]),
        ("Earthly builds from an Earthfile.", ["Earthly"]),
        ("It was an earthly delight.", []),
    ],
)
def test_capitalised_common_words_at_sentence_start_need_evidence(vocabulary, text, expected):
    mentions = Linker(vocabulary).link(split_sentences(text))
    assert [m.entry.label for m in mentions if m.entry.kind != "topic"] == expected


def test_english_words_that_link_to_software_are_known_names(vocabulary):
    """Run the 20,000 commonest English words through the linker: only real product names may link."""
    from wordfreq import top_n_list

    linker = Linker(vocabulary)
    linked = set()
    for word in top_n_list("en", 20_000):
        sentence = f"Yesterday we talked about {word} with the team."
        linked |= {m.entry.label for m in linker.link(split_sentences(sentence)) if m.entry.kind == "tool"}
    assert linked <= {
        "AWS",
        "Amazon S3",
        "Azure",
        "Cassandra",
        "Docker",
        "Git",
        "GitHub",
        "Jenkins",
        "Linux",
        "Loki",
        "Prometheus",
        "Rancher",
        "bash",
        "curl",
        "Envoy",
        "WordPress",
        "Firefox",
        "Photoshop",
        "Skype",
        "Bitcoin",
    }, linked


def test_a_topic_named_elsewhere_in_the_talk_is_no_evidence(vocabulary):
    linker = Linker(vocabulary)
    english = linker.link(split_sentences("Scheduling is hard at scale. Marathon runners know that feeling."))
    assert "Marathon" not in [m.entry.label for m in english]
    software = linker.link(split_sentences("Marathon schedules our containers on Mesos."))
    assert "Marathon" in [m.entry.label for m in software]
