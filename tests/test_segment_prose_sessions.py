"""Sessions a recap names only in its prose, in shapes seen in recaps by other authors (stated generally and tested
on text written for the test): a person with the session's kind and title in parentheses, emphasised titles with
their speakers, an author's section whose opening names the talks, a presenter after a phrase of time, a named
training "with" its teacher, a paragraph that opens with the next talk, and subjects enumerated with their speakers
in parentheses."""

from __future__ import annotations

from talkgraph.graph.notes.blocks import read_blocks
from talkgraph.graph.notes.segment import parse_notes


def _talks(text: str, name: str) -> list[tuple[str, str, list[str]]]:
    return [(t.title, t.kind, [s.name for s in t.speakers]) for t in parse_notes(text, name).talks]


PAREN_SESSIONS = """# Widget Summit was worth it

## Bookends

The plenaries that opened and closed the summit were the best part. Ada Brown (opening plenary: Queues All the Way
Down), Tom Reyes (closing plenary: Paging Less at Night), and Kim Ho (closing plenary: Paging Less at Night) all
taught with a story.

Ada started by drawing a queue on a whiteboard. Tom and Kim ended with a reading
of an old play, which fit the subject better than I expected.

## Testing Big Systems

Lena Park showed three ways to test systems too large to copy, with a demo
of replaying production traffic against a staging cluster.
"""


def test_a_person_with_the_sessions_kind_and_title_in_parentheses_is_a_talk_and_the_authors_section_is_not():
    assert _talks(PAREN_SESSIONS, "summit.md") == [
        ("Queues All the Way Down", "keynote", ["Ada Brown"]),
        ("Paging Less at Night", "keynote", ["Tom Reyes", "Kim Ho"]),  # one talk, two people
        ("Testing Big Systems", "talk", []),
    ]


def test_the_rest_of_an_authors_section_naming_talks_is_commentary_in_no_talk():
    document = parse_notes(PAREN_SESSIONS, "summit.md")
    assert all("whiteboard" not in t.body_text for t in document.talks)
    assert any("whiteboard" in b.text for b in document.outside)


def test_a_section_naming_one_talk_only_stays_as_it_was():
    text = PAREN_SESSIONS.replace(
        "Tom Reyes (closing plenary: Paging Less at Night), and Kim Ho (closing plenary: Paging Less at Night)",
        "Tom Reyes and Kim Ho",
    )
    assert [title for title, _, _ in _talks(text, "summit.md")] == ["Bookends", "Testing Big Systems"]


def test_in_plain_text_a_paragraph_naming_one_session_in_parentheses_names_that_talk():
    text = "Widget Summit\n\nThe opening was good: Ada Brown (opening plenary: Queues All the Way Down) told a story.\n"
    assert _talks(text, "summit.txt") == [("Queues All the Way Down", "keynote", ["Ada Brown"])]


EMPHASISED = """---
title: "My favourite talks of Widget Days"
---

I was at Widget Days this spring. The venue was lovely and the coffee strong.

First, make time for *Why Queues Fill Up*, by Ada Brown. It is about anyone who builds systems.

I had waited all year for Tom Reyes' talk, *Shipping Models Safely*. It did not disappoint.

Finally, a talk on storing huge sets in very little memory, by Kim Ho. Clever tricks throughout.

The after-party was at a boat on the river.
"""


def test_emphasised_titles_in_prose_with_their_speakers_are_talks_and_a_paragraph_opening_with_a_talk_starts_it():
    assert _talks(EMPHASISED, "days.md") == [
        ("Why Queues Fill Up", "talk", ["Ada Brown"]),
        ("Shipping Models Safely", "talk", ["Tom Reyes"]),
        ("Storing huge sets in very little memory", "talk", []),
    ]


def test_the_paragraph_that_opens_with_the_next_talk_is_its_text_not_the_last_talks():
    talks = parse_notes(EMPHASISED, "days.md").talks
    assert "Clever tricks" not in talks[1].body_text
    assert "Clever tricks" in talks[2].body_text


