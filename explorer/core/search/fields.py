"""Term-aware scoring of one field: the exact stage of the search (see ``search``).

Each function takes a parsed :class:`~explorer.core.search.query.Term` and the original-case
text of one field, and returns a normalised score (0..1, plus ``WHOLE_FIELD_BONUS`` when the
term is the whole field) with the matched character positions, or ``None`` positions when
the term does not match that field the way its kind requires.
"""

from __future__ import annotations

from rapidfuzz.distance import Levenshtein

from explorer.core.search.index import fold, typo_words
from explorer.core.search.query import Kind, Term
from explorer.core.search.score import (
    WHOLE_FIELD_BONUS,
    WORD_START,
    best_substring,
    bonuses,
    fuzzy_positions,
    starts_word,
)

#: Minimum term lengths for the looser kinds of fuzzy match.
SUMMARY_MIN = 3
TYPO_MIN = 5
PLATFORM_WORD_MIN = 2


def typo_cutoff(length: int) -> int:
    """Typos allowed in a term of ``length`` characters (0 below ``TYPO_MIN``)."""
    if length < TYPO_MIN:
        return 0
    return 2 if length >= 8 else 1


def word_positions(term: Term, text: str, hay: str) -> list[int] | None:
    """Positions for prefix / suffix / word terms, or None."""
    t = term.text
    m = len(t)
    start = hay.find(t)
    while start >= 0:
        end = start + m
        at_start = starts_word(text, start)
        ends_word = end == len(text) or not (text[end].isalnum() or text[end] == "_") or (
            bonuses(text)[end] >= WORD_START
        )
        ok = {
            Kind.PREFIX: at_start,
            Kind.SUFFIX: ends_word,
            Kind.WORD: at_start and ends_word,
        }.get(term.kind, True)
        if ok:
            return list(range(start, end))
        start = hay.find(t, start + 1)
    return None


def score_field(term: Term, text: str, hay: str | None = None) -> tuple[float, list[int] | None]:
    """``hay`` is ``text`` as the term compares it (folded unless the term is case-sensitive)."""
    if hay is None:
        hay = text if term.case_sensitive else fold(text)
    t = term.text
    if term.kind is Kind.FUZZY:
        score, positions = fuzzy_positions(text, hay, t)
    elif term.kind is Kind.EXACT:
        score, start = best_substring(text, hay, t)
        positions = list(range(start, start + len(t))) if start >= 0 else None
    else:
        positions = word_positions(term, text, hay)
        score = 0.0
        if positions is not None:
            score, start = best_substring(text, hay, t, word_only=term.kind is not Kind.SUFFIX)
            if start < 0:
                score = 0.5
    if positions is not None and hay == t:
        score += WHOLE_FIELD_BONUS
    return score, positions


def score_summary(term: Term, text: str) -> tuple[float, list[int] | None]:
    hay = text if term.case_sensitive else fold(text)
    t = term.text
    if term.kind is Kind.EXACT:
        score, start = best_substring(text, hay, t)
    elif term.kind is Kind.FUZZY:
        if len(t) < SUMMARY_MIN:
            return 0.0, None
        score, start = best_substring(text, hay, t, word_only=True)
    else:
        positions = word_positions(term, text, hay)
        return (0.5, positions) if positions is not None else (0.0, None)
    if start < 0:
        return 0.0, None
    return score, list(range(start, start + len(t)))


def platform_span(term: Term, text: str) -> list[int] | None:
    """Where ``term`` names a platform in one of its fields (name, short name, alias).

    A fuzzy term must equal a whole word there ("online", "windows", "cs"; not "custom"
    for "Customer"), so that typing a word does not drag in every pair of a platform.
    """
    hay = text if term.case_sensitive else fold(text)
    t = term.text
    if term.kind is Kind.FUZZY:
        if len(t) < PLATFORM_WORD_MIN:
            return None
        return word_positions(Term(Kind.WORD, t, case_sensitive=term.case_sensitive), text, hay)
    if term.kind is Kind.EXACT:
        if len(t) < PLATFORM_WORD_MIN:
            return None
        start = hay.find(t)
        return list(range(start, start + len(t))) if start >= 0 else None
    return word_positions(term, text, hay)


def score_platform(term: Term, fields: tuple[tuple[str, str], ...]) -> tuple[float, str | None, list[int] | None]:
    best: tuple[float, str | None, list[int] | None] = (0.0, None, None)
    for key, text in fields:
        positions = platform_span(term, text)
        if positions is None:
            continue
        hay = text if term.case_sensitive else fold(text)
        score, _ = best_substring(text, hay, term.text)
        if hay == term.text:
            score += WHOLE_FIELD_BONUS
        if score > best[0]:
            best = (score, key, positions)
    return best


def score_typo(t: str, text: str) -> tuple[float, list[int] | None]:
    """A word (or camelCase part) of ``text`` one typo (two from 8 characters) from ``t``:
    (similarity, positions of that word), or (0.0, None)."""
    cutoff = typo_cutoff(len(t))
    if not cutoff:
        return 0.0, None
    best: tuple[float, list[int] | None] = (0.0, None)
    for start, word in typo_words(text, fold(text)):
        if word[0] != t[0]:
            continue
        dist = Levenshtein.distance(t, word, score_cutoff=cutoff)
        if dist <= cutoff:
            sim = 1.0 - dist / max(len(t), len(word))
            if sim > best[0]:
                best = (sim, list(range(start, start + len(word))))
    return best
