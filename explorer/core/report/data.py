"""The format-neutral report: what every export format (Markdown, CSV, JSON, HTML) holds.

A :class:`Report` is built from a :class:`~explorer.core.view.View` (the current view), from
the whole catalog (everything), or from a shortlist of bookmarked points. Renderers only
format it; they never look at the catalog again, so every format shows the same facts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from explorer import __version__
from explorer.core.compare import (
    OUTCOME_TITLES,
    Cell,
    CellState,
    Comparison,
    ComparisonIndex,
    Entry,
    Row,
)
from explorer.core.filters import (
    FILTERED_SYMBOL,
    FILTERED_WORD,
    Filters,
    filtered_label,
    why_filtered,
)
from explorer.core.model import (
    CLIENTS,
    ENVIRONMENTS,
    Availability,
    Capability,
    Catalog,
    Lifecycle,
    Platform,
    Point,
    Status,
)
from explorer.core.report.header import (
    HASH_CHARS,
    SCOPES,
    TOOL,
    Header,
    ReportError,
    footer_line,
    generated_at,
    platform_title,
)
from explorer.core.report.point_notes import (
    PointNotes,
    RequirementNote,
    applying,
    requirements_of,
    warnings_of,
)
from explorer.core.view import View

__all__ = [  # the header's names, kept importable from here
    "HASH_CHARS", "SCOPES", "TOOL", "Header", "ReportError", "footer_line", "generated_at", "platform_title",
]

#: 2: filtered cells have status "filtered"; points carry caveats, requirements and warnings;
#: capabilities their lifecycle; the header a title and the catalog's checked date.
SCHEMA_VERSION = 2
OUTCOMES: tuple[str, ...] = ("all", "some", "none")
#: What a cell can show, in legend order. Filtered is never "not available": the platform
#: has it, only not for the chosen environments or clients.
LEGEND: tuple[CellState, ...] = (
    CellState.AVAILABLE, CellState.PARTIAL, CellState.FILTERED, CellState.NOT_AVAILABLE, CellState.UNKNOWN,
)
LEGEND_NOTES = {
    CellState.AVAILABLE: "the platform has it",
    CellState.PARTIAL: "the platform has part of it, or with limits",
    CellState.FILTERED: "the platform has it, but not for the chosen environments or clients (the reason follows)",
    CellState.NOT_AVAILABLE: "the platform does not have it",
    CellState.UNKNOWN: "not documented either way; never read it as no",
}


def state_symbol(state: CellState) -> str:
    """✓ ◐ – ✗ ?: the mark of a cell state (filtered as the app shows it)."""
    return FILTERED_SYMBOL if state is CellState.FILTERED else Status(state.value).symbol


def state_word(state: CellState) -> str:
    return FILTERED_WORD if state is CellState.FILTERED else Status(state.value).word


@dataclass(frozen=True)
class PointRef:
    """An integration point as it appears in one platform's cell."""

    point: Point
    availability: Availability
    #: The point's requirements that apply on this platform (in the shown environments).
    requires: tuple[RequirementNote, ...] = ()
    #: The point's lifecycle statements that warn.
    warnings: tuple[Lifecycle, ...] = ()

    @property
    def status(self) -> Status:
        return self.availability.status

    @property
    def has_notes(self) -> bool:
        """Caveats or requirements (here) that the report's notes tell."""
        return bool(self.point.caveats or self.requires)

    def limits(self, platform: Platform) -> tuple[str, ...]:
        """Where the point is narrower than its platform, e.g. ("onsite only",)."""
        return restrictions(self.availability, platform)


def restrictions(av: Availability, platform: Platform) -> tuple[str, ...]:
    out = []
    if av.environments and set(av.environments) < set(platform.environments):
        out.append(" + ".join(_ordered(av.environments, ENVIRONMENTS)) + " only")
    if av.clients and set(av.clients) < set(platform.clients):
        out.append(" + ".join(_ordered(av.clients, CLIENTS)) + " client only")
    return tuple(out)


@dataclass(frozen=True)
class ReportCell:
    platform: Platform
    state: CellState
    #: The points that show under the filters.
    points: tuple[PointRef, ...]
    #: Points the platform has, hidden by the filters (a FILTERED cell has only these).
    hidden: tuple[PointRef, ...] = ()
    note: str = ""
    #: Why a FILTERED cell is empty, e.g. "onsite only".
    filtered_reason: str = ""

    @property
    def key(self) -> str:
        """The machine-readable status: available, partial, filtered, not-available, unknown."""
        return self.state.value

    @property
    def filtered(self) -> bool:
        return self.state is CellState.FILTERED

    @property
    def label(self) -> str:
        """Symbol and word as the app shows them: "✓ available", "– filtered (onsite only)"."""
        if self.filtered:
            return filtered_label(self.filtered_reason)
        return f"{state_symbol(self.state)} {state_word(self.state)}"


