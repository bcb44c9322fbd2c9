"""The talkgraph command in process (typer's CliRunner), each test with its own on-disk store."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import SKOS
from typer.testing import CliRunner

from talkgraph.api.cli import app
from talkgraph.graph.rdf import validate as validate_module
from talkgraph.ontology import ID, sparql_prologue
from tests.conftest import BUNDLED_NOTES, free_port, virtuoso_store, worker_server

runner = CliRunner()
CILIUM = URIRef(f"{ID}tool/cilium")
HIGH_SCHOOLERS = "A High Schoolers Guide to Kubernetes Network Observability"
COUNT_TALKS = sparql_prologue() + "SELECT (COUNT(*) AS ?n) WHERE { ?t a tg:Talk }"


def talkgraph(*args: str, data_dir: Path | None = None):
    """Run one command; a crash (anything but a clean exit) fails the test with its traceback."""
    result = runner.invoke(app, [*args, *(["--data-dir", str(data_dir)] if data_dir else [])])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def ok(*args: str, data_dir: Path | None = None):
    result = talkgraph(*args, data_dir=data_dir)
    assert result.exit_code == 0, result.stderr
    return result


def flat(text: str) -> str:
    """Rich wraps messages at the console width: compare them with the line breaks undone."""
    return " ".join(text.split())


def export_lines(data_dir: Path) -> list[str]:
    return sorted(ok("export", "--format", "nq", data_dir=data_dir).stdout.splitlines())


@pytest.fixture(scope="module")
def ingested(tmp_path_factory) -> Path:
    """A data directory holding the bundled notes; tests that only read share it."""
    data_dir = tmp_path_factory.mktemp("ingested")
    result = ok("ingest", str(BUNDLED_NOTES), data_dir=data_dir)
    assert "kubecon-na-2020.txt: 23 talks" in result.stdout
    return data_dir


# -- extract --------------------------------------------------------------------------------------


def test_extract_prints_the_talks_without_a_store(tmp_path):
    data_dir = tmp_path / "never-created"
    document = json.loads(ok("extract", str(BUNDLED_NOTES), "--format", "json", data_dir=data_dir).stdout)
    assert document["document"] == "kubecon-na-2020.txt"
    assert len(document["talks"]) == 23
    for talk in document["talks"]:
        assert set(talk) == {"title", "kind", "day", "speakers", "companies", "tools", "unvetted", "projects", "topics"}
    guide = next(t for t in document["talks"] if t["title"] == HIGH_SCHOOLERS)
    assert {"kube-netc", "bpftrace", "Cilium", "Falco", "kubectl-trace", "Prometheus"} <= set(guide["tools"])
    assert "eBPF" in guide["topics"]
    assert not data_dir.exists()


def test_extract_table(tmp_path):
    result = ok("extract", str(BUNDLED_NOTES), "--format", "table", data_dir=tmp_path / "none")
    assert "title" in result.stdout and "│ 23 " in result.stdout and "│ 24 " not in result.stdout
    assert not (tmp_path / "none").exists()


# -- ingest, query, export ------------------------------------------------------------------------


def test_query_counts_the_talks(ingested):
    result = ok("query", COUNT_TALKS, "--format", "json", data_dir=ingested)
    bindings = json.loads(result.stdout)["results"]["bindings"]
    assert [int(b["n"]["value"]) for b in bindings] == [23]


def test_query_table_and_csv(ingested):
    query = sparql_prologue() + 'SELECT ?label WHERE { ?t skos:prefLabel ?label FILTER(?label = "Cilium") }'
    table = ok("query", query, data_dir=ingested).stdout
    assert "Cilium" in table and "1 row(s)" in table
    assert ok("query", query, "--format", "csv", data_dir=ingested).stdout.splitlines() == ["label", "Cilium"]


def test_query_from_a_file_and_construct(ingested, tmp_path):
    query = tmp_path / "q.rq"
    query.write_text(
        sparql_prologue() + f"CONSTRUCT {{ <{ID}tool/cilium> skos:prefLabel ?l }} "
        f"WHERE {{ <{ID}tool/cilium> skos:prefLabel ?l }}",
        "utf-8",
    )
    turtle = ok("query", "-f", str(query), "--format", "turtle", data_dir=ingested).stdout
    assert list(Graph().parse(data=turtle, format="turtle")) == [(CILIUM, SKOS.prefLabel, Literal("Cilium"))]


def test_export_turtle_and_json_ld_parse(ingested):
    turtle = Graph().parse(data=ok("export", "--format", "ttl", data_dir=ingested).stdout, format="turtle")
    assert (CILIUM, SKOS.prefLabel, Literal("Cilium")) in turtle
    dataset = Dataset()
    dataset.parse(data=ok("export", "--format", "jsonld", data_dir=ingested).stdout, format="json-ld")
    # JSON-LD keeps the named graphs: the label sits in the vocabulary graph
    assert (CILIUM, SKOS.prefLabel, Literal("Cilium")) in dataset.graph(URIRef(f"{ID}graph/vocabulary"))
    assert len(dataset.graph(URIRef(f"{ID}graph/notes/kubecon-na-2020"))) > 1000


def test_export_to_a_file_and_unknown_format(ingested, tmp_path):
    out = tmp_path / "all.nq"
    ok("export", "--format", "nq", "-o", str(out), data_dir=ingested)
    assert sorted(out.read_text("utf-8").splitlines()) == export_lines(ingested)
    result = talkgraph("export", "--format", "docx", data_dir=ingested)
    assert result.exit_code == 1 and "unknown format 'docx'" in result.stderr


# -- analytics commands ---------------------------------------------------------------------------


def test_related_ranks_ebpf_high(ingested):
    body = json.loads(ok("related", "Beyond the buzzword", "--format", "json", data_dir=ingested).stdout)
    assert body["talk"]["label"] == "Beyond the buzzword: BPF’s Unexpected role in Kubernetes"
    topics = [r["label"] for r in body["results"]]
    assert "eBPF" in topics[:3]
    assert [r["rank"] for r in body["results"]] == list(range(1, len(topics) + 1))
    assert all(r["reasons"] for r in body["results"])


def test_related_table(ingested):
    result = ok("related", "Beyond the buzzword", data_dir=ingested)
    assert "eBPF" in result.stdout and "Networking" in result.stdout


def test_cooccur_includes_cilium(ingested):
    body = json.loads(ok("cooccur", "eBPF", "--format", "json", data_dir=ingested).stdout)
    assert body["focus"]["label"] == "eBPF"
    assert body["results"][0]["label"] == "Cilium" and body["results"][0]["talks"] == 2
    assert {"Falco", "bpftrace", "kube-netc", "Prometheus"} <= {r["label"] for r in body["results"]}
    assert all(r["evidence"] for r in body["results"])


@pytest.mark.parametrize(
    ("args", "route"),
    [
        (["cooccur", "eBPF"], "/api/cooccur?focus=eBPF"),
        (["related", "Beyond the buzzword"], "/api/related-topics?talk=Beyond%20the%20buzzword"),
        (["communities"], "/api/communities"),
        (["path", "Cilium", "Falco"], "/api/path?source=Cilium&target=Falco"),
    ],
)
def test_cli_json_is_the_json_api_answer(ingested, args, route):
    """One answer shape: the CLI's --format json and the JSON API serialise the same typed answer."""
    from talkgraph.api.app import create_app
    from talkgraph.graph.rdf.store import EmbeddedStore

    cli_answer = json.loads(ok(*args, "--format", "json", data_dir=ingested).stdout)
    store = EmbeddedStore(ingested / "store")
    try:
        from fastapi.testclient import TestClient

        response = TestClient(create_app(store)).get(route)
    finally:
        store.close()
    assert response.status_code == 200
    assert cli_answer == response.json()


