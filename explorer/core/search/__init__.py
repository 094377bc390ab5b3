"""Search: the query syntax (``query``), the index (``index``), candidate matching
(``match``, ``fields``), exact scoring (``exact``, ``score``) and the engine that runs them.
Outside this package, import from here."""

from explorer.core.search.engine import Hit, SearchEngine
from explorer.core.search.query import Query, parse_query
from explorer.core.search.requests import SearchRequests

__all__ = ["Hit", "Query", "SearchEngine", "SearchRequests", "parse_query"]
