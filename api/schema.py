"""The schema as the query page shows it: the ontology's classes and properties with their labels, read
from ontology/talkgraph.ttl (for the editor's completion), and each class with the properties whose domain
it is and how many instances the store holds (the summary beside the editor)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS

from talkgraph.ontology import PREFIXES, ontology_graph

PROPERTY_TYPES = (OWL.ObjectProperty, OWL.DatatypeProperty)


@dataclass(frozen=True)
class Term:
    """A class or property of the ontology, as the editor offers it."""

    iri: str
    name: str  # prefixed, as a query writes it: tg:Talk
    label: str
    comment: str
    kind: str  # class or property


@dataclass(frozen=True)
class ClassSummary:
    """One class: its instances in the store and the properties the ontology gives it (by rdfs:domain)."""

    term: Term
    instances: int
    properties: tuple[Term, ...]


def prefixed(iri: str) -> str:
    """tg:Talk for …/ns#Talk; the IRI in angle brackets when no known prefix fits."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and iri != namespace:
            return f"{prefix}:{iri.removeprefix(namespace)}"
    return f"<{iri}>"


@dataclass(frozen=True)
class Schema:
    classes: tuple[Term, ...]
    properties: tuple[Term, ...]
    domains: dict[str, tuple[Term, ...]]  # class IRI → the properties whose domain it is (or is in a union)

    def summary(self, counts: dict[str, int]) -> list[ClassSummary]:
        """Every class, the ones with most instances first."""
        rows = [ClassSummary(c, counts.get(c.iri, 0), self.domains.get(c.iri, ())) for c in self.classes]
        return sorted(rows, key=lambda row: (-row.instances, row.term.name))


@cache
def ontology_schema() -> Schema:
    """Read once: the ontology ships with the package and does not change while the server runs."""
    graph = ontology_graph()
    classes = _terms(graph, (OWL.Class,), "class")
    properties = _terms(graph, PROPERTY_TYPES, "property")
    domains: dict[str, list[Term]] = {}
    for prop in properties:
        for domain in graph.objects(URIRef(prop.iri), RDFS.domain):
            for cls in _members(graph, domain):
                domains.setdefault(str(cls), []).append(prop)
    return Schema(classes, properties, {iri: tuple(props) for iri, props in domains.items()})


def _terms(graph: Graph, types: tuple[URIRef, ...], kind: str) -> tuple[Term, ...]:
    found = {s for t in types for s in graph.subjects(RDF.type, t) if isinstance(s, URIRef)}
    terms = [
        Term(
            str(s),
            prefixed(str(s)),
            str(graph.value(s, RDFS.label) or ""),
            str(graph.value(s, RDFS.comment) or ""),
            kind,
        )
        for s in found
    ]
    return tuple(sorted(terms, key=lambda t: t.name))


def _members(graph: Graph, domain) -> list:
    """A domain's classes: itself, or the members of its owl:unionOf."""
    if isinstance(domain, BNode):
        union = graph.value(domain, OWL.unionOf)
        return list(Collection(graph, union)) if union is not None else []
    return [domain]
