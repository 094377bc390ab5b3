"""The loose stage: when fewer than ``LOOSE_FEW`` points match every slot of a query with
``LOOSE_SLOTS`` or more fuzzy slots, the points that match most of them follow.

Task-shaped queries ("notify our server when a ticket changes") rarely match every word in
one point, and one unmatched word should not hide the options that match the rest. So the
fuzzy slots that do not name a platform are relaxed: a point counts when it matches at least
one of them well (``slots.loose_points``: a word start, a synonym, a plural or a typo, never
letters scattered through a long field). Operator terms (``'exact``, ``^prefix``,
``suffix$``), slots that name a platform and exclusions stay strict, so every hit still
satisfies them.

The candidates are ordered by coverage (how many slots they match), and the first ``limit``
pairs are scored exactly like any hit (an unmatched slot counts 0, and the score is
multiplied by the share of the query matched) and ranked together with the few hits that
match every slot: a point that matches three words well may rank above one that matches all
four poorly. The rest follow in coverage order.
"""

from __future__ import annotations

from collections import Counter
from itertools import chain

from explorer.core.search.index import SearchIndex
from explorer.core.search.intent import Plan
from explorer.core.search.slots import loose_points

#: The loose stage runs when fewer points than this match every slot ...
LOOSE_FEW = 4
#: ... of a query with at least this many fuzzy slots (shorter queries stay strict, as fzf).
LOOSE_SLOTS = 3


def loose_pairs(
    index: SearchIndex,
    plan: Plan,
    positives: list,
    taken: set[int],
    excluded_points: set[int],
    excluded_plats: set[int],
    limit: int | None,
) -> tuple[list[int], list[int], list[int]]:
    """(pairs to score exactly, then the rest as pair ids, or as point ranks whose pairs all
    follow) of the points that match some of the fuzzy slots and all the strict ones, best
    coverage first; the points of the pairs in ``taken`` are left out."""
    relaxed = [i for i, (slot, m) in enumerate(zip(plan.slots, positives)) if slot.fuzzy and not m.platforms]
    strict = [m for i, m in enumerate(positives) if i not in relaxed]
    coverage: Counter[int] = Counter()
    for i in relaxed:
        coverage.update(loose_points(positives[i]))  # C speed: how many slots each matches
    candidates = set(coverage)
    candidates.difference_update(excluded_points, map(index.pair_point.__getitem__, taken))
    for m in strict:
        if not m.platforms:
            candidates &= m.points
    # most slots matched first, then static order (a stable sort of the ascending ranks)
    ordered = sorted(sorted(candidates), key=coverage.__getitem__, reverse=True)
    by_pair = excluded_plats or any(m.platforms for m in strict)
    point_pairs = index.point_pairs
    if not by_pair:  # every pair of a candidate point is a hit
        chosen: list[int] = []
        for k, rank in enumerate(ordered):
            if limit is not None and len(chosen) >= limit:
                return chosen, [], ordered[k:]
            chosen.extend(point_pairs[rank])
        return chosen, [], []
    # the pairs a strict slot that names a platform allows: its points', and its platforms'
    allowed: set[int] | None = None
    for m in strict:
        if m.platforms:
            mine = set(chain.from_iterable(map(point_pairs.__getitem__, m.points)))
            mine.update(*(index.lane_pairs[p] for p in m.platforms))
            allowed = mine if allowed is None else allowed & mine
    for p in excluded_plats:
        allowed = (allowed if allowed is not None else set(range(index.pair_count))) - index.lane_pairs[p]
    pairs = chain.from_iterable(map(point_pairs.__getitem__, ordered))
    chosen = list(filter(allowed.__contains__, pairs)) if allowed is not None else list(pairs)
    if limit is None or len(chosen) <= limit:
        return chosen, [], []
    return chosen[:limit], chosen[limit:], []
