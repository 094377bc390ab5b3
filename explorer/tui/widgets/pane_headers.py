"""Pane headers: one column per shown platform, on the grid's column geometry."""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from explorer.core.view import View
from explorer.tui.render.geometry import SEPARATOR, Geometry, columns
from explorer.tui.render.header_text import (
    INDENT,
    body_lines_needed,
    count_forms,
    dimmed_forms,
    first_fitting,
    fit_body,
)
from explorer.tui.widgets.grid import text_strip


class PaneHeaders(Widget):
    """Name, environments · clients · since, lifecycle warning and counts of each pane.

    Four lines high: name, two lines for what :func:`~explorer.tui.render.header_text.fit_body`
    fits into the column, and the count. When that would cut something off and a third
    line helps, the headers take five lines (class ``-tall``); short screens keep fewer.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "headers--name",
        "headers--current",
        "headers--meta",
        "headers--warning",
        "headers--count",
        "headers--dimmed",
        "headers--separator",
        "headers--gutter",
    }

    DEFAULT_CSS = """
    PaneHeaders { height: 4; background: $panel; }
    PaneHeaders.-tall { height: 5; }
    PaneHeaders > .headers--name { text-style: bold; }
    PaneHeaders > .headers--current { background: $accent; color: $text; text-style: bold; }
    PaneHeaders > .headers--meta { text-style: dim; }
    PaneHeaders > .headers--warning { color: $text-warning; }
    PaneHeaders > .headers--count { color: $text-primary; }
    PaneHeaders > .headers--dimmed { text-style: dim italic; }
    PaneHeaders > .headers--separator { color: $panel-lighten-2; }
    PaneHeaders > .headers--gutter { text-style: dim; }
    """

    class PaneClicked(Message):
        def __init__(self, pane: int) -> None:
            super().__init__()
            self.pane = pane

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.geometry: Geometry = columns(0, 0)
        self.view: View | None = None
        self.current = 0

    def set_geometry(self, geometry: Geometry) -> None:
        self.geometry = geometry
        self._fit_height()
        self.refresh()

    def set_view(self, view: View) -> None:
        self.view = view
        self._fit_height()
        self.refresh()

    _fitted: tuple = ()

    def _fit_height(self) -> None:
        """Five lines instead of four when a third body line saves text from being cut."""
        if self.view is None:
            return
        platforms = self.view.comparison.platforms
        widths = [c.width for c in self.geometry.columns]
        key = (tuple(p.id for p in platforms), tuple(widths))
        if key == self._fitted or len(widths) != len(platforms):
            return
        self._fitted = key
        self.set_class(body_lines_needed(platforms, widths, (2, 3)) == 3, "-tall")

    def set_current(self, pane: int) -> None:
        if pane != self.current:
            self.current = pane
            self.refresh()

    def line_kinds(self) -> tuple[str, ...]:
        """What each header line shows: "name", "body" (one per line) and "count"."""
        height = self.size.height or 4
        if height >= 3:
            return ("name", *("body",) * (height - 2), "count")
        return ("name", "count")[:height]

    def line_texts(self, y: int) -> list[Text]:
        """The text of each pane on header line ``y`` (also used by tests)."""
        if self.view is None:
            return []
        kinds = self.line_kinds()
        if y >= len(kinds):
            return []
        kind = kinds[y]
        body_lines = kinds.count("body")
        comparison = self.view.comparison
        component = self.get_component_rich_style
        widths = [c.width for c in self.geometry.columns]
        indent = " " * INDENT

        out: list[Text] = []
        for index, platform in enumerate(comparison.platforms):
            width = widths[index] if index < len(widths) else 10**6
            dimmed = comparison.dimmed.get(platform.id)
            style = Style(dim=True) if dimmed else Style()
            if kind == "name":
                part = "headers--current" if index == self.current else "headers--name"
                marker = "▸ " if index == self.current else indent
                # One naming scheme: the short name (the detail panel gives the full one).
                text = Text(marker + (platform.short_name or platform.name), style=style + component(part, partial=True))
            elif kind == "body":
                body = fit_body(platform, width, body_lines)
                line = y - 1
                if line < len(body.meta):
                    text = Text(indent + body.meta[line], style=style + component("headers--meta", partial=True))
                elif line < len(body.lines):
                    text = Text(indent + body.lines[line], style=style + component("headers--warning", partial=True))
                else:
                    text = Text("")
            elif dimmed:
                label = first_fitting(dimmed_forms(dimmed), width)
                text = Text(indent + label, style=component("headers--dimmed", partial=True))
            else:
                shown = self.view.counts.get(platform.id, 0)
                total = self.view.totals.get(platform.id, 0)
                label = first_fitting(count_forms(shown, total), width)
                text = Text(indent + label, style=style + component("headers--count", partial=True))
            out.append(text)
        return out

    def visible_lines(self) -> list[str]:
        """The text of the header lines on screen (for tests and scripts)."""
        return [self.render_line(y).text.rstrip() for y in range(self.size.height)]

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        texts = self.line_texts(y)
        if not texts:
            return Strip.blank(width, base)
        geometry = self.geometry
        line = Text(style=base, no_wrap=True, end="")
        separator = Text(SEPARATOR, style=self.get_component_rich_style("headers--separator", partial=True))
        if geometry.gutter:
            label = Text("capability" if y == 0 else "", style=self.get_component_rich_style("headers--gutter", partial=True))
            label.truncate(geometry.gutter, overflow="ellipsis", pad=True)
            line.append_text(label)
            line.append_text(separator)
        last = len(geometry.columns) - 1
        for index, column in enumerate(geometry.columns):
            text = texts[index] if index < len(texts) else Text("")
            text.truncate(column.width, overflow="ellipsis", pad=True)
            line.append_text(text)
            if index != last:
                line.append_text(separator)
        return text_strip(line, self.app.console, width, base)

    def on_click(self, event: events.Click) -> None:
        pane = self.geometry.pane_at(event.x)
        if pane is not None and self.view is not None and pane < len(self.view.comparison.platforms):
            self.post_message(self.PaneClicked(pane))
