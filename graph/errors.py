"""One base for every error Talkgraph reports to a person.

Each error carries the HTTP status it maps to, so the app needs one handler and
the CLI one `except`: the message is written for people (no trace, no path).
"""


class TalkgraphError(Exception):
    """A failure the user can act on; `status` is the HTTP answer it maps to."""

    status: int = 500
    headers: dict[str, str] | None = None  # HTTP headers the answer carries (Retry-After …)
    details: dict[str, int | str | None] | None = None  # more fields of a JSON answer (a syntax error's line …)

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        if status is not None:
            self.status = status


class NotFound(TalkgraphError):
    """A ref, IRI or document that names nothing in the store."""

    status = 404


class BadRequest(TalkgraphError):
    """Input that cannot be answered as given (a bad parameter, an unknown format)."""

    status = 400
