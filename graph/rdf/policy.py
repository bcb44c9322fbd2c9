"""What a SPARQL request may do, decided before any backend sees it.

The request is parsed with rdflib's SPARQL 1.1 grammar (whatever the backend),
then checked: no SERVICE, no LOAD, no FROM / FROM NAMED outside the store's own
graphs, unless the operator enabled remote access. Doing this here, not in the
backend, makes an embedded Oxigraph, an Oxigraph server and Fuseki behave the
same way.

The backend then runs the text exactly as it was checked (`normalised`): two
parsers that read one text differently would let a SERVICE hidden from the
check reach the engine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pyparsing import ParseException
from rdflib.plugins.sparql.parser import expandUnicodeEscapes, expandUnicodeEscapes_re, parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from talkgraph.graph.errors import TalkgraphError

FORMS = {"SelectQuery": "select", "AskQuery": "ask", "ConstructQuery": "construct", "DescribeQuery": "describe"}
_SURROGATE = re.compile("[\ud800-\udfff]")
_LONE_CR = re.compile("\r(?!\n)")


class SparqlRequestError(TalkgraphError, ValueError):
    """A SPARQL request Talkgraph refuses; status is the HTTP code to answer with. A syntax error knows
    where it is (line and column, from 1), so the query page can mark the place in its editor."""

    status = 400

    def __init__(self, message: str, status: int | None = None, *, line: int | None = None, column: int | None = None):
        super().__init__(message, status)
        self.line, self.column = line, column
        if line is not None:
            self.details = {"line": line, "column": column}


def syntax_error(text: str, line: int, column: int, problem: str) -> SparqlRequestError:
    """'SPARQL syntax error at line L, column C: problem', then the line itself with a caret under the place."""
    lines = text.split("\n")
    shown = lines[line - 1] if 0 < line <= len(lines) else ""
    caret = " " * (max(column, 1) - 1) + "^"
    return SparqlRequestError(
        f"SPARQL syntax error at line {line}, column {column}: {problem}\n{shown}\n{caret}", line=line, column=column
    )


_ENGINE_POSITION = re.compile(r"^error at (\d+):(\d+): (.*)$", re.S)
_CHARACTER_CLASS = re.compile(r",?\s*\[[^\]]*\](?=,|$)")


def engine_syntax_error(text: str, exc: SyntaxError) -> SparqlRequestError:
    """The store engine's syntax error (Oxigraph: 'error at 1:31: expected one of …') with its position,
    and without the character classes it lists among what it expected, which say nothing to a person."""
    found = _ENGINE_POSITION.match(str(exc).strip())
    if found is None:
        return SparqlRequestError(f"SPARQL syntax error: {exc}")
    problem = found.group(3)
    if "Prefix not found" in problem:
        problem = "this prefix is not declared: add a PREFIX line for it"
    else:
        problem = " ".join(_CHARACTER_CLASS.sub("", problem).split()).rstrip(",")
    return syntax_error(text, int(found.group(1)), int(found.group(2)), problem)


@dataclass
class CheckedQuery:
    form: str  # select, ask, construct, describe
    text: str  # the query as checked: the text to run
    from_graphs: list[str] = field(default_factory=list)
    from_named: list[str] = field(default_factory=list)


def check_query(text: str, store_graphs: set[str], allow_remote: bool = False) -> CheckedQuery:
    text = normalised(text)
    tree = _parse(parseQuery, text)
    query = tree[1]
    checked = CheckedQuery(FORMS[query.name], text)
    # CompValue.get answers a missing key with its name, so test membership instead.
    for clause in query["datasetClause"] if "datasetClause" in query else []:  # noqa: SIM401 - see above
        if "default" in clause:
            checked.from_graphs.append(str(clause["default"]))
        if "named" in clause:
            checked.from_named.append(str(clause["named"]))
    if not allow_remote:
        _refuse_service(tree)
        check_graphs(checked.from_graphs + checked.from_named, store_graphs, "FROM")
    return checked


def check_update(text: str, allow_remote: bool = False) -> str:
    """The update as checked: the text to run."""
    text = normalised(text)
    tree = _parse(parseUpdate, text)
    if not allow_remote:
        _refuse_service(tree)
        if any(isinstance(node, CompValue) and node.name == "Load" for node in _walk(tree)):
            raise SparqlRequestError(
                "LOAD is disabled: Talkgraph does not fetch remote data "
                "(start the server with --allow-remote to enable it)"
            )
    return text


def normalised(text: str) -> str:
    """The text rdflib and Oxigraph read alike.

    SPARQL 1.1 (19.2) expands \\u escapes before parsing, as rdflib does; Oxigraph expands them only
    inside strings and IRIs, so an escaped quote or backslash would end a string for one parser
    and not for the other. rdflib's comments run to a line feed, Oxigraph's to a carriage return
    too. Expanding once here, and making a lone CR a line feed, gives both parsers one text.
    """
    try:
        text = expandUnicodeEscapes(text)
    except ValueError as exc:
        raise SparqlRequestError(f"SPARQL syntax error: {exc}") from None
    if expandUnicodeEscapes_re.search(text):
        raise SparqlRequestError("SPARQL syntax error: a \\u escape must not spell another \\u escape")
    if _SURROGATE.search(text):
        raise SparqlRequestError("SPARQL syntax error: \\uD800 to \\uDFFF are UTF-16 surrogates, not characters")
    return _LONE_CR.sub("\n", text)


def check_graphs(graphs: list[str], store_graphs: set[str], what: str) -> None:
    unknown = [g for g in graphs if g not in store_graphs]
    if unknown:
        raise SparqlRequestError(
            f"{what} names a graph that is not in the store ({unknown[0]}); Talkgraph answers from its own "
            "graphs only and never fetches remote data"
        )


# pyparsing names the grammar rule that failed ("Expected SelectQuery"): said in words instead
_RULES = {
    "Expected {SelectQuery | ConstructQuery | DescribeQuery | AskQuery}": (
        "a query starts with SELECT, CONSTRUCT, DESCRIBE or ASK, after its PREFIX lines"
    ),
    "Expected end of text": "the query should end here, or this clause is misspelt or out of order",
    **{
        f"Expected {form}Query": f"the {form.upper()} query cannot be read from here"
        for form in ("Select", "Construct", "Describe", "Ask")
    },
}


def _parse(parser, text: str):
    try:
        return parser(text)
    except ParseException as exc:
        raise syntax_error(text, exc.lineno, exc.col, _RULES.get(exc.msg, exc.msg)) from None
    except Exception as exc:  # rdflib raises plain exceptions for bad IRIs, prefixes, escapes
        raise SparqlRequestError(f"SPARQL syntax error: {exc}") from None


def _refuse_service(tree) -> None:
    for node in _walk(tree):
        if isinstance(node, CompValue) and node.name == "ServiceGraphPattern":
            raise SparqlRequestError(
                "SERVICE is disabled: Talkgraph does not send queries to other endpoints "
                "(start the server with --allow-remote to enable it)"
            )


def _walk(node):
    yield node
    if isinstance(node, (CompValue, dict)):
        children = node.values()
    elif isinstance(node, (list, tuple)) or hasattr(node, "asList"):
        children = list(node)
    else:
        return
    for child in children:
        yield from _walk(child)
