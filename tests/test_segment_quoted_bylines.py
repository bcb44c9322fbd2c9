"""A notes README: a contents list of anchor links (not every talk in it), then `# Day` / `## Title` sections each
opening with a quoted byline ("> Ann Lee, Tom Reyes @Acme", "> Kim Ho"), one with `###` parts of its own. Written
for the test."""

from __future__ import annotations

from talkgraph.graph.notes.bylines import byline_speakers
from talkgraph.graph.notes.segment import parse_notes
from talkgraph.graph.notes.talks import Speaker

README = """# Widget Systems Conference

Notes from two days.

## TOC

* [Friday](#friday)
    * [Queue control using cgroups](#queue-control-using-cgroups)
    * [Paint at scale](#paint-at-scale)

# Friday

## Queue control using cgroups

> Ada Brown, Tom Reyes @Acme

Aim: keep one runaway queue from starving the rest.

### Issues

* limits are not work conserving

### Solutions

* pressure metrics per queue

## Paint at scale

> Kim Ho @Initech

How the painter scaled.

## The State of Your Widget Chain

> Raj Mehta

Widget security tends to forget how widgets are delivered.
"""


def test_a_quoted_byline_of_several_people_at_one_employer_names_each_of_them():
    assert byline_speakers("Ada Brown, Tom Reyes @Acme") == [Speaker("Ada Brown", "Acme"), Speaker("Tom Reyes", "Acme")]
    assert byline_speakers("Ada Brown and Tom Reyes @Acme") == [
        Speaker("Ada Brown", "Acme"),
        Speaker("Tom Reyes", "Acme"),
    ]


def test_each_section_with_its_byline_is_a_talk_whether_or_not_the_contents_list_it():
    talks = parse_notes(README, "readme.md").talks
    assert [(t.title, [(s.name, s.affiliation) for s in t.speakers]) for t in talks] == [
        ("Queue control using cgroups", [("Ada Brown", "Acme"), ("Tom Reyes", "Acme")]),
        ("Paint at scale", [("Kim Ho", "Initech")]),
        ("The State of Your Widget Chain", [("Raj Mehta", None)]),
    ]
