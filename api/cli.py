"""The `talkgraph` command: ingest, query, serve, analytics, export, extract.

Every command takes --data-dir (the embedded store and the user's vocabulary
live there) or --store URL (an existing SPARQL 1.1 server instead).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from talkgraph.api.settings import Settings, default_data_dir
from talkgraph.graph.analytics.view import TalkGraph
from talkgraph.graph.ingest import ingest, notes_files
from talkgraph.graph.linking.extract import extract
from talkgraph.graph.linking.linker import Linker
from talkgraph.graph.linking.vocabulary import Vocabulary, load_vocabulary
from talkgraph.graph.notes.blocks import NotesError
from talkgraph.graph.notes.segment import parse_file
from talkgraph.graph.rdf.isolation import QueryTimeout
from talkgraph.graph.rdf.policy import SparqlRequestError
from talkgraph.graph.rdf.store import GraphStore, RemoteStore, StoreError, open_store
from talkgraph.ontology import sparql_prologue

app = typer.Typer(
    help="Talkgraph: conference notes → an RDF knowledge graph you can query and explore.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console()
errors = Console(stderr=True)

DataDir = Annotated[
    Path | None,
    typer.Option("--data-dir", envvar="TALKGRAPH_DATA_DIR", help="Where the embedded store and your vocabulary live."),
]
StoreUrl = Annotated[
    str | None,
    typer.Option(
        "--store", envvar="TALKGRAPH_STORE", help="Use this SPARQL 1.1 query endpoint instead of the embedded store."
    ),
]
UpdateUrl = Annotated[
    str | None,
    typer.Option(
        "--store-update",
        envvar="TALKGRAPH_STORE_UPDATE",
        help="The server's SPARQL Update endpoint (default: the query endpoint).",
    ),
]
GraphStoreUrl = Annotated[
    str | None,
    typer.Option(
        "--store-graphs",
        envvar="TALKGRAPH_STORE_GRAPHS",
        help="The server's Graph Store Protocol endpoint, for atomic graph replacement.",
    ),
]
StoreUser = Annotated[str | None, typer.Option("--store-user", envvar="TALKGRAPH_STORE_USER")]
StorePassword = Annotated[str | None, typer.Option("--store-password", envvar="TALKGRAPH_STORE_PASSWORD")]


def bundled_notes() -> Path:
    return Path(str(resources.files("talkgraph.data").joinpath("notes")))


def user_vocabulary_files(data_dir: Path) -> list[Path]:
    """The user's curated overlays first, then imported vocabularies (which never override them)."""
    folder = data_dir / "vocabulary"
    if not folder.is_dir():
        return []
    files = sorted(folder.glob("*.ttl"))
    return sorted(files, key=lambda p: (p.name.startswith("imported-"), p.name))


def vocabulary_for(data_dir: Path) -> Vocabulary:
    return load_vocabulary(user_vocabulary_files(data_dir))


@contextmanager
def store_for(
    data_dir: Path | None,
    store_url: str | None,
    update_url: str | None = None,
    graphs_url: str | None = None,
    user: str | None = None,
    password: str | None = None,
) -> Iterator[GraphStore]:
    try:
        if store_url:  # not open_store(): its own store_url parameter hides RemoteStore's (the Graph Store URL)
            store = RemoteStore(store_url, update_url, graphs_url, (user, password or "") if user else None)
        else:
            store = open_store(data_dir or default_data_dir())
    except StoreError as exc:
        fail(str(exc))
    try:
        yield store
    except (StoreError, SparqlRequestError, QueryTimeout) as exc:  # a message for people, not a traceback
        fail(str(exc))
    finally:
        store.close()


def fail(message: str, code: int = 1) -> None:
    errors.print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(code)


def run_ingest(store: GraphStore, paths: list[Path], vocabulary: Vocabulary) -> None:
    files = notes_files(paths)
    if not files:
        fail("no notes files found (.txt, .md, .html)")
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=errors, transient=True
    ) as progress:
        task = progress.add_task("reading notes", total=len(files))
        report = ingest(store, files, vocabulary, progress=lambda path: progress.advance(task))
    for name, count in report.documents.items():
        console.print(f"[green]✓[/] {name}: {count} talks")
    for name, message in report.errors.items():
        errors.print(f"[yellow]skipped[/] {name}: {message}", highlight=False)
    console.print(f"{report.triples} triples in {len(report.documents)} document graph(s); analytics refreshed")
    if report.errors and not report.documents:
        raise typer.Exit(1)


