"""A view: what the explorer shows (and a "current view" report holds).

It combines a :class:`~explorer.core.compare.Comparison` (platforms × filters) with a search
result and differences-only mode into the visible rows, in display order, with counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol, Sequence

from explorer.core.compare import Comparison, Grid, Row
from explorer.core.filters import Filters

Span = tuple[int, int]


class HitLike(Protocol):
    point: object
    platform: str
    score: float
    name_spans: tuple[Span, ...]


@dataclass(frozen=True)
class ViewSpec:
    platforms: tuple[str, ...]
    filters: Filters = field(default_factory=Filters)
    query: str = ""
    differences: bool = False


@dataclass(frozen=True)
class View:
    spec: ViewSpec
    comparison: Comparison
    #: The rows to show, in order: catalog order, or best match first while searching.
    rows: tuple[Row, ...]
    #: Platform id → points visible in its pane.
    counts: dict[str, int]
    #: Platform id → points it has under the current filters, before search and differences.
    totals: dict[str, int]
    #: Search hits that are visible, best first (empty without a query).
    hits: tuple[HitLike, ...] = ()
    #: (point id, platform id) → character spans of the match in the point's name.
    highlights: dict[tuple[str, str], tuple[Span, ...]] = field(default_factory=dict)

    @property
    def match_count(self) -> int:
        return len(self.hits)

    @property
    def searching(self) -> bool:
        return bool(self.spec.query.strip())


def _visible_pairs(comparison: Comparison) -> dict[tuple[str, str], int]:
    """(point id, platform id) → row index, for every entry that shows under the filters."""
    pairs: dict[tuple[str, str], int] = {}
    for index, row in enumerate(comparison.rows):
        for cell in row.cells:
            for entry in cell.entries:
                pairs[(entry.point.id, cell.platform)] = index
    return pairs


class ViewBuilder:
    """Builds views quickly for one comparison; cache it while platforms and filters stay."""

    def __init__(self, grid: Grid, platforms: Sequence[str], filters: Filters) -> None:
        self.comparison = grid.compare(tuple(platforms), filters)
        self.pairs = _visible_pairs(self.comparison)
        self.present_rows = tuple(r for r in self.comparison.rows if r.present)
        self.totals = {p.id: 0 for p in self.comparison.platforms}
        for row in self.present_rows:
            for cell in row.cells:
                self.totals[cell.platform] += len(cell.entries)

    def build(self, spec: ViewSpec, hits: Sequence[HitLike] | None = None) -> View:
        comparison = self.comparison
        highlights: dict[tuple[str, str], tuple[Span, ...]] = {}
        visible_hits: list[HitLike] = []
        if spec.query.strip() and hits is not None:
            order: dict[int, None] = {}
            for hit in hits:  # best first
                key = (hit.point.id, hit.platform)  # type: ignore[attr-defined]
                index = self.pairs.get(key)
                if index is None:
                    continue
                row = comparison.rows[index]
                if spec.differences and row.agree:
                    continue
                visible_hits.append(hit)
                highlights[key] = hit.name_spans
                order.setdefault(index, None)
            rows = tuple(comparison.rows[i] for i in order)
        else:
            rows = self.present_rows
            if spec.differences:
                rows = tuple(r for r in rows if not r.agree)
        counts = {p.id: 0 for p in comparison.platforms}
        for row in rows:
            for cell in row.cells:
                counts[cell.platform] += len(cell.entries)
        return View(spec, comparison, rows, counts, dict(self.totals), tuple(visible_hits), highlights)
