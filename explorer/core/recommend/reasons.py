"""An option's reasons (what a person can check), caveats and requirement checks."""

from __future__ import annotations

from collections.abc import Sequence

from explorer.core.model import ENVIRONMENTS, Catalog, Platform, Point, Status
from explorer.core.recommend import words
from explorer.core.recommend.question import Question
from explorer.core.recommend.result import (
    CHECK,
    MET,
    MISSING,
    Option,
    Reason,
    RequirementCheck,
)


def requirement_checks(
    catalog: Catalog,
    point: Point,
    question: Question,
    speaking: Sequence[tuple[Platform, tuple[tuple[str, str], ...]]],
) -> tuple[RequirementCheck, ...]:
    """The point's requirements that apply where the customer would use it, and their state.

    A requirement applies when it applies on one of the platforms that speak for the customer,
    for the environments the customer uses there. It is met when ``question.has`` names it or
    one of its alternatives; missing when the customer said what they have and it is not
    there; to check when they did not say (or for rights and versions, which are always
    checked, never assumed missing).
    """
    has = None if question.has is None else set(question.has)
    out = []
    for ref in point.requires:
        where_envs: list[str] = []
        where_platforms: list[str] = []
        for platform, combos in speaking:
            envs = tuple(dict.fromkeys(e for e, _ in combos))
            if ref.applies(platform.id, envs):
                where_envs += [e for e in envs if not ref.environments or e in ref.environments]
                where_platforms.append(platform.short_name)
        if not where_platforms:
            continue
        entries = tuple(catalog.requirement(rid) for rid in ref.ids)
        if ref.environments:
            where = " + ".join(words.ordered(where_envs, ENVIRONMENTS))
        elif ref.platforms:
            where = ", ".join(dict.fromkeys(where_platforms))
        else:
            where = ""
        check = RequirementCheck(ref, entries, CHECK, where)
        if has is not None:
            if has & set(ref.ids):
                check = RequirementCheck(ref, entries, MET, where)
            elif check.gating:
                check = RequirementCheck(ref, entries, MISSING, where)
        out.append(check)
    return tuple(out)


def _verdict(option: Option) -> Reason:
    catches = []
    platform = option.platform.short_name
    if option.status is Status.PARTIAL:
        catches.append(f"only partly available on {platform}")
    elif option.status is Status.UNKNOWN:
        catches.append(f"availability on {platform} not documented")
    if option.lifecycle:
        catches.append(option.lifecycle[0].text)  # the worst; every warning has its own reason
    catches += [words.lacking(r.text, r.kind) for r in option.missing]
    if option.fit == "recommended":
        checks = [r for r in option.requires if r.state == CHECK]
        extra = f"; {len(checks)} requirement{'s' if len(checks) != 1 else ''} to check" if checks else ""
        return Reason("fit", f"recommended: available, no lifecycle warning, nothing missing{extra}", "+")
    return Reason("fit", f"{option.fit}: " + "; ".join(catches), "-")


def _availability(option: Option) -> list[Reason]:
    covers = words.combos_text(option.covers)
    effect = "+" if option.status is Status.AVAILABLE else "-"
    text = words.status_reason(option.status, option.platform.short_name, covers, option.availability.note)
    out = [Reason("availability", text, effect)]
    if option.also_on:
        also = ", ".join(
            p.platform.short_name + ("" if p.availability.status is Status.AVAILABLE else f" ({p.availability.status.word})")
            for p in option.also_on
        )
        out.append(Reason("availability", f"also on {also}"))
    if option.gaps:
        out.append(Reason("availability", f"not for {words.combos_text(option.gaps)}", "-"))
    return out


def _lifecycle(option: Option) -> list[Reason]:
    if not option.lifecycle:
        return [Reason("lifecycle", "lifecycle: no warning in the catalog", "+")]
    return [
        Reason("lifecycle", f"lifecycle: {n.text}: {n.lifecycle.summary}", "-")
        for n in option.lifecycle
    ]


def _requirements(option: Option) -> list[Reason]:
    if not option.requires:
        return [Reason("requires", "the catalog lists no licence, plan or right for it here", "+")]
    out = []
    for check in option.requires:
        where = f" ({check.where})" if check.where else ""
        effect = {MET: "+", MISSING: "-", CHECK: ""}[check.state]
        out.append(Reason("requires", f"needs {check.text}{where}: {words.requirement_state(check.state, check.kind)}", effect))
    return out


def _traits(option: Option) -> list[Reason]:
    traits = option.traits
    out = [Reason("runs", words.runs_on(traits.runs_on))]
    if option.need == "events" or traits.delivery:
        out.append(Reason("delivery", words.delivery(traits.delivery)))
    if traits.latency:
        out.append(Reason("latency", f"latency: {traits.latency}"))
    if traits.retries:
        out.append(Reason("retries", f"retries: {traits.retries}"))
    return out


def option_reasons(option: Option) -> tuple[tuple[Reason, ...], tuple[str, ...]]:
    """(reasons, caveats) for an option whose fit, status and requirements are decided."""
    reasons = [_verdict(option), *_availability(option), *_lifecycle(option), *_requirements(option)]
    reasons += _traits(option)
    reasons.append(Reason("breadth", words.breadth(
        [p.short_name for p in option.offered_on], option.current_platforms, option.capability.name)))
    reasons.append(Reason("focus", words.focus(option.need, option.capability.needs)))
    if option.capability.choose_when:
        reasons.append(Reason("choose", option.capability.choose_when))
    caveats = list(option.point.caveats)
    if option.status is Status.AVAILABLE and option.availability.note:
        caveats.append(f"{option.platform.short_name}: {option.availability.note}")
    caveats += [f"{p.platform.short_name}: {p.availability.note}" for p in option.also_on if p.availability.note]
    return tuple(reasons), tuple(dict.fromkeys(caveats))
