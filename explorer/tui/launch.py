"""Start the full-screen app in a real terminal, or say in one line why it cannot."""

from __future__ import annotations

import os
import sys
from typing import Any

from explorer.core.model import Catalog

#: Exit code when the terminal cannot run the app (a usage problem, as for a bad option).
EXIT_NO_TERMINAL = 2


def terminal_problem(environ: dict[str, str] | None = None, stdin: Any = None, stdout: Any = None) -> str | None:
    """Why this terminal cannot drive the full-screen app, or None when it can."""
    environ = dict(os.environ) if environ is None else environ
    stdin = sys.stdin if stdin is None else stdin
    stdout = sys.stdout if stdout is None else stdout
    term = environ.get("TERM", "")
    if term in ("dumb", "unknown"):
        return f"TERM={term} cannot draw a full-screen app"
    for name, stream in (("input", stdin), ("output", stdout)):
        try:
            tty = stream is not None and stream.isatty()
        except (AttributeError, ValueError, OSError):
            tty = False
        if not tty:
            return f"the standard {name} is not a terminal"
    return None


def run_app(catalog: Catalog, **options: Any) -> int:
    problem = terminal_problem()
    if problem is not None:
        print(f"so-explorer: {problem}; run it in a terminal, or use a command such as "
              "'so-explorer search' or 'so-explorer export' (see --help)", file=sys.stderr)
        return EXIT_NO_TERMINAL
    from explorer.tui.app import ExplorerApp

    app = ExplorerApp(catalog, **options)
    app.run()
    return app.return_code or 0
