"""A speaker written inside a heading's or an item's link text, after a dash or "by": "[Title - Ann Lee](…)".
Every text here was written for its test."""

from __future__ import annotations

import pytest

from talkgraph.graph.notes.segment import parse_notes

MARKDOWN = """# WidgetConf 2020

## [Scaling Queues - Ana Silva](https://example.org/v/1)

Ana explained queues.

## [Tracing: The Hard Parts - Tom Reyes, Bar Data](https://example.org/v/2)

Tom traced a bank.

## Other talks

- [Paging Less – Marta Lind](https://example.org/v/3)
- [The Cost of Retries - Raj Mehta (Baz Labs)](https://example.org/v/4)
- [Capacity Planning by Lina Park](https://example.org/v/5)
"""

HTML = """<html><body><article><h1>WidgetConf 2020</h1>
<h2><a href="https://example.org/v/1">Scaling Queues - Ana Silva</a></h2>
<p>Ana explained queues.</p>
<h2><a href="https://example.org/v/2">Tracing: The Hard Parts - Tom Reyes, Bar Data</a></h2>
<p>Tom traced a bank.</p>
<h2>Other talks</h2>
<ul><li><a href="https://example.org/v/3">Paging Less – Marta Lind</a></li>
<li><a href="https://example.org/v/4">The Cost of Retries - Raj Mehta (Baz Labs)</a></li>
<li><a href="https://example.org/v/5">Capacity Planning by Lina Park</a></li></ul>
</article></body></html>
"""

RST = """WidgetConf 2020
===============

`Scaling Queues - Ana Silva <https://example.org/v/1>`_
--------------------------------------------------------

Ana explained queues.

`Tracing: The Hard Parts - Tom Reyes, Bar Data <https://example.org/v/2>`_
---------------------------------------------------------------------------

Tom traced a bank.

Other talks
-----------

- `Paging Less – Marta Lind <https://example.org/v/3>`_
- `The Cost of Retries - Raj Mehta (Baz Labs) <https://example.org/v/4>`_
- `Capacity Planning by Lina Park <https://example.org/v/5>`_
"""


@pytest.mark.parametrize("text, name", [(MARKDOWN, "n.md"), (HTML, "n.html"), (RST, "n.rst")])
def test_people_after_a_dash_or_by_inside_a_link_text_are_its_speakers(text, name):
    document = parse_notes(text, name)
    assert [(t.title, [(s.name, s.affiliation) for s in t.speakers]) for t in document.talks] == [
        ("Scaling Queues", [("Ana Silva", None)]),
        ("Tracing: The Hard Parts", [("Tom Reyes", "Bar Data")]),
        ("Paging Less", [("Marta Lind", None)]),
        ("The Cost of Retries", [("Raj Mehta", "Baz Labs")]),
        ("Capacity Planning", [("Lina Park", None)]),
    ]


def test_a_linked_title_with_a_subtitle_after_a_dash_keeps_it():
    text = """# Notes

## [Kubernetes Operators - reconcile loops explained](https://example.org/v/1)

Loops.

## [Paging Less](https://example.org/v/2)

Fewer alerts.
"""
    assert [t.title for t in parse_notes(text, "n.md").talks] == [
        "Kubernetes Operators - reconcile loops explained",
        "Paging Less",
    ]


@pytest.mark.parametrize(
    "heading, title, speakers",
    [
        ("Paging Less, Sleeping More (Marta Lind, Globex)", "Paging Less, Sleeping More", [("Marta Lind", "Globex")]),
        ("Chaos on a Budget, Omar Khan (Initech)", "Chaos on a Budget", [("Omar Khan", "Initech")]),
        ("Scaling Queues (Part Two)", "Scaling Queues (Part Two)", []),
        ("Scaling Queues (Part Two, Revised)", "Scaling Queues (Part Two, Revised)", []),
        ("“The Cost of Retries” by Tom Reyes", "The Cost of Retries", [("Tom Reyes", None)]),
    ],
)
def test_one_person_with_an_organisation_closing_a_title_is_its_speaker(heading, title, speakers):
    text = f"# Notes\n\n## {heading}\n\nNotes of the talk.\n"
    talk = parse_notes(text, "n.md").talks[0]
    assert (talk.title, [(s.name, s.affiliation) for s in talk.speakers]) == (title, speakers)
