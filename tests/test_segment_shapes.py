"""More shapes of real recaps, each stated generally and tested on text written for the test: link-titled items
with their speaker in parentheses, bold speaker tails, speaker-first lines, untitled speaker-first bullets,
enumerations under a group heading, title lines with their text on the next line."""

from __future__ import annotations

import pytest

from talkgraph.graph.linking.extract import extract
from talkgraph.graph.linking.linker import Linker
from talkgraph.graph.linking.vocabulary import load_vocabulary
from talkgraph.graph.notes.segment import parse_notes


def talks(text: str, name: str = "notes.md") -> list[tuple]:
    document = parse_notes(text, name)
    return [(t.title, t.kind, t.day, [(s.name, s.affiliation) for s in t.speakers]) for t in document.talks]


def test_an_affiliation_given_to_one_document_s_speakers_does_not_reach_another_document():
    with_lead_in = """# Notes

## Talks

Initech sent two speakers this year:

- Scaling Queues by Ada Brown
- Tracing Everything by Tom Reyes
"""
    plain = """# Other notes

## Scaling Queues by Ada Brown

Ada talked about queues.
"""
    assert talks(with_lead_in)[0] == ("Scaling Queues", "talk", None, [("Ada Brown", "Initech")])
    assert talks(plain) == [("Scaling Queues", "talk", None, [("Ada Brown", None)])]


def test_linked_titles_with_their_speaker_in_parentheses_under_day_headings_are_talks():
    text = """# My ConfX 2024 notes

## Day 1

- [Zero-Copy Queues in Practice](https://example.org/v/1) (Ada Brown): queues without copying, a nice demo.
- [Tracing Everything](https://example.org/v/2) (Tom Reyes): he traced a whole bank.
- [The Cost of Retries](https://example.org/v/3) (Lina Park, Widget Labs): retries add load.

## Day 2

- [Writing Better Alerts](https://example.org/v/4) by Omar Haddad: page on symptoms.
"""
    document = parse_notes(text, "notes.md")
    assert [(t.title, t.day, [(s.name, s.affiliation) for s in t.speakers]) for t in document.talks] == [
        ("Zero-Copy Queues in Practice", 1, [("Ada Brown", None)]),
        ("Tracing Everything", 1, [("Tom Reyes", None)]),
        ("The Cost of Retries", 1, [("Lina Park", "Widget Labs")]),
        ("Writing Better Alerts", 2, [("Omar Haddad", None)]),
    ]
    assert [b.text for b in document.talks[0].blocks] == ["queues without copying, a nice demo."]


def test_a_linked_title_followed_by_an_organisation_in_parentheses_names_no_speaker():
    text = """## Talks

- [Zero-Copy Queues](https://example.org/1) (Widgets Inc): queues without copying.
- [Tracing Everything](https://example.org/2) (Bar Data Ltd): a bank traced.
"""
    assert all(not speakers for *_, speakers in talks(text))


def test_people_in_bold_or_italics_closing_a_title_line_are_its_speakers():
    text = """# Notes

## Talks

- Zero-Copy Queues in Practice **Ada Brown, Widgets Inc**
- Tracing Everything *Tom Reyes*
- The Cost of Retries **Lina Park, Widget Labs**
"""
    assert talks(text) == [
        ("Zero-Copy Queues in Practice", "talk", None, [("Ada Brown", "Widgets")]),
        ("Tracing Everything", "talk", None, [("Tom Reyes", None)]),
        ("The Cost of Retries", "talk", None, [("Lina Park", "Widget Labs")]),
    ]


def test_a_bold_phrase_closing_an_item_that_names_no_one_stays_in_the_title():
    text = """## Talks I saw

- Scaling Queues the **Hard Way**
- Tracing **Everything**
"""
    assert [t[0] for t in talks(text)] == ["Scaling Queues the Hard Way", "Tracing Everything"]


def test_html_list_items_closing_with_bold_people_give_their_speakers():
    text = """<html><body><article><h2>Talks</h2><ul>
<li>Zero-Copy Queues in Practice <strong>Ada Brown, Widgets Inc</strong></li>
<li>Tracing Everything <b>Tom Reyes</b></li>
</ul></article></body></html>"""
    assert talks(text, "notes.html") == [
        ("Zero-Copy Queues in Practice", "talk", None, [("Ada Brown", "Widgets")]),
        ("Tracing Everything", "talk", None, [("Tom Reyes", None)]),
    ]


