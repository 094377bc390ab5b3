"""Filters, comparison rows and views on the mini catalog."""

from __future__ import annotations

import pytest

from explorer.core.catalog import load_catalog
from explorer.core.compare import CellState, ComparisonIndex
from explorer.core.filters import Filters
from explorer.core.view import ViewBuilder, ViewSpec
from tests.catalogs import MINI


@pytest.fixture(scope="module")
def catalog():
    return load_catalog([MINI])


@pytest.fixture(scope="module")
def grid(catalog):
    return ComparisonIndex(catalog)


def states(comparison, capability):
    row = next(r for r in comparison.rows if r.capability.id == capability)
    return {c.platform: c.state for c in row.cells}


def test_rows_line_up_by_capability(grid, catalog):
    comparison = grid.compare(catalog.platform_ids, Filters())
    assert [r.capability.id for r in comparison.rows] == ["panels", "hooks", "api", "legacy"]
    assert states(comparison, "panels") == {
        "alpha": CellState.AVAILABLE,
        "beta": CellState.AVAILABLE,
        "gamma": CellState.NOT_AVAILABLE,  # from the capability's "elsewhere"
    }
    # Nobody said anything about alpha and the API: unknown, never "no".
    assert states(comparison, "api")["alpha"] is CellState.UNKNOWN
    hooks = next(r for r in comparison.rows if r.capability.id == "hooks")
    alpha = hooks.cells[0]
    assert [e.point.id for e in alpha.entries] == ["alpha.events"]  # not-available webhooks are no entry
    assert hooks.height == 1


def test_filters_follow_environment_and_client(grid, catalog):
    cloud = grid.compare(catalog.platform_ids, Filters.from_lists(["cloud"]))
    assert cloud.dimmed == {"alpha": "onsite only — filtered out"}
    assert states(cloud, "panels")["alpha"] is CellState.FILTERED
    assert states(cloud, "legacy")["gamma"] is CellState.FILTERED  # SOAP is onsite only
    web_only = grid.compare(catalog.platform_ids, Filters.from_lists(None, ["web"]))
    assert states(web_only, "hooks")["alpha"] is CellState.FILTERED
    assert states(web_only, "api")["gamma"] is CellState.AVAILABLE  # gamma serves win + web


def test_partial_and_agreement(grid):
    two = grid.compare(("beta", "gamma"), Filters())
    hooks = next(r for r in two.rows if r.capability.id == "hooks")
    assert hooks.agree and hooks.outcome == "all"
    legacy = next(r for r in two.rows if r.capability.id == "legacy")
    assert legacy.cells[1].state is CellState.PARTIAL
    assert not legacy.agree and legacy.outcome == "some"
    only_gamma = grid.compare(("gamma",), Filters())
    assert all(r.agree for r in only_gamma.rows)


def test_view_counts_match_rows_and_differences_hide_agreement(grid, catalog):
    builder = ViewBuilder(grid, catalog.platform_ids, Filters())
    view = builder.build(ViewSpec(catalog.platform_ids))
    assert [r.capability.id for r in view.rows] == ["panels", "hooks", "api", "legacy"]
    assert view.counts == {"alpha": 2, "beta": 2, "gamma": 3}
    assert view.totals == view.counts
    two = ViewBuilder(grid, ("beta", "gamma"), Filters())
    diff = two.build(ViewSpec(("beta", "gamma"), differences=True))
    assert [r.capability.id for r in diff.rows] == ["panels", "api", "legacy"]
    assert diff.counts == {"beta": 1, "gamma": 2}


def test_view_with_hits_orders_rows_by_best_hit(grid, catalog):
    from explorer.core.search import SearchEngine

    builder = ViewBuilder(grid, catalog.platform_ids, Filters())
    hits = SearchEngine(catalog).search("soap")
    view = builder.build(ViewSpec(catalog.platform_ids, query="soap"), hits)
    assert [r.capability.id for r in view.rows] == ["legacy"]
    assert view.match_count == 1
    assert view.highlights[("gamma.soap", "gamma")]
    cloud = ViewBuilder(grid, catalog.platform_ids, Filters.from_lists(["cloud"]))
    hidden = cloud.build(ViewSpec(catalog.platform_ids, Filters.from_lists(["cloud"]), "soap"), hits)
    assert hidden.rows == () and hidden.match_count == 0


