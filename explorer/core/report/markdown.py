"""GitHub-flavoured Markdown report.

Catalog text is data, never Markdown: every value goes through :func:`md_text`, which
backslash-escapes the characters that could start markup (``|`` included, so a value can
never add a table cell) and turns line breaks into ``<br>`` so a value never breaks a row.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from explorer.core.model import Lifecycle, Link, Platform, Status
from explorer.core.report.data import (
    LEGEND,
    LEGEND_NOTES,
    Header,
    Report,
    ReportCell,
    ReportRow,
    ShortlistItem,
    state_symbol,
    state_word,
)
from explorer.core.report.header import footer_line
from explorer.core.report.point_notes import (
    NOTES_LEGEND,
    NOTES_MARK,
    NOTES_TITLE,
    PointNotes,
    short_warning,
    warnings_of,
)

#: Characters escaped in every value: backslash first, then inline markup, then the pipe.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#])")
_NEWLINES = re.compile(r"\r\n|\r|\n")
_URL_SAFE = ":/?#@!$&'*+,;=%~-._"  # everything else (spaces, ( ) < > | [ ] \ `) is %-encoded
NONE = "—"


def md_text(value: str) -> str:
    """Escape a value for Markdown inline text, in or out of a table cell."""
    return _NEWLINES.sub("<br>", _SPECIAL.sub(r"\\\1", value))


def md_code(value: str) -> str:
    """A code span that survives a GFM table cell (``|`` escaped as ``\\|`` inside it too).

    A backslash or a line break cannot be shown faithfully in a code span inside a table,
    so such values fall back to escaped text.
    """
    if not value or "\\" in value or _NEWLINES.search(value):
        return md_text(value)
    longest = max((len(run) for run in re.findall(r"`+", value)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if value.startswith("`") or value.endswith("`") else ""
    return f"{fence}{pad}{value.replace('|', chr(92) + '|')}{pad}{fence}"


def md_url(url: str) -> str:
    return quote(url, safe=_URL_SAFE)


def md_link(link: Link) -> str:
    """``[title](url)`` for http(s) links; anything else is shown as plain text."""
    title = link.title or link.url
    if link.url.lower().startswith(("http://", "https://")):
        return f"[{md_text(title)}]({md_url(link.url)})"
    return md_text(f"{title} ({link.url})" if link.url else title)


def md_row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def md_table(head: list[str], rows: list[list[str]]) -> list[str]:
    lines = [md_row(head), md_row([":---"] * len(head))]
    lines.extend(md_row(row) for row in rows)
    return lines


def legend_text() -> str:
    states = " · ".join(f"{state_symbol(s)} {state_word(s)} — {LEGEND_NOTES[s]}" for s in LEGEND)
    return f"{states} · {NOTES_LEGEND}"


def md_heading(header: Header) -> list[str]:
    """The report's title line (``--title``, escaped like every value)."""
    return [f"# {md_text(header.heading)}", ""]


def md_footer(header: Header) -> list[str]:
    """Where the report came from: tool, version, catalog id and content hash."""
    return ["---", "", md_text(footer_line(header)), ""]


def _platform(header: Header, p: Platform) -> str:
    text = f"{md_text(p.name)} ({md_code(p.id)})"
    reason = header.dimmed.get(p.id)
    return text + (f" {md_text(f'– filtered out ({reason})')}" if reason else "")


def _header(header: Header) -> list[str]:
    platforms = ", ".join(_platform(header, p) for p in header.platforms)
    rows = [
        ["Catalog", md_text(header.catalog_text)],
        ["Generated", md_text(header.generated_text)],
        ["Scope", md_text(header.scope_title)],
    ]
    if header.shortlist:
        rows.append(["Shortlist", md_text(header.shortlist)])
    rows += [
        ["Query", md_text(header.query) if header.query else f"{NONE} (none)"],
        ["Filters", md_text(header.filters_text)],
        ["Differences only", "yes" if header.differences else "no"],
        ["Platforms", platforms or NONE],
    ]
    return md_table(["Report", "Value"], rows)


def marks(warnings: tuple[Lifecycle, ...], has_notes: bool) -> str:
    """`` ⚠ phase-out started 2023, removal at 13 †`` after a listed point (or "")."""
    text = "".join(f" {md_text(short_warning(lc))}" for lc in warnings)
    return text + (f" {NOTES_MARK}" if has_notes else "")


def cell_text(cell: ReportCell) -> str:
    parts = [md_text(cell.label)]
    for ref in cell.points:
        extra = []
        if ref.status is Status.PARTIAL:
            extra.append("partial")
        extra.extend(ref.limits(cell.platform))
        text = md_text(ref.point.name)
        if extra:
            text += " (" + md_text(", ".join(extra)) + ")"
        text += marks(ref.warnings, ref.has_notes)
        if ref.availability.note:
            text += f" — {md_text(ref.availability.note)}"
        parts.append(text)
    if cell.note:
        parts.append(md_text(cell.note))
    return "<br>".join(parts)


def capability_text(row: ReportRow) -> str:
    return "<br>".join([md_text(row.capability.name)] + [md_text(short_warning(lc)) for lc in row.warnings])


