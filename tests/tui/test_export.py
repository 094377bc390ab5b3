"""The ``x`` export dialog: formats, scopes, overwrite confirmation, errors in the dialog."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Button, Input, RadioButton

from explorer.core.bookmarks import BookmarkStore
from explorer.tui.app import ExplorerApp
from explorer.tui.screens.export import ExportScreen, with_extension

SIZE = (110, 36)


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tmp_config: Path) -> None:
    monkeypatch.chdir(tmp_path)  # the dialog's default folder is the current one
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")


def dialog(app) -> ExportScreen:
    assert isinstance(app.screen, ExportScreen), app.screen
    return app.screen


async def open_dialog(pilot) -> ExportScreen:
    await pilot.press("x")
    await pilot.pause()
    return dialog(pilot.app)


async def choose(pilot, button_id: str) -> None:
    dialog(pilot.app).query_one(f"#{button_id}", RadioButton).value = True
    await pilot.pause()


async def set_path(pilot, value: str) -> None:
    dialog(pilot.app).query_one("#export-path", Input).value = value
    await pilot.pause()


async def press_export(pilot) -> None:
    """ctrl+s: the Export button (a click on it right after another is ignored by Textual)."""
    await pilot.press("ctrl+s")
    await finish(pilot)


async def finish(pilot) -> None:
    """Wait for the dialog's writer thread and its result."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def toasts(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


def test_extension_follows_the_format():
    assert with_extension("so-explorer-2026-11-27.md", "html") == "so-explorer-2026-11-27.html"
    assert with_extension("out/report.json", "csv") == "out/report.csv"
    assert with_extension("report", "json") == "report.json"
    assert with_extension("report.txt", "json") == "report.txt"  # the user's own extension stays
    assert with_extension("r.htm", "html") == "r.htm"


async def test_x_opens_the_dialog_with_a_dated_default(mini_catalog, tmp_path):
    app = ExplorerApp(mini_catalog)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_dialog(pilot)
        assert screen.path_input.value == f"so-explorer-{date.today().isoformat()}.md"
        assert screen.format == "md" and screen.scope == "view"
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)
    assert list(tmp_path.iterdir()) == [tmp_path / "config"]  # nothing written


async def test_shortlist_scope_is_off_without_a_store(mini_catalog, tmp_path):
    app = ExplorerApp(mini_catalog)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ExportScreen(mini_catalog, app.view, None, folder=tmp_path))
        await pilot.pause()
        screen = dialog(app)
        assert screen.query_one("#scope-shortlist", RadioButton).disabled
        assert not screen.query_one("#scope-view", RadioButton).disabled


@pytest.mark.parametrize("fmt, head", [
    ("md", b"# Integration comparison"),
    ("csv", b"capability_id,capability,"),
    ("json", b'{\n  "schema_version": 2,'),
    ("html", b"<!doctype html>"),
])
async def test_export_each_format(mini_catalog, tmp_path, fmt, head):
    app = ExplorerApp(mini_catalog)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_dialog(pilot)
        await choose(pilot, f"format-{fmt}")
        name = screen.path_input.value
        assert name.endswith("." + fmt)
        await pilot.click("#export-write")
        await finish(pilot)
        assert not isinstance(app.screen, ExportScreen)
        written = tmp_path / name
        assert written.read_bytes().startswith(head)
        assert any(str(written) in t for t in toasts(app)), toasts(app)


async def test_keyboard_only_export(mini_catalog, tmp_path):
    app = ExplorerApp(mini_catalog)
    async with app.run_test(size=SIZE) as pilot:
        await open_dialog(pilot)
        await pilot.press("down", "enter")  # format: Markdown → CSV
        await pilot.pause()
        screen = dialog(app)
        name = screen.path_input.value
        assert screen.format == "csv" and name.endswith(".csv")
        await pilot.press("tab", "tab", "tab", "enter")  # format → scope → title → file name, enter exports
        await finish(pilot)
        assert not isinstance(app.screen, ExportScreen)
    rows = list(csv.reader(io.StringIO((tmp_path / name).read_text(), newline="")))
    assert rows[0][0] == "capability_id" and len(rows) > 1


async def test_typed_extension_picks_the_format(mini_catalog, tmp_path):
    app = ExplorerApp(mini_catalog)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_dialog(pilot)
        await set_path(pilot, "compare.html")
        assert screen.format == "html"
        assert screen.query_one("#format-html", RadioButton).value
        await press_export(pilot)
    assert (tmp_path / "compare.html").read_text().startswith("<!doctype html>")


