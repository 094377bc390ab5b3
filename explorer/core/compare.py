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

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import Enum

from explorer.core.filters import Filters, combo_mask, filtered_reason
from explorer.core.model import (
    Availability,
    Capability,
    Catalog,
    Platform,
    Point,
    Status,
)
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


def bits_from(indices: Iterable[int], size: int) -> int:
    """A row set from row indices."""
    buffer = bytearray((size + 7) // 8)
    for i in indices:
        buffer[i >> 3] |= 1 << (i & 7)
    return int.from_bytes(buffer, "little")


def indices_of(bits: int) -> list[int]:
    """The row indices in a row set, ascending."""
    if not bits:
        return []
    text = bin(bits)[:1:-1]  # least significant bit first
    out: list[int] = []
    find = text.find
    i = find("1")
    while i >= 0:
        out.append(i)
        i = find("1", i + 1)
    return out


class _PlatformIndex:
    """Row sets of one platform."""

    __slots__ = ("available", "counts", "partial", "present", "static_not")

    def __init__(self) -> None:
        #: filter mask of an entry → rows with such an available (or partial) entry
        self.available: dict[int, int] = {}
        self.partial: dict[int, int] = {}
        self.present = 0
        #: rows without any present entry that say "not available" (the rest say unknown)
        self.static_not = 0
        #: (mask, k) → rows with at least k+1 present entries of that mask
        self.counts: dict[tuple[int, int], int] = {}


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
        self._mask = filters.mask
        self._heights: dict[int, int] = {}

    @property
    def rows(self) -> RowSeq:
        """Every capability row, in catalog order, whether or not it shows points."""
        return RowSeq(self, range(len(self.index.capabilities)))

    def row(self, index: int) -> Row:
        found = self._rows.get(index)
        if found is None:
            found = self._rows[index] = self.index.row(index, self)
        return found

    def height(self, index: int) -> int:
        """Lines the row takes: 1 unless a platform has several points in it."""
        rows = self.index
        if not (rows.multi_bits >> index) & 1:
            return 1
        cached = self._heights.get(index)
        if cached is not None:
            return cached
        if self.filters.kinds:
            return self.row(index).height
        mask = self._mask
        masks = rows.multi_masks[index]
        best = 1
        for pid in self.platform_ids:
            shown = sum(1 for m in masks.get(pid, ()) if m & mask)
            best = max(best, shown)
        self._heights[index] = best
        return best


class ComparisonIndex:
    """A catalog indexed by capability and platform."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.capabilities: tuple[Capability, ...] = catalog.capabilities
        self.row_of_capability = {c.id: i for i, c in enumerate(self.capabilities)}
        #: The longest capability name, in characters (how wide a column of labels needs to be).
        self.longest_label = max((len(c.name) for c in self.capabilities), default=0)
        self._entries: list[dict[str, tuple[Entry, ...]]] = []
        self._elsewhere: list[dict[str, Availability]] = []
        self._index: dict[str, _PlatformIndex] = {pid: _PlatformIndex() for pid in catalog.platform_ids}
        self._masks: dict[tuple[tuple[str, ...], tuple[str, ...]], int] = {}
        self.multi_bits = 0
        #: For rows where a platform has several points: platform id → their filter masks.
        self.multi_masks: dict[int, dict[str, tuple[int, ...]]] = {}
        #: (point id, platform id) of every present entry → ``row << 4 | filter mask``.
        self.pair_index: dict[tuple[str, str], int] = {}
        with paused_gc():
            self._build()

    def mask_of(self, av: Availability) -> int:
        key = (av.environments, av.clients)
        mask = self._masks.get(key)
        if mask is None:
            mask = self._masks[key] = combo_mask(av.environments, av.clients)
        return mask

    def _build(self) -> None:
        size = len(self.capabilities)
        rows: dict[tuple[str, str, int], list[int]] = {}  # (kind of set, platform, key) → rows
        counts: dict[tuple[str, int, int], list[int]] = {}
        multi: list[int] = []
        for index, capability in enumerate(self.capabilities):
            by_platform: dict[str, list[Entry]] = {}
            for point in self.catalog.points_of(capability.id):
                for av in point.availability:
                    by_platform.setdefault(av.platform, []).append(Entry(point, av, self.mask_of(av)))
            elsewhere = {av.platform: av for av in capability.elsewhere}
            self._entries.append({pid: tuple(v) for pid, v in by_platform.items()})
            self._elsewhere.append(elsewhere)
            is_multi = False
            present_masks: dict[str, tuple[int, ...]] = {}
            for pid in self._index:
                entries = by_platform.get(pid, ())
                seen: dict[int, int] = {}
                any_not = False
                for entry in entries:
                    status = entry.availability.status
                    if status is Status.AVAILABLE or status is Status.PARTIAL:
                        self.pair_index[(entry.point.id, pid)] = index << 4 | entry.mask
                        kind = "a" if status is Status.AVAILABLE else "p"
                        rows.setdefault((kind, pid, entry.mask), []).append(index)
                        k = seen.get(entry.mask, 0)
                        seen[entry.mask] = k + 1
                        counts.setdefault((pid, entry.mask, k), []).append(index)
                    elif status is Status.NOT_AVAILABLE:
                        any_not = True
                if seen:
                    rows.setdefault(("present", pid, 0), []).append(index)
                    present_masks[pid] = tuple(m for m, n in seen.items() for _ in range(n))
                    if sum(seen.values()) > 1:
                        is_multi = True
                elif any_not or (not entries and pid in elsewhere
                                 and elsewhere[pid].status is Status.NOT_AVAILABLE):
                    rows.setdefault(("not", pid, 0), []).append(index)
            if is_multi:
                multi.append(index)
                self.multi_masks[index] = present_masks
        for (kind, pid, key), indices in rows.items():
            index = self._index[pid]
            bits = bits_from(indices, size)
            if kind == "a":
                index.available[key] = bits
            elif kind == "p":
                index.partial[key] = bits
            elif kind == "present":
                index.present = bits
            else:
                index.static_not = bits
        for (pid, mask, k), indices in counts.items():
            self._index[pid].counts[(mask, k)] = bits_from(indices, size)
        self.multi_bits = bits_from(multi, size)
        self.all_bits = (1 << size) - 1

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
        entries, elsewhere = self._entries[index], self._elsewhere[index]
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
