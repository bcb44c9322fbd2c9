"""Talkgraph's pipeline: notes → talks → mentions → triples → store → analytics → pages."""
