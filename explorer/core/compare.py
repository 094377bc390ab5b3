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

    def state(self) -> tuple:
        return (tuple(self.available.items()), tuple(self.partial.items()), self.present, self.static_not,
                tuple((m, k, bits) for (m, k), bits in self.counts.items()))

    @classmethod
    def restore(cls, state: tuple, every: int) -> _PlatformIndex:
        available, partial, present, static_not, counts = state
        index = cls()
        index.available = {int(m): _bits(b, every) for m, b in available}
        index.partial = {int(m): _bits(b, every) for m, b in partial}
        index.present = _bits(present, every)
        index.static_not = _bits(static_not, every)
        index.counts = {(int(m), int(k)): _bits(b, every) for m, k, b in counts}
        return index


def _bits(value: object, every: int) -> int:
    """A row set read back from the parse cache: an int within the catalog's rows."""
    if type(value) is not int or value < 0 or value & ~every:
        raise ValueError("not a row set of this catalog")
    return value


def _add(planes: list[int], bits: int) -> None:
    """Add 1 for every row in ``bits`` to a bit-sliced counter (``planes[i]``: the rows whose
    count has bit ``i`` set)."""
    carry = bits
    for i, plane in enumerate(planes):
        if not carry:
            return
        planes[i], carry = plane ^ carry, plane & carry
    if carry:
        planes.append(carry)


def _at_least(planes: list[int], h: int, every: int) -> int:
    """The rows whose bit-sliced count is at least ``h``."""
    if h >= 1 << len(planes):
        return 0
    greater, equal = 0, every
    for i in range(len(planes) - 1, -1, -1):
        if (h >> i) & 1:
            equal &= planes[i]
        else:
            greater |= equal & planes[i]
            equal &= ~planes[i]
    return greater | equal


def _row_bytes(bits: int, size: int, value: int) -> int:
    """``bits`` as one byte per row (``value`` where set, 0 elsewhere), read as an int."""
    text = bin(bits)[:1:-1].ljust(size, "0")  # least significant (row 0) first
    return int.from_bytes(text.encode("ascii").translate(_BYTE_TABLES[value]), "little")


_BYTE_TABLES = [bytes((value if c == 0x31 else 0) for c in range(256)) for value in range(256)]
_ONE_WHERE_ZERO = bytes([1] + list(range(1, 256)))


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


#: The name of the comparison's row sets in the parse cache entry (``Catalog.derived``), and
#: the version of their layout.
ROWS_KEY = "rows"
ROWS_VERSION = 1


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
        self._index: dict[str, _PlatformIndex] = {}
        self.multi_bits = 0
        self.all_bits = (1 << len(self.capabilities)) - 1
        state = catalog.derived.get(ROWS_KEY)
        if state is None or not self._restore(state):
            with paused_gc():
                state = self._build()
            self._restore(state)
            catalog_cache.remember(catalog, ROWS_KEY, state)

    def mask_of(self, av: Availability) -> int:
        key = (av.environments, av.clients)
        mask = self._masks.get(key)
        if mask is None:
            mask = self._masks[key] = combo_mask(av.environments, av.clients)
        return mask

    def _build(self) -> tuple:
        """The row sets as plain data (what the parse cache keeps)."""
        size = len(self.capabilities)
        platform_ids = self.catalog.platform_ids
        rows: dict[tuple[str, str, int], list[int]] = {}  # (kind of set, platform, key) → rows
        counts: dict[tuple[str, int, int], list[int]] = {}
        multi: list[int] = []
        points_of, mask_of = self.catalog.points_of, self.mask_of
        available, partial, not_available = Status.AVAILABLE, Status.PARTIAL, Status.NOT_AVAILABLE
        known = set(platform_ids)
        for index, capability in enumerate(self.capabilities):
            seen: dict[str, dict[int, int]] = {}  # platform → mask → present entries
            mentioned: set[str] = set()  # platforms with any entry
            nots: set[str] = set()  # platforms with a not-available entry
            for point in points_of(capability.id):
                for av in point.availability:
                    pid, status = av.platform, av.status
                    if pid not in known:
                        continue
                    mentioned.add(pid)
                    if status is available or status is partial:
                        mask = mask_of(av)
                        rows.setdefault(("a" if status is available else "p", pid, mask), []).append(index)
                        mine = seen.setdefault(pid, {})
                        k = mine.get(mask, 0)
                        mine[mask] = k + 1
                        counts.setdefault((pid, mask, k), []).append(index)
                    elif status is not_available:
                        nots.add(pid)
            for pid in seen:
                rows.setdefault(("present", pid, 0), []).append(index)
            for av in capability.elsewhere:  # what platforms none of its points mention say
                if av.status is not_available and av.platform not in mentioned:
                    nots.add(av.platform)
            for pid in nots:
                if pid not in seen and pid in known:
                    rows.setdefault(("not", pid, 0), []).append(index)
            if any(sum(mine.values()) > 1 for mine in seen.values()):
                multi.append(index)
        per_platform = []
        for pid in platform_ids:
            index = _PlatformIndex()
            for (kind, p, key), indices in rows.items():
                if p != pid:
                    continue
                bits = bits_from(indices, size)
                if kind == "a":
                    index.available[key] = bits
                elif kind == "p":
                    index.partial[key] = bits
                elif kind == "present":
                    index.present = bits
                else:
                    index.static_not = bits
            for (p, mask, k), indices in counts.items():
                if p == pid:
                    index.counts[(mask, k)] = bits_from(indices, size)
            per_platform.append(index.state())
        return (ROWS_VERSION, size, platform_ids, tuple(per_platform), bits_from(multi, size))

    def _restore(self, state: object) -> bool:
        """Take the row sets from ``state`` (plain data from :meth:`_build`, maybe read back
        from the parse cache); False, changing nothing, when it is not this catalog's."""
        try:
            version, size, platform_ids, per_platform, multi = state  # type: ignore[misc]
            if version != ROWS_VERSION or size != len(self.capabilities) or (
                tuple(platform_ids) != self.catalog.platform_ids or len(per_platform) != len(platform_ids)
            ):
                return False
            every = self.all_bits
            index = {pid: _PlatformIndex.restore(part, every) for pid, part in zip(platform_ids, per_platform)}
            multi_bits = _bits(multi, every)
        except (TypeError, ValueError):
            return False
        self._index, self.multi_bits = index, multi_bits
        return True

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
        ``mask``: the most points any of those platforms shows in it, at least 1.

        Computed on the row sets with a bit-sliced counter per platform (a few dozen big-int
        operations), so it costs the same for 100 rows as for 100,000; turning it into one
        byte per row is C-speed string work."""
        size, every = len(self.capabilities), self.all_bits
        at_least: dict[int, int] = {}  # h → rows where some platform shows ≥ h points
        for pid in platform_ids:
            planes: list[int] = []
            for (m, _k), bits in self._index[pid].counts.items():
                if m & mask:
                    _add(planes, bits)
            h = 2
            while True:
                rows = _at_least(planes, h, every)
                if not rows:
                    break
                at_least[h] = at_least.get(h, 0) | rows
                h += 1
        if not at_least:
            return b"\x01" * size
        tallest = max(at_least)
        if tallest > 255:  # more than a byte can say: the slow way
            heights = [1] * size
            for h in sorted(at_least):
                for i in indices_of(at_least[h]):
                    heights[i] = h
            return heights
        packed = 0
        for h, rows in at_least.items():
            exact = rows & ~at_least.get(h + 1, 0)
            if exact:
                packed |= _row_bytes(exact, size, h)
        return packed.to_bytes(size, "little").translate(_ONE_WHERE_ZERO)

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
