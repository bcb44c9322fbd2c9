"""RDF and the store: extractions → triples → named graphs in a store, and the SPARQL guards around it."""
