"""A recap whose talks are headings, each with its photo linked to the full-size file and a link to its video:
neither the photo nor the video link is a talk. Written for the test."""

from __future__ import annotations

import pytest

from talkgraph.graph.notes.blocks import read_blocks
from talkgraph.graph.notes.segment import parse_notes

RECAP = """# FooConf 2018

The programme was varied; here are my favourites.

## Context, stupid!

With humour, [Piotr Nowak](https://twitter.com/piotr) argues that the only honest answer is "it depends".

[![Photo context stupid](/assets/context-300x225.jpg)](http://foo.example/uploads/context.jpg)

[The video!](https://youtu.be/jwaJ7U9SSDM)

## Cookies over HTTP

[Hubert Sable](https://twitter.com/hs) covers cookies completely.

[![Photo cookies](/assets/cookies-300x225.jpg)](http://foo.example/uploads/cookies.jpg)

[Video: cookies with Sherlock and Watson](https://youtu.be/CcTbecZ67_o)

Short and clear.

## Sketchnotes for everyone

A lesson in visual notes by [Ane Diaz](https://twitter.com/ane).

[La vidéo !](https://youtu.be/NInM_wndk2U)

[![Photo sketchnote](/assets/sketch-300x225.jpg)](http://foo.example/uploads/sketch.jpg)

The end.
"""


def test_headings_are_the_talks_not_their_photos_or_video_links():
    talks = parse_notes(RECAP, "recap.md").talks
    assert [(t.title, [s.name for s in t.speakers]) for t in talks] == [
        ("Context, stupid!", ["Piotr Nowak"]),
        ("Cookies over HTTP", ["Hubert Sable"]),
        ("Sketchnotes for everyone", ["Ane Diaz"]),
    ]


@pytest.mark.parametrize(
    ("paragraph", "figure"),
    [
        ("[![Photo cookies](/a/cookies-300x225.jpg)](http://foo.example/cookies.jpg)", True),
        ("[![Photo](/a/c.png)](http://foo.example/c.PNG?w=1024)", True),
        ("![Photo cookies](/a/cookies.jpg)", True),
        # a thumbnail linked to a recording may name the talk: not a photo beside the notes
        ("[![Scaling Queues](https://img.youtube.com/vi/x/0.jpg)](https://www.youtube.com/watch?v=x)", False),
        ("[Photo cookies](http://foo.example/cookies.jpg)", False),  # a link's text is text
    ],
)
def test_a_photo_linked_to_its_file_is_a_figure(paragraph, figure):
    (block,) = read_blocks(paragraph + "\n", "markdown").blocks
    assert block.aside is figure


@pytest.mark.parametrize("material", ["The video!", "La vidéo !", "Video: queues with Sherlock", "Slides of the talk"])
def test_a_link_to_a_talks_material_is_no_title_of_its_own(material):
    notes = f"""# Watchlist

[Scaling Queues](https://www.youtube.com/watch?v=x)

Ann Lee on why queues fill up.

[{material}](https://youtu.be/y)

More on the queues.

[Fuzzing the Parser](https://www.youtube.com/watch?v=z)

Tom Reyes on grammar-aware fuzzing.
"""
    talks = parse_notes(notes, "w.md").talks
    assert [t.title for t in talks] == ["Scaling Queues", "Fuzzing the Parser"]
    assert talks[0].body_text.endswith("More on the queues.")


def test_a_heading_naming_one_sessions_kind_over_prose_is_that_session():
    notes = """# FooConf 2018

## Opening keynote

[![Photo of the opening keynote](/assets/keynote-300x225.jpg)](http://foo.example/uploads/keynote.jpg)

She reviews a series of landmark games to say what makes a video game.

[The video!](https://youtu.be/jwaJ7U9SSDM)

Then the programme, which was varied.

## Context, stupid!

With humour, [Piotr Nowak](https://twitter.com/piotr) argues that the only honest answer is "it depends".
"""
    talks = parse_notes(notes, "recap.md").talks
    assert [(t.title, t.kind) for t in talks] == [("Opening keynote", "keynote"), ("Context, stupid!", "talk")]
    assert talks[0].body_text.startswith("She reviews a series of landmark games")
