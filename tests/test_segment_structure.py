"""Segmentation from the document's own structure: every structural element is a candidate, siblings of one
shape are one kind of thing, and sections that are not talks are recognised by what they hold."""

from __future__ import annotations

import pytest

from talkgraph.graph.notes.blocks import read_blocks
from talkgraph.graph.notes.bylines import split_heading
from talkgraph.graph.notes.segment import parse_notes
from talkgraph.graph.notes.talks import Speaker


def talks(text: str, name: str = "notes.md") -> list[tuple]:
    document = parse_notes(text, name)
    return [(t.title, t.kind, t.day, [(s.name, s.affiliation) for s in t.speakers]) for t in document.talks]


def test_title_by_speaker_headings_are_talks_whatever_their_first_word():
    text = """# Notes from WidgetConf 2023

## Why Your Pager Never Sleeps by [Noor Haddad](https://example.org/noor)

Noor showed how alert fatigue grows.

## Caching Without Tears by Lee Park

Lee walked through cache stampedes.
"""
    assert talks(text) == [
        ("Why Your Pager Never Sleeps", "talk", None, [("Noor Haddad", None)]),
        ("Caching Without Tears", "talk", None, [("Lee Park", None)]),
    ]


def test_sections_of_a_decorated_talk_stay_in_the_talk():
    text = """# Foundation Day

## Keynotes

### Keynote: Foundation Roadmap - Ada Brown, Director, Open Widgets Foundation

#### Budget

The budget grew by a third.

#### Elections

The board is elected in May.

### Keynote: Growing Maintainers - Sam Ortiz, Widget Labs

Sam talked about mentoring.
"""
    document = parse_notes(text, "notes.md")
    assert [(t.title, t.kind, [(s.name, s.affiliation) for s in t.speakers]) for t in document.talks] == [
        ("Foundation Roadmap", "keynote", [("Ada Brown", "Open Widgets Foundation")]),
        ("Growing Maintainers", "keynote", [("Sam Ortiz", "Widget Labs")]),
    ]
    assert [b.text for b in document.talks[0].blocks] == [
        "Budget",
        "The budget grew by a third.",
        "Elections",
        "The board is elected in May.",
    ]


def test_one_day_post_dates_every_talk_and_travel_and_tag_lines_are_not_talks():
    text = """# Notes from WidgetConf 2023 - Day Two

## Lisbon, Portugal

The city was sunny, the pastries were great and the metro easy.

## Observability Budgets by Ana Silva

Ana explained sampling.

## Queues All the Way Down by Tom Reyes

Tom compared brokers.

## Kafka, Conferences, Travel
"""
    assert talks(text) == [
        ("Observability Budgets", "talk", 2, [("Ana Silva", None)]),
        ("Queues All the Way Down", "talk", 2, [("Tom Reyes", None)]),
    ]


@pytest.mark.parametrize("heading, day", [("Jour 1", 1), ("Tag 2", 2), ("Dag 3", 3)])
def test_day_headings_in_other_languages(heading, day):
    text = f"""# Konferenz

## {heading}

### Verteilte Systeme by Eva Roth

Eva erklärte Konsens.

### Sichere Lieferketten by Jan Berg

Jan zeigte Signaturen.
"""
    assert [(t[0], t[2]) for t in talks(text)] == [("Verteilte Systeme", day), ("Sichere Lieferketten", day)]


def test_a_day_said_in_the_talk_text():
    text = """Recap

Disk Pressure Explained

On day 2 Mia Chen showed how kubelet evicts pods.

Leader Election Pitfalls

Rob Tan covered split brain.
"""
    assert [(t[0], t[2]) for t in talks(text, "notes.txt")] == [
        ("Disk Pressure Explained", 2),
        ("Leader Election Pitfalls", None),
    ]


def test_bold_lead_in_list_items_under_a_group_are_talks():
    text = """# DataDays 2022

## Workshops

- **Fuzzing for beginners**: we wrote harnesses together.
- **Writing probes**: a hands-on lab on kernel tracing.
- **Tuning queries** - reading query plans.

## Deep dive on storage by Eli Moss

Eli's key points:

- **Compaction**: it runs at night.
- **Snapshots**: they are cheap.
"""
    document = parse_notes(text, "notes.md")
    assert [(t.title, t.kind) for t in document.talks] == [
        ("Fuzzing for beginners", "tutorial"),
        ("Writing probes", "tutorial"),
        ("Tuning queries", "tutorial"),
        ("Deep dive on storage", "talk"),
    ]
    assert [b.text for b in document.talks[0].blocks] == ["we wrote harnesses together."]
    assert len(document.talks[3].blocks) == 3  # the bold points stay in their talk


