"""The text form of ``so-explorer recommend``: per need, a table of the ranked options, then
each option's reasons, requirements, caveats and docs, then what was excluded and why.

Catalog text passes through :func:`clean_text` (no control characters reach the terminal)
and is wrapped to the terminal's width.
"""

from __future__ import annotations

import shutil
import textwrap

from explorer.core.recommend import (
    CHECK,
    FIT_SYMBOLS,
    FITS,
    MET,
    Excluded,
    NeedResult,
    Option,
    Recommendation,
)
from explorer.core.recommend.words import requirement_state
from explorer.core.report.recommendation import fit_label, runs_text
from explorer.core.util.sanitize import clean_text

MIN_WIDTH, MAX_WIDTH = 60, 120
EFFECT_MARKS = {"+": "✓", "-": "✗", "": "·"}
STATE_MARKS = {MET: "✓", "missing": "✗", CHECK: "☐"}


def width() -> int:
    return max(MIN_WIDTH, min(MAX_WIDTH, shutil.get_terminal_size((100, 24)).columns))


def _cut(text: str, size: int) -> str:
    return text if len(text) <= size else text[: max(1, size - 1)] + "…"


def _wrap(text: str, indent: str, cols: int, hang: int = 2) -> list[str]:
    return textwrap.wrap(
        clean_text(text), cols, initial_indent=indent, subsequent_indent=indent + " " * hang,
        break_on_hyphens=False,
    ) or [indent]


def _table(options: tuple[Option, ...], cols: int) -> list[str]:
    rows = [("#", "FIT", "OPTION", "PLATFORM", "RUNS")]
    rows += [
        (str(o.rank), fit_label(o.fit), clean_text(o.point.name), clean_text(o.platform.short_name), runs_text(o))
        for o in options
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    fixed = sum(widths) - widths[2] + 2 * 4 + 2
    widths[2] = max(12, min(widths[2], cols - fixed))
    lines = []
    for row in rows:
        cells = [row[0].rjust(widths[0])] + [_cut(c, w).ljust(w) for c, w in zip(row[1:], widths[1:])]
        lines.append(("  " + "  ".join(cells)).rstrip())
    return lines


def _option(option: Option, cols: int) -> list[str]:
    also = ", ".join(p.platform.short_name for p in option.also_on)
    head = f"{option.rank}. {option.point.name} · {option.capability.name} · {option.platform.short_name}"
    if also:
        head += f", also {also}"
    lines = _wrap(head, "  ", cols, 3)
    for reason in option.reasons:
        if reason.topic == "requires":
            continue
        lines += _wrap(f"{EFFECT_MARKS[reason.effect]} {reason.text}", "     ", cols)
    for check in option.requires:
        where = f" ({check.where})" if check.where else ""
        text = f"{STATE_MARKS[check.state]} needs {check.text}{where}: {requirement_state(check.state, check.kind)}"
        lines += _wrap(text, "     ", cols)
    if not option.requires:
        lines += _wrap("· the catalog lists no licence, plan or right for it here", "     ", cols)
    lines += [line for caveat in option.caveats for line in _wrap(f"⚠ {caveat}", "     ", cols)]
    for doc in option.point.docs:
        lines += _wrap(f"→ {doc.title}: {doc.url}", "     ", cols)
    return lines


def _excluded(entries: tuple[Excluded, ...], cols: int) -> list[str]:
    if not entries:
        return []
    groups: dict[str, list[Excluded]] = {}
    for entry in entries:
        groups.setdefault(entry.why, []).append(entry)
    lines = [f"  Excluded ({len(entries)}): cannot work for this customer"]
    for why, group in groups.items():
        names = "; ".join(f"{e.point.name} ({e.platform.short_name})" for e in group)
        lines += _wrap(f"✗ {names} — {why}", "    ", cols)
    return lines


def _need(result: NeedResult, limit: int, cols: int) -> list[str]:
    shown = result.shown(limit)
    counts = f"{len(result.options)} option{'s' if len(result.options) != 1 else ''}, {len(result.excluded)} excluded"
    lines = [f"{result.label} ({result.need}): {counts}"]
    if not result.options:
        lines.append("  Nothing in the catalog fits this need for this customer.")
    else:
        if not result.fits:
            lines.append("  Nothing fits well: every option is one to avoid.")
        lines += _table(shown, cols) + [""]
        for option in shown:
            lines += _option(option, cols) + [""]
        more = len(result.options) - len(shown)
        if more:
            lines.append(f"  {more} more option{'s' if more != 1 else ''} not shown; --limit 0 shows every one.")
    lines += _excluded(result.excluded, cols)
    if result.undocumented:
        names = "; ".join(f"{u.capability.name} ({u.platform.short_name})" for u in result.undocumented)
        lines += _wrap(f"? Not documented either way, so neither ruled in nor out: {names}", "  ", cols)
    return lines


def render_text(recommendation: Recommendation, limit: int, title: str = "", cols: int | None = None) -> str:
    cols = cols or width()
    legend = "  ".join(f"{FIT_SYMBOLS[f]} {f}" for f in (*FITS, "excluded"))
    lines = _wrap(f"{title or 'Which approach fits?'} {recommendation.question.describe()}", "", cols)
    lines += _wrap(f"Fits: {legend}. ☐ = a requirement to check with the customer.", "", cols) + [""]
    for result in recommendation.needs:
        lines += _need(result, limit, cols) + [""]
    return "\n".join(line.rstrip() for line in lines).rstrip("\n")
