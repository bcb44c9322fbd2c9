"""Linking the names people actually write: generated spellings, lower case on evidence, links read as links."""

from __future__ import annotations

import pytest
from rdflib import Graph

from talkgraph.graph.linking.linker import Linker
from talkgraph.graph.linking.vocabulary import Vocabulary
from talkgraph.graph.notes.sentences import split_sentences

TURTLE = """
@prefix tg: <https://w3id.org/talkgraph/ns#> .
@prefix tool: <https://w3id.org/talkgraph/id/tool/> .
@prefix org: <https://w3id.org/talkgraph/id/org/> .
@prefix topic: <https://w3id.org/talkgraph/id/topic/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .

topic:monitoring a tg:Topic ; skos:prefLabel "Monitoring" .
tool:widget-agent a tg:Tool ; skos:prefLabel "Widget Agent" ; tg:inTopic topic:monitoring .
tool:widget a tg:Tool ; skos:prefLabel "Widget" ; tg:inTopic topic:monitoring .
tool:skid a tg:Tool ; skos:prefLabel "Skid" ; tg:matchCase true ; tg:ambiguous true ; tg:cue "skid-file" .
tool:quill a tg:Tool ; skos:prefLabel "Quill" ; tg:matchCase true ; tg:ambiguous true ;
    tg:inTopic topic:monitoring .
tool:lathe a tg:Tool ; skos:prefLabel "Lathe" ; tg:matchCase true ; tg:ambiguous true ; tg:inTopic topic:monitoring .
tool:ferrule a tg:Tool ; skos:prefLabel "Ferrule" ; tg:matchCase true ; tg:inTopic topic:monitoring .
tool:gimlet a tg:Tool ; skos:prefLabel "Gimlet" ; tg:matchCase true ; tg:inTopic topic:monitoring .
tool:stay a tg:Tool ; skos:prefLabel "Stay" ; tg:matchCase true ; tg:inTopic topic:monitoring .
tool:lantern a tg:Tool ; skos:prefLabel "Lantern" ; skos:altLabel "Lantern.js", "Acme Lantern", "The Lantern" ;
    tg:ambiguous true .
tool:quasarlog a tg:Tool ; skos:prefLabel "QuasarLog" .
tool:pepper a tg:Tool ; skos:prefLabel "Pepper" ; skos:altLabel "PepperStack" ; tg:matchCase true ; tg:ambiguous true .
org:quillco a tg:Company ; skos:prefLabel "Quillco, Inc." .
tool:quillco a tg:Tool ; skos:prefLabel "Quillco" ; tg:developedBy org:quillco .
tool:trellis a tg:Tool ; skos:prefLabel "Trellis DB" ; skos:altLabel "TrellisDB" .
org:chirper a tg:Company ; skos:prefLabel "Chirper" .
tool:kettle a tg:Tool ; skos:prefLabel "Kettle" ; tg:matchCase true ; tg:ambiguous true ; tg:inTopic topic:monitoring .
tool:spoon a tg:Tool ; skos:prefLabel "Spoon" ; tg:matchCase true ; tg:ambiguous true ; tg:inTopic topic:monitoring .
"""


@pytest.fixture(scope="module")
def linker() -> Linker:
    vocabulary = Vocabulary()
    vocabulary.add_graph(Graph().parse(data=TURTLE, format="turtle"))
    return Linker(vocabulary)


def labels(linker: Linker, text: str) -> list[tuple[str, str]]:
    return [(m.entry.label, m.surface) for m in linker.link(split_sentences(text))]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("We ship widget-agent everywhere.", [("Widget Agent", "widget-agent")]),
        ("We ship widget_agent everywhere.", [("Widget Agent", "widget_agent")]),
        ("We moved to Trellis-DB and trellis_db.", [("Trellis DB", "Trellis-DB"), ("Trellis DB", "trellis_db")]),
    ],
)
def test_space_hyphen_and_underscore_spellings_are_generated(linker, text, expected):
    assert labels(linker, text) == expected


def test_the_whole_hyphenated_token_beats_its_head_word(linker):
    assert labels(linker, "The widget-agent sends data; the Widget stores it.") == [
        ("Widget Agent", "widget-agent"),
        ("Widget", "Widget"),
    ]


def test_a_tools_configuration_file_names_the_tool(linker):
    assert labels(linker, "The Skidfile rebuilds the services.") == [("Skid", "Skidfile")]
    assert labels(linker, "The car went into a skid.") == []


