"""What a report tells about each point it lists: caveats, requirements and lifecycle warnings.

Requirements are resolved against the catalog (names of ``or`` alternatives, a minimum
version, where they apply) into :class:`RequirementNote`, worded by :attr:`RequirementNote.text`
for every format and every report kind. Pure: no formatting of any output format here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from explorer.core.model import (
    ENVIRONMENTS,
    Capability,
    Catalog,
    Lifecycle,
    Link,
    Platform,
    Point,
    RequirementRef,
)

#: Marks on a listed point: a lifecycle warning, and caveats or requirements told in the notes.
WARNING_MARK = "⚠"
NOTES_MARK = "†"
NOTES_TITLE = "Caveats, requirements and lifecycle"
NOTES_LEGEND = f"{NOTES_MARK} caveats or requirements: see {NOTES_TITLE}; {WARNING_MARK} a lifecycle warning"


def warnings_of(lifecycle: Iterable[Lifecycle]) -> tuple[Lifecycle, ...]:
    return tuple(lc for lc in lifecycle if lc.warns)


def short_warning(lc: Lifecycle) -> str:
    """``⚠ phase-out started 2023, removal at 13``: the status and dates, without the summary."""
    when = lc.when()
    return f"{WARNING_MARK} {lc.status}{f' {when}' if when else ''}"


@dataclass(frozen=True)
class RequirementNote:
    """A point's requirement with its names resolved: "Development Tools licence or CRM
    Suite Core plan (or higher)", a minimum version, where it applies, a note and a source."""

    ref: RequirementRef
    names: tuple[str, ...]
    kinds: tuple[str, ...]
    #: The short names of ``ref.platforms``.
    platform_names: tuple[str, ...] = ()
    source: Link | None = None

    @property
    def what(self) -> str:
        text = " or ".join(self.names)
        version = self.ref.min_version
        if version:
            text += f": {version}" if set(self.kinds) == {"version"} else f", from version {version}"
        return text

    @property
    def scope(self) -> str:
        """``onsite only, on Web``; "" when it applies everywhere."""
        parts = []
        if self.ref.environments:
            parts.append(" + ".join(_ordered(self.ref.environments, ENVIRONMENTS)) + " only")
        if self.platform_names:
            parts.append("on " + ", ".join(self.platform_names))
        return ", ".join(parts)

    @property
    def text(self) -> str:
        """What, where and why on one line (a note keeps its own line breaks)."""
        text = self.what
        if self.scope:
            text += f" ({self.scope})"
        if self.ref.note:
            text += f" — {self.ref.note}"
        return text


def requirements_of(catalog: Catalog, point: Point) -> tuple[RequirementNote, ...]:
    out = []
    for ref in point.requires:
        found = [catalog.requirement(rid) for rid in ref.ids]
        names = tuple(r.name if r else rid for r, rid in zip(found, ref.ids))
        kinds = tuple(r.kind for r in found if r)
        platforms = tuple(
            catalog.platform(pid).short_name if catalog.has_platform(pid) else pid for pid in ref.platforms
        )
        source = ref.source or next((r.source for r in found if r and r.source), None)
        out.append(RequirementNote(ref, names, kinds, platforms, source))
    return tuple(out)


def applying(
    requirements: Iterable[RequirementNote], platform_id: str, environments: Iterable[str]
) -> tuple[RequirementNote, ...]:
    """The requirements that apply on a platform in any of ``environments``."""
    envs = tuple(environments)
    return tuple(r for r in requirements if r.ref.applies(platform_id, envs or None))


@dataclass(frozen=True)
class PointNotes:
    """What a reader must know about a point before choosing it, told once per report."""

    point: Point
    capability: Capability | None
    #: The platforms the report lists the point on, in column order.
    platforms: tuple[Platform, ...]
    caveats: tuple[str, ...]
    requires: tuple[RequirementNote, ...]
    #: The point's lifecycle statements that warn, and its capability's.
    warnings: tuple[Lifecycle, ...]
    capability_warnings: tuple[Lifecycle, ...] = ()

    @property
    def has_notes(self) -> bool:
        return bool(self.caveats or self.requires)


def _ordered(values: Iterable[str], order: tuple[str, ...]) -> tuple[str, ...]:
    seen = set(values)
    return tuple(v for v in order if v in seen) + tuple(sorted(seen - set(order)))
