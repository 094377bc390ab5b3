"""What a search hands back: :class:`Hit` (one point on one platform, with its score, spans
and explanations), :class:`SearchResult` (a list of hits, best first) and :class:`Matches` (the
same hits as pair numbers, with hit objects made only when read; what the app uses)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import chain
from operator import itemgetter
from typing import Protocol

from explorer.core.model import Point

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Hit:
    point: Point
    platform: str
    score: float
    #: Spans of matched characters in ``point.name`` (start inclusive, end exclusive).
    name_spans: tuple[Span, ...] = ()
    #: Other matched fields → spans in that field's text.
    spans: dict[str, tuple[Span, ...]] = field(default_factory=dict)
    #: What synonyms matched, as "typed → what it matched" ("notify → events",
    #: "single sign on → sso"), for the detail panel's "matched:" line. Plain text.
    explain: tuple[str, ...] = ()

    @property
    def capability(self) -> str:
        return self.point.capability


class SearchResult(list):
    """The hits of one search, best first, with the query that made them."""

    __slots__ = ("exact_count", "query")

    def __init__(self, hits=(), query: str = "", exact_count: int = 0) -> None:
        super().__init__(hits)
        self.query = query
        #: How many hits at the start carry exact scores and spans.
        self.exact_count = exact_count


class HitMaker(Protocol):
    """What :class:`Matches` needs of the engine that made it: hits by pair number."""

    @property
    def plain_hits(self) -> list[Hit]: ...

    def plain_hit(self, pair: int) -> Hit: ...


class Matches(Sequence):
    """The hits of one search as pair numbers (:meth:`explorer.core.search.engine.SearchEngine.match`): what the app shows.

    ``pairs`` holds every matching pair's number (into the index's ``pair_point`` and
    ``pair_platform``), best first; the first ``exact_count`` are scored exactly and their hits
    are kept (``head``), the others are made only when asked for (``hit``), so a one-letter
    query at 100,000 points hands over a list of numbers, not 100,000 objects. As a sequence it
    is the hits of :meth:`explorer.core.search.engine.SearchEngine.search`, in the same order."""

    __slots__ = ("_engine", "exact_count", "head", "pairs", "query")

    def __init__(self, engine: HitMaker, query: str, head: list[Hit], pairs: list[int]) -> None:
        self._engine = engine
        self.query = query
        self.head = head
        self.exact_count = len(head)
        self.pairs = pairs

    @property
    def engine(self) -> HitMaker:
        return self._engine

    def __len__(self) -> int:
        return len(self.pairs)

    def __getitem__(self, item):  # type: ignore[override]
        if isinstance(item, slice):
            return [self.hit(k) for k in range(*item.indices(len(self.pairs)))]
        return self.hit(item)

    def hit(self, k: int) -> Hit:
        """The ``k``-th hit (best first)."""
        if k < 0:
            k += len(self.pairs)
        if 0 <= k < self.exact_count:
            return self.head[k]
        return self._engine.plain_hit(self.pairs[k])

    def hits(self) -> SearchResult:
        """Every hit as an object, as :meth:`explorer.core.search.engine.SearchEngine.search` returns them."""
        result = SearchResult(self.head, self.query, self.exact_count)
        tail = self.pairs[self.exact_count:]
        if tail:
            result.extend(pick(self._engine.plain_hits, tail))
        return result


class Collected:
    """What a search finds: the exactly scored hits with their pair numbers, then runs of
    pair numbers in static order."""

    __slots__ = ("head", "head_pairs", "tail")

    def __init__(self) -> None:
        self.head: list[Hit] = []
        self.head_pairs: list[int] = []
        self.tail: list[Iterable[int]] = []

    def pairs(self) -> list[int]:
        return list(chain(self.head_pairs, *self.tail))


def pick(items: list, indices: list[int]) -> tuple:
    """``items`` at ``indices``, in one C call."""
    if not indices:
        return ()
    if len(indices) == 1:
        return (items[indices[0]],)
    return itemgetter(*indices)(items)
