"""Shapes of session lists exported from a conference schedule, stated generally and tested on text written for
the test: a "Topic" column holding title and speakers beside columns of repeated link labels, titles the export
cut short before their speakers, and names with lower-case particles."""

from __future__ import annotations

import pytest

from talkgraph.graph.notes.bylines import plausible_people, split_heading
from talkgraph.graph.notes.segment import parse_notes

SCHEDULE_TABLE = """# Widget Summit 2021 sessions

## Keynotes

| Topic | Video | Presentation |
| --- | :---: | ---: |
|Keynote: Queues Without Tears - Ana Silva & Tom Reyes|[Watch Here](https://video.example/1)| [Slides](https://files.example/1.pdf)|
|Keynote: Ten Years of Widgets - Marta Lind, Staff Engineer, Acme Cloud|[Watch Here](https://video.example/2)|-|
|Keynote: Tracing for Everyone - Arjan van der Berg, Initech|[Watch Here](https://video.example/3)| [Slides](https://files.example/3.pdf)|
"""


def test_a_topic_column_holds_titles_and_speakers_and_repeated_link_labels_are_neither():
    document = parse_notes(SCHEDULE_TABLE, "sessions.md")
    got = [(t.title, t.kind, [(s.name, s.affiliation) for s in t.speakers]) for t in document.talks]
    assert got == [
        ("Queues Without Tears", "keynote", [("Ana Silva", None), ("Tom Reyes", None)]),
        ("Ten Years of Widgets", "keynote", [("Marta Lind", "Acme Cloud")]),
        ("Tracing for Everyone", "keynote", [("Arjan van der Berg", "Initech")]),
    ]
    assert all(not t.blocks for t in document.talks)  # "Watch Here" and "Slides" are links, not notes


def test_a_column_named_for_titles_that_repeats_one_label_is_not_the_title_column():
    table = (
        "| Session | Talk |\n| --- | --- |\n"
        "| Building Widget Pipelines - Ana Silva | [Talk](https://video.example/1) |\n"
        "| Paging Less at Night - Tom Reyes | [Talk](https://video.example/2) |\n"
        "| Scaling Queues in Practice - Marta Lind | [Talk](https://video.example/3) |\n"
    )
    assert [(t.title, [s.name for s in t.speakers]) for t in parse_notes(table, "t.md").talks] == [
        ("Building Widget Pipelines", ["Ana Silva"]),
        ("Paging Less at Night", ["Tom Reyes"]),
        ("Scaling Queues in Practice", ["Marta Lind"]),
    ]


@pytest.mark.parametrize(
    "heading, title, speakers",
    [
        (
            "Seamless Checkout at Widget Stores Powered b... Ana Silva & Tom Reyes",
            "Seamless Checkout at Widget Stores Powered b…",
            ["Ana Silva", "Tom Reyes"],
        ),
        ("Observability for the Rest of Us… Marta Lind", "Observability for the Rest of Us…", ["Marta Lind"]),
        ("Wait... What Happened?", "Wait... What Happened?", []),
        ("Kubernetes… Again and Again", "Kubernetes… Again and Again", []),
    ],
)
def test_a_title_cut_short_by_an_ellipsis_is_followed_by_its_speakers(heading, title, speakers):
    got_title, _, got_speakers = split_heading(heading)
    assert (got_title, [s.name for s in got_speakers]) == (title, speakers)


@pytest.mark.parametrize(
    "people, expected",
    [
        ("Arjan van de Ven", True),
        ("Ana de la Cruz", True),
        ("Ludwig von Mises", True),
        ("Scaling of Widgets", False),
        ("Queues in the Cloud", False),
    ],
)
def test_lower_case_particles_inside_a_name_are_part_of_it(people, expected):
    assert plausible_people(people) is expected
