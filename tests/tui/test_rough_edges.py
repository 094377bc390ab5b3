"""What a new user tripped over (issue 13), on screen: each test failed before its fix."""

from __future__ import annotations

from datetime import date

from textual.geometry import Region
from textual.widgets import Input, RadioButton

from explorer.core.catalog import load_catalog
from explorer.tui.screens.bookmarks import BookmarksScreen
from explorer.tui.screens.export import ExportScreen
from explorer.tui.screens.help import HelpScreen
from explorer.tui.widgets.detail import DetailPanel


def notes(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_a_hidden_row_sends_the_cursor_near_and_it_comes_back(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("G", "l", "l")  # the SOAP row (onsite only), Gamma's pane
        point, platform = app.highlighted()
        assert (point.id, platform) == ("gamma.soap", "gamma")
        await pilot.press("2")  # onsite off: the row goes
        await pilot.pause()
        row, _, _ = app.grid.current()
        assert row.capability.id == "api" and app.grid.current_platform == "gamma"  # the nearest row
        await pilot.press("2")  # the row comes back, and so does the cursor
        await pilot.pause()
        point, platform = app.highlighted()
        assert (point.id, platform) == ("gamma.soap", "gamma")


async def test_a_move_by_the_user_becomes_the_new_place(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("G", "l", "l", "2", "k", "2")  # hidden, moved up from there, back
        await pilot.pause()
        row, _, _ = app.grid.current()
        assert row.capability.id == "hooks"  # where the user went, not the old place


async def test_focusing_the_search_selects_its_query(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("slash", *"ticket change", "enter")
        await pilot.press("slash", *"order")
        assert app.search_input.value == "order"  # typing replaced the old query
        await pilot.press("enter", "slash", "end", *" x")
        assert app.search_input.value == "order x"  # End keeps it


async def test_the_detail_panel_grows_into_rows_the_grid_leaves_empty(make_app):
    app = make_app(load_catalog())
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        panel = app.query_one(DetailPanel)
        assert panel.outer_size.height == 9
        await pilot.press("slash", *"custom objects", "enter")
        await pilot.pause()
        assert panel.line_count > 9 and panel.size.height == panel.line_count  # all of it shows
        await pilot.press("escape")  # the whole catalog again: the grid wants the rows back
        await pilot.pause()
        assert panel.outer_size.height == 9


async def test_j_and_k_scroll_the_detail_panel(make_app):
    app = make_app(load_catalog())
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.press("enter")  # focus the detail panel
        panel = app.query_one(DetailPanel)
        assert app.focused is panel and panel.line_count > panel.size.height
        await pilot.press("j", "j")
        assert panel.scroll_y == 2
        await pilot.press("k")
        assert panel.scroll_y == 1


async def test_the_detail_panel_shows_requirements(make_app):
    app = make_app(load_catalog())
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("slash", *"webhooks", "enter")
        await pilot.pause()
        text = app.query_one(DetailPanel).plain
        assert "Requires: " in text


async def test_export_file_name_is_typed_after_the_new_extension(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        dialog.query_one("#format-json", RadioButton).value = True
        await pilot.pause()
        path = dialog.query_one("#export-path", Input)
        app.set_focus(path)
        await pilot.press(*"XX")
        assert path.value == f"so-explorer-{date.today().isoformat()}.jsonXX"


async def test_a_name_without_the_formats_extension_is_asked_about(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        dialog.folder = tmp_path
        dialog.query_one("#export-path", Input).value = "x.csvon"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "does not end in .md" in dialog.message() and not (tmp_path / "x.csvon").exists()
        await pilot.press("ctrl+s")  # asked, and answered
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert (tmp_path / "x.csvon").read_text(encoding="utf-8").startswith("#")


async def test_the_export_dialog_scrolls_on_small_screens(make_app):
    for size, focus in (((60, 20), "#export-write"), ((40, 10), "#export-path")):
        app = make_app()
        async with app.run_test(size=size) as pilot:
            await pilot.press("x")
            await pilot.pause()
            widget = app.screen.query_one(focus)
            app.set_focus(widget)
            await pilot.pause()
            screen = Region(0, 0, *size)
            assert screen.contains_region(widget.region), (size, widget.region)


async def test_o_says_when_no_browser_could_be_started(make_app, monkeypatch):
    monkeypatch.setattr("webbrowser.open", lambda url: False)
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("o")
        await app.workers.wait_for_complete()
        await pilot.pause()
        said = notes(app)
        assert any("No web browser could be started" in n and "Press y to copy the link" in n for n in said)
        assert not any(n.startswith("Opened") for n in said)


async def test_the_palettes_keys_command_opens_the_help_which_esc_closes(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+p", *"Keys")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen) and app.screen is app.screen_stack[0]


async def test_a_removed_bookmark_comes_back_with_u(make_app, tmp_config):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("b")  # Web Panels on Alpha
        app.bookmarks.store.set_note("alpha.panels", "alpha", "for Acme")
        await pilot.press("B")
        await pilot.pause()
        assert isinstance(app.screen, BookmarksScreen)
        await pilot.press("delete")
        await pilot.pause()
        assert app.bookmarks.store.get("alpha.panels", "alpha") is None
        assert "Press u to undo" in str(app.screen.query_one("#bookmarks-message").content)
        await pilot.press("u")
        await pilot.pause()
        restored = app.bookmarks.store.get("alpha.panels", "alpha")
        assert restored is not None and restored.note == "for Acme"
