"""Query workers: long-lived processes that run queries and are killed at a deadline.

pyoxigraph cannot cancel a running query and a thread cannot be stopped, so a
runaway query in a thread would keep a core busy after its caller gave up. A
query therefore runs in a worker process: the server sends it (a function and
its arguments, pickled) through a pipe, the worker computes and serialises the
answer and sends the bytes back. At the deadline the server kills the worker,
so the CPU work stops with it, and a new worker takes its place. Workers live
across requests, so a query costs a pipe round trip, not a fork.

Two kinds of worker, by what they must see:
- forked (an in-memory store): the child shares the store's memory as it was at
  the fork; after a write the pool forks fresh ones (FORK_GATE keeps our threads
  out of the store while it forks);
- spawned (a store on disk): a fresh interpreter opens a read-only snapshot of
  the store (graph/rdf/store.py); after a write it is told to open the new one.
  A process that has RocksDB open is never forked: its threads may hold locks.

Where there is no fork (Windows) a query runs in the calling thread, without
a time limit. Each worker may be given a memory cap (RLIMIT_AS above what it uses when idle);
a query that needs more dies with the worker and is reported as such. At most
`size` queries run at once; up to `queue` more wait (waiting does not count
against their time limit) for at most `queue_wait` seconds; beyond that the pool
answers QueryOverloaded at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import pickle
import select
import signal
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from talkgraph.graph.errors import TalkgraphError

T = TypeVar("T")
CAN_FORK = hasattr(os, "fork")
_HEADER = struct.Struct("!Q")


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


class QueryOverloaded(TalkgraphError, RuntimeError):
    """Every query worker is busy and the queue is full (or the wait was too long): try again later."""

    status = 503

    def __init__(self, message: str, retry_after: int):
        super().__init__(f"{message}: try again shortly")
        self.retry_after = retry_after
        self.headers = {"Retry-After": str(retry_after)}


class QueryMemoryExceeded(TalkgraphError, MemoryError):
    """The query needed more memory than its worker may use, and was stopped."""

    status = 503


# --- the worker's side --------------------------------------------------------------------------


def serve(reader: int, writer: int, store: Any, memory_limit: int | None) -> None:
    """The worker's loop: one request in, one answer out, until the pipe closes.

    A request is ("call", function, args) → function(store, *args), or ("open", opener, args) →
    the store becomes opener(*args) (a newer snapshot). The memory cap is measured from the
    worker's size with its store open (opening one starts threads and caches)."""
    if memory_limit:
        _cap_memory(memory_limit)
    while True:
        frame = _read_frame(reader)
        if frame is None:
            return
        kind = None
        try:
            kind, function, args = pickle.loads(frame)
            if kind == "open":
                store = None  # the older snapshot closes before the newer one opens
                _lift_memory_cap()
                store = function(*args)
                answer: tuple[bool, Any] = (True, None)
            else:
                answer = (True, function(store, *args))
        except MemoryError:
            answer = (False, QueryMemoryExceeded("the query needed more memory than its limit"))
        except BaseException as exc:
            answer = (False, exc if _picklable(exc) else RuntimeError(str(exc)))
        finally:
            if memory_limit and kind == "open":
                _cap_memory(memory_limit)
        try:
            payload = pickle.dumps(answer)
        except MemoryError:
            payload = pickle.dumps((False, QueryMemoryExceeded("the query needed more memory than its limit")))
        _write_all(writer, _HEADER.pack(len(payload)) + payload)


def _cap_memory(extra: int) -> None:
    """Let this process grow by `extra` bytes of address space beyond what it holds now."""
    import resource  # noqa: PLC0415 - POSIX only, and only workers cap themselves

    with open("/proc/self/statm") as statm:
        current = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = current + extra
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _lift_memory_cap() -> None:
    import resource  # noqa: PLC0415

    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (hard, hard))


_SPAWNED = "from talkgraph.graph.rdf.isolation import _spawned_main; _spawned_main()"


def _spawned_main() -> None:
    """Entry point of a spawned worker: frames on stdin/stdout (stdout moves to stderr for stray prints)."""
    memory_limit = int(sys.argv[1]) or None
    reader, writer = os.dup(0), os.dup(1)
    os.dup2(2, 1)
    serve(reader, writer, None, memory_limit)


# --- the server's side --------------------------------------------------------------------------


