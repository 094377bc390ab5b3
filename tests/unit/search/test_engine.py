"""The search engine: matching, ranking, query operators, caching and spans."""

from __future__ import annotations

import sys

import pytest

from explorer.core.catalog import load_catalog
from explorer.core.model import Catalog
from explorer.core.search.engine import Hit, SearchEngine, SearchResult
from explorer.core.search.query import Kind, parse_query
from tests.catalogs import FIXTURES, ROOT
from tests.unit.search.build import make_catalog


def ids(hits) -> list[str]:
    return [h.point.id for h in hits]


def names(hits) -> list[str]:
    return [h.point.name for h in hits]


@pytest.fixture(scope="module")
def mini() -> Catalog:
    return load_catalog([FIXTURES / "mini.yaml"])


# --------------------------------------------------------------------------- basics


def test_empty_and_blank_queries_return_nothing(mini):
    engine = SearchEngine(mini)
    for query in ("", "   ", "!web", "'", "^", "!"):
        result = engine.search(query)
        assert result == [] and isinstance(result, SearchResult)


def test_one_hit_per_indexed_pair_and_not_available_is_skipped(mini):
    hits = SearchEngine(mini).search("webhooks")
    assert {(h.point.id, h.platform) for h in hits} == {("gamma.webhooks", "gamma"), ("gamma.webhooks", "beta")}
    assert all(isinstance(h, Hit) and h.capability == "hooks" for h in hits)


def test_every_term_must_match(mini):
    engine = SearchEngine(mini)
    assert set(ids(engine.search("web panels"))) == {"alpha.panels", "beta.panels"}
    assert engine.search("webhooks soap") == []


def test_nothing_matches_returns_empty_list(mini):
    assert SearchEngine(mini).search("zzzqqq") == []


# --------------------------------------------------------------------------- ranking


def test_word_boundary_beats_mid_word():
    catalog = make_catalog("Webhooks", "Hook registry")
    assert names(SearchEngine(catalog).search("hook")) == ["Hook registry", "Webhooks"]


def test_camel_case_hump_beats_mid_word():
    catalog = make_catalog("Magic constants", "getContact")
    assert names(SearchEngine(catalog).search("gc"))[0] == "getContact"


def test_consecutive_run_beats_scattered_letters():
    catalog = make_catalog("Sales of a pipeline", "SOAP client")
    assert names(SearchEngine(catalog).search("soap")) == ["SOAP client", "Sales of a pipeline"]


def test_shorter_name_wins():
    # the term covers more of the shorter name (and would win a tie by length anyway)
    catalog = make_catalog("Sync jobs and queues", "Sync jobs")
    hits = SearchEngine(catalog).search("sync")
    assert names(hits) == ["Sync jobs", "Sync jobs and queues"]
    assert hits[0].score > hits[1].score


def test_equal_names_tie_in_catalog_order():
    catalog = make_catalog("Sync jobs", "Sync jobs")
    hits = SearchEngine(catalog).search("sync")
    assert ids(hits) == ["p0", "p1"] and hits[0].score == hits[1].score


def test_name_outranks_summary():
    catalog = make_catalog(("Other thing", {"summary": "Mentions archive here."}), "Archive")
    assert names(SearchEngine(catalog).search("archive")) == ["Archive", "Other thing"]


def test_summary_needs_a_word_start_not_scattered_letters():
    catalog = make_catalog(("Thing", {"summary": "Reads contacts daily."}))
    engine = SearchEngine(catalog)
    assert ids(engine.search("cont")) == ["p0"]  # word start in the summary
    assert engine.search("ontacts") == []  # mid-word in a long field is noise
    assert engine.search("rcd") == []  # scattered letters in a summary are noise


def test_typos_still_find_their_target():
    catalog = make_catalog("Webhooks", "Sentry plugin", "DataHandlers", "Web panels")
    engine = SearchEngine(catalog)
    assert names(engine.search("webhok"))[0] == "Webhooks"
    assert names(engine.search("sentri"))[0] == "Sentry plugin"
    assert names(engine.search("datahandlr"))[0] == "DataHandlers"
    assert names(engine.search("datahamdlers"))[0] == "DataHandlers"


def test_short_terms_get_no_typo_tolerance():
    catalog = make_catalog("Name list")
    engine = SearchEngine(catalog)
    assert engine.search("nma") == []  # 3 letters: no edit allowed
    assert names(engine.search("nane")) == ["Name list"]  # 4 letters: one


def test_technology_and_alias_fields_match():
    catalog = make_catalog(
        ("Event subscriptions", {"technologies": ("COM", "vbScript")}),
        ("Row access", {"aliases": ("sentry",)}),
    )
    engine = SearchEngine(catalog)
    hits = engine.search("vbscript")
    assert names(hits) == ["Event subscriptions"] and "technologies.1" in hits[0].spans
    assert names(engine.search("sentry")) == ["Row access"]


