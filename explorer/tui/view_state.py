"""What the main screen shows, kept apart from the widgets (no Textual import).

The app owns the :class:`~explorer.core.view.ViewSpec`; :class:`ViewState` turns it into a
view with :func:`~explorer.core.view.build_view` and keeps what makes that fast: the core's
builder cache, and the unsearched view and line model per (platforms, filters, differences
mode), so that a search keystroke only costs ``build_view`` plus a pass over the visible
rows' heights (row objects are built only for the rows on screen).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from explorer.core.compare import ComparisonIndex
from explorer.core.filters import Filters
from explorer.core.model import Catalog
from explorer.core.view import HitLike, View, ViewCache, ViewSpec, build_view
from explorer.tui.render.geometry import LineModel

BUILDER_CACHE = 8

Key = tuple[tuple[str, ...], Filters]


class ViewState:
    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.index = ComparisonIndex(catalog)
        self.cache = ViewCache(self.index, BUILDER_CACHE)
        self._plain: dict[tuple[Key, bool], tuple[View, LineModel]] = {}
        self.view: View | None = None
        self.model = LineModel([], [])
        self._row_index: dict[int, int] | None = None
        #: Row indexes of the cached unsearched models, by model identity.
        self._row_indexes: dict[int, dict[int, int]] = {}

    def prepare_search(self, engine: object) -> None:
        """Make what search views need from the engine (its pair table), ahead of the first
        keystroke; called in the background thread that built the engine."""
        self.cache.pair_table(engine)

    def build(self, spec: ViewSpec, hits: Sequence[HitLike] | None) -> tuple[View, LineModel]:
        key = (spec.platforms, spec.filters)
        searching = bool(spec.query.strip())
        plain_key = (key, spec.differences)
        for stale in [k for k in self._plain if k[0] not in self.cache]:  # their builder was dropped
            self._row_indexes.pop(id(self._plain.pop(stale)[1]), None)
        if not searching and plain_key in self._plain:
            view, model = self._plain[plain_key]
            if view.spec != spec:  # same rows; keep the spec exact for reports
                view = View(spec, view.comparison, view.rows, view.counts, view.totals)
        else:
            view = build_view(self.index, spec, hits, self.cache)
            model = LineModel(view.rows, view.heights())
            if not searching:
                self._plain[plain_key] = (view, model)
        self.view, self.model = view, model
        self._row_index = self._row_indexes.get(id(model)) if not searching else None
        return view, model

    def row_of(self, capability_id: str) -> int | None:
        """The view row showing a capability.

        While searching the order changes every keystroke: one C-speed ``list.index``
        beats building a dict of every row. Unsearched views keep a dict per cached model."""
        if self.view is None:
            return None
        grid_row = self.index.row_of_capability.get(capability_id)
        if grid_row is None:
            return None
        indices = self.view.row_indices
        if self.view.searching:
            try:
                return indices.index(grid_row)
            except ValueError:
                return None
        if self._row_index is None:
            self._row_index = {index: i for i, index in enumerate(indices)}
            self._row_indexes[id(self.model)] = self._row_index
        return self._row_index.get(grid_row)

    def nearest_row(self, capability_id: str) -> int:
        """The view row nearest to where a capability's row would be (catalog order), for a
        cursor whose row the filters or differences mode just hid."""
        if self.view is None or not self.view.rows:
            return 0
        grid_row = self.index.row_of_capability.get(capability_id)
        indices = self.view.row_indices
        if grid_row is None or self.view.searching:
            return 0
        position = bisect_left(indices, grid_row)
        if position >= len(indices):
            return len(indices) - 1
        if position > 0 and grid_row - indices[position - 1] <= indices[position] - grid_row:
            return position - 1
        return position

    def locate(self, point_id: str, platform_id: str) -> tuple[int, int, int] | None:
        """(row, entry, pane) of a point on a platform in the current view, if it shows."""
        if self.view is None:
            return None
        point = self.catalog.find_point(point_id)
        platforms = self.view.spec.platforms
        if point is None or platform_id not in platforms:
            return None
        row = self.row_of(point.capability)
        if row is None:
            return None
        pane = platforms.index(platform_id)
        for entry, item in enumerate(self.model.rows[row].cells[pane].entries):
            if item.point.id == point_id:
                return row, entry, pane
        return None