def test_html_list_items_closing_with_people_in_an_element_of_their_own_give_their_speakers():
    text = """<html><body><article><h2>Talks</h2><ul>
<li><a href="/talks/queues">Zero-Copy Queues in Practice</a> <span class="speaker">Ada Brown</span></li>
<li><a href="/talks/tracing">Tracing Everything</a> <small>Tom Reyes</small></li>
</ul></article></body></html>"""
    assert talks(text, "notes.html") == [
        ("Zero-Copy Queues in Practice", "talk", None, [("Ada Brown", None)]),
        ("Tracing Everything", "talk", None, [("Tom Reyes", None)]),
    ]
    rooms = text.replace('class="speaker">Ada Brown', 'class="room">Janson Hall').replace(
        "<small>Tom Reyes</small>", "<small>Lightning Talk</small>"
    )
    assert [speakers for _, _, _, speakers in talks(rooms, "notes.html")] == [[], []]


def test_one_line_paragraphs_naming_the_speaker_first_and_a_linked_title_are_talks():
    text = """# Notes

## Talks

Ada Brown (Widgets Inc) - [Zero-Copy Queues](https://example.org/1)

Queues without copying.

Tom Reyes (Bar Data) - [Tracing Everything](https://example.org/2)

A bank traced.
"""
    document = parse_notes(text, "notes.md")
    assert [(t.title, [(s.name, s.affiliation) for s in t.speakers]) for t in document.talks] == [
        ("Zero-Copy Queues", [("Ada Brown", "Widgets")]),
        ("Tracing Everything", [("Tom Reyes", "Bar Data")]),
    ]
    assert [[b.text for b in t.blocks] for t in document.talks] == [["Queues without copying."], ["A bank traced."]]


def test_a_single_one_line_paragraph_with_a_dash_and_a_name_is_not_a_talk():
    text = """# Notes

## Scaling Queues by Ada Brown

Great talk - Tom Reyes

She showed partitions.
"""
    assert [t[0] for t in talks(text)] == ["Scaling Queues"]


def test_untitled_bullets_that_each_open_with_someone_presenting_are_one_session_each():
    text = """# Notes

## Day 1

- Ada Brown from Widgets showed how queues work without copying.
- Tom Reyes explained how his team traced a whole bank.
- Lina Park talked about the cost of retries.
- The slides are online.
"""
    document = parse_notes(text, "notes.md")
    assert [(t.title, t.day, [b.text for b in t.blocks]) for t in document.talks] == [
        ("Day 1", 1, ["Ada Brown from Widgets showed how queues work without copying."]),
        (
            "Tom Reyes explained how his team traced a whole bank.",
            1,
            ["Tom Reyes explained how his team traced a whole bank."],
        ),
        (
            "Lina Park talked about the cost of retries.",
            1,
            ["Lina Park talked about the cost of retries.", "The slides are online."],
        ),
    ]


def test_untitled_bullets_about_one_session_stay_one_session():
    text = """# Notes

## Day 1

Ada Brown opened the day with a keynote.

- She showed queues.
- Widgets uses them everywhere.
"""
    assert [(t[0], t[2]) for t in talks(text)] == [("Day 1", 1)]


def test_an_enumeration_of_sessions_under_a_heading_gives_one_session_each_with_the_heading_s_day():
    text = """# Notes

## Day 1

### Scaling Queues by Ada Brown

Ada talked about queues.

## Day 2

The workshop track covered fuzzing for beginners, writing probes in C and tuning databases.

## Day 3

### Tracing Everything by Tom Reyes

Tom traced a bank.
"""
    assert [(t[0], t[1], t[2]) for t in talks(text)] == [
        ("Scaling Queues", "talk", 1),
        ("fuzzing for beginners", "tutorial", 2),
        ("writing probes in C", "tutorial", 2),
        ("tuning databases", "tutorial", 2),
        ("Tracing Everything", "talk", 3),
    ]


