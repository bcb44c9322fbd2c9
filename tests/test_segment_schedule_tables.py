"""A conference site's schedule kept as an HTML table: day rows that span the table, break and welcome rows, a
title column of links, and a speaker cell that puts the employer on its own line ("Ann Lee<br><b>Acme</b>").
Stated generally and tested on text written for the test."""

from __future__ import annotations

from talkgraph.graph.notes.blocks import read_blocks
from talkgraph.graph.notes.segment import parse_notes

SCHEDULE = """<h2>WidgetConf 2021 Schedule</h2>
<table class="schedule">
  <tr class="day"><th colspan="3">Day 1 - Tuesday, May 4</th></tr>
  <tr class="break"><td>8:30</td><td>Registration and Coffee</td><td></td></tr>
  <tr class="talk"><td>9:00</td><td>
      Welcome and Introduction
    </td><td></td></tr>
  <tr class="talk"><td>9:15</td>
    <td><a href="/talks/queues">
        Queues All the Way Down
      </a></td>
    <td><a href="/speakers/ada-brown">Ada Brown</a>
      <br>
      <b>Widgets Inc</b></td></tr>
  <tr class="talk"><td>9:45</td>
    <td><a href="/talks/paging">Paging Less at Night</a></td>
    <td><a href="/speakers/tom-reyes">Tom Reyes</a><br><b>Globex</b></td></tr>
  <tr class="day"><th colspan="3">Day 2 - Wednesday, May 5</th></tr>
  <tr class="talk"><td>9:00</td>
    <td><a href="/talks/tracing">Tracing Without Tears</a></td>
    <td><a href="/speakers/kim-ho">Kim Ho</a><br><b>Initech</b></td></tr>
  <tr class="talk"><td>9:30</td>
    <td><a href="/talks/budgets">Error Budgets for Small Teams</a></td>
    <td><a href="/speakers/lena-park">Lena Park</a><br><b>Umbrella Labs</b></td></tr>
</table>
"""


def test_a_schedule_table_without_column_names_gives_its_talks_with_day_speaker_and_employer():
    talks = parse_notes(SCHEDULE, "schedule.html").talks
    assert [(t.title, t.kind, t.day, [(s.name, s.affiliation) for s in t.speakers]) for t in talks] == [
        ("Queues All the Way Down", "talk", 1, [("Ada Brown", "Widgets")]),
        ("Paging Less at Night", "talk", 1, [("Tom Reyes", "Globex")]),
        ("Tracing Without Tears", "talk", 2, [("Kim Ho", "Initech")]),
        ("Error Budgets for Small Teams", "talk", 2, [("Lena Park", "Umbrella Labs")]),
    ]


def test_a_row_of_one_spanning_cell_heads_the_rows_after_it_and_a_cell_break_separates_its_parts():
    blocks = read_blocks(SCHEDULE, "html").blocks
    assert [(b.kind, b.text) for b in blocks if b.kind == "heading"] == [
        ("heading", "WidgetConf 2021 Schedule"),
        ("heading", "Day 1 - Tuesday, May 4"),
        ("heading", "Day 2 - Wednesday, May 5"),
    ]
    rows = [b.cells for b in blocks if b.kind == "row"]
    assert rows[2] == ["9:15", "Queues All the Way Down", "Ada Brown, Widgets Inc"]
    assert rows[0] == ["8:30", "Registration and Coffee", ""]


def test_column_names_in_th_cells_still_name_the_columns_and_a_first_td_row_does_when_there_is_no_th():
    named = """<table><tr><td colspan="2">Room A</td></tr>
<tr><th>Session</th><th>Presenter</th></tr>
<tr><td>Queues All the Way Down</td><td>Ada Brown</td></tr>
<tr><td>Paging Less at Night</td><td>Tom Reyes</td></tr></table>"""
    rows = [b for b in read_blocks(named, "html").blocks if b.kind == "row"]
    assert [(b.header, b.cells) for b in rows] == [
        (["Session", "Presenter"], ["Queues All the Way Down", "Ada Brown"]),
        (["Session", "Presenter"], ["Paging Less at Night", "Tom Reyes"]),
    ]
    plain = """<table><tr><td>Title</td><td>Speaker</td></tr>
<tr><td>Queues All the Way Down</td><td>Ada Brown</td></tr></table>"""
    assert [(b.header, b.cells) for b in read_blocks(plain, "html").blocks if b.kind == "row"] == [
        (["Title", "Speaker"], ["Queues All the Way Down", "Ada Brown"])
    ]
    assert [(t.title, [s.name for s in t.speakers]) for t in parse_notes(plain, "b.html").talks] == [
        ("Queues All the Way Down", ["Ada Brown"])
    ]


