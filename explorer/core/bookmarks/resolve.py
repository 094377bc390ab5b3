"""Bookmarks seen through a catalog: grouped by platform, with availability, missing ones marked.

The store keeps bookmarks by id and never drops one whose point (or platform) left the
catalog; this module is where such a bookmark is found out and labelled "missing from
catalog". Used by ``so-explorer bookmarks list`` and the bookmarks view. Pure: no I/O.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from explorer.core.bookmarks.document import Bookmark, Shortlist
from explorer.core.model import Availability, Catalog, Platform, Point, Status

MISSING = "missing from catalog"


@dataclass(frozen=True, slots=True)
class Resolved:
    """A bookmark with what the catalog says about it (None where the catalog has no such id)."""

    bookmark: Bookmark
    point: Point | None
    platform: Platform | None
    availability: Availability | None

    @property
    def missing(self) -> bool:
        return self.point is None or self.platform is None

    @property
    def status(self) -> Status | None:
        if self.missing:
            return None
        return self.availability.status if self.availability else Status.NOT_AVAILABLE

    @property
    def point_name(self) -> str:
        return self.point.name if self.point else self.bookmark.point

    def availability_text(self) -> str:
        """``✓ available (cloud, onsite; web)``, or why it cannot be told."""
        if self.point is None:
            return f"? {MISSING}"
        if self.platform is None:
            return f"? platform {self.bookmark.platform!r} is {MISSING}"
        av = self.availability
        if av is None:
            return f"{Status.NOT_AVAILABLE.symbol} not listed on {self.platform.short_name}"
        where = ", ".join(av.environments)
        if av.clients:
            where = f"{where}; {', '.join(av.clients)}" if where else ", ".join(av.clients)
        text = f"{av.status.symbol} {av.status.word}"
        if where and av.status.present:
            text += f" ({where})"
        return text


@dataclass(frozen=True, slots=True)
class PlatformGroup:
    platform_id: str
    platform: Platform | None
    entries: tuple[Resolved, ...]

    @property
    def title(self) -> str:
        """The platform's name (its id only when the catalog no longer has it)."""
        if self.platform is None:
            return f"{self.platform_id} ({MISSING})"
        return self.platform.name


def resolve_one(bookmark: Bookmark, catalog: Catalog) -> Resolved:
    point = catalog.find_point(bookmark.point)
    platform = catalog.platform(bookmark.platform) if catalog.has_platform(bookmark.platform) else None
    availability = point.on(bookmark.platform) if point is not None else None
    return Resolved(bookmark, point, platform, availability)


def group_by_platform(shortlist: Shortlist, catalog: Catalog) -> tuple[PlatformGroup, ...]:
    """The shortlist's bookmarks by platform: catalog order, then unknown platforms by id.

    Inside a group bookmarks keep the order they were added in.
    """
    groups: dict[str, list[Resolved]] = {}
    for bookmark in shortlist.bookmarks:
        groups.setdefault(bookmark.platform, []).append(resolve_one(bookmark, catalog))
    order = {pid: i for i, pid in enumerate(catalog.platform_ids)}
    ids = sorted(groups, key=lambda pid: (pid not in order, order.get(pid, 0), pid))
    return tuple(
        PlatformGroup(pid, catalog.platform(pid) if pid in order else None, tuple(groups[pid])) for pid in ids
    )


def check_target(catalog: Catalog, point_id: str, platform_id: str) -> str | None:
    """Why ``point_id`` on ``platform_id`` cannot be bookmarked, or None when it can.

    The point and platform must exist, and the catalog must not say the point is absent
    there (no entry for the platform, or ``not-available``). Unknown and partial are allowed:
    unknown is never "no".
    """
    if not catalog.has_platform(platform_id):
        return f"unknown platform {platform_id!r}; platforms: {', '.join(catalog.platform_ids)}"
    point = catalog.find_point(point_id)
    if point is None:
        close = difflib.get_close_matches(point_id, [p.id for p in catalog.points], n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        return f"unknown point id {point_id!r}{hint}"
    av = point.on(platform_id)
    if av is None or av.status is Status.NOT_AVAILABLE:
        on = [a.platform for a in point.availability if a.status is not Status.NOT_AVAILABLE]
        listed = f"; it is on: {', '.join(on)}" if on else ""
        return f"{point_id} is not available on {platform_id}{listed}"
    return None