def test_lower_case_names_are_linked_in_a_list_of_tools(linker):
    assert labels(linker, "Her old stack: ferrule, gimlet and quill.") == [
        ("Ferrule", "ferrule"),
        ("Gimlet", "gimlet"),
        ("Quill", "quill"),
    ]
    assert labels(linker, "We bought a gimlet, a saw and a hammer.") == []  # a list, but not of tools


def test_lower_case_names_alone_need_support(linker):
    assert labels(linker, "A gimlet is a small drill.") == []
    # a co-mentioned tool of the same field supports a rare lower-case name…
    assert labels(linker, "We graph it in gimlet, next to Widget.") == [("Gimlet", "gimlet"), ("Widget", "Widget")]
    # …but not a common English word: only a list of tools does
    assert labels(linker, "We stay with Widget for now.") == [("Widget", "Widget")]


@pytest.mark.parametrize(
    "text",
    [
        "Slides: https://confsite.example/tracks/widget-agent/day1 are online.",
        "Follow her on chirper.example/ada-brown for news.",
        "See www.example.org/widget for details.",
    ],
)
def test_written_out_links_name_no_tool_and_no_employer(linker, text):
    assert labels(linker, text) == []


def test_a_bare_product_domain_may_name_its_product_but_a_link_path_does_not(linker):
    assert labels(linker, "It runs on widget.io, not on https://example.org/widget.") == [("Widget", "widget")]


SHORTENED = """
@prefix tg: <https://w3id.org/talkgraph/ns#> .
@prefix tool: <https://w3id.org/talkgraph/id/tool/> .
@prefix org: <https://w3id.org/talkgraph/id/org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .

org:zorbix a tg:Company ; skos:prefLabel "Zorbix" .
tool:zorbix-quillet a tg:Tool ; skos:prefLabel "Zorbix Quillet" ; tg:developedBy org:zorbix .
tool:fizzwick-suite a tg:Tool ; skos:prefLabel "Fizzwick Suite" .
tool:zorbix-vault a tg:Tool ; skos:prefLabel "Zorbix Vault" ; tg:developedBy org:zorbix .
tool:apache-plonkd a tg:Tool ; skos:prefLabel "Apache Plonkd" .
"""


def test_a_vendor_prefix_or_a_generic_last_word_may_be_dropped_when_the_rest_is_distinctive():
    vocabulary = Vocabulary()
    vocabulary.add_graph(Graph().parse(data=SHORTENED, format="turtle"))
    linker = Linker(vocabulary)
    assert labels(linker, "We ran Quillet, Fizzwick and Plonkd in a Vault.") == [
        ("Zorbix Quillet", "Quillet"),
        ("Fizzwick Suite", "Fizzwick"),
        ("Apache Plonkd", "Plonkd"),
    ]  # "Vault" is an English word: Zorbix Vault keeps its vendor
    assert labels(linker, "a quillet and fizzwick") == []  # shortened names match only as written
    assert labels(linker, "The Acme Quillet is another product.") == []  # part of another full name


def test_an_unknown_name_listed_with_tools_becomes_a_candidate(linker):
    from talkgraph.graph.linking.extract import extract
    from talkgraph.graph.notes.segment import parse_notes

    text = "Recap\n\nStacks Compared\n\nWe ran Widget, Zorbulon and Ferrule side by side, and rebasing and testing.\n"
    extraction = extract(parse_notes(text, "notes.txt"), linker)
    assert [(c.label, sorted({why for why, _ in c.evidence})) for c in extraction.candidates] == [
        ("Zorbulon", ["listed with tools"])
    ]


def reasons(linker: Linker, text: str, code: list[str] | None = None) -> list[tuple[str, str]]:
    return [(m.entry.label, m.reason) for m in linker.link(split_sentences(text), code=code or [])]


def test_a_name_written_as_code_is_the_software(linker):
    assert reasons(linker, "We moved the checks to quill last year.") == []
    assert reasons(linker, "We moved the checks to quill last year.", code=["quill"]) == [("Quill", "written as code")]
    # the command of a code span, even when the name is a common word in lower case
    assert reasons(linker, "Then run stay to pin the version.", code=["stay --pin 3"]) == [("Stay", "written as code")]
    assert reasons(linker, "Then run stay to pin the version.", code=["git stay"]) == []


def test_the_repository_of_an_owner_repo_reference_names_its_tool_and_the_owner_does_not(linker):
    assert reasons(linker, "The fork lives at acme/quill since May.") == [("Quill", "repository name")]
    # the owner is an account: "widget/" names no tool, its repository still does
    assert reasons(linker, "Clone widget/gimlet first.") == [("Gimlet", "repository name")]
    assert reasons(linker, "A quill and a gimlet, left/right.") == []


