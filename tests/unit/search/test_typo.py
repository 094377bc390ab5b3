"""The typo stage: edit distances scaled by length, swapped letters as one edit, a prefilter,
and only when the cheaper stages leave few points; typo hits rank below real matches."""

from __future__ import annotations

import pytest

from explorer.core.search.engine import SearchEngine
from explorer.core.search.typo import TypoIndex, distance, score_typo, typo_budget
from tests.unit.search.build import make_catalog


def names(hits) -> list[str]:
    return [h.point.name for h in hits]


@pytest.mark.parametrize(("length", "budget"), [(1, 0), (3, 0), (4, 1), (7, 1), (8, 2), (20, 2)])
def test_the_budget_grows_with_the_term(length, budget):
    assert typo_budget(length) == budget


@pytest.mark.parametrize(
    ("term", "word", "near"),
    [
        ("wehbook", "webhook", True),  # two letters swapped: one edit (OSA)
        ("webhok", "webhook", True),  # a missing letter
        ("webhoak", "webhook", True),  # a wrong letter
        ("wehbo", "webhooks", True),  # still typing: the word's first letters
        ("webhuk", "webhook", True),  # a wrong letter where others are left out
        ("wbehook", "webhook", True),
        ("webhook", "workflow", False),
        ("zapeir", "zapier", True),
        ("zierap", "zapier", False),  # letters all over the place: over the budget
        ("sandbxo", "sandbox", True),
        ("federatd", "federated", True),
        ("fedreatde", "federated", True),  # nine letters: two edits
        ("fdreatdes", "federated", False),
        ("nma", "name", False),  # three letters: no edit allowed
    ],
)
def test_near_words(term, word, near):
    assert (distance(term, word, typo_budget(len(term))) is not None) is near


def test_the_index_compares_a_term_with_words_of_its_first_letter_or_swapped_start():
    index = TypoIndex([
        ("Webhooks", "webhooks", (0,)),
        ("Web panels", "web panels", (1,)),
        ("ewbsite", "ewbsite", (2,)),
        ("Archive", "archive", (3,)),
    ])
    words = {w for w, _ in index.candidates("webhok", 1)}
    assert "webhooks" in words and "panels" not in words and "archive" not in words
    assert "ewbsite" in words  # the first two letters swapped: looked up too
    assert "web" not in words  # too short to be near a six-letter term
    assert index.points("webhok") == {0}
    assert index.points("wehbooks") == {0}
    assert index.points("ewbhooks") == {0}


def test_camel_case_parts_are_words_of_their_own():
    score, positions = score_typo("handlr", "DataHandlers", "datahandlers")
    assert score > 0 and positions == list(range(4, 10))


def test_typos_find_swapped_and_wrong_letters():
    catalog = make_catalog("Webhooks", "Web panels", "Zapier", "Sandbox")
    engine = SearchEngine(catalog)
    assert names(engine.search("wehbook")) == ["Webhooks"]
    assert names(engine.search("webhuk")) == ["Webhooks"]
    assert names(engine.search("zpaier")) == ["Zapier"]
    assert names(engine.search("sandbxo")) == ["Sandbox"]
    hit = engine.search("wehbook")[0]
    assert hit.name_spans == ((0, 7),)  # the word it stands for is highlighted


def test_the_typo_stage_runs_only_when_cheaper_stages_find_few_points():
    # "webhoks" is a subsequence of three names: enough, so "wbhooks" typo neighbours stay out
    common = make_catalog("Webhooks", "Webhooks log", "Webhooks admin", "Wabhooks")
    hits = SearchEngine(common).search("webhoks")
    assert "Wabhooks" not in names(hits)
    # alone, the same word is found through a typo
    rare = make_catalog("Wabhooks", "Other")
    assert names(SearchEngine(rare).search("webhoks")) == ["Wabhooks"]


def test_typo_hits_rank_below_exact_and_subsequence_hits():
    catalog = make_catalog("Contract list", "Contact list", "Cntact log")
    hits = SearchEngine(catalog).search("contact")
    assert names(hits)[0] == "Contact list"  # exact
    catalog = make_catalog("Contct list", "Contcat list")
    hits = SearchEngine(catalog).search("contcat")
    assert names(hits) == ["Contcat list", "Contct list"]  # exact, then typo
    assert hits[0].score > hits[1].score


def test_short_words_are_never_typo_matched():
    engine = SearchEngine(make_catalog("Tab", "Tag"))
    assert engine.search("tba") == [] and engine.search("atg") == []
