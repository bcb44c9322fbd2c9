"""A speaker's affiliation in a heading is kept as written; a vocabulary name standing beside a speaker as a name
of its own is their employer only if it can stand for an organisation."""

from __future__ import annotations

import pytest

from talkgraph.graph.linking.extract import extract
from talkgraph.graph.linking.linker import employer_labels
from talkgraph.graph.notes.bylines import split_heading
from talkgraph.graph.notes.segment import parse_notes


def speakers_and_companies(linker, heading: str) -> list[tuple[list[str], list[str]]]:
    text = f"# Recap\n\n## {heading}\n\nShe moved the queues to shared memory.\n"
    return [(t["speakers"], t["companies"]) for t in extract(parse_notes(text, "n.md"), linker).as_json()["talks"]]


@pytest.mark.parametrize(
    "heading, expected",
    [
        ("Zero-copy queues - Ann Lee (Cilium)", (["Ann Lee"], ["Cilium"])),  # as the notes say: her project
        ("Zero-copy queues - Ann Lee, Confluent", (["Ann Lee"], ["Confluent"])),  # a company entry
        ("Zero-copy queues - Ann Lee, Initech", (["Ann Lee"], ["Initech"])),  # unknown, shaped as a name
        ("Zero-copy queues - Ann Lee & Apache Kafka", (["Ann Lee"], [])),  # a project LinkedIn and Confluent make
    ],
)
def test_an_affiliation_is_kept_and_a_vocabulary_name_beside_a_speaker_employs_only_as_an_organisation(
    linker, heading, expected
):
    assert speakers_and_companies(linker, heading) == [expected]


def test_which_vocabulary_names_may_be_employers(vocabulary):
    labels = employer_labels(vocabulary)
    assert {"confluent", "datadog", "grafana"} <= labels  # a company; products named after their makers
    assert not {"kafka", "apache kafka", "prometheus", "kubernetes", "envoy"} & labels  # others' products


def test_a_product_bearing_its_makers_name_stands_for_the_maker(vocabulary):
    labels = employer_labels(vocabulary)
    assert {"google cloud", "microsoft azure"} <= labels  # made by Google, by Microsoft


@pytest.mark.parametrize(
    ("heading", "title", "speakers"),
    [
        ("Zero-copy queues - Ann Lee - Initech", "Zero-copy queues", [("Ann Lee", "Initech")]),
        ("Scaling Queues – Ann Lee – Acme", "Scaling Queues", [("Ann Lee", "Acme")]),
        (
            "Zero-copy queues | Ann Lee & Tom Reyes | Initrode Labs",
            "Zero-copy queues",
            [("Ann Lee", "Initrode Labs"), ("Tom Reyes", "Initrode Labs")],
        ),
        ("Kubernetes - The Hard Way - Kelsey Hightower", "Kubernetes - The Hard Way", [("Kelsey Hightower", None)]),
    ],
)
def test_an_employer_written_as_a_field_of_its_own_after_the_people_is_theirs(heading, title, speakers):
    found, _, people = split_heading(heading)
    assert (found, [(p.name, p.affiliation) for p in people]) == (title, speakers)


@pytest.mark.parametrize("label", ["Slides", "Recommended", "Beginner"])
def test_an_ordinary_word_after_the_people_is_no_employer(label):
    assert split_heading(f"Scaling Queues - Ann Lee - {label}")[2] == []
