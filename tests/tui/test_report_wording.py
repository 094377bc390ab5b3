"""The app and its reports say "filtered" the same way (issue 13 item 5)."""

from __future__ import annotations

from explorer.core.compare import CellState
from explorer.core.filters import filtered_label
from explorer.core.report import render, report_from_view
from tests.tui.test_main import grid_text


async def test_a_filtered_cell_reads_the_same_in_the_grid_and_in_every_report(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("2")  # onsite off: alpha's points and gamma's SOAP services are filtered
        await pilot.pause()
        view = app.view
        cells = [(row, c) for row in view.rows for c in row.cells if c.state is CellState.FILTERED]
        assert cells
        labels = {filtered_label(c.filtered_reason(view.spec.filters)) for _, c in cells}
        screen = "\n".join(grid_text(app))
        for label in labels:
            assert label in screen, (label, screen)
        report = report_from_view(app.catalog, view, "2026-11-27T12:00:00Z")
        md = render(report, "md").decode()
        html = render(report, "html").decode()
        for label in labels:
            assert label in md and label in html
        assert "✗ not available (filtered" not in md