def test_toggle_and_describe():
    filters = Filters().toggle("cloud").toggle("win")
    assert filters.environments == {"onsite"} and filters.clients == {"web"}
    assert filters.describe() == "environments: onsite; clients: web"
    assert not filters.is_default and Filters().is_default
    with pytest.raises(ValueError):
        Filters().toggle("moon")


def _slow(grid, platforms, filters):
    """Row by row, the obvious way: what the row sets must agree with."""
    comparison = grid.compare(platforms, filters)
    rows = [grid.row(i, comparison) for i in range(len(grid.capabilities))]
    present = [i for i, r in enumerate(rows) if r.present]
    agree = [i for i, r in enumerate(rows) if r.agree]
    counts = {pid: 0 for pid in platforms}
    for i in present:
        for cell in rows[i].cells:
            counts[cell.platform] += len(cell.entries)
    return present, agree, counts


@pytest.mark.parametrize("source", ["mini", "bundled"])
def test_row_sets_match_the_row_by_row_answer_for_every_filter(source):
    from itertools import combinations, product

    from explorer.core.model import CLIENTS, ENVIRONMENTS
    from explorer.core.util.bitsets import indices_of

    catalog = load_catalog([MINI] if source == "mini" else None)
    grid = ComparisonIndex(catalog)
    ids = catalog.platform_ids
    subsets = [ids, ids[:1], ids[1:], tuple(reversed(ids))]
    envs = [e for n in range(3) for e in combinations(ENVIRONMENTS, n)]
    clients = [c for n in range(3) for c in combinations(CLIENTS, n)]
    for platforms, env, client in product(subsets, envs, clients):
        filters = Filters(frozenset(env), frozenset(client))
        comparison = grid.compare(platforms, filters)
        present, agree, counts = _slow(grid, platforms, filters)
        assert indices_of(comparison.present_bits) == present, (platforms, filters)
        assert indices_of(comparison.agree_bits) == agree, (platforms, filters)
        view = ViewBuilder(grid, platforms, filters).build(ViewSpec(platforms, filters))
        assert view.counts == counts
        assert [r.height for r in view.rows] == view.heights()
        diff = ViewBuilder(grid, platforms, filters).build(ViewSpec(platforms, filters, differences=True))
        assert list(diff.row_indices) == [i for i in present if i not in set(agree)]


def test_dimmed_platforms_take_no_part_in_the_comparison(grid, catalog):
    """Issue 13 item 4: a pane the filters empty entirely is not "different"."""
    cloud = Filters.from_lists(["cloud"])
    comparison = grid.compare(catalog.platform_ids, cloud)
    assert set(comparison.dimmed) == {"alpha"} and comparison.compared_ids == ("beta", "gamma")
    hooks = next(r for r in comparison.rows if r.capability.id == "hooks")
    assert hooks.cells[0].state is CellState.FILTERED  # still shown, as filtered
    assert hooks.agree and hooks.outcome == "all"  # beta and gamma both have webhooks
    assert [c.platform for c in hooks.compared] == ["beta", "gamma"]
    diff = ViewBuilder(grid, catalog.platform_ids, cloud).build(ViewSpec(catalog.platform_ids, cloud, differences=True))
    assert "hooks" not in [r.capability.id for r in diff.rows]
    # every platform dimmed: nothing to compare, nothing shows
    none = grid.compare(("alpha",), cloud)
    assert none.present_bits == 0


def test_differences_only_with_cloud_and_web_on_the_bundled_catalog():
    """The issue's case: cloud + web dims Windows and Web onsite; `d` must still hide rows."""
    bundled = load_catalog()
    index = ComparisonIndex(bundled)
    filters = Filters.from_lists(["cloud"], ["web"])
    ids = bundled.platform_ids
    comparison = index.compare(ids, filters)
    assert {"win", "web"} <= set(comparison.dimmed)
    everything = ViewBuilder(index, ids, filters).build(ViewSpec(ids, filters))
    different = ViewBuilder(index, ids, filters).build(ViewSpec(ids, filters, differences=True))
    assert len(different.rows) < len(everything.rows)
    for row in different.rows:
        assert len({c.state.status for c in row.compared}) > 1
