"""Small dialogs: a one-line text prompt and a yes/no question.

All text given to them (titles with point names, notes) is shown as plain text, never markup.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from explorer.tui.bindings import bindings

#: Returns why a value cannot be used, or None when it can.
Check = Callable[[str], "str | None"]


class TextDialog(ModalScreen["str | None"]):
    """Ask for one line of text: ``enter`` accepts (if ``check`` agrees), ``escape`` cancels."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = bindings("text")
    AUTO_FOCUS = "#dialog-input"

    def __init__(self, title: str, value: str = "", *, placeholder: str = "", max_length: int = 0,
                 check: Check | None = None, id: str | None = None) -> None:
        super().__init__(id=id)
        self._title = title
        self._value = value
        self._placeholder = placeholder
        self._max_length = max_length
        self._check = check

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="bookmarks-dialog"):
            yield Static(Content(self._title), id="dialog-title")
            yield Input(self._value, placeholder=self._placeholder, max_length=self._max_length, id="dialog-input")
            yield Static(Content(""), id="dialog-error")
            yield Static(Content.assemble(("enter", "bold $accent"), " save   ", ("esc", "bold $accent"), " cancel"),
                         id="dialog-keys")

    @property
    def input(self) -> Input:
        return self.query_one("#dialog-input", Input)

    @on(Input.Submitted, "#dialog-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value
        problem = self._check(value) if self._check else None
        if problem:
            self.query_one("#dialog-error", Static).update(Content(problem))
            self.app.bell()
            return
        self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmDialog(ModalScreen[bool]):
    """A yes/no question: ``y`` or ``enter`` says yes, ``n`` or ``escape`` says no."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = bindings("confirm")

    def __init__(self, question: str, yes: str = "yes", no: str = "no", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._question = question
        self._yes, self._no = yes, no

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="bookmarks-dialog"):
            yield Static(Content(self._question), id="dialog-title")
            yield Static(
                Content.assemble(("y", "bold $accent"), f" {self._yes}   ", ("n", "bold $accent"), f" / esc {self._no}"),
                id="dialog-keys",
            )

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
