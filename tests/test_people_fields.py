"""A line that labels a talk's people ("Who:", "Sprecher:", "Speaker:") names them in any of the languages the
"Speaker(s):" label over a list is read in, and a role before "at" leaves the employer ("SVP of … at LinkedIn")."""

import pytest

from talkgraph.graph.notes.bylines import byline_speakers, speaker_list
from talkgraph.graph.notes.segment import parse_notes
from talkgraph.graph.notes.talks import Speaker


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Who: Ann Lee (Initech)", [Speaker("Ann Lee", "Initech")]),
        ("Sprecher: Ann Lee (Initech)", [Speaker("Ann Lee", "Initech")]),
        ("Intervenants : Ann Lee & Tom Reyes", [Speaker("Ann Lee"), Speaker("Tom Reyes")]),
        ("Speaker: Ann Lee, Director of Engineering at Initech.", [Speaker("Ann Lee", "Initech")]),
        ("Who: it was great.", []),
        ("Ann Lee went home.", []),
    ],
)
def test_a_people_field_names_the_talks_people(line, expected):
    assert byline_speakers(line) == expected


def test_a_senior_vice_presidents_role_is_no_employer():
    assert speaker_list("David Henke, former SVP of Engineering/Operations at LinkedIn") == [
        Speaker("David Henke", "LinkedIn")
    ]


def test_a_who_field_under_a_heading_gives_the_talk_its_speaker():
    notes = parse_notes(
        "# SRE notes\n\n## Building resilient teams\n\n"
        "**Who:** [Ann Lee, Director of Engineering at Initech.](https://www.linkedin.com/in/annlee/)\n\n"
        "She talked about on-call.\n",
        "sre.md",
    )
    assert [(t.title, t.speakers) for t in notes.talks] == [
        ("Building resilient teams", [Speaker("Ann Lee", "Initech")])
    ]


# Each heading over a line naming its speaker: the people are named there, so a colon in a title divides the title.
PEOPLE_UNDER_HEADINGS = """Favourite talks of Widget Days
==============================

Queue Theory: Waiting in Line
-----------------------------
Ann Lee

A tour of the maths behind queues.

Weekend Hacks: Shipping Small
-----------------------------
Tom Reyes

Why small releases win.

Lab Notes: Widgets in the Wild
------------------------------
Kim Ho

Field reports from three labs.
"""


def test_headings_over_a_line_naming_people_keep_their_colon_titles():
    notes = parse_notes(PEOPLE_UNDER_HEADINGS, "favourites.rst")
    assert [(t.title, [s.name for s in t.speakers]) for t in notes.talks] == [
        ("Queue Theory: Waiting in Line", ["Ann Lee"]),
        ("Weekend Hacks: Shipping Small", ["Tom Reyes"]),
        ("Lab Notes: Widgets in the Wild", ["Kim Ho"]),
    ]


def test_people_listed_then_one_employer_after_at_are_all_of_it():
    assert byline_speakers("Speakers: Lixin Yao, Vrishali Bhor, Bo Gao @ Apple") == [
        Speaker("Lixin Yao", "Apple"),
        Speaker("Vrishali Bhor", "Apple"),
        Speaker("Bo Gao", "Apple"),
    ]
    assert speaker_list("Ann Lee, Staff Engineer at Initech") == [Speaker("Ann Lee", "Initech")]  # a role, no one


def test_a_parenthesis_naming_the_talks_material_is_no_part_of_its_title():
    notes = parse_notes(
        "# StreamCon\n\n## Scaling Queues (Recording/Slides)\n\nAnn Lee on queues.\n\n"
        "## Widgets (Part 2)\n\nTom Reyes again.\n",
        "streamcon.md",
    )
    assert [t.title for t in notes.talks] == ["Scaling Queues", "Widgets (Part 2)"]


def test_an_at_sign_after_the_comma_leaves_the_employer():
    assert byline_speakers("Speaker: Richard Bosch, @ Axual BV") == [Speaker("Richard Bosch", "Axual")]


@pytest.mark.parametrize(
    "opening, expected",
    [
        (
            "Ann Lee, Director of Developer Relations at Initech (a small widget company), argues that logs cost "
            "too much.",
            [Speaker("Ann Lee", "Initech")],
        ),
        (
            "Tom Reyes (Globex) & Kim Ho (Initech) have built ten operators and lived to tell the tale.",
            [Speaker("Tom Reyes", "Globex"), Speaker("Kim Ho", "Initech")],
        ),
        ("Widget Operators have changed how we ship.", []),  # no employer: the subject, not a byline
    ],
)
def test_a_talks_opening_sentence_naming_people_with_their_employers_gives_its_speakers(opening, expected):
    notes = parse_notes(f"# Widget Days\n\n## Operators in practice\n\n{opening}\n\nMore notes.\n", "days.md")
    assert [t.speakers for t in notes.talks] == [expected]


BYLINE_HEADINGS = """# Same Rules, Different Engines
## Ann Lee @initech
* Widgets
* Gadgets ^ worth a look

# Spark Backends for Widgets: One API, Two Engines
## Tom Reyes @globex
the API reads much like SQL
"""


@pytest.mark.parametrize("first", ["Same Rules, Different Engines", "Same API, Different Engines"])
def test_a_heading_over_a_byline_heading_is_a_talk_titled_by_all_its_words(first):
    notes = parse_notes(BYLINE_HEADINGS.replace("Same Rules, Different Engines", first), "widgets.md")
    assert [(t.title, [s.name for s in t.speakers]) for t in notes.talks] == [
        (first, ["Ann Lee"]),
        ("Spark Backends for Widgets: One API, Two Engines", ["Tom Reyes"]),
    ]


def test_a_plus_between_two_names_joins_two_speakers():
    notes = parse_notes(
        "# QueueConf\n\nSessions I went to:\n\n"
        "- Backpressure in practice **Ann Lee + Tom Reyes, Initech**\n"
        "- Retry budgets **Kim Ho**\n",
        "queueconf.md",
    )
    assert [(t.title, t.speakers) for t in notes.talks] == [
        ("Backpressure in practice", [Speaker("Ann Lee", "Initech"), Speaker("Tom Reyes", "Initech")]),
        ("Retry budgets", [Speaker("Kim Ho")]),
    ]
    assert speaker_list("Spark + Kafka") == []  # a plus between names that are not people's joins no one


@pytest.mark.parametrize(
    "tail, expected",
    [
        # three names and nothing else: three people, no employer
        (
            "Eric Holt, Daniel Brandt, Mia Kernighan",
            [Speaker("Eric Holt"), Speaker("Daniel Brandt"), Speaker("Mia Kernighan")],
        ),
        # names listed before "& Name, Employer" share that employer
        (
            "Bram Vos, Daniel Brandt & Mia Kernighan, Upbound",
            [Speaker("Bram Vos", "Upbound"), Speaker("Daniel Brandt", "Upbound"), Speaker("Mia Kernighan", "Upbound")],
        ),
        # a field ending in an ordinary word stands where an employer would: it is one
        ("Ann Lee, Tom Reyes, Acme Labs", [Speaker("Ann Lee", "Acme Labs")]),
        ("Ann Lee, Red Hat & Tom Reyes, Initech", [Speaker("Ann Lee", "Red Hat"), Speaker("Tom Reyes", "Initech")]),
        # a role between a name and an employer
        ("Ana Silva, Staff Engineer, Foo Corp", [Speaker("Ana Silva", "Foo Corp")]),
    ],
)
def test_names_listed_with_commas_are_people_and_share_the_employer_after_them(tail, expected):
    assert speaker_list(tail) == expected