def test_plain_text_title_lines_right_above_their_text_are_talks_where_the_notes_keep_that_layout():
    text = """Notes from a small conference

Capacity planning with spreadsheets
Ann Lee showed how far a spreadsheet goes before you need more.

Tracing 3.0
Tom Reyes explained the next tracing format.
It is smaller.

Why queues fail
Lina Park walked through failure modes.
"""
    document = parse_notes(text, "notes.txt")
    assert document.title == "Notes from a small conference"
    assert [(t.title, [b.text for b in t.blocks]) for t in document.talks] == [
        ("Capacity planning with spreadsheets", ["Ann Lee showed how far a spreadsheet goes before you need more."]),
        ("Tracing 3.0", ["Tom Reyes explained the next tracing format.\nIt is smaller."]),
        ("Why queues fail", ["Lina Park walked through failure modes."]),
    ]
    talk = document.talks[1]
    assert text[talk.start : talk.start + len(talk.title)] == "Tracing 3.0"  # offsets still point into the file


def test_prose_wrapped_at_a_width_is_not_read_as_title_lines():
    text = """Notes from a small conference

Capacity Planning With Spreadsheets

The first talk was about spreadsheets and how far
They go before you need more.

Then the second talk was about tracing formats and
How small they get.
"""
    assert [t[0] for t in talks(text, "notes.txt")] == ["Capacity Planning With Spreadsheets"]


def test_a_link_to_a_speaker_s_profile_named_by_its_network_names_no_company():
    markdown = """# Notes

## Zero-Copy Queues by Ada Brown

Ada Brown ([Twitter](https://twitter.com/adab), [LinkedIn](https://www.linkedin.com/in/adab/)) works at Widgets Inc.
The code is on [GitHub](https://github.com/widgets/queues).
"""
    html = """<html><body><article><h2>Zero-Copy Queues by Ada Brown</h2>
<p>Ada Brown (<a href="https://x.com/adab">X</a>, <a href="https://mastodon.social/@adab">@adab</a>) spoke.</p>
</article></body></html>"""
    linker = Linker(load_vocabulary())
    talk = extract(parse_notes(markdown, "notes.md"), linker).as_json()["talks"][0]
    assert "Twitter" not in talk["companies"] and "LinkedIn" not in talk["companies"]
    assert "GitHub" in talk["tools"] + talk["companies"]  # a repository's link still names GitHub
    document = parse_notes(html, "notes.html")
    assert "(https://x.com/adab, https://mastodon.social/@adab)" in document.talks[0].blocks[0].text
    assert extract(document, linker).as_json()["talks"][0]["companies"] == []


def test_a_speaker_s_profile_address_in_parentheses_is_no_employer():
    text = """# Notes

## Talks

* Ann Lee ([@annlee](https://twitter.com/annlee)) - Zero-Copy Queues
* Tom Reyes ([@tomr](https://twitter.com/tomr)) - Tracing Everything
"""
    assert talks(text) == [
        ("Zero-Copy Queues", "talk", None, [("Ann Lee", None)]),
        ("Tracing Everything", "talk", None, [("Tom Reyes", None)]),
    ]


def test_legal_forms_are_stripped_from_organisations_in_fields_and_in_a_company_column():
    items = """## Talks

- Scaling Queues - Ada Brown, Widgets GmbH
- Tracing Everything - Tom Reyes, Bar Data Pty Ltd
- Queues at Home - Sam Ortiz, Principal Engineer, Baz Labs, Inc.
"""
    assert [t[3] for t in talks(items)] == [
        [("Ada Brown", "Widgets")],
        [("Tom Reyes", "Bar Data")],
        [("Sam Ortiz", "Baz Labs")],
    ]
    table = """# Programme

| Slot | Session | Presenter(s) | Company |
|---|---|---|---|
| 10:00 | Scaling Queues with Kafka | Ada Brown | Widgets GmbH |
| 11:00 | Tracing Everything at a Bank | Tom Reyes & Lina Park | Bar Data Inc. |
"""
    assert [t[3] for t in talks(table)] == [
        [("Ada Brown", "Widgets")],
        [("Tom Reyes", "Bar Data"), ("Lina Park", "Bar Data")],
    ]


