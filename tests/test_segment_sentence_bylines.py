"""A post whose title comes from its front matter, with level-1 day headings after it, and talks listed as
"Title. By Speaker" (the byline a sentence of its own). Written for the test."""

from __future__ import annotations

from talkgraph.graph.notes.segment import parse_notes

POST = """---
layout: post
title: "WidgetConf Brazil 2019"
---
I'm back from a good weekend at WidgetConf.

# Saturday, talks at the Plaza Hotel
These were the talks:

- Queues Without Copying. By Ada Brown
- Is tracing eating the world, don't you see? By Tom Reyes de Melo
- Fuzzing the Parser. By Li Jin and Raj Mehta

# Sunday, talks at the Plaza Hotel continued

- Privacy. By Design for everyone
- Scaling Queues by Kim Ho

# Conclusion

A good weekend.
"""


def test_the_front_matters_title_titles_the_notes_and_the_day_headings_date_the_talks():
    document = parse_notes(POST, "widgetconf.md")
    assert all(t.title != "WidgetConf Brazil 2019" for t in document.talks)
    assert [t.day for t in document.talks] == [1, 1, 1, 2, 2]


def test_a_byline_after_a_sentences_end_names_the_speakers():
    talks = parse_notes(POST, "widgetconf.md").talks
    assert [(t.title, [s.name for s in t.speakers]) for t in talks] == [
        ("Queues Without Copying", ["Ada Brown"]),
        ("Is tracing eating the world, don't you see?", ["Tom Reyes de Melo"]),
        ("Fuzzing the Parser", ["Li Jin", "Raj Mehta"]),
        ("Privacy. By Design for everyone", []),
        ("Scaling Queues", ["Kim Ho"]),
    ]
