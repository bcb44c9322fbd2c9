"""Content negotiation without HTTP: Accept parsing, q-values, wildcards, the browser test, ?format=."""

from __future__ import annotations

import pytest

from talkgraph.api.negotiation import (
    GRAPH_MEDIA,
    RESULT_MEDIA,
    choose,
    format_from_parameter,
    parse_accept,
    wants_html,
)


def test_parse_accept_orders_by_q_then_specificity_then_position():
    header = "text/*;q=0.5, application/json, */*;q=0.1, text/csv;q=0.5, application/xml"
    assert parse_accept(header) == [
        ("application/json", 1.0),
        ("application/xml", 1.0),
        ("text/csv", 0.5),
        ("text/*", 0.5),
        ("*/*", 0.1),
    ]


def test_parse_accept_without_a_header_accepts_anything_and_bad_q_is_zero():
    assert parse_accept(None) == [("*/*", 1.0)]
    assert parse_accept("text/csv;q=abc") == [("text/csv", 0.0)]
    assert parse_accept("text/csv;q=7") == [("text/csv", 1.0)]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("application/sparql-results+xml", "xml"),
        ("text/csv;q=0.4, text/tab-separated-values;q=0.8", "tsv"),
        ("*/*", "json"),  # the default for a wildcard
        ("text/*", "csv"),  # the first results type served in the text family
        ("*/*, application/sparql-results+json;q=0", "xml"),  # a refused default is never chosen
        ("image/png", None),  # → 406
    ],
)
def test_choose_a_results_format(header, expected):
    assert choose(header, RESULT_MEDIA, "json") == expected


def test_choose_a_graph_format_for_json():
    assert choose("application/json", GRAPH_MEDIA, "turtle") == "jsonld"
    assert choose("text/plain", GRAPH_MEDIA, "turtle") == "ntriples"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8", True),  # a browser
        ("application/sparql-results+json", False),
        ("*/*", False),  # curl
        (None, False),
        ("text/html;q=0, application/json", False),
    ],
)
def test_wants_html(header, expected):
    assert wants_html(header) is expected


@pytest.mark.parametrize(
    ("value", "offered", "expected"),
    [
        ("json", RESULT_MEDIA, "json"),
        ("srx", RESULT_MEDIA, "xml"),
        ("ttl", GRAPH_MEDIA, "turtle"),
        ("json", GRAPH_MEDIA, "jsonld"),  # SPARQLWrapper sends format=json for a CONSTRUCT
        ("text/csv", RESULT_MEDIA, "csv"),
        ("sparql-results+json", RESULT_MEDIA, "json"),
        ("yaml", RESULT_MEDIA, None),
    ],
)
def test_format_from_parameter(value, offered, expected):
    assert format_from_parameter(value, offered) == expected


def test_every_format_is_served_as_its_first_media_type_and_negotiable_by_it():
    from talkgraph.graph.rdf.formats import FORMATS, by_name

    for fmt in FORMATS:
        offered = RESULT_MEDIA if fmt.kind == "results" else GRAPH_MEDIA
        assert choose(fmt.media_type.split(";")[0], offered, "json") == fmt.key
        assert all(by_name(alias) is fmt for alias in (fmt.key, *fmt.aliases))
