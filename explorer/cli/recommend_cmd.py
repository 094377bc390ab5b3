"""``so-explorer recommend``: which integration approach fits this customer, and why.

Per need (``--need``, repeatable), the options that fit the customer's environments,
clients and platforms, ranked best first with their reasons, and the options excluded.
Text by default, ``--json`` for scripts, ``-o FILE`` for a report to hand over (md, html,
json). Exit codes: 0 something fits, 1 nothing fits (or the catalog has no needs data),
2 usage error.
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
    load,
    parse_limit,
)
from explorer.cli.recommend_render import render_text
from explorer.core.model import NEEDS
from explorer.core.recommend import NoNeedsData, Question, QuestionError, Recommender
from explorer.core.report import (
    ReportError,
    build_recommendation_report,
    format_for_path,
    generated_at,
    recommendation_dict,
    render_recommendation,
    write_report,
)
from explorer.core.report.recommendation import DEFAULT_LIMIT, FORMATS, dumps
from explorer.core.util.sanitize import clean_text

STDOUT = "-"


def add_parser(sub: argparse._SubParsersAction, name: str) -> None:
    parser = sub.add_parser(
        name,
        help="which integration approach fits a customer's needs, and why",
        description="Rank the integration points that serve each need for a customer's "
        "environments and clients, with the reasons for each and the options excluded. "
        f"Needs: {', '.join(NEEDS)}. "
        "Exit 0 when something fits, 1 when nothing does, 2 on a usage error.",
    )
    parser.add_argument(
        "--need", action="append", metavar="NEED", default=None,
        help="what the customer needs (repeatable): " + "; ".join(f"{k} = {v}" for k, v in NEEDS.items()),
    )
    add_view_options(parser, query_flag=False)
    parser.add_argument(
        "--has", action="append", metavar="REQ", default=None,
        help="a licence, plan, right or access the customer has (repeatable; a requirement id of "
        "the catalog). Once given, any licence, plan or on-request access not named counts as missing",
    )
    parser.add_argument(
        "--limit", default=str(DEFAULT_LIMIT), metavar="N",
        help=f"options shown per need (default {DEFAULT_LIMIT}; 0 shows every one)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.add_argument(
        "-o", "--output", metavar="FILE", default=None,
        help="write a recommendation report to FILE (- for standard output, with --format)",
    )
    parser.add_argument(
        "--format", "-f", choices=FORMATS, default=None,
        help="report format (default: from the extension of FILE: .md, .html, .json)",
    )
    parser.add_argument("--title", metavar="TEXT", default="", help="the report's title, e.g. the customer's name")
    parser.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    add_catalog_options(parser, suppress=True)


def _format(args: argparse.Namespace) -> str | None:
    if args.output is None:
        given = [flag for flag, on in (("--format", args.format), ("--force", args.force)) if on]
        if given:
            raise UsageError(f"{' and '.join(given)} go{'es' if len(given) == 1 else ''} with -o FILE")
        return None
    if args.json:
        raise UsageError("--json prints to standard output; for a JSON report use -o FILE --format json")
    if args.format:
        return args.format
    if args.output == STDOUT:
        raise UsageError(f"--format is needed when writing the report to standard output ({'|'.join(FORMATS)})")
    fmt = format_for_path(args.output)
    if fmt not in FORMATS:
        raise UsageError(
            f"cannot tell a recommendation report format from {args.output!r}; "
            f"use --format {'|'.join(FORMATS)} or a .md, .html or .json name"
        )
    return fmt


def _question(args: argparse.Namespace) -> Question:
    platforms = [p.strip() for p in (args.platforms or "").split(",") if p.strip()]
    if args.platforms is not None and not platforms:
        raise UsageError("--platforms names no platform")
    return Question.make(
        [clean_text(n).strip() for n in args.need or ()],
        args.env, args.client, platforms,
        None if args.has is None else [clean_text(h).strip() for h in args.has],
    )


def _write(args: argparse.Namespace, catalog, recommendation, fmt: str, limit: int) -> int:
    try:
        report = build_recommendation_report(catalog, recommendation, clean_text(args.title), limit, generated_at())
        data = render_recommendation(report, fmt)
    except ReportError as exc:
        raise UsageError(str(exc)) from None
    if args.output == STDOUT:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        try:
            written = write_report(data, args.output, force=args.force)
        except ReportError as exc:
            raise UsageError(str(exc)) from None
        shown = sum(len(n.shown(limit)) for n in recommendation.needs)
        print(f"wrote {written} ({fmt}, {shown} options for {len(recommendation.needs)} needs, {len(data)} bytes)")
    return EXIT_OK if recommendation.fits else EXIT_PROBLEMS


def run(args: argparse.Namespace) -> int:
    limit = parse_limit(args.limit)
    fmt = _format(args)
    if fmt and args.output != STDOUT and not args.force and Path(args.output).expanduser().exists():
        raise UsageError(f"{args.output} already exists; use --force to overwrite it")
    question = _question(args)
    catalog = load(args)
    try:
        recommendation = Recommender(catalog).recommend(question)
    except QuestionError as exc:
        raise UsageError(str(exc)) from None
    except NoNeedsData as exc:
        err(str(exc))
        return EXIT_PROBLEMS
    if not recommendation.fits:
        needs = ", ".join(question.needs)
        err(f"nothing fits {needs} for this customer ({question.describe()}); see what was excluded")
    if fmt:
        return _write(args, catalog, recommendation, fmt, limit)
    if args.json:
        sys.stdout.write(dumps(recommendation_dict(recommendation, limit)))
    else:
        print(render_text(recommendation, limit, clean_text(args.title)))
    return EXIT_OK if recommendation.fits else EXIT_PROBLEMS
