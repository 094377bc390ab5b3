"""The exact stage of the search: fzf-style scores and spans for the pairs worth it.

For each term the best field of the point wins: every tier 1-2 field scored by
``search_fields.score_field`` and weighted (``search_score.WEIGHTS``), then the summary
(word starts only) and, when nothing else matched, a typo. A term that names the pair's
platform adds ``PLATFORM_QUALIFIER_BONUS`` (or wins outright with the platform's weight).
Terms are averaged by length; consecutive terms that together equal a field of the point
(or start its name) add ``PHRASE_BONUS`` in proportion. The result is scaled to 0-100.

Scores are remembered per (term, field), (term, point) and (term, platform) across
searches, so the terms that stay the same while the next one is typed cost nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from explorer.core.search.fields import TYPO_MIN, score_field, score_platform, score_summary, score_typo
from explorer.core.search.index import SearchIndex
from explorer.core.search.query import Kind, Query, Term
from explorer.core.search.score import (
    BEST_NORMALISED,
    PHRASE_BONUS,
    PLATFORM_QUALIFIER_BONUS,
    WEIGHTS,
    WORD_END_BONUS,
    to_spans,
)

Span = tuple[int, int]
#: Score, name spans, other fields' spans.
Scored = tuple[float, tuple[Span, ...], dict[str, tuple[Span, ...]]]

#: The memo is cleared when it holds more entries than this.
MEMO_ENTRIES = 200_000
_BEST_SUMMARY = WEIGHTS["summary"] * BEST_NORMALISED
#: What a perfect hit adds up to (the whole name, naming the platform, as a phrase): 100.
_TOP_SCORE = BEST_NORMALISED + PLATFORM_QUALIFIER_BONUS + PHRASE_BONUS


class ExactScorer:
    def __init__(self, index: SearchIndex) -> None:
        self.index = index
        self.memo: dict = {}

    def clear(self) -> None:
        self.memo.clear()

    def score(self, query: Query, pairs: Iterable[tuple[int, int]]) -> list[Scored]:
        """Exact scores and spans of (point rank, platform index) pairs."""
        memo = self.memo
        if len(memo) > MEMO_ENTRIES:
            memo.clear()
        positive = query.positive
        platforms = self.index.platforms
        # how each term scores on each platform's own fields (None: it does not name it)
        by_platform = []
        for term in positive:
            row = []
            for pf in platforms:
                key = (term.key, pf.index, "platform")
                got = memo.get(key)
                if got is None:
                    got = memo[key] = score_platform(term, pf.fields)
                row.append(got if got[2] is not None else None)
            by_platform.append(row)
        lengths = [len(t.text) for t in positive]
        length_sum = sum(lengths)
        several = len(positive) > 1
        out: list[Scored] = []
        for rank, plat in pairs:
            total = 0.0
            name_positions: set[int] = set()
            spans: dict[str, tuple[Span, ...]] = {}
            name_spans: tuple[Span, ...] = ()
            for term, n, row in zip(positive, lengths, by_platform):
                key = (term.key, rank)
                got = memo.get(key)
                if got is None:
                    got = memo[key] = self._point_term(term, rank)
                best, best_key, best_spans, on_name, name_spans = got
                if several and on_name:
                    name_positions.update(on_name)
                named = row[plat]
                if named is not None:
                    score = named[0] * WEIGHTS["platform"]
                    if score > best:
                        best, best_key, best_spans = score, named[1], to_spans(named[2])
                    best += PLATFORM_QUALIFIER_BONUS
                if best_key is not None and best_key != "name":
                    spans[best_key] = best_spans
                total += best * n
            score = total / length_sum if length_sum else 0.0
            if several:
                score += self._phrase_bonus(positive, rank)
                name_spans = to_spans(sorted(name_positions))
            out.append((min(100.0, round(100.0 * score / _TOP_SCORE, 2)), name_spans, spans))
        return out

    def _phrase_bonus(self, positive: tuple[Term, ...], rank: int) -> float:
        """Consecutive terms that together equal a field ("cs soap" is an alias of the
        Customer Service SOAP point) or start the name ("custom list" → "Custom Lists"),
        in proportion to the share of the terms they cover."""
        memo = self.memo
        words = [t.text.lower() for t in positive]
        key = (tuple(words), rank, "phrase")
        got = memo.get(key)
        if got is None:
            got = 0.0
            fields = self.index.point_fields(rank)
            folded = {low for _, _, low, _ in fields}
            name = fields[0][2]
            n = len(words)
            for size in range(n, 1, -1):
                for start in range(n - size + 1):
                    phrase = " ".join(words[start:start + size])
                    if phrase in folded:
                        got = max(got, PHRASE_BONUS * size / n)
                    elif name.startswith(phrase):
                        got = max(got, PHRASE_BONUS * size / n / 2)
                if got:
                    break
            memo[key] = got
        return got

    def _point_term(self, term: Term, rank: int):
        """(weighted score, field key, spans, name positions, name spans) of one term on one point."""
        memo = self.memo
        fields = self.index.point_fields(rank)
        best, best_key, best_positions = 0.0, None, None
        on_name = None
        tkey, t, sensitive = term.key, term.text, term.case_sensitive
        for key, text, folded, weight in fields:
            hay = text if sensitive else folded
            if weight * (1 + WORD_END_BONUS) <= best and key != "name":
                # only a whole-field match (with its bonus) could still win here
                if weight * BEST_NORMALISED <= best or t != hay:
                    continue
            mkey = (tkey, text)
            got = memo.get(mkey)
            if got is None:
                got = memo[mkey] = score_field(term, text, hay)
            score, positions = got
            if positions is None:
                continue
            if key == "name":
                on_name = positions
            score *= weight
            if score > best:
                best, best_key, best_positions = score, key, positions
        if best < _BEST_SUMMARY:
            score, positions = score_summary(term, self.index.points[rank].summary)
            if positions is not None and score * WEIGHTS["summary"] > best:
                best, best_key, best_positions = score * WEIGHTS["summary"], "summary", positions
        if best == 0.0 and term.kind is Kind.FUZZY and not sensitive and len(t) >= TYPO_MIN:
            for key, text, _, weight in fields:
                score, positions = score_typo(t, text)
                if positions is not None and score * weight * WEIGHTS["typo"] > best:
                    best, best_key, best_positions = score * weight * WEIGHTS["typo"], key, positions
                    if key == "name":
                        on_name = positions
        spans = to_spans(best_positions) if best_positions is not None else ()
        return best, best_key, spans, on_name, (to_spans(on_name) if on_name else ())