def test_emphasis_without_a_talk_word_or_speakers_names_no_talk():
    text = "Widget Days\n\nThe keynote hall was *really quite cold* all day. We had *so much fun* at the booths.\n"
    assert parse_notes(text, "days.md").talks == []


def test_every_reader_keeps_a_paragraphs_emphasised_runs():
    markdown = read_blocks("See *Why Queues Fill Up* and **bold *inner* run** here.\n", "markdown").blocks[0]
    html = read_blocks("<p>See <em>Why Queues Fill Up</em> and <b>bold <i>inner</i> run</b></p>", "html").blocks[0]
    rst = read_blocks("See *Why Queues Fill Up* and **bold run** here.\n", "rst").blocks[0]
    assert markdown.emphasis == ["Why Queues Fill Up", "bold inner run"]
    assert html.emphasis == ["Why Queues Fill Up", "bold inner run"]
    assert rst.emphasis == ["Why Queues Fill Up", "bold run"]


def test_the_html_reader_marks_emphasis_in_a_pages_loose_inline_text():
    block = read_blocks("<div>Catch <em>Why Queues Fill Up</em>, by Ada Brown.</div>", "html").blocks[0]
    assert block.emphasis == ["Why Queues Fill Up"]
    assert _talks("<div>Catch <em>Why Queues Fill Up</em>, by Ada Brown.</div>", "page.html") == [
        ("Why Queues Fill Up", "talk", ["Ada Brown"])
    ]


PROSE_ONLY = """Reflections on Widget Live

This year was more fun than the last. I caught up with many old colleagues.

The tutorials were a highlight: I spent the whole day in the Widget Cluster training with Ada Brown from Initech.
The pace suited me well.

On Tuesday morning Tom Reyes of Globex gave a strong keynote on the project's future. He took hard questions.
"""


def test_a_named_training_with_its_teacher_and_a_presenter_after_a_phrase_of_time_are_sessions():
    assert _talks(PROSE_ONLY, "live.txt") == [
        ("Widget Cluster training", "tutorial", ["Ada Brown"]),  # "The tutorials were a highlight: …"
        ("Tom Reyes of Globex gave a strong keynote on the…", "keynote", ["Tom Reyes"]),
    ]


def test_a_phrase_of_time_before_a_presenter_stays_out_of_the_sessions_title_but_in_its_text():
    talk = parse_notes(PROSE_ONLY, "live.txt").talks[1]
    assert talk.body_text.startswith("On Tuesday morning Tom Reyes")


ENUMERATION = """Widget Days 2019

Each of the three main days had keynotes. The others dealt with, among other things, the economy of cities
(Ada Brown), Machine Learning (Tom Reyes, Kim Ho), a love letter to old computers (Raj Mehta) and music with
Sonic Loops (Lena Park).
"""


def test_subjects_enumerated_with_their_speakers_in_parentheses_are_talks():
    assert _talks(ENUMERATION, "days.txt") == [
        ("economy of cities", "talk", ["Ada Brown"]),
        ("Machine Learning", "talk", ["Tom Reyes", "Kim Ho"]),
        ("love letter to old computers", "talk", ["Raj Mehta"]),
        ("Sonic Loops", "talk", ["Lena Park"]),
    ]


def test_people_listed_with_their_employers_in_parentheses_are_no_subjects():
    text = "Widget Days 2019\n\nThe speakers were Ada Brown (Initech), Tom Reyes (Red Hat) and Kim Ho (Globex).\n"
    assert parse_notes(text, "days.txt").talks == []


def test_one_subject_with_its_speaker_in_parentheses_is_no_enumeration():
    text = "Widget Days 2019\n\nThe best keynote was on the economy of cities (Ada Brown), I thought.\n"
    assert parse_notes(text, "days.txt").talks == []


