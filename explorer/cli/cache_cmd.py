"""``so-explorer cache``: the parse cache of checked catalogs (where it is, what it holds),
and ``--clear`` to empty it.

The cache only saves time: deleting it, or any entry in it, loses nothing (the next start
parses the YAML again and stores it anew)."""

from __future__ import annotations

import argparse
import time

from explorer.cli.common import EXIT_OK, add_catalog_options
from explorer.core.catalog import CACHE_MAX_BYTES as MAX_TOTAL_BYTES
from explorer.core.catalog import CACHE_MAX_ENTRIES as MAX_ENTRIES
from explorer.core.catalog import cache_entries, cache_root, clear_cache


def add_parser(sub: argparse._SubParsersAction, name: str) -> None:
    parser = sub.add_parser(
        name,
        help="show the parse cache of checked catalogs, or empty it with --clear",
        description="Checked catalogs are kept in a parse cache so the next start skips parsing the YAML. "
        f"It keeps the {MAX_ENTRIES} most recently used catalogs, at most {MAX_TOTAL_BYTES // 2**20} MB in all. "
        "Deleting it loses nothing. Set SO_EXPLORER_CACHE_DIR to move it, SO_EXPLORER_NO_CACHE=1 to turn it off.",
    )
    parser.add_argument("--clear", action="store_true", help="delete every entry")
    add_catalog_options(parser, suppress=True)


def _size(size: int) -> str:
    return f"{size / 2**20:.1f} MB" if size >= 2**20 else f"{size / 1024:.0f} KB"


def run(args: argparse.Namespace) -> int:
    root = cache_root()
    if root is None:
        print("the parse cache is off (SO_EXPLORER_NO_CACHE is set)")
        return EXIT_OK
    if args.clear:
        gone = clear_cache()
        print(f"deleted {gone} cache {'entry' if gone == 1 else 'entries'} from {root}")
        return EXIT_OK
    found = cache_entries(with_titles=True)
    total = sum(e.size for e in found)
    print(f"{root}: {len(found)} {'entry' if len(found) == 1 else 'entries'}, {_size(total)} "
          f"(keeps {MAX_ENTRIES}, at most {MAX_TOTAL_BYTES // 2**20} MB; least recently used go first)")
    for entry in found:
        used = time.strftime("%Y-%m-%d %H:%M", time.localtime(entry.used)) if entry.used else "never"
        print(f"  {entry.key[:12]}  {_size(entry.size):>9}  used {used}  {entry.title}")
    return EXIT_OK
