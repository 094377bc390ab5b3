"""Which search request is the newest: the one place that decides whether results are stale.

A UI that searches as the user types may have several searches on their way at once (in
worker threads, for big catalogs). Each request gets a ticket; only the newest ticket's
results may be shown, and a search still waiting for the engine is skipped when a newer one
was asked for. Thread-safe: tickets are handed out under a lock.
"""

from __future__ import annotations

import threading


class SearchRequests:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._ticket = 0
        #: The query of the newest request ("" before any).
        self.query = ""

    def ask(self, query: str) -> int | None:
        """A ticket for ``query``, or None when it is the newest request already."""
        with self._lock:
            if self._ticket and query == self.query:
                return None
            self._ticket += 1
            self.query = query
            return self._ticket

    def is_current(self, ticket: int) -> bool:
        """Whether ``ticket`` is still the newest request (its results may be shown)."""
        return ticket == self._ticket
