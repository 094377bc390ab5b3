"""The full-screen explorer: platform panes side by side, filters, search and details.

The widgets live in :mod:`explorer.tui.widgets`; what is shown lives in
:class:`~explorer.tui.view_state.ViewState`. This module wires keys and messages.
"""

from __future__ import annotations

import gc
import threading
from os import PathLike
from typing import Callable

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.events import Resize
from textual.widget import Widget
from textual.widgets import Input

from explorer.core.filters import Filters
from explorer.core.model import Catalog, Point
from explorer.core.util.sanitize import clean_text
from explorer.core.search import Hit, SearchEngine
from explorer.core.view import View, ViewSpec
from explorer.tui import keymap
from explorer.tui.bookmarks_control import BookmarksControl
from explorer.tui.cell_actions import CellActions
from explorer.tui.commands import ExplorerCommands
from explorer.tui.screens.export import ExportScreen, active_shortlist
from explorer.tui.screens.help import HelpScreen
from explorer.tui.screens.platforms import PlatformChoice, PlatformScreen
from explorer.tui.settings_control import Settings
from explorer.tui.view_state import ViewState
from explorer.tui.widgets.detail import DetailPanel, empty_detail, point_detail
from explorer.tui.widgets.filter_bar import DIFFERENCES, FilterBar, FilterToggle
from explorer.tui.widgets.grid import ComparisonGrid
from explorer.tui.widgets.key_bar import KeyBar
from explorer.tui.widgets.pane_headers import PaneHeaders
from explorer.tui.widgets.search_bar import SearchBar, SearchInput
from explorer.tui.widgets.title_bar import TitleBar

#: Catalogs with fewer points are searched on every keystroke in the UI thread.
SYNC_SEARCH_LIMIT = 20_000


