"""``so-explorer links``: check every URL in the catalog over HTTP(S).

Each distinct URL is requested once (HEAD, with a GET fallback), redirects are followed
and reported hop by hop, and 4xx/5xx answers, timeouts, DNS failures, refused connections
and TLS errors are flagged with a one-line reason. Polite by default: 8 requests at once,
2 per host, a User-Agent naming so-explorer.
Exit codes: 0 all good (redirects included, unless ``--strict``), 1 problems found,
2 usage error. This is the only command that uses the network.
"""

from __future__ import annotations

import argparse
import math
import sys

from explorer.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    UsageError,
    add_catalog_options,
    load,
    whole_number,
)
from explorer.cli.links_render import ProgressBar, render_json, render_text
from explorer.core.util.sanitize import clean_text

# The command's defaults; tests check they match the core's (explorer.core.links.check),
# which is imported only when the command runs so that other commands start no slower.
DEFAULT_TIMEOUT = 10.0
DEFAULT_CONCURRENCY = 8
DEFAULT_PER_HOST = 2
MAX_TIMEOUT = 300.0
MAX_CONCURRENCY = 64
MAX_PER_HOST = 16


def add_parser(sub: argparse._SubParsersAction, name: str) -> None:
    parser = sub.add_parser(
        name,
        help="check every URL in the catalog over HTTP(S) and report broken links and redirects",
        description="Check every distinct URL in the catalog (HEAD, with a GET fallback), follow "
        "redirects and report each hop and the final URL, and flag 4xx/5xx answers, timeouts, "
        "DNS failures, refused connections and TLS errors. Exit 0 when every link works "
        "(redirects included, unless --strict), 1 when problems were found, 2 on a usage error.",
    )
    parser.add_argument("--json", action="store_true", help="print a JSON array, one record per URL")
    parser.add_argument(
        "--timeout", default=str(DEFAULT_TIMEOUT), metavar="SECONDS",
        help=f"seconds to wait for a connection or an answer (default {DEFAULT_TIMEOUT:g})",
    )
    parser.add_argument(
        "--concurrency", default=str(DEFAULT_CONCURRENCY), metavar="N",
        help=f"requests in flight at once, over all hosts (default {DEFAULT_CONCURRENCY}, "
        f"at most {MAX_CONCURRENCY})",
    )
    parser.add_argument(
        "--per-host", default=str(DEFAULT_PER_HOST), metavar="N",
        help=f"requests in flight at once to one host (default {DEFAULT_PER_HOST}, at most {MAX_PER_HOST})",
    )
    parser.add_argument(
        "--strict", action="store_true", help="count redirects as problems too (exit 1 if any)"
    )
    add_catalog_options(parser, suppress=True)


def parse_timeout(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        raise UsageError(f"--timeout must be a number of seconds, not {clean_text(value)!r}") from None
    if not math.isfinite(seconds) or seconds <= 0 or seconds > MAX_TIMEOUT:
        raise UsageError(f"--timeout must be more than 0 and at most {MAX_TIMEOUT:g} seconds, not {clean_text(value)}")
    return seconds


def parse_count(option: str, value: str, most: int) -> int:
    return whole_number(option, value, 1, most)


def run(args: argparse.Namespace) -> int:
    timeout = parse_timeout(args.timeout)
    concurrency = parse_count("--concurrency", args.concurrency, MAX_CONCURRENCY)
    per_host = parse_count("--per-host", args.per_host, MAX_PER_HOST)
    catalog = load(args)

    from explorer.core.links import (
        CheckOptions,
        check_links,
        collect_urls,
        count_results,
    )

    uses = collect_urls(catalog)
    options = CheckOptions(timeout=timeout, concurrency=concurrency, per_host=per_host)
    progress = ProgressBar(sys.stderr, len(uses))
    problems = 0

    def on_result(result, done: int, total: int) -> None:
        nonlocal problems
        problems += result.problem
        progress.update(done, problems)

    try:
        results = check_links(uses, options, on_result)
    finally:
        progress.clear()
    counts = count_results(results)
    if args.json:
        print(render_json(result.as_json() for result in results))
    elif results:
        print(render_text(results, counts))
    else:
        print("the catalog holds no URLs", file=sys.stderr)
    failed = counts["broken"] + counts["error"] + (counts["redirect"] if args.strict else 0)
    return EXIT_PROBLEMS if failed else EXIT_OK
