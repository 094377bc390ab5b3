"""Scale and speed of the whole app, from the bundled catalog up to 100,000 points.

    python benchmarks/bench_app.py                       # bundled, 1k, 10k, 100k
    python benchmarks/bench_app.py --sizes bundled,10000
    python benchmarks/bench_app.py --quick               # tiny sizes, for the CI smoke test

Every figure is measured next to its baseline in the same run. Each size runs in fresh
processes: one for the cold catalog load (a first read, which also fills the parse cache), then
three for the first frame (each: a bare app, then ours), then one for everything else (warm
load, keystrokes, filters, paging, export, peak RSS), so that peak memory is one app's and not
the YAML parser's or several apps'.

* load cold / warm: ``load_catalog`` with an empty / a filled parse cache.
* first frame: from creating the App to the first screen that shows data, headless at 160×45;
  baseline: a bare Textual app with one empty OptionList, in the same process.
* keystroke: from the key press to the first refresh showing the final results for the query
  typed so far (scripted queries, one character at a time); p50 and p95.
* filter / differences: the same for ``1``-``4`` and ``d``.
* paging: ``pagedown`` ×20 in the grid, total and per press.
* export: writing each report format of the current view (sizes up to 10k points).
* search index ready: from creating the App until the background search index is built
  (keystrokes are measured after it).
* peak RSS: ``ru_maxrss`` of the warm process before the exports.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

QUERIES = ("contact", "webhook", "get person", "soap ticket", "panel")
QUICK_QUERIES = ("cont", "soap")
SIZE = (160, 45)


def catalog_file(size: str, work: Path) -> list[str] | None:
    if size == "bundled":
        return None
    import gen_catalog

    path = work / f"catalog-{size}.yaml"
    if not path.exists():
        gen_catalog.write(int(size), path)
    return [str(path)]


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


# ----------------------------------------------------------------------------- workers
def worker_cold(sources: list[str] | None) -> dict:
    from explorer.core.catalog import load_catalog

    start = time.perf_counter()
    catalog = load_catalog(sources)
    return {"load_cold": time.perf_counter() - start, "points": len(catalog.points),
            "rows": len(catalog.capabilities), "rss_cold_mb": _rss_mb()}


def _rss_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


class _Paints:
    """Counts the frames an App writes to its (headless) terminal: ``App._display`` with
    something to show. A frame written after a key press is the refresh that shows it."""

    def __init__(self) -> None:
        from textual.app import App

        self.count = 0
        original = App._display

        def counting(app, screen, renderable, _original=original):
            if renderable is not None:
                self.count += 1
            return _original(app, screen, renderable)

        App._display = counting


def _send(app, key: str) -> None:
    """Post one key to the app the way the terminal driver does (no Pilot idle waits)."""
    from textual import events

    char = " " if key == "space" else (key if len(key) == 1 else None)
    event = events.Key(key, char)
    event.set_sender(app)
    app._driver.send_message(event)


async def _until(condition, paints: _Paints, since: int, limit: float = 60.0) -> None:
    """Wait until ``condition`` holds and a repaint happened after the key was sent."""
    deadline = time.perf_counter() + limit
    while not (condition() and paints.count > since):
        if time.perf_counter() > deadline:
            raise TimeoutError("the app did not reach the expected state")
        await asyncio.sleep(0)


async def _timed_key(app, key: str, condition, paints: _Paints) -> float:
    since = paints.count
    start = time.perf_counter()
    _send(app, key)
    await _until(condition, paints, since)
    return time.perf_counter() - start


_PAINTS = _Paints()


async def _first_frames(catalog) -> dict:
    """One process, one app: the bare app's first frame, then ours (fresh processes keep
    earlier apps' memory and background threads out of the figure)."""
    from textual.app import App, ComposeResult
    from textual.widgets import OptionList

    import explorer.tui.app  # noqa: F401 - imported before the clock starts (the bare app's too)
    from explorer.tui.launch import new_app

    class Bare(App):
        def compose(self) -> ComposeResult:
            yield OptionList()

    start = time.perf_counter()
    bare = Bare()
    async with bare.run_test(size=SIZE):
        await _until(lambda: True, _PAINTS, _PAINTS.count)
        bare_frame = time.perf_counter() - start
    start = time.perf_counter()
    app = new_app(catalog, config_dir=tempfile.mkdtemp())  # as so-explorer starts it
    async with app.run_test(size=SIZE):
        await _until(lambda: app.state.view is not None and len(app.state.model) > 0, _PAINTS, _PAINTS.count)
        frame = time.perf_counter() - start
        app.engine()  # let the background indexing end before the app closes
    return {"first_frame": frame, "first_frame_bare": bare_frame}


