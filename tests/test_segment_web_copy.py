"""Plain text copied from a web page: title lines over paragraphs, with the page's chrome (menus, share buttons,
dates, tags, comment counts, the author's box) around them. Every text here was written for its test."""

from __future__ import annotations

import pytest

from talkgraph.graph.notes.blocks import read_blocks
from talkgraph.graph.notes.segment import parse_notes


def titles(text: str) -> list[str]:
    return [t.title for t in parse_notes(text, "page.txt").talks]


PAGE = """Skip to content
Menu

Widget Summit 2016 recap

October 12, 2016
Karin Holm
Conferences

I spent two days in Lisbon at the summit. Here are the sessions that stayed with me.

Scaling queues without tears

Ada Brown from Widget Labs explained why queues fill up and how they drained them.

The cost of retries

Tom Reyes argued that retries add load at the worst moment.

Capacity Planning With Spreadsheets

Lina Park walked through the spreadsheet her team uses to plan capacity.

Share this:

Tweet
Email
Print

Like Loading...

Related

Widget Summit 2015 recap
In "Conferences"

Posted in Conferences | Tagged devops, summit | 2 Comments
"""


def test_title_lines_over_paragraphs_are_talks_and_the_page_s_chrome_is_none():
    document = parse_notes(PAGE, "page.txt")
    assert document.title == "Widget Summit 2016 recap"
    assert [(t.title, [b.text for b in t.blocks]) for t in document.talks] == [
        (
            "Scaling queues without tears",
            ["Ada Brown from Widget Labs explained why queues fill up and how they drained them."],
        ),
        ("The cost of retries", ["Tom Reyes argued that retries add load at the worst moment."]),
        (
            "Capacity Planning With Spreadsheets",
            ["Lina Park walked through the spreadsheet her team uses to plan capacity."],
        ),
    ]


def test_chrome_blocks_are_marked_and_text_is_not():
    blocks = read_blocks(PAGE, "text").blocks
    chrome = [b.text for b in blocks if b.chrome]
    assert chrome == [
        "Skip to content\nMenu",
        "Share this:",
        "Tweet\nEmail\nPrint",
        "Like Loading...",
        "Related",
        "Posted in Conferences | Tagged devops, summit | 2 Comments",
    ]


def test_the_author_s_box_and_the_comments_are_no_talks():
    text = """Widget Summit Day One

The first day had six sessions and a busy hallway.

Queues At Scale
Ada Brown showed how Widget Labs runs its brokers.

Paging Less
Tom Reyes told the room why his team deleted half of their alerts.

Karin Holm
Karin writes about operations and lives in Oslo.

3 thoughts on “Widget Summit Day One”

Bob Smith says:
March 4, 2015 at 9:12 am
Great summary, thanks!
Reply
"""
    document = parse_notes(text, "page.txt")
    assert [(t.title, t.day) for t in document.talks] == [("Queues At Scale", 1), ("Paging Less", 1)]
    assert document.talks[-1].blocks[-1].text == "Tom Reyes told the room why his team deleted half of their alerts."


def test_three_lines_of_the_same_layout_are_titles_even_in_sentence_case():
    text = """Notes

I went to three sessions this year.

Scaling queues without tears

Ada explained why queues fill up.

The cost of retries

Tom argued that retries add load.

Capacity planning with spreadsheets

Lina showed her spreadsheet.
"""
    assert titles(text) == [
        "Scaling queues without tears",
        "The cost of retries",
        "Capacity planning with spreadsheets",
    ]


def test_two_short_lines_over_paragraphs_alone_are_not_enough():
    text = """Notes

I went to the summit this year.

The venue was nice

Everybody liked the coffee and the talks.

On the way home

The train was late again.
"""
    assert titles(text) == []


def test_a_chrome_line_ends_the_talk_before_it():
    text = """Recap

Scaling Queues Without Tears

Ada explained why queues fill up.

Tracing Every Request

Tom traced a whole bank.

Read more

Widget Summit 2015 recap, the post before this one, had more photos.
"""
    document = parse_notes(text, "page.txt")
    assert [b.text for b in document.talks[-1].blocks] == ["Tom traced a whole bank."]


def test_a_speaker_line_between_a_title_line_and_its_text_is_the_talk_s_byline():
    text = """Widget Summit 2014 - a short recap

I went to Widget Summit in London this year. It was two days of talks
about operations, and these are the ones I took notes on.

Day One

Scaling queues without tears

Speaker: Ada Brown (Widget Labs)

Ada explained why queues fill up and how they drained them with
Kafka. She had good graphs.

The cost of retries

Speaker: Tom Reyes

Tom argued that retries add load at the worst moment.

Paging less

Speaker: Marta Lind

Marta halved the pages with better alerts.

Tweet this
"""
    document = parse_notes(text, "page.txt")
    assert [(t.title, t.day, [(s.name, s.affiliation) for s in t.speakers], len(t.blocks)) for t in document.talks] == [
        ("Scaling queues without tears", 1, [("Ada Brown", "Widget Labs")], 2),
        ("The cost of retries", 1, [("Tom Reyes", None)], 2),
        ("Paging less", 1, [("Marta Lind", None)], 2),
    ]