@app.command("ingest")
def ingest_command(
    paths: Annotated[list[Path], typer.Argument(help="Notes files or folders.", exists=True)],
    data_dir: DataDir = None,
    store_url: StoreUrl = None,
    update_url: UpdateUrl = None,
    graphs_url: GraphStoreUrl = None,
    user: StoreUser = None,
    password: StorePassword = None,
) -> None:
    """Read notes files into the store (each document replaces its own graph)."""
    directory = data_dir or default_data_dir()
    vocabulary = vocabulary_for(directory)
    with store_for(directory, store_url, update_url, graphs_url, user, password) as store:
        try:
            run_ingest(store, paths, vocabulary)
        except NotesError as exc:
            fail(str(exc))


@app.command("serve")
def serve_command(
    host: str = "127.0.0.1",
    port: int = 8000,
    data_dir: DataDir = None,
    store_url: StoreUrl = None,
    update_url: UpdateUrl = None,
    graphs_url: GraphStoreUrl = None,
    user: StoreUser = None,
    password: StorePassword = None,
    query_timeout: Annotated[float, typer.Option(help=Settings.help("query_timeout"))] = Settings.query_timeout,
    max_request_bytes: Annotated[
        int, typer.Option(help=Settings.help("max_request_bytes"))
    ] = Settings.max_request_bytes,
    max_rows: Annotated[int, typer.Option(help=Settings.help("max_rows"))] = Settings.max_rows,
    update_token: Annotated[
        str | None, typer.Option(envvar="TALKGRAPH_UPDATE_TOKEN", help=Settings.help("update_token"))
    ] = None,
    allow_remote: Annotated[bool, typer.Option(help=Settings.help("allow_remote"))] = False,
    max_concurrent_queries: Annotated[
        int, typer.Option(help=Settings.help("max_concurrent_queries"))
    ] = Settings.max_concurrent_queries,
    query_queue: Annotated[int, typer.Option(help=Settings.help("query_queue"))] = Settings.query_queue,
    query_memory: Annotated[int, typer.Option(help=Settings.help("query_memory"))] = Settings.query_memory,
    timeout_keep_alive: Annotated[
        int, typer.Option(help=Settings.help("timeout_keep_alive"))
    ] = Settings.timeout_keep_alive,
    limit_concurrency: Annotated[
        int, typer.Option(help=Settings.help("limit_concurrency"))
    ] = Settings.limit_concurrency,
) -> None:
    """Serve the explorer, the SPARQL endpoint and the JSON API (ingests the bundled notes into an empty store)."""
    import uvicorn  # noqa: PLC0415 - only this command needs the server

    from talkgraph.api.app import create_app  # noqa: PLC0415

    directory = data_dir or default_data_dir()
    settings = Settings(
        query_timeout=query_timeout,
        max_request_bytes=max_request_bytes,
        max_rows=max_rows,
        update_token=update_token,
        allow_remote=allow_remote,
        max_concurrent_queries=max_concurrent_queries,
        query_queue=query_queue,
        query_memory=query_memory,
        timeout_keep_alive=timeout_keep_alive,
        limit_concurrency=limit_concurrency,
    )
    with store_for(directory, store_url, update_url, graphs_url, user, password) as store:
        if not any("/graph/notes/" in g for g in store.graphs()):
            console.print("The store holds no notes yet: ingesting the bundled KubeCon NA 2020 recap.")
            run_ingest(store, [bundled_notes()], vocabulary_for(directory))
        console.print(f"Talkgraph on http://{host}:{port}  ·  store: {store.description}")
        uvicorn.run(
            create_app(store, settings),
            host=host,
            port=port,
            log_level="info",
            timeout_keep_alive=settings.timeout_keep_alive,
            limit_concurrency=settings.limit_concurrency,
        )


