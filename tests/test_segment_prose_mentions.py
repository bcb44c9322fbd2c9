"""Talks named only in passing, in prose under day headings, with no title of their own (stated generally and
tested on text written for the test): possessives ("Ann Lee's keynote"), "a talk on X", "the Kafka talk", two
keynotes named in one phrase, the author's own talk, and links to talk pages of the schedule."""

from __future__ import annotations

from talkgraph.graph.notes.segment import parse_notes

PROSE_DAYS = """WidgetConf Roundup
==================

Day 1
-----

The first day opened with Ada Brown's keynote. She took questions from the room instead of slides. Right after
that came my own talk; it went fine. Later I enjoyed Tom Reyes's talk on queue backpressure, which was packed.

In the evening we had dinner at a noodle bar near the venue.

Day 2
-----

The day opened with the Kafka and Pulsar keynotes. After lunch came `Tracing Without Tears
<https://widgetconf.example/schedule/event/12/>`_ and `Paging Less <https://widgetconf.example/schedule/event/14/>`_.
Finally I heard a talk on tuning Postgres for analytics, and the Redis talk at the very end.
"""


def test_talks_named_in_passing_under_day_headings_are_talks_each_with_its_day_kind_and_speaker():
    document = parse_notes(PROSE_DAYS, "roundup.rst")
    assert [(t.title, t.kind, t.day, [s.name for s in t.speakers]) for t in document.talks] == [
        ("Ada Brown's keynote", "keynote", 1, ["Ada Brown"]),
        ("My own talk", "talk", 1, []),
        ("queue backpressure", "talk", 1, ["Tom Reyes"]),
        ("Kafka keynote", "keynote", 2, []),
        ("Pulsar keynote", "keynote", 2, []),
        ("Tracing Without Tears", "talk", 2, []),
        ("Paging Less", "talk", 2, []),
        ("tuning Postgres for analytics", "talk", 2, []),
        ("Redis talk", "talk", 2, []),
    ]


def test_each_talk_named_in_passing_keeps_the_sentences_up_to_the_next_one_and_the_dinner_is_in_no_talk():
    document = parse_notes(PROSE_DAYS, "roundup.rst")
    keynote = document.talks[0]
    assert keynote.body_text == (
        "The first day opened with Ada Brown's keynote. She took questions from the room instead of slides."
    )
    assert all("noodle bar" not in t.body_text for t in document.talks)
    assert any("noodle bar" in block.text for block in document.outside)


def test_talks_in_general_and_talks_at_a_time_or_place_are_no_talks():
    text = """Day 1
=====

I went to the PyCon talks all morning and a talk on Thursday was moved.
Then dinner.
"""
    assert [t.title for t in parse_notes(text, "day.rst").talks if not t.title_derived] == []


PRESENTERS = """# WidgetDays 2019

## Day 1

Ann Lee (Acme) talked about retries in distributed queues. It was packed. Later Tom Reyes from Foo Corp explained \
how caches fail under load, and Tom's talk had the best slides.

Dinner was great.
"""


def test_people_presenting_in_a_sentence_name_a_talk_each_with_their_organisation_and_once_each():
    document = parse_notes(PRESENTERS, "days.md")
    assert [(t.title, t.day, [(s.name, s.affiliation) for s in t.speakers]) for t in document.talks] == [
        ("retries in distributed queues", 1, [("Ann Lee", "Acme")]),
        ("how caches fail under load", 1, [("Tom Reyes", "Foo Corp")]),
    ]
    assert document.talks[1].body_text.endswith("and Tom's talk had the best slides.")


def test_a_paragraph_per_presenter_stays_a_session_per_paragraph():
    text = """# WidgetDays 2018

## Talks

Ann Lee spoke about hiring and about there being no full stack humans. Ann's talk was the best.

Tom Reyes gave a great introduction to being on call.
"""
    document = parse_notes(text, "days.md")
    assert [t.body_text for t in document.talks] == [
        "Ann Lee spoke about hiring and about there being no full stack humans. Ann's talk was the best.",
        "Tom Reyes gave a great introduction to being on call.",
    ]


