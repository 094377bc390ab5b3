"""What ``o`` opens and ``y`` copies for the highlighted cell: plain text, no widgets."""

from __future__ import annotations

from explorer.core.compare import Cell, Row
from explorer.core.model import Catalog, Point
from explorer.core.util.sanitize import clean_text

WEB_SCHEMES = ("https://", "http://")


def doc_link(point: Point | None) -> tuple[str | None, str]:
    """(the web link to open, "") or (None, why there is none). Never a javascript: or
    file: link: only http(s) goes to a browser."""
    url = point.doc_url if point is not None else None
    if not url:
        return None, "no doc link"
    if not url.lower().startswith(WEB_SCHEMES):
        return None, f"Not a web link: {clean_text(url)}"
    return url, ""


def copy_text(catalog: Catalog, point: Point | None, platform_id: str, row: Row | None,
              cell: Cell | None) -> tuple[str, str] | None:
    """(clipboard text, what it names) for a point, or for an empty cell its capability and
    status; None when there is nothing under the cursor."""
    platform = catalog.platform(platform_id)
    if point is not None:
        lines = [f"{point.name} — {platform.name}", point.summary, point.doc_url or point.source.url]
        what = point.name
    elif row is not None and cell is not None:
        lines = [f"{row.capability.name} — {platform.name}", cell.state.status.word, cell.note]
        what = row.capability.name
    else:
        return None
    return "\n".join(clean_text(line) for line in lines if line), clean_text(what)
