"""Headings that only label a session ("## Talk 1", "## Keynote-Speaker", "## Workshop") with the title in a field
below ("__Topic__: …"), and a group of ignite talks written as a list of titles over their notes. Written for the
test."""

from __future__ import annotations

from talkgraph.graph.notes.segment import parse_notes

DAY = """# Day 1

What happened on the first day, in short.

## Keynote-Speaker

__Topic__: Safe Teams Ship Faster

- Failing is fine

## Talk 1

__Topic__: Reporting on Reliability - Better stakeholder talks

__Takeaways__:

- Uptime is not the goal

## Talk 2

__Topic__: From Backend to Platform

- Draw diagrams while you learn

## Ignite Talks (each 5 minutes)

- Ten years of meetups - what worked
  - Ask people what they want
  - Keep talks short
- GitHopes & Terrorforms
  - Pipelines decoupled

## Workshop

__Topic__: Engineering Lead Masterclass

- Work hard yourself
- Hire people who work hard

### Mentors toolbox

1. Encourage
2. Challenge
"""


def test_a_label_heading_with_a_title_field_is_a_talk_titled_by_the_field_of_the_kind_its_label_says():
    talks = parse_notes(DAY, "day-1.md").talks
    assert [(t.title, t.kind) for t in talks] == [
        ("Safe Teams Ship Faster", "keynote"),
        ("Reporting on Reliability - Better stakeholder talks", "talk"),
        ("From Backend to Platform", "talk"),
        ("Ten years of meetups - what worked", "lightning"),
        ("GitHopes & Terrorforms", "lightning"),
        ("Engineering Lead Masterclass", "tutorial"),
    ]


def test_the_field_is_the_title_not_text_and_the_workshops_lists_and_sections_stay_in_it():
    document = parse_notes(DAY, "day-1.md")
    talks = document.talks
    assert talks[1].body_text == "Takeaways:\nUptime is not the goal"
    assert document.text[talks[1].start :].startswith("Reporting on Reliability")  # where the title is written
    assert "Hire people who work hard" in talks[-1].body_text and "Challenge" in talks[-1].body_text


def test_one_label_heading_with_a_topic_field_is_left_as_it_was():
    notes = "# Notes\n\n## Scaling Queues\n\nTopic: queues\n\nAda Brown showed queues.\n"
    assert [t.title for t in parse_notes(notes, "notes.md").talks] == ["Scaling Queues"]


def test_a_titled_heading_keeps_its_title_over_a_topic_field():
    notes = """# Notes

## Rust at Scale - Ann Lee

Topic: memory safety in big services

## Go Generics in Practice - Tom Reyes

Topic: type parameters
"""
    talks = parse_notes(notes, "notes.md").talks
    assert [(t.title, [s.name for s in t.speakers]) for t in talks] == [
        ("Rust at Scale", ["Ann Lee"]),
        ("Go Generics in Practice", ["Tom Reyes"]),
    ]


def test_a_title_opening_with_lightning_or_ignite_is_an_ordinary_talk():
    notes = "# Notes\n\n## Lightning Fast Builds with Bazel - Ann Lee\n\nFast.\n\n## Ignite Your Career - Tom Reyes\n\nGo.\n"
    assert [t.kind for t in parse_notes(notes, "notes.md").talks] == ["talk", "talk"]
