"""Every key of the main screen's contract that the main screen owns."""

from __future__ import annotations

import webbrowser

import pytest

from explorer.core.model import (
    Availability,
    Capability,
    Catalog,
    CatalogInfo,
    Link,
    Platform,
    Point,
    Status,
)
from explorer.tui.widgets.detail import DetailPanel
from explorer.tui.widgets.grid import ComparisonGrid
from explorer.tui.widgets.search_bar import SearchInput

SEED = Link("seed", "https://example.com/seed")


def tall_catalog(rows: int = 120) -> Catalog:
    """Two platforms; capability 0 has three points on "one" (a three-line row)."""
    platforms = tuple(
        Platform(pid, f"Platform {pid}", pid, "", ("cloud", "onsite"), ("win", "web"), "")
        for pid in ("one", "two")
    )
    capabilities = tuple(Capability(f"cap{i:03}", f"Capability {i:03}", "data-api") for i in range(rows))
    points: list[Point] = []
    for i in range(rows):
        count = 3 if i == 0 else 1
        for n in range(count):
            points.append(Point(
                f"one.c{i:03}.{n}", f"One {i:03} {n}", f"cap{i:03}", "data-api", "", "inbound",
                (Availability("one", Status.AVAILABLE, ("cloud", "onsite"), ("win", "web")),), SEED,
            ))
        if i % 2 == 0:
            points.append(Point(
                f"two.c{i:03}", f"Two {i:03}", f"cap{i:03}", "data-api", "", "inbound",
                (Availability("two", Status.AVAILABLE, ("cloud", "onsite"), ("win", "web")),), SEED,
            ))
    return Catalog(CatalogInfo("tall", "Tall", "1"), platforms, capabilities, tuple(points))


def cursor(app) -> tuple[int, int, int]:
    grid = app.query_one(ComparisonGrid)
    return grid.cursor_row, grid.cursor_entry, grid.cursor_pane


