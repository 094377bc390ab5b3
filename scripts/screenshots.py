"""Regenerate the README screenshots (``screenshots/*.svg``) from the real app.

Each scene starts a fresh :class:`~explorer.tui.app.ExplorerApp` on the bundled catalog at
160×45 with an empty temporary config folder (so your own config never leaks in), drives it
with keys, and saves an SVG. ``--png`` also writes PNGs when ``rsvg-convert`` is installed
(handy to look at them without a browser).

    python scripts/screenshots.py                  # all scenes into screenshots/
    python scripts/screenshots.py --only detail --png
    python scripts/screenshots.py --catalog tests/fixtures/mini.yaml --out /tmp/shots
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from explorer.core.catalog import CatalogError, load_catalog
from explorer.core.model import Catalog

SIZE = (160, 45)


@dataclass(frozen=True)
class Scene:
    name: str
    what: str
    keys: tuple[str, ...] = ()
    query: str = ""


SCENES: tuple[Scene, ...] = (
    Scene("overview", "every platform side by side"),
    Scene("filters", "cloud only (2 turns onsite off)", keys=("2",)),
    Scene("differences", "only rows where the platforms differ (d)", keys=("d",)),
    Scene("search", "fuzzy search with a typo: 'webhok'", keys=("slash", *"webhok")),
    Scene("detail", "a highlighted cell and its detail panel", keys=("slash", *"web panel", "enter", "l")),
    Scene("platforms", "the platform chooser (p): one platform moved up, one hidden",
          keys=("p", "down", "shift+up", "end", "space", "up")),
    Scene("help", "the ? help screen", keys=("question_mark",)),
    Scene("recommend", "w: CRM Online customer on the web client, needs events and ui",
          keys=("w", "2", "3", "e", "u")),
)


async def shoot(catalog: Catalog, scene: Scene, out: Path, config_dir: Path) -> Path:
    from explorer.tui.app import ExplorerApp

    app = ExplorerApp(catalog, config_dir=config_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.search_input.cursor_blink = False
        for key in scene.keys:
            await pilot.press(key)
        await app.workers.wait_for_complete()
        await pilot.pause()
        for widget in app.screen.query("Input"):
            widget.cursor_blink = False  # the palette's and dialogs' inputs too
        await pilot.pause()
        app.save_screenshot(f"{scene.name}.svg", str(out))
    return out / f"{scene.name}.svg"


def to_png(svg: Path) -> Path | None:
    """SVG → PNG with rsvg-convert (spaces preserved: rsvg drops leading &#160; otherwise)."""
    tool = shutil.which("rsvg-convert")
    if tool is None:
        return None
    png = svg.with_suffix(".png")
    text = svg.read_text(encoding="utf-8").replace("<svg ", '<svg xml:space="preserve" ', 1)
    with tempfile.NamedTemporaryFile("w", suffix=".svg", delete=False, encoding="utf-8") as tmp:
        tmp.write(text)
    try:
        subprocess.run([tool, "-o", str(png), tmp.name], check=True)
    finally:
        os.unlink(tmp.name)
    return png


async def run(catalog: Catalog, scenes: list[Scene], out: Path, png: bool) -> list[Path]:
    written: list[Path] = []
    for scene in scenes:
        with tempfile.TemporaryDirectory(prefix="so-explorer-shots-") as config_dir:
            svg = await shoot(catalog, scene, out, Path(config_dir))
        written.append(svg)
        print(f"{svg}  ({scene.what})")
        if png:
            made = to_png(svg)
            if made is None:
                print("  rsvg-convert not found: no PNG", file=sys.stderr)
            else:
                written.append(made)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=str(ROOT / "screenshots"), help="folder for the SVGs (default: screenshots/)")
    parser.add_argument("--catalog", action="append", metavar="PATH", help="catalog to show (default: bundled)")
    parser.add_argument("--only", action="append", choices=[s.name for s in SCENES], help="scene(s) to shoot")
    parser.add_argument("--png", action="store_true", help="also write PNGs (needs rsvg-convert)")
    args = parser.parse_args(argv)

    for var in ("NO_COLOR", "TEXTUAL_THEME"):  # the same colours on every machine
        os.environ.pop(var, None)
    try:
        catalog = load_catalog(args.catalog)
    except CatalogError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 2
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    scenes = [s for s in SCENES if not args.only or s.name in args.only]
    asyncio.run(run(catalog, scenes, out, args.png))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
