"""A wrap-up post whose sessions are a list of links to the author's notes of each ("- [Liveblog: Title][2]"), beside
lists of links that are no sessions: a talk's tools, a "More links" section. Written for the test."""

from __future__ import annotations

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
