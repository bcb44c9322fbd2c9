"""A post about several events: each event a `##` section, its sessions `####` headings "Title - Speaker" under a
`###` "Talks" heading, beside `###` sections about the trip. The decorated headings are the talks however deep they
sit; the headings above them group them, and their plain siblings are the author's sections. Written for the test."""

from __future__ import annotations

from talkgraph.graph.notes.blocks import read_blocks
from talkgraph.graph.notes.segment import parse_notes

TRIP = """# Two conferences in one month

Notes from a busy May.

## Widget Summit

The summit was held in a large hall by the river.

### The venue

Plenty of space, loud coffee machines.

### Talks

#### Queues Without Copying - Ada Brown, Acme

How the queue hands buffers over without copying them.

#### Fuzzing the Parser - Tom Reyes

A walk through the fuzzing harness.

## Gadget Days

### Hallway track

I spent the first morning talking to maintainers.

### Talks

#### Keynote: The Next Ten Years of Gadgets - Li Jin

Where gadgets go next.

#### Tracing Gadget Calls - Raj Mehta, Initech

Tracing every call with probes.
"""


def test_the_decorated_headings_are_the_talks_however_deep_they_sit():
    talks = parse_notes(TRIP, "trip.md").talks
    assert [(t.title, [s.name for s in t.speakers]) for t in talks] == [
        ("Queues Without Copying", ["Ada Brown"]),
        ("Fuzzing the Parser", ["Tom Reyes"]),
        ("The Next Ten Years of Gadgets", ["Li Jin"]),
        ("Tracing Gadget Calls", ["Raj Mehta"]),
    ]
    assert [t.kind for t in talks] == ["talk", "talk", "keynote", "talk"]


def test_the_sections_beside_the_talks_hold_no_talk_and_keep_their_text_out_of_the_talks():
    talks = parse_notes(TRIP, "trip.md").talks
    assert all("coffee" not in t.body_text and "maintainers" not in t.body_text for t in talks)
    assert "buffers" in talks[0].body_text


def test_a_hugo_posts_template_tags_are_page_markup_not_notes():
    post = """## Widget Summit

{{<
    figure src=./hall.jpg
    caption="The hall, CC BY 2.0"
>}}

### Talks

#### Queues Without Copying - Ada Brown

{{< youtube abc123 >}}

How the queue hands buffers over. {% include video.html id="x" %}
"""
    blocks = read_blocks(post, "markdown").blocks
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "Widget Summit"),
        ("heading", "Talks"),
        ("heading", "Queues Without Copying - Ada Brown"),
        ("paragraph", "How the queue hands buffers over."),
    ]


def test_template_tags_in_code_are_what_the_notes_show():
    notes = """## Templates with Jinja - Ann Lee

She showed loops:

```
{% for talk in talks %}
{{ talk.title }}
{% endfor %}
```

And inline `{% raw %}` tags.
"""
    blocks = read_blocks(notes, "markdown").blocks
    assert "{% for talk in talks %}\n{{ talk.title }}\n{% endfor %}" in [b.text for b in blocks]
    assert blocks[-1].text == "And inline {% raw %} tags."


# A deck in Dutch: each day a section, its sessions "Title - *Speaker*" items under items naming the kind of
# session in the deck's language ("Lezingen", "Ignites"), with a note under one of them. Written for the test.
DECK = """========================
 WidgetDagen 2024
========================

Dag 1
=====

* Lezingen

  * Queues Without Copying - *Ada Brown*
  * Tien jaar widgets - *Tom Reyes*

    + *Widgets: een ding dat dingen doet*

* Ignites

  * Wat geiten ons leren over latency - *Noor Haddad*
  * Eenvoud wint - *Raj Mehta*

Dag 2
=====

* Lezingen

  * Postgres aan de rand - *Kim Ho*
  * Fixing Flaky Tests - *Li Jin*
"""


def test_items_over_lists_of_titled_sessions_with_speakers_group_them_in_any_language():
    talks = parse_notes(DECK, "widgetdagen.rst").talks
    assert [(t.title, [s.name for s in t.speakers], t.kind, t.day) for t in talks] == [
        ("Queues Without Copying", ["Ada Brown"], "talk", 1),
        ("Tien jaar widgets", ["Tom Reyes"], "talk", 1),
        ("Wat geiten ons leren over latency", ["Noor Haddad"], "lightning", 1),
        ("Eenvoud wint", ["Raj Mehta"], "lightning", 1),
        ("Postgres aan de rand", ["Kim Ho"], "talk", 2),
        ("Fixing Flaky Tests", ["Li Jin"], "talk", 2),
    ]


def test_short_items_over_notes_that_name_no_speaker_are_still_the_talks():
    notes = (
        "# Day 1\n\n* Tracing Basics\n\n  * spans and traces\n  * sampling\n\n* Fuzzing\n\n  * corpus\n  * harness\n"
    )
    assert [t.title for t in parse_notes(notes, "day.md").talks] == ["Tracing Basics", "Fuzzing"]