@app.command("query")
def query_command(
    sparql: Annotated[str | None, typer.Argument(help="The query (or use -f).")] = None,
    file: Annotated[Path | None, typer.Option("-f", "--file", exists=True, help="Read the query from a file.")] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            help="table, json, xml, csv, tsv (SELECT/ASK); turtle, ntriples, jsonld, rdfxml (CONSTRUCT/DESCRIBE).",
        ),
    ] = "table",
    timeout: float = 30.0,
    limit: int = 100_000,
    data_dir: DataDir = None,
    store_url: StoreUrl = None,
) -> None:
    """Run a SPARQL query against the store."""
    from talkgraph.graph.rdf.policy import check_query  # noqa: PLC0415

    if (sparql is None) == (file is None):
        fail("give a query or -f FILE (one of them)")
    text = sparql if sparql is not None else file.read_text("utf-8")
    with store_for(data_dir, store_url) as store:
        try:
            checked = check_query(text, store.graphs())
            graph_form = checked.form in ("construct", "describe")
            wire = ("turtle" if graph_form else "json") if fmt == "table" else fmt
            result = store.execute(checked.text, wire, row_limit=limit, timeout=timeout)
        except KeyError:
            fail(f"unknown format {fmt!r} for a {checked.form.upper()} query")
    if fmt == "table" and result.kind == "select":
        print_results_table(json.loads(result.body))
    elif fmt == "table" and result.kind == "ask":
        console.print(result.body.decode())
    else:
        sys.stdout.buffer.write(result.body)
    if result.truncated:
        errors.print(f"[yellow]results cut at {limit} rows[/]")


def print_results_table(document: dict) -> None:
    names = document["head"]["vars"]
    table = Table(*names, show_lines=False)
    for binding in document["results"]["bindings"]:
        table.add_row(*(binding.get(n, {}).get("value", "") for n in names))
    console.print(table)
    console.print(f"{len(document['results']['bindings'])} row(s)", style="dim")


def _view(data_dir: Path | None, store_url: str | None) -> TalkGraph:
    with store_for(data_dir, store_url) as store:
        return TalkGraph.from_store(store)


