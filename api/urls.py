"""The web-facing URL scheme: where the local page of an IRI lives. It is the API's business, not the graph's."""

from urllib.parse import quote

from talkgraph.ontology import ID


def resource_path(iri: str) -> str:
    """The local page of an IRI: Talkgraph's own by path (…/id/tool/x → /id/tool/x), any other by a
    quoted ?iri=, so an IRI holding '#', '&' or '+' still reaches its own page."""
    if iri.startswith(str(ID)):
        return "/id/" + quote(iri.removeprefix(str(ID)), safe="/")
    return "/resource?iri=" + quote(iri, safe=":/")
