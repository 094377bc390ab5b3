"""The app's side of bookmarks: the store, the grid's ★ marks, the title's shortlist text.

:class:`BookmarksControl` owns the app's :class:`~explorer.core.bookmarks.BookmarkStore`
(created in the app's ``__init__``, which loads ``bookmarks.yaml``). It never touches the
app: :meth:`toggle` and :meth:`save` return what happened, warnings wait in
:meth:`take_warnings`, and the app shows them, redraws and schedules a retry when another
instance held the lock (:attr:`retry_wanted`).
"""

from __future__ import annotations

from os import PathLike

from explorer.core.bookmarks import BookmarkStore, Key
from explorer.core.model import Catalog
from explorer.core.settings import config_dir

#: Seconds before a save postponed by another instance's lock is tried again.
RETRY_SECONDS = 3.0


class BookmarksControl:
    def __init__(self, folder: str | PathLike[str] | None) -> None:
        self.store, warnings = BookmarkStore.open(config_dir(folder))
        self._warnings: list[str] = list(warnings)
        self._keys: frozenset[Key] = frozenset()
        self._keys_revision = -1

    def is_bookmarked(self, point_id: str, platform_id: str) -> bool:
        """In the active shortlist? (Called for every visible entry: a set lookup.)"""
        if self._keys_revision != self.store.revision:
            self._keys = self.store.keys()
            self._keys_revision = self.store.revision
        return (point_id, platform_id) in self._keys

    def header_text(self) -> str:
        active = self.store.active
        unsaved = "" if self.store.persistent else " · not saved"
        return f"shortlist: {active.name} ({len(active.bookmarks)} ★){unsaved}"

    def take_warnings(self) -> list[str]:
        """Warnings from loading and saving since the last call (each shown once)."""
        out, self._warnings = self._warnings + self.store.take_warnings(), []
        return out

    def save(self) -> bool:
        """Save now; False when it did not happen (see :attr:`retry_wanted`)."""
        return self.store.save()

    @property
    def retry_wanted(self) -> bool:
        """Unsaved changes that another instance's lock held back: try again soon."""
        return self.store.persistent and self.store.dirty

    def toggle(self, point_id: str, point_name: str, platform_id: str, platform_name: str) -> str:
        """Bookmark a point on a platform in the active shortlist, or remove the bookmark;
        saves, and returns the message for the user."""
        shortlist = self.store.active.name
        if self.store.toggle(point_id, platform_id):
            message = f"★ Bookmarked {point_name} on {platform_name} in “{shortlist}”"
        else:
            message = f"Removed the bookmark on {point_name} ({platform_name}) from “{shortlist}”"
        self.save()
        return message


def why_not_shown(catalog: Catalog, panes: tuple[str, ...], point_id: str, platform_id: str) -> str:
    """Why a bookmarked point cannot be jumped to in the panes."""
    point = catalog.find_point(point_id)
    platform = catalog.platform(platform_id) if catalog.has_platform(platform_id) else None
    if point is None or platform is None:
        return f"{point_id} on {platform_id} is missing from the catalog"
    if platform_id not in panes:
        return f"{platform.name} has no pane: press p to show it"
    return f"{point.name} on {platform.short_name} is hidden by the filters or differences mode"
