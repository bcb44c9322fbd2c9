"""What the store says of one resource, for its page: a talk's own facts (event, day, kind, slides,
speakers, notes), and for any other IRI (a mention, a notes document, an ontology term) its statements
both ways. Each is a lookup by one subject or object, bounded by a limit: never a scan of the store."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from pyoxigraph import NamedNode

from talkgraph.graph.rdf.store import SERVER_GRAPHS_PATTERN, GraphStore
from talkgraph.ontology import sparql_prologue

NAME = "rdfs:label|schema:name|skos:prefLabel"  # what a resource is called, whichever it has

TALK_FACTS = """
SELECT ?p ?o (SAMPLE(?name) AS ?label) WHERE {
  VALUES ?p { tg:partOf tg:day tg:kind tg:slides tg:presentedBy prov:wasDerivedFrom }
  %(talk)s ?p ?o .
  OPTIONAL { ?o %(names)s ?name }
}
GROUP BY ?p ?o ORDER BY ?p ?label ?o
"""

# A statement, and the name of its other end, from the user's graphs only: not from those a server keeps for
# itself (Virtuoso's copy of OWL would name owl:Class "Class").
OUTGOING = """
SELECT ?p ?o (SAMPLE(?name) AS ?label) WHERE {
  GRAPH ?g { %(iri)s ?p ?o } %(ours_g)s
  OPTIONAL { GRAPH ?n { ?o %(names)s ?name } %(ours_n)s }
}
GROUP BY ?p ?o ORDER BY ?p ?o LIMIT %(limit)d
"""

INCOMING = """
SELECT ?p ?o (SAMPLE(?name) AS ?label) WHERE {
  GRAPH ?g { ?o ?p %(iri)s } %(ours_g)s
  OPTIONAL { GRAPH ?n { ?o %(names)s ?name } %(ours_n)s }
}
GROUP BY ?p ?o ORDER BY ?p ?o LIMIT %(limit)d
"""


def _ours(variable: str) -> str:
    return f"FILTER(!REGEX(STR({variable}), {json.dumps(SERVER_GRAPHS_PATTERN)}))"


@dataclass(frozen=True)
class Value:
    """One end of a statement: an IRI (with its name, if it has one) or a literal's text."""

    value: str
    is_iri: bool
    label: str | None = None


@dataclass
class TalkFacts:
    event: Value | None = None
    day: int | None = None
    kind: str | None = None  # its label: keynote, talk, tutorial …
    slides: list[str] = field(default_factory=list)
    speakers: list[Value] = field(default_factory=list)
    notes: Value | None = None  # the notes document it was read from


@dataclass(frozen=True)
class Statement:
    predicate: str
    other: Value  # the object of an outgoing statement, the subject of an incoming one


def talk_facts(store: GraphStore, talk: str) -> TalkFacts:
    facts = TalkFacts()
    query = sparql_prologue() + TALK_FACTS % {"talk": NamedNode(talk), "names": NAME}
    for row in store.select(query):
        predicate, value = row["p"].value.rsplit("#", 1)[-1], _value(row)
        if predicate == "partOf":
            facts.event = value
        elif predicate == "day":
            facts.day = int(value.value)
        elif predicate == "kind":
            facts.kind = value.label or value.value.rsplit("#", 1)[-1]
        elif predicate == "slides":
            facts.slides.append(value.value)
        elif predicate == "presentedBy":
            facts.speakers.append(value)
        else:
            facts.notes = value
    return facts


def statements(store: GraphStore, iri: str, limit: int) -> tuple[list[Statement], list[Statement]]:
    """What the IRI says (its outgoing statements) and what says something of it (incoming), each at most
    `limit`, by predicate."""
    term = NamedNode(iri)  # ValueError for a string that is not an IRI
    found = []
    for template in (OUTGOING, INCOMING):
        query = sparql_prologue() + template % {
            "iri": term,
            "names": NAME,
            "limit": limit,
            "ours_g": _ours("?g"),
            "ours_n": _ours("?n"),
        }
        found.append([Statement(row["p"].value, _value(row)) for row in store.select(query)])
    return found[0], found[1]


def _value(row) -> Value:
    term, label = row["o"], row.get("label")
    return Value(term.value, isinstance(term, NamedNode), label.value if label is not None else None)
