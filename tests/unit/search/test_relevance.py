"""Search relevance on the bundled catalog: the queries of relevance_queries.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from explorer.core.catalog import load_catalog
from explorer.core.search.engine import DEFAULT_EXACT_LIMIT, SearchEngine

QUERIES = Path(__file__).parent / "relevance_queries.yaml"


def load_queries() -> list[dict]:
    return yaml.safe_load(QUERIES.read_text(encoding="utf-8"))["queries"]


def rank_of(hits, expect, platform) -> int | None:
    wanted = {expect} if isinstance(expect, str) else set(expect)
    for index, hit in enumerate(hits):
        if hit.point.id in wanted and (platform is None or hit.platform == platform):
            return index
    return None


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def test_the_relevance_set_is_well_formed(catalog):
    queries = load_queries()
    assert len(queries) >= 45
    for q in queries:
        expected = [q["expect"]] if isinstance(q["expect"], str) else q["expect"]
        for point_id in expected:
            point = catalog.find_point(point_id)
            assert point is not None, f"{q['query']!r}: unknown point {point_id}"
            if q.get("platform"):
                assert point.on(q["platform"]) is not None, f"{q['query']!r}: {point_id} not on {q['platform']}"
    kinds = {q["kind"] for q in queries}
    assert {"typo", "abbreviation", "multi-term", "technology", "platform"} <= kinds


@pytest.mark.parametrize("exact_limit", [None, DEFAULT_EXACT_LIMIT], ids=["all-exact", "top-exact"])
def test_top1_and_top3(catalog, exact_limit):
    # big catalogs score only the top of big result sets exactly: the pick must be right
    engine = SearchEngine(catalog, exact_limit=exact_limit)
    queries = load_queries()
    misses, outside_top3 = [], []
    for q in queries:
        hits = engine.search(q["query"])
        rank = rank_of(hits, q["expect"], q.get("platform"))
        if rank != 0:
            top = [(h.point.id, h.platform, h.score) for h in hits[:3]]
            misses.append(f"{q['query']!r}: expected {q['expect']} at rank {rank}; top 3: {top}")
            if rank is None or rank > 2:
                outside_top3.append(q["query"])
    for line in misses:
        print("MISS", line)
    top1 = 1 - len(misses) / len(queries)
    print(f"top-1 {top1:.1%} over {len(queries)} queries; outside top 3: {outside_top3}")
    assert top1 >= 0.95, "\n".join(misses)
    assert not outside_top3, "\n".join(misses)
