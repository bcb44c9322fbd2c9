"""What the notes stage hands to linking: talks, their speakers, and the document they came from."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from talkgraph.graph.notes.blocks import Block, Format
from talkgraph.graph.notes.sentences import Sentence, split_sentences

KINDS = ("keynote", "talk", "tutorial", "update", "panel", "lightning")


@dataclass
class Speaker:
    name: str
    affiliation: str | None = None


@dataclass
class Talk:
    title: str
    kind: str
    day: int | None
    position: int
    start: int  # offset of the title (or of the first body block for derived titles)
    blocks: list[Block] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)
    slides: list[str] = field(default_factory=list)
    title_derived: bool = False
    has_slides: bool = False  # the notes link slides (even when they give no address)
    organisations: list[str] = field(default_factory=list)  # said once for a list of talks ("Initech sent …:")

    _split: tuple[tuple, list[Sentence]] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def sentences(self) -> list[Sentence]:
        """The title (unless derived) and the sentences of every block; split once for as long as they stay put
        (linking, speakers, organisations and candidates each read them)."""
        key = (self.title, self.start, self.title_derived, tuple((b.start, b.text) for b in self.blocks))
        if self._split is None or self._split[0] != key:
            title = [] if self.title_derived else [Sentence(self.title, self.start)]
            self._split = key, title + [s for block in self.blocks for s in split_sentences(block.text, block.start)]
        return list(self._split[1])

    @property
    def body_text(self) -> str:
        return "\n".join(block.text for block in self.blocks)


@dataclass
class NotesDocument:
    name: str
    format: Format
    text: str
    title: str | None
    talks: list[Talk]
    outside: list[Block]  # blocks outside any talk (intro, conclusion): not scored, kept for search
    warnings: list[str] = field(default_factory=list)  # what a reader should know (e.g. no talk found)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()
