"""The key map (data, remapping, docs) and the ``?`` help screen."""

from __future__ import annotations

import pytest
from textual.containers import VerticalScroll
from textual.widgets import Static

from explorer.core.settings import keys as km
from explorer.tui.app import ExplorerApp
from explorer.tui.screens.bookmarks import BookmarksScreen
from explorer.tui.screens.dialogs import ConfirmDialog, TextDialog
from explorer.tui.screens.export import ExportScreen
from explorer.tui.screens.help import CELL_MARKS, FILTER_RULE, HelpScreen, help_content
from explorer.tui.screens.platforms import PlatformScreen
from explorer.tui.screens.recommend import RecommendScreen
from explorer.tui.widgets.detail import DetailPanel
from explorer.tui.widgets.grid import ComparisonGrid
from explorer.tui.widgets.search_bar import SearchInput

#: Which class carries the actions of each scope.
SCOPE_CLASSES = {
    "app": ExplorerApp,
    "grid": ComparisonGrid,
    "search": SearchInput,
    "detail": DetailPanel,
    "help": HelpScreen,
    "platforms": PlatformScreen,
    "bookmarks": BookmarksScreen,
    "text": TextDialog,
    "confirm": ConfirmDialog,
    "export": ExportScreen,
    "recommend": RecommendScreen,
}


@pytest.mark.parametrize("spec", km.KEYMAP, ids=lambda s: s.id)
def test_every_binding_has_an_action_method(spec):
    name = spec.action.split("(")[0]
    cls = SCOPE_CLASSES[spec.scope]
    assert hasattr(cls, f"action_{name}"), f"{cls.__name__} has no action_{name} for {spec.id}"


def test_every_scope_is_bound_by_its_class_from_the_table():
    for scope, cls in SCOPE_CLASSES.items():
        own = next(c for c in cls.__mro__ if "BINDINGS" in c.__dict__ and c.__module__.startswith("explorer"))
        declared = [b.id for b in own.__dict__["BINDINGS"]]
        assert declared == [s.id for s in km.specs(scope)], scope


# --- help text ----------------------------------------------------------------------------


def test_help_content_lists_keys_rule_and_marks():
    text = help_content(width=100).plain
    for spec in km.KEYMAP:
        assert spec.help in text
        assert spec.id in text  # wide enough for the ids column
    assert FILTER_RULE in text.replace("\n  ", " ")
    for mark, meaning, _ in CELL_MARKS:
        assert f"{mark}  {meaning}" in text


def test_help_content_leaves_ids_out_when_narrow():
    text = help_content(width=70).plain
    assert "toggle-cloud" not in text
    assert "Toggle the cloud environment filter" in text


def test_help_content_shows_remapped_keys():
    lines = help_content(km.effective_keys({"toggle-cloud": "c,f5"}), width=100).plain.splitlines()
    line = next(ln for ln in lines if "Toggle the cloud environment filter" in ln)
    assert line.split()[0:3] == ["c", "/", "f5"]


# --- the help screen in the app -----------------------------------------------------------


def help_text(app) -> str:
    return str(app.screen.query_one("#help-text", Static).content)


@pytest.mark.parametrize("close_key", ["escape", "q", "question_mark"])
async def test_question_mark_opens_help_and_key_closes_it(mini_catalog, tmp_config, close_key):
    app = ExplorerApp(mini_catalog)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = help_text(app)
        assert "Toggle the cloud environment filter" in text and "? " in text
        assert "unknown" in text and "filtered" in text
        await pilot.press(close_key)
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        assert app.is_running  # q closes the help, it does not quit


async def test_help_keys_do_not_reach_the_main_screen(mini_catalog, tmp_config):
    app = ExplorerApp(mini_catalog)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.press("1", "d")
        await pilot.pause()
        assert app.filters.is_default and not app.differences
        assert isinstance(app.screen, HelpScreen)


async def test_help_scrolls_at_80x24(mini_catalog, tmp_config):
    app = ExplorerApp(mini_catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        scroll = app.screen.query_one("#help-scroll", VerticalScroll)
        assert scroll.region.width <= 80 and scroll.region.height <= 24
        assert scroll.max_scroll_y > 0
        assert app.screen.focused is scroll
        await pilot.press("end")
        await pilot.pause()
        assert scroll.scroll_y == scroll.max_scroll_y
        assert "toggle-cloud" not in help_text(app)  # no ids column at 80 columns


async def test_help_shows_remapped_keys_from_config(mini_catalog, tmp_config):
    (tmp_config / "config.yaml").write_text("keymap:\n  help: f1\n  toggle-cloud: c\n")
    app = ExplorerApp(mini_catalog)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        lines = help_text(app).splitlines()
        assert next(ln for ln in lines if "cloud environment" in ln).split()[0] == "c"
        assert next(ln for ln in lines if "Show the keys" in ln).split()[0] == "f1"
        assert str(tmp_config / "config.yaml") in help_text(app)


async def test_help_survives_resizing(mini_catalog, tmp_config):
    app = ExplorerApp(mini_catalog)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        for size in [(40, 10), (80, 24), (160, 45), (30, 8)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running
