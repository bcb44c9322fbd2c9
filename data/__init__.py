"""Data shipped with Talkgraph: the bundled notes and the curated vocabulary (installed as ``talkgraph.data``)."""
