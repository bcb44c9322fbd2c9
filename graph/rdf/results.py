"""Query results → bytes in a standard format, with a row cap that says when it cut.

The formats themselves are pyoxigraph's serializers; this module only caps
SELECT rows (by rebuilding a capped SPARQL JSON result that pyoxigraph then
re-serialises) and CONSTRUCT triples, so every backend and every format gets
the same limit, and keeps XML output well-formed whatever the literals hold.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from itertools import islice

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Triple,
    parse_query_results,
    serialize,
)

from talkgraph.graph.rdf.formats import FORMATS

RESULT_FORMATS: dict[str, QueryResultsFormat] = {
    f.key: f.oxigraph for f in FORMATS if isinstance(f.oxigraph, QueryResultsFormat)
}
GRAPH_FORMATS: dict[str, RdfFormat] = {f.key: f.oxigraph for f in FORMATS if isinstance(f.oxigraph, RdfFormat)}
MEDIA_TYPES = {f.key: f.media_type for f in FORMATS}
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass
class SerializedResult:
    kind: str  # "select", "ask" or "graph"
    format: str
    body: bytes
    truncated: bool = False
    rows: int = 0

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.format]


def query_kind(result) -> str:
    if isinstance(result, QueryBoolean):
        return "ask"
    return "graph" if isinstance(result, (QueryTriples, list)) else "select"  # a list: triples parsed from a server


def serialize_result(result, fmt: str, row_limit: int) -> SerializedResult:
    """fmt is a key of RESULT_FORMATS for SELECT/ASK, of GRAPH_FORMATS for CONSTRUCT/DESCRIBE."""
    kind = query_kind(result)
    if kind == "ask":
        return SerializedResult(kind, fmt, written(result.serialize(format=RESULT_FORMATS[fmt])), rows=1)
    if kind == "graph":
        triples = list(islice(result, row_limit + 1))
        truncated = len(triples) > row_limit
        body = _xml_safe(written(serialize(triples[:row_limit], format=GRAPH_FORMATS[fmt])), fmt)
        return SerializedResult(kind, fmt, body, truncated, min(len(triples), row_limit))
    return _select(result, fmt, row_limit)


def written(body: bytes | None) -> bytes:
    """pyoxigraph's serialisers return bytes when given no output file (None only when they wrote to one)."""
    assert body is not None
    return body


def _xml_safe(body: bytes, fmt: str) -> bytes:
    """XML 1.0 cannot carry NUL, most C0 controls, U+FFFE or U+FFFF (not even as &#…;), and pyoxigraph
    writes them as they are, which no XML parser accepts: in XML they become U+FFFD. Only literal
    text can hold them, never the markup; the other formats keep them."""
    if fmt not in ("xml", "rdfxml"):
        return body
    return _NOT_XML.sub("\ufffd", body.decode("utf-8")).encode("utf-8")


def _select(solutions: QuerySolutions, fmt: str, row_limit: int) -> SerializedResult:
    names = [v.value for v in solutions.variables]
    rows: list[dict] = []
    truncated = False
    for solution in solutions:
        if len(rows) == row_limit:
            truncated = True
            break
        rows.append({name: term_json(solution[name]) for name in names if solution[name] is not None})
    document = json.dumps({"head": {"vars": names}, "results": {"bindings": rows}}, ensure_ascii=False).encode()
    if fmt != "json":
        document = written(parse_query_results(document, QueryResultsFormat.JSON).serialize(format=RESULT_FORMATS[fmt]))
        document = _xml_safe(document, fmt)
    return SerializedResult("select", fmt, document, truncated, len(rows))


def term_json(term) -> dict:
    """One RDF term in the SPARQL 1.1 JSON results form."""
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != _XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, Triple):
        return {
            "type": "triple",
            "value": {
                "subject": term_json(term.subject),
                "predicate": term_json(term.predicate),
                "object": term_json(term.object),
            },
        }
    raise TypeError(f"not an RDF term: {term!r}")
