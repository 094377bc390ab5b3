"""The filter bar: environment and client toggles (keys 1–4) and differences only (d).

Each toggle is its own small widget so that a mouse click toggles exactly that filter.
"""

from __future__ import annotations

from rich.cells import cell_len
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
    FilterToggle.-compact { padding: 0 0 0 1; }
    FilterToggle.-compact.-gap { margin-left: 0; }
    """

    class Toggled(Message):
        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    def __init__(self, key: str, hotkey: str, label: str, short: str = "", *, classes: str | None = None) -> None:
        super().__init__(id=f"filter-{key}", classes=classes)
        self.key = key
        self.hotkey = hotkey
        self.label = label
        self.short = short or label
        self.on: bool | None = None

    def set_on(self, on: bool) -> None:
        if on != self.on:
            self.on = on
            self.set_class(on, "-on")
            self.set_class(not on, "-off")
            self.refresh(layout=False)

    @property
    def compact(self) -> bool:
        return self.has_class("-compact")

    def _parts(self) -> tuple[str, str, str]:
        box = "☑" if self.on else "☐"
        if self.compact:
            return self.hotkey, box, self.short
        return f"[{self.hotkey}] ", f"{box} ", self.label

    def render(self) -> Text:
        key, box, label = self._parts()
        text = Text(no_wrap=True, end="")
        text.append(key, style="bold")
        text.append(box)
        text.append(label)
        return text

    def get_content_width(self, container, viewport) -> int:  # type: ignore[override]
        return cell_len("".join(self._parts()))

    def set_hotkey(self, hotkey: str) -> None:
        if hotkey != self.hotkey:
            self.hotkey = hotkey
            self.refresh(layout=True)

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Toggled(self.key))


class FilterBar(Horizontal):
    """All toggles on one line."""

    DEFAULT_CSS = """
    FilterBar { height: 1; width: 1fr; background: $panel; }
    """

    #: Below this width the toggles drop brackets and spaces: ``1☑cloud``.
    COMPACT_BELOW = 78

    def compose(self) -> ComposeResult:
        for index, key in enumerate(FILTER_KEYS):
            classes = "-gap" if index == 2 else None
            yield FilterToggle(key, TOGGLE_KEYS[key], key, classes=classes)
        yield FilterToggle(DIFFERENCES, "d", "differences only", "diff", classes="-gap")

    def on_resize(self, event: events.Resize) -> None:
        compact = event.size.width < self.COMPACT_BELOW
        for toggle in self.query(FilterToggle):
            if toggle.compact != compact:
                toggle.set_class(compact, "-compact")
                toggle.refresh(layout=True)

    def set_hotkeys(self, hotkeys: dict[str, str]) -> None:
        """Show the keys in force (filter key or "differences" → key) after a keymap."""
        for toggle in self.query(FilterToggle):
            if hotkeys.get(toggle.key):
                toggle.set_hotkey(hotkeys[toggle.key])

    def show(self, filters: Filters, differences: bool) -> None:
        for toggle in self.query(FilterToggle):
            toggle.set_on(differences if toggle.key == DIFFERENCES else filters.is_on(toggle.key))
