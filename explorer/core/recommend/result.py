"""What a recommendation holds: per need, ranked options with their reasons, the options
excluded (and why), and the cells the catalog does not document. Plain data; the engine in
:mod:`explorer.core.recommend.engine` builds it, the CLI, the app and the reports show it.
"""

from __future__ import annotations

from dataclasses import dataclass

from explorer.core.model import (
    NEEDS,
    Availability,
    Capability,
    Lifecycle,
    Platform,
    Point,
    Requirement,
    RequirementRef,
    Status,
    Traits,
)
from explorer.core.recommend.question import Question

#: The fits, best first.
FITS: tuple[str, ...] = ("recommended", "possible", "avoid")
FIT_MEANINGS: dict[str, str] = {
    "recommended": "works for this customer as far as the catalog says, with no known catch",
    "possible": "works, with a catch to check: partial or undocumented availability, "
    "a legacy status, or a licence the customer lacks",
    "avoid": "still works, but is deprecated, being phased out or no longer supported",
    "excluded": "cannot work for this customer (wrong environment or client, not available, "
    "or discontinued)",
}
FIT_SYMBOLS: dict[str, str] = {"recommended": "★", "possible": "◐", "avoid": "⚠", "excluded": "✗"}

#: Requirement states: the customer has it, lacks it (they said what they have), or it is
#: for the consultant to check (they did not say).
MET, MISSING, CHECK = "met", "missing", "check"
#: Requirement kinds that lower the fit when missing; rights and versions are only checked.
GATING_KINDS: frozenset[str] = frozenset({"licence", "plan", "on-request"})


@dataclass(frozen=True)
class Reason:
    """One checkable statement about an option. ``topic`` says what it is about; ``effect``
    is "+" (speaks for it), "-" (against it) or "" (information)."""

    topic: str
    text: str
    effect: str = ""


@dataclass(frozen=True)
class RequirementCheck:
    """A requirement of an option, and whether the customer meets it."""

    ref: RequirementRef
    #: The catalog's entries for ``ref.id`` and each alternative (None if undefined).
    entries: tuple[Requirement | None, ...]
    state: str
    #: Where it applies for this customer, e.g. "cloud" or "Web onsite" ("" everywhere).
    where: str = ""

    @property
    def kind(self) -> str:
        first = self.entries[0] if self.entries else None
        return first.kind if first is not None else ""

    @property
    def gating(self) -> bool:
        """Missing it lowers the fit (licences, plans, access on request, undefined kinds)."""
        return self.kind in GATING_KINDS or not self.kind

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(e.name if e is not None else rid for e, rid in zip(self.entries, self.ref.ids))

    @property
    def text(self) -> str:
        """"Development Tools licence (or CRM Suite Core plan)", then " — version 10 or later":
        the wording of :meth:`Catalog.requirement_text`, without its scope and note (shown apart)."""
        first, *others = self.names
        text = first + (f" (or {' or '.join(others)})" if others else "")
        if self.ref.min_version:
            text += f" — version {self.ref.min_version} or later"
        return text


@dataclass(frozen=True)
class LifecycleNote:
    """A lifecycle warning and whose it is: the point's, its capability's or its platform's."""

    of: str
    name: str
    lifecycle: Lifecycle

    @property
    def text(self) -> str:
        when = self.lifecycle.when()
        return f"{self.lifecycle.status_text}{f' {when}' if when else ''} ({self.of} {self.name})"


@dataclass(frozen=True)
class PlatformFit:
    """A platform on which an option works for the customer."""

    platform: Platform
    availability: Availability
    #: The customer's (environment, client) pairs this platform speaks for.
    combos: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Option:
    """An integration point that can serve a need, on the platform that best speaks for the
    customer (``platform``), with every other platform it works on in ``also_on``."""

    need: str
    rank: int
    fit: str
    point: Point
    capability: Capability
    platform: Platform
    availability: Availability
    #: The worst status over the customer's environments and clients.
    status: Status
    also_on: tuple[PlatformFit, ...]
    #: The customer's (environment, client) pairs it covers, and those it does not.
    covers: tuple[tuple[str, str], ...]
    gaps: tuple[tuple[str, str], ...]
    lifecycle: tuple[LifecycleNote, ...]
    requires: tuple[RequirementCheck, ...]
    traits: Traits
    reasons: tuple[Reason, ...]
    caveats: tuple[str, ...]
    #: The current (not discontinued) platforms on which the capability is offered, and how
    #: many current platforms the catalog has: a widely offered approach ranks first.
    offered_on: tuple[Platform, ...] = ()
    current_platforms: int = 0

    @property
    def target(self) -> tuple[str, str]:
        """(point id, platform id): where the option sits in the comparison grid."""
        return (self.point.id, self.platform.id)

    @property
    def missing(self) -> tuple[RequirementCheck, ...]:
        return tuple(r for r in self.requires if r.state == MISSING and r.gating)


@dataclass(frozen=True)
class Excluded:
    """A point that serves the need but cannot work for this customer."""

    need: str
    point: Point
    platform: Platform
    why: str
    #: (platform short name, reason) for every platform considered, for the details.
    details: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Undocumented:
    """A capability that serves the need where the catalog says nothing either way for a
    platform the customer could use (and no point of it is an option)."""

    need: str
    capability: Capability
    platform: Platform
    note: str = ""


@dataclass(frozen=True)
class NeedResult:
    need: str
    options: tuple[Option, ...]
    excluded: tuple[Excluded, ...]
    undocumented: tuple[Undocumented, ...] = ()

    @property
    def label(self) -> str:
        return NEEDS.get(self.need, self.need)

    @property
    def fits(self) -> bool:
        """Something works: an option that is recommended or possible."""
        return any(o.fit in ("recommended", "possible") for o in self.options)

    def shown(self, limit: int = 0) -> tuple[Option, ...]:
        """The first ``limit`` options (0: every one)."""
        return self.options[:limit] if limit else self.options


@dataclass(frozen=True)
class Recommendation:
    question: Question
    needs: tuple[NeedResult, ...]

    @property
    def fits(self) -> bool:
        return any(n.fits for n in self.needs)

    @property
    def options(self) -> tuple[Option, ...]:
        return tuple(o for n in self.needs for o in n.options)

    @property
    def excluded(self) -> tuple[Excluded, ...]:
        return tuple(e for n in self.needs for e in n.excluded)

    def need(self, need: str) -> NeedResult:
        for result in self.needs:
            if result.need == need:
                return result
        raise KeyError(need)
