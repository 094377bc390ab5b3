"""``so-explorer search QUERY``: ranked integration points, as a table or JSON.

The table lists each matching point once, best first, with the platforms it matched on; the
JSON has one record per (integration point, platform) pair, best first (as documented in the
README). ``--limit N`` counts points in both. The query syntax is the app's, fzf-style
(``'exact``, ``^prefix``, ``suffix$``, ``!exclude``, smart case), with typo tolerance and the
catalog's synonyms and stop words; ``--json`` says what each synonym matched
(``"explain": ["notify → events"]``). ``--env``, ``--client`` and ``--platforms`` keep only
the pairs the app would show under those filters.
Exit codes: 0 something matched, 1 nothing matched, 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass

from explorer.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    UsageError,
    add_catalog_options,
    add_view_options,
    filters_from,
    load,
    parse_limit,
    parse_platforms,
)
from explorer.core.model import Catalog, Point
from explorer.core.search import Hit, SearchEngine, parse_query
from explorer.core.util.sanitize import clean_text

DEFAULT_LIMIT = 20
NAME_WIDTH = 48
CAPABILITY_WIDTH = 36


def add_parser(sub: argparse._SubParsersAction, name: str) -> None:
    parser = sub.add_parser(
        name,
        help="search integration points (fzf syntax) and print them best first",
        description="Search integration points and print each matching point once, best first, "
        "with the platforms it matched on (--json: one record per point and platform). Query "
        "syntax as fzf: terms separated by spaces must all match; 'exact, "
        "^prefix, suffix$, !exclude; smart case. Exit 0 when something matched, 1 when "
        "nothing did, 2 on a usage error.",
    )
    parser.add_argument("query", nargs="+", metavar="QUERY", help="search terms (quote the whole query or not)")
    add_view_options(parser, query_flag=False)
    parser.add_argument(
        "--limit", default=str(DEFAULT_LIMIT), metavar="N",
        help=f"print at most N points (default {DEFAULT_LIMIT}; 0 prints every match)",
    )
    parser.add_argument("--json", action="store_true", help="print a JSON array instead of a table")
    add_catalog_options(parser, suppress=True)


def empty_query_message(query: str) -> str | None:
    """Why a query searches for nothing ("" when it has a term): empty, or only exclusions."""
    parsed = parse_query(query)
    if not parsed.empty:
        return None
    if not query.strip():
        return "the query is empty; give a term to search for, e.g. so-explorer search webhook"
    if parsed.negative:
        return "the query has no term to search for (exclusions alone match nothing)"
    return f"the query {clean_text(query)!r} has no term to search for"


def run(args: argparse.Namespace) -> int:
    query = " ".join(args.query)
    limit = parse_limit(args.limit)
    problem = empty_query_message(query)
    if problem:
        raise UsageError(problem)
    catalog = load(args)
    platforms = set(parse_platforms(catalog, args.platforms))
    filters = filters_from(args)
    hits = []
    for hit in SearchEngine(catalog, exact_limit=None).search(query):
        if hit.platform not in platforms:
            continue
        availability = hit.point.on(hit.platform)
        if availability is None or not filters.admits(availability, hit.point.kind):
            continue
        hits.append(hit)
    points = by_point(hits)
    if limit:
        points = points[:limit]
        kept = {p.point.id for p in points}
        hits = [hit for hit in hits if hit.point.id in kept]
    if args.json:
        print(render_json(hits))
    elif points:
        print(render_table(catalog, points))
    else:
        print(f"no match for {clean_text(query)!r}", file=sys.stderr)
    return EXIT_OK if hits else EXIT_PROBLEMS


@dataclass(frozen=True)
class PointHits:
    """A matching point with its best score and the platforms it matched on (best first)."""

    point: Point
    score: float
    platforms: tuple[str, ...]


def by_point(hits: list[Hit]) -> list[PointHits]:
    """Hits (best first) grouped by point, in the order of each point's best hit."""
    order: dict[str, list[Hit]] = {}
    for hit in hits:
        order.setdefault(hit.point.id, []).append(hit)
    return [
        PointHits(group[0].point, max(h.score for h in group), tuple(h.platform for h in group))
        for group in order.values()
    ]


def as_json(hit: Hit) -> dict:
    """One hit as JSON, keys in a stable order."""
    return {
        "id": hit.point.id,
        "name": clean_text(hit.point.name),
        "platform": hit.platform,
        "capability": hit.capability,
        "score": hit.score,
        "spans": [[start, end] for start, end in hit.name_spans],
        "explain": [clean_text(why) for why in hit.explain],
    }


def render_json(hits: list[Hit]) -> str:
    """A JSON array, one hit per line."""
    if not hits:
        return "[]"
    lines = (json.dumps(as_json(hit), ensure_ascii=False, allow_nan=False) for hit in hits)
    return "[\n  " + ",\n  ".join(lines) + "\n]"


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def render_table(catalog: Catalog, points: list[PointHits]) -> str:
    """One line per point: score, name, the platforms it matched on (in column order), id."""
    column = {pid: i for i, pid in enumerate(catalog.platform_ids)}
    rows = [("SCORE", "NAME", "PLATFORMS", "CAPABILITY", "ID")]
    for found in points:
        capability = found.point.capability
        name = catalog.capability(capability).name if capability else ""
        shown = sorted(found.platforms, key=lambda pid: column.get(pid, len(column)))
        rows.append(
            (
                f"{found.score:.1f}",
                _cut(clean_text(found.point.name), NAME_WIDTH),
                ", ".join(clean_text(catalog.platform(pid).short_name) for pid in shown),
                _cut(clean_text(name), CAPABILITY_WIDTH),
                clean_text(found.point.id),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    lines = []
    for row in rows:
        cells = [row[0].rjust(widths[0])] + [cell.ljust(width) for cell, width in zip(row[1:], widths[1:])]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)