class ExplorerApp(CellActions, App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "so-explorer"

    BINDINGS = keymap.bindings("app")
    COMMANDS = App.COMMANDS | {ExplorerCommands}

    def __init__(
        self,
        catalog: Catalog,
        *,
        platforms: tuple[str, ...] | None = None,
        filters: Filters | None = None,
        query: str = "",
        differences: bool = False,
        config_dir: str | PathLike[str] | None = None,
        explicit_filters: bool = False,
        explicit_platforms: bool = False,
    ) -> None:
        super().__init__()
        self.catalog = catalog
        self.platforms: tuple[str, ...] = tuple(platforms or catalog.platform_ids)
        self.filters = filters or Filters()
        self.differences = differences
        self.config_dir = config_dir
        self.explicit_filters = explicit_filters
        self.explicit_platforms = explicit_platforms
        self.state = ViewState(catalog)
        #: The query the view shows, and its hits (None without a query).
        self.query_text = ""
        self.hits: list[Hit] | None = None
        self._requested_query = ""
        self._initial_query = clean_text(query or "")
        self._engine: SearchEngine | None = None
        self._engine_lock = threading.Lock()
        #: One engine search at a time; a waiting search whose query went stale is skipped.
        self._search_lock = threading.Lock()
        self.search_generation = 0
        #: Bookmarks: the store (loaded here), the grid's ★ hook, keys b and B.
        self.bookmarks = BookmarksControl(self, config_dir)
        self.is_bookmarked: Callable[[str, str], bool] = self.bookmarks.is_bookmarked
        #: config.yaml: theme, keymap, default filters and platforms (command line wins).
        self.settings = Settings(config_dir)
        self.settings.apply_at_start(self)

    # ------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        yield TitleBar(self.catalog.info, id="title-bar")
        yield SearchBar(id="search-bar")
        yield FilterBar(id="filter-bar")
        yield PaneHeaders(id="pane-headers")
        yield ComparisonGrid(is_bookmarked=lambda p, q: self.is_bookmarked(p, q), id="grid")
        yield DetailPanel(id="detail")
        yield KeyBar(id="key-bar")

    def on_mount(self) -> None:
        self._grid = self.query_one("#grid", ComparisonGrid)
        self._search_input = self.query_one("#search", SearchInput)
        self._headers = self.query_one("#pane-headers", PaneHeaders)
        self._detail = self.query_one("#detail", DetailPanel)
        self._filter_bar = self.query_one("#filter-bar", FilterBar)
        self._search_bar = self.query_one("#search-bar", SearchBar)
        self._key_bar = self.query_one("#key-bar", KeyBar)
        self.settings.on_mount(self)
        self.show_filter_hotkeys()
        self.focus_now(self.grid)
        if len(self.catalog.points) >= SYNC_SEARCH_LIMIT:
            self.call_after_refresh(self._warm_engine)  # after the first frame, not during it
        self.refresh_view(cursor=None)
        self.bookmarks.on_mount()
        if self._initial_query:
            self.run_search(self._initial_query)
            self.search_input.value = self._initial_query  # Input.Changed finds it searched

    def show_filter_hotkeys(self) -> None:
        """Label the filter toggles and the key bar with the keys in force (config.yaml may remap them)."""
        keys = keymap.effective_keys(self.settings.config.keymap)
        self._key_bar.set_keys(keys)
        ids = {"cloud": "toggle-cloud", "onsite": "toggle-onsite", "win": "toggle-win",
               "web": "toggle-web", DIFFERENCES: "differences"}
        self._filter_bar.set_hotkeys(
            {key: keymap.display_key(keys[bid].split(",")[0]) for key, bid in ids.items() if bid in keys}
        )

    def on_resize(self, event: Resize) -> None:
        height = event.size.height
        self.screen.set_class(height < 30, "-short")
        self.screen.set_class(height < 16, "-tiny")

    def focus_now(self, widget: Widget) -> None:
        """Focus at once (``Widget.focus`` defers, so fast typing after ``/`` would miss)."""
        self.screen.set_focus(widget)

    @property
    def grid(self) -> ComparisonGrid:
        return self._grid

    @property
    def search_input(self) -> SearchInput:
        return self._search_input

    @property
    def view(self) -> View | None:
        """The current view (what a "current view" report holds)."""
        return self.state.view

    # -------------------------------------------------------------- view
    def refresh_view(self, *, cursor: str | None = "keep") -> None:
        """Rebuild the view; ``cursor`` is "keep" (same point/row), "best" (first hit) or None (top)."""
        keep = self.highlighted() if cursor == "keep" and self.state.view is not None else (None, None)
        old_row = self.grid.current()[0] if cursor == "keep" else None
        spec = ViewSpec(self.platforms, self.filters, self.query_text, self.differences)
        view, model = self.state.build(spec, self.hits)
        target: tuple[int, int, int] | None = None
        if cursor == "best" and view.hits:
            hit = view.hits[0]
            target = self.state.locate(hit.point.id, hit.platform)  # type: ignore[attr-defined]
        elif cursor == "keep":
            point, platform = keep
            if point is not None and platform is not None:
                target = self.state.locate(point.id, platform)
            if target is None and old_row is not None:
                row = self.state.row_of(old_row.capability.id)
                if row is not None:
                    pane = self.platforms.index(platform) if platform in self.platforms else self.grid.cursor_pane
                    target = (row, 0, pane)
        if target is None:
            target = (0, 0, min(self.grid.cursor_pane, max(0, len(self.platforms) - 1)))
        self.grid.set_view(view, model, cursor=target)
        self._headers.set_view(view)
        self._filter_bar.show(self.filters, self.differences)
        self._search_bar.show_count(view.match_count if view.searching else None)
        self._key_bar.set_searching(view.searching)

    def set_filters(self, filters: Filters) -> None:
        """Show the view under other filters (keys 1–4, config defaults, the palette)."""
        self.filters = filters
        self.refresh_view()

    def set_platforms(self, ids: tuple[str, ...]) -> None:
        """Show these platforms' panes, in this order (the platform chooser calls it)."""
        ids = tuple(pid for pid in ids if self.catalog.has_platform(pid))
        if not ids:
            self.notify("Choose at least one platform", severity="warning", markup=False)
            return
        self.platforms = ids
        self.refresh_view()

    def set_differences(self, on: bool) -> None:
        self.differences = on
        self.refresh_view()

    def highlighted(self) -> tuple[Point | None, str | None]:
        """The point under the cursor (None for an empty cell) and the pane's platform id."""
        grid = self.grid
        return grid.current()[2], grid.current_platform

    def jump_to(self, point_id: str, platform_id: str) -> bool:
        """Move the cursor to a point on a platform; False when it is not in the view."""
        target = self.state.locate(point_id, platform_id)
        if target is None:
            return False
        self.grid.move_to(*target)
        return True

    # ------------------------------------------------------------ search
    def engine(self) -> SearchEngine:
        with self._engine_lock:
            if self._engine is None:
                self._engine = SearchEngine(self.catalog)
            return self._engine

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.run_search(event.value)

    def run_search(self, value: str) -> None:
        """Search for ``value``: in place for small catalogs, else in a worker thread."""
        query = clean_text(value)
        if query == self._requested_query:
            return
        self._requested_query = query
        self.search_generation += 1
        generation = self.search_generation
        if not query.strip():
            self.apply_search(generation, query, None)
        elif len(self.catalog.points) < SYNC_SEARCH_LIMIT:
            self.apply_search(generation, query, self._engine_search(query))
        else:
            self._search_worker(generation, query)

    @work(thread=True, group="search")
    def _search_worker(self, generation: int, query: str) -> None:
        """Search off the UI thread. Not ``exclusive``: a thread cannot be stopped anyway,
        and cancelling makes ``workers.wait_for_complete()`` raise. The generation does the
        job: a queued search whose query went stale never runs, and stale hits are dropped."""
        with self._search_lock:  # typing fast queues searches; only the newest one runs
            if generation != self.search_generation:
                return
            hits = self._engine_search(query)
        if generation == self.search_generation:
            try:
                self.call_from_thread(self.apply_search, generation, query, hits)
            except RuntimeError:  # the app closed meanwhile
                pass

    def _engine_search(self, query: str) -> list[Hit]:
        """The engine's hits; a failing engine gives no hits and a toast, never a crash."""
        try:
            return self.engine().search(query)
        except Exception as exc:  # noqa: BLE001 - the app must survive a search bug
            message = f"Search failed: {type(exc).__name__}: {clean_text(str(exc))}"
            if threading.current_thread() is threading.main_thread():
                self.notify(message, severity="error", markup=False)
            else:
                self.call_from_thread(self.notify, message, severity="error", markup=False)
            return []

    @work(thread=True, group="search-engine")
    def _warm_engine(self) -> None:
        """Index a big catalog for search while the user looks at the first screen.

        Then freeze what exists (catalog, grid, index: a million objects at 100k points) out
        of the cyclic GC: a full collection over them took 0.38 s, a pause in mid-typing."""
        self.engine()
        gc.freeze()

    def apply_search(self, generation: int, query: str, hits: list[Hit] | None) -> bool:
        """Show search results unless a newer search started since; returns whether applied."""
        if generation != self.search_generation:
            return False
        self.query_text = query
        self.hits = hits
        self.refresh_view(cursor="best" if hits else "keep")
        return True

    @on(SearchInput.JumpToBest)
    def _search_submitted(self) -> None:
        view = self.view
        if view is not None and view.hits:
            hit = view.hits[0]
            self.jump_to(hit.point.id, hit.platform)  # type: ignore[attr-defined]
        self.focus_now(self.grid)

    @on(SearchInput.Leave)
    def _search_leave(self) -> None:
        self.focus_now(self.grid)

    # ------------------------------------------------------------ events
    @on(ComparisonGrid.CursorMoved)
    def _cursor_moved(self, event: ComparisonGrid.CursorMoved) -> None:
        grid = event.grid
        row, cell, point = grid.current()
        detail = self._detail
        self._headers.set_current(grid.cursor_pane)
        if row is None or cell is None:
            detail.show(Text("Nothing to show: no row matches the search and filters.", style="italic"))
        elif point is not None:
            detail.show(point_detail(self.catalog, point, cell.platform, row))
        else:
            detail.show(empty_detail(self.catalog, row, cell, self.filters))

    @on(ComparisonGrid.GeometryChanged)
    def _geometry_changed(self, event: ComparisonGrid.GeometryChanged) -> None:
        self._headers.set_geometry(event.geometry)

    @on(ComparisonGrid.DetailRequested)
    def _detail_requested(self) -> None:
        self.focus_now(self._detail)

    @on(PaneHeaders.PaneClicked)
    def _pane_clicked(self, event: PaneHeaders.PaneClicked) -> None:
        grid = self.grid
        grid.move_to(grid.cursor_row, grid.cursor_entry, event.pane)
        self.focus_now(grid)

    @on(FilterToggle.Toggled)
    def _filter_clicked(self, event: FilterToggle.Toggled) -> None:
        if event.key == DIFFERENCES:
            self.action_toggle_differences()
        else:
            self.action_toggle_filter(event.key)

    # ----------------------------------------------------------- actions
    def action_focus_search(self) -> None:
        self.focus_now(self.search_input)

    @on(ComparisonGrid.EscapePressed)
    def _grid_escape(self) -> None:
        """Escape in the grid clears the search (never quits)."""
        if self.search_input.value:
            self.search_input.value = ""

    @on(DetailPanel.Closed)
    def _detail_closed(self) -> None:
        self.focus_now(self.grid)

    def action_toggle_filter(self, key: str) -> None:
        self.set_filters(self.filters.toggle(key))

    def action_toggle_differences(self) -> None:
        self.set_differences(not self.differences)

    # Dialogs and features wired in from their own modules ------------
    def action_help(self) -> None:
        self.push_screen(HelpScreen(config_file=self.settings.path))

    def action_choose_platforms(self) -> None:
        self.push_screen(PlatformScreen(self.catalog.platforms, self.platforms), self._platforms_chosen)

    def _platforms_chosen(self, choice: PlatformChoice | None) -> None:
        if choice is not None:
            self.set_platforms(choice.ids)
            if choice.save:
                self.settings.save_platforms(self)

    def action_bookmark(self) -> None:
        self.bookmarks.toggle_highlighted()

    def action_bookmarks(self) -> None:
        self.bookmarks.open_view()

    def action_export(self) -> None:
        self.push_screen(ExportScreen(self.catalog, self.view, active_shortlist(self)))
