"""Which notes documents the store holds, and which key a newly read source may take.

A document's key names its graph and every IRI it mints, so two sources must never share
one: that would replace a whole conference's talks without a word. A source is identified
by a hash of its absolute path (content-independent: an edited file is still the same
source); re-reading the same source keeps its key, a different source whose natural key
is taken gets that key plus a short piece of its own hash, and an explicit name that
another source holds is refused unless the caller says to replace it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from talkgraph.graph.analytics.derived import repair_incomplete_writes
from talkgraph.graph.notes.blocks import NotesError
from talkgraph.graph.rdf.store import EmbeddedStore, GraphStore
from talkgraph.ontology import NOTES_GRAPH_PREFIX, sparql_prologue

DISAMBIGUATOR_LENGTH = 6  # hex digits of the source hash appended to a taken key


class DocumentConflict(NotesError):
    """A source would take the key of another source's document."""


@dataclass(frozen=True)
class StoredDocument:
    key: str
    source: str | None  # path as given at ingest; None for documents stored before sources were recorded
    source_id: str | None
    talks: int
    ingested_at: str | None
    sha256: str | None
    encoding: str | None


@dataclass(frozen=True)
class Claim:
    """A source asking for a key: its path as given, its hash, the key its path (or --name) gives."""

    given: str
    source_id: str
    key: str


@dataclass(frozen=True)
class Assignment:
    key: str
    supersedes: list[str] = field(default_factory=list)  # this source's older keys, dropped once it is written


DOCUMENTS_QUERY = """
SELECT ?g ?source ?sid ?at ?sha ?enc (COUNT(DISTINCT ?talk) AS ?talks) WHERE {
  GRAPH ?g {
    ?notes a tg:Notes .
    OPTIONAL { ?notes tg:sourcePath ?source }
    OPTIONAL { ?notes tg:sourceId ?sid }
    OPTIONAL { ?notes tg:ingestedAt ?at }
    OPTIONAL { ?notes tg:sha256 ?sha }
    OPTIONAL { ?notes tg:encoding ?enc }
    OPTIONAL { ?talk a tg:Talk }
  }
  FILTER(STRSTARTS(STR(?g), "%s"))
}
GROUP BY ?g ?source ?sid ?at ?sha ?enc ORDER BY ?g
"""


def has_notes(store: GraphStore) -> bool:
    """Whether any notes document is in the store (a new store starts with the bundled notes)."""
    return any(g.startswith(NOTES_GRAPH_PREFIX) for g in store.graphs())


def repair_interrupted(store: GraphStore) -> list[str]:
    """Remove what an ingest killed between two parts left (graphs marked incomplete), for a store just opened
    on a data directory this process holds: no other process can be writing there, so any mark is a crash's.
    Not for a SPARQL server (another client may be writing in parts right now) nor a store open read-only.
    The graphs removed. (Here, not in ingest.py, so a server starts without the linker.)"""
    if not isinstance(store, EmbeddedStore) or store.path is None or store.read_only:
        return []
    return repair_incomplete_writes(store)


def stored_documents(store: GraphStore) -> list[StoredDocument]:
    rows = store.select(sparql_prologue() + DOCUMENTS_QUERY % NOTES_GRAPH_PREFIX)

    def value(row, name):
        return row[name].value if row.get(name) is not None else None

    return [
        StoredDocument(
            key=row["g"].value.removeprefix(NOTES_GRAPH_PREFIX),
            source=value(row, "source"),
            source_id=value(row, "sid"),
            talks=int(row["talks"].value),
            ingested_at=value(row, "at"),
            sha256=value(row, "sha"),
            encoding=value(row, "enc"),
        )
        for row in rows
    ]


def assign_keys(
    claims: list[Claim], stored: list[StoredDocument], *, explicit: bool, replace: bool
) -> list[Assignment]:
    """The key each claim gets, in order, or DocumentConflict before anything is written."""
    holders: dict[str, tuple[str | None, str | None]] = {d.key: (d.source_id, d.source) for d in stored}
    keys_of_source = {d.source_id: d.key for d in stored if d.source_id}
    assignments: list[Assignment] = []
    for claim in claims:
        previous = keys_of_source.get(claim.source_id)
        if explicit or previous is None:
            key = _free_key(claim, holders, explicit=explicit, replace=replace)
        else:
            key = previous  # the same source again: it replaces itself, under the key it already has
        assignments.append(Assignment(key, [previous] if previous and previous != key else []))
        holders[key] = (claim.source_id, claim.given)
        keys_of_source[claim.source_id] = key
    return assignments


def _free_key(claim: Claim, holders: dict, *, explicit: bool, replace: bool) -> str:
    def held_by_other(key: str) -> bool:
        # a document stored before sources were recorded (no id) is taken to be this source's earlier ingest
        return key in holders and holders[key][0] not in (None, claim.source_id)

    if not held_by_other(claim.key) or replace:
        return claim.key
    holder = holders[claim.key][1]
    if explicit:
        raise DocumentConflict(
            f"the name {claim.key!r} already holds the document read from {holder}; "
            f"give {claim.given} another --name, or add --replace to replace that document"
        )
    key = f"{claim.key}-{claim.source_id[:DISAMBIGUATOR_LENGTH]}"
    if held_by_other(key):
        raise DocumentConflict(
            f"{claim.given} and {holders[key][1]} would both be stored as {key!r}; give one of them a --name"
        )
    return key
