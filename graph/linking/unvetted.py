"""Unknown names linked as tools when the talk gives strong evidence that they are software.

A candidate (candidates.py) collects every sign a talk gives that a name it writes is software. One sign is
often wrong (a CamelCase company, a code span holding a command's argument), so a name is linked only when
two independent kinds of evidence agree: its shape, a repository that bears it (`owner/repo`, a code host's
link), code (a code span, an install command), a cue ("the Zorblax CLI"), a list of known tools it belongs to,
a link to the product's own domain. Such a tool gets the IRI a vocabulary entry of the same label would get
(curation.add_entry), so curating it later changes no link; until then it is marked as not curated.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping

from talkgraph.graph.linking.candidates import Candidate
from talkgraph.graph.linking.english import is_common_word
from talkgraph.graph.linking.linker import URL, Mention
from talkgraph.graph.linking.vocabulary import Entry
from talkgraph.graph.notes.sentences import Sentence
from talkgraph.ontology import ID, TG, slug

# Which kind of evidence each reason a candidate records is; reasons of one kind never add up.
EVIDENCE_KINDS = {
    "camel-case": "shape",
    "kebab-case": "shape",
    "digits": "shape",
    "cue": "cue",
    "repository": "repository",
    "code span": "code",
    "install command": "code",
    "listed with tools": "list",
    "product domain": "domain",
}
STRONG = 2  # kinds of evidence that must agree
UNVETTED = "unvetted"  # the link reason's head: "unvetted: cue, repository"


def evidence_kinds(candidate: Candidate) -> list[str]:
    return sorted({EVIDENCE_KINDS[why] for why, _ in candidate.evidence if why in EVIDENCE_KINDS})


def is_strong(candidate: Candidate) -> bool:
    return len(evidence_kinds(candidate)) >= STRONG and len(candidate.label) >= 3


def unvetted_entry(label: str) -> Entry:
    """The entry of a name linked on evidence: the IRI `talkgraph vocab add` gives a tool of that label."""
    return Entry(
        iri=str(ID[f"tool/{slug(label)}"]),
        label=label,
        kind="tool",
        types={str(TG.Tool)},
        labels=[label],
        curated=False,
        unvetted=True,
    )


def link_unvetted(
    sentences: list[Sentence],
    names: Mapping[str, tuple[Entry, str]],
    taken: Iterable[tuple[int, int]],
    excluded: Collection[str] = (),
) -> list[Mention]:
    """Mentions of the given names (spelling → entry, reason) wherever the sentences write them so, as a whole
    word outside a written-out link, without overlapping a span already linked (`taken`)."""
    if not names:
        return []
    pattern = re.compile(
        r"(?<![\w-])(" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")(?![\w-])"
    )
    spans = list(taken)
    found: list[Mention] = []
    for sentence in sentences:
        text = sentence.text
        links = [m.span() for m in URL.finditer(text)] if "/" in text or "www." in text.lower() else []
        for match in pattern.finditer(text):
            start, end = sentence.start + match.start(), sentence.start + match.end()
            if any(a <= match.start() < b for a, b in links) or any(a < end and start < b for a, b in spans):
                continue
            surface = match.group()
            if surface.lower() in excluded or (surface.islower() and is_common_word(surface)):
                continue
            entry, reason = names[surface]
            found.append(Mention(entry, surface, start, end, sentence, reason))
            spans.append((start, end))
    return found


def spellings(candidate: Candidate) -> set[str]:
    """The spellings to link: those the evidence in sentences used ("axelrod" in "pip install axelrod", not the
    person "Axelrod"); the label when all the evidence was in links and code spans."""
    return candidate.spellings or {candidate.label}


def reason(candidate: Candidate) -> str:
    return f"{UNVETTED}: {', '.join(evidence_kinds(candidate))}"
