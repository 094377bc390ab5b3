"""Search hits handed over as pair numbers (``SearchEngine.match``, what the app uses) give the
same hits as ``SearchEngine.search`` and the same views as a list of hit objects, on the mini
and bundled catalogs, with and without a tail of unscored hits, under any filters, platforms
and differences mode."""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.core.catalog import load_catalog
from explorer.core.compare import ComparisonIndex
from explorer.core.filters import Filters
from explorer.core.model import CLIENTS, ENVIRONMENTS
from explorer.core.search import SearchEngine
from explorer.core.view import HitSeq, ViewCache, ViewSpec, build_view
from tests.catalogs import MINI

QUERIES = ["a", "w", "we", "web", "soap", "rest api", "!web", "^get", "panel$", "'script", "online",
           "notify when a ticket changes", "xyzzy", "event", "g p", "single sign on"]


@cache
def setup(name: str, exact_limit: int | None):
    catalog = load_catalog([MINI] if name == "mini" else None)
    engine = SearchEngine(catalog) if exact_limit == -1 else SearchEngine(catalog, exact_limit=exact_limit)
    index = ComparisonIndex(catalog)
    return catalog, engine, index, ViewCache(index)


def key(hit) -> tuple:
    return (hit.point.id, hit.platform, hit.score, hit.name_spans, tuple(sorted(hit.spans.items())), hit.explain)


def same_views(catalog, engine, index, views, spec) -> None:
    matches = engine.match(spec.query)
    hits = engine.search(spec.query)
    fast = build_view(index, spec, matches, views)
    slow = build_view(index, spec, list(hits), None)
    assert isinstance(fast.hits, HitSeq) or not spec.query.strip() or spec.filters.kinds
    assert list(fast.rows.indices) == list(slow.rows.indices)
    assert fast.counts == slow.counts and fast.totals == slow.totals
    assert fast.highlights == slow.highlights
    assert fast.explanations == slow.explanations
    assert [key(h) for h in fast.hits] == [key(h) for h in slow.hits]
    assert fast.match_count == slow.match_count
    assert fast.heights() == slow.heights()
    for current in [None, *[(h.point.id, h.platform) for h in list(slow.hits)[:3]]]:
        for step in (1, -1):
            assert fast.step_hit(current, step) == slow.step_hit(current, step)


@pytest.mark.parametrize(("name", "exact_limit"), [("mini", -1), ("bundled", -1), ("bundled", 5)])
@pytest.mark.parametrize("query", QUERIES)
def test_match_gives_the_hits_of_search(name, exact_limit, query):
    _, engine, _, _ = setup(name, exact_limit)
    matches = engine.match(query)
    hits = engine.search(query)
    assert [key(h) for h in matches] == [key(h) for h in hits]
    assert matches.exact_count == hits.exact_count and len(matches) == len(hits)
    assert [key(h) for h in matches.hits()] == [key(h) for h in hits]
    for pair, hit in zip(matches.pairs, hits):
        assert engine.pair_of(hit.point.id, hit.platform) == pair


@pytest.mark.parametrize(("name", "exact_limit"), [("mini", -1), ("bundled", -1), ("bundled", 5)])
@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("differences", [False, True])
def test_views_from_pair_numbers_equal_views_from_hit_objects(name, exact_limit, query, differences):
    catalog, engine, index, views = setup(name, exact_limit)
    platforms = catalog.platform_ids
    for filters in (Filters(), Filters.from_lists(["cloud"]), Filters.from_lists(None, ["web"]),
                    Filters.from_lists(None, None, ["data-api"])):  # a kind facet: the loop over hits
        same_views(catalog, engine, index, views, ViewSpec(platforms, filters, query, differences))
    same_views(catalog, engine, index, views, ViewSpec(platforms[:2][::-1], Filters(), query, differences))


@cache
def vocabulary() -> list[str]:
    catalog = load_catalog()
    words = {w.lower() for p in catalog.points for w in p.name.replace(".", " ").split()}
    return sorted(w for w in words if w.isalnum())


queries = st.lists(
    st.one_of(st.sampled_from(vocabulary()), st.text("abcdeghilmnoprstuvwy", min_size=1, max_size=3)),
    min_size=1, max_size=3,
).map(" ".join)
filters = st.builds(
    lambda e, c: Filters(frozenset(e), frozenset(c)),
    st.lists(st.sampled_from(ENVIRONMENTS), unique=True),
    st.lists(st.sampled_from(CLIENTS), unique=True),
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(query=queries, chosen=filters, differences=st.booleans(), data=st.data(), limit=st.sampled_from([-1, 3, 20]))
def test_any_query_filters_and_panes_give_the_same_view_either_way(query, chosen, differences, data, limit):
    catalog, engine, index, views = setup("bundled", limit)
    platforms = tuple(data.draw(st.lists(st.sampled_from(catalog.platform_ids), min_size=1, unique=True)))
    same_views(catalog, engine, index, views, ViewSpec(platforms, chosen, query, differences))


@pytest.mark.parametrize("fast", [True, False])
def test_a_view_says_what_the_query_words_were_read_as(fast):
    catalog, engine, index, views = setup("bundled", -1)
    spec = ViewSpec(catalog.platform_ids, Filters(), "notify our server when a ticket changes", False)
    hits = engine.match(spec.query) if fast else list(engine.search(spec.query))
    view = build_view(index, spec, hits, views if fast else None)
    first = view.hits[0]
    assert any(why.startswith("notify → ") for why in view.explanations[(first.point.id, first.platform)])
