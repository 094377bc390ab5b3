"""A view: what the explorer shows (and a "current view" report holds).

It combines a :class:`~explorer.core.compare.Comparison` (platforms × filters) with a search
result and differences-only mode into the visible rows, in display order, with counts.
:func:`build_view` is the one way to make a view (the app and ``export`` both call it); a
:class:`ViewCache` keeps the per-(platforms, filters) work between keystrokes.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import compress, repeat
from operator import and_, rshift
from typing import Any, Protocol

from explorer.core.compare import Comparison, ComparisonIndex, RowSeq
from explorer.core.filters import Filters
from explorer.core.model import Catalog, Status
from explorer.core.util.bitsets import bits_from, indices_of

Span = tuple[int, int]


class HitLike(Protocol):
    point: object
    platform: str
    score: float
    name_spans: tuple[Span, ...]
    #: What the query's words were read as ("notify → events"), for the detail panel.
    explain: tuple[str, ...]


class PairHits(Protocol):
    """Search hits handed over as pair numbers (``explorer.core.search.Matches``): ``pairs``
    best first, the first ``exact_count`` with hit objects (``head``), the rest made on demand."""

    engine: Any
    pairs: Sequence[int]
    head: Sequence[HitLike]
    exact_count: int

    def __len__(self) -> int: ...

    def __getitem__(self, k: int) -> HitLike: ...


#: Pair table values: ``row << ROW_SHIFT | platform << 4 | filter mask`` (0: not shown).
ROW_SHIFT = 12
_LOW = (1 << ROW_SHIFT) - 1


@dataclass(frozen=True, slots=True)
class PairTable:
    """Where each pair number of a search engine's index shows in a comparison index (see
    :func:`pair_table`)."""

    #: Pair number → ``row << ROW_SHIFT | platform position << 4 | the entry's filter mask``,
    #: or 0 when the pair shows no point (an unknown availability is a hit, not an entry).
    packed: list[int]
    #: Pair number → its row (0 where ``packed`` is 0).
    rows: list[int]


def pair_table(index: ComparisonIndex, engine: Any) -> PairTable:
    """For every pair number of ``engine``'s search index, where that pair shows in the
    comparison. One pass over the points; the app makes it in the background once the search
    index is built."""
    search = engine.index
    platform_ids, pair_platform, point_pairs = search.platform_ids, search.pair_platform, search.point_pairs
    position = {pid: i for i, pid in enumerate(index.catalog.platform_ids)}
    row_of, mask_of = index.row_of_capability, index.mask_of
    present = (Status.AVAILABLE, Status.PARTIAL)
    table = [0] * len(pair_platform)
    for rank, point in enumerate(search.points):
        row = row_of.get(point.capability)
        pairs = point_pairs[rank]
        if row is None or not pairs:
            continue
        by_platform = {av.platform: av for av in point.availability}
        for j in pairs:
            pid = platform_ids[pair_platform[j]]
            av = by_platform.get(pid)
            if av is not None and av.status in present and pid in position:
                table[j] = row << ROW_SHIFT | position[pid] << 4 | mask_of(av)
    return PairTable(table, list(map(rshift, table, repeat(ROW_SHIFT))))


class HitSeq(Sequence):
    """The hits a view shows, by pair number: a hit object is made when it is read (the
    exactly scored ones are kept as they came), so a view of 100,000 hits costs a list of
    numbers."""

    __slots__ = ("_engine", "_head", "pairs")

    def __init__(self, pairs: list[int], head: dict[int, HitLike], engine: Any) -> None:
        self.pairs = pairs
        self._head = head
        self._engine = engine

    def __len__(self) -> int:
        return len(self.pairs)

    def __getitem__(self, item):  # type: ignore[override]
        if isinstance(item, slice):
            return [self[k] for k in range(*item.indices(len(self.pairs)))]
        pair = self.pairs[item]
        found = self._head.get(pair)
        return found if found is not None else self._engine.plain_hit(pair)

    def __iter__(self) -> Iterator[HitLike]:
        for k in range(len(self.pairs)):
            yield self[k]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (HitSeq, tuple, list)):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def position(self, key: tuple[str, str]) -> int | None:
        """Where the hit of (point id, platform id) is, or None."""
        pair = self._engine.pair_of(*key)
        if pair is None:
            return None
        try:
            return self.pairs.index(pair)
        except ValueError:
            return None


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
    hits: Sequence[HitLike] = ()
    #: (point id, platform id) → character spans of the match in the point's name.
    highlights: dict[tuple[str, str], tuple[Span, ...]] = field(default_factory=dict)
    #: (point id, platform id) → what the query's words were read as for that hit
    #: ("notify → events"): synonyms and intents that matched.
    explanations: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)

    @property
    def match_count(self) -> int:
        return len(self.hits)

    @property
    def searching(self) -> bool:
        return bool(self.spec.query.strip())

    def step_hit(self, current: tuple[str, str] | None, step: int) -> tuple[str, str] | None:
        """The (point id, platform id) of the hit ``step`` away from ``current`` (wrapping);
        from no current hit, the first (or, going back, the last). None without hits."""
        hits = self.hits
        if not hits:
            return None
        if isinstance(hits, HitSeq):
            found = hits.position(current) if current is not None else None
        else:
            keys = [(h.point.id, h.platform) for h in hits]  # type: ignore[attr-defined]
            found = keys.index(current) if current in keys else None
        index = found + step if found is not None else (0 if step > 0 else -1)
        hit = hits[index % len(hits)]
        return hit.point.id, hit.platform  # type: ignore[attr-defined]

    @property
    def row_indices(self) -> Sequence[int]:
        """Indices of the shown rows in ``comparison.rows``."""
        return self.rows.indices

    def heights(self) -> list[int]:
        """Lines each shown row takes (1 unless a platform has several points in it)."""
        comparison = self.comparison
        indices = self.rows.indices
        if not comparison.index.multi_bits & comparison.present_bits:
            return [1] * len(indices)
        per_row = comparison.row_heights()
        if per_row is None:  # a kind facet: the rows say
            return [comparison.height(i) for i in indices]
        return list(map(per_row.__getitem__, indices))


class ViewBuilder:
    """Builds views quickly for one comparison; cache it while platforms and filters stay."""

    def __init__(self, index: ComparisonIndex, platforms: Sequence[str], filters: Filters) -> None:
        self.index = index
        self.comparison = index.compare(tuple(platforms), filters)
        self.present_indices = indices_of(self.comparison.present_bits)
        self._different: list[int] | None = None
        self.totals = self._counts(self.comparison.present_bits, self.present_indices)
        self._shown = frozenset(self.comparison.platform_ids)
        self._admitted: bytes | None = None
        #: (pair table, differences mode) → one byte per pair number: 1 when it shows here.
        self._pair_flags: tuple[PairTable, bool, bytes] | None = None

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

    def build(self, spec: ViewSpec, hits: Sequence[HitLike] | None = None, pairs: PairTable | None = None) -> View:
        """The view of ``spec`` with the search ``hits`` of its query. With ``pairs`` (the
        :func:`pair_table` of the hits' engine) and hits handed over as pair numbers
        (:class:`PairHits`), a keystroke costs a few C-speed passes over numbers; otherwise a
        loop over the hits."""
        comparison = self.comparison
        agree = comparison.agree_bits
        highlights: dict[tuple[str, str], tuple[Span, ...]] = {}
        explanations: dict[tuple[str, str], tuple[str, ...]] = {}
        visible_hits: list[HitLike] = []
        if (spec.query.strip() and hits is not None and pairs is not None and not comparison.filters.kinds
                and hasattr(hits, "pairs")):
            return self._build_pairs(spec, hits, pairs)  # type: ignore[arg-type]
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
                if hit.explain:
                    explanations[key] = hit.explain
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
        return View(spec, comparison, rows, counts, dict(self.totals), tuple(visible_hits), highlights,
                    explanations)

    def _shows(self, table: PairTable, differences: bool) -> bytes:
        """One byte per pair number: 1 when this builder's panes and filters (and differences
        mode) show the pair's entry. Made once per builder, table and mode, at C speed."""
        cached = self._pair_flags
        if cached is not None and cached[0] is table and cached[1] == differences:
            return cached[2]
        admitted = bytearray(_LOW + 1)
        mask = self.comparison.filters.mask
        for position, pid in enumerate(self.index.catalog.platform_ids):
            if pid in self._shown and position < 1 << (ROW_SHIFT - 4):
                for m in range(16):
                    if m & mask:
                        admitted[position << 4 | m] = 1
        flags = bytes(map(admitted.__getitem__, map(and_, table.packed, repeat(_LOW))))
        if differences:
            different = _row_flags(self._different_indices(), len(self.index.capabilities))
            flags = bytes(map(and_, flags, map(different.__getitem__, table.rows)))
        self._pair_flags = (table, differences, flags)
        return flags

    def _different_indices(self) -> list[int]:
        if self._different is None:
            comparison = self.comparison
            self._different = indices_of(comparison.present_bits & ~comparison.agree_bits)
        return self._different

    def _build_pairs(self, spec: ViewSpec, hits: PairHits, table: PairTable) -> View:
        """:meth:`build` for hits handed over as pair numbers: the same view, from two C-speed
        passes (``compress``, then ``dict.fromkeys``) over the numbers."""
        comparison = self.comparison
        pairs = hits.pairs
        kept_pairs = list(compress(pairs, map(self._shows(table, spec.differences).__getitem__, pairs)))
        indices: list[int] = list(dict.fromkeys(map(table.rows.__getitem__, kept_pairs)))  # best hit first
        size = len(self.index.capabilities)
        counts = self._counts(_bits_of_rows(indices, size), indices)
        head: dict[int, HitLike] = {}
        highlights: dict[tuple[str, str], tuple[Span, ...]] = {}
        explanations: dict[tuple[str, str], tuple[str, ...]] = {}
        if hits.exact_count:
            scored = dict(zip(pairs[: hits.exact_count], hits.head))
            for pair in kept_pairs[: hits.exact_count]:  # the scored hits come first
                hit = scored.get(pair)
                if hit is None:
                    break
                head[pair] = hit
                key = (hit.point.id, hit.platform)  # type: ignore[attr-defined]
                if hit.name_spans:
                    highlights[key] = hit.name_spans
                if hit.explain:
                    explanations[key] = hit.explain
        visible = HitSeq(kept_pairs, head, hits.engine)
        return View(spec, comparison, RowSeq(comparison, indices), counts, dict(self.totals), visible, highlights,
                    explanations)


