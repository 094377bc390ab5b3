"""The key bar: one line of the keys that matter where the focus is, fitted to the width.

A light replacement for Textual's ``Footer`` (which mounts a widget per key and recomposes
on every focus change). It renders one ``Text`` line from the key table
(:mod:`explorer.core.settings.keys`) with
the keys in force after a ``keymap:`` in config.yaml. The most important keys come first;
when the line is too narrow, labels get shorter, then the least important keys go.
``? help`` and ``^p palette`` stay at the right end. Clicking a key runs its action.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.widget import Widget

from explorer.core.settings import keys as km

FILTER_IDS = ("toggle-cloud", "toggle-onsite", "toggle-win", "toggle-web")
GAP = "  "


@dataclass(frozen=True, slots=True)
class BarKey:
    """One entry: the keys of ``ids`` (first key of each), a label and a shorter one.

    ``rank``: lower stays longer when the bar is narrow. ``action`` runs on a click, in
    ``scope`` (the app, or the focused search bar / detail panel). ``keys`` overrides the
    key text for keys that are not bindings of ours (e.g. scrolling).
    """

    ids: tuple[str, ...]
    label: str
    short: str
    rank: int
    action: str | None = None
    scope: str = "app"
    keys: str = ""
    searching_only: bool = False


def _key(binding_id: str, label: str, short: str, rank: int, *, scope: str = "app", click: bool = True,
         searching_only: bool = False) -> BarKey:
    spec = km.BY_ID[binding_id]
    return BarKey((binding_id,), label, short, rank, spec.action if click else None, scope,
                  searching_only=searching_only)


GRID: tuple[BarKey, ...] = (
    _key("focus-search", "search", "search", 1),
    BarKey(FILTER_IDS, "filters", "filters", 2),
    _key("differences", "differences", "diff", 3),
    BarKey(("next-match", "previous-match"), "next match", "match", 2, "next_match", searching_only=True),
    _key("platforms", "platforms", "platforms", 4),
    _key("focus-detail", "details", "detail", 7, scope="grid"),
    _key("bookmark", "bookmark", "bookmark", 5),
    _key("bookmarks", "bookmarks", "bookmarks", 8),
    _key("export", "export", "export", 5),
    _key("open-doc", "open link", "open", 6),
    _key("copy", "copy", "copy", 6),
    _key("quit", "quit", "quit", 3),
)
SEARCH: tuple[BarKey, ...] = (
    _key("search-clear", "clear", "clear", 1, scope="search"),
    _key("search-jump", "best match", "best", 1, scope="search"),
    _key("search-to-grid", "grid", "grid", 2, scope="search"),
    _key("quit", "quit", "quit", 3),
)
DETAIL: tuple[BarKey, ...] = (
    _key("detail-back", "back", "back", 1, scope="detail"),
    BarKey(("detail-down", "detail-up"), "scroll", "scroll", 2, scope="detail"),
    _key("open-doc", "open link", "open", 3),
    _key("copy", "copy", "copy", 3),
    _key("bookmark", "bookmark", "bookmark", 4),
    _key("quit", "quit", "quit", 2),
)
HELP = _key("help", "help", "help", 0)
PALETTE = _key("command-palette", "palette", "palette", 0)
CONTEXTS: dict[str, tuple[tuple[BarKey, ...], tuple[BarKey, ...]]] = {
    "grid": (GRID, (HELP, PALETTE)),
    "detail": (DETAIL, (HELP, PALETTE)),
    # In the search bar printable keys type: "?" would not open the help.
    "search": (SEARCH, (PALETTE,)),
}


def short_key(key: str) -> str:
    """``ctrl+p`` → ``^p``, ``question_mark`` → ``?``, ``down`` → ``↓``."""
    shown = km.display_key(key)
    if shown.startswith("ctrl+"):
        shown = "^" + shown[len("ctrl+"):]
    return shown


def _types_in_input(key: str) -> bool:
    """A key the search input would type instead of passing on (one printable character)."""
    shown = km.display_key(key)
    return len(shown) == 1 and shown.isprintable() and shown not in "↑↓←→"


def key_text(entry: BarKey, keys: Mapping[str, str], context: str) -> str:
    """The keys shown for an entry: the first key in force of each binding."""
    if entry.keys:
        return entry.keys
    firsts: list[str] = []
    for binding_id in entry.ids:
        options = [k.strip() for k in keys.get(binding_id, km.BY_ID[binding_id].keys).split(",") if k.strip()]
        if context == "search" and entry.scope == "app":
            options = [k for k in options if not _types_in_input(k)] or options
        firsts.append(short_key(options[0]) if options else "")
    if entry.ids == FILTER_IDS and firsts == ["1", "2", "3", "4"]:
        return "1-4"
    return "/".join(firsts)


@dataclass(frozen=True, slots=True)
class Placed:
    """An entry on the bar: ``x`` its first cell, ``width`` its cells."""

    entry: BarKey
    key: str
    label: str
    x: int
    width: int


def fit(entries: tuple[BarKey, ...], tail: tuple[BarKey, ...], keys: Mapping[str, str],
        context: str, width: int) -> list[Placed]:
    """The entries that fit ``width`` cells, placed; the tail sits at the right end."""
    def item(entry: BarKey, short: bool) -> tuple[BarKey, str, str]:
        return entry, key_text(entry, keys, context), entry.short if short else entry.label

    def size(items: list[tuple[BarKey, str, str]]) -> int:
        return sum(cell_len(f"{k} {label}") for _, k, label in items) + len(GAP) * max(0, len(items) - 1)

    tail_items = [item(e, False) for e in tail]
    if size(tail_items) + 1 > width:
        tail_items = [item(e, True) for e in tail]
    room = width - 1 - size(tail_items) - len(GAP)  # one cell of margin at the left
    chosen = [item(e, False) for e in entries]
    if size(chosen) > room:  # shorter labels, then the most important keys that fit
        by_rank = sorted(entries, key=lambda e: (e.rank, entries.index(e)))
        kept: list[BarKey] = []
        for entry in by_rank:
            if size([item(e, True) for e in (*kept, entry)]) <= room:
                kept.append(entry)
        chosen = [item(e, True) for e in entries if e in kept]
    placed: list[Placed] = []
    x = 1
    for entry, k, label in chosen:
        w = cell_len(f"{k} {label}")
        placed.append(Placed(entry, k, label, x, w))
        x += w + len(GAP)
    x = max(x, width - size(tail_items))
    for index, (entry, k, label) in enumerate(tail_items):
        w = cell_len(f"{k} {label}")
        placed.append(Placed(entry, k, label, x, w))
        x += w + len(GAP)
    return placed


class KeyBar(Widget):
    """The bottom line: keys for the grid, the search bar or the detail panel."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-bar--key", "key-bar--label"}

    DEFAULT_CSS = """
    KeyBar { height: 1; width: 1fr; background: $footer-background; color: $footer-foreground; }
    KeyBar > .key-bar--key { color: $footer-key-foreground; text-style: bold; }
    KeyBar > .key-bar--label { color: $footer-description-foreground; }
    """

    ALLOW_SELECT = False

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.context = "grid"
        self.searching = False
        self.keys: Mapping[str, str] = {}
        self.placed: list[Placed] = []

    def on_mount(self) -> None:
        self.watch(self.screen, "focused", self._focus_changed)

    def _focus_changed(self, widget: Widget | None) -> None:
        widget_id = widget.id if widget is not None else None
        self.set_context({"search": "search", "detail": "detail"}.get(widget_id or "", "grid"))

    def set_context(self, context: str) -> None:
        if context != self.context:
            self.context = context
            self.refresh()

    def set_searching(self, searching: bool) -> None:
        if searching != self.searching:
            self.searching = searching
            self.refresh()

    def set_keys(self, keys: Mapping[str, str]) -> None:
        """The keys in force (binding id → keys), after the user's keymap."""
        self.keys = dict(keys)
        self.refresh()

    def layout_for(self, width: int) -> list[Placed]:
        entries, tail = CONTEXTS[self.context]
        entries = tuple(e for e in entries if self.searching or not e.searching_only)
        return fit(entries, tail, self.keys, self.context, width)

    def render(self) -> Text:
        width = self.size.width
        self.placed = self.layout_for(width)
        key_style = self.get_component_rich_style("key-bar--key", partial=True)
        label_style = self.get_component_rich_style("key-bar--label", partial=True)
        text = Text(no_wrap=True, end="", overflow="ellipsis")
        for place in self.placed:
            text.append(" " * (place.x - text.cell_len))
            text.append(place.key, key_style)
            text.append(" " + place.label, label_style)
        text.truncate(width, overflow="ellipsis")
        return text

    @property
    def plain(self) -> str:
        """What the bar says at its current width (for tests)."""
        text = Text(no_wrap=True, end="")
        for place in self.layout_for(self.size.width):
            text.append(" " * (place.x - text.cell_len))
            text.append(f"{place.key} {place.label}")
        return text.plain

    async def on_click(self, event: events.Click) -> None:
        for place in self.placed:
            if place.x <= event.x < place.x + place.width and place.entry.action:
                event.stop()
                await self.run_entry(place.entry)
                return

    async def run_entry(self, entry: BarKey) -> None:
        """Run an entry's action where its key would (the app, grid, search bar or panel)."""
        app = self.app
        target = {"search": "#search", "detail": "#detail", "grid": "#grid"}.get(entry.scope)
        if entry.action:
            await app.run_action(entry.action, app.query_one(target) if target else app)