def test_a_talk_is_a_tutorial_when_its_opening_says_it_was_one_not_when_it_names_a_part_of_the_programme():
    text = """# DataDays 2022

## Search at Scale - Ana Silva

In this workshop we built an index together.

## Paging Less at Night - Tom Reyes

The workshop track ran next door; Tom kept to alerts.
"""
    assert [(t.title, t.kind) for t in parse_notes(text, "notes.md").talks] == [
        ("Search at Scale", "tutorial"),
        ("Paging Less at Night", "talk"),
    ]


@pytest.mark.parametrize(
    "table",
    [
        "| Talk | Speaker | Slides |\n|---|---|---|\n"
        "| Streaming joins in practice | Ada Brown | [pdf](https://example.org/a.pdf) |\n"
        "| Vector search for the rest of us | Tom Reyes & Raj Mehta | |\n",
        "| When | Was | Wer |\n|---|---|---|\n"
        "| 10:00 | Streaming joins in practice | Ada Brown |\n"
        "| 11:30 | Vector search for the rest of us | Tom Reyes & Raj Mehta |\n",
    ],
)
def test_table_rows_are_talks_whatever_the_columns_are_called(table):
    text = f"# DataDays 2022\n\nThe programme:\n\n{table}"
    assert talks(text) == [
        ("Streaming joins in practice", "talk", None, [("Ada Brown", None)]),
        ("Vector search for the rest of us", "talk", None, [("Tom Reyes", None), ("Raj Mehta", None)]),
    ]


def test_a_table_of_tools_is_not_a_list_of_talks():
    text = "# Notes\n\n## What we compared\n\n| Tool | Language |\n|---|---|\n| Fluentd | Ruby |\n| Vector | Rust |\n"
    assert talks(text) == [("What we compared", "talk", None, [])]


def test_definition_lists_name_talks():
    text = """# Recap

Streaming joins in practice
: Ada Brown showed windowed joins.

Vector search for the rest of us
: Tom Reyes compared index types.
"""
    assert [t[0] for t in talks(text)] == ["Streaming joins in practice", "Vector search for the rest of us"]


def test_admonitions_and_after_party_belong_to_no_talk():
    text = """# Recap

## Capacity Planning by Omar Said

Omar used queueing theory.

> **TIP**
> Bring a charger, the wifi was slow.

## Retries Considered Harmful by Ida Lund

Ida showed retry storms.

In the evening the after-party was at a rooftop bar with drinks and a DJ, sponsored by Initrode.
"""
    document = parse_notes(text, "notes.md")
    assert [[b.text for b in t.blocks] for t in document.talks] == [
        ["Omar used queueing theory."],
        ["Ida showed retry storms."],
    ]
    assert any(b.text.startswith("TIP") for b in document.outside)
    assert any("after-party" in b.text for b in document.outside)


def test_news_items_are_not_talks():
    text = """# Weekly digest

## Project Gizmo joins the incubator

The project moved to the foundation this week.

## Sharding Time Series by Lia Wong

Lia split series by tenant.

## Caching at the Edge by Max Roy

Max showed cache keys.
"""
    assert [t[0] for t in talks(text)] == ["Sharding Time Series", "Caching at the Edge"]


@pytest.mark.parametrize(
    "heading, links, title, speakers",
    [
        ("Ada Brown (Widgets Inc) - Zero-Copy Queues", [], "Zero-Copy Queues", [("Ada Brown", "Widgets")]),
        ("Ada Brown - Zero-Copy Queues", ["Zero-Copy Queues"], "Zero-Copy Queues", [("Ada Brown", None)]),
        ("Zero-Copy Queues ~ Ada Brown", [], "Zero-Copy Queues", [("Ada Brown", None)]),
        ("Zero-Copy Queues — Ada Brown", [], "Zero-Copy Queues", [("Ada Brown", None)]),
        (
            "Search at Scale - Ana Silva, Principal Engineer, Foo Corp; Tom Reyes, CTO, Bar Data & Raj Mehta, Baz Labs",
            [],
            "Search at Scale",
            [("Ana Silva", "Foo Corp"), ("Tom Reyes", "Bar Data"), ("Raj Mehta", "Baz Labs")],
        ),
        ("Highland Ops (Intermediate) - Ewan MacLeod, Acme Ltd", [], "Highland Ops", [("Ewan MacLeod", "Acme")]),
        (
            "Paging Etiquette - Ryan O'Neil & Dana McKay",
            [],
            "Paging Etiquette",
            [("Ryan O'Neil", None), ("Dana McKay", None)],
        ),
    ],
)
def test_speaker_forms_in_headings(heading, links, title, speakers):
    got_title, _, got_speakers = split_heading(heading, links)
    assert (got_title, [(s.name, s.affiliation) for s in got_speakers]) == (title, speakers)


