"""fzf-style match scoring with character positions (for ranking and highlighting).

The constants and the scoring walk follow fzf's ``src/algo/algo.go``: every matched
character scores ``MATCH``; a character at a word boundary earns a bonus (after white space
or at the start 10, after a delimiter ``/,:;|`` 9, after other punctuation 8, a camelCase
hump, an acronym's last capital or a digit after a letter 7); the first character's bonus
counts double; a consecutive run keeps the bonus of its first character (at least
``CONSECUTIVE``); a gap costs 3 to open and 1 per further character.

The alignment search is ours, not fzf's Smith-Waterman: a small dynamic programme over the
positions where each query character occurs (inside the window between the leftmost and
rightmost possible match), so it stays cheap in Python. Scores are normalised to 0..1 by the
best possible score for the term's length (a consecutive run at the start of a field).
"""

from __future__ import annotations

from functools import lru_cache

MATCH = 16
GAP_START = -3
GAP_EXTENSION = -1
BONUS_WHITE = 10
BONUS_DELIMITER = 9
BONUS_NONWORD = 8
BONUS_CAMEL = 7
#: fzf's ``bonusBoundary``: a run's bonus is raised to a later boundary bonus at least this big.
BONUS_BOUNDARY = 8
CONSECUTIVE = 4
FIRST_CHAR_MULTIPLIER = 2
#: Bonuses at or above this mark a word start (for ``^prefix`` and word-prefix levels).
WORD_START = BONUS_CAMEL

#: How much a match in each field counts: the point's own name first, then its aliases,
#: keywords and capability, technologies and platform names, summaries last (issue #4, and
#: issue #15: a name's word beats an alias that is the whole term).
WEIGHTS: dict[str, float] = {
    "name": 1.0,
    #: a match inside a trailing parenthetical of the name, which only mentions things
    "name.aside": 0.9,
    "capability": 0.85,
    "aliases": 0.85,
    "keywords": 0.8,
    "capability.aliases": 0.8,
    "technologies": 0.7,
    "platform": 0.7,
    "summary": 0.45,
    #: a typo match counts this share of the field's weight (times the similarity)
    "typo": 0.6,
    #: a synonym's alternative counts this share of what the alternative itself scores
    "synonym": 0.8,
    #: a term that is a word of the catalog, matched as letters scattered over other words
    "scattered": 0.5,
    #: a term typed in the plural, matched by its singular ("users" for "user")
    "plural": 0.95,
}
#: Terms shorter than this are never taken for words (their letters are initials: "udf").
SCATTER_MIN = 4
#: Extra when a term matches the point's name and one of its aliases is the term as well
#: ("soap": the SOAP web services, not only the SOAP actions whose names start alike).
NAMED_BONUS = 0.03
#: Extra (before weighting), up to this, for the share of the name that a term covers: the
#: point that is the term ("CRMScript triggers") above one that mentions it among others.
COVERAGE_BONUS = 0.05
#: A slot that scores at least this on what was typed keeps that score; synonyms only help
#: points that hold the typed words weakly or not at all.
SYNONYM_FLOOR = 0.5
#: What a slot scores on a point whose capability serves a need its synonym names.
NEED_SCORE = 0.4
#: Extra (before weighting) when a term equals a whole field.
WHOLE_FIELD_BONUS = 0.15
#: Extra (before weighting) when a run of the term ends where a word ends ("service" in
#: "Customer Service" beats "service" in "web services").
WORD_END_BONUS = 0.05
#: Extra (after weighting) when a term also names the pair's platform ("online web panel").
PLATFORM_QUALIFIER_BONUS = 0.05
#: Extra (after weighting) when a term names the pair's platform but the point holds it as
#: well ("web api" on the Web platform): enough to order one point's pairs, no more.
PLATFORM_TIEBREAK = 0.01
#: Extra (on the average) when the terms together equal a field of the point.
PHRASE_BONUS = 0.1
#: The most a field match can score before weighting.
BEST_NORMALISED = 1.0 + WORD_END_BONUS + WHOLE_FIELD_BONUS

DELIMITERS = frozenset("/,:;|")
WHITE = frozenset(" \t\n")

_C_WHITE, _C_DELIM, _C_NONWORD, _C_LOWER, _C_UPPER, _C_DIGIT = range(6)

Span = tuple[int, int]


def char_class(ch: str) -> int:
    if ch.isalpha():
        return _C_UPPER if ch.isupper() else _C_LOWER
    if ch.isdigit():
        return _C_DIGIT
    if ch in WHITE:
        return _C_WHITE
    if ch in DELIMITERS:
        return _C_DELIM
    if ch == "_":  # fzf counts '_' as a word character
        return _C_LOWER
    return _C_NONWORD


_ASCII_CLASS = {chr(i): char_class(chr(i)) for i in range(128)}


@lru_cache(maxsize=32768)
def bonuses(text: str) -> tuple[int, ...]:
    """The boundary bonus of every character of the original-case ``text`` (cached)."""
    classes = [_ASCII_CLASS.get(ch) or char_class(ch) for ch in text]
    out = []
    prev = _C_WHITE
    n = len(classes)
    for i, cur in enumerate(classes):
        if cur > _C_NONWORD:  # a word character
            if prev == _C_WHITE:
                bonus = BONUS_WHITE
            elif prev == _C_DELIM:
                bonus = BONUS_DELIMITER
            elif prev == _C_NONWORD:
                bonus = BONUS_NONWORD
            elif (prev == _C_LOWER and cur == _C_UPPER) or (prev != _C_DIGIT and cur == _C_DIGIT):
                bonus = BONUS_CAMEL
            elif prev == _C_UPPER and cur == _C_UPPER and i + 1 < n and classes[i + 1] == _C_LOWER:
                bonus = BONUS_CAMEL  # the 'C' of "NSContact"
            else:
                bonus = 0
        elif cur == _C_WHITE:
            bonus = BONUS_WHITE
        else:
            bonus = BONUS_NONWORD
        out.append(bonus)
        prev = cur
    return tuple(out)