def test_communities_and_path(ingested):
    assert "Cilium" in ok("communities", data_dir=ingested).stdout
    path = flat(ok("path", "Cilium", "Falco", data_dir=ingested).stdout)
    assert path.startswith("Cilium (Tool) →") and path.endswith("→ Falco (Tool)")


def test_stats_lists_the_graphs(ingested):
    out = ok("stats", data_dir=ingested).stdout
    for graph in ("graph/notes/kubecon-na-2020", "graph/vocabulary", "graph/ontology", "graph/derived"):
        assert f"{ID}{graph}" in out


def test_validate(ingested):
    assert "The store conforms to the shapes." in ok("validate", data_dir=ingested).stdout


def test_validate_vocabulary_asks_for_every_entry(ingested, monkeypatch):
    """The whole vocabulary's check itself is tested in test_extract_triples.py (it takes seconds)."""
    asked = []
    monkeypatch.setattr(
        validate_module,
        "validate_store",
        lambda store, whole_vocabulary, also: asked.append(whole_vocabulary) or (True, ""),
    )
    ok("validate", data_dir=ingested)
    ok("validate", "--vocabulary", data_dir=ingested)
    assert asked == [False, True]


def test_validate_checks_the_users_own_entries_that_no_note_names(tmp_path):
    """An entry the user wrote into their vocabulary is checked before any note names it; an imported one (the
    landscape's thousands) only with --vocabulary."""
    folder = tmp_path / "vocabulary"
    folder.mkdir()
    broken = '<{iri}> a tg:Tool ; skos:prefLabel "{name}", "{name} again" .'  # a second preferred label
    prefixes = (
        "@prefix tg: <https://w3id.org/talkgraph/ns#> .\n@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
    )
    (folder / "user.ttl").write_text(prefixes + broken.format(iri=f"{ID}tool/zorbix", name="Zorbix"))
    (folder / "imported-landscape.ttl").write_text(
        prefixes + broken.format(iri=f"{ID}tool/quillmon", name="Quillmon") + f" <{ID}tool/quillmon> tg:curated false ."
    )
    ok("ingest", str(BUNDLED_NOTES), data_dir=tmp_path)
    result = talkgraph("validate", data_dir=tmp_path)
    assert result.exit_code == 1 and "tool/zorbix" in result.stdout and "tool/quillmon" not in result.stdout
    result = talkgraph("validate", "--vocabulary", data_dir=tmp_path)
    assert result.exit_code == 1 and "tool/zorbix" in result.stdout and "tool/quillmon" in result.stdout


