"""Talk headings each over a byline in parentheses on a line of its own ("(by Ann Lee, Dino Viehland)"), then the
talk's page and labelled links ("Video", "Slides:"). Stated generally and tested on text written for the test."""

from __future__ import annotations

from talkgraph.graph.notes.bylines import byline_speakers
from talkgraph.graph.notes.segment import parse_notes

DAYS = """# WidgetConf 2016

WidgetConf took place in Lund.

## Talks

### Monday, May 30th

#### Widgets as a configuration language

(by Guillermo Pérez)

https://widgetconf.example/2016/talk/2059/

#### Faster widgets for free?

(by Brett Lund, Dino Viehland)

https://widgetconf.example/2016/talk/1866/

Worth a look:

    * dict versioning

### Tuesday, May 31st

#### The new mobile widget

(by Kim Ho)

https://widgetconf.example/2016/talk/2152/

Video

    https://video.example/watch?v=abc

Slides:

    https://slides.example/kim/widget
"""


def test_headings_over_parenthesised_bylines_are_talks_and_a_video_label_is_not():
    talks = parse_notes(DAYS, "widgetconf.md").talks
    assert [(t.title, t.day, [s.name for s in t.speakers]) for t in talks] == [
        ("Widgets as a configuration language", 1, ["Guillermo Pérez"]),
        ("Faster widgets for free?", 1, ["Brett Lund", "Dino Viehland"]),
        ("The new mobile widget", 2, ["Kim Ho"]),
    ]


def test_a_byline_names_a_second_person_after_a_comma_but_not_an_employer():
    assert [(s.name, s.affiliation) for s in byline_speakers("(by Brett Lund, Dino Viehland)")] == [
        ("Brett Lund", None),
        ("Dino Viehland", None),
    ]
    assert [(s.name, s.affiliation) for s in byline_speakers("by Ann Lee, Red Hat")] == [("Ann Lee", "Red Hat")]
    assert [(s.name, s.affiliation) for s in byline_speakers("(with Ann Lee)")] == [("Ann Lee", None)]


def test_title_case_by_and_lone_words_after_by_stay_in_titles():
    text = "# Notes\n\n## Security By Design Reviews\n\nthreats.\n\n## Testing by Example\n\nspans.\n\n"
    text += "## Privacy by Design\n\nbudgets.\n\n## Stand By Me\n\nq.\n"
    assert [(t.title, t.speakers) for t in parse_notes(text, "notes.md").talks] == [
        ("Security By Design Reviews", []),
        ("Testing by Example", []),
        ("Privacy by Design", []),
        ("Stand By Me", []),
    ]
