"""The recommendation report: a format-neutral :class:`RecommendationReport` and its JSON form.

Markdown and HTML live in the sibling modules ``recommendation_md`` and
``recommendation_html``; :func:`explorer.core.report.output.render_recommendation` turns a
report into the bytes that are written.

The same JSON shape serves ``so-explorer recommend --json`` (:func:`recommendation_dict`)
and the JSON report (:func:`report_dict`, which adds the title, time and footer facts).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from explorer import __version__
from explorer.core.model import NEEDS, Catalog, Lifecycle, Link
from explorer.core.recommend import (
    FIT_MEANINGS,
    FIT_SYMBOLS,
    Excluded,
    NeedResult,
    Option,
    Recommendation,
    RequirementCheck,
    Undocumented,
)
from explorer.core.report.data import HASH_CHARS, TOOL, generated_at

SCHEMA_VERSION = 1
#: Options shown per need unless asked otherwise (0: every one).
DEFAULT_LIMIT = 5
DEFAULT_TITLE = "Which integration approach fits?"
FORMATS: tuple[str, ...] = ("md", "html", "json")
RUNS_SHORT = {"our-server": "your server", "superoffice": "SuperOffice", "client": "client"}


@dataclass(frozen=True)
class RecommendationReport:
    title: str
    recommendation: Recommendation
    limit: int
    generated_at: str
    catalog_id: str
    catalog_name: str
    catalog_version: str
    catalog_hash: str
    catalog_checked: str
    #: Requirement id → name, for the customer's "has" list.
    requirement_names: dict[str, str]
    tool: str = TOOL
    version: str = __version__

    @property
    def short_hash(self) -> str:
        return self.catalog_hash[:HASH_CHARS] or "unknown"

    @property
    def footer(self) -> str:
        checked = f", facts checked {self.catalog_checked}" if self.catalog_checked else ""
        return (
            f"Made with {self.tool} {self.version} from the catalog {self.catalog_name} "
            f"{self.catalog_version} ({self.catalog_id}, sha256 {self.short_hash}{checked}), "
            f"generated {self.generated_at} (UTC)."
        )

    def has_text(self) -> str:
        has = self.recommendation.question.has
        if has is None:
            return "not said: every licence and right is marked to check"
        if not has:
            return "none of the catalog's requirements"
        return ", ".join(self.requirement_names.get(r, r) for r in has)


def build_report(
    catalog: Catalog,
    recommendation: Recommendation,
    title: str = "",
    limit: int = DEFAULT_LIMIT,
    timestamp: str | None = None,
) -> RecommendationReport:
    info = catalog.info
    return RecommendationReport(
        title=title.strip() or DEFAULT_TITLE,
        recommendation=recommendation,
        limit=limit,
        generated_at=timestamp or generated_at(),
        catalog_id=info.id,
        catalog_name=info.name,
        catalog_version=info.version,
        catalog_hash=catalog.content_hash,
        catalog_checked=info.checked,
        requirement_names={r.id: r.name for r in catalog.requirements},
    )


def runs_text(option: Option) -> str:
    """"your server · push", for tables."""
    parts = [RUNS_SHORT.get(option.traits.runs_on, option.traits.runs_on) or "not said"]
    if option.traits.delivery:
        parts.append(option.traits.delivery)
    return " · ".join(parts)


def fit_label(fit: str) -> str:
    return f"{FIT_SYMBOLS[fit]} {fit}"


# --- JSON ---------------------------------------------------------------------------------


def _link(link: Link | None) -> dict[str, str] | None:
    return {"title": link.title, "url": link.url} if link else None


def _lifecycle(note_of: str, name: str, lc: Lifecycle) -> dict[str, Any]:
    return {
        "status": lc.status, "of": note_of, "name": name, "when": lc.when(),
        "summary": lc.summary, "source": _link(lc.source),
    }


def _requirement(check: RequirementCheck) -> dict[str, Any]:
    entry = check.entries[0] if check.entries else None
    return {
        "id": check.ref.id,
        "or": list(check.ref.alternatives),
        "name": check.text,
        "kind": check.kind or None,
        "state": check.state,
        "where": check.where,
        "note": check.ref.note,
        "source": _link(check.ref.source or (entry.source if entry else None)),
    }


def option_dict(option: Option) -> dict[str, Any]:
    traits = option.traits
    return {
        "rank": option.rank,
        "need": option.need,
        "fit": option.fit,
        "point": {"id": option.point.id, "name": option.point.name},
        "platform": option.platform.id,
        "capability": option.capability.id,
        "reasons": [r.text for r in option.reasons],
        "caveats": list(option.caveats),
        "lifecycle": [_lifecycle(n.of, n.name, n.lifecycle) for n in option.lifecycle],
        "requires": [_requirement(c) for c in option.requires],
        "docs": [_link(d) for d in option.point.docs],
        "status": option.status.value,
        "also_on": [{"platform": p.platform.id, "status": p.availability.status.value} for p in option.also_on],
        "covers": [{"environment": e, "client": c} for e, c in option.covers],
        "gaps": [{"environment": e, "client": c} for e, c in option.gaps],
        "traits": {
            "runs_on": traits.runs_on or None, "delivery": traits.delivery or None,
            "latency": traits.latency or None, "retries": traits.retries or None,
        },
        "choose_when": option.capability.choose_when,
    }


def excluded_dict(entry: Excluded) -> dict[str, Any]:
    return {
        "point": {"id": entry.point.id, "name": entry.point.name},
        "platform": entry.platform.id,
        "need": entry.need,
        "why": entry.why,
        "details": [{"platform": name, "reason": reason} for name, reason in entry.details],
    }


def undocumented_dict(entry: Undocumented) -> dict[str, Any]:
    return {
        "capability": {"id": entry.capability.id, "name": entry.capability.name},
        "platform": entry.platform.id,
        "need": entry.need,
        "note": entry.note,
    }


def _need(result: NeedResult, limit: int) -> dict[str, Any]:
    return {
        "id": result.need, "label": NEEDS.get(result.need, result.need), "fits": result.fits,
        "options": len(result.options), "shown": len(result.shown(limit)),
        "excluded": len(result.excluded), "undocumented": len(result.undocumented),
    }


def recommendation_dict(recommendation: Recommendation, limit: int = DEFAULT_LIMIT) -> dict[str, Any]:
    """``{"needs", "filters", "options", "excluded", "undocumented"}``, options in rank order."""
    q = recommendation.question
    return {
        "needs": [_need(n, limit) for n in recommendation.needs],
        "filters": {
            "environments": list(q.environments), "clients": list(q.clients),
            "platforms": list(q.platforms), "has": None if q.has is None else list(q.has), "limit": limit,
        },
        "options": [option_dict(o) for n in recommendation.needs for o in n.shown(limit)],
        "excluded": [excluded_dict(e) for e in recommendation.excluded],
        "undocumented": [undocumented_dict(u) for n in recommendation.needs for u in n.undocumented],
    }


def report_dict(report: RecommendationReport) -> dict[str, Any]:
    body = recommendation_dict(report.recommendation, report.limit)
    return {
        "schema_version": SCHEMA_VERSION,
        "title": report.title,
        "generated_at": report.generated_at,
        **body,
        "fits": {fit: {"symbol": FIT_SYMBOLS[fit], "meaning": text} for fit, text in FIT_MEANINGS.items()},
        "footer": {
            "tool": report.tool, "version": report.version,
            "catalog": {
                "id": report.catalog_id, "name": report.catalog_name, "version": report.catalog_version,
                "content_hash": report.catalog_hash, "checked": report.catalog_checked or None,
            },
        },
    }


def dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, allow_nan=False, indent=2) + "\n"


def render_json(report: RecommendationReport) -> str:
    return dumps(report_dict(report))
