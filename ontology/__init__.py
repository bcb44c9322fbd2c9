"""Talkgraph's namespaces and the loaders for its ontology and shapes.

Every IRI the code mints comes from here, so the ontology, the vocabulary and
the instances can never disagree about a prefix.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum
from importlib import resources

from rdflib import Graph, Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

TG = Namespace("https://w3id.org/talkgraph/ns#")
ID = Namespace("https://w3id.org/talkgraph/id/")
SCHEMA = Namespace("https://schema.org/")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")


class EntityClass(StrEnum):
    """The kinds of node the explorer shows, spelled one way everywhere (a StrEnum compares equal to its name)."""

    TALK = "Talk"
    TOOL = "Tool"
    PROJECT = "Project"
    TOPIC = "Topic"
    COMPANY = "Company"
    PERSON = "Person"
    EVENT = "Event"


SOFTWARE = (EntityClass.TOOL, EntityClass.PROJECT)  # what co-occurrence ranks
FOCUSABLE = (EntityClass.TOPIC, *SOFTWARE)  # what a co-occurrence question can be about

# Named graphs that are not notes documents.
ONTOLOGY_GRAPH = ID["graph/ontology"]
VOCABULARY_GRAPH = ID["graph/vocabulary"]
DERIVED_GRAPH = ID["graph/derived"]
NOTES_GRAPH_PREFIX = str(ID) + "graph/notes/"

PREFIXES = {
    "tg": str(TG),
    "tgid": str(ID),
    "schema": str(SCHEMA),
    "skos": str(SKOS),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "dcterms": str(DCTERMS),
}


def sparql_prologue() -> str:
    """The PREFIX lines every built-in query starts with."""
    return "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())


def slug(text: str) -> str:
    """A readable, stable IRI segment: ASCII, lower case, dashes between words."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = text.replace("+", " plus ").replace("&", " and ").replace("#", " sharp ")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def _load(name: str) -> Graph:
    graph = Graph()
    graph.parse(data=resources.files(__name__).joinpath(name).read_text("utf-8"), format="turtle")
    return graph


def ontology_graph() -> Graph:
    """The OWL ontology (ontology/talkgraph.ttl)."""
    return _load("talkgraph.ttl")


def shapes_graph() -> Graph:
    """The SHACL shapes ingest output must satisfy (ontology/shapes.ttl)."""
    return _load("shapes.ttl")