def test_a_list_of_names_closed_by_a_bare_name_is_a_list_of_people_not_a_person_and_an_employer():
    text = """## Talks

- Scaling Queues - Ann Lee, Daniel Brandt & Tom Reyes
- Tracing Everything - Lina Park, Foo Corp & Sam Ortiz, Baz Labs
"""
    assert [t[3] for t in talks(text)] == [
        [("Ann Lee", None), ("Daniel Brandt", None), ("Tom Reyes", None)],
        [("Lina Park", "Foo Corp"), ("Sam Ortiz", "Baz Labs")],
    ]


def test_a_team_or_an_acronym_is_no_person():
    text = """| Session | Speaker |
|---|---|
| Scaling Queues at Widget Scale | Ann Lee |
| Conference Closing | GPT-Lab Team |
| Tracing Everything at a Bank | ACME Crew |
"""
    assert [t[3] for t in talks(text)] == [[("Ann Lee", None)], [], []]


def test_a_speaker_of_two_organisations_gives_the_talk_both():
    document = parse_notes("## Agents at Work - Ann Lee, CodeWidget / Lund University\n\nNotes.\n", "notes.md")
    talk = document.talks[0]
    assert [(s.name, s.affiliation) for s in talk.speakers] == [("Ann Lee", "CodeWidget")]
    assert talk.organisations == ["Lund University"]


@pytest.mark.parametrize(
    "sentence",
    [
        'Marta Lind presented "DNS at the Edge", a tour of anycast.',
        'In "DNS at the Edge", Marta Lind showed how anycast works.',
        "Marta Lind's talk, “DNS at the Edge”, was a tour of anycast.",
        'I liked Marta Lind\'s talk ("DNS at the Edge"), a tour of anycast.',
        'Then came Marta Lind with "DNS at the Edge", a tour of anycast.',
        "“DNS at the Edge” from Marta Lind was a tour of anycast.",
        "The talk “DNS at the Edge” by Marta Lind was a tour of anycast.",
        "Later Marta Lind (Widgets) opened with a keynote called “DNS at the Edge”.",
    ],
)
def test_a_talk_told_in_prose_by_its_quoted_title_and_its_speaker(sentence):
    text = f"""# Notes from SmallConf

The day started with coffee.

{sentence} She used anycast.

After lunch, Tom Reyes presented "Tracing Everything" and showed traces.
"""
    document = parse_notes(text, "notes.md")
    assert [(t.title, [s.name for s in t.speakers]) for t in document.talks] == [
        ("DNS at the Edge", ["Marta Lind"]),
        ("Tracing Everything", ["Tom Reyes"]),
    ]
    assert document.talks[0].blocks[0].text == f"{sentence} She used anycast."


def test_a_quote_someone_said_is_no_talk():
    text = """# Notes from SmallConf

Marta Lind said "we never page at night" and everyone laughed.
"""
    assert talks(text) == []


def test_items_giving_a_title_its_people_in_parentheses_and_notes_after_a_colon_are_talks_in_any_format():
    expected = [
        ("Zero-Copy Queues in Practice", "talk", 1, [("Ada Brown", None)]),
        ("Tracing Everything", "talk", 1, [("Tom Reyes", "Bar Data")]),
    ]
    text = """Notes

Day 1

- Zero-Copy Queues in Practice (Ada Brown): queues without copying.
- Tracing Everything (Tom Reyes, Bar Data): a bank traced.
"""
    assert talks(text, "notes.txt") == expected
    rst = """Notes
=====

Day 1
-----

- `Zero-Copy Queues in Practice <https://e.org/1>`_ (Ada Brown): queues without copying.
- `Tracing Everything <https://e.org/2>`_ (Tom Reyes, Bar Data): a bank traced.
"""
    assert talks(rst, "notes.rst") == expected
    html = """<html><body><article><h1>Notes</h1><h2>Day 1</h2><ul>
<li><a href="https://e.org/1">Zero-Copy Queues in Practice</a> (Ada Brown): queues without copying.</li>
<li><a href="https://e.org/2">Tracing Everything</a> (Tom Reyes, Bar Data): a bank traced.</li>
</ul></article></body></html>"""
    assert talks(html, "notes.html") == expected


TWO_TALKS = """## Scaling Queues by Ada Brown

Ada talked about queues.

## Tracing Everything by Tom Reyes

Tom showed traces.
"""


