"""What ingest does less of to spend less CPU per talk, each shown to give what the slower way gave."""

from __future__ import annotations

import functools
import gc
import re
import threading
from pathlib import Path

import pytest
from pyoxigraph import NamedNode, RdfFormat, parse
from typer.testing import CliRunner

from talkgraph.api.cli import app
from talkgraph.graph import ingest as ingest_module
from talkgraph.graph.analytics.derived import related_topic_quads, related_topic_triples
from talkgraph.graph.analytics.links import DocumentLinks, Reference
from talkgraph.graph.ingest import INGEST_GC_YOUNG, fewer_collections, ingest, load_reference_graphs
from talkgraph.graph.linking import candidates, people
from talkgraph.graph.linking import extract as extract_module
from talkgraph.graph.linking.extract import extract
from talkgraph.graph.linking.linker import Linker, _joins, _longest
from talkgraph.graph.linking.vocabulary import load_vocabulary
from talkgraph.graph.notes import bylines, prose
from talkgraph.graph.notes.blocks import NO_ITEMS, Block, detect_format, read_blocks
from talkgraph.graph.notes.files import read_notes_text
from talkgraph.graph.notes.segment import parse_file, parse_notes
from talkgraph.graph.rdf.store import EmbeddedStore
from talkgraph.graph.rdf.triples import extraction_quads

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "data" / "notes" / "kubecon-na-2020.txt"
EVAL_NOTES = sorted((ROOT / "tests" / "eval").glob("**/notes/*"))


@pytest.fixture(scope="module")
def vocabulary():
    return load_vocabulary()


def test_related_topics_as_quads_are_what_their_n_quads_text_parses_to(vocabulary):
    store = EmbeddedStore()
    load_reference_graphs(store, vocabulary)
    ref = Reference.from_store(store)
    links = DocumentLinks.from_quads(extraction_quads(extract(parse_file(BUNDLED), Linker(vocabulary))))
    graph = "https://example.org/analytics/kubecon"
    text = "".join(f"{s} {p} {o} <{graph}> .\n" for s, p, o in related_topic_triples(links, ref))
    parsed = list(parse(text.encode(), format=RdfFormat.N_QUADS))
    built = related_topic_quads(links, ref, NamedNode(graph))
    assert len(built) == len(parsed) > 500
    assert [str(q) for q in built] == [str(q) for q in parsed]


def test_the_collector_runs_less_often_during_an_ingest_and_as_before_after(tmp_path, vocabulary, monkeypatch):
    before = gc.get_threshold()
    seen = []
    real = ingest_module.load_reference_graphs
    monkeypatch.setattr(ingest_module, "load_reference_graphs", lambda *a: (seen.append(gc.get_threshold()), real(*a)))
    notes = tmp_path / "notes.md"
    notes.write_text("# Conf\n\n## Scaling Kafka\n\nAnn Lee talked about Kafka and Prometheus.\n", encoding="utf-8")
    report = ingest(EmbeddedStore(tmp_path / "store"), [notes], vocabulary)
    assert report.documents == {"notes": 1}
    assert seen == [(INGEST_GC_YOUNG, *before[1:])]
    assert gc.get_threshold() == before


