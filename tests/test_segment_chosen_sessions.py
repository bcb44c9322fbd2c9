"""Sections the author heads with a choice of sessions ("Key Talks", "Our favourite talks"), over a list of titles
each with a description after a dash, or over bare title lines; numbered kind labels ("Keynote 1 - Title").
Written for the test."""

from __future__ import annotations

import pytest

from talkgraph.graph.notes.bylines import split_heading
from talkgraph.graph.notes.segment import parse_notes

KEY_TALKS = """# WidgetConf 2015

## My thoughts

A single track suited the conference well.

## Key Talks

If you are short of time, start with these:

- Keynote 1 - History of Widgets and the announcement of Widget Native
- widget-router - nested routing with every feature you need
- Refracting Widgets - Ann Lee on what sets widgets apart from every other framework

After these you will want to see the rest anyway.
"""


def test_a_heading_naming_chosen_talks_groups_the_titles_listed_under_it():
    talks = parse_notes(KEY_TALKS, "n.md").talks
    assert [(t.title, t.kind, [s.name for s in t.speakers]) for t in talks][-3:] == [
        ("History of Widgets and the announcement of Widget Native", "keynote", []),
        ("widget-router - nested routing with every feature you need", "talk", []),
        ("Refracting Widgets", "talk", ["Ann Lee"]),
    ]
    assert talks[-1].body_text == "Ann Lee on what sets widgets apart from every other framework"


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("Keynote 2 - A Deep Dive into Widgets", ("A Deep Dive into Widgets", "keynote", [])),
        ("Talk #3: Queues at Scale", ("Queues at Scale", "talk", [])),
        # a numbered label is no "Keynote: Ann Lee – Title" byline: what follows it is the title, dash and all
        (
            "Talk 1: Cilium Mesh – Joining Clusters and Servers",
            ("Cilium Mesh – Joining Clusters and Servers", "talk", []),
        ),
        ("Keynote: Ann Lee – Joining Clusters and Servers", ("Joining Clusters and Servers", "keynote", ["Ann Lee"])),
    ],
)
def test_a_numbered_kind_label_is_left_out_of_the_title(heading, expected):
    title, kind, speakers = split_heading(heading)
    assert (title, kind, [s.name for s in speakers]) == expected


def test_an_untitled_session_under_a_chosen_heading_keeps_its_own_words():
    notes = """Velocity 2014

Below are the talks we liked best.

Our favourite talks


Perfbar is a very simple way to get performance metrics for a web page. It supports budgets: you set bounds for
some metrics and check that your latest changes have not made the page too slow.

Don't Kill Yourself: Mobile Web Performance Tricks

Which optimisation tricks pay off? Which common sense approaches turn into real gains? This talk answered all of
it, with numbers.

IT Janitor – How to Tidy Up

A talk about retiring old systems step by step, or at least giving them an expiry date. And how do you convince
management that retiring them is a good idea?
"""
    titles = [t.title for t in parse_notes(notes, "n.txt").talks]
    assert titles[0] == "Perfbar is a very simple way to get performance metrics…"
    assert titles[1] == "Don't Kill Yourself: Mobile Web Performance Tricks"
