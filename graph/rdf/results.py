"""Query results → bytes in a standard format, with a row cap that says when it cut.

The formats themselves are pyoxigraph's serializers. SELECT solutions are written
by the engine as TSV, whose lines are its rows (every term is written on one line,
with N-Triples escapes), into a writer that stops the query once it holds one row
more than the cap: the cap is a cut at a newline, memory stays bounded, and no row
becomes a Python object. Other formats are then written by pyoxigraph from that
TSV. CONSTRUCT triples are capped as they come. Every backend and every format
gets the same limit, and XML output stays well-formed whatever the literals hold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice
from typing import IO, cast

from pyoxigraph import (
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    parse_query_results,
    serialize,
)

from talkgraph.graph.rdf.formats import FORMATS

RESULT_FORMATS: dict[str, QueryResultsFormat] = {
    f.key: f.oxigraph for f in FORMATS if isinstance(f.oxigraph, QueryResultsFormat)
}
GRAPH_FORMATS: dict[str, RdfFormat] = {f.key: f.oxigraph for f in FORMATS if isinstance(f.oxigraph, RdfFormat)}
MEDIA_TYPES = {f.key: f.media_type for f in FORMATS}
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
    table = _RowCap(row_limit)
    try:
        solutions.serialize(cast("IO[bytes]", table), format=QueryResultsFormat.TSV)  # it needs only write()
    except Exception:
        if not table.over:  # the query failed (not our stop)
            raise
    body, rows, truncated = table.capped()
    if fmt != "tsv":
        body = _xml_safe(
            written(parse_query_results(body, QueryResultsFormat.TSV).serialize(format=RESULT_FORMATS[fmt])), fmt
        )
    return SerializedResult("select", fmt, body, truncated, rows)


class _CapReached(Exception):
    """Raised from the writer to stop the engine: it has written one row more than the cap."""


class _RowCap:
    """A binary writer for pyoxigraph's TSV results that keeps the header and the first `row_limit` rows, and
    stops the query (by raising from write) once it holds a row past them. Every line ends with a newline, an
    empty row's too, so rows are counted by newlines."""

    def __init__(self, row_limit: int):
        self.lines = row_limit + 1  # the header and row_limit rows
        self.chunks: list[bytes] = []
        self.newlines = 0
        self.over = False

    def write(self, chunk: bytes) -> int:
        if self.over:  # pyoxigraph's buffer may try again to write what was refused: it is not kept twice
            raise _CapReached
        data = bytes(chunk)
        self.chunks.append(data)
        self.newlines += data.count(b"\n")
        if self.newlines > self.lines:
            self.over = True
            raise _CapReached
        return len(data)

    def flush(self) -> None:
        pass

    def capped(self) -> tuple[bytes, int, bool]:
        """The TSV of the header and at most row_limit rows, how many rows, and whether any were cut."""
        if not self.over:
            return b"".join(self.chunks), max(0, self.newlines - 1), False
        last = self.chunks[-1]
        end = -1
        for _ in range(self.lines - (self.newlines - last.count(b"\n"))):  # the last kept newline is in `last`
            end = last.index(b"\n", end + 1)
        return b"".join(self.chunks[:-1]) + last[: end + 1], self.lines - 1, True
