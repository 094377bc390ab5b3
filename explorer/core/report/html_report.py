"""Self-contained HTML report: one file, inline CSS, no scripts, no external requests.

Every catalog value goes through :func:`esc` (``html.escape(quote=True)``); only http(s)
addresses become links. Availability shows as symbol and word (colour only repeats it).
"""

from __future__ import annotations

from html import escape
from importlib import resources

from explorer.core.compare import CellState
from explorer.core.model import Lifecycle, Link, Platform, Status
from explorer.core.report.data import (
    LEGEND,
    LEGEND_NOTES,
    Header,
    PlatformSection,
    Report,
    ReportCell,
    ReportRow,
    ShortlistItem,
    state_symbol,
    state_word,
)
from explorer.core.report.header import footer_line
from explorer.core.report.point_notes import (
    NOTES_MARK,
    NOTES_TITLE,
    WARNING_MARK,
    PointNotes,
    short_warning,
    warnings_of,
)


def _css() -> str:
    return resources.files(__package__).joinpath("html_report.css").read_text(encoding="utf-8")


CSS = _css()


def esc(value: object) -> str:
    return escape(str(value), quote=True)


def link(item: Link) -> str:
    title = item.title or item.url
    if item.url.lower().startswith(("http://", "https://")):
        return f'<a href="{esc(item.url)}">{esc(title)}</a>'
    return esc(f"{title} ({item.url})" if item.url else title)


def badge(status: Status | CellState, extra: str = "", label: str = "") -> str:
    """Symbol and word (or ``label``) in the status's colours: never colour alone."""
    if isinstance(status, CellState):
        text = label or f"{state_symbol(status)} {state_word(status)}"
    else:
        text = label or f"{status.symbol} {status.word}"
    return f'<span class="badge s-{status.value}">{esc(text)}</span>{extra}'


def point_anchor(point_id: str) -> str:
    return f"point-{point_id}"


def marks(warnings: tuple[Lifecycle, ...], point_id: str | None) -> str:
    """Lifecycle warnings after a listed point, and a link to its notes (``point_id``)."""
    out = "".join(f' <span class="warning">{esc(short_warning(lc))}</span>' for lc in warnings)
    if point_id is not None:
        out += (f' <a class="notes-ref" href="#{esc(point_anchor(point_id))}" '
                f'title="caveats and requirements">{NOTES_MARK}</a>')
    return out


def _platform_item(header: Header, p: Platform) -> str:
    text = f"{esc(p.name)} (<code>{esc(p.id)}</code>)"
    reason = header.dimmed.get(p.id)
    return text + (f' <span class="filtered">– filtered out ({esc(reason)})</span>' if reason else "")


def _meta(header: Header) -> list[str]:
    platforms = ", ".join(_platform_item(header, p) for p in header.platforms)
    rows = [
        ("Catalog", esc(header.catalog_text)),
        ("Generated", f'<time datetime="{esc(header.generated_at)}">{esc(header.generated_text)}</time>'),
        ("Scope", esc(header.scope_title)),
    ]
    if header.shortlist:
        rows.append(("Shortlist", esc(header.shortlist)))
    rows += [
        ("Query", esc(header.query) if header.query else "— (none)"),
        ("Filters", esc(header.filters_text)),
        ("Differences only", "yes" if header.differences else "no"),
        ("Platforms", platforms or "—"),
    ]
    out = ['<dl class="meta">']
    out += [f"<dt>{name}</dt><dd>{value}</dd>" for name, value in rows]
    out.append("</dl>")
    return out


def _legend() -> list[str]:
    items = "".join(f"<li>{badge(s)} {esc(LEGEND_NOTES[s])}</li>" for s in LEGEND)
    items += (f'<li><span class="notes-ref">{NOTES_MARK}</span> caveats or requirements: see '
              f'{esc(NOTES_TITLE)}</li><li><span class="warning">{WARNING_MARK}</span> a lifecycle warning</li>')
    return ['<section class="legend" aria-label="Legend">', "<h2>Legend</h2>", f"<ul>{items}</ul>", "</section>"]


