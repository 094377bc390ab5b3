"""The ``?`` help screen: the keyboard contract, the filter rule and the cell marks.

The key table comes from :mod:`explorer.core.settings.keys`, with the keys in force (after
the user's remapping), so it always shows the keys that work. Everything is built as ``Content`` (never markup).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from textual import events
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from explorer.core.settings import keys as km
from explorer.tui.bindings import bindings, keys_in_force

FILTER_RULE = (
    "A point shows on a platform when it is available there in at least one selected "
    "environment (1 cloud, 2 onsite) and at least one selected client (3 win, 4 web). "
    "Filters, search and differences only (d) combine; the pane headers count what is shown."
)

#: (mark, meaning, style) of the grid's cells; the grid uses the same glyphs.
CELL_MARKS: tuple[tuple[str, str, str], ...] = (
    ("✓", "available", "bold $success"),
    ("◐", "partial: some environments or clients, or with limits", "bold $warning"),
    ("✗", "not available (documented as absent)", "dim"),
    ("?", "unknown: not documented either way (never read it as “no”)", "italic $secondary"),
    ("–", "filtered: exists, but not for the selected environments/clients", "dim italic"),
    ("★", "bookmarked", "$accent"),
)

#: Below this many usable cells the binding ids column is left out.
IDS_MIN_WIDTH = 88
#: The keys column fits the main screen's and its own dialogs' keys; longer keys of other
#: screens push their text right.
KEYS_WIDTH = max(
    len(km.display_keys(s.keys)) for s in km.KEYMAP if s.scope in ("app", "grid", "search", "detail", "help", "platforms")
) + 2
#: The panel's border, padding and scrollbar take this many cells of the screen width.
CHROME = 6


def help_content(
    keys: Mapping[str, str] | None = None,
    width: int = 80,
    config_file: Path | str | None = None,
) -> Content:
    """The whole help text for a panel with ``width`` usable cells."""
    keys = dict(keys) if keys is not None else km.effective_keys()
    show_ids = width >= IDS_MIN_WIDTH
    lines: list[Content] = [
        Content.assemble(("so-explorer keys", "bold $accent"), ("   esc, q or ? closes; ↑ ↓ scroll", "dim")),
        Content(""),
    ]
    for scope in km.SCOPE_TITLES:
        specs = km.specs(scope)
        if not specs:
            continue
        lines.append(Content.styled(km.SCOPE_TITLES.get(scope, scope), "bold underline"))
        for spec in specs:
            shown = km.display_keys(keys[spec.id])
            line = Content.assemble(
                "  ", Content.styled(shown, "bold $accent").pad_right(max(0, KEYS_WIDTH - len(shown))), " ",
                Content(spec.help),
            )
            if show_ids:
                gap = max(1, width - line.cell_length - len(spec.id))
                line = line + Content(" " * gap) + Content.styled(spec.id, "dim")
            lines.append(line)
        lines.append(Content(""))
    lines.append(Content.styled("Filters", "bold underline"))
    lines.append(Content.assemble("  ", FILTER_RULE))
    lines.append(Content(""))
    lines.append(Content.styled("Cell marks", "bold underline"))
    for mark, meaning, style in CELL_MARKS:
        lines.append(Content.assemble("  ", (mark, style), "  ", meaning))
    lines.append(Content(""))
    lines.append(Content.styled("Settings", "bold underline"))
    where = str(config_file) if config_file else "config.yaml in the config folder"
    lines.append(Content.assemble("  Remap keys in ", (where, "italic"), " (keymap: binding id: keys)."))
    lines.append(Content("  Themes: ctrl+p, then “theme”; the choice is saved. NO_COLOR=1 turns colours off."))
    return Content("\n").join(lines)


class HelpScreen(ModalScreen[None]):
    """A modal, scrollable help screen; ``escape``, ``q`` or ``?`` closes it."""

    CSS_PATH = "help.tcss"
    BINDINGS = bindings("help")
    AUTO_FOCUS = "#help-scroll"

    def __init__(self, config_file: Path | str | None = None) -> None:
        super().__init__(id="help")
        self._config_file = config_file

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-scroll"):
            yield Static(self._content(self.app.size.width), id="help-text")

    def _content(self, width: int) -> Content:
        return help_content(keys_in_force(self.app), min(width, 112) - CHROME, self._config_file)

    def on_resize(self, event: events.Resize) -> None:
        self.query_one("#help-text", Static).update(self._content(event.size.width))

    def action_close(self) -> None:
        self.dismiss(None)

    def on_click(self, event: events.Click) -> None:
        # a click outside the panel closes the help, like escape
        if event.widget is self:
            self.dismiss(None)
