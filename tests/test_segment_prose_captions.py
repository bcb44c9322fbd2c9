"""A post written as a diary under day headings: talks named in a sentence as quoted links followed by their
speaker ("‘[Title](…)’ — by Ann Lee"), photo captions that name the session on stage, and a Medium export's
closing lines. Text written for the test."""

from __future__ import annotations

from talkgraph.graph.notes.blocks import read_blocks
from talkgraph.graph.notes.segment import parse_notes

DIARY = """# WidgetConf 2024, part two

Last time I stopped on arrival, having missed a few talks, such as ‘[Queues at Night](https://v.example/1)’ — by
Ann Lee and [Budgets for Everyone](https://v.example/2) - by Tom Reyes. Both are online now.

#### Day I: 14th December, 2024

What a day. My badge had arrived the day before, and I sat in on these sessions.

Mei TANAKA presenting Paging Less: Alerts That Matter

Scaling the Ledger — by Raj Mehta

I met lots of wonderful people between the talks.

Thanks for reading!

By Kim Ho on January 14, 2025.

Canonical link

Exported from Medium on March 25, 2025.
"""


def test_quoted_linked_titles_with_a_dash_before_by_are_talks_with_their_speakers():
    talks = parse_notes(DIARY, "diary.md").talks
    named = [(t.title, [s.name for s in t.speakers]) for t in talks if not t.title_derived]
    assert named[:2] == [("Queues at Night", ["Ann Lee"]), ("Budgets for Everyone", ["Tom Reyes"])]


def test_a_caption_that_names_a_session_and_its_people_is_that_session():
    talks = parse_notes(DIARY, "diary.md").talks
    assert [(t.title, [s.name for s in t.speakers], t.day) for t in talks if t.speakers][2:] == [
        ("Paging Less: Alerts That Matter", ["Mei TANAKA"], 1),
        ("Scaling the Ledger", ["Raj Mehta"], 1),
    ]


def test_a_medium_exports_closing_lines_are_chrome():
    blocks = read_blocks(
        "By Kim Ho on January 14, 2025.\n\nCanonical link\n\nExported from Medium on March 25, 2025.", "markdown"
    )
    assert [b.chrome for b in blocks.blocks] == [True, True, True]
