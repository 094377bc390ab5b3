"""JSON report: the whole report as one object (shape documented in docs/reports.md).

Keys come in a fixed order, rows in report order, statuses as explicit strings
("available", "partial", "filtered", "not-available", "unknown"), so two exports of the same
data differ only in ``generated_at``.
"""

from __future__ import annotations

import json
from typing import Any

from explorer.core.model import (
    CLIENTS,
    ENVIRONMENTS,
    Availability,
    Lifecycle,
    Link,
    Platform,
    Point,
)
from explorer.core.report.data import (
    LEGEND,
    LEGEND_NOTES,
    SCHEMA_VERSION,
    PlatformSection,
    PointRef,
    Report,
    ReportCell,
    ReportRow,
    ShortlistItem,
    state_symbol,
    state_word,
)
from explorer.core.report.point_notes import (
    PointNotes,
    RequirementNote,
    applying,
    warnings_of,
)


def _link(link: Link) -> dict[str, str]:
    return {"title": link.title, "url": link.url}


def _lifecycle(lc: Lifecycle) -> dict[str, Any]:
    return {
        "status": lc.status,
        "from_version": lc.from_version,
        "started": lc.started,
        "removal": lc.removal,
        "last_version": lc.last_version,
        "summary": lc.summary,
        "warns": lc.warns,
        "source": _link(lc.source) if lc.source else None,
    }


def requirement_dict(req: RequirementNote) -> dict[str, Any]:
    """A requirement: its ids (any one satisfies it), names, minimum version, scope, note."""
    ref = req.ref
    return {
        "ids": list(ref.ids),
        "names": list(req.names),
        "min_version": ref.min_version,
        "environments": list(ref.environments),
        "platforms": list(ref.platforms),
        "note": ref.note,
        "source": _link(req.source) if req.source else None,
        "text": req.text,
    }


def _availability(av: Availability) -> dict[str, Any]:
    return {
        "status": av.status.value,
        "environments": list(av.environments),
        "clients": list(av.clients),
        "note": av.note,
    }


def _point(point: Point) -> dict[str, Any]:
    return {
        "id": point.id,
        "name": point.name,
        "kind": point.kind,
        "direction": point.direction,
        "summary": point.summary,
        "technologies": list(point.technologies),
        "docs": [_link(d) for d in point.docs],
        "caveats": list(point.caveats),
        "lifecycle": [_lifecycle(lc) for lc in point.lifecycle],
        "warnings": [lc.label() for lc in warnings_of(point.lifecycle)],
    }


def _ref(ref: PointRef, platform: Platform) -> dict[str, Any]:
    out = _point(ref.point)
    out["requires"] = [requirement_dict(r) for r in ref.requires]
    out["availability"] = _availability(ref.availability)
    out["limits"] = list(ref.limits(platform))
    return out


def _cell(cell: ReportCell) -> dict[str, Any]:
    return {
        "platform": cell.platform.id,
        "status": cell.key,
        "filtered": cell.filtered,
        "filtered_reason": cell.filtered_reason,
        "note": cell.note,
        "points": [_ref(ref, cell.platform) for ref in cell.points],
        "hidden_points": [ref.point.id for ref in cell.hidden],
    }


def _row(row: ReportRow) -> dict[str, Any]:
    cap = row.capability
    return {
        "capability": {
            "id": cap.id, "name": cap.name, "kind": cap.kind, "summary": cap.summary,
            "lifecycle": [_lifecycle(lc) for lc in cap.lifecycle],
            "warnings": [lc.label() for lc in row.warnings],
        },
        "outcome": row.outcome,
        "cells": [_cell(c) for c in row.cells],
    }


def _platform(section: PlatformSection) -> dict[str, Any]:
    p = section.platform
    return {
        "id": p.id,
        "name": p.name,
        "short_name": p.short_name,
        "summary": p.summary,
        "environments": list(p.environments),
        "clients": list(p.clients),
        "authentication": p.authentication,
        "since": p.since,
        "compared": not section.dimmed,
        "filtered_out": section.dimmed or None,
        "points_shown": section.shown,
        "lifecycle": [_lifecycle(lc) for lc in p.lifecycle],
        "warnings": [lc.label() for lc in p.warnings],
        "sdks": [_link(link) for link in p.sdks],
        "sources": [_link(link) for link in p.sources],
    }


def _item(item: ShortlistItem, notes: PointNotes | None) -> dict[str, Any]:
    av, point = item.availability, item.point
    requires = applying(notes.requires, av.platform, av.environments) if notes and av else ()
    return {
        "point_id": item.point_id,
        "platform_id": item.platform_id,
        "note": item.note,
        "in_catalog": not item.missing,
        "point": item.point.name if item.point else None,
        "platform": item.platform.name if item.platform else None,
        "capability": item.capability.id if item.capability else None,
        "status": item.status.value,
        "availability": _availability(item.availability) if item.availability else None,
        "docs": [_link(d) for d in point.docs] if point else [],
        "caveats": list(point.caveats) if point else [],
        "requires": [requirement_dict(r) for r in requires],
        "warnings": [lc.label() for lc in warnings_of(point.lifecycle)] if point else [],
    }


def report_dict(report: Report) -> dict[str, Any]:
    """The report as plain JSON-ready data."""
    h = report.header
    filters = h.filters
    notes = {n.point.id: n for n in report.notes}
    return {
        "schema_version": SCHEMA_VERSION,
        "generator": {"tool": h.tool, "version": h.version},
        "generated_at": h.generated_at,
        "title": h.heading,
        "catalog": {
            "id": h.catalog_id,
            "name": h.catalog_name,
            "version": h.catalog_version,
            "checked": h.catalog_checked or None,
            "content_hash": h.catalog_hash,
        },
        "scope": h.scope,
        "shortlist_name": h.shortlist or None,
        "query": h.query,
        "filters": {
            "environments": [e for e in ENVIRONMENTS if e in filters.environments],
            "clients": [c for c in CLIENTS if c in filters.clients],
            "kinds": sorted(filters.kinds),
            "description": h.filters_text,
        },
        "differences_only": h.differences,
        "legend": [
            {"status": s.value, "symbol": state_symbol(s), "word": state_word(s), "meaning": LEGEND_NOTES[s]}
            for s in LEGEND
        ],
        "platforms": [_platform(section) for section in report.platforms],
        "groups": [
            {"outcome": g.outcome, "title": g.title, "rows": [_row(r) for r in g.rows]} for g in report.groups
        ],
        "shortlist": [
            _item(i, notes.get(i.point_id)) for i in report.shortlist
        ] if report.shortlist is not None else None,
    }


def render_json(report: Report) -> str:
    return json.dumps(report_dict(report), ensure_ascii=False, allow_nan=False, indent=2) + "\n"
