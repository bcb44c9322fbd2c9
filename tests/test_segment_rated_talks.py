"""A post that gives each talk a `###` heading, a "Rating:" field line and then a paragraph opening with its speaker
and their social handle ("Ann Lee ([@annlee](…)) on queues: …"); one untitled "### Keynote" among them. Written for
the test."""

from __future__ import annotations

from talkgraph.graph.notes.segment import parse_notes

RATED = """# WidgetFest 2017

Two of us went to WidgetFest; a short summary of each talk, with a rating.

## Day four

### Keynote
Rating: :star: :star: :star:

Ada Brown ([@adabrown](https://twitter.com/adabrown)) demonstrated how widgets make coding friendly.

### Once you go Queues...
Rating: :star: :star: :star: :star:

Tom Reyes ([@tomreyes](https://twitter.com/tomreyes)) on queue workers: they are stable now and every runtime has them.
"""


def test_a_lone_keynote_heading_over_its_presenter_is_one_keynote_and_each_rated_talk_has_its_speaker():
    talks = parse_notes(RATED, "fest.md").talks
    assert [(t.title, t.kind, [s.name for s in t.speakers]) for t in talks] == [
        ("Keynote", "keynote", ["Ada Brown"]),
        ("Once you go Queues...", "talk", ["Tom Reyes"]),
    ]


def test_keynotes_over_titled_talks_still_group_them():
    notes = "# Fest\n\n## Keynotes\n\n### Queues at Scale - Ada Brown\n\nShe showed queues.\n\n### Paint - Kim Ho\n\nHe painted.\n"
    assert [t.title for t in parse_notes(notes, "fest.md").talks] == ["Queues at Scale", "Paint"]
