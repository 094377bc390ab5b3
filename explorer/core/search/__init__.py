"""Search: the query syntax (``query``), the index (``index``), candidate matching
(``match``, ``fields``), exact scoring (``exact``, ``score``) and the engine that runs them.
Outside this package, import from here.

The names load on first use (PEP 562): the app's first frame needs only ``SearchRequests``,
and the engine's modules (and rapidfuzz) load when the first search or the background index
asks for them."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from explorer.core.search.engine import Hit, SearchEngine
    from explorer.core.search.query import Query, parse_query
    from explorer.core.search.requests import SearchRequests

__all__ = ["Hit", "Query", "SearchEngine", "SearchRequests", "parse_query"]

_MODULES = {"Hit": "engine", "SearchEngine": "engine", "Query": "query", "parse_query": "query",
            "SearchRequests": "requests"}


def __getattr__(name: str) -> object:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
