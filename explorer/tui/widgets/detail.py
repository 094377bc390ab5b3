"""The detail panel: everything about the highlighted cell, as plain text (never markup)."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Span, Text
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from explorer.core.compare import Cell, CellState, Row
from explorer.core.filters import Filters
from explorer.core.model import Availability, Catalog, Link, Platform, Point
from explorer.tui import keymap
from explorer.tui.render.geometry import filtered_reason
from explorer.tui.widgets.grid import text_strip

LABEL = "bold"
MUTED = "dim"
#: Between the title and the muted aside on the first line; the panel puts the aside on a
#: line of its own when both do not fit.
ASIDE = "   "
#: Caveats and lifecycle warnings; the panel shows them in the theme's warning colour.
WARN = "bold yellow"


def _join(values: tuple[str, ...] | list[str], empty: str = "—") -> str:
    return " + ".join(values) if values else empty


def _availability_line(av: Availability) -> str:
    where = f"{_join(av.environments, 'no environment')} · {_join(av.clients, 'no client')}"
    text = f"{av.status.symbol} {av.status.word} — {where}"
    if av.note:
        text += f" — {av.note}"
    return text


def _links(text: Text, label: str, links: tuple[Link, ...]) -> None:
    for link in links:
        text.append(f"{label}: ", style=LABEL)
        text.append(f"{link.title} ", style=MUTED)
        text.append(link.url + "\n", style="underline")


def point_detail(catalog: Catalog, point: Point, platform_id: str, row: Row | None) -> Text:
    platform = catalog.platform(platform_id)
    text = Text(end="")
    text.append(point.name, style="bold")
    text.append(f" · {platform.name}", style="bold")
    if row is not None:
        text.append(f"{ASIDE}{row.capability.name} · {point.kind} · {point.direction}", style=MUTED)
    text.append("\n")
    if point.summary:
        text.append(point.summary + "\n")
    av = point.on(platform_id)
    if av is not None:
        text.append("Availability: ", style=LABEL)
        text.append(_availability_line(av) + "\n")
    others = [a for a in point.availability if a.platform != platform_id]
    if others:
        text.append("Elsewhere: ", style=LABEL)
        names = [catalog.platform(a.platform).short_name if catalog.has_platform(a.platform) else a.platform for a in others]
        text.append("; ".join(f"{n} {a.status.symbol} {a.status.word}" for n, a in zip(names, others)) + "\n", style=MUTED)
    if point.technologies:
        text.append("Technologies: ", style=LABEL)
        text.append(", ".join(point.technologies) + "\n")
    for caveat in point.caveats:
        text.append("Caveat: ", style=WARN)
        text.append(caveat + "\n")
    for lifecycle in point.lifecycle:
        text.append("⚠ " if lifecycle.warns else "Lifecycle: ", style=WARN if lifecycle.warns else LABEL)
        text.append(lifecycle.label() + "\n")
    _platform_warnings(text, platform)
    _links(text, "Docs", point.docs)
    _links(text, "SDK", point.sdks)
    text.append("Source: ", style=LABEL)
    text.append(f"{point.source.title} ", style=MUTED)
    text.append(point.source.url, style="underline")
    return text


def _platform_warnings(text: Text, platform: Platform) -> None:
    """The platform's lifecycle warnings in full (the pane header has room for one, short)."""
    for lifecycle in platform.warnings:
        text.append(f"⚠ {platform.short_name or platform.name} (platform): ", style=WARN)
        text.append(lifecycle.label() + "\n")


EMPTY_WHY = {
    CellState.NOT_AVAILABLE: "✗ not available on this platform",
    CellState.UNKNOWN: "? unknown — the catalog does not say whether this platform has it",
}


