"""The Which approach? screen's ``x`` dialog: write the recommendation report.

Choose the format (Markdown, HTML, JSON), a title (the customer's name, say; escaped like all
text), and the file (default ``so-explorer-recommendation-<date>.<ext>`` in the current
folder; the extension follows the format). An existing file is only replaced after a second
press of Export. The report is made by :mod:`explorer.core.report` (the same as
``so-explorer recommend -o``); the same keys as the export dialog (scope "export").
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, RadioButton, RadioSet, Static

from explorer.core.model import Catalog
from explorer.core.recommend import Recommendation
from explorer.core.report import (
    FORMATS,
    ReportError,
    build_recommendation_report,
    format_for_path,
    generated_at,
    render_recommendation,
    write_report,
)
from explorer.core.report.recommendation import DEFAULT_LIMIT
from explorer.core.report.recommendation import FORMATS as REPORT_FORMATS
from explorer.core.settings import keys as km
from explorer.core.util.sanitize import clean_text
from explorer.tui.bindings import bindings, keys_in_force


def default_name(fmt: str, day: date | None = None) -> str:
    return f"so-explorer-recommendation-{(day or date.today()).isoformat()}{FORMATS[fmt].extension}"


def with_extension(path: str, fmt: str) -> str:
    """``path`` with the format's extension when it has a report extension or none."""
    root, ext = os.path.splitext(path)
    if not path.strip() or (ext and format_for_path(path) is None) or format_for_path(path) == fmt:
        return path
    return root + FORMATS[fmt].extension


class RecommendExportScreen(ModalScreen["Path | None"]):
    CSS_PATH = "recommend.tcss"
    BINDINGS = bindings("export")
    AUTO_FOCUS = "#rexport-title"

    def __init__(
        self,
        catalog: Catalog,
        recommendation: Recommendation,
        folder: str | os.PathLike[str] | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(id="recommend-export")
        self.catalog = catalog
        self.recommendation = recommendation
        self.folder = Path(folder) if folder is not None else Path.cwd()
        self._format = "md"
        self._default = default_name("md", today)
        self._confirm: Path | None = None
        self._busy = False
        self._hint = ""

    def compose(self) -> ComposeResult:
        with Vertical(id="rexport-box"):
            yield Static(Content.styled("Format", "bold"), classes="recommend-label")
            yield RadioSet(
                *(RadioButton(Content(FORMATS[key].title), value=key == self._format, id=f"rformat-{key}")
                  for key in REPORT_FORMATS),
                id="rexport-format",
            )
            yield Static(Content.styled("Title (the customer's name, say)", "bold"), classes="recommend-label")
            yield Input("", placeholder="Which integration approach fits?", id="rexport-title")
            yield Static(Content.styled("File", "bold"), classes="recommend-label")
            yield Input(self._default, id="rexport-path", select_on_focus=False)
            yield Static(Content(f"Up to {DEFAULT_LIMIT} options per need, then everything excluded and why. "
                                 f"Relative names are saved in {self.folder}"), id="rexport-folder")
            yield Static(Content(""), id="rexport-message")
            with Horizontal(id="rexport-buttons"):
                yield Button(Content("Export"), variant="primary", id="rexport-write")
                yield Button(Content("Cancel"), id="rexport-cancel")

    def on_mount(self) -> None:
        self.query_one("#rexport-box").border_title = "Export the recommendation"
        keys = keys_in_force(self.app)
        self._hint = (f"tab next field · {km.display_keys(keys['export-write'])} export"
                      f" · {km.display_keys(keys['export-cancel'])} cancel")
        self._say("")

    @property
    def format(self) -> str:
        return self._format

    @property
    def path_input(self) -> Input:
        return self.query_one("#rexport-path", Input)

    def message(self) -> str:
        shown = str(self.query_one("#rexport-message", Static).content)
        return "" if shown == self._hint else shown

    def _say(self, words: str, warn: bool = False) -> None:
        message = self.query_one("#rexport-message", Static)
        message.update(Content(words or self._hint))
        message.set_class(warn, "-warning")

    def _reset_confirm(self) -> None:
        if self._confirm is not None:
            self._confirm = None
            self.query_one("#rexport-write", Button).label = Content("Export")
            self._say("")

    @on(RadioSet.Changed, "#rexport-format")
    def _format_changed(self, event: RadioSet.Changed) -> None:
        self._format = (event.pressed.id or "rformat-md").removeprefix("rformat-")
        new = with_extension(self.path_input.value, self._format)
        if new != self.path_input.value:
            self.path_input.value = new
            self.path_input.cursor_position = len(new)
        self._reset_confirm()

    @on(Input.Changed, "#rexport-path")
    def _path_changed(self, event: Input.Changed) -> None:
        fmt = format_for_path(event.value.strip())
        if fmt in REPORT_FORMATS and fmt != self._format:
            self.query_one(f"#rformat-{fmt}", RadioButton).value = True
        self._reset_confirm()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_export()

    @on(Button.Pressed, "#rexport-write")
    def _write_pressed(self) -> None:
        self.action_export()

    @on(Button.Pressed, "#rexport-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

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
        fmt = format_for_path(path)
        if fmt is not None and fmt not in REPORT_FORMATS:
            self._say(f"A recommendation report is {', '.join(REPORT_FORMATS)}; change the file name.", warn=True)
            return
        if (path.exists() or path.is_symlink()) and not path.is_dir() and self._confirm != path:
            self._confirm = path
            self.query_one("#rexport-write", Button).label = Content("Overwrite")
            self._say(f"{path} already exists. Press Overwrite to replace it, or change the name.", warn=True)
            return
        self._busy = True
        self.query_one("#rexport-write", Button).disabled = True
        self._say("Writing the report…")
        title = clean_text(self.query_one("#rexport-title", Input).value)
        self._write(path, self._format, title, self._confirm == path)

    @work(thread=True, exclusive=True, group="recommend-export")
    def _write(self, path: Path, fmt: str, title: str, force: bool) -> None:
        written: Path | None = None
        try:
            report = build_recommendation_report(self.catalog, self.recommendation, title, DEFAULT_LIMIT,
                                                 generated_at())
            written = write_report(render_recommendation(report, fmt), path, force=force)
            error = ""
        except ReportError as exc:
            error = str(exc)
        self.app.call_from_thread(self._finished, written, fmt, error)

    def _finished(self, written: Path | None, fmt: str, error: str) -> None:
        self._busy = False
        self.query_one("#rexport-write", Button).disabled = False
        if written is None:
            self._say(error, warn=True)
            self.app.bell()
            return
        self.app.notify(f"Exported the {FORMATS[fmt].title} recommendation to {written}", title="Export",
                        markup=False)
        self.dismiss(written)

    def action_cancel(self) -> None:
        if not self._busy:
            self.dismiss(None)
