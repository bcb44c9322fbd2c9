"""SHACL validation of ingest output (pyshacl), with the ontology and vocabulary as context.

The ontology is in the data graph so that sh:class follows rdfs:subClassOf
(a tg:Company is a tg:Organization); the vocabulary gives topics their type.
"""

from __future__ import annotations

from pyoxigraph import Quad, RdfFormat, serialize
from pyshacl import validate
from rdflib import Graph

from talkgraph.graph.rdf.store import GraphStore
from talkgraph.ontology import NOTES_GRAPH_PREFIX, VOCABULARY_GRAPH, ontology_graph, shapes_graph


def validate_quads(quads: list[Quad], vocabulary: Graph | None = None) -> tuple[bool, str]:
    data = ontology_graph()
    data.parse(data=serialize([q.triple for q in quads], format=RdfFormat.N_TRIPLES), format="nt")
    if vocabulary is not None:
        data += vocabulary
    conforms, _, text = validate(data, shacl_graph=shapes_graph(), inference="none", allow_warnings=True)
    return bool(conforms), text


def validate_store(store: GraphStore) -> tuple[bool, str]:
    notes = [q for g in sorted(store.graphs()) if g.startswith(NOTES_GRAPH_PREFIX) for q in store.quads(g)]
    vocabulary = Graph()
    vocabulary.parse(
        data=serialize([q.triple for q in store.quads(str(VOCABULARY_GRAPH))], format=RdfFormat.N_TRIPLES), format="nt"
    )
    return validate_quads(notes, vocabulary)
