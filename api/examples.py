"""Example SPARQL queries for the mission's questions: shown on the home page and in the query editor,
and run by the tests, so an example that stops working fails CI."""

from __future__ import annotations

from dataclasses import dataclass

from talkgraph.ontology import sparql_prologue


@dataclass(frozen=True)
class Example:
    name: str
    query: str


def _q(body: str) -> str:
    return sparql_prologue() + body.strip() + "\n"


EXAMPLE_QUERIES = [
    Example(
        "Tools that co-occur with eBPF, ranked",
        _q("""
SELECT ?tool ?label ?talks ?score WHERE {
  ?c a tg:CoOccurrence ; tg:source ?topic ; tg:target ?tool ; tg:weight ?talks ; tg:score ?score .
  ?topic skos:prefLabel "eBPF" .
  ?tool skos:prefLabel ?label .
}
ORDER BY DESC(?score) DESC(?talks) ?label
"""),
    ),
    Example(
        "Topics related to a talk, with reasons",
        _q("""
SELECT ?topic ?score ?reason WHERE {
  ?talk schema:name "Beyond the buzzword: BPF’s Unexpected role in Kubernetes" .
  ?r a tg:TopicRelation ; tg:relationTalk ?talk ; tg:relationTopic ?t ; tg:score ?score ; tg:reason ?reason .
  ?t skos:prefLabel ?topic .
}
ORDER BY DESC(?score) ?topic
"""),
    ),
    Example(
        "Talks about a topic",
        _q("""
SELECT DISTINCT ?talk ?title WHERE {
  ?talk a tg:Talk ; schema:name ?title ; tg:hasTopic ?topic .
  ?topic skos:prefLabel "Observability" .
}
ORDER BY ?title
"""),
    ),
    Example(
        "Talks that mention a tool, with the sentence",
        _q("""
SELECT ?title ?sentence WHERE {
  ?m a tg:Mention ; tg:entity ?tool ; tg:talk ?talk ; tg:sentence ?sentence .
  ?tool skos:prefLabel "Prometheus" .
  ?talk schema:name ?title .
}
ORDER BY ?title
"""),
    ),
    Example(
        "Companies behind the tools of a topic",
        _q("""
SELECT ?company (GROUP_CONCAT(DISTINCT ?toolLabel; separator=", ") AS ?tools) WHERE {
  ?topic skos:prefLabel "Observability" .
  ?tool tg:inTopic ?topic ; tg:developedBy ?org ; skos:prefLabel ?toolLabel .
  ?org skos:prefLabel ?company .
}
GROUP BY ?company
ORDER BY DESC(COUNT(DISTINCT ?tool)) ?company
"""),
    ),
    Example(
        "The graph around a talk (CONSTRUCT)",
        _q("""
CONSTRUCT { ?talk tg:mentions ?e . ?e skos:prefLabel ?label . ?talk schema:name ?title . }
WHERE {
  ?talk a tg:Talk ; schema:name ?title ; tg:mentions ?e .
  ?e skos:prefLabel ?label .
  FILTER(CONTAINS(?title, "High Schoolers"))
}
"""),
    ),
]
