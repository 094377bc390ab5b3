"""Fuzzy search over integration points: query → ranked hits, fzf style, plus what users mean.

``SearchEngine(catalog).search(query) -> SearchResult`` (a ``list[Hit]``, best first). A hit
is one (integration point, platform) pair, for every availability entry whose status is not
``not-available``. The query syntax is fzf's extended search (see ``query``): terms
separated by spaces must all match, ``'exact``, ``^prefix``, ``suffix$``, ``!exclude``,
smart case.

**What the query means** (``intent``): the catalog's vocabulary turns the query into slots.
Stop words are dropped ("notify OUR server WHEN A ticket changes"), neighbouring terms that
are a synonym phrase become one slot ("single sign on"), and neighbouring plain terms may be
one word typed apart ("web hooks").

**What matches.** A fuzzy term matches a pair when its letters appear in order inside one
field of tier 1 (point name, capability name, aliases, keywords) or tier 2 (technologies);
when a word of the summary starts with it (3+ characters: scattered letters in prose are
noise); when it is a whole word of the pair's platform name, short name or aliases
("online", "windows", "cs", "tickets"; 2+ characters). A slot also matches what its synonyms
find, and where its singular starts a word (``slots``); when all that finds fewer than
``slots.TYPO_FEW`` points, a word a few edits away (``typo``). A query of
``loose.LOOSE_SLOTS`` or more fuzzy slots reads as a sentence: each word must start a word
(no scattered letters), and when fewer than ``loose.LOOSE_FEW`` points match every slot, the
points that match most of them are scored with them (``loose``); operator terms and
exclusions always hold.

**Ranking, in two stages.** The cheap stage finds every matching pair (see ``match`` and
``slots``) and keeps them in the static order: shorter name first, then catalog and platform
order (fzf's ``--tiebreak=length,index``). From those it picks up to ``exact_limit`` pairs
(by default all in a catalog of up to 1,000 pairs, else 50) that can rank highest: names
starting with the term first, then pairs where every term starts a word (or matched a
synonym or typo), then the rest in static order. The exact stage (``exact``) scores those
with fzf's scoring (boundary, camelCase and consecutive bonuses, gap penalties, first
character counted double) on every field, weighted by field (``score.WEIGHTS``: the name
first, then aliases and keywords, then the summary), with the bonuses and discounts that
``exact`` lists; best field per slot, averaged over the slots by weight (letters times
rarity: log of how few points a slot matches), 0-100. Those hits
come first, best first (ties: shorter name), with ``name_spans`` into ``point.name``,
``spans`` for the best other field of each slot (keys ``capability``, ``aliases.0``,
``keywords.0``, ``capability.aliases.0``, ``technologies.0``, ``summary``,
``platform.name``, ``platform.short_name``, ``platform.aliases.0``) and ``explain`` for the
synonyms that matched ("notify → events"). The hits after ``result.exact_count`` follow in
static order with ``score`` 0.0 and no spans; ``engine.refine(hit, query)`` scores one of
them (e.g. a row scrolled into view), and ``exact_limit=None`` scores everything (the CLI
does).

**Typing on.** Each term's matches are cached (16 terms). When a term extends a cached one
(``cont`` → ``conta``, or an earlier term while the next one is typed) only the strings the
cached one matched are scanned again, as fzf's cache does. Typo, summary and platform
matches are looked up again each time: they do not narrow. What each synonym finds
depends only on the catalog: it is computed with the index (about 0.4 s of CPU at 100,000
points) and kept for the engine's life.

**Stale results.** The engine is synchronous and guarded by a lock, so it may run in a
worker thread. It does not decide which results are stale: a caller that searches in the
background tracks its requests with :class:`~explorer.core.search.requests.SearchRequests`
and passes ``wanted``, which the engine asks once it holds its lock, so a search queued
behind a slower one is skipped when a newer query has been asked for meanwhile::

    ticket = requests.ask(text)
    result = engine.search(text, wanted=lambda: requests.is_current(ticket))
    if result is not None and requests.is_current(ticket):
        show(result)
"""

