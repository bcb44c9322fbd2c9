"""Shapes that copying a post out of its blog leaves behind, each stated generally and tested on text written for
the test: unfenced metadata, list items whose line breaks were lost, named links on lines of their own over their
notes, linked leads of list items, and plain text written one paragraph per line with no blank line between."""

from __future__ import annotations

from talkgraph.graph.notes.blocks import read_blocks
from talkgraph.graph.notes.segment import parse_notes


def titles(text: str, name: str) -> list[str]:
    return [t.title for t in parse_notes(text, name).talks]


LINKS_OVER_NOTES = """Title: Five recordings from WidgetCon
Date: 2021-03-04
Tags: video, security

A few recordings I can recommend.

## The serious ones

[Counting Votes with Paper](https://video.example/v/101)
- The best argument for paper ballots I have heard.

[Why Your Pager Never Sleeps](https://video.example/v/102)
- Alert fatigue, measured over ten years of rotas.

## The fun ones

[Keyboards Through the Ages](https://video.example/v/103)

A history of layouts, from typewriters to split boards.

[A Cat Walks Into a Data Centre](https://video.example/v/104)

Stories of outages with unusual causes.

## More links

[The whole playlist](https://video.example/playlist)
"""


def test_named_links_alone_on_their_lines_over_notes_are_talks_under_their_group_headings():
    document = parse_notes(LINKS_OVER_NOTES, "watch.md")
    assert document.title == "Five recordings from WidgetCon"  # the unfenced metadata's title, not a paragraph
    assert [t.title for t in document.talks] == [
        "Counting Votes with Paper",
        "Why Your Pager Never Sleeps",
        "Keyboards Through the Ages",
        "A Cat Walks Into a Data Centre",
    ]
    first = document.talks[0]
    assert first.body_text == "The best argument for paper ballots I have heard."


def test_unfenced_metadata_needs_a_title_key_and_a_blank_line_to_be_metadata():
    kept = "Speaker: Ann Lee\nRoom: 2\n\n## Paging Less\n\nNotes.\n"
    blocks = read_blocks(kept, "markdown").blocks
    assert blocks[0].text == "Speaker: Ann Lee\nRoom: 2"  # no title: a paragraph of notes, not a post's metadata


def test_bare_addresses_alone_on_their_lines_name_no_talk():
    text = """## Queues in Practice

https://github.com/example/queues

Notes on the queue.

## Caching at the Edge

https://example.org/caching

Notes on caching.
"""
    assert titles(text, "notes.md") == ["Queues in Practice", "Caching at the Edge"]


SQUASHED_ITEMS = """# After WidgetConf

The presentations I liked best:

- [Scaling Queues with Kafka](https://widgetconf.example/s/1) -- how three busy brokers stay in balance.\
- [Mission Possible](https://widgetconf.example/s/2) -- why Postgres can replace the big vendor's database.\
- [Tracing 3.0](https://widgetconf.example/s/3) -- the new span format, step by step.

All told, a great week.
"""


def test_list_items_whose_line_breaks_were_lost_are_split_and_their_linked_leads_are_titles():
    document = parse_notes(SQUASHED_ITEMS, "after.md")
    assert [t.title for t in document.talks] == ["Scaling Queues with Kafka", "Mission Possible", "Tracing 3.0"]
    assert document.talks[1].body_text.endswith("why Postgres can replace the big vendor's database.")


def test_a_link_followed_by_a_colon_is_a_glossary_entry_not_a_lead():
    text = "Resources:\n\n- [Kafka](https://kafka.example): the log\n- [Postgres](https://pg.example): the database\n"
    assert [b.lead for b in read_blocks(text, "markdown").blocks if b.kind == "item"] == ["", ""]


ONE_PARAGRAPH_PER_LINE = """The sessions on the first day were good.
Introduction to Module Development
A very good session. I had written modules before and done several tutorials, but seeing the whole process done live in the room helped a lot, with tips at every step.
Rockin' Queues with Kafka
The room was full and people stood in the corridor, which says how much interest there is in streaming. Most of it was known to me, but it was presented very well.
Views for Hackers
Not what I expected, sadly. The speaker knew the code very well, but I wanted examples rather than the history.
"""


def test_plain_text_written_one_paragraph_per_line_has_its_title_lines_found():
    assert titles(ONE_PARAGRAPH_PER_LINE, "day-1.txt") == [
        "Introduction to Module Development",
        "Rockin' Queues with Kafka",
        "Views for Hackers",
    ]


def test_prose_wrapped_at_a_width_stays_one_paragraph():
    text = "We met at the venue early.\nShort line here\nand the sentence goes on after the break.\n"
    assert [b.kind for b in read_blocks(text, "text").blocks] == ["paragraph"]
