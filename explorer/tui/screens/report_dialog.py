"""What every report dialog does: format, title and file, the questions before writing, and
writing off the UI thread.

:class:`ReportDialog` is the comparison export (``x`` in the panes) and the recommendation
export (``x`` on the Which approach? screen) with the parts they share: the format choice
(the file's extension follows it, and typing an extension picks the format), an optional
title (the report's heading), the file name (relative names are saved in ``folder``), a
message line, and Export/Cancel. Before writing it asks about a name without the format's
extension ("Write anyway") and about an existing file ("Overwrite"); any change takes the
question back. Subclasses add their own choices and build the report's bytes.
Everything shown is ``Content`` (never markup).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, RadioButton, RadioSet, Static

from explorer.core.report import FORMATS, ReportError, format_for_path, write_report
from explorer.core.settings import keys as km
from explorer.core.util.sanitize import clean_text
from explorer.tui.bindings import bindings, keys_in_force

#: The longest title the field takes (as ``export --title``).
MAX_TITLE = 200


def keys_hint(keys: dict[str, str] | None = None) -> str:
    """The message line while there is nothing else to say: the keys in force."""
    keys = keys or km.effective_keys()
    return (
        f"tab next field · ↑ ↓ enter choose · {km.display_keys(keys['export-write'])} export"
        f" · {km.display_keys(keys['export-cancel'])} cancel"
    )


def with_extension(path: str, fmt: str) -> str:
    """``path`` with the format's extension, when it has a report extension or none."""
    root, ext = os.path.splitext(path)
    if not path.strip() or (ext and format_for_path(path) is None) or format_for_path(path) == fmt:
        return path
    return root + FORMATS[fmt].extension


class NothingToWrite(Exception):
    """The report would be empty; the message says why (shown in the dialog)."""


