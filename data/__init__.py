"""Data shipped with Talkgraph: the bundled notes and the curated vocabulary (installed as ``talkgraph.data``).

The bundled notes are an attendee's public recap; ``notes/README.md`` (shipped beside them) credits the
author and the source.
"""

from importlib import resources
from pathlib import Path


def bundled_notes() -> Path:
    """The folder of the bundled notes (the default corpus a new store starts with)."""
    return Path(str(resources.files(__name__).joinpath("notes")))
