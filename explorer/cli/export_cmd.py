"""``so-explorer export``: placeholder until its issue lands."""

from __future__ import annotations

import argparse

from explorer.cli.common import EXIT_USAGE, err


def add_parser(sub: argparse._SubParsersAction, name: str) -> None:
    sub.add_parser(name, help="export (coming soon)")


def run(args: argparse.Namespace) -> int:
    err("'export' is not available yet")
    return EXIT_USAGE
