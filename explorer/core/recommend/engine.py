"""The ranking engine: for each need, which integration points fit this customer, and why.

The rule (also in the README, "Which approach fits?"):

1. A point is a *candidate* on a platform when that platform is in scope, the point is
   available, partial or undocumented there, it runs in at least one of the customer's
   environments and clients, and the platform is not discontinued. A point with no
   candidate, or whose own or whose capability's lifecycle says discontinued, is
   **excluded**, with the reason ("onsite only", "not available on CRM Online", …).
2. For each (environment, client) the customer works in, the most specific candidate
   platform speaks (the one with the fewest environment × client pairs, so CRM Online before
   NetServer); an undocumented platform speaks only when no documented one covers the pair.
   The option's status is the worst of those statements; its platform is the one that made it.
3. Fit: **avoid** when the worst lifecycle of the point, its capability and its platforms is
   deprecated, phase-out or no longer supported; otherwise **possible** when the status is
   partial or undocumented, the lifecycle is legacy, or the customer lacks a licence, plan or
   on-request access it needs (only when they said what they have); otherwise **recommended**.
4. Order, each step only breaking ties of the one before: fit; lifecycle; status (available,
   partial, undocumented); fewer missing requirements; fewer of the customer's environment ×
   client pairs left uncovered; approaches (capabilities) offered on more of the catalog's
   current, not discontinued, platforms; capabilities made for fewer needs; catalog order.

No weights, no scores: every step is a reason printed with the option.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from explorer.core.model import (
    LIFECYCLE_STATUSES,
    Availability,
    Capability,
    Catalog,
    Platform,
    Point,
    Status,
)
from explorer.core.recommend import words
from explorer.core.recommend.question import Question, check, needs_data_missing
from explorer.core.recommend.reasons import option_reasons, requirement_checks
from explorer.core.recommend.result import (
    FITS,
    MISSING,
    Excluded,
    LifecycleNote,
    NeedResult,
    Option,
    PlatformFit,
    Recommendation,
    Undocumented,
)

DISCONTINUED = LIFECYCLE_STATUSES.index("discontinued")
DEPRECATED = LIFECYCLE_STATUSES.index("deprecated")
LEGACY = LIFECYCLE_STATUSES.index("legacy")
STATUS_ORDER = {Status.AVAILABLE: 0, Status.PARTIAL: 1, Status.UNKNOWN: 2}


@dataclass(frozen=True)
class _Candidate:
    platform: Platform
    availability: Availability
    combos: tuple[tuple[str, str], ...]
    order: int

    @property
    def documented(self) -> bool:
        return self.availability.status is not Status.UNKNOWN

    @property
    def breadth(self) -> int:
        return len(self.platform.environments) * len(self.platform.clients)


def _worst(notes: Sequence[LifecycleNote]) -> int:
    return max((n.lifecycle.rank for n in notes), default=0)


class Recommender:
    """Ranks a catalog's points for questions; index once, ask many times."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._platform_order = {pid: i for i, pid in enumerate(catalog.platform_ids)}
        self._by_need: dict[str, list[tuple[int, Capability]]] = {}
        for index, capability in enumerate(catalog.capabilities):
            for need in capability.needs:
                self._by_need.setdefault(need, []).append((index, capability))
        self._point_order = {p.id: i for i, p in enumerate(catalog.points)}
        current = {p.id for p in catalog.platforms if not any(lc.rank >= DISCONTINUED for lc in p.lifecycle)}
        self.current_platforms = tuple(pid for pid in catalog.platform_ids if pid in current)
        #: Capability id → the current platforms on which one of its points is available or partial.
        self.offered_on: dict[str, tuple[str, ...]] = {}
        for capability in catalog.capabilities:
            found = {
                av.platform for p in catalog.points_of(capability.id) for av in p.availability
                if av.status.present and av.platform in current
            }
            self.offered_on[capability.id] = tuple(pid for pid in self.current_platforms if pid in found)

    def recommend(self, question: Question) -> Recommendation:
        """Rank every need of ``question``; raises QuestionError or NoNeedsData."""
        missing = needs_data_missing(self.catalog)
        if missing is not None:
            raise missing
        check(self.catalog, question)
        return Recommendation(question, tuple(self._need(need, question) for need in question.needs))

    # ------------------------------------------------------------------ one need
    def _need(self, need: str, question: Question) -> NeedResult:
        scope = set(question.platforms or self.catalog.platform_ids)
        ranked: list[tuple[tuple, Option]] = []
        excluded: list[Excluded] = []
        undocumented: list[Undocumented] = []
        for cap_index, capability in self._by_need.get(need, ()):
            served = False
            for point in self.catalog.points_of(capability.id):
                outcome = self._judge(need, point, capability, question, scope)
                if isinstance(outcome, Excluded):
                    excluded.append(outcome)
                elif outcome is not None:
                    served = True
                    key = (
                        FITS.index(outcome.fit),
                        _worst(outcome.lifecycle),
                        STATUS_ORDER[outcome.status],
                        len(outcome.missing),
                        len(outcome.gaps),
                        -len(self.offered_on[capability.id]),
                        len(capability.needs),
                        cap_index,
                        self._point_order[point.id],
                    )
                    ranked.append((key, outcome))
            if not served:
                undocumented += self._undocumented(need, capability, question, scope)
        ranked.sort(key=lambda pair: pair[0])
        options = tuple(_with_rank(option, i + 1) for i, (_, option) in enumerate(ranked))
        return NeedResult(need, options, tuple(excluded), tuple(undocumented))

    def _candidates(
        self, point: Point, question: Question, scope: set[str]
    ) -> tuple[list[_Candidate], list[tuple[Platform, str]]]:
        fits: list[_Candidate] = []
        blocks: list[tuple[Platform, str]] = []
        envs, clients = question.wanted_environments, question.wanted_clients
        for av in point.availability:
            if av.platform not in scope:
                continue
            platform = self.catalog.platform(av.platform)
            if av.status is Status.NOT_AVAILABLE:
                blocks.append((platform, "not available"))
                continue
            combos = tuple((e, c) for e, c in question.combos if e in av.environments and c in av.clients)
            if not combos:
                blocks.append((platform, words.restriction(av, envs, clients)))
                continue
            ended = [lc for lc in platform.lifecycle if lc.rank >= DISCONTINUED]
            if ended:
                blocks.append((platform, words.lifecycle_block(ended[0], f"the {platform.short_name} platform is")))
                continue
            fits.append(_Candidate(platform, av, combos, self._platform_order[platform.id]))
        return fits, blocks

    def _judge(
        self, need: str, point: Point, capability: Capability, question: Question, scope: set[str]
    ) -> Option | Excluded | None:
        fits, blocks = self._candidates(point, question, scope)
        own = [LifecycleNote("point", point.name, lc) for lc in point.lifecycle if lc.warns]
        own += [LifecycleNote("capability", capability.name, lc) for lc in capability.lifecycle if lc.warns]
        if not fits:
            if not blocks:
                return None  # the point is on no platform in scope: not part of this question
            return _excluded(need, point, blocks)
        ended = [n for n in own if n.lifecycle.rank >= DISCONTINUED]
        if ended:
            why = words.lifecycle_block(ended[0].lifecycle, f"the {ended[0].of} is")
            return Excluded(need, point, fits[0].platform, why, ((fits[0].platform.short_name, why),))
        return self._option(need, point, capability, question, fits, own)

    def _option(
        self,
        need: str,
        point: Point,
        capability: Capability,
        question: Question,
        fits: list[_Candidate],
        own: list[LifecycleNote],
    ) -> Option:
        deciders: dict[tuple[str, str], _Candidate] = {}
        for combo in question.combos:
            covering = [c for c in fits if combo in c.combos]
            if covering:
                deciders[combo] = min(covering, key=lambda c: (not c.documented, c.breadth, c.order))
        status_of = {combo: c.availability.status for combo, c in deciders.items()}
        worst = max(status_of.values(), key=STATUS_ORDER.__getitem__)
        rep = next(deciders[combo] for combo in deciders if status_of[combo] is worst)
        speaking = sorted({c.platform.id: c for c in deciders.values()}.values(), key=lambda c: c.order)
        notes = list(own)
        for cand in speaking:
            notes += [LifecycleNote("platform", cand.platform.name, lc) for lc in cand.platform.lifecycle if lc.warns]
        notes.sort(key=lambda n: -n.lifecycle.rank)
        checks = requirement_checks(self.catalog, point, question, [(c.platform, c.combos) for c in speaking])
        lifecycle = _worst(notes)
        missing = [r for r in checks if r.state == MISSING and r.gating]
        if lifecycle >= DEPRECATED:
            fit = "avoid"
        elif worst is not Status.AVAILABLE or lifecycle == LEGACY or missing:
            fit = "possible"
        else:
            fit = "recommended"
        covers = tuple(combo for combo in question.combos if combo in deciders)
        gaps = tuple(combo for combo in question.combos if combo not in deciders)
        also = tuple(
            PlatformFit(c.platform, c.availability, c.combos) for c in sorted(fits, key=lambda c: c.order) if c is not rep
        )
        traits = self.catalog.traits_of(point)
        option = Option(
            need=need, rank=0, fit=fit, point=point, capability=capability, platform=rep.platform,
            availability=rep.availability, status=worst, also_on=also, covers=covers, gaps=gaps,
            lifecycle=tuple(notes), requires=checks, traits=traits, reasons=(), caveats=(),
            offered_on=tuple(self.catalog.platform(pid) for pid in self.offered_on[capability.id]),
            current_platforms=len(self.current_platforms),
        )
        reasons, caveats = option_reasons(option)
        return replace(option, reasons=reasons, caveats=caveats)

    def _undocumented(
        self, need: str, capability: Capability, question: Question, scope: set[str]
    ) -> list[Undocumented]:
        """Platforms the customer could use where the catalog says nothing about the capability."""
        stated = {av.platform for p in self.catalog.points_of(capability.id) for av in p.availability}
        elsewhere = {av.platform: av for av in capability.elsewhere}
        envs, clients = set(question.wanted_environments), set(question.wanted_clients)
        out = []
        for platform in self.catalog.platforms:
            if platform.id not in scope or platform.id in stated:
                continue
            if not (set(platform.environments) & envs and set(platform.clients) & clients):
                continue
            if any(lc.rank >= DISCONTINUED for lc in platform.lifecycle):
                continue
            av = elsewhere.get(platform.id)
            if av is None or av.status is Status.UNKNOWN:
                out.append(Undocumented(need, capability, platform, av.note if av else ""))
        return out


def _excluded(need: str, point: Point, blocks: list[tuple[Platform, str]]) -> Excluded:
    """One entry per point: the reason, or each distinct reason with the platforms it holds for."""
    details = tuple((platform.short_name, reason) for platform, reason in blocks)
    grouped: dict[str, list[str]] = {}
    for name, reason in details:
        grouped.setdefault(reason, []).append(name)
    if len(grouped) == 1:
        (reason, names), = grouped.items()
        why = f"{reason} on {', '.join(names)}" if reason == "not available" else reason
    else:
        why = "; ".join(f"{', '.join(names)}: {reason}" for reason, names in grouped.items())
    return Excluded(need, point, blocks[0][0], why, details)


def _with_rank(option: Option, rank: int) -> Option:
    return replace(option, rank=rank)


def recommend(catalog: Catalog, question: Question) -> Recommendation:
    """One question against a catalog (build a :class:`Recommender` to ask many)."""
    return Recommender(catalog).recommend(question)
