"""What the search engine precomputes for one catalog (built once, then only read).

* **Ranks.** Points are numbered by (name length, catalog order), and the indexed pairs
  (point, platform) by (point rank, platform order). Sorting ids is therefore the "shorter
  name first" tiebreak, and the engine can order big result sets with C-speed ``sorted``.
* **Field strings.** Tier 1 (point name, capability name, aliases and keywords of the point
  and of its capability) and tier 2 (technologies) are stored once per distinct string with
  the ranks of the points that carry them, folded to lower case (same length, so positions
  stay valid) and in their original case.
* **Word vocabularies.** Every word start (after a non-word character, a camelCase hump,
  an acronym's last capital, a digit after a letter) gives an entry running to the end of
  its word; white-space chunks and whole fields are entries too. Sorted, with the ranks of
  the points holding them, so "a word starts with X" is a ``bisect`` plus a set union.
  One vocabulary covers tiers 1-2, another the summaries.
* **Platforms**: their name, short name and aliases, with their word starts.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import chain

from explorer.core.model import Capability, Catalog, Point, Status
from explorer.core.search.score import WEIGHTS
from explorer.core.search.typo import TypoIndex

_TOKEN = re.compile(r"\w+")
#: A word start inside a token: a camelCase hump, an acronym's last capital before a lower
#: case letter ("NSContact"), a digit after a letter. (The leading class lets ``re`` skip
#: ahead quickly.)
_INNER_START = re.compile(r"[A-Z\d](?:(?<=[a-z][A-Z])|(?<=[A-Z][A-Z])(?=[a-z])|(?<=[^\W\d]\d))")
_CHUNK = re.compile(r"\S+")
#: One character above any that a folded string can hold (for prefix ranges).
_TOP = "\U0010ffff"


def fold(text: str) -> str:
    """Lower case of the same length, so spans found in it are valid in ``text``."""
    low = text.lower()
    if low == text:
        return text  # one string, not two equal ones
    if len(low) == len(text):
        return low
    return "".join(c.lower()[0] for c in text)


def word_entries(text: str, folded: str | None = None) -> set[str]:
    """Vocabulary entries of one field: each word start to the end of its word, each
    white-space chunk, and the whole field (folded, or original case when ``folded`` is
    the text itself)."""
    if folded is None:
        folded = fold(text)
    entries = set(_TOKEN.findall(folded))
    entries.update(folded.split())
    entries.add(folded)
    inner = [m.start() for m in _INNER_START.finditer(text)]
    if inner:
        spans = [m.span() for m in _TOKEN.finditer(text)]
        starts = [a for a, _ in spans]
        for pos in inner:
            _a, b = spans[bisect_right(starts, pos) - 1]
            entries.add(folded[pos:b])
    entries.discard("")
    return entries


def name_head(name: str) -> int:
    """The length of ``name`` without a trailing parenthetical ("Webhooks (push)" → 8)."""
    cut = name.find(" (")
    return cut if cut > 0 and name.rstrip().endswith(")") else len(name)


def _char_lists(strings: list[str]) -> dict[str, list[int]]:
    table: dict[str, list[int]] = {}
    for i, text in enumerate(strings):
        for ch in set(text):
            got = table.get(ch)
            if got is None:
                table[ch] = [i]
            else:
                got.append(i)
    return table


_ENDS_ALPHABET = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_ABSENT = 0xFFFF


def _first_last(strings: list[str]) -> dict[str, tuple[array, array]]:
    """Per letter/digit: arrays of its first and last position in each string (first is
    ``_ABSENT`` and last 0 where it does not occur). Empty for strings too long for them."""
    if any(len(text) >= _ABSENT for text in strings):
        return {}
    n = len(strings)
    first = {c: array("H", [_ABSENT]) * n for c in _ENDS_ALPHABET}
    last = {c: array("H", [0]) * n for c in _ENDS_ALPHABET}
    for i, text in enumerate(strings):
        for c in _ENDS_ALPHABET.intersection(text):
            first[c][i] = text.find(c)
            last[c][i] = text.rfind(c)
    return {c: (first[c], last[c]) for c in _ENDS_ALPHABET}


@dataclass(slots=True)
class Vocabulary:
    """Sorted entries with the point ranks that hold each (``postings``)."""

    words: list[str]
    postings: list[tuple[int, ...]]

    @classmethod
    def build(cls, pairs: Iterable[tuple[set[str], Iterable[int]]]) -> Vocabulary:
        table: dict[str, list[int]] = {}
        for entries, ranks in pairs:
            for entry in entries:
                got = table.get(entry)
                if got is None:
                    table[entry] = list(ranks)
                else:
                    got.extend(ranks)
        words = sorted(table)
        return cls(words, [tuple(sorted(set(table[w]))) for w in words])

    def __contains__(self, entry: str) -> bool:
        i = bisect_left(self.words, entry)
        return i < len(self.words) and self.words[i] == entry

    def prefix_range(self, prefix: str) -> tuple[int, int]:
        lo = bisect_left(self.words, prefix)
        hi = bisect_left(self.words, prefix + _TOP, lo)
        return lo, hi

    def with_prefix(self, prefix: str) -> set[int]:
        lo, hi = self.prefix_range(prefix)
        if hi - lo == 1:
            return set(self.postings[lo])
        return set().union(*self.postings[lo:hi])


@dataclass(slots=True)
class StringTable:
    """Distinct field strings (folded and original) with the ranks of their points."""

    original: list[str] = field(default_factory=list)
    folded: list[str] = field(default_factory=list)
    postings: list[tuple[int, ...]] = field(default_factory=list)

    @classmethod
    def build(cls, items: Iterable[tuple[str, Iterable[int]]]) -> StringTable:
        table: dict[str, list[int]] = {}
        for text, ranks in items:
            if text:
                table.setdefault(text, []).extend(ranks)
        out = cls()
        for text, ranks in table.items():
            out.original.append(text)
            out.folded.append(fold(text))
            out.postings.append(tuple(sorted(set(ranks))))
        return out


@dataclass(frozen=True, slots=True)
class PlatformFields:
    index: int
    id: str
    #: (field name, text) for name, short name and aliases.
    fields: tuple[tuple[str, str], ...]


class SearchIndex:
    """Everything the engine reads; see the module docstring."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.platform_ids: tuple[str, ...] = catalog.platform_ids
        plat_index = {pid: i for i, pid in enumerate(self.platform_ids)}
        order = sorted(range(len(catalog.points)), key=lambda i: (len(catalog.points[i].name), i))
        #: Points by rank.
        self.points: list[Point] = [catalog.points[i] for i in order]
        self.capabilities: dict[str, Capability] = {c.id: c for c in catalog.capabilities}
        # pairs
        self.pair_point: list[int] = []
        self.pair_platform: list[int] = []
        self.point_pairs: list[tuple[int, ...]] = []
        for rank, point in enumerate(self.points):
            mine = []
            by_platform = {av.platform: av for av in point.availability}
            for pid in self.platform_ids:
                av = by_platform.get(pid)
                if av is None or av.status is Status.NOT_AVAILABLE:
                    continue
                j = len(self.pair_point)
                self.pair_point.append(rank)
                self.pair_platform.append(plat_index[pid])
                mine.append(j)
            self.point_pairs.append(tuple(mine))
        self._lane_points: list[frozenset[int]] | None = None
        self._lane_pairs: list[frozenset[int]] | None = None
        self.pair_count = len(self.pair_point)
        # names: folded, original, and sorted for prefix lookups
        self.names: list[str] = [p.name for p in self.points]
        self.names_folded: list[str] = [fold(n) for n in self.names]
        by_name = sorted(range(len(self.points)), key=self.names_folded.__getitem__)
        self.sorted_names: list[str] = [self.names_folded[r] for r in by_name]
        self.sorted_name_ranks: list[int] = by_name
        # tiers 1-2: names by rank, the other strings once each
        self.aux = StringTable.build(self._aux_items())
        self.words = Vocabulary.build(self._word_items(folded=True))
        #: Folded character → ascending indices of the names (and other strings) holding it,
        #: so a term only scans the strings that hold its rarest character.
        self.name_chars = _char_lists(self.names_folded)
        self.aux_chars = _char_lists(self.aux.folded)
        #: Letter or digit → (first, last) position in each name (and other string), so
        #: a two-letter term "ab" matches where first[a] < last[b]: one C-speed pass.
        self.name_ends = _first_last(self.names_folded)
        self.aux_ends = _first_last(self.aux.folded)
        self.typo = TypoIndex(chain(
            zip(self.names, self.names_folded, ((r,) for r in range(len(self.names)))),
            zip(self.aux.original, self.aux.folded, self.aux.postings),
        ))
        #: Where each name's own part ends: before a trailing " (...)" that only mentions
        #: things ("Access to Web Services (including webhooks)").
        self.name_heads: list[int] = [name_head(n) for n in self.names]
        #: Need id → ranks of the points whose capability serves it.
        self.need_points: dict[str, frozenset[int]] = self._need_points()
        self.summaries = StringTable.build((p.summary, (r,)) for r, p in enumerate(self.points))
        self.summary_words = Vocabulary.build(
            (word_entries(text, folded), ranks)
            for text, folded, ranks in zip(self.summaries.original, self.summaries.folded, self.summaries.postings)
        )
        self.platforms: list[PlatformFields] = []
        for i, platform in enumerate(catalog.platforms):
            fields = [("platform.name", platform.name)]
            if platform.short_name and platform.short_name != platform.name:
                fields.append(("platform.short_name", platform.short_name))
            fields.extend((f"platform.aliases.{k}", a) for k, a in enumerate(platform.aliases))
            self.platforms.append(PlatformFields(i, platform.id, tuple(fields)))
        self._point_fields: dict[int, tuple[tuple[str, str, str, float], ...]] = {}
        self._original_words: Vocabulary | None = None
        self._original_summary_words: Vocabulary | None = None


    @property
    def lane_points(self) -> list[frozenset[int]]:
        """Per platform index: the ranks of points indexed on it (made when a query first
        names a platform: ~10 MB at 100,000 points)."""
        if self._lane_points is None:
            lanes: list[list[int]] = [[] for _ in self.platform_ids]
            for rank, plat in zip(self.pair_point, self.pair_platform):
                lanes[plat].append(rank)
            self._lane_points = [frozenset(lane) for lane in lanes]
        return self._lane_points

    @property
    def lane_pairs(self) -> list[frozenset[int]]:
        """Per platform index: the ids of the pairs on it (made on first use, as above)."""
        if self._lane_pairs is None:
            lanes: list[list[int]] = [[] for _ in self.platform_ids]
            for j, plat in enumerate(self.pair_platform):
                lanes[plat].append(j)
            self._lane_pairs = [frozenset(lane) for lane in lanes]
        return self._lane_pairs
    def _aux_items(self) -> Iterable[tuple[str, tuple[int, ...]]]:
        """Tier 1-2 strings but the names: aliases, keywords, technologies, capability fields."""
        by_cap: dict[str, list[int]] = {}
        for rank, point in enumerate(self.points):
            by_cap.setdefault(point.capability, []).append(rank)
            for text in (*point.aliases, *point.keywords, *point.technologies):
                yield text, (rank,)
        for cap_id, ranks in by_cap.items():
            cap = self.capabilities.get(cap_id)
            if cap is None:
                continue
            yield cap.name, tuple(ranks)
            for alias in cap.aliases:
                yield alias, tuple(ranks)

    def _word_items(self, folded: bool) -> Iterable[tuple[set[str], tuple[int, ...]]]:
        for rank, (name, low) in enumerate(zip(self.names, self.names_folded)):
            yield word_entries(name, low if folded else name), (rank,)
        for text, low, ranks in zip(self.aux.original, self.aux.folded, self.aux.postings):
            yield word_entries(text, low if folded else text), ranks

    def _need_points(self) -> dict[str, frozenset[int]]:
        table: dict[str, set[int]] = {}
        for rank, point in enumerate(self.points):
            cap = self.capabilities.get(point.capability)
            for need in cap.needs if cap is not None else ():
                table.setdefault(need, set()).add(rank)
        return {need: frozenset(ranks) for need, ranks in table.items()}

    def original_words(self) -> Vocabulary:
        """The tier 1-2 vocabulary in original case (built on first case-sensitive search)."""
        if self._original_words is None:
            self._original_words = Vocabulary.build(self._word_items(folded=False))
        return self._original_words

    def original_summary_words(self) -> Vocabulary:
        if self._original_summary_words is None:
            self._original_summary_words = Vocabulary.build(
                (word_entries(text, text), ranks)
                for text, ranks in zip(self.summaries.original, self.summaries.postings)
            )
        return self._original_summary_words

    def is_word(self, text: str) -> bool:
        """Whether the folded ``text`` is a word of the catalog (tiers 1-2 or a summary)."""
        return text in self.words or text in self.summary_words

    def name_prefix(self, prefix: str) -> list[int]:
        """Ranks of points whose folded name starts with ``prefix``."""
        lo = bisect_left(self.sorted_names, prefix)
        hi = bisect_left(self.sorted_names, prefix + _TOP, lo)
        return self.sorted_name_ranks[lo:hi]

    def point_fields(self, rank: int) -> tuple[tuple[str, str, str, float], ...]:
        """(field key, text, folded text, weight) of one point's searchable fields but the
        summary; the name comes first."""
        got = self._point_fields.get(rank)
        if got is None:
            if len(self._point_fields) > 65536:
                self._point_fields.clear()
            got = self._point_fields[rank] = self._fields_of(rank)
        return got

    def _fields_of(self, rank: int) -> tuple[tuple[str, str, str, float], ...]:
        point = self.points[rank]
        out = [("name", point.name, WEIGHTS["name"])]
        cap = self.capabilities.get(point.capability)
        if cap is not None:
            out.append(("capability", cap.name, WEIGHTS["capability"]))
        out.extend((f"aliases.{k}", a, WEIGHTS["aliases"]) for k, a in enumerate(point.aliases))
        out.extend((f"keywords.{k}", a, WEIGHTS["keywords"]) for k, a in enumerate(point.keywords))
        if cap is not None:
            out.extend(
                (f"capability.aliases.{k}", a, WEIGHTS["capability.aliases"]) for k, a in enumerate(cap.aliases)
            )
        out.extend((f"technologies.{k}", a, WEIGHTS["technologies"]) for k, a in enumerate(point.technologies))
        return tuple((key, text, fold(text), weight) for key, text, weight in out)