@pytest.mark.parametrize(
    "section",
    [
        "## Welcome\n\nThe chair welcomed 800 attendees and thanked the organisers.\n",
        "## Porto\n\nPorto is a hilly city; we walked along the river and ate too much.\n",
        "## Unconference topics\n\n- Monorepos at scale\n- On-call pay\n- Hiring juniors\n",
        "## Open space sessions\n\n- Monorepos at scale\n- On-call pay\n",
        "## In other news\n\n- Widget 2.0 reaches general availability\n- Project Gizmo joins the incubator\n"
        "- Acme Cloud opens a Lisbon office\n",
    ],
)
def test_sections_about_the_event_or_the_news_are_no_talks(section):
    assert [t[0] for t in talks(f"# WidgetConf 2024\n\n{section}\n{TWO_TALKS}")] == [
        "Scaling Queues",
        "Tracing Everything",
    ]
    assert [t[0] for t in talks(f"# WidgetConf 2024\n\n{TWO_TALKS}\n{section}")] == [
        "Scaling Queues",
        "Tracing Everything",
    ]


def test_a_tag_line_closing_the_post_is_no_part_of_the_last_talk_but_a_list_of_tools_is():
    document = parse_notes(f"# WidgetConf 2024\n\n{TWO_TALKS}\nKafka, Conferences, Travel\n", "notes.md")
    assert [b.text for b in document.talks[-1].blocks] == ["Tom showed traces."]
    document = parse_notes(f"# WidgetConf 2024\n\n{TWO_TALKS}\nTags: queues, tracing\n", "notes.md")
    assert [b.text for b in document.talks[-1].blocks] == ["Tom showed traces."]
    document = parse_notes(f"# WidgetConf 2024\n\n{TWO_TALKS}\nJaeger, Zipkin, Tempo\n", "notes.md")
    assert [b.text for b in document.talks[-1].blocks] == ["Tom showed traces.", "Jaeger, Zipkin, Tempo"]


def test_sections_of_a_plain_talk_heading_whose_text_names_its_presenter_stay_in_the_talk():
    text = """# WidgetConf

## Day 1

### Scaling Queues

Ada Brown talked about queues.

#### Budget

Queues cost money.

#### Elections

None.

### Tracing Everything

Tom Reyes showed traces.

## Day 2

### Hallway Highlights

#### Queues at Home

A talk on home labs.

#### Paging Less

A talk on alerting.
"""
    document = parse_notes(text, "notes.md")
    assert [(t.title, t.day) for t in document.talks] == [
        ("Scaling Queues", 1),
        ("Tracing Everything", 1),
        ("Queues at Home", 2),
        ("Paging Less", 2),
    ]
    assert [b.text for b in document.talks[0].blocks] == [
        "Ada Brown talked about queues.",
        "Budget",
        "Queues cost money.",
        "Elections",
        "None.",
    ]


def test_numbered_and_timed_headings_lose_their_number_and_time():
    text = """# WidgetConf

## 1. Scaling Queues by Ada Brown

Queues.

## 09:00 – Tracing Everything – Tom Reyes

Traces.

## 10:30am | Paging Less

Alerts.
"""
    assert [(t[0], t[3]) for t in talks(text)] == [
        ("Scaling Queues", [("Ada Brown", None)]),
        ("Tracing Everything", [("Tom Reyes", None)]),
        ("Paging Less", []),
    ]


def test_titles_closed_by_people_in_parentheses_where_the_notes_keep_that_layout():
    text = """# WidgetConf

## Scaling Queues (Ada Brown)

Queues.

## Tracing Everything (Tom Reyes, Bar Data)

Traces.
"""
    assert [(t[0], t[3]) for t in talks(text)] == [
        ("Scaling Queues", [("Ada Brown", None)]),
        ("Tracing Everything", [("Tom Reyes", "Bar Data")]),
    ]
    alone = """# WidgetConf

## Scaling Kubernetes (Part Two)

More.

## Tracing Everything

Traces.
"""
    assert [(t[0], t[3]) for t in talks(alone)] == [("Scaling Kubernetes (Part Two)", []), ("Tracing Everything", [])]


