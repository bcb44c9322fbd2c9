"""What the store holds, counted: graph sizes (shared by the CLI's `stats` and the service description)
and the unknown-tool candidates across documents."""

from dataclasses import dataclass

from talkgraph.graph.linking.candidates import Candidate
from talkgraph.graph.rdf.store import GraphStore
from talkgraph.ontology import sparql_prologue

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


@dataclass(frozen=True)
class CandidateSummary:
    """A candidate as the store holds it across documents: how many talks name it, how often, one example."""

    label: str
    talks: int
    mentions: int
    example: str


def stored_candidates(store: GraphStore) -> list[CandidateSummary]:
    """The store's candidates, most talks first."""
    return [
        CandidateSummary(r["label"].value, int(r["talks"].value), int(r["n"].value), r["example"].value)
        for r in store.select(sparql_prologue() + STORED_CANDIDATES)
    ]


def extracted_candidates(candidates: list[Candidate]) -> list[CandidateSummary]:
    """One document's candidates in the same shape as the store's."""
    return [CandidateSummary(c.label, len(c.talks), c.count, c.evidence[0][1]) for c in candidates]
