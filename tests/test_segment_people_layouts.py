"""Layouts of talks and their people, each stated generally and tested on text written for the test: speakers
after an unspaced dash inside link text, after commas, as "Name (Org)" lists, with degrees and nicknames; the
author's commentary headings beside a list of talks; one-word part lines inside a talk; notes of one session."""

from __future__ import annotations

from talkgraph.graph.notes.blocks import read_blocks
from talkgraph.graph.notes.bylines import speaker_list
from talkgraph.graph.notes.segment import parse_notes


def talks(text: str, name: str) -> list[tuple]:
    return [(t.title, t.kind, [(s.name, s.affiliation) for s in t.speakers]) for t in parse_notes(text, name).talks]


LINKED_LIST_WITH_COMMENTARY = """# WidgetCon 2017

Some thoughts on the event.

### Key characteristics

It was big.

### Themes

Observability everywhere.

## Stand out talks

- [Scaling Queues—Ann Lee](https://x.example/1)
    - she showed Kafka partitions
- [Paging Less—Tom Reyes](https://x.example/2)
    - alert budgets

### Take aways

Go next year.
"""


def test_speakers_after_an_unspaced_dash_in_link_text_and_commentary_headings_are_no_talks():
    document = parse_notes(LINKED_LIST_WITH_COMMENTARY, "recap.md")
    assert [(t.title, [s.name for s in t.speakers]) for t in document.talks] == [
        ("Scaling Queues", ["Ann Lee"]),
        ("Paging Less", ["Tom Reyes"]),
    ]
    assert {"Key characteristics", "Themes"} <= {b.text for b in document.outside}


def test_a_dash_joining_two_words_of_a_title_is_no_speaker_separator():
    text = "## Kafka—The Definitive Parts\n\nNotes.\n\n## Queues—What Breaks\n\nNotes.\n"
    assert [t[0] for t in talks(text, "n.md")] == ["Kafka—The Definitive Parts", "Queues—What Breaks"]


COMMA_HEADINGS = """# KubeWidget 2023 highlights

## 1. Scaling Queues Without Tears, Ann Lee, Tom Reyes, Acme

https://video.example/1

## 2. Paging Less at Night, Omar Said

https://video.example/2
"""


def test_people_after_commas_are_speakers_where_two_or_more_titles_read_so():
    assert talks(COMMA_HEADINGS, "h.md") == [
        ("Scaling Queues Without Tears", "talk", [("Ann Lee", "Acme"), ("Tom Reyes", "Acme")]),
        ("Paging Less at Night", "talk", [("Omar Said", None)]),
    ]


def test_a_lone_title_with_commas_stays_whole():
    text = "## Tracing for the Rest of Us, Mostly Good Parts\n\nNotes.\n\n## Queues in Practice by Ann Lee\n\nNotes.\n"
    assert [t[0] for t in talks(text, "n.md")] == [
        "Tracing for the Rest of Us, Mostly Good Parts",
        "Queues in Practice",
    ]


def test_people_with_their_organisations_in_parentheses_listed_with_commas():
    text = """# WidgetConf programme

# Networking track

- **Fast Packets with XDP** ([details](https://x.example/1)), Ann Lee (Acme), Tom Reyes (Foo), Omar Said (Bar)
- **BPF Maps Explained** ([details](https://x.example/2)), Kim Ho (Baz)
"""
    assert talks(text, "p.md") == [
        ("Fast Packets with XDP", "talk", [("Ann Lee", "Acme"), ("Tom Reyes", "Foo"), ("Omar Said", "Bar")]),
        ("BPF Maps Explained", "talk", [("Kim Ho", "Baz")]),
    ]


def test_degrees_and_nicknames_are_no_part_of_a_speaker():
    assert [(s.name, s.affiliation) for s in speaker_list("Elizabeth (Betsy) Smith, MD, Dana-Farber")] == [
        ("Elizabeth Smith", "Dana-Farber")
    ]
    assert [(s.name, s.affiliation) for s in speaker_list('Robert "Bob" Jones, PhD, Acme Health')] == [
        ("Robert Jones", "Acme Health")
    ]