def test_cells_spanning_rows_and_columns_keep_every_column_one_kind_of_thing_and_short_rows_are_read():
    html = """<table>
<tr><th>Time</th><th>Room</th><th>Session</th><th>Speaker</th></tr>
<tr><td rowspan="2">10:00</td><td>Hall A</td><td>Queues All the Way Down</td><td>Ada Brown</td></tr>
<tr><td>Hall B</td><td>Paging Less at Night</td><td>Tom Reyes</td></tr>
<tr><td>11:00</td><td colspan="2">Tracing Without Tears</td><td>Kim Ho</td></tr>
<tr><td>12:00</td><td>Hall A</td><td>Error Budgets for Small Teams</td></tr>
<tr><td rowspan="x2">13:00</td><td colspan="99999">Lunch</td></tr>
</table>"""
    rows = [b.cells for b in read_blocks(html, "html").blocks if b.kind == "row"]
    assert rows[:4] == [
        ["10:00", "Hall A", "Queues All the Way Down", "Ada Brown"],
        ["10:00", "Hall B", "Paging Less at Night", "Tom Reyes"],  # the time spans both rows
        ["11:00", "Tracing Without Tears", "Tracing Without Tears", "Kim Ho"],  # in every room
        ["12:00", "Hall A", "Error Budgets for Small Teams"],  # one cell short
    ]
    assert rows[4] == ["13:00", *["Lunch"] * 50]  # a span is at most 50 columns; "x2" is no number
    talks = parse_notes(html, "schedule.html").talks
    assert [(t.title, [s.name for s in t.speakers]) for t in talks] == [
        ("Queues All the Way Down", ["Ada Brown"]),
        ("Paging Less at Night", ["Tom Reyes"]),
        ("Tracing Without Tears", ["Kim Ho"]),
        ("Error Budgets for Small Teams", []),
    ]


def test_a_cell_spanning_rows_and_columns_fills_them_all_and_a_short_row_uses_up_the_cells_above_it():
    html = """<table>
<tr><th>Time</th><th>Room</th><th>Talk</th><th>Speaker</th></tr>
<tr><td>10:00</td><td>A</td><td>Queues All the Way Down</td><td rowspan="2">Ada Brown</td></tr>
<tr><td>10:30</td></tr>
<tr><td>11:00</td><td>A</td><td>Paging Less at Night</td><td>Tom Reyes</td></tr>
<tr><td>12:00</td><td rowspan="2" colspan="2">Lunch</td><td>-</td></tr>
<tr><td>12:30</td><td>-</td></tr>
<tr><th colspan="4">Day 2 - Tuesday</th></tr>
<tr><td>09:00</td><td>A</td><td>Tracing Without Tears</td><td>Kim Ho</td></tr>
</table>"""
    blocks = read_blocks(html, "html").blocks
    rows = [b.cells for b in blocks if b.kind == "row"]
    assert rows[1] == ["10:30", "", "", "Ada Brown"]  # the speaker's cell spans this row too, and ends there
    assert rows[2] == ["11:00", "A", "Paging Less at Night", "Tom Reyes"]
    assert rows[4] == ["12:30", "Lunch", "Lunch", "-"]
    assert ("heading", "Day 2 - Tuesday") in [(b.kind, b.text) for b in blocks]
    talks = parse_notes(html, "schedule.html").talks
    assert [(t.title, t.day, [s.name for s in t.speakers]) for t in talks][-1] == (
        "Tracing Without Tears",
        2,
        ["Kim Ho"],
    )


def test_a_break_that_only_wraps_a_cells_text_joins_it_with_a_space_and_never_leaks_out_of_the_table():
    html = """<table><tr><th>Talk</th><th>Speaker</th></tr>
<tr><td><a href="/t/1">Queues All the<br>Way Down</a></td><td>Ada Brown<br><b>Initech</b></td></tr></table>
<ul><li>Paging Less <table><tr><td>Ann Lee<br><i>Acme</i></td></tr></table></li></ul>"""
    blocks = read_blocks(html, "html").blocks
    assert next(b.cells for b in blocks if b.kind == "row") == ["Queues All the Way Down", "Ada Brown, Initech"]
    assert all("\u2028" not in b.text for b in blocks)


def test_a_table_of_talks_under_a_section_each_part_repeats_still_lists_talks():
    notes = """# Meetup recap

## Ann's part

* Presenter: Ann Lee
* Slides: [PDF](https://s.example/ann.pdf)

### Talks mentioned

| Title | Link |
| --- | --- |
| Queues at Night | [video](https://v.example/1) |
| Budgets for Everyone | [video](https://v.example/2) |

## Tom's part

* Presenter: Tom Reyes
* Slides: [PDF](https://s.example/tom.pdf)

### Talks mentioned

| Title | Link |
| --- | --- |
| Paging Less: Alerts That Matter | [video](https://v.example/3) |
"""
    titles = [t.title for t in parse_notes(notes, "meetup.md").talks]
    assert [t for t in titles if "part" not in t] == [
        "Queues at Night",
        "Budgets for Everyone",
        "Paging Less: Alerts That Matter",
    ]


def test_a_rows_text_leaves_out_its_empty_cells():
    text = "| Title | Speaker | Slides |\n|---|---|---|\n| Queues at Night | | [pdf](https://s.example/q.pdf) |\n"
    [row] = [b for b in read_blocks(text, "markdown").blocks if b.kind == "row"]
    assert (row.text, row.cells) == ("Queues at Night | pdf", ["Queues at Night", "", "pdf"])
