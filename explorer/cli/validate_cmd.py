"""``so-explorer validate [PATH ...]``: report every problem of a catalog."""

from __future__ import annotations

import argparse

from explorer.cli.common import EXIT_OK, EXIT_PROBLEMS, add_catalog_options
from explorer.core.catalog import CatalogError, load_catalog


def add_parser(sub: argparse._SubParsersAction, name: str) -> None:
    parser = sub.add_parser(
        name,
        help="check catalog files and print every problem as FILE:LINE:COL: message",
        description="Check catalogs (the bundled one by default) and print every problem. "
        "Exit 0 when clean, 1 when there are problems, 2 on a usage error.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="catalog files or folders")
    add_catalog_options(parser, suppress=True)


def run(args: argparse.Namespace) -> int:
    sources = list(args.paths) + list(getattr(args, "catalog", None) or [])
    try:
        catalog = load_catalog(sources or None)
    except CatalogError as exc:
        for problem in exc.problems:
            print(problem)
        count = len(exc.problems)
        print(f"{count} problem{'s' if count != 1 else ''}")
        return EXIT_PROBLEMS
    rows = len(catalog.capabilities)
    print(
        f"ok: {len(catalog.platforms)} platforms, {len(catalog.points)} integration points, "
        f"{rows} capability rows ({', '.join(catalog.files)})"
    )
    return EXIT_OK
