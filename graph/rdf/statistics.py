"""What the store holds, counted: graph sizes (shared by the CLI's `stats` and the service description)
and the unknown-tool candidates across documents."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from talkgraph.graph.analytics.links import UNVETTED_SPELLINGS, unvetted_label
from talkgraph.graph.rdf.store import GraphStore
from talkgraph.ontology import VOCABULARY_GRAPH, sparql_prologue

if TYPE_CHECKING:  # the linker's modules (wordfreq) are imported when candidates are ranked, not by the server's start
    from talkgraph.graph.linking.candidates import Candidate
    from talkgraph.graph.linking.extract import TalkExtraction
    from talkgraph.graph.linking.linker import Mention

GRAPH_SIZES = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"


def graph_sizes(store: GraphStore) -> dict[str, int]:
    """Named graph → number of triples, in IRI order."""
    return {row["g"].value: int(row["n"].value) for row in store.select(GRAPH_SIZES)}


TYPED_SUBJECTS = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s WHERE { GRAPH ?g { ?s a ?c } } }"


@dataclass(frozen=True)
class DatasetSizes:
    """The VoID figures of the service description: triples per named graph, and the subjects with a class."""

    graphs: dict[str, int]
    typed_subjects: int


def dataset_sizes(store: GraphStore) -> DatasetSizes:
    return DatasetSizes(graph_sizes(store), int(store.select(TYPED_SUBJECTS)[0]["n"].value))


CLASS_SIZES = "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a ?c } } GROUP BY ?c"


def class_sizes(store: GraphStore) -> dict[str, int]:
    """Class IRI → its distinct instances across every graph: one aggregate over the rdf:type triples."""
    return {row["c"].value: int(row["n"].value) for row in store.select(CLASS_SIZES)}


STORED_CANDIDATES = """
SELECT ?label (COUNT(DISTINCT ?talk) AS ?talks) (SUM(?count) AS ?n) (SAMPLE(?sentence) AS ?example) WHERE {
  ?c a tg:Candidate ; rdfs:label ?label ; tg:mentionCount ?count ; tg:candidateIn ?talk ; tg:evidence ?sentence .
}
GROUP BY ?label ORDER BY DESC(?talks) DESC(?n) ?label
"""


# The unvetted tools the notes graphs describe (not curated since), with their talks, mentions, one sentence and
# the reasons of their links ("unvetted: code, cue"; "linked so elsewhere in the notes" in the other talks).
STORED_UNVETTED = f"""
SELECT ?x (COUNT(DISTINCT ?talk) AS ?talks) (COUNT(DISTINCT ?m) AS ?n) (MIN(?sentence) AS ?example)
       (GROUP_CONCAT(DISTINCT ?reason; separator="\\n") AS ?reasons) WHERE {{
  {{ SELECT DISTINCT ?x WHERE {{ GRAPH ?g {{ ?x a tg:Tool ; tg:curated false }}
     FILTER NOT EXISTS {{ GRAPH <{VOCABULARY_GRAPH}> {{ ?x ?p ?o }} }} }} }}
  ?m a tg:Mention ; tg:entity ?x ; tg:talk ?talk ; tg:sentence ?sentence .
  OPTIONAL {{ ?m tg:linkReason ?reason }}
}}
GROUP BY ?x
"""


@dataclass(frozen=True)
class CandidateSummary:
    """A candidate as the store holds it across documents: how many talks name it, how often, one example;
    `unvetted`: the kinds of evidence it was linked on, when the notes proved it a tool (empty: a candidate)."""

    label: str
    talks: int
    mentions: int
    example: str
    unvetted: list[str] = field(default_factory=list)


def stored_candidates(store: GraphStore) -> list[CandidateSummary]:
    """The store's candidates and unvetted tools, most talks first."""
    candidates = [
        CandidateSummary(r["label"].value, int(r["talks"].value), int(r["n"].value), r["example"].value)
        for r in store.select(sparql_prologue() + STORED_CANDIDATES)
    ]
    return with_unvetted(candidates, stored_unvetted(store))


def stored_unvetted(store: GraphStore) -> list[CandidateSummary]:
    """The unvetted tools of the store's notes, each under its one label (links.unvetted_label)."""
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for row in store.select(sparql_prologue() + UNVETTED_SPELLINGS):
        spellings[row["x"].value][row["name"].value] += int(row["documents"].value)
    return [
        CandidateSummary(
            unvetted_label(spellings[r["x"].value]),
            int(r["talks"].value),
            int(r["n"].value),
            r["example"].value,
            _kinds(r["reasons"].value.split("\n")),
        )
        for r in store.select(sparql_prologue() + STORED_UNVETTED)
        if r["x"].value in spellings
    ]


def extracted_candidates(candidates: list[Candidate], talks: Sequence[TalkExtraction] = ()) -> list[CandidateSummary]:
    """One document's candidates (and the unvetted tools its talks linked) in the same shape as the store's."""
    found = [CandidateSummary(c.label, len(c.talks), c.count, c.evidence[0][1]) for c in candidates]
    linked: dict[str, list[tuple[str, Mention]]] = {}
    for item in talks:
        for m in item.mentions:
            if m.entry.unvetted:
                linked.setdefault(m.entry.iri, []).append((item.talk.title, m))
    unvetted = [
        CandidateSummary(
            mentions[0][1].entry.label,
            len({title for title, _ in mentions}),
            len(mentions),
            mentions[0][1].sentence.text,
            _kinds([m.reason for _, m in mentions]),
        )
        for mentions in linked.values()
    ]
    return with_unvetted(found, unvetted)


def with_unvetted(candidates: list[CandidateSummary], unvetted: list[CandidateSummary]) -> list[CandidateSummary]:
    """Candidates and unvetted tools in one ranking (most talks, most mentions, then by name); a candidate
    that some talk linked as an unvetted tool is listed once, as that tool."""
    linked = {u.label.casefold() for u in unvetted}
    rows = [c for c in candidates if c.label.casefold() not in linked] + unvetted
    return sorted(rows, key=lambda r: (-r.talks, -r.mentions, r.label.casefold(), r.label))


def _kinds(reasons: list[str]) -> list[str]:
    """The kinds of evidence named by link reasons such as "unvetted: code, cue"."""
    from talkgraph.graph.linking.unvetted import EVIDENCE_KINDS, UNVETTED  # noqa: PLC0415

    prefix = f"{UNVETTED}: "
    named = {kind.strip() for r in reasons if r.startswith(prefix) for kind in r[len(prefix) :].split(",")}
    return sorted(named & set(EVIDENCE_KINDS.values()))
