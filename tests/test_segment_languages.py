"""Notes not written in English: news headlines are no talks, "by" and the closing sections are said in the
notes' language, and a presenting verb of that language names a speaker. Every text here was written for its
test."""

from __future__ import annotations

import pytest

from talkgraph.graph.linking.extract import extract
from talkgraph.graph.linking.linker import Linker
from talkgraph.graph.linking.vocabulary import Vocabulary
from talkgraph.graph.notes.segment import parse_notes

DUTCH = """# KubeCon Europe: wat ons opviel

Vorige week waren we met vier collega's in Kopenhagen. Hieronder het nieuws en de sessie die ons bijbleef.

## Widgetd 1.10 is nu algemeen beschikbaar

De nieuwe versie brengt stabiele ondersteuning voor opslag.

## Queuemaster bereikt bijna versie 1.0

Het project is volgens de makers klaar voor productie in de zomer.

## Meshy wordt een graduated project

De stichting heeft het project naar de hoogste status gebracht.

## Beveiliging van de supply chain door Liz Rice

Liz Rice liet zien hoe je verdachte processen in containers opspoort.

## Tot slot

Volgend jaar zijn we er zeker weer bij.
"""


def test_news_headlines_and_the_closing_section_of_a_dutch_post_are_no_talks():
    document = parse_notes(DUTCH, "nl.md")
    assert [(t.title, [s.name for s in t.speakers]) for t in document.talks] == [
        ("Beveiliging van de supply chain", ["Liz Rice"])
    ]


def test_a_presenting_verb_of_the_notes_language_names_the_speaker():
    text = """# Recap

## Sicherheit für Container

Anna Berg (Globex) zeigte, wie man Angriffe erkennt.

## Observerbarhet i praktiken

Karin Berg visade hur hennes team samlar spår.
"""
    talks = extract(parse_notes(text, "n.md"), Linker(Vocabulary())).as_json()["talks"]
    assert [(t["title"], t["speakers"], t["companies"]) for t in talks] == [
        ("Sicherheit für Container", ["Anna Berg"], ["Globex"]),
        ("Observerbarhet i praktiken", ["Karin Berg"], []),
    ]


@pytest.mark.parametrize(
    "heading, news",
    [
        ("Widget 2.0 is now generally available", True),
        ("Queuemaster bereikt versie 1.0", True),
        ("Meshy wird ein Graduated-Projekt", True),
        ("Kafka 2.0 in production", False),  # a title's subject goes on with a preposition
        ("Kafka 2.0 für Einsteiger", False),
        ("Scaling Queues at Acme", False),  # no version, no status
        ("Using React Native to launch apps to 1m users", False),  # a title opens with what it does, news with a name
    ],
)
def test_a_headline_is_read_by_its_shape_in_any_language(heading, news):
    text = f"# Notes\n\n## {heading}\n\nThe text says little more.\n\n## Paging Less\n\nFewer alerts.\n"
    titles = [t.title for t in parse_notes(text, "n.md").talks]
    assert (heading not in titles) is news


def test_a_headline_over_a_text_that_names_someone_is_a_talk():
    text = "# Notes\n\n## Widget 2.0 is now available\n\nAda Brown walked us through the upgrade.\n"
    assert [t.title for t in parse_notes(text, "n.md").talks] == ["Widget 2.0 is now available"]


def test_a_list_of_news_items_in_another_language_gives_no_talk():
    text = """# Neuigkeiten

## Die Woche

- Widget 3 erreicht die erste Beta-Version
- Queuemaster 1.16 ist verfügbar
- Meshy 2.6 bringt verteiltes Tracing
"""
    assert parse_notes(text, "n.md").talks == []


PROSE_DE = """{widgettag.17} in Lund

Am Dienstag war ich beim {widgettag.17} in Lund. Es gibt Fachvorträge rund um die Softwareentwicklung.

Eröffnet wurde der Tag mit der Keynote von Ada Brown, die einen Überblick über Widgets gab.

Im Saal habe ich mir den Erfahrungsbericht von Tom Reyes über Queues angehört. Tom gehört zum Team von Initech.

Angeblich war der Vortrag von Kim Ho der bessere.
"""


def test_sessions_named_by_their_kind_speaker_and_subject_in_another_language_are_talks():
    talks = parse_notes(PROSE_DE, "widgettag.txt").talks
    assert [(t.title, t.kind, [s.name for s in t.speakers]) for t in talks] == [
        ("Ada Brown's Keynote", "keynote", ["Ada Brown"]),
        ("Queues", "talk", ["Tom Reyes"]),  # not the verb that closes the German clause
        ("Kim Ho's Vortrag", "talk", ["Kim Ho"]),  # "Kim Ho der bessere": a name ends before a particle alone
    ]


def test_the_talk_by_someone_on_a_subject_is_a_talk_in_english_and_french():
    text = "# Notes\n\nI liked the talk by Ada Brown on queue theory. Later, la conférence de Tom Reyes sur TLS.\n"
    assert [(t.title, [s.name for s in t.speakers]) for t in parse_notes(text, "notes.md").talks] == [
        ("queue theory", ["Ada Brown"]),
        ("TLS", ["Tom Reyes"]),
    ]


def test_a_talk_on_the_subject_keeps_its_speaker_and_a_day_is_nobodys_talk():
    text = "# N\n\nAnn Lee gave her talk on the new scheduler. Later Tom Reyes gave his keynote about the future.\n"
    assert [(t.title, [s.name for s in t.speakers]) for t in parse_notes(text, "n.md").talks] == [
        ("Ann Lee's talk", ["Ann Lee"]),
        ("Tom Reyes's keynote", ["Tom Reyes"]),
    ]
    text = "# N\n\nDer Vortrag von Montag war gut. The talk from Day 2 on Rust was fine.\n"
    assert parse_notes(text, "n.md").talks == []
