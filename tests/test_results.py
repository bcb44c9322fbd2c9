"""SELECT answers in every format, capped and not: exact bodies, row counts and the endpoint's headers.

The engine writes TSV into a writer that stops it past the cap (graph/rdf/results.py); these pin what comes out:
language tags, datatypes, blank nodes, quoted triples, an unbound row, control characters (replaced in XML only).
"""

from __future__ import annotations

import json

import pytest
from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    Quad,
    QueryResultsFormat,
    Store,
    Triple,
    parse_query_results,
)

from talkgraph.graph.rdf.results import serialize_result
from talkgraph.graph.rdf.store import EmbeddedStore
from tests.conftest import make_client
from tests.test_sparql_protocol import RESULT_TYPES

E = "http://e/"
XSD = "http://www.w3.org/2001/XMLSchema#"
GRAPH = NamedNode(E + "g")
ODD = 'bell\x07 nul\x00 \ufffe tab\t line\n "q", é'
QUERY = f"SELECT ?s ?v WHERE {{ ?s <{E}i> ?i OPTIONAL {{ ?s <{E}v> ?v }} }} ORDER BY ?i"


def quads() -> list[Quad]:
    """Six rows in ?i order: a language tag, a datatype, a blank node, a quoted triple, control characters, and
    a row with ?v unbound."""
    values: list[tuple[NamedNode | BlankNode, NamedNode | Literal | Triple | None]] = [
        (NamedNode(E + "1"), Literal("chat", language="fr")),
        (NamedNode(E + "2"), Literal("2.5", datatype=NamedNode(XSD + "decimal"))),
        (BlankNode("b3"), NamedNode(E + "x")),
        (NamedNode(E + "4"), Triple(NamedNode(E + "a"), NamedNode(E + "b"), Literal("c"))),
        (NamedNode(E + "5"), Literal(ODD)),
        (NamedNode(E + "6"), None),
    ]
    out = []
    for i, (subject, value) in enumerate(values, 1):
        out.append(Quad(subject, NamedNode(E + "i"), Literal(str(i), datatype=NamedNode(XSD + "integer")), GRAPH))
        if value is not None:
            out.append(Quad(subject, NamedNode(E + "v"), value, GRAPH))
    return out


JSON_ROWS = [
    '{"s":{"type":"uri","value":"http://e/1"},"v":{"type":"literal","value":"chat","xml:lang":"fr"}}',
    '{"s":{"type":"uri","value":"http://e/2"},"v":{"type":"literal","value":"2.5",'
    '"datatype":"http://www.w3.org/2001/XMLSchema#decimal"}}',
    '{"s":{"type":"bnode","value":"b3"},"v":{"type":"uri","value":"http://e/x"}}',
    '{"s":{"type":"uri","value":"http://e/4"},"v":{"type":"triple","value":{"subject":{"type":"uri",'
    '"value":"http://e/a"},"predicate":{"type":"uri","value":"http://e/b"},"object":{"type":"literal","value":"c"}}}}',
    '{"s":{"type":"uri","value":"http://e/5"},"v":{"type":"literal","value":"bell\\u0007 nul\\u0000 \ufffe tab\\t '
    'line\\n \\"q\\", é"}}',
    '{"s":{"type":"uri","value":"http://e/6"}}',
]
XML_ROWS = [
    '<result><binding name="s"><uri>http://e/1</uri></binding><binding name="v"><literal xml:lang="fr">chat</literal>'
    "</binding></result>",
    '<result><binding name="s"><uri>http://e/2</uri></binding><binding name="v">'
    '<literal datatype="http://www.w3.org/2001/XMLSchema#decimal">2.5</literal></binding></result>',
    '<result><binding name="s"><bnode>b3</bnode></binding><binding name="v"><uri>http://e/x</uri></binding></result>',
    '<result><binding name="s"><uri>http://e/4</uri></binding><binding name="v"><triple><subject><uri>http://e/a</uri>'
    "</subject><predicate><uri>http://e/b</uri></predicate><object><literal>c</literal></object></triple></binding>"
    "</result>",
    # XML 1.0 cannot carry BEL, NUL or U+FFFE at all: each becomes U+FFFD; tab and newline stay
    '<result><binding name="s"><uri>http://e/5</uri></binding><binding name="v">'
    "<literal>bell\ufffd nul\ufffd \ufffd tab\t line\n &quot;q&quot;, é</literal></binding></result>",
    '<result><binding name="s"><uri>http://e/6</uri></binding></result>',
]
CSV_ROWS = [
    "http://e/1,chat\r\n",
    "http://e/2,2.5\r\n",
    "_:b3,http://e/x\r\n",
    "http://e/4,http://e/a http://e/b c\r\n",
    'http://e/5,"bell\x07 nul\x00 \ufffe tab\t line\n ""q"", é"\r\n',
    "http://e/6,\r\n",
]
TSV_ROWS = [
    '<http://e/1>\t"chat"@fr\n',
    "<http://e/2>\t2.5\n",
    "_:b3\t<http://e/x>\n",
    '<http://e/4>\t<<( <http://e/a> <http://e/b> "c" )>>\n',
    '<http://e/5>\t"bell\x07 nul\x00 \ufffe tab\\t line\\n \\"q\\", é"\n',  # one line: tab and newline escaped
    "<http://e/6>\t\n",
]


