"""A wrap-up post whose sessions are a list of links to the author's notes of each ("- [Liveblog: Title][2]"), beside
lists of links that are no sessions: a talk's tools, a "More links" section. Written for the test."""

from __future__ import annotations

import pytest

from talkgraph.graph.linking.extract import extract
from talkgraph.graph.linking.linker import Linker
from talkgraph.graph.linking.vocabulary import Vocabulary
from talkgraph.graph.notes.segment import parse_notes

WRAP_UP = """# WidgetConf 2017 Wrap Up

WidgetConf is over; here are my notes.

## Liveblogs

The liveblogs I posted during the conference:

* [WidgetConf 2017 Day 1 Keynote][x1]
* [Liveblog: Queues Without Copying][x2]
* [Liveblog: Fuzzing the Parser][x3]

## Closing Thoughts

A good event overall.

## More Links

- [WidgetConf Website](https://widgetconf.example/)
- [Track A Transcript](https://widgetconf.example/a.html)
- [Notes from Ann Lee](https://annlee.example/widgetconf)

[x1]: 2017-09-19-day-1-keynote.md
[x2]: 2017-09-19-queues.md
[x3]: 2017-09-20-fuzzing.md
"""


def test_a_plain_headings_list_of_links_alone_names_its_sessions():
    talks = parse_notes(WRAP_UP, "wrap-up.md").talks
    assert [(t.title, t.kind) for t in talks] == [
        ("WidgetConf 2017 Day 1 Keynote", "keynote"),
        ("Liveblog: Queues Without Copying", "talk"),
        ("Liveblog: Fuzzing the Parser", "talk"),
    ]


def test_a_talks_list_of_tool_links_stays_its_text():
    notes = """# Notes

## Tracing with Probes - Ann Lee

Probes everywhere.

Tools:

- [eBPF](https://ebpf.example/)
- [Cilium](https://cilium.example/)
- [Tetragon Agent](https://tetragon.example/)

## Fuzzing the Parser - Tom Reyes

A harness.
"""
    talks = parse_notes(notes, "notes.md").talks
    assert [t.title for t in talks] == ["Tracing with Probes", "Fuzzing the Parser"]
    assert "Tetragon Agent" in talks[0].body_text


REMARKED = """# WidgetConf 2022 notes

## Best talks I attended

(one is probably missing)

- [A Perfect Match: The history and future of widget matching.](https://widgetconf.example/2022/schedule/presentation/116/)
- [Widgets in the Woods](https://widgetconf.example/2022/schedule/presentation/71/) (a niche subject, but a cool talk)
- [When the Bug Is in Someone Else's Widget](https://widgetconf.example/2022/schedule/presentation/86/) (the very best!)
- [Implementing shared queues using Middleware](https://widgetconf.example/2022/schedule/presentation/6/)
- [Serialization: More than pickling](https://widgetconf.example/2022/schedule/presentation/89/)
"""


def test_items_linking_talk_pages_are_titles_whatever_remark_follows_the_link():
    talks = parse_notes(REMARKED, "notes.md").talks
    assert [(t.title, [b.text for b in t.blocks]) for t in talks] == [
        ("A Perfect Match: The history and future of widget matching.", []),
        ("Widgets in the Woods", ["a niche subject, but a cool talk"]),
        ("When the Bug Is in Someone Else's Widget", ["the very best!"]),
        ("Implementing shared queues using Middleware", []),
        ("Serialization: More than pickling", []),
    ]


def test_a_linked_title_that_ends_with_a_full_stop_and_a_remark_is_a_title_too():
    notes = REMARKED.replace(
        "- [Implementing shared queues",
        "- [If a widget fails in the woods, does it still page you at 3am.]"
        "(https://widgetconf.example/2022/schedule/presentation/8/) (Ben recommended it)\n- [Implementing shared queues",
    )
    talks = parse_notes(notes, "notes.md").talks
    assert [(t.title, [b.text for b in t.blocks]) for t in talks][3:5] == [
        ("If a widget fails in the woods, does it still page you at 3am.", ["Ben recommended it"]),
        ("Implementing shared queues using Middleware", []),
    ]


def test_a_title_opening_with_a_verbs_ing_form_before_a_presenting_verb_names_no_speaker():
    extraction = extract(parse_notes(REMARKED, "notes.md"), Linker(Vocabulary()))
    assert [t["speakers"] for t in extraction.as_json()["talks"]] == [[], [], [], [], []]


@pytest.mark.parametrize(
    ("heading", "title"),
    [
        ("https://conf.example/2017/talks/scaling-queues-at-acme/", "Scaling Queues At Acme"),
        ("https://conf.example/schedule/paging_less_at_night.html", "Paging Less At Night"),
        ("https://conf.example/2017/talks/1234", "https://conf.example/2017/talks/1234"),  # a number names nothing
        ("https://conf.example/blog/scaling-queues", "https://conf.example/blog/scaling-queues"),  # no talk's page
    ],
)
def test_a_talk_written_only_as_its_pages_address_takes_the_title_its_page_name_spells(heading, title):
    text = f"# PromCon\n\n## {heading}\n\n* queues back up\n\n## Paging Less - Ann Lee\n\n* fewer alerts\n"
    talks = parse_notes(text, "notes.md").talks
    assert (talks[0].title, talks[0].title_derived) == (title, title != heading)
