"""Search in the app: as you type, across panes, highlights, count, jumps, stale results."""

from __future__ import annotations

import threading

import explorer.tui.search_runner as app_module
from explorer.core.search import SearchEngine
from explorer.tui.widgets.grid import ComparisonGrid
from explorer.tui.widgets.search_bar import SearchBar, SearchInput


def rows(app) -> list[str]:
    return [row.capability.id for row in app.view.rows]


def count_label(app) -> str:
    return app.query_one(SearchBar).count_text


async def test_typing_narrows_rows_and_counts(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("slash", "s")
        assert len(rows(app)) < 4 or count_label(app).endswith("matches")
        await pilot.press(*"oap")
        assert rows(app) == ["legacy"]
        assert count_label(app) == "1 match"
        assert app.view.counts == {"alpha": 0, "beta": 0, "gamma": 1}
        assert "0 of 2 shown" in "\n".join(app.query_one("#pane-headers").visible_lines())
        await pilot.press("backspace", "backspace", "backspace", "backspace", *"web")
        assert set(rows(app)) == {"panels", "hooks"}
        assert count_label(app) == f"{len(app.view.hits)} matches"
        await pilot.press(*"zzzz")
        assert rows(app) == []
        assert count_label(app) == "no match"
        assert app.query_one(ComparisonGrid).visible_lines()[0] == ""
        assert "Nothing to show" in app.query_one("#detail").plain


async def test_matches_are_highlighted_in_names(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("slash", *"soap")
        assert app.view.highlights[("gamma.soap", "gamma")] == ((0, 4),)
        grid = app.query_one(ComparisonGrid)
        strip = grid.render_line(0)
        match_style = grid.get_component_rich_style("grid--match", partial=True)
        styled = "".join(seg.text for seg in strip if seg.style and seg.style.reverse)
        assert "SOAP" in styled
        assert match_style.reverse
        plain = "".join(seg.text for seg in strip if not (seg.style and seg.style.reverse))
        assert "services" in plain  # the rest of the name is not highlighted


async def test_enter_jumps_to_best_match(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("l", "l")  # start elsewhere
        await pilot.press("slash", *"rest", "enter")
        assert isinstance(app.focused, ComparisonGrid)
        best = app.view.hits[0]
        point, platform = app.highlighted()
        assert (point.id, platform) == (best.point.id, best.platform) == ("gamma.rest", "gamma")


async def test_down_in_search_goes_to_grid_and_keeps_query(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("slash", *"web", "down")
        assert isinstance(app.focused, ComparisonGrid)
        assert app.query_one(SearchInput).value == "web"
        await pilot.press("j")  # grid keys work again
        assert app.is_running


async def test_escape_clears_search_and_restores_rows(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("slash", *"soap")
        assert rows(app) == ["legacy"]
        await pilot.press("escape")
        assert rows(app) == ["panels", "hooks", "api", "legacy"]
        assert count_label(app) == ""
        assert app.view.highlights == {}


async def test_search_combines_with_filters_and_differences(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("slash", *"web", "escape", "escape")  # keep the query, back to grid
        # escape cleared it: type again and leave with down instead
        await pilot.press("slash", *"web", "down")
        with_web = {(h.point.id, h.platform) for h in app.view.hits}
        assert ("beta.panels", "beta") in with_web
        await pilot.press("4")  # web client off: beta's hits disappear
        assert all(h.platform != "beta" for h in app.view.hits)
        assert sum(app.view.counts.values()) == sum(len(c.entries) for r in app.view.rows for c in r.cells)
        assert count_label(app) == f"{len(app.view.hits)} match" + ("es" if len(app.view.hits) != 1 else "")
        await pilot.press("4", "d")  # differences: the hooks row (all agree) goes
        assert "hooks" not in rows(app)
        assert "panels" in rows(app)


async def test_initial_query_from_command_line(make_app):
    app = make_app(query="soap")
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert app.query_one(SearchInput).value == "soap"
        assert rows(app) == ["legacy"]
        assert app.highlighted()[0].id == "gamma.soap"
        assert count_label(app) == "1 match"


async def test_query_is_cleaned_of_control_characters(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        app.query_one(SearchInput).value = "so\x1b]52;c;SGVsbG8=\x07ap"
        await pilot.pause()
        assert app.query_text == "soap"
        assert rows(app) == ["legacy"]
        assert app.clipboard == ""


async def test_stale_results_never_overwrite(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("slash", *"soap")
        requests = app.search.requests
        old = requests.ask("soap ")  # a ticket that a newer request will outdate
        await pilot.press("backspace", "backspace", "backspace", "backspace", *"rest")
        assert not requests.is_current(old)
        stale_hits = SearchEngine(app.catalog).search("soap")
        app.search._deliver_if_current("soap", old, stale_hits)
        assert rows(app) == ["api"]
        assert app.query_text == "rest"


async def test_worker_search_for_big_catalogs(make_app, monkeypatch):
    monkeypatch.setattr(app_module, "SYNC_SEARCH_LIMIT", 0)  # every search in the worker
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("slash", *"soap")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert rows(app) == ["legacy"]
        assert count_label(app) == "1 match"


async def test_worker_drops_results_of_a_stale_query(make_app, monkeypatch):
    monkeypatch.setattr(app_module, "SYNC_SEARCH_LIMIT", 0)
    release = threading.Event()
    started = threading.Event()
    real_match = SearchEngine.match  # what the app's search runner calls

    def slow_match(self, query, *args, **kwargs):
        if query == "soap":  # the old query is slow: its results arrive after the new one
            started.set()
            release.wait(5)
        return real_match(self, query, *args, **kwargs)

    monkeypatch.setattr(SearchEngine, "match", slow_match)
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        app.run_search("soap")
        for _ in range(200):  # the worker thread starts from the event loop
            if started.is_set():
                break
            await pilot.pause(0.02)
        assert started.is_set()
        app.run_search("rest")  # newer; waits for the one-at-a-time lock
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.query_text == "rest"
        assert rows(app) == ["api"]


async def test_a_search_requested_before_a_newer_one_never_runs(make_app, monkeypatch):
    monkeypatch.setattr(app_module, "SYNC_SEARCH_LIMIT", 0)
    calls: list[str] = []
    real = SearchEngine._search
    monkeypatch.setattr(SearchEngine, "_search", lambda self, q, *a: calls.append(q.text) or real(self, q, *a))
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        app.run_search("rest")
        await app.workers.wait_for_complete()
        await pilot.pause()
        old = app.search.requests.ask("soap")
        app.run_search("api")  # newer: the "soap" ticket is outdated before its worker runs
        calls.clear()
        app.search._in_worker("soap", old)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "soap" not in calls  # a stale request never even runs the engine
        assert app.query_text == "api"


async def test_a_failing_engine_never_crashes_the_app(make_app, monkeypatch):
    def broken(self, query, *args, **kwargs):
        raise ValueError("index out of shape [b]")

    monkeypatch.setattr(SearchEngine, "match", broken)  # what the app's search runner calls
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("slash", *"web")
        await pilot.pause()
        assert app.is_running
        assert rows(app) == []
        assert count_label(app) == "no match"
        assert any("Search failed: ValueError: index out of shape [b]" in str(n.message) for n in app._notifications)
        await pilot.press("escape")
        assert len(rows(app)) == 4


async def test_the_detail_panel_says_what_a_synonym_matched(make_app):
    from explorer.core.catalog import load_catalog

    app = make_app(load_catalog(None))
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("slash", *"notify our server when a ticket changes")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert "Matched: notify → " in app.query_one("#detail").plain
        # a query without synonyms explains nothing ("/" selects the query: typing replaces it)
        await pilot.press("slash", *"webhooks", "enter")
        await pilot.pause()
        assert app.spec.query == "webhooks" and "Webhooks" in app.query_one("#detail").plain
        assert "Matched:" not in app.query_one("#detail").plain


async def test_the_issues_examples_come_first_in_the_app(make_app):
    """Issue 15's table, typed into the app: enter jumps to the best match."""
    from explorer.core.catalog import load_catalog
    from tests.unit.search.test_relevance import ISSUE_EXAMPLES

    app = make_app(load_catalog(None))
    async with app.run_test(size=(160, 45)) as pilot:
        for query, expected in ISSUE_EXAMPLES.items():
            await pilot.press("slash", *query)  # focusing the search selects its text: typing replaces it
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            _, _, point = app.query_one(ComparisonGrid).current()
            assert point is not None and point.id in expected, (query, point and point.id)
