"""Pane headers: one column per shown platform, on the grid's column geometry."""

from __future__ import annotations

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from explorer.core.model import Platform
from explorer.core.view import View
from explorer.tui.layout import SEPARATOR, Geometry, columns
from explorer.tui.widgets.grid import text_strip


def platform_meta(platform: Platform) -> str:
    parts = [" + ".join(platform.environments), " + ".join(platform.clients)]
    if platform.since:
        parts.append(f"since {platform.since}")
    return " · ".join(p for p in parts if p)


def platform_warning(platform: Platform) -> str:
    warnings = platform.warnings
    if not warnings:
        return ""
    first = warnings[0]
    when = f" from {first.from_version}" if first.from_version else ""
    more = f" (+{len(warnings) - 1})" if len(warnings) > 1 else ""
    return f"⚠ {first.status}{when}{more}"


class PaneHeaders(Widget):
    """Name, environments · clients · since, lifecycle warning and counts of each pane."""

    COMPONENT_CLASSES = {
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
        self.refresh()

    def set_view(self, view: View) -> None:
        self.view = view
        self.refresh()

    def set_current(self, pane: int) -> None:
        if pane != self.current:
            self.current = pane
            self.refresh()

    def line_texts(self, y: int) -> list[Text]:  # noqa: C901 - one branch per line kind
        """The text of each pane on header line ``y`` (also used by tests)."""
        if self.view is None:
            return []
        comparison = self.view.comparison
        height = self.size.height
        if height >= 4 or height == 0:
            kinds: tuple[str, ...] = ("name", "meta", "warning", "count")
        elif height >= 2:
            kinds = ("name", "count")
        else:
            kinds = ("name",)
        if y >= len(kinds):
            return []
        kind = kinds[y]
        component = self.get_component_rich_style
        widths = [c.width for c in self.geometry.columns]

        def width_of(index: int) -> int:
            return widths[index] if index < len(widths) else 10**6

        out: list[Text] = []
        for index, platform in enumerate(comparison.platforms):
            dimmed = comparison.dimmed.get(platform.id)
            style = Style(dim=True) if dimmed else Style()
            if kind == "name":
                part = "headers--current" if index == self.current else "headers--name"
                marker = "▸ " if index == self.current else "  "
                name = platform.name
                if cell_len(marker + name) > width_of(index) and platform.short_name:
                    name = platform.short_name
                text = Text(marker + name, style=style + component(part, partial=True))
            elif kind == "meta":
                text = Text("  " + platform_meta(platform), style=style + component("headers--meta", partial=True))
            elif kind == "warning":
                text = Text("  " + platform_warning(platform), style=style + component("headers--warning", partial=True))
            elif dimmed:
                text = Text("  – " + dimmed, style=component("headers--dimmed", partial=True))
            else:
                shown = self.view.counts.get(platform.id, 0)
                total = self.view.totals.get(platform.id, 0)
                labels = (f"  {shown} of {total} shown", f"  {shown}/{total} shown", f"  {shown}/{total}")
                label = next((lb for lb in labels if len(lb) <= width_of(index)), labels[-1])
                text = Text(label, style=style + component("headers--count", partial=True))
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
