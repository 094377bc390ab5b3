"""The recommendation report as one self-contained HTML file (inline CSS, no scripts).

Same content and order as the Markdown form. Every catalog value and the title go through
:func:`esc`; only http(s) addresses become links (:func:`link`). Fits show as symbol and word,
so they survive grey printing.
"""

from __future__ import annotations

from explorer.core.model import NEEDS
from explorer.core.recommend import CHECK, FIT_MEANINGS, FIT_SYMBOLS, NeedResult, Option
from explorer.core.recommend.words import requirement_state
from explorer.core.report.html_report import CSS, esc, html_document, link
from explorer.core.report.recommendation import (
    RecommendationReport,
    fit_label,
    runs_text,
)

EXTRA_CSS = """\
.fit { display: inline-block; font-weight: 600; padding: 0 .4em; border-radius: 3px; white-space: nowrap; }
.fit-recommended { background: var(--available); color: var(--available-ink); }
.fit-possible { background: var(--partial); color: var(--partial-ink); }
.fit-avoid, .fit-excluded { background: var(--not-available); color: var(--not-available-ink); }
.option { border: 1px solid var(--line); border-radius: 4px; padding: .2rem .9rem .6rem; margin: .8rem 0; }
.option h3 { margin-top: .5rem; }
.where { color: var(--muted); margin: 0 0 .4rem; }
ul.reasons, ul.caveats, ul.requires { margin: .2rem 0 .5rem; padding-left: 1.2rem; }
.effect-plus::marker { content: "✓ "; color: var(--available-ink); }
.effect-minus::marker { content: "✗ "; color: var(--not-available-ink); }
.effect-none::marker { content: "· "; }
ul.caveats li::marker { content: "⚠ "; }
.label { font-weight: 600; margin: .4rem 0 0; }
"""
EFFECT_CLASSES = {"+": "effect-plus", "-": "effect-minus", "": "effect-none"}
STATE_MARKS = {"met": "✓", "missing": "✗", CHECK: "☐"}


def _fit(fit: str) -> str:
    return f'<span class="fit fit-{esc(fit)}">{esc(fit_label(fit))}</span>'


def _customer(report: RecommendationReport) -> list[str]:
    q = report.recommendation.question
    rows = [
        ("Needs", "; ".join(f"{esc(NEEDS.get(n, n))} (<code>{esc(n)}</code>)" for n in q.needs)),
        ("Environment", esc(" + ".join(q.environments) if q.environments else "any (not said)")),
        ("Client", esc(" + ".join(q.clients) if q.clients else "any (not said)")),
        ("Platforms", esc(", ".join(q.platforms) if q.platforms else "every platform in the catalog")),
        ("Licences and rights", esc(report.has_text())),
    ]
    return ['<dl class="meta">'] + [f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows] + ["</dl>"]


def _legend() -> list[str]:
    items = "".join(f"<li>{_fit(f)} {esc(text)}</li>" for f, text in FIT_MEANINGS.items() if f in FIT_SYMBOLS)
    return [
        '<section class="legend" aria-label="What the fits mean">',
        "<h2>What the fits mean</h2>",
        f"<ul>{items}</ul>",
        "<p>Unknown is never read as no: an undocumented cell is at best possible, and is listed, not dropped.</p>",
        "</section>",
    ]


def _summary(options: tuple[Option, ...]) -> list[str]:
    heads = ["#", "Fit", "Option", "Platform", "Runs", "Capability"]
    out = ['<table class="summary-table">', "<thead><tr>" + "".join(f'<th scope="col">{h}</th>' for h in heads) + "</tr></thead>", "<tbody>"]
    for o in options:
        cells = [esc(o.rank), _fit(o.fit), esc(o.point.name), esc(o.platform.short_name), esc(runs_text(o)), esc(o.capability.name)]
        out.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return out + ["</tbody>", "</table>"]


