"""Report formats, file names and writing a report to a file."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from explorer.core.report.csv_report import render_csv
from explorer.core.report.data import Report, ReportError
from explorer.core.report.html_report import render_html
from explorer.core.report.json_report import render_json
from explorer.core.report.markdown import render_markdown
from explorer.core.report.recommendation import FORMATS as RECOMMENDATION_FORMATS
from explorer.core.report.recommendation import RecommendationReport
from explorer.core.report.recommendation import render_json as recommendation_json
from explorer.core.report.recommendation_html import render_html as recommendation_html
from explorer.core.report.recommendation_md import render_markdown as recommendation_md
from explorer.core.util.atomic import write_atomic


@dataclass(frozen=True)
class Format:
    key: str
    title: str
    extensions: tuple[str, ...]
    render: Callable[[Report], str]

    @property
    def extension(self) -> str:
        return self.extensions[0]


FORMATS: dict[str, Format] = {
    "md": Format("md", "Markdown", (".md", ".markdown"), render_markdown),
    "csv": Format("csv", "CSV", (".csv",), render_csv),
    "json": Format("json", "JSON", (".json",), render_json),
    "html": Format("html", "HTML", (".html", ".htm"), render_html),
}


def format_for_path(path: str | os.PathLike[str]) -> str | None:
    """The format a file name's extension names (case-insensitive), or None."""
    suffix = Path(path).suffix.lower()
    for key, fmt in FORMATS.items():
        if suffix in fmt.extensions:
            return key
    return None


def render(report: Report, fmt: str) -> bytes:
    """The report in a format, as UTF-8 bytes (byte-for-byte what is written)."""
    try:
        renderer = FORMATS[fmt].render
    except KeyError:
        raise ReportError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}") from None
    return renderer(report).encode("utf-8")


RECOMMENDATION_RENDERERS: dict[str, Callable[[RecommendationReport], str]] = {
    "md": recommendation_md,
    "html": recommendation_html,
    "json": recommendation_json,
}


def render_recommendation(report: RecommendationReport, fmt: str) -> bytes:
    """A recommendation report in md, html or json, as the UTF-8 bytes that are written."""
    renderer = RECOMMENDATION_RENDERERS.get(fmt)
    if renderer is None:
        raise ReportError(f"a recommendation report is {', '.join(RECOMMENDATION_FORMATS)}, not {fmt!r}")
    return renderer(report).encode("utf-8")


def default_filename(fmt: str, day: date | None = None) -> str:
    """``so-explorer-2026-11-27.md``: today's date, the format's extension."""
    day = day or date.today()
    return f"so-explorer-{day.isoformat()}{FORMATS[fmt].extension}"


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_report(data: bytes, path: str | os.PathLike[str], force: bool = False) -> Path:
    """Write report bytes to ``path`` atomically; return the absolute path written.

    Refuses to replace an existing file unless ``force``. Every failure is a
    :class:`ReportError` with a one-line message naming the file.
    """
    target = Path(path).expanduser()
    shown = str(target)
    try:
        if target.is_dir():
            raise ReportError(f"cannot write {shown}: it is a folder")
        mode = 0o666 & ~_umask()
        if target.exists() or target.is_symlink():
            if not force:
                raise ReportError(f"{shown} already exists; use --force to overwrite it")
            if not os.access(target, os.W_OK):
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
            mode = target.stat().st_mode & 0o777
        if not target.parent.is_dir():
            raise FileNotFoundError(errno.ENOENT, f"folder {target.parent} does not exist")
        write_atomic(target, data)
        os.chmod(target, mode)
    except ReportError:
        raise
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ReportError(f"cannot write {shown}: {reason}") from None
    return target.resolve()