def test_a_bare_product_domain_is_evidence_for_an_ambiguous_name(linker):
    assert reasons(linker, "The docs are on quill.dev now.") == [("Quill", "product domain")]
    assert reasons(linker, "The docs are on quill.dev.example/guide now.") == []  # a link: it names nothing


def test_the_repository_of_an_unknown_owner_repo_reference_becomes_a_candidate(linker):
    from talkgraph.graph.linking.extract import extract
    from talkgraph.graph.notes.segment import parse_notes

    text = (
        "Recap\n\nStacks Compared\n\nThe agent is tinylabs/zorbctl, read/write and/or not; "
        "see https://code.example/tinylabs/plonkish for the rest.\n"
    )
    extraction = extract(parse_notes(text, "notes.txt"), linker)
    assert [(c.label, sorted({why for why, _ in c.evidence})) for c in extraction.candidates] == [
        ("zorbctl", ["repository"])
    ]


def test_an_ambiguous_name_spelled_out_with_its_vendor_or_kind_needs_no_more_evidence(linker):
    assert reasons(linker, "The map is drawn with Acme Lantern.") == [("Lantern", "")]
    assert reasons(linker, "The map is drawn with lantern.js today.") == [("Lantern", "")]
    assert reasons(linker, "We carried the lantern home.") == []
    assert reasons(linker, "We lit the lantern at The Lantern pub.") == []  # an article qualifies nothing


def test_an_ambiguous_tool_written_in_camel_case_needs_no_more_evidence(linker):
    assert reasons(linker, "Getting started with PepperStack.") == [("Pepper", "")]
    assert reasons(linker, "Add Pepper to taste.") == []  # its plain name still needs evidence


def test_a_camel_case_name_written_as_its_words_is_the_tool(linker):
    assert labels(linker, "Events are kept in Quasar Log for a week.") == [("QuasarLog", "Quasar Log")]
    assert labels(linker, "The quasar log of the telescope.") == []  # only as written, capitalised
    assert labels(linker, "We read the Cosmic Quasar Log.") == []  # part of another capitalised name


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ada Brown, Staff Engineer at Quillco, spoke.", []),  # the maker of the same name, as an employer
        ("Scaling Search at Quillco", []),  # a title in Title Case: "X at <company>"
        ("She works at Quillco.", []),
        ("Ada Brown, Widget Aerospace", []),  # the first word of a company's name
        ("We look at Quillco dashboards daily.", [("Quillco", "Quillco")]),  # the product
        ("Metrics go to Widget at night.", [("Widget", "Widget")]),
    ],
)
def test_a_tools_name_that_stands_for_a_company_is_not_the_tool(linker, text, expected):
    assert [(label, surface) for label, surface in labels(linker, text) if label != "Quillco, Inc."] == expected


def test_a_name_linked_on_evidence_in_one_talk_is_linked_in_the_others_of_the_same_notes(linker):
    from talkgraph.graph.linking.extract import extract
    from talkgraph.graph.notes.segment import parse_notes

    text = (
        "# Recap\n\n## Graphs at Scale\n\nWe graph everything in Quill, next to Widget.\n\n"
        "## Pens and Paper\n\nTags: Quill, paper.\n\n"
        "## Writing by Hand\n\nA quill was the pen of choice.\n"
    )
    talks = extract(parse_notes(text, "notes.md"), linker).talks
    assert [[(m.entry.label, m.surface, m.reason) for m in t.mentions if m.entry.kind == "tool"] for t in talks] == [
        [("Quill", "Quill", "co-mentioned: Widget"), ("Widget", "Widget", "")],
        [("Quill", "Quill", "linked so elsewhere in the notes")],
        [],  # written another way ("quill"), it is still the English word
    ]
    # without the first talk, nothing in the second says Quill is the software
    alone = extract(parse_notes("# Recap\n\n## Pens and Paper\n\nTags: Quill, paper.\n", "n.md"), linker)
    assert [m.entry.label for t in alone.talks for m in t.mentions] == []


def test_a_speakers_employer_written_as_an_employer_is_the_company_not_its_product(linker):
    from talkgraph.graph.linking.extract import extract
    from talkgraph.graph.notes.segment import parse_notes

    text = (
        "# Recap\n\n## Cheap Logs - Bob Stone, Widget\n\nBob Stone, an engineer at Widget, showed log tiers.\n\n"
        "## Wide Events - Cy Hale, Widget\n\nCy Hale showed how they graph events in Widget.\n"
    )
    talks = extract(parse_notes(text, "notes.md"), linker).as_json()["talks"]
    assert [(t["speakers"], t["companies"], t["tools"]) for t in talks] == [
        (["Bob Stone"], ["Widget"], []),
        (["Cy Hale"], ["Widget"], ["Widget"]),  # the product, named as a product
    ]


