"""Main-screen polish: pane headers that fit their columns, the key bar, the gutter, the
detail panel's first line, theme changes, and the title line at small widths."""

from __future__ import annotations

import pytest
from rich.text import Text

from explorer.tui.render.geometry import gutter_lines
from explorer.tui.render.header_text import body_lines_needed, fit_body
from explorer.tui.screens.help import HelpScreen
from explorer.tui.widgets.detail import DetailPanel
from explorer.tui.widgets.grid import ComparisonGrid
from explorer.tui.widgets.key_bar import KeyBar
from explorer.tui.widgets.pane_headers import PaneHeaders
from tests.catalogs import load_fixture


@pytest.fixture(scope="module")
def five():
    """Five platforms with the bundled catalog's header data (tests/fixtures/five_panes.yaml)."""
    return load_fixture("five_panes.yaml")


def pane_columns(app) -> list[list[str]]:
    """Each pane's header lines as a user reads them (the gutter column left out)."""
    headers = app.query_one(PaneHeaders)
    lines = headers.visible_lines()
    skip = 1 if headers.geometry.gutter else 0
    panes = len(headers.geometry.columns)
    columns: list[list[str]] = [[] for _ in range(panes)]
    for line in lines:
        cells = line.split("│")[skip:]
        for index in range(panes):
            columns[index].append(cells[index].strip() if index < len(cells) else "")
    return columns


def bar(app) -> str:
    return app.query_one(KeyBar).plain


# ------------------------------------------------------------------ pane headers
async def test_headers_read_fully_at_160(make_app, five):
    app = make_app(five)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        windows, web, online, service, core = pane_columns(app)
        every = [line for column in pane_columns(app) for line in column]
        assert not any("…" in line for line in every), every
        assert "onsite · win · 1989" in windows and "⚠ discontinued from 9" in windows
        assert "onsite · web · 2007" in web and "⚠ deprecated from 10" in web
        assert "cloud · web" in online
        assert "⚠ discont. Online 10" in service
        assert "cloud+onsite · win+web" in core and "⚠ phase-out from 12" in core
        assert windows[-1] == "2 of 2 shown" and core[-1] == "2 of 2 shown"
        assert app.query_one(PaneHeaders).size.height == 4  # no extra line needed


async def test_headers_wrap_onto_a_fifth_line_at_120(make_app, five):
    app = make_app(five)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        headers = app.query_one(PaneHeaders)
        assert headers.has_class("-tall") and headers.size.height == 5
        windows, web, _online, service, core = pane_columns(app)
        every = [line for column in pane_columns(app) for line in column]
        assert not any("…" in line for line in every), every
        assert windows[1:4] == ["onsite · win", "since 1989", "⚠ discontinued from 9"]
        assert "⚠ deprecated from 10" in web
        assert service[1:4] == ["cloud + onsite · web", "⚠ discontinued", "from Online 10"]
        assert core[1:4] == ["cloud + onsite", "win + web", "⚠ phase-out from 12"]
        assert [column[-1] for column in pane_columns(app)] == [
            "2 of 2 shown", "4 of 4 shown", "3 of 3 shown", "2 of 2 shown", "2 of 2 shown"]


async def test_headers_at_80_columns(make_app, five):
    app = make_app(five)
    async with app.run_test(size=(80, 24)) as pilot:  # short: name and count only
        await pilot.pause()
        columns = pane_columns(app)
        assert [c[0].lstrip("▸ ") for c in columns] == ["Windows", "Web onsite", "CRM Online", "Service", "NetServer"]
        assert [c[1] for c in columns] == ["2 of 2 shown", "4 of 4 shown", "3 of 3 shown", "2 of 2 shown", "2 of 2 shown"]
        await pilot.resize_terminal(80, 40)  # tall enough for the body lines: compact forms
        await pilot.pause()
        windows, _web, _online, _service, core = pane_columns(app)
        assert windows[1:4] == ["onsite · win", "since 1989", "⚠ discont. v9"]
        assert core[1:4] == ["cloud+onsite", "win+web", "⚠ phase-out"]


