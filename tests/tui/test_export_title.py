"""The export dialog's title field (issue 13 item 19): the report's heading, plain text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import Input

from explorer.tui.app import ExplorerApp
from explorer.tui.screens.export import ExportScreen
from tests.tui.test_export import dialog, finish, open_dialog, set_path


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tmp_config: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")


async def test_the_title_becomes_the_heading(mini_catalog, tmp_path):
    app = ExplorerApp(mini_catalog)
    async with app.run_test(size=(110, 36)) as pilot:
        screen = await open_dialog(pilot)
        field = screen.query_one("#export-title", Input)
        assert field.value == "" and "Mini test catalog" in field.placeholder
        await pilot.press("tab", "tab")  # format → scope → title
        assert app.focused is field
        await pilot.press(*"Acme [b]offer[/b] | <i>")
        await pilot.press("enter")  # on to the file field, not exported yet
        assert isinstance(app.screen, ExportScreen) and app.focused is screen.path_input
        await set_path(pilot, "acme.md")
        await pilot.press("enter")
        await finish(pilot)
        assert not isinstance(app.screen, ExportScreen)
    first = (tmp_path / "acme.md").read_text().split("\n")[0]
    assert first == "# Acme \\[b\\]offer\\[/b\\] \\| \\<i\\>"


async def test_no_title_keeps_the_default_heading_and_json_says_it(mini_catalog, tmp_path):
    app = ExplorerApp(mini_catalog)
    async with app.run_test(size=(110, 36)) as pilot:
        await open_dialog(pilot)
        await set_path(pilot, "r.json")
        await pilot.press("ctrl+s")
        await finish(pilot)
    assert json.loads((tmp_path / "r.json").read_text())["title"] == "Integration comparison: Mini test catalog"


async def test_every_field_and_button_fits_at_80x24(mini_catalog):
    app = ExplorerApp(mini_catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_dialog(pilot)
        screen_region = app.screen.region
        for selector in ("#export-format", "#export-scope", "#export-title", "#export-path",
                         "#export-write", "#export-cancel"):
            region = screen.query_one(selector).region
            assert region.height and screen_region.contains_region(region), (selector, region)
        assert dialog(app) is screen