def test_a_talks_own_speaker_is_never_its_company():
    from talkgraph.graph.linking.extract import extract
    from talkgraph.graph.linking.linker import Linker
    from talkgraph.graph.linking.vocabulary import load_vocabulary

    text = (
        "# Widget Days\n\n## Music with Sonic Loops - Lena Park\n\nThe closing act was Sonic Loops (Lena Park), live.\n"
    )
    talk = extract(parse_notes(text, "days.md"), Linker(load_vocabulary())).as_json()["talks"][0]
    assert (talk["speakers"], talk["companies"]) == (["Lena Park"], [])


FRONT_MATTER_RST = """---
title: "Two days at Widget Conf"
author: "Someone"
---

Widget Conf ended a few days ago; these are the talks we liked most.

* `Ada Brown`_, of Initech, spoke about human error and the design that hides behind it. Initech published the
  recording of her talk, `Life after Blame`_.
* In `Queues at the Edge`_, `Tom Reyes`_ showed how his team sheds load before it reaches a queue.

.. _`Ada Brown`: https://twitter.com/adabrown
.. _`Life after Blame`: https://widgetconf.example/schedule/detail/101
.. _`Queues at the Edge`: https://widgetconf.example/schedule/detail/102
.. _`Tom Reyes`: https://twitter.com/tomreyes
"""


def test_a_restructuredtext_post_with_front_matter_has_its_title_and_its_items_linking_talk_pages_are_the_talks():
    document = parse_notes(FRONT_MATTER_RST, "post.rst")
    assert document.title == "Two days at Widget Conf"
    assert [(t.title, [s.name for s in t.speakers]) for t in document.talks] == [
        ("Life after Blame", ["Ada Brown"]),  # the speaker linked to her profile, in the item before the title
        ("Queues at the Edge", ["Tom Reyes"]),
    ]
    assert document.talks[0].body_text.startswith("Ada Brown, of Initech, spoke about human error")


def test_a_speaker_linked_to_a_profile_keeps_the_affiliation_written_after_the_link():
    text = "# Notes\n\n## Paging Less\n\n[Ann Lee](https://twitter.com/annlee) (Acme)\n\nShe showed alerts.\n\n"
    text += "## Queues\n\n[Tom Reyes](https://twitter.com/tomreyes) (Initech)\n\nHe showed queues.\n"
    talks = parse_notes(text, "notes.md").talks
    assert [[(s.name, s.affiliation) for s in t.speakers] for t in talks] == [
        [("Ann Lee", "Acme")],
        [("Tom Reyes", "Initech")],
    ]


def test_a_talk_with_no_speaker_named_takes_the_people_its_opening_links_to_their_profiles():
    text = "# Notes\n\n## Paging Less\n\nGreat talk by [Ann Lee](https://github.com/annlee) on alerts.\n\n"
    text += "## Queues\n\nA talk on queues; see [the slides](https://example.com/slides).\n"
    talks = parse_notes(text, "notes.md").talks
    assert [[s.name for s in t.speakers] for t in talks] == [["Ann Lee"], []]


LINKED_ITEMS = """# Zwei Tage auf der Widget Conf

Die Widget Conf ist vorbei; hier die Vorträge, die uns am besten gefielen.

* [Ada Brown](https://twitter.com/adabrown) von Initech sprach über Fehlerkultur. Die Aufzeichnung ihres Vortrags
  [Life after Blame](https://widgetconf.example/schedule/detail/101) ist online.
* Sehr gut war auch [Queues at the Edge](https://widgetconf.example/talks/102) von
  [Tom Reyes](https://github.com/tomreyes): Last abwerfen, bevor sie die Queue erreicht.

Abends gab es Pizza für alle.
"""