@app.command("related")
def related_command(
    talk: Annotated[str, typer.Argument(help="Talk title (or part of it), slug or IRI.")],
    data_dir: DataDir = None,
    store_url: StoreUrl = None,
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Topics related to a talk, ranked, with their reasons."""
    view = _view(data_dir, store_url)
    node = view.resolve(talk, ("Talk",))
    if node is None:
        fail(f"no talk matches {talk!r}")
    related = view.related_topics(node.iri)
    if as_json:
        print(
            json.dumps(
                {
                    "talk": node.label,
                    "results": [
                        {"rank": i, "topic": r.topic.label, "score": r.score, "reasons": r.reasons}
                        for i, r in enumerate(related, 1)
                    ],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    table = Table("#", "topic", "score", "reasons", title=node.label)
    for i, r in enumerate(related, start=1):
        table.add_row(str(i), r.topic.label, f"{r.score:.3f}", "\n".join(r.reasons))
    console.print(table)


@app.command("cooccur")
def cooccur_command(
    focus: Annotated[str, typer.Argument(help="A topic or tool, e.g. eBPF.")],
    limit: int = 20,
    data_dir: DataDir = None,
    store_url: StoreUrl = None,
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Tools that co-occur with a topic or tool, ranked, with the talks that support each."""
    view = _view(data_dir, store_url)
    node = view.resolve(focus, ("Topic", "Tool", "Project"))
    if node is None:
        fail(f"no topic or tool matches {focus!r}")
    ranked = view.cooccurring(node.iri)[:limit]
    if as_json:
        print(
            json.dumps(
                {
                    "focus": node.label,
                    "results": [
                        {
                            "rank": i,
                            "tool": c.entity.label,
                            "talks": c.weight,
                            "score": c.score,
                            "evidence": [{"talk": e.talk.label, "sentences": e.sentences} for e in c.evidence],
                        }
                        for i, c in enumerate(ranked, 1)
                    ],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    table = Table("#", "tool", "talks", "score", "supported by", title=f"Co-occurring with {node.label}")
    for i, c in enumerate(ranked, start=1):
        support = "\n".join(f"{e.talk.label}: “{e.sentences[0]}”" if e.sentences else e.talk.label for e in c.evidence)
        table.add_row(str(i), c.entity.label, str(c.weight), f"{c.score:.3f}", support)
    console.print(table)


@app.command("communities")
def communities_command(data_dir: DataDir = None, store_url: StoreUrl = None) -> None:
    """Communities of tools and topics (Louvain over talk co-occurrence)."""
    for i, members in enumerate(_view(data_dir, store_url).communities(), start=1):
        console.print(f"[bold]{i}[/] " + ", ".join(m.label for m in members))


@app.command("path")
def path_command(source: str, target: str, data_dir: DataDir = None, store_url: StoreUrl = None) -> None:
    """The shortest path between two things, through talks and topics."""
    view = _view(data_dir, store_url)
    a, b = view.resolve(source), view.resolve(target)
    if a is None or b is None:
        fail(f"no resource matches {source if a is None else target!r}")
    steps = view.path(a.iri, b.iri)
    if not steps:
        fail(f"{a.label} and {b.label} are not connected")
    console.print(" → ".join(f"{n.label} [dim]({n.cls})[/]" for n in steps))


@app.command("stats")
def stats_command(data_dir: DataDir = None, store_url: StoreUrl = None) -> None:
    """What the store holds: graphs and their sizes."""
    with store_for(data_dir, store_url) as store:
        rows = store.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g")
        console.print(f"store: {store.description}")
        for row in rows:
            console.print(f"{int(row['n'].value):>8}  {row['g'].value}")


@app.command("export")
def export_command(
    fmt: Annotated[str, typer.Option("--format", help="ttl, nq, trig, jsonld, nt or rdfxml")] = "nq",
    output: Annotated[Path | None, typer.Option("-o", "--output")] = None,
    data_dir: DataDir = None,
    store_url: StoreUrl = None,
) -> None:
    """Write the whole dataset (N-Quads, TriG and JSON-LD keep the named graphs)."""
    key = {
        "ttl": "turtle",
        "nq": "nquads",
        "nt": "ntriples",
        "jsonld": "jsonld",
        "trig": "trig",
        "rdfxml": "rdfxml",
    }.get(fmt)
    if key is None:
        fail(f"unknown format {fmt!r}: use ttl, nq, trig, jsonld, nt or rdfxml")
    with store_for(data_dir, store_url) as store:
        body = store.export(key)
    if output:
        output.write_bytes(body)
        console.print(f"wrote {len(body)} bytes to {output}")
    else:
        sys.stdout.buffer.write(body)


@app.command("extract")
def extract_command(
    notes: Annotated[Path, typer.Argument(exists=True, dir_okay=False)],
    fmt: Annotated[str, typer.Option("--format", help="json or table")] = "json",
    data_dir: DataDir = None,
) -> None:
    """Print what Talkgraph reads in a notes file, without touching the store."""
    try:
        extraction = extract(parse_file(notes), Linker(vocabulary_for(data_dir or default_data_dir())))
    except NotesError as exc:
        fail(str(exc))
    if fmt == "json":
        print(json.dumps(extraction.as_json(), ensure_ascii=False, indent=2))
        return
    table = Table("#", "title", "kind", "day", "speakers", "tools", "companies", "topics", show_lines=True)
    for i, talk in enumerate(extraction.as_json()["talks"], start=1):
        table.add_row(
            str(i),
            talk["title"],
            talk["kind"],
            str(talk["day"] or ""),
            ", ".join(talk["speakers"]),
            ", ".join(talk["tools"] + talk["projects"]),
            ", ".join(talk["companies"]),
            ", ".join(talk["topics"]),
        )
    console.print(table)


@app.command("candidates")
def candidates_command(
    notes: Annotated[
        Path | None,
        typer.Option("--notes", exists=True, dir_okay=False, help="Read this notes file instead of the store."),
    ] = None,
    limit: int = 30,
    data_dir: DataDir = None,
    store_url: StoreUrl = None,
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Names that look like software but are not in the vocabulary, ranked, with their evidence."""
    if notes is not None:
        extraction = extract(parse_file(notes), Linker(vocabulary_for(data_dir or default_data_dir())))
        rows = [(c.label, len(c.talks), c.count, c.evidence[0][1]) for c in extraction.candidates]
    else:
        with store_for(data_dir, store_url) as store:
            rows = [
                (r["label"].value, int(r["talks"].value), int(r["n"].value), r["example"].value)
                for r in store.select(sparql_prologue() + CANDIDATES_QUERY)
            ]
    rows = rows[:limit]
    if as_json:
        print(
            json.dumps(
                [{"label": label, "talks": t, "mentions": n, "example": e} for label, t, n, e in rows],
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    table = Table("candidate", "talks", "mentions", "example")
    for label, talks, count, example in rows:
        table.add_row(label, str(talks), str(count), example[:120])
    console.print(table)
    console.print("Accept one with: talkgraph vocab add NAME --kind tool [--topic TOPIC] [--alias ALIAS]", style="dim")


CANDIDATES_QUERY = """
SELECT ?label (COUNT(DISTINCT ?talk) AS ?talks) (SUM(?count) AS ?n) (SAMPLE(?sentence) AS ?example) WHERE {
  ?c a tg:Candidate ; rdfs:label ?label ; tg:mentionCount ?count ; tg:candidateIn ?talk ; tg:evidence ?sentence .
}
GROUP BY ?label ORDER BY DESC(?talks) DESC(?n) ?label
"""

vocab_app = typer.Typer(help="Curate the vocabulary: add entries, import the CNCF landscape.", no_args_is_help=True)
app.add_typer(vocab_app, name="vocab")


@vocab_app.command("add")
def vocab_add_command(
    label: str,
    kind: Annotated[str, typer.Option(help="tool, project, topic, company or foundation")] = "tool",
    alias: Annotated[list[str] | None, typer.Option(help="Another name for it (repeatable).")] = None,
    topic: Annotated[list[str] | None, typer.Option(help="A topic it belongs to (repeatable).")] = None,
    by: Annotated[list[str] | None, typer.Option(help="The organisation behind it (repeatable).")] = None,
    match_case: bool = typer.Option(False, help="Match its names only with this exact case."),
    ambiguous: bool = typer.Option(False, help="Also an ordinary word: link only with evidence."),
    data_dir: DataDir = None,
) -> None:
    """Add a name to your vocabulary (data-dir/vocabulary/user.ttl); re-ingest to link it."""
    from talkgraph.graph.linking.curation import CurationError, add_entry, overlay_path  # noqa: PLC0415

    directory = data_dir or default_data_dir()
    try:
        iri = add_entry(
            directory, vocabulary_for(directory), label, kind, alias or [], topic or [], by or [], match_case, ambiguous
        )
    except CurationError as exc:
        fail(str(exc))
    console.print(f"added {iri} to {overlay_path(directory)}; run `talkgraph ingest` again to link it")


@vocab_app.command("import-landscape")
def vocab_import_command(
    source: Annotated[str, typer.Argument(help="Path or URL of the CNCF landscape.yml")], data_dir: DataDir = None
) -> None:
    """Import the CNCF landscape's items, projects, categories and organisations (never over curated entries)."""
    from talkgraph.graph.linking.landscape import LandscapeError, import_landscape, read_landscape  # noqa: PLC0415

    directory = data_dir or default_data_dir()
    try:
        report = import_landscape(read_landscape(source), vocabulary_for(directory), directory)
    except LandscapeError as exc:
        fail(str(exc))
    console.print(
        f"imported {report.tools} tools ({report.projects} CNCF projects), {report.topics} topics, "
        f"{report.organisations} organisations into {report.path}; "
        f"{len(report.skipped_curated)} names kept from the curated vocabulary"
    )


@app.command("validate")
def validate_command(data_dir: DataDir = None, store_url: StoreUrl = None) -> None:
    """Check the store's notes graphs against the SHACL shapes."""
    from talkgraph.graph.rdf.validate import validate_store  # noqa: PLC0415 - pyshacl is slow to import

    with store_for(data_dir, store_url) as store:
        conforms, report = validate_store(store)
    console.print(report if not conforms else "[green]The store conforms to the shapes.[/]")
    if not conforms:
        raise typer.Exit(1)


if __name__ == "__main__":
    app()
