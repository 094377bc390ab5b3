"""Comparison: capability rows lined up across the chosen platforms.

:class:`ComparisonIndex` indexes a catalog once. Besides the entries of every capability × platform it
keeps, per platform, *row sets* as Python integers used as bit sets (bit ``i`` = row ``i``):
the rows with an available entry for each environment × client mask, the rows with a partial
one, and so on. :meth:`ComparisonIndex.compare` then answers for any platforms and filters with a few
dozen big-integer ORs and ANDs — which rows show, which agree, how many points each pane
shows — instead of a pass over every row, so a filter toggle costs the same at 100,000
points as at 100. The :class:`Row` objects themselves (cells with entries) are built only
for the rows somebody looks at.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import Enum

from explorer.core.catalog import cache as catalog_cache
from explorer.core.filters import Filters, combo_mask, filtered_reason
from explorer.core.model import (
    Availability,
    Capability,
    Catalog,
    Platform,
    Point,
    Status,
)
from explorer.core.rowsets import (
    ROWS_KEY,
    build_row_sets,
    restore_row_sets,
    row_heights,
)
from explorer.core.util.bitsets import bits_from
from explorer.core.util.gcpause import paused_gc


class CellState(str, Enum):
    AVAILABLE = "available"
    PARTIAL = "partial"
    #: The platform has the point, but not in the selected environments or clients.
    FILTERED = "filtered"
    NOT_AVAILABLE = "not-available"
    UNKNOWN = "unknown"

    @property
    def status(self) -> Status:
        """The availability a report shows for the cell (filtered counts as not available)."""
        if self is CellState.FILTERED:
            return Status.NOT_AVAILABLE
        return Status(self.value)

    @property
    def present(self) -> bool:
        return self in (CellState.AVAILABLE, CellState.PARTIAL)


@dataclass(frozen=True, slots=True)
class Entry:
    point: Point
    availability: Availability
    mask: int


@dataclass(frozen=True, slots=True)
class Cell:
    platform: str
    state: CellState
    #: The entries that show under the filters (empty unless the state is present).
    entries: tuple[Entry, ...]
    #: Entries hidden by the filters (available elsewhere), for the detail panel.
    filtered: tuple[Entry, ...] = ()
    note: str = ""

    def filtered_reason(self, filters: Filters) -> str:
        """Why the filters leave this cell empty, e.g. "onsite only" (see filters.filtered_reason)."""
        return filtered_reason((e.availability for e in self.filtered), filters)


@dataclass(frozen=True, slots=True)
class Row:
    capability: Capability
    cells: tuple[Cell, ...]
    #: All compared platforms have the same state on this row.
    agree: bool
    #: Platforms whose panes the filters empty entirely (``Comparison.dimmed``): their cells
    #: are shown (as filtered) but take no part in the comparison.
    dimmed: frozenset[str] = frozenset()

    @property
    def height(self) -> int:
        return max(1, max((len(c.entries) for c in self.cells), default=1))

    @property
    def present(self) -> bool:
        return any(c.state.present for c in self.cells)

    @property
    def compared(self) -> tuple[Cell, ...]:
        """The cells that take part in the comparison: every platform the filters leave
        something to show on."""
        if not self.dimmed:
            return self.cells
        return tuple(c for c in self.cells if c.platform not in self.dimmed)

    @property
    def outcome(self) -> str:
        """'all', 'some' or 'none' of the compared (not dimmed) platforms have it."""
        compared = self.compared
        have = sum(1 for c in compared if c.state.present)
        if have and have == len(compared):
            return "all"
        return "some" if have else "none"


OUTCOME_TITLES = {
    "all": "Available on every compared platform",
    "some": "Available on some compared platforms",
    "none": "Available on none of the compared platforms",
}


class RowSeq(Sequence[Row]):
    """Rows of a comparison by index, built when first read."""

    __slots__ = ("_comparison", "indices")

    def __init__(self, comparison: Comparison, indices: Sequence[int]) -> None:
        self._comparison = comparison
        self.indices = indices

    def __len__(self) -> int:
        return len(self.indices)

    def __getitem__(self, item):  # type: ignore[override]
        if isinstance(item, slice):
            return RowSeq(self._comparison, self.indices[item])
        return self._comparison.row(self.indices[item])

    def __iter__(self) -> Iterator[Row]:
        row = self._comparison.row
        for index in self.indices:
            yield row(index)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (RowSeq, tuple, list)):
            return list(self) == list(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"RowSeq({len(self)} rows)"


class Comparison:
    """Platforms × filters over every capability row of a catalog."""

    def __init__(
        self, index: ComparisonIndex, platforms: tuple[Platform, ...], filters: Filters,
        agree: int, present: int, dimmed: dict[str, str],
    ) -> None:
        self.index = index
        self.platforms = platforms
        self.platform_ids = tuple(p.id for p in platforms)
        self.filters = filters
        #: Row sets: rows on which the compared platforms agree / that show a point.
        self.agree_bits = agree
        self.present_bits = present
        #: Platform id → why it is dimmed by the filters. A dimmed platform's pane is empty
        #: whatever the row, so it takes no part in agreement or outcomes.
        self.dimmed = dimmed
        self.dimmed_ids = frozenset(dimmed)
        #: The platforms that take part in the comparison, in column order.
        self.compared_ids = tuple(pid for pid in self.platform_ids if pid not in dimmed)
        self._rows: dict[int, Row] = {}
        self._row_heights: Sequence[int] | None = None

    @property
    def rows(self) -> RowSeq:
        """Every capability row, in catalog order, whether or not it shows points."""
        return RowSeq(self, range(len(self.index.capabilities)))

    def row(self, index: int) -> Row:
        found = self._rows.get(index)
        if found is None:
            found = self._rows[index] = self.index.row(index, self)
        return found

    def row_heights(self) -> Sequence[int] | None:
        """Lines each capability row takes (by row index), from the row sets; None under a
        kind facet (then each row is built to know)."""
        if self.filters.kinds:
            return None
        if self._row_heights is None:
            self._row_heights = self.index.heights(self.platform_ids, self.filters.mask)
        return self._row_heights

    def height(self, index: int) -> int:
        """Lines the row takes: 1 unless a platform has several points in it."""
        if not (self.index.multi_bits >> index) & 1:
            return 1
        heights = self.row_heights()
        return self.row(index).height if heights is None else heights[index]


class ComparisonIndex:
    """A catalog indexed by capability and platform: row sets per platform (restored from the
    parse cache when the catalog came from it, else built in one pass and stored there), and
    each row's entries when a row is first built."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.capabilities: tuple[Capability, ...] = catalog.capabilities
        self.row_of_capability = {c.id: i for i, c in enumerate(self.capabilities)}
        #: The longest capability name, in characters (how wide a column of labels needs to be).
        self.longest_label = max((len(c.name) for c in self.capabilities), default=0)
        self._masks: dict[tuple[tuple[str, ...], tuple[str, ...]], int] = {}
        #: Row index → (platform id → its entries, platform id → the capability's "elsewhere").
        self._row_entries: dict[int, tuple[dict[str, tuple[Entry, ...]], dict[str, Availability]]] = {}
        self._pair_index: dict[tuple[str, str], int] | None = None
        self.all_bits = (1 << len(self.capabilities)) - 1
        restored = restore_row_sets(catalog.derived.get(ROWS_KEY), catalog)
        if restored is None:
            with paused_gc():
                state = build_row_sets(catalog, self.mask_of)
            restored = restore_row_sets(state, catalog)
            assert restored is not None
            catalog_cache.remember(catalog, ROWS_KEY, state)
        #: Platform id → its row sets; the rows where a platform has several points.
        self._index, self.multi_bits = restored

    def mask_of(self, av: Availability) -> int:
        key = (av.environments, av.clients)
        mask = self._masks.get(key)
        if mask is None:
            mask = self._masks[key] = combo_mask(av.environments, av.clients)
        return mask

    def entries(self, index: int) -> tuple[dict[str, tuple[Entry, ...]], dict[str, Availability]]:
        """Row ``index``'s entries by platform, and its capability's "elsewhere" availability
        by platform (built when the row is first needed)."""
        found = self._row_entries.get(index)
        if found is None:
            capability = self.capabilities[index]
            by_platform: dict[str, list[Entry]] = {}
            for point in self.catalog.points_of(capability.id):
                for av in point.availability:
                    by_platform.setdefault(av.platform, []).append(Entry(point, av, self.mask_of(av)))
            found = self._row_entries[index] = (
                {pid: tuple(v) for pid, v in by_platform.items()},
                {av.platform: av for av in capability.elsewhere},
            )
        return found

    @property
    def pair_index(self) -> dict[tuple[str, str], int]:
        """(point id, platform id) of every present entry → ``row << 4 | filter mask`` (built
        on first use: only views made from plain lists of search hits need it)."""
        if self._pair_index is None:
            table: dict[tuple[str, str], int] = {}
            row_of, mask_of, known = self.row_of_capability, self.mask_of, set(self.catalog.platform_ids)
            for point in self.catalog.points:
                row = row_of.get(point.capability)
                if row is None:
                    continue
                for av in point.availability:
                    if (av.status is Status.AVAILABLE or av.status is Status.PARTIAL) and av.platform in known:
                        table[(point.id, av.platform)] = row << 4 | mask_of(av)
            self._pair_index = table
        return self._pair_index

    def heights(self, platform_ids: Sequence[str], mask: int) -> Sequence[int]:
        """Lines each row takes (by row index) with ``platform_ids`` shown under the filter
        ``mask`` (see :func:`explorer.core.rowsets.row_heights`)."""
        return row_heights(self._index, platform_ids, mask, len(self.capabilities))

    # -------------------------------------------------------------- answers
    def compare(self, platform_ids: tuple[str, ...] | list[str], filters: Filters) -> Comparison:
        platforms = tuple(self.catalog.platform(pid) for pid in platform_ids)
        dimmed = {p.id: reason for p in platforms if (reason := filters.platform_reason(p))}
        if filters.kinds:
            return self._compare_rows(platforms, filters, dimmed)
        mask, every = filters.mask, self.all_bits
        present = 0
        agree_a = agree_p = agree_n = agree_u = every
        compared = False
        for pid in platform_ids:
            index = self._index[pid]
            shown_a = 0
            for m, bits in index.available.items():
                if m & mask:
                    shown_a |= bits
            shown_p = 0
            for m, bits in index.partial.items():
                if m & mask:
                    shown_p |= bits
            shown_p &= ~shown_a
            present |= shown_a | shown_p
            if pid in dimmed:
                continue  # its pane is empty whatever the row: it takes no part in agreement
            compared = True
            unknown = every & ~index.present & ~index.static_not
            agree_a &= shown_a
            agree_p &= shown_p
            agree_n &= every & ~(shown_a | shown_p | unknown)
            agree_u &= unknown
        agree = (agree_a | agree_p | agree_n | agree_u) if compared else every
        return Comparison(self, platforms, filters, agree, present, dimmed)

    def _compare_rows(self, platforms: tuple[Platform, ...], filters: Filters, dimmed: dict[str, str]) -> Comparison:
        """The kind facet is rare: compute every row the slow way."""
        comparison = Comparison(self, platforms, filters, 0, 0, dimmed)
        agree: list[int] = []
        present: list[int] = []
        for index in range(len(self.capabilities)):
            row = comparison.row(index)
            if row.agree:
                agree.append(index)
            if row.present:
                present.append(index)
        comparison.agree_bits = bits_from(agree, len(self.capabilities))
        comparison.present_bits = bits_from(present, len(self.capabilities))
        return comparison

    def row(self, index: int, comparison: Comparison) -> Row:
        mask, kinds = comparison.filters.mask, comparison.filters.kinds
        entries, elsewhere = self.entries(index)
        cells = tuple(
            _cell(pid, entries.get(pid, ()), elsewhere.get(pid), mask, kinds)
            for pid in comparison.platform_ids
        )
        dimmed = comparison.dimmed_ids
        compared = [c for c in cells if c.platform not in dimmed] if dimmed else cells
        first = compared[0].state.status if compared else None
        agree = all(c.state.status == first for c in compared)
        return Row(self.capabilities[index], cells, agree, dimmed)

    def count(self, platform_id: str, filters: Filters, rows: int) -> int:
        """Points shown in a platform's pane for the rows in the row set ``rows``."""
        mask = filters.mask
        total = 0
        for (m, _k), bits in self._index[platform_id].counts.items():
            if m & mask:
                total += (bits & rows).bit_count()
        return total


