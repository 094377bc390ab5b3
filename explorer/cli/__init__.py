"""The ``so-explorer`` command line: the app by default, plus scriptable commands."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from explorer import __version__
from explorer.cli import (
    bookmarks_cmd,
    export_cmd,
    keys_cmd,
    links_cmd,
    recommend_cmd,
    search_cmd,
    tui_cmd,
    validate_cmd,
)
from explorer.cli.common import EXIT_USAGE, UsageError, add_catalog_options, err, report_catalog_error
from explorer.core.catalog import CatalogError

COMMANDS = {
    "validate": validate_cmd,
    "search": search_cmd,
    "export": export_cmd,
    "bookmarks": bookmarks_cmd,
    "links": links_cmd,
    "keys": keys_cmd,
    "recommend": recommend_cmd,
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="so-explorer",
        description="Compare the integration points of the SuperOffice platforms side by side. "
        "Without a command, opens the full-screen explorer.",
    )
    parser.add_argument("--version", action="version", version=f"so-explorer {__version__}")
    add_catalog_options(parser)
    tui_cmd.add_arguments(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for name, module in COMMANDS.items():
        module.add_parser(sub, name)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    module = COMMANDS.get(args.command or "", tui_cmd)
    try:
        return module.run(args)
    except CatalogError as exc:
        return report_catalog_error(exc)
    except UsageError as exc:
        err(str(exc))
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 0
