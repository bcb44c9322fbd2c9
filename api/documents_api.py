"""/api/documents: the notes documents in the store; adding and removing one through the server.

Writes need the update token, or the token of the server's own record in its data directory (see
local_server.py): that is how `talkgraph ingest` beside a running server reaches the store it holds.
An ingest runs off the event loop, one at a time (each reads the analytics' counts and writes their
delta: two at once would each miss the other's), and the next request sees the new talks.
"""

from __future__ import annotations

import tempfile
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Depends, Query, Request
from starlette.concurrency import run_in_threadpool

from talkgraph.api.serialize import to_json
from talkgraph.api.sparql import require_token
from talkgraph.api.state import AppState, app_state
from talkgraph.graph.documents import stored_documents
from talkgraph.graph.errors import TalkgraphError

if TYPE_CHECKING:
    from talkgraph.graph.ingest import IngestReport

# graph.ingest (the linker, wordfreq, the notes' parser) is imported by the first write, not with the app: a server
# starts and answers reads without it.

router = APIRouter(prefix="/api", tags=["Documents"])

State = Depends(app_state)


@router.get("/documents", summary="The notes documents in the store: key, source, talks, when ingested, hash")
def documents(state: AppState = State) -> Any:
    return to_json(stored_documents(state.store))


@router.post("/documents", summary="Ingest one notes file (the body) with its analytics; needs the token")
async def add_document(
    request: Request,
    path: str = Query(..., min_length=1, description="The file's path as given, which names its document"),
    source_id: str | None = Query(None, pattern="^[0-9a-f]{16}$", description="The sender's identity of the file"),
    name: str | None = Query(None, min_length=1, description="The document's key instead of one from its path"),
    replace: bool = Query(False, description="Let this source replace another source's document of the same key"),
    state: AppState = State,
) -> Any:
    require_token(request, state, local=True)
    body = await request.body()
    report = await run_in_threadpool(_ingest_upload, state, body, path, source_id, name, replace)
    if report.errors and not report.documents:
        raise TalkgraphError(next(iter(report.errors.values())), status=422)
    return to_json(report)


@router.delete("/documents/{key:path}", summary="Remove a document and its share of the analytics; needs the token")
async def delete_document(request: Request, key: str, state: AppState = State) -> Any:
    require_token(request, state, local=True)
    await run_in_threadpool(_remove, state, key)
    return {"removed": key}


def _ingest_upload(
    state: AppState, body: bytes, given: str, source_id: str | None, name: str | None, replace: bool
) -> IngestReport:
    """The body written to a file of the given name (its suffix says the format), ingested as that source."""
    from talkgraph.graph import ingest as ingesting  # noqa: PLC0415

    file_name = PurePosixPath(given.replace("\\", "/")).name or "notes.txt"
    with tempfile.TemporaryDirectory(prefix="talkgraph-upload-") as folder:
        copy = Path(folder) / file_name
        copy.write_bytes(body)
        return state.write(
            lambda: ingesting.ingest(
                state.store,
                [ingesting.NotesSource(copy, given, source_id)],
                state.vocabulary,
                name=name,
                replace=replace,
                max_bytes=state.settings.max_document_bytes,
            )
        )


def _remove(state: AppState, key: str) -> None:
    from talkgraph.graph.ingest import remove_document  # noqa: PLC0415

    state.write(lambda: remove_document(state.store, key))