def test_a_paragraph_that_opens_with_the_talk_it_is_about_takes_its_title_speaker_and_kind():
    text = """# PyWidget 2024

## Talks I liked

Ann Lee's talk on forecasting with polars: https://x.example/1. She compared it with pandas.

Tom Reyes's keynote about change point detection: https://x.example/2. Lots of maths.

To pick one more, Kim Ho of the Widget Consortium of Researchers described their data pipeline.
"""
    document = parse_notes(text, "liked.md")
    assert [(t.title, t.kind, [s.name for s in t.speakers]) for t in document.talks[:2]] == [
        ("forecasting with polars", "talk", ["Ann Lee"]),
        ("change point detection", "keynote", ["Tom Reyes"]),
    ]
    assert "Widget Consortium" not in [s.name for t in document.talks for s in t.speakers]


def test_notes_in_prose_alone_have_the_talks_their_paragraphs_name():
    text = """The conference was great this year. I liked Ann Lee's talk on retries in distributed queues, and a talk \
on how we could (and should) learn from failures.

Later I saw the Kafka keynote. Dinner was fine.
"""
    document = parse_notes(text, "prose.txt")
    assert [(t.title, t.kind, [s.name for s in t.speakers]) for t in document.talks] == [
        ("retries in distributed queues", "talk", ["Ann Lee"]),
        ("how we could (and should) learn from failures", "talk", []),
        ("Kafka keynote", "keynote", []),
    ]
    assert [b.text for b in document.outside] == ["The conference was great this year."]


def test_notes_in_prose_alone_that_name_only_people_presenting_keep_a_session_per_sentence():
    text = "Ann Lee (Acme) talked about retries. Tom Reyes showed his caches.\n"
    document = parse_notes(text, "prose.txt")
    assert [[s.name for s in t.speakers] for t in document.talks] == [["Ann Lee"], ["Tom Reyes"]]


def test_possessives_whose_talk_word_went_before_are_each_a_talk_with_its_subject_and_its_own_text():
    text = (
        "# Berlin, day two\n\nThe last day was as good as the first.\n\n"
        "Every talk was fun, but two stood out: Mira Okafor's, on budgeting alerts by error rate, and Lars Brandt's, "
        "which argued that runbooks rot. I will try both ideas.\n\nWe had dinner by the river.\n"
    )
    talks = parse_notes(text, "day2.md").talks
    assert [(t.title, t.kind, [s.name for s in t.speakers]) for t in talks] == [
        ("budgeting alerts by error rate", "talk", ["Mira Okafor"]),
        ("Lars Brandt's talk", "talk", ["Lars Brandt"]),
    ]
    assert talks[0].body_text.endswith("Mira Okafor's, on budgeting alerts by error rate, and")
    assert talks[1].body_text == "Lars Brandt's, which argued that runbooks rot. I will try both ideas."


def test_a_possessive_with_no_talk_word_before_it_in_its_sentence_names_no_talk():
    text = "# Notes\n\nWe ate at Mira Okafor's, then walked back. The talks were fine.\n\nOf the keynotes, Lars Brandt's was best.\n"
    talks = parse_notes(text, "n.md").talks
    assert [(t.title, t.kind, [s.name for s in t.speakers]) for t in talks] == [
        ("Lars Brandt's keynote", "keynote", ["Lars Brandt"]),
    ]


def test_the_talk_someone_liked_was_by_its_speakers_on_its_subject_not_titled_by_the_clause():
    text = (
        "# Paris\n\nWhat a week.\n\nThe talk I liked best was by **Mira Okafor and Lars Brandt** on the limits of "
        "WebAssembly. They ended with a live demo.\n\nThat's it!\n"
    )
    talks = parse_notes(text, "paris.md").talks
    assert [(t.title, [s.name for s in t.speakers]) for t in talks] == [
        ("the limits of WebAssembly", ["Mira Okafor", "Lars Brandt"])
    ]


def test_a_section_of_photos_is_no_talk_but_a_talk_heading_over_photos_of_its_slides_is():
    text = (
        "# Paris\n\n## Scaling queues with backpressure\n\n![the first slide](s1.png)\n\n![the second](s2.png)\n\n"
        "Great talk.\n\n## In pictures\n\n![the hall](a.jpg)\n\n![the stage](b.jpg)\n\nThat's it!\n"
    )
    assert [t.title for t in parse_notes(text, "paris.md").talks] == ["Scaling queues with backpressure"]


