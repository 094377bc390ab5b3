"""The format-neutral report model: scopes, grouping, filtered cells, timestamps, writing."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from explorer.core.bookmarks import Bookmark
from explorer.core.compare import CellState, ComparisonIndex
from explorer.core.filters import Filters, filtered_label
from explorer.core.model import Catalog, Status
from explorer.core.report import (
    FORMATS,
    ReportError,
    default_filename,
    format_for_path,
    generated_at,
    render,
    report_everything,
    report_from_view,
    report_shortlist,
    write_report,
)
from explorer.core.search import SearchEngine
from explorer.core.view import ViewBuilder, ViewSpec

STAMP = "2026-11-27T12:00:00Z"


def view_report(catalog: Catalog, platforms=None, filters=None, query="", differences=False):
    platforms = tuple(platforms or catalog.platform_ids)
    filters = filters or Filters()
    builder = ViewBuilder(ComparisonIndex(catalog), platforms, filters)
    hits = SearchEngine(catalog).search(query) if query else None
    view = builder.build(ViewSpec(platforms, filters, query, differences), hits)
    return view, report_from_view(catalog, view, STAMP)


def cell(report, capability_id, platform_id):
    for row in report.rows:
        if row.capability.id == capability_id:
            for c in row.cells:
                if c.platform.id == platform_id:
                    return c
    raise AssertionError(f"no cell {capability_id}/{platform_id}")


def test_view_report_holds_exactly_the_view_rows(mini_catalog: Catalog) -> None:
    view, report = view_report(mini_catalog)
    assert {r.capability.id for r in report.rows} == {r.capability.id for r in view.rows}
    assert report.header.scope == "view"
    assert report.header.generated_at == STAMP
    assert report.header.catalog_hash == mini_catalog.content_hash
    assert len(report.header.short_hash) == 16
    assert [p.id for p in report.header.platforms] == ["alpha", "beta", "gamma"]


def test_rows_are_grouped_by_outcome_in_fixed_order(mini_catalog: Catalog) -> None:
    report = report_everything(mini_catalog, timestamp=STAMP)
    outcomes = [g.outcome for g in report.groups]
    assert outcomes == sorted(outcomes, key=["all", "some", "none"].index)
    for group in report.groups:
        assert group.rows and all(r.outcome == group.outcome for r in group.rows)
    assert report.groups[0].outcome == "all"
    assert [r.capability.id for r in report.groups[0].rows] == ["hooks"]


def test_everything_ignores_filters_and_keeps_every_row(mini_catalog: Catalog) -> None:
    report = report_everything(mini_catalog, timestamp=STAMP)
    # every capability row, grouped by outcome, catalog order inside a group
    assert [r.capability.id for r in report.rows] == ["hooks", "panels", "api", "legacy"]
    assert report.header.filters.is_default and report.header.scope == "all"


def test_filtered_cell_reads_as_in_the_app(mini_catalog: Catalog) -> None:
    """Issue 13 item 5: filtered is "– filtered (onsite only)", as the grid says, never "✗"."""
    _, report = view_report(mini_catalog, filters=Filters.from_lists(["cloud"], ["win"]))
    hooks_alpha = cell(report, "hooks", "alpha")
    assert hooks_alpha.state is CellState.FILTERED and hooks_alpha.key == "filtered"
    assert hooks_alpha.label == "– filtered (onsite only)" == filtered_label("onsite only")
    assert cell(report, "hooks", "beta").label == "– filtered (web client only)"
    assert [ref.point.id for ref in hooks_alpha.hidden] == ["alpha.events"]
    for row in report.rows:
        for c in row.cells:
            assert ("not available" in c.label) == (c.state is CellState.NOT_AVAILABLE)


def test_unknown_is_never_not_available(mini_catalog: Catalog) -> None:
    report = report_everything(mini_catalog, timestamp=STAMP)
    api_alpha = cell(report, "api", "alpha")
    assert api_alpha.key == "unknown"
    assert api_alpha.label == "? unknown"


def test_partial_point_lists_its_limits(mini_catalog: Catalog) -> None:
    report = report_everything(mini_catalog, timestamp=STAMP)
    soap = cell(report, "legacy", "gamma")
    assert soap.key == "partial" and soap.points[0].status is Status.PARTIAL
    assert soap.points[0].limits(soap.platform) == ("onsite only",)


def test_every_compared_platform_leaves_out_the_dimmed_ones(mini_catalog: Catalog) -> None:
    """Issue 13 item 4: alpha (onsite only) is filtered out under cloud, so the webhooks row,
    which beta and gamma both have, is "available on every compared platform"."""
    _, report = view_report(mini_catalog, filters=Filters.from_lists(["cloud"]))
    assert report.header.dimmed == {"alpha": "onsite only"}
    groups = {g.outcome: [r.capability.id for r in g.rows] for g in report.groups}
    assert groups["all"] == ["hooks"]
    assert cell(report, "hooks", "alpha").filtered


def test_points_carry_requirements_and_lifecycle_warnings(mini_catalog: Catalog) -> None:
    """Issue 13 item 6: requirements resolved to names (with alternatives and scope)."""
    report = report_everything(mini_catalog, timestamp=STAMP)
    hooks = cell(report, "hooks", "gamma").points
    webhooks = next(ref for ref in hooks if ref.point.id == "gamma.webhooks")
    # worded as in the app's detail panel (Catalog.requirement_text)
    assert [r.text for r in webhooks.requires] == ["Developer licence or Core plan — cloud only"]
    assert webhooks.requires[0].names == ("Developer licence", "Core plan")
    assert webhooks.has_notes
    soap = cell(report, "legacy", "gamma").points[0]
    assert [lc.status for lc in soap.warnings] == ["phase-out"]
    notes = {n.point.id: n for n in report.notes}
    assert [p.id for p in notes["gamma.webhooks"].platforms] == ["beta", "gamma"]
    assert notes["gamma.soap"].warnings == soap.warnings
    # onsite only: the cloud-only requirement does not apply, in the cell or in the notes
    _, onsite = view_report(mini_catalog, filters=Filters.from_lists(["onsite"]))
    assert next(r for r in cell(onsite, "hooks", "gamma").points if r.point.id == "gamma.webhooks").requires == ()
    assert {n.point.id: n for n in onsite.notes}["gamma.webhooks"].requires == ()


def test_title_and_checked_date_reach_the_header(mini_catalog: Catalog) -> None:
    report = report_everything(mini_catalog, timestamp=STAMP, title="Acme <b>")
    assert report.header.heading == "Acme <b>"
    assert report.header.catalog_text == "Mini test catalog 1.0, facts checked 2026-12-02"
    assert report_everything(mini_catalog, timestamp=STAMP).header.heading == "Integration comparison: Mini test catalog"


def test_query_and_differences_reach_the_header(mini_catalog: Catalog) -> None:
    view, report = view_report(mini_catalog, query="webhooks", differences=True)
    assert report.header.query == "webhooks"
    assert report.header.differences is True
    assert [r.capability.id for r in report.rows] == [r.capability.id for r in view.rows]


def test_query_that_matches_nothing_gives_an_empty_report(mini_catalog: Catalog) -> None:
    _, report = view_report(mini_catalog, query="zzzzqqq")
    assert report.empty and report.groups == ()
    for fmt in FORMATS:  # every format still renders an empty report
        assert render(report, fmt)


def test_platform_sections_count_shown_points_and_warnings(mini_catalog: Catalog) -> None:
    _, report = view_report(mini_catalog, filters=Filters.from_lists(["cloud"], None))
    sections = {s.platform.id: s for s in report.platforms}
    assert sections["alpha"].dimmed  # onsite only, filtered out
    assert sections["alpha"].shown == 0
    assert sections["gamma"].shown == 2  # webhooks + REST (SOAP is onsite only)
    assert [lc.status for lc in sections["alpha"].platform.warnings] == ["discontinued"]


def test_shortlist_report_keeps_notes_order_and_missing_points(mini_catalog: Catalog) -> None:
    marks = [
        Bookmark("gamma.soap", "gamma", "ask about removal"),
        Bookmark("gone.point", "beta", "was here"),
        Bookmark("alpha.panels", "alpha"),
    ]
    report = report_shortlist(mini_catalog, marks, "Project X", timestamp=STAMP)
    assert report.header.scope == "shortlist" and report.header.shortlist == "Project X"
    items = report.shortlist
    assert [i.point_id for i in items] == ["gamma.soap", "gone.point", "alpha.panels"]
    assert items[0].note == "ask about removal" and items[0].status is Status.PARTIAL
    assert items[1].missing and items[1].status is Status.UNKNOWN
    assert {r.capability.id for r in report.rows} == {"legacy", "panels"}
    assert not report.empty
    assert report_shortlist(mini_catalog, [], "Empty", timestamp=STAMP).empty


def test_generated_at_uses_source_date_epoch() -> None:
    assert generated_at({"SOURCE_DATE_EPOCH": "0"}) == "1970-01-01T00:00:00Z"
    assert generated_at({"SOURCE_DATE_EPOCH": "1795000000"}) == "2026-11-18T11:06:40Z"
    now = datetime(2026, 1, 2, 3, 4, 5, 678, tzinfo=UTC)
    assert generated_at({}, now=now) == "2026-01-02T03:04:05Z"
    assert generated_at({"SOURCE_DATE_EPOCH": " "}, now=now) == "2026-01-02T03:04:05Z"
    for bad in ("yesterday", "1.5", "99999999999999999999"):
        with pytest.raises(ReportError, match="SOURCE_DATE_EPOCH"):
            generated_at({"SOURCE_DATE_EPOCH": bad})


def test_format_from_extension_and_default_name() -> None:
    assert format_for_path("a/b/report.MD") == "md"
    assert format_for_path("x.markdown") == "md"
    assert format_for_path("x.htm") == "html"
    assert format_for_path("x.csv") == "csv" and format_for_path("x.json") == "json"
    assert format_for_path("x.txt") is None and format_for_path("noext") is None
    assert default_filename("html", date(2026, 11, 27)) == "so-explorer-2026-11-27.html"
    assert default_filename("md", date(2026, 11, 27)) == "so-explorer-2026-11-27.md"


def test_write_report_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "r.md"
    assert write_report(b"one", target) == target.resolve()
    with pytest.raises(ReportError, match="already exists; use --force"):
        write_report(b"two", target)
    assert target.read_bytes() == b"one"
    write_report(b"two", target, force=True)
    assert target.read_bytes() == b"two"
    assert not [p for p in tmp_path.iterdir() if p.name != "r.md"]  # no temp files left


def test_write_report_keeps_the_mode_of_a_replaced_file(tmp_path: Path) -> None:
    target = tmp_path / "r.csv"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_report(b"new", target, force=True)
    assert target.stat().st_mode & 0o777 == 0o640


def test_write_report_errors_are_one_line(tmp_path: Path) -> None:
    with pytest.raises(ReportError) as missing:
        write_report(b"x", tmp_path / "no" / "such" / "r.md")
    assert str(missing.value).startswith(f"cannot write {tmp_path / 'no' / 'such' / 'r.md'}: ")
    with pytest.raises(ReportError, match="it is a folder"):
        write_report(b"x", tmp_path, force=True)
    assert "\n" not in str(missing.value)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores permissions")
def test_write_report_permission_denied(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(ReportError, match=r"cannot write .*r\.md: Permission denied"):
            write_report(b"x", locked / "r.md")
    finally:
        locked.chmod(0o700)
