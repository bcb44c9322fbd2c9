"""Sections of a blog page that hold no talk: its metadata, the author's thoughts, a newsletter form; and prose
about what the talks were on, which lists no session. Written for the test."""

from __future__ import annotations

import pytest

from talkgraph.graph.notes.bylines import plausible_people
from talkgraph.graph.notes.segment import parse_notes

PAGE = """# WidgetConf 2015: an uplifting event

#### Meta Information

- Author: Jeff Example
- Published: February 3rd, 2015
- Tags: widgets, javascript

## My thoughts

There were talks on how Acme and other companies use widgets, related tools, as well as demos and code reviews.

## Zero-Copy Queues by Ann Lee

Ann Lee showed how queues can skip the copies.

## Subscribe to my free Leading Edge member list

Full Name

Email
"""


def test_page_sections_and_the_authors_thoughts_hold_no_talk():
    talks = parse_notes(PAGE, "page.md").talks
    assert [(t.title, [s.name for s in t.speakers]) for t in talks] == [("Zero-Copy Queues", ["Ann Lee"])]


@pytest.mark.parametrize("words", ["Full Name", "Your Name", "Last Name"])
def test_a_forms_field_is_no_person(words):
    assert not plausible_people(words)


def test_a_section_of_intros_is_no_talk():
    notes = """# CTI Summit

## intros
* Ann Lee (SANS, Dragos)
* Tom Reyes

## Hack Your Stakeholder - Mira Okafor, @mira
* brainstorming falls short
"""
    assert [t.title for t in parse_notes(notes, "n.md").talks] == ["Hack Your Stakeholder"]
