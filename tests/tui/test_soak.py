"""A soak test: thousands of seeded random key presses across every screen of the app, with
no exception and the app still answering at the end."""

from __future__ import annotations

import random

import pytest

from explorer.core.settings import keys as key_table
from explorer.tui.app import ExplorerApp

PRESSES = 2000
SEED = 20261202
#: Each episode starts on the main screen, opens one of these, then presses random keys.
OPENERS = ("question_mark", "p", "B", "x", "ctrl+p", "slash", "enter", "d", "w")
EPISODE = 25
#: Keys that end the app (they are pressed, but recorded rather than obeyed).
QUIT_KEYS = {"q", "ctrl+q", "ctrl+c"}


def key_pool() -> list[str]:
    keys = {k.strip() for spec in key_table.KEYMAP for k in spec.keys.split(",") if k.strip()}
    keys |= set("abcdefxyz019") | {"escape", "enter", "tab", "space", "backspace", "up", "down", "pagedown"}
    return sorted(keys)


@pytest.mark.slow
async def test_random_keys_everywhere_never_break_the_app(make_app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # exports and screenshots land here
    monkeypatch.setattr("webbrowser.open", lambda url: True)
    app: ExplorerApp = make_app()
    quits: list[str] = []
    monkeypatch.setattr(app, "exit", lambda *a, **k: quits.append("exit"))
    rng = random.Random(SEED)
    pool = key_pool()
    screens: set[str] = set()
    async def home() -> None:
        while len(app.screen_stack) > 1:  # back to the main screen
            app.pop_screen()
            await pilot.pause()
        app.set_focus(app.grid)

    pressed = 0
    async with app.run_test(size=(80, 24)) as pilot:
        while pressed < PRESSES:
            await home()
            keys = [OPENERS[(pressed // EPISODE) % len(OPENERS)]] + rng.choices(pool, k=EPISODE - 1)
            for key in keys:
                await pilot.press(key)
                screens.add(type(app.screen).__name__)
            pressed += len(keys)
        await pilot.pause()
        assert app.is_running
        await home()
        before = app.filters.is_on("cloud")
        await pilot.press("1")
        await pilot.pause()
        assert app.filters.is_on("cloud") != before  # it still answers
    assert {"Screen", "HelpScreen", "PlatformScreen", "BookmarksScreen", "ExportScreen", "CommandPalette",
            "RecommendScreen", "RecommendExportScreen"} <= screens
    assert not quits or quits == ["exit"] * len(quits)
