"""Talkgraph's service: the FastAPI app (SPARQL endpoint, JSON API, pages) and the CLI."""
