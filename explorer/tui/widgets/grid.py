"""The comparison grid: every platform pane as a column of one Line-API widget.

Only the lines on screen are rendered (``render_line``), so the grid scales to any number
of rows: a new view costs one :class:`~explorer.tui.render.geometry.LineModel` (a pass over row
heights), never a widget per row. Catalog text is rendered as ``rich.text.Text``: data,
never markup.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from explorer.core.compare import Cell, CellState, Row
from explorer.core.filters import Filters
from explorer.core.model import Point
from explorer.core.view import View
from explorer.tui.bindings import bindings
from explorer.tui.render.geometry import (
    SEPARATOR,
    Geometry,
    LineModel,
    columns,
    gutter_lines,
)

BookmarkCheck = Callable[[str, str], bool]


def _never(point_id: str, platform_id: str) -> bool:
    return False


def text_strip(text: Text, console, width: int, base: Style) -> Strip:
    """Render one line of Text to a Strip of exactly ``width`` cells, every segment styled
    (Textual's NO_COLOR filter cannot handle segments without a style)."""
    segments = [
        Segment(seg.text, base + seg.style if seg.style else base)  # theme colours under every span
        for seg in text.render(console)
        if seg.text
    ]
    return Strip(segments).adjust_cell_length(width, base)


class ComparisonGrid(ScrollView, can_focus=True):
    """Rows of capabilities × platform panes, with a cursor on one cell."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "grid--cursor",
        "grid--cursor-blurred",
        "grid--odd",
        "grid--gutter",
        "grid--separator",
        "grid--available",
        "grid--partial",
        "grid--not-available",
        "grid--unknown",
        "grid--filtered",
        "grid--match",
        "grid--bookmark",
        "grid--empty",
    }

    DEFAULT_CSS = """
    ComparisonGrid {
        overflow-y: scroll;
        overflow-x: hidden;
        scrollbar-size-vertical: 1;
        background: $surface;
    }
    ComparisonGrid > .grid--cursor { background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold; }
    ComparisonGrid > .grid--cursor-blurred { background: $block-cursor-blurred-background; }
    ComparisonGrid > .grid--odd { background: $boost; }
    ComparisonGrid > .grid--gutter { text-style: dim; }
    ComparisonGrid > .grid--separator { color: $panel-lighten-2; }
    ComparisonGrid > .grid--available { color: $text-success; }
    ComparisonGrid > .grid--partial { color: $text-warning; }
    ComparisonGrid > .grid--not-available { text-style: dim; }
    ComparisonGrid > .grid--unknown { color: $text-secondary; text-style: italic; }
    ComparisonGrid > .grid--filtered { text-style: dim italic; }
    ComparisonGrid > .grid--match { color: $text-accent; text-style: bold reverse; }
    ComparisonGrid > .grid--bookmark { color: $text-warning; }
    ComparisonGrid > .grid--empty { text-style: dim; }
    """

    BINDINGS = bindings("grid")

    class CursorMoved(Message):
        """The highlighted cell changed (or the view under it did: ``by_view``)."""

        def __init__(self, grid: ComparisonGrid, by_view: bool = False) -> None:
            super().__init__()
            self.grid = grid
            #: Placed by a new view rather than moved by the user or a jump.
            self.by_view = by_view

    class GeometryChanged(Message):
        def __init__(self, geometry: Geometry) -> None:
            super().__init__()
            self.geometry = geometry

    class EscapePressed(Message):
        """Escape in the grid: the app clears the search, if any."""

    class DetailRequested(Message):
        """Enter on the grid: the app focuses the detail panel."""

    def __init__(self, *, is_bookmarked: BookmarkCheck | None = None, name: str | None = None,
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.is_bookmarked: BookmarkCheck = is_bookmarked or _never
        self.view: View | None = None
        self.model = LineModel([], [])
        #: Panes the filters leave empty (derived from the view, for drawing).
        self._dimmed: frozenset[int] = frozenset()
        self.geometry = columns(0, 0)
        self.cursor_row = 0
        self.cursor_entry = 0
        self.cursor_pane = 0
        #: Rendered lines: (line, cursor state or None) → Strip. Cleared by any full refresh.
        self._strips: dict[tuple[int, tuple[int, bool] | None], Strip] = {}

    def refresh(self, *regions, **kwargs):  # type: ignore[override]
        """A full refresh (no region: new data, ★ marks, styles) forgets the rendered lines."""
        if not regions:
            self._strips.clear()
        return super().refresh(*regions, **kwargs)

    def notify_style_update(self) -> None:
        self._strips.clear()
        super().notify_style_update()

    # ----------------------------------------------------------------- data
    def set_view(self, view: View, model: LineModel, *, cursor: tuple[int, int, int] | None = None) -> None:
        """Show ``view``; ``cursor`` is (row, entry, pane), default: keep the pane, go to the top."""
        old_panes = self.panes
        self.view = view
        self.model = model
        dimmed = view.comparison.dimmed
        self._dimmed = frozenset(i for i, pid in enumerate(self.platform_ids) if pid in dimmed)
        if self.panes != old_panes or self.geometry.width != self._content_width():
            self._relayout()
        self._set_virtual_height(model.total)
        row, entry, pane = cursor if cursor is not None else (0, 0, self.cursor_pane)
        self._set_cursor(row, entry, pane, scroll=True, force=True, by_view=True)
        self.refresh()

    @property
    def filters(self) -> Filters:
        return self.view.comparison.filters if self.view is not None else Filters()

    @property
    def platform_ids(self) -> tuple[str, ...]:
        return self.view.comparison.platform_ids if self.view is not None else ()

    @property
    def panes(self) -> int:
        return len(self.platform_ids)

    def _set_virtual_height(self, lines: int) -> None:
        """Set the scroll height without the reactive's screen layout (the vertical
        scrollbar is always shown, so nothing else on screen moves)."""
        size = Size(self._content_width(), lines)
        if size != self.virtual_size:
            self.set_reactive(ComparisonGrid.virtual_size, size)
            self._refresh_scrollbars()
            if self.scroll_y > self.max_scroll_y:
                self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True)

    def _content_width(self) -> int:
        return max(0, self.scrollable_content_region.width)

    def _relayout(self) -> None:
        label = self.view.comparison.index.longest_label if self.view is not None else 0
        self.geometry = columns(self._content_width(), self.panes, label)
        self.post_message(self.GeometryChanged(self.geometry))

    def on_resize(self, event: events.Resize) -> None:
        self._relayout()
        self._set_virtual_height(self.model.total)
        self._scroll_cursor_visible()
        self.refresh()

    # --------------------------------------------------------------- cursor
    @property
    def cursor_line(self) -> int:
        if not self.model.rows:
            return 0
        return self.model.line_of(self.cursor_row, self.cursor_entry)

    def current(self) -> tuple[Row | None, Cell | None, Point | None]:
        """The highlighted row, cell and point (point is None for an empty cell)."""
        if not self.model.rows or not self.panes:
            return None, None, None
        row = self.model.rows[self.cursor_row]
        cell = row.cells[self.cursor_pane]
        point = cell.entries[self.cursor_entry].point if cell.entries else None
        return row, cell, point

    @property
    def current_platform(self) -> str | None:
        return self.platform_ids[self.cursor_pane] if self.panes else None

    def move_to(self, row: int, entry: int = 0, pane: int | None = None) -> None:
        self._set_cursor(row, entry, self.cursor_pane if pane is None else pane, scroll=True)

    def _clamp(self, row: int, entry: int, pane: int) -> tuple[int, int, int]:
        if not self.model.rows or not self.panes:
            return 0, 0, max(0, min(pane, self.panes - 1))
        row = max(0, min(row, len(self.model.rows) - 1))
        pane = max(0, min(pane, self.panes - 1))
        count = len(self.model.rows[row].cells[pane].entries)
        entry = max(0, min(entry, count - 1)) if count else 0
        return row, entry, pane

    def _set_cursor(self, row: int, entry: int, pane: int, *, scroll: bool = True, force: bool = False,
                    by_view: bool = False) -> None:
        row, entry, pane = self._clamp(row, entry, pane)
        old = (self.cursor_row, self.cursor_entry, self.cursor_pane)
        if not force and old == (row, entry, pane):
            return
        old_line = None if force or not self.model.rows else self.cursor_line
        self.cursor_row, self.cursor_entry, self.cursor_pane = row, entry, pane
        if old_line is not None:
            self.refresh_line(old_line)
            self.refresh_line(self.cursor_line)
        if scroll:
            self._scroll_cursor_visible()
        self.post_message(self.CursorMoved(self, by_view))

    def _scroll_cursor_visible(self) -> None:
        if not self.model.rows:
            return
        start = self.model.starts[self.cursor_row]
        height = self.model.heights[self.cursor_row]
        line = self.cursor_line
        # Show the whole row when it fits, and always the cursor's line.
        self.scroll_to_region(Region(0, start, 1, min(height, max(1, self.size.height))), animate=False, immediate=True)
        self.scroll_to_region(Region(0, line, 1, 1), animate=False, immediate=True)

    def _move_line(self, delta: int) -> None:
        if not self.model.rows:
            return
        row, entry, pane = self.cursor_row, self.cursor_entry, self.cursor_pane
        count = len(self.model.rows[row].cells[pane].entries)
        if delta > 0:
            if entry + 1 < count:
                self._set_cursor(row, entry + 1, pane)
            elif row + 1 < len(self.model.rows):
                self._set_cursor(row + 1, 0, pane)
        else:
            if entry > 0:
                self._set_cursor(row, entry - 1, pane)
            elif row > 0:
                self._set_cursor(row - 1, 10**9, pane)

    def _move_to_line(self, line: int) -> None:
        if not self.model.rows:
            return
        line = max(0, min(line, self.model.total - 1))
        located = self.model.locate(line)
        if located is not None:
            self._set_cursor(located[0], located[1], self.cursor_pane)

    def action_cursor_down(self) -> None:
        self._move_line(1)

    def action_cursor_up(self) -> None:
        self._move_line(-1)

    def action_cursor_top(self) -> None:
        self._set_cursor(0, 0, self.cursor_pane)

    def action_cursor_bottom(self) -> None:
        self._set_cursor(len(self.model.rows) - 1, 10**9, self.cursor_pane)

    def _page(self, direction: int) -> None:
        """Scroll one page and move the cursor as far, keeping its place on screen."""
        page = max(1, self.size.height - 1) * direction
        self.scroll_to(y=self.scroll_y + page, animate=False, immediate=True)
        self._move_to_line(self.cursor_line + page)

    def action_page_down(self) -> None:
        self._page(1)

    def action_page_up(self) -> None:
        self._page(-1)

    def action_pane_right(self) -> None:
        self._set_cursor(self.cursor_row, self.cursor_entry, self.cursor_pane + 1)

    def action_pane_left(self) -> None:
        self._set_cursor(self.cursor_row, self.cursor_entry, self.cursor_pane - 1)

    def action_next_pane(self) -> None:
        if self.panes:
            self._set_cursor(self.cursor_row, self.cursor_entry, (self.cursor_pane + 1) % self.panes)

    def action_previous_pane(self) -> None:
        if self.panes:
            self._set_cursor(self.cursor_row, self.cursor_entry, (self.cursor_pane - 1) % self.panes)

    def action_focus_detail(self) -> None:
        self.post_message(self.DetailRequested())

    # ---------------------------------------------------------------- mouse
    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or not self.model.rows:
            return
        pane = self.geometry.pane_at(offset.x)
        located = self.model.locate(offset.y + round(self.scroll_y))
        if located is None:
            return
        row, line = located
        self._set_cursor(row, line, self.cursor_pane if pane is None else pane)
        self.focus()

    def key_escape(self) -> None:
        """Escape in the grid (not a binding: the search bar and the detail panel own it)."""
        self.post_message(self.EscapePressed())

    def on_focus(self) -> None:
        self.refresh_line(self.cursor_line)

    def on_blur(self) -> None:
        self.refresh_line(self.cursor_line)

    # ------------------------------------------------------------ rendering
    def visible_lines(self) -> list[str]:
        """The text of the lines on screen (for tests and scripts)."""
        return [self.render_line(y).text.rstrip() for y in range(self.size.height)]

    def render_line(self, y: int) -> Strip:
        line = round(self.scroll_y) + y
        on_cursor = bool(self.model.rows) and self.cursor_line == line
        key = (line, (self.cursor_pane, self.has_focus) if on_cursor else None)
        strip = self._strips.get(key)
        if strip is None:
            if len(self._strips) > 4096:
                self._strips.clear()
            strip = self._strips[key] = self._render_line(line)
        return strip

    def _render_line(self, line: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        located = self.model.locate(line)
        if located is None or not self.panes:
            return Strip.blank(width, base)
        row_index, sub = located
        row = self.model.rows[row_index]
        row_style = base + self.get_component_rich_style("grid--odd") if row_index % 2 else base
        text = Text(style=row_style, no_wrap=True, end="")
        geometry = self.geometry
        separator = Text(SEPARATOR, style=row_style + self.get_component_rich_style("grid--separator", partial=True))
        if geometry.gutter:
            wrapped = gutter_lines(row.capability.name, geometry.gutter, self.model.heights[row_index])
            label = wrapped[sub] if sub < len(wrapped) else ""
            cell = Text(label, style=row_style + self.get_component_rich_style("grid--gutter", partial=True))
            cell.truncate(geometry.gutter, overflow="ellipsis", pad=True)
            text.append_text(cell)
            text.append_text(separator)
        last = self.panes - 1
        for pane, column in enumerate(geometry.columns):
            cursor = row_index == self.cursor_row and pane == self.cursor_pane and sub == self.cursor_entry
            cell_text = self._cell_text(row, pane, sub, row_style, cursor, column.width)
            cell_text.truncate(column.width, overflow="ellipsis", pad=True)
            text.append_text(cell_text)
            if pane != last:
                text.append_text(separator)
        return text_strip(text, self.app.console, width, base)

    def _cell_text(self, row: Row, pane: int, sub: int, row_style: Style, cursor: bool, width: int = 80) -> Text:
        cell = row.cells[pane]
        style = row_style
        if cursor:
            name = "grid--cursor" if self.has_focus else "grid--cursor-blurred"
            style = row_style + self.get_component_rich_style(name, partial=True)
        if pane in self._dimmed:
            style = style + Style(dim=True)
        component = self.get_component_rich_style
        if sub < len(cell.entries):
            entry = cell.entries[sub]
            point = entry.point
            marked = self.is_bookmarked(point.id, cell.platform)
            partial = entry.availability.status.value == "partial"
            text = Text(style=style, end="")
            text.append("★" if marked else " ", component("grid--bookmark", partial=True) if marked else None)
            text.append("◐" if partial else "✓", component("grid--partial" if partial else "grid--available", partial=True))
            text.append(" ")
            start = len(text)
            text.append(point.name)
            if self.view is not None:
                spans = self.view.highlights.get((point.id, cell.platform))
                if spans:
                    match = component("grid--match", partial=True)
                    for s, e in spans:
                        text.stylize(match, start + s, start + e)
            return text
        if sub > 0:
            return Text(" ", style=style, end="")
        state = cell.state
        narrow = width < 17
        if state is CellState.NOT_AVAILABLE:
            label, part = ("  ✗ n/a" if narrow else "  ✗ not available"), "grid--not-available"
        elif state is CellState.UNKNOWN:
            label, part = "  ? unknown", "grid--unknown"
        elif state is CellState.FILTERED:
            reason = cell.filtered_reason(self.filters)
            part = "grid--filtered"
            # The fullest form that fits; the detail panel always has the reason.
            forms = (f"  – filtered ({reason})", f"  – {reason}", "  – filtered")
            label = next((f for f in forms if cell_len(f) <= width), forms[-1])
        else:  # present but nothing visible (cannot happen in a built view)
            label, part = " ", "grid--empty"
        return Text(label, style=style + component(part, partial=True), end="")
