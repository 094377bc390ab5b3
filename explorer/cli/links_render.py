"""How ``so-explorer links`` shows its results: a readable list, JSON, and a progress bar.

The text list puts good news first and problems last, right above the summary line, so the
lines a person needs are the ones left on screen when the command ends. Problems are in
capitals (``BROKEN``, ``ERROR``) so they stand out without colour and can be grepped.

Everything shown went through ``clean_text``: URLs and labels come from the catalog,
reasons and redirect targets from the network.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable, Sequence
from typing import TextIO

from explorer.core.util.sanitize import clean_text

# The outcomes as the core names them (explorer.core.links.result); repeated here so that
# rendering does not import the HTTP machinery.
ORDER = ("ok", "redirect", "broken", "error")
LABELS = {"ok": "ok", "redirect": "redirect", "broken": "BROKEN", "error": "ERROR"}
NOUNS = {"ok": ("ok", "ok"), "redirect": ("redirect", "redirects"),
         "broken": ("broken", "broken"), "error": ("error", "errors")}
USED_BY_SHOWN = 3
LABEL_WIDTH = 8
STATUS_WIDTH = 3
INDENT = " " * (LABEL_WIDTH + STATUS_WIDTH + 4)


def _used_by(labels: Sequence[str]) -> str:
    shown = ", ".join(clean_text(label) for label in labels[:USED_BY_SHOWN])
    more = len(labels) - USED_BY_SHOWN
    return f"used by: {shown}" + (f" and {more} more (--json lists all)" if more > 0 else "")


def render_result(result) -> list[str]:
    """The lines for one result: the URL row, then hops, the reason and uses if relevant."""
    status = str(result.status) if result.status is not None else "-"
    label = LABELS.get(result.result, result.result)
    lines = [f"{label:<{LABEL_WIDTH}}  {status:>{STATUS_WIDTH}}  {clean_text(result.url)}"]
    if result.result == "ok":
        return lines
    for hop in result.hops:
        lines.append(f"{INDENT}{hop.status} → {clean_text(hop.location)}")
    if result.result == "redirect" and result.final_url:
        lines.append(f"{INDENT}final: {clean_text(result.final_url)}")
    if result.error:
        lines.append(f"{INDENT}{clean_text(result.error)}")
    if result.used_by:
        lines.append(INDENT + _used_by(result.used_by))
    return lines


def summary_line(counts: dict[str, int], total: int) -> str:
    """``7 URLs: 2 ok, 1 redirect, 2 broken, 2 errors`` (every outcome, even at zero)."""
    parts = [f"{counts.get(name, 0)} {NOUNS[name][counts.get(name, 0) != 1]}" for name in ORDER]
    return f"{total} URL{'s' if total != 1 else ''}: " + ", ".join(parts)


def render_text(results: Sequence, counts: dict[str, int]) -> str:
    """Every result grouped by outcome (ok, redirect, broken, error), then the summary."""
    lines: list[str] = []
    for name in ORDER:
        for result in results:
            if result.result == name:
                lines.extend(render_result(result))
    lines.append("")
    lines.append(summary_line(counts, len(results)))
    return "\n".join(lines)


def render_json(records: Iterable[dict]) -> str:
    """A JSON array with one record per line (stable key order, UTF-8 kept as is)."""
    lines = [json.dumps(record, ensure_ascii=False, allow_nan=False) for record in records]
    if not lines:
        return "[]"
    return "[\n  " + ",\n  ".join(lines) + "\n]"


class ProgressBar:
    """A one-line bar redrawn in place on a terminal; does nothing on anything else.

    Only for stderr and only when it is a TTY, so pipes, files and ``--json`` consumers
    never see carriage returns.
    """

    def __init__(self, stream: TextIO, total: int) -> None:
        self.stream = stream
        self.total = total
        try:
            self.enabled = total > 0 and stream.isatty()
        except (AttributeError, ValueError):
            self.enabled = False
        self._shown = 0

    def _width(self) -> int:
        return max(20, min(shutil.get_terminal_size((80, 24)).columns, 120) - 1)

    def update(self, done: int, problems: int) -> None:
        if not self.enabled:
            return
        width = self._width()
        tail = f" {done}/{self.total} URLs" + (f", {problems} problem{'s' * (problems != 1)}" if problems else "")
        widest = len(f" {self.total}/{self.total} URLs, {self.total} problems")  # the bar keeps its size
        bar_width = max(10, width - widest - 8)
        filled = bar_width * done // self.total
        line = f"links [{'#' * filled}{'-' * (bar_width - filled)}]{tail}"[:width]
        self.stream.write("\r" + line.ljust(self._shown))
        self.stream.flush()
        self._shown = len(line)

    def clear(self) -> None:
        """Erase the bar so the next output starts on a clean line."""
        if self.enabled and self._shown:
            self.stream.write("\r" + " " * self._shown + "\r")
            self.stream.flush()
            self._shown = 0
