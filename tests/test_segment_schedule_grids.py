"""A schedule laid out as a grid: the first column gives each row's time, every other column is a room or a track,
and each cell is a talk (not a table whose columns are one talk's fields). Also the layout such a grid's cells
share with lists (a bold lead-in naming the people, then the title, whatever the title's length), and a programme
copied from a schedule in other shapes: lines without bullets, times of day over or before each talk, a definition
list of times. Stated generally and tested on text written for the test."""

from __future__ import annotations

import pytest

from talkgraph.graph.notes.blocks import read_blocks, schedule_grid
from talkgraph.graph.notes.not_talks import schedule_filler
from talkgraph.graph.notes.segment import parse_notes

HTML_GRID = """<h1>WidgetConf 2019 schedule</h1>
<table>
<tr><th colspan="3">Thursday, May 9</th></tr>
<tr><td></td><td><b>Main Hall</b></td><td><b>Workshop Room</b></td></tr>
<tr><td>9:30</td><td colspan="2">Opening remarks</td></tr>
<tr><td>10:00</td><td>Scaling Queues Without Tears<br><b>Ann Lee</b>, Initech</td>
    <td rowspan="2">Hands-on eBPF<br><b>Tom Reyes</b></td></tr>
<tr><td>11:00</td><td>Why Your Pager Never Sleeps<br><b>Raj Mehta</b></td></tr>
<tr><td>Noon</td><td colspan="2">Lunch</td></tr>
<tr><td>1:00</td>
    <td><b>Kim Ho</b> - Tracing at the Edge<br><a href="/s#lena"><b>Lena Park</b></a> - Budgets for Small Teams</td>
    <td>TBD</td></tr>
</table>
"""


def talks_of(text: str, name: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    return [(t.title, [(s.name, s.affiliation) for s in t.speakers]) for t in parse_notes(text, name).talks]


def test_each_cell_of_an_html_schedule_grid_is_a_talk_and_a_cell_spanning_rows_is_read_once():
    assert talks_of(HTML_GRID, "grid.html") == [
        ("Scaling Queues Without Tears", [("Ann Lee", "Initech")]),
        ("Hands-on eBPF", [("Tom Reyes", None)]),
        ("Why Your Pager Never Sleeps", [("Raj Mehta", None)]),
        ("Tracing at the Edge", [("Kim Ho", None)]),
        ("Budgets for Small Teams", [("Lena Park", None)]),
    ]
    notes = parse_notes(HTML_GRID, "grid.html")
    assert {t.day for t in notes.talks} == {1}  # the spanning first row names the day


def test_a_grids_cells_are_items_after_its_time_column_and_its_track_names_are_no_block():
    blocks = read_blocks(HTML_GRID, "html").blocks
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "WidgetConf 2019 schedule"),
        ("heading", "Thursday, May 9"),
        ("item", "Opening remarks"),
        ("item", "Scaling Queues Without Tears, Ann Lee , Initech"),  # one talk over lines: its parts by commas
        ("item", "Hands-on eBPF, Tom Reyes"),
        ("item", "Why Your Pager Never Sleeps, Raj Mehta"),
        ("item", "Lunch"),
        ("item", "Kim Ho - Tracing at the Edge"),
        ("item", "Lena Park - Budgets for Small Teams"),
        ("item", "TBD"),
    ]
    lena = blocks[8]
    assert (lena.lead, lena.links) == ("Lena Park", [("Lena Park", "/s#lena")])


MARKDOWN_GRID = """# DevConf Day 1

| Time  | Room A | Room B |
|-------|--------|--------|
| 09:00 | **Ann Lee** - Scaling Queues Without Tears | **Tom Reyes** - Zero-Copy Networking in Rust |
| 10:00 | **Raj Mehta** - Why Your Pager Never Sleeps: on-call that people can live with, week after week | **Kim Ho** - Tracing with Jaeger |
| 11:00 | Coffee break | Coffee break |
"""


def test_a_markdown_schedule_grid_gives_a_talk_per_cell_and_a_long_title_keeps_its_people_first_layout():
    assert talks_of(MARKDOWN_GRID, "grid.md") == [
        ("Scaling Queues Without Tears", [("Ann Lee", None)]),
        ("Zero-Copy Networking in Rust", [("Tom Reyes", None)]),
        ("Why Your Pager Never Sleeps: on-call that people can live with, week after week", [("Raj Mehta", None)]),
        ("Tracing with Jaeger", [("Kim Ho", None)]),
    ]