def test_capability_name_matches():
    catalog = make_catalog(("Thing", {"capability_name": "Database mirroring"}))
    hits = SearchEngine(catalog).search("mirroring")
    assert ids(hits) == ["p0"] and hits[0].spans["capability"] == ((9, 18),)


def test_platform_names_qualify_a_query():
    catalog = make_catalog(("Web panels", {"on": ("alpha", "beta")}), "Beta pane tools")
    hits = SearchEngine(catalog).search("beta panels")
    assert (hits[0].point.name, hits[0].platform) == ("Web panels", "beta")
    assert "platform.short_name" in hits[0].spans


def test_a_word_that_names_a_platform_matches_its_pairs():
    catalog = make_catalog(("Web panels", {"on": ("alpha", "beta")}))
    hits = SearchEngine(catalog).search("alpha")
    assert [(h.point.id, h.platform) for h in hits] == [("p0", "alpha")]
    assert SearchEngine(catalog).search("alp") == []  # a platform must be named by a whole word


# --------------------------------------------------------------------------- query operators


def test_parse_query_operators():
    terms = parse_query("sbtrkt 'wild ^music .mp3$ ^word$ !fire !^pre !post$").terms
    assert [(t.kind, t.text, t.negate) for t in terms] == [
        (Kind.FUZZY, "sbtrkt", False),
        (Kind.EXACT, "wild", False),
        (Kind.PREFIX, "music", False),
        (Kind.SUFFIX, ".mp3", False),
        (Kind.WORD, "word", False),
        (Kind.EXACT, "fire", True),
        (Kind.PREFIX, "pre", True),
        (Kind.SUFFIX, "post", True),
    ]


def test_exact_term_needs_a_substring():
    catalog = make_catalog("Webhooks", "Web hook settings")
    engine = SearchEngine(catalog)
    assert set(names(engine.search("whks"))) == {"Webhooks", "Web hook settings"}
    assert names(engine.search("'bhoo")) == ["Webhooks"]
    assert engine.search("'whks") == []


def test_prefix_term_needs_a_word_start():
    catalog = make_catalog("Webhooks", "Hook registry", "getHookList")
    engine = SearchEngine(catalog)
    assert set(names(engine.search("^hook"))) == {"Hook registry", "getHookList"}


def test_suffix_and_whole_word_terms():
    catalog = make_catalog("Webhooks", "Hook registry", "Hooks")
    engine = SearchEngine(catalog)
    assert set(names(engine.search("hooks$"))) == {"Webhooks", "Hooks"}
    assert names(engine.search("^hooks$")) == ["Hooks"]


def test_exclusion_removes_pairs(mini):
    engine = SearchEngine(mini)
    assert "gamma.soap" not in ids(engine.search("gamma !soap"))
    assert set(ids(engine.search("gamma !soap"))) == {"gamma.webhooks", "gamma.rest"}
    # excluding a platform's name drops its pairs
    assert {h.platform for h in engine.search("webhooks !beta")} == {"gamma"}


def test_smart_case():
    catalog = make_catalog(("Component list", {}), ("Events", {"technologies": ("COM",)}))
    engine = SearchEngine(catalog)
    assert set(names(engine.search("com"))) == {"Component list", "Events"}
    assert names(engine.search("COM")) == ["Events"]
    assert names(engine.search("Com")) == ["Component list"]


# --------------------------------------------------------------------------- spans


def _covered(hit: Hit) -> str:
    name = hit.point.name
    for start, end in hit.name_spans:
        assert 0 <= start < end <= len(name)
    return "".join(name[a:b] for a, b in hit.name_spans)


def test_spans_point_at_the_matched_characters():
    catalog = make_catalog("NSContactAgent.GetContactEntity", "Web panels", "Customer Service SOAP")
    engine = SearchEngine(catalog)
    hit = engine.search("getcontact")[0]
    name = hit.point.name
    assert [name[a:b] for a, b in hit.name_spans] == ["GetContact"]
    hit = engine.search("wbpnl")[0]
    assert "".join(hit.point.name[a:b] for a, b in hit.name_spans) == "Wbpnl"
    hit = engine.search("soap cust")[0]
    assert [hit.point.name[a:b] for a, b in hit.name_spans] == ["Cust", "SOAP"]
    for query in ("getcontact", "wbpnl", "agent", "ent", "srv"):
        for h in engine.search(query):
            if h.name_spans:  # the name holds the term: the highlight spells it
                assert _covered(h).lower() == query


def test_spans_of_other_fields(mini):
    hit = SearchEngine(mini).search("odata")[0]
    assert hit.point.id == "gamma.rest" and hit.name_spans == ()
    assert hit.spans == {"technologies.1": ((0, 5),)}


# --------------------------------------------------------------------------- typing on


def _signature(hits):
    return [(h.point.id, h.platform, h.score, h.name_spans) for h in hits]


