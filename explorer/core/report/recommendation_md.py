"""The recommendation report as GitHub-flavoured Markdown, ready to hand to a customer.

Order: title, the customer (environment, client, platforms, what they have), the fits'
meanings; per need a summary table and each shown option with its reasons, caveats,
requirements and docs; then everything excluded, and why; then what the catalog does not
document; the tool, version and catalog hash in a footer. Catalog text is data: every value
goes through :func:`md_text` (or :func:`md_link`, which links only http(s) addresses).
"""

from __future__ import annotations

from explorer.core.model import NEEDS, Link
from explorer.core.recommend import CHECK, FIT_MEANINGS, FIT_SYMBOLS, NeedResult, Option
from explorer.core.recommend.words import requirement_state
from explorer.core.report.markdown import NONE, md_code, md_link, md_table, md_text
from explorer.core.report.recommendation import (
    RecommendationReport,
    fit_label,
    runs_text,
)

EFFECT_MARKS = {"+": "✓", "-": "✗", "": "·"}


def _customer(report: RecommendationReport) -> list[str]:
    q = report.recommendation.question
    needs = "; ".join(f"{NEEDS.get(n, n)} ({n})" for n in q.needs)
    rows = [
        ["Needs", md_text(needs)],
        ["Environment", md_text(" + ".join(q.environments) if q.environments else "any (not said)")],
        ["Client", md_text(" + ".join(q.clients) if q.clients else "any (not said)")],
        ["Platforms", md_text(", ".join(q.platforms) if q.platforms else "every platform in the catalog")],
        ["Licences and rights", md_text(report.has_text())],
    ]
    return md_table(["Customer", ""], rows)


def _legend() -> list[str]:
    items = [f"- **{md_text(f'{FIT_SYMBOLS[f]} {f}')}**: {md_text(text)}" for f, text in FIT_MEANINGS.items()]
    unknown = "- Unknown is never read as no: an undocumented cell is at best possible, and is listed, not dropped."
    return ["**What the fits mean**", "", *items, unknown, ""]


def _summary(options: tuple[Option, ...]) -> list[str]:
    rows = [
        [
            str(o.rank), md_text(fit_label(o.fit)), md_text(o.point.name), md_text(o.platform.short_name),
            md_text(runs_text(o)), md_text(o.capability.name),
        ]
        for o in options
    ]
    return md_table(["#", "Fit", "Option", "Platform", "Runs", "Capability"], rows)


def _link_or_none(link: Link | None) -> str:
    return f" ({md_link(link)})" if link else ""


def _option(option: Option) -> list[str]:
    also = ", ".join(p.platform.short_name for p in option.also_on)
    where = md_text(option.platform.name) + (f"; also on {md_text(also)}" if also else "")
    lines = [
        f"### {option.rank}. {md_text(option.point.name)}: {md_text(fit_label(option.fit))}",
        "",
        f"*{md_text(option.capability.name)}* · {where} · point {md_code(option.point.id)}",
        "",
        "**Why**",
        "",
    ]
    lines += [f"- {EFFECT_MARKS[r.effect]} {md_text(r.text)}" for r in option.reasons if r.topic != "requires"]
    lines.append("")
    if option.caveats:
        lines += ["**Caveats**", ""] + [f"- ⚠ {md_text(c)}" for c in option.caveats] + [""]
    if option.requires:
        lines += ["**Requirements**", ""]
        for check in option.requires:
            entry = check.entries[0] if check.entries else None
            where_text = f" ({md_text(check.where)})" if check.where else ""
            state = requirement_state(check.state, check.kind)
            mark = "☐" if check.state == CHECK else ("✓" if check.state == "met" else "✗")
            text = f"- {mark} {md_text(check.text)}{where_text}: {md_text(state)}"
            if check.ref.note:
                text += f". {md_text(check.ref.note)}"
            text += _link_or_none(check.ref.source or (entry.source if entry else None))
            lines.append(text)
        lines.append("")
    else:
        lines += ["**Requirements**: the catalog lists none here.", ""]
    if option.point.docs:
        lines += ["**Docs**: " + ", ".join(md_link(d) for d in option.point.docs), ""]
    return lines


def _need(index: int, result: NeedResult, limit: int) -> list[str]:
    shown = result.shown(limit)
    lines = [f"## {index}. {md_text(result.label[:1].upper() + result.label[1:])} ({md_code(result.need)})", ""]
    if not result.options:
        return lines + ["Nothing in the catalog fits this need for this customer; see what was excluded below.", ""]
    if not result.fits:
        lines += ["Nothing fits well: every option is one to avoid.", ""]
    lines += _summary(shown) + [""]
    more = len(result.options) - len(shown)
    if more:
        lines += [f"{more} more option{'s' if more != 1 else ''} not shown (rank {len(shown) + 1} and below).", ""]
    for option in shown:
        lines += _option(option)
    return lines


def _excluded(report: RecommendationReport) -> list[str]:
    entries = report.recommendation.excluded
    lines = ["## Excluded, and why", ""]
    if not entries:
        return lines + ["Nothing was excluded.", ""]
    rows = [
        [md_text(e.need), md_text(e.point.name), md_text(e.platform.short_name), md_text(e.why)] for e in entries
    ]
    return lines + md_table(["Need", "Option", "Platform", "Why it cannot work here"], rows) + [""]


def _undocumented(report: RecommendationReport) -> list[str]:
    entries = [u for n in report.recommendation.needs for u in n.undocumented]
    if not entries:
        return []
    lines = [
        "## Not documented either way",
        "",
        "The catalog says neither yes nor no for these; ask before ruling them in or out.",
        "",
    ]
    rows = [
        [md_text(u.need), md_text(u.capability.name), md_text(u.platform.short_name), md_text(u.note) or NONE]
        for u in entries
    ]
    return lines + md_table(["Need", "Capability", "Platform", "Note"], rows) + [""]


def render_markdown(report: RecommendationReport) -> str:
    lines = [f"# {md_text(report.title)}", "", *_customer(report), "", *_legend()]
    for index, result in enumerate(report.recommendation.needs, 1):
        lines += _need(index, result, report.limit)
    lines += _excluded(report)
    lines += _undocumented(report)
    lines += ["---", "", md_text(report.footer)]
    return "\n".join(lines).rstrip("\n") + "\n"
