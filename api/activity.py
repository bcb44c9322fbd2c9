"""Whether the server is answering requests: background work that holds the interpreter (reading every node at
start) waits for a quiet moment instead of slowing the first answers."""

from __future__ import annotations

import threading
import time

from starlette.types import ASGIApp, Receive, Scope, Send


class Activity:
    """Requests in flight, and when the last one ended."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._in_flight = 0
        self._last = time.monotonic()  # the app's creation counts as activity: its first requests come at once

    def started(self) -> None:
        with self._changed:
            self._in_flight += 1

    def ended(self) -> None:
        with self._changed:
            self._in_flight -= 1
            self._last = time.monotonic()
            self._changed.notify_all()

    def wait_quiet(self, quiet: float, most: float) -> bool:
        """Return once no request has run for `quiet` seconds (True), or after `most` seconds of waiting (False)."""
        deadline = time.monotonic() + most
        with self._changed:
            while True:
                now = time.monotonic()
                idle = 0.0 if self._in_flight else now - self._last
                if idle >= quiet:
                    return True
                if now >= deadline:
                    return False
                self._changed.wait(min(deadline, now + quiet - idle) - now)


class TrackActivity:
    """ASGI middleware: every HTTP request counted in the app's Activity while it runs."""

    def __init__(self, app: ASGIApp, activity: Activity) -> None:
        self.app, self.activity = app, activity

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        self.activity.started()
        try:
            await self.app(scope, receive, send)
        finally:
            self.activity.ended()
