"""The search vocabulary in the catalog format: synonyms and stop words load from any file,
combine across files, survive the parse cache, and bad entries get one located line each."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer.core.catalog import CatalogError, bundled_catalog_dir, load_catalog
from explorer.core.catalog import cache as catalog_cache
from explorer.core.model import NEEDS, Synonym
from tests.catalogs import MINI

VOCABULARY = Path(__file__).parent / "fixtures" / "vocabulary.yaml"


def test_synonyms_and_stop_words_load_beside_a_catalog():
    catalog = load_catalog([MINI, VOCABULARY])
    assert catalog.stop_words == ("our", "the", "when")
    assert catalog.synonyms == (
        Synonym(("notify", "callback"), ("events",)),
        Synonym(("custom object", "custom objects"), (), ("extra tables",)),
        Synonym(("sso", "single sign on")),
    )


def test_files_combine_their_vocabularies(tmp_path):
    more = tmp_path / "more.yaml"
    more.write_text("format: 1\nstop_words: [the, a]\nsynonyms:\n  - {terms: [push], needs: [events]}\n")
    catalog = load_catalog([MINI, VOCABULARY, more])
    assert catalog.stop_words == ("our", "the", "when", "a")  # in file order, once each
    assert catalog.synonyms[-1] == Synonym(("push",), ("events",))


def test_a_catalog_without_a_vocabulary_has_none():
    catalog = load_catalog([MINI])
    assert catalog.synonyms == () and catalog.stop_words == ()


def test_the_bundled_vocabulary_maps_onto_the_eleven_needs():
    catalog = load_catalog()
    assert (bundled_catalog_dir() / "vocabulary.yaml").is_file()
    assert catalog.stop_words and catalog.synonyms
    assert {n for s in catalog.synonyms for n in s.needs} == set(NEEDS)
    # the issue's own words: notify → events, custom object → extra tables, sso ↔ single sign on
    by_term = {t: s for s in catalog.synonyms for t in s.terms}
    assert "events" in by_term["notify"].needs
    assert "extra tables" in by_term["custom object"].means
    assert "sso" in by_term["single sign on"].terms


def test_the_vocabulary_survives_the_parse_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("SO_EXPLORER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv(catalog_cache.DISABLE_ENV, raising=False)
    monkeypatch.setattr(catalog_cache, "MIN_BYTES", 0)
    parsed = load_catalog([MINI, VOCABULARY])
    restored = load_catalog([MINI, VOCABULARY])
    assert restored is not parsed and restored == parsed
    assert restored.synonyms == parsed.synonyms and restored.stop_words == parsed.stop_words


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        # wrong types
        ("terms: [notify, callback]", "terms: notify", "expected a list, got a string"),
        ("needs: [events]", "needs: events", "expected a list, got a string"),
        ("stop_words: [our, the, when]", "stop_words: our", "expected a list, got a string"),
        ("means: [extra tables]", "means: [42]", "expected a string, got a number (42) (quote it)"),
        ("- terms: [sso, single sign on]", "- [sso, single sign on]", "expected a mapping, got a list"),
        # unknown need id, with the closest one
        ("needs: [events]", "needs: [event]", "'event' is not one of ui, action, events"),
        ("needs: [events]", "needs: [event]", "did you mean 'events'?"),
        # empty terms, empty strings, terms that read as query operators
        ("terms: [notify, callback]", "terms: []", "needs at least 1 item(s)"),
        ("terms: [notify, callback]", "terms: [notify, '']", "must not be empty"),
        ("terms: [notify, callback]", "terms: [notify, '!callback']", "does not have the expected form"),
        ("stop_words: [our, the, when]", "stop_words: [our, 'the end']", "does not have the expected form"),
        # an entry that finds nothing new, and a misspelt key
        ("terms: [sso, single sign on]", "terms: [sso]", "a synonym with one term needs needs:, means:"),
        ("means: [extra tables]", "meanz: [extra tables]", "unknown key 'meanz'; did you mean 'means'?"),
    ],
)
def test_bad_vocabulary_entries_are_located(tmp_path, old, new, message):
    text = VOCABULARY.read_text()
    assert old in text
    bad = tmp_path / "vocabulary.yaml"
    bad.write_text(text.replace(old, new, 1))
    line = next(i for i, row in enumerate(bad.read_text().splitlines(), 1) if new in row)
    with pytest.raises(CatalogError) as caught:
        load_catalog([MINI, bad])
    problems = caught.value.problems
    assert any(message in p.message and p.line == line and p.file == str(bad) for p in problems), problems
    for problem in problems:  # one line each, naming the file, line and column
        assert "\n" not in str(problem) and str(problem).startswith(f"{bad}:{problem.line}:{problem.col}:")
