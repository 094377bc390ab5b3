"""The cheap stage of the search: which points (and platforms) each term matches.

Work proportional to the catalog runs in C where it can:

* one-letter terms: a precomputed list of the strings holding each character;
* two-letter terms ``ab``: arrays of each letter's first and last position per string,
  compared in one ``map(lt, first[a], last[b])`` pass;
* longer terms: rapidfuzz's LCS (a string holds the term in order exactly when the LCS is
  the term's length) over the names and the other tier 1-2 strings, restricted to the
  strings a cached shorter term matched or that hold the term's rarest character;
* word prefixes (summaries, ``^prefix``, ranking): ``bisect`` into sorted vocabularies and a
  set union of their postings.

Typos (``typo``), synonyms and phrases (``slots``) build on these per-term matches.

Results are cached per term (fzf's prefix cache): a term that extends a cached one rescans
only the strings the cached one matched.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from itertools import compress
from operator import itemgetter, lt

from rapidfuzz import process
from rapidfuzz.distance import LCSseq

from explorer.core.search.fields import (
    SUMMARY_MIN,
    platform_span,
    word_positions,
)
from explorer.core.search.index import SearchIndex
from explorer.core.search.query import Kind, Term

CACHE_TERMS = 16
#: ... and at most this many point ranks in all (a one-letter term at 100,000 points holds
#: ~100,000 in a set of ~4 MB), but always the last two terms (a term's parent narrows it).
CACHE_RANKS = 400_000
CACHE_KEEP = 2
#: Rescan only a subset of the strings when it is smaller than this share of them (above
#: it, copying the subset out costs more than a full scan in C).
NARROW = 0.6


@dataclass(slots=True)
class TermMatch:
    """What one term matches: point ranks, plus the platforms whose own fields match."""

    term: Term
    #: Ranks whose name matches, ascending (None when not kept for narrowing).
    names: list[int] | None
    #: Indices of the other tier 1-2 strings that match (None when not kept).
    aux: list[int] | None
    #: Every matching point.
    points: set[int]
    #: Platform indices whose name, short name or aliases match the term.
    platforms: frozenset[int]
    index: SearchIndex
    #: The points whose summary has a word matching the term (part of ``points``).
    summary: set[int] = field(default_factory=set)
    _strong: set[int] | None = None
    _name_prefix: list[int] | None = None

    def name_prefix(self) -> list[int]:
        """Points whose name starts with the term, ascending (computed once)."""
        if self._name_prefix is None:
            index, term = self.index, self.term
            text = term.text
            if term.case_sensitive:
                found = [r for r in index.name_prefix(text.lower()) if index.names[r].startswith(text)]
            else:
                found = index.name_prefix(text)
            found.sort()
            if term.kind is Kind.SUFFIX or term.kind is Kind.WORD:
                found = [r for r in found if r in self.points]
            self._name_prefix = found
        return self._name_prefix

    def strong(self) -> set[int]:
        """Points with a tier 1-2 word (or field) that starts with the term (computed once)."""
        if self._strong is None:
            words = self.index.original_words() if self.term.case_sensitive else self.index.words
            self._strong = words.with_prefix(self.term.text)
        return self._strong


def _held(found: TermMatch) -> int:
    """How many ranks a cached term match holds (what its memory grows with)."""
    return len(found.points) + len(found.names or ()) + len(found.aux or ())


class Matcher:
    def __init__(self, index: SearchIndex) -> None:
        self.index = index
        self._terms: OrderedDict[tuple, TermMatch] = OrderedDict()
        self._typos: dict[str, frozenset[int]] = {}

    def match(self, term: Term) -> TermMatch:
        key = term.key
        cached = self._terms.get(key)
        if cached is not None:
            self._terms.move_to_end(key)
            return cached
        parent: TermMatch | None = None
        for other in self._terms.values():
            if (other.names is not None and other.aux is not None and term.narrows(other.term)
                    and (parent is None or len(other.names) + len(other.aux) < len(parent.names) + len(parent.aux))):  # type: ignore[arg-type]
                parent = other
        found = self._compute(term, parent)
        self._terms[key] = found
        terms = self._terms
        while len(terms) > CACHE_KEEP and (
            len(terms) > CACHE_TERMS or sum(map(_held, terms.values())) > CACHE_RANKS
        ):
            terms.popitem(last=False)
        return found

    def clear(self) -> None:
        self._terms.clear()
        self._typos.clear()

    def uncached(self, term: Term) -> TermMatch:
        """What ``term`` matches, without touching the cache of the user's terms (for
        synonym phrases, which would push those out)."""
        return self._compute(term, None)

    # ------------------------------------------------------------------ per term

    def _compute(self, term: Term, parent: TermMatch | None) -> TermMatch:
        index = self.index
        text = term.text
        sensitive = term.case_sensitive
        kind = term.kind
        names_all = index.names if sensitive else index.names_folded
        aux_all = index.aux.original if sensitive else index.aux.folded
        words = index.original_words() if sensitive else index.words
        # narrow to what the parent matched, while that is a real narrowing
        name_domain = _domain(text, index.name_chars, parent.names if parent else None, len(names_all))
        aux_domain = _domain(text, index.aux_chars, parent.aux if parent else None, len(aux_all))
        names: list[int] | None
        aux: list[int] | None
        if len(text) == 1 and not sensitive and kind in (Kind.FUZZY, Kind.EXACT):
            names = list(index.name_chars.get(text, ()))  # precomputed
            aux = list(index.aux_chars.get(text, ()))
        elif kind is Kind.FUZZY and len(text) == 2 and not sensitive and name_domain is None:
            names = _pair(text, index.name_ends, names_all)
            aux = _pair(text, index.aux_ends, aux_all) if aux_domain is None else _subsequence(text, aux_all, aux_domain)
        elif kind is Kind.FUZZY:
            names = _subsequence(text, names_all, name_domain)
            aux = _subsequence(text, aux_all, aux_domain)
        elif kind is Kind.EXACT:
            names = _containing(text, names_all, name_domain)
            aux = _containing(text, aux_all, aux_domain)
        elif kind is Kind.PREFIX:
            names = aux = None  # the vocabulary answers directly
        else:
            names = self._word_scan(term, index.names, names_all, name_domain)
            aux = self._word_scan(term, index.aux.original, aux_all, aux_domain)
        if names is None or aux is None:
            field_points = words.with_prefix(text)
        else:
            field_points = set(names)
            if aux:
                field_points.update(*map(index.aux.postings.__getitem__, aux))
        strong = set(field_points) if kind is Kind.SUFFIX or kind is Kind.WORD else None
        points = field_points
        summary = self._summary_points(term)
        points |= summary
        platforms = frozenset(
            pf.index for pf in index.platforms if any(platform_span(term, t) is not None for _, t in pf.fields)
        )
        return TermMatch(term, names, aux, points, platforms, index, summary, strong)

    def _summary_points(self, term: Term) -> set[int]:
        index = self.index
        table = index.summaries
        text = term.text
        strings = table.original if term.case_sensitive else table.folded
        if term.kind is Kind.FUZZY or term.kind is Kind.PREFIX:
            if term.kind is Kind.FUZZY and len(text) < SUMMARY_MIN:
                return set()
            words = index.original_summary_words() if term.case_sensitive else index.summary_words
            return words.with_prefix(text)
        if term.kind is Kind.EXACT:
            found = _containing(text, strings, None)
        else:
            found = self._word_scan(term, table.original, strings, None)
        if not found:
            return set()
        return set().union(*map(table.postings.__getitem__, found))

    @staticmethod
    def _word_scan(term: Term, original: list[str], strings: list[str], domain: list[int] | None) -> list[int]:
        """Indices of strings where ``term`` (suffix or whole word) matches: a plain scan."""
        text = term.text
        candidates = _containing(text, strings, domain)
        return [i for i in candidates if word_positions(term, original[i], strings[i]) is not None]

    def typo_points(self, text: str) -> frozenset[int]:
        """Points with a tier 1-2 word near the (folded) ``text`` (see ``typo``), cached."""
        got = self._typos.get(text)
        if got is None:
            if len(self._typos) > CACHE_TERMS:
                self._typos.clear()
            got = self._typos[text] = frozenset(self.index.typo.points(text))
        return got


def _domain(text: str, chars: dict[str, list[int]], parent: list[int] | None, total: int) -> list[int] | None:
    """The strings worth scanning for ``text``: those the parent term matched, or those
    holding the term's rarest character, whichever is fewer; None means all of them."""
    best = parent
    for ch in set(text.lower()):
        holding = chars.get(ch)
        if holding is None:
            return []
        if best is None or len(holding) < len(best):
            best = holding
    if best is None or len(best) >= NARROW * total:
        return None
    return best


def _pair(text: str, ends: dict, strings: list[str]) -> list[int]:
    """Indices of the strings holding the two characters of ``text`` in order."""
    a, b = text
    if a not in ends or b not in ends:
        return _subsequence(text, strings, None)
    first, last = ends[a][0], ends[b][1]
    return list(compress(range(len(strings)), map(lt, first, last)))


def _subsequence(text: str, strings: list[str], domain: list[int] | None) -> list[int]:
    """Indices (ascending) of the strings holding ``text`` in order (rapidfuzz LCS, C speed)."""
    if domain is not None and not domain:
        return []
    if len(text) == 1:
        return _containing(text, strings, domain)
    choices = strings if domain is None else list(map(strings.__getitem__, domain))
    res = process.extract(text, choices, scorer=LCSseq.similarity, score_cutoff=len(text), limit=None)
    found = list(map(itemgetter(2), res))
    found.sort()
    return found if domain is None else list(map(domain.__getitem__, found))


def _containing(text: str, strings: list[str], domain: list[int] | None) -> list[int]:
    if domain is None:
        return [i for i, s in enumerate(strings) if text in s]
    return [i for i in domain if text in strings[i]]