def _matrix(report: Report) -> list[str]:
    lines: list[str] = ["## Comparison", ""]
    if not report.groups:
        return lines + ["No capability rows.", ""]
    head = ["Capability", "Kind"] + [md_text(p.short_name) for p in report.header.platforms]
    for group in report.groups:
        count = len(group.rows)
        lines += [f"### {md_text(group.title)} ({count} row{'s' if count != 1 else ''})", ""]
        rows = [
            [capability_text(row), md_text(row.capability.kind)] + [cell_text(c) for c in row.cells]
            for row in group.rows
        ]
        lines += md_table(head, rows) + [""]
    return lines


def _shortlist(items: tuple[ShortlistItem, ...], name: str, report_notes: dict[str, PointNotes]) -> list[str]:
    lines = [f"## Shortlist: {md_text(name)}", ""]
    if not items:
        return lines + ["The shortlist is empty.", ""]
    head = ["Point", "Platform", "Capability", "Availability", "Environments", "Clients", "Note", "Docs"]
    rows = []
    for item in items:
        if item.missing or item.point is None:
            point = md_text(f"{item.point_id} (no longer in the catalog)")
        else:
            notes = report_notes.get(item.point.id)
            point = md_text(item.point.name)
            if notes is not None:
                point += marks(notes.warnings, notes.has_notes)
        av = item.availability
        docs = ", ".join(md_link(d) for d in item.point.docs) if item.point else ""
        rows.append([
            point,
            md_text(item.platform.name if item.platform else item.platform_id),
            "<br>".join([md_text(item.capability.name)] + [
                md_text(short_warning(lc)) for lc in warnings_of(item.capability.lifecycle)
            ]) if item.capability else NONE,
            md_text(f"{item.status.symbol} {item.status.word}")
            + (f"<br>{md_text(av.note)}" if av and av.note else ""),
            md_text(", ".join(av.environments)) if av else NONE,
            md_text(", ".join(av.clients)) if av else NONE,
            md_text(item.note) or NONE,
            docs or NONE,
        ])
    return lines + md_table(head, rows) + [""]


def _platforms(report: Report) -> list[str]:
    lines = ["## Platforms", ""]
    for section in report.platforms:
        p = section.platform
        lines += [f"### {md_text(p.name)} ({md_code(p.id)})", ""]
        if p.summary:
            lines += [md_text(p.summary), ""]
        items = [
            f"Environments: {md_text(', '.join(p.environments))}",
            f"Clients: {md_text(', '.join(p.clients))}",
            f"Authentication: {md_text(p.authentication)}",
        ]
        if p.since:
            items.append(f"Since: {p.since}")
        items.append(f"Integration points in this report: {section.shown}")
        if section.dimmed:
            items.append(f"Filters: {md_text(section.dimmed)}")
        for lc in p.warnings:
            text = f"⚠ Lifecycle: {md_text(lc.label())}"
            if lc.source:
                text += f" ({md_link(lc.source)})"
            items.append(text)
        if p.sdks:
            items.append("SDKs: " + ", ".join(md_link(link) for link in p.sdks))
        if p.sources:
            items.append("Sources: " + ", ".join(md_link(link) for link in p.sources))
        lines += [f"- {item}" for item in items] + [""]
    return lines


def md_point_notes(notes: PointNotes) -> list[str]:
    """One point's caveats, requirements and lifecycle warnings, as a list under its name."""
    point = notes.point
    lines = [f"### {md_text(point.name)} ({md_code(point.id)})", ""]
    items = []
    if notes.capability is not None:
        items.append(f"Capability: {md_text(notes.capability.name)}")
    if notes.platforms:
        items.append("Platforms in this report: " + md_text(", ".join(p.short_name for p in notes.platforms)))
    for lc in notes.warnings:
        items.append(f"⚠ Lifecycle: {md_text(lc.label())}" + (f" ({md_link(lc.source)})" if lc.source else ""))
    for lc in notes.capability_warnings:
        name = notes.capability.name if notes.capability else point.capability
        items.append(f"⚠ Lifecycle of {md_text(name)}: {md_text(lc.label())}"
                     + (f" ({md_link(lc.source)})" if lc.source else ""))
    items += [f"Caveat: {md_text(caveat)}" for caveat in notes.caveats]
    for req in notes.requires:
        items.append(f"Requires: {md_text(req.text)}" + (f" ({md_link(req.source)})" if req.source else ""))
    return lines + [f"- {item}" for item in items] + [""]


def _notes(report: Report) -> list[str]:
    listed = [n for n in report.notes if n.has_notes or n.warnings or n.capability_warnings]
    if not listed:
        return []
    lines = [f"## {md_text(NOTES_TITLE)}", ""]
    for notes in listed:
        lines += md_point_notes(notes)
    return lines


def render_markdown(report: Report) -> str:
    header = report.header
    lines = [
        *md_heading(header),
        *_header(header),
        "",
        f"**Legend:** {md_text(legend_text())}",
        "",
    ]
    if report.shortlist is not None:
        lines += _shortlist(report.shortlist, header.shortlist, {n.point.id: n for n in report.notes})
    lines += _matrix(report)
    lines += _notes(report)
    lines += _platforms(report)
    lines += md_footer(header)
    return "\n".join(lines).rstrip("\n") + "\n"
