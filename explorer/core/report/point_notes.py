"""What a report tells about each point it lists: caveats, requirements and lifecycle warnings.

Requirements are resolved against the catalog (names of ``or`` alternatives, the source) into
:class:`RequirementNote`, worded by ``Catalog.requirement_text`` as in the app's detail panel,
for every format and every report kind. Pure: no formatting of any output format here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from explorer.core.model import (
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
    """A point's requirement with its names resolved, and in words: ``Catalog.requirement_text``,
    the one wording of the app's detail panel and every report ("Development Tools licence (or
    CRM Suite Core plan (or higher)) — version 8.1 or later — onsite only: note")."""

    ref: RequirementRef
    names: tuple[str, ...]
    text: str
    source: Link | None = None


def requirements_of(catalog: Catalog, point: Point) -> tuple[RequirementNote, ...]:
    out = []
    for ref in point.requires:
        found = [catalog.requirement(rid) for rid in ref.ids]
        names = tuple(r.name if r else rid for r, rid in zip(found, ref.ids))
        source = ref.source or next((r.source for r in found if r and r.source), None)
        out.append(RequirementNote(ref, names, catalog.requirement_text(ref), source))
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

