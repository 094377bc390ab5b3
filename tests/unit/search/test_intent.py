"""Planning a query: synonym phrases (longest first), stop words, joins; smart case."""

from __future__ import annotations

from explorer.core.model import Synonym
from explorer.core.search.intent import Thesaurus, forms, normalise
from explorer.core.search.query import parse_query
from tests.unit.search.build import make_catalog

VOCABULARY = {
    "synonyms": (
        Synonym(("notify", "callback"), ("events",)),
        Synonym(("single sign on", "sso")),
        Synonym(("sign on", "login")),
        Synonym(("custom object",), means=("extra tables",)),
    ),
    "stop_words": ("our", "a", "when", "the"),
}


def plan(text: str, **vocabulary):
    thesaurus = Thesaurus(make_catalog("x", **(vocabulary or VOCABULARY)))
    return thesaurus, thesaurus.plan(parse_query(text))


def slots(text: str) -> list[str]:
    return [s.text for s in plan(text)[1].slots]


def test_normalise_folds_case_hyphens_and_spaces():
    assert normalise("  Single  Sign-On ") == "single sign on"


def test_stop_words_are_dropped_but_never_all_of_them():
    _, p = plan("notify our server when a ticket changes")
    assert [s.text for s in p.slots] == ["notify", "server", "ticket", "changes"]
    assert [t.text for t in p.dropped] == ["our", "when", "a"]
    assert slots("the") == ["the"]  # nothing else to search for: the word is searched
    assert slots("when the") == ["when", "the"]


def test_the_longest_synonym_phrase_wins():
    thesaurus, p = plan("single sign on")
    (slot,) = p.slots
    assert slot.text == "single sign on" and len(slot.terms) == 3
    assert [thesaurus.entries[e].terms for e in slot.synonyms] == [("single sign on", "sso")]
    assert slots("sign on please") == ["sign on", "please"]


def test_hyphens_plurals_and_case_are_forgiven_in_lookups():
    assert slots("Single Sign-On") == ["single sign on"]
    thesaurus, p = plan("custom objects")
    assert p.slots[0].synonyms  # the plural of a term
    assert thesaurus.entries[p.slots[0].synonyms[0]].means == ("extra tables",)


def test_case_is_about_letters_not_meaning():
    _, upper = plan("NOTIFY")
    _, lower = plan("notify")
    assert upper.slots[0].synonyms == lower.slots[0].synonyms != ()
    assert upper.slots[0].terms[0].case_sensitive  # its own letters still match in case


def test_operators_and_exclusions_break_phrases_and_take_no_synonyms():
    _, p = plan("single 'sign on")
    assert [s.text for s in p.slots] == ["single", "sign", "on"]
    assert all(not s.synonyms for s in p.slots)
    _, p = plan("'notify !callback")
    assert [s.text for s in p.slots] == ["notify"] and not p.slots[0].synonyms


def test_neighbouring_plain_words_may_be_joined():
    _, p = plan("web hooks our api")
    assert [(i, t.text) for i, t in p.joins] == [(0, "webhooks")]  # "our" sits between
    _, p = plan("data base mirroring")
    assert [(i, t.text) for i, t in p.joins] == [(0, "database"), (1, "basemirroring")]
    _, p = plan("notify web")  # a synonym slot is not joined
    assert p.joins == ()
    _, p = plan("Web hooks")  # nor a case-sensitive term
    assert p.joins == ()


def test_an_alternative_is_matched_by_its_content_words():
    thesaurus, _ = plan("x")
    assert thesaurus.content_words("call our api") == ["call", "api"]
    assert thesaurus.content_words("the our") == ["the", "our"]


def test_without_a_vocabulary_every_term_is_its_own_slot():
    thesaurus, p = plan("notify our server", synonyms=(), stop_words=())
    assert not thesaurus and [s.text for s in p.slots] == ["notify", "our", "server"]


def test_endings_are_forgiven_on_both_sides():
    assert "notify" in forms("notified") and "save" in forms("saved") and "save" in forms("saves")
    assert "trigger" in forms("triggers") and "test" in forms("testing")
    thesaurus = Thesaurus(make_catalog("x", synonyms=(Synonym(("notify",), ("events",)), Synonym(("saved",), ("events",)))))
    assert thesaurus.lookup("notified") == (0,)
    assert thesaurus.lookup("saves") == (1,) and thesaurus.lookup("saving") == (1,)
    assert thesaurus.lookup("sav") == ()  # a stem is never shorter than four letters
