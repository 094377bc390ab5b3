"""CSV report in long form: one record per (integration point, platform) pair.

Cells with no point (not available, unknown, or filtered) get one record with empty point
columns, so every compared platform appears on every capability row. A shortlist report has
one record per bookmark instead. The columns are documented in docs/reports.md. Lists of
sentences (caveats, requirements, lifecycle warnings) hold one item per line.

Text that a spreadsheet would run as a formula (leading ``=``, ``+``, ``-``, ``@``, tab,
carriage return or NUL) gets a leading ``'`` (OWASP ASVS 5.0, 1.2.10).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from explorer.core.model import Availability, Capability, Lifecycle, Platform, Point
from explorer.core.report.data import Report, ReportCell, ReportRow
from explorer.core.report.point_notes import RequirementNote, applying, warnings_of

COLUMNS: tuple[str, ...] = (
    "capability_id",
    "capability",
    "outcome",
    "platform_id",
    "platform",
    "status",
    "filtered_reason",
    "point_id",
    "point",
    "kind",
    "direction",
    "environments",
    "clients",
    "technologies",
    "note",
    "caveats",
    "requires",
    "lifecycle",
    "capability_lifecycle",
    "doc_url",
    "bookmark_note",
)
#: Leading characters that make a spreadsheet treat a cell as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\0")
LIST_SEPARATOR = "; "
#: Between the items of a list of sentences (caveats, requirements, lifecycle warnings), whose
#: own line breaks become spaces.
LINES_SEPARATOR = "\n"


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


def join_lines(values: Iterable[str]) -> str:
    """Sentences one per line; a line break inside one becomes a space."""
    return LINES_SEPARATOR.join(" ".join(v.split("\n")) for v in values)


def _lifecycle(statements: tuple[Lifecycle, ...]) -> str:
    return join_lines(lc.label() for lc in statements)


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
    requires: tuple[RequirementNote, ...] = (),
) -> dict[str, str]:
    return {
        "capability_id": capability.id if capability else "",
        "capability": capability.name if capability else "",
        "outcome": outcome,
        "platform_id": platform_id,
        "platform": platform.name if platform else "",
        "status": status,
        "filtered_reason": filtered,
        "point_id": point.id if point else "",
        "point": point.name if point else "",
        "kind": point.kind if point else (capability.kind if capability else ""),
        "direction": point.direction if point else "",
        "environments": _join(av.environments) if av else "",
        "clients": _join(av.clients) if av else "",
        "technologies": _join(point.technologies) if point else "",
        "note": note,
        "caveats": join_lines(point.caveats) if point else "",
        "requires": join_lines(r.text for r in requires),
        "lifecycle": _lifecycle(warnings_of(point.lifecycle)) if point else "",
        "capability_lifecycle": _lifecycle(warnings_of(capability.lifecycle)) if capability else "",
        "doc_url": (point.doc_url or "") if point else "",
        "bookmark_note": bookmark_note,
    }


def _cell_records(row: ReportRow, cell: ReportCell) -> list[dict[str, str]]:
    cap, pid, platform = row.capability, cell.platform.id, cell.platform
    if cell.points:
        return [
            _record(cap, row.outcome, pid, platform, ref.status.value, "", ref.point, ref.availability,
                    ref.availability.note, requires=ref.requires)
            for ref in cell.points
        ]
    return [_record(cap, row.outcome, pid, platform, cell.key, cell.filtered_reason, note=cell.note)]


def records(report: Report) -> list[dict[str, str]]:
    """The report's records (unguarded), in output order."""
    if report.shortlist is not None:
        outcomes = {row.capability.id: row.outcome for row in report.rows}
        notes = {n.point.id: n for n in report.notes}

        def requires(point: Point | None, av: Availability | None) -> tuple[RequirementNote, ...]:
            found = notes.get(point.id) if point is not None else None
            if found is None or av is None:
                return ()
            return applying(found.requires, av.platform, av.environments)

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
                requires=requires(item.point, item.availability),
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