@dataclass
class Worker:
    pid: int
    reader: int
    writer: int
    generation: int
    process: subprocess.Popen | None = None  # spawned workers; forked ones are reaped with waitpid
    opened: Any = None  # what the worker has open (a snapshot), so the store knows what is still in use
    dead: bool = False

    def call(self, message: tuple, timeout: float | None) -> Any:
        payload = pickle.dumps(message)
        _write_all(self.writer, _HEADER.pack(len(payload)) + payload)
        ok, value = pickle.loads(_read_until(self.reader, None if timeout is None else time.monotonic() + timeout))
        if ok:
            return value
        raise value

    def kill(self) -> None:
        if self.dead:
            return
        self.dead = True
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        for fd in (self.reader, self.writer):
            with contextlib.suppress(OSError):
                os.close(fd)
        if self.process is not None:
            self.process.wait()
        else:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self.pid, 0)


@dataclass
class StoreSource:
    """How a worker gets the store: `local` (forked workers inherit it) or `opener(*args)` (spawned ones open it)."""

    local: Any = None
    opener: Callable[..., Any] | None = None
    args: tuple = ()
    generation: int = 0
    forked: bool = field(default=CAN_FORK)


class WorkerPool:
    def __init__(
        self,
        source: StoreSource,
        size: int = 4,
        queue: int = 16,
        queue_wait: float = 10.0,
        memory_limit: int | None = None,
        on_release: Callable[[], None] | None = None,
    ):
        self.source = source
        self.size = max(1, size)
        self.queue = max(0, queue)
        self.queue_wait = queue_wait
        self.memory_limit = memory_limit
        self.on_release = on_release
        self._idle: list[Worker] = []
        self._busy: set[int] = set()
        self._workers: dict[int, Worker] = {}
        self._starting = 0
        self._waiting = 0
        self._closed = False
        self._cond = threading.Condition()

    # -- what callers use

    def call(self, function: Callable[..., T], *args: Any, timeout: float) -> T:
        """function(store, *args) in a worker; QueryTimeout after `timeout` seconds of running (not waiting)."""
        if not CAN_FORK:  # Windows: no fork, no select on pipes; the query runs here, without a time limit
            return function(self._local_store(), *args)
        worker = self._acquire()
        with self._using(worker):
            return self._run(worker, ("call", function, args), timeout)

    async def acall(self, function: Callable[..., T], *args: Any, timeout: float) -> T:
        """call() for an event loop: the answer is awaited on the worker's pipe, with no thread in between
        (a thread waits for a worker only when none is idle)."""
        if not CAN_FORK:
            return await asyncio.to_thread(self.call, function, *args, timeout=timeout)
        worker = self._take_idle()
        if worker is None:
            worker = await asyncio.to_thread(self._acquire)
        with self._using(worker):
            return await self._arun(worker, ("call", function, args), timeout)

    def _local_store(self) -> Any:
        source = self.source
        if source.local is None and source.opener is not None:
            source.local = source.opener(*source.args)
        return source.local

    def renew(self, source: StoreSource) -> None:
        """After a write: later calls run on workers that see `source`; idle older ones go (forked) or reopen."""
        with self._cond:
            self.source = source
            stale = [w for w in self._idle if w.generation != source.generation and source.forked]
            self._idle = [w for w in self._idle if w not in stale]
            for worker in stale:
                del self._workers[worker.pid]
        for worker in stale:
            worker.kill()

    def warm(self) -> None:
        """Start every worker now (at server start), so the first requests do not wait for them."""
        while True:
            with self._cond:
                if len(self._workers) + self._starting >= self.size or self._closed:
                    return
                self._starting += 1
            worker = None
            try:
                worker = self._start()
            finally:
                with self._cond:
                    self._starting -= 1
                    if worker is not None and not self._closed:
                        self._workers[worker.pid] = worker
                        self._idle.append(worker)
                        worker = None
                    self._cond.notify_all()
                if worker is not None:  # the pool closed meanwhile
                    worker.kill()

    def in_use(self) -> list[Any]:
        """What the live workers have open (spawned workers: their snapshots)."""
        with self._cond:
            return [w.opened for w in self._workers.values()]

    def pids(self) -> list[int]:
        with self._cond:
            return sorted(self._workers)

    def close(self) -> None:
        with self._cond:
            self._closed = True
            workers = list(self._workers.values())
            self._workers.clear()
            self._idle.clear()
            self._cond.notify_all()
        for worker in workers:
            worker.kill()

    # -- the pool's insides

    def _acquire(self) -> Worker:
        with self._cond:
            if self._closed:
                raise RuntimeError("the query workers are closed")
            if not self._free() and self._waiting >= self.queue:
                raise QueryOverloaded(
                    f"all {self.size} query workers are busy and {self._waiting} queries are waiting",
                    retry_after=1,
                )
            self._waiting += 1
            try:
                if not self._cond.wait_for(lambda: self._free() or self._closed, timeout=self.queue_wait):
                    raise QueryOverloaded(
                        f"no query worker became free within {self.queue_wait:g} s", retry_after=int(self.queue_wait)
                    )
                if self._closed:
                    raise RuntimeError("the query workers are closed")
                worker = self._idle.pop() if self._idle else None
                if worker is None:
                    self._starting += 1
                else:
                    self._busy.add(worker.pid)
            finally:
                self._waiting -= 1
        if worker is None:
            try:
                worker = self._start()
            except BaseException:
                with self._cond:
                    self._starting -= 1
                    self._cond.notify_all()
                raise
            with self._cond:
                self._starting -= 1
                self._workers[worker.pid] = worker
                self._busy.add(worker.pid)
        return self._current(worker)

    def _free(self) -> bool:
        return bool(self._idle) or len(self._workers) + self._starting < self.size

    def _current(self, worker: Worker) -> Worker:
        """A worker that sees the latest store: an older forked one is replaced, an older spawned one reopens."""
        source = self.source
        if worker.generation == source.generation:
            return worker
        if source.forked:
            with self._cond:  # its place stays taken while its successor starts
                self._workers.pop(worker.pid, None)
                self._busy.discard(worker.pid)
                self._starting += 1
            worker.kill()
            try:
                fresh = self._start()
            finally:
                with self._cond:
                    self._starting -= 1
                    self._cond.notify_all()
            with self._cond:
                self._workers[fresh.pid] = fresh
                self._busy.add(fresh.pid)
            return fresh
        try:
            worker.call(("open", source.opener, source.args), None)
        except BaseException:
            self._release(worker, healthy=False)
            raise
        worker.generation, worker.opened = source.generation, source.args
        return worker

    def _run(self, worker: Worker, message: tuple, timeout: float) -> Any:
        try:
            return worker.call(message, timeout)
        except QueryTimeout:
            self._forget(worker)
            worker.kill()  # the CPU work stops here
            raise

    async def _arun(self, worker: Worker, message: tuple, timeout: float) -> Any:
        payload = pickle.dumps(message)
        _write_all(worker.writer, _HEADER.pack(len(payload)) + payload)
        loop = asyncio.get_running_loop()
        answer: asyncio.Future[bytes] = loop.create_future()
        buffer = bytearray()

        def readable() -> None:
            chunk = os.read(worker.reader, _read_size(buffer))
            if not chunk:
                if not answer.done():
                    answer.set_exception(_WorkerDied("the query worker ended without an answer"))
                return
            buffer.extend(chunk)
            complete = len(buffer) >= _HEADER.size and len(buffer) >= _HEADER.size + _HEADER.unpack_from(buffer)[0]
            if complete and not answer.done():
                answer.set_result(bytes(buffer[_HEADER.size :]))

        def expire() -> None:  # a timer on the loop, not wait_for's waiter and callbacks around the answer
            if not answer.done():
                answer.set_exception(QueryTimeout("the query ran past its time limit and was stopped"))

        loop.add_reader(worker.reader, readable)
        deadline = loop.call_later(timeout, expire)
        try:
            try:
                data = await answer
            finally:
                deadline.cancel()
                loop.remove_reader(worker.reader)
        except QueryTimeout:
            self._forget(worker)
            worker.kill()  # the CPU work stops here
            raise
        except asyncio.CancelledError:
            self._forget(worker)
            worker.kill()  # nobody will read its answer
            raise
        ok, value = pickle.loads(data)
        if ok:
            return value
        raise value

    @contextmanager
    def _using(self, worker: Worker) -> Iterator[None]:
        """Release the worker after a call (killed unless it answered), and name what a dead worker means."""
        healthy = False
        try:
            yield
            healthy = True
        except QueryTimeout:
            raise
        except QueryMemoryExceeded:
            raise QueryMemoryExceeded(self._memory_message()) from None
        except _WorkerDied:
            raise QueryMemoryExceeded(self._memory_message() + " (or its worker crashed)") from None
        except Exception:
            healthy = True  # the worker answered with an error (a refusal, a syntax error)
            raise
        finally:
            self._release(worker, healthy)

    def _take_idle(self) -> Worker | None:
        """An idle worker that already sees the latest store, without waiting (None: there is none)."""
        with self._cond:
            if self._closed or not self._idle or self._idle[-1].generation != self.source.generation:
                return None
            worker = self._idle.pop()
            self._busy.add(worker.pid)
            return worker

    def _release(self, worker: Worker, healthy: bool) -> None:
        with self._cond:
            self._busy.discard(worker.pid)
            keep = (
                healthy
                and not self._closed
                and worker.pid in self._workers
                and (worker.generation == self.source.generation or not self.source.forked)
            )
            if keep:
                self._idle.append(worker)
            else:
                self._workers.pop(worker.pid, None)
            self._cond.notify_all()
        if not keep:
            worker.kill()
        if self.on_release is not None:
            self.on_release()

    def _forget(self, worker: Worker) -> None:
        with self._cond:
            self._workers.pop(worker.pid, None)
            self._busy.discard(worker.pid)
            self._cond.notify_all()

    def _start(self) -> Worker:
        source = self.source
        if source.forked:
            return self._fork(source)
        return self._spawn(source)

    def _fork(self, source: StoreSource) -> Worker:
        to_child, from_parent = os.pipe()
        to_parent, from_child = os.pipe()
        _widen(to_parent)
        with FORK_GATE.forking():
            pid = os.fork()
        if pid == 0:  # the child: serve, and leave without running the parent's cleanup
            code = 0
            try:
                _close_all_but(to_child, from_child)  # siblings' pipes too, so each sees EOF when the server goes
                signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the server; it closes our pipe
                serve(to_child, from_child, source.local, self.memory_limit)
            except BaseException:
                code = 1
            finally:
                os._exit(code)
        os.close(to_child)
        os.close(from_child)
        return Worker(pid, to_parent, from_parent, source.generation)

    def _spawn(self, source: StoreSource) -> Worker:
        process = subprocess.Popen(
            [sys.executable, "-c", _SPAWNED, str(self.memory_limit or 0)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env={**os.environ, "MALLOC_ARENA_MAX": "2"},  # glibc reserves 64 MB per arena: keep the cap for data
            start_new_session=True,  # Ctrl-C at the terminal is for the server, which then closes the workers
        )
        assert process.stdin is not None and process.stdout is not None
        worker = Worker(
            process.pid, os.dup(process.stdout.fileno()), os.dup(process.stdin.fileno()), source.generation, process
        )
        _widen(worker.reader)
        process.stdin.close()
        process.stdout.close()
        try:
            worker.call(("open", source.opener, source.args), None)
        except BaseException:
            worker.kill()
            raise
        worker.opened = source.args
        return worker

    def _memory_message(self) -> str:
        if self.memory_limit:
            return f"the query needed more memory than the limit of {self.memory_limit // 1_000_000} MB and was stopped"
        return "the query process ended without an answer"


class _WorkerDied(RuntimeError):
    pass


def _widen(fd: int) -> None:
    """Give an answer pipe room for a whole answer (Linux: up to 1 MB), so it crosses in one wake-up, not one
    per 64 kB."""
    with contextlib.suppress(ImportError, OSError, AttributeError):
        import fcntl  # noqa: PLC0415 - POSIX only

        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, 1 << 20)


