"""Speakers and their affiliations, from headings and from the text of a talk.

A person is a speaker only when the notes say they present ("Liz Rice talked
about", "Speaker (David Sudia)", "Title by Ann Lee"); people who are only
mentioned ("a tribute to Dan Kohn") are not. Names that the vocabulary knows
as software or organisations are never people.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from graph.linking import Mention
from graph.notes import Speaker, Talk
from graph.sentences import Sentence

TOKEN = r"[A-ZÀ-Ý][a-zà-ÿ'’-]+"
PERSON = rf"{TOKEN}(?:\s+(?:van|von|de|da|del|der|di|le|la|du)?\s*{TOKEN}){{0,2}}"
PRESENTING = (
    r"talked|talks|spoke|speaks|presented|presents|showed|shows|demo(?:['’]?e)?d|demonstrated|explained|explains"
    r"|described|describes|started|continued|shared|walked|gave|introduced|told|discussed|covered|opened|closed"
    r"|kicked off|went on|took us|highlighted|argued|announced|walks|shared|answered|reminded|detailed|outlined"
)
SUBJECT_SPEAKER = re.compile(rf"(?<![\w'’])(?P<name>{PERSON})\s+(?:{PRESENTING})\b")
TAGGED_SPEAKER = re.compile(rf"\b(?i:speakers?|presenters?|presented by|talk by|keynote by|hosted by)\s*[:(]?\s*(?P<name>{PERSON})\)?")
NOT_NAMES = {
    "The", "This", "That", "Then", "There", "They", "These", "Those", "It", "He", "She", "We", "You", "I",
    "And", "But", "So", "After", "Before", "During", "When", "While", "Once", "Here", "Our", "My", "His", "Her",
    "Their", "Its", "Each", "Every", "Some", "All", "Both", "Most", "Another", "Other", "Speaker", "Speakers",
    "Presenter", "Presenters", "Demo", "Talk", "Keynote", "Day", "Session", "Everyone", "Nobody", "Someone",
}


@dataclass
class Person:
    name: str
    affiliation: str | None  # organisation label as written, or the vocabulary label when linked
    evidence: Sentence | None


def find_speakers(talk: Talk, mentions: list[Mention], known_labels: set[str]) -> list[Person]:
    """Speakers of one talk: from its heading, then from presenting verbs in its text."""
    people: dict[str, Person] = {}
    for speaker in talk.speakers:
        _add(people, Person(speaker.name, speaker.affiliation, None))
    organisations = [m for m in mentions if m.entry.kind == "org"]
    for sentence in talk.sentences:
        for pattern in (TAGGED_SPEAKER, SUBJECT_SPEAKER):
            for match in pattern.finditer(sentence.text):
                name = _clean(match.group("name"), known_labels)
                if name:
                    _add(people, Person(name, _affiliation(sentence, organisations), sentence))
    return list(people.values())


def _clean(name: str, known_labels: set[str]) -> str | None:
    tokens = name.split()
    while tokens and tokens[0] in NOT_NAMES:
        tokens = tokens[1:]
    if not tokens or any(t.lower() in known_labels for t in tokens) or " ".join(tokens).lower() in known_labels:
        return None
    return " ".join(tokens)


def _affiliation(sentence: Sentence, organisations: list[Mention]) -> str | None:
    """An organisation the same sentence names after "at/from", e.g. "his role … at VMware"."""
    for mention in organisations:
        if sentence.start <= mention.start < sentence.end:
            before = sentence.text[: mention.start - sentence.start]
            if re.search(r"\b(?:at|from|of|for|with|by)\s*$", before):
                return mention.entry.label
    return None


def _add(people: dict[str, Person], person: Person) -> None:
    """Merge "Stephen" into "Stephen Augustus" (and keep the first affiliation found)."""
    for key, known in list(people.items()):
        short, long_ = sorted((person.name, known.name), key=len)
        if short == long_ or long_.split()[0] == short or long_.startswith(short + " "):
            merged = Person(long_, known.affiliation or person.affiliation, known.evidence or person.evidence)
            del people[key]
            people[long_] = merged
            return
    people[person.name] = person
