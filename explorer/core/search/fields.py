"""Term-aware scoring of one field: the exact stage of the search (see ``search``).

Each function takes a parsed :class:`~explorer.core.search.query.Term` and the original-case
text of one field, and returns a normalised score (0..1, plus ``WHOLE_FIELD_BONUS`` when the
term is the whole field) with the matched character positions, or ``None`` positions when
the term does not match that field the way its kind requires.
"""

from __future__ import annotations

from explorer.core.search.index import fold
from explorer.core.search.query import Kind, Term
from explorer.core.search.score import (
    WHOLE_FIELD_BONUS,
    WORD_END_BONUS,
    WORD_START,
    best_substring,
    bonuses,
    ends_word,
    fuzzy_positions,
    max_raw,
    run_score,
    starts_word,
)

#: Minimum term lengths for the looser kinds of fuzzy match.
SUMMARY_MIN = 3
PLATFORM_WORD_MIN = 2
JOINED_MIN = 4


def singular(phrase: str) -> str:
    """``phrase`` with a plural ``s`` dropped from its last word ("custom objects" →
    "custom object"); unchanged when there is none to drop."""
    if len(phrase) > 3 and phrase.endswith("s") and not phrase.endswith("ss") and phrase[-2] != " ":
        return phrase[:-1]
    return phrase


def is_whole(t: str, hay: str, squeezed: bool = True) -> bool:
    """``t`` is all of ``hay``, forgiving a plural ("webhook" and "Webhooks") and, from
    ``JOINED_MIN`` letters, spaces, hyphens and underscores ("appstore" and "App Store",
    "user defined field" and "User-defined Fields")."""
    hay = hay.strip()
    if len(hay) > 2 * len(t) + 2:  # far too long to be the term, however written
        return False
    if t == hay or singular(t) == singular(hay):
        return True
    if squeezed and len(t) >= JOINED_MIN and not _SQUEEZED.isdisjoint(hay + t):
        t, hay = squeeze(t)[0], squeeze(hay)[0]
        return t == hay or singular(t) == singular(hay)
    return False


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


def score_field(
    term: Term, text: str, hay: str | None = None, squeezed: bool = True
) -> tuple[float, list[int] | None]:
    """``hay`` is ``text`` as the term compares it (folded unless the term is case-sensitive).
    Without ``squeezed``, a fuzzy term is not compared with the field's words written together
    (for two query words joined by the engine: they were typed apart already)."""
    if hay is None:
        hay = text if term.case_sensitive else fold(text)
    t = term.text
    if term.kind is Kind.FUZZY:
        score, positions = fuzzy_positions(text, hay, t)
        # a term that is not even a subsequence is not in the squeezed field either
        if (squeezed and positions is not None and len(t) >= JOINED_MIN and positions[-1] - positions[0] >= len(t)
                and not _SQUEEZED.isdisjoint(hay)):
            joined, joined_positions = joined_run(text, hay, t)
            if joined > score:
                score, positions = joined, joined_positions
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
    if positions is not None and is_whole(t, hay, squeezed):
        score += WHOLE_FIELD_BONUS
    return score, positions


_SQUEEZED = frozenset(" -_")


def squeeze(hay: str) -> tuple[str, list[int]]:
    """``hay`` without spaces, hyphens and underscores, with the position of each kept
    character in ``hay``."""
    kept = [i for i, c in enumerate(hay) if c not in _SQUEEZED]
    return "".join(hay[i] for i in kept), kept


def joined_run(text: str, hay: str, t: str) -> tuple[float, list[int] | None]:
    """``t`` as a run of words written together ("userdefined" in "User-defined Fields",
    "webhooks" for "web hooks"): the term is found in the field with spaces, hyphens and
    underscores removed, starting at a word start and spanning a removed character. Scored
    as a consecutive run there, so joining words costs nothing. (0.0, None) when not."""
    squeezed, kept = squeeze(hay)
    if len(kept) == len(hay):
        return 0.0, None
    bonus = bonuses(text)
    top = max_raw(len(t))
    best, where = 0.0, None
    start = squeezed.find(t)
    while start >= 0:
        positions = kept[start:start + len(t)]
        if positions[-1] - positions[0] >= len(t) and starts_word(text, positions[0]):
            run = tuple(bonus[i] for i in positions)
            score = min(1.0, run_score(run, 0, len(t)) / top)
            if ends_word(text, positions[-1] + 1):
                score += WORD_END_BONUS
            if score > best:
                best, where = score, positions
        start = squeezed.find(t, start + 1)
    return best, where


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

    A fuzzy term must equal a whole word there, or its singular ("online", "windows", "cs",
    "ticket" for "tickets"; not "custom" for "Customer"), so that typing a word does not drag
    in every pair of a platform.
    """
    hay = text if term.case_sensitive else fold(text)
    t = term.text
    if term.kind is Kind.FUZZY:
        if len(t) < PLATFORM_WORD_MIN:
            return None
        found = word_positions(Term(Kind.WORD, t, case_sensitive=term.case_sensitive), text, hay)
        if found is None and len(t) > 3 and not t.endswith("s"):
            found = word_positions(Term(Kind.WORD, t + "s", case_sensitive=term.case_sensitive), text, hay)
        return found
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
        if is_whole(term.text, hay):
            score += WHOLE_FIELD_BONUS
        if score > best[0]:
            best = (score, key, positions)
    return best
