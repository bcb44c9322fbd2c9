"""A server's start: what it imports (only what serving needs: the linker, the notes' parser and wordfreq come with
the first ingest through the server), and what its start does before the first answers."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import BUNDLED_NOTES

LINKING = ("talkgraph.graph.ingest", "talkgraph.graph.linking", "talkgraph.graph.notes.segment", "wordfreq")


def run_child(code: str) -> dict:
    """Run code in a fresh interpreter (nothing imported by the test run) and return the JSON it prints last."""
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def loaded(modules: list[str]) -> list[str]:
    return sorted({m for m in modules for prefix in LINKING if m == prefix or m.startswith(prefix + ".")})


def test_serving_imports_no_linker_until_an_ingest_through_the_server(tmp_path: Path):
    """The CLI, the app and a started state (the store opened, repaired, its workers and background started, the
    view built, a co-occurrence answered) import no linker module; an ingest through the server then imports them,
    and works: its talks are shown."""
    from talkgraph.graph.ingest import ingest  # the store is made here, with the linker
    from talkgraph.graph.linking.vocabulary import load_vocabulary
    from talkgraph.graph.rdf.store import EmbeddedStore

    store = EmbeddedStore(tmp_path / "store")
    ingest(store, [BUNDLED_NOTES], load_vocabulary())
    store.close()
    notes = "# WidgetConf 2026\n\n## Day 1\n\n### Tracing widgets with OpenTelemetry\nSpeaker: Ada Lovelace\n"
    answer = run_child(
        f"""
        import json, sys
        from pathlib import Path
        from fastapi.testclient import TestClient
        import talkgraph.api.cli as cli
        from talkgraph.api.app import create_app
        from talkgraph.api.local_server import LocalServer

        directory = Path({str(tmp_path)!r})
        with cli.store_for(cli.StoreOptions(directory)) as store:
            assert cli.has_notes(store)
            local = LocalServer("http://127.0.0.1:1", "secret", 0)
            app = create_app(store, cli.Settings(), directory, local)
            with TestClient(app) as client:
                state = app.state.talkgraph
                state.store.start_workers()
                state.start_background()
                served = client.get("/api/cooccur", params={{"focus": "eBPF"}}).json()["results"][0]["label"]
                before = [m for m in sys.modules]
                talks = client.get("/api/stats").json()["talks"]
                sent = client.post(
                    "/api/documents",
                    params={{"path": "widgetconf.md"}},
                    content={notes!r}.encode(),
                    headers={{"Authorization": "Bearer secret"}},
                )
                after = [m for m in sys.modules]
                shown = client.get("/api/stats").json()["talks"]
        print(json.dumps({{"served": served, "before": before, "status": sent.status_code, "report": sent.json(),
                          "after": after, "talks": [talks, shown]}}))
        """
    )
    assert answer["served"] == "Cilium"
    assert loaded(answer["before"]) == []
    assert answer["status"] == 200 and answer["report"]["documents"] == {"widgetconf": 1}
    assert "talkgraph.graph.ingest" in loaded(answer["after"]) and "wordfreq" in loaded(answer["after"])
    assert answer["talks"] == [23, 24]


def test_the_cli_imports_no_linker_for_commands_that_read_no_notes():
    answer = run_child(
        """
        import json, sys
        import talkgraph.api.cli
        print(json.dumps(list(sys.modules)))
        """
    )
    assert loaded(answer) == []


def test_serve_starts_the_query_workers_before_it_imports_the_app(tmp_path: Path):
    """The workers start beside the app's imports (their start and the imports overlap, on two cores), with the
    server's limits: the app keeps them rather than starting others."""
    from talkgraph.graph.ingest import ingest
    from talkgraph.graph.linking.vocabulary import load_vocabulary
    from talkgraph.graph.rdf.store import EmbeddedStore

    store = EmbeddedStore(tmp_path / "store")
    ingest(store, [BUNDLED_NOTES], load_vocabulary())
    store.close()
    answer = run_child(
        f"""
        import json, sys, threading
        import uvicorn
        from talkgraph.graph.rdf.store import GraphStore
        import talkgraph.api.cli as cli

        seen = {{}}
        real = GraphStore.start_workers

        def recording(self):
            seen.setdefault("app imported", "talkgraph.api.app" in sys.modules)
            real(self)

        def run(app, **config):
            for thread in threading.enumerate():
                if thread.name == "query-workers":
                    thread.join()
            seen["workers"] = len(app.state.talkgraph.store.worker_pids())
            seen["limits"] = [app.state.talkgraph.store.limits.workers, app.state.talkgraph.store.limits.queue_wait]

        GraphStore.start_workers = recording
        uvicorn.run = run
        cli.app(["serve", "--data-dir", {str(tmp_path)!r}, "--max-concurrent-queries", "3"], standalone_mode=False)
        print(json.dumps(seen))
        """
    )
    assert answer == {"app imported": False, "workers": 3, "limits": [3, 20.0]}


# -- every node read once the overview is served, not by the first search ------------------------------------------


