"""Customer scenarios (scenarios.yaml beside this file) against the bundled catalog."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from explorer.core.catalog import load_catalog
from explorer.core.model import ENVIRONMENTS, NEEDS
from explorer.core.recommend import Question, Recommendation, Recommender

SCENARIOS = yaml.safe_load((Path(__file__).parent / "scenarios.yaml").read_text(encoding="utf-8"))
BUNDLED = load_catalog()
pytestmark = pytest.mark.skipif(
    not any(c.needs for c in BUNDLED.capabilities), reason="the bundled catalog has no needs data yet"
)


def _ask(scenario: dict) -> Recommendation:
    question = Question.make(
        scenario["needs"], scenario.get("env"), scenario.get("client"), has=scenario.get("has")
    )
    return Recommender(BUNDLED).recommend(question)


def test_the_table_covers_every_need_in_both_environments():
    covered = {(env, need) for s in SCENARIOS for env in s.get("env") or ENVIRONMENTS for need in s["needs"]}
    missing = sorted({(env, need) for env in ENVIRONMENTS for need in NEEDS} - covered)
    assert not missing, f"no scenario for {missing}"


def test_every_point_named_in_the_table_is_in_the_catalog():
    named = set()
    for s in SCENARIOS:
        named |= {p for ids in (s.get("leading") or {}).values() for p in ids}
        named |= {p for spec in (s.get("within") or {}).values() for p in spec["ids"]}
        named |= {p for ids in (s.get("excluded") or {}).values() for p in ids}
        named |= set(s.get("fits") or {}) | set(s.get("why") or {})
    assert sorted(p for p in named if BUNDLED.find_point(p) is None) == []


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s["name"] for s in SCENARIOS])
def test_scenario(scenario: dict) -> None:
    rec = _ask(scenario)
    assert rec.fits is not scenario.get("nothing_fits", False)
    for need, expected in (scenario.get("leading") or {}).items():
        got = [o.point.id for o in rec.need(need).options[: len(expected)]]
        assert got == expected, f"{need}: leading {got}"
    for need, spec in (scenario.get("within") or {}).items():
        top = [o.point.id for o in rec.need(need).options[: spec["n"]]]
        assert set(spec["ids"]) <= set(top), f"{need}: first {spec['n']} are {top}"
    options = {o.point.id: o for o in rec.options}
    for point, fit in (scenario.get("fits") or {}).items():
        assert point in options, f"{point} is not offered"
        assert options[point].fit == fit, f"{point}: {options[point].reasons[0].text}"
    for need, expected in (scenario.get("excluded") or {}).items():
        got = {e.point.id for e in rec.need(need).excluded}
        assert set(expected) <= got, f"{need}: not excluded: {sorted(set(expected) - got)}"
    why = {e.point.id: e.why for e in rec.excluded}
    for point, text in (scenario.get("why") or {}).items():
        assert text in why[point], f"{point}: {why[point]}"