def test_speaker_first_link_heading_in_a_document():
    text = """# Recap

## Ada Brown (Widgets Inc) - [Zero-Copy Queues](https://example.org/zcq)

Ada showed ring buffers.

## Tom Reyes (Bar Data) - [Search at Scale](https://example.org/sas)

Tom compared indexes.
"""
    assert talks(text) == [
        ("Zero-Copy Queues", "talk", None, [("Ada Brown", "Widgets")]),
        ("Search at Scale", "talk", None, [("Tom Reyes", "Bar Data")]),
    ]


def test_plain_lines_laid_out_like_the_other_titles_are_titles():
    text = """My conference notes

Capacity Planning With Spreadsheets

Mia showed how far a spreadsheet goes before you need a model.

Tracing 3.0

Rob explained what changes in the new tracing format.

Zero Trust for Small Teams

Ida covered device certificates.
"""
    assert [t[0] for t in talks(text, "notes.txt")] == [
        "Capacity Planning With Spreadsheets",
        "Tracing 3.0",
        "Zero Trust for Small Teams",
    ]


def test_markdown_without_talk_headings_falls_back_to_plain_text_rules():
    text = """# My notes

Observability Budgets For Everyone

Ana explained sampling with *care*.

Queues All The Way Down

Tom compared brokers.
"""
    assert [t[0] for t in talks(text)] == ["Observability Budgets For Everyone", "Queues All The Way Down"]


def test_a_document_without_talks_carries_a_warning():
    document = parse_notes("just a thought about nothing in particular, written in one line.", "idea.txt")
    assert document.talks == []
    assert document.warnings == ["idea.txt: no talk found (no heading, title line, list or table of talks)"]


def test_restructuredtext_is_read_with_its_sections():
    text = """WidgetConf notes
================

Day 1
-----

Streaming joins in practice by Ada Brown
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Ada showed windowed joins with ``Flink``.

Vector search for the rest of us by Tom Reyes
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Tom compared index types.
"""
    document = parse_notes(text, "notes.rst")
    assert document.format == "rst"
    assert document.title == "WidgetConf notes"
    assert [(t.title, t.day, [s.name for s in t.speakers]) for t in document.talks] == [
        ("Streaming joins in practice", 1, ["Ada Brown"]),
        ("Vector search for the rest of us", 1, ["Tom Reyes"]),
    ]
    assert document.talks[0].blocks[0].code == ["Flink"]


def test_html_tables_bold_items_and_definition_lists():
    html = """<html><body><article><h1>DataDays 2022 recap</h1>
<h2>Programme</h2>
<table><tr><th>Slot</th><th>Title</th><th>Speaker</th></tr>
<tr><td>09:00</td><td>Streaming joins in practice</td><td>Ada Brown</td></tr>
<tr><td>10:00</td><td>Vector search for the rest of us</td><td>Tom Reyes</td></tr></table>
<h2>Workshops</h2>
<ul><li><strong>Fuzzing for beginners</strong>: harnesses with AFL.</li>
<li><strong>Writing probes</strong>: a kernel tracing lab.</li></ul>
<h2>Evening</h2>
<dl><dt>Caching at the edge</dt><dd>Max showed cache keys.</dd>
<dt>Retries considered harmful</dt><dd>Ida showed retry storms.</dd></dl>
</article></body></html>"""
    document = parse_notes(html, "recap.html")
    assert [(t.title, t.kind, [s.name for s in t.speakers], [b.text for b in t.blocks]) for t in document.talks] == [
        ("Streaming joins in practice", "talk", ["Ada Brown"], []),
        ("Vector search for the rest of us", "talk", ["Tom Reyes"], []),
        ("Fuzzing for beginners", "tutorial", [], ["harnesses with AFL."]),
        ("Writing probes", "tutorial", [], ["a kernel tracing lab."]),
        ("Caching at the edge", "talk", [], ["Max showed cache keys."]),
        ("Retries considered harmful", "talk", [], ["Ida showed retry storms."]),
    ]


def test_restructuredtext_tables_and_definition_lists():
    text = """DataDays
========

Talks
-----

=============================  ===========
Title                          Speaker
=============================  ===========
Streaming joins in practice    Ada Brown
Vector search for all of us    Tom Reyes
=============================  ===========

Workshops
---------

Fuzzing for beginners
   We wrote harnesses.

Writing probes
   A kernel tracing lab.
"""
    document = parse_notes(text, "notes.rst")
    assert [(t.title, t.kind, [s.name for s in t.speakers]) for t in document.talks] == [
        ("Streaming joins in practice", "talk", ["Ada Brown"]),
        ("Vector search for all of us", "talk", ["Tom Reyes"]),
        ("Fuzzing for beginners", "tutorial", []),
        ("Writing probes", "tutorial", []),
    ]


