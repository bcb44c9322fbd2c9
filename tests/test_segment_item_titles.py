"""The last resort before "no talk found": a post with no talk structure but a list whose items mostly open with
a title, then the author's words about it. Stated generally and tested on text written for the test."""

from __future__ import annotations

from talkgraph.graph.notes.segment import parse_notes

TAKEAWAYS = """---
title: What I kept from WidgetConf
---

For the third year running I went to WidgetConf. It was still a good conference.

What I found worth keeping this year:
* Rotating Widget Keys without Downtime - the approach Initech and Globex take. They opensourced the tool;
* Queue show, from Umbrella as you would guess. They combined queues with discovery.

1. What happens to queue members while nodes drain?
2. If members are drained, how is traffic moved?
3. etc..

* Tracing Millions of Requests without Overhead. A talk by Globex. They sniff traffic with `libpcap`.
* Widget Log: Coordination-Free Logging - among the best talks. The delivery was very good.
* [widget-stacktrace](https://github.com/example/widget-stacktrace)

Some fun moments:

* I met old friends
* We had a boat trip
"""


def test_items_that_open_with_titles_are_the_talks_when_nothing_else_is():
    document = parse_notes(TAKEAWAYS, "takeaways.md")
    assert [(t.title, [b.text.split(".")[0] for b in t.blocks]) for t in document.talks] == [
        ("Rotating Widget Keys without Downtime", ["the approach Initech and Globex take"]),
        ("Queue show", ["from Umbrella as you would guess"]),
        ("Tracing Millions of Requests without Overhead", ["A talk by Globex"]),
        ("Widget Log: Coordination-Free Logging", ["among the best talks"]),
        ("widget-stacktrace", []),
    ]
    assert [t.position for t in document.talks] == [0, 1, 2, 3, 4]
    assert document.warnings == []


def test_a_list_of_sentences_is_no_list_of_talks_and_the_notes_still_say_no_talk_was_found():
    text = "# My trip\n\nGreat days.\n\n* I met old friends there\n* We had a boat trip\n* The food was good, too\n"
    document = parse_notes(text, "trip.md")
    assert document.talks == []
    assert document.warnings == ["trip.md: no talk found (no heading, title line, list or table of talks)"]


def test_takeaways_and_a_to_do_list_are_no_talks():
    takeaways = """# Back from WidgetConf

My main takeaways:

* Kubernetes is everywhere now.
* Service meshes are still confusing.
* Observability matters more than ever.
"""
    todo = """# Plans

- Terraform modules for the staging cluster
- Grafana dashboards, one per team
- Widget alerts for the night shift
"""
    assert parse_notes(takeaways, "back.md").talks == []
    assert parse_notes(todo, "plans.md").talks == []
