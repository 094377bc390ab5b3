"""Bookmarks in the app: b toggles (★, toast, header), B opens the view and its keys work."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, OptionList

from explorer.core.bookmarks import FILE_NAME, BookmarkStore
from explorer.core.settings import keys as key_table
from explorer.tui.app import ExplorerApp
from explorer.tui.screens.bookmarks import BookmarksScreen
from explorer.tui.screens.dialogs import ConfirmDialog, TextDialog
from explorer.tui.widgets.grid import ComparisonGrid
from tests.catalogs import ROOT

SIZE = (160, 45)
FIXTURES = ROOT / "tests" / "unit" / "bookmarks" / "fixtures" / "bookmarks"


def seed(folder: Path, *entries: tuple[str, str, str], shortlists: tuple[str, ...] = ()) -> None:
    store, _ = BookmarkStore.open(folder)
    for point, platform, note in entries:
        store.add(point, platform, note=note)
    for name in shortlists:
        store.create_shortlist(name)
    assert store.save()


def on_disk(folder: Path) -> BookmarkStore:
    store, warnings = BookmarkStore.open(folder)
    assert warnings == []
    return store


def grid_text(app: ExplorerApp) -> str:
    grid = app.query_one(ComparisonGrid)
    return "\n".join(grid.render_line(y).text for y in range(grid.size.height))


def header(app: ExplorerApp) -> str:
    return app.query_one("#title-bar").shortlist_text


def toasts(app: ExplorerApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


def list_text(app: ExplorerApp) -> list[str]:
    ol = app.screen.query_one("#bookmarks-list", OptionList)
    return [ol.get_option_at_index(i).prompt.plain for i in range(ol.option_count)]


async def open_view(pilot) -> BookmarksScreen:
    await pilot.press("B")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, BookmarksScreen)
    return screen


async def test_b_toggles_a_bookmark_with_a_star_a_toast_and_the_header(mini_catalog, tmp_config):
    app = ExplorerApp(mini_catalog, config_dir=tmp_config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert header(app) == "shortlist: Default (0 ★)"
        assert "★" not in grid_text(app)
        point, platform = app.highlighted()  # Web Panels on alpha
        await pilot.press("b")
        await pilot.pause()
        assert "★" in grid_text(app).splitlines()[0]
        assert any("Bookmarked Web Panels on Alpha in “Default”" in t for t in toasts(app))
        assert header(app) == "shortlist: Default (1 ★)"
        assert on_disk(tmp_config).is_bookmarked(point.id, platform)
        await pilot.press("b")
        await pilot.pause()
        assert "★" not in grid_text(app)
        assert not on_disk(tmp_config).is_bookmarked(point.id, platform)


async def test_b_on_an_empty_cell_says_so(mini_catalog, tmp_config):
    app = ExplorerApp(mini_catalog, config_dir=tmp_config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right", "right")  # gamma: no panel → empty cell
        await pilot.pause()
        assert app.highlighted()[0] is None
        await pilot.press("b")
        await pilot.pause()
        assert any("Nothing to bookmark here" in t for t in toasts(app))
        assert not (tmp_config / FILE_NAME).exists()


async def test_the_view_groups_by_platform_with_availability_and_note(mini_catalog, tmp_config):
    (tmp_config / FILE_NAME).write_bytes((FIXTURES / "hand_written.yaml").read_bytes())
    seed(tmp_config, ("alpha.events", "alpha", "COM [bold]only[/bold]"))
    app = ExplorerApp(mini_catalog, config_dir=tmp_config)
    async with app.run_test(size=SIZE) as pilot:
        await open_view(pilot)
        lines = list_text(app)
        assert lines[0] == "Alpha desktop"
        assert "Event subscriptions" in lines[1] and "✓ available" in lines[1]
        assert lines[1].endswith("— COM [bold]only[/bold]")  # data, not markup
        assert lines[2] == "Gamma services"
        assert "REST API" in lines[3] and "gamma.rest" in lines[3]
        assert "gone.point" in lines[4] and "missing from catalog" in lines[4]
        tabs = app.screen.query_one("#bookmarks-tabs").render().plain
        assert "Research (3)" in tabs and "Empty (0)" in tabs
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, BookmarksScreen)


async def test_enter_jumps_to_the_point_and_clears_a_hiding_search(mini_catalog, tmp_config):
    seed(tmp_config, ("gamma.soap", "gamma", ""))
    app = ExplorerApp(mini_catalog, config_dir=tmp_config, query="panels")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.query_text == "panels"
        await open_view(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, BookmarksScreen)
        point, platform = app.highlighted()
        assert (point.id, platform) == ("gamma.soap", "gamma")
        assert app.query_text == "" and app.search_input.value == ""
        assert app.focused is app.grid


async def test_enter_on_a_missing_point_stays_and_explains(mini_catalog, tmp_config):
    (tmp_config / FILE_NAME).write_bytes((FIXTURES / "hand_written.yaml").read_bytes())
    app = ExplorerApp(mini_catalog, config_dir=tmp_config)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_view(pilot)
        await pilot.press("down", "enter")  # gamma.rest, then gone.point
        await pilot.pause()
        assert screen.current.bookmark.point == "gone.point"
        assert isinstance(app.screen, BookmarksScreen)
        assert "missing from the catalog" in screen.query_one("#bookmarks-message").render().plain


async def test_e_edits_the_note(mini_catalog, tmp_config):
    seed(tmp_config, ("gamma.rest", "gamma", "old note"))
    app = ExplorerApp(mini_catalog, config_dir=tmp_config)
    async with app.run_test(size=SIZE) as pilot:
        await open_view(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, TextDialog)
        field = app.screen.query_one(Input)
        assert field.value == "old note"
        field.value = ""
        await pilot.press(*"check limits", "enter")
        await pilot.pause()
        assert isinstance(app.screen, BookmarksScreen)
        assert list_text(app)[1].endswith("— check limits")
        assert on_disk(tmp_config).get("gamma.rest", "gamma").note == "check limits"
        await pilot.press("e", "escape")  # cancel keeps it
        await pilot.pause()
        assert on_disk(tmp_config).get("gamma.rest", "gamma").note == "check limits"


async def test_delete_removes_the_bookmark(mini_catalog, tmp_config):
    seed(tmp_config, ("gamma.rest", "gamma", ""), ("alpha.events", "alpha", ""))
    app = ExplorerApp(mini_catalog, config_dir=tmp_config)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_view(pilot)
        assert screen.current.bookmark.point == "alpha.events"
        await pilot.press("delete")
        await pilot.pause()
        assert screen.current.bookmark.point == "gamma.rest"
        assert set(on_disk(tmp_config).keys()) == {("gamma.rest", "gamma")}
        assert header(app) == "shortlist: Default (1 ★)"


async def test_n_makes_a_shortlist_and_switches_to_it(mini_catalog, tmp_config):
    seed(tmp_config, ("gamma.rest", "gamma", ""))
    app = ExplorerApp(mini_catalog, config_dir=tmp_config)
    async with app.run_test(size=SIZE) as pilot:
        await open_view(pilot)
        await pilot.press("n", *"default", "enter")  # taken (any case): refused in the dialog
        await pilot.pause()
        assert isinstance(app.screen, TextDialog)
        assert "already exists" in app.screen.query_one("#dialog-error").render().plain
        app.screen.query_one(Input).value = ""
        await pilot.press(*"Project X", "enter")
        await pilot.pause()
        assert isinstance(app.screen, BookmarksScreen)
        assert "No bookmarks in “Project X” yet" in list_text(app)[0]
        assert header(app) == "shortlist: Project X (0 ★)"
        await pilot.press("escape", "b")  # b now adds to Project X
        await pilot.pause()
    store = on_disk(tmp_config)
    assert store.names == ("Default", "Project X") and store.active.name == "Project X"
    assert len(store.shortlist("Project X").bookmarks) == 1


async def test_r_renames_the_active_shortlist(mini_catalog, tmp_config):
    app = ExplorerApp(mini_catalog, config_dir=tmp_config)
    async with app.run_test(size=SIZE) as pilot:
        await open_view(pilot)
        await pilot.press("r")
        await pilot.pause()
        app.screen.query_one(Input).value = "Research"
        await pilot.press("enter")
        await pilot.pause()
        assert header(app) == "shortlist: Research (0 ★)"
    assert on_disk(tmp_config).names == ("Research",)


async def test_s_tab_and_arrows_switch_shortlists(mini_catalog, tmp_config):
    seed(tmp_config, ("gamma.rest", "gamma", ""), shortlists=("Two", "Three"))
    app = ExplorerApp(mini_catalog, config_dir=tmp_config)
    async with app.run_test(size=SIZE) as pilot:
        await open_view(pilot)
        seen = []
        for key in ("s", "tab", "right", "left", "shift+tab"):
            await pilot.press(key)
            await pilot.pause()
            seen.append(app.bookmarks.store.active.name)
        assert seen == ["Two", "Three", "Default", "Three", "Two"]
        assert header(app) == "shortlist: Two (0 ★)"
    assert on_disk(tmp_config).active.name == "Two"


async def test_D_deletes_a_shortlist_after_asking(mini_catalog, tmp_config):
    seed(tmp_config, ("gamma.rest", "gamma", ""), shortlists=("Empty",))
    app = ExplorerApp(mini_catalog, config_dir=tmp_config)
    async with app.run_test(size=SIZE) as pilot:
        await open_view(pilot)
        await pilot.press("D")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert on_disk(tmp_config).names == ("Default", "Empty")
        await pilot.press("D", "y")
        await pilot.pause()
        assert on_disk(tmp_config).names == ("Empty",)
        assert header(app) == "shortlist: Empty (0 ★)"
        await pilot.press("D")  # empty: no question
        await pilot.pause()
        assert isinstance(app.screen, BookmarksScreen)
    assert on_disk(tmp_config).names == ("Default",)


async def test_load_warnings_are_shown_once_as_plain_text(mini_catalog, tmp_config):
    (tmp_config / FILE_NAME).write_bytes(b"version: 1\nshortlists: [ [red]oops\n")
    app = ExplorerApp(mini_catalog, config_dir=tmp_config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        (moved,) = tmp_config.glob(f"{FILE_NAME}.corrupt-*")
        warnings = [n for n in app._notifications if "moved to" in str(n.message)]
        assert len(warnings) == 1 and str(moved) in str(warnings[0].message)
        assert warnings[0].markup is False
        await pilot.press("b")
        await pilot.pause()
        assert len([n for n in app._notifications if "moved to" in str(n.message)]) == 1


async def test_an_unusable_config_folder_keeps_bookmarks_for_the_session(mini_catalog, tmp_path):
    blocker = tmp_path / "cfg"
    blocker.write_text("a file")
    app = ExplorerApp(mini_catalog, config_dir=blocker)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any("will not be saved" in t for t in toasts(app))
        await pilot.press("b")
        await pilot.pause()
        assert header(app) == "shortlist: Default (1 ★) · not saved"
        assert "★" in grid_text(app)


def test_every_view_key_has_an_action():
    for spec in key_table.specs("bookmarks"):
        assert hasattr(BookmarksScreen, f"action_{spec.action}"), spec.id


async def test_bookmarks_saved_elsewhere_show_up_and_survive(mini_catalog, tmp_config):
    app = ExplorerApp(mini_catalog, config_dir=tmp_config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b")  # Web Panels on alpha, in this app
        await pilot.pause()
        seed(tmp_config, ("gamma.rest", "gamma", "from a script"))  # e.g. so-explorer bookmarks add
        await open_view(pilot)  # opening the view merges the file in
        text = "\n".join(list_text(app))
        assert "Web Panels" in text and "REST API" in text and "from a script" in text
        assert header(app) == "shortlist: Default (2 ★)"
    assert set(on_disk(tmp_config).keys()) == {("alpha.panels", "alpha"), ("gamma.rest", "gamma")}


async def test_the_keys_line_names_every_key(mini_catalog, tmp_config):
    app = ExplorerApp(mini_catalog, config_dir=tmp_config)
    async with app.run_test(size=SIZE) as pilot:
        await open_view(pilot)
        keys = app.screen.query_one("#bookmarks-keys").render().plain
        for spec in key_table.specs("bookmarks"):
            assert spec.description in keys
        assert "s/→ next list" in keys and "←/⇧tab previous list" in keys and "del remove" in keys


async def test_view_keys_can_be_remapped_in_config(mini_catalog, tmp_config):
    (tmp_config / "config.yaml").write_text("keymap:\n  bookmarks-remove: x\n")
    seed(tmp_config, ("gamma.rest", "gamma", ""))
    app = ExplorerApp(mini_catalog, config_dir=tmp_config)
    async with app.run_test(size=SIZE) as pilot:
        await open_view(pilot)
        assert "x remove" in app.screen.query_one("#bookmarks-keys").render().plain
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, BookmarksScreen)
    assert set(on_disk(tmp_config).keys()) == set()
