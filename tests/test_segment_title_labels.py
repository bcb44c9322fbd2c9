"""Titles and speakers as recaps label them, stated generally and tested on text written for the test: link and
language labels after a title, kind words with an adjective ("Closing keynote:"), a day heading about the day, and
a talk's text that opens with its speaker doing what speakers do (found by the linker's grammar of people)."""

from __future__ import annotations

from talkgraph.graph.linking.extract import extract
from talkgraph.graph.notes.bylines import plausible_people
from talkgraph.graph.notes.segment import parse_notes


def talks(text: str, name: str) -> list[tuple]:
    document = parse_notes(text, name)
    return [(t.title, t.kind, t.day, [(s.name, s.affiliation) for s in t.speakers]) for t in document.talks]


def extracted(linker, text: str, name: str) -> list[tuple]:
    talks = extract(parse_notes(text, name), linker).as_json()["talks"]
    return [(t["title"], t["kind"], t["speakers"], t["companies"]) for t in talks]


LABELLED = """# WidgetCon 2019

## [Scaling Queues Without Tears](https://x.example/1) ([YouTube](https://youtube.com/watch?v=1))

[Ann Lee](https://twitter.com/annlee) showed how partitions work.

## Paging Less at Night [Englisch]

Tom Reyes from Foo Corp explained alert budgets.

## Tracing for Everyone (German)

The recording is in German.
"""


def test_link_and_language_labels_leave_the_title_and_the_opening_presenter_is_the_speaker(linker):
    assert extracted(linker, LABELLED, "recap.md") == [
        ("Scaling Queues Without Tears", "talk", ["Ann Lee"], []),
        ("Paging Less at Night", "talk", ["Tom Reyes"], ["Foo Corp"]),
        ("Tracing for Everyone", "talk", [], []),
    ]


def test_a_title_ending_in_a_parenthesis_that_is_no_label_keeps_it():
    text = "## Kafka (Part Two)\n\nNotes.\n\n## Queues (and Why They Fill Up)\n\nNotes.\n"
    assert [t[0] for t in talks(text, "n.md")] == ["Kafka (Part Two)", "Queues (and Why They Fill Up)"]


KEYNOTES_BY_DAY = """WidgetConf 2015

Thursday: The first conference day

Starting Keynote: To the moon and back
Ann Lee opened the day.

Closing keynote: Paging Less
The last talk, and a good one.
"""


def test_kind_words_with_an_adjective_and_a_day_heading_about_the_day(linker):
    assert [(t[0], t[1], t[2]) for t in talks(KEYNOTES_BY_DAY, "day.txt")] == [
        ("To the moon and back", "keynote", 1),
        ("Paging Less", "keynote", 1),
    ]
    assert [t[2] for t in extracted(linker, KEYNOTES_BY_DAY, "day.txt")] == [["Ann Lee"], []]


def test_a_session_word_after_an_adjective_needs_a_colon():
    text = "- Opening remarks\n- Closing keynote - Lina Park\n- Paging Less - Tom Reyes\n"
    assert [(t[0], t[1]) for t in talks(text, "n.md")] == [("Closing keynote", "keynote"), ("Paging Less", "talk")]


SPEAKER_LABELS = """# WidgetCon 2023 keynotes

## Keynote Speaker - Ada Brown

She spoke about budgets for open source.

## Keynote Speakers: The Steering Council

Five members answered questions.

## Paging Less - Tom Reyes

Alert budgets.
"""


def test_a_kinds_speaker_label_names_the_kind_and_is_no_person():
    """ "Keynote Speaker - Ada Brown": the label says the kind; what follows names the session (here its speaker)."""
    assert [(t[0], t[1], t[3]) for t in talks(SPEAKER_LABELS, "keynotes.md")] == [
        ("Ada Brown's keynote", "keynote", [("Ada Brown", None)]),  # a name alone: the speaker's session
        ("The Steering Council", "keynote", []),
        ("Paging Less", "talk", [("Tom Reyes", None)]),
    ]


def test_a_role_or_a_part_of_the_programme_closing_the_words_is_no_persons_name():
    assert [plausible_people(words) for words in ("Keynote Speaker", "Half Day Event", "Registration Opens")] == [
        False,
        False,
        False,
    ]
    assert plausible_people("Ada Brown") and plausible_people("Ned Batchelder & Kim Ho")
