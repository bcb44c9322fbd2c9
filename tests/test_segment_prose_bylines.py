"""Prose that names each session as "Title by **Speaker**", the title unmarked, under a "Talks" heading, with
figures (an image and its caption) between the paragraphs. Written for the test."""

from __future__ import annotations

from talkgraph.graph.notes.blocks import read_blocks
from talkgraph.graph.notes.segment import parse_notes

POST = """# WidgetConf 2023

## Talks

After the welcome came the day's first keynote, Learning by Tinkering by **Ada Brown**, on keeping up.

![paste](/img/widgetconf_1.jpg)
_Learning by Tinkering by Ada Brown_

From there we split up. Kim went to Cloud-native dev tools by **Tom Reyes** from Initech, a tour of tools.

Li chose the talk on how a Legacy app went to serverless by **Raj Mehta**, a funny tale.
"""


def test_each_paragraph_names_its_session_by_the_title_before_the_emphasised_speaker():
    talks = parse_notes(POST, "widgetconf.md").talks
    assert [(t.title, [s.name for s in t.speakers]) for t in talks] == [
        ("Learning by Tinkering", ["Ada Brown"]),
        ("Cloud-native dev tools", ["Tom Reyes"]),
        ("Legacy app went to serverless", ["Raj Mehta"]),
    ]


def test_an_image_and_its_caption_are_a_figure_beside_the_notes():
    blocks = read_blocks(POST, "markdown").blocks
    figure = next(b for b in blocks if "paste" in b.text)
    assert figure.aside is True
    talks = parse_notes(POST, "widgetconf.md").talks
    assert all("paste" not in t.body_text for t in talks)


def test_an_image_inside_a_sentence_stays_text():
    blocks = read_blocks("# Notes\n\nThe diagram ![flow](f.png) shows the queue.\n", "markdown").blocks
    assert blocks[1].aside is False


def test_the_author_going_to_the_talk_is_no_part_of_its_title():
    notes = """# WidgetConf

## Talks

After lunch I went to Building Better APIs by **Ann Lee** from Acme, a careful talk.

In the afternoon, Maria and I watched Scaling Postgres by *Priya Nair*, with many graphs.
"""
    talks = parse_notes(notes, "notes.md").talks
    assert [(t.title, [s.name for s in t.speakers]) for t in talks] == [
        ("Building Better APIs", ["Ann Lee"]),
        ("Scaling Postgres", ["Priya Nair"]),
    ]
