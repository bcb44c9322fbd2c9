"""A post listing sessions as "1. **Session: Title**", each followed by bold-label fields ("**Session Link:**
[Title](…)", "**Speaker:** …", "**Description:** …"), under plain bold headings. Written for the test."""

from __future__ import annotations

from talkgraph.graph.notes.bylines import speaker_prefix
from talkgraph.graph.notes.segment import parse_notes
from talkgraph.graph.notes.talks import Speaker

POST = """# Missing WidgetConf

**Introduction**

I could not travel this year, so here are the sessions I wanted to see.

**Sessions That Caught My Eye**

1. **Session: Queues Without Copying**

**Session Link:** [Queues Without Copying](https://widgetconf.example/2023/sessions/queues)

**Speaker:** [Ada Brown](https://social.example/ada), Acme

**Description:** *How the queue hands buffers over without a copy.*

1. **Session: Opening Keynote**

**Session Link:** [Opening Keynote](https://widgetconf.example/2023/sessions/opening)

**Speaker:** [Tom Reyes](https://social.example/tom), Initech

**Description:** *Where widgets go next.*
"""


def test_the_session_label_is_no_part_of_the_title_and_the_fields_are_the_talks_text():
    talks = parse_notes(POST, "post.md").talks
    assert [(t.title, t.kind) for t in talks] == [("Queues Without Copying", "talk"), ("Opening Keynote", "keynote")]
    assert "Session Link: Queues Without Copying" in talks[0].body_text


def test_a_fields_label_is_no_speaker_but_a_surname_like_it_is():
    assert speaker_prefix("Session Link: Queues Without Copying") is None
    assert speaker_prefix("Ann Link: Queues Without Copying") == ("Queues Without Copying", [Speaker("Ann Link")])
    talks = parse_notes("# Notes\n\n## Kubernetes Security - Ann Link\n\nText.\n", "notes.md").talks
    assert [(t.title, [s.name for s in t.speakers]) for t in talks] == [("Kubernetes Security", ["Ann Link"])]


def test_the_authors_own_talk_label_is_no_part_of_its_title():
    notes = (
        "# Trip report\n\n## Day 1\n\n### Queues at Scale - Ada Brown\n\nShe showed queues.\n\n"
        "### My Talk - Widget Metrics: Shifting Left! - Tom Reyes\n\nMy own talk, on metrics.\n\n"
        "### My Talk Was Rejected\n\nSo I went to the hallway track.\n"
    )
    talks = parse_notes(notes, "trip.md").talks
    assert [(t.title, t.kind, [s.name for s in t.speakers]) for t in talks][:2] == [
        ("Queues at Scale", "talk", ["Ada Brown"]),
        ("Widget Metrics: Shifting Left!", "talk", ["Tom Reyes"]),
    ]
    assert talks[2].title == "My Talk Was Rejected"