def test_bold_lead_ins_naming_people_before_a_title_give_the_speakers_and_the_title():
    text = """# WidgetConf

## Keynotes

- **Ada Brown** – Scaling Queues
- **Tom Reyes, Bar Data** – Tracing Everything
"""
    assert talks(text) == [
        ("Scaling Queues", "keynote", None, [("Ada Brown", None)]),
        ("Tracing Everything", "keynote", None, [("Tom Reyes", "Bar Data")]),
    ]
    described = """# WidgetConf

## Talks

- **Zero Copy** – a tour of rings that never copy.
- **Fast Paths** – how the kernel is bypassed.
"""
    assert [(t[0], t[3]) for t in talks(described)] == [("Zero Copy", []), ("Fast Paths", [])]


def test_sections_a_contents_list_links_to_are_talks_written_out():
    text = """# WidgetConf 2024

## What I saw

- [Scaling Queues](#scaling-queues) by Ada Brown
- [Tracing Everything](#tracing-everything) by Tom Reyes

## Scaling Queues

Ada talked about queues.

## Tracing Everything

Tom showed traces.

## How to watch the recordings

The videos come out next month.
"""
    document = parse_notes(text, "notes.md")
    assert [(t.title, [s.name for s in t.speakers], [b.text for b in t.blocks]) for t in document.talks] == [
        ("Scaling Queues", ["Ada Brown"], ["Ada talked about queues."]),
        ("Tracing Everything", ["Tom Reyes"], ["Tom showed traces."]),
    ]


def test_the_notes_of_an_item_whose_heading_was_rebuilt_keep_their_place_in_the_text():
    text = """Notes

Day 1

- Zero-Copy Queues in Practice (Ada Brown): queues without copying.
- Tracing Everything (Tom Reyes, Bar Data): a bank traced.
"""
    document = parse_notes(text, "notes.txt")
    for talk in document.talks:
        assert text[talk.start : talk.start + len(talk.title)] == talk.title
        for block in talk.blocks:
            assert text[block.start : block.end] == block.text
    assert [b.text for b in document.talks[1].blocks] == ["a bank traced."]


@pytest.mark.parametrize(
    "text, name",
    [
        (
            "WidgetConf notes\n\nTalk: Scaling queues with Kafka\nSpeaker: Ada Brown (Widgets Inc)\nShe showed partitions."
            "\n\nTalk: Tracing everything\nSpeaker: Tom Reyes\nHe showed traces.\n",
            "notes.txt",
        ),
        (
            "# WidgetConf notes\n\n**Title:** Scaling queues with Kafka\n**Speaker:** Ada Brown, Widgets Inc\n\n"
            "She showed partitions.\n\n**Title:** Tracing everything\n**Speaker:** Tom Reyes\n\nHe showed traces.\n",
            "notes.md",
        ),
    ],
)
def test_talks_given_as_title_and_speaker_fields(text, name):
    assert talks(text, name) == [
        ("Scaling queues with Kafka", "talk", None, [("Ada Brown", "Widgets")]),
        ("Tracing everything", "talk", None, [("Tom Reyes", None)]),
    ]


def test_plain_text_title_lines_with_their_people_right_above_their_text():
    text = """WidgetConf 2019 notes

Scaling queues with Kafka - Ada Brown
She showed partitions and consumer groups.

Tracing everything - Tom Reyes
He showed traces.
"""
    assert talks(text, "notes.txt") == [
        ("Scaling queues with Kafka", "talk", None, [("Ada Brown", None)]),
        ("Tracing everything", "talk", None, [("Tom Reyes", None)]),
    ]


def test_a_list_of_people_presenting_under_a_plain_heading_is_one_untitled_session_per_item():
    text = """# WidgetConf

## Highlights

- Ada Brown from Widgets showed how queues work without copying.
- Tom Reyes explained how his team traced a whole bank.

## Scaling Queues by Ada Brown

- Ada Brown showed partitions.
- Tom Reyes explained ordering.
"""
    document = parse_notes(text, "notes.md")
    assert [(t.title, t.title_derived, [s.name for s in t.speakers], len(t.blocks)) for t in document.talks] == [
        ("Ada Brown from Widgets showed how queues work without copying.", True, ["Ada Brown"], 1),
        ("Tom Reyes explained how his team traced a whole bank.", True, ["Tom Reyes"], 1),
        ("Scaling Queues", False, ["Ada Brown"], 2),
    ]


