"""Slide decks kept as Markdown: "---" between slides is a slide break, not the underline of a setext heading when
the lines above it are several (the deck's links). Written for the test."""

from __future__ import annotations

from talkgraph.graph.notes.blocks import read_blocks
from talkgraph.graph.notes.segment import parse_notes

DECK = """### Widget Summit Europe
https://widgetsummit.example/eu-2017/schedule/
https://widgets.example/summit/sessions
---
#### Widgets 2.2 and further
* one unified engine
* continuous processing
---
#### Structured widgets
* a high level API
---
Widget Summit
---
#### Storage for widgets
* questions to ask first
"""


def test_lines_over_a_slide_break_are_a_paragraph_and_one_line_over_it_is_still_a_heading():
    blocks = read_blocks(DECK, "markdown").blocks
    assert [(b.kind, b.level, b.text) for b in blocks[:2]] == [
        ("heading", 3, "Widget Summit Europe"),
        ("paragraph", 0, "https://widgetsummit.example/eu-2017/schedule/\nhttps://widgets.example/summit/sessions"),
    ]
    assert ("heading", 2, "Widget Summit") in [(b.kind, b.level, b.text) for b in blocks]


def test_the_decks_slides_are_its_talks_under_its_title_heading():
    titles = [t.title for t in parse_notes(DECK, "deck.md").talks]
    assert titles[:2] == ["Widgets 2.2 and further", "Structured widgets"]
    assert "Storage for widgets" in titles


def test_a_later_item_of_a_slides_list_that_looks_like_a_name_is_no_byline():
    text = """#### Widgets 2.2 and further
* The widget way : one unified engine
* Now reaching streaming
* Structured Widget Streaming
* Aiming at continuous processing in Widget 2.3
"""
    assert [(t.title, t.speakers) for t in parse_notes(text, "deck.md").talks] == [("Widgets 2.2 and further", [])]
    first = text.replace("* The widget way : one unified engine\n", "* Ada Brown, Initech\n")
    assert [[(s.name, s.affiliation) for s in t.speakers] for t in parse_notes(first, "deck.md").talks] == [
        [("Ada Brown", "Initech")]  # the first item names its speaker
    ]
