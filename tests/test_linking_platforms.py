"""A platform and the company that runs it share a name (GitHub, Datadog): the bundled vocabulary makes the name
the platform, a tool, and "an engineer at GitHub" its company. Written for the test."""

from __future__ import annotations

from talkgraph.graph.linking.extract import extract
from talkgraph.graph.linking.linker import Linker
from talkgraph.graph.linking.vocabulary import load_vocabulary
from talkgraph.graph.notes.segment import parse_notes

NOTES = """# WidgetConf

## Using Python, Travis CI, and GitHub to Deploy Docs

Tom Reyes showed how the docs deploy themselves on every merge.

## Bots that page people

Ann Lee, a staff engineer at GitHub, showed the bots her team runs.

## Metrics at scale

Mira Okafor, Staff Engineer at Datadog, spoke about the cost of metrics.
"""


def test_a_platform_is_a_tool_and_its_name_after_at_its_company():
    talks = extract(parse_notes(NOTES, "n.md"), Linker(load_vocabulary())).as_json()["talks"]
    assert [(t["tools"], t["companies"]) for t in talks] == [
        (["Travis CI", "GitHub"], []),
        ([], ["GitHub"]),
        ([], ["Datadog"]),
    ]
