"""A large file read and linked in a forked child (graph/forked.py) beside the writes: the same quads as in one
process, its errors raised in the parent as the same exceptions, and no child left behind (an error, an early
end, the parent killed)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from talkgraph.graph import ingest as ingest_module
from talkgraph.graph.analytics import derived
from talkgraph.graph.analytics.derived import Analytics
from talkgraph.graph.analytics.stored import incomplete_writes
from talkgraph.graph.documents import stored_documents
from talkgraph.graph.forked import ChildDied, forked_items
from talkgraph.graph.ingest import ingest
from talkgraph.graph.rdf.isolation import CAN_FORK
from talkgraph.graph.rdf.store import EmbeddedStore
from talkgraph.graph.rdf.triples import notes_graph
from tests.test_backends import canonical
from tests.test_ingest_in_parts import PART_TALKS, analytics_text, notes, talks, write

pytestmark = pytest.mark.skipif(not CAN_FORK, reason="no fork on this platform: large files are read in-process")


@pytest.fixture
def others() -> set[int]:
    """This process's children before the test (the suite's servers, browsers and query workers)."""
    return children(os.getpid())


def new_children(others: set[int]) -> set[int]:
    return children(os.getpid()) - others


def children(pid: int) -> set[int]:
    """The live child processes of pid (Linux /proc; zombies are dead)."""
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            if not dead(int(child)):
                found.add(int(child))
    return found


def dead(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] in ("Z", "X")


def items(count: int, fail_at: int | None = None):
    for i in range(count):
        if i == fail_at:
            raise KeyError(f"item {i}")
        yield (os.getpid(), i)


def test_items_come_in_order_from_a_child_that_is_gone_after(others):
    with forked_items(lambda: items(3), "counting") as received:
        got = list(received)
    assert [i for _, i in got] == [0, 1, 2]
    assert {pid for pid, _ in got} != {os.getpid()}  # made in another process
    assert new_children(others) == set()


def test_an_exception_in_the_child_is_raised_in_the_parent_as_it_was(others):
    with pytest.raises(KeyError) as raised, forked_items(lambda: items(3, fail_at=2), "counting") as received:
        got = [i for _, i in received]
    assert raised.value.args == ("item 2",)
    assert "got" not in locals()
    assert new_children(others) == set()


def test_a_child_killed_midway_is_a_clear_error():
    def killed():
        yield 1
        os.kill(os.getpid(), signal.SIGKILL)
        yield 2

    died = r"^the process counting ended without finishing \(killed by signal 9\)$"
    with pytest.raises(ChildDied, match=died), forked_items(killed, "counting") as received:
        assert next(received) == 1
        next(received)


def test_a_block_left_early_kills_the_child(others):
    def endless():
        while True:
            yield b"x" * 100_000  # fills the pipe: the child waits to send

    with forked_items(endless, "endless") as received:
        assert next(received) == b"x" * 100_000
        assert len(new_children(others)) == 1
    assert new_children(others) == set()


@pytest.fixture
def in_parts(monkeypatch):
    monkeypatch.setattr(ingest_module, "STREAM_BYTES", 0)
    monkeypatch.setattr(ingest_module, "PART_TALKS", PART_TALKS)
    monkeypatch.setattr(derived, "PART_TALKS", PART_TALKS)


@pytest.mark.parametrize(
    ("copies", "load_quads"),
    [(4, 10**6), (4, 1), (1, 10**6)],
    ids=["in parts, loaded at once", "in parts, loaded a part at a time", "one transaction"],
)
def test_forked_and_in_process_write_the_same_quads(
    tmp_path, vocabulary, in_parts, monkeypatch, copies, load_quads, others
):
    monkeypatch.setattr(ingest_module, "LOAD_QUADS", load_quads)
    text = notes(copies)
    path = write(tmp_path, "big.md", text)
    parsed_in: list[list[int]] = []
    real_parse = ingest_module._parse

    def parse(source, max_bytes):
        parsed = real_parse(source, max_bytes)
        (tmp_path / f"parsed-by-{os.getpid()}").touch()  # the child's list is not ours: the file system is shared
        return parsed

    monkeypatch.setattr(ingest_module, "_parse", parse)
    stores = {}
    for forked in (True, False):
        monkeypatch.setattr(ingest_module, "FORK_LARGE", forked)
        stores[forked] = store = EmbeddedStore()
        report = ingest(store, [path], vocabulary)
        assert report.documents == {"big": talks(text)} and report.errors == {}
        assert report.encodings == {"big": "utf-8"}
        parsed_in.append(sorted(int(p.name.rsplit("-", 1)[1]) for p in tmp_path.glob("parsed-by-*")))
        for p in tmp_path.glob("parsed-by-*"):
            p.unlink()
    assert parsed_in[0] != [os.getpid()] and len(parsed_in[0]) == 1  # forked: read by the child alone
    assert parsed_in[1] == [os.getpid()]
    assert canonical(stores[True].quads()) == canonical(stores[False].quads())
    assert len(stores[True].quads()) > 1000
    assert incomplete_writes(stores[True]) == []
    assert new_children(others) == set()


def test_a_read_error_in_the_child_is_reported_as_in_one_process(tmp_path, vocabulary, in_parts, monkeypatch):
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"## A talk\n\n" + bytes(range(256)) * 50)  # binary, not notes
    reports = {}
    for forked in (True, False):
        monkeypatch.setattr(ingest_module, "FORK_LARGE", forked)
        store = EmbeddedStore()
        reports[forked] = ingest(store, [write(tmp_path, "small.md", notes(1)), bad], vocabulary)
        assert {d.key for d in stored_documents(store)} == {"small"}
    assert reports[True].errors == reports[False].errors
    assert list(reports[True].errors) == ["bad.md"]


class Boom(Exception):
    pass


def test_a_linking_error_in_the_child_fails_the_ingest_and_leaves_no_part(
    tmp_path, vocabulary, in_parts, monkeypatch, others
):
    real, calls = ingest_module.extract_talk, []

    def fails_on_the_fifth_talk(talk, linker):
        calls.append(1)
        if len(calls) == 5:
            raise Boom("the fifth talk")
        return real(talk, linker)

    monkeypatch.setattr(ingest_module, "extract_talk", fails_on_the_fifth_talk)
    store = EmbeddedStore()
    ingest(store, [write(tmp_path, "small.md", notes(1))], vocabulary)
    with pytest.raises(Boom, match=r"^the fifth talk$"):
        ingest(store, [write(tmp_path, "big.md", notes(4))], vocabulary)
    assert calls == []  # it ran in the child
    assert {d.key for d in stored_documents(store)} == {"small"}
    assert incomplete_writes(store) == []
    assert new_children(others) == set()


KILLED = """
import os, signal, sys
from pathlib import Path
from talkgraph.graph import ingest as ingest_module
from talkgraph.graph.analytics import derived
from talkgraph.graph.linking.vocabulary import load_vocabulary
from talkgraph.graph.rdf.store import EmbeddedStore