def _row_flags(indices: Sequence[int], size: int) -> bytes:
    """One byte per row: 1 for the rows in ``indices``."""
    wanted = set(indices)
    return bytes(map(wanted.__contains__, range(size)))


_ASCII_BITS = bytes.maketrans(b"\x00\x01", b"01")


def _bits_of_rows(indices: Sequence[int], size: int) -> int:
    """``bits_from`` at C speed: a byte per row, read as a binary number."""
    if not indices:
        return 0
    text = _row_flags(indices, size).translate(_ASCII_BITS)
    return int(text[::-1], 2)


class ViewCache:
    """The builders of the last few (platforms, filters) combinations, newest last."""

    def __init__(self, index: ComparisonIndex, size: int = 8) -> None:
        self.index = index
        self.size = size
        self._builders: OrderedDict[tuple[tuple[str, ...], Filters], ViewBuilder] = OrderedDict()
        self._pairs: tuple[object, PairTable] | None = None
        self._pairs_lock = threading.Lock()

    def pair_table(self, engine: Any) -> PairTable:
        """The :func:`pair_table` of ``engine`` (made once; thread-safe, so a background
        thread may make it ahead of the first keystroke)."""
        with self._pairs_lock:
            if self._pairs is None or self._pairs[0] is not engine:
                self._pairs = (engine, pair_table(self.index, engine))
            return self._pairs[1]

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
    if not spec.query.strip():
        return builder.build(spec)
    engine = getattr(hits, "engine", None)
    if engine is not None and hasattr(hits, "pairs") and len(index.catalog.platform_ids) < 1 << (ROW_SHIFT - 4):
        table = cache.pair_table(engine) if cache is not None else pair_table(index, engine)
        return builder.build(spec, hits, table)
    return builder.build(spec, hits)
