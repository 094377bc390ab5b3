"""The main screen: panes, grid, headers, detail panel, filter semantics, mouse and sizes."""

from __future__ import annotations

import pytest

from explorer.core.filters import Filters
from explorer.tui.widgets.detail import DetailPanel
from explorer.tui.widgets.filter_bar import FilterToggle
from explorer.tui.widgets.grid import ComparisonGrid
from explorer.tui.widgets.pane_headers import PaneHeaders

ALL_ROWS = ["panels", "hooks", "api", "legacy"]


def rows(app) -> list[str]:
    return [row.capability.id for row in app.view.rows]


def headers(app) -> str:
    return "\n".join(app.query_one(PaneHeaders).visible_lines())


def grid_text(app) -> list[str]:
    return app.query_one(ComparisonGrid).visible_lines()


def detail(app) -> str:
    return app.query_one(DetailPanel).plain


async def test_opens_with_panes_grid_and_detail(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        text = headers(app)
        first = text.splitlines()[0]
        assert [cell.strip(" ▸") for cell in first.split("│")][1:] == ["Alpha", "Beta", "Gamma"]  # short names
        assert "Alpha desktop" not in text and "Gamma services" not in text
        assert "onsite · win · since 1989" in text
        assert "⚠ discontinued from 9" in text
        assert "2 of 2 shown" in text and "3 of 3 shown" in text
        lines = grid_text(app)
        # Rows line up by capability; the gutter names the capability at this width.
        assert lines[0].startswith("Web panels") and "Web Panels" in lines[0] and "✗ not available" in lines[0]
        assert "Event subscriptions" in lines[1] and lines[1].count("Webhooks") == 2
        assert "? unknown" in lines[2] and "REST API" in lines[2]
        assert "◐ SOAP services" in lines[3]
        assert rows(app) == ALL_ROWS
        assert app.focused is app.query_one(ComparisonGrid)
        assert detail(app).startswith("Web Panels · Alpha desktop")
        assert "Embedded browser panels" in detail(app)
        assert "https://example.com/alpha/panels" in detail(app)


async def test_title_and_shortlist_hook(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        title = app.query_one("#title-bar")
        assert "so-explorer · Mini test catalog 1.0" in str(app.query_one("#title").render())
        assert title.shortlist_text == "shortlist: Default (0 ★)"  # the bookmarks control fills it
        title.set_shortlist("shortlist: Acme (3 ★)")
        assert title.shortlist_text == "shortlist: Acme (3 ★)"


async def test_not_available_unknown_and_filtered_look_different(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        grid = app.query_one(ComparisonGrid)
        na = grid._cell_text(app.view.rows[0], 2, 0, grid.rich_style, False)
        unknown = grid._cell_text(app.view.rows[2], 0, 0, grid.rich_style, False)
        assert "not available" in na.plain and "unknown" in unknown.plain
        assert na.style != unknown.style
        await pilot.press("2")  # onsite off: alpha's cells are filtered
        filtered = grid._cell_text(app.view.rows[0], 0, 0, grid.rich_style, False)
        assert filtered.plain.strip() == "– filtered (onsite only)"
        assert filtered.style not in (na.style, unknown.style)


async def test_detail_follows_the_cell_and_explains_empty_cells(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("l", "l")
        text = detail(app)
        assert text.startswith("Web panels · Gamma services")
        assert "not available" in text and "No user interface." in text
        await pilot.press("j", "j", "j")  # legacy row, gamma: SOAP partial, with lifecycle
        text = detail(app)
        assert text.startswith("SOAP services · Gamma services")
        assert "◐ partial — onsite" in text and "Onsite only." in text
        assert "phase-out started 2023, removal at 13" in text
        await pilot.press("h", "h")  # alpha: unknown
        assert "? unknown" in detail(app)


@pytest.mark.parametrize(
    ("key", "expected_rows", "counts", "dimmed"),
    [
        ("1", ALL_ROWS, {"alpha": 2, "beta": 2, "gamma": 3}, {}),
        ("2", ["panels", "hooks", "api"], {"alpha": 0, "beta": 2, "gamma": 2}, {"alpha": "onsite only"}),
        ("3", ALL_ROWS, {"alpha": 0, "beta": 2, "gamma": 3}, {"alpha": "win client only"}),
        ("4", ALL_ROWS, {"alpha": 2, "beta": 0, "gamma": 3}, {"beta": "web client only"}),
    ],
)
async def test_filter_keys_change_exactly_the_right_rows(make_app, key, expected_rows, counts, dimmed):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press(key)
        assert rows(app) == expected_rows
        assert app.view.counts == counts
        text = headers(app)
        for pid, reason in dimmed.items():
            assert pid in app.view.comparison.dimmed
            assert reason in text
        for pid, count in counts.items():
            if pid not in dimmed:
                assert f"{count} of {app.view.totals[pid]} shown" in text
        toggle = app.query_one(f"#filter-{['cloud', 'onsite', 'win', 'web'][int(key) - 1]}", FilterToggle)
        assert toggle.on is False and "☐" in toggle.render().plain
        await pilot.press(key)  # toggling back restores everything
        assert rows(app) == ALL_ROWS
        assert app.view.counts == {"alpha": 2, "beta": 2, "gamma": 3}
        assert toggle.on is True


async def test_filters_combine(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("2", "4")  # cloud + win only: alpha (onsite) and beta (web) dimmed
        assert app.filters == Filters(frozenset({"cloud"}), frozenset({"win"}))
        assert set(app.view.comparison.dimmed) == {"alpha", "beta"}
        assert rows(app) == ["hooks", "api"]
        assert app.view.counts == {"alpha": 0, "beta": 0, "gamma": 2}
        await pilot.press("d")
        # alpha and beta are dimmed, so they take no part: gamma alone is compared, and a
        # platform never differs from itself (issue 13 item 4; before, every row "differed").
        assert rows(app) == []


async def test_differences_only_hides_rows_where_all_agree(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("d")
        assert app.differences is True
        assert rows(app) == ["panels", "api", "legacy"]
        assert app.view.counts == {"alpha": 1, "beta": 1, "gamma": 2}
        assert "1 of 2 shown" in headers(app) and "2 of 3 shown" in headers(app)
        assert app.query_one("#filter-differences", FilterToggle).on is True
        assert all("Event subscriptions" not in line for line in grid_text(app))
        await pilot.press("d")
        assert rows(app) == ALL_ROWS


async def test_cursor_stays_on_its_point_when_filters_change(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("l", "l", "j", "j", "j")  # gamma, SOAP services
        assert app.highlighted()[0].id == "gamma.soap"
        await pilot.press("d")
        assert app.highlighted() == (app.catalog.point("gamma.soap"), "gamma")
        await pilot.press("2")  # onsite off: SOAP (onsite only) disappears; cursor stays valid
        point, platform = app.highlighted()
        assert platform == "gamma"
        assert point is None or point.id != "gamma.soap"


async def test_click_on_filter_toggles_it(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.click("#filter-onsite")
        assert app.filters.environments == frozenset({"cloud"})
        assert rows(app) == ["panels", "hooks", "api"]
        await pilot.click("#filter-differences")
        assert app.differences is True
        await pilot.click("#filter-onsite")
        assert app.filters.is_default


async def test_click_on_cell_moves_cursor(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        grid = app.query_one(ComparisonGrid)
        column = grid.geometry.columns[2]
        await pilot.click(ComparisonGrid, offset=(column.x + 3, 2))
        assert (grid.cursor_row, grid.cursor_pane) == (2, 2)
        assert app.highlighted()[0].id == "gamma.rest"
        column = grid.geometry.columns[1]
        await pilot.click(ComparisonGrid, offset=(column.x + 3, 1))
        assert app.highlighted() == (app.catalog.point("gamma.webhooks"), "beta")


async def test_click_on_pane_header_selects_pane(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        grid = app.query_one(ComparisonGrid)
        await pilot.click(PaneHeaders, offset=(grid.geometry.columns[1].x + 2, 0))
        assert grid.cursor_pane == 1
        assert "▸ Beta " in headers(app)


@pytest.mark.parametrize("size", [(80, 24), (40, 10), (120, 30), (200, 60)])
async def test_sizes_render_without_crash(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        grid = app.query_one(ComparisonGrid)
        assert grid.size.height >= 1
        lines = grid_text(app)
        assert lines and "Web" in lines[0]
        await pilot.press("j", "l", "d", "1", "G", "g")
        assert app.is_running


async def test_80x24_is_usable(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        grid = app.query_one(ComparisonGrid)
        assert grid.geometry.gutter == 0  # no gutter at 80 columns: panes get the room
        assert all(c.width >= 20 for c in grid.geometry.columns)
        assert len(grid_text(app)) >= 4  # every row of the mini catalog fits
        assert "▸ Alpha" in headers(app)


async def test_resize_keeps_columns_aligned(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        for size in [(80, 24), (40, 10), (120, 40), (30, 8), (160, 45)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            grid = app.query_one(ComparisonGrid)
            head = app.query_one(PaneHeaders)
            assert grid.geometry == head.geometry
            assert grid.geometry.width == grid.scrollable_content_region.width
            assert app.is_running


async def test_enter_focuses_detail_and_escape_returns(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("enter")
        assert isinstance(app.focused, DetailPanel)
        await pilot.press("escape")
        assert isinstance(app.focused, ComparisonGrid)
        assert app.is_running


async def test_narrow_panes_use_short_labels(make_app):
    app = make_app()
    async with app.run_test(size=(40, 24)) as pilot:
        await pilot.pause()
        grid = app.query_one(ComparisonGrid)
        assert all(c.width < 17 for c in grid.geometry.columns)
        text = headers(app)
        assert "Alpha" in text and "Alpha desktop" not in text  # the short name, as everywhere
        assert "2/2 shown" in text
        assert "✗ n/a" in grid_text(app)[0]


async def test_filter_bar_compacts_and_shows_remapped_keys(make_app, tmp_config):
    (tmp_config / "config.yaml").write_text("keymap:\n  differences: z\n", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        diff = app.query_one("#filter-differences", FilterToggle)
        assert diff.render().plain == "[z] ☐ differences only"
        await pilot.press("z")
        assert app.differences is True
        await pilot.resize_terminal(40, 10)
        await pilot.pause()
        assert diff.render().plain == "z☑diff"
        assert app.query_one("#filter-cloud", FilterToggle).render().plain == "1☑cloud"
        # Every toggle is still on screen, and clickable.
        assert diff.region.right <= 40
        await pilot.click("#filter-differences")
        assert app.differences is False


async def test_detail_panel_scrolls_long_text(make_app):
    from rich.text import Text

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        panel = app.query_one(DetailPanel)
        panel.show(Text("\n".join(f"line {i}" for i in range(50))))
        await pilot.press("enter")  # focus the panel
        assert app.focused is panel
        assert panel.virtual_size.height == 50
        await pilot.press("end")
        await pilot.pause()
        assert panel.scroll_y == panel.max_scroll_y > 0
        assert panel.render_line(panel.size.height - 1).text.strip() == "line 49"
        await pilot.press("home")
        await pilot.pause()
        assert panel.render_line(0).text.strip() == "line 0"
        await pilot.press("escape", "j")  # back in the grid: the panel follows the cursor again
        assert app.focused is app.query_one(ComparisonGrid)
        assert panel.plain.startswith("Event subscriptions · Alpha desktop")
        assert panel.scroll_y == 0
