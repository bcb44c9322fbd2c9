"""The sentence splitter: boundaries, abbreviations, initials, and exact offsets into the document."""

from __future__ import annotations

import pytest

from talkgraph.graph.notes.sentences import split_sentences


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_full_stops_question_and_exclamation_marks_end_sentences():
    assert texts("Cilium is fast. Is it safe? Yes! It is.") == ["Cilium is fast.", "Is it safe?", "Yes!", "It is."]


@pytest.mark.parametrize("abbreviation", ["e.g.", "i.e.", "etc.", "vs.", "approx.", "Dr.", "Inc."])
def test_an_abbreviation_does_not_end_a_sentence(abbreviation):
    text = f"They compared tools, {abbreviation} Falco and Tracee. Then they left."
    assert texts(text) == [f"They compared tools, {abbreviation} Falco and Tracee.", "Then they left."]


def test_an_initial_does_not_end_a_sentence():
    assert texts("The talk by J. Smith covered Envoy. Next came Helm.") == [
        "The talk by J. Smith covered Envoy.",
        "Next came Helm.",
    ]


def test_a_lower_case_word_after_a_full_stop_continues_the_sentence():
    assert texts("Version 1.2. was out. and then more") == ["Version 1.2. was out. and then more"]


def test_closing_quotes_stay_with_their_sentence():
    assert texts('She said "use eBPF." Then she demoed it.') == ['She said "use eBPF."', "Then she demoed it."]


def test_a_line_break_ends_a_sentence():
    assert texts("Falco alerts\nPrometheus scrapes") == ["Falco alerts", "Prometheus scrapes"]


def test_offsets_point_at_the_sentence_in_the_document():
    document = "Intro.\n\n  Cilium uses eBPF. It is fast!  "
    block_start = document.index("  Cilium")
    for sentence in split_sentences(document[block_start:], offset=block_start):
        assert document[sentence.start : sentence.end] == sentence.text
    assert [(s.text, s.start) for s in split_sentences(document[block_start:], offset=block_start)] == [
        ("Cilium uses eBPF.", 10),
        ("It is fast!", 28),
    ]


def test_blank_text_has_no_sentences():
    assert split_sentences("  \n \n") == []
