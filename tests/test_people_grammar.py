"""Speakers and organisations read from the grammar of the notes, not from a list of verbs or names."""

from __future__ import annotations

import pytest

from talkgraph.graph.linking.extract import extract
from talkgraph.graph.linking.linker import Linker
from talkgraph.graph.linking.vocabulary import Vocabulary
from talkgraph.graph.notes.bylines import gerund, participle, speaker_list
from talkgraph.graph.notes.segment import parse_notes
from talkgraph.graph.notes.talks import Speaker


def read(text: str) -> list[tuple[str, list[str], list[str]]]:
    extraction = extract(parse_notes(text, "notes.md"), Linker(Vocabulary()))
    return [(t["title"], t["speakers"], t["companies"]) for t in extraction.as_json()["talks"]]


@pytest.mark.parametrize(
    "sentence, speaker",
    [
        ("Next up was Marta Lind, on DNS failover and resolver caches.", "Marta Lind"),
        ("First up, Noor Haddad with a tour of alert routing.", "Noor Haddad"),
        ("Ewan MacLeod's talk covered cache stampedes.", "Ewan MacLeod"),
        ("After lunch came Ryan O'Neil, on paging etiquette.", "Ryan O'Neil"),
        ("Dr Noor B. Haddad explained queueing theory for metrics.", "Noor B. Haddad"),  # a middle initial
        ("Ewan T. MacLeod's talk covered cache stampedes.", "Ewan T. MacLeod"),
    ],
)
def test_presenting_phrases_beyond_a_verb_list(sentence, speaker):
    text = f"# Recap\n\n## Resilience\n\n{sentence}\n\n## Storage\n\nThe second session was about disks.\n"
    assert read(text)[0][1] == [speaker]


def test_a_title_with_of_names_no_company():
    text = "# Recap\n\n## The Economics of Graceful Degradation by Kim Ho\n\nKim compared costs of outages.\n"
    assert read(text) == [("The Economics of Graceful Degradation", ["Kim Ho"], [])]


def test_an_organisation_joined_by_of_is_one_organisation():
    text = "# Recap\n\n## On-call\n\nDana McKay, an engineer at the University of Tartu, talked about rotations.\n"
    assert read(text) == [("On-call", ["Dana McKay"], ["University of Tartu"])]


def test_several_speakers_with_roles_and_legal_suffixes_in_a_heading_tail():
    text = (
        "# Recap\n\n## Search at Scale - Ana Silva, Principal Engineer, Foo Corp; Tom Reyes, CTO, Bar Data Inc."
        " & Raj Mehta, Baz Labs GmbH\n\nThey compared index layouts.\n"
    )
    assert read(text) == [
        ("Search at Scale", ["Ana Silva", "Tom Reyes", "Raj Mehta"], ["Foo Corp", "Bar Data", "Baz Labs"])
    ]


def test_an_affiliation_said_once_in_a_lead_in_applies_to_each_talk_listed_under_it():
    text = """# Recap

## Company talks

Initech sent two speakers this year:

- Zero-Copy Queues by Ada Brown
- Search at Scale by Tom Reyes

## Other talks

- Caching at the Edge by Max Roy
- Retries Considered Harmful by Ida Lund
"""
    assert read(text) == [
        ("Zero-Copy Queues", ["Ada Brown"], ["Initech"]),
        ("Search at Scale", ["Tom Reyes"], ["Initech"]),
        ("Caching at the Edge", ["Max Roy"], []),
        ("Retries Considered Harmful", ["Ida Lund"], []),
    ]


def test_after_a_role_of_names_a_department_and_at_the_employer():
    text = "# Recap\n\n## Queues\n\nInes Moreau, VP of Data Science at Tildeworks, described brokers.\n"
    assert read(text) == [("Queues", ["Ines Moreau"], ["Tildeworks"])]


def test_an_opening_talk_named_with_adjectives_names_its_speaker():
    text = "# Recap\n\n## Queues\n\nIt began with Ines Moreau's strong opening talk on brokers.\n"
    assert read(text)[0][1] == ["Ines Moreau"]


