"""The catalog's data model: platforms, capabilities, integration points and availability.

Pure data: no I/O, no Textual. Every text field holds plain text (never markup) that the
loader has already cleaned of control characters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

ENVIRONMENTS: tuple[str, ...] = ("cloud", "onsite")
CLIENTS: tuple[str, ...] = ("win", "web")

KINDS: tuple[str, ...] = (
    "ui-extension",
    "scripting",
    "events",
    "data-api",
    "plugin",
    "authentication",
    "configuration",
    "connector",
    "data-sync",
)
DIRECTIONS: tuple[str, ...] = ("inbound", "outbound", "bidirectional", "ui", "in-process")
#: Lifecycle statuses, from the best to the worst for a new integration.
LIFECYCLE_STATUSES: tuple[str, ...] = (
    "active",
    "legacy",
    "deprecated",
    "phase-out",
    "no-longer-supported",
    "discontinued",
)
#: Lifecycle statuses that deserve a visible warning.
WARN_STATUSES: frozenset[str] = frozenset(LIFECYCLE_STATUSES[1:])

#: What a customer may need an integration for: id → the plain-language label. Capabilities
#: say which of these they serve (``needs:``); the recommendations rank options per need.
NEEDS: dict[str, str] = {
    "ui": "show our data inside SuperOffice",
    "action": "a button or menu item that runs our code",
    "events": "be told when data changes",
    "data": "read and write CRM data from our own server",
    "logic": "custom logic that runs inside SuperOffice",
    "schema": "custom fields, lists and tables",
    "bulk": "import, export or sync many records",
    "auth": "sign users or our app in",
    "email": "e-mail integration",
    "documents": "documents and templates",
    "erp": "ERP and quote systems",
}
#: Where an option's code runs.
RUNS_ON: dict[str, str] = {
    "our-server": "on your own server or service",
    "superoffice": "inside SuperOffice's servers",
    "client": "in the user's client",
}
#: How an event option delivers: SuperOffice calls your code (push), or you ask (pull).
DELIVERY: dict[str, str] = {
    "push": "push: SuperOffice calls your code",
    "pull": "pull: you ask SuperOffice",
}
REQUIREMENT_KINDS: tuple[str, ...] = ("licence", "plan", "on-request", "version", "right")


class Status(str, Enum):
    """Availability of an integration point on one platform. Unknown is never "no"."""

    AVAILABLE = "available"
    PARTIAL = "partial"
    NOT_AVAILABLE = "not-available"
    UNKNOWN = "unknown"

    @property
    def symbol(self) -> str:
        return STATUS_SYMBOLS[self]

    @property
    def word(self) -> str:
        return STATUS_WORDS[self]

    @property
    def present(self) -> bool:
        """True when the point can be used on the platform (fully or in part)."""
        return self in (Status.AVAILABLE, Status.PARTIAL)


STATUS_SYMBOLS = {
    Status.AVAILABLE: "✓",
    Status.PARTIAL: "◐",
    Status.NOT_AVAILABLE: "✗",
    Status.UNKNOWN: "?",
}
STATUS_WORDS = {
    Status.AVAILABLE: "available",
    Status.PARTIAL: "partial",
    Status.NOT_AVAILABLE: "not available",
    Status.UNKNOWN: "unknown",
}


@dataclass(slots=True, unsafe_hash=True)
class Link:
    title: str
    url: str


@dataclass(slots=True, unsafe_hash=True)
class Lifecycle:
    """A lifecycle statement, e.g. discontinued from version 9, or a phase-out started in
    2023 with removal planned at 13."""

    status: str
    summary: str
    from_version: str | None = None
    source: Link | None = None
    #: When a phase-out or deprecation was initiated or announced (a year or a version).
    started: str | None = None
    #: The announced removal target version.
    removal: str | None = None
    #: The last version that supports it.
    last_version: str | None = None

    @property
    def warns(self) -> bool:
        return self.status in WARN_STATUSES

    @property
    def rank(self) -> int:
        """0 for active, higher for worse statuses (unknown statuses rank last)."""
        try:
            return LIFECYCLE_STATUSES.index(self.status)
        except ValueError:
            return len(LIFECYCLE_STATUSES)

    @property
    def status_text(self) -> str:
        """The status in words: "no longer supported" (a phase-out stays "phase-out")."""
        return "no longer supported" if self.status == "no-longer-supported" else self.status

    def when(self) -> str:
        """The dates in words: "from 9", "started 2023, removal at 13", "last supported 10.2.9"."""
        parts = []
        if self.from_version:
            parts.append(f"from {self.from_version}")
        if self.started:
            parts.append(f"started {self.started}")
        if self.removal:
            parts.append(f"removal at {self.removal}")
        if self.last_version:
            parts.append(f"last supported {self.last_version}")
        return ", ".join(parts)

    def label(self) -> str:
        when = self.when()
        return f"{self.status}{f' {when}' if when else ''}: {self.summary}"


@dataclass(slots=True, unsafe_hash=True)
class Traits:
    """How an option differs from similar ones. Empty strings mean "not said"."""

    runs_on: str = ""
    delivery: str = ""
    latency: str = ""
    retries: str = ""

    def over(self, base: Traits) -> Traits:
        """These traits with ``base`` filling the gaps (a point's over its capability's)."""
        return Traits(
            self.runs_on or base.runs_on,
            self.delivery or base.delivery,
            self.latency or base.latency,
            self.retries or base.retries,
        )

    def __bool__(self) -> bool:
        return bool(self.runs_on or self.delivery or self.latency or self.retries)


@dataclass(slots=True, unsafe_hash=True)
class Requirement:
    """Something a point may require: a licence, a plan, access on request, a version."""

    id: str
    name: str
    kind: str
    summary: str = ""
    source: Link | None = None


@dataclass(slots=True, unsafe_hash=True)
class RequirementRef:
    """A point's requirement: ``id`` (or any of ``alternatives``), where it applies, why."""

    id: str
    alternatives: tuple[str, ...] = ()
    min_version: str | None = None
    environments: tuple[str, ...] = ()
    platforms: tuple[str, ...] = ()
    note: str = ""
    source: Link | None = None

    @property
    def ids(self) -> tuple[str, ...]:
        """Every requirement id that satisfies this one."""
        return (self.id, *self.alternatives)

    def applies(self, platform_id: str, environments: tuple[str, ...] | frozenset[str] | None = None) -> bool:
        """Whether it applies on a platform, for any of ``environments`` (None: any)."""
        if self.platforms and platform_id not in self.platforms:
            return False
        if self.environments and environments is not None:
            return bool(set(self.environments) & set(environments))
        return True


