"""The app's side of bookmarks: ``b`` toggles, ``B`` opens the view, ★ marks, the header.

:class:`BookmarksControl` owns the app's :class:`~explorer.core.bookmarks.store.BookmarkStore`.
The app creates one in ``__init__`` (which loads ``bookmarks.yaml``), hands
:meth:`BookmarksControl.is_bookmarked` to the grid for its ★ marks, calls :meth:`on_mount`
once the widgets exist (load warnings are shown then, once) and routes its ``bookmark`` and
``bookmarks`` actions here. Every change is saved at once; save problems become one toast.
"""

from __future__ import annotations

from os import PathLike
from typing import TYPE_CHECKING

from explorer.core.settings import paths
from explorer.core.bookmarks import BookmarkStore
from explorer.core.bookmarks import Key

if TYPE_CHECKING:
    from explorer.tui.app import ExplorerApp

#: Seconds before a save postponed by another instance's lock is tried again.
RETRY_SECONDS = 3.0


class BookmarksControl:
    def __init__(self, app: ExplorerApp, config_dir: str | PathLike[str] | None) -> None:
        self.app = app
        self.store, self._load_warnings = BookmarkStore.open(paths.config_dir(config_dir))
        self._keys: frozenset[Key] = frozenset()
        self._keys_revision = -1
        self._retry_pending = False

    # -- the grid's ★ and the header ---------------------------------------------------

    def is_bookmarked(self, point_id: str, platform_id: str) -> bool:
        """In the active shortlist? (Called for every visible entry: a set lookup.)"""
        if self._keys_revision != self.store.revision:
            self._keys = self.store.keys()
            self._keys_revision = self.store.revision
        return (point_id, platform_id) in self._keys

    def header_text(self) -> str:
        active = self.store.active
        count = len(active.bookmarks)
        unsaved = "" if self.store.persistent else " · not saved"
        return f"shortlist: {active.name} ({count} ★){unsaved}"

    def on_mount(self) -> None:
        self.refresh_app()
        for warning in self._load_warnings:
            self.app.notify(warning, title="Bookmarks", severity="warning", timeout=12, markup=False)
        self._load_warnings = []

    def refresh_app(self) -> None:
        """Redraw the ★ marks and the header after a change."""
        try:
            self.app.query_one("#title-bar").set_shortlist(self.header_text())  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001 - no title bar (tiny terminal layouts hide, never remove it)
            pass
        self.app.grid.refresh()

    # -- saving ------------------------------------------------------------------------

    def save(self) -> bool:
        saved = self.store.save()
        for warning in self.store.take_warnings():
            self.app.notify(warning, title="Bookmarks", severity="warning", timeout=12, markup=False)
        if not saved and self.store.persistent and self.store.dirty and not self._retry_pending:
            self._retry_pending = True  # another instance holds the lock: try again soon
            self.app.set_timer(RETRY_SECONDS, self._retry)
        self.refresh_app()
        return saved

    def _retry(self) -> None:
        self._retry_pending = False
        if self.store.dirty:
            self.save()

    # -- actions -----------------------------------------------------------------------

    def toggle_highlighted(self) -> None:
        """``b``: bookmark the highlighted point on its pane's platform, or remove the bookmark."""
        point, platform_id = self.app.highlighted()
        if point is None or platform_id is None:
            self.app.notify("Nothing to bookmark here: move to a point first", markup=False)
            return
        platform = self.app.catalog.platform(platform_id)
        shortlist = self.store.active.name
        if self.store.toggle(point.id, platform_id):
            message = f"★ Bookmarked {point.name} on {platform.short_name} in “{shortlist}”"
        else:
            message = f"Removed the bookmark on {point.name} ({platform.short_name}) from “{shortlist}”"
        self.save()
        self.app.notify(message, markup=False)

    def open_view(self) -> None:
        """``B``: the bookmarks view; enter there jumps to the point in the panes."""
        from explorer.tui.screens.bookmarks import BookmarksScreen

        self.save()  # picks up what other instances saved meanwhile
        self.app.push_screen(BookmarksScreen(self), self.jump)

    def jump(self, target: Key | None) -> None:
        """Move the grid's cursor to a bookmarked point (clearing the search if it hides it)."""
        if target is None:
            return
        app = self.app
        point_id, platform_id = target
        found = app.jump_to(point_id, platform_id)
        if not found and app.query_text:
            app.run_search("")
            app.search_input.value = ""
            found = app.jump_to(point_id, platform_id)
        app.focus_now(app.grid)
        if found:
            return
        point = app.catalog.find_point(point_id)
        platform = app.catalog.platform(platform_id) if app.catalog.has_platform(platform_id) else None
        if point is None or platform is None:
            app.notify(f"{point_id} on {platform_id} is missing from the catalog", markup=False)
        elif platform_id not in app.platforms:
            app.notify(f"{platform.name} has no pane: press p to show it", markup=False)
        else:
            app.notify(f"{point.name} on {platform.short_name} is hidden by the filters or differences mode",
                       markup=False)
