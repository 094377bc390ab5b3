"""The ranking engine on a small catalog built for it (fixtures/shop.yaml)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from explorer.core.catalog import load_catalog
from explorer.core.model import Catalog, Status
from explorer.core.recommend import (
    CHECK,
    MET,
    MISSING,
    NoNeedsData,
    Question,
    QuestionError,
    Recommendation,
    Recommender,
    recommend,
)

SHOP = Path(__file__).parent / "fixtures" / "shop.yaml"


@pytest.fixture(scope="module")
def shop() -> Catalog:
    return load_catalog([str(SHOP)])


def ask(catalog: Catalog, needs, envs=(), clients=(), platforms=(), has=None) -> Recommendation:
    return recommend(catalog, Question.make(needs, envs, clients, platforms, has))


def ids(options) -> list[str]:
    return [o.point.id for o in options]


def reasons(option) -> str:
    return "\n".join(r.text for r in option.reasons)


# --- candidates, platforms and exclusions --------------------------------------------------


def test_cloud_web_events_lead_with_webhooks_on_the_cloud_platform(shop):
    result = ask(shop, ["events"], ["cloud"], ["web"]).need("events")
    assert ids(result.options) == ["api.hooks", "api.handler"]
    hooks = result.options[0]
    assert hooks.fit == "recommended" and hooks.rank == 1
    assert hooks.platform.id == "cloud", "the most specific platform speaks for the customer"
    assert [p.platform.id for p in hooks.also_on] == ["api", "svc"]
    assert "svc: Ticket events too." not in hooks.caveats and "Service: Ticket events too." in hooks.caveats
    assert "Fire-and-forget." in hooks.caveats


def test_excluded_options_say_why(shop):
    result = ask(shop, ["events"], ["cloud"], ["web"]).need("events")
    why = {e.point.id: e.why for e in result.excluded}
    assert why == {
        "desk.events": "onsite only, win client only",
        "webon.script": "Web onsite: onsite only; Cloud: not available",
    }
    script = next(e for e in result.excluded if e.point.id == "webon.script")
    assert script.platform.id == "webon" and script.need == "events"
    assert script.details == (("Web onsite", "onsite only"), ("Cloud", "not available"))


def test_a_discontinued_platform_excludes_its_points_with_its_own_words(shop):
    result = ask(shop, ["events"], ["onsite"], ["win"]).need("events")
    why = {e.point.id: e.why for e in result.excluded}
    assert why["desk.events"] == (
        "The desk client is not shipped from 9 (the Desk platform is discontinued from 9)"
    )
    assert ids(result.options) == ["api.hooks", "api.handler"]
    assert all(o.platform.id == "api" for o in result.options)


def test_a_discontinued_point_is_excluded_even_where_its_platform_fits(shop):
    result = ask(shop, ["schema"], ["onsite"], ["web"]).need("schema")
    assert not result.options
    (entry,) = result.excluded
    assert entry.point.id == "desk.fields" and entry.platform.id == "svc"
    assert entry.why == "Gone with the desk client (the point is discontinued from 9)"


def test_a_partial_cell_makes_an_option_possible_and_says_so(shop):
    handler = ask(shop, ["events"], ["cloud"], ["web"]).need("events").options[1]
    assert handler.point.id == "api.handler"
    assert handler.fit == "possible" and handler.status is Status.PARTIAL
    assert handler.platform.id == "cloud", "the cloud cell is the most specific and says partial"
    assert handler.reasons[0].text == "possible: only partly available on Cloud"
    assert "only partly available on Cloud for cloud, web client: Some events only." in reasons(handler)


def test_an_undocumented_cell_is_possible_never_recommended_nor_dropped(shop):
    result = ask(shop, ["ui"], ["cloud", "onsite"], ["web"], platforms=["svc"]).need("ui")
    (option,) = result.options
    assert option.point.id == "svc.panels"
    assert option.fit == "possible" and option.status is Status.UNKNOWN
    assert "availability on Service is not documented either way: The docs are silent." in reasons(option)


def test_a_documented_platform_speaks_before_an_undocumented_one(shop):
    both = ask(shop, ["ui"], ["cloud"], ["web"]).need("ui")
    assert ids(both.options) == ["cloud.panels", "cloud.tiles", "svc.panels"]
    assert [o.fit for o in both.options] == ["recommended", "recommended", "possible"]
    rest = ask(shop, ["data"], ["cloud"], ["web"]).need("data").options[0]
    assert rest.point.id == "api.rest" and rest.fit == "recommended"
    assert rest.platform.id == "api", "Service is narrower, but says nothing"
    assert [(p.platform.id, p.availability.status) for p in rest.also_on] == [("svc", Status.UNKNOWN)]
    assert "also on Service (unknown)" in reasons(rest)


def test_capabilities_without_an_option_are_listed_as_undocumented(shop):
    result = ask(shop, ["schema"], ["cloud"], ["web"]).need("schema")
    assert [(u.capability.id, u.platform.id, u.note) for u in result.undocumented] == [
        ("fields", "api", ""),
        ("fields", "cloud", "The cloud docs are silent."),
    ]


# --- lifecycle and order ----------------------------------------------------------------


def test_lifecycle_orders_active_legacy_then_phase_out(shop):
    result = ask(shop, ["data"], ["cloud"], ["web"]).need("data")
    assert ids(result.options) == ["api.rest", "api.old", "api.soap"]
    assert [o.fit for o in result.options] == ["recommended", "possible", "avoid"]
    soap = result.options[2]
    assert soap.reasons[0].text == "avoid: phase-out started 2023, removal at 13 (capability SOAP API)"
    assert [n.of for n in soap.lifecycle] == ["capability"]
    old = result.options[1]
    assert old.reasons[0].text == "possible: legacy (point Old RPC API)"


def test_an_approach_offered_on_more_current_platforms_comes_first(shop):
    result = ask(shop, ["ui"], ["cloud"], ["web"]).need("ui")
    panels, tiles = result.options[:2]
    assert (panels.point.id, tiles.point.id) == ("cloud.panels", "cloud.tiles"), "tiles come first in the catalog"
    assert "Panels: offered on 2 of the 4 current platforms (Web onsite, Cloud)" in reasons(panels)
    assert "Tiles: offered on 1 of the 4 current platforms (Cloud)" in reasons(tiles)
    assert [p.id for p in panels.offered_on] == ["webon", "cloud"] and panels.current_platforms == 4


def test_a_capability_made_for_the_need_comes_first_when_all_else_is_equal(shop):
    result = ask(shop, ["events"], ["onsite"], ["web"]).need("events")
    assert ids(result.options) == ["api.hooks", "api.handler", "webon.script"]
    assert result.options[0].reasons[-2].text == "made for this need alone"
    assert "also serves: custom logic that runs inside SuperOffice (logic)" in reasons(result.options[1])


def test_options_that_cover_fewer_of_the_customers_pairs_come_later(shop):
    result = ask(shop, ["events"], ["cloud", "onsite"], ["web"]).need("events")
    script = next(o for o in result.options if o.point.id == "webon.script")
    assert script.covers == (("onsite", "web"),) and script.gaps == (("cloud", "web"),)
    assert "not for cloud, web client" in reasons(script)
    handler = next(o for o in result.options if o.point.id == "api.handler")
    assert handler.gaps == () and handler.status is Status.PARTIAL, "the cloud pair is partial"


def test_ranks_count_from_one_in_order(shop):
    for need in ("events", "data", "ui"):
        options = ask(shop, [need]).need(need).options
        assert [o.rank for o in options] == list(range(1, len(options) + 1))


# --- requirements -------------------------------------------------------------------------


def states(option) -> dict[str, str]:
    return {c.ref.id: c.state for c in option.requires}


def test_requirements_are_to_check_when_the_customer_did_not_say(shop):
    hooks = ask(shop, ["events"], ["cloud"], ["web"]).need("events").options[0]
    assert states(hooks) == {"devtools": CHECK, "app": CHECK}
    assert hooks.fit == "recommended"
    assert hooks.reasons[0].text.endswith("2 requirements to check")


def test_an_alternative_meets_a_requirement_and_a_missing_one_lowers_the_fit(shop):
    hooks = ask(shop, ["events"], ["cloud"], ["web"], has=["coreplan"]).need("events").options[0]
    assert states(hooks) == {"devtools": MET, "app": MISSING}
    assert hooks.fit == "possible"
    assert hooks.reasons[0].text == "possible: Registered app: not granted yet"
    granted = ask(shop, ["events"], ["cloud"], ["web"], has=["coreplan", "app"]).need("events").options[0]
    assert granted.fit == "recommended"


def test_rights_are_checked_never_assumed_missing(shop):
    handler = ask(shop, ["events"], ["onsite"], ["web"], has=["devtools"]).need("events").options[1]
    assert handler.point.id == "api.handler"
    assert states(handler) == {"devtools": MET, "admin": CHECK}
    assert handler.fit == "recommended"


def test_requirements_are_scoped_by_environment_and_platform(shop):
    onsite = ask(shop, ["events"], ["onsite"], ["web"]).need("events").options[0]
    assert states(onsite) == {"devtools": CHECK}, "the app registration applies in the cloud only"
    cloud = ask(shop, ["events"], ["cloud"], ["web"]).need("events").options[0]
    assert [c.where for c in cloud.requires] == ["", "cloud"]
    rest_onsite = ask(shop, ["data"], ["onsite"], ["web"]).need("data").options[0]
    assert rest_onsite.platform.id == "webon" and states(rest_onsite) == {"ver": CHECK}
    assert rest_onsite.requires[0].text == "Minimum version — version 10.1 or later"
    rest_cloud = ask(shop, ["data"], ["cloud"], ["web"]).need("data").options[0]
    assert rest_cloud.requires == ()


# --- scope and the question ---------------------------------------------------------------


def test_platforms_limit_the_scope_and_points_elsewhere_are_not_listed(shop):
    result = ask(shop, ["events"], ["cloud"], ["web"], platforms=["api"]).need("events")
    assert [(o.point.id, o.platform.id) for o in result.options] == [("api.hooks", "api"), ("api.handler", "api")]
    assert result.excluded == ()


def test_a_need_no_capability_serves_fits_nothing(shop):
    rec = ask(shop, ["erp"])
    assert not rec.fits and rec.need("erp").options == () and rec.need("erp").excluded == ()


def test_options_only_to_avoid_do_not_count_as_fitting(shop):
    rec = ask(shop, ["data"], platforms=["api"], has=[])
    assert rec.fits, "the REST API fits"
    soap_only = dataclasses.replace(rec.need("data"), options=rec.need("data").options[-1:])
    assert not soap_only.fits


@pytest.mark.parametrize(
    ("question", "message"),
    [
        (Question.make(["event"]), ("unknown need 'event'; did you mean 'events'? needs: ui, action, events, data, "
         "logic, schema, bulk, auth, email, documents, erp")),
        (Question.make([]), "name at least one need; needs: ui, action"),
        (Question.make(["ui"], ["clod"]), "unknown environment 'clod'; did you mean 'cloud'? environments: cloud, onsite"),
        (Question.make(["ui"], clients=["windows"]), "unknown client 'windows'; did you mean 'win'?"),
        (Question.make(["ui"], platforms=["online"]), "unknown platform 'online'; platforms: desk, api, webon"),
        (Question.make(["ui"], has=["dev-tools"]), ("unknown requirement 'dev-tools'; did you mean 'devtools'? "
         "requirements: devtools, coreplan, app, admin, ver")),
    ],
)
def test_bad_questions_name_the_problem_in_one_line(shop, question, message):
    with pytest.raises(QuestionError) as caught:
        recommend(shop, question)
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_a_catalog_without_needs_data_names_its_capabilities(shop):
    bare = dataclasses.replace(
        shop, capabilities=tuple(dataclasses.replace(c, needs=()) for c in shop.capabilities)
    )
    with pytest.raises(NoNeedsData) as caught:
        recommend(bare, Question.make(["ui"]))
    assert caught.value.capabilities == ("handlers", "notify", "tiles", "panels", "crud", "oldapi", "soap", "fields", "plain")
    assert "(handlers, notify, tiles, panels, crud" in str(caught.value)


def test_the_question_is_normalised(shop):
    q = Question.make(["ui", "ui", "events"], ["onsite", "cloud", "cloud"], ["web", "win"])
    assert q.needs == ("ui", "events")
    assert q.environments == ("cloud", "onsite") and q.clients == ("win", "web")
    assert q.describe() == "cloud + onsite · win + web client · every platform · licences not said"
    assert Question.make(["ui"], has=[]).describe().endswith("has none of the listed licences")


def test_the_recommender_answers_many_questions_the_same(shop):
    engine = Recommender(shop)
    q = Question.make(["events", "data"], ["cloud"], ["web"])
    assert engine.recommend(q) == engine.recommend(q) == recommend(shop, q)
