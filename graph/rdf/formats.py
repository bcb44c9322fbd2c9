"""Every result and RDF format Talkgraph reads or writes, in one table.

Each row says what the format is called (its key, and the short names `?format=` and the CLI accept), the
media types that ask for it (the first is the one served), how pyoxigraph and rdflib name it, and its W3C
format IRI for the service description. Negotiation, serialisation, the CLI and the service description
read their views of it from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pyoxigraph import QueryResultsFormat, RdfFormat

W3C_FORMATS = "http://www.w3.org/ns/formats/"


@dataclass(frozen=True)
class Format:
    key: str
    kind: Literal["results", "graph"]  # SELECT/ASK results, or RDF (CONSTRUCT/DESCRIBE, graphs, exports)
    media_types: tuple[str, ...]  # the first is the Content-Type served
    oxigraph: QueryResultsFormat | RdfFormat
    w3c: str  # name under http://www.w3.org/ns/formats/
    aliases: tuple[str, ...] = ()  # other names for ?format= and the CLI
    rdflib: str | None = None  # rdflib's serializer name, for graphs rdflib writes (the service description)
    datasets: bool = False  # keeps named graphs

    @property
    def media_type(self) -> str:
        return self.media_types[0]


FORMATS = (
    Format("json", "results", ("application/sparql-results+json", "application/json"), QueryResultsFormat.JSON,
           "SPARQL_Results_JSON", ("srj",)),
    Format("xml", "results", ("application/sparql-results+xml", "application/xml", "text/xml"),
           QueryResultsFormat.XML, "SPARQL_Results_XML", ("srx",)),
    Format("csv", "results", ("text/csv; charset=utf-8",), QueryResultsFormat.CSV, "SPARQL_Results_CSV"),
    Format("tsv", "results", ("text/tab-separated-values; charset=utf-8",), QueryResultsFormat.TSV,
           "SPARQL_Results_TSV"),
    Format("turtle", "graph", ("text/turtle; charset=utf-8", "application/x-turtle"), RdfFormat.TURTLE, "Turtle",
           ("ttl",), "turtle"),
    Format("ntriples", "graph", ("application/n-triples", "text/plain"), RdfFormat.N_TRIPLES, "N-Triples",
           ("nt",), "nt"),
    Format("nquads", "graph", ("application/n-quads",), RdfFormat.N_QUADS, "N-Quads", ("nq",), "nquads", True),
    Format("jsonld", "graph", ("application/ld+json", "application/json"), RdfFormat.JSON_LD, "JSON-LD",
           ("json-ld",), "json-ld", True),
    Format("rdfxml", "graph", ("application/rdf+xml", "application/xml"), RdfFormat.RDF_XML, "RDF_XML",
           ("rdf",), "xml"),
    Format("trig", "graph", ("application/trig",), RdfFormat.TRIG, "TriG", (), "trig", True),
)  # fmt: skip
BY_KEY = {f.key: f for f in FORMATS}


def media_map(kind: str) -> dict[str, str]:
    """Media type (without parameters) → format key, for one kind of answer."""
    return {m.split(";")[0]: f.key for f in FORMATS if f.kind == kind for m in f.media_types}


def by_name(name: str) -> Format | None:
    """A format by key or alias ("ttl", "nq", "srj" …), case-insensitive."""
    name = name.lower()
    return next((f for f in FORMATS if name == f.key or name in f.aliases), None)
