"""A view: what the explorer shows (and a "current view" report holds).

It combines a :class:`~explorer.core.compare.Comparison` (platforms × filters) with a search
result and differences-only mode into the visible rows, in display order, with counts.
:func:`build_view` is the one way to make a view (the app and ``export`` both call it); a
:class:`ViewCache` keeps the per-(platforms, filters) work between keystrokes.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from explorer.core.compare import (
    Comparison,
    ComparisonIndex,
    RowSeq,
    bits_from,
    indices_of,
)
from explorer.core.filters import Filters
from explorer.core.model import Catalog

Span = tuple[int, int]


class HitLike(Protocol):
    point: object
    platform: str
    score: float
    name_spans: tuple[Span, ...]


class OptionError(ValueError):
    """A view option that cannot be used (e.g. an unknown platform id); one line for the user."""


def parse_platforms(catalog: Catalog, value: str | None) -> tuple[str, ...]:
    """``"win,web"`` (``--platforms``) → those ids in that order; None or "" → every platform."""
    if not value:
        return catalog.platform_ids
    ids = tuple(p.strip() for p in value.split(",") if p.strip())
    unknown = [p for p in ids if not catalog.has_platform(p)]
    if unknown:
        raise OptionError(
            f"unknown platform {', '.join(map(repr, unknown))}; known: {', '.join(catalog.platform_ids)}"
        )
    if len(set(ids)) != len(ids):
        raise OptionError("a platform is named twice in --platforms")
    if not ids:
        raise OptionError("--platforms names no platform")
    return ids


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
    rows: RowSeq
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

    def step_hit(self, current: tuple[str, str] | None, step: int) -> tuple[str, str] | None:
        """The (point id, platform id) of the hit ``step`` away from ``current`` (wrapping);
        from no current hit, the first (or, going back, the last). None without hits."""
        keys = [(h.point.id, h.platform) for h in self.hits]  # type: ignore[attr-defined]
        if not keys:
            return None
        index = keys.index(current) + step if current in keys else (0 if step > 0 else -1)
        return keys[index % len(keys)]

    @property
    def row_indices(self) -> Sequence[int]:
        """Indices of the shown rows in ``comparison.rows``."""
        return self.rows.indices

    def heights(self) -> list[int]:
        """Lines each shown row takes (1 unless a platform has several points in it)."""
        comparison = self.comparison
        index = comparison.index
        indices = self.rows.indices
        heights = [1] * len(indices)
        if not index.multi_bits & comparison.present_bits:
            return heights
        multi, height = index.multi_masks, comparison.height
        for position, index in enumerate(indices):
            if index in multi:
                heights[position] = height(index)
        return heights


class ViewBuilder:
    """Builds views quickly for one comparison; cache it while platforms and filters stay."""

    def __init__(self, index: ComparisonIndex, platforms: Sequence[str], filters: Filters) -> None:
        self.index = index
        self.comparison = index.compare(tuple(platforms), filters)
        self.present_indices = indices_of(self.comparison.present_bits)
        self._different: list[int] | None = None
        self.totals = self._counts(self.comparison.present_bits, self.present_indices)
        self._shown = frozenset(self.comparison.platform_ids)

    def _counts(self, bits: int, indices: Sequence[int]) -> dict[str, int]:
        comparison = self.comparison
        if comparison.filters.kinds:  # the slow path counts the built rows
            counts = {pid: 0 for pid in comparison.platform_ids}
            for index in indices:
                for cell in comparison.row(index).cells:
                    counts[cell.platform] += len(cell.entries)
            return counts
        filters = comparison.filters
        return {pid: self.index.count(pid, filters, bits) for pid in comparison.platform_ids}

    def build(self, spec: ViewSpec, hits: Sequence[HitLike] | None = None) -> View:
        comparison = self.comparison
        agree = comparison.agree_bits
        highlights: dict[tuple[str, str], tuple[Span, ...]] = {}
        visible_hits: list[HitLike] = []
        if spec.query.strip() and hits is not None:
            order: dict[int, None] = {}
            # The hot loop of a keystroke on a big catalog: locals only.
            shown, mask = self._shown, comparison.filters.mask
            kinds = comparison.filters.kinds
            locate = self.index.pair_index.get
            skip = agree if spec.differences else 0
            keep, note, add_row = visible_hits.append, highlights.__setitem__, order.setdefault
            for hit in hits:  # best first
                platform = hit.platform
                if platform not in shown:
                    continue
                key = (hit.point.id, platform)  # type: ignore[attr-defined]
                packed = locate(key)
                if packed is None or not packed & mask:
                    continue
                index = packed >> 4
                if (skip >> index) & 1 or (kinds and hit.point.kind not in kinds):  # type: ignore[attr-defined]
                    continue
                keep(hit)
                if hit.name_spans:  # big catalogs score (and so highlight) only the best hits
                    note(key, hit.name_spans)
                add_row(index, None)
            indices: Sequence[int] = list(order)
            counts = self._counts(bits_from(indices, len(self.index.capabilities)), indices)
        elif spec.differences:
            if self._different is None:
                self._different = indices_of(comparison.present_bits & ~agree)
            indices = self._different
            counts = self._counts(comparison.present_bits & ~agree, indices)
        else:
            indices = self.present_indices
            counts = dict(self.totals)
        rows = RowSeq(comparison, indices)
        return View(spec, comparison, rows, counts, dict(self.totals), tuple(visible_hits), highlights)


class ViewCache:
    """The builders of the last few (platforms, filters) combinations, newest last."""

    def __init__(self, index: ComparisonIndex, size: int = 8) -> None:
        self.index = index
        self.size = size
        self._builders: OrderedDict[tuple[tuple[str, ...], Filters], ViewBuilder] = OrderedDict()

    def builder(self, platforms: Sequence[str], filters: Filters) -> ViewBuilder:
        key = (tuple(platforms), filters)
        found = self._builders.get(key)
        if found is not None:
            self._builders.move_to_end(key)
            return found
        found = self._builders[key] = ViewBuilder(self.index, key[0], filters)
        while len(self._builders) > self.size:
            self._builders.popitem(last=False)
        return found

    def __contains__(self, key: object) -> bool:
        return key in self._builders


def build_view(
    index: ComparisonIndex, spec: ViewSpec, hits: Sequence[HitLike] | None = None, cache: ViewCache | None = None
) -> View:
    """The view of ``spec``: its platforms and filters, the search ``hits`` of its query (best
    first; ignored without a query) and differences-only mode."""
    builder = cache.builder(spec.platforms, spec.filters) if cache is not None else (
        ViewBuilder(index, spec.platforms, spec.filters))
    return builder.build(spec, hits if spec.query.strip() else None)
