"""Pure geometry for the main screen: column positions and the flattened line model.

No Textual import: the grid widget and the pane headers both call :func:`columns` so that
they line up, and :class:`LineModel` maps screen lines to (row, entry) in O(log rows).
Building a line model is one cheap pass over the view's row heights (``View.heights``).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import Sequence

from rich.cells import cell_len

from explorer.core.compare import Row

#: Below this width no capability gutter is shown (the detail panel names the capability).
GUTTER_MIN_WIDTH = 110
GUTTER_MAX = 26
SEPARATOR = "│"


@dataclass(frozen=True, slots=True)
class Column:
    """One pane's column: ``x`` is the first cell, ``width`` the usable cells."""

    x: int
    width: int


@dataclass(frozen=True, slots=True)
class Geometry:
    width: int
    gutter: int
    columns: tuple[Column, ...]

    def pane_at(self, x: int) -> int | None:
        """The pane index under screen column ``x`` (separators belong to the pane on the left)."""
        for index, column in enumerate(self.columns):
            if x < column.x + column.width + 1 and x >= column.x:
                return index
        if self.columns and x >= self.columns[-1].x:
            return len(self.columns) - 1
        return None


def columns(width: int, panes: int, gutter: bool | None = None) -> Geometry:
    """Split ``width`` cells into an optional gutter and ``panes`` equal columns.

    Every column is followed by a one-cell separator except the last; leftover cells go to
    the first columns. Widths never go below one, whatever the terminal size.
    """
    width = max(0, width)
    if panes <= 0:
        return Geometry(width, 0, ())
    use_gutter = width >= GUTTER_MIN_WIDTH if gutter is None else gutter
    gutter_width = min(GUTTER_MAX, max(12, width // 8)) if use_gutter else 0
    # The gutter is followed by a separator too.
    available = width - gutter_width - (1 if gutter_width else 0) - (panes - 1)
    base, extra = divmod(max(available, panes), panes)
    out: list[Column] = []
    x = gutter_width + (1 if gutter_width else 0)
    for index in range(panes):
        w = max(1, base + (1 if index < extra else 0))
        out.append(Column(x, w))
        x += w + 1
    return Geometry(width, gutter_width, tuple(out))


class LineModel:
    """The view's rows flattened into screen lines.

    ``starts[i]`` is the first line of row ``i``; ``total`` the number of lines.
    """

    __slots__ = ("rows", "heights", "starts", "total")

    def __init__(self, rows: Sequence[Row], heights: Sequence[int]) -> None:
        self.rows = rows
        self.heights = heights
        ends = list(accumulate(heights))
        self.total = ends[-1] if ends else 0
        self.starts = [0, *ends[:-1]] if ends else []

    def __len__(self) -> int:
        return len(self.rows)

    def locate(self, y: int) -> tuple[int, int] | None:
        """Screen line → (row index, line within the row), or None past the end."""
        if y < 0 or y >= self.total:
            return None
        index = bisect_right(self.starts, y) - 1
        return index, y - self.starts[index]

    def line_of(self, row_index: int, entry: int = 0) -> int:
        return self.starts[row_index] + entry


@lru_cache(maxsize=4096)
def gutter_lines(label: str, width: int, lines: int) -> tuple[str, ...]:
    """A capability label wrapped at word boundaries onto at most ``lines`` lines of
    ``width`` cells (a row taller than one line has room for more of its name). The last
    line keeps the rest; the caller cuts it off with an ellipsis."""
    words = label.split()
    if lines <= 1 or width <= 0 or cell_len(label) <= width:
        return (label,)
    out: list[str] = []
    current = ""
    for index, word in enumerate(words):
        candidate = f"{current} {word}" if current else word
        if current and cell_len(candidate) > width:
            out.append(current)
            if len(out) == lines - 1:  # the last line holds the rest
                out.append(" ".join(words[index:]))
                return tuple(out)
            current = word
        else:
            current = candidate
    out.append(current)
    return tuple(out)
