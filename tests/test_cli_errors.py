"""Clear messages from the CLI, never a traceback: a damaged store, a vocabulary that cannot be written."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
import rdflib

from tests.conftest import BUNDLED_NOTES
from tests.test_cli import flat, ok, talkgraph


@pytest.fixture(scope="module")
def stored(tmp_path_factory) -> Path:
    data_dir = tmp_path_factory.mktemp("stored")
    ok("ingest", str(BUNDLED_NOTES), data_dir=data_dir)
    return data_dir


def damaged_copy(stored: Path, tmp_path: Path, damage) -> Path:
    import shutil

    copy = tmp_path / "data"
    shutil.copytree(stored, copy)
    damage(copy / "store")
    return copy


@pytest.mark.parametrize(
    "damage",
    [
        lambda store: (store / "CURRENT").write_text(""),
        lambda store: [sst.unlink() for sst in store.glob("*.sst")],
        lambda store: [sst.write_bytes(sst.read_bytes()[:100]) for sst in store.glob("*.sst")],
    ],
    ids=["empty-CURRENT", "missing-sst", "truncated-sst"],
)
@pytest.mark.parametrize("command", [["stats"], ["documents"], ["ingest", str(BUNDLED_NOTES)]])
def test_a_damaged_store_gives_a_clear_message(stored, tmp_path, damage, command):
    data_dir = damaged_copy(stored, tmp_path, damage)
    result = talkgraph(*command, data_dir=data_dir)
    message = flat(result.stderr)
    assert result.exit_code == 1
    assert "".join(f"error: the store at {data_dir / 'store'} is damaged and cannot be opened".split()) in "".join(
        message.split()
    )
    assert "(Corruption:" in message
    assert "move that folder aside" in message and "re-ingest your notes with `talkgraph ingest`" in message
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_vocab_add_in_a_read_only_data_directory_is_a_clear_message(tmp_path, monkeypatch):
    """The tests run as root, whom file modes do not stop: the write fails as a read-only file system's would."""

    def read_only(self, destination=None, *args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system", str(destination))

    monkeypatch.setattr(rdflib.Graph, "serialize", read_only)
    result = talkgraph("vocab", "add", "Zanzibar Mesh", data_dir=tmp_path)
    assert result.exit_code == 1
    overlay = tmp_path / "vocabulary" / "user.ttl"
    expected = f"error: cannot write your vocabulary at {overlay}: Read-only file system (is --data-dir writable?)"
    assert "".join(result.stderr.split()) == "".join(expected.split())  # rich wraps long paths anywhere
    assert not overlay.exists()