def test_a_restart_reads_every_node_from_its_kept_file_after_the_overview(tmp_path, vocabulary, monkeypatch):
    """The start thread reads the kept nodes (no store read, no process); the first search then reads nothing."""
    from talkgraph.api.settings import Settings
    from talkgraph.api.state import AppState
    from talkgraph.graph.analytics import background
    from talkgraph.graph.analytics.view import NodeIndex, TalkGraph
    from talkgraph.graph.ingest import ingest
    from talkgraph.graph.rdf.store import EmbeddedStore
    from tests.test_background_kept import kept_and_closed, no_process

    store = EmbeddedStore(tmp_path / "store")
    ingest(store, [BUNDLED_NOTES], vocabulary)
    kept_and_closed(tmp_path, store)
    started = no_process(monkeypatch)
    restarted = AppState(EmbeddedStore(tmp_path / "store"), Settings())
    expected = TalkGraph.from_store(restarted.store)._read_all_nodes()
    monkeypatch.setattr(TalkGraph, "_read_all_nodes", lambda self: pytest.fail("every node read from the store"))
    restarted.start_background()
    view = restarted.view
    assert isinstance(view.nodes, NodeIndex) and not view.nodes.complete
    restarted.warm_every_node()
    assert started == [] and view.nodes.complete and dict(view.nodes.items()) == expected
    reads: list[str] = []
    real = background.read_kept
    monkeypatch.setattr(background, "read_kept", lambda path, header: reads.append(path.name) or real(path, header))
    assert restarted.questions.find("cilium").count > 0 and reads == []  # the search reads no file, no store
    restarted.store.close()


def test_a_first_start_takes_every_node_from_the_background_process(tmp_path, vocabulary, monkeypatch):
    """With nothing kept, the start thread waits for the process's nodes rather than reading them from the store."""
    from talkgraph.api.settings import Settings
    from talkgraph.api.state import AppState
    from talkgraph.graph.analytics.view import TalkGraph
    from talkgraph.graph.ingest import ingest
    from talkgraph.graph.rdf.store import EmbeddedStore

    store = EmbeddedStore(tmp_path / "store")
    ingest(store, [BUNDLED_NOTES], vocabulary)
    state = AppState(store, Settings())
    expected = TalkGraph.from_store(store)._read_all_nodes()
    monkeypatch.setattr(TalkGraph, "_read_all_nodes", lambda self: pytest.fail("every node read from the store"))
    job = state.start_background()
    assert job is not None and job.process is not None
    state.warm_every_node()
    assert job.nodes.done() and state.view.nodes.complete and dict(state.view.nodes.items()) == expected
    state.stop_background()
    store.close()


def test_the_server_start_reads_every_node_and_a_store_in_memory_waits_for_nothing(tmp_path, vocabulary):
    from talkgraph.graph.ingest import ingest
    from talkgraph.graph.rdf.store import EmbeddedStore
    from tests.conftest import make_client

    store = EmbeddedStore(tmp_path / "store")
    ingest(store, [BUNDLED_NOTES], vocabulary)
    with make_client(store) as client:
        state = client.app.state.talkgraph
        for _ in range(1200):
            if state.view.nodes.complete:
                break
            time.sleep(0.1)
        assert state.view.nodes.complete
    store.close()
    memory = EmbeddedStore()
    ingest(memory, [BUNDLED_NOTES], vocabulary)
    from talkgraph.api.settings import Settings
    from talkgraph.api.state import AppState

    state = AppState(memory, Settings())
    started = time.monotonic()
    state.warm_every_node()
    assert time.monotonic() - started < 1 and state.start_background() is None


def test_quiet_comes_after_the_last_request_ends():
    from talkgraph.api.activity import Activity

    activity = Activity()
    started = time.monotonic()
    assert activity.wait_quiet(0.2, 5) and 0.15 <= time.monotonic() - started < 2  # the app's creation counts
    activity.started()
    started = time.monotonic()
    assert not activity.wait_quiet(0.05, 0.3)  # a request in flight: never quiet, given up after `most`
    assert 0.25 <= time.monotonic() - started < 2
    threading.Timer(0.3, activity.ended).start()
    started = time.monotonic()
    assert activity.wait_quiet(0.2, 5) and 0.45 <= time.monotonic() - started < 3  # its end, then 0.2 s of quiet


def test_the_start_reads_every_node_only_once_requests_leave_it_quiet(tmp_path, vocabulary, monkeypatch):
    """While a request runs the start thread does not read the nodes (it would slow the first answers); it reads
    them once no request has run for QUIET seconds. Requests are counted by the app's middleware."""
    from talkgraph.api.state import AppState
    from talkgraph.graph.ingest import ingest
    from talkgraph.graph.rdf.store import EmbeddedStore
    from tests.conftest import make_client

    monkeypatch.setattr(AppState, "QUIET", 0.3)
    store = EmbeddedStore(tmp_path / "store")
    ingest(store, [BUNDLED_NOTES], vocabulary)
    with make_client(store) as client:
        state = client.app.state.talkgraph
        state.activity.started()  # a request that runs until ended() below
        for _ in range(600):
            if state.start_background().nodes.done():
                break
            time.sleep(0.1)
        time.sleep(1.0)
        assert not state.view.nodes.complete
        state.activity.ended()
        for _ in range(100):
            if state.view.nodes.complete:
                break
            time.sleep(0.05)
        assert state.view.nodes.complete
        before = state.activity._last
        assert client.get("/api/stats").status_code == 200 and state.activity._last > before  # counted
        assert state.activity._in_flight == 0
    store.close()