def test_list_items_each_linking_one_talks_page_are_the_talks_in_any_language_each_the_whole_item():
    document = parse_notes(LINKED_ITEMS, "zwei-tage.md")
    assert [(t.title, [s.name for s in t.speakers]) for t in document.talks] == [
        ("Life after Blame", ["Ada Brown"]),
        ("Queues at the Edge", ["Tom Reyes"]),
    ]
    assert document.talks[0].body_text.startswith("Ada Brown von Initech sprach über Fehlerkultur.")
    assert all("Pizza" not in t.body_text for t in document.talks)


def test_one_linked_talk_page_in_prose_alone_is_not_enough_to_read_the_notes_as_talks_named_in_passing():
    text = LINKED_ITEMS.replace("[Queues at the Edge](https://widgetconf.example/talks/102)", "Queues at the Edge")
    text = text.replace("Die Aufzeichnung ihres Vortrags", "Die Aufzeichnung")  # "her talk [Title]" names a talk
    assert [t.title for t in parse_notes(text, "zwei-tage.md", learned=False).talks] == []  # the rules alone


HANDLE_BYLINES = """# Queues Without Tears
## Ada Brown @initech
* backpressure before the queue
* retries with a budget

# Paging Less
Tom Reyes @globex
* fewer alerts, better ones

# Retry Budgets
## Omar Haddad @quietsystems
* retries that stop

# Tracing for Everyone
## Kim Ho
* spans from the browser

# Lightning talks
## Five Minutes of Fame - Lena Park
## Ten Slides on Caching - Raj Mehta
"""


def test_headings_with_bylines_under_them_are_talks_beside_a_heading_that_groups_talks():
    talks = parse_notes(HANDLE_BYLINES, "notes.md").talks
    assert [(t.title, [(s.name, s.affiliation) for s in t.speakers]) for t in talks] == [
        ("Queues Without Tears", [("Ada Brown", "initech")]),  # the handle after a name: the employer's
        ("Paging Less", [("Tom Reyes", "globex")]),
        ("Retry Budgets", [("Omar Haddad", "quietsystems")]),
        ("Tracing for Everyone", [("Kim Ho", None)]),  # a name alone, where bylines are the layout
        ("Five Minutes of Fame", [("Lena Park", None)]),
        ("Ten Slides on Caching", [("Raj Mehta", None)]),
    ]


def test_a_handle_that_spells_the_speakers_own_name_is_theirs_not_an_employer():
    from talkgraph.graph.notes.bylines import byline_speakers

    assert [(s.name, s.affiliation) for s in byline_speakers("Ada Brown @adabrown")] == [("Ada Brown", None)]
    assert [(s.name, s.affiliation) for s in byline_speakers("Ada Brown Ph.D. @Initech (in a red shirt)")] == [
        ("Ada Brown", "Initech")
    ]


QUOTED_LINKS = """---
title: 'I was at Widget Days'
---

Widget Days was a blast this year.

The talks I went to:

- ["Building a paging rota"](https://widgetdays.example/schedule/event/rota/)

- ["testing with closed-source peers"](https://widgetdays.example/schedule/event/peers/)

- ["Queues in rkt and Linux"](https://widgetdays.example/schedule/event/queues/) and

- ["Powering Initech's fleet"](https://widgetdays.example/schedule/event/fleet/).

We rented a flat near the station, and it was a lovely stay!
"""


def test_items_that_are_only_a_link_to_a_talks_page_are_titles_whatever_their_case_and_quotes():
    assert [t.title for t in parse_notes(QUOTED_LINKS, "days.md").talks] == [
        "Building a paging rota",
        "testing with closed-source peers",
        "Queues in rkt and Linux",
        "Powering Initech's fleet",
    ]


def test_items_linking_other_pages_are_not_titles_for_that():
    text = QUOTED_LINKS.replace("widgetdays.example/schedule/event", "example.com/photos")
    # the rules alone: where they find no talk the learned tagger is asked (tests/test_start_model.py)
    assert [t.title for t in parse_notes(text, "days.md", learned=False).talks] == []


