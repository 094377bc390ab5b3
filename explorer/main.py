"""``so-explorer``: the command line (:mod:`explorer.cli`), or without a command the
full-screen app (:mod:`explorer.tui`). The one module that knows both."""

from __future__ import annotations

from collections.abc import Sequence

from explorer import cli
from explorer.cli.app_options import AppOptions


def _run_app(options: AppOptions) -> int:
    from explorer.tui.launch import run_app  # Textual loads only for the app

    return run_app(
        options.catalog,
        platforms=options.platforms,
        filters=options.filters,
        query=options.query,
        differences=options.differences,
        config_dir=options.config_dir,
        explicit_filters=options.explicit_filters,
        explicit_platforms=options.explicit_platforms,
    )


def main(argv: Sequence[str] | None = None) -> int:
    return cli.main(argv, run_app=_run_app)
