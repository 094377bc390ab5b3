"""The ``p`` platform chooser: toggle, reorder, apply, save as default, cancel, refuse empty."""

from __future__ import annotations

import yaml
from textual.widgets import SelectionList, Static

from explorer.core.model import Platform
from explorer.tui.app import ExplorerApp
from explorer.tui.screens.platforms import (
    PlatformScreen,
    initial_order,
    platform_prompt,
)


def chooser(app) -> PlatformScreen:
    assert isinstance(app.screen, PlatformScreen)
    return app.screen


def rows(app) -> list[tuple[str, bool]]:
    """(platform id, checked) in list order."""
    screen = chooser(app)
    selected = set(screen.selection.selected)
    return [(pid, pid in selected) for pid in screen.order()]


def message(app) -> str:
    return str(app.screen.query_one("#chooser-message", Static).content)


async def open_chooser(pilot):
    await pilot.press("p")
    await pilot.pause()
    return chooser(pilot.app)


def test_initial_order_puts_shown_platforms_first(mini_catalog):
    order = initial_order(mini_catalog.platforms, ["gamma", "alpha"])
    assert [(p.id, on) for p, on in order] == [("gamma", True), ("alpha", True), ("beta", False)]


def test_prompt_is_plain_text_never_markup():
    platform = Platform(
        id="x", name="[b]Bold[/b] [@click=app.quit]x[/]", short_name="x", summary="",
        environments=("cloud",), clients=("web",), authentication="",
    )
    assert platform_prompt(platform).plain.startswith("[b]Bold[/b] [@click=app.quit]x[/]  cloud · web")


async def test_p_lists_every_platform_checked_in_order(mini_catalog, tmp_config):
    app = ExplorerApp(mini_catalog)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_chooser(pilot)
        assert rows(app) == [("alpha", True), ("beta", True), ("gamma", True)]
        assert screen.focused is screen.selection
        keys = str(screen.query_one("#chooser-keys", Static).content)
        assert "space show/hide" in keys and "enter apply" in keys and "s save as default" in keys


async def test_toggle_and_apply(mini_catalog, tmp_config):
    app = ExplorerApp(mini_catalog)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_chooser(pilot)
        await pilot.press("down", "space")  # hide beta
        await pilot.pause()
        assert rows(app) == [("alpha", True), ("beta", False), ("gamma", True)]
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, PlatformScreen)
        assert app.platforms == ("alpha", "gamma")
        assert [p.id for p in app.view.comparison.platforms] == ["alpha", "gamma"]
        assert not (tmp_config / "config.yaml").exists()  # enter applies to this session only


async def test_reorder_with_shift_arrows_and_brackets(mini_catalog, tmp_config):
    app = ExplorerApp(mini_catalog)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_chooser(pilot)
        await pilot.press("shift+down", "shift+down")  # alpha to the end
        await pilot.pause()
        assert screen.order() == ["beta", "gamma", "alpha"]
        assert screen.selection.highlighted == 2
        assert "position 3" in message(app)
        await pilot.press("left_square_bracket")  # alpha back up one
        await pilot.pause()
        assert screen.order() == ["beta", "alpha", "gamma"]
        await pilot.press("up", "shift+up", "shift+up")  # beta already first: stays
        await pilot.pause()
        assert screen.order() == ["beta", "alpha", "gamma"]
        await pilot.press("enter")
        await pilot.pause()
        assert app.platforms == ("beta", "alpha", "gamma")


async def test_reorder_keeps_unchecked_state_and_hidden_platforms_can_come_back(mini_catalog, tmp_config):
    app = ExplorerApp(mini_catalog, platforms=("gamma",), explicit_platforms=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_chooser(pilot)
        assert rows(app) == [("gamma", True), ("alpha", False), ("beta", False)]
        await pilot.press("end", "space", "shift+up", "shift+up")  # show beta, move it first
        await pilot.pause()
        assert rows(app) == [("beta", True), ("gamma", True), ("alpha", False)]
        await pilot.press("enter")
        await pilot.pause()
        assert app.platforms == ("beta", "gamma")


async def test_escape_cancels(mini_catalog, tmp_config):
    app = ExplorerApp(mini_catalog)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_chooser(pilot)
        await pilot.press("space", "shift+down", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, PlatformScreen)
        assert app.platforms == ("alpha", "beta", "gamma")


async def test_refuses_to_hide_every_platform(mini_catalog, tmp_config):
    app = ExplorerApp(mini_catalog)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_chooser(pilot)
        await pilot.press("space", "down", "space", "down", "space", "enter")
        await pilot.pause()
        assert app.screen is screen  # still open
        assert "at least one platform" in message(app)
        assert screen.query_one("#chooser-message").has_class("-warning")
        await pilot.press("s")
        await pilot.pause()
        assert app.screen is screen and not (tmp_config / "config.yaml").exists()
        await pilot.press("space", "enter")  # gamma back on
        await pilot.pause()
        assert app.platforms == ("gamma",)


async def test_s_applies_and_saves_as_default(mini_catalog, tmp_config):
    config = tmp_config / "config.yaml"
    config.write_text("# mine\ntheme: nord\n")
    app = ExplorerApp(mini_catalog)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_chooser(pilot)
        await pilot.press("space", "shift+down", "s")  # hide alpha, move it below beta
        await pilot.pause()
        assert app.platforms == ("beta", "gamma")
        assert any("Default platforms saved" in n.message for n in app._notifications)
    text = config.read_text()
    assert text.startswith("# mine\n")
    assert yaml.safe_load(text) == {"version": 1, "theme": "nord", "platforms": ["beta", "gamma"]}
    # the next start uses them
    app = ExplorerApp(mini_catalog)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.platforms == ("beta", "gamma")


async def test_clicking_a_platform_toggles_it(mini_catalog, tmp_config):
    app = ExplorerApp(mini_catalog)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_chooser(pilot)
        sl = screen.query_one(SelectionList)
        await pilot.click(sl, offset=(4, 1))
        await pilot.pause()
        assert rows(app)[1] == ("beta", False)


async def test_chooser_at_small_sizes(mini_catalog, tmp_config):
    app = ExplorerApp(mini_catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_chooser(pilot)
        region = screen.query_one("#chooser").region
        assert region.right <= 80 and region.bottom <= 24
        for size in [(40, 10), (30, 8), (160, 45)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running and app.platforms == ("alpha", "beta", "gamma")
