"""The search bar: a query input and the match count."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Static

from explorer.tui.bindings import bindings

PLACEHOLDER = "/ search: web pnl, webhok, soap ticket…"


class SearchInput(Input):
    """The query input: ``escape`` clears (again: back to the grid), ``enter`` jumps to
    the best match, ``down`` hands the focus to the grid. The app does the work."""

    BINDINGS = bindings("search")

    class Clear(Message):
        pass

    class JumpToBest(Message):
        pass

    class Leave(Message):
        """The user wants to go from the search bar to the grid."""

    def action_clear_search(self) -> None:
        if self.value:
            self.value = ""
        else:
            self.post_message(self.Leave())

    def action_jump_to_best(self) -> None:
        self.post_message(self.JumpToBest())

    def action_to_grid(self) -> None:
        self.post_message(self.Leave())


def count_label(count: int | None) -> str:
    if count is None:
        return ""
    if count == 0:
        return "no match"
    return f"{count} match" if count == 1 else f"{count} matches"


class SearchBar(Horizontal):
    DEFAULT_CSS = """
    SearchBar { height: 1; width: 1fr; }
    SearchBar > SearchInput { border: none; height: 1; width: 1fr; padding: 0 1; background: $boost; }
    SearchBar > SearchInput:focus { border: none; background: $primary 20%; }
    SearchBar > #match-count { width: 16; height: 1; padding: 0 1; color: $text-accent; text-align: right; background: $boost; }
    """

    def compose(self) -> ComposeResult:
        # Focusing selects the query, so typing replaces it; → or End keeps it (as a browser's
        # address bar does).
        yield SearchInput(placeholder=PLACEHOLDER, id="search", select_on_focus=True)
        yield self._count

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._count = Static("", id="match-count", markup=False)

    count_text = ""

    def show_count(self, count: int | None) -> None:
        text = count_label(count)
        if text != self.count_text:
            self.count_text = text
            self._count.update(Text(text), layout=False)  # fixed width: no screen layout per keystroke
