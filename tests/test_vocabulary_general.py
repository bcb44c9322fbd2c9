"""The curated vocabulary beyond cloud native: older and general software, with the same ambiguity rules."""

from __future__ import annotations

import pytest

from talkgraph.graph.linking.linker import Linker
from talkgraph.graph.notes.sentences import split_sentences


def tools(linker: Linker, text: str) -> list[str]:
    return [m.entry.label for m in linker.link(split_sentences(text)) if m.entry.kind == "tool"]


@pytest.mark.parametrize(
    "text, expected, homonym",
    [
        ("Jobs moved from Slurm and cron to Nextflow.", ["Slurm", "cron", "Nextflow"], None),
        ("The API is a Django app described with OpenAPI.", ["Django", "OpenAPI"], None),
        ("Models were trained with scikit-learn, XGBoost and NumPy.", ["scikit-learn", "XGBoost", "NumPy"], None),
        ("Our blog moved from WordPress to Jekyll.", ["WordPress", "Jekyll"], None),
        ("She writes Go in Neovim inside tmux.", ["Neovim", "tmux"], None),
        ("Metrics lived in RRDtool graphs drawn by Observium.", ["RRDtool", "Observium"], None),
        ("Tests run with pytest and JUnit.", ["pytest", "JUnit"], None),
        ("Data was cleaned in a pandas DataFrame.", ["pandas"], "Pandas at the zoo were asleep."),
        ("A small Flask API served the model.", ["Flask"], "He drank from a flask of coffee."),
        ("The shop is a Rails app on Ruby 3.", ["Ruby on Rails"], "The train left the rails."),
        ("The front end is React components.", ["React"], "React quickly when the pager goes off."),
        ("Beans are wired by Spring in Java.", ["Spring Framework"], "Spring came early this year."),
        ("It compiles with Clang and LLVM.", ["Clang", "LLVM"], "The loud clang of the door woke us."),
        ("Her old stack: cacti, munin and ganglia.", ["Cacti", "Munin", "Ganglia"], "Cacti grow in deserts."),
        ("The code is formatted with Black and isort.", ["Black", "isort"], "Black coffee helps."),
        ("She tried Cursor and Claude Code as her IDE.", ["Cursor", "Claude Code"], "Move the Cursor to the left."),
        ("Notes live in Obsidian and Logseq.", ["Obsidian", "Logseq"], "Obsidian is volcanic glass."),
        ("The app was built with BeeWare and its Toga widgets.", ["BeeWare", "Toga"], "He wore a Toga to the party."),
        ("Servo is the browser engine written in Rust.", ["Servo"], "A Servo moves the arm."),
        ("Releases are uploaded to PyPI with Twine.", ["PyPI", "Twine"], "Twine held the parcel together."),
        ("Green threads came from gevent, eventlet and greenlet.", ["gevent", "eventlet", "greenlet"], None),
        ("The agent talks to its tools over MCP.", ["Model Context Protocol"], None),
    ],
)
def test_general_software_is_linked_and_its_english_homonyms_are_not(linker, text, expected, homonym):
    assert tools(linker, text) == expected
    if homonym:
        assert tools(linker, homonym) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Engineers from eBay, Etsy and Dropbox spoke.", ["eBay", "Etsy", "Dropbox"]),
        ("NumFOCUS and the PSF fund the sprints.", ["NumFOCUS", "Python Software Foundation"]),
        ("The old citadel overlooks the bay.", []),
        ("Citadel engineers run low-latency systems; so does Jane Street.", ["Citadel", "Jane Street"]),
        # standards bodies, non-profits, community groups, universities and public bodies
        ("The W3C, the WHATWG and TC39 shape the platform.", ["W3C", "WHATWG", "TC39"]),
        (
            "PyLadies and Django Girls ran the workshops; the EFF sent a speaker.",
            ["PyLadies", "Django Girls", "Electronic Frontier Foundation"],
        ),
        ("She studied at Carnegie Mellon and taught at TU Dresden.", ["Carnegie Mellon University", "TU Dresden"]),
        ("Data from NOAA and the National Weather Service fed the model.", ["NOAA", "National Weather Service"]),
        # consumer internet and finance of 2005-2020, where the name itself is the company
        ("He had worked at Yahoo!, Flickr and Foursquare.", ["Yahoo", "Flickr", "Foursquare"]),
        ("Knight Capital lost $440M in 45 minutes.", ["Knight Capital"]),
        # initials that other names share are no organisation's: Full Stack Fest's "FSF", the OSI model
        ("A similar talk was given at FSF last year; it sits at OSI layer 7.", []),
    ],
)
def test_more_organisations_are_linked_by_their_names(linker, text, expected):
    assert [m.entry.label for m in linker.link(split_sentences(text)) if m.entry.kind == "org"] == expected
