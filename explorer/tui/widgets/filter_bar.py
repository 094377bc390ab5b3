"""The filter bar: environment and client toggles (keys 1–4) and differences only (d).

Each toggle is its own small widget so that a mouse click toggles exactly that filter.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widget import Widget

from explorer.core.filters import FILTER_KEYS, Filters

#: Filter key → the key that toggles it.
TOGGLE_KEYS = {key: str(index + 1) for index, key in enumerate(FILTER_KEYS)}
DIFFERENCES = "differences"


class FilterToggle(Widget):
    """``[1] ☑ cloud``: clicking it toggles the filter."""

    DEFAULT_CSS = """
    FilterToggle { width: auto; height: 1; padding: 0 1; }
    FilterToggle:hover { background: $boost; }
    FilterToggle.-on { color: $text; }
    FilterToggle.-off { color: $text-muted; }
    FilterToggle.-gap { margin-left: 2; }
    """

    class Toggled(Message):
        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    def __init__(self, key: str, hotkey: str, label: str, *, classes: str | None = None) -> None:
        super().__init__(id=f"filter-{key}", classes=classes)
        self.key = key
        self.hotkey = hotkey
        self.label = label
        self.on: bool | None = None

    def set_on(self, on: bool) -> None:
        if on != self.on:
            self.on = on
            self.set_class(on, "-on")
            self.set_class(not on, "-off")
            self.refresh(layout=False)

    def render(self) -> Text:
        text = Text(no_wrap=True, end="")
        text.append(f"[{self.hotkey}] ", style="bold")
        text.append("☑ " if self.on else "☐ ")
        text.append(self.label)
        return text

    def get_content_width(self, container, viewport) -> int:  # type: ignore[override]
        return len(f"[{self.hotkey}] ☐ {self.label}")

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Toggled(self.key))


class FilterBar(Horizontal):
    """All toggles on one line."""

    DEFAULT_CSS = """
    FilterBar { height: 1; width: 1fr; background: $panel; }
    """

    def compose(self) -> ComposeResult:
        for index, key in enumerate(FILTER_KEYS):
            classes = "-gap" if index == 2 else None
            yield FilterToggle(key, TOGGLE_KEYS[key], key, classes=classes)
        yield FilterToggle(DIFFERENCES, "d", "differences only", classes="-gap")

    def show(self, filters: Filters, differences: bool) -> None:
        for toggle in self.query(FilterToggle):
            toggle.set_on(differences if toggle.key == DIFFERENCES else filters.is_on(toggle.key))
