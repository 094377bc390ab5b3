"""Comparison reports: a format-neutral :class:`Report` and its Markdown, CSV, JSON and HTML forms.

Build a report with :func:`report_from_view` (the current view), :func:`report_everything`
or :func:`report_shortlist`; turn it into bytes with :func:`render`; write it with
:func:`write_report`.
"""

from explorer.core.report.data import (
    SCHEMA_VERSION,
    Report,
    ReportError,
    generated_at,
    report_everything,
    report_from_view,
    report_shortlist,
)
from explorer.core.report.output import FORMATS, default_filename, format_for_path, render, write_report

__all__ = [
    "FORMATS",
    "SCHEMA_VERSION",
    "Report",
    "ReportError",
    "default_filename",
    "format_for_path",
    "generated_at",
    "render",
    "report_everything",
    "report_from_view",
    "report_shortlist",
    "write_report",
]
