"""Properties of every recommendation, for any question, on the test catalog and the bundled one."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.core.catalog import load_catalog
from explorer.core.model import CLIENTS, ENVIRONMENTS, NEEDS, Catalog, Status
from explorer.core.recommend import FITS, MISSING, Question, Recommender
from explorer.core.report import recommendation_dict

SHOP = Path(__file__).parent / "fixtures" / "shop.yaml"
CATALOGS = {"shop": load_catalog([str(SHOP)]), "bundled": load_catalog()}
ENGINES = {name: Recommender(catalog) for name, catalog in CATALOGS.items()}


def subset(values) -> st.SearchStrategy[list]:
    return st.lists(st.sampled_from(list(values)), unique=True)


def questions(catalog: Catalog) -> st.SearchStrategy[Question]:
    requirement_ids = [r.id for r in catalog.requirements]
    return st.builds(
        Question.make,
        st.lists(st.sampled_from(list(NEEDS)), min_size=1, max_size=4, unique=True),
        subset(ENVIRONMENTS),
        subset(CLIENTS),
        subset(list(catalog.platform_ids)),
        st.none() | subset(requirement_ids),
    )


def check_property(test, catalog: str) -> None:
    """Run ``test(engine, question)`` for generated questions on one catalog."""
    engine = ENGINES[catalog]

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(question=questions(engine.catalog))
    def run(question: Question) -> None:
        test(engine, question)

    run()


def _deterministic(engine: Recommender, question: Question) -> None:
    first = recommendation_dict(engine.recommend(question), limit=0)
    again = recommendation_dict(Recommender(engine.catalog).recommend(question), limit=0)
    assert first == again


def _recommended_runs_for_the_customer(engine: Recommender, question: Question) -> None:
    for option in engine.recommend(question).options:
        av = option.availability
        assert set(av.environments) & set(question.wanted_environments)
        assert set(av.clients) & set(question.wanted_clients)
        assert not question.platforms or option.platform.id in question.platforms
        if option.fit == "recommended":
            assert option.status is Status.AVAILABLE and av.status is Status.AVAILABLE
            assert not option.lifecycle, "a lifecycle warning never goes with recommended"


def _excluded_never_among_options(engine: Recommender, question: Question) -> None:
    for result in engine.recommend(question).needs:
        offered = {o.point.id for o in result.options}
        assert offered.isdisjoint(e.point.id for e in result.excluded)
        assert {o.capability.id for o in result.options}.isdisjoint(u.capability.id for u in result.undocumented)
        for entry in result.excluded:
            assert entry.why


def _unmet_requirements_never_recommended(engine: Recommender, question: Question) -> None:
    for option in engine.recommend(question).options:
        missing = [c for c in option.requires if c.state == MISSING and c.gating]
        if missing:
            assert option.fit != "recommended"
            assert question.has is not None and not set(missing[0].ref.ids) & set(question.has)


def _ranked_best_first(engine: Recommender, question: Question) -> None:
    for result in engine.recommend(question).needs:
        fits = [FITS.index(o.fit) for o in result.options]
        assert fits == sorted(fits)
        assert [o.rank for o in result.options] == list(range(1, len(result.options) + 1))
        assert all(o.need == result.need for o in result.options)


PROPERTIES = {
    "deterministic": _deterministic,
    "recommended-runs-for-the-customer": _recommended_runs_for_the_customer,
    "excluded-never-among-options": _excluded_never_among_options,
    "unmet-requirements-never-recommended": _unmet_requirements_never_recommended,
    "ranked-best-first": _ranked_best_first,
}
CASES = [(prop, name) for prop in PROPERTIES for name in CATALOGS]


@pytest.mark.parametrize(("prop", "catalog"), CASES)
def test_property(prop: str, catalog: str) -> None:
    if catalog == "bundled" and not any(c.needs for c in CATALOGS["bundled"].capabilities):
        pytest.skip("the bundled catalog has no needs data yet")
    check_property(PROPERTIES[prop], catalog)