async def test_slash_focuses_search_and_printable_keys_type(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("slash")
        assert isinstance(app.focused, SearchInput)
        await pilot.press("q", "1", "d", "o", "y", "n")  # typed, not app actions
        assert app.query_one(SearchInput).value == "q1doyn"
        assert app.is_running
        assert app.filters.is_default and app.differences is False
        assert app.clipboard == ""


async def test_escape_clears_then_returns_to_grid_and_never_quits(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("escape", "escape")  # in the grid, nothing to clear
        assert app.is_running
        await pilot.press("slash", "w", "e", "b")
        assert app.query_one(SearchInput).value == "web"
        await pilot.press("escape")
        assert app.query_one(SearchInput).value == ""
        assert isinstance(app.focused, SearchInput)
        await pilot.press("escape")
        assert isinstance(app.focused, ComparisonGrid)
        await pilot.press("escape", "escape", "escape")
        assert app.is_running


async def test_escape_in_grid_clears_the_search(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("slash", *"soap", "down")
        assert isinstance(app.focused, ComparisonGrid)
        assert [r.capability.id for r in app.view.rows] == ["legacy"]
        await pilot.press("escape")
        assert app.query_one(SearchInput).value == ""
        assert len(app.view.rows) == 4
        assert app.highlighted()[0].id == "gamma.soap"  # the cursor stays on the point
        assert app.is_running


async def test_pane_keys(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        assert cursor(app)[2] == 0
        await pilot.press("right")
        assert cursor(app)[2] == 1
        await pilot.press("l")
        assert cursor(app)[2] == 2
        await pilot.press("l", "right")  # clamps at the last pane
        assert cursor(app)[2] == 2
        await pilot.press("left")
        assert cursor(app)[2] == 1
        await pilot.press("h", "h")
        assert cursor(app)[2] == 0
        await pilot.press("tab")
        assert cursor(app)[2] == 1
        await pilot.press("tab", "tab")  # wraps around
        assert cursor(app)[2] == 0
        await pilot.press("shift+tab")
        assert cursor(app)[2] == 2
        assert app.highlighted()[1] == "gamma"
        assert isinstance(app.focused, ComparisonGrid)


async def test_vertical_keys_move_within_a_pane(make_app):
    app = make_app(tall_catalog())
    async with app.run_test(size=(100, 30)) as pilot:
        assert cursor(app) == (0, 0, 0)
        await pilot.press("down")  # within the three-line row first
        assert cursor(app) == (0, 1, 0)
        await pilot.press("j", "j")
        assert cursor(app) == (1, 0, 0)
        await pilot.press("k")
        assert cursor(app) == (0, 2, 0)
        await pilot.press("up", "up", "up")  # stops at the top
        assert cursor(app) == (0, 0, 0)
        await pilot.press("end")
        last = len(app.view.rows) - 1
        assert cursor(app)[0] == last
        await pilot.press("home")
        assert cursor(app) == (0, 0, 0)
        await pilot.press("G")
        assert cursor(app)[0] == last
        await pilot.press("g")
        assert cursor(app) == (0, 0, 0)
        grid = app.query_one(ComparisonGrid)
        await pilot.press("pagedown")
        row = cursor(app)[0]
        assert row >= grid.size.height - 4  # about one page further (the first row is 3 lines)
        assert grid.scroll_y > 0
        assert grid.model.line_of(row) - round(grid.scroll_y) < grid.size.height  # cursor on screen
        await pilot.press("pagedown", "pageup")
        assert cursor(app)[0] == row
        await pilot.press("pageup", "pageup")
        assert cursor(app) == (0, 0, 0)
        assert grid.scroll_y == 0


async def test_moving_across_panes_keeps_the_row_and_clamps_the_entry(make_app):
    app = make_app(tall_catalog())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("j", "j")  # row 0, third point on "one"
        assert cursor(app) == (0, 2, 0)
        await pilot.press("l")  # "two" has one point there
        assert cursor(app) == (0, 0, 1)
        await pilot.press("j")  # row 1: "two" has nothing (odd row), the empty cell is still a stop
        assert cursor(app) == (1, 0, 1)
        assert app.highlighted() == (None, "two")
        assert "Capability 001" in app.query_one(DetailPanel).plain


async def test_enter_focuses_detail(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("enter")
        assert isinstance(app.focused, DetailPanel)
        await pilot.press("1")  # app keys still work from the detail panel
        assert "cloud" not in app.filters.environments
        await pilot.press("escape")
        assert isinstance(app.focused, ComparisonGrid)


async def test_open_doc_link(make_app, monkeypatch):
    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url) or True)
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("o")
        await app.workers.wait_for_complete()
        assert opened == ["https://example.com/alpha/panels"]
        assert any("Opened https://example.com/alpha/panels" in str(n.message) for n in app._notifications)
        await pilot.press("l", "o")  # beta's web panels have no doc link
        await app.workers.wait_for_complete()
        assert opened == ["https://example.com/alpha/panels"]
        assert any(n.message == "no doc link" for n in app._notifications)


async def test_open_refuses_non_web_links(make_app, monkeypatch):
    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url) or True)
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        point = app.catalog.point("alpha.panels")
        monkeypatch.setattr(type(point), "doc_url", property(lambda self: "javascript:alert(1)"))
        app.action_open_doc()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert opened == []
        assert any("Not a web link" in str(n.message) for n in app._notifications)


async def test_copy(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("y")
        assert app.clipboard == (
            "Web Panels — Alpha desktop\nEmbedded browser panels in the desktop client.\n"
            "https://example.com/alpha/panels"
        )
        assert any("Copied Web Panels" in str(n.message) for n in app._notifications)
        await pilot.press("l", "l", "y")  # an empty cell copies the capability and why
        assert app.clipboard.startswith("Web panels — Gamma services\nnot available")


async def test_next_and_previous_match(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("slash", *"web", "enter")
        assert isinstance(app.focused, ComparisonGrid)
        hits = [(h.point.id, h.platform) for h in app.view.hits]
        assert len(hits) >= 3
        first = app.highlighted()
        assert (first[0].id, first[1]) == hits[0]
        seen = []
        for _ in hits:
            await pilot.press("n")
            point, platform = app.highlighted()
            seen.append((point.id, platform))
        assert seen == hits[1:] + hits[:1]  # every match in order, then around
        await pilot.press("N")
        point, platform = app.highlighted()
        assert (point.id, platform) == hits[-1]


async def test_n_without_search_does_not_move(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("j", "n", "N")
        assert cursor(app) == (1, 0, 0)
        assert app.is_running


@pytest.mark.parametrize("key", ["q", "ctrl+q"])
async def test_quit_keys(make_app, key):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press(key)
        await pilot.pause()
    assert not app.is_running
    assert app.return_code in (0, None)


async def test_ctrl_q_quits_even_from_search(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("slash", "q")
        assert app.is_running
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running


async def test_bindings_have_ids_and_remap(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        app.set_keymap({"differences": "z", "cursor-down": "s"})
        await pilot.press("z")
        assert app.differences is True
        await pilot.press("s")
        assert cursor(app)[0] == 1