def test_the_extract_command_runs_the_collector_as_ingest_does(tmp_path, monkeypatch):
    """`talkgraph extract` reads notes as ingest does: with the collector's young generation at INGEST_GC_YOUNG
    while it extracts, and as before afterwards."""
    before, seen = gc.get_threshold(), []
    real = extract_module.extract
    monkeypatch.setattr(extract_module, "extract", lambda *a: (seen.append(gc.get_threshold()), real(*a))[1])
    notes = tmp_path / "notes.md"
    notes.write_text("# Conf\n\n## Scaling Kafka\n\nAnn Lee talked about Kafka.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(notes), "--data-dir", str(tmp_path / "data")])
    assert result.exit_code == 0, result.output
    assert seen == [(INGEST_GC_YOUNG, *before[1:])]
    assert gc.get_threshold() == before


def test_overlapping_ingests_restore_the_collector_when_the_last_one_ends():
    before = gc.get_threshold()
    first_in, second_done, release = threading.Event(), threading.Event(), threading.Event()

    def first():
        with fewer_collections():
            first_in.set()
            release.wait(5)

    thread = threading.Thread(target=first)
    thread.start()
    first_in.wait(5)
    with fewer_collections():
        assert gc.get_threshold()[0] == INGEST_GC_YOUNG
    second_done.set()
    assert gc.get_threshold()[0] == INGEST_GC_YOUNG  # the first is still running
    release.set()
    thread.join(5)
    assert gc.get_threshold() == before


def test_blocks_without_links_share_one_empty_list_that_refuses_to_grow():
    plain, linked = Block("paragraph", "text", 0), Block("item", "Kafka", 5, 0, [("Kafka", "https://kafka.apache.org")])
    assert plain.links is plain.code is plain.cells is plain.header is NO_ITEMS
    assert plain.links == [] and plain.cells + ["x"] == ["x"]  # noqa: RUF005 - a list's + on rows
    assert linked.links == [("Kafka", "https://kafka.apache.org")] and linked.links is not NO_ITEMS
    with pytest.raises(TypeError, match="shared"):
        plain.code.append("helm")
    with pytest.raises(TypeError, match="shared"):
        plain.links += [("a", "b")]
    assert NO_ITEMS == [] and not hasattr(plain, "__dict__")


@functools.cache
def _sentences() -> tuple[str, ...]:
    """Every sentence of every eval recap's talks, read once for all the tests below (parsing them takes seconds)."""
    found = [s.text for path in EVAL_NOTES for talk in parse_file(path).talks for s in talk.sentences]
    return (
        *found,
        "Ann Lee, a Lyft engineer, works at Initech @ Acme.",
        "The ACME'S team lead spoke.",
        "an SRE at Shopify",
        "A ſoftware ENGINEER from Acme",  # case-insensitive matching outside ASCII: never skipped
        "She is employed for Globex Corp.",
    )


@pytest.mark.parametrize(
    "name", ["ORG_BEFORE_ROLE", "ORG_BEFORE_PERSON", "ORG_AFTER_ROLE", "ORG_AT_SIGN", "ORG_WORKED_AT"]
)
def test_a_sentence_skipped_before_an_organisation_pattern_is_one_it_never_matches(name):
    pattern = getattr(people, name)
    sentences = _sentences()
    skipped = [text for text in sentences if not people._may_match(pattern, text)]
    matched = [text for text in sentences if pattern.search(text)]
    assert len(sentences) > 2000 and skipped and matched
    assert [text for text in skipped if pattern.search(text)] == []


def test_a_sentence_skipped_before_the_tagged_speaker_pattern_is_one_it_never_matches():
    sentences = [
        *_sentences(),
        "Presented By Ann Lee.",
        "The opening talk, from Ada Brown, set the tone.",
        "A Workshop with Tom Reyes.",
        "Speakers were Ann Lee and Tom Reyes.",
        "We heard from Kim Ho.",
        "The ſpeaker: Ann Lee.",  # case-insensitive matching outside ASCII: never skipped
    ]
    skipped = [text for text in sentences if not people._may_tag(text, text.lower())]
    matched = [text for text in sentences if people.TAGGED_SPEAKER.search(text)]
    assert len(skipped) > 1000 and len(matched) > 50
    assert [text for text in skipped if people.TAGGED_SPEAKER.search(text)] == []


@pytest.mark.parametrize("name", ["KEBAB", "DIGITS", "CUED", "REPOSITORY"])
def test_a_sentence_skipped_before_a_candidate_shape_is_one_it_never_matches(name):
    pattern = getattr(candidates, name)
    sentences = [*_sentences(), "see acme/zorbctl and the zorb-sync tool, k8s 1.29, the Zorb SDK"]
    skipped = [text for text in sentences if not candidates._may_match(pattern, text)]
    assert skipped and any(pattern.search(text) for text in sentences)
    assert [text for text in skipped if pattern.search(text)] == []


def test_role_words_are_read_from_the_role_pattern():
    assert people.ROLE_WORDS[:4] == ("engineer", "developer", "architect", "SRE")
    assert len(people.ROLE_WORDS) == len(people.ROLE.split("|"))
    with pytest.raises(ValueError, match="plain words"):
        people._literal_words(r"engineers?|(?:lead|head)s?")


def test_organisations_and_speakers_read_against_the_labels_and_the_talks_own_names():
    either = people.AnyOf({"kafka", "helm"}, {"acme"})
    assert ("acme" in either, "helm" in either, "initech" in either) == (True, True, False)


def test_word_joins_are_regular_expressions_word_characters():
    word = re.compile(r"\w")
    characters = [chr(c) for c in range(0x3000)] + ["_", "٣", "²", "Ⅻ", "々", "\u200d"]
    assert [c for c in characters if _joins(c, "a") != bool(word.match(c))] == []


def test_the_longest_match_wins_and_overlaps_go_to_the_longer_earlier_one():
    hits = [(0, 10, "kubernetes operator"), (0, 4, "kube"), (6, 14, "overlapping"), (11, 14, "apart"), (20, 24, "x")]
    assert _longest(hits) == [(0, 10, "kubernetes operator"), (20, 24, "x"), (11, 14, "apart")]  # longest first
    assert _longest([(3, 5, "b"), (0, 2, "a")]) == [(0, 2, "a"), (3, 5, "b")]  # same length: leftmost first


def test_each_heading_is_split_once_while_one_document_is_read_and_let_go_of_after(monkeypatch):
    calls: list[tuple[str, tuple[str, ...]]] = []
    original = bylines._split_heading

    def counted(text, link_texts):
        calls.append((text, link_texts))
        return original(text, link_texts)

    monkeypatch.setattr(bylines, "_split_heading", counted)
    notes = "# Widget Days\n\n" + "".join(
        f"## Queues Without Copying, part {i} - Ada Brown\n\nShe showed queue {i}.\n\n" for i in range(300)
    )
    talks = parse_notes(notes, "days.md").talks
    assert len(talks) == 300 and talks[299].title == "Queues Without Copying, part 299"
    assert len(calls) == len(set(calls)) > 300  # many questions about each heading, each answered once
    assert bylines._SPLIT_IN_THIS_DOCUMENT.get() is None


def test_the_second_look_finds_every_spelling_a_talk_writes_overlapping_ones_too():
    talk = parse_notes("# Day\n\n## Queries - Ada Brown\n\nWe ran Spark SQL beside Helmfile.\n", "d.md").talks[0]
    written = extract_module._written_in({"Spark", "Spark SQL", "Helm", "Kafka"})
    assert written(talk) == {"Spark", "Spark SQL", "Helm"}  # substrings, as `in` finds them; "Kafka" is not there


def test_a_run_pattern_left_uncompiled_is_one_that_would_have_named_no_talk(monkeypatch):
    """Each of the patterns built from a paragraph's emphasised runs and link texts is compiled only where the
    paragraph holds what it needs: every eval recap's blocks name the same talks as with every pattern compiled."""
    texts = {path: read_notes_text(path).text for path in EVAL_NOTES}
    blocks = [
        block
        for path, text in texts.items()
        for block in read_blocks(text, detect_format(text, path.name)).blocks
        if block.emphasis or block.links
    ]
    needs = dict(prose.RUN_PATTERN_NEEDS)
    skipped = {name: 0 for name in needs}
    for name, need in needs.items():
        monkeypatch.setitem(prose.RUN_PATTERN_NEEDS, name, functools.partial(_counted, need, skipped, name))

    def named(block):
        return [(m.re.pattern, m.span(), m.groupdict()) for m in prose.named_in_block(block)]

    prose._emphasised_title_patterns.cache_clear()
    gated = [named(block) for block in blocks]
    for name in needs:
        monkeypatch.setitem(prose.RUN_PATTERN_NEEDS, name, lambda text, runs: True)
    prose._emphasised_title_patterns.cache_clear()
    assert len(blocks) > 1000 and min(skipped.values()) > 20, str(skipped)
    assert [named(block) for block in blocks] == gated
    assert sum(map(bool, gated)) > 50
    prose._emphasised_title_patterns.cache_clear()


def _counted(need, skipped: dict[str, int], name: str, text: str, runs: str) -> bool:
    found = need(text, runs)
    skipped[name] += not found
    return found


@functools.cache
def _lines() -> tuple[str, ...]:
    """Every line of every eval recap, as written and in lower case (kind_in reads titles lower-cased)."""
    lines = [line.strip() for path in EVAL_NOTES for line in read_notes_text(path).text.splitlines() if line.strip()]
    lines += [
        "Paging Less (Beginner) (sponsored talk) [YouTube] #sre #oncall",
        "Title (Keynote, by Ann Lee & Tom Reyes, video)",
        "“Paging Less” and",
        "Chaos on a Budget, Omar Khan (Initech)",
        "Ann Lee – Title",
        "Title By Ann Lee",
    ]
    return (*lines, *(line.lower() for line in lines))


def test_a_line_skipped_before_a_heading_pattern_is_one_it_never_matches():
    lines = _lines()
    assert len(lines) > 20000
    for pattern in bylines._NEEDS:
        skipped = [text for text in lines if not bylines._may_match(pattern, text)]
        assert len(skipped) > 1000 and any(pattern.search(text) for text in lines), pattern.pattern
        assert [text for text in skipped if pattern.search(text)] == [], pattern.pattern
