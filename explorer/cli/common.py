"""Options and helpers shared by every command."""

from __future__ import annotations

import argparse
import sys

from explorer.core.catalog import CatalogError, load_catalog
from explorer.core.filters import Filters
from explorer.core.model import CLIENTS, ENVIRONMENTS, Catalog
from explorer.core.util.sanitize import clean_text
from explorer.core.view import OptionError, parse_platforms  # noqa: F401 - re-exported for the commands

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class UsageError(OptionError):
    """A bad argument value found after parsing; reported as a usage error (exit 2)."""


def add_catalog_options(parser: argparse.ArgumentParser, suppress: bool = False) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--catalog", action="append", metavar="PATH", default=default,
        help="catalog file or folder to load instead of the bundled one (repeatable; "
        "the word 'bundled' names the bundled catalog, to load it as well)",
    )
    parser.add_argument(
        "--config-dir", metavar="DIR", default=default,
        help="folder for config.yaml and bookmarks.yaml (default: $SO_EXPLORER_CONFIG_DIR "
        "or the user config folder)",
    )


def add_view_options(parser: argparse.ArgumentParser, query_flag: bool = True, dest_prefix: str = "") -> None:
    if query_flag:
        parser.add_argument("--query", default="", metavar="TEXT", dest=f"{dest_prefix}query", help="search query")
    parser.add_argument("--env", action="append", choices=ENVIRONMENTS, dest=f"{dest_prefix}env",
                        help="environment (repeatable)")
    parser.add_argument("--client", action="append", choices=CLIENTS, dest=f"{dest_prefix}client",
                        help="client (repeatable)")
    parser.add_argument("--platforms", metavar="IDS", dest=f"{dest_prefix}platforms",
                        help="comma-separated platform ids, in order")


def err(message: str) -> None:
    print(f"so-explorer: {message}", file=sys.stderr)


def load(args: argparse.Namespace) -> Catalog:
    """Load the catalog named by ``--catalog``; CatalogError propagates to ``main``."""
    return load_catalog(getattr(args, "catalog", None))


def report_catalog_error(exc: CatalogError) -> int:
    for problem in exc.problems:
        print(problem, file=sys.stderr)
    count = len(exc.problems)
    err(f"the catalog has {count} problem{'s' if count != 1 else ''}; nothing was changed")
    return EXIT_USAGE


def filters_from(args: argparse.Namespace) -> Filters:
    return Filters.from_lists(getattr(args, "env", None), getattr(args, "client", None))


def whole_number(option: str, value: str, least: int = 0, most: int | None = None) -> int:
    """``value`` of ``option`` as a whole number from ``least`` to ``most``, or a usage error."""
    try:
        number = int(value)
    except ValueError:
        raise UsageError(f"{option} must be a whole number, not {clean_text(value)!r}") from None
    if number < least or (most is not None and number > most):
        span = f"from {least} to {most}" if most is not None else f"{least} or more"
        raise UsageError(f"{option} must be {span}, not {number}")
    return number


def parse_limit(value: str) -> int:
    """``--limit N``: 0 means no limit."""
    try:
        return whole_number("--limit", value)
    except UsageError as exc:
        raise UsageError(str(exc).replace("must be 0 or more", "must be 0 (no limit) or more")) from None
