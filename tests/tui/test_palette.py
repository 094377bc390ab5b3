"""The command palette (ctrl+p): every app action with its key, platform jumps, Textual's theme."""

from __future__ import annotations

import yaml
from textual.command import CommandList, CommandPalette, Matcher

from explorer.core.filters import Filters
from explorer.core.settings import keys as km
from explorer.tui.app import ExplorerApp
from explorer.tui.commands import app_commands, highlight

ACTION_TITLES = [s.help for s in km.specs("app") if s.palette]


async def open_palette(pilot, query: str = "") -> list[str]:
    """Open the palette, type ``query``, and return the titles listed (first line of each)."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CommandPalette)
    if query:
        await pilot.press(*query)
    return await listed(pilot)


async def listed(pilot) -> list[str]:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    command_list = pilot.app.screen.query_one(CommandList)
    return [
        command_list.get_option_at_index(i).prompt.plain.split("\n")[0]
        for i in range(command_list.option_count)
    ]


def test_every_app_action_is_a_command(mini_catalog):
    app = ExplorerApp(mini_catalog)
    titles = [c.title for c in app_commands(app)]
    for title in ACTION_TITLES:
        assert title in titles
    for what in ("filter", "differ", "search", "platforms", "Bookmark", "bookmarks",
                 "Export", "doc link", "Copy", "keys", "Quit"):
        assert any(what in t for t in titles), what
    assert [t for t in titles if t.startswith("Jump to platform: ")] == [
        "Jump to platform: Alpha desktop", "Jump to platform: Beta web", "Jump to platform: Gamma services",
    ]


def test_commands_show_their_keys_and_state(mini_catalog):
    app = ExplorerApp(mini_catalog, filters=Filters.from_lists(["onsite"]))
    helps = {c.title: c.help.plain for c in app_commands(app)}
    assert helps["Toggle the cloud environment filter"] == "key 1 · now off"
    assert helps["Toggle the onsite environment filter"] == "key 2 · now on"
    assert helps["Quit so-explorer"] == "key q / ctrl+q"
    assert helps["Jump to platform: Beta web"] == "pane 2 of 3"


def test_highlight_never_parses_markup():
    matcher = Matcher("bold")
    content = highlight(matcher, "Jump to platform: [b]Bold[/b]")
    assert content.plain == "Jump to platform: [b]Bold[/b]"
    assert content.spans  # the matched letters are styled


async def test_palette_lists_every_action_when_opened(mini_catalog, tmp_config):
    app = ExplorerApp(mini_catalog)
    async with app.run_test(size=(120, 40)) as pilot:
        titles = await open_palette(pilot)
        for title in ACTION_TITLES:
            assert title in titles
        assert "Theme" in titles  # Textual's theme picker stays


async def test_running_a_command_from_the_palette(mini_catalog, tmp_config):
    app = ExplorerApp(mini_catalog)
    async with app.run_test(size=(120, 40)) as pilot:
        titles = await open_palette(pilot, "only rows where")
        assert titles[0] == "Show only rows where the platforms differ"
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, CommandPalette)
        assert app.differences is True

        await open_palette(pilot, "toggle the cloud")
        await pilot.press("enter")
        await pilot.pause()
        assert "cloud" not in app.filters.environments


async def test_help_and_chooser_open_from_the_palette(mini_catalog, tmp_config):
    from explorer.tui.screens.help import HelpScreen
    from explorer.tui.screens.platforms import PlatformScreen

    app = ExplorerApp(mini_catalog)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_palette(pilot, "show the keys, filters")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await open_palette(pilot, "choose and order")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlatformScreen)


async def test_jump_to_platform(mini_catalog, tmp_config):
    app = ExplorerApp(mini_catalog)
    async with app.run_test(size=(120, 40)) as pilot:
        titles = await open_palette(pilot, "jump gamma")
        assert titles[0] == "Jump to platform: Gamma services"
        await pilot.press("enter")
        await pilot.pause()
        assert app.grid.current_platform == "gamma"
        assert app.focused is app.grid


async def test_jump_to_a_hidden_platform_shows_its_pane(mini_catalog, tmp_config):
    app = ExplorerApp(mini_catalog, platforms=("alpha",), explicit_platforms=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_palette(pilot, "jump beta")
        await pilot.press("enter")
        await pilot.pause()
        assert app.platforms == ("alpha", "beta")
        assert app.grid.current_platform == "beta"


async def test_palette_commands_follow_a_remapped_key(mini_catalog, tmp_config):
    (tmp_config / "config.yaml").write_text("keymap: {toggle-cloud: c}\n")
    app = ExplorerApp(mini_catalog)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        helps = {c.title: c.help.plain for c in app_commands(app)}
        assert helps["Toggle the cloud environment filter"].startswith("key c ")


async def test_save_filters_as_default_from_the_palette(mini_catalog, tmp_config):
    app = ExplorerApp(mini_catalog)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("1", "4")  # cloud off, web off
        await open_palette(pilot, "save the current filters")
        await pilot.press("enter")
        await pilot.pause()
    data = yaml.safe_load((tmp_config / "config.yaml").read_text())
    assert data["filters"] == {"environments": ["onsite"], "clients": ["win"]}
    app = ExplorerApp(mini_catalog)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.filters == Filters.from_lists(["onsite"], ["win"])


async def test_theme_command_changes_and_saves_the_theme(mini_catalog, tmp_config):
    app = ExplorerApp(mini_catalog)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_palette(pilot, "theme")
        await pilot.press("enter")  # Textual's "Theme" command opens the theme picker
        await pilot.pause()
        titles = await listed(pilot)
        assert "nord" in titles
        await pilot.press(*"nord")
        await listed(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "nord"
    assert yaml.safe_load((tmp_config / "config.yaml").read_text())["theme"] == "nord"
