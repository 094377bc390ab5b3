"""The format-neutral report: what every export format (Markdown, CSV, JSON, HTML) holds.

A :class:`Report` is built from a :class:`~explorer.core.view.View` (the current view), from
the whole catalog (everything), or from a shortlist of bookmarked points. Renderers only
format it; they never look at the catalog again, so every format shows the same facts.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Protocol

from explorer import __version__
from explorer.core.compare import OUTCOME_TITLES, Cell, CellState, Comparison, Entry, ComparisonIndex, Row
from explorer.core.filters import Filters
from explorer.core.model import (
    CLIENTS,
    ENVIRONMENTS,
    Availability,
    Capability,
    Catalog,
    Platform,
    Point,
    Status,
)
from explorer.core.view import View

SCHEMA_VERSION = 1
TOOL = "so-explorer"
#: How many hex characters of the catalog's content hash a report shows.
HASH_CHARS = 16
#: Report scopes → how the header names them.
SCOPES = {
    "view": "current view",
    "all": "everything",
    "shortlist": "shortlist",
}
OUTCOMES: tuple[str, ...] = ("all", "some", "none")
LEGEND: tuple[Status, ...] = (Status.AVAILABLE, Status.PARTIAL, Status.NOT_AVAILABLE, Status.UNKNOWN)
LEGEND_NOTES = {
    Status.AVAILABLE: "the platform has it",
    Status.PARTIAL: "the platform has part of it, or with limits",
    Status.NOT_AVAILABLE: "the platform does not have it, or not for the chosen filters",
    Status.UNKNOWN: "not documented either way; never read it as no",
}


class ReportError(Exception):
    """A report that cannot be made or written; the message is one line for the user."""


def generated_at(environ: Mapping[str, str] | None = None, now: datetime | None = None) -> str:
    """The report time in UTC ISO-8601; ``SOURCE_DATE_EPOCH`` (seconds) fixes it."""
    environ = os.environ if environ is None else environ
    epoch = (environ.get("SOURCE_DATE_EPOCH") or "").strip()
    if epoch:
        try:
            moment = datetime.fromtimestamp(int(epoch), timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise ReportError(
                f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, not {epoch[:40]!r}"
            ) from None
    else:
        moment = now or datetime.now(timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Header:
    tool: str
    version: str
    catalog_id: str
    catalog_name: str
    catalog_version: str
    #: The full sha256 of the catalog files (see :attr:`short_hash` for display).
    catalog_hash: str
    generated_at: str
    scope: str
    query: str
    filters: Filters
    differences: bool
    platforms: tuple[Platform, ...]
    #: The shortlist's name, for a shortlist report.
    shortlist: str = ""

    @property
    def short_hash(self) -> str:
        return self.catalog_hash[:HASH_CHARS]

    @property
    def scope_title(self) -> str:
        return SCOPES.get(self.scope, self.scope)

    @property
    def filters_text(self) -> str:
        return self.filters.describe()

    @property
    def catalog_label(self) -> str:
        return f"{self.catalog_name} {self.catalog_version}"


@dataclass(frozen=True)
class PointRef:
    """An integration point as it appears in one platform's cell."""

    point: Point
    availability: Availability

    @property
    def status(self) -> Status:
        return self.availability.status

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
    def status(self) -> Status:
        """What the report shows: filtered counts as not available."""
        return self.state.status

    @property
    def filtered(self) -> bool:
        return self.state is CellState.FILTERED

    @property
    def label(self) -> str:
        """Symbol and word, e.g. "✓ available" or "✗ not available (filtered: onsite only)"."""
        text = f"{self.status.symbol} {self.status.word}"
        if self.filtered:
            text += f" (filtered: {self.filtered_reason})"
        return text


@dataclass(frozen=True)
class ReportRow:
    capability: Capability
    outcome: str
    cells: tuple[ReportCell, ...]


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


def _refs(entries: Iterable[Entry]) -> tuple[PointRef, ...]:
    return tuple(PointRef(e.point, e.availability) for e in entries)


def _cell(cell: Cell, platform: Platform, filters: Filters) -> ReportCell:
    reason = cell.filtered_reason(filters) if cell.state is CellState.FILTERED else ""
    return ReportCell(platform, cell.state, _refs(cell.entries), _refs(cell.filtered), cell.note, reason)


def _rows(comparison: Comparison, rows: Iterable[Row]) -> tuple[ReportRow, ...]:
    platforms = {p.id: p for p in comparison.platforms}
    filters = comparison.filters
    return tuple(
        ReportRow(
            row.capability,
            row.outcome,
            tuple(_cell(cell, platforms[cell.platform], filters) for cell in row.cells),
        )
        for row in rows
    )


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
    )


def report_from_view(catalog: Catalog, view: View, timestamp: str | None = None) -> Report:
    """The current view: its filters, query and differences mode, rows in display order."""
    comparison = view.comparison
    rows = _rows(comparison, view.rows)
    header = _header(
        catalog, comparison, "view", timestamp, view.spec.query.strip(), view.spec.differences
    )
    return Report(header, _groups(rows), _sections(comparison, rows))


def report_everything(
    catalog: Catalog, platforms: Sequence[str] | None = None, timestamp: str | None = None
) -> Report:
    """Every capability row of the catalog, without filters or query."""
    comparison = ComparisonIndex(catalog).compare(tuple(platforms or catalog.platform_ids), Filters())
    rows = _rows(comparison, comparison.rows)
    header = _header(catalog, comparison, "all", timestamp)
    return Report(header, _groups(rows), _sections(comparison, rows))


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
) -> Report:
    """The bookmarked points with their notes, plus the comparison rows they sit on."""
    items = shortlist_items(catalog, bookmarks)
    wanted = {item.point.capability for item in items if item.point is not None}
    comparison = ComparisonIndex(catalog).compare(tuple(platforms or catalog.platform_ids), filters or Filters())
    rows = _rows(comparison, (r for r in comparison.rows if r.capability.id in wanted))
    header = _header(catalog, comparison, "shortlist", timestamp, shortlist=name)
    return Report(header, _groups(rows), _sections(comparison, rows), items)