async def _bare_figures(quick: bool) -> dict:
    """The baseline: a bare Textual app with one empty OptionList (and an Input to type in)."""
    from textual.app import App, ComposeResult
    from textual.widgets import Input, OptionList

    class Bare(App):
        def compose(self) -> ComposeResult:
            yield Input()
            yield OptionList()

    paints = _PAINTS
    keys = []
    for _ in range(3):
        app = Bare()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            for char in "contact webhook"[: 6 if quick else None]:
                key = "space" if char == " " else char
                before = app.query_one(Input).value
                keys.append(await _timed_key(
                    app, key, lambda b=before, a=app: a.query_one(Input).value != b, paints))
    return {"keystroke_bare_p50": pct(keys, 0.5), "keystroke_bare_p95": pct(keys, 0.95)}


async def _app_figures(catalog, quick: bool) -> dict:
    from explorer.core.report import render, report_from_view
    from explorer.tui.launch import new_app
    from explorer.tui.widgets.grid import ComparisonGrid

    figures = await _bare_figures(quick)
    paints = _PAINTS
    start = time.perf_counter()
    app = new_app(catalog, config_dir=tempfile.mkdtemp())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # big catalogs are indexed for search in the background: measure typing once ready
        app.engine()  # waits for the background indexing
        figures["search_ready"] = time.perf_counter() - start
        # keystrokes: the query typed so far is in the view and the grid repainted
        times: list[float] = []
        for query in QUICK_QUERIES if quick else QUERIES:
            await pilot.press("/")
            typed = ""
            for char in query:
                typed += char
                key = "space" if char == " " else char
                times.append(await _timed_key(
                    app, key, lambda t=typed: app.query_text.split() == t.split(), paints))
            await pilot.press("escape", "escape")
            await pilot.pause()
        figures["keystroke_p50"], figures["keystroke_p95"] = pct(times, 0.5), pct(times, 0.95)
        figures["keystrokes"] = len(times)
        # filters and differences: the view has the new filters and the grid repainted
        toggles: list[float] = []

        def shown(app=app):
            view = app.state.view
            return view is not None and view.spec.filters == app.filters and view.spec.differences == app.differences

        for key in ("1", "2", "3", "4", "d") * (1 if quick else 2):
            for _ in range(2):  # on, then back
                before = (app.filters, app.differences)
                toggles.append(await _timed_key(
                    app, key, lambda b=before: (app.filters, app.differences) != b and shown(), paints))
        figures["toggle_p50"], figures["toggle_p95"] = pct(toggles, 0.5), pct(toggles, 0.95)
        # paging: each pagedown moves the cursor and the grid repaints
        grid = app.query_one(ComparisonGrid)
        pages: list[float] = []
        await pilot.press("home")
        await pilot.pause()
        for _ in range(20):  # small catalogs run out of pages: count the presses that moved
            if grid.cursor_row >= len(app.state.model) - 1:
                break
            before = (grid.cursor_row, grid.scroll_y)
            pages.append(await _timed_key(
                app, "pagedown", lambda b=before: (grid.cursor_row, grid.scroll_y) != b, paints))
        figures["pagedowns"] = len(pages)
        figures["pagedown_x20"] = statistics.mean(pages) * 20 if pages else float("nan")
        figures["rss_mb"] = _rss_mb()
        # export of the current view (the issue asks for 10k points; 100k takes minutes)
        view = app.state.view
        for fmt in ("md", "csv", "json", "html") if len(catalog.points) <= 10_000 else ():
            start = time.perf_counter()
            data = render(report_from_view(catalog, view, "2026-01-01T00:00:00Z"), fmt)
            with open(os.devnull, "wb") as sink:  # noqa: ASYNC230 - /dev/null never blocks
                sink.write(data)
            figures[f"export_{fmt}"] = time.perf_counter() - start
    return figures


def worker_warm(sources: list[str] | None, quick: bool) -> dict:
    from explorer.core.catalog import load_catalog

    start = time.perf_counter()
    catalog = load_catalog(sources)
    figures = {"load_warm": time.perf_counter() - start}
    figures.update(asyncio.run(_app_figures(catalog, quick)))
    return figures


