"""A generator run in a forked child process, its items sent back through a pipe as they come.

Why: ingest's Python work (parsing and linking a large file) and its writes (the store's bulk loader) each keep
one core busy; in one process the two take turns. A forked child starts with the parent's vocabulary and linker
already loaded (a spawned one paid 2.6-3 CPU-s to load them), and works on the next part while the parent
writes the last. The child dies with its parent (a kill of the parent leaves no child behind), and an
exception in it is raised in the parent, where its items would have come, as the same exception.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from typing import TypeVar

from talkgraph.graph.rdf.isolation import CAN_FORK, FORK_GATE

T = TypeVar("T")
_PR_SET_PDEATHSIG = 1  # linux/prctl.h


class ChildDied(RuntimeError):
    """The child process ended without its last item (killed, or out of memory)."""


@contextmanager
def forked_items(produce: Callable[[], Iterator[T]], what: str) -> Iterator[Iterator[T]]:
    """produce()'s items, made in a forked child (in this process where there is no fork). The child is killed
    when the block ends, whether or not every item was read. `what` names the work in the error if the child
    dies."""
    if not CAN_FORK:
        yield produce()
        return
    reader_fd, writer_fd = os.pipe()
    parent = os.getpid()
    with FORK_GATE.forking():  # no thread of ours inside the store while the child's memory is copied
        pid = os.fork()
    if pid == 0:
        os.close(reader_fd)
        _serve(produce, Connection(writer_fd, readable=False), parent)
    os.close(writer_fd)
    child = _Child(pid, Connection(reader_fd, writable=False))
    try:
        yield child.received(what)
    finally:
        child.stop()


def _serve(produce: Callable[[], Iterator[T]], writer: Connection, parent: int) -> None:
    """The child: send each item, then the end (or the exception), and leave without the parent's cleanup."""
    code = 0
    try:
        _die_with(parent)
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the parent, which then kills this child
        gc.freeze()  # the parent's objects are not walked by the child's collections (each walk copied their pages)
        try:
            for item in produce():
                writer.send((_ITEM, item))
            writer.send((_END, None))
        except Exception as exc:
            writer.send((_ERROR, _picklable(exc)))
    except BaseException:
        code = 1  # the parent went away (a broken pipe): nobody to tell
    finally:
        os._exit(code)


class _Child:
    """The parent's side: the child's pipe, and its exit status once it has been waited for."""

    def __init__(self, pid: int, reader: Connection):
        self.pid, self.reader = pid, reader
        self.status: int | None = None

    def received(self, what: str) -> Iterator:
        while True:
            try:
                kind, value = self.reader.recv()
            except EOFError:
                raise ChildDied(f"the process {what} ended without finishing ({self._ended()})") from None
            if kind == _END:
                return
            if kind == _ERROR:
                raise value
            yield value

    def _ended(self) -> str:
        status = self._wait()
        if os.WIFSIGNALED(status):
            return f"killed by signal {os.WTERMSIG(status)}"
        return f"exit code {os.WEXITSTATUS(status)}"

    def _wait(self) -> int:
        if self.status is None:
            self.status = os.waitpid(self.pid, 0)[1]
        return self.status

    def stop(self) -> None:
        """Close the pipe (a child still sending gets a broken pipe), kill the child if it still runs, reap it."""
        self.reader.close()
        if self.status is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            self._wait()


def _die_with(parent: int) -> None:
    """Ask Linux to kill this child when its parent dies; if the parent is gone already, leave now."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)


def _picklable(exc: Exception) -> Exception:
    """The exception itself when it can cross the pipe, else a RuntimeError with its message."""
    import pickle  # noqa: PLC0415 - only on this rare path

    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return RuntimeError(f"{type(exc).__name__}: {exc}")
    return exc


_ITEM, _END, _ERROR = "item", "end", "error"
