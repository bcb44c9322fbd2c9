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
