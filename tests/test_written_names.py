"""The extraction names a tool as the talk does where that is its name: its label with a vendor's word put on or
left off, a shorter form the linker matched, or its initials; a nickname shows the label. Written for the test."""

from __future__ import annotations

import pytest
from rdflib import Graph

from talkgraph.graph.linking.extract import extract
from talkgraph.graph.linking.linker import Linker
from talkgraph.graph.linking.vocabulary import Vocabulary
from talkgraph.graph.linking.written_names import written_label, written_name
from talkgraph.graph.notes.segment import parse_notes


@pytest.mark.parametrize(
    "label, surfaces, vendors, shown",
    [
        ("Zorbflow", ["Apache Zorbflow"], ["Apache"], "Apache Zorbflow"),
        ("Zorbflow", ["APACHE ZORBFLOW"], ["Apache"], "Apache Zorbflow"),  # the label's and the vendor's spelling
        ("Zorbflow", ["Zorbflow Kernel"], ["Apache"], "Zorbflow"),  # a word that is no vendor's
        ("Zorbflow", ["Initech Zorbflow"], ["Apache", "Initech"], "Initech Zorbflow"),
        ("Initech Zorb Server", ["Zorb Server"], [], "Zorb Server"),
        ("Zorb Server", ["Zorb"], [], "Zorb"),
        ("Zorb Query Engine", ["ZQE"], [], "ZQE"),
        ("ZorbServer Faces", ["ZSF"], [], "ZSF"),  # a CamelCase word gives a capital of each part
        ("Zorbernetes", ["z8s"], [], "Zorbernetes"),  # a nickname is not the name
        ("Zorb Query Engine", ["zqe"], [], "Zorb Query Engine"),  # initials are capitals
        ("Zorb Query Engine", ["Zorb-Query"], [], "Zorb Query Engine"),  # a spelling the linker generates
        ("Zorbflow", ["zorbflow", "Apache Zorbflow"], ["Apache"], "Zorbflow"),  # the label first: the label
        ("Zorbflow", [], ["Apache"], "Zorbflow"),
    ],
)
def test_a_tool_is_shown_by_the_name_the_talk_writes_where_that_is_its_name(label, surfaces, vendors, shown):
    assert written_name(label, surfaces, vendors) == shown


def extracted(turtle: str, notes: str) -> list[dict]:
    """The talks' JSON of the notes, linked with a vocabulary of the entries in `turtle` alone."""
    vocabulary = Vocabulary()
    vocabulary.add_graph(Graph().parse(data=turtle, format="turtle"))
    return extract(parse_notes(notes, "notes.md"), Linker(vocabulary)).as_json()["talks"]


TURTLE = """
@prefix tg: <https://w3id.org/talkgraph/ns#> .
@prefix tool: <https://w3id.org/talkgraph/id/tool/> .
@prefix org: <https://w3id.org/talkgraph/id/org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .

org:initech a tg:Company ; skos:prefLabel "Initech" .
tool:zorbflow a tg:Tool ; skos:prefLabel "Zorbflow" ; skos:altLabel "Initech Zorbflow", "Zorbflow Engine" ;
    tg:developedBy org:initech .
tool:zqe a tg:Tool ; skos:prefLabel "Zorb Query Engine" ; skos:altLabel "ZQE", "zorbq" .
"""

NOTES = """# Notes

## Pipelines at Scale - Ada Brown

We moved every job to Initech Zorbflow and queried it with the ZQE.

## Small Jobs - Tom Reyes

The Zorbflow Engine for the nightly jobs, and zorbq from the shell.
"""


def test_each_talk_shows_the_tools_it_names_by_its_own_name_of_them():
    talks = extracted(TURTLE, NOTES)
    assert [t["tools"] for t in talks] == [["Initech Zorbflow", "ZQE"], ["Zorbflow", "Zorb Query Engine"]]


ORGS = """
@prefix tg: <https://w3id.org/talkgraph/ns#> .
@prefix org: <https://w3id.org/talkgraph/id/org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .

org:globex a tg:Company ; skos:prefLabel "Globex" ; skos:altLabel "Globex Corporation", "Initrode" .
org:zwf a tg:Foundation ; skos:prefLabel "Zorb Widget Foundation" ; skos:altLabel "ZWF" .
"""

ORG_NOTES = """# Notes

## Paging Less - Ada Brown (Globex)

Back when the company was still called initrode, it paged everyone.

## Budgets - Tom Reyes, Globex Corporation

The ZWF paid for it, and the Zorb Widget Foundation will again.

## Queues - Kim Ho

We asked GLOBEX for help.
"""


def test_an_organisation_is_shown_by_the_label_the_talk_writes_and_named_once():
    talks = extracted(ORGS, ORG_NOTES)
    assert [t["companies"] for t in talks] == [
        ["Initrode"],  # its former name, as the label spells it; the speaker's employer "Globex" is the same one
        ["ZWF", "Globex Corporation"],  # linked first; the employer is no linked name of this talk's
        ["Globex"],  # a label written in another case: as the label spells it
    ]


def test_the_label_written_first_names_the_organisation_and_a_generated_spelling_none():
    assert written_label(["Globex", "Initrode"], ["Globex-Corp", "INITRODE", "Globex"]) == "Initrode"
    assert written_label(["Globex", "Initrode"], ["Globex-Corp"]) is None