def test_a_list_of_titles_under_a_group_heading_is_a_list_of_talks():
    text = """# Recap

## Talks I saw

- Observability at scale
  - sampling keeps costs flat
- Capacity planning with spreadsheets
  - a model per service
- Tracing 3.0
"""
    document = parse_notes(text, "notes.md")
    assert [(t.title, [b.text for b in t.blocks]) for t in document.talks] == [
        ("Observability at scale", ["sampling keeps costs flat"]),
        ("Capacity planning with spreadsheets", ["a model per service"]),
        ("Tracing 3.0", []),
    ]


def test_talks_named_only_in_prose_and_sessions_enumerated_after_a_cue():
    text = """Notes from the meetup

It was a rainy evening in town.

Next up, Marta Lind gave a talk called 'DNS at the Edge'. She compared resolvers.

She also showed anycast failover.

After that, Omar Said presented the session titled “Paging Less at Night” with alert budgets.

The workshop track covered fuzzing for beginners, writing eBPF probes and tuning Postgres.
"""
    document = parse_notes(text, "notes.txt")
    assert [(t.title, t.kind, len(t.blocks)) for t in document.talks] == [
        ("DNS at the Edge", "talk", 2),
        ("Paging Less at Night", "talk", 1),
        ("fuzzing for beginners", "tutorial", 0),
        ("writing eBPF probes", "tutorial", 0),
        ("tuning Postgres", "tutorial", 0),
    ]
    for talk in document.talks:
        assert text[talk.start : talk.start + len(talk.title)] == talk.title


def test_open_space_topic_lists_are_not_talks():
    text = """# Recap

## Day 1

### Pager Fatigue by Noor Haddad

Noor counted pages.

### Open spaces

- on-call for small teams
- writing postmortems

### Tracing on a Budget by Lee Park

Lee sampled traces.
"""
    assert [t[0] for t in talks(text)] == ["Pager Fatigue", "Tracing on a Budget"]


def test_a_byline_under_the_title_names_the_speakers():
    text = """# Recap

## Zero-Copy Queues

*Ada Brown, Widgets Inc*

Ada showed ring buffers.

## Search at Scale

by Tom Reyes (Bar Data)

Tom compared indexes.

## Observability Budgets

Sampling keeps costs flat.
"""
    assert talks(text) == [
        ("Zero-Copy Queues", "talk", None, [("Ada Brown", "Widgets")]),
        ("Search at Scale", "talk", None, [("Tom Reyes", "Bar Data")]),  # "Search" does not make it a search box
        ("Observability Budgets", "talk", None, []),
    ]


def test_labels_that_recur_under_every_talk_are_its_sections_and_contents_tables_are_not_talks():
    text = """# [WidgetDays 2024](https://example.org/widgetdays)

|          |                  | Note   |
|----------|------------------|--------|
| Place    | Lisbon, Portugal |        |
| Date     | May 2024         |        |

## Sessions I watched

| Session | Length |
|---|---|
| [Keynote](#keynote) | 40:00 |
| [Queues in practice](#queues-in-practice) | 50:00 |
| [Caching without tears](#caching-without-tears) | 45:00 |

## Keynote

- Ada Brown

### Key points

- The foundation grew.

### Impression ⭐⭐⭐☆☆

- Short and clear.

## Queues in practice

- Tom Reyes

### Key points

- **Back pressure**: bounded buffers.
- **Retries**: with jitter.

### Impression ⭐⭐⭐⭐☆

- Good demos.

## Caching without tears

- Ida Lund

## Key points

- Stampedes and how to avoid them.

### Impression ⭐⭐⭐⭐⭐

- The best one.
"""
    document = parse_notes(text, "notes.md")
    assert [(t.title, t.kind, [s.name for s in t.speakers]) for t in document.talks] == [
        ("Keynote", "keynote", ["Ada Brown"]),
        ("Queues in practice", "talk", ["Tom Reyes"]),
        ("Caching without tears", "talk", ["Ida Lund"]),
    ]
    assert [b.text for b in document.talks[2].blocks] == [
        "Ida Lund",
        "Key points",
        "Stampedes and how to avoid them.",
        "Impression ⭐⭐⭐⭐⭐",
        "The best one.",
    ]


def test_bylines_with_roles_and_headings_that_are_one_link():
    text = """# [WidgetConf 2021](https://example.org/wc)

## [Queue Wars: Picking a Broker](https://example.org/wc/queue-wars)

- Length 25:00, watched on 2021-09-07
- Mia Chen as Staff Engineer & Team Lead, Example Data Corp.
- Track: Architecture

Mia compared brokers.

## [Paging Less](https://example.org/wc/paging-less)

- Track: Operations
- Omar Said from Initrode

Omar cut alerts.
"""
    assert talks(text) == [
        ("Queue Wars: Picking a Broker", "talk", None, [("Mia Chen", "Example Data Corp")]),
        ("Paging Less", "talk", None, [("Omar Said", "Initrode")]),
    ]


