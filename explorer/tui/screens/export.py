"""The ``x`` export dialog: write a comparison report from the app.

Choose the format (Markdown, CSV, JSON, HTML), the scope (the current view, everything, or
the active shortlist) and the file (default: ``so-explorer-<date>.<ext>`` in the current
folder; the extension follows the format). An existing file is only replaced after a second
press of Export. The report is made and written by :mod:`explorer.core.report`; errors show
in the dialog, and a toast gives the full path written. Everything shown is ``Content``
(never markup).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, RadioButton, RadioSet, Static

from explorer.core.model import Catalog
from explorer.core.report import (
    FORMATS,
    Report,
    ReportError,
    default_filename,
    format_for_path,
    generated_at,
    render,
    report_everything,
    report_from_view,
    report_shortlist,
    write_report,
)
from explorer.core.report.data import BookmarkLike
from explorer.core.view import View
from explorer.core.settings import keys as km
from explorer.tui.bindings import bindings, keys_in_force

SCOPE_VIEW, SCOPE_ALL, SCOPE_SHORTLIST = "view", "all", "shortlist"


def keys_hint(keys: dict[str, str] | None = None) -> str:
    """The message line while there is nothing else to say: the keys in force."""
    keys = keys or km.effective_keys()
    return (
        f"tab next field · ↑ ↓ enter choose · {km.display_keys(keys['export-write'])} export"
        f" · {km.display_keys(keys['export-cancel'])} cancel"
    )


@dataclass(frozen=True)
class ShortlistSource:
    """The active shortlist: its name and bookmarks (``explorer.core.bookmarks.Bookmark`` items)."""

    name: str
    bookmarks: tuple[BookmarkLike, ...]


def with_extension(path: str, fmt: str) -> str:
    """``path`` with the format's extension, when it has a report extension or none."""
    root, ext = os.path.splitext(path)
    if not path.strip() or (ext and format_for_path(path) is None):
        return path
    if format_for_path(path) == fmt:
        return path
    return root + FORMATS[fmt].extension


