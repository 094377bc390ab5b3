"""The full-screen explorer: platform panes side by side, filters, search and details.

The app owns the state: one :class:`~explorer.core.view.ViewSpec` (platforms, filters,
query, differences mode) and the search hits of its query. Every change makes a new spec;
:meth:`ExplorerApp.refresh_view` turns it into a view (:class:`ViewState`) and hands it to
the main screen (:mod:`explorer.tui.screens.main`), whose widgets only draw it. Helpers
(settings, bookmarks, search) return values or call back; they never write into the app.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from os import PathLike
from typing import TYPE_CHECKING

from textual import on
from textual.app import App, ComposeResult, SystemCommand
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input

from explorer.core.filters import Filters
from explorer.core.model import Catalog, Point
from explorer.core.settings import keys as key_table
from explorer.core.util.sanitize import clean_text
from explorer.core.view import View, ViewSpec
from explorer.tui.bindings import bindings
from explorer.tui.bookmarks_control import (
    RETRY_SECONDS,
    BookmarksControl,
    why_not_shown,
)
from explorer.tui.commands import ExplorerCommands
from explorer.tui.screens.main import MainScreen
from explorer.tui.search_runner import SearchRunner
from explorer.tui.settings_control import Outcome, SettingsControl
from explorer.tui.view_state import ViewState
from explorer.tui.widgets.filter_bar import DIFFERENCES, FilterToggle
from explorer.tui.widgets.grid import ComparisonGrid
from explorer.tui.widgets.search_bar import SearchInput

if TYPE_CHECKING:
    from explorer.core.search import Hit, SearchEngine
    from explorer.tui.screens.recommend import RecommendScreen, RecommendTarget


class ExplorerApp(App[int]):
    TITLE = "so-explorer"
    CSS_PATH = "screens/main.tcss"

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
        self.hits: Sequence[Hit] | None = None
        self.state = ViewState(catalog)
        self.search = SearchRunner(self, catalog, self.show_search, self.state.prepare_search)
        self._initial_query = clean_text(query or "")
        self.bookmarks = BookmarksControl(config_dir)
        self._retry_pending = False
        #: Where the user put the cursor: (capability id, point id or None, platform id). A
        #: filter or differences mode that hides that row moves the cursor to the nearest
        #: row, and the cursor comes back when the row does.
        self._anchor: tuple[str, str | None, str] | None = None

    # ------------------------------------------------------------ layout
    def get_default_screen(self) -> MainScreen:
        self.main = MainScreen(self.catalog, self.bookmarks.is_bookmarked)
        return self.main

    def compose(self) -> ComposeResult:
        yield from self.main.parts()

    def on_mount(self) -> None:
        notice = self.startup.notice()
        if notice is not None:
            self.notify(notice[1], title=notice[0], severity="warning", timeout=12, markup=False)
        self.theme_changed_signal.subscribe(self, lambda theme: self.tell(self.settings.theme_changed(theme.name)))
        self.main.fit_to(self.size.height)
        self.main.show_keys(self.keymap_in_force.keys)
        self.main.focus_now(self.grid)
        if self.search.in_background:
            self.call_after_refresh(self.search.warm_up)  # after the first frame, not during it
        self.refresh_view(cursor=None)
        self.bookmarks_changed()
        if self._initial_query:
            self.search.request(self._initial_query)
            self.search_input.value = self._initial_query  # Input.Changed finds it searched

    def set_keymap(self, keymap: dict[str, str]) -> None:  # type: ignore[override]
        """Textual's way to remap keys, kept in step with the keys the app shows: invalid or
        clashing keys are refused as at start-up (see ``keys.resolve``)."""
        self.keymap_in_force = key_table.resolve(keymap)
        super().set_keymap(self.keymap_in_force.overrides)
        if self.is_mounted(self):
            self.main.show_keys(self.keymap_in_force.keys)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's palette commands, with "Keys" opening so-explorer's help (which lists
        the keys in force and closes on esc) instead of Textual's side panel."""
        for command in super().get_system_commands(screen):
            if command.title != "Keys":
                yield command
        yield SystemCommand("Keys", "Show every key and what it does (the same as ?)", self.action_help)

    def focus_now(self, widget: Widget) -> None:
        self.main.focus_now(widget)

    def tell(self, outcome: Outcome | None) -> None:
        """Show a helper's outcome as a toast."""
        if outcome is not None:
            self.notify(outcome.message, severity=outcome.severity, markup=False)  # type: ignore[arg-type]

    @property
    def grid(self) -> ComparisonGrid:
        return self.main.grid

    @property
    def search_input(self) -> SearchInput:
        return self.main.search_input

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
        self.main.show(view, model, target or (0, 0, pane), self.spec.differences)
        if cursor != "keep" or self._anchor is None:
            self._remember_cursor()

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

    def show_search(self, query: str, hits: Sequence[Hit] | None) -> None:
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
        if not event.by_view:
            self._remember_cursor()

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

    # ----------------------------------------------------------- actions
    def action_focus_search(self) -> None:
        self.focus_now(self.search_input)

    def action_toggle_filter(self, key: str) -> None:
        self.set_filters(self.spec.filters.toggle(key))

    def action_toggle_differences(self) -> None:
        self.set_differences(not self.spec.differences)

    def action_open_doc(self) -> None:
        self.main.open_doc(self.keymap_in_force.keys["copy"])

    def action_copy(self) -> None:
        self.main.copy_highlighted()

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

    # Which approach? ---------------------------------------------------------
    def action_which_approach(self) -> None:
        """``w``: the Which approach? screen, starting from the current filters."""
        from explorer.tui.screens.recommend import RecommendScreen

        screen = RecommendScreen(self.catalog, self.spec.filters, self.bookmarks.is_bookmarked)
        self.push_screen(screen, self.jump_to_recommendation)

    def jump_to_recommendation(self, target: RecommendTarget | None) -> None:
        """Move to the option ``enter`` chose; if the filters hide it, use the screen's."""
        if target is None:
            return
        if self.state.locate(target.point_id, target.platform_id) is None and target.filters != self.spec.filters:
            self.set_filters(replace(target.filters, kinds=self.spec.filters.kinds))
            self.notify(f"Filters set as on the Which approach? screen: {target.filters.describe()}", markup=False)
        self.jump_to_bookmark((target.point_id, target.platform_id))

    def on_recommend_screen_bookmark_requested(self, message: RecommendScreen.BookmarkRequested) -> None:
        point = self.catalog.find_point(message.point_id)
        if point is None or not self.catalog.has_platform(message.platform_id):
            return
        platform = self.catalog.platform(message.platform_id)
        self.notify(self.bookmarks.toggle(point.id, point.name, platform.id, platform.short_name), markup=False)
        self.bookmarks_changed()
        message.source.refresh_marks()

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
        self.main.title_bar.set_shortlist(self.bookmarks.header_text())
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
        if not found:
            self.notify(why_not_shown(self.catalog, self.spec.platforms, point_id, platform_id), markup=False)
