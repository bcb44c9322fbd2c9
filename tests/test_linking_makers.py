"""A capitalised ambiguous name is the software where the notes name other tools of its maker's product line
("Nomad" in notes that name Terraform), but not a conglomerate's, nor inside a longer proper name."""

from __future__ import annotations

import pytest
from rdflib import Graph

from talkgraph.graph.linking.extract import extract, tools_by_maker
from talkgraph.graph.linking.linker import PRODUCT_LINE_TOOLS, SAME_MAKER, Linker
from talkgraph.graph.linking.vocabulary import Vocabulary
from talkgraph.graph.notes.segment import parse_notes

PREFIXES = """
@prefix tg: <https://w3id.org/talkgraph/ns#> .
@prefix tool: <https://w3id.org/talkgraph/id/tool/> .
@prefix org: <https://w3id.org/talkgraph/id/org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
"""
# Acme makes a product line of three; Megacorp makes more tools than a product line.
TURTLE = (
    PREFIXES
    + """
org:acme a tg:Company ; skos:prefLabel "Acme" .
tool:anvil a tg:Tool ; skos:prefLabel "Anvil" ; tg:developedBy org:acme .
tool:rocket a tg:Tool ; skos:prefLabel "Rocket" ; tg:matchCase true ; tg:ambiguous true ; tg:developedBy org:acme .
tool:magnet a tg:Tool ; skos:prefLabel "Magnet" ; tg:matchCase true ; tg:ambiguous true ; tg:developedBy org:acme .
org:megacorp a tg:Company ; skos:prefLabel "Megacorp" .
tool:megadb a tg:Tool ; skos:prefLabel "MegaDB" ; tg:developedBy org:megacorp .
tool:beacon a tg:Tool ; skos:prefLabel "Beacon" ; tg:matchCase true ; tg:ambiguous true ; tg:developedBy org:megacorp .
"""
    + "".join(
        f'tool:mega{i} a tg:Tool ; skos:prefLabel "Megatool{i}" ; tg:developedBy org:megacorp .\n'
        for i in range(PRODUCT_LINE_TOOLS)
    )
)


@pytest.fixture(scope="module")
def linker() -> Linker:
    vocabulary = Vocabulary()
    vocabulary.add_graph(Graph().parse(data=TURTLE, format="turtle"))
    return Linker(vocabulary)


def tools(linker: Linker, notes: str) -> list[list[tuple[str, str]]]:
    extraction = extract(parse_notes(notes, "notes.md"), linker)
    return [sorted((m.entry.label, m.reason) for m in t.mentions) for t in extraction.talks]


def test_a_tool_of_the_makers_line_named_in_another_talk_is_evidence(linker):
    notes = "## Provisioning\n\nWe build everything with Anvil.\n\n## Scheduling\n\nOur jobs now run on Rocket.\n"
    assert tools(linker, notes) == [[("Anvil", "")], [("Rocket", f"{SAME_MAKER}: Anvil")]]


def test_without_another_tool_of_its_maker_the_name_needs_evidence_of_its_own(linker):
    assert tools(linker, "## Scheduling\n\nOur jobs now run on Rocket.\n\n## Lunch talk\n\nNothing else.\n") == [
        [],
        [],
    ]


def test_a_conglomerates_tools_are_no_evidence(linker):
    notes = "## Storage\n\nWe keep it all in MegaDB.\n\n## Lights\n\nThe team wired up Beacon for alerts.\n"
    assert tools(linker, notes) == [[("MegaDB", "")], []]


def test_a_word_inside_a_longer_proper_name_is_no_tool(linker):
    notes = "## Provisioning\n\nWe build everything with Anvil.\n\n## Scheduling\n\nJo Rocket Lind talked about jobs.\n"
    assert tools(linker, notes)[1] == []


def test_a_lower_case_or_sentence_opening_common_word_is_no_tool(linker):
    notes = "## Provisioning\n\nWe build everything with Anvil.\n\n## Toys\n\nMagnet toys. A rocket flew by.\n"
    assert tools(linker, notes)[1] == []


def test_tools_by_maker_counts_only_what_talks_linked_on_their_own(linker):
    extraction = extract(parse_notes("## A\n\nAnvil and MegaDB.\n", "notes.md"), linker)
    assert tools_by_maker(extraction.talks) == {
        "https://w3id.org/talkgraph/id/org/acme": {"https://w3id.org/talkgraph/id/tool/anvil"},
        "https://w3id.org/talkgraph/id/org/megacorp": {"https://w3id.org/talkgraph/id/tool/megadb"},
    }
