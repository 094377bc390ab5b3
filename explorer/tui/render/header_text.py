"""What a pane header says, fitted to its column: long forms when wide, compact ones when not.

Pure (no Textual): :func:`fit_body` picks, for one platform and one column width, the lines
under the platform's name: its environments · clients · since line and its lifecycle
warning. It prefers, in order: nothing cut off or left out, the fullest wording, a
one-line warning, the fewest lines. Each header line is indented by ``INDENT`` cells (under the name, after the
``▸`` cursor mark). The full lifecycle text is in the detail panel.

    onsite · win · since 1989      ⚠ discontinued from 9     (wide)
    onsite · win · 1989            ⚠ discontinued v9
    onsite · win / since 1989      ⚠ discont. v9             (narrow, on two lines)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import product

from rich.cells import cell_len

from explorer.core.model import Platform

INDENT = 2
#: Shorter words for lifecycle statuses in very narrow columns.
STATUS_SHORT = {"discontinued": "discont.", "deprecated": "deprec.", "no longer supported": "unsupported"}


@dataclass(frozen=True, slots=True)
class Form:
    """One way to say something: ``lines`` of text, ``loss`` (0 nothing lost, 1 a detail,
    2 a fact), ``compact`` (0 the full wording, higher: more abbreviated)."""

    lines: tuple[str, ...]
    loss: int = 0
    compact: int = 0


@dataclass(frozen=True, slots=True)
class Body:
    """The lines under a pane's name, and what fitting them cost."""

    meta: tuple[str, ...]
    warning: tuple[str, ...]
    loss: int  # 0 nothing left out, 1 a detail (a second warning), 2+ a fact
    cut: int  # lines too wide even so (shown cut off, with an ellipsis)
    overflow: int  # cells cut off in all
    compact: int  # how abbreviated the wording is

    @property
    def lines(self) -> tuple[str, ...]:
        return self.meta + self.warning

    @property
    def damage(self) -> int:
        """What the reader misses: cut-off text, left-out facts and details."""
        return 100 * self.cut + 10 * self.overflow + 40 * (self.loss // 2) + 6 * (self.loss % 2)

    @property
    def penalty(self) -> int:
        """Lower is better: damage first, then abbreviations, a split warning, more lines."""
        split = 3 if len(self.warning) > 1 else 0
        return self.damage + 2 * self.compact + split + len(self.lines)


def _dedupe(forms: list[Form]) -> tuple[Form, ...]:
    seen: set[tuple[str, ...]] = set()
    out = []
    for form in forms:
        lines = tuple(line for line in form.lines if line)
        if lines and lines not in seen:
            seen.add(lines)
            out.append(Form(lines, form.loss, form.compact))
    return tuple(out)


def _line(*parts: str) -> str:
    return " · ".join(p for p in parts if p)


def meta_forms(platform: Platform) -> tuple[Form, ...]:
    """``onsite · win · since 1989`` and its shorter and two-line variants."""
    envs, clients = platform.environments, platform.clients
    e, c = " + ".join(envs), " + ".join(clients)
    ec, cc = "+".join(envs), "+".join(clients)
    since = f"since {platform.since}" if platform.since else ""
    year = str(platform.since) if platform.since else ""
    forms = [
        Form((_line(e, c, since),)),
        Form((_line(e, c, year),), compact=1),
        Form((_line(ec, cc, since),), compact=2),
        Form((_line(ec, cc, year),), compact=3),
        Form((_line(e, c), since)),
        Form((_line(ec, cc), since), compact=2),
        Form((e, _line(c, since))),
        Form((ec, _line(cc, since)), compact=2),
        Form((ec, _line(cc, year)), compact=3),
        Form((ec, cc, since), compact=2),
        Form((ec, cc, year), compact=3),
    ]
    return _dedupe(forms)


def _version(version: str, short: bool) -> str:
    if short and version[:1].isdigit():
        return f"v{version}"
    return version if short else f"from {version}"


def warning_forms(platform: Platform) -> tuple[Form, ...]:
    """``⚠ discontinued from 9`` (the platform's first warning) and shorter variants.

    Only warnings about the whole platform are platform lifecycle entries (the catalog puts
    API-level ones on points and capabilities). When a platform has several, the header
    names the first; the detail panel lists them all, each readable on its own."""
    warnings = platform.warnings
    if not warnings:
        return (Form(()),)
    first = warnings[0]
    status, version = first.status_text, first.from_version or first.last_version or ""
    forms: list[Form] = []
    for word, word_compact in ((status, 0), (STATUS_SHORT.get(status, status), 4)):
        for short, version_compact in ((False, 0), (True, 1)):
            when = _version(version, short) if version else ""
            compact = word_compact + version_compact
            forms.append(Form((f"⚠ {word} {when}".rstrip(),), compact=compact))
            forms.append(Form((f"⚠ {word}", when), compact=compact))
        forms.append(Form((f"⚠ {word}",), loss=2 if version else 0, compact=word_compact))
    return _dedupe(forms)


def fit_body(platform: Platform, width: int, max_lines: int) -> Body:
    """The best lines under the name for a column of ``width`` cells (indent included)."""
    return _fit(platform, width, max_lines)


@lru_cache(maxsize=512)
def _fit(platform: Platform, width: int, max_lines: int) -> Body:
    room = max(1, width - INDENT)
    best: Body | None = None
    for meta, warning in product(meta_forms(platform) or (Form(()),), warning_forms(platform)):
        lines = meta.lines + warning.lines
        if len(lines) > max_lines:
            continue
        over = [cell_len(line) - room for line in lines if cell_len(line) > room]
        body = Body(meta.lines, warning.lines, meta.loss + warning.loss, len(over), sum(over),
                    meta.compact + warning.compact)
        if best is None or body.penalty < best.penalty:
            best = body
    if best is None:  # fewer lines than needed: the shortest first line of each, cut off
        meta = meta_forms(platform)
        warning = warning_forms(platform)
        lines = ((meta[-1].lines[:1] if meta else ()) + (warning[-1].lines[:1] if warning else ()))[:max_lines]
        over = [cell_len(line) - room for line in lines if cell_len(line) > room]
        best = Body(lines, (), 2, len(over), sum(over), 9)
    return best


def body_lines_needed(platforms: list[Platform] | tuple[Platform, ...], widths: list[int], choices: tuple[int, ...]) -> int:
    """The fewest body lines (of ``choices``, ascending) that lose the least over all panes."""
    best_lines, best_damage = choices[0], None
    for lines in choices:
        damage = sum(fit_body(p, w, lines).damage for p, w in zip(platforms, widths))
        if best_damage is None or damage < best_damage:
            best_lines, best_damage = lines, damage
        if damage == 0:
            break
    return best_lines


def count_forms(shown: int, total: int) -> tuple[str, ...]:
    return (f"{shown} of {total} shown", f"{shown}/{total} shown", f"{shown}/{total}")


def dimmed_forms(reason: str) -> tuple[str, ...]:
    """``– onsite only — filtered out``, then without the tail."""
    short = reason.split(" — ")[0]
    return tuple(dict.fromkeys((f"– {reason}", f"– {short}")))


def first_fitting(forms: tuple[str, ...], width: int) -> str:
    """The first form that fits ``width`` cells after the indent, else the last one."""
    room = max(1, width - INDENT)
    return next((f for f in forms if cell_len(f) <= room), forms[-1])
