"""Start the full-screen app in a real terminal, or say in one line why it cannot."""

from __future__ import annotations

import gc
import os
import sys
from typing import TYPE_CHECKING, Any

from explorer.core.model import Catalog

if TYPE_CHECKING:
    from explorer.tui.app import ExplorerApp

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


def new_app(catalog: Catalog, **options: Any) -> ExplorerApp:
    """The app for ``catalog``, as :func:`run_app` starts it (the benchmarks start it so too).

    Everything made so far (Python's and Textual's modules, the catalog) lives as long as the
    app, so it is first moved out of the cyclic garbage collector's way (``gc.freeze``): the
    first full collection would otherwise walk all of it in the middle of the first frame
    (measured: 90 ms of a 250 ms first frame with the bundled catalog, 1.2 s at 100,000
    points). Not done for apps made directly (the tests make hundreds in one process, and
    frozen garbage is never freed)."""
    from explorer.tui.app import ExplorerApp

    gc.freeze()
    return ExplorerApp(catalog, **options)


def run_app(catalog: Catalog, **options: Any) -> int:
    problem = terminal_problem()
    if problem is not None:
        print(f"so-explorer: {problem}; run it in a terminal, or use a command such as "
              "'so-explorer search' or 'so-explorer export' (see --help)", file=sys.stderr)
        return EXIT_NO_TERMINAL
    app = new_app(catalog, **options)
    app.run()
    return app.return_code or 0