@pytest.mark.parametrize(
    "sentence, speaker",
    [
        ("Vijay Rao from eBay described the hard parts of alerting.", "Vijay Rao"),
        ("Carla Santos (Widgets) gave an excellent talk on drivers.", "Carla Santos"),
        ("Greg Holm from the Widget Foundation spoke about kernels.", "Greg Holm"),
    ],
)
def test_a_presenting_subject_with_its_employer_in_any_spelling(sentence, speaker):
    text = f"# Recap\n\n## Keynotes\n\n{sentence}\n"
    assert read(text)[0][1] == [speaker]


def test_a_preposition_is_no_first_name_and_a_surname_alone_is_the_same_speaker():
    text = "# Recap\n\n## Words\n\nFrom Ana Silva's presentation I learned to check terms.\n"
    assert read(text)[0][1] == ["Ana Silva"]
    text = (
        "# Recap\n\n## Attacks\n\nIna Coldwell (Lead Platform Security Engineer at Widgets) gave the keynote. "
        "Coldwell's talk was sharp.\n"
    )
    assert read(text)[0][1] == ["Ina Coldwell"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Marta Lind from Widgets Inc. talked about resolvers.",
        "Marta Lind, a principal engineer at Widgets GmbH, talked about resolvers.",
    ],
)
def test_an_employer_said_in_the_text_loses_its_legal_form(sentence):
    text = f"# Recap\n\n## Resolvers\n\n{sentence}\n"
    assert read(text) == [("Resolvers", ["Marta Lind"], ["Widgets"])]


@pytest.mark.parametrize(
    "sentence, speaker",
    [
        ("The speaker was Ravi Menon, who runs the storage team.", "Ravi Menon"),
        ("It was given by Ravi Menon.", "Ravi Menon"),
        (
            "Ravi Menon, head of the data and research unit at the International Widget Consortium, went over it.",
            "Ravi Menon",
        ),
        ("Ravi Menon went through the failure modes.", "Ravi Menon"),
    ],
)
def test_more_ways_of_saying_who_presented(sentence, speaker):
    text = f"# Recap\n\n## Resilience\n\n{sentence}\n"
    assert read(text)[0][1] == [speaker]


def test_a_quantifier_before_talks_is_no_speaker():
    text = "# Recap\n\n## Scheduling\n\nSeveral talks explained schedulers. Many talks covered queues.\n"
    assert read(text)[0][1] == []


@pytest.mark.parametrize(
    "title, sentence, company",
    [
        ("Refactoring", "Tin works at Widget.com and talked about code debt.", "Widget.com"),
        ("On-call", "A group of Initech's SRE engineers came along.", "Initech"),
        ("Inside the Hat: Rendering @ Acme Animation Studios", "A tour of the render farm.", "Acme Animation Studios"),
    ],
)
def test_employers_said_by_working_at_a_possessive_or_an_at_sign(title, sentence, company):
    text = f"# Recap\n\n## {title}\n\n{sentence}\n"
    assert read(text)[0][2] == [company]


def test_a_possessive_before_a_role_needs_the_role():
    text = "# Recap\n\n## Queues\n\nInitech's queue was slow.\n"
    assert read(text)[0][2] == []


@pytest.mark.parametrize(
    "sentence, speakers",
    [
        ("In 2014 Vincent Knight started an open source project to rebuild it.", []),
        ("Ravi Menon started with a tour of the scheduler.", ["Ravi Menon"]),
        ("Ravi Menon opened the day with a keynote on queues.", ["Ravi Menon"]),
        ("Ravi Menon opened a bug against the kernel.", []),
    ],
)
def test_starting_or_opening_presents_only_a_talk_or_the_day(sentence, speakers):
    text = f"# Recap\n\n## Queues\n\n{sentence}\n"
    assert read(text)[0][1] == speakers


