"""The detail panel: everything about the highlighted cell (built by
:mod:`explorer.tui.render.detail_text`), wrapped once and scrolled line by line."""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.text import Span, Text
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from explorer.tui.bindings import bindings
from explorer.tui.render.detail_text import ASIDE, WARN
from explorer.tui.widgets.grid import text_strip


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

    COMPONENT_CLASSES: ClassVar[set[str]] = {"detail--warning"}

    BINDINGS = bindings("detail")

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
    def line_count(self) -> int:
        """Lines the text takes at the panel's width."""
        return len(self._strips)

    @property
    def plain(self) -> str:
        return self.text.plain