@pytest.mark.parametrize("exact_limit", [None, 3])
def test_narrowing_cache_gives_the_same_results_as_a_fresh_search(exact_limit):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import gen_catalog
    finally:
        sys.path.pop(0)
    catalog = gen_catalog.to_catalog(gen_catalog.generate(400))
    typed = SearchEngine(catalog, exact_limit=exact_limit)
    for query in ("contact agent", "get person", "webhok", "soap !delete", "nscont", "'api/v1 ^get"):
        for k in range(1, len(query) + 1):
            fresh = SearchEngine(catalog, exact_limit=exact_limit).search(query[:k])
            assert _signature(typed.search(query[:k])) == _signature(fresh), query[:k]
    # and backwards (deleting characters)
    for k in range(len("contact agent"), 0, -1):
        fresh = SearchEngine(catalog, exact_limit=exact_limit).search("contact agent"[:k])
        assert _signature(typed.search("contact agent"[:k])) == _signature(fresh)


def test_results_carry_their_query(mini):
    engine = SearchEngine(mini)
    first = engine.search("web")
    second = engine.search("webh")
    assert (first.query, second.query) == ("web", "webh")
    engine.clear_cache()
    assert _signature(engine.search("webh")) == _signature(second)


def test_a_search_nobody_wants_any_more_is_skipped(mini):
    engine = SearchEngine(mini)
    assert engine.search("web", wanted=lambda: False) is None
    assert len(engine.search("web", wanted=lambda: True)) > 0


def test_requests_hand_out_tickets_and_know_the_newest():
    from explorer.core.search import SearchRequests

    requests = SearchRequests()
    first = requests.ask("so")
    assert first is not None and requests.is_current(first)
    assert requests.ask("so") is None  # the same query again: nothing new to do
    second = requests.ask("soap")
    assert second is not None and requests.is_current(second) and not requests.is_current(first)
    assert requests.query == "soap"


def test_small_catalogs_are_scored_exactly_by_default(mini):
    result = SearchEngine(mini).search("e")
    assert len(result) > 3 and result.exact_count == len(result)
    assert all(h.score > 0 for h in result)


def test_exact_limit_scores_the_top_and_refine_scores_the_rest():
    catalog = make_catalog(*[f"Contact {i}" for i in range(10)], "Contacts")
    engine = SearchEngine(catalog, exact_limit=4)
    result = engine.search("contact")
    assert len(result) == 11 and result.exact_count == 4
    assert all(h.score > 0 for h in result[:4]) and all(h.score == 0.0 for h in result[4:])
    full = SearchEngine(catalog, exact_limit=None).search("contact")
    assert {(h.point.id, h.platform) for h in result} == {(h.point.id, h.platform) for h in full}
    refined = engine.refine(result[-1], "contact")
    assert refined.score == next(h.score for h in full if h.point.id == result[-1].point.id)
    assert refined.name_spans == ((0, 7),)


# --------------------------------------------------------------------------- hostile input


def test_hostile_text_and_queries_are_fine():
    catalog = make_catalog(
        "İstanbul straße ﬁle",
        "(.*)[a-z]+\\d{2}$ ^regex$",
        "emoji 🚀 rocket",
        "\u202eevil rtl",
        "x" * 2000,
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab",
    )
    engine = SearchEngine(catalog)
    for query in (
        "(.*", "[", "\\", "$", "^", "'", "!", "^$", "'$", "{2}", "🚀", "straße", "istanbul", "İ",
        "aaaaaab", "x" * 300, "a " * 50, "\x1b[31m", "ﬁ", "\u202e",
    ):
        for hit in engine.search(query):
            for a, b in hit.name_spans:
                assert 0 <= a < b <= len(hit.point.name)
    assert names(engine.search("(.*)"))[0].startswith("(.*)")
    assert names(engine.search("rocket")) == ["emoji 🚀 rocket"]
    hit = engine.search("straße")[0]
    assert [hit.point.name[a:b] for a, b in hit.name_spans] == ["straße"]


def test_the_term_cache_is_bounded_by_the_ranks_it_holds(monkeypatch):
    from explorer.core.search import match

    engine = SearchEngine(make_catalog(*[f"Gamma widget {i}" for i in range(12)]))
    for query in ("g", "ga", "gam", "gamm", "gamma"):
        engine.search(query)
    unbounded = len(engine.matcher._terms)
    monkeypatch.setattr(match, "CACHE_RANKS", 20)
    engine.clear_cache()
    before = engine.search("gamma")
    engine.clear_cache()
    for query in ("g", "ga", "gam", "gamm", "gamma"):
        engine.search(query)
    terms = engine.matcher._terms
    assert unbounded == 5 and len(terms) < unbounded
    assert len(terms) == match.CACHE_KEEP or sum(map(match._held, terms.values())) <= 20
    assert [(h.point.id, h.score) for h in engine.search("gamma")] == [(h.point.id, h.score) for h in before]