PARTS_IN_A_KEYNOTE = """Widget Developer Conference 2009

Keynote: Responsible Development, Kent Beck
He talked about three things.

Attitude
Be humble.

Action
Do the simplest thing.

Refactoring legacy code by Ann Lee
She showed seams.
"""


def test_one_word_part_lines_stay_in_the_talk_above():
    document = parse_notes(PARTS_IN_A_KEYNOTE, "report.txt")
    assert [(t.title, t.kind, [s.name for s in t.speakers]) for t in document.talks] == [
        ("Responsible Development, Kent Beck", "keynote", []),  # one title with a comma: no layout of people
        ("Refactoring legacy code", "talk", ["Ann Lee"]),
    ]
    assert "Attitude" in document.talks[0].body_text and "Do the simplest thing." in document.talks[0].body_text


ONE_SESSION = """=================
Python Epiphanies
=================

- Instructor - Ann Lee
- Tutorial, PyCon 2012

Closures
--------

Notes on closures.

Decorators
----------

Notes on decorators.
"""


def test_notes_of_one_session_are_that_session_with_its_sections_as_parts():
    document = parse_notes(ONE_SESSION, "tutorial.rst")
    assert talks(ONE_SESSION, "tutorial.rst") == [("Python Epiphanies", "tutorial", [("Ann Lee", None)])]
    assert "Notes on decorators." in document.talks[0].body_text


def test_a_speaker_field_under_each_of_several_talks_is_no_single_session():
    text = """Notes
=====

Queues
------

Speaker: Ann Lee

Text.

Paging
------

Speaker: Tom Reyes

Text.
"""
    assert [t[0] for t in talks(text, "n.rst")] == ["Queues", "Paging"]


def test_a_title_line_closing_with_people_over_text_that_opens_with_them():
    text = """WidgetNation 2014, day one

Building queues that last with Ann Lee
Ann went through partitioning and retention.

Paging without tears with Tom Reyes
He covered alert budgets.

Lunch with the whole team was great
We ate a lot.
"""
    assert talks(text, "day.txt") == [
        ("Building queues that last", "talk", [("Ann Lee", None)]),
        ("Paging without tears", "talk", [("Tom Reyes", None)]),
    ]


def test_a_title_closing_with_a_tool_after_with_keeps_it():
    text = "## Production CI/CD with Cloud Native Buildpacks\n\nWhat is a buildpack?\n"
    assert talks(text, "n.md") == [("Production CI/CD with Cloud Native Buildpacks", "talk", [])]


def test_headings_that_only_name_a_person_over_text_about_them_are_their_talks():
    html = """<html><body><h1>WidgetConf NYC 2015</h1>
<h3>Ann Lee</h3><p>Ann talked about responsive images and how to ship fewer bytes.</p>
<h3>Tom Reyes</h3><p>He showed his design system and the tooling around it.</p>
<h3>Service Mesh</h3><p>Meshes everywhere this year.</p>
</body></html>"""
    document = parse_notes(html, "nyc.html")
    assert [(t.title, t.title_derived, [s.name for s in t.speakers]) for t in document.talks] == [
        ("Ann Lee's talk", True, ["Ann Lee"]),
        ("Tom Reyes's talk", True, ["Tom Reyes"]),
        ("Service Mesh", False, []),
    ]


def test_a_keynote_named_by_its_speaker_takes_its_title_from_the_line_below():
    text = """Day 1
=====

Keynote: Ann Lee
----------------

- Scaling Queues Without Tears
- queues, retention and replay

Keynote: Tom Reyes
------------------

He spoke about paging.
"""
    assert talks(text, "day.rst") == [
        ("Scaling Queues Without Tears", "keynote", [("Ann Lee", None)]),
        ("Tom Reyes's keynote", "keynote", [("Tom Reyes", None)]),
    ]


def test_by_me_is_the_author_and_names_no_speaker():
    text = "## A Short Tutorial by Me\n\nIt went fine.\n\n## Paging Less by Tom Reyes\n\nGood.\n"
    assert talks(text, "n.md") == [("A Short Tutorial", "tutorial", []), ("Paging Less", "talk", [("Tom Reyes", None)])]