def test_headings_that_name_a_person_over_one_bold_title_each_give_that_talk_its_speaker():
    text = """# WidgetConf

## Ada Brown

**Scaling Queues**

Queues.

## Tom Reyes, Bar Data

**Tracing Everything**

Traces.
"""
    assert talks(text) == [
        ("Scaling Queues", "talk", None, [("Ada Brown", None)]),
        ("Tracing Everything", "talk", None, [("Tom Reyes", "Bar Data")]),
    ]


def test_an_html_line_break_separates_lines_and_a_bold_first_line_titles_the_paragraph():
    text = """<html><body><article><h1>WidgetConf</h1>
<p><strong>Scaling Queues</strong><br>Ada Brown, Widgets Inc<br>She showed partitions.</p>
<p><strong>Tracing Everything</strong><br>Tom Reyes, Bar Data<br>He showed traces.</p>
</article></body></html>"""
    document = parse_notes(text, "notes.html")
    assert [(t.title, [(s.name, s.affiliation) for s in t.speakers]) for t in document.talks] == [
        ("Scaling Queues", [("Ada Brown", "Widgets")]),
        ("Tracing Everything", [("Tom Reyes", "Bar Data")]),
    ]
    assert document.talks[0].blocks[0].text == "Ada Brown, Widgets Inc\nShe showed partitions."


@pytest.mark.parametrize(
    "first, second",
    [("Erster Tag", "Zweiter Tag"), ("Premier jour", "Deuxième jour"), ("Dag ett", "Dag två"), ("Día uno", "Día dos")],
)
def test_day_headings_by_number_or_ordinal_in_other_languages(first, second):
    text = f"# Notizen\n\n## {first}\n\n### Köer - Ada Brown\n\nKafka.\n\n## {second}\n\n### Spårning - Tom Reyes\n\nJaeger.\n"
    assert [(t[0], t[2]) for t in talks(text)] == [("Köer", 1), ("Spårning", 2)]


def test_a_one_day_post_titled_by_an_ordinal_day_in_another_language_dates_its_talks():
    text = "# Anteckningar från andra dagen\n\n## Köer utan kopiering - Ada Brown\n\nKafka.\n"
    assert [(t[0], t[2]) for t in talks(text)] == [("Köer utan kopiering", 2)]


def test_table_title_cells_closed_by_people_in_parentheses():
    text = """# Programme

| Talk | Notes |
|---|---|
| Scaling Queues with Kafka (Ada Brown) | Partitions and consumer groups explained well. |
| Tracing Everything at a Bank (Tom Reyes) | Sampling at the edge. |
"""
    assert [(t[0], t[3]) for t in talks(text)] == [
        ("Scaling Queues with Kafka", [("Ada Brown", None)]),
        ("Tracing Everything at a Bank", [("Tom Reyes", None)]),
    ]


@pytest.mark.parametrize(
    "sentence, kind",
    [
        (
            "There were lightning talks on fuzzing for beginners, writing probes in C, and tuning databases.",
            "lightning",
        ),
        ("We had workshops about fuzzing for beginners, writing probes in C and tuning databases.", "tutorial"),
    ],
)
def test_sessions_enumerated_after_there_were_or_we_had(sentence, kind):
    text = f"# Notes\n\n## Day 2\n\n{sentence}\n"
    assert talks(text) == [
        ("fuzzing for beginners", kind, 2, []),
        ("writing probes in C", kind, 2, []),
        ("tuning databases", kind, 2, []),
    ]


def test_several_names_then_their_employer_and_an_initial_in_a_name():
    text = """# Notes

## Fairness in Practice

I-Kang Ding, Ariel M'ndange-Pfupfu, Marina Sergeeva, Capital One

Notes.

## Census Data at Scale

J. Henry Hinnefeld, Widget Analytics

Notes.
"""
    assert [t[3] for t in talks(text)] == [
        [("I-Kang Ding", "Capital One"), ("Ariel M'ndange-Pfupfu", "Capital One"), ("Marina Sergeeva", "Capital One")],
        [("J. Henry Hinnefeld", "Widget Analytics")],
    ]


