"""``so-explorer export``: write a comparison report as Markdown, CSV, JSON or HTML.

Scopes: the current view (platforms, filters, query and differences, exactly what the app
shows), ``--all`` (every capability row, no filters), or ``--shortlist NAME`` (bookmarks).
Exit codes: 0 written, 1 nothing matched (nothing is written), 2 usage or I/O error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from explorer.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    UsageError,
    add_catalog_options,
    add_view_options,
    err,
    filters_from,
    load,
    parse_platforms,
)
from explorer.core.bookmarks import BookmarkStore
from explorer.core.compare import ComparisonIndex
from explorer.core.model import Catalog
from explorer.core.report import (
    FORMATS,
    Report,
    ReportError,
    format_for_path,
    generated_at,
    render,
    report_everything,
    report_from_view,
    report_shortlist,
    write_report,
)
from explorer.core.search import SearchEngine
from explorer.core.settings import config_dir
from explorer.core.util.sanitize import clean_text
from explorer.core.view import ViewSpec, build_view

STDOUT = "-"
#: The longest --title accepted (a heading, not a document).
MAX_TITLE = 200


def add_parser(sub: argparse._SubParsersAction, name: str) -> None:
    parser = sub.add_parser(
        name,
        help="write a comparison report (Markdown, CSV, JSON or HTML)",
        description="Write a comparison report of the current view (platforms, filters, query, "
        "differences), of everything (--all) or of a bookmark shortlist (--shortlist). "
        "Exit 0 when written, 1 when nothing matched, 2 on a usage or write error.",
    )
    parser.add_argument(
        "--format", "-f", choices=tuple(FORMATS),
        help="report format (default: from the extension of -o: .md, .csv, .json, .html)",
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", default=STDOUT,
        help="file to write, or - for standard output (the default; needs --format)",
    )
    parser.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    parser.add_argument(
        "--title", metavar="TEXT",
        help="the report's heading, e.g. the customer and project (default: the catalog's name)",
    )
    add_view_options(parser)
    parser.add_argument("--differences", action="store_true", help="only rows where the platforms differ")
    scope = parser.add_mutually_exclusive_group()
    scope.add_argument(
        "--all", action="store_true", dest="everything",
        help="every capability row of the catalog, without filters or query",
    )
    scope.add_argument("--shortlist", metavar="NAME", help="the bookmarks of a shortlist, with their notes")
    add_catalog_options(parser, suppress=True)


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return args.format
    if args.output == STDOUT:
        raise UsageError(f"--format is needed when writing to standard output ({'|'.join(FORMATS)})")
    fmt = format_for_path(args.output)
    if fmt is None:
        raise UsageError(
            f"cannot tell the format of {args.output!r} from its extension; "
            f"use --format {'|'.join(FORMATS)} or a .md, .csv, .json or .html name"
        )
    return fmt


def _check_scope(args: argparse.Namespace) -> None:
    if args.everything:
        clashing = [flag for flag, on in (
            ("--query", bool(args.query)), ("--env", bool(args.env)),
            ("--client", bool(args.client)), ("--differences", args.differences),
        ) if on]
        if clashing:
            raise UsageError(f"--all takes no filters or query ({', '.join(clashing)} given)")
    if args.shortlist is not None:
        clashing = [flag for flag, on in (("--query", bool(args.query)), ("--differences", args.differences)) if on]
        if clashing:
            raise UsageError(f"--shortlist takes no {' or '.join(clashing)}")


def _title(args: argparse.Namespace) -> str:
    """The --title text as one line of plain text (escaped by each format like all text)."""
    title = clean_text(args.title or "").strip()
    if args.title is not None and not title:
        raise UsageError("--title is empty; leave it out for the default heading")
    if len(title) > MAX_TITLE:
        raise UsageError(f"--title is {len(title)} characters long; at most {MAX_TITLE} are allowed")
    return title


def _view_report(catalog: Catalog, args: argparse.Namespace, timestamp: str) -> Report:
    platforms = parse_platforms(catalog, args.platforms)
    filters = filters_from(args)
    query = clean_text(args.query or "")
    hits = SearchEngine(catalog).search(query) if query.strip() else None
    view = build_view(ComparisonIndex(catalog), ViewSpec(platforms, filters, query, args.differences), hits)
    return report_from_view(catalog, view, timestamp, _title(args))


def _shortlist_report(catalog: Catalog, args: argparse.Namespace, timestamp: str) -> Report:
    platforms = parse_platforms(catalog, args.platforms)
    store, warnings = BookmarkStore.open(config_dir(args.config_dir))
    for warning in warnings:
        err(warning)
    name = clean_text(args.shortlist)
    if not store.has_shortlist(name):
        raise UsageError(f"no shortlist named {name!r}; shortlists: {', '.join(store.names)}")
    shortlist = store.shortlist(name)
    return report_shortlist(
        catalog, shortlist.bookmarks, shortlist.name, platforms, filters_from(args), timestamp, _title(args)
    )


def _nothing(report: Report) -> str:
    h = report.header
    if h.scope == "shortlist":
        return f"nothing to export: the shortlist {h.shortlist!r} has no bookmarks; nothing was written"
    what = f"the query {h.query!r}" if h.query else "the view"
    extra = " in differences-only mode" if h.differences else ""
    return f"nothing matched: {what}{extra} shows no rows ({h.filters_text}); nothing was written"


def run(args: argparse.Namespace) -> int:
    fmt = _format(args)
    _check_scope(args)
    _title(args)  # a bad title is refused before the catalog is read
    if args.output != STDOUT and not args.force and Path(args.output).expanduser().exists():
        raise UsageError(f"{args.output} already exists; use --force to overwrite it")
    try:
        timestamp = generated_at()
    except ReportError as exc:
        raise UsageError(str(exc)) from None
    catalog = load(args)
    if args.everything:
        platforms = parse_platforms(catalog, args.platforms)
        report = report_everything(catalog, platforms, timestamp, _title(args))
    elif args.shortlist is not None:
        report = _shortlist_report(catalog, args, timestamp)
    else:
        report = _view_report(catalog, args, timestamp)
    if report.empty:
        err(_nothing(report))
        return EXIT_PROBLEMS
    data = render(report, fmt)
    if args.output == STDOUT:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return EXIT_OK
    try:
        written = write_report(data, args.output, force=args.force)
    except ReportError as exc:
        raise UsageError(str(exc)) from None
    print(f"wrote {written} ({FORMATS[fmt].title}, {len(report.rows)} rows, {len(data)} bytes)")
    return EXIT_OK
