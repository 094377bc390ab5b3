"""The full-screen explorer: platform panes side by side, filters, search and details.

The app owns the state: one :class:`~explorer.core.view.ViewSpec` (platforms, filters,
query, differences mode) and the search hits of its query. Every change makes a new spec;
:meth:`ExplorerApp.refresh_view` turns it into a view (:class:`ViewState`) and hands the
view to the widgets, which only draw it. Helpers (settings, bookmarks, search) return values
or call back; they never write into the app.
"""

from __future__ import annotations

import webbrowser
from collections.abc import Iterable
from dataclasses import replace
from os import PathLike

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.events import Resize
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input

from explorer.core.filters import Filters
from explorer.core.model import Catalog, Point
from explorer.core.search import Hit, SearchEngine
from explorer.core.settings import keys as key_table
from explorer.core.util.sanitize import clean_text
from explorer.core.view import View, ViewSpec
from explorer.tui.bindings import bindings
from explorer.tui.bookmarks_control import RETRY_SECONDS, BookmarksControl
from explorer.tui.commands import ExplorerCommands
from explorer.tui.render.cell_text import copy_text, doc_link
from explorer.tui.render.detail_text import empty_detail, point_detail
from explorer.tui.search_runner import SearchRunner
from explorer.tui.settings_control import Outcome, SettingsControl
from explorer.tui.view_state import ViewState
from explorer.tui.widgets.detail import DetailPanel
from explorer.tui.widgets.filter_bar import DIFFERENCES, FilterBar, FilterToggle
from explorer.tui.widgets.grid import ComparisonGrid
from explorer.tui.widgets.key_bar import KeyBar
from explorer.tui.widgets.pane_headers import PaneHeaders
from explorer.tui.widgets.search_bar import SearchBar, SearchInput
from explorer.tui.widgets.title_bar import TitleBar


class ExplorerApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "so-explorer"

    BINDINGS = bindings("app")
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
        #: config.yaml: theme, keymap, default filters and platforms (the command line wins).
        self.settings = SettingsControl(config_dir)
        self.startup = self.settings.load(themes=self.available_themes, platform_ids=catalog.platform_ids)
        config = self.startup.config
        if config.theme:
            self.theme = config.theme
        self.settings.theme_in_force(self.theme)
        self.keymap_in_force = self.startup.keymap
        super().set_keymap(self.keymap_in_force.overrides)
        filters = filters or Filters()
        if not explicit_filters:
            filters = self.startup.filters(filters.kinds) or filters
        if not explicit_platforms and config.platforms:
            platforms = config.platforms
        #: What the screen shows: the one copy of platforms, filters, query and differences.
        self.spec = ViewSpec(tuple(platforms or catalog.platform_ids), filters, "", differences)
        #: The hits of the spec's query (None without a query).
        self.hits: list[Hit] | None = None
        self.state = ViewState(catalog)
        self.search = SearchRunner(self, catalog, self.show_search)
        self._initial_query = clean_text(query or "")
        self.bookmarks = BookmarksControl(config_dir)
        self._retry_pending = False
        #: Where the user put the cursor: (capability id, point id or None, platform id). A
        #: filter or differences mode that hides that row moves the cursor to the nearest
        #: row, and the cursor comes back when the row does.
        self._anchor: tuple[str, str | None, str] | None = None

    # ------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        yield TitleBar(self.catalog.info, id="title-bar")
        yield SearchBar(id="search-bar")
        yield FilterBar(id="filter-bar")
        yield PaneHeaders(id="pane-headers")
        yield ComparisonGrid(is_bookmarked=self.bookmarks.is_bookmarked, id="grid")
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
        notice = self.startup.notice()
        if notice is not None:
            self.notify(notice[1], title=notice[0], severity="warning", timeout=12, markup=False)
        self.theme_changed_signal.subscribe(self, lambda theme: self.tell(self.settings.theme_changed(theme.name)))
        self.show_keys()
        self.focus_now(self.grid)
        if self.search.in_background:
            self.call_after_refresh(self.search.warm_up)  # after the first frame, not during it
        self.refresh_view(cursor=None)
        self.bookmarks_changed()
        if self._initial_query:
            self.search.request(self._initial_query)
            self.search_input.value = self._initial_query  # Input.Changed finds it searched

    def show_keys(self) -> None:
        """Label the filter toggles and the key bar with the keys in force."""
        keys = self.keymap_in_force.keys
        self._key_bar.set_keys(keys)
        self._filter_bar.set_hotkeys(
            {what: key_table.display_key(keys[bid].split(",")[0]) for what, bid in key_table.toggle_ids().items()}
        )

    def set_keymap(self, keymap: dict[str, str]) -> None:  # type: ignore[override]
        """Textual's way to remap keys, kept in step with the keys the app shows: invalid or
        clashing keys are refused as at start-up (see ``keys.resolve``)."""
        self.keymap_in_force = key_table.resolve(keymap)
        super().set_keymap(self.keymap_in_force.overrides)
        if self.is_mounted(self):
            self.show_keys()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's palette commands, with "Keys" opening so-explorer's help (which lists
        the keys in force and closes on esc) instead of Textual's side panel."""
        for command in super().get_system_commands(screen):
            if command.title != "Keys":
                yield command
        yield SystemCommand("Keys", "Show every key and what it does (the same as ?)", self.action_help)

    def on_resize(self, event: Resize) -> None:
        height = event.size.height
        self.screen.set_class(height < 30, "-short")
        self.screen.set_class(height < 16, "-tiny")
        self.call_after_refresh(self.fit_detail)

    def fit_detail(self) -> None:
        """The detail panel's height: its usual lines, and more of the rows the grid leaves
        empty when the text needs them (a short view, a long description)."""
        detail = self._detail
        height = self.screen.size.height
        usual = 3 if height < 16 else 6 if height < 30 else 9
        fixed = sum(w.outer_size.height for w in (self.query_one("#title-bar"), self._search_bar,
                                                     self._filter_bar, self._headers, self._key_bar) if w.display)
        spare = height - fixed - usual - max(1, self.state.model.total)
        wanted = usual
        if spare > 0:
            wanted = min(usual + spare, max(usual, detail.line_count + 1))  # + its top border
        if detail.styles.height is None or detail.styles.height.value != wanted:
            detail.styles.height = wanted

    def focus_now(self, widget: Widget) -> None:
        """Focus at once (``Widget.focus`` defers, so fast typing after ``/`` would miss)."""
        self.screen.set_focus(widget)

    def tell(self, outcome: Outcome | None) -> None:
        """Show a helper's outcome as a toast."""
        if outcome is not None:
            self.notify(outcome.message, severity=outcome.severity, markup=False)  # type: ignore[arg-type]

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

    # Read-only views of the spec, for the palette, the chooser and tests.
    @property
    def filters(self) -> Filters:
        return self.spec.filters

    @property
    def platforms(self) -> tuple[str, ...]:
        return self.spec.platforms

    @property
    def differences(self) -> bool:
        return self.spec.differences

    @property
    def query_text(self) -> str:
        return self.spec.query

    # -------------------------------------------------------------- view
    def refresh_view(self, *, cursor: str | None = "keep") -> None:
        """Show the spec; ``cursor`` is "keep" (the user's place), "best" (first hit) or None (top)."""
        grid = self.grid
        view, model = self.state.build(self.spec, self.hits)
        platforms = self.spec.platforms
        pane = min(grid.cursor_pane, max(0, len(platforms) - 1))
        target: tuple[int, int, int] | None = None
        if cursor == "best" and view.hits:
            hit = view.hits[0]
            target = self.state.locate(hit.point.id, hit.platform)  # type: ignore[attr-defined]
        elif cursor == "keep" and self._anchor is not None:
            capability, point_id, platform = self._anchor
            if platform in platforms:
                pane = platforms.index(platform)
            if point_id is not None:
                target = self.state.locate(point_id, platform)
            if target is None:
                row = self.state.row_of(capability)
                target = (row if row is not None else self.state.nearest_row(capability), 0, pane)
        grid.set_view(view, model, cursor=target or (0, 0, pane))
        if cursor != "keep" or self._anchor is None:
            self._remember_cursor()
        self._headers.set_view(view)
        self._filter_bar.show(self.spec.filters, self.spec.differences)
        self._search_bar.show_count(view.match_count if view.searching else None)
        self._key_bar.set_searching(view.searching)

    def set_filters(self, filters: Filters) -> None:
        """Show the view under other filters (keys 1–4, the palette)."""
        self.spec = replace(self.spec, filters=filters)
        self.refresh_view()

    def set_platforms(self, ids: tuple[str, ...]) -> None:
        """Show these platforms' panes, in this order (the platform chooser calls it)."""
        ids = tuple(pid for pid in ids if self.catalog.has_platform(pid))
        if not ids:
            self.notify("Choose at least one platform", severity="warning", markup=False)
            return
        self.spec = replace(self.spec, platforms=ids)
        self.refresh_view()

    def set_differences(self, on: bool) -> None:
        self.spec = replace(self.spec, differences=on)
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
        return self.search.engine()

    def run_search(self, value: str) -> None:
        """Search for ``value`` (the search bar calls this on every change)."""
        self.search.request(value)

    def show_search(self, query: str, hits: list[Hit] | None) -> None:
        """Show the newest search's results (the search runner calls this)."""
        self.spec = replace(self.spec, query=query)
        self.hits = hits
        self.refresh_view(cursor="best" if hits else "keep")

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.run_search(event.value)

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
    def _remember_cursor(self) -> None:
        row, _, point = self.grid.current()
        platform = self.grid.current_platform
        if row is not None and platform is not None:
            self._anchor = (row.capability.id, point.id if point is not None else None, platform)

    @on(ComparisonGrid.CursorMoved)
    def _cursor_moved(self, event: ComparisonGrid.CursorMoved) -> None:
        grid = event.grid
        if not event.by_view:
            self._remember_cursor()
        row, cell, point = grid.current()
        self._headers.set_current(grid.cursor_pane)
        if row is None or cell is None:
            self._detail.show(Text("Nothing to show: no row matches the search and filters.", style="italic"))
        elif point is not None:
            self._detail.show(point_detail(self.catalog, point, cell.platform, row))
        else:
            self._detail.show(empty_detail(self.catalog, row, cell, self.spec.filters))
        self.fit_detail()

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

    @on(ComparisonGrid.EscapePressed)
    def _grid_escape(self) -> None:
        """Escape in the grid clears the search (never quits)."""
        if self.search_input.value:
            self.search_input.value = ""

    @on(DetailPanel.Closed)
    def _detail_closed(self) -> None:
        self.focus_now(self.grid)

    # ----------------------------------------------------------- actions
    def action_focus_search(self) -> None:
        self.focus_now(self.search_input)

    def action_toggle_filter(self, key: str) -> None:
        self.set_filters(self.spec.filters.toggle(key))

    def action_toggle_differences(self) -> None:
        self.set_differences(not self.spec.differences)

    def action_open_doc(self) -> None:
        point, _ = self.highlighted()
        url, problem = doc_link(point)
        if url is None:
            self.notify(problem, severity="information" if problem == "no doc link" else "warning", markup=False)
            return
        self._open_in_browser(url)

    @work(thread=True, group="browser")
    def _open_in_browser(self, url: str) -> None:
        """In a thread: starting a browser may block. Says whether one started."""
        try:
            opened = webbrowser.open(url)
        except webbrowser.Error:
            opened = False
        self.call_from_thread(self._browser_done, url, opened)

    def _browser_done(self, url: str, opened: bool) -> None:
        shown = clean_text(url)
        if opened:
            self.notify(f"Opened {shown}", markup=False)
            return
        copy = key_table.display_key(self.keymap_in_force.keys["copy"].split(",")[0])
        self.notify(f"No web browser could be started for {shown}. Press {copy} to copy the link.",
                    severity="warning", timeout=10, markup=False)

    def action_copy(self) -> None:
        point, platform_id = self.highlighted()
        if platform_id is None:
            return
        row, cell, _ = self.grid.current()
        found = copy_text(self.catalog, point, platform_id, row, cell)
        if found is None:
            return
        text, what = found
        self.copy_to_clipboard(text)
        self.notify(f"Copied {what} to the clipboard", markup=False)

    def _step_match(self, step: int) -> None:
        view = self.view
        if view is None or not view.hits:
            self.notify("no search matches" if self.spec.query.strip() else "no search", markup=False)
            return
        point, platform = self.highlighted()
        target = view.step_hit((point.id, platform) if point is not None and platform else None, step)
        if target is not None:
            self.jump_to(*target)

    def action_next_match(self) -> None:
        self._step_match(1)

    def action_previous_match(self) -> None:
        self._step_match(-1)

    # Dialogs and features with screens of their own ----------------------
    def action_help(self) -> None:
        from explorer.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen(config_file=self.settings.path))

    def action_choose_platforms(self) -> None:
        from explorer.tui.screens.platforms import PlatformChoice, PlatformScreen

        def chosen(choice: PlatformChoice | None) -> None:
            if choice is not None:
                self.set_platforms(choice.ids)
                if choice.save:
                    self.tell(self.settings.save_platforms(self.spec.platforms))

        self.push_screen(PlatformScreen(self.catalog.platforms, self.spec.platforms), chosen)

    def save_default_filters(self) -> None:
        self.tell(self.settings.save_filters(self.spec.filters))

    def save_default_platforms(self) -> None:
        self.tell(self.settings.save_platforms(self.spec.platforms))

    def action_export(self) -> None:
        from explorer.tui.screens.export import ExportScreen, ShortlistSource

        active = self.bookmarks.store.active
        shortlist = ShortlistSource(active.name, tuple(active.bookmarks))
        self.push_screen(ExportScreen(self.catalog, self.view, shortlist))

    # Bookmarks -------------------------------------------------------------
    def action_bookmark(self) -> None:
        """``b``: bookmark the highlighted point on its pane's platform, or remove the bookmark."""
        point, platform_id = self.highlighted()
        if point is None or platform_id is None:
            self.notify("Nothing to bookmark here: move to a point first", markup=False)
            return
        platform = self.catalog.platform(platform_id)
        message = self.bookmarks.toggle(point.id, point.name, platform_id, platform.short_name)
        self.bookmarks_changed()
        self.notify(message, markup=False)

    def action_bookmarks(self) -> None:
        """``B``: the bookmarks view; enter there jumps to the point in the panes."""
        from explorer.tui.screens.bookmarks import BookmarksScreen

        self.bookmarks.save()  # picks up what other instances saved meanwhile
        self.bookmarks_changed()
        self.push_screen(BookmarksScreen(self.bookmarks, self.catalog), self.jump_to_bookmark)

    def bookmarks_changed(self) -> None:
        """After a bookmark change (here or in the bookmarks view): warnings, ★ marks, the
        title, and a retry when another instance held the file's lock."""
        for warning in self.bookmarks.take_warnings():
            self.notify(warning, title="Bookmarks", severity="warning", timeout=12, markup=False)
        self.query_one("#title-bar", TitleBar).set_shortlist(self.bookmarks.header_text())
        self.grid.refresh()
        if self.bookmarks.retry_wanted and not self._retry_pending:
            self._retry_pending = True
            self.set_timer(RETRY_SECONDS, self._retry_bookmarks)

    def _retry_bookmarks(self) -> None:
        self._retry_pending = False
        if self.bookmarks.retry_wanted:
            self.bookmarks.save()
            self.bookmarks_changed()

    def on_bookmarks_screen_changed(self) -> None:
        self.bookmarks_changed()

    def jump_to_bookmark(self, target: tuple[str, str] | None) -> None:
        """Move the grid's cursor to a bookmarked point (clearing the search if it hides it)."""
        if target is None:
            return
        point_id, platform_id = target
        found = self.jump_to(point_id, platform_id)
        if not found and self.spec.query:
            self.search_input.value = ""
            self.run_search("")
            found = self.jump_to(point_id, platform_id)
        self.focus_now(self.grid)
        if found:
            return
        point = self.catalog.find_point(point_id)
        platform = self.catalog.platform(platform_id) if self.catalog.has_platform(platform_id) else None
        if point is None or platform is None:
            self.notify(f"{point_id} on {platform_id} is missing from the catalog", markup=False)
        elif platform_id not in self.spec.platforms:
            self.notify(f"{platform.name} has no pane: press p to show it", markup=False)
        else:
            self.notify(f"{point.name} on {platform.short_name} is hidden by the filters or differences mode",
                        markup=False)
