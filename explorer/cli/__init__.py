"""The ``so-explorer`` command line: scriptable commands, and the app's options.

View options (``--env``, ``--client``, ``--platforms``, ``--query``, ``--differences``) may
be written before the command as well as after it: before it they apply to the command when
it takes them (lists such as ``--env`` combine), and a command that does not take one refuses
it with exit 2 — an option is never dropped silently.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from explorer import __version__
from explorer.cli import (
    app_options,
    bookmarks_cmd,
    cache_cmd,
    export_cmd,
    keys_cmd,
    links_cmd,
    recommend_cmd,
    search_cmd,
    validate_cmd,
)
from explorer.cli.common import (
    EXIT_USAGE,
    UsageError,
    add_catalog_options,
    err,
    report_catalog_error,
)
from explorer.core.catalog import CatalogError
from explorer.core.view import OptionError

COMMANDS = {
    "validate": validate_cmd,
    "search": search_cmd,
    "export": export_cmd,
    "bookmarks": bookmarks_cmd,
    "links": links_cmd,
    "keys": keys_cmd,
    "recommend": recommend_cmd,
    "cache": cache_cmd,
}

#: View options the main parser takes for the app: dest → flag.
VIEW_OPTIONS = {"query": "--query", "env": "--env", "client": "--client", "platforms": "--platforms",
                "differences": "--differences"}
BEFORE = "before_"


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, set[str]]]:
    """The parser, and for each command the view options (dests) it takes."""
    parser = argparse.ArgumentParser(
        prog="so-explorer",
        description="Compare the integration points of the SuperOffice platforms side by side. "
        "Without a command, opens the full-screen explorer.",
    )
    parser.add_argument("--version", action="version", version=f"so-explorer {__version__}")
    add_catalog_options(parser)
    app_options.add_arguments(parser, dest_prefix=BEFORE)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    accepts: dict[str, set[str]] = {}
    for name, module in COMMANDS.items():
        module.add_parser(sub, name)  # type: ignore[attr-defined]
        flags = sub.choices[name]._option_string_actions
        accepts[name] = {dest for dest, flag in VIEW_OPTIONS.items() if flag in flags}
    return parser, accepts


def merge_view_options(args: argparse.Namespace, accepts: dict[str, set[str]]) -> None:
    """Apply view options written before the command (see the module docstring)."""
    for dest, flag in VIEW_OPTIONS.items():
        before = getattr(args, BEFORE + dest)
        delattr(args, BEFORE + dest)
        if args.command is None:
            setattr(args, dest, before)
            continue
        if not before:
            continue
        if dest not in accepts[args.command]:
            raise UsageError(f"{flag} does not apply to '{args.command}'")
        after = getattr(args, dest, None)
        if isinstance(before, list):
            setattr(args, dest, before + [v for v in after or () if v not in before])
        elif after and after != before:
            raise UsageError(f"{flag} is given twice: {before!r} before '{args.command}' and {after!r} after it")
        else:
            setattr(args, dest, before)


def guarded(run: Callable[[], int]) -> int:
    """Run a command: a bad catalog or option is one line on stderr and exit 2, never a traceback."""
    try:
        return run()
    except CatalogError as exc:
        return report_catalog_error(exc)
    except OptionError as exc:
        err(str(exc))
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 0


def main(argv: Sequence[str] | None = None,
         run_app: Callable[[app_options.AppOptions], int] | None = None) -> int:
    """Run a command; without one, check the app's options and hand them to ``run_app``
    (``explorer.main`` passes the full-screen app)."""
    parser, accepts = build_parser()
    args = parser.parse_args(argv)

    def run() -> int:
        merge_view_options(args, accepts)
        if args.command:
            return COMMANDS[args.command].run(args)  # type: ignore[attr-defined]
        options = app_options.prepare(args)
        if run_app is None:
            raise UsageError("the full-screen app is started by 'so-explorer' (explorer.main)")
        return run_app(options)

    return guarded(run)
