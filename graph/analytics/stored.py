"""How the analytics' counts live in the store, and how they are read back.

The derived graph holds the entity graph's counts, bounded by the vocabulary whatever the number of talks:
the number of talks (on the graph's own IRI, with a hash of the vocabulary they were counted with), each
entity's number of talks (tg:talkCount), and one tg:CoOccurrence node per pair of entities named in the same
talks (tg:weight: how many). Pairs whose target is a tool or project also carry tg:score and a
tg:coOccursWith shortcut: the ranking SPARQL users ask for. Each notes document has its own analytics graph
beside it (its talks' related topics), written in the same transaction as the document.
"""

from __future__ import annotations

from collections import Counter

from talkgraph.graph.analytics.links import COUNTED_CLASSES, Counts, Pair, Reference, cooccurrence_score
from talkgraph.graph.rdf.store import GraphStore
from talkgraph.ontology import DERIVED_GRAPH, ID, NOTES_GRAPH_PREFIX, RDF, SOFTWARE, TG, XSD, sparql_prologue

ANALYTICS_GRAPH_PREFIX = str(ID) + "graph/analytics/"
SCORED_TARGETS = SOFTWARE  # the pairs that carry a score: what co-occurs with a topic or tool
_RANK = {"Topic": 0, "Tool": 1, "Project": 1, "Company": 2}  # which end of a pair is its source

Triple = tuple[str, str, str]  # subject, predicate, object as N-Triples terms


def analytics_graph(notes_graph: str) -> str:
    """The analytics graph that goes with a notes document's graph."""
    return ANALYTICS_GRAPH_PREFIX + notes_graph.removeprefix(NOTES_GRAPH_PREFIX)


def _iri(value) -> str:
    return f"<{value}>"


_INTEGER, _DECIMAL = f"^^<{XSD.integer}>", f"^^<{XSD.decimal}>"


def _int(n: int) -> str:
    return f'"{n}"{_INTEGER}'


def decimal(value: float) -> str:
    return f'"{value:.4f}"{_DECIMAL}'


_TYPE, _COOCCURRENCE = _iri(RDF.type), _iri(TG.CoOccurrence)
_SOURCE, _TARGET, _WEIGHT, _SCORE = _iri(TG.source), _iri(TG.target), _iri(TG.weight), _iri(TG.score)
_CO_OCCURS, _TALK_COUNT, _HASH = _iri(TG.coOccursWith), _iri(TG.talkCount), _iri(TG.vocabularyHash)
_INCOMPLETE = _iri(TG.incompleteWrite)
_DERIVED = _iri(DERIVED_GRAPH)
_COOCCURRENCE_BASE = f"{ID}cooccurrence/"


def oriented(pair: Pair, classes: dict[str, str]) -> Pair:
    """(source, target): a topic before a tool before a company, else the smaller IRI first."""
    a, b = pair
    return (a, b) if (_RANK[classes[a]], a) <= (_RANK[classes[b]], b) else (b, a)


def _segment(iri: str) -> str:
    return "-".join(iri.rsplit("/", 2)[-2:])


def pair_values(pair: Pair, counts: Counts, classes: dict[str, str]) -> tuple[int, float | None]:
    """What the derived graph says of a pair under these counts: its weight, and its score if it has one."""
    weight = counts.pairs.get(pair, 0)
    if not weight:
        return 0, None
    source, target = oriented(pair, classes)
    if classes[target] not in SCORED_TARGETS:
        return weight, None
    return weight, cooccurrence_score(weight, counts.entities[source], counts.entities[target])


def pair_triples(pair: Pair, values: tuple[int, float | None], classes: dict[str, str]) -> list[Triple]:
    """The derived graph's triples for one pair with these values (none once no talk names both)."""
    weight, score = values
    if not weight:
        return []
    source, target = oriented(pair, classes)
    node = f"<{_COOCCURRENCE_BASE}{_segment(source)}--{_segment(target)}>"
    out = [
        (node, _TYPE, _COOCCURRENCE),
        (node, _SOURCE, _iri(source)),
        (node, _TARGET, _iri(target)),
        (node, _WEIGHT, _int(weight)),
    ]
    if score is not None:
        out += [(node, _SCORE, decimal(score)), (_iri(source), _CO_OCCURS, _iri(target))]
    return out


def entity_triples(entity: str, counts: Counts) -> list[Triple]:
    n = counts.entities.get(entity, 0)
    return [(_iri(entity), _TALK_COUNT, _int(n))] if n else []


def header_triples(counts: Counts, vocabulary_hash: str) -> list[Triple]:
    return [(_DERIVED, _TALK_COUNT, _int(counts.talks)), (_DERIVED, _HASH, f'"{vocabulary_hash}"')]


def all_triples(counts: Counts, ref: Reference, vocabulary_hash: str) -> list[Triple]:
    out = header_triples(counts, vocabulary_hash)
    for entity in sorted(counts.entities):
        out += entity_triples(entity, counts)
    for pair in sorted(counts.pairs):
        out += pair_triples(pair, pair_values(pair, counts, ref.classes), ref.classes)
    return out


