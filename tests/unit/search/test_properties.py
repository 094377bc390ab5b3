"""Property tests (Hypothesis) for the query parser and the search on the bundled catalog:
nothing raises on any text, every hit satisfies the query's operator terms ('exact, ^prefix,
suffix$, !exclude) whatever the synonyms, typos and the loose stage add, and the same query
gives the same results."""

from __future__ import annotations

from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.core.catalog import load_catalog
from explorer.core.search.engine import SearchEngine
from explorer.core.search.fields import word_positions
from explorer.core.search.index import fold
from explorer.core.search.query import (
    MAX_TERM_CHARS,
    MAX_TERMS,
    Kind,
    Term,
    parse_query,
)

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@cache
def engine() -> SearchEngine:
    return SearchEngine(load_catalog())


@cache
def words() -> list[str]:
    """Words of the catalog and its vocabulary: queries built from them find things."""
    catalog = engine().catalog
    found: set[str] = set(catalog.stop_words)
    for synonym in catalog.synonyms:
        found.update(w for t in synonym.terms for w in t.split())
    for point in catalog.points:
        for text in (point.name, *point.aliases, *point.keywords, *point.technologies):
            found.update(w.strip("()[],.:;") for w in text.split())
    return sorted(w for w in found if w.isalnum())


def word() -> st.SearchStrategy[str]:
    catalog_word = st.sampled_from(words())
    return st.one_of(
        catalog_word,
        catalog_word.map(str.lower),
        catalog_word.map(lambda w: w[: max(1, len(w) // 2)]),  # still typing
        st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8),
    )


@st.composite
def queries(draw) -> str:
    terms = []
    for _ in range(draw(st.integers(1, 4))):
        text = draw(word())
        shape = draw(st.sampled_from(["", "'", "^", "$", "^$", "!", "!^", "!$"]))
        if shape.startswith("!"):
            text = "!" + ("^" if "^" in shape else "") + text + ("$" if "$" in shape else "")
        else:
            text = ("'" if "'" in shape else "") + ("^" if "^" in shape else "") + text + ("$" if "$" in shape else "")
        terms.append(text)
    return " ".join(terms)


@st.composite
def task_queries(draw) -> str:
    """Several plain words that rarely all match one point (the loose stage runs), and an
    operator term or two that must still hold."""
    plain = draw(st.lists(st.sampled_from(words()), min_size=3, max_size=5))
    operators = draw(st.lists(st.tuples(st.sampled_from(["'", "^", "!", "!^"]), word()), min_size=1, max_size=2))
    terms = plain + [("!" + mark[1:] if mark.startswith("!") else mark) + text for mark, text in operators]
    return " ".join(draw(st.permutations(terms)))


def fields_of(hit) -> tuple[list[str], list[str]]:
    """(the point's searchable texts, the hit's platform's texts)."""
    catalog = engine().catalog
    point = hit.point
    texts = [point.name, *point.aliases, *point.keywords, *point.technologies, point.summary]
    capability = catalog.capability(point.capability)
    texts += [capability.name, *capability.aliases]
    platform = catalog.platform(hit.platform)
    return texts, [platform.name, platform.short_name, *platform.aliases]


def holds(term: Term, text: str) -> bool:
    """Whether an operator term matches one text, as the query syntax defines it."""
    hay = text if term.case_sensitive else fold(text)
    if term.kind is Kind.EXACT:
        return term.text in hay
    return word_positions(term, text, hay) is not None


@SETTINGS
@given(st.text(max_size=200))
def test_parsing_never_raises_and_respects_the_limits(text):
    query = parse_query(text)
    assert len(query.terms) <= MAX_TERMS
    assert all(0 < len(t.text) <= MAX_TERM_CHARS for t in query.terms)
    assert len(set(query.terms)) == len(query.terms)


@SETTINGS
@given(st.text(max_size=120))
def test_search_never_raises_on_any_text(text):
    hits = engine().search(text)
    for hit in hits:
        for start, end in hit.name_spans:
            assert 0 <= start < end <= len(hit.point.name)
        assert all(isinstance(why, str) for why in hit.explain)


@SETTINGS
@given(st.one_of(queries(), task_queries()))
def test_every_hit_satisfies_the_operator_terms(text):
    query = parse_query(text)
    hits = engine().search(text)
    for hit in hits:
        texts, platform_texts = fields_of(hit)
        for term in query.positive:
            if term.kind is not Kind.FUZZY:
                assert any(holds(term, t) for t in texts + platform_texts), (text, term, hit.point.id)
        for term in query.negative:
            assert not any(holds(term, t) for t in texts), (text, term, hit.point.id)
            if len(term.text) >= 2 or term.kind is not Kind.EXACT:
                assert not any(holds(term, t) for t in platform_texts), (text, term, hit.platform)


@SETTINGS
@given(queries())
def test_the_same_query_gives_the_same_results(text):
    first = [(h.point.id, h.platform, h.score, h.name_spans, h.explain) for h in engine().search(text)]
    again = [(h.point.id, h.platform, h.score, h.name_spans, h.explain) for h in engine().search(text)]
    fresh = SearchEngine(engine().catalog)
    cold = [(h.point.id, h.platform, h.score, h.name_spans, h.explain) for h in fresh.search(text)]
    assert first == again == cold
