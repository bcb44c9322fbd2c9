"""A recap whose sessions are paragraphs bulleted with a pictograph ("🌳 …"), each closing with a link whose text
is the talk's title and its people, grouped under emphasised lines; and sentences about what several sessions
had in common, which name no session. Written for the test."""

from __future__ import annotations

from talkgraph.graph.notes.blocks import read_blocks
from talkgraph.graph.notes.segment import parse_notes

RECAP = """# Takeaways from WidgetCon 2023

Several sessions covered exactly this and showed tools such as Cilium, Argo CD and a few others that help.

Some good sessions covered running queues at scale, and a panel let the audience bring their own problems.

**Below are the sessions I enjoyed, by domain:**

***Queues***

🌳 A thoughtful panel on why queues fill up, with good questions from the room. [Queues Changed Our Lives! - Ann Lee, Acme; Tom Reyes, Initech](https://youtu.be/aaa)

***Networking***

🌳 [Adopting Network Policies in Secure Places - Mira Okafor, Globex](https://youtu.be/bbb)

🌳 Lars demoed a mesh that joins clusters at different providers. [Keeping It Simple: Meshes for Many Clouds - Lars Brandt, Globex](https://youtu.be/ccc)
"""


def test_pictograph_bulleted_paragraphs_are_items_without_their_bullet():
    blocks = read_blocks(RECAP, "markdown").blocks
    items = [b for b in blocks if b.kind == "item"]
    assert [b.text[:24] for b in items] == [
        "A thoughtful panel on wh",
        "Adopting Network Policie",
        "Lars demoed a mesh that ",
    ]


def test_a_pictograph_opening_one_paragraph_is_no_bullet():
    (block,) = read_blocks("🌳 A tree grew by the venue, and it was lovely.\n", "markdown").blocks
    assert (block.kind, block.text) == ("paragraph", "🌳 A tree grew by the venue, and it was lovely.")


def test_each_bulleted_link_with_its_people_is_a_talk_its_notes_before_it():
    talks = parse_notes(RECAP, "recap.md").talks
    assert [(t.title, [(s.name, s.affiliation) for s in t.speakers]) for t in talks] == [
        ("Queues Changed Our Lives!", [("Ann Lee", "Acme"), ("Tom Reyes", "Initech")]),
        ("Adopting Network Policies in Secure Places", [("Mira Okafor", "Globex")]),
        ("Keeping It Simple: Meshes for Many Clouds", [("Lars Brandt", "Globex")]),
    ]
    assert talks[0].body_text.startswith("A thoughtful panel on why queues fill up, with good questions from the room.")
    assert talks[2].body_text == "Lars demoed a mesh that joins clusters at different providers."


def test_an_enumeration_after_the_track_still_names_its_sessions():
    notes = "# Day one\n\nThe workshop track covered fuzzing parsers, tuning Postgres and writing eBPF probes.\n"
    assert [t.title for t in parse_notes(notes, "n.md").talks] == [
        "fuzzing parsers",
        "tuning Postgres",
        "writing eBPF probes",
    ]


def test_what_several_sessions_covered_names_no_session():
    notes = (
        "# Day one\n\nSeveral sessions covered exactly this and showed tools such as Cilium, Argo CD and a few "
        "others.\n\nMany of the talks were about fuzzing parsers, tuning Postgres and writing eBPF probes.\n"
    )
    assert parse_notes(notes, "n.md").talks == []
