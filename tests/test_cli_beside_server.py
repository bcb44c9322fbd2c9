"""The CLI reads a data directory that a running server holds (one store, many readers)."""

from __future__ import annotations

import json

import pytest

from talkgraph.graph.rdf.store import EmbeddedStore, StoreError
from tests.conftest import BUNDLED_NOTES
from tests.test_cli import COUNT_TALKS, flat, ingested, ok, talkgraph  # noqa: F401 - ingested is a fixture


@pytest.fixture
def served(ingested):  # noqa: F811 - the fixture imported above
    """The data directory held open by a store with its query workers started, as `talkgraph serve` holds it."""
    holder = EmbeddedStore(ingested / "store")
    holder.start_workers()
    yield ingested, holder
    holder.close()


def test_cli_reads_while_a_server_holds_the_directory(served):
    data_dir, _ = served
    stats = ok("stats", data_dir=data_dir)
    assert "read-only" in flat(stats.stdout)
    assert "graph/notes/kubecon-na-2020" in stats.stdout
    answer = json.loads(ok("query", COUNT_TALKS, "--format", "json", data_dir=data_dir).stdout)
    assert answer["results"]["bindings"][0]["n"]["value"] == "23"
    assert "Cilium" in ok("cooccur", "eBPF", data_dir=data_dir).stdout


def test_cli_readers_see_what_the_server_wrote(served):
    data_dir, holder = served
    holder.update(
        "INSERT DATA { GRAPH <https://example.org/extra> { <https://example.org/t> a <https://example.org/T> } }"
    )
    answer = ok(
        "query", "SELECT (COUNT(*) AS ?n) WHERE { ?t a <https://example.org/T> }", "--format", "json", data_dir=data_dir
    )
    assert json.loads(answer.stdout)["results"]["bindings"][0]["n"]["value"] == "1"


def test_a_write_beside_the_server_is_refused_with_a_message(served):
    data_dir, holder = served
    before = len(holder.quads())
    result = talkgraph("ingest", str(BUNDLED_NOTES), data_dir=data_dir)
    assert result.exit_code == 1
    assert "held by another process" in flat(result.stderr) and "Traceback" not in result.stderr
    assert len(holder.quads()) == before


def test_a_reader_store_refuses_writes(served):
    data_dir, _ = served
    reader = EmbeddedStore(data_dir / "store")
    try:
        assert reader.read_only
        with pytest.raises(StoreError, match="read-only here"):
            reader.update("INSERT DATA { <https://example.org/a> <https://example.org/b> 1 }")
    finally:
        reader.close()