def cell_html(cell: ReportCell) -> str:
    parts = [f'<td class="s-{cell.key}">', badge(cell.state, label=cell.label)]
    if cell.points:
        parts.append('<ul class="points">')
        for ref in cell.points:
            extra = (["partial"] if ref.status is Status.PARTIAL else []) + list(ref.limits(cell.platform))
            item = esc(ref.point.name)
            if extra:
                item += f' <span class="limits">({esc(", ".join(extra))})</span>'
            item += marks(ref.warnings, ref.point.id if ref.has_notes else None)
            if ref.availability.note:
                item += f'<span class="note">{esc(ref.availability.note)}</span>'
            parts.append(f"<li>{item}</li>")
        parts.append("</ul>")
    if cell.note:
        parts.append(f'<span class="note">{esc(cell.note)}</span>')
    parts.append("</td>")
    return "".join(parts)


def _capability(row: ReportRow) -> str:
    cap = row.capability
    warnings = "".join(f'<span class="warning block">{esc(short_warning(lc))}</span>' for lc in row.warnings)
    return f'<th scope="row">{esc(cap.name)}<span class="kind">{esc(cap.kind)}</span>{warnings}</th>'


def _matrix(report: Report) -> list[str]:
    header = report.header
    out = ['<section class="comparison">', "<h2>Comparison</h2>"]
    if not report.groups:
        return out + ["<p>No capability rows.</p>", "</section>"]
    caption = (
        f"Query: {esc(header.query) if header.query else '— (none)'}; {esc(header.filters_text)}; "
        f"differences only: {'yes' if header.differences else 'no'}"
    )
    columns = len(header.platforms) + 1
    out += ['<table class="matrix">', f"<caption>{caption}</caption>", "<thead><tr>", '<th scope="col">Capability</th>']
    out += [f'<th scope="col" title="{esc(p.name)}">{esc(p.short_name)}</th>' for p in header.platforms]
    out.append("</tr></thead>")
    for group in report.groups:
        count = len(group.rows)
        out.append(f'<tbody class="outcome-{esc(group.outcome)}">')
        out.append(
            f'<tr class="group"><th scope="rowgroup" colspan="{columns}">{esc(group.title)} '
            f"({count} row{'s' if count != 1 else ''})</th></tr>"
        )
        for row in group.rows:
            out.append(f"<tr>{_capability(row)}" + "".join(cell_html(c) for c in row.cells) + "</tr>")
        out.append("</tbody>")
    out += ["</table>", "</section>"]
    return out


def _shortlist(items: tuple[ShortlistItem, ...], name: str, notes: dict[str, PointNotes]) -> list[str]:
    out = ['<section class="shortlist">', f"<h2>Shortlist: {esc(name)}</h2>"]
    if not items:
        return out + ["<p>The shortlist is empty.</p>", "</section>"]
    heads = ["Point", "Platform", "Capability", "Availability", "Environments", "Clients", "Note", "Docs"]
    out += ['<table class="bookmarks">', f"<caption>Bookmarked integration points ({len(items)})</caption>"]
    out.append("<thead><tr>" + "".join(f'<th scope="col">{h}</th>' for h in heads) + "</tr></thead>")
    out.append("<tbody>")
    for item in items:
        av = item.availability
        point = esc(item.point.name) if item.point else esc(item.point_id) + " (no longer in the catalog)"
        found = notes.get(item.point_id) if item.point else None
        if found is not None:
            point += marks(found.warnings, found.point.id if found.has_notes else None)
        note = f'<span class="note">{esc(av.note)}</span>' if av and av.note else ""
        docs = ", ".join(link(d) for d in item.point.docs) if item.point else ""
        cells = [
            esc(item.platform.name if item.platform else item.platform_id),
            esc(item.capability.name) + "".join(
                f'<span class="warning block">{esc(short_warning(lc))}</span>'
                for lc in warnings_of(item.capability.lifecycle)
            ) if item.capability else "—",
            badge(item.status, note),
            esc(", ".join(av.environments)) if av else "—",
            esc(", ".join(av.clients)) if av else "—",
            f'<span class="note">{esc(item.note)}</span>' if item.note else "—",
            docs or "—",
        ]
        out.append(f'<tr><th scope="row">{point}</th>' + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    out += ["</tbody>", "</table>", "</section>"]
    return out


def _platform(section: PlatformSection) -> list[str]:
    p = section.platform
    out = ['<section class="platform">', f"<h3>{esc(p.name)} <code>{esc(p.id)}</code></h3>"]
    if p.summary:
        out.append(f'<p class="summary">{esc(p.summary)}</p>')
    rows = [
        ("Environments", esc(", ".join(p.environments))),
        ("Clients", esc(", ".join(p.clients))),
        ("Authentication", f'<span class="summary">{esc(p.authentication)}</span>'),
    ]
    if p.since:
        rows.append(("Since", esc(p.since)))
    rows.append(("Points in this report", esc(section.shown)))
    if section.dimmed:
        rows.append(("Filters", esc(section.dimmed)))
    for lc in p.warnings:
        source = f" ({link(lc.source)})" if lc.source else ""
        rows.append(("Lifecycle", f'<span class="warning">⚠ {esc(lc.label())}</span>{source}'))
    if p.sdks:
        rows.append(("SDKs", ", ".join(link(item) for item in p.sdks)))
    if p.sources:
        rows.append(("Sources", ", ".join(link(item) for item in p.sources)))
    out.append("<dl>" + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows) + "</dl>")
    out.append("</section>")
    return out


