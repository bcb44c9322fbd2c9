"""A product named with its family's name ("Spark SQL") shows what that name means in the notes: another talk's bare
"Spark" is the software too. And names recaps use that the vocabulary now holds. Written for the test."""

from __future__ import annotations

import pytest
from rdflib import Graph

from talkgraph.graph.linking import extract as extract_module
from talkgraph.graph.linking.extract import extract
from talkgraph.graph.linking.linker import Linker
from talkgraph.graph.linking.vocabulary import Vocabulary, load_vocabulary
from talkgraph.graph.notes.segment import parse_notes
from talkgraph.graph.notes.sentences import split_sentences

TURTLE = """
@prefix tg: <https://w3id.org/talkgraph/ns#> .
@prefix tool: <https://w3id.org/talkgraph/id/tool/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .

tool:quill a tg:Tool ; skos:prefLabel "Apache Quill" ; skos:altLabel "Quill" ; tg:matchCase true ; tg:ambiguous true .
tool:quill-sql a tg:Tool ; skos:prefLabel "Quill SQL" .
"""

NOTES = """# Notes

## Extending Quill SQL - Ada Brown

New data sources in Quill SQL.

## Tuning Jobs - Tom Reyes

Quill was slow until the shuffle was tuned.
"""


def tools(text: str, vocabulary: Vocabulary) -> list[list[str]]:
    return [t["tools"] for t in extract(parse_notes(text, "notes.md"), Linker(vocabulary)).as_json()["talks"]]


def test_a_product_named_with_its_familys_name_shows_the_bare_name_elsewhere():
    vocabulary = Vocabulary()
    vocabulary.add_graph(Graph().parse(data=TURTLE, format="turtle"))
    assert tools(NOTES, vocabulary) == [["Quill SQL"], ["Quill"]]  # Apache Quill, by the name the talk writes
    alone = NOTES.replace("Quill SQL", "the query layer")
    assert tools(alone, vocabulary) == [[], []]  # nothing shows that "Quill" is the software


@pytest.fixture(scope="module")
def bundled() -> Linker:
    return Linker(load_vocabulary())


@pytest.mark.parametrize(
    "sentence, label",
    [
        ("The service runs on Node.js behind nginx.", "Node.js"),
        ("Our laptops all run macOS these days.", "macOS"),
        ("KVM guests are managed through libvirt.", "libvirt"),
        ("Both apps target Jakarta EE and MicroProfile.", "Jakarta EE"),
        ("kube-proxy can use IPVS instead of iptables.", "IPVS"),
        ("The kernel's V4L2 interface handles capture.", "V4L2"),
    ],
)
def test_names_recaps_use_are_in_the_bundled_vocabulary(bundled, sentence, label):
    assert label in [m.entry.label for m in bundled.link(split_sentences(sentence))]


def test_a_second_look_that_links_the_same_keeps_the_first_reading(monkeypatch):
    """A talk that writes a name another talk linked is linked again; only where that finds something new are its
    speakers, organisations and candidates read again (they follow from its mentions alone)."""
    vocabulary = Vocabulary()
    vocabulary.add_graph(Graph().parse(data=TURTLE, format="turtle"))
    read: list[str] = []
    real = extract_module.find_speakers
    monkeypatch.setattr(extract_module, "find_speakers", lambda talk, *a: (read.append(talk.title), real(talk, *a))[1])
    notes = NOTES + "\n## More Planning - Kim Ho\n\nQuill SQL grew a planner.\n"  # writes "Quill", finds the same
    talks = extract(parse_notes(notes, "notes.md"), Linker(vocabulary)).as_json()["talks"]
    assert [(t["tools"], t["speakers"]) for t in talks] == [
        (["Quill SQL"], ["Ada Brown"]),
        (["Quill"], ["Tom Reyes"]),  # linked on the second look: read again
        (["Quill SQL"], ["Kim Ho"]),
    ]
    assert read == ["Extending Quill SQL", "Tuning Jobs", "More Planning", "Tuning Jobs"]