@dataclass(frozen=True)
class ReportRow:
    capability: Capability
    outcome: str
    cells: tuple[ReportCell, ...]

    @property
    def warnings(self) -> tuple[Lifecycle, ...]:
        """The capability's lifecycle statements that warn (e.g. the SOAP phase-out)."""
        return warnings_of(self.capability.lifecycle)


@dataclass(frozen=True)
class Group:
    outcome: str
    title: str
    rows: tuple[ReportRow, ...]


@dataclass(frozen=True)
class PlatformSection:
    platform: Platform
    #: Why the filters leave this platform nothing to show ("" when they don't).
    dimmed: str = ""
    #: Points shown for the platform in the report's rows.
    shown: int = 0


class BookmarkLike(Protocol):
    """A bookmarked (point, platform) pair with the user's note (``explorer.core.bookmarks.Bookmark``)."""

    point: str
    platform: str
    note: str


@dataclass(frozen=True)
class ShortlistItem:
    point_id: str
    platform_id: str
    note: str
    #: None when the catalog no longer has the point (or the platform).
    point: Point | None
    platform: Platform | None
    capability: Capability | None
    availability: Availability | None

    @property
    def status(self) -> Status:
        return self.availability.status if self.availability else Status.UNKNOWN

    @property
    def missing(self) -> bool:
        return self.point is None or self.platform is None


@dataclass(frozen=True)
class Report:
    header: Header
    groups: tuple[Group, ...]
    platforms: tuple[PlatformSection, ...]
    #: The bookmarked points, for a shortlist report (None otherwise).
    shortlist: tuple[ShortlistItem, ...] | None = None
    #: Every point the report lists, once, in report order, with its caveats, requirements
    #: and lifecycle warnings.
    notes: tuple[PointNotes, ...] = ()

    @property
    def rows(self) -> tuple[ReportRow, ...]:
        return tuple(row for group in self.groups for row in group.rows)

    @property
    def empty(self) -> bool:
        """Nothing matched: no rows (and no bookmarks, for a shortlist)."""
        if self.shortlist is not None:
            return not self.shortlist
        return not any(group.rows for group in self.groups)


# --- building -------------------------------------------------------------------------


def _ordered(values: Iterable[str], order: tuple[str, ...]) -> tuple[str, ...]:
    seen = set(values)
    return tuple(v for v in order if v in seen) + tuple(sorted(seen - set(order)))


class _Builder:
    """Builds the report parts of one comparison; resolves each point's requirements once."""

    def __init__(self, catalog: Catalog, comparison: Comparison) -> None:
        self.catalog = catalog
        self.comparison = comparison
        self.platforms = {p.id: p for p in comparison.platforms}
        self._requires: dict[str, tuple[RequirementNote, ...]] = {}

    def requires(self, point: Point) -> tuple[RequirementNote, ...]:
        found = self._requires.get(point.id)
        if found is None:
            found = self._requires[point.id] = requirements_of(self.catalog, point)
        return found

    def ref(self, entry: Entry | PointRef) -> PointRef:
        av, point = entry.availability, entry.point
        shown = self.comparison.filters.environments
        envs = tuple(e for e in av.environments if e in shown) or av.environments
        requires = applying(self.requires(point), av.platform, envs)
        return PointRef(point, av, requires, warnings_of(point.lifecycle))

    def cell(self, cell: Cell) -> ReportCell:
        filters = self.comparison.filters
        reason = cell.filtered_reason(filters) if cell.state is CellState.FILTERED else ""
        return ReportCell(
            self.platforms[cell.platform], cell.state,
            tuple(self.ref(e) for e in cell.entries), tuple(self.ref(e) for e in cell.filtered),
            cell.note, reason,
        )

    def rows(self, rows: Iterable[Row]) -> tuple[ReportRow, ...]:
        return tuple(ReportRow(row.capability, row.outcome, tuple(self.cell(c) for c in row.cells)) for row in rows)

    def notes(self, rows: Sequence[ReportRow], items: Sequence[ShortlistItem] = ()) -> tuple[PointNotes, ...]:
        """Each listed point once (bookmarked points first), with the platforms it shows on."""
        order: dict[str, Point] = {}
        shown_on: dict[str, list[str]] = {}
        for item in items:
            if item.point is not None and item.platform is not None:
                order.setdefault(item.point.id, item.point)
                shown_on.setdefault(item.point.id, []).append(item.platform.id)
        for row in rows:
            for cell in row.cells:
                for ref in cell.points:
                    order.setdefault(ref.point.id, ref.point)
                    shown_on.setdefault(ref.point.id, []).append(cell.platform.id)
        column = {pid: i for i, pid in enumerate(self.catalog.platform_ids)}
        out = []
        for pid, point in order.items():
            try:
                capability: Capability | None = self.catalog.capability(point.capability)
            except KeyError:
                capability = None
            platforms = sorted(set(shown_on[pid]), key=lambda p: column.get(p, len(column)))
            envs = tuple(self.comparison.filters.environments)
            requires = tuple(  # those that apply where the report shows the point
                r for r in self.requires(point) if any(applying((r,), p, envs) for p in platforms)
            )
            out.append(PointNotes(
                point, capability,
                tuple(self.catalog.platform(p) for p in platforms if self.catalog.has_platform(p)),
                point.caveats, requires, warnings_of(point.lifecycle),
                warnings_of(capability.lifecycle) if capability else (),
            ))
        return tuple(out)


