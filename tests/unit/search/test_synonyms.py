"""What users want in their own words: synonyms, intents mapped onto needs, stop words, and
the loose stage for task-shaped queries; matched synonyms are explained on the hit."""

from __future__ import annotations

from explorer.core.model import Synonym
from explorer.core.search.engine import SearchEngine
from tests.unit.search.build import make_catalog

VOCABULARY = {
    "synonyms": (
        Synonym(("notify", "notification"), ("events",)),
        Synonym(("callback", "push", "call us")),
        Synonym(("custom object", "custom objects"), means=("extra tables",)),
        Synonym(("sso", "single sign on", "single sign-on"), ("auth",)),
        Synonym(("ticket", "request")),
    ),
    "stop_words": ("our", "the", "a", "when"),
}


def catalog(**vocabulary):
    return make_catalog(
        ("Webhooks", {"needs": ("events",), "aliases": ("push",),
                      "summary": "Posts to your URL when a ticket changes."}),
        ("Event subscriptions", {"needs": ("events",)}),
        ("Custom tables and fields (extra tables)", {"needs": ("schema",)}),
        ("Federated authentication", {"needs": ("auth",), "aliases": ("sso",)}),
        ("COM sign-in", {"needs": ("auth",), "keywords": ("single sign-on",)}),
        ("Request triggers", {"needs": ("events",), "summary": "Run when a request is saved."}),
        ("Mass operations", {"needs": ("bulk",)}),
        **(vocabulary or VOCABULARY),
    )


def names(hits) -> list[str]:
    return [h.point.name for h in hits]


def test_an_intent_finds_the_points_whose_capability_serves_its_need():
    hits = SearchEngine(catalog()).search("notify")
    assert set(names(hits)) == {"Webhooks", "Event subscriptions", "Request triggers"}
    subscriptions = next(h for h in hits if h.point.name == "Event subscriptions")
    assert subscriptions.explain == ("notify → events",)


def test_a_synonym_finds_what_its_other_terms_find_and_says_so():
    hits = SearchEngine(catalog()).search("callback")
    assert names(hits) == ["Webhooks"]
    assert hits[0].explain == ("callback → push",)
    assert hits[0].spans == {"aliases.0": ((0, 4),)}  # highlighted as what it matched


def test_means_maps_users_words_onto_the_catalogs():
    hits = SearchEngine(catalog()).search("custom objects")
    assert names(hits)[0] == "Custom tables and fields (extra tables)"
    assert hits[0].explain == ("custom objects → extra tables",)


def test_a_point_that_holds_the_typed_words_keeps_its_own_match():
    hits = SearchEngine(catalog()).search("sso")
    assert names(hits)[0] == "Federated authentication" and hits[0].explain == ()


def test_a_phrase_synonym_beats_a_keyword_that_only_spells_it_out():
    hits = SearchEngine(catalog()).search("single sign on")
    assert names(hits)[:2] == ["Federated authentication", "COM sign-in"]
    assert hits[0].explain == ("single sign on → sso",)


def test_stop_words_do_not_stop_a_match():
    assert names(SearchEngine(catalog()).search("the webhooks"))[0] == "Webhooks"
    without = catalog(synonyms=(), stop_words=())
    assert SearchEngine(without).search("the webhooks") == []


def test_a_task_shaped_query_finds_what_serves_it():
    hits = SearchEngine(catalog()).search("notify our server when a ticket changes")
    assert names(hits)[0] in {"Webhooks", "Request triggers"}
    assert all("server" not in h.point.name.lower() for h in hits)  # nothing matches "server"
    assert any("notify → " in why for h in hits for why in h.explain)


def test_the_loose_stage_keeps_operators_strict():
    engine = SearchEngine(catalog())
    hits = engine.search("notify ticket changes 'hooks")
    assert names(hits) == ["Webhooks"]
    hits = engine.search("notify ticket changes !hooks")
    assert hits and "Webhooks" not in names(hits)


def test_short_queries_stay_strict_as_in_fzf():
    # two words that no point holds together: nothing, rather than either word alone
    assert SearchEngine(catalog()).search("webhooks mass") == []


def test_refine_explains_like_search():
    shared = catalog()
    engine = SearchEngine(shared, exact_limit=1)
    full = {h.point.id: h for h in SearchEngine(shared, exact_limit=None).search("notify")}
    hits = engine.search("notify")
    assert hits.exact_count == 1 and len(hits) == 3
    for hit in hits:
        refined = engine.refine(hit, "notify")
        assert (refined.score, refined.explain) == (full[hit.point.id].score, full[hit.point.id].explain)


def test_a_catalog_without_a_vocabulary_searches_as_before():
    hits = SearchEngine(catalog(synonyms=(), stop_words=())).search("notify")
    assert hits == []


def test_in_a_sentence_a_word_must_start_a_word():
    # three words or more read as a sentence: "erp" scattered over "opERations uPsert" is no match
    shared = make_catalog(
        "Mass operations (insert, upsert, delete, truncate)",
        ("ERP sync connector", {"aliases": ("data exchange",)}),
        stop_words=("to", "our"),
    )
    hits = SearchEngine(shared).search("send data to our erp")
    assert names(hits)[0] == "ERP sync connector"
    # two words are fzf terms: scattered letters still match there
    assert "Mass operations (insert, upsert, delete, truncate)" in names(SearchEngine(shared).search("mass erp"))


def test_a_rare_word_counts_more_than_a_common_one():
    shared = make_catalog(*[f"Data tool {i}" for i in range(8)], "ERP bridge")
    hits = SearchEngine(shared).search("data erp sync")  # no point holds all three
    assert names(hits)[0] == "ERP bridge"


def test_a_loose_hit_ranks_by_how_much_of_the_query_it_matches():
    shared = make_catalog("Notify hub", "Notify ticket hub", "Ticket list")
    hits = SearchEngine(shared).search("notify ticket changes")
    assert names(hits)[0] == "Notify ticket hub"  # two of the three words
    assert set(names(hits)[1:]) == {"Notify hub", "Ticket list"}  # one each
    assert hits[0].score > hits[1].score