# -- errors: exit 1, a message on stderr, no traceback --------------------------------------------


def assert_clean_failure(result, *words: str) -> None:
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)  # a chosen exit, not a crash
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    for word in words:
        assert word in flat(result.stderr), result.stderr


def test_malformed_query(ingested):
    assert_clean_failure(talkgraph("query", "SELECT WHERE {", data_dir=ingested), "error:", "SPARQL syntax error")


def test_undeclared_prefix(ingested):
    result = talkgraph("query", "SELECT * WHERE { ?s nope:thing ?o }", data_dir=ingested)
    assert_clean_failure(result, "error:", "SPARQL syntax error")


def test_query_needs_exactly_one_source(ingested):
    assert_clean_failure(talkgraph("query", data_dir=ingested), "give a query or -f FILE")


def test_unknown_format_for_the_query_form(ingested):
    result = talkgraph("query", "ASK { ?s ?p ?o }", "--format", "turtle", data_dir=ingested)
    assert_clean_failure(result, "unknown format 'turtle' for a ASK query")


def test_unknown_talk_and_focus(ingested):
    assert_clean_failure(talkgraph("related", "No such talk", data_dir=ingested), "no talk matches 'No such talk'")
    assert_clean_failure(talkgraph("cooccur", "no-such-topic", data_dir=ingested), "no topic or tool matches")
    assert_clean_failure(talkgraph("path", "Cilium", "no-such-thing", data_dir=ingested), "no resource matches")


