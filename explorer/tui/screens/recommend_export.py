"""The Which approach? screen's ``x`` dialog: write the recommendation report.

What every report dialog has (format, title, file; see
:mod:`explorer.tui.screens.report_dialog`), with the recommendation's formats (Markdown, HTML,
JSON) and the default file ``so-explorer-recommendation-<date>.<ext>``. The report is made by
:mod:`explorer.core.report` (the same as ``so-explorer recommend -o``).
"""

from __future__ import annotations

import os
from datetime import date

from explorer.core.model import Catalog
from explorer.core.recommend import Recommendation
from explorer.core.report import (
    FORMATS,
    build_recommendation_report,
    generated_at,
    render_recommendation,
)
from explorer.core.report.recommendation import DEFAULT_LIMIT
from explorer.core.report.recommendation import FORMATS as REPORT_FORMATS
from explorer.tui.screens.report_dialog import ReportDialog


def default_name(fmt: str, day: date | None = None) -> str:
    return f"so-explorer-recommendation-{(day or date.today()).isoformat()}{FORMATS[fmt].extension}"


class RecommendExportScreen(ReportDialog):
    BOX_TITLE = "Export the recommendation"
    TITLE_HINT = "the customer's name, say (Which integration approach fits?)"
    WHAT = "recommendation"
    AUTO_FOCUS = "#export-title"

    def __init__(self, catalog: Catalog, recommendation: Recommendation,
                 folder: str | os.PathLike[str] | None = None, today: date | None = None) -> None:
        super().__init__(REPORT_FORMATS, "md", default_name("md", today), folder, id="recommend-export")
        self.catalog = catalog
        self.recommendation = recommendation

    def folder_note(self) -> str:
        return (f"Up to {DEFAULT_LIMIT} options per need, then everything excluded and why. "
                f"Relative names are saved in {self.folder}")

    def render_report(self, fmt: str, title: str) -> bytes:
        report = build_recommendation_report(self.catalog, self.recommendation, title, DEFAULT_LIMIT, generated_at())
        return render_recommendation(report, fmt)