def html_point_notes(notes: PointNotes) -> list[str]:
    """One point's caveats, requirements and lifecycle warnings; the matrix's † links here."""
    point = notes.point
    out = [f'<section class="point" id="{esc(point_anchor(point.id))}">',
           f"<h3>{esc(point.name)} <code>{esc(point.id)}</code></h3>", "<ul>"]
    if notes.capability is not None:
        out.append(f"<li>Capability: {esc(notes.capability.name)}</li>")
    if notes.platforms:
        out.append(f"<li>Platforms in this report: {esc(', '.join(p.short_name for p in notes.platforms))}</li>")
    capability = notes.capability.name if notes.capability else point.capability
    lifecycle = [("", lc) for lc in notes.warnings] + [(f" of {capability}", lc) for lc in notes.capability_warnings]
    for whose, lc in lifecycle:
        source = f" ({link(lc.source)})" if lc.source else ""
        out.append(f'<li><span class="warning">⚠ Lifecycle{esc(whose)}:</span> {esc(lc.label())}{source}</li>')
    out += [f'<li><span class="caveat">Caveat:</span> <span class="note-text">{esc(c)}</span></li>'
            for c in notes.caveats]
    for req in notes.requires:
        source = f" ({link(req.source)})" if req.source else ""
        out.append(f'<li><span class="requires">Requires:</span> <span class="note-text">{esc(req.text)}</span>{source}</li>')
    return out + ["</ul>", "</section>"]


def _notes(report: Report) -> list[str]:
    listed = [n for n in report.notes if n.has_notes or n.warnings or n.capability_warnings]
    if not listed:
        return []
    out = ['<section class="notes">', f"<h2>{esc(NOTES_TITLE)}</h2>"]
    for notes in listed:
        out += html_point_notes(notes)
    return out + ["</section>"]


def html_document(title: str, generator: str, header: list[str], body: list[str], footer: str,
                  css: str = CSS) -> str:
    """A whole self-contained page (every report kind): the head with its stylesheet, the
    title and ``header`` block, ``body``, and the ``footer`` line. Text is escaped here;
    ``header`` and ``body`` are HTML lines made with :func:`esc`."""
    title = esc(title)
    out = [
        "<!doctype html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="{esc(generator)}">',
        f"<title>{title}</title>",
        f"<style>\n{css}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{title}</h1>",
        *header,
        "</header>",
        "<main>",
        *body,
        "</main>",
        "<footer>",
        f"<p>{esc(footer)}</p>",
        "</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(out) + "\n"


def html_page(header: Header, body: list[str]) -> str:
    """A comparison report's page."""
    return html_document(header.heading, f"{header.tool} {header.version}", _meta(header), body, footer_line(header))


def render_html(report: Report) -> str:
    header = report.header
    body = _legend()
    if report.shortlist is not None:
        body += _shortlist(report.shortlist, header.shortlist, {n.point.id: n for n in report.notes})
    body += _matrix(report)
    body += _notes(report)
    body += ['<section class="platforms">', "<h2>Platforms</h2>"]
    for section in report.platforms:
        body += _platform(section)
    body.append("</section>")
    return html_page(header, body)