def starts_word(text: str, i: int) -> bool:
    """True when a word (or a run of punctuation) starts at ``i``."""
    return i == 0 or bonuses(text)[i] >= WORD_START or not text[i].isalnum()


def max_raw(m: int) -> int:
    """The best raw score of an ``m``-character term: a run at the start of a field."""
    return MATCH * m + BONUS_WHITE * FIRST_CHAR_MULTIPLIER + BONUS_WHITE * (m - 1)


def run_score(bonus: tuple[int, ...], start: int, m: int) -> int:
    """The raw score of a consecutive run of ``m`` characters from ``start``."""
    first = bonus[start]
    score = MATCH + first * FIRST_CHAR_MULTIPLIER
    for pos in range(start + 1, start + m):
        b = bonus[pos]
        if b >= BONUS_BOUNDARY and b > first:
            first = b
        score += MATCH + max(b, first, CONSECUTIVE)
    return score


def to_spans(positions: list[int] | tuple[int, ...] | range) -> tuple[Span, ...]:
    """Ascending positions → merged (start, end) spans."""
    spans: list[list[int]] = []
    for pos in positions:
        if spans and spans[-1][1] == pos:
            spans[-1][1] = pos + 1
        else:
            spans.append([pos, pos + 1])
    return tuple((a, b) for a, b in spans)


def ends_word(text: str, end: int) -> bool:
    """True when position ``end`` (exclusive) of ``text`` is the end of a word."""
    if end >= len(text):
        return True
    ch = text[end]
    return not (ch.isalnum() or ch == "_") or bonuses(text)[end] >= WORD_START


def best_substring(text: str, folded: str, term: str, word_only: bool = False) -> tuple[float, int]:
    """Best-scoring occurrence of ``term`` as a substring of ``folded``: (normalised score, start).

    The score is fzf's for a consecutive run, normalised, plus ``WORD_END_BONUS`` when the
    run ends a word. ``word_only`` keeps occurrences that start a word. (0.0, -1) when there
    is none.
    """
    m = len(term)
    start = folded.find(term)
    if start < 0:
        return 0.0, -1
    bonus = bonuses(text)
    top = max_raw(m)
    best, where = -1.0, -1
    while start >= 0:
        if not word_only or start == 0 or bonus[start] >= WORD_START or not text[start].isalnum():
            score = min(1.0, run_score(bonus, start, m) / top)
            if ends_word(text, start + m):
                score += WORD_END_BONUS
            if score > best:
                best, where = score, start
        start = folded.find(term, start + 1)
    if where < 0:
        return 0.0, -1
    return best, where


def fuzzy_positions(text: str, folded: str, term: str) -> tuple[float, list[int] | None]:
    """Best subsequence alignment of ``term`` in ``folded`` (``text`` has the original case).

    Returns (normalised score, positions) or (0.0, None) when ``term`` is not a subsequence.
    """
    m = len(term)
    if m == 0:
        return 0.0, None
    start = folded.find(term)
    if start >= 0:
        bonus = bonuses(text)
        # a run that starts a word is as good as it gets (or close): skip the DP
        while start >= 0 and bonus[start] < WORD_START and m > 1:
            start = folded.find(term, start + 1)
        if start >= 0:
            score, start = best_substring(text, folded, term)
            return score, list(range(start, start + m))
    # the window: leftmost forward match, then rightmost backward match
    lo: list[int] = []
    pos = -1
    for ch in term:
        pos = folded.find(ch, pos + 1)
        if pos < 0:
            return 0.0, None
        lo.append(pos)
    bonus = bonuses(text)
    hi = [0] * m
    pos = len(folded)
    for k in range(m - 1, -1, -1):
        pos = folded.rfind(term[k], lo[k], pos)
        hi[k] = pos
    # DP over the occurrences of each character inside [lo[k], hi[k]]:
    # states are (position, score, bonus of the run's first character, path)
    prev_states: list[tuple[int, int, int, tuple[int, ...]]] = []
    for k, ch in enumerate(term):
        states: list[tuple[int, int, int, tuple[int, ...]]] = []
        end = hi[k] + 1
        p = folded.find(ch, lo[k], end)
        while p >= 0:
            b = bonus[p]
            if k == 0:
                states.append((p, MATCH + b * FIRST_CHAR_MULTIPLIER, b, (p,)))
            else:
                best: tuple[int, int, int, tuple[int, ...]] | None = None
                for q, score, first, path in prev_states:
                    if q >= p:
                        break
                    if q == p - 1:
                        fb = b if (b >= BONUS_BOUNDARY and b > first) else first
                        s = score + MATCH + max(b, fb, CONSECUTIVE)
                    else:
                        fb = b
                        s = score + GAP_START + GAP_EXTENSION * (p - q - 2) + MATCH + b
                    if best is None or s > best[1] or (s == best[1] and fb > best[2]):
                        best = (p, s, fb, path)
                if best is not None:
                    states.append((p, best[1], best[2], best[3] + (p,)))
            p = folded.find(ch, p + 1, end)
        if not states:
            return 0.0, None
        prev_states = states
    top = max(prev_states, key=lambda s: s[1])
    return max(0.0, min(1.0, top[1] / max_raw(m))), list(top[3])
