"""Talks named in prose without quotes ("Ann Lee gave a talk named Paging Less: Alerts That Matter."), with the
speaker from the sentence's subject or, after a pronoun, from the sentence before. Text written for the test."""

from __future__ import annotations

from talkgraph.graph.notes.segment import parse_notes

HTML = """<article><h1>SysConf 2025</h1>
<p>I only went to a few talks this year, so here are the ones I liked best.</p>
<p>Ann Lee gave a talk named Paging Less: Alerts That Matter. It was about waking people only when they must act.
The other talk from her team was given by Tom Reyes, on budgets. His talk was named Budgets for Everyone.</p>
<p>Then there was Mei Tanaka. She gave the talk Where do my queues go?, explaining back pressure from first
principles.</p>
</article>"""


def test_titles_named_without_quotes_are_talks_with_the_speaker_of_their_sentence():
    document = parse_notes(HTML, "sysconf.html")
    assert [(t.title, [s.name for s in t.speakers]) for t in document.talks] == [
        ("Paging Less: Alerts That Matter", ["Ann Lee"]),
        ("Budgets for Everyone", ["Tom Reyes"]),
        ("Where do my queues go?", ["Mei Tanaka"]),
    ]


def test_words_in_lower_case_after_the_cue_are_no_title():
    notes = "<article><p>Ann Lee gave a talk named after her cat, which was about queues.</p></article>"
    assert [t.title for t in parse_notes(notes, "one.html").talks if not t.title_derived] == []


def test_a_keynote_given_without_quotes_is_named_too():
    notes = "<article><p>Ann Lee gave the keynote Paging Less: Alerts That Matter. It was funny.</p></article>"
    assert [(t.title, t.kind) for t in parse_notes(notes, "one.html").talks] == [
        ("Paging Less: Alerts That Matter", "keynote")
    ]
