"""One error base: every TalkgraphError answers with its own status, anything else with a clean 500."""

from __future__ import annotations

import pytest

from talkgraph.graph.errors import BadRequest, NotFound, TalkgraphError
from talkgraph.graph.notes.blocks import NotesError
from talkgraph.graph.rdf.isolation import QueryTimeout
from talkgraph.graph.rdf.policy import SparqlRequestError
from talkgraph.graph.rdf.store import EmbeddedStore, StoreError
from tests.conftest import assert_clean_error, make_client


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (NotFound("x"), 404),
        (BadRequest("x"), 400),
        (SparqlRequestError("x"), 400),
        (SparqlRequestError("x", 413), 413),
        (QueryTimeout("x"), 503),
        (StoreError("x"), 502),
        (NotesError("x"), 422),
        (TalkgraphError("x"), 500),
    ],
)
def test_each_error_carries_its_http_status(error, status):
    assert isinstance(error, TalkgraphError) and error.status == status


class FailingStore(EmbeddedStore):
    """A store whose reads fail as a given exception: the app must answer, not crash."""

    def __init__(self, failure: Exception):
        super().__init__()
        self.failure = failure

    def select(self, sparql: str):
        raise self.failure


def test_an_unreachable_store_is_a_502_with_its_message():
    client = make_client(FailingStore(StoreError("the SPARQL server at http://db:7878 did not answer")))
    message = assert_clean_error(client.get("/api/stats"), 502)
    assert message == "the SPARQL server at http://db:7878 did not answer"


def test_an_unexpected_failure_is_a_500_without_insides(caplog):
    client = make_client(FailingStore(RuntimeError("secret /work/path/to/file.py exploded")))
    message = assert_clean_error(client.get("/api/stats"), 500)
    assert message == "internal error: the server log has the details"
    assert "secret /work/path/to/file.py exploded" in caplog.text  # the log has it, the client does not


def test_a_browser_gets_the_error_as_a_page():
    client = make_client(FailingStore(StoreError("the SPARQL server did not answer")))
    response = client.get("/api/stats", headers={"Accept": "text/html"})
    assert response.status_code == 502
    assert response.headers["content-type"].startswith("text/html")
    assert "the SPARQL server did not answer" in response.text