@pytest.mark.parametrize(
    ("header", "rows"),
    [
        # a talk a row, its fields in columns: a column named for a field, or one of people's names
        (["Time", "Title", "Speaker"], [["9:00", "Scaling Queues", "Ann Lee"], ["9:30", "Paging Less", "Tom Reyes"]]),
        (["9:00", "Keynote", "Jane Doe"], [["9:30", "Scaling Queues", "Ann Lee"], ["10:00", "Paging", "Tom Reyes"]]),
        (["", "Track A", "Track B"], [["9:00", "Ann Lee", "Tom Reyes"], ["9:30", "Raj Mehta", "Kim Ho"]]),
        # a row's number is no time of day; two columns are no grid
        (["#", "Track A", "Track B"], [["1", "Scaling Queues", "Paging Less"], ["2", "Tracing", "Budgets"]]),
        (["Time", "Track A"], [["9:00", "Scaling Queues"], ["9:30", "Paging Less"]]),
        # columns that name no room, track or day are a talk's fields, whatever they are called
        (["Time", "Event", "Comment"], [["9:00", "Ann Lee's Keynote", "A great start"], ["9:30", "Paging", "Long"]]),
    ],
)
def test_tables_of_one_talk_a_row_are_no_grid(header, rows):
    assert not schedule_grid(header, rows)


@pytest.mark.parametrize(
    "times",
    [["9:00", "10.45"], ["2 pm", "3pm"], ["14h30", "15h00"], ["9:00-9:30", "9:30 – 10:00 AM"], ["Noon", "1:00"]],
)
def test_a_first_column_of_times_of_day_with_tracks_beside_it_is_a_grid(times):
    rows = [[time, "Scaling Queues Without Tears", "Paging Less at Night"] for time in times]
    assert schedule_grid(["", "Track 1", "Track 2"], rows)


def test_a_bold_lead_naming_one_word_people_or_handles_is_the_people_where_the_list_puts_people_first():
    notes = """## Friday

- **Ann Lee** - Scaling Queues Without Tears
- **Tom Reyes** - Paging Less at Night
- **Beth** - Including Everyone in the Room
- **r00tkillah and @fitz** - about the Badges!
- **ktemkin and Dominic Spill** - Reverse Engineering Black Boxes
- **Keynote** - The State of the Widget
"""
    assert talks_of(notes, "friday.md") == [
        ("Scaling Queues Without Tears", [("Ann Lee", None)]),
        ("Paging Less at Night", [("Tom Reyes", None)]),
        ("Including Everyone in the Room", [("Beth", None)]),
        ("about the Badges!", [("r00tkillah", None), ("@fitz", None)]),
        ("Reverse Engineering Black Boxes", [("ktemkin", None), ("Dominic Spill", None)]),
        ("Keynote", []),
    ]


@pytest.mark.parametrize(
    ("slot", "filler"),
    [
        ("Registration Opens", True),
        ("Welcoming Remarks", True),
        ("TBD", True),
        ("Sponsors welcomed", True),
        ("Opening the Black Box", False),
        ("Breaking Changes", False),
    ],
)
def test_a_slot_is_filler_in_any_plain_form_of_its_words(slot, filler):
    assert schedule_filler(slot) is filler


def test_empty_rows_and_a_short_row_of_a_grid_are_read_without_error():
    empty_first = "<table><tr></tr><tr><td></td><td>Queues All the Way Down</td></tr></table>"
    assert [(b.kind, b.cells) for b in read_blocks(empty_first, "html").blocks] == [
        ("row", ["", "Queues All the Way Down"])
    ]
    grid = (
        "<table><tr><td></td><td>Room A</td><td>Room B</td></tr><tr></tr>"
        "<tr><td>9:00</td><td>Queues</td><td>Paging</td></tr><tr><td>9:30</td><td>Tracing</td></tr></table>"
    )
    assert [(b.kind, b.text) for b in read_blocks(grid, "html").blocks] == [
        ("item", "Queues"),
        ("item", "Paging"),
        ("item", "Tracing"),
    ]


