"""The app's shared state (store, settings, analytics view, laid-out graph pages) and the dependency routes use.

Kept apart from app.py so routers import it without importing the app that includes them.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from fastapi import Request

from talkgraph.api.activity import Activity
from talkgraph.api.local_server import LocalServer
from talkgraph.api.settings import Settings, query_limits
from talkgraph.graph.analytics import background
from talkgraph.graph.analytics.background import Background, BackgroundFailed
from talkgraph.graph.analytics.facts import Facts, read_aliases, read_facts
from talkgraph.graph.analytics.questions import Questions
from talkgraph.graph.analytics.view import Node, NodeIndex, TalkGraph
from talkgraph.graph.analytics.viz import LISTED_TALKS, GraphPage, OverviewLayout
from talkgraph.graph.rdf.corpus import Corpus, read_corpus
from talkgraph.graph.rdf.statistics import DatasetSizes, class_sizes, dataset_sizes
from talkgraph.graph.rdf.store import EmbeddedStore, GraphStore
from talkgraph.ontology import EntityClass

if TYPE_CHECKING:  # the vocabulary is read at the first ingest through the server, its modules imported then
    from talkgraph.graph.linking.vocabulary import Vocabulary

log = logging.getLogger("talkgraph")
T = TypeVar("T")


class AppState:
    """The store, the settings, the analytics view and the graph pages built from it;
    the view and the pages are rebuilt after every write."""

    PAGE_CACHE = 256  # graph pages kept (their layout is the costly part)
    # seconds a request waits for the background process before computing in its own process: a process that hangs
    # must not hold a request for ever, but one that is slow must not be replaced either (at 100,000 talks and a
    # load of 6 on 2 cores it sent the overview's layout about 60 s after the start; a 60 s wait made the thread
    # warming the overview lay it out in the server, holding the GIL against every request for tens of seconds)
    BACKGROUND_WAIT = 300.0
    QUIET = 0.5  # seconds with no request before the start thread reads every node (warm_every_node)
    QUIET_WAIT = 30.0  # seconds it waits for such a moment at most

    def __init__(
        self, store: GraphStore, settings: Settings, data_dir: Path | None = None, local: LocalServer | None = None
    ):
        self.store = store
        self.settings = settings
        self.data_dir = data_dir  # its vocabulary overlays are what an ingest through the server links with
        self.local = local  # this server's record for CLI writes beside it (api/local_server.py)
        self.activity = Activity()  # requests in flight (api/activity.py), counted by the app's middleware
        self.writing = threading.Lock()  # one write at a time (see write()): ingests apply deltas to the counts
        self._vocabulary: Vocabulary | None = None
        limits = query_limits(settings)
        if store.limits != limits:
            store.limit_queries(limits)
        self._view: TalkGraph | None = None
        self._aliases: dict[str, list[str]] | None = None
        self._facts: dict[str, Facts] | None = None
        self._class_sizes: dict[str, int] | None = None
        self._dataset_sizes: DatasetSizes | None = None
        self._corpus: Corpus | None = None
        self._pages: OrderedDict[tuple, GraphPage] = OrderedDict()
        self._background: Background | None = None
        self._kept_as: str | None = None  # the store version _background's results are (to be) kept under
        self._kept_page: tuple[dict, str] | None = None  # the default overview page kept under that version
        self._lock = threading.Lock()
        self._starting = threading.Lock()  # start_background: one reads the kept results or starts the process
        self._cleared = False  # stray temporary files of kept results removed (once, by start_background)
        self._asking: dict[tuple[int, str], Future[list[Node]]] = {}  # tooltip_talks read now, by (view, entity)

    @property
    def view(self) -> TalkGraph:
        with self._lock:
            if self._view is None:
                self._view = TalkGraph.from_store(self.store)
                if isinstance(self._view.nodes, NodeIndex):
                    self._view.nodes.read_every_with(partial(self._every_node, self._view))
            return self._view

    def _every_node(self, view: TalkGraph) -> dict[str, Node]:
        """Every node of a view (search, typeahead and listings go through them all): as the background process read
        them for this version of the store when it has sent them (10 s of the server's time saved at 100,000
        talks), or as they were kept for it; before that, read here rather than wait behind the overview's layout (a
        minute under load)."""
        job = self.start_background() if self._view is view else None
        every = job.every_node() if job is not None else None  # kept ones: read from their file now, once
        if every is not None and self._view is view:
            return every
        return view._read_all_nodes()

    def warm_every_node(self) -> None:
        """Read every node in the thread that starts the server, so the first search, typeahead or listing does not
        read them (0.3-2 s at 100,000 talks). Only once no request has run for QUIET seconds (QUIET_WAIT at most):
        read beside the first /api/cooccur, they made it 0.5 s slower at 100,000 talks. From their kept file, or as
        the background process sends them; never from the store here, which would hold the GIL for seconds against
        every request. Nothing for a store with no background process."""
        job = self.start_background()
        if job is None:
            return
        self.activity.wait_quiet(self.QUIET, self.QUIET_WAIT)  # not while the first answers are being given
        try:
            job.part("nodes").result(timeout=self.BACKGROUND_WAIT)
        except Exception:  # failed, stopped by a write or too slow: the first request that needs them reads them
            return
        view = self.view
        if self._background is job and isinstance(view.nodes, NodeIndex):
            len(view.nodes)  # NodeIndex reads them all through _every_node, which takes the job's

    @property
    def aliases(self) -> dict[str, list[str]]:
        """The vocabulary's other names of each entity, for typeahead; read once per view."""
        with self._lock:
            if self._aliases is None:
                self._aliases = read_aliases(self.store)
            return self._aliases

    @property
    def facts(self) -> dict[str, Facts]:
        """Definitions, maturity and governing bodies, for resource pages; read once per view."""
        with self._lock:
            if self._facts is None:
                self._facts = read_facts(self.store)
            return self._facts

    @property
    def vocabulary(self) -> Vocabulary:
        """The vocabulary ingests through the server link with; read at the first one."""
        from talkgraph.graph.linking.curation import vocabulary_for  # noqa: PLC0415
        from talkgraph.graph.linking.vocabulary import load_vocabulary  # noqa: PLC0415

        with self._lock:
            if self._vocabulary is None:
                self._vocabulary = vocabulary_for(self.data_dir) if self.data_dir else load_vocabulary()
            return self._vocabulary

    @property
    def class_sizes(self) -> dict[str, int]:
        """Instances per class, for the query page's schema summary; counted once per write, not per request."""
        with self._lock:
            if self._class_sizes is None:
                self._class_sizes = class_sizes(self.store)
            return self._class_sizes

    @property
    def dataset_sizes(self) -> DatasetSizes:
        """Triples per graph and typed subjects, for the service description; counted once per write."""
        with self._lock:
            if self._dataset_sizes is None:
                self._dataset_sizes = dataset_sizes(self.store)
            return self._dataset_sizes

    @property
    def corpus(self) -> Corpus:
        """The events and notes documents the home page names; read once per write, not per request."""
        with self._lock:
            if self._corpus is None:
                self._corpus = read_corpus(self.store)
            return self._corpus

    @property
    def questions(self) -> Questions:
        return Questions(self.view, lambda: self.aliases, lambda: self.facts)  # each read when an answer needs it

    def write(self, change: Callable[[], T]) -> T:
        """Run a change to the store as the one writer of the moment (an ingest, a removal, a SPARQL Update, a
        Graph Store write: none is held back behind another's shown_together block, and count deltas never
        interleave), then renew what the server shows, even when the change failed midway."""
        with self.writing:
            try:
                return change()
            finally:
                self.invalidate()

    def invalidate(self) -> None:
        with self._lock:  # the background process goes with the view: a view built next never gets the old one's
            self._view = None
            self._aliases = None
            self._facts = None
            self._class_sizes = None
            self._dataset_sizes = None
            self._corpus = None
            self._pages.clear()
            job, self._background = self._background, None
            self._kept_as, self._kept_page = None, None
        if job is not None:
            job.stop()

    def stop_background(self) -> None:
        """Stop the background process of a version of the store that is gone (or of a server that stops)."""
        with self._lock:
            job, self._background = self._background, None
            self._kept_as, self._kept_page = None, None
        if job is not None:
            job.stop()

    def start_background(self) -> Background | None:
        """The overview's layout and the communities, computed by a process of their own over the store's
        snapshot (graph/analytics/background.py): a store on disk only; None for others, whose view computes
        them when asked. Started at the server's start and again at the first use after a write; its results are
        kept beside the store under the store's version, and a start that finds them for the version it opens
        uses them at once, with no process."""
        store = self.store
        if not isinstance(store, EmbeddedStore) or store.path is None:
            return None
        path = background.kept_path(store.path)
        with self._starting:  # one start at a time; writes (invalidate, under _lock) are not held up by it
            with self._lock:
                if self._background is not None:
                    return self._background
                if not self._cleared and not store.read_only:
                    background.clear_stray(path)  # this process holds the directory: no one else keeps there
                    self._cleared = True
                wanted = store.version
            found = background.kept(path, wanted) if wanted else None  # parsed outside _lock
            page = background.kept_page(path, wanted) if found is not None and wanted else None
            with self._lock:
                if self._background is None:
                    # the version before the snapshot: a write in between renews it, so what is kept under it is
                    # never used (after the snapshot, a write's result could be kept under the key it renewed)
                    version = store.version
                    if found is not None and version == wanted:  # no write while it was read
                        self._background, self._kept_page = found, page
                        self._kept_as = None if store.read_only else version  # its page may be kept later
                    else:
                        self._background = background.start(str(store.snapshot()))
                        if version and not store.read_only:  # a read-only directory uses kept results, keeps none
                            background.keep_when_done(self._background, path, version)
                            self._kept_as = version
                return self._background

    def kept_overview_page(self) -> tuple[dict, str] | None:
        """The default overview page as a server rendered it for this version of the store and kept it (the
        meta data of graph/analytics/background.py keep_page, and its script's data as JSON text); None if none
        was."""
        self.start_background()
        with self._lock:
            return self._kept_page

    def keep_overview_page(
        self, view: TalkGraph, layout: OverviewLayout, parts: Callable[[], tuple[dict, str]]
    ) -> None:
        """Keep the default overview page beside the store (in a thread of its own) when it was built from this
        version's view and from the layout of its background results: the next start reads it instead of
        building it (1-4 s at 100,000 talks)."""
        store = self.store
        with self._lock:
            job, version = self._background, self._kept_as
            fresh = job is not None and self._view is view and job.overview.done() and not job.overview.exception()
            if not fresh or job is None or version is None or job.overview.result() is not layout:
                return
        if not isinstance(store, EmbeddedStore) or store.path is None:
            return
        meta, data = parts()
        background.keep_page(background.kept_path(store.path), version, meta, data)

    def _computed(self, part: Callable[[Background], Future[T]]) -> T | None:
        """A part of the background process's work, waiting for it (BACKGROUND_WAIT at most); None without one, if it
        failed, or if it did not answer in time."""
        job = self.start_background()
        if job is None:
            return None
        try:
            return part(job).result(timeout=self.BACKGROUND_WAIT)
        except BackgroundFailed as exc:  # the view computes it here instead
            log.warning("%s", exc)
            return None
        except TimeoutError:  # the process goes on (a later request may take its answer); this one computes
            log.warning("the background analytics process did not answer in %g s", self.BACKGROUND_WAIT)
            return None

    def overview_layout(self) -> OverviewLayout | None:
        """The default overview's layout from the background process; None without one."""
        return self._computed(lambda job: job.part("overview"))  # a kept one: read now

    def first_talks(self, node: Node) -> list[Node] | None:
        """An entity's first talks by title (its tooltip's) from the background process's results when they have
        come or were kept; None before that, or for a person: the view reads them."""
        job = self.start_background()
        if job is None or node.cls == EntityClass.PERSON or not job.first_talks.done() or self._background is not job:
            return None
        if job.first_talks.exception() is not None:
            return None
        return job.first_talks.result().get(node.iri, [])

    def tooltip_talks(self, node: Node) -> list[Node]:
        """An entity's first talks for its tooltip: the background's when they have come, else read by the view,
        once for requests that ask for the same entity of the same view at the same time (they wait for it)."""
        known = self.first_talks(node)
        if known is not None:
            return known
        view = self.view
        key = (id(view), node.iri)  # the view lives while it is read here: its id is not reused meanwhile
        with self._lock:
            asked = self._asking.get(key)
            mine = asked is None
            if asked is None:
                asked = self._asking[key] = Future()
        if not mine:
            return asked.result()
        try:
            talks = view.first_talks(node.iri, LISTED_TALKS)
            asked.set_result(talks)
            return talks
        except BaseException as exc:
            asked.set_exception(exc)
            raise
        finally:
            with self._lock:
                del self._asking[key]

    def communities(self) -> list[list[Node]]:
        """The view's communities, from the background process when there is one."""
        computed, view = self._computed(lambda job: job.communities), self.view
        if computed is None:
            return view.communities()
        # computed from a snapshot: a write since may have taken a node out of the view that answers
        found = [[view.nodes[iri] for iri in members if iri in view.nodes] for members in computed]
        return [members for members in found if members]

    def graph_page(self, key: tuple, build: Callable[[TalkGraph], GraphPage]) -> GraphPage:
        """A graph page with its positions computed once per view, not once per request."""
        view = self.view
        with self._lock:
            if key in self._pages:
                self._pages.move_to_end(key)
                return self._pages[key]
        page = build(view)
        with self._lock:
            if self._view is view:
                self._pages[key] = page
                while len(self._pages) > self.PAGE_CACHE:
                    self._pages.popitem(last=False)
        return page


def app_state(request: Request) -> AppState:
    """FastAPI dependency: the state of the app serving this request."""
    state: AppState = request.app.state.talkgraph
    return state
