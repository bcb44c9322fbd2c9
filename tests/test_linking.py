"""Entity linking: one automaton, word boundaries, case rules, longest match, evidence for ambiguous names."""

from __future__ import annotations

import pytest

from talkgraph.graph.linking.linker import Linker
from talkgraph.graph.notes.sentences import Sentence, split_sentences


@pytest.fixture(scope="module")
def linker(small_vocabulary) -> Linker:
    return Linker(small_vocabulary)


def labels(linker: Linker, *texts: str) -> list[str]:
    sentences = [s for text in texts for s in split_sentences(text)]
    return [m.entry.label for m in linker.link(sentences)]


def test_mentions_keep_surface_sentence_and_offsets(linker):
    sentence = Sentence("We ran Cilium and k8s together.", 100)
    mentions = linker.link([sentence])
    assert [(m.entry.label, m.surface, m.start, m.end) for m in mentions] == [
        ("Cilium", "Cilium", 107, 113),
        ("Kubernetes", "k8s", 118, 121),
    ]
    assert all(m.sentence is sentence for m in mentions)


def test_word_boundaries(linker):
    assert labels(linker, "Ciliumish tools and prek8s builds are not tools.") == []
    assert labels(linker, "It ships kubectl-trace.") == ["kubectl-trace"]  # not kubectl inside it


def test_longest_match_wins(linker):
    assert labels(linker, "We use cdk8s, not the CDK.") == ["cdk8s", "CDK"]
    assert labels(linker, "Deployed with ArgoCD and Argo-CD.") == ["Argo CD", "Argo CD"]


def test_case_rules(linker):
    assert labels(linker, "cilium and CILIUM are the same tool.") == ["Cilium", "Cilium"]
    assert labels(linker, "The Apple keynote.") == ["Apple"]
    assert labels(linker, "I ate an apple.") == []
    assert labels(linker, "we used the cdk for it") == []  # CDK is case-sensitive


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Lens: desktop client for Kubernetes.", ["Lens", "Kubernetes"]),
        ("Octant is local only. Lens ships kubectl along with it.", ["Octant", "Lens", "kubectl"]),
        ("A Helm chart is provided to deploy the portal.", ["Helm"]),
        ("A helm chart is provided to deploy the portal.", ["Helm"]),
        ("During the demo of pack on a mac we saw buildpacks.", ["pack"]),
    ],
)
def test_ambiguous_names_with_evidence(linker, text, expected):
    assert labels(linker, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Look at the problem through the lens of cost.",
        "Through the Lens of history, nothing changed.",
        "She took the helm of the team last year.",
        "Pack your bags before the keynote.",
        "We had to pack up early.",
    ],
)
def test_ambiguous_names_in_plain_english(linker, text):
    assert labels(linker, text) == []


def test_reasons_say_why_an_ambiguous_name_was_linked(linker):
    mentions = linker.link(split_sentences("A helm chart is provided. Lens and Octant are both good UIs."))
    reasons = {m.entry.label: m.reason for m in mentions}
    assert reasons == {"Helm": "cue: chart", "Lens": "co-mentioned: Octant", "Octant": ""}


def test_a_large_vocabulary_links_the_same_names(small_vocabulary):
    """5,000 more entries change nothing for a text that names none of them (benchmarks/extraction.py
    measures that the linking time stays flat too)."""
    from talkgraph.graph.linking.vocabulary import Entry, Vocabulary

    big = Vocabulary(dict(small_vocabulary.entries))
    for i in range(5000):
        iri = f"https://example.org/tool/{i}"
        big.entries[iri] = Entry(iri, f"Zzyzx Tool {i}", "tool", labels=[f"Zzyzx Tool {i}"])
    text = split_sentences("We ran Cilium with Falco and Zzyzx Tool 42.")
    assert [m.entry.label for m in Linker(big).link(text)] == ["Cilium", "Falco", "Zzyzx Tool 42"]