# ----------------------------------------------------------------------------- parent
def run_worker(mode: str, size: str, work: Path, quick: bool) -> dict:
    env = dict(os.environ, SO_EXPLORER_CACHE_DIR=str(work / f"cache-{size}"))
    env.pop("NO_COLOR", None)
    cmd = [sys.executable, __file__, "--worker", mode, "--size", size, "--work", str(work)]
    if quick:
        cmd.append("--quick")
    result = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    if result.returncode != 0:
        raise SystemExit(f"{mode} worker for {size} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def ms(value: float) -> str:
    return f"{value * 1000:,.1f}"


def print_table(results: dict[str, dict]) -> None:
    sizes = list(results)
    rows = [
        ("points", lambda r: f"{r['points']:,}"),
        ("capability rows", lambda r: f"{r['rows']:,}"),
        ("load cold (ms)", lambda r: ms(r["load_cold"])),
        ("load warm (ms)", lambda r: ms(r["load_warm"])),
        ("first frame (ms)", lambda r: ms(r["first_frame"])),
        ("  bare app baseline (ms)", lambda r: ms(r["first_frame_bare"])),
        ("  ratio to baseline", lambda r: f"{r['first_frame'] / r['first_frame_bare']:.2f}×"),
        ("load warm + first frame (ms)", lambda r: ms(r["load_warm"] + r["first_frame"])),
        ("keystroke p50 (ms)", lambda r: ms(r["keystroke_p50"])),
        ("keystroke p95 (ms)", lambda r: ms(r["keystroke_p95"])),
        ("  bare app Input p50 (ms)", lambda r: ms(r["keystroke_bare_p50"])),
        ("  bare app Input p95 (ms)", lambda r: ms(r["keystroke_bare_p95"])),
        ("filter/differences p50 (ms)", lambda r: ms(r["toggle_p50"])),
        ("filter/differences p95 (ms)", lambda r: ms(r["toggle_p95"])),
        ("pagedown ×20 (ms)", lambda r: ms(r["pagedown_x20"]) + ("" if r["pagedowns"] == 20 else f" ({r['pagedowns']})")),
        ("  per pagedown (ms)", lambda r: ms(r["pagedown_x20"] / 20)),
        ("search index ready (ms)", lambda r: ms(r["search_ready"])),
        ("export md (ms)", lambda r: ms(r["export_md"]) if "export_md" in r else "—"),
        ("export csv (ms)", lambda r: ms(r["export_csv"]) if "export_csv" in r else "—"),
        ("export json (ms)", lambda r: ms(r["export_json"]) if "export_json" in r else "—"),
        ("export html (ms)", lambda r: ms(r["export_html"]) if "export_html" in r else "—"),
        ("peak RSS, cold parse (MB)", lambda r: f"{r['rss_cold_mb']:,.0f}"),
        ("peak RSS, app (MB)", lambda r: f"{r['rss_mb']:,.0f}"),
    ]
    width = max(len(name) for name, _ in rows)
    print(f"{'':{width}}  " + "  ".join(f"{s:>12}" for s in sizes))
    for name, get in rows:
        print(f"{name:{width}}  " + "  ".join(f"{get(results[s]):>12}" for s in sizes))
    if len(sizes) > 1 and sizes[0] != sizes[-1]:
        first, last = results[sizes[1] if sizes[0] == "bundled" and len(sizes) > 2 else sizes[0]], results[sizes[-1]]
        ratio = (last["pagedown_x20"] / first["pagedown_x20"]) if first["pagedown_x20"] else float("nan")
        print(f"\npagedown cost at {sizes[-1]} vs {sizes[1] if sizes[0] == 'bundled' and len(sizes) > 2 else sizes[0]}: {ratio:.2f}×")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="bundled,1000,10000,100000")
    parser.add_argument("--quick", action="store_true", help="tiny sizes and few keystrokes (CI smoke test)")
    parser.add_argument("--json", action="store_true", help="also print the raw figures as JSON")
    parser.add_argument("--worker", choices=("cold", "frame", "warm"), help=argparse.SUPPRESS)
    parser.add_argument("--size", help=argparse.SUPPRESS)
    parser.add_argument("--work", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        sources = catalog_file(args.size, Path(args.work))
        if args.worker == "cold":
            figures = worker_cold(sources)
        elif args.worker == "frame":
            from explorer.core.catalog import load_catalog

            figures = asyncio.run(_first_frames(load_catalog(sources)))
        else:
            figures = worker_warm(sources, args.quick)
        print(json.dumps(figures))
        return 0

    sizes = ["bundled", "200"] if args.quick else [s.strip() for s in args.sizes.split(",") if s.strip()]
    print(f"so-explorer app benchmark · python {sys.version.split()[0]} · {os.cpu_count()} cores · "
          f"{SIZE[0]}×{SIZE[1]} headless", flush=True)
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="so-explorer-bench-") as tmp:
        work = Path(tmp)
        for size in sizes:
            figures = run_worker("cold", size, work, args.quick)
            frames = [run_worker("frame", size, work, args.quick) for _ in range(1 if args.quick else 3)]
            for key in ("first_frame", "first_frame_bare"):
                figures[key] = statistics.median(f[key] for f in frames)
            figures.update(run_worker("warm", size, work, args.quick))
            results[size] = figures
            print(f"  measured {size}", file=sys.stderr, flush=True)
    print_table(results)
    if args.json:
        print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
