"""SHACL validation of ingest output (pyshacl), with the ontology and vocabulary as context.

The ontology is in the data graph so that sh:class follows rdfs:subClassOf
(a tg:Company is a tg:Organization); the vocabulary gives topics their type.
Of the vocabulary, only the entries the notes reach are added (and so validated), with the user's own entries
(`also`): the shapes target every tool, topic and organisation, and validating thousands of entries nobody named
cost most of each check.
"""

from __future__ import annotations

from collections.abc import Collection

from pyoxigraph import Quad, RdfFormat, serialize
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from talkgraph.graph.rdf.store import GraphStore
from talkgraph.ontology import NOTES_GRAPH_PREFIX, VOCABULARY_GRAPH, ontology_graph, shapes_graph


def validate_quads(
    quads: list[Quad], vocabulary: Graph | None = None, whole_vocabulary: bool = False, also: Collection[str] = ()
) -> tuple[bool, str]:
    """The quads against the shapes, with the vocabulary's entries they reach and the entries `also` names (or all
    of it, `whole_vocabulary`)."""
    notes = Graph()
    notes.parse(data=serialize([q.triple for q in quads], format=RdfFormat.N_TRIPLES), format="nt")
    data = ontology_graph() + notes
    if vocabulary is not None:
        data += vocabulary if whole_vocabulary else reached(vocabulary, notes, [URIRef(iri) for iri in also])
    conforms, _, text = validate(data, shacl_graph=shapes_graph(), inference="none", allow_warnings=True)
    return bool(conforms), text


def reached(vocabulary: Graph, notes: Graph, roots: Collection[Node] = ()) -> Graph:
    """The vocabulary's triples about the nodes the notes name (and `roots`), and about the nodes those triples
    name, and so on."""
    found = Graph()
    seen: set[Node] = set()
    todo = [node for triple in notes for node in (triple[0], triple[2]) if not isinstance(node, Literal)]
    todo += roots
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for triple in vocabulary.triples((node, None, None)):
            found.add(triple)
            if not isinstance(triple[2], Literal):
                todo.append(triple[2])
    return found


def validate_store(store: GraphStore, whole_vocabulary: bool = False, also: Collection[str] = ()) -> tuple[bool, str]:
    notes = [q for g in sorted(store.graphs()) if g.startswith(NOTES_GRAPH_PREFIX) for q in store.quads(g)]
    vocabulary = Graph()
    vocabulary.parse(
        data=serialize([q.triple for q in store.quads(str(VOCABULARY_GRAPH))], format=RdfFormat.N_TRIPLES), format="nt"
    )
    return validate_quads(notes, vocabulary, whole_vocabulary, also)
