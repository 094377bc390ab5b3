"""Hostile catalog text shows literally, runs nothing, writes nothing, crashes nothing."""

from __future__ import annotations

import re
import webbrowser

import pytest

from explorer.tui.widgets.detail import DetailPanel
from explorer.tui.widgets.grid import ComparisonGrid
from explorer.tui.widgets.pane_headers import PaneHeaders
from tests.catalogs import load_fixture

ESC = "\x1b"


@pytest.fixture(scope="module")
def hostile():
    return load_fixture("hostile_tui.yaml")


def screen_text(app) -> str:
    grid = app.query_one(ComparisonGrid).visible_lines()
    head = app.query_one(PaneHeaders).visible_lines()
    return "\n".join(head + grid)


async def test_markup_in_names_shows_literally(make_app, hostile):
    app = make_app(hostile)
    async with app.run_test(size=(200, 45)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "▸ [i]A" in text  # the pane header shows the short name
        assert "Alpha [b]bold[/b]" in app.query_one("#detail").plain  # the detail panel the full one
        assert "[b]bold[/b] [@click=app.quit]x[/] [link=javascript:x]y[/link] unclosed [" in text
        assert "[b]Markup[/b] row" in text  # the capability gutter
        assert "[dim]one" in text and "[/]two" in text and "three [" in text
        assert "⚠ deprecated from [b]9" in text
        assert ESC not in text and "\x07" not in text
        # The title keeps its brackets too.
        assert "Hostile [b]catalog[/b] [@click=app.quit]x[/]" in str(app.query_one("#title").render())
        svg = app.export_screenshot()
        assert "[b]bold[/b]" in svg.replace("&#160;", " ")
        assert app.is_running


async def test_detail_panel_shows_hostile_text_literally(make_app, hostile):
    app = make_app(hostile)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        detail = app.query_one(DetailPanel).plain
        assert detail.startswith("[b]bold[/b] [@click=app.quit]x[/]")
        assert "Summary with ANSI and OSC 52 and bell bs" in detail
        assert "[red]careful[/red]" in detail
        assert "[b]HTML" in detail and "[b]note[/b]" in detail
        assert "https://example.com/doc?q=[b]" in detail
        assert ESC not in detail
        await pilot.press("l")  # beta: not available, with a hostile note
        detail = app.query_one(DetailPanel).plain
        assert "[b]no[/b]" in detail and ESC not in detail
        await pilot.press("enter", "pagedown", "escape")
        assert app.is_running


async def test_clicks_and_keys_on_hostile_cells_run_nothing(make_app, hostile, monkeypatch):
    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url) or True)
    app = make_app(hostile)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        grid = app.query_one(ComparisonGrid)
        column = grid.geometry.columns[0]
        # Click right on the "[@click=app.quit]x[/]" text: it is not an action.
        for dx in range(0, min(column.width, 40), 3):
            await pilot.click(ComparisonGrid, offset=(column.x + dx, 0))
        await pilot.click(PaneHeaders, offset=(column.x + 3, 0))
        assert app.is_running
        await pilot.press("y")
        assert ESC not in app.clipboard and "\x07" not in app.clipboard
        assert app.clipboard.startswith("[b]bold[/b] [@click=app.quit]x[/]")
        await pilot.press("o")
        await app.workers.wait_for_complete()
        assert opened == ["https://example.com/doc?q=[b]"]
        await pilot.press("j", "j", "l", "j", "G", "g", "d", "1", "2", "3", "4")
        assert app.is_running


async def test_search_over_hostile_text(make_app, hostile):
    app = make_app(hostile)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("slash", *"[b]")
        await pilot.pause()
        assert app.query_one("#search").value == "[b]"
        assert app.view.rows  # brackets are searched as text
        text = screen_text(app)
        assert "[b]" in text
        await pilot.press("escape", "escape")
        assert app.is_running


async def test_wide_characters_keep_columns_aligned(make_app, hostile):
    app = make_app(hostile)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        grid = app.query_one(ComparisonGrid)
        separator_x = grid.geometry.columns[0].x + grid.geometry.columns[0].width
        from rich.cells import cell_len

        for y in range(grid.model.total):
            line = grid.render_line(y).text
            assert cell_len(line) == grid.scrollable_content_region.width
            # The separator sits at the same cell column on every line.
            prefix = ""
            for ch in line:
                if cell_len(prefix) >= separator_x:
                    break
                prefix += ch
            assert line[len(prefix)] == "│", (y, line)
        assert re.search("宽字符", "\n".join(grid.visible_lines()))
