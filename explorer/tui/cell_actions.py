"""Actions on the highlighted cell: open its doc link, copy it, step through search matches.

A mixin for :class:`~explorer.tui.app.ExplorerApp` (it uses ``highlighted()``, ``jump_to()``,
``view``, ``grid`` and ``catalog``), kept apart so the app module stays about wiring.
"""

from __future__ import annotations

import webbrowser

from textual import work

from explorer.core.util.sanitize import clean_text

WEB_SCHEMES = ("https://", "http://")


class CellActions:
    """``o`` open the doc link, ``y`` copy, ``n``/``N`` next/previous search match."""

    def action_open_doc(self) -> None:
        point, _ = self.highlighted()  # type: ignore[attr-defined]
        url = point.doc_url if point is not None else None
        if not url:
            self.notify("no doc link", markup=False)  # type: ignore[attr-defined]
            return
        if not url.lower().startswith(WEB_SCHEMES):  # never hand javascript:/file: to a browser
            self.notify(f"Not a web link: {clean_text(url)}", severity="warning", markup=False)  # type: ignore[attr-defined]
            return
        self._open_in_browser(url)
        self.notify(f"Opened {clean_text(url)}", markup=False)  # type: ignore[attr-defined]

    @work(thread=True, group="browser")
    def _open_in_browser(self, url: str) -> None:
        webbrowser.open(url)  # may block while a browser starts: not on the UI thread

    def action_copy(self) -> None:
        point, platform_id = self.highlighted()  # type: ignore[attr-defined]
        if platform_id is None:
            return
        platform = self.catalog.platform(platform_id)  # type: ignore[attr-defined]
        if point is not None:
            lines = [f"{point.name} — {platform.name}", point.summary, point.doc_url or point.source.url]
            what = point.name
        else:
            row, cell, _ = self.grid.current()  # type: ignore[attr-defined]
            if row is None or cell is None:
                return
            lines = [f"{row.capability.name} — {platform.name}", cell.state.status.word, cell.note]
            what = row.capability.name
        text = "\n".join(clean_text(line) for line in lines if line)
        self.copy_to_clipboard(text)  # type: ignore[attr-defined]
        self.notify(f"Copied {clean_text(what)} to the clipboard", markup=False)  # type: ignore[attr-defined]

    def _step_match(self, step: int) -> None:
        view = self.view  # type: ignore[attr-defined]
        if view is None or not view.hits:
            searching = self.query_text.strip()  # type: ignore[attr-defined]
            self.notify("no search matches" if searching else "no search", markup=False)  # type: ignore[attr-defined]
            return
        point, platform = self.highlighted()  # type: ignore[attr-defined]
        keys = [(h.point.id, h.platform) for h in view.hits]
        current = (point.id, platform) if point is not None else None
        index = keys.index(current) + step if current in keys else (0 if step > 0 else -1)
        point_id, platform_id = keys[index % len(keys)]
        self.jump_to(point_id, platform_id)  # type: ignore[attr-defined]

    def action_next_match(self) -> None:
        self._step_match(1)

    def action_previous_match(self) -> None:
        self._step_match(-1)
