"""`talkgraph ingest` and `talkgraph remove` beside a running `talkgraph serve` go through that server."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import time

import httpx
import pytest

from talkgraph.api.local_server import RECORD, running_server
from tests.conftest import free_port
from tests.test_cli import flat, ingested, ok, talkgraph  # noqa: F401 - ingested is a fixture

NOTES = """# Notes from WidgetConf

## Scaling Prometheus with Thanos
Ada Brown showed how Thanos keeps a year of Prometheus metrics in object storage.

## Tracing everything with Jaeger
Tom Reyes walked through Jaeger sampling and why traces beat logs for latency hunts.
"""


@pytest.fixture
def served(ingested, tmp_path):  # noqa: F811 - the fixture imported above
    """`talkgraph serve` in its own process, holding a copy of a data directory with the bundled notes."""
    data_dir = tmp_path / "data"
    shutil.copytree(ingested, data_dir)
    port = free_port()
    command = [sys.executable, "-m", "talkgraph.api.cli", "serve", "--data-dir", str(data_dir), "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/api/stats", timeout=1).status_code == 200 and running_server(data_dir):
                break
        except httpx.HTTPError:
            time.sleep(0.2)
    else:
        server.kill()
        pytest.fail(f"talkgraph serve did not start: {server.stderr.read().decode()[-2000:]}")
    yield data_dir, url
    server.terminate()
    server.wait(timeout=30)
    server.stderr.close()


def stats(url: str) -> dict:
    return httpx.get(url + "/api/stats").json()


def test_the_server_leaves_a_record_only_its_owner_reads_and_takes_it_away(served):
    data_dir, url = served
    record = data_dir / RECORD
    assert stat.S_IMODE(record.stat().st_mode) == 0o600
    fields = json.loads(record.read_text())
    assert fields["url"] == url and len(fields["token"]) >= 40


def test_ingest_beside_the_server_goes_through_it_and_the_server_shows_it_at_once(served, tmp_path):
    data_dir, url = served
    notes = tmp_path / "widgetconf.md"
    notes.write_text(NOTES, "utf-8")
    assert stats(url)["talks"] == 23
    result = ok("ingest", str(notes), data_dir=data_dir)
    assert f"held by the server at {url}" in flat(result.stdout)
    assert "widgetconf.md: 2 talks, stored as widgetconf" in flat(result.stdout)
    assert stats(url)["talks"] == 25  # no restart
    listed = json.loads(ok("documents", "--format", "json", data_dir=data_dir).stdout)  # a CLI reader sees it too
    assert {d["key"]: d["talks"] for d in listed} == {"kubecon-na-2020": 23, "widgetconf": 2}

    again = ok("ingest", str(notes), data_dir=data_dir)  # the same file: its document is replaced, not doubled
    assert "stored as widgetconf " in flat(again.stdout)
    assert stats(url)["talks"] == 25

    removed = ok("remove", "widgetconf", data_dir=data_dir)
    assert "removed widgetconf" in removed.stdout
    assert stats(url)["talks"] == 23


def test_a_refusal_by_the_server_is_reported_like_a_local_one(served, tmp_path):
    data_dir, _ = served
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\x00\x00")
    result = talkgraph("ingest", str(binary), data_dir=data_dir)
    assert result.exit_code == 1
    assert "looks binary" in flat(result.stderr) and "Traceback" not in result.stderr
    large = tmp_path / "large.md"
    large.write_text(NOTES, "utf-8")
    refused = talkgraph("ingest", str(large), "--max-document-bytes", "100", data_dir=data_dir)
    assert refused.exit_code == 1 and "more than the limit of 100 bytes" in flat(refused.stderr)
    missing = talkgraph("remove", "nothing-here", data_dir=data_dir)
    assert missing.exit_code == 1 and "no document 'nothing-here'" in flat(missing.stderr)


def test_the_record_is_gone_when_the_server_stops_and_a_stale_one_is_ignored(ingested, tmp_path):  # noqa: F811
    data_dir = tmp_path / "data"
    shutil.copytree(ingested, data_dir)
    port = free_port()
    command = [sys.executable, "-m", "talkgraph.api.cli", "serve", "--data-dir", str(data_dir), "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # serving: uvicorn handles SIGTERM from now on
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=1)
            break
        except httpx.HTTPError:
            time.sleep(0.2)
    assert running_server(data_dir).pid == server.pid
    server.terminate()
    assert server.wait(timeout=30) == 0  # a graceful stop, through the serve command's own exit
    assert not (data_dir / RECORD).exists()
    assert os.listdir(data_dir)  # the store itself stays
    assert not (data_dir / "store.readers").exists()  # the store was closed (its reader snapshots removed)
    (data_dir / RECORD).write_text(json.dumps({"url": "http://127.0.0.1:9", "token": "x", "pid": server.pid}))
    assert running_server(data_dir) is None  # a server killed before it could clean up