class ReportDialog(ModalScreen["Path | None"]):
    CSS_PATH = "report_dialog.tcss"
    BINDINGS = bindings("export")
    AUTO_FOCUS = "#export-format"
    #: The box's border title, the title field's hint, and what the toast calls the report.
    BOX_TITLE = "Export report"
    TITLE_HINT = "optional heading"
    WHAT = "report"

    def __init__(self, formats: Sequence[str], fmt: str, default_name: str,
                 folder: str | os.PathLike[str] | None, *, id: str) -> None:
        super().__init__(id=id)
        self.formats = tuple(formats)
        self.folder = Path(folder) if folder is not None else Path.cwd()
        self._format = fmt
        self._default = default_name
        #: The path the user was warned about; a second Export replaces it.
        self._confirm: Path | None = None
        #: A name without the format's extension the user was asked about; a second Export writes it.
        self._confirm_name: Path | None = None
        self._busy = False
        self._hint = keys_hint()

    # --- for subclasses ------------------------------------------------------------------

    def more_choices(self) -> ComposeResult:
        """Widgets beside the format choice (a subclass's own choices)."""
        yield from ()

    def title_hint(self) -> str:
        """What the title field shows while empty (the heading used then)."""
        return self.TITLE_HINT

    def folder_note(self) -> str:
        return f"Relative names are saved in {self.folder}"

    def render_report(self, fmt: str, title: str) -> bytes:
        """The report's bytes (called in a worker thread); raise :class:`NothingToWrite`."""
        raise NotImplementedError

    # --- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # A scrolling box: on a small terminal the focused field scrolls into view.
        with VerticalScroll(id="export-box"):
            with Horizontal(id="export-choices"):
                with Vertical(classes="export-column", id="format-column"):
                    yield Static(Content.styled("Format", "bold"), classes="export-label")
                    yield RadioSet(
                        *(RadioButton(Content(FORMATS[key].title), value=key == self._format, id=f"format-{key}")
                          for key in self.formats),
                        id="export-format",
                    )
                yield from self.more_choices()
            with Horizontal(id="export-title-row"):
                yield Static(Content.styled("Title", "bold"), id="export-title-label")
                yield Input(placeholder=self.title_hint(), id="export-title", max_length=MAX_TITLE, compact=True,
                            select_on_focus=False)
            yield Static(Content.styled("File", "bold"), classes="export-label")
            yield Input(self._default, id="export-path", select_on_focus=False)
            yield Static(Content(self.folder_note()), id="export-folder")
            yield Static(Content(self._hint), id="export-message")
            with Horizontal(id="export-buttons"):
                yield Button(Content("Export"), variant="primary", id="export-write")
                yield Button(Content("Cancel"), id="export-cancel")

    def on_mount(self) -> None:
        self.query_one("#export-box").border_title = self.BOX_TITLE
        self._hint = keys_hint(keys_in_force(self.app))
        self._say("")

    # --- state ---------------------------------------------------------------------------

    @property
    def format(self) -> str:
        return self._format

    @property
    def busy(self) -> bool:
        return self._busy

    @property
    def path_input(self) -> Input:
        return self.query_one("#export-path", Input)

    @property
    def report_title(self) -> str:
        """The report's title: the field's text as one plain line ("" for the default heading)."""
        return clean_text(self.query_one("#export-title", Input).value)

    def message(self) -> str:
        """The message line ("" while it only shows the keys)."""
        text = str(self.query_one("#export-message", Static).content)
        return "" if text == self._hint else text

    def _say(self, text: str, warn: bool = False) -> None:
        message = self.query_one("#export-message", Static)
        message.update(Content(text or self._hint))
        message.set_class(warn, "-warning")

    def _ask(self, button: str, text: str) -> None:
        self.query_one("#export-write", Button).label = Content(button)
        self._say(text, warn=True)

    def choices_changed(self) -> None:
        """Any change to the choices takes back a pending "overwrite?" or "write anyway?"."""
        if self._confirm is not None or self._confirm_name is not None:
            self._confirm = self._confirm_name = None
            self.query_one("#export-write", Button).label = Content("Export")
            self._say("")

    @on(RadioSet.Changed, "#export-format")
    def _format_changed(self, event: RadioSet.Changed) -> None:
        self._format = (event.pressed.id or f"format-{self.formats[0]}").removeprefix("format-")
        new = with_extension(self.path_input.value, self._format)
        if new != self.path_input.value:
            self.path_input.value = new
            self.path_input.cursor_position = len(new)  # typing goes on after the extension
        self.choices_changed()

    @on(Input.Changed, "#export-path")
    def _path_changed(self, event: Input.Changed) -> None:
        fmt = format_for_path(event.value.strip())
        if fmt in self.formats and fmt != self._format:
            self.query_one(f"#format-{fmt}", RadioButton).value = True
        self.choices_changed()

    @on(Input.Submitted, "#export-title")
    def _title_submitted(self) -> None:
        self.path_input.focus()  # enter goes on to the file, whose enter exports

    @on(Input.Submitted, "#export-path")
    def _path_submitted(self) -> None:
        self.action_export()

    @on(Button.Pressed, "#export-write")
    def _write_pressed(self) -> None:
        self.action_export()

    @on(Button.Pressed, "#export-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    # --- actions -------------------------------------------------------------------------

    def target(self) -> Path | None:
        raw = self.path_input.value.strip()
        if not raw:
            return None
        path = Path(raw).expanduser()
        return path if path.is_absolute() else self.folder / path

    def action_export(self) -> None:
        if self._busy:
            return
        path = self.target()
        if path is None:
            self._say("Type a file name.", warn=True)
            return
        named = format_for_path(path)
        title = FORMATS[self._format].title
        if named is not None and named not in self.formats:
            offered = ", ".join(FORMATS[f].title for f in self.formats)
            self._say(f"This {self.WHAT} is written as {offered}; change the file name.", warn=True)
            return
        if not path.is_dir() and named != self._format and self._confirm_name != path:
            self._confirm_name = path
            self._ask("Write anyway", f"“{path.name}” does not end in {FORMATS[self._format].extension}. Press "
                                      f"Write anyway to write the {title} {self.WHAT} under that name, or change it.")
            return
        if (path.exists() or path.is_symlink()) and not path.is_dir() and self._confirm != path:
            self._confirm = path
            self._ask("Overwrite", f"{path} already exists. Press Overwrite to replace it, or change the name.")
            return
        self._busy = True
        self.query_one("#export-write", Button).disabled = True
        self._say(f"Writing the {self.WHAT}…")
        self._write(path, self._format, self._confirm == path, self.report_title)

    @work(thread=True, exclusive=True, group="export")
    def _write(self, path: Path, fmt: str, force: bool, title: str) -> None:
        """Build, render and write off the UI thread (big catalogs take a moment)."""
        written: Path | None = None
        try:
            written = write_report(self.render_report(fmt, title), path, force=force)
            error = ""
        except NothingToWrite as exc:
            error = f"Nothing to export: {exc}."
        except ReportError as exc:
            error = str(exc)
        self.app.call_from_thread(self._finished, written, fmt, error)

    def _finished(self, written: Path | None, fmt: str, error: str) -> None:
        self._busy = False
        self.query_one("#export-write", Button).disabled = False
        if written is None:
            self._say(error, warn=True)
            self.app.bell()
            return
        self.app.notify(f"Exported the {FORMATS[fmt].title} {self.WHAT} to {written}", title="Export", markup=False)
        self.dismiss(written)

    def action_cancel(self) -> None:
        if not self._busy:  # a report being written finishes first (it takes a moment at most)
            self.dismiss(None)
