"""Talks + vocabulary → what each talk names: tools, projects, organisations, topics, speakers.

This is the step the evaluation scores (`talkgraph extract … --format json`),
so it is a pure function of the notes and the vocabulary: no store involved.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, replace

import ahocorasick

from talkgraph.graph.linking.candidates import Candidate, find_candidates, talk_candidates
from talkgraph.graph.linking.linker import SHOWN_ELSEWHERE, Linker, Mention
from talkgraph.graph.linking.people import Person, find_organisations, find_speakers
from talkgraph.graph.linking.unvetted import is_strong, link_unvetted, reason, spellings, unvetted_entry
from talkgraph.graph.linking.vocabulary import Entry
from talkgraph.graph.linking.written_names import written_label, written_name
from talkgraph.graph.notes.talks import NotesDocument, Talk

# A topic the talk never names is still its topic when this many of its tools share it.
TOOLS_PER_INFERRED_TOPIC = 2


@dataclass
class TopicEvidence:
    topic: Entry
    explicit: bool  # the talk names the topic itself
    tools: list[Entry]  # linked tools of the talk that belong to the topic


@dataclass
class TalkExtraction:
    talk: Talk
    mentions: list[Mention]
    speakers: list[Person]
    topics: list[TopicEvidence]
    organisations: list[str]  # named as employers but not in the vocabulary
    candidates: dict[str, Candidate] | None = None  # the talk's own candidates (candidates.talk_candidates)
    names: dict[str, str] = field(default_factory=dict)  # by tool and organisation: the talk's name (written_names)

    def entities(self, kind: str) -> list[Entry]:
        """Distinct linked entries of one kind, in order of first mention."""
        seen: dict[str, Entry] = {}
        for mention in self.mentions:
            if mention.entry.kind == kind:
                seen.setdefault(mention.iri, mention.entry)
        return list(seen.values())

    def companies(self) -> list[str]:
        """The organisations the talk names, each once: a linked one by the name the talk writes (an employer
        written by another of its names, "Meta" beside "Facebook", is the same organisation), then the others."""
        linked = self.entities("org")
        their_labels = {label.casefold() for e in linked for label in e.labels}
        employers = [p.affiliation for p in self.speakers if p.affiliation]
        named = employers + self.talk.organisations + self.organisations
        others = [o for o in named if o.casefold() not in their_labels]
        return _unique([self.names.get(e.iri, e.label) for e in linked] + others)

    def as_json(self) -> dict:
        tools = self.entities("tool")
        return {
            "title": self.talk.title,
            "kind": self.talk.kind,
            "day": self.talk.day,
            "speakers": [p.name for p in self.speakers],
            "companies": self.companies(),
            "tools": [self.names.get(e.iri, e.label) for e in tools if e.is_tool],
            "unvetted": [e.label for e in tools if e.unvetted],  # tools above linked on evidence, in no vocabulary
            "projects": [self.names.get(e.iri, e.label) for e in tools if e.is_project and not e.is_tool],
            "topics": [t.topic.label for t in self.topics],
        }


@dataclass
class Extraction:
    document: NotesDocument
    talks: list[TalkExtraction]
    candidates: list[Candidate]

    def as_json(self) -> dict:
        return {
            "document": self.document.name,
            "title": self.document.title,
            "format": self.document.format,
            "warnings": list(self.document.warnings),
            "talks": [t.as_json() for t in self.talks],
            "candidates": [
                {
                    "label": c.label,
                    "talks": sorted(c.talks),
                    "evidence": [s for _, s in c.evidence[:3]],
                    "why": sorted({w for w, _ in c.evidence}),
                }
                for c in self.candidates
            ],
        }


def extract(document: NotesDocument, linker: Linker) -> Extraction:
    found = [_linked(talk, linker) for talk in document.talks]
    read = [_read(talk, linker, mentions) for talk, mentions in zip(document.talks, found, strict=True)]
    talks = [_with_unvetted(item) for item in read]
    shown, unvetted, made = shown_names(talks, linker), unvetted_names(talks), tools_by_maker(talks)
    makers_labels = linker.ambiguous_labels_of(made)
    if shown or unvetted or makers_labels:  # a second look only at the talks that write a name other talks linked
        written = _written_in({surface for _, surface in shown} | set(unvetted) | makers_labels)
        talks = [
            _second_look(first, mentions, linker, shown, unvetted, made)
            if _may_name(t, written(t.talk), shown, unvetted, makers_labels)
            else t
            for first, mentions, t in zip(read, found, talks, strict=True)
        ]
    return Extraction(document, talks, find_candidates(talks, linker.known_labels))


def _second_look(
    first: TalkExtraction,
    found: list[Mention],
    linker: Linker,
    shown: Collection[tuple[str, str]],
    unvetted: Mapping[str, Entry],
    made: Mapping[str, Collection[str]],
) -> TalkExtraction:
    """A talk linked again with what the other talks linked. Its speakers, organisations, topics and candidates
    follow from its mentions alone, so where the linker finds what it found the first time (most talks: the name
    they write was not doubtful there), the first reading stands and only the unknown names are linked anew."""
    mentions = _linked(first.talk, linker, shown, made)
    key = lambda m: (m.iri, m.surface, m.start, m.end, m.reason)  # noqa: E731 - a one-line key
    same = list(map(key, mentions)) == list(map(key, found))
    return _with_unvetted(first if same else _read(first.talk, linker, mentions), unvetted)


def tools_by_maker(talks: list[TalkExtraction]) -> dict[str, set[str]]:
    """By maker, the vetted tools the talks linked on evidence of their own (not on another talk's)."""
    made: dict[str, set[str]] = {}
    for item in talks:
        for m in item.mentions:
            if m.entry.kind == "tool" and not m.entry.unvetted and m.reason != SHOWN_ELSEWHERE:
                for maker in m.entry.organisations:
                    made.setdefault(maker, set()).add(m.iri)
    return made


def shown_names(talks: list[TalkExtraction], linker: Linker) -> set[tuple[str, str]]:
    """(entry, spelling) of the ambiguous names the talks linked on evidence of their own, and of those a linked
    product's name opens with ("Spark SQL": "Spark")."""
    linked = [m for t in talks for m in t.mentions if m.reason != SHOWN_ELSEWHERE and not m.entry.unvetted]
    return {(m.iri, m.surface) for m in linked if m.reason} | {
        head for m in linked if (head := linker.head_shown(m)) is not None
    }


def unvetted_names(talks: list[TalkExtraction]) -> dict[str, Entry]:
    """Unknown names some talk linked on strong evidence of its own, by each spelling it linked (the first entry)."""
    found: dict[str, Entry] = {}
    for item in talks:
        for mention in item.mentions:
            if mention.entry.unvetted and mention.reason != SHOWN_ELSEWHERE:
                found.setdefault(mention.surface, mention.entry)
    return found


def _written_in(surfaces: set[str]) -> Callable[[Talk], set[str]]:
    """Which of these spellings a talk's sentences hold anywhere, in one pass over its text (an Aho-Corasick
    automaton reports them all, overlapping ones too), not one substring test per spelling and sentence."""
    automaton = ahocorasick.Automaton()
    for surface in surfaces:
        automaton.add_word(surface, surface)
    automaton.make_automaton()
    return lambda talk: {surface for sentence in talk.sentences for _, surface in automaton.iter(sentence.text)}


def _may_name(
    item: TalkExtraction,
    written: set[str],
    shown: set[tuple[str, str]],
    unvetted: Mapping[str, Entry],
    makers_labels: set[str],
) -> bool:
    linked = {m.iri for m in item.mentions}
    missing = {surface for iri, surface in shown if iri not in linked}
    missing |= {surface for surface, entry in unvetted.items() if entry.iri not in linked}
    missing |= makers_labels - {m.surface for m in item.mentions}
    return not missing.isdisjoint(written)


def extract_talk(
    talk: Talk,
    linker: Linker,
    shown: Collection[tuple[str, str]] = (),
    unvetted: Mapping[str, Entry] | None = None,
    made: Mapping[str, Collection[str]] | None = None,
) -> TalkExtraction:
    """One talk's links: what a large document is written from a part at a time (candidates aside:
    candidates.CandidateFinder gathers them over the document). `shown` and `made`: see Linker.link. `unvetted`:
    unknown names other talks of the notes linked on strong evidence, linked here too where written (unvetted.py)."""
    return _with_unvetted(_read(talk, linker, _linked(talk, linker, shown, made)), unvetted)


def _linked(
    talk: Talk,
    linker: Linker,
    shown: Collection[tuple[str, str]] = (),
    made: Mapping[str, Collection[str]] | None = None,
) -> list[Mention]:
    code = [span for block in talk.blocks for span in block.code]
    return linker.link(talk.sentences, code=code, shown=shown, made=made)


def _read(talk: Talk, linker: Linker, mentions: list[Mention]) -> TalkExtraction:
    """What the talk's vocabulary mentions tell: its organisations, speakers, topics and candidate names (a
    product named as a speaker's employer is the company, not the product)."""
    known = linker.known_labels
    presenting = {speaker.name.lower() for speaker in talk.speakers}
    organisations = [o for o in find_organisations(talk, mentions, known) if o.lower() not in presenting]
    speakers = find_speakers(talk, mentions, known, organisations, linker.employer_labels)
    employers = {p.affiliation for p in speakers if p.affiliation}
    mentions = [m for m in mentions if not (m.entry.kind == "tool" and m.surface in employers and _as_employer(m))]
    item = TalkExtraction(talk, mentions, speakers, _topics(mentions, linker), organisations)
    item.candidates = talk_candidates(item, known)
    item.names = _written_names(mentions, linker)
    return item


def _written_names(mentions: list[Mention], linker: Linker) -> dict[str, str]:
    """By tool and organisation, the name the talk writes it by (written_names)."""
    surfaces: dict[str, list[str]] = {}
    for m in mentions:
        surfaces.setdefault(m.iri, []).append(m.surface)
    names = {}
    for iri, written in surfaces.items():
        entry = linker.vocabulary.entries.get(iri)
        if entry is not None and entry.kind == "tool":
            names[iri] = written_name(entry.label, written, linker.vendors.get(iri, ()))
        elif entry is not None and entry.kind == "org":
            names[iri] = written_label(entry.labels, written) or entry.label
    return names


def _with_unvetted(item: TalkExtraction, unvetted: Mapping[str, Entry] | None = None) -> TalkExtraction:
    """The reading with the unknown names linked too: its own strong candidates, and `unvetted` (see
    extract_talk); a new TalkExtraction where any is written, so the reading stays as it was for a second look."""
    talk, speakers = item.talk, item.speakers
    employers = {p.affiliation for p in speakers if p.affiliation}
    excluded = {name.lower() for name in [*employers, *item.organisations, *talk.organisations]}
    excluded |= {part.lower() for p in speakers for part in p.name.split()}
    unvetted = unvetted or {}
    by_label = {entry.label.lower(): entry for entry in unvetted.values()}
    names = {
        spelling: (by_label.get(key) or unvetted_entry(c.label), reason(c))
        for key, c in (item.candidates or {}).items()
        if is_strong(c) and key not in excluded
        for spelling in spellings(c)
    }
    names |= {
        spelling: (entry, SHOWN_ELSEWHERE)
        for spelling, entry in unvetted.items()
        if spelling not in names and spelling.lower() not in excluded
    }
    linked = link_unvetted(talk.sentences, names, [(m.start, m.end) for m in item.mentions], excluded)
    if not linked:
        return item
    return replace(item, mentions=sorted([*item.mentions, *linked], key=lambda m: (m.start, -m.end)))


def _as_employer(mention: Mention) -> bool:
    """A speaker's employer written where employers are ("Bob Stone, Coralogix", "an engineer at Coralogix",
    "(Coralogix)"): the company, not its product of the same name."""
    before = mention.sentence.text[
        max(0, mention.start - mention.sentence.start - 12) : mention.start - mention.sentence.start
    ]
    return bool(EMPLOYER_BEFORE.search(before))


EMPLOYER_BEFORE = re.compile(r"(?:\bat|\bfrom|\bof|,|\(|@)\s*$")


def _topics(mentions: list[Mention], linker: Linker) -> list[TopicEvidence]:
    """Topics the talk names, then topics enough of its tools share, strongest first."""
    entries = linker.vocabulary.entries
    explicit = {m.iri for m in mentions if m.entry.kind == "topic"}
    tools = {m.iri: m.entry for m in mentions if m.entry.kind == "tool"}
    by_topic: dict[str, list[Entry]] = {}
    for tool in tools.values():
        for topic in sorted(tool.topics):
            by_topic.setdefault(topic, []).append(tool)
    counts = Counter({t: len(v) for t, v in by_topic.items()})
    chosen = [t for t in dict.fromkeys(m.iri for m in mentions if m.iri in explicit)]
    chosen += [
        t for t, n in counts.most_common() if n >= TOOLS_PER_INFERRED_TOPIC and t not in explicit and t in entries
    ]
    return [TopicEvidence(entries[t], t in explicit, by_topic.get(t, [])) for t in chosen]


def _unique(labels: list[str]) -> list[str]:
    return list(dict.fromkeys(labels))