def test_front_matter_title_dated_weekday_headings_and_squashed_hashes():
    text = """---
title: 'WidgetCamp 2019 - Summary'
tags: ['conferences']
---

Here's a summary of the talks I saw.

## 2019-01-24 | Thursday

- Queues in Practice by [Ada Brown](https://example.org/ada)
- Caching at the Edge by [Max Roy](https://example.org/max)

##Friday

- Tracing on a Budget by Lee Park
- Paging Less by Omar Said
"""
    document = parse_notes(text, "post.md")
    assert document.title == "WidgetCamp 2019 - Summary"
    assert [(t.title, t.day) for t in document.talks] == [
        ("Queues in Practice", 1),
        ("Caching at the Edge", 1),
        ("Tracing on a Budget", 2),
        ("Paging Less", 2),
    ]


def test_a_heading_that_only_names_people_is_the_byline_of_the_heading_above():
    text = """# Faster Builds with Remote Caches:

## *Speaker: Ines Moreau, Tilde Systems*

* caches keyed by content
* warm the cache in CI

# Paging Less:

## *Speaker: Omar Haddad, Quiet Ops*

* fewer alerts, better ones
"""
    document = parse_notes(text, "notes.md")
    assert [(t.title, [(s.name, s.affiliation) for s in t.speakers]) for t in document.talks] == [
        ("Faster Builds with Remote Caches", [("Ines Moreau", "Tilde Systems")]),
        ("Paging Less", [("Omar Haddad", "Quiet Ops")]),
    ]
    assert [b.text for b in document.talks[0].blocks] == ["caches keyed by content", "warm the cache in CI"]


def test_a_closing_parenthesis_with_by_names_the_speakers_and_its_kind_word_the_kind():
    assert split_heading("Queues Without Tears (Keynote, by Ines Moreau, video)") == (
        "Queues Without Tears",
        "keynote",
        [Speaker("Ines Moreau")],
    )
    assert split_heading("Paging Less (by Omar Haddad & Lena Park)") == (
        "Paging Less",
        None,
        [Speaker("Omar Haddad"), Speaker("Lena Park")],
    )
    assert split_heading("Caching (by design) in Practice") == ("Caching (by design) in Practice", None, [])


def test_text_that_opens_a_group_before_its_talks_introduces_them_and_is_no_session():
    text = """# WidgetConf

## The talks

Most talks were good; these are the ones I went to.

* Paging Less (by Omar Haddad)
* Queues Without Tears (by Ines Moreau)
"""
    document = parse_notes(text, "notes.md")
    assert [t.title for t in document.talks] == ["Paging Less", "Queues Without Tears"]
    assert [b.text for b in document.outside] == ["Most talks were good; these are the ones I went to."]


def test_people_first_headings_where_several_headings_have_that_layout():
    text = """# Notes

## Day 1

### Ines Moreau @inesm - Tildeworks - Paging Less
Fewer alerts.

### Omar Haddad - Queues Without Tears - a field guide
Brokers compared.

### Sampling at the Edge - Quietware - Lena Park / Ravi Menon
Costs stay flat.

### Tracing 3.0 - what changed
Spans.
"""
    assert talks(text) == [
        ("Paging Less", "talk", 1, [("Ines Moreau", "Tildeworks")]),
        ("Queues Without Tears - a field guide", "talk", 1, [("Omar Haddad", None)]),
        ("Sampling at the Edge", "talk", 1, [("Lena Park", "Quietware"), ("Ravi Menon", "Quietware")]),
        ("Tracing 3.0 - what changed", "talk", 1, []),
    ]


def test_one_people_first_heading_alone_is_not_read_as_people():
    text = """# Notes

## Kubernetes Operators - Reconcile loops
Loops.

## Paging Less
Fewer alerts.
"""
    assert [t[0] for t in talks(text)] == ["Kubernetes Operators - Reconcile loops", "Paging Less"]


def test_a_schedule_line_under_the_title_gives_its_speakers_and_drops_times_and_tags():
    text = """# Day 1

## Paging Less
9:05 am → 30 min, Omar Haddad; Alerting

## Queues Without Tears
10:30–11:15 | Ines Moreau (Tildeworks); Messaging

## Tracing for Everyone
11:20 am → 25 min, Lena Park; Tracing Culture

## Closing
12:00 pm → 5 min
"""
    assert talks(text) == [
        ("Paging Less", "talk", 1, [("Omar Haddad", None)]),
        ("Queues Without Tears", "talk", 1, [("Ines Moreau", "Tildeworks")]),
        ("Tracing for Everyone", "talk", 1, [("Lena Park", None)]),  # its tags are tags, like its siblings'
    ]  # "Closing" with no one presenting is a slot of the schedule, no talk


