"""Row sets: per platform, which capability rows hold what, as Python integers used as bit sets
(bit ``i`` = row ``i``; see :mod:`explorer.core.util.bitsets`).

For each platform: the rows with an available entry for each environment × client filter
mask, the rows with a partial one, the rows with any present entry, the rows that say "not
available", and bit-sliced counts of entries per mask (how tall a row is). Built in one pass
over the catalog, kept as plain data in the parse cache next to the catalog (so a warm start
builds nothing), and read back only after checking that they belong to this catalog.
:class:`explorer.core.compare.ComparisonIndex` answers every comparison from them."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from explorer.core.model import Availability, Catalog, Status
from explorer.core.util.bitsets import (
    ONE_WHERE_ZERO,
    add_to_counter,
    bits_from,
    count_at_least,
    indices_of,
    row_bytes,
)

#: The name of the row sets in the parse cache entry (``Catalog.derived``), and the version of
#: their layout.
ROWS_KEY = "rows"
ROWS_VERSION = 1


class PlatformRowSets:
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
    def restore(cls, state: tuple, every: int) -> PlatformRowSets:
        available, partial, present, static_not, counts = state
        sets = cls()
        sets.available = {int(m): _bits(b, every) for m, b in available}
        sets.partial = {int(m): _bits(b, every) for m, b in partial}
        sets.present = _bits(present, every)
        sets.static_not = _bits(static_not, every)
        sets.counts = {(int(m), int(k)): _bits(b, every) for m, k, b in counts}
        return sets


def _bits(value: object, every: int) -> int:
    """A row set read back from the parse cache: an int within the catalog's rows."""
    if type(value) is not int or value < 0 or value & ~every:
        raise ValueError("not a row set of this catalog")
    return value


def build_row_sets(catalog: Catalog, mask_of: Callable[[Availability], int]) -> tuple:
    """The row sets of ``catalog`` (rows in capability order) as plain data: what the parse
    cache keeps and :func:`restore_row_sets` reads."""
    capabilities = catalog.capabilities
    size = len(capabilities)
    platform_ids = catalog.platform_ids
    rows: dict[tuple[str, str, int], list[int]] = {}  # (kind of set, platform, key) → rows
    counts: dict[tuple[str, int, int], list[int]] = {}
    multi: list[int] = []
    points_of = catalog.points_of
    available, partial, not_available = Status.AVAILABLE, Status.PARTIAL, Status.NOT_AVAILABLE
    known = set(platform_ids)
    for index, capability in enumerate(capabilities):
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
        sets = PlatformRowSets()
        for (kind, p, key), indices in rows.items():
            if p != pid:
                continue
            bits = bits_from(indices, size)
            if kind == "a":
                sets.available[key] = bits
            elif kind == "p":
                sets.partial[key] = bits
            elif kind == "present":
                sets.present = bits
            else:
                sets.static_not = bits
        for (p, mask, k), indices in counts.items():
            if p == pid:
                sets.counts[(mask, k)] = bits_from(indices, size)
        per_platform.append(sets.state())
    return (ROWS_VERSION, size, platform_ids, tuple(per_platform), bits_from(multi, size))


def restore_row_sets(state: object, catalog: Catalog) -> tuple[dict[str, PlatformRowSets], int] | None:
    """(platform id → its row sets, the rows where a platform has several points) from
    ``state`` (plain data from :func:`build_row_sets`, maybe read back from the parse cache);
    None when it is not this catalog's."""
    try:
        version, size, platform_ids, per_platform, multi = state  # type: ignore[misc]
        if version != ROWS_VERSION or size != len(catalog.capabilities) or (
            tuple(platform_ids) != catalog.platform_ids or len(per_platform) != len(platform_ids)
        ):
            return None
        every = (1 << size) - 1
        sets = {pid: PlatformRowSets.restore(part, every) for pid, part in zip(platform_ids, per_platform)}
        return sets, _bits(multi, every)
    except (TypeError, ValueError):
        return None


def row_heights(sets: dict[str, PlatformRowSets], platform_ids: Sequence[str], mask: int, size: int) -> Sequence[int]:
    """Lines each row takes (by row index) with ``platform_ids`` shown under the filter
    ``mask``: the most points any of those platforms shows in it, at least 1.

    Computed on the row sets with a bit-sliced counter per platform (a few dozen big-int
    operations), so it costs the same for 100 rows as for 100,000; turning it into one byte
    per row is C-speed string work."""
    every = (1 << size) - 1
    at_least: dict[int, int] = {}  # h → rows where some platform shows ≥ h points
    for pid in platform_ids:
        planes: list[int] = []
        for (m, _k), bits in sets[pid].counts.items():
            if m & mask:
                add_to_counter(planes, bits)
        h = 2
        while True:
            rows = count_at_least(planes, h, every)
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
            packed |= row_bytes(exact, size, h)
    return packed.to_bytes(size, "little").translate(ONE_WHERE_ZERO)
