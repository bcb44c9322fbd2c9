"""Sponsor, booth, swag, after-party and "thanks to" sections are no talks, and the vendors they name are not the
previous talk's companies. Every text here was written for its test."""

from __future__ import annotations

import pytest

from talkgraph.graph.linking.extract import extract
from talkgraph.graph.linking.linker import Linker
from talkgraph.graph.linking.vocabulary import Vocabulary
from talkgraph.graph.notes.segment import parse_notes


def titles(text: str) -> list[str]:
    return [t.title for t in parse_notes(text, "notes.md").talks]


TALKS = """# WidgetConf 2021 notes

### Scaling Queues

Ana Silva talked about why queues fill up.

### Tracing Everything

Tom Reyes talked about tracing a bank.
"""


@pytest.mark.parametrize(
    "heading",
    ["Sponsored by Initrode Cloud", "Special thanks", "Thanks to our sponsors", "Our Sponsors", "A big thank you"],
)
def test_a_section_that_thanks_or_names_sponsors_is_no_talk(heading):
    text = f"{TALKS}\n### {heading}\n\nInitrode Cloud and Globex showed their products in the hall.\n"
    assert titles(text) == ["Scaling Queues", "Tracing Everything"]


def test_a_sponsor_talk_stays_a_talk():
    text = f"{TALKS}\n### Sponsor talk: Queues at Initrode\n\nNed Flan talked about their queues.\n"
    assert titles(text)[-1] == "Queues at Initrode"


def test_a_party_paragraph_closing_a_talk_s_notes_leaves_it_a_talk_but_not_its_text():
    text = f"""{TALKS}
Afterwards the attendee party was sponsored by Globex Cloud, and Initrode gave out free t-shirts at their booth.
"""
    document = parse_notes(text, "notes.md")
    assert [(t.title, [b.text for b in t.blocks]) for t in document.talks] == [
        ("Scaling Queues", ["Ana Silva talked about why queues fill up."]),
        ("Tracing Everything", ["Tom Reyes talked about tracing a bank."]),
    ]
    companies = [t["companies"] for t in extract(document, Linker(Vocabulary())).as_json()["talks"]]
    assert companies == [[], []]


def test_a_thanks_paragraph_closing_the_notes_is_no_talk_s_text():
    text = f"{TALKS}\nThanks to Globex and Initrode for the coffee.\n"
    assert [b.text for b in parse_notes(text, "notes.md").talks[-1].blocks] == [
        "Tom Reyes talked about tracing a bank."
    ]


def test_a_welcome_section_stays_out_whatever_paragraph_names_the_event():
    text = """# Summit recap

## Summit Day One

The first day of the summit is over, and it was a long one.

Ada Brown welcomed everyone and thanked the two thousand attendees.

The replay is online.

## Scaling Queues by Ana Silva

Ana explained why queues fill up.
"""
    assert titles(text) == ["Scaling Queues"]


@pytest.mark.parametrize(
    "heading",
    ["After-party at the Rooftop", "Vendor Booths", "Swag Report", "Platinum Sponsors", "Community Party"],
)
def test_a_short_heading_about_the_event_s_life_is_no_talk(heading):
    text = f"{TALKS}\n### {heading}\n\nGlobex and Initrode were there, and we met a lot of people.\n"
    assert titles(text) == ["Scaling Queues", "Tracing Everything"]


@pytest.mark.parametrize(
    "heading, text_of_it",
    [
        ("Drinking Beer with a Raspberry Pi", "A home brewing rig run by a small computer."),
        ("Sponsor Talks", "Two sponsors had slots this year."),
        ("Community Party", "Ana Silva talked about how the community plans its meetups."),
    ],
)
def test_a_title_with_a_word_of_the_event_s_life_stays_a_talk(heading, text_of_it):
    text = f"{TALKS}\n### {heading}\n\n{text_of_it}\n"
    assert titles(text)[-1] == heading


def test_a_section_whose_first_line_names_its_presenters_is_a_talk_even_of_news_and_parties():
    notes = """Widget Summit
=============

State of Widgets
----------------

Ann Lee and Tom Reyes

* Widgets 2.0 is close
* The split of Widgets and Gadgets is under way, after 2.0

Enums in the standard library
-----------------------------

Barry Warsaw

* ``flufl.enum`` has a good feature set
* Nobody wants the superset of every third party enum library
"""
    talks = parse_notes(notes, "summit.rst").talks
    assert [(t.title, [s.name for s in t.speakers]) for t in talks] == [
        ("State of Widgets", ["Ann Lee", "Tom Reyes"]),
        ("Enums in the standard library", ["Barry Warsaw"]),
    ]
