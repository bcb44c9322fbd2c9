"""Plain text copied from a web page, one paragraph per line: lines that name a session after a label (a region, a
track, "EMEA Keynote:"), runs of such lines, track lines, and bullets and colon lead-ins between the paragraphs.
Each rule is stated generally and tested on text written for the test."""

from __future__ import annotations

import pytest

from talkgraph.graph.notes.blocks import read_blocks
from talkgraph.graph.notes.bylines import split_heading
from talkgraph.graph.notes.segment import parse_notes

LONG = (
    "The organisers streamed every room for a whole day and more people watched than anybody had planned for, "
    "which made the chat a good deal busier than the talks themselves."
)
PAGE = f"""Written by a guest author.
{LONG}
{LONG}
The day had three keynotes, one for each part of the world:
Asia and the Pacific – Mei Tanaka – Paging Less: Alerts That Mean Something
Americas – Tom Reyes (Bar Data) – Queues All the Way Down
Europe – Ada Brown (Widgets Inc) – Budgets for Reliability
Two tracks ran side by side:
Track One: Platforms – Build It Once
Track Two: Security – Trust Nothing
These are my notes from the keynote I watched:
Opening Keynote: Mei Tanaka – Paging Less: Alerts That Mean Something
Notes:
- Alerts should wake someone only when a person must act.
- Every page needs an owner.
"""


def test_lines_that_name_a_session_after_a_label_are_talks_and_track_lines_are_not():
    document = parse_notes(PAGE, "page.txt")
    assert [(t.title, t.kind, [(s.name, s.affiliation) for s in t.speakers]) for t in document.talks] == [
        ("Queues All the Way Down", "talk", [("Tom Reyes", "Bar Data")]),
        ("Budgets for Reliability", "talk", [("Ada Brown", "Widgets")]),  # a legal form is no part of a name
        ("Paging Less: Alerts That Mean Something", "keynote", [("Mei Tanaka", None)]),  # where its notes are
    ]


def test_the_talk_named_again_over_its_notes_keeps_the_notes():
    document = parse_notes(PAGE, "page.txt")
    paging = next(t for t in document.talks if t.title.startswith("Paging Less"))
    assert [b.text for b in paging.blocks if b.kind == "item"] == [
        "Alerts should wake someone only when a person must act.",
        "Every page needs an owner.",
    ]


def test_unwrapped_text_keeps_bullets_and_colon_lead_ins_as_blocks_of_their_own():
    text = f"{LONG}\n{LONG}\nOur notes:\n- First point.\n  still the first point.\n- Second point.\nAfter the list.\n"
    blocks = read_blocks(text, "text").blocks
    assert [(b.kind, b.text) for b in blocks] == [
        ("paragraph", f"{LONG}\n{LONG}"),
        ("line", "Our notes:"),
        ("item", "First point.\n  still the first point."),
        ("item", "Second point."),
        ("line", "After the list."),
    ]


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("East Coast – John Willis (Docker) – Turning Capital into Speed", ("Turning Capital into Speed", None)),
        ("EMEA Keynote: Mark Burgess – Banks, Brains, Factories", ("Banks, Brains, Factories", "keynote")),
        ("Room B talk: Ann Lee – Queues at the Edge", ("Queues at the Edge", None)),
    ],
)
def test_people_after_a_label_are_the_speakers(heading: str, expected: tuple):
    title, kind, speakers = split_heading(heading)
    assert (title, kind) == expected
    assert len(speakers) == 1


@pytest.mark.parametrize(
    "heading",
    [
        "Ann Lee – Tom Reyes – Scaling Queues",  # two people-like fields: where the people start is not said
        "Asia Pacific – Mei Tanaka – Scaling Queues",  # a label shaped like a name, and no employer to tell
    ],
)
def test_without_a_label_that_tells_people_first_is_not_read_from_three_fields(heading: str):
    assert split_heading(heading) == (heading, None, [])