def test_names_after_a_comma_are_more_speakers_when_no_word_of_them_is_an_ordinary_word():
    assert split_heading("Paging Less - Bram Vos, Fokke Dijkstra") == (
        "Paging Less",
        None,
        [Speaker("Bram Vos"), Speaker("Fokke Dijkstra")],
    )
    assert split_heading("Paging Less - Bram Vos, Foo Corp") == (
        "Paging Less",
        None,
        [Speaker("Bram Vos", "Foo Corp")],
    )


def test_list_items_that_name_a_talk_in_their_first_sentence_or_before_a_colon_are_talks():
    text = """# Recap

My favourite sessions:

- Quiet Pagers by Omar Haddad and Lena Park from the Tildeworks team. A calm look at alerting. Omar showed dashboards.
- Queues in Practice by Ines Moreau. Brokers compared.
- Tracing Budgets: Ravi Menon of Spanworks walked through sampling. He kept costs flat.
"""
    document = parse_notes(text, "notes.md")
    assert [(t.title, [(s.name, s.affiliation) for s in t.speakers]) for t in document.talks] == [
        ("Quiet Pagers", [("Omar Haddad", "Tildeworks"), ("Lena Park", "Tildeworks")]),
        ("Queues in Practice", [("Ines Moreau", None)]),
        ("Tracing Budgets", [("Ravi Menon", "Spanworks")]),
    ]
    assert [b.text for b in document.talks[2].blocks] == [
        "Ravi Menon of Spanworks walked through sampling. He kept costs flat."
    ]


def test_a_list_of_titles_outside_any_section_and_talks_named_in_prose_beside_it():
    text = """WidgetConf Europe

We went to WidgetConf. Ines Moreau gave the opening keynote, "Widgets at Dawn". Among the other talks:
  • Capacity Planning With Spreadsheets
  • Queues in Practice at Tildeworks
  • Pagers That Learned to Stop Worrying
  • Tracing 3.0 - what changed
The Queues talk stood out for us.
Our own Omar Haddad spoke too, on "Paging Less", and it went down well.
"""
    document = parse_notes(text, "notes.txt")
    assert [(t.title, t.kind) for t in document.talks] == [
        ("Widgets at Dawn", "keynote"),
        ("Capacity Planning With Spreadsheets", "talk"),
        ("Queues in Practice at Tildeworks", "talk"),
        ("Pagers That Learned to Stop Worrying", "talk"),
        ("Tracing 3.0 - what changed", "talk"),
        ("Paging Less", "talk"),
    ]
    assert [t.blocks for t in document.talks[1:5]] == [[], [], [], []]  # the lines after the list are no talk's


def test_a_bulleted_list_in_plain_text_ends_at_a_line_written_left_of_its_bullets():
    blocks = read_blocks("Intro line one\n  • First\n    more of first\n  • Second\nAfter the list.\n", "text").blocks
    assert [(b.kind, b.text) for b in blocks] == [
        ("paragraph", "Intro line one"),
        ("item", "First\n    more of first"),
        ("item", "Second"),
        ("paragraph", "After the list."),
    ]


def test_paragraphs_led_by_an_emphasised_title_are_talks_and_plain_sibling_sections_are_remarks():
    text = """# WidgetConf 2024

## Talks I liked

I could not see everything, so here are a few.

*Queues: the missing guide* – Ines Moreau, VP of Messaging at Tildeworks, walked through brokers.

*Paging Less with Budgets* – Omar Haddad showed how alerts shrink.

## A torrent of widgets

So many new widgets this year.

## How to watch the recordings

They will be online soon.
"""
    document = parse_notes(text, "notes.md")
    assert [t.title for t in document.talks] == ["Queues: the missing guide", "Paging Less with Budgets"]
    assert [b.text for b in document.talks[0].blocks] == [
        "Ines Moreau, VP of Messaging at Tildeworks, walked through brokers."
    ]
    assert "So many new widgets this year." in [b.text for b in document.outside]


def test_paragraphs_opening_with_a_link_title_line_are_talks_and_the_next_line_names_the_speaker():
    text = """Highlights:

[Queues Without Tears](https://video.example/1)
Ines Moreau-McKay
Brokers compared, with a demo.

[Paging Less](https://video.example/2)
Dr Omar Haddad
Alert budgets explained.
"""
    document = parse_notes(text, "notes.md")
    assert [(t.title, [s.name for s in t.speakers]) for t in document.talks] == [
        ("Queues Without Tears", ["Ines Moreau-McKay"]),
        ("Paging Less", ["Omar Haddad"]),
    ]