def test_a_lower_case_word_listed_beside_a_sure_tool_is_a_tool(linker):
    assert labels(linker, "Old stack: QuasarLog and stay.") == [("QuasarLog", "QuasarLog"), ("Stay", "stay")]
    assert labels(linker, "Old stack: QuasarLog, stay.") == [("QuasarLog", "QuasarLog"), ("Stay", "stay")]
    assert labels(linker, "We ran QuasarLog; stay tuned.") == [("QuasarLog", "QuasarLog")]  # no list
    assert labels(linker, "Old stack: ferrule and stay.") == []  # two names in doubt prove nothing of each other


def test_two_ambiguous_names_of_one_subject_joined_as_a_pair_support_each_other(linker):
    assert labels(linker, "Reverse-engineering Quill and Lathe this year taught me a lot.") == [
        ("Quill", "Quill"),
        ("Lathe", "Lathe"),
    ]
    assert labels(linker, "Reverse-engineering Quill and Skid taught me a lot.") == []  # no subject in common
    assert labels(linker, "The Quill was next to the Lathe in the shop.") == []  # not joined as a pair


def test_two_ambiguous_names_of_one_subject_in_one_talk_support_each_other():
    """Not joined as a pair, in sentences of their own: each is the other's evidence, unless both are English
    words or one is a noun after a determiner."""
    vocabulary = Vocabulary()
    vocabulary.add_graph(Graph().parse(data=TURTLE, format="turtle"))
    linker = Linker(vocabulary)

    def linked(*texts: str) -> list[tuple[str, str]]:
        return [(m.entry.label, m.reason) for m in linker.link([s for t in texts for s in split_sentences(t)])]

    assert linked("Quill is a new generation agent.", "We compared it with the usual Lathe setups.") == [
        ("Quill", "co-mentioned: Lathe"),
        ("Lathe", "co-mentioned: Quill"),
    ]
    assert linked("Quill is a new generation agent.", "We compared it with Skid.") == []  # no subject in common
    assert linked("We moved to Kettle this year.", "We compared it with Spoon.") == []  # English words, both
    assert linked("We moved to Kettle this year.", "We compared it with Lathe.") == [
        ("Kettle", "co-mentioned: Lathe"),
        ("Lathe", "co-mentioned: Kettle"),
    ]
    assert linked("Quill is a new generation agent.", "We compared it with the Lathe.") == []  # a noun
    assert linked("Quill is new.", "We compared it with lathe.") == []  # in lower case: no evidence to give
    assert linked("Kettle is new.", "We compared it with Lathe.") == []  # an English word opening its sentence


CASE_TURTLE = """
@prefix tg: <https://w3id.org/talkgraph/ns#> .
@prefix tool: <https://w3id.org/talkgraph/id/tool/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .

tool:skrim a tg:Tool ; skos:prefLabel "Skrim" ; tg:matchCase true .
tool:webquux a tg:Tool ; skos:prefLabel "WebQuux" ; tg:matchCase true .
tool:anchor a tg:Tool ; skos:prefLabel "Anchor" ; tg:matchCase true .
tool:vessel a tg:Tool ; skos:prefLabel "Vessel" ; skos:altLabel "Acme Registry" ; tg:matchCase true .
tool:quuxdb a tg:Tool ; skos:prefLabel "QUUXDB" ; tg:matchCase true .
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Their SKRIM styles and a webQUUX call.", [("Skrim", "SKRIM"), ("WebQuux", "webQUUX")]),
        ("Written in skrim, the old way.", []),  # in lower case: only on evidence, as before
        ("An ANCHOR on the slide.", []),  # an English word stays as written
        ("Images go to the Acme registry.", []),  # a name of several words in other capitals is a phrase
        ("Quuxdb Okafor spoke first; QUUXDB stores it.", [("QUUXDB", "QUUXDB")]),  # fewer capitals: a person's name
    ],
)
def test_a_case_sensitive_name_that_is_no_word_is_the_name_in_other_capitals(text, expected):
    vocabulary = Vocabulary()
    vocabulary.add_graph(Graph().parse(data=CASE_TURTLE, format="turtle"))
    assert labels(Linker(vocabulary), text) == expected