LESSONS = """# Tres cosas que aprendí en Widget Days

## Los controladores escalan mejor

Widget es un proyecto enorme, con muchos componentes.

En su charla Queues for Busy People Who Like Pictures, Ada Brown cuenta por qué una máquina de estados no escala.

## La disponibilidad se diseña

Improving Availability for Stateful Widgets, de Tom Reyes, fue la charla que más me gustó.

## Lo que me llevo

Volveré el año que viene.
"""


def test_an_authors_headings_over_prose_that_names_its_talk_with_an_unquoted_title_in_any_language():
    assert _talks(LESSONS, "cosas.md")[:2] == [
        ("Queues for Busy People Who Like Pictures", "talk", ["Ada Brown"]),
        ("Improving Availability for Stateful Widgets", "talk", ["Tom Reyes"]),
    ]


def test_the_same_in_english_the_talk_word_then_its_title_then_who_gave_it():
    text = "# Notes\n\n## Lesson one\n\nIn her talk Queues for Busy People, Ada Brown explains backpressure.\n"
    assert _talks(text, "notes.md") == [("Queues for Busy People", "talk", ["Ada Brown"])]


NAME_LINES = """Widget Days tidbits

I am on my way home from Widget Days. What follows is the one thing each talk made me think about.

Queues Without Tears: A Field Guide

Ada Brown

  - plan for the thundering herd
    - and test the plan

Paging Less at Night

Tom Reyes

  - fewer alerts, better ones
"""


def test_in_plain_text_a_name_alone_under_a_title_line_is_its_speaker_not_a_talk():
    assert _talks(NAME_LINES, "tidbits.txt") == [
        ("Queues Without Tears: A Field Guide", "talk", ["Ada Brown"]),
        ("Paging Less at Night", "talk", ["Tom Reyes"]),
    ]


def test_names_under_names_are_no_bylines_of_each_other():
    text = "Widget Days\n\nKeynote speakers\n\nAda Brown\n\nTom Reyes\n\nKim Ho\n\nThe venue was lovely and the coffee strong.\n"
    assert [(title, people) for title, _, people in _talks(text, "days.txt")] == [
        ("Ada Brown", []),
        ("Tom Reyes", []),
        ("Kim Ho", []),
    ]


HTML_IN_MARKDOWN = """---
title: Widget Conf Round-up
---

We hosted the first Widget Conf last month. Here are the talks.

## The talks {#the-talks}

<div class="row">
  <div class="col">
    <h3><a class="anchor" name="talk-queues"></a>Queues Without Tears <a class="hash-link" href="#talk-queues">#</a></h3>
    <p>
      <strong>Ada Brown</strong> began with the story of the first queue, then <em>why</em> it overflowed.
    </p>
  </div>
  <div class="col"><iframe src="https://video.example/embed/1"></iframe></div>
</div>

<div class="row">
  <div class="col">
    <h3><a class="anchor" name="talk-paging"></a>Paging Less <a class="hash-link" href="#talk-paging">#</a></h3>
    <p>
      <strong>Tom Reyes</strong> and <strong>Kim Ho</strong> walked through a year of alerts.
    </p>
  </div>
</div>
"""


def test_html_written_inside_markdown_is_read_as_html_and_a_headings_permalink_is_no_part_of_its_title():
    document = parse_notes(HTML_IN_MARKDOWN, "roundup.md")
    assert [(t.title, [s.name for s in t.speakers]) for t in document.talks] == [
        ("Queues Without Tears", ["Ada Brown"]),  # the name in bold that opens the text
        ("Paging Less", ["Tom Reyes", "Kim Ho"]),
    ]
    assert read_blocks(HTML_IN_MARKDOWN, "markdown").blocks[2].text == "The talks"  # "{#the-talks}" dropped


def test_bold_words_opening_a_talks_text_are_its_speakers_only_when_they_are_names():
    text = "# Notes\n\n## Paging Less\n\n**Fewer alerts** were the theme of this one.\n"
    assert _talks(text, "notes.md") == [("Paging Less", "talk", [])]


