"""The `talkgraph` command: ingest, query, serve, analytics, export, extract.

Every command takes --data-dir (the embedded store and the user's vocabulary
live there) or --store URL (an existing SPARQL 1.1 server instead).
"""

from __future__ import annotations

import dataclasses
import json
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import httpx
import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table
from typer.core import TyperGroup

from talkgraph.api.local_server import (
    LocalServer,
    ServerWriteError,
    remove_via,
    running_server,
    send_notes,
)
from talkgraph.api.options import options_from
from talkgraph.api.serialize import to_json
from talkgraph.api.settings import Settings, default_data_dir, query_limits
from talkgraph.data import bundled_notes
from talkgraph.graph.analytics.questions import Questions
from talkgraph.graph.analytics.view import Node, TalkGraph
from talkgraph.graph.documents import has_notes, repair_interrupted, stored_documents
from talkgraph.graph.errors import TalkgraphError
from talkgraph.graph.notes.blocks import NotesError
from talkgraph.graph.notes.files import DEFAULT_MAX_BYTES, read_notes_bytes
from talkgraph.graph.rdf.formats import by_name
from talkgraph.graph.rdf.statistics import CandidateSummary, extracted_candidates, graph_sizes, stored_candidates
from talkgraph.graph.rdf.store import EmbeddedStore, GraphStore, RemoteStore, StoreError, open_store

if TYPE_CHECKING:
    from talkgraph.graph.ingest import IngestReport
    from talkgraph.graph.linking.vocabulary import Vocabulary

# The linker, the notes' parser and ingest (wordfreq, the vocabulary: 0.5-1.4 s of imports) are imported by the
# commands that read notes, not at the top: `talkgraph serve` and the read commands start without them.


class ReportErrors(TyperGroup):
    """Every TalkgraphError a command raises becomes one line on stderr and exit 1, never a traceback."""

    def invoke(self, ctx: Any) -> Any:  # click's Context (typer ≥ 0.20 carries its own click)
        try:
            return super().invoke(ctx)
        except TalkgraphError as exc:
            fail(str(exc))


