"""The main screen: title, search bar, filters, pane headers, the grid, the detail panel and
the key bar, and everything that is only about showing them.

The app owns the state and hands views to :meth:`MainScreen.show`; the screen lays them out,
keeps the headers, detail panel and key bar in step with the grid's cursor and geometry, and
sizes the detail panel. User intents (typing a query, clicking a filter, escape in the grid)
bubble on to the app, which decides what they change.
"""

from __future__ import annotations

import webbrowser
from collections.abc import Callable, Mapping
from functools import cached_property

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.events import Resize
from textual.screen import Screen
from textual.widget import Widget

from explorer.core.filters import Filters
from explorer.core.model import Catalog
from explorer.core.settings import keys as key_table
from explorer.core.util.sanitize import clean_text
from explorer.core.view import View
from explorer.tui.render.cell_text import copy_text, doc_link
from explorer.tui.render.detail_text import empty_detail, point_detail
from explorer.tui.render.geometry import LineModel
from explorer.tui.widgets.detail import DetailPanel
from explorer.tui.widgets.filter_bar import FilterBar
from explorer.tui.widgets.grid import ComparisonGrid
from explorer.tui.widgets.key_bar import KeyBar
from explorer.tui.widgets.pane_headers import PaneHeaders
from explorer.tui.widgets.search_bar import SearchBar, SearchInput
from explorer.tui.widgets.title_bar import TitleBar

#: The detail panel's usual height (its top border included) on tall, short and tiny screens.
DETAIL_LINES = (9, 6, 3)
SHORT_BELOW, TINY_BELOW = 30, 16