def read_counts(store: GraphStore) -> tuple[Counts, str] | None:
    """The stored counts and the hash of the vocabulary they were made with; None when the derived graph
    holds none (an empty store, or one written before counts were stored)."""
    header = read_entity_counts(store)
    if header is None:
        return None
    counts, vocabulary = header
    for row in store.select(
        sparql_prologue() + "SELECT (CONCAT(STR(?s), ' ', STR(?t), ' ', STR(?w)) AS ?x) "
        f"WHERE {{ GRAPH {_DERIVED} {{ ?c tg:source ?s ; tg:target ?t ; tg:weight ?w }} }}"
    ):
        a, b, w = row["x"].value.split(" ")
        counts.pairs[(a, b) if a < b else (b, a)] = int(w)
    return counts, vocabulary


def read_entity_counts(store: GraphStore) -> tuple[Counts, str] | None:
    """The stored counts without their pairs (the number of talks and each entity's: one row per entity, bounded
    by the vocabulary), and the vocabulary's hash; None when the derived graph holds no counts."""
    p = sparql_prologue()
    header = store.select(
        p + f"SELECT ?n ?h WHERE {{ GRAPH {_DERIVED} {{ {_DERIVED} tg:talkCount ?n ; tg:vocabularyHash ?h }} }}"
    )
    if not header:
        return None
    counts = Counts(talks=int(header[0]["n"].value))
    # one string per row: a third of the time of three terms per row, for a table of every pair
    for row in store.select(
        p + f"SELECT (CONCAT(STR(?e), ' ', STR(?n)) AS ?x) WHERE {{ GRAPH {_DERIVED} {{ ?e tg:talkCount ?n "
        f"FILTER(?e != {_DERIVED}) }} }}"
    ):
        entity, n = row["x"].value.split(" ")
        counts.entities[entity] = int(n)
    return counts, header[0]["h"].value


def read_pairs_of(store: GraphStore, entity: str) -> dict[str, int]:
    """How many talks name entity together with each other entity, from the stored pairs: the derived graph's
    index on the entity finds them, so one entity costs its own neighbours, not the table of every pair."""
    out: dict[str, int] = {}
    for row in store.select(
        sparql_prologue() + f"SELECT (CONCAT(STR(?o), ' ', STR(?w)) AS ?x) WHERE {{ GRAPH {_DERIVED} {{ "
        f"{{ ?c tg:source <{entity}> ; tg:target ?o }} UNION {{ ?c tg:target <{entity}> ; tg:source ?o }} "
        "?c tg:weight ?w } }"
    ):
        other, w = row["x"].value.split(" ")
        out[other] = int(w)
    return out


def incomplete_writes(store: GraphStore) -> list[str]:
    """Notes graphs being written or removed in parts (graph/analytics/derived.py), or left so by a crash: not
    counted in the derived graph, and no document until the mark is gone."""
    rows = store.select(f"SELECT ?g WHERE {{ GRAPH {_DERIVED} {{ {_DERIVED} {_INCOMPLETE} ?g }} }}")
    return sorted(row["g"].value for row in rows)


def incomplete_mark(graph: str) -> Triple:
    return (_DERIVED, _INCOMPLETE, _iri(graph))


def aggregate_counts(store: GraphStore, ref: Reference, graph: str | None = None) -> Counts:
    """The same counts as SPARQL aggregates over the talks' links, run by the store (a remote server counts
    on its side): for a store whose derived graph holds no counts yet, or (graph) for one document too large
    to read into memory."""
    p = sparql_prologue()
    links = "tg:mentions|tg:hasTopic"
    counted = {e for e, c in ref.classes.items() if c in COUNTED_CLASSES}

    def where(pattern: str) -> str:
        return f"GRAPH <{graph}> {{ {pattern} }}" if graph else pattern

    talks = store.select(p + f"SELECT (COUNT(?t) AS ?n) WHERE {{ {where('?t a tg:Talk')} }}")
    counts = Counts(talks=int(talks[0]["n"].value) if talks else 0)
    for row in store.select(
        p + f"SELECT ?e (COUNT(DISTINCT ?t) AS ?n) WHERE {{ {where(f'?t a tg:Talk ; {links} ?e')} }} GROUP BY ?e"
    ):
        if row["e"].value in counted:
            counts.entities[row["e"].value] = int(row["n"].value)
    pairs: Counter[Pair] = Counter()
    for row in store.select(
        p + f"SELECT ?a ?b (COUNT(DISTINCT ?t) AS ?n) WHERE {{ {where(f'?t a tg:Talk ; {links} ?a, ?b')} "
        "FILTER(STR(?a) < STR(?b)) } GROUP BY ?a ?b"
    ):
        a, b = row["a"].value, row["b"].value
        if a in counted and b in counted:
            pairs[(a, b)] = int(row["n"].value)
    counts.pairs = pairs
    return counts
