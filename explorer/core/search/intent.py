"""What a query means beyond its letters: stop words, synonym phrases and words typed apart.

The catalog's search vocabulary (``synonyms:`` and ``stop_words:``, bundled in
``catalog/vocabulary.yaml``) becomes a :class:`Thesaurus`, which turns a parsed query into a
:class:`Plan`:

* **Slots.** What the query asks for, in order. A slot is one term, or a run of neighbouring
  fuzzy terms that together are a synonym phrase ("single sign on", "custom objects"). A
  fuzzy slot whose text is a synonym term carries that entry: it also finds what the
  entry's other terms and ``means`` find, and the points whose capability serves its
  ``needs``. Operator terms (``'exact``, ``^prefix``, ``suffix$``) are slots of their own
  and never take synonyms.
* **Stop words.** A plain fuzzy term that is a stop word ("our", "when", "a") is dropped, so
  it cannot stop a match, unless every term is one ("the" alone is still searched).
* **Joins.** Two neighbouring plain fuzzy terms are also tried written as one ("web hooks" →
  "webhooks"); the scorer keeps the join where it scores better than the two terms apart.

Lookups fold case (smart case is about letters, not meaning: "Single Sign-On" is "single
sign on"), read hyphens as spaces ("sign-on" is "sign on") and forgive plural and verb
endings ("triggers" and "notified" find the entries of "trigger" and "notify").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from explorer.core.model import Catalog
from explorer.core.search.fields import singular
from explorer.core.search.query import MAX_TERM_CHARS, Kind, Query, Term


def normalise(text: str) -> str:
    """Lower case, hyphens as spaces, single spaces: how phrases are compared."""
    return " ".join(text.lower().replace("-", " ").split())


#: Word endings a lookup forgives, and what replaces them ("notified" → "notify").
_ENDINGS = (("ied", "y"), ("ies", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("es", ""), ("s", ""))


def forms(phrase: str) -> set[str]:
    """``phrase`` and the forms of its last word without a plural or verb ending: "notified"
    gives "notify", "saved" gives "save", "triggers" gives "trigger". A crude stemmer, only
    for looking up synonyms, where both sides go through it."""
    head, _, last = phrase.rpartition(" ")
    found = {phrase, singular(phrase)}
    for ending, instead in _ENDINGS:
        stem = last[:-len(ending)] + instead
        if last.endswith(ending) and len(stem) >= 4:
            found.add(f"{head} {stem}".lstrip())
    return found


@dataclass(frozen=True, slots=True)
class Slot:
    """One thing the query asks for: a term, or a phrase of terms that a synonym names."""

    terms: tuple[Term, ...]
    #: The slot's text as typed, normalised (words joined by single spaces).
    text: str
    #: Indices of the thesaurus entries the text is a term of.
    synonyms: tuple[int, ...] = ()
    #: A hashable identity for caches.
    key: tuple = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", (tuple(t.key for t in self.terms), self.synonyms))

    @property
    def weight(self) -> int:
        """How much the slot counts in a hit's score: its letters (longer terms count more)."""
        return sum(len(t.text) for t in self.terms)

    @property
    def fuzzy(self) -> bool:
        return all(t.kind is Kind.FUZZY for t in self.terms)


@dataclass(frozen=True, slots=True)
class Plan:
    query: Query
    slots: tuple[Slot, ...]
    #: Stop words left out of the match.
    dropped: tuple[Term, ...] = ()
    #: (i, joined term) where slots i and i + 1 may be one word written apart.
    joins: tuple[tuple[int, Term], ...] = ()


@dataclass(frozen=True, slots=True)
class Entry:
    """A synonym entry, normalised: its terms, needs and the catalog words it means."""

    terms: tuple[str, ...]
    needs: tuple[str, ...]
    means: tuple[str, ...]

    def alternatives(self, typed: str) -> tuple[str, ...]:
        """What the entry finds besides the typed text: its other terms, then ``means``."""
        own = {typed, singular(typed)}
        return tuple(dict.fromkeys(
            [t for t in self.terms if t not in own and singular(t) not in own] + list(self.means)
        ))


class Thesaurus:
    """The catalog's synonyms and stop words, indexed by normalised phrase."""

    def __init__(self, catalog: Catalog) -> None:
        self.stop_words = frozenset(normalise(w) for w in catalog.stop_words)
        self.entries: list[Entry] = []
        self._lookup: dict[str, list[int]] = {}
        self.max_words = 1
        for synonym in catalog.synonyms:
            terms = tuple(dict.fromkeys(t for t in map(normalise, synonym.terms) if t))
            means = tuple(dict.fromkeys(t for t in map(normalise, synonym.means) if t))
            if not terms:
                continue
            index = len(self.entries)
            self.entries.append(Entry(terms, tuple(synonym.needs), means))
            for term in terms:
                for form in forms(term):
                    got = self._lookup.setdefault(form, [])
                    if index not in got:
                        got.append(index)
                self.max_words = max(self.max_words, term.count(" ") + 1)

    def __bool__(self) -> bool:
        return bool(self.entries or self.stop_words)

    def content_words(self, phrase: str) -> list[str]:
        """The words of a catalog phrase that are not stop words (all of them if every one
        is): what a synonym's alternative must match ("call our api" → call, api)."""
        words = phrase.split()
        kept = [w for w in words if w not in self.stop_words]
        return kept or words

    def lookup(self, text: str) -> tuple[int, ...]:
        """Entries that have ``text`` (normalised) as a term, forgiving endings (``forms``)."""
        got = self._lookup.get(text)
        if got is not None:
            return tuple(got)
        found: dict[int, None] = {}
        for form in forms(text):
            found.update(dict.fromkeys(self._lookup.get(form, ())))
        return tuple(found)

    def plan(self, query: Query) -> Plan:
        """The slots, dropped stop words and joins of ``query`` (see the module docstring)."""
        slots: list[Slot] = []
        #: per slot: whether it is a plain fuzzy term that may be dropped or joined
        plain: list[bool] = []
        run: list[Term] = []
        for term in (*query.terms, None):
            if term is not None and term.kind is Kind.FUZZY and not term.negate:
                run.append(term)
                continue
            self._phrases(run, slots, plain)
            run = []
            if term is not None and not term.negate:
                slots.append(Slot((term,), normalise(term.text)))
                plain.append(False)
        kept = [i for i, slot in enumerate(slots) if not (plain[i] and slot.text in self.stop_words)]
        if not kept:
            kept = list(range(len(slots)))
        dropped = tuple(slots[i].terms[0] for i in range(len(slots)) if i not in set(kept))
        joins = []
        for k in range(len(kept) - 1):
            i, j = kept[k], kept[k + 1]
            a, b = slots[i].terms[0], slots[j].terms[0]
            if j == i + 1 and plain[i] and plain[j] and not (a.case_sensitive or b.case_sensitive):
                joined = (a.text + b.text)[:MAX_TERM_CHARS]
                joins.append((k, Term(Kind.FUZZY, joined)))
        return Plan(query, tuple(slots[i] for i in kept), dropped, tuple(joins))

    def _phrases(self, run: list[Term], slots: list[Slot], plain: list[bool]) -> None:
        """Split a run of fuzzy terms into slots, the longest synonym phrases first."""
        texts = [normalise(t.text) for t in run]
        i = 0
        while i < len(run):
            for size in range(min(self.max_words, len(run) - i), 0, -1):
                text = " ".join(texts[i:i + size])
                found = self.lookup(text) if self.entries else ()
                if found or size == 1:
                    slots.append(Slot(tuple(run[i:i + size]), text, found))
                    plain.append(size == 1 and not found)
                    i += size
                    break
