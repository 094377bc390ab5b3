"""The cheap stage for a query's slots (see ``intent``): which points each slot matches.

A slot matches what its term matches (``match``); a phrase slot what all its terms match.
On top of that:

* **Synonyms.** The points that the entry's other terms and ``means`` find, each word of
  them as a word prefix in tiers 1-2 or a summary (never scattered letters), and the points
  whose capability serves the entry's ``needs``. Computed once per entry and kept: the
  catalog does not change under an engine.
* **Plurals.** A fuzzy term in the plural also matches where its singular starts a word
  ("users" finds "the current user").
* **Typos.** When all that leaves fewer than ``TYPO_FEW`` points, a plain fuzzy term of
  ``typo.TYPO_MIN`` letters or more also matches the points with a word near it.

In a sentence (a query of ``loose.LOOSE_SLOTS`` or more fuzzy slots, "notify our server when
a ticket changes") a fuzzy slot's words must each start a word of tiers 1-2 or a summary;
their letters scattered through a long field do not count there.

A slot without synonyms, plural or typo, outside a sentence, is just its
:class:`TermMatch`, so plain typing costs nothing extra.
"""

from __future__ import annotations

from dataclasses import dataclass

from explorer.core.search.fields import singular
from explorer.core.search.index import SearchIndex
from explorer.core.search.intent import Slot, Thesaurus
from explorer.core.search.match import Matcher, TermMatch
from explorer.core.search.query import Kind, Term
from explorer.core.search.typo import TYPO_MIN

#: The typo stage runs for a term whose other matches hold fewer points than this.
TYPO_FEW = 3
#: Shorter terms are not read as plurals ("yes", "ids").
PLURAL_MIN = 4


@dataclass(slots=True)
class SlotMatch:
    """What one slot matches; the same interface as :class:`TermMatch` for the engine."""

    slot: Slot
    terms: list[TermMatch]
    points: set[int]
    #: Points matched through a synonym or a typo only by this slot's alternatives.
    extra: frozenset[int]
    platforms: frozenset[int]
    #: True when the typo stage ran for the slot.
    typo: bool = False
    #: True when its words had to start words (in a sentence): ``points`` are all loose points.
    wordwise: bool = False
    _strong: set[int] | None = None
    _name_prefix: list[int] | None = None

    def name_prefix(self) -> list[int]:
        """Points whose name starts with the slot's first term and that the slot matches."""
        if self._name_prefix is None:
            self._name_prefix = [r for r in self.terms[0].name_prefix() if r in self.points]
        return self._name_prefix

    def strong(self) -> set[int]:
        """Points where every term starts a tier 1-2 word, or a synonym or typo matched."""
        if self._strong is None:
            strong = set(self.terms[0].strong())
            for m in self.terms[1:]:
                strong &= m.strong()
            self._strong = strong | self.extra
        return self._strong


def loose_points(m: TermMatch | SlotMatch) -> set[int]:
    """The points a slot matches well enough to count when not every slot matches: a word
    start in tiers 1-2 or a summary, a synonym, a plural or a typo (never letters scattered
    through a long field)."""
    if isinstance(m, SlotMatch):
        if m.wordwise:
            return m.points
        out = set(m.extra)
        for t in m.terms:
            out |= word_points(t)
        return out
    return word_points(m)


def word_points(m: TermMatch) -> set[int]:
    """The points where the term starts a word of tiers 1-2 or of the summary."""
    return m.strong() | m.summary


def plural_of(slot: Slot) -> str:
    """The singular of a one-term fuzzy slot typed in the plural ("users" → "user"), or ""."""
    if len(slot.terms) != 1:
        return ""
    term = slot.terms[0]
    if term.kind is not Kind.FUZZY or term.case_sensitive or len(term.text) < PLURAL_MIN:
        return ""
    one = singular(term.text)
    return one if one != term.text else ""


class SlotMatcher:
    def __init__(self, index: SearchIndex, matcher: Matcher, thesaurus: Thesaurus) -> None:
        self.index = index
        self.matcher = matcher
        self.thesaurus = thesaurus
        #: entry index → points of all its alternatives and needs
        self._entries: dict[int, frozenset[int]] = {}
        #: normalised catalog phrase → the points where each of its words starts a word
        self._phrases: dict[str, frozenset[int]] = {}

    def match(self, slot: Slot, sentence: bool = False) -> TermMatch | SlotMatch:
        """What ``slot`` matches. In a ``sentence`` (a query of several words, see
        ``loose``) a fuzzy slot's own words must each start a word of tiers 1-2 or a summary:
        their letters scattered through a long field are no match there."""
        terms = [self.matcher.match(t) for t in slot.terms]
        first = terms[0]
        plural = plural_of(slot)
        wordwise = sentence and slot.fuzzy
        if (not wordwise and len(terms) == 1 and not slot.synonyms and not plural
                and not self._wants_typo(slot, first.points)):
            return first
        if wordwise:
            content = [m for m in terms if m.term.text.lower() not in self.thesaurus.stop_words] or terms
            points = word_points(content[0])
            for m in content[1:]:
                points &= word_points(m)
        else:
            points = set(first.points)
            for m in terms[1:]:
                points &= m.points
        extra: set[int] = set()
        if plural:
            extra |= self.phrase_points(plural)
        for entry in slot.synonyms:
            extra |= self.entry_points(entry)
        typo = False
        if self._wants_typo(slot, points | extra):
            extra |= self.matcher.typo_points(slot.terms[0].text)
            typo = True
        points |= extra
        platforms = first.platforms if len(terms) == 1 else frozenset()
        return SlotMatch(slot, terms, points, frozenset(extra), platforms, typo, wordwise)

    @staticmethod
    def _wants_typo(slot: Slot, points: set[int]) -> bool:
        if len(slot.terms) != 1 or len(points) >= TYPO_FEW:
            return False
        term = slot.terms[0]
        return term.kind is Kind.FUZZY and not term.case_sensitive and len(term.text) >= TYPO_MIN

    def entry_points(self, entry: int) -> frozenset[int]:
        """Every point an entry's alternatives or needs find (any typed term of it)."""
        got = self._entries.get(entry)
        if got is None:
            found: set[int] = set()
            e = self.thesaurus.entries[entry]
            for phrase in (*e.terms, *e.means):
                found |= self.phrase_points(phrase)
            for need in e.needs:
                found |= self.index.need_points.get(need, frozenset())
            got = self._entries[entry] = frozenset(found)
        return got

    def phrase_points(self, phrase: str) -> frozenset[int]:
        """Points where every word of a catalog phrase starts a word of tiers 1-2 or the summary."""
        got = self._phrases.get(phrase)
        if got is None:
            points: set[int] | None = None
            for word in self.thesaurus.content_words(phrase):
                found = self.matcher.uncached(Term(Kind.PREFIX, word)).points
                points = set(found) if points is None else points & found
                if not points:
                    break
            got = self._phrases[phrase] = frozenset(points or ())
        return got

    def prepare(self) -> None:
        """Compute what every synonym entry finds (they depend only on the catalog)."""
        for entry in range(len(self.thesaurus.entries)):
            self.entry_points(entry)
