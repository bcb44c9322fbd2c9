"""The README and CI agree with the code: the test command, every setting, every example query."""

from __future__ import annotations

import json
import re

import pytest
import rdflib
from rdflib.namespace import SKOS

from talkgraph.api.examples import EXAMPLE_QUERIES
from talkgraph.api.settings import Settings
from talkgraph.ontology import SCHEMA, TG
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text("utf-8")


def test_ci_runs_the_readme_test_command():
    commands = re.findall(r"```sh\n(.+?)\n```", README)
    test_command = next(c for c in commands if "pytest" in c)
    assert test_command in (ROOT / ".ci" / "run").read_text("utf-8").splitlines()


def test_readme_documents_every_setting_with_its_default_and_help():
    for name, default, help_text in Settings.documented():
        row = next((line for line in README.splitlines() if line.startswith(f"| `--{name.replace('_', '-')}`")), None)
        assert row is not None, f"setting {name} is not in the README"
        assert help_text in row
        shown = {None: "none", False: "off"}.get(
            default, f"{default:g}" if isinstance(default, float) else str(default)
        )
        assert f"| {shown} |" in row


@pytest.mark.parametrize("example", EXAMPLE_QUERIES, ids=[e.name for e in EXAMPLE_QUERIES])
def test_every_example_query_answers(client, example):
    response = client.get(
        "/sparql",
        params={"query": example.query},
        headers={"Accept": "application/sparql-results+json, text/turtle;q=0.9"},
    )
    assert response.status_code == 200, response.text
    if response.headers["content-type"].startswith("application/sparql-results+json"):
        assert json.loads(response.text)["results"]["bindings"], example.name
    else:  # a graph: it parses as Turtle, and every triple is one the CONSTRUCT template makes
        assert response.headers["content-type"].startswith("text/turtle")
        graph = rdflib.Graph().parse(data=response.text, format="turtle")
        predicates = {p for _, p, _ in graph}
        assert len(graph) >= 3 and predicates <= {TG.mentions, SKOS.prefLabel, SCHEMA.name}, example.name
