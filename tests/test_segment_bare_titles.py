"""Shapes of recaps the extractor was not written for, each stated generally and tested on text written for the
test: bare title lines followed only by their links or their people, in reStructuredText, Markdown and plain text."""

from __future__ import annotations

import pytest

from talkgraph.graph.notes.segment import parse_notes


def talks(text: str, name: str) -> list[tuple]:
    document = parse_notes(text, name)
    return [(t.title, [(s.name, s.affiliation) for s in t.speakers]) for t in document.talks]


RST_SAME_PARAGRAPH = """Notes from WidgetConf 2019
==========================

These are the talks I went to, with links where I found them.

Scaling Queues Without Tears
https://example.org/slides/queues

Capacity planning with spreadsheets
`Video <https://video.example/watch?v=abc123>`_

Tracing Everything at a Bank
Ana Silva - Foo Corp
"""

RST_NEXT_PARAGRAPH = """WidgetConf 2019
===============

Scaling Queues Without Tears

https://example.org/slides/queues

Capacity planning with spreadsheets

`Slides <https://example.org/slides/capacity>`_

Tracing Everything at a Bank

Ana Silva - Foo Corp
"""

MARKDOWN = """# WidgetConf 2019 talks

Scaling Queues Without Tears
[video](https://video.example/watch?v=1) | [slides](https://example.org/s/1)

Capacity planning with spreadsheets
Slides: https://example.org/slides/capacity

Tracing Everything at a Bank
Ana Silva - Foo Corp
"""

PLAIN = """WidgetConf 2019

Scaling Queues Without Tears
https://example.org/slides/queues

Capacity planning with spreadsheets
https://video.example/watch?v=abc123

Tracing Everything at a Bank
Ana Silva - Foo Corp
"""

RST_DEFINITIONS = """PyWidgets 2013 talks
====================

Scaling Queues Without Tears
    https://example.org/v/1

Capacity planning with spreadsheets
    `Slides <https://example.org/s/2>`_

Tracing Everything at a Bank
    Ana Silva - Foo Corp
"""

RST_ITEMS = """PyWidgets 2013 talks
====================

* Scaling Queues Without Tears
  https://example.org/v/1

* Capacity planning with spreadsheets
  `Slides <https://example.org/s/2>`_

* Tracing Everything at a Bank
  Ana Silva - Foo Corp
"""

MARKDOWN_ITEMS = """# PyWidgets 2013 talks

- Scaling Queues Without Tears
  https://example.org/v/1
- Capacity planning with spreadsheets
  [Slides](https://example.org/s/2)
- Tracing Everything at a Bank
  Ana Silva - Foo Corp
"""

EXPECTED = [
    ("Scaling Queues Without Tears", []),
    ("Capacity planning with spreadsheets", []),
    ("Tracing Everything at a Bank", [("Ana Silva", "Foo Corp")]),
]


@pytest.mark.parametrize(
    "text, name",
    [
        (RST_SAME_PARAGRAPH, "n.rst"),
        (RST_NEXT_PARAGRAPH, "n.rst"),
        (RST_DEFINITIONS, "n.rst"),
        (RST_ITEMS, "n.rst"),
        (MARKDOWN, "n.md"),
        (MARKDOWN_ITEMS, "n.md"),
        (PLAIN, "n.txt"),
    ],
    ids=["rst-same-paragraph", "rst-next-paragraph", "rst-definitions", "rst-items", "markdown", "md-items", "plain"],
)
def test_bare_title_lines_followed_only_by_links_or_people_are_talks(text, name):
    assert talks(text, name) == EXPECTED


def test_two_word_titles_over_their_links_are_talks():
    text = """WidgetConf
==========

Paging Less
https://example.org/slides/paging

Tracing Everything
https://example.org/slides/tracing
"""
    assert talks(text, "n.rst") == [("Paging Less", []), ("Tracing Everything", [])]


def test_the_notes_after_a_linked_title_are_its_text():
    text = """WidgetConf
==========

Scaling Queues Without Tears
https://example.org/slides/queues

Ada explained why queues fill up.

Capacity planning with spreadsheets
https://example.org/slides/capacity

Tom showed his formulas.
"""
    document = parse_notes(text, "n.rst")
    assert [(t.title, [b.text for b in t.blocks]) for t in document.talks] == [
        ("Scaling Queues Without Tears", ["https://example.org/slides/queues", "Ada explained why queues fill up."]),
        ("Capacity planning with spreadsheets", ["https://example.org/slides/capacity", "Tom showed his formulas."]),
    ]


def test_one_linked_line_alone_is_no_list_of_talks():
    text = """My week
=======

Read this first
https://example.org/intro

Then I went to the conference and listened to many people.
"""
    assert talks(text, "n.rst") == []


def test_a_line_that_says_more_than_its_link_is_no_link_line():
    text = """WidgetConf
==========

Scaling Queues Without Tears
I liked `this one <https://example.org/1>`_ a lot

Capacity planning with spreadsheets
the best `talk <https://example.org/2>`_ of the day
"""
    assert talks(text, "n.rst") == []


