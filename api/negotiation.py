"""Pick a response format from an Accept header (RFC 9110 q-values and wildcards)."""

from __future__ import annotations

from talkgraph.graph.rdf.formats import BY_KEY, by_name, media_map

# Media types a client may ask for → Talkgraph's format keys, per kind of answer.
RESULT_MEDIA = media_map("results")
GRAPH_MEDIA = media_map("graph")


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """[(media range, q)] best first; a missing header accepts anything."""
    if not header:
        return [("*/*", 1.0)]
    ranges = []
    for position, part in enumerate(header.split(",")):
        pieces = [p.strip() for p in part.split(";")]
        media = pieces[0].lower()
        if not media:
            continue
        q = 1.0
        for param in pieces[1:]:
            if param.lower().startswith("q="):
                try:
                    q = max(0.0, min(1.0, float(param[2:])))
                except ValueError:
                    q = 0.0
        ranges.append((media, q, -position))
    ranges.sort(key=lambda r: (-r[1], -_specificity(r[0]), -r[2]))
    return [(m, q) for m, q, _ in ranges]


def _specificity(media: str) -> int:
    return 0 if media == "*/*" else 1 if media.endswith("/*") else 2


def choose(header: str | None, offered: dict[str, str], default: str) -> str | None:
    """The format key to answer with, or None when nothing acceptable is offered (→ 406).

    A wildcard picks among the types served (default first; each key is served as the first media
    type listed for it) that the header does not refuse with q=0, so the Content-Type always
    matches what the client accepted.
    """
    ranges = parse_accept(header)
    refused = {media for media, q in ranges if q <= 0}
    served: dict[str, str] = {}
    for media, key in offered.items():
        served.setdefault(key, media)
    usable = [key for key in dict.fromkeys([default, *served]) if served.get(key) not in refused]
    for media, q in ranges:
        if q <= 0:
            continue
        if media in offered:
            return offered[media]
        if media.endswith("/*"):
            family = "" if media == "*/*" else media[:-1]
            match = next((key for key in usable if served.get(key, "").startswith(family)), None)
            if match:
                return match
    return None


def choose_for_form(header: str | None, form: str) -> str | None:
    """The format key for a query form's answer, or None (→ 406).

    A graph query (CONSTRUCT, DESCRIBE) whose Accept lists only result-set types gets Turtle, the RDF
    default, as lenient servers answer: clients such as rdflib's SPARQLStore(returnFormat="json") send
    the same result-set Accept whatever the query form, and read the graph by its Content-Type.
    """
    if form in ("select", "ask"):
        return choose(header, RESULT_MEDIA, "json")
    chosen = choose(header, GRAPH_MEDIA, "turtle")
    if chosen is None and all(media in RESULT_MEDIA for media, q in parse_accept(header) if q > 0):
        return "turtle"
    return chosen


def wants_html(header: str | None) -> bool:
    """A browser's navigation: text/html listed before any RDF or results type."""
    for media, q in parse_accept(header):
        if q <= 0:
            continue
        if media in ("text/html", "application/xhtml+xml"):
            return True
        if media != "*/*" and not media.startswith("image/"):
            return False
    return False


def format_from_parameter(value: str, offered: dict[str, str]) -> str | None:
    """?format=json|xml|csv|tsv|turtle|… (or a media type) → a format key offered here.

    json and xml also name the JSON and XML form of a graph (JSON-LD, RDF/XML), as clients
    such as SPARQLWrapper send format=json whatever the query form.
    """
    value = value.lower()
    named = by_name(value)
    if named is not None and named.key in offered.values():
        return named.key
    return offered.get(value) or offered.get(f"application/{value}")


def media_type(fmt: str) -> str:
    return BY_KEY[fmt].media_type
