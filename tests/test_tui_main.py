"""The main screen: panes, grid, headers, detail panel, filters and sizes."""

from __future__ import annotations

import pytest

from explorer.core.filters import Filters
from explorer.tui.app import ExplorerApp
from explorer.tui.widgets.grid import ComparisonGrid
from explorer.tui.widgets.pane_headers import PaneHeaders


def grid_lines(app: ExplorerApp) -> list[str]:
    grid = app.query_one(ComparisonGrid)
    return [grid.render_line(y).text for y in range(grid.size.height)]


def header_lines(app: ExplorerApp) -> list[str]:
    headers = app.query_one(PaneHeaders)
    return [headers.render_line(y).text for y in range(headers.size.height)]


def visible_ids(app: ExplorerApp) -> list[str]:
    return [row.capability.id for row in app.view.rows]


async def test_opens_with_panes_grid_and_detail(mini_catalog):
    app = ExplorerApp(mini_catalog)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        headers = "\n".join(header_lines(app))
        assert "Alpha desktop" in headers and "Beta web" in headers and "Gamma services" in headers
        assert "onsite · win · since 1989" in headers
        assert "⚠ discontinued from 9" in headers
        assert "2 of 2 shown" in headers and "3 of 3 shown" in headers
        lines = grid_lines(app)
        assert "Web Panels" in lines[0] and "✗ not available" in lines[0]
        assert "? unknown" in lines[2] and "REST API" in lines[2]
        assert visible_ids(app) == ["panels", "hooks", "api", "legacy"]
        assert app.focused is app.query_one(ComparisonGrid)
        detail = app.query_one("#detail").plain
        assert detail.startswith("Web Panels · Alpha desktop")
        assert "Embedded browser panels" in detail


async def test_quits_on_q(mini_catalog):
    app = ExplorerApp(mini_catalog)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    assert not app.is_running
