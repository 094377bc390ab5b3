"""Property tests of filters and the comparison on generated catalogs: hidden is never shown
as available, the row-set fast path agrees with the row-by-row answer, and differences-only
never hides a row whose compared (non-dimmed) cells differ."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.compare import CellState, ComparisonIndex
from explorer.core.filters import Filters
from explorer.core.model import (
    CLIENTS,
    ENVIRONMENTS,
    Availability,
    Capability,
    Catalog,
    CatalogInfo,
    Link,
    Platform,
    Point,
    Status,
)
from explorer.core.view import ViewSpec, build_view

PLATFORM_IDS = ("p0", "p1", "p2", "p3")
envs = st.lists(st.sampled_from(ENVIRONMENTS), min_size=1, max_size=2, unique=True).map(tuple)
clients = st.lists(st.sampled_from(CLIENTS), min_size=1, max_size=2, unique=True).map(tuple)
SOURCE = Link("source", "https://example.com")


@st.composite
def catalogs(draw) -> Catalog:
    platforms = tuple(
        Platform(pid, pid.upper(), pid, "", draw(envs), draw(clients), "", sources=(SOURCE,))
        for pid in PLATFORM_IDS[: draw(st.integers(1, len(PLATFORM_IDS)))]
    )
    ids = [p.id for p in platforms]
    capabilities = []
    points = []
    for c in range(draw(st.integers(1, 8))):
        elsewhere = tuple(
            Availability(pid, draw(st.sampled_from([Status.NOT_AVAILABLE, Status.UNKNOWN])), (), ())
            for pid in draw(st.lists(st.sampled_from(ids), unique=True, max_size=2))
        )
        capabilities.append(Capability(f"c{c}", f"Capability {c}", "data-api", elsewhere=elsewhere))
        for n in range(draw(st.integers(0, 3))):
            availability = tuple(
                Availability(pid, draw(st.sampled_from(list(Status))), draw(envs), draw(clients))
                for pid in draw(st.lists(st.sampled_from(ids), min_size=1, unique=True))
            )
            points.append(Point(f"c{c}.{n}", f"Point {c}.{n}", f"c{c}", "data-api", "", "inbound",
                                availability, SOURCE))
    return Catalog(CatalogInfo("gen", "Generated", "1"), platforms, tuple(capabilities), tuple(points))


filters = st.builds(
    lambda e, c: Filters(frozenset(e), frozenset(c)),
    st.lists(st.sampled_from(ENVIRONMENTS), unique=True),
    st.lists(st.sampled_from(CLIENTS), unique=True),
)


@settings(max_examples=150, deadline=None)
@given(catalog=catalogs(), chosen=filters, data=st.data())
def test_hidden_is_never_shown_and_shown_is_really_there(catalog, chosen, data):
    platforms = tuple(data.draw(st.permutations(catalog.platform_ids)))
    comparison = ComparisonIndex(catalog).compare(platforms, chosen)
    for row in comparison.rows:
        for cell in row.cells:
            for entry in cell.entries:
                assert chosen.admits(entry.availability), "a filtered entry is shown"
            if cell.state.present:
                assert cell.entries
            for entry in cell.filtered:
                assert not chosen.admits(entry.availability)
            if cell.state is CellState.FILTERED:
                assert cell.filtered_reason(chosen)
            # every admitted availability of the row's points on this platform is shown
            for point in catalog.points_of(row.capability.id):
                av = point.on(cell.platform)
                if av is not None and chosen.admits(av):
                    assert any(e.point is point for e in cell.entries)


@settings(max_examples=150, deadline=None)
@given(catalog=catalogs(), chosen=filters, data=st.data())
def test_row_sets_agree_with_the_rows_they_stand_for(catalog, chosen, data):
    platforms = tuple(data.draw(st.permutations(catalog.platform_ids)))
    index = ComparisonIndex(catalog)
    comparison = index.compare(platforms, chosen)
    for i, row in enumerate(comparison.rows):
        assert bool((comparison.present_bits >> i) & 1) == row.present
        assert bool((comparison.agree_bits >> i) & 1) == row.agree
    view = build_view(index, ViewSpec(platforms, chosen))
    for pid in platforms:
        shown = sum(len(c.entries) for r in view.rows for c in r.cells if c.platform == pid)
        assert view.counts[pid] == shown


@settings(max_examples=150, deadline=None)
@given(catalog=catalogs(), chosen=filters, data=st.data())
def test_row_heights_from_the_row_sets_agree_with_the_rows(catalog, chosen, data):
    """The bit-sliced count of points per pane gives each row's height as the built row does."""
    platforms = tuple(data.draw(st.lists(st.sampled_from(catalog.platform_ids), min_size=1, unique=True)))
    index = ComparisonIndex(catalog)
    comparison = index.compare(platforms, chosen)
    heights = comparison.row_heights()
    for i, row in enumerate(comparison.rows):
        assert heights[i] == row.height == comparison.height(i)
    view = build_view(index, ViewSpec(platforms, chosen))
    assert view.heights() == [row.height for row in view.rows]


@settings(max_examples=150, deadline=None)
@given(catalog=catalogs(), chosen=filters, data=st.data())
def test_differences_only_never_hides_a_row_whose_compared_cells_differ(catalog, chosen, data):
    """Compared cells: those of platforms the filters do not dim (a dimmed pane is empty on
    every row, so it would make every row "different")."""
    platforms = tuple(data.draw(st.permutations(catalog.platform_ids)))
    index = ComparisonIndex(catalog)
    everything = build_view(index, ViewSpec(platforms, chosen))
    different = build_view(index, ViewSpec(platforms, chosen, differences=True))
    dimmed = everything.comparison.dimmed
    kept = {row.capability.id for row in different.rows}
    for row in everything.rows:
        statuses = {cell.state.status for cell in row.cells if cell.platform not in dimmed}
        if len(statuses) > 1:
            assert row.capability.id in kept
        else:
            assert row.capability.id not in kept


def test_a_row_taller_than_a_byte_says_is_counted_too():
    platform = Platform("p0", "P0", "p0", "", ("cloud",), ("web",), "", sources=(SOURCE,))
    points = tuple(
        Point(f"c0.{n}", f"Point {n}", "c0", "data-api", "", "inbound",
              (Availability("p0", Status.AVAILABLE, ("cloud",), ("web",)),), SOURCE)
        for n in range(300)
    )
    capabilities = (Capability("c0", "Many", "data-api"), Capability("c1", "None", "data-api"))
    catalog = Catalog(CatalogInfo("big", "Big", "1"), (platform,), capabilities, points)
    comparison = ComparisonIndex(catalog).compare(("p0",), Filters())
    assert list(comparison.row_heights()) == [300, 1]
    assert comparison.row(0).height == 300
