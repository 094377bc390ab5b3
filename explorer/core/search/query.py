"""Search query syntax, as fzf's extended search (``man fzf``, "EXTENDED SEARCH MODE").

Terms are separated by spaces and must all match (AND). Each term may match in any field.

=============  ==========================================================================
``sbtrkt``     fuzzy: the letters in order (a subsequence) inside one field, or a word of
               a summary starting with it (3+); a synonym, a plural, or a typo of a word
               when little else matches (4+ characters; see ``engine``)
``'wild``      exact: a substring of any field
``^music``     prefix: the start of a word (or field) in any field
``.mp3$``      suffix: the end of a word (or field) in any field
``^word$``     whole word: equal to a word (or field)
``!fire``      exclude pairs where ``fire`` is a substring of any field; ``!^x``, ``!x$``
               and ``!^x$`` exclude by prefix, suffix and whole word instead
=============  ==========================================================================

Smart case, per term as in fzf: a term is case-insensitive unless it holds an upper-case
letter. A lone ``!``, ``'``, ``^`` or ``$`` is ignored (you are still typing the term).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

#: Longer terms are cut to this length (the scorer's work grows with it).
MAX_TERM_CHARS = 64
#: At most this many terms count; the rest of a very long query is ignored.
MAX_TERMS = 16


class Kind(str, Enum):
    FUZZY = "fuzzy"
    EXACT = "exact"
    PREFIX = "prefix"
    SUFFIX = "suffix"
    WORD = "word"


@dataclass(frozen=True, slots=True)
class Term:
    kind: Kind
    #: The text to look for, lower-cased unless ``case_sensitive``.
    text: str
    negate: bool = False
    case_sensitive: bool = False
    #: A hashable identity for caches (kind, text, negate, case).
    key: tuple[str, str, bool, bool] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", (self.kind.value, self.text, self.negate, self.case_sensitive))

    def narrows(self, other: Term) -> bool:
        """True when every match of ``self`` is also a match of the (earlier) ``other``.

        Used to narrow the previous results while the user types: ``cont`` → ``conta``.
        Negated terms never narrow (``!ab`` excludes less than ``!a``).
        """
        if self.negate or other.negate or self.kind is not other.kind:
            return False
        if other.case_sensitive and not self.case_sensitive:
            return False
        mine = self.text if other.case_sensitive else self.text.lower()
        if self.kind is Kind.FUZZY:
            return _is_subsequence(other.text, mine)
        if self.kind is Kind.EXACT:
            return other.text in mine
        if self.kind is Kind.PREFIX:
            return mine.startswith(other.text)
        if self.kind is Kind.SUFFIX:
            return mine.endswith(other.text)
        return mine == other.text


def _is_subsequence(needle: str, hay: str) -> bool:
    it = iter(hay)
    return all(ch in it for ch in needle)


@dataclass(frozen=True, slots=True)
class Query:
    text: str
    terms: tuple[Term, ...]
    #: The terms that must match, and the exclusions.
    positive: tuple[Term, ...] = field(init=False, compare=False, repr=False)
    negative: tuple[Term, ...] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "positive", tuple(t for t in self.terms if not t.negate))
        object.__setattr__(self, "negative", tuple(t for t in self.terms if t.negate))

    @property
    def empty(self) -> bool:
        """True when nothing is searched for (no term, or only exclusions)."""
        return not self.positive


def parse_term(raw: str) -> Term | None:
    negate = raw.startswith("!")
    if negate:
        raw = raw[1:]
    kind = Kind.EXACT if negate else Kind.FUZZY
    if raw.startswith("'"):
        raw = raw[1:]
        kind = Kind.EXACT
    prefix = raw.startswith("^")
    if prefix:
        raw = raw[1:]
    suffix = raw.endswith("$") and len(raw) > 1
    if suffix:
        raw = raw[:-1]
    if prefix and suffix:
        kind = Kind.WORD
    elif prefix:
        kind = Kind.PREFIX
    elif suffix:
        kind = Kind.SUFFIX
    elif raw == "$":
        raw = ""
    raw = raw[:MAX_TERM_CHARS]
    if not raw:
        return None
    sensitive = raw != raw.lower()
    return Term(kind, raw, negate, sensitive)


def parse_query(text: str) -> Query:
    terms: list[Term] = []
    for raw in (text or "").split():
        term = parse_term(raw)
        if term is not None and term not in terms:
            terms.append(term)
        if len(terms) >= MAX_TERMS:
            break
    return Query(text or "", tuple(terms))
