"""What the home page says the corpus is: its events (with their talks and the days the notes give)
and the notes documents (key, source, talks, when ingested). Two small aggregates, read once per write."""

from __future__ import annotations

from dataclasses import dataclass

from talkgraph.graph.documents import StoredDocument, stored_documents
from talkgraph.graph.rdf.store import GraphStore
from talkgraph.ontology import sparql_prologue

EVENTS = """
SELECT ?event (SAMPLE(?name) AS ?label) (COUNT(DISTINCT ?talk) AS ?talks) (SAMPLE(?min) AS ?first)
       (SAMPLE(?max) AS ?last)
WHERE {
  ?event a tg:Event .
  OPTIONAL { ?event schema:name ?name }
  OPTIONAL { ?talk tg:partOf ?event }
  OPTIONAL {  # over the talks that have a day only: one without would make MIN an error
    SELECT ?event (MIN(?day) AS ?min) (MAX(?day) AS ?max) WHERE { ?dated tg:partOf ?event ; tg:day ?day } GROUP BY ?event
  }
}
GROUP BY ?event ORDER BY ?label ?event
"""


@dataclass(frozen=True)
class EventSummary:
    iri: str
    label: str
    talks: int
    days: tuple[int, int] | None  # the first and last day the notes give its talks, if they give any


@dataclass(frozen=True)
class Corpus:
    events: list[EventSummary]
    documents: list[StoredDocument]


def read_corpus(store: GraphStore) -> Corpus:
    events = []
    for row in store.select(sparql_prologue() + EVENTS):
        first, last = row.get("first"), row.get("last")
        label = row.get("label")
        events.append(
            EventSummary(
                row["event"].value,
                label.value if label is not None else row["event"].value,
                int(row["talks"].value),
                (int(first.value), int(last.value)) if first is not None and last is not None else None,
            )
        )
    return Corpus(events, stored_documents(store))