class MainScreen(Screen):
    """The app's default screen (its stylesheet, main.tcss beside this file, is loaded by the
    app: Textual loads a screen's own CSS_PATH only for screens that are pushed)."""

    def __init__(self, catalog: Catalog, is_bookmarked: Callable[[str, str], bool]) -> None:
        super().__init__(id="main")
        self.catalog = catalog
        self._is_bookmarked = is_bookmarked

    def parts(self) -> ComposeResult:
        """The widgets. The app composes them (``yield from main.parts()``) so that they are
        mounted with the app itself, before its first frame and before a test's first key."""
        yield TitleBar(self.catalog.info, id="title-bar")
        yield SearchBar(id="search-bar")
        yield FilterBar(id="filter-bar")
        yield PaneHeaders(id="pane-headers")
        yield ComparisonGrid(is_bookmarked=self._is_bookmarked, id="grid")
        yield DetailPanel(id="detail")
        yield KeyBar(id="key-bar")

    # The parts, found once (the app may ask before this screen's own on_mount has run).
    @cached_property
    def grid(self) -> ComparisonGrid:
        return self.query_one("#grid", ComparisonGrid)

    @cached_property
    def search_input(self) -> SearchInput:
        return self.query_one("#search", SearchInput)

    @cached_property
    def headers(self) -> PaneHeaders:
        return self.query_one("#pane-headers", PaneHeaders)

    @cached_property
    def detail(self) -> DetailPanel:
        return self.query_one("#detail", DetailPanel)

    @cached_property
    def filter_bar(self) -> FilterBar:
        return self.query_one("#filter-bar", FilterBar)

    @cached_property
    def search_bar(self) -> SearchBar:
        return self.query_one("#search-bar", SearchBar)

    @cached_property
    def key_bar(self) -> KeyBar:
        return self.query_one("#key-bar", KeyBar)

    @cached_property
    def title_bar(self) -> TitleBar:
        return self.query_one("#title-bar", TitleBar)

    # --- what the app hands over -------------------------------------------------------

    def show(self, view: View, model: LineModel, cursor: tuple[int, int, int], differences: bool) -> None:
        """Show a view with the cursor at (row, entry, pane)."""
        self.grid.set_view(view, model, cursor=cursor)
        self.headers.set_view(view)
        self.filter_bar.show(view.comparison.filters, differences)
        self.search_bar.show_count(view.match_count if view.searching else None)
        self.key_bar.set_searching(view.searching)

    def show_keys(self, keys: Mapping[str, str]) -> None:
        """Label the filter toggles and the key bar with the keys in force."""
        self.key_bar.set_keys(keys)
        self.filter_bar.set_hotkeys(
            {what: key_table.display_key(keys[bid].split(",")[0]) for what, bid in key_table.toggle_ids().items()}
        )

    def focus_now(self, widget: Widget) -> None:
        """Focus at once (``Widget.focus`` defers, so fast typing after ``/`` would miss)."""
        self.set_focus(widget)

    # --- keeping the parts in step -------------------------------------------------------

    def on_resize(self, event: Resize) -> None:
        self.fit_to(event.size.height)

    def fit_to(self, height: int) -> None:
        """Fewer header lines and a smaller detail panel on short terminals."""
        self.set_class(height < SHORT_BELOW, "-short")
        self.set_class(height < TINY_BELOW, "-tiny")
        self.call_after_refresh(self.fit_detail)

    def fit_detail(self) -> None:
        """The detail panel's height: its usual lines, and more of the rows the grid leaves
        empty when the text needs them (a short view, a long description)."""
        detail = self.detail
        height = self.size.height
        usual = DETAIL_LINES[2] if height < TINY_BELOW else DETAIL_LINES[1] if height < SHORT_BELOW else DETAIL_LINES[0]
        fixed = sum(w.outer_size.height for w in (self.title_bar, self.search_bar, self.filter_bar, self.headers,
                                                 self.key_bar) if w.display)
        spare = height - fixed - usual - max(1, self.grid.model.total)
        wanted = usual
        if spare > 0:
            wanted = min(usual + spare, max(usual, detail.line_count + 1))  # + its top border
        if detail.styles.height is None or detail.styles.height.value != wanted:
            detail.styles.height = wanted

    @on(ComparisonGrid.CursorMoved)
    def _cursor_moved(self, event: ComparisonGrid.CursorMoved) -> None:
        """The detail panel follows the highlighted cell (the event goes on to the app)."""
        grid = event.grid
        row, cell, point = grid.current()
        self.headers.set_current(grid.cursor_pane)
        filters = grid.view.comparison.filters if grid.view is not None else Filters()
        if row is None or cell is None:
            self.detail.show(Text("Nothing to show: no row matches the search and filters.", style="italic"))
        elif point is not None:
            matched = grid.view.explanations.get((point.id, cell.platform), ()) if grid.view is not None else ()
            self.detail.show(point_detail(self.catalog, point, cell.platform, row, matched))
        else:
            self.detail.show(empty_detail(self.catalog, row, cell, filters))
        self.fit_detail()

    @on(ComparisonGrid.GeometryChanged)
    def _geometry_changed(self, event: ComparisonGrid.GeometryChanged) -> None:
        self.headers.set_geometry(event.geometry)

    @on(ComparisonGrid.DetailRequested)
    def _detail_requested(self) -> None:
        self.focus_now(self.detail)

    @on(DetailPanel.Closed)
    def _detail_closed(self) -> None:
        self.focus_now(self.grid)

    @on(PaneHeaders.PaneClicked)
    def _pane_clicked(self, event: PaneHeaders.PaneClicked) -> None:
        grid = self.grid
        grid.move_to(grid.cursor_row, grid.cursor_entry, event.pane)
        self.focus_now(grid)

    # --- the highlighted cell's link and text -------------------------------------------

    def open_doc(self, copy_keys: str) -> None:
        """``o``: open the highlighted point's doc link (http(s) only) in a browser."""
        url, problem = doc_link(self.grid.current()[2])
        if url is None:
            self.notify(problem, severity="information" if problem == "no doc link" else "warning", markup=False)
            return
        self._open_in_browser(url, key_table.display_key(copy_keys.split(",")[0]))

    @work(thread=True, group="browser")
    def _open_in_browser(self, url: str, copy_key: str) -> None:
        """In a thread: starting a browser may block. Says whether one started."""
        try:
            opened = webbrowser.open(url)
        except webbrowser.Error:
            opened = False
        shown = clean_text(url)
        if opened:
            self.app.call_from_thread(self.notify, f"Opened {shown}", markup=False)
        else:
            self.app.call_from_thread(
                self.notify, f"No web browser could be started for {shown}. Press {copy_key} to copy the link.",
                severity="warning", timeout=10, markup=False)

    def copy_highlighted(self) -> None:
        """``y``: the highlighted point's name, platform, summary and link, to the clipboard."""
        row, cell, point = self.grid.current()
        platform_id = self.grid.current_platform
        found = copy_text(self.catalog, point, platform_id, row, cell) if platform_id else None
        if found is not None:
            text, what = found
            self.app.copy_to_clipboard(text)
            self.notify(f"Copied {what} to the clipboard", markup=False)
