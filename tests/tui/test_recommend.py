"""The ``w`` Which approach? screen: every key at 80×24 and 160×45, the export dialog, the
palette and help, remapping, and the issue's question in under 10 keystrokes."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, Static

from explorer.core.bookmarks import BookmarkStore
from explorer.core.catalog import load_catalog
from explorer.core.filters import Filters
from explorer.core.model import NEEDS
from explorer.core.recommend import NeedResult, Option
from explorer.core.settings import keys as km
from explorer.tui.app import ExplorerApp
from explorer.tui.commands import app_commands
from explorer.tui.screens.help import help_content
from explorer.tui.screens.recommend import RecommendScreen
from explorer.tui.screens.recommend_export import RecommendExportScreen
from tests.catalogs import ROOT, SHOP

SIZES = [(80, 24), (160, 45)]
HOSTILE = ROOT / "tests" / "unit" / "report" / "fixtures" / "hostile_recommend.yaml"


@pytest.fixture(scope="module")
def shop():
    return load_catalog([str(SHOP)])


def app_on(catalog, config: Path, **options) -> ExplorerApp:
    return ExplorerApp(catalog, config_dir=str(config), **options)


async def open_screen(pilot, key: str = "w") -> RecommendScreen:
    await pilot.press(key)
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, RecommendScreen)
    return screen


def lines(screen: RecommendScreen, selector: str = "#recommend-options") -> list[str]:
    ol = screen.query_one(selector, OptionList)
    return [ol.get_option_at_index(i).prompt.plain for i in range(ol.option_count)]


def detail(screen: RecommendScreen) -> str:
    return str(screen.query_one("#recommend-reasons", Static).content)


def toasts(app: ExplorerApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


@pytest.mark.parametrize("size", SIZES)
async def test_w_opens_with_the_main_filters_and_esc_closes(shop, tmp_config, size) -> None:
    app = app_on(shop, tmp_config, filters=Filters.from_lists(["cloud"], ["web"]), explicit_filters=True)
    async with app.run_test(size=size) as pilot:
        screen = await open_screen(pilot)
        assert screen.environments == {"cloud"} and screen.clients == {"web"}
        customer = str(screen.query_one("#recommend-customer", Static).content)
        assert "1 ☑ cloud" in customer and "2 ☐ onsite" in customer and "4 ☑ web" in customer
        assert lines(screen)[0].startswith("Tick the customer's needs: u ui, a action, e events")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, RecommendScreen)
        assert app.filters == Filters.from_lists(["cloud"], ["web"])


@pytest.mark.parametrize("size", SIZES)
async def test_each_need_is_one_key_and_options_follow(shop, tmp_config, size) -> None:
    app = app_on(shop, tmp_config)
    async with app.run_test(size=size) as pilot:
        screen = await open_screen(pilot)
        for need, key in km.NEED_KEYS.items():
            await pilot.press(key)
            assert screen.needs[-1] == need
            assert any(isinstance(e, Option) and e.need == need for e in screen.entries) or (
                f"{NEEDS[need][:1].upper()}{NEEDS[need][1:]} ({need})  0 options" in lines(screen))
            checklist = lines(screen, "#recommend-needs")
            assert f"☑ {key} {NEEDS[need]}" in checklist
        assert screen.needs == tuple(NEEDS)
        await pilot.press("u", "e")
        assert "ui" not in screen.needs and "events" not in screen.needs
        assert "☐ u show our data inside SuperOffice" in lines(screen, "#recommend-needs")


@pytest.mark.parametrize("size", SIZES)
async def test_customer_keys_rank_again(shop, tmp_config, size) -> None:
    app = app_on(shop, tmp_config)
    async with app.run_test(size=size) as pilot:
        screen = await open_screen(pilot)
        await pilot.press("2", "3", "e")  # onsite and win off: cloud, web
        first = screen.highlighted_option()
        assert first is not None and (first.point.id, first.platform.id) == ("api.hooks", "cloud")
        assert "Webhooks" in detail(screen) and "recommended" in detail(screen)
        await pilot.press("1", "2")  # cloud off, onsite on: onsite, web
        assert screen.environments == {"onsite"} and screen.clients == {"web"}
        first = screen.highlighted_option()
        assert first is not None and first.platform.id == "webon", "the highlight stays on the same point"
        await pilot.press("4", "3")  # web off, win on: onsite, win
        assert screen.clients == {"win"}
        assert screen.highlighted_option().platform.id == "api"


@pytest.mark.parametrize("size", SIZES)
async def test_moving_shows_reasons_and_the_excluded_entry_says_why(shop, tmp_config, size) -> None:
    app = app_on(shop, tmp_config)
    async with app.run_test(size=size) as pilot:
        screen = await open_screen(pilot)
        await pilot.press("2", "3", "e")
        assert lines(screen)[:4] == [
            "Be told when data changes (events)  2 options",
            " 1 ★ recommended Webhooks · Cloud · your server · push" if size[0] >= 100 else
            " 1 ★ Webhooks · Cloud · your server · push",
            " 2 ◐ possible    Script handlers · Cloud · SuperOffice · push" if size[0] >= 100 else
            " 2 ◐ Script handlers · Cloud · SuperOffice · push",
            "   ✗ 2 excluded: why",
        ]
        await pilot.press("down")
        assert screen.highlighted_option().point.id == "api.handler"
        assert "✗ possible: only partly available on Cloud" in detail(screen)
        await pilot.press("down")
        assert isinstance(screen.highlighted(), NeedResult)
        text = detail(screen)
        assert "Desk event listeners (Desk): onsite only, win client only" in text
        assert "Onsite scripts (Web onsite): Web onsite: onsite only; Cloud: not available" in text


@pytest.mark.parametrize("size", SIZES)
async def test_enter_jumps_to_the_option_in_the_grid(shop, tmp_config, size) -> None:
    app = app_on(shop, tmp_config)
    async with app.run_test(size=size) as pilot:
        await open_screen(pilot)
        await pilot.press("2", "3", "e", "down", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, RecommendScreen)
        point, platform = app.highlighted()
        assert (point.id, platform) == ("api.handler", "cloud")
        assert app.focused is app.grid


async def test_enter_applies_the_screens_filters_when_the_grid_hides_the_option(shop, tmp_config) -> None:
    app = app_on(shop, tmp_config, filters=Filters.from_lists(["onsite"], ["win"]), explicit_filters=True)
    async with app.run_test(size=(160, 45)) as pilot:
        await open_screen(pilot)
        await pilot.press("1", "2", "4", "3", "e", "enter")  # cloud and web instead
        await pilot.pause()
        assert app.filters == Filters.from_lists(["cloud"], ["web"])
        point, platform = app.highlighted()
        assert (point.id, platform) == ("api.hooks", "cloud")
        assert any(t.startswith("Filters set as on the Which approach? screen") for t in toasts(app))


@pytest.mark.parametrize("size", SIZES)
async def test_b_bookmarks_the_option_in_the_active_shortlist(shop, tmp_config, size) -> None:
    app = app_on(shop, tmp_config)
    async with app.run_test(size=size) as pilot:
        screen = await open_screen(pilot)
        await pilot.press("2", "3", "e", "b")
        await pilot.pause()
        store, _ = BookmarkStore.open(tmp_config)
        assert store.keys() == {("api.hooks", "cloud")}
        assert "★" in lines(screen)[1].split("·")[0]
        assert "★ in the active shortlist" in detail(screen)
        assert any(t.startswith("★ Bookmarked Webhooks on Cloud") for t in toasts(app))
        await pilot.press("b")
        await pilot.pause()
        assert BookmarkStore.open(tmp_config)[0].keys() == set()
        assert isinstance(app.screen, RecommendScreen), "the screen stays open"


@pytest.mark.parametrize("size", SIZES)
async def test_x_exports_the_recommendation_report(shop, tmp_config, tmp_path, monkeypatch, size) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    app = app_on(shop, tmp_config)
    async with app.run_test(size=size) as pilot:
        screen = await open_screen(pilot)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, RecommendScreen), "nothing to export before a need is ticked"
        assert "Tick a need first: there is nothing to export yet" in toasts(app)
        await pilot.press("2", "3", "e", "x")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, RecommendExportScreen)
        await pilot.press(*"Acme <b>")
        dialog.query_one("#export-path", Input).value = "acme.html"
        await pilot.pause()
        assert dialog.format == "html"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        written = tmp_path / "acme.html"
        page = written.read_text(encoding="utf-8")
        assert "<h1>Acme &lt;b&gt;</h1>" in page and "Webhooks" in page
        assert app.screen is screen, "back on the Which approach? screen"
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


async def test_the_export_dialog_asks_before_replacing_a_file(shop, tmp_config, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.md").write_text("keep")
    app = app_on(shop, tmp_config)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_screen(pilot)
        await pilot.press("e", "x")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#export-path", Input).value = "r.md"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "already exists" in dialog.message() and (tmp_path / "r.md").read_text() == "keep"
        dialog.query_one("#export-path", Input).value = "r.csv"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert dialog.message() == "This recommendation is written as Markdown, HTML, JSON; change the file name."


async def test_in_the_palette_and_in_help(shop, tmp_config) -> None:
    app = app_on(shop, tmp_config)
    async with app.run_test(size=(160, 45)):
        titles = [c.title for c in app_commands(app)]
        assert km.BY_ID["which-approach"].help in titles
    text = help_content(width=120).plain
    assert "In the Which approach? screen" in text
    assert "Tick or untick the need: be told when data changes" in text


async def test_keys_are_remappable(shop, tmp_config) -> None:
    (tmp_config / "config.yaml").write_text("keymap:\n  which-approach: f6\n  need-events: v\n", encoding="utf-8")
    app = app_on(shop, tmp_config)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_screen(pilot, "f6")
        await pilot.press("v")
        assert screen.needs == ("events",)
        assert "☑ v be told when data changes" in lines(screen, "#recommend-needs")
        await pilot.press("e")
        assert screen.needs == ("events",), "e no longer ticks events"


async def test_catalog_text_is_shown_as_text(tmp_config) -> None:
    app = app_on(load_catalog([str(HOSTILE)]), tmp_config)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_screen(pilot)
        await pilot.press("e")
        assert "Web | hooks <img src=x onerror=alert(1)> **bold** [x](https://evil.example)" in lines(screen)[1]
        assert "Pipe | and <b>tag</b>" in detail(screen)


@pytest.mark.parametrize("size", SIZES)
async def test_the_issues_question_in_under_10_keys_with_reasons(tmp_config, size) -> None:
    """CRM Online customer on the web client; notify our server when a ticket changes, and
    show our order data inside SuperOffice."""
    keys = ["w", "2", "3", "e", "u"]
    app = app_on(load_catalog(), tmp_config)
    async with app.run_test(size=size) as pilot:
        for key in keys:
            await pilot.press(key)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RecommendScreen) and len(keys) < 10
        first = screen.highlighted_option()
        assert (first.point.id, first.platform.id) == ("netserver.webhooks", "online")
        ui = [e.point.id for e in screen.entries if isinstance(e, Option) and e.need == "ui"]
        assert "online.web-panels" in ui[:2]
        text = detail(screen)
        assert "recommended: available" in text and "runs on your own server or service" in text
        assert "push: SuperOffice calls your code" in text


def test_snapshot_at_80x24(snap_compare, tmp_path) -> None:
    app = ExplorerApp(load_catalog([str(SHOP)]), config_dir=tmp_path / "config")
    assert snap_compare(app, press=["w", "2", "3", "e", "u"], terminal_size=(80, 24))
