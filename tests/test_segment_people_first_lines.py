"""Plain-text notes whose title lines put the speaker first ("Ann Lee - Title"), under a "Talks" line, with a line
pointing to a talk's material. Written for the test."""

from __future__ import annotations

from talkgraph.graph.notes.segment import parse_notes

NOTES = """WidgetConf 2023 Notes

I went to WidgetConf in Utrecht. A few thoughts.

Talks

My thoughts on the talks:

Ada Brown - State of the Widget Community

An inspiring talk about how widgets grew up.

Hidde de Jong - Dialogs & Popovers

This one was high on my list. Using popovers with roles was an eye-opener.

His presentation: https://talks.example/00ZIVb

Sanne 't Hooft - Tinkerer by Night

A fun talk full of experiments.
"""


def test_title_lines_that_open_with_people_give_the_people_and_the_title():
    talks = parse_notes(NOTES, "notes.txt").talks
    assert [(t.title, [s.name for s in t.speakers]) for t in talks] == [
        ("State of the Widget Community", ["Ada Brown"]),
        ("Dialogs & Popovers", ["Hidde de Jong"]),
        ("Tinkerer by Night", ["Sanne 't Hooft"]),
    ]


def test_a_line_pointing_to_the_material_and_the_intro_under_talks_are_no_titles():
    talks = parse_notes(NOTES, "notes.txt").talks
    assert "His presentation: https://talks.example/00ZIVb" in talks[1].body_text
    assert all("My thoughts" not in t.body_text for t in talks)
