"""The SPARQL service description and VoID statistics served at the endpoint's URL."""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from talkgraph.api.settings import Settings
from talkgraph.graph.rdf.formats import FORMATS, W3C_FORMATS
from talkgraph.graph.rdf.statistics import DatasetSizes
from talkgraph.ontology import SD, VOID


def service_description(endpoint: str, settings: Settings, sizes: DatasetSizes, class_sizes: dict[str, int]) -> Graph:
    """The service and its dataset's VoID statistics, from the sizes the app keeps until the next write:
    the description counts nothing per request."""
    graph = Graph()
    graph.bind("sd", SD)
    graph.bind("void", VOID)
    service = URIRef(endpoint)
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, service))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    if settings.update_token:
        graph.add((service, SD.supportedLanguage, SD.SPARQL11Update))
    graph.add((service, SD.feature, SD.UnionDefaultGraph))
    if settings.allow_remote:  # no sd:EmptyGraphs ever: a graph left without triples is gone
        graph.add((service, SD.feature, SD.BasicFederatedQuery))
    for served in FORMATS:
        graph.add((service, SD.resultFormat, URIRef(W3C_FORMATS + served.w3c)))
    dataset = BNode("dataset")
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    graph.add((dataset, RDF.type, VOID.Dataset))
    default = BNode("default-graph")
    graph.add((dataset, SD.defaultGraph, default))
    graph.add((default, RDF.type, SD.Graph))
    # every triple is in a named graph: the dataset's size is their sum
    graph.add((dataset, VOID.triples, Literal(sum(sizes.graphs.values()), datatype=XSD.integer)))
    graph.add((dataset, VOID.entities, Literal(sizes.typed_subjects, datatype=XSD.integer)))
    graph.add((dataset, VOID.classes, Literal(len(class_sizes), datatype=XSD.integer)))
    graph.add((dataset, VOID.sparqlEndpoint, service))
    for cls, instances in sorted(class_sizes.items()):
        partition = BNode()
        graph.add((dataset, VOID.classPartition, partition))
        graph.add((partition, VOID["class"], URIRef(cls)))
        graph.add((partition, VOID.entities, Literal(instances, datatype=XSD.integer)))
    for name, size in sizes.graphs.items():
        named, subset = BNode(), URIRef(name)
        graph.add((dataset, SD.namedGraph, named))
        graph.add((named, RDF.type, SD.NamedGraph))
        graph.add((named, SD.name, subset))
        graph.add((named, SD.graph, subset))
        graph.add((subset, RDF.type, SD.Graph))
        graph.add((subset, RDF.type, VOID.Dataset))
        graph.add((dataset, VOID.subset, subset))
        graph.add((subset, VOID.triples, Literal(size, datatype=XSD.integer)))
    return graph
