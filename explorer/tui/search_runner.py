"""Runs the app's searches: in place for small catalogs, in a worker thread for big ones.

Which results are still wanted is decided in one place, :class:`SearchRequests`: every
request gets a ticket; a search waiting for the engine is skipped when a newer request came
meanwhile, and only the newest ticket's hits are delivered. The runner never touches the
app's state: it calls ``deliver(query, hits)`` on the UI thread (``hits`` is None for an
empty query) and the app shows them.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from textual.app import App

from explorer.core.model import Catalog
from explorer.core.search import SearchRequests
from explorer.core.util.sanitize import clean_text

if TYPE_CHECKING:
    from explorer.core.search import Hit, SearchEngine
    from explorer.core.search.results import Matches

#: Catalogs with fewer points are searched on every keystroke in the UI thread.
SYNC_SEARCH_LIMIT = 20_000

Deliver = Callable[[str, "Sequence[Hit] | None"], None]


class SearchRunner:
    def __init__(
        self, app: App, catalog: Catalog, deliver: Deliver,
        prepare: Callable[[SearchEngine], None] | None = None,
    ) -> None:
        self.app = app
        self.catalog = catalog
        self.deliver = deliver
        #: Called with the engine once it is built (in the background for big catalogs):
        #: the app makes what its views need from the engine there, ahead of the first key.
        self.prepare = prepare
        self.requests = SearchRequests()
        self._engine: SearchEngine | None = None
        self._engine_lock = threading.Lock()

    @property
    def in_background(self) -> bool:
        return len(self.catalog.points) >= SYNC_SEARCH_LIMIT

    def engine(self) -> SearchEngine:
        """The search engine, built on first use (indexing a big catalog takes seconds)."""
        with self._engine_lock:
            if self._engine is None:
                # Importing it loads the engine's modules (and rapidfuzz): not before the first frame.
                from explorer.core.search import SearchEngine

                self._engine = SearchEngine(self.catalog)
            return self._engine

    def warm_up(self) -> None:
        """Index a big catalog in the background while the user looks at the first screen.

        Then freeze what exists (catalog, comparison index, search index: a million objects
        at 100k points) out of the cyclic GC: a full collection over them took 0.38 s, a
        pause in mid-typing."""

        def build() -> None:
            engine = self.engine()
            if self.prepare is not None:
                self.prepare(engine)
            gc.freeze()

        self.app.run_worker(build, thread=True, group="search-engine")

    def request(self, value: str) -> None:
        """Search for ``value`` (cleaned of control characters); nothing when it is the
        newest request already."""
        query = clean_text(value)
        ticket = self.requests.ask(query)
        if ticket is None:
            return
        if not query.strip():
            self.deliver(query, None)
        elif not self.in_background:
            hits = self._search(query, ticket)
            if hits is not None:
                self.deliver(query, hits)
        else:
            self.app.run_worker(lambda: self._in_worker(query, ticket), thread=True, group="search")

    def _in_worker(self, query: str, ticket: int) -> None:
        """Not ``exclusive``: a thread cannot be stopped anyway, and cancelling makes
        ``workers.wait_for_complete()`` raise. The ticket does the job instead."""
        hits = self._search(query, ticket)
        if hits is None or not self.requests.is_current(ticket):
            return
        try:
            self.app.call_from_thread(self._deliver_if_current, query, ticket, hits)
        except RuntimeError:  # the app closed meanwhile
            pass

    def _deliver_if_current(self, query: str, ticket: int, hits: Sequence[Hit]) -> None:
        if self.requests.is_current(ticket):
            self.deliver(query, hits)

    def _search(self, query: str, ticket: int) -> Matches | list[Hit] | None:
        """The engine's hits, handed over as pair numbers (``SearchEngine.match``; None: a
        newer request made them unwanted). A failing engine gives no hits and a toast, never
        a crash."""
        try:
            return self.engine().match(query, wanted=lambda: self.requests.is_current(ticket))
        except Exception as exc:  # noqa: BLE001 - the app must survive a search bug
            message = f"Search failed: {type(exc).__name__}: {clean_text(str(exc))}"
            if threading.current_thread() is threading.main_thread():
                self.app.notify(message, severity="error", markup=False)
            else:
                self.app.call_from_thread(self.app.notify, message, severity="error", markup=False)
            return []