ingest_module.STREAM_BYTES = 0
ingest_module.LOAD_QUADS = 1  # each part loaded on its own
ingest_module.PART_TALKS = derived.PART_TALKS = {part_talks}
store = EmbeddedStore(Path(sys.argv[1]))
real, calls = store.add_nquads, []

def killed_on_the_second_part(data):
    calls.append(1)
    if len(calls) == 2:
        me = os.getpid()
        kids = [c for t in Path(f"/proc/{{me}}/task").iterdir() for c in (t / "children").read_text().split()]
        Path(sys.argv[3]).write_text(" ".join(kids))
        os.kill(me, signal.SIGKILL)  # no exception handler, no flush, no close: as a power cut
    real(data)

store.add_nquads = killed_on_the_second_part
ingest_module.ingest(store, [Path(sys.argv[2])], load_vocabulary())
"""


def test_the_child_dies_with_its_parent_and_the_store_stays_consistent(tmp_path, vocabulary, in_parts):
    path = tmp_path / "store"
    store = EmbeddedStore(path)
    ingest(store, [write(tmp_path, "small.md", notes(1))], vocabulary)
    before = analytics_text(store)
    store.close()
    pids = tmp_path / "children"
    script = textwrap.dedent(KILLED.format(part_talks=PART_TALKS))
    killed = subprocess.run(
        [sys.executable, "-c", script, str(path), str(write(tmp_path, "big.md", notes(8))), str(pids)],
        capture_output=True,
        timeout=300,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr.decode()[-2000:]
    kids = [int(p) for p in pids.read_text().split()]
    assert len(kids) == 1  # the child reading big.md, alive when its parent was killed
    deadline = time.monotonic() + 10
    while not dead(kids[0]) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert dead(kids[0])
    store = EmbeddedStore(path)
    big = notes_graph("big").value
    assert len(store.quads(big)) > 0  # the first part reached the disk
    assert {d.key for d in stored_documents(store)} == {"small"}
    assert incomplete_writes(store) == [big]
    assert [p.name.startswith(".talkgraph-parts-") for p in tmp_path.glob(".*")] == [True]  # the parts' files
    Analytics.open(store)  # what the next ingest or remove does first
    assert incomplete_writes(store) == [] and big not in store.graphs()
    assert analytics_text(store) == before
    ingest(store, [tmp_path / "big.md"], vocabulary)  # and the file goes in the next time, its parts' files swept
    assert {d.key: d.talks for d in stored_documents(store)} == {"small": talks(notes(1)), "big": talks(notes(8))}
    assert list(tmp_path.glob(".*")) == []
    store.close()
