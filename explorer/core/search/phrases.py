"""Phrases for the exact stage: terms that together are a field or a word of the name, and
what the catalog calls a point (its name and aliases).

``Phrases.bonus`` is the ``PHRASE_BONUS`` of a query on a point: consecutive terms that
together equal a field ("cs soap" is an alias of the Customer Service SOAP point), that
written together equal a word of the name or a field ("web api" and "WebAPI"), or that start
the name ("custom list" → "Custom Lists"); in proportion to the share of the terms they cover
and the field's weight. A synonym slot whose alternative the catalog calls the point by
("single sign on" and the alias "sso") earns the bonus of its share too.

Lookups go through a per-point :class:`Shape` (built once and kept in the scorer's memo), so
a phrase check is a few dictionary lookups.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from explorer.core.search.fields import singular, squeeze
from explorer.core.search.index import SearchIndex
from explorer.core.search.intent import Plan, Thesaurus
from explorer.core.search.score import PHRASE_BONUS

_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class Shape:
    """A point's fields as the phrase checks look them up."""

    name: str
    #: the name without a trailing parenthetical, stripped
    head: str
    #: the words of ``head``
    name_words: frozenset[str]
    #: folded field → its weight (the highest, when two fields hold the same text)
    lows: dict[str, float]
    #: folded field in the singular → weight
    wholes: dict[str, float]

    @classmethod
    def of(cls, index: SearchIndex, rank: int) -> Shape:
        fields = index.point_fields(rank)
        name = fields[0][2]
        head = name[:index.name_heads[rank]].strip()
        lows: dict[str, float] = {}
        wholes: dict[str, float] = {}
        for _, _, low, weight in fields:
            lows[low] = max(lows.get(low, 0.0), weight)
            one = singular(low.strip())
            wholes[one] = max(wholes.get(one, 0.0), weight)
        return cls(name, head, frozenset(_WORD.findall(head)), lows, wholes)


class Phrases:
    def __init__(self, index: SearchIndex, thesaurus: Thesaurus, memo: dict) -> None:
        """``memo`` is the scorer's, so that clearing it clears these too."""
        self.index = index
        self.thesaurus = thesaurus
        self.memo = memo

    def shape(self, rank: int) -> Shape:
        key = ("shape", rank)
        got = self.memo.get(key)
        if got is None:
            got = self.memo[key] = Shape.of(self.index, rank)
        return got

    def called(self, rank: int) -> set[str]:
        """What the catalog calls the point (name without a trailing parenthetical, and
        aliases), squeezed and in the singular, so plurals, spaces and hyphens do not matter."""
        key = ("called", rank)
        got = self.memo.get(key)
        if got is None:
            fields = self.index.point_fields(rank)
            got = {singular(squeeze(self.shape(rank).head)[0])}
            got.update(singular(squeeze(low)[0]) for field, _, low, _ in fields if field[0] == "a")
            self.memo[key] = got
        return got

    def calls(self, rank: int, phrase: str) -> bool:
        """Whether the catalog calls the point ``phrase``."""
        return singular(squeeze(phrase)[0]) in self.called(rank)

    def _alternatives(self, entries: tuple[int, ...], typed: str) -> frozenset[str]:
        """The alternatives of a slot's synonym entries, as ``called`` holds them."""
        key = (entries, typed, "alternatives")
        got = self.memo.get(key)
        if got is None:
            got = self.memo[key] = frozenset(
                singular(squeeze(alt)[0]) for e in entries for alt in self.thesaurus.entries[e].alternatives(typed)
            )
        return got

    def bonus(self, plan: Plan, words: tuple[str, ...], rank: int, by_synonym: tuple[int, ...] = ()) -> float:
        """The phrase bonus of the query's terms (``words``, lower case) on one point;
        ``by_synonym`` are the slots that matched it through a synonym."""
        got = self._of(words, rank)
        n = len(words)
        for slot in map(plan.slots.__getitem__, by_synonym):  # a synonym the catalog calls the point by
            if (got < PHRASE_BONUS * len(slot.terms) / n
                    and not self.called(rank).isdisjoint(self._alternatives(slot.synonyms, slot.text))):
                got = max(got, PHRASE_BONUS * len(slot.terms) / n)
        return got

    def _of(self, words: tuple[str, ...], rank: int) -> float:
        shape = self.shape(rank)
        best = 0.0
        n = len(words)
        for size in range(n, 1, -1):
            for start in range(n - size + 1):
                phrase = " ".join(words[start:start + size])
                joined = "".join(words[start:start + size])
                share = PHRASE_BONUS * size / n
                weight = max(shape.lows.get(phrase, 0.0), shape.wholes.get(singular(joined), 0.0))
                if weight:
                    best = max(best, share * weight)
                if phrase == shape.head or joined in shape.name_words:
                    best = max(best, share)
                elif shape.name.startswith(phrase):
                    best = max(best, share / 2)
            if best:
                break
        return best
