"""The first frame measured black-box, from a real terminal: so-explorer against a bare Textual app.

    python benchmarks/bench_terminal.py                  # bundled, 10k and 100k points, 5 runs each
    python benchmarks/bench_terminal.py --sizes bundled --runs 9
    python benchmarks/bench_terminal.py --quick          # the bundled catalog, 2 runs (CI smoke test)

Each run starts a program in a new tmux session (160×45) and polls ``tmux capture-pane -p``
until the screen shows what it is waiting for; the time runs from starting the session to that
capture. So it counts everything a user waits for: Python's start, imports, loading the
catalog (warm parse cache) and the first frame.

* **so-explorer**: ``python -m explorer --catalog FILE`` (a fresh config folder, the cache
  folder of this run); done when a pane header and a grid cell (``✓``) show.
* **bare app**: a Textual app with one ``OptionList``, the baseline; done when its option
  shows.

The two alternate (ours, bare, ours, bare, …) so that a busy moment of the machine hits both.
Before the timed runs, one untimed start of each fills the parse cache (catalog and row sets)
and Python's bytecode caches, as a second start on a user's machine would find them; this
script runs the programs with ``PYTHONDONTWRITEBYTECODE`` unset for that reason.
Prints, per size, the median of the runs for both, and their ratio.
"""

from __future__ import annotations

import argparse
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

SIZE = (160, 45)
BARE_MARK = "bare app ready"
POLL = 0.004


def bare_app() -> None:
    """The baseline: a bare Textual app with one OptionList (``--bare``)."""
    from textual.app import App, ComposeResult
    from textual.widgets import OptionList

    class Bare(App):
        def compose(self) -> ComposeResult:
            yield OptionList(BARE_MARK)

    Bare().run()


def capture(session: str) -> str:
    result = subprocess.run(["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True,
                            check=False)
    return result.stdout


def ours_ready(screen: str, header: str) -> bool:
    return header in screen and "✓" in screen


def timed_start(command: list[str], ready, env: dict[str, str], limit: float = 120.0) -> float:
    """Seconds from starting ``command`` in a new tmux session until ``ready(screen)``."""
    session = f"sobench{os.getpid()}{time.monotonic_ns() % 10**9}"
    shell = " ".join(shlex.quote(part) for part in command)
    exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
    start = time.perf_counter()
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", str(SIZE[0]), "-y", str(SIZE[1]),
                    f"env -u PYTHONDONTWRITEBYTECODE {exports} {shell}"], check=True)
    try:
        while True:
            if ready(capture(session)):
                return time.perf_counter() - start
            if time.perf_counter() - start > limit:
                raise TimeoutError(f"{command} did not show its first screen within {limit:.0f} s:\n{capture(session)}")
            time.sleep(POLL)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True, check=False)
        time.sleep(0.2)  # let the process exit before the next start


def catalog_for(size: str, work: Path) -> list[str]:
    if size == "bundled":
        return []
    import gen_catalog

    path = work / f"catalog-{size}.yaml"
    if not path.exists():
        gen_catalog.write(int(size), path)
    return ["--catalog", str(path)]


def measure(size: str, runs: int, work: Path) -> dict[str, float]:
    env = {"SO_EXPLORER_CACHE_DIR": str(work / f"cache-{size}"), "SO_EXPLORER_CONFIG_DIR": str(work / "config"),
           "PYTHONPATH": str(ROOT)}
    ours = [sys.executable, "-m", "explorer", *catalog_for(size, work)]
    bare = [sys.executable, str(Path(__file__).resolve()), "--bare"]
    header = "NetServer"  # a pane header (every catalog here has the NetServer platform)
    timed_start(ours, lambda s: ours_ready(s, header), env, limit=600)  # fills the caches (a cold start)
    timed_start(bare, lambda s: BARE_MARK in s, env)
    mine: list[float] = []
    base: list[float] = []
    for _ in range(runs):
        mine.append(timed_start(ours, lambda s: ours_ready(s, header), env))
        base.append(timed_start(bare, lambda s: BARE_MARK in s, env))
    return {"ours": statistics.median(mine), "bare": statistics.median(base),
            "ours_all": mine, "bare_all": base}  # type: ignore[dict-item]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="bundled,10000,100000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="the bundled catalog, 2 runs (CI smoke test)")
    parser.add_argument("--bare", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.bare:
        bare_app()
        return 0
    if subprocess.run(["tmux", "-V"], capture_output=True, check=False).returncode != 0:
        print("bench_terminal: tmux is needed", file=sys.stderr)
        return 2
    sizes = ["bundled"] if args.quick else [s.strip() for s in args.sizes.split(",") if s.strip()]
    runs = 2 if args.quick else args.runs
    print(f"so-explorer first frame in a terminal (tmux {SIZE[0]}×{SIZE[1]}) · python {sys.version.split()[0]} · "
          f"{os.cpu_count()} cores · median of {runs} runs, alternating with a bare Textual app", flush=True)
    with tempfile.TemporaryDirectory(prefix="so-explorer-term-") as tmp:
        work = Path(tmp)
        print(f"{'catalog':>10}  {'so-explorer':>12}  {'bare app':>10}  {'ratio':>6}  runs (ms, ours / bare)")
        for size in sizes:
            found = measure(size, runs, work)
            runs_text = " ".join(f"{a * 1000:.0f}/{b * 1000:.0f}" for a, b in zip(found["ours_all"], found["bare_all"]))
            print(f"{size:>10}  {found['ours'] * 1000:>9,.0f} ms  {found['bare'] * 1000:>7,.0f} ms  "
                  f"{found['ours'] / found['bare']:>5.2f}×  {runs_text}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