def test_a_copied_page_s_chrome_in_markdown_is_in_no_talk():
    text = """# Widget Summit 2016 recap

October 12, 2016

## Scaling Queues by Ada Brown

Ada explained why queues fill up.

Read more

## Tracing Everything by Tom Reyes

Tom traced a bank.

Share this:
[Twitter](https://twitter.com/share)
[Facebook](https://facebook.com/share)

Like this:

Related
"""
    document = parse_notes(text, "page.md")
    assert [(t.title, [b.text for b in t.blocks]) for t in document.talks] == [
        ("Scaling Queues", ["Ada explained why queues fill up."]),
        ("Tracing Everything", ["Tom traced a bank."]),
    ]


def test_a_saved_page_s_chrome_paragraphs_in_html_are_in_no_talk():
    text = """<html><body><div class="post">
<h1>Widget Summit 2016 recap</h1>
<p>October 12, 2016</p>
<h2>Scaling Queues by Ada Brown</h2>
<p>Ada explained why queues fill up.</p>
<p>Read more</p>
<h2>Tracing Everything by Tom Reyes</h2>
<p>Tom traced a bank.</p>
<p>Share this:</p>
<p>Related</p>
<p>Widget Summit 2015 recap, the post before this one, had more photos.</p>
</div></body></html>
"""
    document = parse_notes(text, "page.html")
    assert [(t.title, [b.text for b in t.blocks]) for t in document.talks] == [
        ("Scaling Queues", ["Ada explained why queues fill up."]),
        ("Tracing Everything", ["Tom traced a bank."]),
    ]


def test_paragraphs_that_open_with_a_title_and_a_colon_are_talks_where_three_do():
    text = """Widget Summit 2014 recap

I went to Widget Summit in London. Here are my notes on the talks.

Scaling queues without tears: Ada Brown explained why queues fill up and how her team drained them.

The cost of retries: Tom Reyes argued that retries add load at the worst moment.

Paging less: Marta Lind showed how her team halved the pages with better alerts.
"""
    document = parse_notes(text, "page.txt")
    assert [(t.title, [b.text for b in t.blocks]) for t in document.talks] == [
        ("Scaling queues without tears", ["Ada Brown explained why queues fill up and how her team drained them."]),
        ("The cost of retries", ["Tom Reyes argued that retries add load at the worst moment."]),
        ("Paging less", ["Marta Lind showed how her team halved the pages with better alerts."]),
    ]


def test_labels_and_names_before_a_colon_are_no_titles():
    text = """Recap

Note: the slides are not online yet, I will add them when they are.

Update 2: the videos are now online, see the conference site for them.

Ada Brown: she explained why queues fill up and how her team drained them.

My take: it was a good conference with a lot of hallway conversations.
"""
    assert parse_notes(text, "page.txt").talks == []


NEWSLETTER = """## Widgetlist Issue 7

> Five talks we liked at WidgetConf.

1. [Queues Without Copying](https://video.example/watch?v=1)

    Ada Brown walks through buffers handed over without a copy.
1. [Fuzzing the Parser](https://video.example/watch?v=2)

    Tom Reyes shows the harness that found forty crashes.

### [ << Prev ](issue-6.md) ------------- [ Next >> ](issue-8.md)
"""


def test_a_loose_list_items_later_paragraph_is_text_about_the_item():
    blocks = read_blocks(NEWSLETTER, "markdown").blocks
    assert [(b.kind, b.text) for b in blocks[2:6]] == [
        ("item", "Queues Without Copying"),
        ("paragraph", "Ada Brown walks through buffers handed over without a copy."),
        ("item", "Fuzzing the Parser"),
        ("paragraph", "Tom Reyes shows the harness that found forty crashes."),
    ]


def test_the_linked_items_are_the_talks_with_their_text_and_the_pager_is_none():
    talks = parse_notes(NEWSLETTER, "issue-7.md").talks
    assert [(t.title, t.body_text) for t in talks] == [
        ("Queues Without Copying", "Ada Brown walks through buffers handed over without a copy."),
        ("Fuzzing the Parser", "Tom Reyes shows the harness that found forty crashes."),
    ]


@pytest.mark.parametrize(
    "line, pager",
    [
        ("<< Prev ------------- Next >>", True),
        ("« Older posts | Newer posts »", True),
        ("Previous post", True),
        ("Next", False),
        ("Next steps for Kafka", False),
    ],
)
def test_links_to_the_previous_and_next_post_are_page_chrome(line, pager):
    assert read_blocks(f"# Notes\n\n## {line}\n\nText.\n", "markdown").blocks[1].chrome is pager
