"""Items that run their title straight into their people, with no dash, comma or "by" between them: a schedule
pasted as text ("- Abstraction distractions Neal Ford", "- Sonar Code Metrics Matthew J. McCullough. Notes …").
Written for the test."""

from __future__ import annotations

from talkgraph.graph.linking.extract import extract
from talkgraph.graph.linking.linker import Linker
from talkgraph.graph.linking.vocabulary import Vocabulary
from talkgraph.graph.notes.segment import parse_notes

RUN_ON = """Widgetdagarna 2012

Vi var fem från kontoret i år. Här är mina val:
- Queue Metrics Done Right Ada J. Brown. Mät köerna, inte bara tjänsterna.
- The quiet cost of retries Tom Reyes @tomreyes. Varje omförsök kostar, och StackOverflow talade om det.
- Drawing Together Li Jin och Kim Ho @drawtogether. Skisser gör anteckningar bättre.
- Abstraction distractions Raj Mehta
"""


def test_each_item_is_a_talk_with_its_title_and_its_people():
    talks = parse_notes(RUN_ON, "widgetdagarna.txt").talks
    assert [(t.title, [s.name for s in t.speakers]) for t in talks] == [
        ("Queue Metrics Done Right", ["Ada J. Brown"]),
        ("The quiet cost of retries", ["Tom Reyes"]),
        ("Drawing Together", ["Li Jin", "Kim Ho"]),
        ("Abstraction distractions", ["Raj Mehta"]),
    ]
    assert talks[0].body_text == "Mät köerna, inte bara tjänsterna."


def test_a_camel_case_word_presenting_in_a_sentence_is_no_speaker():
    talks = extract(parse_notes(RUN_ON, "widgetdagarna.txt"), Linker(Vocabulary())).as_json()["talks"]
    assert talks[1]["speakers"] == ["Tom Reyes"]


def test_titles_in_title_case_alone_are_not_split_before_two_capitalised_words():
    notes = """Talks I liked

- Building Better Systems
- Scaling Kafka Clusters
- Sonar Code Metrics
"""
    assert [(t.title, t.speakers) for t in parse_notes(notes, "notes.txt").talks] == [
        ("Building Better Systems", []),
        ("Scaling Kafka Clusters", []),
        ("Sonar Code Metrics", []),
    ]


def test_titles_closing_with_a_comma_before_people_keep_that_layout():
    notes = """# Notes

## Talks

- Better async code with Python 3, Anton Caceres
- Escalando una web con python, Jose Galarza
- Hacking the Taiga, David Barragán Merino
"""
    assert [(t.title, [s.name for s in t.speakers]) for t in parse_notes(notes, "notes.md").talks] == [
        ("Better async code with Python 3", ["Anton Caceres"]),
        ("Escalando una web con python", ["Jose Galarza"]),
        ("Hacking the Taiga", ["David Barragán Merino"]),
    ]