def test_group_items_over_nested_talk_items_and_a_contents_entry_merged_with_its_section():
    text = """# WidgetConf – Day 2

- Keynotes
  - Widget Roadmap – Ines Moreau, Director, Tildeworks
  - Keep It Small (Sponsored) – A Human View of Widgets – Omar Haddad, Quiet Ops
- Talks
  - Queues in Practice – Lena Park, Spanworks
  - Tracing 3.0 – Ravi Menon & Ana Silva, Foo Labs

## Keynotes

### Widget Roadmap – Ines Moreau, Director, Tildeworks

Ines opened the day with the roadmap.
"""
    assert sorted(talks(text)) == [
        ("Keep It Small – A Human View of Widgets", "keynote", 2, [("Omar Haddad", "Quiet Ops")]),
        ("Queues in Practice", "talk", 2, [("Lena Park", "Spanworks")]),
        ("Tracing 3.0", "talk", 2, [("Ravi Menon", "Foo Labs"), ("Ana Silva", "Foo Labs")]),  # one employer for both
        ("Widget Roadmap", "keynote", 2, [("Ines Moreau", "Tildeworks")]),
    ]


def test_a_contents_table_of_sessions_gives_talks_merged_with_the_sections_written_out():
    text = """---
title: "WidgetConf 2026 — my notes"
---

# WidgetConf 2026 — Porto

## Day 1 — Monday

| Session | Speaker |
|---------|---------|
| [Workshop — Widget Basics](#widget-basics) | Ines Moreau & Omar Haddad, Tildeworks |
| [Keynote — When Widgets Wait](#keynote) | Dr. Lena Park, CTO @ Spanworks |
| [Lab — Tools: Building Widgets](#lab) | Prof. Ravi Menon, Foo Labs / Porto University |
| [Travel](#travel) | |

## 🛠️ Workshop — Widget Basics by Ines Moreau & Omar Haddad, Tildeworks

We built a widget.

## Travel

The train to Porto was slow, the hotel fine and the food great.
"""
    document = parse_notes(text, "notes.md")
    assert document.title == "WidgetConf 2026 — Porto"
    assert sorted((t.title, t.kind, t.day, [(s.name, s.affiliation) for s in t.speakers]) for t in document.talks) == [
        ("Lab — Tools: Building Widgets", "talk", 1, [("Ravi Menon", "Foo Labs")]),
        ("When Widgets Wait", "keynote", 1, [("Lena Park", "Spanworks")]),
        ("Widget Basics", "tutorial", 1, [("Ines Moreau", "Tildeworks"), ("Omar Haddad", "Tildeworks")]),
    ]
    lab = next(t for t in document.talks if t.title.startswith("Lab"))
    assert lab.organisations == ["Porto University"]  # the speaker's second organisation


def test_a_social_handle_or_independent_names_no_employer():
    assert split_heading("Paging Less - Omar Haddad (@omarh)") == ("Paging Less", None, [Speaker("Omar Haddad")])
    assert split_heading("Paging Less - Omar Haddad, Tildeworks by @omarh") == (
        "Paging Less",
        None,
        [Speaker("Omar Haddad", "Tildeworks")],
    )
    assert split_heading("Paging Less - Omar Haddad, Independent") == ("Paging Less", None, [Speaker("Omar Haddad")])


def test_talks_named_in_prose_by_a_quoted_title_and_its_speaker_in_any_language():
    text = """Widgettage 2019

Am Vormittag gab es Vorträge. Besonders „Queues Without Tears“ von Ines Moreau blieb hängen: Sie erklärte Broker.

Sehenswert war außerdem der Vortrag „Paging Less: a field guide“ von Omar Haddad und Lena Park. Danach gab es Kaffee.
"""
    document = parse_notes(text, "notes.txt")
    assert [(t.title, [s.name for s in t.speakers]) for t in document.talks] == [
        ("Queues Without Tears", ["Ines Moreau"]),
        ("Paging Less: a field guide", ["Omar Haddad", "Lena Park"]),
    ]


def test_notes_that_name_no_talk_give_one_session_per_person_presenting():
    text = """<html><body><article>
<h1>WidgetConf review</h1>
<p>The venue was a cinema. Ada Brown and Sam Ortiz organised it.</p>
<p>The opener, in my view: Ines Moreau (@ines) of the Widget Working Group talked about queues. She showed demos.</p>
<p>Omar Haddad from Quiet Systems, LLC gave a talk on paging. Then Lena Park shared how Tildeworks tests widgets.
She also showed screenshots.</p>
<p>My favourite was Ravi Menon, architect at Spanworks, whose honest talk was about burnout.</p>
</article></body></html>"""
    document = parse_notes(text, "review.html")
    assert [([s.name for s in t.speakers], t.title) for t in document.talks] == [
        (["Ines Moreau"], "Ines Moreau of the Widget Working Group talked about queues."),  # from the sentence
        (["Omar Haddad"], "paging"),  # "gave a talk on paging": the subject the prose gives it
        (["Lena Park"], "how Tildeworks tests widgets"),
        (["Ravi Menon"], "Ravi Menon, architect at Spanworks, whose honest talk was about…"),
    ]
    assert (
        document.talks[2].body_text
        == "Then Lena Park shared how Tildeworks tests widgets.\nShe also showed screenshots."
    )
    assert "The venue was a cinema. Ada Brown and Sam Ortiz organised it." in [b.text for b in document.outside]