@pytest.mark.parametrize(
    "sentence, speakers, companies",
    [
        ("Initrode's Ann Lee talked about queues.", ["Ann Lee"], ["Initrode"]),
        ("Initrode engineer Ann Lee talked about queues.", ["Ann Lee"], ["Initrode"]),
        ("Ann Lee of the Initrode team talked about queues.", ["Ann Lee"], ["Initrode"]),
        ("Ann Lee (CTO, Initrode) talked about queues.", ["Ann Lee"], ["Initrode"]),
        ("Ann Lee (@annlee, Initrode) talked about queues.", ["Ann Lee"], ["Initrode"]),
        ("Ann Lee, CTO of Initrode, talked about queues.", ["Ann Lee"], ["Initrode"]),
        ("Ann Lee, VP of Data Science at Initrode, talked about queues.", ["Ann Lee"], ["Initrode"]),
        ("Ann Lee and Tom Reyes from Initrode talked about queues.", ["Ann Lee", "Tom Reyes"], ["Initrode"]),
        ("The folks at Initrode presented their queue system.", [], []),
        ("Engineers from Initrode explained their queues.", [], ["Initrode"]),
        ("Ann Lee is a principal engineer at Initrode and explained queues.", ["Ann Lee"], ["Initrode"]),
        ("Ann Lee (formerly of Initrode) explained queues.", ["Ann Lee"], ["Initrode"]),
        ("At Initrode, deploys happen fifty times a day.", [], ["Initrode"]),
    ],
)
def test_employers_said_before_after_or_around_a_speaker(sentence, speakers, companies):
    text = f"# Recap\n\n## Queues\n\n{sentence}\n"
    assert [(title, sorted(found), orgs) for title, found, orgs in read(text)] == [("Queues", speakers, companies)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Between talks there was plenty of coffee.",  # a preposition before "talks"
        "Across talks the theme was ownership.",
        "Mentioned talks are linked below.",  # a verb's -ed form
        "Invited talks ran in the big hall.",
    ],
)
def test_a_preposition_or_a_participle_before_talks_is_no_speaker(sentence):
    text = f"# Recap\n\n## Resilience\n\n{sentence}\n\n## Storage\n\nThe second session was about disks.\n"
    assert read(text)[0][1] == []


def test_a_first_name_ending_in_ed_is_still_a_name():
    text = "# Recap\n\n## Resilience\n\nMildred Okafor talked about retries.\n\n## Storage\n\nAlfred Lind presented disks.\n"
    assert [speakers for _, speakers, _ in read(text)] == [["Mildred Okafor"], ["Alfred Lind"]]


def test_going_on_to_a_talk_is_a_walk_not_a_presentation():
    text = (
        "# Recap\n\n## Retry budgets\n\nMarkus went on to Retry budgets by Kim Ho, on limits.\n\n"
        "## Storage\n\nTom Reyes went on to show his disk benchmarks.\n"
    )
    assert [speakers for _, speakers, _ in read(text)] == [[], ["Tom Reyes"]]  # the one who walked is the writer


@pytest.mark.parametrize(
    ("word", "verb_form"),
    [("Using", True), ("Scaling", True), ("Named", True), ("Ewing", False), ("Jared", False), ("Ahmed", False)],
)
def test_a_short_verb_form_needs_its_e_back_to_be_one_and_short_names_stay_names(word, verb_form):
    assert (gerund(word) or participle(word)) is verb_form


def test_people_written_with_runs_of_spaces_or_line_breaks_are_read_with_one_space():
    assert [s.name for s in speaker_list("Ann   Lee ;\n  Tom  Reyes")] == ["Ann Lee", "Tom Reyes"]


def test_a_serial_comma_before_the_last_person_leaves_the_one_before_with_an_employer():
    assert speaker_list("Mira Okafor, Principal Engineer at Initech, and Lars Brandt, Head of Security at Hooli") == [
        Speaker("Mira Okafor", "Initech"),
        Speaker("Lars Brandt", "Hooli"),
    ]
