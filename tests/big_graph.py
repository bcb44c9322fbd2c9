"""A generated store bigger than the overview's cap: 2,300 tools in 100 stars of 23 (a talk names each
leaf with its star's centre) and one more talk that names the last two leaves together. Quads are written
directly, without notes to parse; the analytics count them by SPARQL aggregates.

Weighted degree: a centre 22, the last two leaves 2, every other leaf 1. So the overview's 2,000 are the
100 centres, the last two leaves (which the order of IRIs alone would leave out) and the first 1,898
other leaves by IRI."""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode, Quad

from talkgraph.graph.rdf.store import EmbeddedStore
from talkgraph.graph.rdf.triples import notes_graph
from talkgraph.ontology import ID, SCHEMA, TG, VOCABULARY_GRAPH

TOOLS, STAR = 2300, 23
PAIR = (TOOLS - 2, TOOLS - 1)  # the two leaves named together once more
A = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
PREF_LABEL = NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")


def tool(i: int) -> str:
    return f"{ID}tool/gen-{i:04d}"


def label(i: int) -> str:
    return f"Gen {i:04d}"


def centre(i: int) -> int:
    return i - i % STAR


def most_central(limit: int) -> set[str]:
    """The overview's nodes by the rule above, for tests to compare with."""
    leaves = [i for i in range(TOOLS) if i != centre(i) and i not in PAIR]
    return {tool(i) for i in (*range(0, TOOLS, STAR), *PAIR, *leaves[: limit - TOOLS // STAR - len(PAIR)])}


def star_store() -> EmbeddedStore:
    vocabulary = NamedNode(str(VOCABULARY_GRAPH))
    quads = []
    for i in range(TOOLS):
        quads += [
            Quad(NamedNode(tool(i)), A, NamedNode(str(TG.Tool)), vocabulary),
            Quad(NamedNode(tool(i)), PREF_LABEL, Literal(label(i)), vocabulary),
        ]
    store = EmbeddedStore()
    store.replace_graph(str(VOCABULARY_GRAPH), quads)
    notes = notes_graph("generated")
    talks = [(i, centre(i)) for i in range(TOOLS) if i != centre(i)] + [PAIR]
    quads = []
    for number, named in enumerate(talks):
        talk = NamedNode(f"{ID}talk/generated/talk-{number}")
        quads += [
            Quad(talk, A, NamedNode(str(TG.Talk)), notes),
            Quad(talk, NamedNode(str(SCHEMA.name)), Literal(f"Generated talk {number}"), notes),
        ]
        quads += [Quad(talk, NamedNode(str(TG.mentions)), NamedNode(tool(i)), notes) for i in named]
    store.replace_graph(notes.value, quads)
    return store
