"""Pure geometry for the main screen: column positions and the flattened line model.

No Textual import: the grid widget and the pane headers both call :func:`columns` so that
they line up, and :class:`LineModel` maps screen lines to (row, entry) in O(log rows).
Building a line model is one cheap pass over the view's row heights (``View.heights``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from rich.cells import cell_len

from explorer.core.compare import Row

#: The capability gutter is as wide as the longest label (plus a space) within these bounds,
#: and only while every pane keeps ``PANE_MIN`` cells: few panes leave room for full labels,
#: many panes on a narrow screen none (the detail panel names the capability then).
GUTTER_MIN = 16
GUTTER_MAX = 34
#: With this many panes or fewer the panes are wide anyway: labels may take up to GUTTER_WIDE.
FEW_PANES = 3
GUTTER_WIDE = 48
PANE_MIN = 20
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


def gutter_width(width: int, panes: int, label: int) -> int:
    """The gutter's width for the longest capability label of ``label`` cells (0: none)."""
    room = width - 1 - panes * (PANE_MIN + 1)
    wanted = min(label + 1, GUTTER_WIDE if panes <= FEW_PANES else GUTTER_MAX, room)
    return wanted if wanted >= GUTTER_MIN else 0


def columns(width: int, panes: int, label: int = GUTTER_MAX, gutter: bool | None = None) -> Geometry:
    """Split ``width`` cells into an optional gutter (for labels up to ``label`` cells) and
    ``panes`` equal columns.

    Every column is followed by a one-cell separator except the last; leftover cells go to
    the first columns. Widths never go below one, whatever the terminal size.
    """
    width = max(0, width)
    if panes <= 0:
        return Geometry(width, 0, ())
    gutter_width_ = gutter_width(width, panes, label) if gutter is not False else 0
    # The gutter is followed by a separator too.
    available = width - gutter_width_ - (1 if gutter_width_ else 0) - (panes - 1)
    base, extra = divmod(max(available, panes), panes)
    out: list[Column] = []
    x = gutter_width_ + (1 if gutter_width_ else 0)
    for index in range(panes):
        w = max(1, base + (1 if index < extra else 0))
        out.append(Column(x, w))
        x += w + 1
    return Geometry(width, gutter_width_, tuple(out))


class LineModel:
    """The view's rows flattened into screen lines.

    ``starts[i]`` is the first line of row ``i``; ``total`` the number of lines.
    """

    __slots__ = ("heights", "rows", "starts", "total")

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
