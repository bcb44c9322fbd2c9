"""Headings that name only their speaker, with a role and employer ("## Cheryl Hung - Director of Ecosystem,
CNCF"), and an author's "Next ..." between a talk's parts. Text written for the test."""

from __future__ import annotations

import pytest

from talkgraph.graph.notes.blocks import read_blocks
from talkgraph.graph.notes.bylines import split_heading
from talkgraph.graph.notes.segment import parse_notes

NOTES = """# WidgetConf - The Keynotes

## Ann Lee - Director of Platforms, Widgets Inc

Ann opened with the year in numbers.

## Tom Reyes - Senior Staff Engineer, Bar Data

Tom hosted the project updates.

### Queues

The queue project shipped its second major version.

Next ...

### Budgets

The budget tool is now in the foundation's sandbox.
"""


def test_a_heading_that_names_a_person_with_role_and_employer_is_a_talk_by_them():
    document = parse_notes(NOTES, "keynotes.md")
    assert [(t.title, [(s.name, s.affiliation) for s in t.speakers]) for t in document.talks] == [
        ("Ann Lee - Director of Platforms, Widgets Inc", [("Ann Lee", "Widgets")]),
        ("Tom Reyes - Senior Staff Engineer, Bar Data", [("Tom Reyes", "Bar Data")]),
    ]


def test_an_authors_next_with_an_ellipsis_is_text_not_a_pager():
    document = parse_notes(NOTES, "keynotes.md")
    updates = document.talks[1]
    assert [b.text for b in updates.blocks if b.kind == "heading"] == ["Queues", "Budgets"]
    assert [b.chrome for b in read_blocks("Next ...\n\n[Next »](/p/2)\n", "markdown").blocks] == [False, True]


@pytest.mark.parametrize(
    ("heading", "speakers"),
    [
        ("Keep Queues Warm - Erin Boyd, Principal Engineer, Red Hat", [("Erin Boyd", "Red Hat")]),
        ("Ann Lee - Engineering Managers, Unite!", []),  # no role: a title after the person
    ],
)
def test_a_role_field_needs_one_person_before_it(heading: str, speakers: list):
    assert [(s.name, s.affiliation) for s in split_heading(heading)[2]] == speakers


def test_a_heading_under_a_title_naming_people_then_their_employer_and_handle_is_its_byline():
    text = """# Scaling Queues Without Tears
## Ann Lee - Initech - @annlee
* queues back up at night
* Kafka helps

# Why Your Pager Never Sleeps
## Raj Mehta - Globex - @rajm
* on-call with PagerDuty
"""
    talks = parse_notes(text, "notes.md").talks
    assert [(t.title, [(s.name, s.affiliation) for s in t.speakers]) for t in talks] == [
        ("Scaling Queues Without Tears", [("Ann Lee", "Initech")]),
        ("Why Your Pager Never Sleeps", [("Raj Mehta", "Globex")]),
    ]


def test_speaker_first_headings_with_a_one_word_title_are_talks_not_bylines():
    text = """## Keynotes

### Ann Lee - Kubernetes
Clusters everywhere.

### Tom Reyes - Observability
Traces and logs.

### Mei Tanaka - Serverless
Functions.
"""
    talks = parse_notes(text, "notes.md").talks
    assert [(t.kind, [s.name for s in t.speakers]) for t in talks] == [
        ("keynote", ["Ann Lee"]),
        ("keynote", ["Tom Reyes"]),
        ("keynote", ["Mei Tanaka"]),
    ]


SESSIONS_IN_PARTS = """# Keynotes

## Raj Mehta

* raj@example.org
* He asked what a keynote is for.

### Announcements

Two projects reached their first release.

### Celebration

The community doubled this year.

## Mia Chen - Growing a Maintainer Team

She has maintained the project since 2011.

### Why?

Nobody reviews alone for long.

### Project: a review rota

She paired each newcomer with a reviewer.
"""