@dataclass(slots=True, unsafe_hash=True)
class Platform:
    id: str
    name: str
    short_name: str
    summary: str
    environments: tuple[str, ...]
    clients: tuple[str, ...]
    authentication: str
    since: int | None = None
    lifecycle: tuple[Lifecycle, ...] = ()
    sdks: tuple[Link, ...] = ()
    sources: tuple[Link, ...] = ()
    aliases: tuple[str, ...] = ()

    @property
    def warnings(self) -> tuple[Lifecycle, ...]:
        return tuple(lc for lc in self.lifecycle if lc.warns)


@dataclass(slots=True, unsafe_hash=True)
class Availability:
    """Whether a point exists on one platform, and for which environments and clients."""

    platform: str
    status: Status
    environments: tuple[str, ...]
    clients: tuple[str, ...]
    note: str = ""


@dataclass(slots=True, unsafe_hash=True)
class Capability:
    """A row of the comparison: equivalent points on different platforms share it."""

    id: str
    name: str
    kind: str
    summary: str = ""
    aliases: tuple[str, ...] = ()
    #: What to show for platforms that none of the capability's points mention.
    elsewhere: tuple[Availability, ...] = ()
    #: The needs (ids of :data:`NEEDS`) the capability serves, and when to choose it.
    needs: tuple[str, ...] = ()
    choose_when: str = ""
    traits: Traits = field(default_factory=Traits)
    lifecycle: tuple[Lifecycle, ...] = ()


@dataclass(slots=True, unsafe_hash=True)
class Point:
    id: str
    name: str
    capability: str
    kind: str
    summary: str
    direction: str
    availability: tuple[Availability, ...]
    source: Link
    technologies: tuple[str, ...] = ()
    caveats: tuple[str, ...] = ()
    docs: tuple[Link, ...] = ()
    sdks: tuple[Link, ...] = ()
    lifecycle: tuple[Lifecycle, ...] = ()
    aliases: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    parent: str | None = None
    requires: tuple[RequirementRef, ...] = ()
    #: Overrides of the capability's traits (empty fields inherit them).
    traits: Traits = field(default_factory=Traits)

    def on(self, platform_id: str) -> Availability | None:
        for av in self.availability:
            if av.platform == platform_id:
                return av
        return None

    @property
    def doc_url(self) -> str | None:
        return self.docs[0].url if self.docs else None


