"""The loose stage: when fewer than ``LOOSE_FEW`` points match every slot of a query with
``LOOSE_SLOTS`` or more fuzzy slots, the points that match most of them follow.

Task-shaped queries ("notify our server when a ticket changes") rarely match every word in
one point, and one unmatched word should not hide the options that match the rest. So the
fuzzy slots that do not name a platform are relaxed: a point counts when it matches at least
one of them well (``slots.loose_points``: a word start, a name, a synonym or a typo, never
letters scattered through a long field). Operator terms (``'exact``, ``^prefix``,
``suffix$``), slots that name a platform and exclusions stay strict, so every hit still
satisfies them.

The candidates are ordered by coverage (the letters of the slots they match), and the first
``limit`` pairs are scored exactly like any hit, an unmatched slot counting 0, and ranked
together with the few hits that match every slot (one unmatched word costs its share of the
score: a point that matches three words well may rank above one that matches all four
poorly); the rest follow in coverage order.
"""

from __future__ import annotations

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
) -> tuple[list[int], list[int]]:
    """(pairs to score exactly, the rest) of the points that match some of the fuzzy slots
    and all the strict ones, best coverage first; pairs in ``taken`` are left out."""
    relaxed = [i for i, (slot, m) in enumerate(zip(plan.slots, positives)) if slot.fuzzy and not m.platforms]
    strict = [m for i, m in enumerate(positives) if i not in relaxed]
    coverage: dict[int, int] = {}
    for i in relaxed:
        weight = plan.slots[i].weight
        for rank in loose_points(positives[i]):
            coverage[rank] = coverage.get(rank, 0) + weight
    for rank in excluded_points:
        coverage.pop(rank, None)
    for m in strict:
        if not m.platforms:
            for rank in [r for r in coverage if r not in m.points]:
                del coverage[rank]
    ordered = sorted(coverage, key=lambda r: (-coverage[r], r))
    pair_plat = index.pair_platform
    chosen: list[int] = []
    for rank in ordered:
        for j in index.point_pairs[rank]:
            p = pair_plat[j]
            if j in taken or p in excluded_plats:
                continue
            if all(rank in m.points or p in m.platforms for m in strict):
                chosen.append(j)
    if limit is None or len(chosen) <= limit:
        return chosen, []
    return chosen[:limit], chosen[limit:]