# The same programme written the ways schedules are copied: lines without bullets, a time of day over each talk,
# a time before each item, a definition list of times.
PROGRAMME = [
    ("Scaling Queues Without Tears", [("Ann Lee", "Initech")]),
    ("Why Your Pager Never Sleeps", [("Raj Mehta", None)]),
    ("Tracing at the Edge", [("Kim Ho", None)]),
]
LINES_WITHOUT_BULLETS = """WidgetConf 2022 - Day 1

09:00 Scaling Queues Without Tears - Ann Lee, Initech
09:45 Why Your Pager Never Sleeps - Raj Mehta
10:30 Coffee break
11:00 Tracing at the Edge - Kim Ho
"""
TIME_OVER_EACH_TALK = """WidgetConf 2022 - Day 1

09:00
Scaling Queues Without Tears
Ann Lee, Initech

09:45
Why Your Pager Never Sleeps
Raj Mehta

11:00
Tracing at the Edge
Kim Ho
"""
TIMED_ITEMS = """# WidgetConf 2022 - Day 1

- 09:00–09:30: Scaling Queues Without Tears (Ann Lee, Initech)
- 09:45–10:15: Why Your Pager Never Sleeps (Raj Mehta)
- 10:30: Coffee break
- 11:00–11:30: Tracing at the Edge (Kim Ho)
"""
TIMED_DEFINITIONS = """<h2>WidgetConf 2022 - Day 1</h2>
<dl>
<dt>09:00</dt><dd>Scaling Queues Without Tears — Ann Lee, Initech</dd>
<dt>09:45</dt><dd>Why Your Pager Never Sleeps — Raj Mehta</dd>
<dt>11:00</dt><dd>Tracing at the Edge — Kim Ho</dd>
</dl>
"""


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (LINES_WITHOUT_BULLETS, "day1.txt"),
        (TIME_OVER_EACH_TALK, "day1.txt"),
        (TIMED_ITEMS, "day1.md"),
        (TIMED_DEFINITIONS, "day1.html"),
    ],
)
def test_a_programme_copied_from_a_schedule_gives_its_talks_without_their_times(text, name):
    assert talks_of(text, name) == PROGRAMME


def test_lines_of_one_talk_each_are_items_but_wrapped_prose_and_a_title_over_its_text_are_not():
    blocks = read_blocks(LINES_WITHOUT_BULLETS, "text").blocks
    assert [(b.kind, b.text) for b in blocks][1:] == [
        ("item", "09:00 Scaling Queues Without Tears - Ann Lee, Initech"),
        ("item", "09:45 Why Your Pager Never Sleeps - Raj Mehta"),
        ("item", "10:30 Coffee break"),
        ("item", "11:00 Tracing at the Edge - Kim Ho"),
    ]
    prose = "Ann Lee opened - Tom Reyes had warned us - with queues\nthat never stop. Then Raj Mehta - Globex - spoke."
    assert [b.kind for b in read_blocks(prose, "text").blocks] == ["paragraph"]
    titled = "Scaling Queues Without Tears - Ann Lee\nShe showed why queues back up - Tom Reyes agreed."
    assert [b.kind for b in read_blocks(titled, "text").blocks] == ["paragraph"]


def test_a_row_with_an_empty_first_cell_after_the_column_names_is_a_talks_row():
    table = """<table><tr><td>Time</td><td>Title</td><td>Speaker</td></tr>
<tr><td></td><td>The State of Packaging</td><td>Mei Tanaka</td></tr>
<tr><td>9:00</td><td>Scaling Queues Without Tears</td><td>Ann Lee</td></tr></table>"""
    assert [(b.kind, b.cells) for b in read_blocks(table, "html").blocks] == [
        ("row", ["", "The State of Packaging", "Mei Tanaka"]),
        ("row", ["9:00", "Scaling Queues Without Tears", "Ann Lee"]),
    ]


def test_a_diary_of_short_lines_is_no_list_of_talks():
    diary = """Day 1
Breakfast with Tom Reyes
Registration - Cleveland is cold
Walked to the venue by Lake Erie
Coffee again
"""
    assert [b.kind for b in read_blocks(diary, "text").blocks] == ["paragraph"]