def test_a_name_and_its_employer_after_a_dash_open_a_talk_s_text():
    text = """# Notes

## Scaling Queues

Ada Brown - Widget Labs

She explained why queues fill up.
"""
    assert talks(text, "n.md") == [("Scaling Queues", [("Ada Brown", "Widget Labs")])]


@pytest.mark.parametrize("name", ["n.md", "n.txt"])
def test_numbered_titles_each_alone_over_its_paragraph_are_talks(name):
    text = """My favourite talks from Widget Summit

1. Scaling queues without tears

Ada explained why queues fill up.

2. The cost of retries

Tom argued that retries add load.
"""
    document = parse_notes(text, name)
    assert [(t.title, [b.text for b in t.blocks]) for t in document.talks] == [
        ("Scaling queues without tears", ["Ada explained why queues fill up."]),
        ("The cost of retries", ["Tom argued that retries add load."]),
    ]


def test_a_list_of_points_under_a_talk_is_no_list_of_talks():
    text = """# Notes

## Scaling Queues by Ada Brown

- Queues fill up

Ada said so twice.

- Retries add load

Tom agreed.
"""
    assert [t.title for t in parse_notes(text, "n.md").talks] == ["Scaling Queues"]


PARTS_IN_ONE_WORD = """Wednesday, March 25, 2009

Report from WidgetConf

A short report. My own remarks are in italics.

Budgets for Everyone, Ann Lee

Ann changed her topic at the last minute and spoke about habits.

Focus

Find time for one thing at a time, with nothing in between.

Feedback

Ask early, and ask the people who will use it.

Patience

Some things take a quarter, whatever the plan says.

Queues Without Tears by Tom Reyes

Tom walked through the history of message queues.

Backpressure is the part everyone forgets until the pager goes off.
"""


def test_one_word_lines_after_a_title_that_names_its_people_are_parts_of_that_talk():
    """Two title lines name their people, one after a comma and one after "by": "Focus", "Feedback" and "Patience",
    lines of one word naming no one, are parts of the talk above them. (One title with a comma is no layout of people:
    tests/test_segment_people_layouts.py.)"""
    document = parse_notes(PARTS_IN_ONE_WORD, "report.txt")
    assert [(t.title, [s.name for s in t.speakers]) for t in document.talks] == [
        ("Budgets for Everyone, Ann Lee", []),
        ("Queues Without Tears", ["Tom Reyes"]),
    ]
    assert "Ask early, and ask the people who will use it." in document.talks[0].body_text


SUMMARIES_OPENING_WITH_PEOPLE = """I went to WidgetDays 2023

Last week I hosted a room at WidgetDays and caught up with old friends.

Summaries, as best I could:

Paging is expensive

Priya Nair, Head of Reliability Engineering at Initech (a pager company), argues that every page costs more than we think.

Building queue operators

Lars Ekberg (Acme) & Mia Chen (Globex) have built a dozen operators and lived to tell the tale.
"""


def test_a_line_over_a_paragraph_that_opens_with_a_person_and_where_they_work_titles_that_talk():
    """Neither line is in Title Case; what says they are titles is the paragraph under each, which opens with its
    people and their employers, after a comma and a role or in parentheses."""
    assert talks(SUMMARIES_OPENING_WITH_PEOPLE, "days.txt") == [
        ("Paging is expensive", [("Priya Nair", "Initech")]),
        ("Building queue operators", [("Lars Ekberg", "Acme"), ("Mia Chen", "Globex")]),
    ]


@pytest.mark.parametrize(
    "opening",
    [
        "Red Hat (IBM) announced a new release and a new logo.",  # a company and its owner: words all ordinary
        "The venue (Hall B) was packed for the morning sessions.",  # no one's name
    ],
)
def test_a_paragraph_that_opens_with_no_person_at_work_makes_the_line_above_no_title(opening):
    text = SUMMARIES_OPENING_WITH_PEOPLE.replace(
        "Lars Ekberg (Acme) & Mia Chen (Globex) have built a dozen operators and lived to tell the tale.", opening
    )
    assert "Building queue operators" not in [title for title, _ in talks(text, "days.txt")]


def test_one_word_lines_that_name_a_subject_stay_talks():
    """ "Kubernetes", "Serverless": one word, but no ordinary one; such a line titles a talk of its own."""
    text = """DevOps Days notes

Scaling Queues Without Tears, Ann Lee

Ann showed how to scale workers with backpressure and a lot of patience.

Kubernetes

A packed room for an intro to pods, services and deployments by a speaker I didn't catch.

Observability by Charity Majors

Structured events over metrics.

Serverless

Another talk about lambdas; the slides will be online.
"""
    assert [title for title, _ in talks(text, "days.txt")] == [
        "Scaling Queues Without Tears, Ann Lee",
        "Kubernetes",
        "Observability",
        "Serverless",
    ]
