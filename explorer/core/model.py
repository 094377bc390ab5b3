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
LIFECYCLE_STATUSES: tuple[str, ...] = (
    "active",
    "legacy",
    "deprecated",
    "phase-out",
    "discontinued",
)
#: Lifecycle statuses that deserve a visible warning.
WARN_STATUSES: frozenset[str] = frozenset({"legacy", "deprecated", "phase-out", "discontinued"})


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
    """A lifecycle statement, e.g. discontinued from version 9."""

    status: str
    summary: str
    from_version: str | None = None
    source: Link | None = None

    @property
    def warns(self) -> bool:
        return self.status in WARN_STATUSES

    def label(self) -> str:
        when = f" from {self.from_version}" if self.from_version else ""
        return f"{self.status}{when}: {self.summary}"


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

    def on(self, platform_id: str) -> Availability | None:
        for av in self.availability:
            if av.platform == platform_id:
                return av
        return None

    @property
    def doc_url(self) -> str | None:
        return self.docs[0].url if self.docs else None


@dataclass(slots=True, unsafe_hash=True)
class CatalogInfo:
    id: str
    name: str
    version: str
    description: str = ""


@dataclass(slots=True)
class Catalog:
    info: CatalogInfo
    platforms: tuple[Platform, ...]
    capabilities: tuple[Capability, ...]
    points: tuple[Point, ...]
    #: sha256 of the catalog files' bytes, in load order (hex, first 16 chars shown in reports).
    content_hash: str = ""
    files: tuple[str, ...] = ()
    _platform_index: dict[str, Platform] = field(default_factory=dict, repr=False)
    _capability_index: dict[str, Capability] = field(default_factory=dict, repr=False)
    _point_index: dict[str, Point] = field(default_factory=dict, repr=False)
    _by_capability: dict[str, tuple[Point, ...]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._platform_index = {p.id: p for p in self.platforms}
        self._capability_index = {c.id: c for c in self.capabilities}
        self._point_index = {p.id: p for p in self.points}
        grouped: dict[str, list[Point]] = {}
        for point in self.points:
            grouped.setdefault(point.capability, []).append(point)
        self._by_capability = {k: tuple(v) for k, v in grouped.items()}

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

    @property
    def platform_ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.platforms)