def test_title_lines_written_without_bullets_are_a_list_of_titles():
    text = """Talks I Attended
================

Keynotes
Queues without Tears: a Field Guide
Paging Less
Tracing 3.0 (and other fun with spans)

Find out more
=============

[The schedule](https://example.org/schedule)
"""
    assert talks(text) == [
        ("Queues without Tears: a Field Guide", "keynote", None, []),
        ("Paging Less", "keynote", None, []),
        ("Tracing 3.0 (and other fun with spans)", "keynote", None, []),
    ]


def test_a_leading_pictogram_is_no_part_of_a_title_but_markup_characters_are_kept():
    assert split_heading("🛠️ Workshop — Widget Basics") == ("Widget Basics", "tutorial", [])
    assert split_heading("<img src=x onerror=alert(1)>")[0] == "<img src=x onerror=alert(1)>"


def test_a_section_of_the_author_that_opens_by_naming_one_talk_is_that_talk():
    text = """# My WidgetConf week

## 🌅 Day 1: Coffee and Chaos

The morning was a blur. One talk stood out: Beyond Queues: Leveraging Brokers for Budgets by Ines Moreau.

She showed cost dashboards.

## 🔭 Day 2: Seeing Further

On day two, Omar Haddad's session on Expanding iOS Tracing Reach changed how I debug.

## Midweek: When Widgets Meet AI

Tired by then, but the talk by Lena Park and Ravi Menon, From Widgets to AI workloads using Queues, woke me up.

## Day 4: Goodbye

I flew home and slept.
"""
    document = parse_notes(text, "notes.md")
    assert [(t.title, [s.name for s in t.speakers]) for t in document.talks[:3]] == [
        ("Beyond Queues: Leveraging Brokers for Budgets", ["Ines Moreau"]),
        ("Expanding iOS Tracing Reach", ["Omar Haddad"]),
        ("From Widgets to AI workloads using Queues", ["Lena Park", "Ravi Menon"]),
    ]
    assert [b.text for b in document.talks[0].blocks][-1] == "She showed cost dashboards."


def test_a_day_heading_that_also_says_what_the_session_was_titles_it_and_is_read():
    document = parse_notes("# Notes\n\n## Tuesday 10am Tildeworks CI Talk\n\n- Commit daily.\n", "notes.md")
    talk = document.talks[0]
    assert (talk.title, talk.day, talk.title_derived) == ("Tuesday 10am Tildeworks CI Talk", 1, False)
    assert talk.sentences[0].text == "Tuesday 10am Tildeworks CI Talk"
    plain = parse_notes("# Notes\n\n## Tuesday 9am\n\nThe opening was short.\n", "notes.md").talks[0]
    assert (plain.title, plain.title_derived) == ("Tuesday 9am", True)


def test_a_talks_sentences_follow_its_blocks_after_they_change():
    talk = parse_notes("# N\n\n## Paging Less\n\nFirst point.\n", "notes.md").talks[0]
    assert [s.text for s in talk.sentences] == ["Paging Less", "First point."]
    talk.blocks.append(read_blocks("Second point.", "text").blocks[0])
    assert [s.text for s in talk.sentences] == ["Paging Less", "First point.", "Second point."]


def test_a_gerund_opens_a_title_not_a_name():
    assert split_heading("Vault and Boundary - Managing Secrets at Home") == (
        "Vault and Boundary - Managing Secrets at Home",
        None,
        [],
    )
    assert split_heading("Vault in Practice - Sterling Oakes") == (
        "Vault in Practice",
        None,
        [Speaker("Sterling Oakes")],
    )


def test_headings_under_a_section_that_sums_the_event_up_are_its_points_unless_they_name_a_talk():
    text = """# WidgetConf 2017

## Themes

### Observability
Everyone talked about it.

### Histograms
Averages lie.

## Talks

### Scaling Queues Without Tears by Ann Lee
Queues back up at night.

## Take aways

### Health checks
Make them cheap.

### Keynote: The State of Widgets - Raj Mehta
The closing keynote, summed up.
"""
    assert [(t.title, t.kind) for t in parse_notes(text, "notes.md").talks] == [
        ("Scaling Queues Without Tears", "talk"),
        ("The State of Widgets", "keynote"),
    ]


def test_headings_under_topics_that_group_talks_stay_talks():
    text = """# GopherCon

## Keynote

### The Future of Go - Russ Cox
Generics at last.

## Topics

### Rethinking Classical Concurrency Patterns
Channels and conditions.

### Go 2 Drafts: Error Handling
Check and handle.
"""
    assert [t.title for t in parse_notes(text, "notes.md").talks] == [
        "The Future of Go",
        "Rethinking Classical Concurrency Patterns",
        "Go 2 Drafts: Error Handling",
    ]
