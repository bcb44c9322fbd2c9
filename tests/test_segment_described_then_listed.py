"""A recap that describes its talks in prose, then lists them ("1. **Ann Lee** @ann - *Title* [video]"); inline
HTML in Markdown; a list of topics under its heading. Each rule is stated generally and tested on text written for
the test."""

from __future__ import annotations

from talkgraph.graph.notes.blocks import read_blocks
from talkgraph.graph.notes.bylines import item_heading
from talkgraph.graph.notes.segment import parse_notes

RECAP = """# WidgetConf 2024

## The talks

First up, Ann Lee <a href="#list">(1)</a> explained why queues fill up at night and what <b>back pressure</b> does
about it.

Then Tom <a href="#list">(2)</a> showed his budget dashboards, one per team.

I missed the coffee, as always.

Mei Tanaka <a href="#list">(3)</a> closed the day with a walk through paging rules.

## Hot topics

- <a href="https://docs.example/queues">Back pressure</a>
- <a href="https://docs.example/slo">Error budgets</a>

## List of talks

1. __Ann Lee__ <sub>twitter:<a href="https://twitter.com/annlee">@annlee</a></sub> - *Queues at Night* [<a href="https://video.example/1">video</a>]
2. __Tom Reyes__ - *Budgets for Everyone.* [<a href="https://video.example/2">video</a>]
3. __Mei Tanaka__ - *Paging Less: Alerts That Matter* [<a href="https://video.example/3">slides</a>]
"""


def test_talks_listed_with_their_people_and_titles_emphasised_are_the_talks():
    document = parse_notes(RECAP, "recap.md")
    assert [(t.title, [s.name for s in t.speakers]) for t in document.talks] == [
        ("Queues at Night", ["Ann Lee"]),
        ("Budgets for Everyone", ["Tom Reyes"]),
        ("Paging Less: Alerts That Matter", ["Mei Tanaka"]),
    ]


def test_the_prose_about_a_listed_talk_joins_it_by_the_speaker_it_names():
    document = parse_notes(RECAP, "recap.md")
    texts = {t.title: [b.text.split("\n")[0] for b in t.blocks] for t in document.talks}
    assert texts["Queues at Night"][0].startswith("First up, Ann Lee (1) explained")
    assert texts["Budgets for Everyone"][0].startswith("Then Tom (2) showed")  # the first name is enough
    assert texts["Paging Less: Alerts That Matter"][0].startswith("Mei Tanaka (3) closed")
    assert "I missed the coffee, as always." in [b.text for b in document.outside]


def test_inline_html_in_markdown_is_read_not_kept_as_markup():
    text = 'Read <a href="https://x.example/t" title="t">the post</a><br>and <!-- hidden --> <sub>3 < 4</sub>.'
    assert [(b.text, b.links) for b in read_blocks(text, "markdown").blocks] == [
        ("Read the post\nand 3 < 4.", [("the post", "https://x.example/t")])
    ]


def test_tags_that_are_not_formatting_stay_the_notes_literal_text():
    text = "A picture <img src=x onerror=alert(1)> and <script>alert(2)</script> here."
    assert [b.text for b in read_blocks(text, "markdown").blocks] == [text]


def test_people_then_an_emphasised_title_after_a_dash_read_as_title_by_people():
    line = "Ann Lee twitter:@annlee - We have queues. What about budgets? [video]"
    assert item_heading(line, emphasis=["Ann Lee", "We have queues. What about budgets?"]) == (
        "We have queues. What about budgets? by Ann Lee",
        "[video]",
    )
    # the second emphasis must be a title after a dash, not a second name or a word further on
    assert item_heading("Ann Lee - Tom Reyes", emphasis=["Ann Lee", "Tom Reyes"])[0] != "Tom Reyes by Ann Lee"
    assert item_heading("Ann Lee loved Queues at Night", emphasis=["Ann Lee", "Queues at Night"]) == (
        "Ann Lee loved Queues at Night",
        "",
    )


def test_a_list_under_a_topics_heading_names_topics_not_talks():
    notes = """# WidgetConf

## Queues at Night - Ann Lee

Ann showed queues.

## Budgets for Everyone - Tom Reyes

Tom showed budgets.

## Hot topics

- [Back pressure](https://docs.example/queues)
- [Error budgets](https://docs.example/slo)
- [Paging rules](https://docs.example/paging)
"""
    assert [t.title for t in parse_notes(notes, "notes.md").talks] == ["Queues at Night", "Budgets for Everyone"]


def test_a_list_of_events_is_not_a_list_of_talks():
    notes = """# Which conference?

By the end of the year our shortlist was:

* Render Conference ([Website](https://render.example))
* Smashing Conference ([Website](https://smashing.example))
* DeltaV Conf ([Website](https://deltav.example))
* CityJS Conference ([Website](https://cityjs.example))

In the end we went to Smashing, where Ann Lee gave a talk named Paging Less: Alerts That Matter.
"""
    assert [t.title for t in parse_notes(notes, "notes.md").talks] == ["Paging Less: Alerts That Matter"]


LISTED_THEN_NAMED = """# WidgetConf 2019, day one

The first day was all workshops. These were on offer:

* Queues from Scratch
* Fuzzing for Beginners
* Widget Tracing in Production
* Capacity Planning for Widget Teams

My first session was `Queues from Scratch`, which I enjoyed.

Ana Silva ran a hands-on `Fuzzing for Beginners` session, and everyone liked it.

Tom Reyes’s ‘Capacity Planning for Widget’ presentation is online.

Kelsey Brown asked me about the queues afterwards.
"""


def test_a_paragraph_opening_with_a_person_who_gave_a_listed_title_names_its_speaker():
    talks = parse_notes(LISTED_THEN_NAMED, "day-one.md").talks
    assert [(t.title, [s.name for s in t.speakers]) for t in talks] == [
        ("Queues from Scratch", []),
        ("Fuzzing for Beginners", ["Ana Silva"]),
        ("Widget Tracing in Production", []),
        ("Capacity Planning for Widget Teams", ["Tom Reyes"]),
    ]
    assert [b.text for b in talks[1].blocks] == [
        "Ana Silva ran a hands-on Fuzzing for Beginners session, and everyone liked it."
    ]


def test_a_title_s_clause_after_a_dash_is_no_speaker():
    talks = parse_notes(
        "# Day 1\n\n* Incident Command - What We’ve Learned from Firefighters\n* Queues\n", "d.md"
    ).talks
    assert talks[0].title == "Incident Command - What We’ve Learned from Firefighters"
    assert talks[0].speakers == []
