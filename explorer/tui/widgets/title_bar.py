"""The title line: the catalog on the left, the active shortlist on the right."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Static

from explorer.core.model import CatalogInfo


class Title(Widget):
    """``so-explorer · <catalog> <version>``; when narrow the catalog and its version
    come first (the app's name goes), then the name is cut off."""

    def __init__(self, info: CatalogInfo, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.forms = (f"so-explorer · {info.name} {info.version}", f"{info.name} {info.version}")

    def render(self) -> Text:
        width = self.content_region.width or 10**6
        text = next((f for f in self.forms if cell_len(f) <= width), self.forms[-1])
        return Text(text, no_wrap=True, overflow="ellipsis", end="")


class TitleBar(Horizontal):
    DEFAULT_CSS = """
    TitleBar { height: 1; width: 1fr; background: $primary-background; }
    TitleBar > #title { width: 1fr; height: 1; padding: 0 1; text-style: bold; }
    TitleBar > #shortlist { width: auto; height: 1; padding: 0 1; color: $text-warning; }
    """

    def __init__(self, info: CatalogInfo, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.info = info
        self.shortlist_text = ""
        self._shortlist = Static("", id="shortlist", markup=False)

    def compose(self) -> ComposeResult:
        yield Title(self.info, id="title")
        yield self._shortlist

    def set_shortlist(self, text: str) -> None:
        """Right-hand text, e.g. ``shortlist: Acme (3 ★)``; empty hides it."""
        self.shortlist_text = text
        self._shortlist.update(Text(text, no_wrap=True))