def _option(option: Option) -> list[str]:
    also = ", ".join(p.platform.short_name for p in option.also_on)
    where = esc(option.platform.name) + (f"; also on {esc(also)}" if also else "")
    out = [
        f'<article class="option" id="{esc(option.need)}-{esc(option.rank)}">',
        f"<h3>{esc(option.rank)}. {esc(option.point.name)} {_fit(option.fit)}</h3>",
        f'<p class="where"><em>{esc(option.capability.name)}</em> · {where} · point <code>{esc(option.point.id)}</code></p>',
        '<p class="label">Why</p>',
        '<ul class="reasons">',
    ]
    out += [
        f'<li class="{EFFECT_CLASSES[r.effect]}">{esc(r.text)}</li>' for r in option.reasons if r.topic != "requires"
    ]
    out.append("</ul>")
    if option.caveats:
        out += ['<p class="label">Caveats</p>', '<ul class="caveats">']
        out += [f"<li>{esc(c)}</li>" for c in option.caveats]
        out.append("</ul>")
    out.append('<p class="label">Requirements</p>')
    if option.requires:
        out.append('<ul class="requires">')
        for check in option.requires:
            entry = check.entries[0] if check.entries else None
            source = check.ref.source or (entry.source if entry else None)
            text = f"{STATE_MARKS[check.state]} {esc(check.text)}"
            if check.where:
                text += f" ({esc(check.where)})"
            text += f": {esc(requirement_state(check.state, check.kind))}"
            if check.ref.note:
                text += f". {esc(check.ref.note)}"
            if source:
                text += f" ({link(source)})"
            out.append(f"<li>{text}</li>")
        out.append("</ul>")
    else:
        out.append("<p>The catalog lists none here.</p>")
    if option.point.docs:
        out.append('<p><span class="label">Docs:</span> ' + ", ".join(link(d) for d in option.point.docs) + "</p>")
    return out + ["</article>"]


def _need(index: int, result: NeedResult, limit: int) -> list[str]:
    shown = result.shown(limit)
    out = [f'<section class="need" id="need-{esc(result.need)}">',
           f"<h2>{index}. {esc(result.label[:1].upper() + result.label[1:])} (<code>{esc(result.need)}</code>)</h2>"]
    if not result.options:
        return out + ["<p>Nothing in the catalog fits this need for this customer; see what was excluded below.</p>", "</section>"]
    if not result.fits:
        out.append("<p>Nothing fits well: every option is one to avoid.</p>")
    out += _summary(shown)
    more = len(result.options) - len(shown)
    if more:
        out.append(f"<p>{more} more option{'s' if more != 1 else ''} not shown (rank {len(shown) + 1} and below).</p>")
    for option in shown:
        out += _option(option)
    return out + ["</section>"]


def _table(title: str, intro: str, heads: list[str], rows: list[list[str]], empty: str) -> list[str]:
    out = ["<section>", f"<h2>{title}</h2>"]
    if intro:
        out.append(f"<p>{intro}</p>")
    if not rows:
        return out + [f"<p>{empty}</p>", "</section>"]
    out += ["<table>", "<thead><tr>" + "".join(f'<th scope="col">{h}</th>' for h in heads) + "</tr></thead>", "<tbody>"]
    out += ["<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows]
    return out + ["</tbody>", "</table>", "</section>"]


def render_html(report: RecommendationReport) -> str:
    rec = report.recommendation
    excluded = [[esc(e.need), esc(e.point.name), esc(e.platform.short_name), esc(e.why)] for e in rec.excluded]
    undocumented = [
        [esc(u.need), esc(u.capability.name), esc(u.platform.short_name), esc(u.note) or "—"]
        for n in rec.needs for u in n.undocumented
    ]
    out = _legend()
    for index, result in enumerate(rec.needs, 1):
        out += _need(index, result, report.limit)
    out += _table("Excluded, and why", "", ["Need", "Option", "Platform", "Why it cannot work here"], excluded,
                  "Nothing was excluded.")
    if undocumented:
        out += _table("Not documented either way",
                      "The catalog says neither yes nor no for these; ask before ruling them in or out.",
                      ["Need", "Capability", "Platform", "Note"], undocumented, "")
    return html_document(report.title, f"{report.tool} {report.version}", _customer(report), out, report.footer,
                         CSS + EXTRA_CSS)
