"""Lists of talks nested under list items that name their day or group, and day headings that give a date, stated
generally and tested on text written for the test."""

from __future__ import annotations

import pytest

from talkgraph.graph.notes.bylines import split_heading
from talkgraph.graph.notes.segment import parse_notes

NESTED = """WidgetConf Berlin 2019

Berlin again, and WidgetConf again.

Some notes:
  • Day 1:
    • Ten years of widgets, a keynote by Ana Silva.
      Ana looked back at how the widget movement started in 2009.
    • Queues as a Service by Tom Reyes.
      A good talk on moving from their own racks to a public cloud, with Kafka.
  • Day 2:
    • Tracing for everyone by Bo Chen.
      Bo showed Jaeger.
"""


def test_talk_items_nested_under_day_items_are_talks_of_that_day():
    document = parse_notes(NESTED, "notes.txt")
    got = [(t.title, t.kind, t.day, [s.name for s in t.speakers], [b.text for b in t.blocks]) for t in document.talks]
    assert got == [
        (
            "Ten years of widgets",
            "keynote",
            1,
            ["Ana Silva"],
            ["Ana looked back at how the widget movement started in 2009."],
        ),
        (
            "Queues as a Service",
            "talk",
            1,
            ["Tom Reyes"],
            ["A good talk on moving from their own racks to a public cloud, with Kafka."],
        ),
        ("Tracing for everyone", "talk", 2, ["Bo Chen"], ["Bo showed Jaeger."]),
    ]


@pytest.mark.parametrize(
    "heading, title, kind, speakers",
    [
        ("Ten Years of Widgets, a keynote by Ana Silva", "Ten Years of Widgets", "keynote", ["Ana Silva"]),
        ("Queues in Practice, the workshop by Tom Reyes", "Queues in Practice", "tutorial", ["Tom Reyes"]),
        ("Widgets, a talk", "Widgets, a talk", None, []),
    ],
)
def test_a_kind_said_after_the_title_before_its_speakers(heading, title, kind, speakers):
    got_title, got_kind, got_speakers = split_heading(heading)
    assert (got_title, got_kind, [s.name for s in got_speakers]) == (title, kind, speakers)


def test_day_headings_with_roman_numbers_and_dates_are_days_not_talks():
    text = (
        "# WidgetConf 2023\n\n## Day I: 14th December, 2023\n\n### Queues as a Service by Tom Reyes\n\nTom used Kafka.\n\n"
        "## Day II: 15 Dec 2023\n\n### Tracing for Everyone by Bo Chen\n\nBo showed Jaeger.\n"
    )
    got = [(t.title, t.day, [s.name for s in t.speakers]) for t in parse_notes(text, "notes.md").talks]
    assert got == [("Queues as a Service", 1, ["Tom Reyes"]), ("Tracing for Everyone", 2, ["Bo Chen"])]


def test_notes_after_the_people_of_a_bold_titled_item_are_its_text_and_the_paragraph_after_the_list_is_no_talks():
    text = """# WidgetConf 2023 recap

I attended these talks:

* **Scaling Queues Without Tears** by *Ann Lee* — a great overview of Kafka.
* **Why Your Pager Never Sleeps** av *Raj Mehta* visade PagerDuty.

**Lightning talks** were fun too, with a demo of Grafana.
"""
    document = parse_notes(text, "recap.md")
    assert [(t.title, [s.name for s in t.speakers], [b.text for b in t.blocks]) for t in document.talks] == [
        ("Scaling Queues Without Tears", ["Ann Lee"], ["a great overview of Kafka."]),
        ("Why Your Pager Never Sleeps", ["Raj Mehta"], ["visade PagerDuty."]),
    ]
    assert document.outside[-1].text == "Lightning talks were fun too, with a demo of Grafana."


def test_an_items_people_wrapped_onto_its_next_line_inside_their_parenthesis_are_still_its_people():
    text = """# WidgetConf 2017

## Day 1
- [Scaling Queues Without Tears](https://example.org/q) (Ann
Lee): Ann showed why queues back up.

- [Why Your Pager Never Sleeps](https://example.org/p) (Raj Mehta): on-call, kindly.

- [Tracing at the Edge](https://example.org/t) (Kim
Ho): Kim traced everything.
"""
    talks = parse_notes(text, "recap.md").talks
    assert [(t.title, [s.name for s in t.speakers], t.day) for t in talks] == [
        ("Scaling Queues Without Tears", ["Ann Lee"], 1),
        ("Why Your Pager Never Sleeps", ["Raj Mehta"], 1),
        ("Tracing at the Edge", ["Kim Ho"], 1),
    ]
    assert [b.text for b in talks[0].blocks] == ["Ann showed why queues back up."]


def test_bold_titles_closed_by_a_full_stop_before_their_emphasised_speaker_are_talks():
    notes = """# BSides Widget 2025

## Talks

### My highlights

The talks I liked best:

* **Compliance-as-Code: regulated business on public cloud**. _Emelie Ohlson (Omegapoint)_ \\
  Centred on preventive controls.
* **Tales from Incident Response: The Inner Sanctum**. _Hasain Alshakarti_ \\
  What incident response taught him.

### Other talks

* **From p0f to JA4+: Network Fingerprinting**. _Vlad Iliushin_
* **Falling Off the Edge, and How to Help**. _Wendy Nather_
"""
    talks = parse_notes(notes, "n.md").talks
    assert [(t.title, [s.name for s in t.speakers]) for t in talks] == [
        ("Compliance-as-Code: regulated business on public cloud", ["Emelie Ohlson"]),
        ("Tales from Incident Response: The Inner Sanctum", ["Hasain Alshakarti"]),
        ("From p0f to JA4+: Network Fingerprinting", ["Vlad Iliushin"]),
        ("Falling Off the Edge, and How to Help", ["Wendy Nather"]),
    ]
