"""The default command: open the full-screen explorer."""

from __future__ import annotations

import argparse

from explorer.cli.common import add_view_options, filters_from, load, parse_platforms


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_view_options(parser)
    parser.add_argument("--differences", action="store_true", help="start in differences-only mode")


def run(args: argparse.Namespace) -> int:
    catalog = load(args)
    platforms = parse_platforms(catalog, args.platforms)
    from explorer.tui.app import ExplorerApp  # Textual loads only for the app

    app = ExplorerApp(
        catalog,
        platforms=platforms,
        filters=filters_from(args),
        query=args.query,
        differences=args.differences,
        config_dir=args.config_dir,
        explicit_filters=bool(args.env or args.client),
        explicit_platforms=bool(args.platforms),
    )
    app.run()
    return app.return_code or 0
