"""A post whose sections are the event's days, named with their dates ("CSSCamp - 17.07"), and whose paragraphs
each open with someone presenting: each such paragraph is a session, the ones between go on with it, and photo
captions belong to no session. Text written for the test."""

from __future__ import annotations

from talkgraph.graph.notes.segment import parse_notes

POST = """<article><h1>WidgetCamp 2019</h1>
<p>I helped at the event this year and wrote a little about it.</p>
<h3>WidgetCamp - 17.07</h3>
<p>The first day was aimed at designers as well as developers.</p>
<p>Ann Lee opened the day with a keynote on inclusive design systems. We forget the context we design in.</p>
<figure><img src="a.jpg" alt=""><figcaption>Ann Lee delivering her keynote</figcaption></figure>
<p>Next, Tom Reyes gave a technical talk on variable fonts and what they do for the web.</p>
<p>Building the axes takes work, but you end up with one file instead of six.</p>
<p>Mei Tanaka showed how to animate on the web with nothing but CSS.</p>
</article>"""


def test_paragraphs_that_open_with_a_presenter_under_a_dated_section_are_the_sessions():
    document = parse_notes(POST, "widgetcamp.html")
    assert [([s.name for s in t.speakers], len(t.blocks)) for t in document.talks] == [
        (["Ann Lee"], 1),
        (["Tom Reyes"], 2),  # the paragraph after it names no presenter: it goes on with his talk
        (["Mei Tanaka"], 1),
    ]
    assert "The first day was aimed at designers as well as developers." in [b.text for b in document.outside]
    assert "Ann Lee delivering her keynote" in [b.text for b in document.outside]


def test_prose_sessions_beside_an_authors_plain_heading_are_still_found():
    notes = """<article>
<p>The venue was lovely and the tickets were cheap.</p>
<p>Ann Lee opened the talks with CSS grid. Her slides used grid to draw random shapes.</p>
<p>Tom Reyes complemented Ann's talk by showing the browser's layout inspector.</p>
<p>Mei Tanaka took us into the future of VR on the web.</p>
<h2>Testing is our core job</h2>
<p>We are not making use of what HTML already gives us.</p>
</article>"""
    talks = parse_notes(notes, "post.html").talks
    assert [[s.name for s in t.speakers] for t in talks if t.speakers] == [["Ann Lee"], ["Tom Reyes"], ["Mei Tanaka"]]


def test_a_session_kept_for_its_presenter_acting_has_that_speaker_and_a_clause_is_no_one():
    post = """<article><h1>WidgetCamp 2019</h1>
<h3>WidgetCamp - 17.07</h3>
<p>Ann Lee opened the day with a keynote on inclusive design systems.</p>
<p>Tom Reyes complemented her talk by showing the browser's layout inspector.</p>
<p>Mei Tanaka showed how to animate on the web with nothing but CSS.</p>
<p>When I walked out, the hallway was full.</p>
</article>"""
    talks = parse_notes(post, "widgetcamp.html").talks
    assert [[s.name for s in t.speakers] for t in talks] == [["Ann Lee"], ["Tom Reyes"], ["Mei Tanaka"]]


INTRODUCED = """# Widget Security Day 2024

A short review of the day, for those thinking of going.

## Keynote Speakers

The two keynotes came from Mira Okafor, Principal Engineer at Initech, and Lars "Lasse" Brandt, Head of Security at
Hooli.

Mira told the story of moving every internal service to mutual TLS. She asked the room for help with certificate
rotation.

It took them two years.

Lars explained how he grew a security team from one person: reviews first, then training.

## Lunch

Tacos again.
"""


def test_a_section_that_says_who_gave_its_sessions_then_a_paragraph_on_each_is_one_session_per_person():
    talks = parse_notes(INTRODUCED, "day.md").talks
    assert [(t.title, t.kind, [(s.name, s.affiliation) for s in t.speakers]) for t in talks] == [
        ("Mira Okafor's keynote", "keynote", [("Mira Okafor", "Initech")]),
        ("Lars Brandt's keynote", "keynote", [("Lars Brandt", "Hooli")]),
    ]
    assert talks[0].body_text.endswith("It took them two years.")  # a paragraph naming no one goes on with hers
    assert talks[1].body_text.startswith("Lars explained how he grew")


def test_people_said_to_give_the_sessions_but_no_paragraph_on_each_leave_the_section_as_it_was():
    text = INTRODUCED.replace("Mira told", "The first told").replace("Lars explained", "The second explained")
    talks = parse_notes(text, "day.md").talks
    assert [t.title for t in talks] == ["Keynote Speakers"]


def test_paragraphs_opening_with_a_common_word_that_is_a_first_name_are_nobodys_session():
    text = (
        "# Widget Day\n\n## Big names\n\nThe keynotes were delivered by Will Turner and Mark Shaw.\n\n"
        "Will you believe it, both spoke without slides.\n\nMark my words, they were the best keynotes yet.\n"
    )
    assert [t.title for t in parse_notes(text, "day.md").talks] == ["Big names"]


def test_two_people_of_one_first_name_are_each_known_only_by_their_full_name():
    text = INTRODUCED.replace('Lars "Lasse" Brandt', "Mira Brandt").replace("Lars explained", "Mira explained")
    talks = parse_notes(text, "day.md").talks
    assert [t.title for t in talks] == ["Keynote Speakers"]  # "Mira told …", "Mira explained …": which Mira?