def test_a_bold_title_then_by_in_the_recaps_language_and_the_speaker_in_an_item():
    text = """# Widget Days

* **Five Stages of Development** av *Ada Brown* gick igenom verktygen.
* **The Fourth Dimension** av *Tom Reyes* jämförde asynkron och synkron kod.
"""
    assert _talks(text, "dagar.md") == [
        ("Five Stages of Development", "talk", ["Ada Brown"]),
        ("The Fourth Dimension", "talk", ["Tom Reyes"]),
    ]


SPEAKER_FIELDS = """# Widgetdays 2022

## Jeudi

### 10:45 - 11:30 Des files d'attente sans larmes

**Salle :** Maillot

**Speaker(s) :**
- Ada BROWN

**Notes :**

- la file déborde toujours un lundi
- mesurer avant de corriger

### 14:00 - 14:45 Moins d'astreintes la nuit

**Speaker(s) :**
- Tom Reyes
- Kim Ho
"""


def test_names_listed_under_a_speakers_label_are_the_talks_speakers_not_talks():
    assert _talks(SPEAKER_FIELDS, "widgetdays.md") == [
        ("Des files d'attente sans larmes", "talk", ["Ada BROWN"]),  # a surname in capitals, as written
        ("Moins d'astreintes la nuit", "talk", ["Tom Reyes", "Kim Ho"]),
    ]


HUGO_TABLE = """# Widget Conf 2019

time  | title  | speaker | slides |
------|--------|---------|--------|
9:00 | [Queues Without Tears]({{< ref "/AdaBrown.md" >}}) | [Ada Brown](https://example.com/ada) | [pdf](/01.pdf) |
10:30 | *Coffee break* | |
11:00 | [Paging Less at Night]({{< relref "/TomReyes.md" >}}) | [Tom Reyes](https://example.com/tom) | [pdf](/02.pdf) |
17:30 | Discussion and wrap-up | |
"""


def test_a_hugo_posts_links_to_its_own_pages_are_links_and_slots_of_the_running_order_are_no_talks():
    assert _talks(HUGO_TABLE, "widgetconf.md") == [
        ("Queues Without Tears", "talk", ["Ada Brown"]),
        ("Paging Less at Night", "talk", ["Tom Reyes"]),
    ]


def test_every_talk_of_every_eval_recap_has_a_kind_the_ontology_knows():
    """ "Jeff's presentation" once gave the kind "presentation", which no class stands for: ingest failed with a
    KeyError on a real recap."""
    from pathlib import Path

    from talkgraph.graph.notes.segment import parse_file
    from talkgraph.graph.notes.talks import KINDS
    from talkgraph.graph.rdf.triples import KIND_IRIS

    assert set(KINDS) <= set(KIND_IRIS)
    notes = sorted(Path(__file__).parent.glob("eval/**/notes/*.*"))
    kinds = {talk.kind for path in notes for talk in parse_file(path).talks}
    assert len(notes) >= 138 and kinds <= set(KINDS)


def test_a_presentation_named_in_passing_is_a_talk():
    text = "Widget Days\n\nDay 1\n\nI liked Ann Lee's presentation and Tom Reyes's keynote.\n"
    assert [(t.title, t.kind) for t in parse_notes(text, "days.txt").talks] == [
        ("Ann Lee's presentation", "talk"),
        ("Tom Reyes's keynote", "keynote"),
    ]


WRITERS = """# WidgetConf 2015 Wrap Up

The Initech team is back from WidgetConf. Below are the talks we liked best.

## Katie Smith

* Diversity gets discussed a lot. It is rarer to hear a story that also proposes things to do. Kate Heddle's
  well researched and forceful talk on
  [How our engineering environments are killing diversity][2] did exactly that.

* I was looking forward to Sarah Bird's talk on [Interactive data for the web - Widgets for web
  developers][4]. Sarah took us step by step through a visualisation.

## Tom Reyes

* Melanie Warrick's talk on [Neural Nets for Newbies](https://widgetconf.example/talks/5) cut a hard subject down.
"""