def empty_detail(catalog: Catalog, row: Row, cell: Cell, filters: Filters) -> Text:
    platform = catalog.platform(cell.platform)
    capability = row.capability
    text = Text(end="")
    text.append(capability.name, style="bold")
    text.append(f" · {platform.name}", style="bold")
    text.append(f"{ASIDE}{capability.kind}", style=MUTED)
    text.append("\n")
    if capability.summary:
        text.append(capability.summary + "\n")
    if cell.state is CellState.FILTERED:
        text.append(f"– filtered out: {filtered_reason(cell, filters)}\n", style="italic")
        for entry in cell.filtered:
            text.append(f"  {entry.point.name}: ", style=LABEL)
            text.append(_availability_line(entry.availability) + "\n")
    else:
        text.append(EMPTY_WHY.get(cell.state, cell.state.value) + "\n", style="italic")
    if cell.note:
        text.append("Note: ", style=LABEL)
        text.append(cell.note + "\n")
    _platform_warnings(text, platform)
    return text


def _aside_on_own_line(text: Text, width: int) -> Text:
    """Put the first line's muted aside (after ``ASIDE``) on its own line when the line
    would wrap, rather than breaking it mid-phrase."""
    plain = text.plain
    end = plain.find("\n")
    first = plain if end < 0 else plain[:end]
    split = first.find(ASIDE)
    if split <= 0 or cell_len(first) <= width:
        return text
    out = text[:split]
    out.append("\n")
    out.append_text(text[split + len(ASIDE):])
    out.end = text.end
    return out


class DetailPanel(ScrollView, can_focus=True):
    """The highlighted cell's details: focusable, scrollable, ``escape`` back to the grid.

    A Line-API widget: ``show`` wraps the text once and sets the scroll height without a
    screen layout (the cursor moves on every keystroke; a layout costs ~10 ms, a paint ~1 ms).
    """

    DEFAULT_CSS = """
    DetailPanel {
        height: 9; border-top: solid $panel-lighten-2; background: $surface; padding: 0 1;
        overflow-x: hidden; overflow-y: scroll; scrollbar-size-vertical: 1;
    }
    DetailPanel:focus { border-top: solid $accent; }
    DetailPanel > .detail--warning { color: $text-warning; text-style: bold; }
    """

    COMPONENT_CLASSES = {"detail--warning"}

    BINDINGS = keymap.bindings("detail")

    class Closed(Message):
        """The user leaves the panel (escape): back to the grid."""

    def action_back_to_grid(self) -> None:
        self.post_message(self.Closed())

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = Text("")
        self._strips: list[Strip] = []
        self._width = 0

    def show(self, text: Text) -> None:
        self.text = text
        self._wrap()
        self.scroll_to(0, 0, animate=False, immediate=True)
        self.refresh()

    def _wrap(self) -> None:
        width = max(1, self.scrollable_content_region.width)
        self._width = width
        if not self.is_mounted:
            return
        console = self.app.console
        base = self.rich_style
        text = _aside_on_own_line(self.text, width)
        warn = self.get_component_rich_style("detail--warning", partial=True)
        if any(span.style == WARN for span in text.spans):
            text = text.copy()
            text.spans = [Span(s.start, s.end, warn) if s.style == WARN else s for s in text.spans]
        self._strips = [text_strip(line, console, width, base) for line in text.wrap(console, width)]
        # Not through the reactive: that would ask for a layout of the whole screen.
        self.set_reactive(DetailPanel.virtual_size, Size(width, len(self._strips)))
        self._refresh_scrollbars()

    def on_resize(self) -> None:
        self._wrap()
        self.refresh()

    def notify_style_update(self) -> None:
        """A new theme: render the lines again in its colours (when next drawn, once every
        style, the component classes' too, has been updated)."""
        super().notify_style_update()
        self._width = -1
        self.refresh()

    def render_line(self, y: int) -> Strip:
        index = round(self.scroll_y) + y
        width = self.scrollable_content_region.width
        if width != self._width:
            self._wrap()
        if 0 <= index < len(self._strips):
            return self._strips[index]
        return Strip.blank(width, self.rich_style)

    @property
    def plain(self) -> str:
        return self.text.plain