class ExportScreen(ModalScreen["Path | None"]):
    """Choose format, scope and file, then write the report."""

    CSS_PATH = "export.tcss"
    BINDINGS = bindings("export")
    AUTO_FOCUS = "#export-format"

    def __init__(
        self,
        catalog: Catalog,
        view: View | None,
        shortlist: ShortlistSource | None = None,
        folder: str | os.PathLike[str] | None = None,
        today: date | None = None,
        fmt: str = "md",
    ) -> None:
        super().__init__(id="export")
        self.catalog = catalog
        self.view = view
        self.shortlist = shortlist
        self.folder = Path(folder) if folder is not None else Path.cwd()
        self._default = default_filename(fmt, today)
        self._format = fmt
        self._scope = SCOPE_VIEW if view is not None else SCOPE_ALL
        #: The path the user was warned about; a second Export replaces it.
        self._confirm: Path | None = None
        #: A name without the format's extension the user was asked about; a second Export writes it.
        self._confirm_name: Path | None = None
        self._busy = False
        self._hint = keys_hint()

    # --- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # A scrolling box: on a small terminal the focused field scrolls into view.
        with VerticalScroll(id="export-box"):
            with Horizontal(id="export-choices"):
                with Vertical(classes="export-column", id="format-column"):
                    yield Static(Content.styled("Format", "bold"), classes="export-label")
                    yield RadioSet(
                        *(RadioButton(Content(f.title), value=key == self._format, id=f"format-{key}")
                          for key, f in FORMATS.items()),
                        id="export-format",
                    )
                with Vertical(classes="export-column"):
                    yield Static(Content.styled("Scope", "bold"), classes="export-label")
                    yield RadioSet(*self._scope_buttons(), id="export-scope")
            yield Static(Content.styled("File", "bold"), classes="export-label")
            yield Input(self._default, id="export-path", select_on_focus=False)
            yield Static(Content(f"Relative names are saved in {self.folder}"), id="export-folder")
            yield Static(Content(self._hint), id="export-message")
            with Horizontal(id="export-buttons"):
                yield Button(Content("Export"), variant="primary", id="export-write")
                yield Button(Content("Cancel"), id="export-cancel")

    def _scope_buttons(self) -> Sequence[RadioButton]:
        rows = len(self.view.rows) if self.view is not None else 0
        view_label = f"Current view ({rows} row{'s' if rows != 1 else ''})"
        count = len(self.catalog.capabilities)
        all_label = f"Everything ({count} capability row{'s' if count != 1 else ''}, no filters)"
        if self.shortlist is not None:
            marks = len(self.shortlist.bookmarks)
            short_label = f"Shortlist “{self.shortlist.name}” ({marks} bookmark{'s' if marks != 1 else ''})"
        else:
            short_label = "Active shortlist (no bookmarks available)"
        return (
            RadioButton(Content(view_label), value=self._scope == SCOPE_VIEW, id="scope-view",
                        disabled=self.view is None),
            RadioButton(Content(all_label), value=self._scope == SCOPE_ALL, id="scope-all"),
            RadioButton(Content(short_label), id="scope-shortlist", disabled=self.shortlist is None),
        )

    def on_mount(self) -> None:
        self.query_one("#export-box").border_title = "Export report"
        self._hint = keys_hint(keys_in_force(self.app))
        self._say("")

    # --- state ---------------------------------------------------------------------------

    @property
    def format(self) -> str:
        return self._format

    @property
    def scope(self) -> str:
        return self._scope

    @property
    def path_input(self) -> Input:
        return self.query_one("#export-path", Input)

    def message(self) -> str:
        """The message line ("" while it only shows the keys)."""
        text = str(self.query_one("#export-message", Static).content)
        return "" if text == self._hint else text

    def _say(self, text: str, warn: bool = False) -> None:
        message = self.query_one("#export-message", Static)
        message.update(Content(text or self._hint))
        message.set_class(warn, "-warning")

    def _reset_confirm(self) -> None:
        """Any change to the choices takes back a pending "overwrite?" or "write anyway?"."""
        if self._confirm is not None or self._confirm_name is not None:
            self._confirm = self._confirm_name = None
            self.query_one("#export-write", Button).label = Content("Export")
            self._say("")

    @on(RadioSet.Changed, "#export-format")
    def _format_changed(self, event: RadioSet.Changed) -> None:
        self._format = (event.pressed.id or "format-md").removeprefix("format-")
        new = with_extension(self.path_input.value, self._format)
        if new != self.path_input.value:
            self.path_input.value = new
            self.path_input.cursor_position = len(new)  # typing goes on after the extension
        self._reset_confirm()

    @on(RadioSet.Changed, "#export-scope")
    def _scope_changed(self, event: RadioSet.Changed) -> None:
        self._scope = (event.pressed.id or "scope-view").removeprefix("scope-")
        self._reset_confirm()

    @on(Input.Changed, "#export-path")
    def _path_changed(self, event: Input.Changed) -> None:
        fmt = format_for_path(event.value.strip())
        if fmt is not None and fmt != self._format:
            self.query_one(f"#format-{fmt}", RadioButton).value = True
        self._reset_confirm()

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

    def build_report(self, scope: str | None = None) -> Report:
        """The report for a scope (default: the chosen one); pure core calls, thread-safe."""
        scope = scope or self._scope
        stamp = generated_at()
        view = self.view
        if scope == SCOPE_VIEW and view is not None:
            return report_from_view(self.catalog, view, stamp)
        platforms = view.spec.platforms if view is not None else None
        if scope == SCOPE_SHORTLIST and self.shortlist is not None:
            filters = view.spec.filters if view is not None else None
            return report_shortlist(
                self.catalog, self.shortlist.bookmarks, self.shortlist.name, platforms, filters, stamp
            )
        return report_everything(self.catalog, platforms, stamp)

    @property
    def busy(self) -> bool:
        return self._busy

    def action_export(self) -> None:
        if self._busy:
            return
        path = self.target()
        if path is None:
            self._say("Type a file name.", warn=True)
            return
        extension = FORMATS[self._format].extension
        if not path.is_dir() and format_for_path(path) != self._format and self._confirm_name != path:
            self._confirm_name = path
            self.query_one("#export-write", Button).label = Content("Write anyway")
            self._say(f"“{path.name}” does not end in {extension}. Press Write anyway to write the "
                      f"{FORMATS[self._format].title} report under that name, or change it.", warn=True)
            return
        if (path.exists() or path.is_symlink()) and not path.is_dir() and self._confirm != path:
            self._confirm = path
            self.query_one("#export-write", Button).label = Content("Overwrite")
            self._say(f"{path} already exists. Press Overwrite to replace it, or change the name.", warn=True)
            return
        self._busy = True
        self.query_one("#export-write", Button).disabled = True
        self._say("Writing the report…")
        self._write(path, self._format, self._scope, self._confirm == path)

    @work(thread=True, exclusive=True, group="export")
    def _write(self, path: Path, fmt: str, scope: str, force: bool) -> None:
        """Build, render and write off the UI thread (big catalogs take a moment)."""
        written: Path | None = None
        try:
            report = self.build_report(scope)
            if report.empty:
                what = "the shortlist has no bookmarks" if report.shortlist is not None else "the view shows no rows"
                error = f"Nothing to export: {what}."
            else:
                written = write_report(render(report, fmt), path, force=force)
                error = ""
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
        title = FORMATS[fmt].title
        self.app.notify(f"Exported the {title} report to {written}", title="Export", markup=False)
        self.dismiss(written)

    def action_cancel(self) -> None:
        if not self._busy:  # a report being written finishes first (it takes a moment at most)
            self.dismiss(None)