def _close_all_but(*keep: int) -> None:
    low = 3
    for fd in sorted(keep):
        os.closerange(low, fd)
        low = fd + 1
    os.closerange(low, min(os.sysconf("SC_OPEN_MAX"), 1 << 16))


def _read_frame(fd: int) -> bytes | None:
    header = _read_exactly(fd, _HEADER.size)
    if header is None:
        return None
    return _read_exactly(fd, _HEADER.unpack(header)[0])


def _read_exactly(fd: int, size: int) -> bytes | None:
    chunks, received = [], 0
    while received < size:
        chunk = os.read(fd, min(size - received, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        received += len(chunk)
    return b"".join(chunks)


def _read_until(fd: int, deadline: float | None) -> bytes:
    """One answer frame, or QueryTimeout at the deadline (None: wait as long as it takes). Every read waits in select
    first, deadline or not: a pipe the event loop has watched may be non-blocking (uvloop's add_reader sets it so)."""
    buffer = bytearray()
    expected: int | None = None
    while expected is None or len(buffer) < expected + _HEADER.size:
        remaining = None
        if deadline is not None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise QueryTimeout("the query ran past its time limit and was stopped")
        ready, _, _ = select.select([fd], [], [], remaining)
        if not ready:
            continue
        chunk = os.read(fd, _read_size(buffer))
        if not chunk:
            raise _WorkerDied("the query worker ended without an answer")
        buffer += chunk
        if expected is None and len(buffer) >= _HEADER.size:
            expected = _HEADER.unpack_from(buffer)[0]
    return bytes(buffer[_HEADER.size :])


def _read_size(buffer: bytearray) -> int:
    """How much to ask of one read of an answer frame: what is left of it once its header is in, else 64 kB.
    os.read allocates all it is asked for: asking 1 MB for a 100-byte answer costs 40 µs, asking 64 kB 3 µs."""
    if len(buffer) < _HEADER.size:
        return 1 << 16
    return max(1, min(_HEADER.size + _HEADER.unpack_from(buffer)[0] - len(buffer), 1 << 20))


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        try:
            written = os.write(fd, view)
        except BrokenPipeError:
            raise _WorkerDied("the query worker is gone") from None
        view = view[written:]


def _picklable(exc: BaseException) -> bool:
    try:
        pickle.loads(pickle.dumps(exc))
        return True
    except Exception:
        return False
