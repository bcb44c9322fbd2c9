"""Run one query in a forked child process that can be killed at its deadline.

pyoxigraph cannot cancel a running query, and a thread cannot be stopped, so
a runaway query in a thread would keep a core busy after its caller gave up.
A forked child sees the store as it was at the fork (copy-on-write memory and
the same open files), computes and serialises the answer, and writes the bytes
back through a pipe; at the deadline the parent sends SIGKILL, so the CPU work
stops with it. Where fork is unavailable (Windows) the query runs in-process.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import signal
import struct
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from talkgraph.graph.errors import TalkgraphError

T = TypeVar("T")
CAN_FORK = hasattr(os, "fork")


class ForkGate:
    """Readers share it; a fork takes it alone, so no thread of ours is inside the store when a child starts."""

    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._readers = 0

    @contextmanager
    def reading(self) -> Iterator[None]:
        with self._lock:
            self._readers += 1
        try:
            yield
        finally:
            with self._lock:
                self._readers -= 1
                self._lock.notify_all()

    @contextmanager
    def forking(self) -> Iterator[None]:
        with self._lock:
            self._lock.wait_for(lambda: self._readers == 0)
            yield


FORK_GATE = ForkGate()


class QueryTimeout(TalkgraphError, TimeoutError):
    """The query ran past its time limit and was stopped."""

    status = 503


def run_with_deadline(work: Callable[[], T], timeout: float) -> T:
    """Run work() in a forked child; return what it returns (picklable) or raise what it raises."""
    if not CAN_FORK:
        return work()
    read_fd, write_fd = os.pipe()
    with FORK_GATE.forking():
        pid = os.fork()
    if pid == 0:  # the child: compute, send, and leave without running the parent's cleanup
        os.close(read_fd)
        try:
            try:
                payload = pickle.dumps((True, work()))
            except BaseException as exc:
                payload = pickle.dumps((False, exc if _picklable(exc) else RuntimeError(str(exc))))
            _write_all(write_fd, struct.pack("!Q", len(payload)) + payload)
        finally:
            os._exit(0)
    os.close(write_fd)
    try:
        data = _read_until(read_fd, time.monotonic() + timeout)
    except QueryTimeout:
        os.kill(pid, signal.SIGKILL)
        raise
    finally:
        os.close(read_fd)
        _reap(pid)
    ok, value = pickle.loads(data)
    if ok:
        return value
    raise value


def _read_until(fd: int, deadline: float) -> bytes:
    chunks: list[bytes] = []
    expected: int | None = None
    received = 0
    while expected is None or received < expected + 8:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise QueryTimeout("the query ran past its time limit and was stopped")
        ready, _, _ = select.select([fd], [], [], remaining)
        if not ready:
            continue
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            raise RuntimeError("the query process ended without an answer (out of memory?)")
        chunks.append(chunk)
        received += len(chunk)
        if expected is None and received >= 8:
            expected = struct.unpack("!Q", b"".join(chunks)[:8])[0]
    return b"".join(chunks)[8:]


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _reap(pid: int) -> None:
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)


def _picklable(exc: BaseException) -> bool:
    try:
        pickle.loads(pickle.dumps(exc))
        return True
    except Exception:
        return False
