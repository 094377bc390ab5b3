"""The typo stage: a term that the cheaper stages leave (nearly) unmatched still finds the
words a few edits away.

**How far.** The budget grows with the term: no edit for 1-3 letters (too many short words
are one edit apart), 1 for 4-7, 2 for longer terms (``typo_budget``). A word is near a term
when one of these holds, with swapped neighbours counting as one edit (rapidfuzz's OSA,
the optimal string alignment form of Damerau-Levenshtein):

* the word is within the budget of the term ("wehbook" → "webhook");
* the word's first ``len(term)`` letters are (the user is still typing: "wehbo" → "webhooks");
* from 5 letters: all but ``budget`` letters of the term appear in order in the word's first
  ``len(term) + budget + 1`` letters, and the first letter is right: a wrong letter where
  the subsequence stage already forgives left-out ones ("webhuk" → "webhook").

**Where.** Only the words of tiers 1-2 (names, aliases, keywords, capability names,
technologies) and their camelCase parts, so a typo never lands in prose. The words are
bucketed by first letter and sorted by length: a term is compared with the words of its first
letter that are at least ``len(term) - budget`` long (C-speed rapidfuzz calls), plus, for a
swap of the first two letters, the words that start with those two letters the other way
round. The engine asks only when the cheaper stages found few points (see ``engine``), and
scores a typo below any exact or subsequence match of the same field (``WEIGHTS["typo"]``).
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from rapidfuzz import process
from rapidfuzz.distance import OSA, LCSseq

#: Shorter terms are never typo-matched; shorter words are not indexed for it.
TYPO_MIN = 4
#: From this length a wrong letter may also sit inside a subsequence (the third rule above).
SUBSEQUENCE_TYPO_MIN = 5

_TOKEN = re.compile(r"\w+")
#: A word start inside a token: a camelCase hump, an acronym's last capital, a digit after a letter.
_INNER_START = re.compile(r"[A-Z\d](?:(?<=[a-z][A-Z])|(?<=[A-Z][A-Z])(?=[a-z])|(?<=[^\W\d]\d))")


def typo_budget(length: int) -> int:
    """Edits allowed in a term of ``length`` characters: 0 for 1-3, 1 for 4-7, 2 beyond."""
    if length < TYPO_MIN:
        return 0
    return 1 if length <= 7 else 2


def typo_words(text: str, folded: str) -> list[tuple[int, str]]:
    """(start, folded word) for every word and camelCase part of ``text`` long enough to be
    matched with a typo: "DataHandler" gives "datahandler", "data" and "handler"."""
    spans = [m.span() for m in _TOKEN.finditer(text)]
    out = [(a, folded[a:b]) for a, b in spans if b - a >= TYPO_MIN]
    inner = [m.start() for m in _INNER_START.finditer(text)]
    if inner:
        cuts = sorted({a for a, _ in spans} | {b for _, b in spans} | set(inner))
        for a, b in spans:
            parts = cuts[bisect_left(cuts, a):bisect_left(cuts, b) + 1]
            if len(parts) > 2:  # the token has humps: add its parts
                out.extend((s, folded[s:e]) for s, e in itertools.pairwise(parts) if e - s >= TYPO_MIN)
    return out


def distance(term: str, word: str, budget: int) -> tuple[int, int] | None:
    """(edits, matched length of ``word``) when ``word`` is near ``term`` (see the module
    docstring), else None. The matched length is less than ``len(word)`` for a prefix."""
    n = len(term)
    d = OSA.distance(term, word, score_cutoff=budget)
    if d <= budget:
        return d, len(word)
    if len(word) > n:
        d = OSA.distance(term, word[:n], score_cutoff=budget)
        if d <= budget:
            return d, n
    if n >= SUBSEQUENCE_TYPO_MIN and word[0] == term[0]:
        window = word[:n + budget + 1]
        if LCSseq.similarity(term, window, score_cutoff=n - budget) >= n - budget:
            return budget, len(window)
    return None


class TypoIndex:
    """Tier 1-2 words by first letter, sorted by length, with the point ranks holding each."""

    def __init__(self, items: Iterable[tuple[str, str, tuple[int, ...]]]) -> None:
        """``items``: (original text, folded text, point ranks) of every tier 1-2 string."""
        table: dict[str, list[int]] = {}
        for text, folded, ranks in items:
            for _, word in typo_words(text, folded):
                got = table.get(word)
                if got is None:
                    table[word] = list(ranks)
                else:
                    got.extend(ranks)
        #: first letter → (lengths ascending, words, postings)
        self.buckets: dict[str, tuple[list[int], list[str], list[tuple[int, ...]]]] = {}
        for word in sorted(table, key=lambda w: (w[0], len(w), w)):
            lengths, words, postings = self.buckets.setdefault(word[0], ([], [], []))
            lengths.append(len(word))
            words.append(word)
            postings.append(tuple(sorted(set(table[word]))))

    def candidates(self, term: str, budget: int) -> list[tuple[str, tuple[int, ...]]]:
        """The words worth comparing with ``term``: (word, postings)."""
        out: list[tuple[str, tuple[int, ...]]] = []
        lengths, words, postings = self.buckets.get(term[0], ((), (), ()))
        lo = bisect_left(lengths, len(term) - budget)
        out.extend(zip(words[lo:], postings[lo:]))
        if len(term) > 1 and term[1] != term[0]:  # the first two letters swapped
            lengths, words, postings = self.buckets.get(term[1], ((), (), ()))
            lo = bisect_left(lengths, len(term) - budget)
            hi = bisect_right(lengths, len(term) + budget)
            out.extend((w, p) for w, p in zip(words[lo:hi], postings[lo:hi]) if w[1:2] == term[0])
        return out

    def points(self, term: str) -> set[int]:
        """Ranks of the points holding a word near ``term`` (folded)."""
        budget = typo_budget(len(term))
        if not budget:
            return set()
        found: set[int] = set()
        cands = self.candidates(term, budget)
        if not cands:
            return found
        words = [w for w, _ in cands]
        n = len(term)
        near = {i for _, _, i in process.extract(term, words, scorer=OSA.distance, score_cutoff=budget, limit=None)}
        longer = [i for i, w in enumerate(words) if len(w) > n]
        heads = [words[i][:n] for i in longer]
        near.update(longer[i] for _, _, i in process.extract(
            term, heads, scorer=OSA.distance, score_cutoff=budget, limit=None))
        if n >= SUBSEQUENCE_TYPO_MIN:
            first = [i for i, w in enumerate(words) if w[0] == term[0] and i not in near]
            windows = [words[i][:n + budget + 1] for i in first]
            near.update(first[i] for _, _, i in process.extract(
                term, windows, scorer=LCSseq.similarity, score_cutoff=n - budget, limit=None))
        for i in near:
            found.update(cands[i][1])
        return found


def score_typo(term: str, text: str, folded: str) -> tuple[float, list[int] | None]:
    """The best word (or camelCase part) of ``text`` near ``term``: (similarity 0..1,
    positions of the matched letters of that word), or (0.0, None)."""
    budget = typo_budget(len(term))
    if not budget:
        return 0.0, None
    best: tuple[float, list[int] | None] = (0.0, None)
    for start, word in typo_words(text, folded):
        if word[0] != term[0] and word[:2] != term[1::-1]:
            continue
        got = distance(term, word, budget)
        if got is None:
            continue
        edits, length = got
        similarity = 1.0 - edits / max(len(term), length)
        if similarity > best[0]:
            best = (similarity, list(range(start, start + length)))
    return best
