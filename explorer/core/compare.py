"""Comparison: capability rows lined up across the chosen platforms.

:class:`Grid` indexes a catalog once (every capability × platform, with the filter masks of
its entries). :meth:`Grid.compare` then answers for a list of platforms and filters in one
pass over the rows, and search results only pick and order rows, so typing never recomputes
the cells.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from explorer.core.filters import Filters, availability_mask
from explorer.core.gcpause import paused_gc
from explorer.core.model import Availability, Capability, Catalog, Platform, Point, Status


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


@dataclass(frozen=True, slots=True)
class Row:
    capability: Capability
    cells: tuple[Cell, ...]
    #: All shown platforms have the same state on this row.
    agree: bool

    @property
    def height(self) -> int:
        return max(1, max((len(c.entries) for c in self.cells), default=1))

    @property
    def present(self) -> bool:
        return any(c.state.present for c in self.cells)

    @property
    def outcome(self) -> str:
        """'all', 'some' or 'none' of the compared platforms have it."""
        have = sum(1 for c in self.cells if c.state.present)
        if have and have == len(self.cells):
            return "all"
        return "some" if have else "none"


OUTCOME_TITLES = {
    "all": "Available on every compared platform",
    "some": "Available on some compared platforms",
    "none": "Available on none of the compared platforms",
}


@dataclass(frozen=True, slots=True)
class Comparison:
    platforms: tuple[Platform, ...]
    filters: Filters
    #: Every capability row, in catalog order, whether or not it has visible points.
    rows: tuple[Row, ...]
    #: Platform id → why it is dimmed by the filters.
    dimmed: dict[str, str]

    def row_index(self) -> dict[str, int]:
        return {row.capability.id: i for i, row in enumerate(self.rows)}


class Grid:
    """A catalog indexed by capability and platform."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._cells: list[tuple[Capability, dict[str, list[Entry]], dict[str, Availability]]] = []
        with paused_gc():
            self._index(catalog)

    def _index(self, catalog: Catalog) -> None:
        for capability in catalog.capabilities:
            by_platform: dict[str, list[Entry]] = {}
            for point in catalog.points_of(capability.id):
                for av in point.availability:
                    by_platform.setdefault(av.platform, []).append(Entry(point, av, availability_mask(av)))
            elsewhere = {av.platform: av for av in capability.elsewhere}
            self._cells.append((capability, by_platform, elsewhere))

    def compare(self, platform_ids: tuple[str, ...] | list[str], filters: Filters) -> Comparison:
        platforms = tuple(self.catalog.platform(pid) for pid in platform_ids)
        mask = filters.mask
        kinds = filters.kinds
        rows: list[Row] = []
        for capability, by_platform, elsewhere in self._cells:
            cells = []
            for pid in platform_ids:
                cells.append(_cell(pid, by_platform.get(pid, ()), elsewhere.get(pid), mask, kinds))
            first = cells[0].state.status if cells else None
            agree = all(c.state.status == first for c in cells)
            rows.append(Row(capability, tuple(cells), agree))
        dimmed = {p.id: reason for p in platforms if (reason := filters.platform_reason(p))}
        return Comparison(platforms, filters, tuple(rows), dimmed)


def _cell(
    platform_id: str,
    entries: list[Entry] | tuple[()],
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
