"""Comparison reports: a format-neutral :class:`Report` and its Markdown, CSV, JSON and HTML forms.

Build a report with :func:`report_from_view` (the current view), :func:`report_everything`
or :func:`report_shortlist`; turn it into bytes with :func:`render`; write it with
:func:`write_report`. A recommendation report (:func:`build_recommendation_report`) is
rendered with :func:`render_recommendation` (md, html, json).
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
from explorer.core.report.output import (
    FORMATS,
    default_filename,
    format_for_path,
    render,
    render_recommendation,
    write_report,
)
from explorer.core.report.recommendation import (
    RecommendationReport,
    recommendation_dict,
)
from explorer.core.report.recommendation import (
    build_report as build_recommendation_report,
)

__all__ = [
    "FORMATS",
    "SCHEMA_VERSION",
    "RecommendationReport",
    "Report",
    "ReportError",
    "build_recommendation_report",
    "default_filename",
    "format_for_path",
    "generated_at",
    "recommendation_dict",
    "render",
    "render_recommendation",
    "report_everything",
    "report_from_view",
    "report_shortlist",
    "write_report",
]