async def test_dimmed_reason_fits_the_column(make_app, five):
    app = make_app(five)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("2")  # onsite off: Windows and Web onsite are dimmed
        windows, web, *_ = pane_columns(app)
        assert windows[-1] == "– onsite only" and web[-1] == "– onsite only"
    app = make_app()  # three panes: wide columns have room for the whole reason
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("2")
        alpha, *_ = pane_columns(app)
        assert alpha[-1] == "– onsite only — filtered out"


def test_fit_body_prefers_full_text_then_compact_then_lines(five):
    desk = five.platform("desk")
    assert fit_body(desk, 40, 2).lines == ("onsite · win · since 1989", "⚠ discontinued from 9")
    assert fit_body(desk, 27, 2).lines == ("onsite · win · since 1989", "⚠ discontinued from 9")
    assert fit_body(desk, 24, 2).lines == ("onsite · win · 1989", "⚠ discontinued from 9")
    assert not any("+" in line for w in range(12, 60) for line in fit_body(desk, w, 3).lines)  # no "+1"
    assert fit_body(desk, 20, 3).lines == ("onsite · win", "since 1989", "⚠ discontinued v9")
    assert fit_body(desk, 20, 2).cut  # two lines cannot hold it at 20: something is cut off
    widths = [20] * 5
    assert body_lines_needed(five.platforms, widths, (2, 3)) == 3
    assert body_lines_needed(five.platforms, [40] * 5, (2, 3)) == 2


# ---------------------------------------------------------------------- key bar
@pytest.mark.parametrize("width", [160, 120, 100, 80, 60])
async def test_key_bar_fits_and_ends_with_help_and_palette(make_app, width):
    app = make_app()
    async with app.run_test(size=(width, 30)) as pilot:
        await pilot.pause()
        text = bar(app)
        assert len(text) <= width
        assert text.rstrip().endswith("? help  ^p palette")
        assert "/ search" in text and "1-4 filters" in text
        if width >= 120:
            assert "x export" in text and "q quit" in text
        if width >= 160:
            assert "d differences" in text and "B bookmarks" in text and "y copy" in text
        else:
            assert "d diff" in text


async def test_key_bar_follows_the_focus(make_app):
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        text = bar(app)
        assert "esc clear" in text and "enter best match" in text and "↓ grid" in text
        assert "? help" not in text  # "?" types into the search bar
        assert "^q quit" in text and text.rstrip().endswith("^p palette")
        await pilot.press(*"web", "enter")  # jump to the best match: back in the grid
        await pilot.pause()
        assert "n/N match" in bar(app)
        await pilot.press("enter")  # the detail panel
        await pilot.pause()
        assert isinstance(app.focused, DetailPanel)
        assert bar(app).startswith(" esc back")
        await pilot.press("escape", "escape")  # back to the grid; escape clears the search
        await pilot.pause()
        assert bar(app).startswith(" / search") and "n/N match" not in bar(app)