from __future__ import annotations

import gc
import math
import threading
from collections.abc import Callable, Iterable
from dataclasses import replace
from itertools import chain, compress, filterfalse
from operator import not_

from explorer.core.model import Catalog
from explorer.core.search.exact import ExactScorer
from explorer.core.search.index import SearchIndex
from explorer.core.search.intent import Plan, Thesaurus
from explorer.core.search.loose import LOOSE_FEW, LOOSE_SLOTS, loose_pairs
from explorer.core.search.match import Matcher, TermMatch
from explorer.core.search.query import Query, parse_query
from explorer.core.search.results import (
    Collected,
    Hit,
    Matches,
    SearchResult,
    pick,
)
from explorer.core.search.slots import SlotMatch, SlotMatcher

Match = TermMatch | SlotMatch


DEFAULT_EXACT_LIMIT = 50
#: Catalogs with at most this many pairs get every hit scored exactly by default (a few
#: milliseconds), so the app highlights every row of a hand-written catalog.
SMALL_CATALOG_PAIRS = 1000
#: ``exact_limit`` default: everything for small catalogs, ``DEFAULT_EXACT_LIMIT`` beyond.
AUTO = -1


class SearchEngine:
    def __init__(self, catalog: Catalog, exact_limit: int | None = AUTO) -> None:
        self.catalog = catalog
        self.index = index = SearchIndex(catalog)
        if exact_limit == AUTO:
            exact_limit = None if index.pair_count <= SMALL_CATALOG_PAIRS else DEFAULT_EXACT_LIMIT
        #: How many hits each search scores exactly (None: all of them).
        self.exact_limit = exact_limit
        self.matcher = Matcher(index)
        self.thesaurus = Thesaurus(catalog)
        self.slots = SlotMatcher(index, self.matcher, self.thesaurus)
        self.slots.prepare()  # what each synonym finds: once, so no keystroke waits for it
        self._plain_hits: list[Hit] | None = None
        self._rank_of_id: dict[str, int] | None = None
        self.exact = ExactScorer(index, self.thesaurus, self.slots.phrase_points)
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ public API

    def search(
        self, query: str, exact_limit: int | None | object = ..., *, wanted: Callable[[], bool] | None = None
    ) -> SearchResult | None:
        """Ranked hits for ``query`` (none for an empty query). See the module docstring.

        ``wanted`` is asked once the engine's lock is held; when it says no, the search is
        skipped and the result is None (only when ``wanted`` is given)."""
        found = self.match(query, exact_limit, wanted=wanted)
        return None if found is None else found.hits()

    def match(
        self, query: str, exact_limit: int | None | object = ..., *, wanted: Callable[[], bool] | None = None
    ) -> Matches | None:
        """:meth:`search`'s hits as pair numbers (see :class:`Matches`): the same hits in the
        same order, with only the exactly scored ones made as objects."""
        limit = self.exact_limit if exact_limit is ... else exact_limit
        with self._lock:
            if wanted is not None and not wanted():
                return None
            parsed = parse_query(query)
            if parsed.empty:
                return Matches(self, query, [], [])
            # A search allocates many short-lived, acyclic containers; a collection in the
            # middle would walk the whole index, so the cyclic GC waits until it is done.
            collecting = gc.isenabled()
            gc.disable()
            try:
                found = Collected()
                self._search(parsed, limit, found)
                return Matches(self, query, found.head, found.pairs())
            finally:
                if collecting:
                    gc.enable()

    @property
    def plain_hits(self) -> list[Hit]:
        """A hit with score 0.0 and no spans for every pair, by pair number (made on first use:
        only :meth:`search` needs them all)."""
        if self._plain_hits is None:
            index = self.index
            points, ids = index.points, index.platform_ids
            self._plain_hits = [Hit(points[r], ids[p], 0.0) for r, p in zip(index.pair_point, index.pair_platform)]
        return self._plain_hits

    def plain_hit(self, pair: int) -> Hit:
        """The hit of pair number ``pair`` with score 0.0 and no spans."""
        if self._plain_hits is not None:
            return self._plain_hits[pair]
        index = self.index
        return Hit(index.points[index.pair_point[pair]], index.platform_ids[index.pair_platform[pair]], 0.0)

    def pair_of(self, point_id: str, platform_id: str) -> int | None:
        """The pair number of a point on a platform (None when it is not indexed there)."""
        rank = self._rank_of(point_id)
        if rank is None or platform_id not in self.index.platform_ids:
            return None
        plat = self.index.platform_ids.index(platform_id)
        for pair in self.index.point_pairs[rank]:
            if self.index.pair_platform[pair] == plat:
                return pair
        return None

    def _rank_of(self, point_id: str) -> int | None:
        """A point's rank in the index (the table is made on first use: at 100,000 points it
        takes ~10 MB that most sessions never need)."""
        if self._rank_of_id is None:
            self._rank_of_id = {p.id: r for r, p in enumerate(self.index.points)}
        return self._rank_of_id.get(point_id)

    def refine(self, hit: Hit, query: str) -> Hit:
        """``hit`` with its exact score, spans and explanations for ``query``."""
        parsed = parse_query(query)
        rank = self._rank_of(hit.point.id)
        if rank is None:
            return hit
        plat = self.index.platform_ids.index(hit.platform)
        with self._lock:
            plan = self._plan(parsed)
            if not plan.slots:
                return hit
            _, typo_slots, weights = self._match_slots(plan)
            score, name_spans, spans, explain, _ = self.exact.score(
                plan, [(rank, plat)], typo_slots, weights, self._is_sentence(plan)
            )[0]
        return Hit(hit.point, hit.platform, score, name_spans, spans, explain)

    def clear_cache(self) -> None:
        """Forget cached term matches and exact scores (the next search starts cold)."""
        with self._lock:
            self.matcher.clear()
            self.exact.clear()

    # ------------------------------------------------------------------ cheap stage

    @staticmethod
    def _is_sentence(plan: Plan) -> bool:
        """A query of several words reads as a sentence (see ``slots`` and ``loose``)."""
        return sum(1 for s in plan.slots if s.fuzzy) >= LOOSE_SLOTS

    def _match_slots(self, plan: Plan) -> tuple[list[Match], frozenset[int], list[float]]:
        """Each slot's matches, the indices of the slots the typo stage ran for, and how
        much each slot counts: its letters times how rare its matches are (a word that
        matches half the catalog, "data", counts less than one that matches a few, "erp")."""
        sentence = self._is_sentence(plan)
        positives = [self.slots.match(s, sentence) for s in plan.slots]
        typo = frozenset(i for i, m in enumerate(positives) if isinstance(m, SlotMatch) and m.typo)
        total = len(self.index.points) + 1
        weights = [s.weight * (1.0 + math.log(total / (len(m.points) + 1))) for s, m in zip(plan.slots, positives)]
        return positives, typo, weights

    def _plan(self, query: Query) -> Plan:
        """The query's plan, keeping only the joins that start a word somewhere in tiers
        1-2 (so two words typed apart cost nothing when no field writes them together)."""
        plan = self.thesaurus.plan(query)
        if plan.joins:
            words = self.index.words
            joins = tuple((i, t) for i, t in plan.joins if _nonempty(words.prefix_range(t.text)))
            if joins != plan.joins:
                plan = replace(plan, joins=joins)
        return plan

    def _search(self, query: Query, limit: int | None, out: Collected) -> int:
        """Collect the hits into ``out``; return how many are scored exactly."""
        plan = self._plan(query)
        positives, typo_slots, weights = self._match_slots(plan)
        negatives = [self.matcher.match(t) for t in query.negative]
        excluded_points: set[int] = set().union(*(m.points for m in negatives))
        excluded_plats: set[int] = set().union(*(m.platforms for m in negatives))
        by_pair = bool(excluded_plats or any(m.platforms for m in positives))
        if by_pair:
            pairs = self._matching_pairs(positives, excluded_points, excluded_plats)
            strict_points = _distinct_up_to(map(self.index.pair_point.__getitem__, pairs), LOOSE_FEW)
        else:
            points = self._matching_points(positives, excluded_points)
            strict_points = len(points)
        loose = strict_points < LOOSE_FEW and self._is_sentence(plan)
        if loose:  # few points match every slot: score them all, with the points that match most
            if by_pair:
                pool, tail = pairs, ()
            else:
                pool, tail = list(chain.from_iterable(map(self.index.point_pairs.__getitem__, sorted(points)))), ()
        elif by_pair:
            pool, tail = self._pool_by_pair(positives, excluded_points, excluded_plats, pairs, limit)
        else:
            pool, tail = self._pairs_by_point(positives, points, excluded_points, limit)
        if loose:
            more, rest, rest_points = loose_pairs(
                self.index, plan, positives, set(pool), excluded_points, excluded_plats, limit
            )
            count = self._score_into(plan, [*pool, *more], typo_slots, weights, out)
            out.tail.append(rest)
            out.tail.append(chain.from_iterable(pick(self.index.point_pairs, rest_points)))
            return count
        count = self._score_into(plan, pool, typo_slots, weights, out)
        out.tail.append(tail)
        return count

    def _score_into(
        self, plan: Plan, pool: list[int], typo_slots: frozenset[int], weights: list[float], out: Collected
    ) -> int:
        """Score ``pool`` exactly and append its hits, best first; return how many."""
        index = self.index
        pair_point, pair_plat = index.pair_point, index.pair_platform
        points, ids = index.points, index.platform_ids
        scored = self.exact.score(
            plan, zip(map(pair_point.__getitem__, pool), map(pair_plat.__getitem__, pool)), typo_slots, weights,
            self._is_sentence(plan),
        )
        hits = [
            Hit(points[pair_point[j]], ids[pair_plat[j]], score, name_spans, spans, explain)
            for j, (score, name_spans, spans, explain, _) in zip(pool, scored)
        ]
        order = sorted(range(len(hits)), key=lambda k: (-hits[k].score, pool[k]))
        out.head.extend(map(hits.__getitem__, order))
        out.head_pairs.extend(map(pool.__getitem__, order))
        return len(hits)

    def _matching_points(self, positives: list[Match], excluded: set[int]) -> set[int]:
        """No platform is named: the points every slot matches."""
        if len(positives) == 1 and not excluded:
            return positives[0].points
        ordered = sorted(positives, key=lambda m: len(m.points))
        points = ordered[0].points.intersection(*(m.points for m in ordered[1:]))
        points -= excluded
        return points

    def _pairs_by_point(
        self, positives: list[Match], points: set[int], excluded: set[int], limit: int | None
    ) -> tuple[list[int], Iterable[int]]:
        """No platform is named: every pair of a matching point matches. (pool, the other
        pairs' numbers)."""
        index = self.index
        if limit is None or len(points) <= limit:
            return list(chain.from_iterable(map(index.point_pairs.__getitem__, sorted(points)))), ()
        chosen: dict[int, None] = {}
        count = 0
        point_pairs = index.point_pairs
        whole = len(positives) == 1 and not excluded

        def take(ranks: Iterable[int]) -> None:
            nonlocal count
            for r in ranks:
                if r not in chosen and (whole or r in points):
                    chosen[r] = None
                    count += len(point_pairs[r])
                    if count >= limit:
                        return

        # 1. names that start with the first term
        take(positives[0].name_prefix())
        # 2. points where every term starts a word
        if count < limit:
            strong = positives[0].strong()
            if len(positives) > 1:
                strong = strong.intersection(*(m.strong() for m in positives[1:]))
            take(sorted(strong))
        # 3. the rest, shorter names first
        if count < limit:
            take(sorted(points))
        pool = list(chain.from_iterable(map(point_pairs.__getitem__, chosen)))
        return pool, chain.from_iterable(pick(point_pairs, sorted(points.difference(chosen))))

    def _pool_by_pair(
        self,
        positives: list[Match],
        excluded_points: set[int],
        excluded_plats: set[int],
        pairs: list[int],
        limit: int | None,
    ) -> tuple[list[int], Iterable[int]]:
        """Some term names a platform (or excludes one): decide pair by pair."""
        if limit is None or len(pairs) <= limit:
            return pairs, ()
        pool = self._pool(positives, excluded_points, excluded_plats, pairs, limit)
        return pool, list(filterfalse(set(pool).__contains__, pairs))

    def _matching_pairs(
        self, positives: list[Match], excluded_points: set[int], excluded_plats: set[int]
    ) -> list[int]:
        """Every matching pair id, ascending (= static order)."""
        index = self.index
        plain = [m for m in positives if not m.platforms]
        boosted = [m for m in positives if m.platforms]
        pair_point = index.pair_point
        if plain:
            plain.sort(key=lambda m: len(m.points))
            points = plain[0].points.intersection(*(m.points for m in plain[1:]))
            points -= excluded_points
            cand = set(chain.from_iterable(map(index.point_pairs.__getitem__, points)))
        else:
            first = boosted.pop(0)
            cand = set(chain.from_iterable(map(index.point_pairs.__getitem__, first.points - excluded_points)))
            lanes = set().union(*(index.lane_pairs[p] for p in first.platforms))
            if excluded_points:
                lanes = set(compress(lanes, map(not_, map(excluded_points.__contains__, map(pair_point.__getitem__, lanes)))))
            cand |= lanes
        for m in boosted:
            lanes = set().union(*(index.lane_pairs[p] for p in m.platforms))
            by_point = compress(cand, map(m.points.__contains__, map(pair_point.__getitem__, cand)))
            cand = (cand & lanes).union(by_point)
        for p in excluded_plats:
            cand -= index.lane_pairs[p]
        return sorted(cand)

    def _pool(
        self,
        positives: list[Match],
        excluded_points: set[int],
        excluded_plats: set[int],
        pairs: list[int],
        limit: int,
    ) -> list[int]:
        """Up to ``limit`` pairs worth scoring exactly (see the module docstring)."""
        index = self.index
        pair_point, pair_plat = index.pair_point, index.pair_platform

        def matches(j: int) -> bool:
            r, p = pair_point[j], pair_plat[j]
            if r in excluded_points or p in excluded_plats:
                return False
            return all(r in m.points or p in m.platforms for m in positives)

        chosen: dict[int, None] = {}
        # 1. names that start with the first term
        for r in positives[0].name_prefix():
            for j in index.point_pairs[r]:
                if matches(j):
                    chosen[j] = None
            if len(chosen) >= limit:
                break
        # 2. pairs where every term starts a word or names the platform
        if len(chosen) < limit:
            strong_sets = [m.strong() for m in positives]
            strong_points = strong_sets[0].union(*(index.lane_points[p] for p in positives[0].platforms))
            for m, strong in zip(positives[1:], strong_sets[1:]):
                strong_points &= strong.union(*(index.lane_points[p] for p in m.platforms))
            for r in sorted(strong_points):
                for j in index.point_pairs[r]:
                    p = pair_plat[j]
                    if (
                        j not in chosen
                        and matches(j)
                        and all(r in s or p in m.platforms for m, s in zip(positives, strong_sets))
                    ):
                        chosen[j] = None
                if len(chosen) >= limit:
                    break
        # 3. the rest, in static order
        if len(chosen) < limit:
            for j in pairs:
                if j not in chosen:
                    chosen[j] = None
                    if len(chosen) >= limit:
                        break
        return list(chosen)

def _nonempty(bounds: tuple[int, int]) -> bool:
    return bounds[1] > bounds[0]


def _distinct_up_to(values: Iterable[int], most: int) -> int:
    """How many distinct values there are, counting no further than ``most``."""
    seen: set[int] = set()
    for value in values:
        seen.add(value)
        if len(seen) >= most:
            break
    return len(seen)