def test_untitled_sessions_under_a_group_heading_take_their_own_words_and_its_introduction_is_no_session():
    text = """# WidgetConf

## Keynotes

We began with a strong line-up of keynotes in a huge hall.

Ravi Menon from Widgets described monitoring at scale.

Next, Lina Park spoke about queues in the kernel.

Omar Haddad explained tracing for beginners.
"""
    document = parse_notes(text, "notes.md")
    assert [(t.title, t.kind, t.title_derived) for t in document.talks] == [
        ("Ravi Menon from Widgets described monitoring at scale.", "keynote", True),
        ("Lina Park spoke about queues in the kernel.", "keynote", True),
        ("Omar Haddad explained tracing for beginners.", "keynote", True),
    ]
    assert [b.text for b in document.outside] == ["We began with a strong line-up of keynotes in a huge hall."]


def test_a_day_section_s_first_untitled_session_still_takes_the_day_heading():
    text = """# WidgetConf

## Day 1

Ravi Menon from Widgets described monitoring at scale.

Lina Park spoke about queues in the kernel.
"""
    assert [t[0] for t in talks(text)] == ["Day 1", "Lina Park spoke about queues in the kernel."]


def test_schedule_slots_without_a_speaker_are_no_talks():
    text = """# HashiDay

- Opening remarks
- Scaling Queues - Ada Brown
- Coffee break
- Tracing Everything - Tom Reyes
- Lunch
- Closing keynote - Lina Park
"""
    assert [t[0] for t in talks(text)] == ["Scaling Queues", "Tracing Everything", "Closing keynote"]


def test_people_before_a_colon_only_where_the_notes_name_people_in_their_headings():
    layout = "# Notes\n\n## Ada Brown: Zero-Copy Queues\n\nQueues.\n\n## Tracing Everything by Tom Reyes\n\nTraces.\n"
    assert [(t[0], t[3]) for t in talks(layout)] == [
        ("Zero-Copy Queues", [("Ada Brown", None)]),
        ("Tracing Everything", [("Tom Reyes", None)]),
    ]
    subtitle = """# Notes

## Hidden Hazards: Unique Burnout Risks in Tech
8:45 pm → 30 min, Ada Brown; Culture

## Scaling Queues
9:15 pm → 30 min, Tom Reyes; Messaging
"""
    assert [(t[0], t[3]) for t in talks(subtitle)] == [
        ("Hidden Hazards: Unique Burnout Risks in Tech", [("Ada Brown", None)]),
        ("Scaling Queues", [("Tom Reyes", None)]),
    ]


def test_untitled_items_opening_with_people_and_their_organisation_then_what_they_told():
    text = """# Notes

## Day 1

- Ada Brown (Widgets): queues without copying and why it matters.
- Tom Reyes (Bar Data Inc): how his team traced a whole bank.
- Lina Park: the cost of retries in distributed systems.
"""
    document = parse_notes(text, "notes.md")
    assert [
        (t.title, t.title_derived, t.day, [(s.name, s.affiliation) for s in t.speakers]) for t in document.talks
    ] == [
        ("Ada Brown: queues without copying and why it matters.", True, 1, [("Ada Brown", "Widgets")]),
        ("Tom Reyes: how his team traced a whole bank.", True, 1, [("Tom Reyes", "Bar Data")]),
        ("Lina Park: the cost of retries in distributed systems.", True, 1, [("Lina Park", None)]),
    ]
    assert document.talks[0].blocks[0].text == "Ada Brown (Widgets): queues without copying and why it matters."
    titled = """# Notes

## Talks

- Zero Copy (Ada Brown): queues without copying.
- Fast Paths (Tom Reyes): bypassing the kernel.
"""
    assert [(t[0], t[3]) for t in talks(titled)] == [
        ("Zero Copy", [("Ada Brown", None)]),
        ("Fast Paths", [("Tom Reyes", None)]),
    ]


def test_list_items_that_put_people_first_give_titles_and_speakers():
    text = """Recordings
==========

Talks
-----

- Marta Lindqvist – Zero-Copy Queues
- Tomasz Oyelaran – Tracing Everything: a Bank's Story
- Ines Vukovic – Retry Budgets
"""
    document = parse_notes(text, "recordings.rst")
    assert [(t.title, [s.name for s in t.speakers]) for t in document.talks] == [
        ("Zero-Copy Queues", ["Marta Lindqvist"]),
        ("Tracing Everything: a Bank's Story", ["Tomasz Oyelaran"]),
        ("Retry Budgets", ["Ines Vukovic"]),
    ]
