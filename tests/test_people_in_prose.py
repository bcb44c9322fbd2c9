"""Speakers named only in prose ("the opening talk, from Ana Silva, …", "we heard from Tom Reyes about …"), as a
talk's speakers and as the only sign of a session. Every text here was written for its test."""

from __future__ import annotations

import pytest

from talkgraph.graph.linking.extract import extract
from talkgraph.graph.linking.linker import Linker
from talkgraph.graph.linking.vocabulary import Vocabulary
from talkgraph.graph.notes.blocks import read_blocks
from talkgraph.graph.notes.segment import parse_notes


def read(text: str, name: str = "notes.md") -> list[tuple[str, list[str], list[str]]]:
    extraction = extract(parse_notes(text, name), Linker(Vocabulary()))
    return [(t["title"], t["speakers"], t["companies"]) for t in extraction.as_json()["talks"]]


@pytest.mark.parametrize(
    "sentence, speaker, company",
    [
        ("The opening talk, from Ana Silva, covered why queues fill up.", "Ana Silva", None),
        ("We heard from Tom Reyes about tracing a whole bank.", "Tom Reyes", None),
        ("This session was delivered by Sam Ortiz of Initech.", "Sam Ortiz", "Initech"),
        ("Eva Novak (Globex) gave an overview of edge computing.", "Eva Novak", "Globex"),
        ("The keynote was led by Dana McKay.", "Dana McKay", None),
    ],
)
def test_a_speaker_said_in_prose_is_the_talk_s_speaker(sentence, speaker, company):
    text = f"# Recap\n\n## Resilience\n\n{sentence}\n\n## Storage\n\nThe second session was about disks.\n"
    assert read(text)[0] == ("Resilience", [speaker], [company] if company else [])


def test_someone_only_mentioned_is_no_speaker():
    text = "# Recap\n\n## Resilience\n\nThe speaker quoted a blog post from Ana Silva about queues.\n"
    assert read(text)[0][1] == []


PROSE = """WidgetConf 2022 was held in Porto this year, and I went for the first time.

The opening talk, from Ana Silva, covered why queues fill up.

Next up was Marta Lind, on DNS failover and resolver caches. She showed a demo.

After lunch we heard from Tom Reyes about tracing a whole bank.

Raj Mehta's session on retry budgets was the best of the day. He showed configs.
"""


def test_notes_that_name_sessions_only_in_prose_give_one_session_each_titled_by_its_subject():
    document = parse_notes(PROSE, "notes.txt")
    assert [(t.title, [s.name for s in t.speakers], t.title_derived) for t in document.talks] == [
        ("Why queues fill up", ["Ana Silva"], True),
        ("DNS failover and resolver caches", ["Marta Lind"], True),
        ("Tracing a whole bank", ["Tom Reyes"], True),
        ("Retry budgets", ["Raj Mehta"], True),
    ]
    assert [b.text for b in document.talks[1].blocks] == [
        "Next up was Marta Lind, on DNS failover and resolver caches. She showed a demo."
    ]


def test_sessions_said_in_prose_under_a_day_heading_take_their_subject_as_title():
    text = """# WidgetConf 2022

## Day 1

The opening talk, from Ana Silva, covered why queues fill up.

Next up was Marta Lind, on DNS failover and resolver caches.
"""
    document = parse_notes(text, "notes.md")
    assert [(t.title, t.day, [s.name for s in t.speakers]) for t in document.talks] == [
        ("Day 1", 1, ["Ana Silva"]),
        ("DNS failover and resolver caches", 1, ["Marta Lind"]),
    ]


def test_letters_in_parentheses_after_their_words_abbreviate_and_name_no_employer():
    text = "# Recap\n\n## Chaos\n\nDana McKay talked about how to Bring Your Own Chaos (BYOC) with a small SDK.\n"
    assert read(text)[0] == ("Chaos", ["Dana McKay"], [])


def test_a_lone_first_name_after_by_is_a_speaker_where_the_sibling_titles_name_theirs():
    text = """# Notes

## Talks

- Scaling Queues by Ana Silva
- Tracing Everything by Tom Reyes
- Fast Builds by Andrew
- Paging Less by Marta Lind
"""
    assert [(t.title, [s.name for s in t.speakers]) for t in parse_notes(text, "n.md").talks] == [
        ("Scaling Queues", ["Ana Silva"]),
        ("Tracing Everything", ["Tom Reyes"]),
        ("Fast Builds", ["Andrew"]),
        ("Paging Less", ["Marta Lind"]),
    ]


def test_a_capitalised_by_closes_a_title_with_its_speakers_where_most_titles_close_so():
    text = """# Lightning talks

### Block Chains by Ryan

Banks settle in three days.

### Spam Control in Monitoring By Scott Franklin

Alerts that nobody reads.

### Shmarallel, Shmostulate By Dan Slimmon

Parallel work.

### Hosted Graphite By Charlie

Metrics as a service.

### Dyn DNS

An outage story.
"""
    assert [(t.title, [s.name for s in t.speakers]) for t in parse_notes(text, "n.md").talks] == [
        ("Block Chains", ["Ryan"]),
        ("Spam Control in Monitoring", ["Scott Franklin"]),
        ("Shmarallel, Shmostulate", ["Dan Slimmon"]),
        ("Hosted Graphite", ["Charlie"]),
        ("Dyn DNS", []),
    ]


