"""A deadline for reading each request's head, which uvicorn does not have.

uvicorn's keep-alive timer runs only between requests: a client that connects and never sends,
or sends a request line and then trickles header bytes (slow loris), holds its connection, and one
of `--limit-concurrency`'s places, for as long as it likes. This protocol gives every request head
(request line and headers) `timeout_request_head` seconds from the connection's start, or from its
first byte on a kept-alive connection, and then answers 408 and closes. Request bodies are not
limited here: an upload may be legitimately slow, and its size is bounded by the routes.
"""

from __future__ import annotations

import asyncio
import logging

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

log = logging.getLogger("talkgraph.connections")

_TIMEOUT_TEXT = b"The request's head did not arrive in time.\n"
REQUEST_TIMEOUT = (
    b"HTTP/1.1 408 Request Timeout\r\ncontent-type: text/plain; charset=utf-8\r\n"
    b"content-length: %d\r\nconnection: close\r\n\r\n%s" % (len(_TIMEOUT_TEXT), _TIMEOUT_TEXT)
)


class RequestHeadDeadline(HttpToolsProtocol):
    """uvicorn's httptools protocol, with a deadline on each request head."""

    head_seconds: float = 10
    _head_deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        if self._head_deadline is None:  # a kept-alive connection's next request
            self._arm()

    def on_headers_complete(self) -> None:
        self._disarm()
        super().on_headers_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._head_deadline = self.loop.call_later(self.head_seconds, self._expired)

    def _disarm(self) -> None:
        if self._head_deadline is not None:
            self._head_deadline.cancel()
            self._head_deadline = None

    def _expired(self) -> None:
        self._head_deadline = None
        if self.transport.is_closing():
            return
        log.info("closed a connection whose request head took over %s s (%s)", self.head_seconds, self.client)
        self.transport.write(REQUEST_TIMEOUT)
        self.transport.close()


def deadline_protocol(head_seconds: float) -> type[RequestHeadDeadline]:
    """The protocol class to pass as uvicorn's `http`, with this many seconds for each request head."""
    return type("RequestHeadDeadline", (RequestHeadDeadline,), {"head_seconds": head_seconds})