async def test_overwrite_asks_first(mini_catalog, tmp_path):
    target = tmp_path / "report.md"
    target.write_text("keep me")
    app = ExplorerApp(mini_catalog)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_dialog(pilot)
        await set_path(pilot, "report.md")
        await press_export(pilot)
        assert dialog(app) is screen
        assert "already exists" in screen.message() and str(target) in screen.message()
        assert str(screen.query_one("#export-write", Button).label) == "Overwrite"
        assert target.read_text() == "keep me"
        await press_export(pilot)  # second press replaces it
        assert not isinstance(app.screen, ExportScreen)
    assert target.read_text().startswith("# Integration comparison")


async def test_changing_the_name_cancels_the_overwrite(mini_catalog, tmp_path):
    (tmp_path / "a.md").write_text("keep a")
    app = ExplorerApp(mini_catalog)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_dialog(pilot)
        await set_path(pilot, "a.md")
        await press_export(pilot)
        await set_path(pilot, "b.md")
        assert str(screen.query_one("#export-write", Button).label) == "Export"
        (tmp_path / "b.md").write_text("keep b")
        await press_export(pilot)
        assert dialog(app) is screen and "b.md already exists" in screen.message()
    assert (tmp_path / "a.md").read_text() == "keep a" and (tmp_path / "b.md").read_text() == "keep b"


async def test_bad_path_shows_the_error_in_the_dialog(mini_catalog, tmp_path):
    app = ExplorerApp(mini_catalog)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_dialog(pilot)
        await set_path(pilot, "no/such/folder/r.md")
        await press_export(pilot)
        assert dialog(app) is screen  # still open, no crash
        assert screen.message().startswith(f"cannot write {tmp_path / 'no/such/folder/r.md'}: ")
        await set_path(pilot, "")
        await press_export(pilot)
        assert screen.message() == "Type a file name."
        await set_path(pilot, str(tmp_path))  # a folder
        await press_export(pilot)
        assert "it is a folder" in screen.message()


async def test_current_view_keeps_filters_and_everything_drops_them(mini_catalog, tmp_path):
    app = ExplorerApp(mini_catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")  # cloud off: onsite only
        await pilot.pause()
        await open_dialog(pilot)
        await set_path(pilot, "view.json")
        await press_export(pilot)
        await open_dialog(pilot)
        await choose(pilot, "scope-all")
        await set_path(pilot, "all.json")
        await press_export(pilot)
    view = json.loads((tmp_path / "view.json").read_text())
    everything = json.loads((tmp_path / "all.json").read_text())
    assert view["scope"] == "view" and view["filters"]["environments"] == ["onsite"]
    assert everything["scope"] == "all" and everything["filters"]["environments"] == ["cloud", "onsite"]
    assert sum(len(g["rows"]) for g in everything["groups"]) == len(mini_catalog.capabilities)


async def test_empty_view_is_not_exported(mini_catalog, tmp_path):
    app = ExplorerApp(mini_catalog, query="zzzzqqq")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = await open_dialog(pilot)
        await press_export(pilot)
        assert dialog(app) is screen
        assert screen.message() == "Nothing to export: the view shows no rows."
    assert not list(tmp_path.glob("so-explorer-*"))


async def test_active_shortlist_scope(mini_catalog, tmp_path, tmp_config):
    store, _ = BookmarkStore.open(tmp_config)  # the app loads these bookmarks at start
    store.create_shortlist("[b]Project[/b]")
    store.switch_shortlist("[b]Project[/b]")
    store.add("gamma.rest", "gamma", "check [red]limits[/red]")
    assert store.save()
    app = ExplorerApp(mini_catalog)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_dialog(pilot)
        button = screen.query_one("#scope-shortlist", RadioButton)
        assert not button.disabled
        assert "“[b]Project[/b]” (1 bookmark)" in str(button.label)  # shown as text, not markup
        await choose(pilot, "scope-shortlist")
        await set_path(pilot, "short.json")
        await press_export(pilot)
    doc = json.loads((tmp_path / "short.json").read_text())
    assert doc["scope"] == "shortlist" and doc["shortlist_name"] == "[b]Project[/b]"
    assert [(i["point_id"], i["note"]) for i in doc["shortlist"]] == [("gamma.rest", "check [red]limits[/red]")]


async def test_key_hint_follows_the_keymap(mini_catalog, tmp_path):
    app = ExplorerApp(mini_catalog)
    async with app.run_test(size=SIZE) as pilot:
        app.set_keymap({"export-write": "f5"})
        screen = await open_dialog(pilot)
        hint = str(screen.query_one("#export-message").content)
        assert "f5 export" in hint and "esc cancel" in hint
        await set_path(pilot, "keys.md")
        await pilot.press("f5")
        await finish(pilot)
    assert (tmp_path / "keys.md").exists()