def _cell(
    platform_id: str,
    entries: tuple[Entry, ...],
    elsewhere: Availability | None,
    mask: int,
    kinds: frozenset[str],
) -> Cell:
    if not entries:
        if elsewhere is not None:
            return Cell(platform_id, CellState(elsewhere.status.value), (), (), elsewhere.note)
        return Cell(platform_id, CellState.UNKNOWN, ())
    visible: list[Entry] = []
    filtered: list[Entry] = []
    any_not = False
    for entry in entries:
        status = entry.availability.status
        if status is Status.AVAILABLE or status is Status.PARTIAL:
            if entry.mask & mask and (not kinds or entry.point.kind in kinds):
                visible.append(entry)
            else:
                filtered.append(entry)
        elif status is Status.NOT_AVAILABLE:
            any_not = True
    if visible:
        full = any(e.availability.status is Status.AVAILABLE for e in visible)
        state = CellState.AVAILABLE if full else CellState.PARTIAL
        return Cell(platform_id, state, tuple(visible), tuple(filtered))
    if filtered:
        return Cell(platform_id, CellState.FILTERED, (), tuple(filtered))
    note = next((e.availability.note for e in entries if e.availability.note), "")
    return Cell(platform_id, CellState.NOT_AVAILABLE if any_not else CellState.UNKNOWN, (), (), note)
