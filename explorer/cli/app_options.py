"""The options of the full-screen app (``so-explorer`` without a command), checked here so
that a bad catalog or platform id is refused before any terminal is touched.

The CLI does not start the app itself (``explorer.cli`` and ``explorer.tui`` stay
independent): :func:`prepare` returns :class:`AppOptions` and ``explorer.main`` hands them
to ``explorer.tui.launch``.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass

from explorer.cli.common import add_view_options, filters_from, load, parse_platforms
from explorer.core.filters import Filters
from explorer.core.model import Catalog


@dataclass(frozen=True)
class AppOptions:
    catalog: Catalog
    platforms: tuple[str, ...]
    filters: Filters
    query: str
    differences: bool
    config_dir: str | None
    #: Whether the command line set these (they then win over config.yaml's defaults).
    explicit_filters: bool
    explicit_platforms: bool


def add_arguments(parser: argparse.ArgumentParser, dest_prefix: str = "") -> None:
    """The app's view options on the main parser (their dests get ``dest_prefix``, so that a
    command's own options of the same name do not overwrite them)."""
    add_view_options(parser, dest_prefix=dest_prefix)
    parser.add_argument("--differences", action="store_true", dest=f"{dest_prefix}differences",
                        help="start in differences-only mode")


def prepare(args: argparse.Namespace) -> AppOptions:
    catalog = load(args)
    return AppOptions(
        catalog=catalog,
        platforms=parse_platforms(catalog, args.platforms),
        filters=filters_from(args),
        query=args.query or "",
        differences=bool(args.differences),
        config_dir=args.config_dir,
        explicit_filters=bool(args.env or args.client),
        explicit_platforms=bool(args.platforms),
    )