def expected(fmt: str, rows: int) -> bytes:
    """The exact body of the first `rows` rows in fmt."""
    if fmt == "json":
        text = '{"head":{"vars":["s","v"]},"results":{"bindings":[' + ",".join(JSON_ROWS[:rows]) + "]}}"
    elif fmt == "xml":
        text = (
            '<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>'
            '<variable name="s"/><variable name="v"/></head><results>'
            + "".join(XML_ROWS[:rows])
            + "</results></sparql>"
        )
    elif fmt == "csv":
        text = "s,v\r\n" + "".join(CSV_ROWS[:rows])
    else:
        text = "?s\t?v\n" + "".join(TSV_ROWS[:rows])
    return text.encode("utf-8")


@pytest.fixture(scope="module")
def oxigraph() -> Store:
    store = Store()
    store.extend(quads())
    return store


FORMATS = ["json", "xml", "csv", "tsv"]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("cap", "rows", "truncated"), [(10, 6, False), (6, 6, False), (5, 5, True), (3, 3, True)])
def test_select_bodies_capped_and_not(oxigraph, fmt, cap, rows, truncated):
    result = serialize_result(oxigraph.query(QUERY, use_default_graph_as_union=True), fmt, cap)
    assert (result.body, result.rows, result.truncated) == (expected(fmt, rows), rows, truncated)
    assert result.kind == "select"


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_cap_of_zero_keeps_the_head(oxigraph, fmt):
    result = serialize_result(oxigraph.query(QUERY, use_default_graph_as_union=True), fmt, 0)
    assert (result.body, result.rows, result.truncated) == (expected(fmt, 0), 0, True)


@pytest.mark.parametrize(
    ("query", "tsv", "rows"),
    [
        ("SELECT * WHERE {}", b"\n\n", 1),  # no variable, one empty row
        (f"SELECT ?x WHERE {{ ?s <{E}i> ?i }}", b"?x\n" + b"\n" * 6, 6),  # six rows with nothing bound
        (f"SELECT ?s WHERE {{ ?s <{E}none> ?o }}", b"?s\n", 0),
    ],
)
def test_empty_rows_count_as_rows(oxigraph, query, tsv, rows):
    result = serialize_result(oxigraph.query(query, use_default_graph_as_union=True), "tsv", 10)
    assert (result.body, result.rows, result.truncated) == (tsv, rows, False)
    capped = serialize_result(oxigraph.query(query, use_default_graph_as_union=True), "json", 2)
    assert (capped.rows, capped.truncated) == (min(rows, 2), rows > 2)
    assert json.loads(capped.body)["results"]["bindings"] == [{}] * min(rows, 2)


def test_solutions_parsed_from_a_server_are_capped_alike(oxigraph):
    """RemoteStore hands over solutions parsed from the server's JSON: the same cap, the same bodies."""
    body = oxigraph.query(QUERY, use_default_graph_as_union=True).serialize(format=QueryResultsFormat.JSON)
    for fmt in FORMATS:
        result = serialize_result(parse_query_results(body, QueryResultsFormat.JSON), fmt, 4)
        assert (result.body, result.rows, result.truncated) == (expected(fmt, 4), 4, True)


def test_the_engine_stops_at_the_cap():
    """A cap of 5 over a million-row cross product evaluates a few hundred rows (what fills the TSV writer's
    buffer), not the million: the writer stops the query."""
    store = Store()
    store.extend(Quad(NamedNode(f"{E}s{i}"), NamedNode(E + "p"), Literal(str(i))) for i in range(100))
    evaluated = [0]

    def seen(term):
        evaluated[0] += 1
        return term

    query = f"SELECT ?a ?b ?c ?x WHERE {{ ?a <{E}p> ?o1 . ?b <{E}p> ?o2 . ?c <{E}p> ?o3 BIND(<{E}seen>(?a) AS ?x) }}"
    result = serialize_result(store.query(query, custom_functions={NamedNode(E + "seen"): seen}), "json", 5)
    assert (result.rows, result.truncated) == (5, True)
    assert 6 <= evaluated[0] < 5_000


@pytest.fixture(scope="module")
def api():
    store = EmbeddedStore()
    store.add_quads(quads())
    return make_client(store, max_rows=4)


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_endpoint_says_when_it_cut(api, fmt):
    response = api.post("/sparql", data={"query": QUERY}, headers={"Accept": RESULT_TYPES[fmt]})
    assert response.status_code == 200
    assert response.content == expected(fmt, 4)
    assert response.headers["content-type"] == RESULT_TYPES[fmt]
    assert response.headers["talkgraph-results-truncated"] == "true; limit=4"
    assert response.headers["warning"] == '199 talkgraph "results truncated to 4 rows"'


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_endpoint_does_not_mark_an_answer_within_the_cap(api, fmt):
    response = api.post("/sparql", data={"query": QUERY + " LIMIT 4", "format": fmt})
    assert response.status_code == 200
    assert response.content == expected(fmt, 4)
    assert response.headers["content-type"] == RESULT_TYPES[fmt]
    assert "talkgraph-results-truncated" not in response.headers
    assert "warning" not in response.headers