async def test_key_bar_shows_remapped_keys(make_app, tmp_config):
    (tmp_config / "config.yaml").write_text(
        "keymap:\n  help: f1\n  toggle-cloud: c\n  export: ctrl+e\n", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.pause()
        text = bar(app)
        assert "f1 help" in text and "c/2/3/4 filters" in text and "^e export" in text
        assert "? help" not in text


async def test_key_bar_click_runs_the_action(make_app):
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        key_bar = app.query_one(KeyBar)
        search = next(p for p in key_bar.placed if p.label == "search")
        await pilot.click(KeyBar, offset=(search.x, 0))
        assert app.focused is app.search_input
        await pilot.press("escape")  # back to the grid
        await pilot.pause()
        help_key = next(p for p in key_bar.placed if p.label == "help")
        await pilot.click(KeyBar, offset=(help_key.x + 2, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


# ------------------------------------------------------- gutter, detail, title
def test_gutter_lines_wrap_at_words_and_keep_the_rest_on_the_last_line():
    assert gutter_lines("Server-side and in-process scripting hooks", 18, 3) == (
        "Server-side and", "in-process", "scripting hooks")
    assert gutter_lines("COM automation API", 13, 1) == ("COM automation API",)  # cut when drawn
    assert gutter_lines("Short", 13, 3) == ("Short",)
    assert gutter_lines("a b c d e f g", 3, 2) == ("a b", "c d e f g")


async def test_gutter_uses_the_lines_of_a_tall_row(make_app, five):
    app = make_app(five)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        lines = app.query_one(ComparisonGrid).visible_lines()
        gutter = [line.split("│")[0].strip() for line in lines[1:4]]
        assert gutter == ["Server-side and in-process event", "handlers", ""]


@pytest.mark.parametrize(("size", "gutter"), [((160, 45), 34), ((120, 35), 0), ((80, 24), 0)])
async def test_the_gutter_takes_room_only_where_there_is_room(make_app, five, size, gutter):
    app = make_app(five)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert app.grid.geometry.gutter == gutter


async def test_few_panes_give_the_gutter_the_whole_label(make_app, five):
    """Two panes at 160 columns, or at 80: labels are not cut."""
    app = make_app(five, platforms=("desk", "core"))
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        labels = [line.split("│")[0].strip() for line in app.grid.visible_lines()]
        assert "Server-side and in-process event handlers" in labels
        await pilot.resize_terminal(80, 30)
        await pilot.pause()
        assert app.grid.geometry.gutter >= 16


async def test_detail_first_line_keeps_title_whole_when_narrow(make_app, five):
    app = make_app(five)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        panel = app.query_one(DetailPanel)
        assert panel.render_line(0).text.strip() == "Web Panels · Example CRM Windows client"
        assert panel.render_line(1).text.strip() == "Web panels and embedded pages · ui-extension · ui"
        await pilot.resize_terminal(160, 45)
        await pilot.pause()
        first = panel.render_line(0).text.strip()
        assert first.startswith("Web Panels · Example CRM Windows client") and "ui-extension · ui" in first


async def test_detail_lists_the_platform_lifecycle_in_full(make_app, five):
    app = make_app(five)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        text = app.query_one(DetailPanel).plain
        assert "⚠ Windows (platform): discontinued from 9: The desktop client is not shipped from version 9." in text
        assert "⚠ Windows (platform): discontinued from 11: From version 11 the installer is gone too." in text


async def test_detail_panel_takes_the_new_theme(make_app):
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        panel = app.query_one(DetailPanel)
        dark = panel.render_line(0)
        app.theme = "textual-light"
        await pilot.pause()
        light = panel.render_line(0)
        background = panel.rich_style.bgcolor
        assert dark.text == light.text
        assert all(seg.style.bgcolor == background for seg in light if seg.text.strip())
        assert any(seg.style.bgcolor != background for seg in dark if seg.text.strip())


async def test_title_keeps_the_catalog_when_narrow(make_app):
    app = make_app()
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.pause()
        assert str(app.query_one("#title").render()) == "so-explorer · Mini test catalog 1.0"
        app.query_one("#title-bar").set_shortlist("shortlist: Default (0 ★)")
        await pilot.resize_terminal(52, 20)
        await pilot.pause()
        assert str(app.query_one("#title").render()) == "Mini test catalog 1.0"


async def test_filtered_cells_fit_their_column(make_app, five):
    app = make_app(five)
    async with app.run_test(size=(200, 45)) as pilot:
        await pilot.press("2")  # onsite off: the Windows and Web onsite cells are filtered
        lines = app.query_one(ComparisonGrid).visible_lines()
        assert any("– filtered (onsite only)" in line for line in lines)
        await pilot.resize_terminal(160, 45)  # narrower: the reason alone
        await pilot.pause()
        cells = [cell.strip() for line in app.grid.visible_lines() for cell in line.split("│")]
        assert "– onsite only" in cells
        await pilot.resize_terminal(70, 30)
        await pilot.pause()
        cells = [cell.strip() for line in app.grid.visible_lines() for cell in line.split("│")]
        assert "– filtered" in cells
        assert not any(cell.startswith("– filtered (") for cell in cells)


def test_detail_text_is_data_not_markup():
    from explorer.tui.widgets.detail import _aside_on_own_line

    text = Text("[b]name[/b] · Platform   [red]aside")
    out = _aside_on_own_line(text, 20)
    assert out.plain == "[b]name[/b] · Platform\n[red]aside"