def test_a_session_named_after_a_place_is_no_person():
    text = "## Tokyo Keynote\n\nQueues.\n\n## Osaka Keynote\n\nPaging.\n"
    assert talks(text, "n.md") == [("Tokyo Keynote", "keynote", []), ("Osaka Keynote", "keynote", [])]


def test_a_keynote_titled_with_two_capitalised_words_over_its_notes_is_no_person():
    text = "## Keynote: Fearless Concurrency\n\nThe talk covered Rust ownership.\n"
    assert talks(text, "n.md") == [("Fearless Concurrency", "keynote", [])]


def test_a_dash_without_spaces_outside_a_link_is_part_of_the_title():
    text = "## Async—Lessons Learned\n\nNotes.\n\n## Queues—What Breaks\n\nNotes.\n"
    assert talks(text, "n.md") == [("Async—Lessons Learned", "talk", []), ("Queues—What Breaks", "talk", [])]


def test_commas_after_a_kind_word_alone_name_no_speaker():
    text = "## Keynote: Rust, Go, Java Script\n\nLanguages.\n\n## Keynote: Fast, Cheap, Mostly Harmless\n\nCosts.\n"
    assert [t[2] for t in talks(text, "n.md")] == [[], []]


def test_an_organisation_in_parentheses_is_no_nickname():
    assert speaker_list("Ann Lee (Acme) Staff Engineer") == []
    assert [(s.name, s.affiliation) for s in speaker_list("Ann Lee (Acme), Tom Reyes (Foo)")] == [
        ("Ann Lee", "Acme"),
        ("Tom Reyes", "Foo"),
    ]


def test_one_session_notes_take_kind_day_and_title_from_their_heading_and_drop_the_speaker_field():
    text = """# Keynote: Python Internals (YouTube)

Speaker: Ann Lee

Given on day 2 of PyCon.

## Closures

Text about closures.
"""
    document = parse_notes(text, "keynote.md")
    talk = document.talks[0]
    assert (talk.title, talk.kind, talk.day, [s.name for s in talk.speakers]) == (
        "Python Internals",
        "keynote",
        2,
        ["Ann Lee"],
    )
    assert "Speaker: Ann Lee" not in talk.body_text


BOLD_LINES_WITH_MANY_PEOPLE = """# My first WidgetConf

## What I watched

Here are some of the talks I followed.

**Keynote: Rivers of Queues: Moving Data Downstream - Tom Reyes, Head of Platform, Widget Foundation; Ana Silva, Initech**

**From Intern to Maintainer: You Can Too! - Li Jin, Acme**

**Fuzzing the Parser – Breaking Things to Learn Them - Noor Haddad, Initech & Omar Diaz, Acme Cloud**

Those are the talks I saw.

## Tips for beginners

- Set Goals: decide what you want to learn at the conference, whether networking or specific tools.
- Take Notes: bring a notebook or use an app to capture what you hear in the sessions.
- Ask Questions: if something in a session is unclear, ask; others probably wonder the same.
- Visit the Booths: walk the expo area to find tools you have not met yet.
"""


def test_a_long_bold_line_naming_several_people_with_their_employers_is_a_talk_heading():
    assert talks(BOLD_LINES_WITH_MANY_PEOPLE, "first.md") == [
        (
            "Rivers of Queues: Moving Data Downstream",
            "keynote",
            [("Tom Reyes", "Widget Foundation"), ("Ana Silva", "Initech")],
        ),
        ("From Intern to Maintainer: You Can Too!", "talk", [("Li Jin", "Acme")]),
        (
            "Fuzzing the Parser – Breaking Things to Learn Them",
            "talk",
            [("Noor Haddad", "Initech"), ("Omar Diaz", "Acme Cloud")],
        ),
    ]


def test_a_long_bold_sentence_naming_no_one_stays_a_paragraph():
    notes = (
        "# Notes\n\n## Day 1\n\n**Remember - every session this year was recorded and the videos go online within a"
        " week or two of the event, so nobody needs to rush**\n\nWe met at the venue.\n"
    )
    assert [(b.kind, b.level) for b in read_blocks(notes, "markdown").blocks] == [
        ("heading", 1),
        ("heading", 2),
        ("paragraph", 0),
        ("paragraph", 0),
    ]
