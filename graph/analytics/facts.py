"""What the vocabulary says of its entries beyond the graph: other names, definitions, maturity, governing body.

Read once per analytics view: the explorer's typeahead folds aliases, resource pages show the facts.
"""

from __future__ import annotations

from dataclasses import dataclass

from talkgraph.graph.rdf.store import GraphStore
from talkgraph.ontology import sparql_prologue


@dataclass(frozen=True)
class Facts:
    """What the vocabulary says of an entry beyond the graph: its definition, maturity, governing body."""

    definition: str | None = None
    maturity: str | None = None  # Graduated, Incubating, Sandbox
    governed_by: tuple[str, ...] = ()


def read_aliases(store: GraphStore) -> dict[str, list[str]]:
    """Each entry's other names (skos:altLabel), sorted."""
    found: dict[str, list[str]] = {}
    query = sparql_prologue() + "SELECT ?x ?alias WHERE { ?x skos:altLabel ?alias } ORDER BY ?x ?alias"
    for row in store.select(query):
        found.setdefault(row["x"].value, []).append(row["alias"].value)
    return found


def read_facts(store: GraphStore) -> dict[str, Facts]:
    """Definitions, maturity levels and governing bodies, by entry IRI."""
    found: dict[str, dict] = {}
    query = sparql_prologue() + (
        "SELECT ?x ?definition ?maturity ?governor WHERE { { ?x skos:definition ?definition } "
        "UNION { ?x tg:maturity ?maturity } UNION { ?x tg:governedBy ?governor } }"
    )
    for row in store.select(query):
        entry = found.setdefault(row["x"].value, {"governed_by": ()})
        if row.get("definition") is not None:
            entry["definition"] = row["definition"].value
        if row.get("maturity") is not None:
            entry["maturity"] = row["maturity"].value.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        if row.get("governor") is not None:
            entry["governed_by"] = (*entry["governed_by"], row["governor"].value)
    return {iri: Facts(**entry) for iri, entry in found.items()}
