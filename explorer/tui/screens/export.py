"""The ``x`` export dialog: write a comparison report from the app.

Besides what every report dialog has (format, title, file; see
:mod:`explorer.tui.screens.report_dialog`), choose the scope: the current view, everything,
or the active shortlist. The default file is ``so-explorer-<date>.<ext>`` in the current
folder. The report is made and written by :mod:`explorer.core.report`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import RadioButton, RadioSet, Static

from explorer.core.model import Catalog
from explorer.core.report import (
    FORMATS,
    Report,
    default_filename,
    generated_at,
    render,
    report_everything,
    report_from_view,
    report_shortlist,
)
from explorer.core.report.data import BookmarkLike
from explorer.core.view import View
from explorer.tui.screens.report_dialog import (
    NothingToWrite,
    ReportDialog,
    keys_hint,
    with_extension,
)

__all__ = ["ExportScreen", "ShortlistSource", "keys_hint", "with_extension"]

SCOPE_VIEW, SCOPE_ALL, SCOPE_SHORTLIST = "view", "all", "shortlist"


@dataclass(frozen=True)
class ShortlistSource:
    """The active shortlist: its name and bookmarks (``explorer.core.bookmarks.Bookmark`` items)."""

    name: str
    bookmarks: tuple[BookmarkLike, ...]


class ExportScreen(ReportDialog):
    """Choose format, scope, title and file, then write the comparison report."""


    def __init__(
        self,
        catalog: Catalog,
        view: View | None,
        shortlist: ShortlistSource | None = None,
        folder: str | os.PathLike[str] | None = None,
        today: date | None = None,
        fmt: str = "md",
    ) -> None:
        super().__init__(tuple(FORMATS), fmt, default_filename(fmt, today), folder, id="export")
        self.catalog = catalog
        self.view = view
        self.shortlist = shortlist
        self._scope = SCOPE_VIEW if view is not None else SCOPE_ALL

    def title_hint(self) -> str:
        return f"Integration comparison: {self.catalog.info.name} (optional heading)"

    def more_choices(self) -> ComposeResult:
        with Vertical(classes="export-column"):
            yield Static(Content.styled("Scope", "bold"), classes="export-label")
            yield RadioSet(*self._scope_buttons(), id="export-scope")

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

    @property
    def scope(self) -> str:
        return self._scope

    @on(RadioSet.Changed, "#export-scope")
    def _scope_changed(self, event: RadioSet.Changed) -> None:
        self._scope = (event.pressed.id or "scope-view").removeprefix("scope-")
        self.choices_changed()

    def build_report(self, scope: str | None = None, title: str = "") -> Report:
        """The report for a scope (default: the chosen one); pure core calls, thread-safe."""
        scope = scope or self._scope
        stamp = generated_at()
        view = self.view
        if scope == SCOPE_VIEW and view is not None:
            return report_from_view(self.catalog, view, stamp, title)
        platforms = view.spec.platforms if view is not None else None
        if scope == SCOPE_SHORTLIST and self.shortlist is not None:
            filters = view.spec.filters if view is not None else None
            return report_shortlist(
                self.catalog, self.shortlist.bookmarks, self.shortlist.name, platforms, filters, stamp, title
            )
        return report_everything(self.catalog, platforms, stamp, title)

    def render_report(self, fmt: str, title: str) -> bytes:
        report = self.build_report(self._scope, title)
        if report.empty:
            raise NothingToWrite("the shortlist has no bookmarks" if report.shortlist is not None
                                 else "the view shows no rows")
        return render(report, fmt)
