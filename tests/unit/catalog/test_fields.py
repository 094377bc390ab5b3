"""Requirements, needs, traits, lifecycle dates and the checked date: loaded, validated, cached."""

from __future__ import annotations

import pytest

from explorer.core.catalog import CatalogError, load_catalog
from explorer.core.model import NEEDS, Lifecycle, Traits
from tests.catalogs import MINI


def test_new_fields_load(mini_catalog):
    assert mini_catalog.info.checked == "2026-12-02"
    assert [r.id for r in mini_catalog.requirements] == ["dev-tools", "core-plan"]
    assert mini_catalog.requirement("dev-tools").kind == "licence"
    hooks = mini_catalog.capability("hooks")
    assert hooks.needs == ("events",)
    assert hooks.traits == Traits("our-server", "push", "Seconds after the save.")
    webhook = mini_catalog.point("gamma.webhooks")
    (ref,) = webhook.requires
    assert ref.ids == ("dev-tools", "core-plan")
    assert ref.applies("gamma", ("cloud",)) and not ref.applies("gamma", ("onsite",))
    # a point's traits override its capability's, key by key
    assert mini_catalog.traits_of(mini_catalog.point("alpha.events")).runs_on == "client"
    assert mini_catalog.traits_of(mini_catalog.point("alpha.events")).delivery == "push"
    soap = mini_catalog.point("gamma.soap").lifecycle[0]
    assert soap.label() == "phase-out started 2023, removal at 13: Removal targeted for version 13."


def test_lifecycle_ranks_follow_the_documented_order():
    order = ["active", "legacy", "deprecated", "phase-out", "no-longer-supported", "discontinued"]
    assert [Lifecycle(s, "x").rank for s in order] == list(range(6))
    assert not Lifecycle("active", "x").warns and Lifecycle("no-longer-supported", "x").warns
    assert Lifecycle("no-longer-supported", "x", last_version="10.2.9").when() == "last supported 10.2.9"


def test_need_ids_are_exactly_the_eleven():
    assert list(NEEDS) == ["ui", "action", "events", "data", "logic", "schema", "bulk", "auth", "email",
                           "documents", "erp"]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("{id: dev-tools, or: [core-plan]", "{id: dev-toolz, or: [core-plan]", "unknown requirement 'dev-toolz'"),
        ("or: [core-plan]", "or: [gold-plan]", "unknown requirement 'gold-plan'"),
        ("needs: [events]", "needs: [event]", "did you mean 'events'"),
        ("runs_on: our-server", "runs_on: cloud", "'cloud' is not one of our-server, superoffice, client"),
        ('checked: "2026-12-02"', 'checked: "yesterday"', "expected form"),
        ("kind: plan", "kind: subscription", "'subscription' is not one of"),
    ],
)
def test_bad_new_fields_are_located(tmp_path, old, new, message):
    text = MINI.read_text()
    assert old in text
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace(old, new, 1))
    line = next(i for i, l in enumerate(bad.read_text().splitlines(), 1) if new.split(":")[0] in l and new in l)
    with pytest.raises(CatalogError) as caught:
        load_catalog([bad])
    problems = caught.value.problems
    assert any(message in p.message and p.line == line for p in problems), problems


def test_requirement_text_names_alternatives_versions_and_scope(mini_catalog):
    ref = mini_catalog.point("gamma.webhooks").requires[0]
    assert mini_catalog.requirement_text(ref) == "Developer licence or Core plan — cloud only"
    from explorer.core.model import RequirementRef

    text = mini_catalog.requirement_text(RequirementRef("dev-tools", (), "9.2 R04", (), ("gamma",), "for the API"))
    assert text == "Developer licence — version 9.2 R04 or later — on Gamma: for the API"
    assert mini_catalog.requirement_text(RequirementRef("unknown-id")) == "unknown-id"
