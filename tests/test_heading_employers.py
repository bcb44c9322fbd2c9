"""A vocabulary name after a speaker in a heading is their employer only if it can stand for an organisation."""

from __future__ import annotations

import pytest

from talkgraph.graph.linking.extract import extract
from talkgraph.graph.linking.linker import employer_labels
from talkgraph.graph.notes.segment import parse_notes


def speakers_and_companies(linker, heading: str) -> list[tuple[list[str], list[str]]]:
    text = f"# Recap\n\n## {heading}\n\nShe moved the queues to shared memory.\n"
    return [(t["speakers"], t["companies"]) for t in extract(parse_notes(text, "n.md"), linker).as_json()["talks"]]


@pytest.mark.parametrize(
    "heading, expected",
    [
        ("Zero-copy queues - Ann Lee, Kafka", (["Ann Lee"], [])),  # a project LinkedIn and Confluent make
        ("Zero-copy queues - Ann Lee, Prometheus", (["Ann Lee"], [])),  # made by SoundCloud
        ("Zero-copy queues - Ann Lee, Confluent", (["Ann Lee"], ["Confluent"])),  # a company entry
        ("Zero-copy queues - Ann Lee, Datadog", (["Ann Lee"], ["Datadog"])),  # a product made by its namesake
        ("Zero-copy queues - Ann Lee, Initech", (["Ann Lee"], ["Initech"])),  # unknown, shaped as a name
    ],
)
def test_only_organisations_and_their_namesake_products_become_a_speakers_employer(linker, heading, expected):
    assert speakers_and_companies(linker, heading) == [expected]


def test_which_vocabulary_names_may_be_employers(vocabulary):
    labels = employer_labels(vocabulary)
    assert {"confluent", "datadog", "grafana"} <= labels  # a company; products named after their makers
    assert not {"kafka", "apache kafka", "prometheus", "kubernetes", "envoy"} & labels  # others' products


def test_a_product_bearing_its_makers_name_stands_for_the_maker(vocabulary):
    labels = employer_labels(vocabulary)
    assert {"google cloud", "microsoft azure"} <= labels  # made by Google, by Microsoft
