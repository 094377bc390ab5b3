"""What the detail panel says about the highlighted cell: plain ``rich.text.Text`` built from
catalog data (never markup). Pure: the panel widget wraps and draws it."""

from __future__ import annotations

from rich.text import Text

from explorer.core.compare import Cell, CellState, Row
from explorer.core.filters import Filters
from explorer.core.model import Availability, Catalog, Link, Platform, Point

LABEL = "bold"
MUTED = "dim"
#: Between the title and the muted aside on the first line; the panel puts the aside on a
#: line of its own when both do not fit.
ASIDE = "   "
#: Caveats and lifecycle warnings; the panel shows them in the theme's warning colour.
WARN = "bold yellow"


def _join(values: tuple[str, ...] | list[str], empty: str = "—") -> str:
    return " + ".join(values) if values else empty


def _availability_line(av: Availability) -> str:
    where = f"{_join(av.environments, 'no environment')} · {_join(av.clients, 'no client')}"
    text = f"{av.status.symbol} {av.status.word} — {where}"
    if av.note:
        text += f" — {av.note}"
    return text


def _links(text: Text, label: str, links: tuple[Link, ...]) -> None:
    for link in links:
        text.append(f"{label}: ", style=LABEL)
        text.append(f"{link.title} ", style=MUTED)
        text.append(link.url + "\n", style="underline")


def point_detail(
    catalog: Catalog, point: Point, platform_id: str, row: Row | None, matched: tuple[str, ...] = ()
) -> Text:
    """The highlighted point on one platform; ``matched`` says how the search query's words
    were read for it (synonyms and intents: "notify → events")."""
    platform = catalog.platform(platform_id)
    text = Text(end="")
    text.append(point.name, style="bold")
    text.append(f" · {platform.name}", style="bold")
    if row is not None:
        text.append(f"{ASIDE}{row.capability.name} · {point.kind} · {point.direction}", style=MUTED)
    text.append("\n")
    if matched:
        text.append("Matched: ", style=LABEL)
        text.append("; ".join(matched) + "\n", style=MUTED)
    if point.summary:
        text.append(point.summary + "\n")
    av = point.on(platform_id)
    if av is not None:
        text.append("Availability: ", style=LABEL)
        text.append(_availability_line(av) + "\n")
    others = [a for a in point.availability if a.platform != platform_id]
    if others:
        text.append("Elsewhere: ", style=LABEL)
        names = [catalog.platform(a.platform).short_name if catalog.has_platform(a.platform) else a.platform for a in others]
        text.append("; ".join(f"{n} {a.status.symbol} {a.status.word}" for n, a in zip(names, others)) + "\n", style=MUTED)
    if point.technologies:
        text.append("Technologies: ", style=LABEL)
        text.append(", ".join(point.technologies) + "\n")
    for ref in point.requires:
        if ref.applies(platform_id):
            text.append("Requires: ", style=LABEL)
            text.append(catalog.requirement_text(ref) + "\n")
    for caveat in point.caveats:
        text.append("Caveat: ", style=WARN)
        text.append(caveat + "\n")
    for lifecycle in point.lifecycle:
        text.append("⚠ " if lifecycle.warns else "Lifecycle: ", style=WARN if lifecycle.warns else LABEL)
        text.append(lifecycle.label() + "\n")
    if row is not None:
        _capability_warnings(text, row)
    _platform_warnings(text, platform)
    _links(text, "Docs", point.docs)
    _links(text, "SDK", point.sdks)
    text.append("Source: ", style=LABEL)
    text.append(f"{point.source.title} ", style=MUTED)
    text.append(point.source.url, style="underline")
    return text


def _capability_warnings(text: Text, row: Row) -> None:
    """Warnings about the whole capability row (e.g. SOAP's phase-out), named as such."""
    for lifecycle in row.capability.lifecycle:
        if lifecycle.warns:
            text.append(f"⚠ {row.capability.name} (all of it): ", style=WARN)
            text.append(lifecycle.label() + "\n")


def _platform_warnings(text: Text, platform: Platform) -> None:
    """The platform's lifecycle warnings in full (the pane header has room for one, short)."""
    for lifecycle in platform.warnings:
        text.append(f"⚠ {platform.short_name or platform.name} (platform): ", style=WARN)
        text.append(lifecycle.label() + "\n")


EMPTY_WHY = {
    CellState.NOT_AVAILABLE: "✗ not available on this platform",
    CellState.UNKNOWN: "? unknown — the catalog does not say whether this platform has it",
}


def empty_detail(catalog: Catalog, row: Row, cell: Cell, filters: Filters) -> Text:
    platform = catalog.platform(cell.platform)
    capability = row.capability
    text = Text(end="")
    text.append(capability.name, style="bold")
    text.append(f" · {platform.name}", style="bold")
    text.append(f"{ASIDE}{capability.kind}", style=MUTED)
    text.append("\n")
    if capability.summary:
        text.append(capability.summary + "\n")
    if cell.state is CellState.FILTERED:
        text.append(f"– filtered out: {cell.filtered_reason(filters)}\n", style="italic")
        for entry in cell.filtered:
            text.append(f"  {entry.point.name}: ", style=LABEL)
            text.append(_availability_line(entry.availability) + "\n")
    else:
        text.append(EMPTY_WHY.get(cell.state, cell.state.value) + "\n", style="italic")
    if cell.note:
        text.append("Note: ", style=LABEL)
        text.append(cell.note + "\n")
    _capability_warnings(text, row)
    _platform_warnings(text, platform)
    return text
