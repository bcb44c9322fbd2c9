"""Shapes a review of the nineteenth pass's rules wrote to break them (invented text): titles that open with a
material's word, a kind heading over several sessions, lists of sessions qualified by number or by "What's",
titles that open with "Thoughts" or "Subscribe to", companies after "Title - X on", lone links to a blog, the
organisers over their thanks."""

from __future__ import annotations

import pytest

from talkgraph.graph.notes.bylines import item_heading
from talkgraph.graph.notes.segment import parse_notes


def talks(notes: str, name: str = "n.md") -> list[tuple[str, list[str]]]:
    return [(t.title, [s.name for s in t.speakers]) for t in parse_notes(notes, name).talks]


def test_titles_that_open_with_a_materials_word_are_titles():
    notes = """# Talks to watch

[Video Games and Accessibility](https://www.youtube.com/watch?v=a)

Jane Park showed how games are tested with players who use switches.

[Replay Attacks in OAuth 2.0](https://www.youtube.com/watch?v=b)

Ken Osei replayed tokens until they stopped working.
"""
    assert [title for title, _ in talks(notes)] == ["Video Games and Accessibility", "Replay Attacks in OAuth 2.0"]


def test_a_kind_heading_over_paragraphs_that_each_open_a_session_is_a_group():
    notes = """# WidgetConf

## Opening keynote

The day opened with a keynote on burnout and how teams notice it early.

Then a talk on chaos engineering in banks followed.

Finally, a talk on SLOs closed the morning.
"""
    found = talks(notes)
    assert len(found) >= 2 and "Opening keynote" not in [title for title, _ in found]


def test_a_kind_heading_over_its_people_a_link_and_prose_about_keynotes_is_one_session():
    notes = """# WidgetConf thoughts

## Opening Keynote

Ann Lee, Tom Reyes, Mira Okafor.

https://www.youtube.com/watch?v=abc

WidgetConf keynotes are a favourite of mine. They are deliberate and carefully made.

## Queues at Scale

Ken Osei showed queues.
"""
    assert [title for title, _ in talks(notes)] == ["Opening Keynote", "Queues at Scale"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The three other keynotes covered privacy by design, open data in government and machine learning at the BBC.",
        "The talks covered What's New in Java 14, Project Loom and GraalVM native images.",
    ],
)
def test_sessions_listed_with_a_number_or_a_capitalised_question_are_sessions(sentence):
    assert len(talks(f"# Day one\n\n{sentence}\n")) == 3


@pytest.mark.parametrize(
    "heading", ["Thoughts, Prayers and Postmortems", "Subscribe to Changes: Live Updates with Postgres"]
)
def test_titles_that_open_like_a_page_section_are_titles(heading):
    notes = f"# WidgetConf\n\n## {heading}\n\nJane Park talked about what happens after an incident.\n\n## Queues\n\nKen Osei showed queues.\n"
    assert talks(notes)[0][0] == heading


@pytest.mark.parametrize(
    ("item", "heading"),
    [
        ("Refracting Widgets - Ann Lee on what sets widgets apart", "Refracting Widgets by Ann Lee"),
        ("Queues - Ann Lee on building them", "Queues by Ann Lee"),
        ("Kubernetes on ARM - Apache Kafka on Kubernetes", "Kubernetes on ARM - Apache Kafka on Kubernetes"),
        ("Lunch - Pizza Hut on Market Street", "Lunch - Pizza Hut on Market Street"),
    ],
)
def test_someone_on_what_a_talk_is_about_after_a_dash_is_its_speaker_a_product_on_a_platform_is_not(item, heading):
    assert item_heading(item)[0] == heading


def test_a_lone_item_linking_a_blog_post_with_its_author_is_no_talk():
    notes = """# WidgetConf

## Afterwards

- I wrote more on the company blog. [Why We Left Kubernetes - Sam Park, Initech](https://blog.initech.example/why)
"""
    assert "Why We Left Kubernetes" not in [title for title, _ in talks(notes)]


def test_the_organisers_over_their_thanks_are_no_talk():
    notes = """# WidgetConf

## Organisers

Jessica Upani and Daniele Procida

- thanks for the party
- lunch was great

## Queues at Scale

Ken Osei showed queues.
"""
    assert [title for title, _ in talks(notes)] == ["Queues at Scale"]


def test_a_persons_name_over_a_watch_line_and_text_about_their_talk_is_that_talk():
    notes = """Laracon notes

Nuno Maduro

View the talk over on Youtube

Nuno Maduro opened with a gripping presentation on testing.

Zuzana Kunckova

View the talk over on Youtube

Zuzana Kunckova’s talk, “The Curse of Knowledge”, made us see our assumptions.
"""
    assert talks(notes, "n.txt") == [
        ("Nuno Maduro's talk", ["Nuno Maduro"]),
        ("The Curse of Knowledge", ["Zuzana Kunckova"]),
    ]
