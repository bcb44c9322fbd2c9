"""The web-facing URL scheme: where the local page of an IRI lives. It is the API's business, not the graph's."""

from urllib.parse import quote

from starlette.requests import Request

from talkgraph.ontology import ID, TG

OWN_IRIS = str(TG).removesuffix("ns#")  # https://w3id.org/talkgraph/: the ontology's IRIs (ns#) and the data's (id/)


def resource_path(iri: str) -> str:
    """The local page of an IRI: Talkgraph's own by path (…/id/tool/x → /id/tool/x), any other by a
    quoted ?iri=, so an IRI holding '#', '&' or '+' still reaches its own page."""
    if iri.startswith(str(ID)):
        return "/id/" + quote(iri.removeprefix(str(ID)), safe="/")
    return "/resource?iri=" + quote(iri, safe=":/")


def public_url(request: Request, path: str) -> str:
    """This server's absolute URL for `path`: the configured --base-url, else the address the server is
    bound to. Never the request's Host header, which any client can set to anything."""
    base = request.app.state.talkgraph.settings.base_url
    if base:
        return base.rstrip("/") + path
    host, port = request.scope.get("server") or ("localhost", None)
    default_port = {"http": 80, "https": 443}.get(request.url.scheme)
    return f"{request.url.scheme}://{host}{'' if port in (None, default_port) else f':{port}'}{path}"


def editor_url(request: Request, path: str) -> str:
    """The address a page's own scripts call: the --base-url one, else relative to the page (same origin)."""
    base = request.app.state.talkgraph.settings.base_url
    return base.rstrip("/") + path if base else path