def test_a_question_to_a_store_that_holds_no_notes_says_so(tmp_path):
    ok("stats", data_dir=tmp_path)  # creates the store, ingests nothing
    result = talkgraph("cooccur", "eBPF", data_dir=tmp_path)
    assert_clean_failure(result, "no topic or tool matches 'eBPF': the store holds no notes yet", "talkgraph ingest")


def test_unreachable_store_is_a_message(tmp_path):
    url = f"http://127.0.0.1:{free_port()}/sparql"  # nothing listens there
    for args in (["query", "ASK { ?s ?p ?o }"], ["related", "eBPF"], ["stats"]):
        result = talkgraph(*args, "--store", url)
        assert_clean_failure(result, "error:", "cannot reach the SPARQL server")


def test_malformed_notes_are_skipped_and_the_store_is_unchanged(ingested, tmp_path):
    before = export_lines(ingested)
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe")
    result = talkgraph("ingest", str(binary), data_dir=ingested)
    assert result.exit_code == 1
    assert "skipped" in result.stderr and "not UTF-8" in flat(result.stderr)
    assert "Traceback" not in result.stderr
    assert export_lines(ingested) == before


def test_store_in_use_is_a_message(ingested):
    from talkgraph.graph.rdf.store import EmbeddedStore

    holder = EmbeddedStore(ingested / "store")  # as `talkgraph serve` would
    try:
        assert_clean_failure(talkgraph("stats", data_dir=ingested), "cannot open the store")
    finally:
        holder.close()


def test_commands_against_a_sparql_server(live_server, tmp_path):
    """--store: the same answers from a SPARQL 1.1 endpoint (here Talkgraph's own) as from the embedded store."""
    url = live_server.url + "/sparql"
    body = json.loads(ok("cooccur", "eBPF", "--format", "json", "--store", url, data_dir=tmp_path).stdout)
    assert body["results"][0]["label"] == "Cilium"
    result = ok("query", COUNT_TALKS, "--format", "json", "--store", url, data_dir=tmp_path)
    assert json.loads(result.stdout)["results"]["bindings"][0]["n"]["value"] == "23"


def test_version_comes_from_the_package_metadata():
    from importlib.metadata import version

    assert ok("--version").stdout.strip() == f"talkgraph {version('talkgraph')}"


def test_ingest_and_query_a_virtuoso_server(tmp_path):
    """--store with Virtuoso's endpoints: updates and graph writes through its -auth endpoints with Digest auth."""
    virtuoso_store().close()  # skips without a server; empties it otherwise
    base = worker_server("TALKGRAPH_TEST_VIRTUOSO")
    password = os.environ.get("TALKGRAPH_VIRTUOSO_PASSWORD", "dba")
    remote = ["--store", base + "/sparql", "--store-update", base + "/sparql-auth"]
    remote += ["--store-graphs", base + "/sparql-graph-crud-auth", "--store-user", "dba"]
    remote += ["--store-password", password, "--store-digest", "--store-max-update-bytes", "100000"]
    assert "kubecon-na-2020.txt: 23 talks" in ok("ingest", str(BUNDLED_NOTES), *remote, data_dir=tmp_path).stdout
    result = ok("query", COUNT_TALKS, "--format", "json", "--store", base + "/sparql", data_dir=tmp_path)
    assert json.loads(result.stdout)["results"]["bindings"][0]["n"]["value"] == "23"
    body = json.loads(ok("cooccur", "eBPF", "--format", "json", "--store", base + "/sparql", data_dir=tmp_path).stdout)
    assert body["results"][0]["label"] == "Cilium" and body["results"][0]["talks"] == 2


def test_extract_table_prints_rich_markup_from_the_notes_as_text(tmp_path):
    notes = tmp_path / "n.md"
    notes.write_text("# Day\n\n## Queues [/] and [bold]Streams[/bold]\n\nKafka everywhere.\n", encoding="utf-8")
    result = ok("extract", str(notes), "--format", "table", data_dir=tmp_path / "none")
    assert "[/]" in result.stdout and "[bold]Streams" in result.stdout  # unescaped, "[/]" would raise MarkupError