def test_a_section_named_by_its_person_under_a_group_of_sessions_is_their_session_and_its_headings_its_parts():
    """Under "# Keynotes", "## Raj Mehta" over text that speaks of him, and "## Mia Chen - Title": one keynote
    each, their sub-headings ("### Why?", "### Project: a review rota") parts of it, not sessions."""
    document = parse_notes(SESSIONS_IN_PARTS, "keynotes.md")
    assert [(t.title, t.kind, [s.name for s in t.speakers], t.title_derived) for t in document.talks] == [
        ("Raj Mehta's keynote", "keynote", ["Raj Mehta"], True),
        ("Growing a Maintainer Team", "keynote", ["Mia Chen"], False),
    ]
    assert "The community doubled this year." in document.talks[0].body_text
    assert "She paired each newcomer with a reviewer." in document.talks[1].body_text


@pytest.mark.parametrize(
    ("notes", "not_read"),
    [
        # not under a group of sessions: a post's own sections, whose headings this rule leaves as they are
        (SESSIONS_IN_PARTS.replace("# Keynotes", "# My week in Lisbon"), "Growing a Maintainer Team"),
        # a heading of ordinary words that nothing says is a person
        (
            SESSIONS_IN_PARTS.replace("## Raj Mehta", "## Service Mesh").replace("He asked", "It asked"),
            "Service Mesh's",
        ),
    ],
)
def test_a_section_is_no_persons_session_without_a_group_of_sessions_above_or_a_person_named(notes, not_read):
    titles = [t.title for t in parse_notes(notes, "keynotes.md").talks]
    assert not any(title.startswith(not_read) for title in titles), titles


def test_a_heading_of_no_words_under_the_notes_gives_no_error():
    document = parse_notes("# Notes\n\n## —\nSome text.\n\n## Scaling Queues by Ann Lee\nNotes.\n", "notes.md")
    assert ("Scaling Queues", ["Ann Lee"]) in [(t.title, [s.name for s in t.speakers]) for t in document.talks]


SESSIONS_WITH_PEOPLE_AFTER = """# Conference notes

## Talks

### Clean Architecture - Robert Martin
Uncle Bob on boundaries.

#### Boundaries
Notes.

#### Q&A
Questions.

### Domain Modeling - Eric Evans
Evans on models.

#### Bounded Contexts
Notes.
"""

TRACKS_UNDER_SESSIONS = """<html><body>
<h1>Conference recap</h1>
<h2>Sessions</h2>
<h3>Machine Learning</h3>
<p>The track chair said he picked the best talks.</p>
<h4>Feature Stores at Uber</h4>
<p>Notes.</p>
<h4>Model Serving with Ray</h4>
<p>Notes.</p>
<h3>Frontend Performance</h3>
<p>She opened the track.</p>
<h4>Core Web Vitals</h4>
<p>Notes.</p>
<h4>Image Loading</h4>
<p>Notes.</p>
</body></html>
"""

A_PERSON_BESIDE_A_GROUP = """# DjangoCon 2009

## Keynotes

### Jacob Kaplan-Moss
He looked into the future of the framework.

#### Security
Notes.

#### Summary
More.

### Lightning Talks

#### Testing Django by Ann Lee
Notes.

#### Deploying Django by Tom Reyes
Notes.
"""


@pytest.mark.parametrize(
    ("notes", "name", "expected"),
    [
        # people after the title, as anywhere: "Robert Martin" is no title
        (
            SESSIONS_WITH_PEOPLE_AFTER,
            "talks.md",
            [("Clean Architecture", ["Robert Martin"]), ("Domain Modeling", ["Eric Evans"])],
        ),
        # tracks named by their topic, whose text speaks of someone, and no heading beside them naming people
        (
            TRACKS_UNDER_SESSIONS,
            "recap.html",
            [
                ("Feature Stores at Uber", []),
                ("Model Serving with Ray", []),
                ("Core Web Vitals", []),
                ("Image Loading", []),
            ],
        ),
        # a person's keynote beside a group of lightning talks: the group does not make it the author's remarks
        (
            A_PERSON_BESIDE_A_GROUP,
            "djangocon.md",
            [
                ("Jacob Kaplan-Moss's keynote", ["Jacob Kaplan-Moss"]),
                ("Testing Django", ["Ann Lee"]),
                ("Deploying Django", ["Tom Reyes"]),
            ],
        ),
    ],
)
def test_sections_under_a_group_of_sessions_are_a_persons_only_where_they_name_one(notes, name, expected):
    document = parse_notes(notes, name)
    assert [(t.title, [s.name for s in t.speakers]) for t in document.talks] == expected
