"""CSV report in long form: one record per (integration point, platform) pair.

Cells with no point (not available, unknown, or hidden by the filters) get one record with
empty point columns, so every compared platform appears on every capability row. A shortlist
report has one record per bookmark instead. The columns are documented in docs/reports.md.

Text that a spreadsheet would run as a formula (leading ``=``, ``+``, ``-``, ``@``, tab,
carriage return or NUL) gets a leading ``'`` (OWASP ASVS 5.0, 1.2.10).
"""

from __future__ import annotations

import csv
import io

from explorer.core.model import Availability, Capability, Platform, Point
from explorer.core.report.data import Report, ReportCell, ReportRow

COLUMNS: tuple[str, ...] = (
    "capability_id",
    "capability",
    "outcome",
    "platform_id",
    "platform",
    "status",
    "filtered",
    "point_id",
    "point",
    "kind",
    "direction",
    "environments",
    "clients",
    "technologies",
    "note",
    "doc_url",
    "bookmark_note",
)
#: Leading characters that make a spreadsheet treat a cell as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\0")
LIST_SEPARATOR = "; "


def guard(value: str) -> str:
    """Neutralise spreadsheet formulas: prefix risky text with a single quote."""
    if value.startswith(FORMULA_START):
        return "'" + value
    return value


def unguard(value: str) -> str:
    """The value before :func:`guard` (for readers that want it back)."""
    if value.startswith("'") and value[1:2] and value[1:].startswith(FORMULA_START):
        return value[1:]
    return value


def _join(values: tuple[str, ...]) -> str:
    return LIST_SEPARATOR.join(values)


def _record(
    capability: Capability | None,
    outcome: str,
    platform_id: str,
    platform: Platform | None,
    status: str,
    filtered: str = "",
    point: Point | None = None,
    av: Availability | None = None,
    note: str = "",
    bookmark_note: str = "",
) -> dict[str, str]:
    return {
        "capability_id": capability.id if capability else "",
        "capability": capability.name if capability else "",
        "outcome": outcome,
        "platform_id": platform_id,
        "platform": platform.name if platform else "",
        "status": status,
        "filtered": filtered,
        "point_id": point.id if point else "",
        "point": point.name if point else "",
        "kind": point.kind if point else (capability.kind if capability else ""),
        "direction": point.direction if point else "",
        "environments": _join(av.environments) if av else "",
        "clients": _join(av.clients) if av else "",
        "technologies": _join(point.technologies) if point else "",
        "note": note,
        "doc_url": (point.doc_url or "") if point else "",
        "bookmark_note": bookmark_note,
    }


def _cell_records(row: ReportRow, cell: ReportCell) -> list[dict[str, str]]:
    cap, pid, platform = row.capability, cell.platform.id, cell.platform
    if cell.points:
        return [
            _record(cap, row.outcome, pid, platform, ref.status.value, "", ref.point, ref.availability,
                    ref.availability.note)
            for ref in cell.points
        ]
    return [_record(cap, row.outcome, pid, platform, cell.status.value, cell.filtered_reason, note=cell.note)]


def records(report: Report) -> list[dict[str, str]]:
    """The report's records (unguarded), in output order."""
    if report.shortlist is not None:
        outcomes = {row.capability.id: row.outcome for row in report.rows}
        return [
            _record(
                item.capability,
                outcomes.get(item.capability.id, "") if item.capability else "",
                item.platform_id,
                item.platform,
                item.status.value,
                point=item.point,
                av=item.availability,
                note=item.availability.note if item.availability else "",
                bookmark_note=item.note,
            )
            for item in report.shortlist
        ]
    out: list[dict[str, str]] = []
    for row in report.rows:
        for cell in row.cells:
            out.extend(_cell_records(row, cell))
    return out


def render_csv(report: Report) -> str:
    """The CSV text (RFC 4180: CRLF line ends, minimal quoting); write it as UTF-8 bytes."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for record in records(report):
        writer.writerow([guard(record[column]) for column in COLUMNS])
    return buffer.getvalue()
