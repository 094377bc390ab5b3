"""Self-contained HTML report: one file, inline CSS, no scripts, no external requests.

Every catalog value goes through :func:`esc` (``html.escape(quote=True)``); only http(s)
addresses become links. Availability shows as symbol and word (colour only repeats it).
"""

from __future__ import annotations

from html import escape
from importlib import resources

from explorer.core.model import Link, Status
from explorer.core.report.data import (
    LEGEND,
    LEGEND_NOTES,
    Header,
    PlatformSection,
    Report,
    ReportCell,
    ShortlistItem,
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


def badge(status: Status, extra: str = "") -> str:
    return f'<span class="badge s-{status.value}">{esc(status.symbol)} {esc(status.word)}</span>{extra}'


def _meta(header: Header) -> list[str]:
    platforms = ", ".join(f"{esc(p.name)} (<code>{esc(p.id)}</code>)" for p in header.platforms)
    rows = [
        ("Tool", esc(f"{header.tool} {header.version}")),
        (
            "Catalog",
            f"{esc(header.catalog_label)} (<code>{esc(header.catalog_id)}</code>, "
            f"sha256 <code>{esc(header.short_hash or 'unknown')}</code>)",
        ),
        ("Generated", f'<time datetime="{esc(header.generated_at)}">{esc(header.generated_at)}</time> (UTC)'),
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
    return ['<section class="legend" aria-label="Legend">', "<h2>Legend</h2>", f"<ul>{items}</ul>", "</section>"]


def cell_html(cell: ReportCell) -> str:
    status = cell.status
    parts = [f'<td class="s-{status.value}">', badge(status)]
    if cell.filtered:
        parts.append(f'<span class="filtered">filtered: {esc(cell.filtered_reason)}</span>')
    if cell.points:
        parts.append('<ul class="points">')
        for ref in cell.points:
            extra = (["partial"] if ref.status is Status.PARTIAL else []) + list(ref.limits(cell.platform))
            item = esc(ref.point.name)
            if extra:
                item += f' <span class="limits">({esc(", ".join(extra))})</span>'
            if ref.availability.note:
                item += f'<span class="note">{esc(ref.availability.note)}</span>'
            parts.append(f"<li>{item}</li>")
        parts.append("</ul>")
    if cell.note:
        parts.append(f'<span class="note">{esc(cell.note)}</span>')
    parts.append("</td>")
    return "".join(parts)


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
            cap = row.capability
            out.append(
                f'<tr><th scope="row">{esc(cap.name)}<span class="kind">{esc(cap.kind)}</span></th>'
                + "".join(cell_html(c) for c in row.cells)
                + "</tr>"
            )
        out.append("</tbody>")
    out += ["</table>", "</section>"]
    return out


def _shortlist(items: tuple[ShortlistItem, ...], name: str) -> list[str]:
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
        note = f'<span class="note">{esc(av.note)}</span>' if av and av.note else ""
        docs = ", ".join(link(d) for d in item.point.docs) if item.point else ""
        cells = [
            esc(item.platform.name if item.platform else item.platform_id),
            esc(item.capability.name) if item.capability else "—",
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


def render_html(report: Report) -> str:
    header = report.header
    title = esc(f"Integration comparison: {header.catalog_name}")
    out = [
        "<!doctype html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="{esc(header.tool)} {esc(header.version)}">',
        f"<title>{title}</title>",
        f"<style>\n{CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{title}</h1>",
        *_meta(header),
        "</header>",
        "<main>",
        *_legend(),
    ]
    if report.shortlist is not None:
        out += _shortlist(report.shortlist, header.shortlist)
    out += _matrix(report)
    out += ['<section class="platforms">', "<h2>Platforms</h2>"]
    for section in report.platforms:
        out += _platform(section)
    out += ["</section>", "</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"