@dataclass(slots=True, unsafe_hash=True)
class Synonym:
    """Words users type for one idea, and what they stand for in the catalog (search data).

    A query word or phrase equal to one of ``terms`` also finds what the other terms find,
    the catalog words of ``means`` ("custom object" means "extra tables") and the points of
    capabilities that serve ``needs`` (ids of :data:`NEEDS`): "notify" finds event options
    although no point is called that. Terms are plain text as users type them.
    """

    terms: tuple[str, ...]
    needs: tuple[str, ...] = ()
    means: tuple[str, ...] = ()


@dataclass(slots=True, unsafe_hash=True)
class CatalogInfo:
    id: str
    name: str
    version: str
    description: str = ""
    #: The date (YYYY-MM-DD) the catalog's facts were last checked against their sources.
    checked: str = ""


@dataclass(slots=True)
class Catalog:
    info: CatalogInfo
    platforms: tuple[Platform, ...]
    capabilities: tuple[Capability, ...]
    points: tuple[Point, ...]
    #: sha256 of the catalog files' bytes, in load order (hex, first 16 chars shown in reports).
    content_hash: str = ""
    files: tuple[str, ...] = ()
    requirements: tuple[Requirement, ...] = ()
    #: The search vocabulary: synonyms and intents, and words a query may leave unmatched.
    synonyms: tuple[Synonym, ...] = ()
    stop_words: tuple[str, ...] = ()
    #: The parse cache entry this catalog came from or was stored in ("" when none), and
    #: data derived from the catalog that the entry holds next to it (name → plain data,
    #: e.g. the comparison's row sets). Neither takes part in equality.
    cache_key: str = field(default="", repr=False, compare=False)
    derived: dict[str, object] = field(default_factory=dict, repr=False, compare=False)
    _platform_index: dict[str, Platform] = field(default_factory=dict, repr=False)
    _capability_index: dict[str, Capability] = field(default_factory=dict, repr=False)
    _point_index: dict[str, Point] = field(default_factory=dict, repr=False)
    _by_capability: dict[str, tuple[Point, ...]] = field(default_factory=dict, repr=False)
    _requirement_index: dict[str, Requirement] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._platform_index = {p.id: p for p in self.platforms}
        self._capability_index = {c.id: c for c in self.capabilities}
        self._point_index = {p.id: p for p in self.points}
        grouped: dict[str, list[Point]] = {}
        for point in self.points:
            grouped.setdefault(point.capability, []).append(point)
        self._by_capability = {k: tuple(v) for k, v in grouped.items()}
        self._requirement_index = {r.id: r for r in self.requirements}

    def platform(self, platform_id: str) -> Platform:
        return self._platform_index[platform_id]

    def has_platform(self, platform_id: str) -> bool:
        return platform_id in self._platform_index

    def capability(self, capability_id: str) -> Capability:
        return self._capability_index[capability_id]

    def point(self, point_id: str) -> Point:
        return self._point_index[point_id]

    def find_point(self, point_id: str) -> Point | None:
        return self._point_index.get(point_id)

    def points_of(self, capability_id: str) -> tuple[Point, ...]:
        return self._by_capability.get(capability_id, ())

    def requirement(self, requirement_id: str) -> Requirement | None:
        return self._requirement_index.get(requirement_id)

    def requirement_text(self, ref: RequirementRef) -> str:
        """A point's requirement in words, the same on screen and in every report:
        "Development Tools licence or CRM Suite Core plan — version 9.2 R04 or later —
        cloud only: <note>"."""
        names = [self._requirement_index[i].name if i in self._requirement_index else i for i in ref.ids]
        text = " or ".join(names)
        if ref.min_version:
            text += f" — version {ref.min_version} or later"
        scope = [" + ".join(ref.environments) + " only"] if ref.environments else []
        if ref.platforms:
            scope.append("on " + ", ".join(
                self._platform_index[p].short_name if p in self._platform_index else p for p in ref.platforms))
        if scope:
            text += " — " + ", ".join(scope)
        return text + (f": {ref.note}" if ref.note else "")

    def traits_of(self, point: Point) -> Traits:
        """A point's traits, its capability's filling the gaps."""
        capability = self._capability_index.get(point.capability)
        return point.traits.over(capability.traits) if capability is not None else point.traits

    @property
    def platform_ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.platforms)