def _groups(rows: Sequence[ReportRow]) -> tuple[Group, ...]:
    """Rows grouped by outcome (all, some, none), keeping their order; empty groups left out."""
    return tuple(
        Group(outcome, OUTCOME_TITLES[outcome], tuple(r for r in rows if r.outcome == outcome))
        for outcome in OUTCOMES
        if any(r.outcome == outcome for r in rows)
    )


def _sections(comparison: Comparison, rows: Sequence[ReportRow]) -> tuple[PlatformSection, ...]:
    shown = {p.id: 0 for p in comparison.platforms}
    for row in rows:
        for cell in row.cells:
            shown[cell.platform.id] += len(cell.points)
    return tuple(
        PlatformSection(p, comparison.dimmed.get(p.id, ""), shown[p.id]) for p in comparison.platforms
    )


def _header(
    catalog: Catalog,
    comparison: Comparison,
    scope: str,
    timestamp: str | None,
    query: str = "",
    differences: bool = False,
    shortlist: str = "",
    title: str = "",
) -> Header:
    info = catalog.info
    return Header(
        tool=TOOL,
        version=__version__,
        catalog_id=info.id,
        catalog_name=info.name,
        catalog_version=info.version,
        catalog_hash=catalog.content_hash,
        generated_at=timestamp or generated_at(),
        scope=scope,
        query=query,
        filters=comparison.filters,
        differences=differences,
        platforms=comparison.platforms,
        shortlist=shortlist,
        title=title,
        catalog_checked=info.checked,
        dimmed={
            p.id: why_filtered(p.environments, p.clients, comparison.filters)
            for p in comparison.platforms if p.id in comparison.dimmed
        },
    )


def report_from_view(catalog: Catalog, view: View, timestamp: str | None = None, title: str = "") -> Report:
    """The current view: its filters, query and differences mode, rows in display order."""
    comparison = view.comparison
    build = _Builder(catalog, comparison)
    rows = build.rows(view.rows)
    header = _header(
        catalog, comparison, "view", timestamp, view.spec.query.strip(), view.spec.differences, title=title
    )
    return Report(header, _groups(rows), _sections(comparison, rows), notes=build.notes(rows))


def report_everything(
    catalog: Catalog, platforms: Sequence[str] | None = None, timestamp: str | None = None, title: str = ""
) -> Report:
    """Every capability row of the catalog, without filters or query."""
    comparison = ComparisonIndex(catalog).compare(tuple(platforms or catalog.platform_ids), Filters())
    build = _Builder(catalog, comparison)
    rows = build.rows(comparison.rows)
    header = _header(catalog, comparison, "all", timestamp, title=title)
    return Report(header, _groups(rows), _sections(comparison, rows), notes=build.notes(rows))


def shortlist_items(catalog: Catalog, bookmarks: Iterable[BookmarkLike]) -> tuple[ShortlistItem, ...]:
    items = []
    for mark in bookmarks:
        point = catalog.find_point(mark.point)
        platform = catalog.platform(mark.platform) if catalog.has_platform(mark.platform) else None
        capability = None
        if point is not None:
            try:
                capability = catalog.capability(point.capability)
            except KeyError:
                capability = None
        availability = point.on(mark.platform) if point is not None else None
        items.append(ShortlistItem(mark.point, mark.platform, mark.note, point, platform, capability, availability))
    return tuple(items)


def report_shortlist(
    catalog: Catalog,
    bookmarks: Iterable[BookmarkLike],
    name: str,
    platforms: Sequence[str] | None = None,
    filters: Filters | None = None,
    timestamp: str | None = None,
    title: str = "",
) -> Report:
    """The bookmarked points with their notes, plus the comparison rows they sit on."""
    items = shortlist_items(catalog, bookmarks)
    wanted = {item.point.capability for item in items if item.point is not None}
    comparison = ComparisonIndex(catalog).compare(tuple(platforms or catalog.platform_ids), filters or Filters())
    build = _Builder(catalog, comparison)
    rows = build.rows(r for r in comparison.rows if r.capability.id in wanted)
    header = _header(catalog, comparison, "shortlist", timestamp, shortlist=name, title=title)
    return Report(header, _groups(rows), _sections(comparison, rows), items, build.notes(rows, items))
