"""Ranking: the point's own name beats aliases and keywords, which beat summaries; the point
that is the term beats an umbrella that mentions it; words split or joined; plurals."""

from __future__ import annotations

from explorer.core.search.engine import SearchEngine
from tests.unit.search.build import make_catalog


def names(hits) -> list[str]:
    return [h.point.name for h in hits]


def covered(hit) -> list[str]:
    return [hit.point.name[a:b] for a, b in hit.name_spans]


def test_name_beats_alias_beats_keyword_beats_summary():
    catalog = make_catalog(
        ("Row filter", {"summary": "Uses the sentry hook."}),
        ("Row guard", {"keywords": ("sentry",)}),
        ("Row access", {"aliases": ("sentry",)}),
        "Sentry hook",
    )
    assert names(SearchEngine(catalog).search("sentry")) == ["Sentry hook", "Row access", "Row guard", "Row filter"]


def test_a_word_of_the_name_beats_an_alias_that_is_the_whole_term():
    catalog = make_catalog(("Web services", {"aliases": ("api",)}), "REST API")
    assert names(SearchEngine(catalog).search("api"))[0] == "REST API"


def test_the_point_that_is_the_term_beats_the_umbrella_that_mentions_it():
    catalog = make_catalog(("Access to Web Services (including webhooks)", {"aliases": ("webapi",)}), "Webhooks")
    engine = SearchEngine(catalog)
    assert names(engine.search("webhooks"))[0] == "Webhooks"
    assert names(engine.search("web hooks"))[0] == "Webhooks"  # one word typed as two
    assert names(engine.search("webhook"))[0] == "Webhooks"  # a plural is the same word


def test_web_api_finds_the_web_apis_above_the_web_services_umbrella():
    catalog = make_catalog(
        ("NetServer web services", {"aliases": ("web services", "api"), "capability_name": "Web service access"}),
        ("REST WebAPI (REST and OData queries)", {"aliases": ("rest", "webapi")}),
        ("Agents WebAPI (HTTP RPC)", {"aliases": ("agents", "rpc")}),
        ("Access to Web Services (including webhooks)", {"aliases": ("web services", "online api", "webapi")}),
    )
    hits = SearchEngine(catalog).search("web api")
    assert set(names(hits)[:2]) == {"REST WebAPI (REST and OData queries)", "Agents WebAPI (HTTP RPC)"}
    assert covered(hits[0]) == ["WebAPI"]


def test_words_typed_together_match_words_written_apart():
    catalog = make_catalog("User-defined Fields", "Custom list items", "App Store apps", "Screen Designer")
    engine = SearchEngine(catalog)
    hit = engine.search("userdefined")[0]
    assert hit.point.name == "User-defined Fields" and covered(hit) == ["User", "defined"]
    assert names(engine.search("appstore"))[0] == "App Store apps"
    assert names(engine.search("screendesigner")) == ["Screen Designer"]
    assert names(engine.search("user-defined"))[0] == "User-defined Fields"


def test_words_typed_apart_match_a_word_written_as_one():
    catalog = make_catalog("SharePoint documents", "Share a point of view", "SuperMacro", "Super macros and lists")
    engine = SearchEngine(catalog)
    assert names(engine.search("share point"))[0] == "SharePoint documents"
    assert names(engine.search("super macro"))[0] == "SuperMacro"  # the name is the word
    assert names(engine.search("supermacro"))[0] == "SuperMacro"


def test_a_join_is_only_tried_where_the_words_are_written_together():
    catalog = make_catalog("Custom lists", "Custom list items")
    hits = SearchEngine(catalog).search("custom list item")
    assert names(hits)[0] == "Custom list items"


def test_a_plural_finds_its_singular():
    catalog = make_catalog(("Row security", {"summary": "Decides what the current user may see."}), "Other")
    assert names(SearchEngine(catalog).search("users")) == ["Row security"]


def test_an_alias_that_is_the_term_breaks_a_tie_of_names():
    catalog = make_catalog("SOAP action: admin", ("SOAP web services (WCF)", {"aliases": ("soap",)}))
    assert names(SearchEngine(catalog).search("soap"))[0] == "SOAP web services (WCF)"


def test_a_word_is_not_found_as_initials_of_other_words():
    catalog = make_catalog("Dialogs and tasks app", ("Reports", {"summary": "Reads data nightly."}))
    assert names(SearchEngine(catalog).search("data"))[0] == "Reports"
    # initials still work for what is not a word of the catalog
    assert names(SearchEngine(catalog).search("dat"))[0] == "Dialogs and tasks app"


def test_a_term_naming_the_platform_decides_between_one_points_pairs():
    catalog = make_catalog(("Web API", {"on": ("alpha", "beta")}), platforms=("alpha", "beta"))
    hits = SearchEngine(catalog).search("web api beta")
    assert [(h.point.name, h.platform) for h in hits] == [("Web API", "beta")]
    hits = SearchEngine(catalog).search("web api")
    assert [h.platform for h in hits] == ["alpha", "beta"]