def test_a_writers_section_whose_items_each_name_a_talk_by_its_link_text_is_those_talks():
    talks = parse_notes(WRITERS, "wrap-up.md").talks
    assert [(t.title, [s.name for s in t.speakers]) for t in talks] == [
        ("How our engineering environments are killing diversity", ["Kate Heddle"]),
        ("Interactive data for the web - Widgets for web developers", ["Sarah Bird"]),  # a link text on two lines
        ("Neural Nets for Newbies", ["Melanie Warrick"]),
    ]
    assert talks[1].body_text.startswith("I was looking forward to Sarah Bird's talk")


def test_a_reference_link_without_its_definition_is_still_a_link_text_and_reads_as_plain_text():
    block = read_blocks("See [Paging Less at\nNight][7] for more.\n", "markdown").blocks[0]
    assert block.text == "See Paging Less at\nNight for more."
    assert block.links == [("Paging Less at Night", "")]


def test_a_writers_section_with_an_item_naming_no_talk_stays_one_section():
    text = WRITERS.replace("* Melanie Warrick's talk on", "* Lunch was good, and Melanie Warrick's notes on")
    assert [t.title for t in parse_notes(text, "wrap-up.md").talks][-1] == "Tom Reyes"


ROUNDUP = """# Conference roundup: WidgetConf and QueueCon

## WidgetConf

WidgetConf was small, one day and one track, held in Lund in September.

### Highlights

The talk that blew me away was **»Widget Performance Tooling« by Ada Brown** ([@ada](https://twitter.com/ada)),
which shows tools for performance work.

The other performance talk, **»Widgets and the critical path« from Tom Reyes**, went deep into rendering.

**Kim Ho** gave another excellent talk on queues and alerting, **»Paging Less at Night«**. It was full of detail.

More photos are on my photo page.

### Bottom Line

WidgetConf was great and I hope to make the next one.

## QueueCon

QueueCon began the day after, in the same venue, and was bigger. The talks did not win me over.
"""


def test_a_section_whose_paragraphs_name_two_talks_or_more_is_those_talks_each_with_the_text_after_it():
    document = parse_notes(ROUNDUP, "roundup.md")
    talks = document.talks
    assert [(t.title, [s.name for s in t.speakers], len(t.blocks)) for t in talks] == [
        ("Widget Performance Tooling", ["Ada Brown"], 1),
        ("Widgets and the critical path", ["Tom Reyes"], 1),
        ("Paging Less at Night", ["Kim Ho"], 2),  # its paragraph, then the photos line; not the bottom line
        ("QueueCon", [], 1),  # a section naming no talk stays as it was
    ]
    in_talks = {b.text for t in talks for b in t.blocks}
    assert not [b.text for b in document.outside if b.text in in_talks]  # no text both in a talk and outside


NORDIC = """Widgetdagene 2015
=================

Konferansen varer i to dager, med foredrag om formiddagen.

## Hva ble det snakket om?

Et av de sterkeste foredragene var [Widgets in the Dark (security for widget fleets)](https://slides.example/1) av
Ada Brown. Hun gikk gjennom typiske feller.

I [Paging Less at Night](https://slides.example/2) argumenterte Tom Reyes for færre varsler. Poenget hans var enkelt.

Med [Kim Ho](https://twitter.com/kimho) og Lena Park snakket vi om køer i pausen.
"""


def test_a_linked_title_in_prose_with_who_gave_it_in_another_language_is_a_talk_and_a_linked_name_is_not():
    talks = parse_notes(NORDIC, "widgetdagene.md").talks
    assert [(t.title, [s.name for s in t.speakers]) for t in talks] == [
        ("Widgets in the Dark (security for widget fleets)", ["Ada Brown"]),
        ("Paging Less at Night", ["Tom Reyes"]),  # not "Kim Ho", whom the last paragraph links
    ]


