"""Split block text into sentences that keep their character offsets.

A small rule-based splitter is enough for notes (short sentences, bullets,
abbreviations like "e.g." or "sec."), and it keeps exact offsets, which the
provenance of every link depends on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ABBREVIATIONS = {
    "e.g",
    "i.e",
    "etc",
    "vs",
    "sec",
    "min",
    "approx",
    "incl",
    "dr",
    "mr",
    "mrs",
    "ms",
    "prof",
    "st",
    "no",
    "fig",
    "cf",
    "al",
    "inc",
    "ltd",
    "co",
    "jr",
    "sr",
    "u.s",
    "ca",
}
# A full stop, question or exclamation mark (or several) then space and a new sentence start.
BOUNDARY = re.compile(r"([.!?…]+)([\"'”’»)\]]*)(\s+)(?=[\"'“‘«(\[]?[A-Z0-9À-Ý])")


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int  # offset of the first character in the document text

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def split_sentences(text: str, offset: int = 0) -> list[Sentence]:
    """Sentences of one block; line breaks inside a block also end a sentence."""
    sentences: list[Sentence] = []
    for line in re.finditer(r"[^\n]+", text):
        start = 0
        chunk = line.group()
        for boundary in BOUNDARY.finditer(chunk):
            before = chunk[start : boundary.start(1)]
            last_word = re.search(r"([\w.]+)$", before[-40:])  # the word before the stop (a scan of all is quadratic)
            if (
                boundary.group(1) == "."
                and last_word
                and (last_word.group(1).lower() in ABBREVIATIONS or len(last_word.group(1)) == 1)
            ):
                continue  # "e.g. Foo", "J. Smith": not the end of a sentence
            end = boundary.end(2)
            _append(sentences, chunk[start:end], offset + line.start() + start)
            start = boundary.end()
        _append(sentences, chunk[start:], offset + line.start() + start)
    return sentences


def _append(sentences: list[Sentence], text: str, start: int) -> None:
    stripped = text.strip()
    if stripped:
        sentences.append(Sentence(stripped, start + (len(text) - len(text.lstrip()))))
