"""More shapes of real recaps, each stated generally and tested on text written for the test: link-titled items
with their speaker in parentheses, bold speaker tails, speaker-first lines, untitled speaker-first bullets,
enumerations under a group heading, title lines with their text on the next line."""

from __future__ import annotations

from talkgraph.graph.notes.segment import parse_notes


def talks(text: str, name: str = "notes.md") -> list[tuple]:
    document = parse_notes(text, name)
    return [(t.title, t.kind, t.day, [(s.name, s.affiliation) for s in t.speakers]) for t in document.talks]


def test_an_affiliation_given_to_one_document_s_speakers_does_not_reach_another_document():
    with_lead_in = """# Notes

## Talks

Initech sent two speakers this year:

- Scaling Queues by Ada Brown
- Tracing Everything by Tom Reyes
"""
    plain = """# Other notes

## Scaling Queues by Ada Brown

Ada talked about queues.
"""
    assert talks(with_lead_in)[0] == ("Scaling Queues", "talk", None, [("Ada Brown", "Initech")])
    assert talks(plain) == [("Scaling Queues", "talk", None, [("Ada Brown", None)])]