app = typer.Typer(
    cls=ReportErrors,
    help="Talkgraph: conference notes → an RDF knowledge graph you can query and explore.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console()
errors = Console(stderr=True)


def _print_version(wanted: bool) -> None:
    if wanted:
        console.print(f"talkgraph {version('talkgraph')}")
        raise typer.Exit()


@app.callback()
def _options(
    _: Annotated[
        bool, typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Talkgraph: conference notes → an RDF knowledge graph you can query and explore."""


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


@dataclass(frozen=True)
class StoreOptions:
    """Where the store is: the embedded one under --data-dir, or a SPARQL 1.1 server and how to write to it."""

    data_dir: Path | None = field(
        default=None,
        metadata={
            "flag": "--data-dir",
            "env": "TALKGRAPH_DATA_DIR",
            "help": "Where the embedded store and your vocabulary live.",
        },
    )
    store_url: str | None = field(
        default=None,
        metadata={
            "flag": "--store",
            "env": "TALKGRAPH_STORE",
            "help": "Use this SPARQL 1.1 query endpoint instead of the embedded store.",
        },
    )
    update_url: str | None = field(
        default=None,
        metadata={
            "flag": "--store-update",
            "env": "TALKGRAPH_STORE_UPDATE",
            "help": "The server's SPARQL Update endpoint (default: the query endpoint).",
        },
    )
    graphs_url: str | None = field(
        default=None,
        metadata={
            "flag": "--store-graphs",
            "env": "TALKGRAPH_STORE_GRAPHS",
            "help": "The server's Graph Store Protocol endpoint, for atomic graph replacement.",
        },
    )
    user: str | None = field(
        default=None,
        metadata={"flag": "--store-user", "env": "TALKGRAPH_STORE_USER", "help": "User name on the server."},
    )
    password: str | None = field(
        default=None,
        metadata={"flag": "--store-password", "env": "TALKGRAPH_STORE_PASSWORD", "help": "Password on the server."},
    )
    digest: bool = field(
        default=False,
        metadata={
            "flag": "--store-digest",
            "env": "TALKGRAPH_STORE_DIGEST",
            "help": "Send the credentials with HTTP Digest auth (Virtuoso's -auth endpoints) instead of Basic.",
        },
    )
    max_update_bytes: int | None = field(
        default=None,
        metadata={
            "flag": "--store-max-update-bytes",
            "env": "TALKGRAPH_STORE_MAX_UPDATE_BYTES",
            "help": "Split SPARQL updates larger than this into several requests (Virtuoso: 100000).",
        },
    )

    @property
    def directory(self) -> Path:
        return self.data_dir or default_data_dir()


OutputFormat = Annotated[str, typer.Option("--format", help="table or json (the JSON API's shape).")]


@contextmanager
def store_for(where: StoreOptions) -> Iterator[GraphStore]:
    store: GraphStore
    if where.store_url:  # not open_store(): its own store_url parameter hides RemoteStore's (the Graph Store URL)
        auth: tuple[str, str] | httpx.Auth | None = None
        if where.user:
            password = where.password or ""
            auth = httpx.DigestAuth(where.user, password) if where.digest else (where.user, password)
        store = RemoteStore(
            where.store_url, where.update_url, where.graphs_url, auth, max_update_bytes=where.max_update_bytes
        )
    else:
        try:
            store = open_store(where.directory)
        except StoreError:
            raise
        except (
            RuntimeError
        ) as exc:  # RocksDB's words for a damaged store: empty CURRENT, a missing .sst, a bad checksum
            fail(damaged_store_message(where.directory / "store", exc))
        for graph in repair_interrupted(store):  # before anything reads it: no reader sees a killed ingest's part
            errors.print(f"removed what an interrupted ingest left of {graph}", highlight=False)
    try:
        yield store
    finally:
        store.close()


def damaged_store_message(path: Path, exc: Exception) -> str:
    reason = " ".join(str(exc).split())
    return (
        f"the store at {path} is damaged and cannot be opened ({reason}). Nothing was changed. To recover: move "
        f"that folder aside (keep it for a backup restore) and re-ingest your notes with `talkgraph ingest`, "
        f"which builds a new store there."
    )


def fail(message: str, code: int = 1) -> NoReturn:
    errors.print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(code)


def run_ingest(
    store: GraphStore,
    paths: list[Path],
    vocabulary: Vocabulary,
    name: str | None = None,
    replace: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> None:
    from talkgraph.graph.ingest import ingest, notes_sources  # noqa: PLC0415 - the linker: only when notes are read

    files = notes_sources(paths)
    if not files:
        fail("no notes files found (.txt, .md, .html, .rst)")
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=errors, transient=True
    ) as progress:
        task = progress.add_task("reading notes", total=len(files))
        report = ingest(
            store,
            paths,
            vocabulary,
            progress=lambda path: progress.advance(task),
            name=name,
            replace=replace,
            max_bytes=max_bytes,
        )
    print_report(report)


def ingest_through(server: LocalServer, paths: list[Path], name: str | None, replace: bool, max_bytes: int) -> None:
    """Send each file to the server that holds the data directory; it ingests them and shows them at once."""
    from talkgraph.graph.ingest import IngestReport, notes_sources  # noqa: PLC0415

    files = notes_sources(paths)
    if not files:
        fail("no notes files found (.txt, .md, .html, .rst)")
    if name is not None and len(files) != 1:
        fail(f"--name names one document, but {len(files)} files were given")
    console.print(f"The store is held by the server at {server.url}: sending the notes to it.")
    report = IngestReport()
    for source in files:
        try:
            report.add(send_notes(server, source, read_notes_bytes(source.path, max_bytes), name, replace))
        except NotesError as exc:  # too large or unreadable here: skipped, as a local ingest skips it
            report.errors[source.given] = str(exc)
        except ServerWriteError as exc:
            if exc.status >= 500 or exc.status == 403:
                raise
            report.errors[source.given] = str(exc)
    print_report(report)


def print_report(report: IngestReport) -> None:
    for key, count in report.documents.items():
        console.print(
            f"[green]✓[/] {report.sources[key]}: {count} talks, stored as {key} (read as {report.encodings[key]})",
            highlight=False,
        )
    for source, message in report.warnings.items():
        errors.print(f"[yellow]warning:[/] {source}: {message}", highlight=False)
    for source, message in report.errors.items():
        errors.print(f"[yellow]skipped[/] {source}: {message}", highlight=False)
    console.print(f"{report.triples} triples in {len(report.documents)} document graph(s); analytics refreshed")
    if not any(report.documents.values()):
        raise typer.Exit(1)  # nothing read (every file skipped) or no talk in any: a script must not take it for done


MaxDocumentBytes = Annotated[
    int,
    typer.Option(
        "--max-document-bytes",
        envvar="TALKGRAPH_MAX_DOCUMENT_BYTES",
        help="Largest notes file read, in bytes; larger files are refused with a message.",
    ),
]


@app.command("ingest")
@options_from(StoreOptions, "where")
def ingest_command(
    paths: Annotated[list[Path], typer.Argument(help="Notes files or folders.", exists=True)],
    name: Annotated[
        str | None, typer.Option("--name", help="The document's key instead of one made from its path (one file).")
    ] = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="Let this source replace another source's document of the same key.")
    ] = False,
    max_document_bytes: MaxDocumentBytes = DEFAULT_MAX_BYTES,
    where: StoreOptions = StoreOptions(),
) -> None:
    """Read notes files into the store; each document is keyed by its path relative to the folder given (or --name).

    Re-reading a file replaces its document; a different file never silently replaces another's.
    """
    with store_for(where) as store:
        server = holding_server(store, where)
        if server is not None:
            return ingest_through(server, paths, name, replace, max_document_bytes)
        from talkgraph.graph.linking.curation import vocabulary_for  # noqa: PLC0415

        run_ingest(store, paths, vocabulary_for(where.directory), name, replace, max_document_bytes)


def holding_server(store: GraphStore, where: StoreOptions) -> LocalServer | None:
    """The running `talkgraph serve` that holds this data directory (the store opened read-only because of it)."""
    if isinstance(store, EmbeddedStore) and store.held_elsewhere:
        return running_server(where.directory)
    return None


@app.command("documents")
def documents_command(data_dir: DataDir = None, store_url: StoreUrl = None, fmt: OutputFormat = "table") -> None:
    """The notes documents in the store: key, source, talks, when ingested, content hash."""
    json_wanted = _wants_json(fmt)
    with store_for(StoreOptions(data_dir, store_url)) as store:
        documents = stored_documents(store)
    if json_wanted:
        return print_json(documents)
    table = Table("key", "source", "talks", "ingested at", "sha256")
    for d in documents:
        table.add_row(d.key, d.source or "?", str(d.talks), d.ingested_at or "?", (d.sha256 or "?")[:12])
    console.print(table)


@app.command("remove")
@options_from(StoreOptions, "where")
def remove_command(
    key: Annotated[str, typer.Argument(help="The document's key, as `talkgraph documents` lists it.")],
    where: StoreOptions = StoreOptions(),
) -> None:
    """Take one document out of the store (its talks and mentions), and subtract its analytics."""
    with store_for(where) as store:
        server = holding_server(store, where)
        if server is not None:
            remove_via(server, key)
        else:
            from talkgraph.graph.ingest import remove_document  # noqa: PLC0415

            remove_document(store, key)
    console.print(f"removed {key} and its share of the analytics")


@app.command("serve")
@options_from(Settings, "settings")
@options_from(StoreOptions, "where")
def serve_command(
    settings: Settings,
    where: StoreOptions = StoreOptions(),
    host: str = "127.0.0.1",
    port: int = 8000,
    update_token_file: Annotated[
        Path | None,
        typer.Option(
            envvar="TALKGRAPH_UPDATE_TOKEN_FILE",
            help="Read the update token from this file (kept out of `ps`, unlike --update-token).",
        ),
    ] = None,
) -> None:
    """Serve the explorer, the SPARQL endpoint and the JSON API (ingests the bundled notes into an empty store)."""
    settings = dataclasses.replace(settings, update_token=token_from(settings.update_token, update_token_file))
    with store_for(where) as store:
        if not has_notes(store):
            console.print("The store holds no notes yet: ingesting the bundled KubeCon NA 2020 recap.")
            from talkgraph.graph.linking.curation import vocabulary_for  # noqa: PLC0415

            run_ingest(store, [bundled_notes()], vocabulary_for(where.directory))
        # the query workers (fresh interpreters, 0.3 s each to start) start now, on the other core, while this one
        # imports the app and uvicorn (0.5 s): the first SPARQL answer waits for both, no longer for one then the other
        store.limit_queries(query_limits(settings))
        workers = threading.Thread(target=store.start_workers, name="query-workers", daemon=True)
        workers.start()
        import uvicorn  # noqa: PLC0415 - only this command needs the server

        from talkgraph.api.app import create_app  # noqa: PLC0415
        from talkgraph.api.connections import deadline_protocol  # noqa: PLC0415

        console.print(f"Talkgraph on http://{host}:{port}  ·  store: {store.description}")
        holds_directory = isinstance(store, EmbeddedStore) and store.path is not None and not store.read_only
        local = LocalServer.serving(host, port) if holds_directory else None  # CLI writes beside it come through it
        signal.signal(signal.SIGTERM, _stop_after_shutdown)
        try:
            uvicorn.run(
                create_app(store, settings, where.directory, local),
                host=host,
                port=port,
                log_level="info",
                http=deadline_protocol(settings.timeout_request_head),
                timeout_keep_alive=settings.timeout_keep_alive,
                limit_concurrency=settings.limit_concurrency,
                access_log=settings.access_log,
            )
        finally:
            workers.join()  # a server stopped at once closes its store after the workers' start, not during it


def _stop_after_shutdown(signum: int, frame: object) -> NoReturn:
    """uvicorn shuts down gracefully on SIGTERM, then raises the signal again for the handler it found at
    start: this one, so the serve command leaves through its `with` and the store is closed (flushed, its
    reader snapshots removed) instead of the process dying in the default handler."""
    raise SystemExit(0)


def token_from(token: str | None, path: Path | None) -> str | None:
    """The update token from --update-token (or TALKGRAPH_UPDATE_TOKEN), or the first line of a file."""
    if path is None:
        return token
    if token:
        fail("give the update token once: --update-token or --update-token-file, not both")
    try:
        from_file = path.read_text("utf-8").strip()
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"cannot read the update token file {path}: {getattr(exc, 'strerror', None) or exc}")
    if not from_file:
        fail(f"the update token file {path} is empty")
    return from_file


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

    if sparql is not None and file is None:
        text = sparql
    elif file is not None and sparql is None:
        text = file.read_text("utf-8")
    else:
        fail("give a query or -f FILE (one of them)")
    with store_for(StoreOptions(data_dir, store_url)) as store:
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


def _questions(ctx: typer.Context, data_dir: Path | None, store_url: str | None) -> Questions:
    # a view reads talks and evidence from its store when asked: the store stays open until the command ends
    return Questions(TalkGraph.from_store(ctx.with_resource(store_for(StoreOptions(data_dir, store_url)))))


def shown(node: Node) -> str:
    """A node's label for a table, marked when it is an unvetted tool (found in the notes, not the vocabulary)."""
    return escape(node.label) if node.curated else f"{escape(node.label)} [dim](unvetted)[/]"


def print_json(answer: Any) -> None:
    print(json.dumps(to_json(answer), ensure_ascii=False, indent=2))


def _wants_json(fmt: str) -> bool:
    if fmt not in ("table", "json"):
        fail(f"unknown format {fmt!r}: use table or json")
    return fmt == "json"


@app.command("related")
def related_command(
    ctx: typer.Context,
    talk: Annotated[str, typer.Argument(help="Talk title (or part of it), slug or IRI.")],
    data_dir: DataDir = None,
    store_url: StoreUrl = None,
    fmt: OutputFormat = "table",
) -> None:
    """Topics related to a talk, ranked, with their reasons."""
    json_wanted = _wants_json(fmt)
    answer = _questions(ctx, data_dir, store_url).related_topics(talk)
    if json_wanted:
        return print_json(answer)
    table = Table("#", "topic", "score", "reasons", title=answer.talk.label)
    for r in answer.results:
        table.add_row(str(r.rank), r.topic.label, f"{r.score:.3f}", "\n".join(r.reasons))
    console.print(table)


@app.command("cooccur")
def cooccur_command(
    ctx: typer.Context,
    focus: Annotated[str, typer.Argument(help="A topic or tool, e.g. eBPF.")],
    limit: int = 50,
    data_dir: DataDir = None,
    store_url: StoreUrl = None,
    fmt: OutputFormat = "table",
) -> None:
    """Tools that co-occur with a topic or tool, ranked, with the talks that support each."""
    json_wanted = _wants_json(fmt)
    answer = _questions(ctx, data_dir, store_url).cooccurrence(focus, limit)
    if json_wanted:
        return print_json(answer)
    table = Table("#", "tool", "talks", "score", "supported by", title=f"Co-occurring with {answer.focus.label}")
    for c in answer.results:
        support = "\n".join(f"{e.talk.label}: “{e.sentences[0]}”" if e.sentences else e.talk.label for e in c.evidence)
        table.add_row(str(c.rank), shown(c.entity), str(c.talks), f"{c.score:.3f}", support)
    console.print(table)


@app.command("communities")
def communities_command(
    ctx: typer.Context, data_dir: DataDir = None, store_url: StoreUrl = None, fmt: OutputFormat = "table"
) -> None:
    """Communities of tools and topics (Louvain over talk co-occurrence)."""
    json_wanted = _wants_json(fmt)
    answer = _questions(ctx, data_dir, store_url).communities()
    if json_wanted:
        return print_json(answer)
    for c in answer.results:
        console.print(f"[bold]{c.community}[/] " + ", ".join(shown(m) for m in c.members))


@app.command("path")
def path_command(
    ctx: typer.Context,
    source: str,
    target: str,
    data_dir: DataDir = None,
    store_url: StoreUrl = None,
    fmt: OutputFormat = "table",
) -> None:
    """The shortest path between two things, through talks and topics."""
    json_wanted = _wants_json(fmt)
    answer = _questions(ctx, data_dir, store_url).path(source, target)
    if json_wanted:
        return print_json(answer)
    if not answer.found:
        fail(f"{answer.source.label} and {answer.target.label} are not connected")
    console.print(" → ".join(f"{shown(n)} [dim]({n.cls})[/]" for n in answer.path))


@app.command("stats")
def stats_command(data_dir: DataDir = None, store_url: StoreUrl = None) -> None:
    """What the store holds: graphs and their sizes."""
    with store_for(StoreOptions(data_dir, store_url)) as store:
        sizes = graph_sizes(store)
        console.print(f"store: {store.description}")
        for name, size in sizes.items():
            console.print(f"{size:>8}  {name}")


@app.command("export")
def export_command(
    fmt: Annotated[str, typer.Option("--format", help="ttl, nq, trig, jsonld, nt or rdfxml")] = "nq",
    output: Annotated[Path | None, typer.Option("-o", "--output")] = None,
    data_dir: DataDir = None,
    store_url: StoreUrl = None,
) -> None:
    """Write the whole dataset (N-Quads, TriG and JSON-LD keep the named graphs)."""
    chosen = by_name(fmt)
    if chosen is None or chosen.kind != "graph":
        fail(f"unknown format {fmt!r}: use ttl, nq, trig, jsonld, nt or rdfxml")
    with store_for(StoreOptions(data_dir, store_url)) as store:
        body = store.export(chosen.key)
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
    json_wanted = _wants_json(fmt)
    extraction = _extraction(notes, data_dir)
    for warning in extraction.document.warnings:
        errors.print(f"[yellow]warning:[/] {warning}", highlight=False)
    if json_wanted:
        print(json.dumps(extraction.as_json(), ensure_ascii=False, indent=2))
    else:
        table = Table("#", "title", "kind", "day", "speakers", "tools", "companies", "topics", show_lines=True)
        for i, talk in enumerate(extraction.as_json()["talks"], start=1):
            tools = [f"{t} (unvetted)" if t in talk["unvetted"] else t for t in talk["tools"]] + talk["projects"]
            cells = [talk["title"], talk["kind"], str(talk["day"] or ""), ", ".join(talk["speakers"]), ", ".join(tools)]
            cells += [", ".join(talk["companies"]), ", ".join(talk["topics"])]
            table.add_row(str(i), *(escape(cell) for cell in cells))  # from the notes: no Rich markup
        console.print(table)
    if not extraction.document.talks:
        raise typer.Exit(1)  # the warning says why; a script must not take an empty reading for a good one


def _extraction(notes: Path, data_dir: Path | None) -> Any:
    """One notes file parsed and linked with the data directory's vocabulary (nothing stored)."""
    from talkgraph.graph.ingest import fewer_collections  # noqa: PLC0415
    from talkgraph.graph.linking.curation import vocabulary_for  # noqa: PLC0415
    from talkgraph.graph.linking.extract import extract  # noqa: PLC0415
    from talkgraph.graph.linking.linker import Linker  # noqa: PLC0415
    from talkgraph.graph.notes.segment import parse_file  # noqa: PLC0415

    linker = Linker(vocabulary_for(data_dir or default_data_dir()))
    with fewer_collections():  # as ingest reads notes: the collector walked every block and mention for nothing
        return extract(parse_file(notes), linker)


@app.command("candidates")
def candidates_command(
    notes: Annotated[
        Path | None,
        typer.Option("--notes", exists=True, dir_okay=False, help="Read this notes file instead of the store."),
    ] = None,
    limit: int = 30,
    data_dir: DataDir = None,
    store_url: StoreUrl = None,
    fmt: OutputFormat = "table",
) -> None:
    """Names that look like software but are not in the vocabulary, ranked, with their evidence."""
    json_wanted = _wants_json(fmt)
    rows: list[CandidateSummary]
    if notes is not None:
        extraction = _extraction(notes, data_dir)
        rows = extracted_candidates(extraction.candidates, extraction.talks)
    else:
        with store_for(StoreOptions(data_dir, store_url)) as store:
            rows = stored_candidates(store)
    rows = rows[:limit]
    if json_wanted:
        return print_json(rows)
    table = Table("candidate", "talks", "mentions", "linked", "example")
    for row in rows:
        linked = f"unvetted tool: {', '.join(row.unvetted)}" if row.unvetted else ""
        table.add_row(escape(row.label), str(row.talks), str(row.mentions), linked, escape(row.example[:120]))
    console.print(table)
    console.print("Accept one with: talkgraph vocab add NAME --kind tool [--topic TOPIC] [--alias ALIAS]", style="dim")


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
    from talkgraph.graph.linking.curation import add_entry, overlay_path, vocabulary_for  # noqa: PLC0415

    directory = data_dir or default_data_dir()
    try:
        iri = add_entry(
            directory, vocabulary_for(directory), label, kind, alias or [], topic or [], by or [], match_case, ambiguous
        )
    except OSError as exc:
        fail(
            f"cannot write your vocabulary at {overlay_path(directory)}: {exc.strerror or exc} (is --data-dir writable?)"
        )
    console.print(f"added {iri} to {overlay_path(directory)}; run `talkgraph ingest` again to link it")


@vocab_app.command("import-landscape")
def vocab_import_command(
    source: Annotated[str, typer.Argument(help="Path or URL of the CNCF landscape.yml")], data_dir: DataDir = None
) -> None:
    """Import the CNCF landscape's items, projects, categories and organisations (never over curated entries)."""
    from talkgraph.graph.linking.curation import vocabulary_for  # noqa: PLC0415
    from talkgraph.graph.linking.landscape import import_landscape, read_landscape  # noqa: PLC0415

    directory = data_dir or default_data_dir()
    report = import_landscape(read_landscape(source), vocabulary_for(directory), directory)
    console.print(
        f"imported {report.tools} tools ({report.projects} CNCF projects), {report.topics} topics, "
        f"{report.organisations} organisations into {report.path}; "
        f"{len(report.skipped_curated)} names kept from the curated vocabulary"
    )


@app.command("validate")
def validate_command(
    data_dir: DataDir = None,
    store_url: StoreUrl = None,
    vocabulary: Annotated[
        bool,
        typer.Option(
            "--vocabulary", help="Also check every vocabulary entry (imports included), not only those named."
        ),
    ] = False,
) -> None:
    """Check the store's notes graphs, the vocabulary entries they name and your own entries against the shapes."""
    try:
        from talkgraph.graph.rdf.validate import validate_store  # noqa: PLC0415 - pyshacl is slow to import
    except ImportError:
        fail("`talkgraph validate` needs pyshacl: pip install 'talkgraph[validate]'")
    from talkgraph.graph.linking.curation import own_entries  # noqa: PLC0415

    where = StoreOptions(data_dir, store_url)
    own = own_entries(where.directory)  # `vocab add` entries, whether or not any note names them yet
    with store_for(where) as store:
        conforms, report = validate_store(store, whole_vocabulary=vocabulary, also=own)
    console.print(report if not conforms else "[green]The store conforms to the shapes.[/]")
    if not conforms:
        raise typer.Exit(1)


if __name__ == "__main__":
    app()
