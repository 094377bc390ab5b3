"""``so-explorer keys``: every key of the app, with the user's remapping from config.yaml.

``--markdown`` prints the tables of docs/keys.md; ``--update FILE`` rewrites the tables
between the keymap markers in FILE (how docs/keys.md and the README are regenerated).
Problems with config.yaml's ``keymap:`` are printed to stderr, as the app would show them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from explorer.cli.common import EXIT_OK, EXIT_USAGE, add_catalog_options, err
from explorer.core.settings import config_path, load_config
from explorer.core.settings import keys as key_table


def add_parser(sub: argparse._SubParsersAction, name: str) -> None:
    parser = sub.add_parser(
        name,
        help="list every key (with your config.yaml remapping) or regenerate docs/keys.md",
        description="List every key binding of the app: scope, binding id, keys in force and what it does. "
        "Remap keys in config.yaml's keymap: section.",
    )
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--markdown", action="store_true", help="print the default key map as Markdown tables")
    what.add_argument("--update", metavar="FILE",
                      help="rewrite the tables between the keymap markers in FILE (docs/keys.md, README.md)")
    add_catalog_options(parser, suppress=True)


def run(args: argparse.Namespace) -> int:
    if args.update:
        path = Path(args.update)
        try:
            path.write_text(key_table.update_document(path.read_text(encoding="utf-8")), encoding="utf-8")
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            err(f"cannot update {path}: {getattr(exc, 'strerror', None) or exc}")
            return EXIT_USAGE
        print(f"updated the key tables in {path}")
        return EXIT_OK
    if args.markdown:
        sys.stdout.write(key_table.markdown_table())
        return EXIT_OK
    config, warnings = load_config(config_path(getattr(args, "config_dir", None)))
    keymap = key_table.resolve(config.keymap)
    for problem in [*warnings, *keymap.problems]:
        err(problem)
    for spec in key_table.KEYMAP:
        shown = key_table.display_keys(keymap.keys[spec.id])
        print(f"{spec.scope:10} {spec.id:24} {shown:28} {spec.help}")
    return EXIT_OK