def test_possessives_typed_with_an_opening_quote_and_subjects_with_low_high_quotes_days_and_addresses():
    text = (
        "# Berlin 2024\n\nThe talks were uneven. A few I would point you to:\n\n"
        "Mira Okafor‘s talk on polars plugins: https://pretalx.example/talk/AB12/\n\n"
        "Lars Brandt gave a worthwhile talk about the „ruptures“ library for change points. "
        "https://pretalx.example/talk/CD34/\n\n"
        "Have a look at Tim Paine‘s talk on Perspective https://pretalx.example/talk/EF56/\n\n"
        "Sam Hogy‘s talk on Friday about security in build pipelines was excellent.\n"
    )
    talks = parse_notes(text, "berlin.md").talks
    assert [(t.title, [s.name for s in t.speakers]) for t in talks] == [
        ("polars plugins", ["Mira Okafor"]),
        ("the „ruptures“ library for change points", ["Lars Brandt"]),
        ("Perspective", ["Tim Paine"]),
        ("security in build pipelines", ["Sam Hogy"]),
    ]


def test_possessives_of_places_and_things_and_times_named_with_of_are_no_talks_or_titles():
    text = (
        "# Recap\n\nAnn Lee's talk on retries was great.\n\nAfter the keynote we had burgers at McDonald's.\n\n"
        "After the talks we had dinner at Luigi's, on the harbour.\n\n"
        "The tutorial used Dijkstra's, Prim's and Kruskal's algorithms.\n\n"
        "Tom Reyes gave his talk on the last day of the conference.\n"
    )
    talks = parse_notes(text, "recap.md").talks
    assert [(t.title, [s.name for s in t.speakers]) for t in talks] == [
        ("retries", ["Ann Lee"]),
        ("Tom Reyes's talk", ["Tom Reyes"]),
    ]


def test_three_talks_named_in_one_sentence_each_keep_their_own_words():
    text = (
        "# RustConf\n\nThree talks stood out: Ann Lee's, on retries, Tom Reyes's, on caches, and a talk on async "
        "Rust.\n\nThe hallway track was good too.\n"
    )
    talks = parse_notes(text, "rustconf.md").talks
    assert [(t.title, t.body_text) for t in talks] == [
        ("retries", "Three talks stood out: Ann Lee's, on retries,"),
        ("caches", "Tom Reyes's, on caches, and"),
        ("async Rust", "a talk on async Rust."),
    ]


def test_a_title_that_ends_in_is_before_its_emphasised_speaker_is_still_a_title():
    text = "# KubeCon\n\nTeemu went to What a service mesh is by **Grace Jansen** from IBM.\n"
    assert [(t.title, [s.name for s in t.speakers]) for t in parse_notes(text, "k.md").talks] == [
        ("What a service mesh is", ["Grace Jansen"])
    ]


def test_a_keynote_given_by_someone_is_theirs():
    text = (
        "# Recap\n\nMy morning began with the keynote given by Mira Okafor. It was about empathy.\n\n"
        "After lunch came a talk delivered by Lars Brandt on airline security.\n"
    )
    talks = parse_notes(text, "recap.md").talks
    assert [(t.title, t.kind, [s.name for s in t.speakers]) for t in talks] == [
        ("Mira Okafor's keynote", "keynote", ["Mira Okafor"]),
        ("airline security", "talk", ["Lars Brandt"]),
    ]


def test_sentences_of_a_subject_and_who_gave_it_are_talks_beside_a_paragraph_of_someone_presenting():
    text = (
        "# WidgetDay Paris\n\n*Ann Author*\n\nThe keynote was about community again. Mira Okafor (Initech) gave a "
        "lovely tour of the groups around the project.\n\n## From chess games to short talks\n\nThe organisers deserve "
        "thanks for the short talks, put right after lunch. "
        "A smart use of vectors to find cheese, by Lars Brandt (Hooli). A wonderfully geeky talk on electric "
        "elephants by Sam Hogy (Acme) (someone should have Sam on a podcast).\n"
    )
    talks = parse_notes(text, "paris.md").talks
    assert [(t.title, [(s.name, s.affiliation) for s in t.speakers]) for t in talks] == [
        ("Mira Okafor gave a lovely tour of the groups around…", [("Mira Okafor", None)]),
        ("A smart use of vectors to find cheese", [("Lars Brandt", None)]),
        ("electric elephants", [("Sam Hogy", None)]),
    ]


