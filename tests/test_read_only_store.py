"""A data directory this process may not write (a read-only mount, another user's files) still answers reads."""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

import pytest
from pyoxigraph import Store

from talkgraph.graph.rdf import store as store_module
from tests.conftest import BUNDLED_NOTES
from tests.test_cli import COUNT_TALKS, flat, ingested, ok, talkgraph  # noqa: F401 - ingested is a fixture


class UnwritableStore:
    """pyoxigraph's Store as it behaves on a read-only directory: opening for writing fails, read-only works.
    (Root may write anywhere, so as root the refusal is simulated; other users get a real chmod.)"""

    read_only = staticmethod(Store.read_only)

    def __new__(cls, path: str | None = None) -> Store:
        if path is not None:
            raise OSError(f"IO error: While open a file for appending: {path}/LOG: Permission denied")
        return Store()


def _files(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*")}


@pytest.fixture
def unwritable(ingested, tmp_path, monkeypatch):  # noqa: F811 - the fixture imported above
    data_dir = tmp_path / "data"
    shutil.copytree(ingested, data_dir)
    if os.geteuid() == 0:
        monkeypatch.setattr(store_module, "Store", UnwritableStore)
    else:
        for path in [data_dir, *data_dir.rglob("*")]:
            path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    before = _files(data_dir)
    yield data_dir
    assert _files(data_dir) == before  # nothing was written, not even a lock file or a snapshot
    for path in [data_dir, *data_dir.rglob("*")]:
        path.chmod(path.stat().st_mode | stat.S_IWUSR)


def test_reads_work_on_a_directory_that_is_not_writable(unwritable):
    stats = ok("stats", data_dir=unwritable)
    assert "read-only: the directory is not writable" in flat(stats.stdout)
    assert "graph/notes/kubecon-na-2020" in stats.stdout
    answer = json.loads(ok("query", COUNT_TALKS, "--format", "json", data_dir=unwritable).stdout)
    assert answer["results"]["bindings"][0]["n"]["value"] == "23"  # run by a query worker, on the same directory
    assert "Cilium" in ok("cooccur", "eBPF", data_dir=unwritable).stdout


def test_a_write_to_a_directory_that_is_not_writable_says_why(unwritable):
    result = talkgraph("ingest", str(BUNDLED_NOTES), data_dir=unwritable)
    assert result.exit_code == 1
    assert "may not write the directory" in flat(result.stderr)
    assert "Traceback" not in result.stderr
