"""SVG snapshots of the key screens (pytest-textual-snapshot).

Sync ``def`` tests (``snap_compare`` runs its own event loop), the mini catalog, an empty
config folder, no cursor blink. Update the baselines only after looking at the report:
``pytest tests/tui/test_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

import pytest

from explorer.core.catalog import load_catalog
from explorer.tui.app import ExplorerApp
from tests.catalogs import MINI


@pytest.fixture
def make_app(tmp_path):
    def make() -> ExplorerApp:
        return ExplorerApp(load_catalog([str(MINI)]), config_dir=tmp_path / "config")

    return make


async def no_blink(pilot) -> None:
    pilot.app.search_input.cursor_blink = False
    await pilot.pause()


def test_overview(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=(120, 36), run_before=no_blink)


def test_filters_cloud_only(snap_compare, make_app):
    assert snap_compare(make_app(), press=["2"], terminal_size=(120, 36), run_before=no_blink)


def test_differences_only(snap_compare, make_app):
    assert snap_compare(make_app(), press=["d"], terminal_size=(120, 36), run_before=no_blink)


def test_search(snap_compare, make_app):
    assert snap_compare(make_app(), press=["slash", *"webhooks"], terminal_size=(120, 36), run_before=no_blink)


def test_help_at_80x24(snap_compare, make_app):
    assert snap_compare(make_app(), press=["question_mark"], terminal_size=(80, 24), run_before=no_blink)


def test_platform_chooser(snap_compare, make_app):
    assert snap_compare(
        make_app(), press=["p", "down", "space", "shift+up"], terminal_size=(100, 30), run_before=no_blink
    )