def test_a_capitalised_by_in_a_title_case_title_stays_where_few_titles_name_speakers():
    text = "# Notes\n\n## Talks\n\n- Death By Powerpoint\n- Security By Design Reviews\n- Paging Less\n"
    assert [t.title for t in parse_notes(text, "n.md").talks] == [
        "Death By Powerpoint",
        "Security By Design Reviews",
        "Paging Less",
    ]


def test_a_lone_word_after_by_stays_in_the_title_where_few_titles_name_speakers():
    text = "# Notes\n\n## Talks\n\n- Testing by Example\n- Tracing Everything\n- Paging Less by Marta Lind\n"
    assert parse_notes(text, "n.md").talks[0].title == "Testing by Example"


@pytest.mark.parametrize("field", ["Speaker", "Speakers", "Presenters"])
def test_two_names_in_a_speaker_field_are_two_speakers(field):
    text = f"""# Notes

## Zero-Copy Networking

{field}: Ada Brown, Tom Reyes

Queues without copies.

## Package Management

{field}: Kim Ho, Acme Cloud

Packaging.
"""
    assert [(title, sorted(speakers), companies) for title, speakers, companies in read(text)] == [
        ("Zero-Copy Networking", ["Ada Brown", "Tom Reyes"], []),
        ("Package Management", ["Kim Ho"], ["Acme Cloud"]),
    ]


def test_a_speaker_field_beside_a_group_of_talks_makes_its_section_a_talk():
    text = """# Notes

## Talks

- Scaling Queues by Ana Silva
- Tracing Everything by Tom Reyes

## Zero-Copy Networking

Speaker: Ada Brown

Queues without copies.
"""
    assert [t.title for t in parse_notes(text, "n.md").talks] == [
        "Scaling Queues",
        "Tracing Everything",
        "Zero-Copy Networking",
    ]


def test_a_title_of_ordinary_words_as_a_sentence_s_subject_is_no_speaker():
    text = """# Notes

## Green Threads

Green Threads explained how threads work.

## Sharp Edges

Sharp Edges covered the sharp parts of a language.
"""
    assert [speakers for _, speakers, _ in read(text)] == [[], []]


def test_a_name_after_a_determiner_before_talks_is_a_kind_of_talk_not_a_speaker():
    text = """# Notes

## Evolution of Observability

Unlike many earlier Monitorama talks, Luke Demi talked about trying vendors.
"""
    assert read(text)[0][1] == ["Luke Demi"]


@pytest.mark.parametrize(
    "title, company",
    [
        ("Logs, Metrics, and Observability at Coinbase", ["Coinbase"]),
        ("Rendering Maps @ Initrode Labs", ["Initrode Labs"]),
        ("Kubernetes at Large Scale", []),
        ("Observability at Scale", []),
    ],
)
def test_a_title_closing_on_an_organisation_names_it_and_ordinary_words_do_not(title, company):
    text = f"# Notes\n\n## {title}\n\nThe speaker told how the team tried vendors.\n"
    assert read(text)[0][2] == company


def test_another_persons_talk_named_in_a_talk_whose_heading_names_its_speaker_gives_no_speaker():
    text = (
        "# Recap\n\n## Retry Budgets - Ann Lee\n\nI had waited for this since Tom Reyes's talk at Queue Summit showed"
        " me what queues can do.\n\n## Storage\n\nKim Ho's talk was about disks.\n"
    )
    assert [(title, speakers) for title, speakers, _ in read(text)] == [
        ("Retry Budgets", ["Ann Lee"]),
        ("Storage", ["Kim Ho"]),
    ]


def test_text_titled_paragraphs_whose_title_lines_go_on_with_a_long_byline_are_talks():
    notes = (
        "WidgetConf 2022: Part 2\n\nSome words on the event, which came back in person this year after a long break.\n\n"
        "Ann Lee (@annlee) - Practical queues: How to build service-aware retry budgets for everyone\n"
        "She showed how budgets are spent. The demo was great.\n\n"
        "Raj Mehta (@rajmehta) - The little cache that could keep up\nHe told how the cache grew. It was sincere.\n\n"
        "Kim Ho (@kimho) - Open Widgets\nThere is a lot to say about widgets.\n"
    )
    assert [b.text for b in read_blocks(notes, "text").blocks if b.kind == "heading"] == [
        "Ann Lee (@annlee) - Practical queues: How to build service-aware retry budgets for everyone",
        "Raj Mehta (@rajmehta) - The little cache that could keep up",
        "Kim Ho (@kimho) - Open Widgets",
    ]
    assert [(title, speakers) for title, speakers, _ in read(notes, "part2.txt")] == [
        ("Practical queues: How to build service-aware retry budgets for everyone", ["Ann Lee"]),
        ("The little cache that could keep up", ["Raj Mehta"]),
        ("Open Widgets", ["Kim Ho"]),
    ]