def test_a_sentence_with_a_subject_and_a_verb_before_by_someone_names_no_talk():
    text = "# Notes\n\nWe went to dinner, by Mira Okafor. Dinner was lovely, by Lars Brandt. Then home.\n"
    assert parse_notes(text, "n.md").talks == []


BESIDE_PRESENTERS = (
    "Tom Reyes talked about retries and jitter in queue consumers.\n\nMaria Gomez showed her home lab.\n"
)


def test_bylines_credits_and_times_before_by_someone_name_no_talk_and_hide_no_session():
    for opening in (
        "Photo of the venue at dawn, by Ann Lee.",
        "A recap of WidgetConf Oslo 2023, by Ann Lee.",
        "A talk on Friday by Ann Lee (Acme) was cancelled.",
    ):
        talks = parse_notes(f"# Oslo\n\nA good year.\n\n{opening}\n\n{BESIDE_PRESENTERS}", "oslo.md").talks
        assert [(t.title, [s.name for s in t.speakers]) for t in talks] == [
            ("retries and jitter in queue consumers", ["Tom Reyes"]),
            ("her home lab", ["Maria Gomez"]),
        ], opening


def test_a_talk_about_a_time_is_no_talk_and_someone_organising_beside_talks_named_in_prose_is_no_session():
    text = "# N\n\nThere was a talk about the second day of the conference and a talk about Friday at noon.\n"
    assert parse_notes(text, "n.md").talks == []
    text = (
        "# N\n\nTom Reyes organised the whole thing again this year.\n\n"
        "Ann Lee gave a talk called “Paging Less” on alert fatigue. It was excellent.\n"
    )
    assert [t.title for t in parse_notes(text, "n.md").talks] == ["Paging Less"]


def test_a_keynote_presented_by_a_company_names_no_speaker():
    text = "# N\n\nThe keynote, presented by Red Hat, was a sales pitch. The talk by Ann Lee on queues was better.\n"
    assert [[s.name for s in t.speakers] for t in parse_notes(text, "n.md").talks] == [["Ann Lee"]]


def test_someone_who_gave_or_brought_a_described_talk_gave_that_talk():
    notes = """Summary from WidgetConf

The talks

Every talk was excellent. I finally saw Mira Okafor's talk. Lars Brandt's talk was a pleasure too, and Ken Osei
brought a new talk that was very good. Nataliya Remez gave a really interesting talk about safety. The Ignites were
all great, and Ann Lee gave talks all year.
"""
    talks = parse_notes(notes, "n.txt").talks
    assert [(t.title, [s.name for s in t.speakers]) for t in talks] == [
        ("Mira Okafor's talk", ["Mira Okafor"]),
        ("Lars Brandt's talk", ["Lars Brandt"]),
        ("Ken Osei's talk", ["Ken Osei"]),
        ("safety", ["Nataliya Remez"]),
    ]


def test_paragraphs_that_each_link_a_sessions_page_are_those_sessions():
    notes = """# WidgetConf report

### Highlights

Svetlana’s [talk about Kotlin Coroutines](http://widgetconf.example/en/sessions/kotlin-coroutines) was packed
with detail on threading.

A second talk worth mentioning was about [Marketing for developers](http://widgetconf.example/en/sessions/marketing).

Danny live-coded a few great examples. There is more in [his talk here](http://widgetconf.example/en/sessions/power).

Finally, my favourite was [Ralf’s talk about scheduling jobs](http://widgetconf.example/en/sessions/doze).

##### Closure

See you next year!
"""
    assert [t.title for t in parse_notes(notes, "r.md").talks] == [
        "Kotlin Coroutines",
        "Marketing for developers",
        "scheduling jobs",
    ]