def test_a_talk_word_right_before_a_linked_title_names_it_in_any_language():
    text = "# Notizen\n\nDie Aufzeichnung ihres Vortrags [Life after Blame](https://v.example/1) ist online.\n\n"
    text += "Auch sein Vortrag [Queues at the Edge](https://v.example/2) war gut.\n"
    assert [t.title for t in parse_notes(text, "notizen.md").talks] == ["Life after Blame", "Queues at the Edge"]


ONE_DAY = """WidgetConf Lund, day 1

So here I am, far from home. The setting is stunning and the weather is warm.

The day opened with a welcome from the organisers. They were warm and kind.

Ada Brown came next with her talk about Designing for Queues. She was passionate and captivating.

Tom Reyes was next with
"""


def test_someone_coming_next_with_a_talk_about_a_subject_is_a_talk_even_alone_as_a_last_resort():
    talks = parse_notes(ONE_DAY, "day-1.txt").talks
    assert [(t.title, [s.name for s in t.speakers], t.body_text[:19]) for t in talks] == [
        ("Designing for Queues", ["Ada Brown"], "Ada Brown came next")
    ]


def test_one_talk_named_in_passing_without_its_speaker_is_still_no_talk():
    text = ONE_DAY.replace("Ada Brown came next with her talk about", "Then I went to a talk about")
    document = parse_notes(text, "day-1.txt")
    assert document.talks == []
    assert document.warnings == ["day-1.txt: no talk found (no heading, title line, list or table of talks)"]


def test_words_linked_after_a_talk_word_in_a_sentence_are_no_title():
    text = "# WidgetConf\n\n## Paging Less\n\nThe slides of my talk [are on Speaker Deck](https://s.example/1) and "
    text += (
        "the keynote [recording is on YouTube](https://v.example/2). Every talk [was recorded](https://v.example).\n"
    )
    assert [t.title for t in parse_notes(text, "notes.md").talks] == ["Paging Less"]


def test_a_days_opening_paragraph_that_names_no_session_introduces_the_sessions_captioned_after_it():
    text = """# WidgetConf 2023

## Day I: 14th December, 2023

What a day. My badge had arrived early, and I sat in on these sessions.

Ann Lee presenting Scaling Queues Without Tears

Paging Less at Night — by Raj Mehta
"""
    notes = parse_notes(text, "day.md")
    assert [(t.title, [s.name for s in t.speakers], t.day) for t in notes.talks] == [
        ("Scaling Queues Without Tears", ["Ann Lee"], 1),
        ("Paging Less at Night", ["Raj Mehta"], 1),
    ]
    assert "What a day." in notes.outside[0].text


def test_a_days_opening_paragraph_without_the_author_in_it_is_a_session_even_with_i_o_in_it():
    text = """# WidgetConf 2023

## Day 1

Block-layer I/O scheduling was the theme of the morning, with new queues.

Ann Lee presenting Scaling Queues Without Tears
"""
    assert next(t.title for t in parse_notes(text, "day.md").talks) == "Day 1"


def test_a_sentence_whose_subject_is_someones_talk_starts_that_session_beside_people_presenting():
    text = (
        "Widget Live 2018\n\nThe lineup was excellent this year.\n\n"
        "Mira Okafor's talk struck home: she showed how third-party tags quietly slow pages down. "
        "Lars Brandt gave another great session, full of live demos of the browser's tools.\n"
    )
    talks = parse_notes(text, "live.txt").talks
    assert [([s.name for s in t.speakers], t.title) for t in talks] == [
        (["Mira Okafor"], "Mira Okafor's talk struck home: she showed how third-party tags…"),
        (["Lars Brandt"], "Lars Brandt gave another great session, full of live demos…"),
    ]
